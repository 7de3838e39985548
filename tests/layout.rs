//! Layout invariants users see, on every example and fixture and on
//! property-generated CRM-like flows: no overlaps, nodes inside their lanes,
//! routes that start and end on their nodes, run axis-parallel and never
//! pass through another node, labels clear of nodes and of each other, and
//! the same layout every time. Plus golden layout-json snapshots.

use crate::util::{assert_golden, crmflow_files, root};
use crmflow::layout::{LaneOrder, Layout, LayoutOptions, Page, Point, Rect, layout_json};
use crmflow::model::NodeKind;
use crmflow::{SourceFile, compile};
use proptest::prelude::*;
use std::fmt::Write;

fn compile_text(name: &str, text: &str) -> crmflow::Compiled {
    compile_with(name, text, LaneOrder::Declared)
}

fn compile_with(name: &str, text: &str, lane_order: LaneOrder) -> crmflow::Compiled {
    let source = SourceFile::new(name, text.to_owned());
    let options = crmflow::Options {
        layout: LayoutOptions {
            lane_order,
            ..LayoutOptions::default()
        },
        ..crmflow::Options::default()
    };
    compile(&source, &options).unwrap_or_else(|diags| panic!("{name} does not compile: {diags:?}"))
}

fn shrink(rect: &Rect, by: f64) -> Rect {
    Rect::new(
        rect.x + by,
        rect.y + by,
        rect.width - 2.0 * by,
        rect.height - 2.0 * by,
    )
}

fn inside(p: &Point, r: &Rect, eps: f64) -> bool {
    p.x >= r.x - eps && p.x <= r.right() + eps && p.y >= r.y - eps && p.y <= r.bottom() + eps
}

/// True when the axis-parallel segment a–b enters the interior of `r`.
fn segment_enters(a: &Point, b: &Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x0 < r.right() && x1 > r.x && y0 < r.bottom() && y1 > r.y
}

/// Every invariant of a finished layout; the first violation as an error.
pub fn check_invariants(
    name: &str,
    flow: &crmflow::model::Flow,
    layout: &Layout,
) -> Result<(), String> {
    let nodes = &layout.nodes;
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                return Err(format!("{name}: {} overlaps {}", a.id, b.id));
            }
        }
    }
    for (node, placed) in flow.nodes.iter().zip(nodes) {
        let parts = placed
            .chips
            .iter()
            .map(|c| &c.rect)
            .chain(placed.notes.iter().map(|n| &n.rect));
        for (i, part) in parts.clone().enumerate() {
            if !placed.rect.contains(part) {
                return Err(format!(
                    "{name}: a chip or note of {} leaves its box",
                    node.id
                ));
            }
            if parts.clone().skip(i + 1).any(|other| part.overlaps(other)) {
                return Err(format!("{name}: chips or notes of {} overlap", node.id));
            }
        }
        if placed.chips.len() != node.inputs.len() + node.outputs.len()
            || placed.notes.len() != node.notes.len()
        {
            return Err(format!(
                "{name}: {} does not show all inputs, outputs and notes",
                node.id
            ));
        }
        if let Some(lane) = node.lane {
            // The lane's band (of its row, in a drawing cut into rows).
            let id = &flow.lanes[lane.index()].id;
            if !layout.lanes.iter().any(|band| &band.id == id) {
                return Err(format!("{name}: lane {id} has no band"));
            }
            let inside = layout.lanes.iter().any(|band| {
                &band.id == id
                    && band.rect.contains(&placed.rect)
                    && !band.header.overlaps(&placed.rect)
            });
            if !inside {
                return Err(format!("{name}: {} is not inside lane {id}", node.id));
            }
        } else if !layout.lanes.is_empty()
            && matches!(
                node.kind,
                NodeKind::Step | NodeKind::Decision | NodeKind::Sub
            )
        {
            // A step without a role never sits in a role's lane (a lane-less
            // start, end or data shape is drawn with its neighbours).
            for band in layout.lanes.iter().filter(|band| !band.id.is_empty()) {
                if band.rect.overlaps(&placed.rect) {
                    return Err(format!(
                        "{name}: lane-less {} inside lane {}",
                        node.id, band.id
                    ));
                }
            }
        }
    }
    // Lanes touch by design; what one lane's far side and the next one's
    // near side differ by in floating point (a + (b - a) is not always b)
    // is no overlap.
    let shrunk = |r: &Rect| Rect {
        x: r.x + 1e-6,
        y: r.y + 1e-6,
        width: r.width - 2e-6,
        height: r.height - 2e-6,
    };
    for window in layout.lanes.windows(2) {
        if shrunk(&window[0].rect).overlaps(&shrunk(&window[1].rect)) {
            return Err(format!(
                "{name}: lanes {} and {} overlap",
                window[0].id, window[1].id
            ));
        }
    }
    check_phases(name, flow, layout)?;
    check_readability(name, layout)?;
    let mut labels: Vec<&Rect> = Vec::new();
    for (index, edge) in layout.edges.iter().enumerate() {
        let (from, to) = (&nodes[edge.from], &nodes[edge.to]);
        let what = format!("{name}: edge {index} {}→{}", from.id, to.id);
        let (Some(first), Some(last)) = (edge.points.first(), edge.points.last()) else {
            return Err(format!("{what} has no points"));
        };
        if edge.points.len() < 2 {
            return Err(format!("{what} has a single point"));
        }
        if !inside(first, &from.rect, 0.01) || !inside(last, &to.rect, 0.01) {
            return Err(format!("{what} does not start and end on its nodes"));
        }
        for pair in edge.points.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if (a.x - b.x).abs() > 1e-6 && (a.y - b.y).abs() > 1e-6 {
                return Err(format!("{what} has a diagonal segment: {:?}", edge.points));
            }
            for other in nodes {
                if other.id != from.id
                    && other.id != to.id
                    && segment_enters(a, b, &shrink(&other.rect, 1.0))
                {
                    return Err(format!("{what} passes through {}", other.id));
                }
            }
        }
        if let Some(label) = &edge.label {
            for node in nodes {
                if label.rect.overlaps(&node.rect) {
                    return Err(format!("{what}: its label sits on {}", node.id));
                }
            }
            labels.push(&label.rect);
        }
    }
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if a.overlaps(b) {
                return Err(format!("{name}: two edge labels overlap"));
            }
        }
    }
    Ok(())
}

