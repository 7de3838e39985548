//! The resolved flow as JSON: the model other tools can read without a
//! `.crmflow` parser. Schema `crmflow-flow/2` (docs/export.md): the header,
//! lanes, modules and phases in declaration order (version 2 added the
//! phases and each node's `phase`), nodes with every attribute, and
//! edges by node id. Everything the language says is carried; positions are
//! not (the layout is `layout-json`). Keys come in the order below, so the
//! output is byte-stable.

use crate::model::{Color, Direction, EdgeKind, Flow, Page};
use crate::source::Spanned;
use serde::Serialize;

/// The schema name and version written as `"schema"`.
pub const SCHEMA: &str = "crmflow-flow/2";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    header: Header<'a>,
    lanes: Vec<Named<'a>>,
    modules: Vec<Module<'a>>,
    phases: Vec<Module<'a>>,
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
}

#[derive(Serialize)]
struct Header<'a> {
    title: Option<&'a str>,
    goal: Option<&'a str>,
    owner: Option<&'a str>,
    version: Option<&'a str>,
    reviewed: Option<String>,
    direction: Direction,
    page: Option<Page>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Module<'a> {
    id: &'a str,
    label: &'a str,
    color: Option<String>,
}

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    kind: &'static str,
    label: &'a str,
    lane: Option<&'a str>,
    module: Option<&'a str>,
    phase: Option<&'a str>,
    inputs: Vec<&'a str>,
    outputs: Vec<&'a str>,
    notes: Vec<&'a str>,
    calls: Option<&'a str>,
}

#[derive(Serialize)]
struct Edge<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'static str,
    label: Option<&'a str>,
}

fn text(value: &Option<Spanned<String>>) -> Option<&str> {
    value.as_ref().map(|v| v.value.as_str())
}

fn all(values: &[Spanned<String>]) -> Vec<&str> {
    values.iter().map(|v| v.value.as_str()).collect()
}

fn color_text(color: Color) -> String {
    match color {
        Color::Named(named) => named.name().to_owned(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
    }
}

/// The flow as pretty-printed JSON.
pub fn flow_json(flow: &Flow) -> String {
    let header = &flow.header;
    let document = Document {
        schema: SCHEMA,
        header: Header {
            title: text(&header.title),
            goal: text(&header.goal),
            owner: text(&header.owner),
            version: text(&header.version),
            reviewed: header.reviewed.as_ref().map(|d| d.value.to_string()),
            direction: header.direction,
            page: header.page,
        },
        lanes: flow
            .lanes
            .iter()
            .map(|lane| Named {
                id: &lane.id,
                label: &lane.label,
            })
            .collect(),
        modules: flow
            .modules
            .iter()
            .map(|module| Module {
                id: &module.id,
                label: &module.label,
                color: module.color.map(color_text),
            })
            .collect(),
        phases: flow
            .phases
            .iter()
            .map(|phase| Module {
                id: &phase.id,
                label: &phase.label,
                color: phase.color.map(color_text),
            })
            .collect(),
        nodes: flow
            .nodes
            .iter()
            .map(|node| Node {
                id: &node.id,
                kind: node.kind.keyword(),
                label: &node.label,
                lane: node.lane.map(|lane| flow.lanes[lane.index()].id.as_str()),
                module: node
                    .module
                    .map(|module| flow.modules[module.index()].id.as_str()),
                phase: node
                    .phase
                    .map(|phase| flow.phases[phase.index()].id.as_str()),
                inputs: all(&node.inputs),
                outputs: all(&node.outputs),
                notes: all(&node.notes),
                calls: node.calls.as_ref().map(|calls| calls.value.as_str()),
            })
            .collect(),
        edges: flow
            .edges
            .iter()
            .map(|edge| Edge {
                from: &flow.node_at(edge.from).id,
                to: &flow.node_at(edge.to).id,
                kind: match edge.kind {
                    EdgeKind::Control => "control",
                    EdgeKind::Data => "data",
                },
                label: edge.label.as_ref().map(|label| label.value.as_str()),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&document).expect("JSON values serialise");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_is_carried_in_a_stable_order() {
        let source = crate::SourceFile::new(
            "t.crmflow",
            "flow \"T\" { goal \"G\" reviewed 2026-11-01 page a4 }\nlane s \"Sales\"\nmodule m \"M\" color \"#2E86DE\"\nsub p \"Part\" lane s module m calls \"p.crmflow\" { input \"I\" output \"O\" note \"N\" }\nend e\np -> e : \"done\"\np ..> e\n",
        );
        let json: serde_json::Value =
            serde_json::from_str(&flow_json(&crate::check(&source).unwrap())).unwrap();
        assert_eq!(json["schema"], "crmflow-flow/2");
        assert_eq!(json["header"]["reviewed"], "2026-11-01");
        assert_eq!(json["header"]["page"], "a4");
        assert_eq!(json["modules"][0]["color"], "#2e86de");
        let part = &json["nodes"][0];
        assert_eq!(
            part,
            &serde_json::json!({"id": "p", "kind": "sub", "label": "Part", "lane": "s", "module": "m",
                "phase": null, "inputs": ["I"], "outputs": ["O"], "notes": ["N"], "calls": "p.crmflow"})
        );
        assert_eq!(json["nodes"][1]["label"], "e", "the id is the label");
        assert_eq!(json["edges"][1]["kind"], "data");
        let text = flow_json(&crate::check(&source).unwrap());
        assert!(text.starts_with("{\n  \"schema\": \"crmflow-flow/2\",\n  \"header\""));
    }
}
