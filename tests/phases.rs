//! Phases (stages) as users meet them: the language (declarations,
//! attributes, blocks nested with lane blocks either way, reopening, every
//! error at its exact span), and every output that carries them — the
//! drawing, layout-json, the flow JSON, BPMN, draw.io, Mermaid, the SOP,
//! stats, `render --lane` and the walkthrough.

use crate::util::{root, run, stderr, write};
use crmflow::diag::codes;
use crmflow::{SourceFile, Span};

fn check(text: &str) -> crmflow::model::Flow {
    crmflow::check(&SourceFile::new("p.crmflow", text))
        .unwrap_or_else(|diags| panic!("{diags:#?}\n{text}"))
}

fn errors(text: &str) -> Vec<crmflow::Diag> {
    crmflow::check(&SourceFile::new("p.crmflow", text)).expect_err("should be rejected")
}

fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text.match_indices(needle).nth(nth).unwrap().0;
    Span::new(start, start + needle.len())
}

/// The phase id each node is drawn in.
fn phases_of(flow: &crmflow::model::Flow) -> Vec<(String, String)> {
    flow.phase_of()
        .iter()
        .zip(&flow.nodes)
        .map(|(phase, node)| {
            (
                node.id.clone(),
                phase.map_or_else(String::new, |p| flow.phases[p.index()].id.clone()),
            )
        })
        .collect()
}

const NESTED: &str = r#"lane sales "Sales"
lane legal "Legal"
phase lead "Lead" color blue
phase deal "Deal"
phase close "Close"
lane sales {
  phase lead {
    start inquiry "Inquiry"
  }
}
phase deal {
  lane sales {
    step offer "Offer"
  }
  lane legal {
    step review "Review"
  }
}
step sign "Sign" lane sales phase close
end won "Won" lane sales
inquiry -> offer -> review -> sign -> won
"#;

#[test]
fn blocks_nest_either_way_and_attributes_and_neighbours_give_the_rest() {
    let flow = check(NESTED);
    let ids: Vec<&str> = flow.phases.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["lead", "deal", "close"], "declaration order");
    assert_eq!(flow.lanes.len(), 2, "a bare lane block reopens its lane");
    let lane = |id: &str| {
        let node = flow.node_at(flow.node(id).unwrap());
        node.lane.map(|l| flow.lanes[l.index()].id.clone())
    };
    assert_eq!(lane("review").as_deref(), Some("legal"));
    assert_eq!(lane("inquiry").as_deref(), Some("sales"));
    assert_eq!(
        phases_of(&flow),
        [
            ("inquiry".into(), "lead".into()),
            ("offer".into(), "deal".into()),
            ("review".into(), "deal".into()),
            ("sign".into(), "close".into()),
            // No phase of its own: the latest phase of what leads to it.
            ("won".into(), "close".into()),
        ]
    );
    assert!(
        flow.node_at(flow.node("won").unwrap()).phase.is_none(),
        "as written"
    );
}

#[test]
fn a_start_takes_its_successors_phase_and_a_store_its_first_users() {
    let flow = check(
        "phase a \"A\"\nphase b \"B\"\nstart s\nstep x phase b\nstep y phase a\nend e phase b\nstore db\ns -> x -> e\ny -> e\ny ..> db\nx ..> db\n",
    );
    let of = phases_of(&flow);
    assert_eq!(of[0], ("s".into(), "b".into()));
    assert_eq!(of[4], ("db".into(), "a".into()));
}

#[test]
fn phase_is_still_an_ordinary_id_where_no_phase_can_start() {
    let flow = check("step phase \"P\"\nend done\nphase -> done\n");
    assert!(flow.phases.is_empty());
    assert_eq!(flow.nodes[0].id, "phase");
}

