//! Stage 3 — layout: [`Flow`] → [`Layout`], a layered (Sugiyama) drawing
//! with lanes as bands.
//!
//! The phases run in order, each in its own module stating its algorithm and
//! its pre/postconditions:
//! 1. [`acyclic`] — break cycles (rework loops) by reversing back edges;
//! 2. [`rank`] — assign layers;
//! 3. [`order`] — order nodes within layers, lanes as a hard partition;
//! 4. [`position`] — coordinates, lane bands;
//! 5. [`route`] — orthogonal edge routes.
//!
//! Text is measured through the injected [`TextMeasure`]; the result is
//! plain data that the renderer reads and cannot fail on.

mod acyclic;
mod measure;
mod order;
mod position;
mod rank;
mod route;
mod types;

pub use measure::{ApproxMeasure, TextMeasure, wrap};
pub use types::*;

use crate::model::{Direction, EdgeKind, Flow, NodeKind};
use position::{FlowRect, PositionInput};
use route::{Ports, RouteEdge};

/// Font size of node and lane labels.
pub const FONT_SIZE: f64 = 14.0;
/// Font size of edge labels and secondary text.
pub const SMALL_FONT_SIZE: f64 = 12.0;
/// Font size of the diagram title.
pub const TITLE_FONT_SIZE: f64 = 20.0;
/// Line height for [`FONT_SIZE`] text.
pub const LINE_HEIGHT: f64 = 18.0;
/// Line height for [`SMALL_FONT_SIZE`] text.
pub const SMALL_LINE_HEIGHT: f64 = 15.0;
/// Margin around the whole drawing.
pub const MARGIN: f64 = 16.0;