/// The phase invariants: one column per declared phase, in declaration
/// order, each touching the next; every node drawn inside the column of the
/// phase it is in (its own, or the one [`Flow::phase_of`] gives it), clear
/// of the header band; every edge label inside one column.
fn check_phases(name: &str, flow: &crmflow::model::Flow, layout: &Layout) -> Result<(), String> {
    if flow.phases.is_empty() {
        return if layout.phases.is_empty() && layout.nodes.iter().all(|n| n.phase.is_none()) {
            Ok(())
        } else {
            Err(format!("{name}: phases drawn for a flow without phases"))
        };
    }
    let down = layout.direction == crmflow::model::Direction::Down;
    // Along the flow: (start, end) of a rectangle.
    let along = |r: &Rect| {
        if down {
            (r.y, r.bottom())
        } else {
            (r.x, r.right())
        }
    };
    if layout.phases.len() != flow.phases.len() {
        return Err(format!(
            "{name}: {} phase columns for {} phases",
            layout.phases.len(),
            flow.phases.len()
        ));
    }
    for (drawn, declared) in layout.phases.iter().zip(&flow.phases) {
        if drawn.id != declared.id {
            return Err(format!("{name}: phase {} drawn out of order", drawn.id));
        }
        if !drawn.rect.contains(&drawn.header) {
            return Err(format!(
                "{name}: phase {} has its header outside its column",
                drawn.id
            ));
        }
    }
    for pair in layout.phases.windows(2) {
        let (a, b) = (along(&pair[0].rect), along(&pair[1].rect));
        if (a.1 - b.0).abs() > 1e-6 || a.0 >= a.1 {
            return Err(format!(
                "{name}: phases {} and {} are not side by side",
                pair[0].id, pair[1].id
            ));
        }
    }
    let phase_of = flow.phase_of();
    for (index, node) in layout.nodes.iter().enumerate() {
        let Some(phase) = node.phase else {
            return Err(format!("{name}: {} has no phase in a phased flow", node.id));
        };
        // A data shape is drawn beside the step that uses it, in that
        // step's phase; every other node in its own.
        let data = matches!(node.kind, NodeKind::Io | NodeKind::Store | NodeKind::Doc);
        if let Some(expected) = flow
            .node(&node.id)
            .filter(|_| !data)
            .and_then(|id| phase_of[id.index()])
            && expected.index() != phase
        {
            return Err(format!(
                "{name}: {} drawn in phase {phase}, not {}",
                node.id,
                expected.index()
            ));
        }
        let column = &layout.phases[phase];
        let (from, to) = along(&column.rect);
        let (start, end) = along(&node.rect);
        if start < from - 1e-6 || end > to + 1e-6 {
            return Err(format!(
                "{name}: {} (node {index}) leaves the column of phase {}",
                node.id, column.id
            ));
        }
        if layout.phases.iter().any(|p| p.header.overlaps(&node.rect)) {
            return Err(format!("{name}: {} sits on the phase headers", node.id));
        }
    }
    for edge in &layout.edges {
        if let Some(label) = &edge.label {
            let (start, end) = along(&label.rect);
            let in_one = layout.phases.iter().any(|p| {
                let (from, to) = along(&p.rect);
                start >= from - 1e-6 && end <= to + 1e-6
            });
            if !in_one {
                return Err(format!("{name}: an edge label crosses a phase separator"));
            }
        }
    }
    Ok(())
}

