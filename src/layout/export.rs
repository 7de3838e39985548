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
    let mut text = serde_json::to_string(&document(layout)).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// Room between two pages side by side in [`pages_json`].
const PAGE_GAP: f64 = 48.0;

/// A flow split into pages as one layout-json document: the pages side by
/// side, left to right with a gap, in one coordinate space, and `"pages":
/// [{"index","x","y","width","height","label","direction"}]` saying which
/// part each page is (index from 1). Each page's lanes carry their
/// `"page"`; an off-page connector is a node of kind `"connector"` with
/// `"off_page": {"page","node"}` naming the page and step it leads to or
/// comes from.
pub fn pages_json(pages: &[&super::types::PageDrawing]) -> String {
    let (mut nodes, mut edges, mut lanes, mut phases, mut frames) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut x = 0.0;
    let mut height: f64 = 0.0;
    for page in pages {
        let layout = &page.layout;
        let mut document = document(layout);
        let shift = |value: &mut Value| {
            if let Some(left) = value["x"].as_f64() {
                value["x"] = num(left + x);
            }
        };
        for (node, value) in layout
            .nodes
            .iter()
            .zip(document["nodes"].as_array_mut().into_iter().flatten())
        {
            shift(value);
            if let Some(off_page) = &node.off_page {
                value["kind"] = json!("connector");
                value["off_page"] = json!({"page": off_page.page, "node": off_page.node});
            }
            nodes.push(value.take());
        }
        for value in document["edges"].as_array_mut().into_iter().flatten() {
            for point in value["points"].as_array_mut().into_iter().flatten() {
                if let Some(left) = point[0].as_f64() {
                    point[0] = num(left + x);
                }
            }
            if value.get("label").is_some() {
                shift(&mut value["label"]);
            }
            edges.push(value.take());
        }
        for value in document["lanes"].as_array_mut().into_iter().flatten() {
            shift(value);
            value["page"] = json!(page.index + 1);
            lanes.push(value.take());
        }
        for value in document["phases"].as_array_mut().into_iter().flatten() {
            shift(value);
            phases.push(value.take());
        }
        frames.push(json!({
            "index": page.index + 1,
            "x": num(x),
            "y": 0,
            "width": num(layout.width),
            "height": num(layout.height),
            "label": page.label,
            "direction": direction_name(layout.direction),
        }));
        x += layout.width + PAGE_GAP;
        height = height.max(layout.height);
    }
    let mut document = json!({
        "engine": "crmflow",
        "direction": pages.first().map_or("right", |page| direction_name(page.layout.direction)),
        "width": num((x - PAGE_GAP).max(0.0)),
        "height": num(height),
        "nodes": nodes,
        "edges": edges,
        "lanes": lanes,
        "pages": frames,
    });
    if !phases.is_empty() {
        document["phases"] = json!(phases);
    }
    let mut text = serde_json::to_string(&document).expect("JSON values always serialise");
    text.push('\n');
    text
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Right => "right",
        Direction::Down => "down",
    }
}

/// The layout-json document of one drawing.
fn document(layout: &Layout) -> Value {
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
        "direction": direction_name(layout.direction),
        "width": num(layout.width),
        "height": num(layout.height),
        "nodes": nodes,
        "edges": edges,
        "lanes": lanes,
    });
    if !phases.is_empty() {
        document["phases"] = json!(phases);
    }
    document
}