#[test]
fn an_unknown_phase_points_at_its_id_and_suggests_the_nearest() {
    let text = "phase lead \"Lead\"\nphase deal \"Deal\"\nstep a \"A\" phase dael\n";
    let all = errors(text);
    let diag = all.iter().find(|d| d.code == codes::UNKNOWN_PHASE).unwrap();
    assert_eq!(diag.span, span_of(text, "dael", 0));
    assert_eq!(diag.message.english(), "unknown phase `dael`");
    assert_eq!(
        diag.help.as_ref().unwrap().english(),
        "did you mean `deal`?"
    );
    // In a nested block too, and with no phase declared at all.
    let text = "lane s \"S\"\nlane s {\n  phase lede {\n    step a\n  }\n}\n";
    let all = errors(text);
    let diag = all.iter().find(|d| d.code == "E114").unwrap();
    assert_eq!(diag.span, span_of(text, "lede", 0));
    assert!(
        diag.help
            .as_ref()
            .unwrap()
            .english()
            .contains("no phase is declared"),
        "{diag:#?}"
    );
}

#[test]
fn a_phase_declared_twice_a_conflict_and_misnested_blocks_are_errors() {
    let text = "phase lead \"Lead\"\nphase lead \"Again\"\nstep a phase lead\n";
    let diag = errors(text)
        .into_iter()
        .find(|d| d.code == codes::DUPLICATE_ID)
        .unwrap();
    assert_eq!(diag.span, span_of(text, "lead", 1));
    assert_eq!(diag.message.english(), "the phase `lead` is declared twice");

    let text = "phase lead \"Lead\"\nphase deal \"Deal\" {\n  step a \"A\" phase lead\n}\n";
    let diag = errors(text)
        .into_iter()
        .find(|d| d.code == codes::PHASE_CONFLICT)
        .unwrap();
    assert_eq!(diag.span, span_of(text, "lead", 1));

    let text = "lane s \"S\"\nphase p \"P\"\nlane s {\n  phase p \"Label\" {\n    step a\n  }\n}\n";
    let diag = errors(text)
        .into_iter()
        .find(|d| d.code == codes::NESTED_BLOCK)
        .unwrap();
    assert_eq!(diag.span, span_of(text, "\"Label\"", 0));

    let text = "lane s \"S\"\nlane t \"T\"\nphase p \"P\"\nlane s {\n  phase p {\n    lane t {\n      step a\n    }\n  }\n}\n";
    let diag = errors(text)
        .into_iter()
        .find(|d| d.code == codes::NESTED_BLOCK)
        .unwrap();
    let inner = span_of(text, "lane t {", 0).start + "lane ".len();
    assert_eq!(diag.span, Span::new(inner, inner + 1));
    assert!(diag.message.english().contains("inside the lane block `s`"));

    // Two colors on a phase, and an unknown one.
    let text = "phase p \"P\" color blue color green\nstep a phase p\n";
    assert!(
        errors(text)
            .iter()
            .any(|d| d.code == codes::DUPLICATE_FIELD)
    );
    let text = "phase p \"P\" color pink\nstep a phase p\n";
    assert!(errors(text).iter().any(|d| d.code == codes::UNKNOWN_COLOR));
}

#[test]
fn the_formatter_keeps_phases_and_their_meaning() {
    let source = SourceFile::new("p.crmflow", NESTED);
    let ast = crmflow::syntax::parse(&source).unwrap();
    let formatted = crmflow::format::format(&source, &ast);
    let again = SourceFile::new("p.crmflow", formatted.clone());
    let reformatted = crmflow::format::format(&again, &crmflow::syntax::parse(&again).unwrap());
    assert_eq!(formatted, reformatted, "idempotent");
    assert_eq!(
        crmflow::format::meaning(&check(NESTED)),
        crmflow::format::meaning(&check(&formatted))
    );
    assert!(
        formatted.contains("phase lead  \"Lead\"  color blue\n"),
        "{formatted}"
    );
}

