//! The layout as the neutral JSON the shared benchmark (and other tools)
//! read: `crmflow render FILE --format layout-json`.
//!
//! Schema: `{"engine":"crmflow","width":W,"height":H,"direction":"right"|"down",
//! "nodes":[{"id","kind","x","y","width","height"[,"copy_of"]}],
//! "edges":[{"from","to","kind":"control"|"data","points":[[x,y],…][,"label":{"x","y","width","height"}]}],
//! "lanes":[{"id","x","y","width","height"[,"row"]}][,"phases":[{"id","label","x","y","width","height"}]]}`
//! — phases (present only when the flow has them) are whole columns
//! (rows for `direction down`) with their header, and each node then
//! names its `"phase"`; x, y are the top-left of a
//! box; points are the drawn polyline from source boundary to target
//! boundary; a data shape drawn beside several steps appears once per
//! step, the copies with ids `crm.2`, `crm.3` and `copy_of` naming the
//! node (edges keep the flow's ids; their points end on the copy). A
//! drawing cut into rows lists every lane once per row, with its `row`
//! (from 1; absent for the first).
//! Numbers are rounded to 2 decimals and object keys are sorted, so the
//! output is byte-stable.

use super::types::{Layout, Rect};
use crate::model::{Direction, EdgeKind};
use serde_json::{Value, json};

fn num(value: f64) -> Value {
    let rounded = round(value);
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        json!(rounded as i64)
    } else {
        json!(rounded)
    }
}

fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A box with its corners rounded (not its size), so boxes that touch
/// still touch and never overlap by a rounding step.
fn boxed(id: &str, rect: &Rect) -> Value {
    let (x, y) = (round(rect.x), round(rect.y));
    json!({
        "id": id,
        "x": num(x),
        "y": num(y),
        "width": num(round(rect.right()) - x),
        "height": num(round(rect.bottom()) - y),
    })
}

/// The layout as layout-json text (ends with a newline).
pub fn layout_json(layout: &Layout) -> String {
    let nodes: Vec<Value> = layout
        .nodes
        .iter()
        .map(|node| {
            let mut value = boxed(&node.id, &node.rect);
            value["kind"] = json!(node.kind.keyword());
            if let Some(original) = node.copy_of {
                value["copy_of"] = json!(layout.nodes[original].id);
            }
            if let Some(phase) = node.phase {
                value["phase"] = json!(layout.phases[phase].id);
            }
            value
        })
        .collect();
    // Edges name the flow's nodes, a copy by the node it copies.
    let flow_id = |index: usize| {
        let node = &layout.nodes[index];
        node.copy_of
            .map_or(&node.id, |original| &layout.nodes[original].id)
    };
    let edges: Vec<Value> = layout
        .edges
        .iter()
        .map(|edge| {
            let mut value = json!({
                "from": flow_id(edge.from),
                "to": flow_id(edge.to),
                "kind": match edge.kind {
                    EdgeKind::Control => "control",
                    EdgeKind::Data => "data",
                },
                "points": edge
                    .points
                    .iter()
                    .map(|p| json!([num(p.x), num(p.y)]))
                    .collect::<Vec<_>>(),
            });
            if let Some(label) = &edge.label {
                let mut rect = boxed("", &label.rect);
                if let Some(map) = rect.as_object_mut() {
                    map.remove("id");
                }
                value["label"] = rect;
            }
            value
        })
        .collect();
    let lanes: Vec<Value> = layout
        .lanes
        .iter()
        .filter(|lane| !lane.id.is_empty())
        .map(|lane| {
            let mut value = boxed(&lane.id, &lane.rect);
            if lane.row > 0 {
                value["row"] = json!(lane.row);
            }
            value
        })
        .collect();
    let phases: Vec<Value> = layout
        .phases
        .iter()
        .map(|phase| {
            let mut value = boxed(&phase.id, &phase.rect);
            value["label"] = json!(phase.label);
            value
        })
        .collect();
    let mut document = json!({
        "engine": "crmflow",
        "direction": match layout.direction {
            Direction::Right => "right",
            Direction::Down => "down",
        },
        "width": num(layout.width),
        "height": num(layout.height),
        "nodes": nodes,
        "edges": edges,
        "lanes": lanes,
    });
    if !phases.is_empty() {
        document["phases"] = json!(phases);
    }
    let mut text = serde_json::to_string(&document).expect("JSON values always serialise");
    text.push('\n');
    text
}