/// Lays out a resolved flow.
pub fn layout(flow: &Flow, measure: &dyn TextMeasure) -> Layout {
    let node_count = flow.nodes.len();
    let edges: Vec<(usize, usize)> = flow
        .edges
        .iter()
        .map(|e| (e.from.index(), e.to.index()))
        .collect();

    // Bands: the lanes in declaration order, plus one for lane-less nodes
    // when the flow has lanes (so they never sit inside a role's lane).
    let has_lanes = !flow.lanes.is_empty();
    let laneless_band = flow.lanes.len();
    let band: Vec<usize> = flow
        .nodes
        .iter()
        .map(|node| {
            node.lane
                .map_or(if has_lanes { laneless_band } else { 0 }, |lane| {
                    lane.index()
                })
        })
        .collect();
    let uses_laneless = has_lanes && band.contains(&laneless_band);
    let band_count = if has_lanes {
        flow.lanes.len() + usize::from(uses_laneless)
    } else {
        1
    };

    // Phase 1 and 2.
    let starts: Vec<usize> = flow
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.kind == NodeKind::Start)
        .map(|(index, _)| index)
        .collect();
    let reversed = acyclic::break_cycles(node_count, &edges, &starts);
    debug_assert!(acyclic::is_acyclic(node_count, &edges, &reversed));
    let forward: Vec<(usize, usize)> = edges
        .iter()
        .zip(&reversed)
        .map(|(&(from, to), &flip)| if flip { (to, from) } else { (from, to) })
        .collect();
    let ranks = rank::assign_ranks(node_count, &forward);
    debug_assert!(rank::edges_go_forward(&forward, &ranks));

    // Phase 3.
    let order = order::order_layers(&ranks, &band, &forward);
    debug_assert!(order::is_valid_order(&order, &ranks, &band));

    // Node sizes and labels.
    let down = flow.header.direction == Direction::Down;
    let node_lines: Vec<Vec<String>> = flow
        .nodes
        .iter()
        .map(|node| wrap(&node.label, label_width(node.kind), FONT_SIZE, measure))
        .collect();
    let sizes: Vec<(f64, f64)> = flow
        .nodes
        .iter()
        .zip(&node_lines)
        .map(|(node, lines)| node_size(node.kind, lines, measure))
        .collect();
    let extents: Vec<(f64, f64)> = sizes
        .iter()
        .map(|&(w, h)| if down { (h, w) } else { (w, h) })
        .collect();

    // Edge labels.
    let edge_lines: Vec<Option<Vec<String>>> = flow
        .edges
        .iter()
        .map(|edge| {
            edge.label
                .as_ref()
                .map(|label| wrap(&label.value, 120.0, SMALL_FONT_SIZE, measure))
        })
        .collect();
    let label_sizes: Vec<(f64, f64)> = edge_lines
        .iter()
        .map(|lines| {
            lines.as_ref().map_or((0.0, 0.0), |lines| {
                text_block(lines, SMALL_FONT_SIZE, SMALL_LINE_HEIGHT, measure, 6.0, 2.0)
            })
        })
        .collect();
    let label_depth: Vec<f64> = label_sizes
        .iter()
        .map(|&(w, h)| if down { h } else { w })
        .collect();
    let layer_count = order.len();
    let mut label_gap = vec![0.0f64; layer_count];
    for (index, &(from, to)) in forward.iter().enumerate() {
        if ranks[from] < ranks[to] && label_depth[index] > 0.0 {
            let gap = &mut label_gap[ranks[from]];
            *gap = gap.max(label_depth[index] + 48.0);
        }
    }
    let mut loop_room = vec![0.0f64; band_count];
    for (&(from, to), &flip) in edges.iter().zip(&reversed) {
        if flip && from != to {
            loop_room[band[to]] += route::LOOP_STEP;
        }
    }
    for room in &mut loop_room {
        if *room > 0.0 {
            *room += 8.0;
        }
    }

    // Lane headers.
    let mut band_labels: Vec<String> = flow.lanes.iter().map(|lane| lane.label.clone()).collect();
    if uses_laneless {
        band_labels.push(String::new());
    }
    let band_label_lines: Vec<Vec<String>> = band_labels
        .iter()
        .map(|label| wrap(label, if down { 160.0 } else { 96.0 }, FONT_SIZE, measure))
        .collect();
    let band_label_sizes: Vec<(f64, f64)> = band_label_lines
        .iter()
        .map(|lines| text_block(lines, FONT_SIZE, LINE_HEIGHT, measure, 12.0, 8.0))
        .collect();
    let header_depth = if !has_lanes {
        0.0
    } else if down {
        band_label_sizes.iter().map(|s| s.1).fold(36.0, f64::max)
    } else {
        band_label_sizes.iter().map(|s| s.0).fold(72.0, f64::max)
    };
    let band_min: Vec<f64> = band_label_sizes
        .iter()
        .map(|&(w, h)| if down { w } else { h })
        .chain(std::iter::repeat(0.0))
        .take(band_count)
        .collect();

    // Phase 4.
    let geometry = position::assign_coordinates(&PositionInput {
        extents: &extents,
        band: &band,
        order: &order,
        band_count,
        band_min: &band_min,
        header_depth,
        label_gap: &label_gap,
        loop_room: &loop_room,
    });

    // Phase 5, on the original edge directions.
    let route_edges: Vec<RouteEdge> = flow
        .edges
        .iter()
        .enumerate()
        .map(|(index, edge)| RouteEdge {
            from: edge.from.index(),
            to: edge.to.index(),
            label_depth: label_depth[index],
        })
        .collect();
    let ports: Vec<Ports> = flow
        .nodes
        .iter()
        .map(|node| {
            if node.kind == NodeKind::Decision {
                Ports::Vertex
            } else {
                Ports::Spread
            }
        })
        .collect();
    let paths = route::route_edges(&geometry, &ranks, &band, &ports, &route_edges);

    // Title block above, legend below.
    let title = title_block(flow, measure);
    let title_height = title.as_ref().map_or(0.0, |t| t.rect.height + 8.0);
    let origin = Point::new(MARGIN, MARGIN + title_height);
    let to_xy = |r: f64, o: f64| {
        if down {
            Point::new(origin.x + o, origin.y + r)
        } else {
            Point::new(origin.x + r, origin.y + o)
        }
    };
    let to_rect = |rect: &FlowRect| {
        let corner = to_xy(rect.r, rect.o);
        if down {
            Rect::new(corner.x, corner.y, rect.d_o, rect.dr)
        } else {
            Rect::new(corner.x, corner.y, rect.dr, rect.d_o)
        }
    };
    let (body_width, body_height) = if down {
        (geometry.o_extent, geometry.r_extent)
    } else {
        (geometry.r_extent, geometry.o_extent)
    };

    let lanes: Vec<LaneBand> = if has_lanes {
        geometry
            .bands
            .iter()
            .enumerate()
            .map(|(index, &(o, thickness))| {
                let rect = to_rect(&FlowRect {
                    r: 0.0,
                    o,
                    dr: geometry.r_extent,
                    d_o: thickness,
                });
                let header = to_rect(&FlowRect {
                    r: 0.0,
                    o,
                    dr: header_depth,
                    d_o: thickness,
                });
                let lane = flow.lanes.get(index);
                LaneBand {
                    id: lane.map_or_else(String::new, |lane| lane.id.clone()),
                    label: lane.map_or_else(String::new, |lane| lane.label.clone()),
                    lines: band_label_lines[index].clone(),
                    rect,
                    header,
                    index,
                }
            })
            .collect()
    } else {
        Vec::new()
    };

    let used_modules: Vec<usize> = (0..flow.modules.len())
        .filter(|&m| {
            flow.nodes
                .iter()
                .any(|node| node.module.map(|id| id.index()) == Some(m))
        })
        .collect();
    let nodes: Vec<NodeBox> = flow
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| NodeBox {
            id: node.id.clone(),
            kind: node.kind,
            lines: node_lines[index].clone(),
            rect: to_rect(&geometry.nodes[index]),
            module: node
                .module
                .and_then(|m| used_modules.iter().position(|&u| u == m.index())),
            link: node.calls.as_ref().map(|calls| calls.value.clone()),
        })
        .collect();
    let edges_out: Vec<EdgePath> = flow
        .edges
        .iter()
        .enumerate()
        .map(|(index, edge)| {
            let points: Vec<Point> = paths[index].iter().map(|&(r, o)| to_xy(r, o)).collect();
            let label = edge_lines[index].as_ref().map(|lines| {
                let (w, h) = label_sizes[index];
                let at = label_anchor(&points, w, h, down);
                EdgeLabel {
                    lines: lines.clone(),
                    rect: Rect::new(at.x - w / 2.0, at.y - h / 2.0, w, h),
                }
            });
            EdgePath {
                from: edge.from.index(),
                to: edge.to.index(),
                kind: edge.kind,
                points,
                label,
                back: reversed[index],
            }
        })
        .collect();

    let legend = legend(flow, &used_modules, origin.y + body_height + 12.0, measure);
    let mut width = MARGIN + body_width + MARGIN;
    let mut height = origin.y + body_height + MARGIN;
    if let Some(title) = &title {
        width = width.max(title.rect.right() + MARGIN);
    }
    if let Some(legend) = &legend {
        width = width.max(legend.rect.right() + MARGIN);
        height = height.max(legend.rect.bottom() + MARGIN);
    }
    // Labels and self-loops may reach past the body.
    for edge in &edges_out {
        for point in &edge.points {
            width = width.max(point.x + MARGIN);
            height = height.max(point.y + MARGIN);
        }
    }
    Layout {
        width: width.ceil(),
        height: height.ceil(),
        direction: flow.header.direction,
        title,
        lanes,
        nodes,
        edges: edges_out,
        legend,
    }
}

