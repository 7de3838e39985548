//! Pages: a flow too big for its slide is split into pages joined by
//! off-page connectors — by phase when it has phases, else at rank cuts.
//! What users see: every step on exactly one page, every connector naming
//! a page and a step there (and the connector on that page naming it
//! back), page titles, one file per page from `render`, and layout-json's
//! `pages`.

use crate::layout::{generated_flow, generated_phased_flow};
use crate::util::{root, run, stderr};
use crmflow::layout::{Layout, PAGE_TEXT_PT, Page};
use proptest::prelude::*;
use std::collections::HashMap;

fn compile(text: &str) -> crmflow::Compiled {
    let source = crmflow::SourceFile::new("pages.crmflow", text.to_owned());
    let options = crmflow::Options {
        layout: crmflow::layout::LayoutOptions {
            pages: true,
            ..Default::default()
        },
        ..crmflow::Options::default()
    };
    crmflow::compile(&source, &options).unwrap_or_else(|diags| panic!("{diags:#?}\n{text}"))
}

/// Checks what every split must hold; `Err` says what broke.
fn check_pages(compiled: &crmflow::Compiled) -> Result<(), String> {
    let pages: Vec<&Layout> = compiled.pages.iter().map(|p| &p.drawing.layout).collect();
    if pages.is_empty() {
        return Ok(());
    }
    if pages.len() < 2 {
        return Err("a split into one page".into());
    }
    // Every node of the flow is drawn on exactly one page (copies of data
    // shapes, `id@page` and `id.n`, and connectors aside).
    let mut drawn_on: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, layout) in pages.iter().enumerate() {
        for node in &layout.nodes {
            if node.off_page.is_none() && node.copy_of.is_none() && !node.id.contains('@') {
                drawn_on.entry(node.id.as_str()).or_default().push(index);
            }
        }
    }
    for node in &compiled.flow.nodes {
        match drawn_on.get(node.id.as_str()).map(Vec::as_slice) {
            Some([_]) => {}
            other => return Err(format!("`{}` is drawn on pages {other:?}", node.id)),
        }
    }
    // Every connector names another page and a step on it, and that page
    // has the connector coming back.
    for (index, layout) in pages.iter().enumerate() {
        for node in layout.nodes.iter().filter(|n| n.off_page.is_some()) {
            let off = node.off_page.as_ref().unwrap();
            if off.page == index + 1 || off.page == 0 || off.page > pages.len() {
                return Err(format!(
                    "`{}` on page {} names page {}",
                    node.id,
                    index + 1,
                    off.page
                ));
            }
            if drawn_on.get(off.node.as_str()).map(Vec::as_slice) != Some(&[off.page - 1]) {
                return Err(format!(
                    "`{}` names `{}`, not on page {}",
                    node.id, off.node, off.page
                ));
            }
            let back = pages[off.page - 1].nodes.iter().any(|other| {
                other
                    .off_page
                    .as_ref()
                    .is_some_and(|o| o.page == index + 1 && o.outgoing != off.outgoing)
            });
            if !back {
                return Err(format!(
                    "`{}` on page {} has no connector coming back on page {}",
                    node.id,
                    index + 1,
                    off.page
                ));
            }
        }
        // No two boxes of a page overlap.
        for (i, a) in layout.nodes.iter().enumerate() {
            for b in &layout.nodes[i + 1..] {
                if a.rect.overlaps(&b.rect) {
                    return Err(format!(
                        "`{}` and `{}` overlap on page {}",
                        a.id,
                        b.id,
                        index + 1
                    ));
                }
            }
        }
    }
    Ok(())
}

fn points(layout: &Layout) -> f64 {
    Page::Slide.text_points(layout.width, layout.height)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_big_flows_split_into_pages_that_name_each_other(
        seed in proptest::collection::vec(any::<u32>(), 1..64),
        lanes in 3usize..8,
        steps in 16usize..44,
        phases in 0usize..7,
        down in any::<bool>(),
    ) {
        let text = if phases < 2 {
            generated_flow(&seed, lanes, steps, down)
        } else {
            generated_phased_flow(&seed, lanes, steps, phases, down)
        };
        let compiled = compile(&text);
        if let Err(violation) = check_pages(&compiled) {
            prop_assert!(false, "{violation}\n{text}");
        }
        // A page under the target holds a single phase (it cannot be cut).
        if phases >= 2 {
            for page in &compiled.pages {
                let layout = &page.drawing.layout;
                prop_assert!(
                    points(layout) >= PAGE_TEXT_PT || layout.phases.len() <= 1
                        || !page.drawing.label.contains(", ") && !page.drawing.label.contains('、'),
                    "page {} ({}) is at {:.1} pt\n{text}",
                    page.drawing.index + 1,
                    page.drawing.label,
                    points(layout)
                );
            }
        }
        let again = compile(&text);
        let svgs = |c: &crmflow::Compiled| c.pages.iter().map(|p| p.svg.clone()).collect::<Vec<_>>();
        prop_assert_eq!(svgs(&compiled), svgs(&again), "pages are not deterministic");
    }
}

