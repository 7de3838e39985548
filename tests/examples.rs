//! Every example and every `ok/` fixture compiles; examples match their
//! golden SVGs; output is deterministic and parses as SVG.

use crate::util::{assert_golden, assert_valid_svg, crmflow_files, root};
use crmflow::SourceFile;

fn compile(path: &std::path::Path) -> crmflow::Compiled {
    let bytes = std::fs::read(path).unwrap();
    let source = SourceFile::from_bytes(path.display().to_string(), bytes).unwrap();
    // With the pages `render` writes for a picture.
    let options = crmflow::Options {
        layout: crmflow::layout::LayoutOptions {
            pages: true,
            ..Default::default()
        },
        ..crmflow::Options::default()
    };
    crmflow::compile(&source, &options)
        .unwrap_or_else(|diags| panic!("{}: {diags:#?}", path.display()))
}

#[test]
fn examples_render_to_their_golden_svgs() {
    let examples = crmflow_files(&root().join("examples"));
    assert!(examples.len() >= 3, "at least three examples");
    for path in examples {
        let compiled = compile(&path);
        assert_valid_svg(&compiled.svg);
        // Every node is drawn with its label, every edge and lane is present.
        for node in &compiled.flow.nodes {
            assert!(
                compiled.svg.contains(&format!("id=\"node-{}\"", node.id)),
                "{}: node {}",
                path.display(),
                node.id
            );
        }
        for index in 0..compiled.flow.edges.len() {
            assert!(compiled.svg.contains(&format!("id=\"edge-{index}\"")));
        }
        for lane in &compiled.flow.lanes {
            assert!(compiled.svg.contains(&format!("id=\"lane-{}\"", lane.id)));
        }
        let name = path.file_stem().unwrap().to_str().unwrap();
        assert_golden(
            &root().join("tests/golden").join(format!("{name}.svg")),
            &compiled.svg,
        );
        // A flow split into pages: each page has its golden too.
        for page in &compiled.pages {
            assert_valid_svg(&page.svg);
            let file = format!("{name}-{}.svg", page.drawing.index + 1);
            assert_golden(&root().join("tests/golden/pages").join(file), &page.svg);
        }
    }
}

#[test]
fn spec_fixtures_parse_and_resolve() {
    let fixtures = crmflow_files(&root().join("tests/fixtures/ok"));
    assert!(!fixtures.is_empty());
    for path in fixtures {
        let compiled = compile(&path);
        assert_valid_svg(&compiled.svg);
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    for path in crmflow_files(&root().join("examples")) {
        assert_eq!(compile(&path).svg, compile(&path).svg);
    }
}

#[test]
fn spec_meaning_is_resolved() {
    use crmflow::model::{Direction, EdgeKind, NodeKind};
    let flow = compile(&root().join("tests/fixtures/ok/spec-nodes.crmflow")).flow;
    // Lanes in declaration order, declared after their use.
    let lanes: Vec<_> = flow.lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(lanes, ["marketing", "cs", "sales"]);
    let collect = flow.node_at(flow.node("collect").unwrap());
    assert_eq!(collect.kind, NodeKind::Step);
    assert_eq!(collect.label, "销售线索收集");
    assert_eq!(
        collect.lane.map(|l| flow.lanes[l.index()].id.as_str()),
        Some("cs")
    );
    assert_eq!(
        collect.module.map(|m| flow.modules[m.index()].id.as_str()),
        Some("customer")
    );
    assert_eq!(collect.inputs[0].value, "客户咨询");
    assert_eq!(collect.outputs[0].value, "销售线索");
    let qualify = flow.node_at(flow.node("qualify").unwrap());
    assert_eq!(
        qualify.calls.as_ref().unwrap().value,
        "lead-qualification.crmflow"
    );
    let quote = flow.node_at(flow.node("quote").unwrap());
    assert_eq!(quote.notes[0].value, "PDF");
    assert_eq!(flow.node_at(flow.node("won").unwrap()).label, "成交");

    let edges = compile(&root().join("tests/fixtures/ok/spec-edges.crmflow")).flow;
    assert_eq!(edges.edges.len(), 6);
    assert_eq!(edges.edges[4].label.as_ref().unwrap().value, "否");
    assert_eq!(edges.edges[5].kind, EdgeKind::Data);
    // A label defaults to the id.
    assert_eq!(edges.node_at(edges.node("lost").unwrap()).label, "lost");

    let header = compile(&root().join("tests/fixtures/ok/spec-header.crmflow"))
        .flow
        .header;
    assert_eq!(header.reviewed.unwrap().value.to_string(), "2026-09-30");
    assert_eq!(header.direction, Direction::Right);
    assert_eq!(header.goal.unwrap().value, "提升销售转化率与客户满意度");

    let block = compile(&root().join("tests/fixtures/ok/spec-lane-block.crmflow")).flow;
    assert!(block.nodes.iter().all(|node| node.lane.is_some()));
}

#[test]
fn labels_are_text_never_markup() {
    let text = "start a \"<script>alert(1)</script>\"\nstep b \"R&D ]]> <b>bold</b> \\\"q\\\"\"\nend c \"x\u{1}y\"\na -> b -> c : \"<i>&amp;</i>\"\n";
    let compiled =
        crmflow::compile(&SourceFile::new("t", text), &crmflow::Options::default()).unwrap();
    assert_valid_svg(&compiled.svg);
    assert!(!compiled.svg.contains("<script"));
    assert!(!compiled.svg.contains("<b>"));
    assert!(!compiled.svg.contains("<i>"));
    assert!(compiled.svg.contains("&lt;script&gt;"));
    assert!(compiled.svg.contains("&lt;/"));
    assert!(compiled.svg.contains("R&amp;D ]]&gt;"));
    assert!(compiled.svg.contains("&lt;i&gt;&amp;amp;&lt;/i&gt;"));
}

#[test]
fn readme_tour_compiles() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```crmflow\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert!(!blocks.is_empty());
    for block in blocks {
        let compiled = crmflow::compile(
            &SourceFile::new("README.md", block),
            &crmflow::Options::default(),
        )
        .unwrap_or_else(|diags| panic!("{diags:#?}\n{block}"));
        assert_valid_svg(&compiled.svg);
    }
}
