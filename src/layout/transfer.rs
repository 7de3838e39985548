//! Phase 6 — transfer: routed flow coordinates onto the page. `r` becomes
//! x for `direction right` and y for `down`; lane bands, node boxes with
//! their chips and notes, edge routes and labels are placed below the
//! title block, the legend below the body.
//!
//! Postcondition: the [`Layout`]'s nodes are the flow's nodes in
//! declaration order, then the copies of docked data shapes; its edges are
//! the flow's edges in order.

use super::chrome;
use super::import::Import;
use super::lanes;
use super::layering::Layering;
use super::measure::TextMeasure;
use super::routing::{FlowRect, Routes};
use super::types::{EdgeLabel, EdgePath, LaneBand, Layout, NodeBox, PhaseBand, Point, Rect};
use super::typography::MARGIN;
use crate::model::{Direction, Flow};

/// The tallest legend placed beside the title (three lines).
const LEGEND_TOP_MAX: f64 = 76.0;

/// What the page is made from.
pub(crate) struct Transfer<'a> {
    pub flow: &'a Flow,
    /// The direction laid out in.
    pub direction: Direction,
    /// The page laid out for.
    pub page: super::types::Page,
    pub import: &'a Import,
    pub layering: &'a Layering,
    pub routes: &'a Routes,
    /// Each band's `(start, thickness)` across the flow: the lanes in
    /// order, again for every row of a drawing cut into rows.
    pub bands: &'a [(f64, f64)],
    /// Each band's header text in lines.
    pub band_label_lines: Vec<Vec<String>>,
    /// Depth of the lane headers along the flow.
    pub header_depth: f64,
    /// Each phase's header text in lines.
    pub phase_lines: Vec<Vec<String>>,
    /// Thickness across the flow of the band of phase headers.
    pub phase_thickness: f64,
    /// The title when the flow has no header.
    pub untitled: Option<&'a str>,
    pub measure: &'a dyn TextMeasure,
}

/// Builds the page.
pub(crate) fn to_layout(input: &Transfer<'_>) -> Layout {
    let flow = input.flow;
    let import = input.import;
    let routes = input.routes;
    let down = input.direction == Direction::Down;
    // Phase headers take a band across the flow before the lanes.
    let phased = !flow.phases.is_empty();
    let o_head = if phased { input.phase_thickness } else { 0.0 };
    let o_extent = input.bands.last().map_or(0.0, |&(o, t)| o + t) + o_head;

    let (body_width, body_height) = if down {
        (o_extent, routes.r_extent)
    } else {
        (routes.r_extent, o_extent)
    };
    let title = chrome::title_block(flow, input.untitled, input.measure);
    let used_modules: Vec<usize> = (0..flow.modules.len())
        .filter(|&m| {
            flow.nodes
                .iter()
                .any(|node| node.module.map(|id| id.index()) == Some(m))
        })
        .collect();
    // The legend goes beside the title, right-aligned over the drawing,
    // when it fits there in no more lines than the title has room for;
    // else under the drawing.
    let has_copies = import.nodes.iter().any(|drawn| drawn.copy > 0);
    let content = chrome::legend_content(flow, &used_modules, has_copies, input.measure);
    let title_width = title.as_ref().map_or(0.0, |t| t.rect.width + 32.0);
    let title_height = title.as_ref().map_or(0.0, |t| t.rect.height);
    let beside = content.as_ref().and_then(|content| {
        let room = body_width - title_width;
        let (width, height) = content.size(room);
        (width <= room && height <= title_height.max(LEGEND_TOP_MAX)).then_some((width, height))
    });
    let top_height = match beside {
        Some((_, height)) => title_height.max(height),
        None => title_height,
    };
    let top_height = if top_height > 0.0 {
        top_height + 8.0
    } else {
        0.0
    };
    let origin = Point::new(MARGIN, MARGIN + top_height);
    let frame = Frame {
        origin,
        o_head,
        down,
    };
    let lanes_out = lane_bands(input, &frame);
    let phases_out = phase_bands(input, &frame, o_extent);
    let nodes = node_boxes(input, &frame, &used_modules);
    let edges_out = edge_paths(input, &frame);
    let legend = content.map(|content| match beside {
        Some((width, _)) => content.place(
            Point::new(MARGIN + body_width - width, MARGIN),
            body_width - title_width,
        ),
        None => content.place(
            Point::new(MARGIN, origin.y + body_height + 12.0),
            body_width,
        ),
    });
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
        direction: input.direction,
        page: input.page,
        title,
        lanes: lanes_out,
        phases: phases_out,
        nodes,
        edges: edges_out,
        legend,
        font_family: input.measure.font_family().to_owned(),
    }
}

/// Flow coordinates (`r` along, `o` across, from the body's corner) to
/// drawing coordinates: the body starts at `origin`, below the phase
/// headers' strip (`o_head` across the flow).
struct Frame {
    origin: Point,
    o_head: f64,
    down: bool,
}

impl Frame {
    fn point(&self, r: f64, o: f64) -> Point {
        let o = o + self.o_head;
        if self.down {
            Point::new(self.origin.x + o, self.origin.y + r)
        } else {
            Point::new(self.origin.x + r, self.origin.y + o)
        }
    }

    fn rect(&self, rect: &FlowRect) -> Rect {
        let corner = self.point(rect.r, rect.o);
        if self.down {
            Rect::new(corner.x, corner.y, rect.d_o, rect.dr)
        } else {
            Rect::new(corner.x, corner.y, rect.dr, rect.d_o)
        }
    }
}