#[test]
fn a_phased_flow_too_big_for_a_slide_is_split_at_its_phases() {
    let text = std::fs::read_to_string(root().join("examples/lead-to-cash.crmflow")).unwrap();
    let compiled = compile(&text);
    check_pages(&compiled).unwrap();
    assert!(
        points(&compiled.layout) < PAGE_TEXT_PT,
        "whole, it is too small for a slide"
    );
    assert!(compiled.pages.len() >= 2);
    for page in &compiled.pages {
        let layout = &page.drawing.layout;
        let title = layout.title.as_ref().and_then(|t| t.title.clone()).unwrap();
        assert!(
            title.contains(&format!(
                "（{}/{}",
                page.drawing.index + 1,
                compiled.pages.len()
            )),
            "{title}"
        );
        // Each page draws only the phases it shows and the lanes it uses.
        for phase in &layout.phases {
            assert!(
                !phase.nodes.is_empty(),
                "page {} draws the empty phase {}",
                page.drawing.index + 1,
                phase.id
            );
        }
        assert!(layout.lanes.len() < compiled.layout.lanes.len() || layout.lanes.len() <= 3);
        assert!(points(layout) > points(&compiled.layout));
    }
    // The connectors read "→ 2 · step" where the flow leaves a page.
    let first = &compiled.pages[0].drawing.layout;
    let out = first
        .nodes
        .iter()
        .find(|n| n.off_page.as_ref().is_some_and(|o| o.outgoing))
        .expect("page 1 leads on");
    assert!(out.lines.join("").starts_with("→ 2 · "), "{:?}", out.lines);
}

#[test]
fn a_small_flow_with_phases_too_small_whole_is_cut_at_its_phases_into_pages_alike() {
    // 14 steps in 6 lanes and 4 phases: 7.5 pt whole on a slide. Its
    // phases are where a designer cuts it; the greedy cut left "Retain"
    // alone on page 2 (9.0 pt and 16.7 pt), the balanced one gives two
    // phases a page.
    for (file, labels) in [
        (
            "templates/customer-lifecycle.en.crmflow",
            ["Acquire, Convert", "Deliver, Retain"],
        ),
        (
            "templates/customer-lifecycle.zh.crmflow",
            ["获客、转化", "交付、留存"],
        ),
    ] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let compiled = compile(&text);
        check_pages(&compiled).unwrap();
        assert!(
            points(&compiled.layout) < PAGE_TEXT_PT,
            "{file}: whole, too small"
        );
        let got: Vec<&str> = compiled
            .pages
            .iter()
            .map(|p| p.drawing.label.as_str())
            .collect();
        assert_eq!(got, labels, "{file}");
        let sizes: Vec<f64> = compiled
            .pages
            .iter()
            .map(|p| points(&p.drawing.layout))
            .collect();
        assert!(
            sizes.iter().all(|&pt| pt >= PAGE_TEXT_PT),
            "{file}: {sizes:?}"
        );
        assert!(
            sizes[1] / sizes[0] < 1.5,
            "{file}: pages alike in size, not a page and a scrap: {sizes:?}"
        );
    }
    // Without phases a small flow stays whole (customer-info: 14 nodes, 7.8 pt).
    let text = std::fs::read_to_string(root().join("templates/customer-info.en.crmflow")).unwrap();
    assert!(compile(&text).pages.is_empty());
}

