//! The layout as the neutral JSON the shared benchmark (and other tools)
//! read: `crmflow render FILE --format layout-json`.
//!
//! Schema: `{"engine":"crmflow","width":W,"height":H,
//! "nodes":[{"id","x","y","width","height"}],
//! "edges":[{"from","to","points":[[x,y],…]}],
//! "lanes":[{"id","x","y","width","height"}]}` — x, y are the top-left of a
//! box; points are the drawn polyline from source boundary to target
//! boundary. Numbers are rounded to 2 decimals and object keys are sorted, so
//! the output is byte-stable.

use super::types::{Layout, Rect};
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
        .map(|node| boxed(&node.id, &node.rect))
        .collect();
    let edges: Vec<Value> = layout
        .edges
        .iter()
        .map(|edge| {
            json!({
                "from": layout.nodes[edge.from].id,
                "to": layout.nodes[edge.to].id,
                "points": edge
                    .points
                    .iter()
                    .map(|p| json!([num(p.x), num(p.y)]))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let lanes: Vec<Value> = layout
        .lanes
        .iter()
        .filter(|lane| !lane.id.is_empty())
        .map(|lane| boxed(&lane.id, &lane.rect))
        .collect();
    let document = json!({
        "engine": "crmflow",
        "width": num(layout.width),
        "height": num(layout.height),
        "nodes": nodes,
        "edges": edges,
        "lanes": lanes,
    });
    let mut text = serde_json::to_string(&document).expect("JSON values always serialise");
    text.push('\n');
    text
}