/// A [`generated_flow`] with `phases` phases: declared in order, each node
/// given the phase its position on the main path falls in (now and then
/// none, or an earlier one, so phases are taken from neighbours and some
/// edges go back across phases), some phases empty.
pub fn generated_phased_flow(
    seed: &[u32],
    lanes: usize,
    steps: usize,
    phases: usize,
    down: bool,
) -> String {
    let text = generated_flow(seed, lanes, steps, down);
    let mut pick = seed.iter().rev().copied().cycle();
    let mut next = move |n: usize| pick.next().unwrap() as usize % n.max(1);
    let mut out = String::new();
    for p in 0..phases {
        let color = if p % 2 == 0 { " color green" } else { "" };
        writeln!(out, "phase p{p} \"阶段 {p} stage\"{color}").unwrap();
    }
    let total = steps + 2;
    let mut position = 0usize;
    for line in text.lines() {
        let declares = ["start ", "end ", "step ", "decision ", "store ", "doc "]
            .iter()
            .any(|kind| line.starts_with(kind));
        if declares {
            let mut phase = (position * phases / total).min(phases - 1);
            position += 1;
            match next(8) {
                0 => {
                    writeln!(out, "{line}").unwrap();
                    continue;
                }
                1 => phase = phase.saturating_sub(1),
                _ => {}
            }
            writeln!(out, "{line} phase p{phase}").unwrap();
        } else {
            writeln!(out, "{line}").unwrap();
        }
    }
    out
}