/// Maximum label width inside a node of this kind.
fn label_width(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Decision => 120.0,
        NodeKind::Start | NodeKind::End => 140.0,
        _ => 150.0,
    }
}

/// Size of a block of text lines with padding.
fn text_block(
    lines: &[String],
    font_size: f64,
    line_height: f64,
    measure: &dyn TextMeasure,
    pad_x: f64,
    pad_y: f64,
) -> (f64, f64) {
    let width = lines
        .iter()
        .map(|line| measure.width(line, font_size))
        .fold(0.0, f64::max);
    (
        width + 2.0 * pad_x,
        lines.len() as f64 * line_height + 2.0 * pad_y,
    )
}

/// The box of a node shape that holds its label.
fn node_size(kind: NodeKind, lines: &[String], measure: &dyn TextMeasure) -> (f64, f64) {
    let (text_w, text_h) = text_block(lines, FONT_SIZE, LINE_HEIGHT, measure, 0.0, 0.0);
    let (w, h) = match kind {
        NodeKind::Start | NodeKind::End => (text_w + 48.0, text_h + 22.0),
        NodeKind::Step => (text_w + 32.0, text_h + 24.0),
        NodeKind::Decision => ((text_w + 24.0) * 1.6, (text_h + 16.0) * 1.7),
        NodeKind::Io => (text_w + 64.0, text_h + 24.0),
        NodeKind::Store => (text_w + 32.0, text_h + 40.0),
        NodeKind::Doc => (text_w + 32.0, text_h + 34.0),
        NodeKind::Sub => (text_w + 52.0, text_h + 24.0),
    };
    let (min_w, min_h) = match kind {
        NodeKind::Decision => (132.0, 76.0),
        NodeKind::Start | NodeKind::End => (96.0, 40.0),
        _ => (112.0, 48.0),
    };
    (w.max(min_w).round(), h.max(min_h).round())
}

