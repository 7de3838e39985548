//! Stage 4 — layout: [`Flow`] → [`Layout`], a layered (Sugiyama) drawing
//! with lanes as bands.
//!
//! [`layout_with`] is a short driver over phases that each live in their
//! own module, state their algorithm and source, and check a postcondition
//! (a debug assertion after every phase, so every test that lays something
//! out checks them):
//! 0. [`import`] — measure every node and label (text wrapped by
//!    [`measure`], boxes sized by [`shape`]), give every node a band
//!    ([`lanes`]), dock data shapes beside the steps that use them;
//! 1. [`layering`] — break cycles ([`cycles`]), rank by network simplex
//!    ([`ranking`]) with hand-offs folded into one column where the line
//!    is free;
//! 2. [`chains`] — long edges become chains of dummies and label dummies;
//! 3. [`ordering`] — crossing minimisation, lanes as a hard partition;
//! 4. [`ports`] then [`positioning`] — where every edge meets its node,
//!    then coordinates across the flow that line those ports up;
//! 5. [`routing`] — coordinates along the flow, channels, orthogonal routes;
//! 6. [`transfer`] — flow coordinates to the page (`direction right` or
//!    `down`), the lane bands, and the [`chrome`] (title, legend).
//!
//! Text is measured through the injected [`TextMeasure`] only; the result is
//! plain data that the renderer reads and cannot fail on.

mod chains;
mod chrome;
mod content;
mod cycles;
mod export;
mod import;
mod lanes;
mod layering;
mod measure;
mod ordering;
mod ports;
mod positioning;
mod ranking;
mod routing;
pub mod shape;
mod transfer;
mod types;

pub use export::layout_json;
pub use lanes::LaneOrder;
pub use measure::{ApproxMeasure, TextMeasure, wrap};
pub use shape::{CYLINDER_CAP, DOC_WAVE, IO_SLANT};
pub use types::*;

use crate::model::{Direction, Flow};
use chains::{ChainEdge, Item, ItemKind};
use import::Placement;
use routing::RoutingInput;

/// Font size of node and lane labels.
pub const FONT_SIZE: f64 = 14.0;
/// Font size of edge labels and secondary text.
pub const SMALL_FONT_SIZE: f64 = 12.0;
/// Font size of the diagram title.
pub const TITLE_FONT_SIZE: f64 = 20.0;
/// Line height for [`FONT_SIZE`] text.
pub const LINE_HEIGHT: f64 = 18.0;
/// Font size of input/output chips and notes.
pub const CHIP_FONT_SIZE: f64 = 12.0;
/// Line height of chip and note text.
pub const CHIP_LINE_HEIGHT: f64 = 15.0;
/// Line height for [`SMALL_FONT_SIZE`] text.
pub const SMALL_LINE_HEIGHT: f64 = 15.0;
/// Margin around the whole drawing.
pub const MARGIN: f64 = 16.0;
/// Room along the flow around an edge label, so the line shows on both sides.
const LABEL_RUN: f64 = 24.0;

/// Choices that change a layout.
#[derive(Clone, Debug, Default)]
pub struct LayoutOptions {
    /// Lanes in declaration order or in the order with the shortest
    /// hand-offs.
    pub lane_order: LaneOrder,
    /// The title when the flow has no `flow "…"` header (the file's name).
    pub untitled: Option<String>,
}

/// Lays out a resolved flow with the default options.
pub fn layout(flow: &Flow, measure: &dyn TextMeasure) -> Layout {
    layout_with(flow, measure, &LayoutOptions::default())
}