#[test]
fn the_drawing_has_a_column_per_phase_with_its_header_in_both_directions() {
    for direction in ["right", "down"] {
        let text = format!("flow \"P\" {{ direction {direction} }}\n{NESTED}");
        let compiled =
            crmflow::compile(&SourceFile::new("p.crmflow", text), &Default::default()).unwrap();
        let layout = &compiled.layout;
        assert_eq!(layout.phases.len(), 3);
        for phase in &layout.phases {
            assert!(compiled.svg.contains(&format!("id=\"phase-{}\"", phase.id)));
        }
        assert_eq!(compiled.svg.matches("class=\"separator\"").count(), 2);
        // Columns side by side along the flow, lanes below (beside) the
        // headers.
        let down = direction == "down";
        let lead = &layout.phases[0];
        let lane = &layout.lanes[0];
        if down {
            assert!(layout.phases[1].rect.y > lead.rect.y);
            assert!(lane.rect.x >= lead.header.right() - 1e-6);
        } else {
            assert!(layout.phases[1].rect.x > lead.rect.x);
            assert!(lane.rect.y >= lead.header.bottom() - 1e-6);
        }
        crate::layout::check_invariants(direction, &compiled.flow, layout).unwrap();
        // layout-json: phases in layout coordinates, each node's phase.
        let json: serde_json::Value =
            serde_json::from_str(&crmflow::layout::layout_json(layout)).unwrap();
        assert_eq!(json["phases"][0]["id"], "lead");
        assert_eq!(json["phases"][0]["label"], "Lead");
        assert!(json["phases"][2]["width"].as_f64().unwrap() > 0.0);
        let won = json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == "won")
            .unwrap();
        assert_eq!(won["phase"], "close");
    }
}

#[test]
fn an_empty_phase_keeps_a_column_and_a_long_label_wraps_in_a_wide_enough_one() {
    let text = "phase a \"A\"\nphase empty \"Nothing happens here\"\nphase long \"A very long phase name that has to wrap over lines\"\nstart s phase a\nend e phase long\ns -> e\n";
    let compiled =
        crmflow::compile(&SourceFile::new("p.crmflow", text), &Default::default()).unwrap();
    let layout = &compiled.layout;
    assert!(layout.phases[1].rect.width >= 96.0);
    assert!(layout.phases[1].nodes.is_empty());
    assert!(
        layout.phases[2].lines.len() >= 2,
        "{:?}",
        layout.phases[2].lines
    );
    crate::layout::check_invariants("empty", &compiled.flow, layout).unwrap();
}

#[test]
fn a_loop_back_into_an_earlier_phase_is_drawn_backwards_and_forward_edges_forwards() {
    let text = "phase a \"A\"\nphase b \"B\"\nstart s phase a\nstep x phase a\ndecision d \"OK?\" phase b\nend e phase b\ns -> x -> d\nd -> e : \"yes\"\nd -> x : \"no\"\n";
    let compiled =
        crmflow::compile(&SourceFile::new("p.crmflow", text), &Default::default()).unwrap();
    let back: Vec<bool> = compiled.layout.edges.iter().map(|e| e.back).collect();
    assert_eq!(back, [false, false, false, true]);
    // And an edge into an earlier phase that closes no loop is drawn
    // backwards too (the linter says so).
    let text = "phase a \"A\"\nphase b \"B\"\nstart s phase b\nend e phase a\ns -> e\n";
    let compiled =
        crmflow::compile(&SourceFile::new("p.crmflow", text), &Default::default()).unwrap();
    assert!(compiled.layout.edges[0].back);
    let (x_s, x_e) = (
        compiled.layout.nodes[0].rect.x,
        compiled.layout.nodes[1].rect.x,
    );
    assert!(x_e < x_s, "the earlier phase is to the left");
}