/// Where an edge label goes: the middle of the last segment long enough to
/// hold it (near the target, clear of sibling branches), or of the longest.
fn label_anchor(points: &[Point], w: f64, h: f64, down: bool) -> Point {
    let segments: Vec<(Point, Point)> = points.windows(2).map(|pair| (pair[0], pair[1])).collect();
    let length = |(a, b): &(Point, Point)| (b.x - a.x).abs() + (b.y - a.y).abs();
    let fits = |segment: &(Point, Point)| {
        let along_flow = if down {
            (segment.1.y - segment.0.y).abs()
        } else {
            (segment.1.x - segment.0.x).abs()
        };
        along_flow >= if down { h } else { w } + 8.0
    };
    let chosen = segments
        .iter()
        .rev()
        .find(|segment| fits(segment))
        .or_else(|| {
            segments
                .iter()
                .max_by(|a, b| length(a).total_cmp(&length(b)))
        })
        .copied()
        .unwrap_or((Point::default(), Point::default()));
    Point::new(
        (chosen.0.x + chosen.1.x) / 2.0,
        (chosen.0.y + chosen.1.y) / 2.0,
    )
}

fn title_block(flow: &Flow, measure: &dyn TextMeasure) -> Option<TitleBlock> {
    let header = &flow.header;
    let title = header.title.as_ref().map(|t| t.value.clone());
    let mut lines = Vec::new();
    if let Some(goal) = &header.goal {
        lines.push(format!("Goal: {}", goal.value));
    }
    let mut facts = Vec::new();
    if let Some(owner) = &header.owner {
        facts.push(format!("Owner: {}", owner.value));
    }
    if let Some(version) = &header.version {
        facts.push(format!("v{}", version.value));
    }
    if let Some(reviewed) = &header.reviewed {
        facts.push(format!("Reviewed {}", reviewed.value));
    }
    if !facts.is_empty() {
        lines.push(facts.join("  ·  "));
    }
    if title.is_none() && lines.is_empty() {
        return None;
    }
    let title_w = title
        .as_ref()
        .map_or(0.0, |t| measure.width(t, TITLE_FONT_SIZE));
    let lines_w = lines
        .iter()
        .map(|l| measure.width(l, SMALL_FONT_SIZE))
        .fold(0.0, f64::max);
    let height = title.as_ref().map_or(0.0, |_| TITLE_FONT_SIZE * 1.4)
        + lines.len() as f64 * SMALL_LINE_HEIGHT;
    Some(TitleBlock {
        rect: Rect::new(MARGIN, MARGIN, title_w.max(lines_w).ceil(), height.ceil()),
        title,
        lines,
    })
}

fn legend(
    flow: &Flow,
    used_modules: &[usize],
    top: f64,
    measure: &dyn TextMeasure,
) -> Option<Legend> {
    let shows_data_flow = flow.edges.iter().any(|edge| edge.kind == EdgeKind::Data);
    if used_modules.is_empty() && !shows_data_flow {
        return None;
    }
    let modules: Vec<LegendModule> = used_modules
        .iter()
        .map(|&index| {
            let module = &flow.modules[index];
            LegendModule {
                id: module.id.clone(),
                label: module.label.clone(),
                color: module.color,
                index,
            }
        })
        .collect();
    let mut rows: Vec<f64> = modules
        .iter()
        .map(|m| measure.width(&m.label, SMALL_FONT_SIZE))
        .collect();
    rows.push(measure.width(LEGEND_CONTROL, SMALL_FONT_SIZE));
    if shows_data_flow {
        rows.push(measure.width(LEGEND_DATA, SMALL_FONT_SIZE));
    }
    let width = rows.iter().copied().fold(0.0, f64::max) * 1.1 + 56.0;
    let height = rows.len() as f64 * 20.0 + 12.0;
    Some(Legend {
        rect: Rect::new(MARGIN, top, width.ceil(), height),
        modules,
        shows_data_flow,
    })
}

/// Legend text for control-flow edges.
pub const LEGEND_CONTROL: &str = "Control flow";
/// Legend text for data-flow edges.
pub const LEGEND_DATA: &str = "Data flow";