/// Lays out a resolved flow.
pub fn layout_with(flow: &Flow, measure: &dyn TextMeasure, options: &LayoutOptions) -> Layout {
    let down = flow.header.direction == Direction::Down;
    let along = |(w, h): (f64, f64)| if down { (h, w) } else { (w, h) };

    // 0. Import.
    let import = import::import(flow, measure, options.lane_order);
    debug_assert!(import.is_consistent());
    let count = import.nodes.len();

    // 1. Directions and ranks.
    let layering = layering::layer(&import);
    debug_assert!(layering.is_valid(&import));

    // 2. Items and chains.
    let label_size: Vec<(f64, f64)> = import
        .edges
        .iter()
        .map(|edge| {
            edge.label
                .as_ref()
                .map_or((0.0, 0.0), |(_, size)| along(*size))
        })
        .collect();
    let mut self_loops = vec![(0usize, 0.0f64); count];
    for (e, edge) in import.edges.iter().enumerate() {
        if edge.from == edge.to {
            self_loops[edge.from].0 += 1;
            self_loops[edge.from].1 = self_loops[edge.from].1.max(label_size[e].1);
        }
    }
    let node_items: Vec<Item> = (0..count)
        .map(|n| {
            let (depth, breadth) = along(import.nodes[n].size);
            Item {
                kind: match import.nodes[n].placement {
                    Placement::Satellite(anchor) => ItemKind::Satellite(anchor),
                    Placement::Normal | Placement::Docked => ItemKind::Node(n),
                },
                band: import.bands.of_node[n],
                rank: layering.rank[n],
                depth,
                breadth,
            }
        })
        .collect();
    let chain_edges: Vec<Option<ChainEdge>> = import
        .edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let drawn_within_rank =
                edge.from == edge.to || layering.same_rank[e] || edge.is_attached(&import.nodes);
            (!drawn_within_rank).then(|| {
                let reversed = layering.reversed[e];
                let (tail, head) = if reversed {
                    (edge.to, edge.from)
                } else {
                    (edge.from, edge.to)
                };
                ChainEdge {
                    tail,
                    head,
                    reversed,
                    label: edge.label.as_ref().map(|_| {
                        let (depth, breadth) = label_size[e];
                        (depth + LABEL_RUN, breadth)
                    }),
                }
            })
        })
        .collect();
    let mut graph = chains::split_long_edges(node_items, &chain_edges);
    debug_assert!(chains::links_are_adjacent(&graph));

    // 3. Order within layers; same-rank hand-offs face each other.
    let mut layers = ordering::order_layers(&graph);
    let pins: Vec<(usize, bool)> = import
        .edges
        .iter()
        .enumerate()
        .filter(|&(e, _)| layering.same_rank[e])
        .flat_map(|(_, edge)| {
            let from_upper = import.bands.of_node[edge.from] < import.bands.of_node[edge.to];
            [(edge.from, from_upper), (edge.to, !from_upper)]
        })
        .collect();
    ordering::pin(&graph, &mut layers, &pins);
    debug_assert!(ordering::is_valid_order(&graph, &layers));

    // 4a. Ports, and the room they need around each node.
    let box_size: Vec<(f64, f64)> = import.nodes.iter().map(|node| along(node.size)).collect();
    let ports = ports::plan(&ports::PortInput {
        import: &import,
        layering: &layering,
        graph: &graph,
        layers: &layers,
        node_size: &box_size,
        label_size: &label_size,
        down,
    });
    debug_assert!(ports.is_valid(&import, &graph, &layering));
    let node_size: Vec<(f64, f64)> = (0..count)
        .map(|n| (box_size[n].0, box_size[n].1 + ports.room[n].grow))
        .collect();
    let mut node_shift = vec![0.0; count];
    for n in 0..count {
        let room = ports.room[n];
        let loops = if self_loops[n].0 > 0 {
            routing::loop_room(self_loops[n].0, self_loops[n].1)
        } else {
            0.0
        };
        graph.items[n].breadth = node_size[n].1 + room.low + room.high + loops;
        node_shift[n] = (room.low - room.high) / 2.0;
    }
    // A node item is as deep as its satellites and their labels need.
    for (n, node) in import.nodes.iter().enumerate() {
        if let Placement::Satellite(anchor) = node.placement {
            let labels = import
                .edges
                .iter()
                .enumerate()
                .filter(|(_, edge)| edge.from == n || edge.to == n)
                .map(|(e, _)| 2.0 * (label_size[e].0 + 8.0) + ports::PORT_GAP)
                .fold(0.0, f64::max);
            let depth = graph.items[anchor].depth.max(node_size[n].0).max(labels);
            graph.items[anchor].depth = depth;
        }
    }
    let node_reach: Vec<f64> = (0..count)
        .map(|n| {
            let (depth, breadth) = node_size[n];
            let (side, rect) = if down {
                (shape::Side::South, Rect::new(0.0, 0.0, breadth, depth))
            } else {
                (shape::Side::East, Rect::new(0.0, 0.0, depth, breadth))
            };
            shape::port_reach(import.nodes[n].kind, side, &rect)
        })
        .collect();
    let end_offset = |e: usize, at_tail: bool| -> f64 {
        let Some(plan) = ports.edges[e] else {
            return 0.0;
        };
        let edge = &import.edges[e];
        let reversed = layering.reversed[e];
        // The chain's tail is the flow source unless the edge is reversed.
        let (node, attach) = if at_tail != reversed {
            (edge.from, plan.from)
        } else {
            (edge.to, plan.to)
        };
        node_shift[node] + attach.across()
    };
    graph.link(&end_offset);

    // Lane headers.
    let bands = &import.bands;
    let source_bands: Vec<usize> = bands.of_node[..flow.nodes.len()].to_vec();
    let band_label_lines: Vec<Vec<String>> = bands
        .lane_of_band
        .iter()
        .enumerate()
        .map(|(band, lane)| {
            let label = match lane {
                Some(lane) => flow.lanes[*lane].label.clone(),
                None => lanes::laneless_header(flow, &source_bands, band).to_string(),
            };
            let width = if down { 160.0 } else { 96.0 };
            wrap(&label, width, FONT_SIZE, &measure::Bold(measure))
        })
        .collect();
    let band_label_sizes: Vec<(f64, f64)> = band_label_lines
        .iter()
        .map(|lines| {
            text_block(
                lines,
                FONT_SIZE,
                LINE_HEIGHT,
                &measure::Bold(measure),
                12.0,
                8.0,
            )
        })
        .collect();
    let header_depth = if !bands.has_lanes {
        0.0
    } else if down {
        band_label_sizes.iter().map(|s| s.1).fold(36.0, f64::max)
    } else {
        band_label_sizes.iter().map(|s| s.0).fold(72.0, f64::max)
    };
    let band_min: Vec<f64> = band_label_sizes
        .iter()
        .map(|&(w, h)| if down { w } else { h })
        .collect();

    // 4b. Positions across the flow.
    let axis = positioning::assign_order_axis(&graph, &layers, bands.count, &band_min, &end_offset);
    debug_assert!(positioning::items_fit_bands(&graph, &layers, &axis));

    // 5. Routes.
    let routes = routing::route(&RoutingInput {
        import: &import,
        layering: &layering,
        ports: &ports,
        graph: &graph,
        layers: &layers,
        axis: &axis,
        node_size: &node_size,
        node_shift: &node_shift,
        node_reach: &node_reach,
        self_loops: &self_loops,
        label_size: &label_size,
        r_start: header_depth,
        down,
    });
    debug_assert!(routing::routes_are_orthogonal(&routes));

    // 6. The page.
    transfer::to_layout(&transfer::Transfer {
        flow,
        import: &import,
        layering: &layering,
        routes: &routes,
        bands: &axis.bands,
        band_label_lines,
        header_depth,
        untitled: options.untitled.as_deref(),
        measure,
    })
}

/// Size of a block of text lines with padding.
pub(crate) fn text_block(
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