/// The lane bands, one per band drawn (a drawing cut into rows repeats
/// them per row), with their headers.
fn lane_bands(input: &Transfer<'_>, frame: &Frame) -> Vec<LaneBand> {
    let (flow, import, routes) = (input.flow, input.import, input.routes);
    if import.bands.has_lanes {
        input
            .bands
            .iter()
            .enumerate()
            .map(|(drawn, &(o, thickness))| {
                // The lane of a row's band.
                let index = drawn % import.bands.count;
                let rect = frame.rect(&FlowRect {
                    r: 0.0,
                    o,
                    dr: routes.r_extent,
                    d_o: thickness,
                });
                let header = frame.rect(&FlowRect {
                    r: 0.0,
                    o,
                    dr: input.header_depth,
                    d_o: thickness,
                });
                let lane = import.bands.lane_of_band[index].map(|lane| &flow.lanes[lane]);
                LaneBand {
                    id: lane.map_or_else(String::new, |lane| lane.id.clone()),
                    label: lane.map_or_else(
                        || {
                            let of_node = &import.bands.of_node[..flow.nodes.len()];
                            lanes::laneless_header(flow, of_node, index).to_owned()
                        },
                        |lane| lane.label.clone(),
                    ),
                    lines: input.band_label_lines[index].clone(),
                    rect,
                    header,
                    index: drawn,
                    row: drawn / import.bands.count,
                }
            })
            .collect()
    } else {
        Vec::new()
    }
}

/// The phase columns, each across the whole body, with its header.
fn phase_bands(input: &Transfer<'_>, frame: &Frame, o_extent: f64) -> Vec<PhaseBand> {
    let (flow, import, routes) = (input.flow, input.import, input.routes);
    let o_head = frame.o_head;
    let phase_of = |drawn: usize| import.phase_of.get(drawn).copied();
    flow.phases
        .iter()
        .enumerate()
        .map(|(index, phase)| {
            let (from, to) = routes.phase_spans[index];
            let rect = frame.rect(&FlowRect {
                r: from,
                o: -o_head,
                dr: to - from,
                d_o: o_extent,
            });
            let header = frame.rect(&FlowRect {
                r: from,
                o: -o_head,
                dr: to - from,
                d_o: o_head,
            });
            PhaseBand {
                id: phase.id.clone(),
                label: phase.label.clone(),
                lines: input.phase_lines[index].clone(),
                rect,
                header,
                index,
                color: phase.color,
                nodes: (0..import.nodes.len())
                    .filter(|&n| phase_of(n) == Some(index))
                    .collect(),
            }
        })
        .collect()
}

/// Every drawn node's box, content and identity (a copy is `id.2`, …).
fn node_boxes(input: &Transfer<'_>, frame: &Frame, used_modules: &[usize]) -> Vec<NodeBox> {
    let (flow, import, routes) = (input.flow, input.import, input.routes);
    let phase_of = |drawn: usize| import.phase_of.get(drawn).copied();
    import
        .nodes
        .iter()
        .enumerate()
        .map(|(index, drawn)| {
            let node = &flow.nodes[drawn.source];
            let rect = frame.rect(&routes.nodes[index]);
            let (label_center, chips, notes) = drawn.content.place(drawn.kind, &rect);
            let id = if drawn.copy == 0 {
                node.id.clone()
            } else {
                format!("{}.{}", node.id, drawn.copy + 1)
            };
            NodeBox {
                id,
                kind: drawn.kind,
                lines: drawn.content.lines.clone(),
                rect,
                module: node
                    .module
                    .and_then(|m| used_modules.iter().position(|&u| u == m.index())),
                link: node.calls.as_ref().map(|calls| calls.value.clone()),
                label_center,
                chips,
                notes,
                copy_of: (drawn.copy > 0).then_some(drawn.source),
                phase: phase_of(index),
                off_page: None,
            }
        })
        .collect()
}

/// Space between a same-rank branch's line and its label.
const BESIDE_LINE_GAP: f64 = 4.0;

/// Where the label of a branch folded into one rank goes: it has no label
/// slot in a rank of its own, so it sits beside the middle of its straight
/// line (right of a vertical line, above a horizontal one), in the gap
/// between the lanes its ends face each other across.
fn beside_line(points: &[Point], width: f64, height: f64) -> Option<Point> {
    let [a, b] = points else { return None };
    let middle = Point {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    };
    if (a.x - b.x).abs() < 0.5 {
        Some(Point {
            x: middle.x + width / 2.0 + BESIDE_LINE_GAP,
            y: middle.y,
        })
    } else if (a.y - b.y).abs() < 0.5 {
        Some(Point {
            x: middle.x,
            y: middle.y - height / 2.0 - BESIDE_LINE_GAP,
        })
    } else {
        None
    }
}

/// Every edge's points and label box.
fn edge_paths(input: &Transfer<'_>, frame: &Frame) -> Vec<EdgePath> {
    let (import, routes) = (input.import, input.routes);
    import
        .edges
        .iter()
        .enumerate()
        .map(|(index, edge)| {
            let points: Vec<Point> = routes.paths[index]
                .iter()
                .map(|&(r, o)| frame.point(r, o))
                .collect();
            let label = edge.label.as_ref().map(|(lines, (w, h))| {
                let at = match routes.labels[index] {
                    Some((r, o)) => frame.point(r, o),
                    None => beside_line(&points, *w, *h)
                        .unwrap_or_else(|| points.first().copied().unwrap_or_default()),
                };
                EdgeLabel {
                    lines: lines.clone(),
                    rect: Rect::new(at.x - w / 2.0, at.y - h / 2.0, *w, *h),
                }
            });
            EdgePath {
                from: edge.from,
                to: edge.to,
                kind: edge.kind,
                points,
                label,
                back: input.layering.reversed[index],
            }
        })
        .collect()
}