/// A generated flow that once hung the layout: a store whose users leave
/// it a fitting rank in its phase only above their median, searched for
/// below it for ever. Run on a thread so a regression fails, not hangs.
const STORE_ABOVE_ITS_MEDIAN: &str = r#"phase p0 "阶段 0 stage" color green
phase p1 "阶段 1 stage"
phase p2 "阶段 2 stage" color green
phase p3 "阶段 3 stage"
flow "Generated" {
  direction down
}
start s "开始" phase p0
step n0 "处理 0 step" input "客户资料表" phase p0
step n1 "处理 1 step" input "客户资料表" phase p0
step n2 "处理 2 step" input "客户资料表" phase p0
decision n3 "处理 3 step" input "客户资料表" input "客户资料表" note "需经理审批 before sending" phase p0
store n4 "处理 4 step" input "客户资料表" output "Signed quote for the customer"
step n5 "处理 5 step" input "客户资料表" phase p0
step n6 "处理 6 step" input "客户资料表" input "客户资料表" phase p1
step n7 "处理 7 step" input "客户资料表" phase p1
step n8 "处理 8 step" input "客户资料表" phase p1
step n9 "处理 9 step" input "客户资料表" phase p1
decision n10 "处理 10 step" input "客户资料表" input "客户资料表" note "需经理审批 before sending" phase p1
store n11 "处理 11 step" input "客户资料表" output "Signed quote for the customer"
step n12 "处理 12 step" input "客户资料表" phase p2
step n13 "处理 13 step" input "客户资料表" input "客户资料表" phase p2
step n14 "处理 14 step" input "客户资料表" phase p2
step n15 "处理 15 step" input "客户资料表" phase p2
step n16 "处理 16 step" input "客户资料表" phase p2
decision n17 "处理 17 step" input "客户资料表" input "客户资料表" note "需经理审批 before sending" phase p2
store n18 "处理 18 step" input "客户资料表" output "Signed quote for the customer"
step n19 "处理 19 step" input "客户资料表" phase p3
step n20 "处理 20 step" input "客户资料表" input "客户资料表" phase p3
step n21 "处理 21 step" input "客户资料表" phase p3
step n22 "处理 22 step" input "客户资料表" phase p3
end e "结束" phase p3
s -> n0
n0 -> n1
n1 -> n2
n2 -> n3
n3 -> n1 : "否"
n3 -> e : "是"
n3 ..> n4 : "写入"
n4 ..> n2
n3 -> n5
n5 -> n6
n6 -> n7
n7 -> n8
n8 -> n9
n9 -> n10
n10 -> n10 : "否"
n10 -> e : "是"
n10 ..> n11 : "写入"
n11 ..> n8
n10 -> n12
n12 -> n13
n13 -> n14
n14 -> n15
n15 -> n16
n16 -> n17
n17 -> n8 : "否"
n17 -> e : "是"
n17 ..> n18 : "写入"
n18 ..> n4
n17 -> n19
n19 -> n20
n20 -> n21
n21 -> n22
n22 -> e
"#;

#[test]
fn a_store_that_fits_its_phase_only_above_its_users_median_is_placed() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let source = SourceFile::new("p.crmflow", STORE_ABOVE_ITS_MEDIAN);
        let compiled = crmflow::compile(&source, &Default::default()).unwrap();
        done.send(compiled.layout).unwrap();
    });
    let layout = finished
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the layout did not finish in two minutes");
    assert_eq!(layout.phases.len(), 4);
    for node in &layout.nodes {
        let column = &layout.phases[node.phase.unwrap()].rect;
        assert!(
            node.rect.y >= column.y - 1e-6
                && node.rect.y + node.rect.height <= column.y + column.height + 1e-6,
            "{} outside its phase row",
            node.id
        );
    }
}