/// The board-deck invariants: no stair-step shorter than 8 units in a
/// route; every edge end on a decision at one of its four tips; two edge
/// ends on one node either 16 apart or merged into one port of one
/// direction.
fn check_readability(name: &str, layout: &Layout) -> Result<(), String> {
    const JOG: f64 = 8.0;
    let mut ends: Vec<Vec<(Point, bool)>> = vec![Vec::new(); layout.nodes.len()];
    for (index, edge) in layout.edges.iter().enumerate() {
        let what = || {
            format!(
                "{name}: edge {index} {}→{}",
                layout.nodes[edge.from].id, layout.nodes[edge.to].id
            )
        };
        // Segments once points that continue a straight run are dropped.
        let mut points: Vec<Point> = Vec::new();
        for &p in &edge.points {
            if points
                .last()
                .is_some_and(|q: &Point| (q.x - p.x).abs() < 1e-9 && (q.y - p.y).abs() < 1e-9)
            {
                continue;
            }
            if points.len() >= 2 {
                let (a, b) = (points[points.len() - 2], points[points.len() - 1]);
                let same_x = (a.x - b.x).abs() < 1e-9 && (b.x - p.x).abs() < 1e-9;
                let same_y = (a.y - b.y).abs() < 1e-9 && (b.y - p.y).abs() < 1e-9;
                if same_x || same_y {
                    points.pop();
                }
            }
            points.push(p);
        }
        if points.len() > 2 {
            for pair in points.windows(2) {
                let length = (pair[0].x - pair[1].x).abs() + (pair[0].y - pair[1].y).abs();
                // A step of exactly JOG is a deliberate turn (positioning steps a
                // clear JOG off a line); float sums may leave it a hair short.
                if length < JOG - 1e-6 {
                    return Err(format!(
                        "{} has a jog of {length:.2}: {:?}",
                        what(),
                        edge.points
                    ));
                }
            }
        }
        if edge.from == edge.to {
            continue;
        }
        let (first, last) = (edge.points[0], edge.points[edge.points.len() - 1]);
        for (node, at) in [(edge.from, first), (edge.to, last)] {
            let placed = &layout.nodes[node];
            if placed.kind == NodeKind::Decision {
                let r = &placed.rect;
                let (cx, cy) = (r.x + r.width / 2.0, r.y + r.height / 2.0);
                let tips = [(cx, r.y), (cx, r.bottom()), (r.x, cy), (r.right(), cy)];
                if !tips.iter().any(|&(x, y)| (x - at.x).hypot(y - at.y) <= 4.0) {
                    return Err(format!(
                        "{}: an end on decision {} is off its tips: {at:?}",
                        what(),
                        placed.id
                    ));
                }
            }
        }
        ends[edge.from].push((first, false));
        ends[edge.to].push((last, true));
    }
    for (node, list) in ends.iter().enumerate() {
        for (i, &(a, a_in)) in list.iter().enumerate() {
            for &(b, b_in) in &list[i + 1..] {
                let distance = (a.x - b.x).hypot(a.y - b.y);
                let merged = distance < 0.5 && a_in == b_in;
                if distance < 16.0 && !merged {
                    return Err(format!(
                        "{name}: two edge ends on {} are {distance:.1} apart: {a:?} {b:?}",
                        layout.nodes[node].id
                    ));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn examples_and_fixtures_keep_every_layout_invariant() {
    let mut files = crmflow_files(&root().join("examples"));
    files.extend(crmflow_files(&root().join("tests/fixtures/ok")));
    // Templates join once the template library exists.
    let templates = root().join("templates");
    if templates.is_dir() {
        files.extend(crmflow_files(&templates));
    }
    assert!(files.len() > 5);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        for lane_order in [LaneOrder::Declared, LaneOrder::Auto] {
            let compiled = compile_with(&name, text.trim_start_matches('\u{feff}'), lane_order);
            check_invariants(&name, &compiled.flow, &compiled.layout).unwrap();
        }
    }
}

#[test]
fn lanes_are_bands_in_declaration_order_unless_auto_is_asked_for() {
    let path = root().join("examples/customer-lifecycle.crmflow");
    let text = std::fs::read_to_string(&path).unwrap();
    let band_ids = |compiled: &crmflow::Compiled| -> Vec<String> {
        compiled
            .layout
            .lanes
            .iter()
            .map(|band| band.id.clone())
            .collect()
    };
    let declared = compile_with("cl", &text, LaneOrder::Declared);
    let lane_ids: Vec<String> = declared
        .flow
        .lanes
        .iter()
        .map(|lane| lane.id.clone())
        .collect();
    // The store is drawn beside the steps that use it: no band of its own.
    let mut expected = lane_ids.clone();
    assert_eq!(band_ids(&declared), expected);
    // 市场部 hands off to 客服人员 and 销售代表 only, 销售代表 to 交付部:
    // auto moves lanes so that hand-offs are between neighbours.
    let auto = compile_with("cl", &text, LaneOrder::Auto);
    let mut auto_ids = band_ids(&auto);
    assert_ne!(auto_ids, expected);
    auto_ids.sort();
    expected.sort();
    assert_eq!(auto_ids, expected, "auto is a permutation of the lanes");
}

#[test]
fn examples_lay_out_to_their_golden_layout_json() {
    for path in crmflow_files(&root().join("examples")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let compiled = compile_text(&path.display().to_string(), &text);
        // One number per line keeps diffs of the snapshots readable.
        let pretty = serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(&layout_json(&compiled.layout)).unwrap(),
        )
        .unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy();
        assert_golden(
            &root().join(format!("tests/golden/{stem}.layout.json")),
            &(pretty + "\n"),
        );
    }
}

/// A CRM-like flow: lanes, a main path, decisions with labelled branches
/// (one of them often a rework loop back), stores with data flows, a few
/// lane-less documents, self-loops now and then.
pub fn generated_flow(seed: &[u32], lanes: usize, steps: usize, down: bool) -> String {
    let mut pick = seed.iter().copied().cycle();
    let mut next = move |n: usize| pick.next().unwrap() as usize % n.max(1);
    let mut text = String::new();
    if down {
        text.push_str("flow \"Generated\" {\n  direction down\n}\n");
    }
    for lane in 0..lanes {
        writeln!(text, "lane l{lane} \"角色 {lane}\"").unwrap();
    }
    let lane_of = |next: &mut dyn FnMut(usize) -> usize| {
        if lanes == 0 {
            String::new()
        } else {
            format!(" lane l{}", next(lanes))
        }
    };
    writeln!(text, "start s \"开始\"{}", lane_of(&mut next)).unwrap();
    let mut kinds = Vec::new();
    for i in 0..steps {
        let kind = match next(10) {
            0 | 1 => "decision",
            2 => "store",
            3 => "doc",
            _ => "step",
        };
        let lane = if matches!(kind, "store" | "doc") {
            String::new()
        } else {
            lane_of(&mut next)
        };
        let mut extras = String::new();
        for _ in 0..next(3) {
            extras.push_str(" input \"客户资料表\"");
        }
        for _ in 0..next(2) {
            extras.push_str(" output \"Signed quote for the customer\"");
        }
        if next(4) == 0 {
            extras.push_str(" note \"需经理审批 before sending\"");
        }
        writeln!(text, "{kind} n{i} \"处理 {i} step\"{lane}{extras}").unwrap();
        kinds.push(kind);
    }
    writeln!(text, "end e \"结束\"{}", lane_of(&mut next)).unwrap();
    let mut previous = "s".to_owned();
    for (i, kind) in kinds.iter().enumerate() {
        let id = format!("n{i}");
        match *kind {
            "store" | "doc" => {
                writeln!(text, "{previous} ..> {id} : \"写入\"").unwrap();
                if i > 0 && next(2) == 0 {
                    let reader = next(i);
                    writeln!(text, "{id} ..> n{reader}").unwrap();
                }
                continue;
            }
            "decision" => {
                writeln!(text, "{previous} -> {id}").unwrap();
                let back = next(i + 1);
                writeln!(text, "{id} -> n{back} : \"否\"").unwrap();
            }
            _ => {
                writeln!(text, "{previous} -> {id}").unwrap();
                if next(12) == 0 {
                    writeln!(text, "{id} -> {id}").unwrap();
                }
            }
        }
        if *kind == "decision" {
            writeln!(text, "{id} -> e : \"是\"").unwrap();
        }
        previous = id;
    }
    writeln!(text, "{previous} -> e").unwrap();
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_flows_keep_every_layout_invariant(
        seed in proptest::collection::vec(any::<u32>(), 1..64),
        lanes in 0usize..5,
        steps in 1usize..28,
        down in any::<bool>(),
        auto in any::<bool>(),
    ) {
        let text = generated_flow(&seed, lanes, steps, down);
        let lane_order = if auto { LaneOrder::Auto } else { LaneOrder::Declared };
        let first = compile_with("generated", &text, lane_order);
        if let Err(violation) = check_invariants("generated", &first.flow, &first.layout) {
            prop_assert!(false, "{violation}\n{text}");
        }
        let second = compile_with("generated", &text, lane_order);
        prop_assert_eq!(&first.svg, &second.svg, "layout is not deterministic");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn generated_phased_flows_keep_every_layout_invariant(
        seed in proptest::collection::vec(any::<u32>(), 1..64),
        lanes in 0usize..5,
        steps in 1usize..28,
        phases in 1usize..6,
        down in any::<bool>(),
    ) {
        let text = generated_phased_flow(&seed, lanes, steps, phases, down);
        let first = compile_text("generated", &text);
        if let Err(violation) = check_invariants("generated", &first.flow, &first.layout) {
            prop_assert!(false, "{violation}\n{text}");
        }
        let second = compile_text("generated", &text);
        prop_assert_eq!(&first.svg, &second.svg, "layout is not deterministic");
    }
}

/// The text size a drawing's 14-unit labels come out at on a page.
fn points(layout: &Layout, page: Page) -> f64 {
    page.text_points(layout.width, layout.height)
}

fn compile_for(name: &str, text: &str, page: Page, force_page: bool) -> crmflow::Compiled {
    let source = SourceFile::new(name, text.to_owned());
    let options = crmflow::Options {
        layout: LayoutOptions {
            page,
            force_page,
            ..LayoutOptions::default()
        },
        ..crmflow::Options::default()
    };
    compile(&source, &options).unwrap()
}

#[test]
fn a_page_target_fits_its_page_at_least_as_well_as_the_usual_spacing() {
    for path in crmflow_files(&root().join("templates")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let usual = compile_for(&name, &text, Page::None, false).layout;
        for page in [Page::Slide, Page::A4] {
            let fitted = compile_for(&name, &text, page, false).layout;
            assert_eq!(fitted.page, page);
            assert!(
                points(&fitted, page) >= points(&usual, page) - 1e-9,
                "{name}: {page:?} {} < {}",
                points(&fitted, page),
                points(&usual, page)
            );
        }
    }
}

#[test]
fn the_header_names_the_page_and_a_forced_page_wins() {
    let text = "flow \"F\" { page none }\nstart a \"Start\"\nstep b \"A long step label that wraps\"\nend c \"End\"\na -> b -> c\n";
    assert_eq!(
        compile_for("f", text, Page::Slide, false).layout.page,
        Page::None
    );
    assert_eq!(compile_for("f", text, Page::A4, true).layout.page, Page::A4);
    // A flow that sets its direction keeps it whatever the page.
    let down = "flow \"F\" { direction down }\nstart a\nstep b\nend c\na -> b -> c\n";
    for page in [Page::Slide, Page::A4] {
        let layout = compile_for("f", down, page, false).layout;
        assert_eq!(layout.direction, crmflow::model::Direction::Down);
    }
}

#[test]
fn a_long_flow_is_cut_into_rows_for_a_slide_and_keeps_every_invariant() {
    let mut text = String::from("flow \"Long\" { direction right }\nlane a \"A\"\nlane b \"B\"\n");
    for i in 0..60 {
        let lane = if (i / 3) % 2 == 0 { "a" } else { "b" };
        let kind = if i == 0 {
            "start"
        } else if i == 59 {
            "end"
        } else {
            "step"
        };
        text.push_str(&format!(
            "{kind} s{i} \"Step {i} of the long flow\" lane {lane}\n"
        ));
    }
    for i in 1..60 {
        text.push_str(&format!("s{} -> s{i}\n", i - 1));
    }
    text.push_str("s40 -> s5\n");
    let wrapped = compile_for("long", &text, Page::Slide, false);
    check_invariants("long", &wrapped.flow, &wrapped.layout).unwrap();
    let bands_a = wrapped
        .layout
        .lanes
        .iter()
        .filter(|band| band.id == "a")
        .count();
    assert!(bands_a >= 2, "cut into rows: every row has lane a");
    let aspect = wrapped.layout.width / wrapped.layout.height;
    assert!(aspect < 4.0, "aspect {aspect}");
    let strip = compile_for("long", &text, Page::None, false);
    check_invariants("long", &strip.flow, &strip.layout).unwrap();
    assert_eq!(
        strip
            .layout
            .lanes
            .iter()
            .filter(|band| band.id == "a")
            .count(),
        1
    );
    assert!(points(&wrapped.layout, Page::Slide) > 1.15 * points(&strip.layout, Page::Slide));
}

/// Crossings between routes that share no node: points where an
/// axis-parallel segment of one passes through a segment of the other.
fn crossings_between_unrelated_edges(layout: &Layout) -> Vec<(String, String)> {
    let crosses = |a: (&Point, &Point), b: (&Point, &Point)| {
        let horizontal = |s: (&Point, &Point)| (s.0.y - s.1.y).abs() < 1e-6;
        let (h, v) = match (horizontal(a), horizontal(b)) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return false,
        };
        let (x0, x1) = (h.0.x.min(h.1.x), h.0.x.max(h.1.x));
        let (y0, y1) = (v.0.y.min(v.1.y), v.0.y.max(v.1.y));
        v.0.x > x0 && v.0.x < x1 && h.0.y > y0 && h.0.y < y1
    };
    let name = |e: &crmflow::layout::EdgePath| {
        format!("{}->{}", layout.nodes[e.from].id, layout.nodes[e.to].id)
    };
    let mut found = Vec::new();
    for (i, a) in layout.edges.iter().enumerate() {
        for b in &layout.edges[i + 1..] {
            if [a.from, a.to].iter().any(|n| *n == b.from || *n == b.to) {
                continue;
            }
            let hit = a.points.windows(2).any(|s| {
                b.points
                    .windows(2)
                    .any(|t| crosses((&s[0], &s[1]), (&t[0], &t[1])))
            });
            if hit {
                found.push((name(a), name(b)));
            }
        }
    }
    found
}

#[test]
fn a_loop_back_runs_around_its_lane_instead_of_through_the_branches() {
    // The ten-step method's follow-up loop (step 7) goes back past the
    // "ready to buy" branch: it runs along the lane's edge and crosses
    // nothing, in both languages.
    for name in ["ten-step.en.crmflow", "ten-step.zh.crmflow"] {
        let path = root().join("templates").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let compiled = compile_text(name, &text);
        let loops = compiled.layout.edges.iter().filter(|e| e.back).count();
        assert!(loops >= 1, "{name}: the template has its loop back");
        assert_eq!(
            crossings_between_unrelated_edges(&compiled.layout),
            Vec::<(String, String)>::new(),
            "{name}"
        );
    }
}

#[test]
fn a_role_view_draws_its_lanes_in_full_and_the_others_as_one_step_each() {
    for name in [
        "lead-to-contract.crmflow",
        "service-desk.crmflow",
        "customer-lifecycle.crmflow",
    ] {
        let path = root().join("examples").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let source = SourceFile::new(name, text);
        let whole = compile(&source, &crmflow::Options::default()).unwrap();
        let first = whole.flow.lanes[0].id.clone();
        let options = crmflow::Options {
            lanes: Some(vec![first.clone()]),
            ..crmflow::Options::default()
        };
        let view = compile(&source, &options).unwrap();
        // The flow itself stays whole (lint and exports read it).
        assert_eq!(view.flow, whole.flow, "{name}");
        let drawn = crmflow::model::role_view(&whole.flow, std::slice::from_ref(&first)).unwrap();
        check_invariants(name, &drawn, &view.layout).unwrap();
        for node in &whole.flow.nodes {
            let lane = node.lane.map(|l| whole.flow.lanes[l.index()].id.clone());
            let shown = view.layout.nodes.iter().any(|n| n.id == node.id);
            if lane.as_deref() == Some(first.as_str()) {
                assert!(shown, "{name}: {} of the chosen lane is drawn", node.id);
            } else if lane.is_some() {
                assert!(!shown, "{name}: {} of another lane is collapsed", node.id);
            }
        }
        let stand_ins = view
            .layout
            .nodes
            .iter()
            .filter(|n| n.id.starts_with("lane:"))
            .count();
        assert_eq!(
            stand_ins,
            whole.flow.lanes.len() - 1,
            "{name}: one step per other lane"
        );
    }
}

#[test]
fn the_happy_branch_leaves_a_decision_straight_and_the_others_turn() {
    // "no" is declared first and its target is in the decision's lane;
    // "yes" leads to another lane. The "yes" still leaves through the
    // far tip (straight on along the flow) and "no" turns off a side tip.
    let text = "flow \"Happy\" { goal \"G\" }\nlane sdr \"SDR\"\nlane ae \"AE\"\n\
                start s \"Lead in\" lane sdr\ndecision q \"Qualified?\" lane sdr\n\
                step nurture \"Nurture\" lane sdr\nend lost \"Dropped\" lane sdr\n\
                step call \"Discovery call\" lane ae\nend won \"Won\" lane ae\n\
                s -> q\nq -> nurture : \"no\"\nq -> call : \"yes\"\nnurture -> lost\ncall -> won\n";
    let compiled = compile_text("happy.crmflow", text);
    let layout = &compiled.layout;
    let index = |id: &str| layout.nodes.iter().position(|n| n.id == id).unwrap();
    let q = &layout.nodes[index("q")].rect;
    let leaves = |to: &str| {
        let edge = layout
            .edges
            .iter()
            .find(|e| e.from == index("q") && e.to == index(to))
            .unwrap();
        edge.points[0]
    };
    let far_tip = Point::new(q.x + q.width, q.y + q.height / 2.0);
    let yes = leaves("call");
    assert!(
        (yes.x - far_tip.x).abs() < 1.0 && (yes.y - far_tip.y).abs() < 1.0,
        "yes leaves at {yes:?}, the far tip is {far_tip:?}"
    );
    let no = leaves("nurture");
    assert!(
        (no.x - (q.x + q.width / 2.0)).abs() < 1.0,
        "no turns off the top or bottom tip: {no:?} of {q:?}"
    );
}

#[test]
fn a_happy_shortcut_does_not_turn_the_long_way_round() {
    // "Solved remotely? yes" skips the visit; the visit's fault check loops
    // back to plan a return visit. The loop back is the return visit, not
    // the visit's last step.
    let text = "flow \"Shortcut\" { goal \"G\" }\n\
                start call \"Call\"\ndecision solved \"Solved remotely?\"\n\
                step plan \"Plan the visit\"\nstep visit \"Visit\"\nstep signoff \"Sign off\"\n\
                decision fixed \"Fixed for good?\"\nstep review \"Review\"\nend closed \"Closed\"\n\
                call -> solved\nsolved -> fixed : \"yes\"\nsolved -> plan : \"no\"\n\
                plan -> visit -> signoff -> fixed\nfixed -> closed : \"yes\"\n\
                fixed -> review : \"no\"\nreview -> plan\n";
    let compiled = compile_text("shortcut.crmflow", text);
    let layout = &compiled.layout;
    let index = |id: &str| layout.nodes.iter().position(|n| n.id == id).unwrap();
    let edge = |from: &str, to: &str| {
        layout
            .edges
            .iter()
            .find(|e| e.from == index(from) && e.to == index(to))
            .unwrap()
    };
    assert!(
        !edge("signoff", "fixed").back,
        "the visit's last step goes forward"
    );
    assert!(edge("review", "plan").back, "the return visit loops back");
    let x = |id: &str| layout.nodes[index(id)].rect.x;
    assert!(
        x("fixed") > x("signoff"),
        "the fault check comes after the visit"
    );
}

/// S-steps of a route: three segments whose outer two point the same way
/// around a middle segment of 8 to 64 units (a Z that reads as a slip).
fn s_steps(points: &[Point]) -> usize {
    let mut corners: Vec<Point> = Vec::new();
    for &p in points {
        if corners
            .last()
            .is_some_and(|q: &Point| (q.x - p.x).abs() < 0.5 && (q.y - p.y).abs() < 0.5)
        {
            continue;
        }
        if corners.len() >= 2 {
            let (a, b) = (corners[corners.len() - 2], corners[corners.len() - 1]);
            let straight = ((a.x - b.x).abs() < 0.5 && (b.x - p.x).abs() < 0.5)
                || ((a.y - b.y).abs() < 0.5 && (b.y - p.y).abs() < 0.5);
            if straight {
                corners.pop();
            }
        }
        corners.push(p);
    }
    corners
        .windows(4)
        .filter(|w| {
            let d = |a: Point, b: Point| (b.x - a.x, b.y - a.y);
            let (first, middle, last) = (d(w[0], w[1]), d(w[1], w[2]), d(w[2], w[3]));
            let length = middle.0.abs().max(middle.1.abs());
            let same_way = first.0 * last.0 + first.1 * last.1 > 0.0;
            same_way && (8.0..64.0).contains(&length)
        })
        .count()
}

#[test]
fn a_decisions_side_branch_runs_straight_on_to_what_it_joins() {
    // The "no" branch leaves the diamond's low tip for an end in the next
    // column but one, below the "yes" branch's step: drawn down and across
    // (an L), not down, across, down a little and across again.
    for name in ["customer-lifecycle.en", "customer-lifecycle.zh"] {
        let path = root().join(format!("templates/{name}.crmflow"));
        let text = std::fs::read_to_string(&path).unwrap();
        let layout = compile_for(name, &text, Page::None, true).layout;
        let steps: usize = layout.edges.iter().map(|edge| s_steps(&edge.points)).sum();
        assert_eq!(steps, 0, "{name}");
    }
}

#[test]
fn a_side_branch_to_the_next_lane_drops_straight_down_with_its_label_beside_it() {
    // "Fixed within SLA?" — yes goes on in tech support, no escalates to
    // the next lane: the no branch is one straight line from the diamond's
    // low tip down to the step below it (no column of its own, no turns),
    // its label beside the line, clear of both shapes; the yes branch still
    // goes straight on.
    let text = "flow \"Fixes\" { goal \"Fix within the SLA\" owner \"Support\" reviewed 2026-11-01 }\n\
        lane tech \"Tech support\"\nlane escalation \"Escalation team\"\n\
        start in \"Ticket\" lane tech\nstep fix \"Fix the problem\" lane tech\n\
        decision sla \"Fixed within SLA?\" lane tech\nstep record \"Document the fix\" lane tech\n\
        end done \"Closed\" lane tech\nstep escalate \"Escalate to experts\" lane escalation\n\
        end solved \"Solved by experts\" lane escalation\n\
        in -> fix -> sla\nsla -> record : \"yes\"\nsla -> escalate : \"no\"\nescalate -> solved\nrecord -> done\n";
    let layout = compile_for("fold.crmflow", text, Page::None, true).layout;
    let node = |id: &str| layout.nodes.iter().find(|n| n.id == id).unwrap();
    let edge = |from: &str, to: &str| {
        layout
            .edges
            .iter()
            .find(|e| layout.nodes[e.from].id == from && layout.nodes[e.to].id == to)
            .unwrap()
    };
    let (sla, escalate) = (node("sla"), node("escalate"));
    let no = edge("sla", "escalate");
    assert_eq!(no.points.len(), 2, "one straight line: {:?}", no.points);
    let (top, bottom) = (no.points[0], no.points[1]);
    assert!((top.x - bottom.x).abs() < 0.5, "vertical: {:?}", no.points);
    assert!(
        (top.x - sla.rect.center().x).abs() < 0.5,
        "from the low tip"
    );
    assert!(
        (bottom.y - escalate.rect.y).abs() < 0.5,
        "into the step's top"
    );
    let label = &no.label.as_ref().unwrap().rect;
    for shape in [sla, escalate] {
        assert!(!label.overlaps(&shape.rect), "label on {}", shape.id);
    }
    assert!(label.x > top.x, "beside the line");
    assert!(label.y > sla.rect.bottom() && label.bottom() < escalate.rect.y);
    let yes = edge("sla", "record");
    assert_eq!(
        yes.points.len(),
        2,
        "yes goes straight on: {:?}",
        yes.points
    );
    assert!((yes.points[0].y - yes.points[1].y).abs() < 0.5);
}