#[test]
fn small_flows_and_page_none_are_never_split() {
    let small = std::fs::read_to_string(root().join("examples/lead-to-contract.crmflow")).unwrap();
    assert!(compile(&small).pages.is_empty());
    let big = std::fs::read_to_string(root().join("examples/lead-to-cash.crmflow")).unwrap();
    let source = crmflow::SourceFile::new("big.crmflow", big);
    let options = crmflow::Options {
        layout: crmflow::layout::LayoutOptions {
            page: Page::None,
            force_page: true,
            pages: true,
            ..Default::default()
        },
        ..crmflow::Options::default()
    };
    assert!(
        crmflow::compile(&source, &options)
            .unwrap()
            .pages
            .is_empty()
    );
}

/// A folder holding a copy of `examples/<example>.crmflow` as `<name>`.
fn example_in_a_folder(example: &str, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join(format!("examples/{example}.crmflow")),
        dir.path().join(name),
    )
    .unwrap();
    dir
}

#[test]
fn render_writes_one_file_per_page_beside_the_whole_drawing() {
    let dir = example_in_a_folder("lead-to-cash", "l2c.crmflow");
    let output = run(
        dir.path(),
        &["render", "l2c.crmflow", "--format", "svg,pdf,layout-json"],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = compile(&std::fs::read_to_string(dir.path().join("l2c.crmflow")).unwrap())
        .pages
        .len();
    for index in 1..=pages {
        let path = dir.path().join(format!("l2c-{index}.svg"));
        assert!(
            path.exists(),
            "{} missing: {}",
            path.display(),
            stderr(&output)
        );
    }
    assert!(!dir.path().join(format!("l2c-{}.svg", pages + 1)).exists());
    // The PDF is one file with a page per page.
    assert!(!dir.path().join("l2c-1.pdf").exists());
    let pdf = lopdf::Document::load(dir.path().join("l2c.pdf")).unwrap();
    assert_eq!(pdf.get_pages().len(), pages);
    assert!(
        dir.path().join("l2c.svg").exists(),
        "the whole drawing stays"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("l2c.json")).unwrap())
            .unwrap();
    let frames = json["pages"].as_array().unwrap();
    assert_eq!(frames.len(), pages);
    assert!(
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "connector")
    );
    // The same bytes again: --check finds every page file and the PDF
    // up to date.
    let again = run(
        dir.path(),
        &[
            "render",
            "l2c.crmflow",
            "--format",
            "svg,pdf,layout-json",
            "--check",
        ],
        b"",
    );
    assert!(again.status.success(), "{}", stderr(&again));
    // Pages sit side by side and do not overlap.
    for pair in frames.windows(2) {
        let end = pair[0]["x"].as_f64().unwrap() + pair[0]["width"].as_f64().unwrap();
        assert!(pair[1]["x"].as_f64().unwrap() > end);
    }
    // --page none: one drawing, no page files.
    let dir = example_in_a_folder("lead-to-cash", "l2c.crmflow");
    let output = run(
        dir.path(),
        &["render", "l2c.crmflow", "--page", "none"],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!dir.path().join("l2c-1.svg").exists());
}

#[test]
fn a_page_still_under_9_pt_is_a_warning_at_its_phase() {
    let dir = example_in_a_folder("enterprise-deal", "deal.crmflow");
    let output = run(dir.path(), &["render", "deal.crmflow"], b"");
    assert!(output.status.success(), "a warning, not a failure");
    let text = stderr(&output);
    assert!(text.contains("W320"), "{text}");
    assert!(
        text.contains("“Contract” is too big for one page"),
        "{text}"
    );
    assert!(
        text.contains("comes out at 8.9 pt"),
        "rounded down, never “9.0 pt, under 9 pt”: {text}"
    );
    assert!(text.contains("deal.crmflow:22:7"), "at the phase: {text}");
    // Not for formats without pages.
    let output = run(
        dir.path(),
        &["render", "deal.crmflow", "--format", "mermaid"],
        b"",
    );
    assert!(!stderr(&output).contains("W320"));
}

#[test]
fn decisions_glued_to_their_branches_are_cut_when_the_run_is_too_big() {
    // field-service: top-down, 7 lanes, no phases; four decisions in a
    // row after the sign-off glued into one run made a 5.7 pt page.
    let text = std::fs::read_to_string(crate::util::root().join("examples/field-service.crmflow"))
        .unwrap();
    let compiled = compile(&text);
    assert!(compiled.pages.len() >= 2);
    check_pages(&compiled).unwrap();
    for page in &compiled.pages {
        let pt = points(&page.drawing.layout);
        assert!(pt >= 9.0, "page {} at {pt:.1} pt", page.drawing.index + 1);
    }
}