#[test]
fn every_export_carries_the_phases() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.crmflow", NESTED);
    let export = |to: &str| {
        let out = run(
            dir.path(),
            &["export", "p.crmflow", "--to", to, "-o", "-"],
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{to}: {}", stderr(&out));
        let warnings = stderr(&out);
        (String::from_utf8(out.stdout).unwrap(), warnings)
    };
    let (json, _) = export("json");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["schema"], "crmflow-flow/2");
    assert_eq!(json["phases"][0]["color"], "blue");
    assert_eq!(json["nodes"][1]["phase"], "deal");
    assert_eq!(
        json["nodes"][4]["phase"],
        serde_json::Value::Null,
        "as written"
    );

    let (bpmn, _) = export("bpmn");
    assert!(bpmn.contains("<bpmn:category id=\"Category_Phases\" name=\"Phases\">"));
    assert!(bpmn.contains("<bpmn:categoryValue id=\"Phase_1\" value=\"Deal\"/>"));
    assert_eq!(bpmn.matches("<bpmn:group ").count(), 3);
    assert_eq!(bpmn.matches("<bpmndi:BPMNShape id=\"Group_").count(), 3);
    // Every flow node names its phase (the end takes its neighbours').
    assert_eq!(bpmn.matches("<bpmn:categoryValueRef>").count(), 5);
    assert!(bpmn.contains("<bpmn:endEvent id=\"Node_4\" name=\"Won\">\n      <bpmn:categoryValueRef>Phase_2</bpmn:categoryValueRef>"));

    let (drawio, _) = export("drawio");
    assert_eq!(drawio.matches("crmflow=phase;").count(), 6);
    assert!(drawio.contains("value=\"Deal\""));

    let (mermaid, warnings) = export("mermaid");
    assert!(mermaid.contains("  %% phase Lead: n0\n"), "{mermaid}");
    assert!(warnings.contains("W310"), "{warnings}");
    assert!(warnings.contains("phase"), "{warnings}");
}

#[test]
fn sop_stats_and_role_views_follow_the_phases() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.crmflow", NESTED);
    let out = run(dir.path(), &["sop", "p.crmflow", "-o", "-"], b"");
    let sop = String::from_utf8(out.stdout).unwrap();
    let sales = sop.split("\n## Sales").nth(1).unwrap();
    let lead = sales.find("### Phase: Lead").unwrap();
    let deal = sales.find("### Phase: Deal").unwrap();
    let close = sales.find("### Phase: Close").unwrap();
    assert!(lead < deal && deal < close, "{sop}");
    assert!(sales.contains("#### 1. Inquiry"), "{sop}");

    let out = run(dir.path(), &["stats", "p.crmflow", "--format", "json"], b"");
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["by_phase"][1]["steps"], 2);
    assert_eq!(
        stats["steps_by_lane_and_phase"],
        serde_json::json!([[1, 1, 2], [0, 1, 0]])
    );
    assert_eq!(stats["phase_handoffs"]["forward"], 2);
    assert_eq!(stats["phase_handoffs"]["backward"], 0);
    let out = run(dir.path(), &["stats", "p.crmflow"], b"");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("phase      Deal: 2 nodes, 2 steps"),
        "{table}"
    );

    // The legal role's view: sales collapsed into one stand-in per phase,
    // so the columns stay.
    let out = run(
        dir.path(),
        &[
            "render",
            "p.crmflow",
            "--lane",
            "legal",
            "--format",
            "layout-json",
            "-o",
            "-",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["phases"].as_array().unwrap().len(), 3);
    let ids: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"lane:sales:lead"), "{ids:?}");
    assert!(ids.contains(&"lane:sales:close"), "{ids:?}");
}

#[test]
fn the_walkthrough_names_each_steps_phase() {
    let flow = check(NESTED);
    let (walks, _) = crmflow::watch::meeting::journeys(&flow);
    assert_eq!(walks[0].phases, ["Lead", "Deal", "Deal", "Close", "Close"]);
    let unphased = check("start s\nend e\ns -> e\n");
    let (walks, _) = crmflow::watch::meeting::journeys(&unphased);
    assert!(walks[0].phases.is_empty());
}

#[test]
fn the_lint_rules_on_phases() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p.crmflow",
        "flow \"P\" { goal \"G\" }\nlane a \"A\"\nlane b \"B\"\nphase deal \"Deal\"\nphase lead \"Lead\"\nphase later \"Later\"\nstart s lane a phase lead\nstep q lane a phase lead\nstep o lane a\nend e lane b phase deal\ns -> q -> o -> e\n",
    );
    let out = run(dir.path(), &["check", "p.crmflow", "--format", "json"], b"");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in ["L025", "L026", "L027", "L028", "L029"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    // The bundled phased templates and examples are clean.
    let examples = root().join("examples");
    let out = run(
        &examples,
        &["check", "lead-to-cash.crmflow", "onboarding.crmflow"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
