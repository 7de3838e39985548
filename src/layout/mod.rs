//! Stage 3 — layout: [`Flow`] → [`Layout`], a layered (Sugiyama) drawing
//! with lanes as bands.
//!
//! The phases run in order, each in its own module stating its algorithm,
//! its source and its pre/postconditions (checked by debug assertions after
//! every phase, so every test that lays something out checks them):
//! 1. [`cycles`] — break cycles (rework loops) by reversing back edges;
//! 2. [`ranking`] — layers by network simplex; [`chains`] splits long edges
//!    into dummies and gives edge labels label dummies;
//! 3. [`ordering`] — crossing minimisation, lanes as a hard partition;
//! 4. [`positioning`] — coordinates across the flow, band by band
//!    ([`lanes`] decides the bands);
//! 5. [`routing`] — ports, channels, coordinates along the flow and
//!    orthogonal routes.
//!
//! Text is measured through the injected [`TextMeasure`] only; the result is
//! plain data that the renderer reads and cannot fail on.

mod chains;
mod content;
mod cycles;
mod export;
mod lanes;
mod measure;
mod ordering;
mod positioning;
mod ranking;
mod routing;
mod types;

pub use export::layout_json;
pub use lanes::LaneOrder;
pub use measure::{ApproxMeasure, TextMeasure, wrap};
pub use types::*;

use crate::model::{Direction, EdgeKind, Flow, NodeKind};
use chains::{ChainEdge, Item, ItemKind};
use ranking::RankEdge;
use routing::{FlowRect, RoutingInput};

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

/// Puts each docked data node (see [`layout`]) at the rank nearest the
/// median of its neighbours' ranks that keeps every one of its edges at
/// least its minimum length long, so a shared store sits beside the middle
/// of the steps that use it and its edges run both ways from it. Hubs are
/// placed in node order; an edge to a hub not yet placed is ignored. Ranks
/// are shifted to start at 0 again afterwards.
fn dock_hubs(ranks: &mut [usize], hub: &[bool], edges: &[(usize, usize, i64)]) {
    let mut rank: Vec<i64> = ranks.iter().map(|&r| r as i64).collect();
    let mut placed: Vec<bool> = hub.iter().map(|&h| !h).collect();
    // Each hub's edges, (other end, minlen), so placing is linear in edges.
    let mut incident: Vec<Vec<(usize, i64)>> = vec![Vec::new(); ranks.len()];
    for &(from, to, minlen) in edges {
        if from == to {
            continue;
        }
        if hub[from] {
            incident[from].push((to, minlen));
        }
        if hub[to] {
            incident[to].push((from, minlen));
        }
    }
    let mut neighbours: Vec<(i64, i64)> = Vec::new();
    for node in (0..ranks.len()).filter(|&n| hub[n]) {
        neighbours.clear();
        for &(other, minlen) in &incident[node] {
            if placed[other] {
                neighbours.push((rank[other], minlen));
            }
        }
        placed[node] = true;
        if neighbours.is_empty() {
            continue;
        }
        neighbours.sort_unstable();
        let median = neighbours[(neighbours.len() - 1) / 2].0;
        let fits = |r: i64| neighbours.iter().all(|&(n, min)| (r - n).abs() >= min);
        let cost = |r: i64| neighbours.iter().map(|&(n, _)| (r - n).abs()).sum::<i64>();
        // The cost is convex with its minimum at the median, so the best
        // feasible rank is the nearest feasible one on either side; on a tie
        // the later one, so writes come before the store as the flow reads.
        let mut below = median;
        while !fits(below) {
            below -= 1;
        }
        let mut above = median;
        while !fits(above) {
            above += 1;
        }
        rank[node] = if cost(below) < cost(above) {
            below
        } else {
            above
        };
    }
    let lowest = rank.iter().copied().min().unwrap_or(0);
    for (out, r) in ranks.iter_mut().zip(rank) {
        *out = (r - lowest) as usize;
    }
}

/// Choices that change a layout.
#[derive(Clone, Copy, Debug, Default)]
pub struct LayoutOptions {
    /// Lanes in declaration order or in the order with the shortest
    /// hand-offs.
    pub lane_order: LaneOrder,
}

/// Lays out a resolved flow with the default options.
pub fn layout(flow: &Flow, measure: &dyn TextMeasure) -> Layout {
    layout_with(flow, measure, &LayoutOptions::default())
}

/// Lays out a resolved flow.
pub fn layout_with(flow: &Flow, measure: &dyn TextMeasure, options: &LayoutOptions) -> Layout {
    let node_count = flow.nodes.len();
    let down = flow.header.direction == Direction::Down;
    let bands = lanes::plan_bands(flow, options.lane_order);

    // Sizes: nodes and edge labels, as (depth along r, breadth along o).
    let contents: Vec<content::NodeContent> = flow
        .nodes
        .iter()
        .map(|node| content::NodeContent::measure(node, label_width(node.kind), measure))
        .collect();
    let sizes: Vec<(f64, f64)> = flow
        .nodes
        .iter()
        .zip(&contents)
        .map(|(node, content)| node_size(node.kind, content.size()))
        .collect();
    let along = |(w, h): (f64, f64)| if down { (h, w) } else { (w, h) };
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

    // Phase 1.
    let edges: Vec<(usize, usize)> = flow
        .edges
        .iter()
        .map(|e| (e.from.index(), e.to.index()))
        .collect();
    let starts: Vec<usize> = flow
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.kind == NodeKind::Start)
        .map(|(index, _)| index)
        .collect();
    // A data node that is both written and read (a store between steps, a
    // shared database) is *docked*: its edges take no part in phases 1 and
    // 2, so it never forces the steps it links apart, and it is then put at
    // the rank that makes its edges shortest (see [`dock_hubs`]).
    let mut data_in = vec![0usize; node_count];
    let mut data_out = vec![0usize; node_count];
    let mut control = vec![false; node_count];
    for edge in &flow.edges {
        let (from, to) = (edge.from.index(), edge.to.index());
        if edge.kind == EdgeKind::Data {
            data_out[from] += 1;
            data_in[to] += 1;
        } else {
            control[from] = true;
            control[to] = true;
        }
    }
    let hub: Vec<bool> = (0..node_count)
        .map(|n| !control[n] && data_in[n] > 0 && data_out[n] > 0)
        .collect();
    let docked: Vec<bool> = edges
        .iter()
        .map(|&(from, to)| from != to && (hub[from] || hub[to]))
        .collect();
    let core: Vec<usize> = (0..edges.len()).filter(|&e| !docked[e]).collect();
    let core_edges: Vec<(usize, usize)> = core.iter().map(|&e| edges[e]).collect();
    let broken = cycles::break_cycles(node_count, &core_edges, &starts);
    let mut reversed = vec![false; edges.len()];
    for (&e, &flip) in core.iter().zip(&broken) {
        reversed[e] = flip;
    }

    // Phase 2.
    let minlen = |e: usize| if edge_lines[e].is_some() { 2 } else { 1 };
    let rank_edges: Vec<RankEdge> = core
        .iter()
        .filter(|&&e| edges[e].0 != edges[e].1)
        .map(|&e| {
            let (from, to) = if reversed[e] {
                (edges[e].1, edges[e].0)
            } else {
                edges[e]
            };
            RankEdge {
                from,
                to,
                minlen: minlen(e),
                weight: 1,
            }
        })
        .collect();
    let mut ranks = ranking::assign_ranks(node_count, &rank_edges);
    debug_assert!(ranking::respects_minlen(&rank_edges, &ranks));
    let docked_edges: Vec<(usize, usize, i64)> = (0..edges.len())
        .filter(|&e| docked[e])
        .map(|e| (edges[e].0, edges[e].1, i64::from(minlen(e))))
        .collect();
    dock_hubs(&mut ranks, &hub, &docked_edges);
    for (e, &(from, to)) in edges.iter().enumerate() {
        if docked[e] {
            reversed[e] = ranks[from] > ranks[to];
        }
    }
    debug_assert!(cycles::is_acyclic(node_count, &edges, &reversed));
    let forward: Vec<(usize, usize)> = edges
        .iter()
        .zip(&reversed)
        .map(|(&(from, to), &flip)| if flip { (to, from) } else { (from, to) })
        .collect();
    let label_breadth: Vec<f64> = edge_lines
        .iter()
        .zip(&label_sizes)
        .map(|(lines, &size)| lines.as_ref().map_or(0.0, |_| along(size).1))
        .collect();
    let mut self_loops = vec![(0usize, 0.0f64); node_count];
    for (index, &(from, to)) in edges.iter().enumerate() {
        if from == to {
            self_loops[from].0 += 1;
            self_loops[from].1 = self_loops[from].1.max(label_breadth[index]);
        }
    }
    let node_items: Vec<Item> = (0..node_count)
        .map(|n| {
            let (depth, breadth) = along(sizes[n]);
            Item {
                kind: ItemKind::Node(n),
                band: bands.of_node[n],
                rank: ranks[n],
                depth,
                breadth: breadth
                    + if self_loops[n].0 > 0 {
                        routing::loop_room(self_loops[n].0, self_loops[n].1)
                    } else {
                        0.0
                    },
            }
        })
        .collect();
    let chain_edges: Vec<ChainEdge> = forward
        .iter()
        .enumerate()
        .map(|(index, &(tail, head))| ChainEdge {
            tail,
            head,
            reversed: reversed[index],
            label: edge_lines[index].as_ref().map(|_| {
                let (depth, breadth) = along(label_sizes[index]);
                (depth + LABEL_RUN, breadth)
            }),
        })
        .collect();
    let graph = chains::split_long_edges(node_items, &chain_edges);
    debug_assert!(chains::links_are_adjacent(&graph));

    // Phase 3.
    let layers = ordering::order_layers(&graph);
    debug_assert!(ordering::is_valid_order(&graph, &layers));

    // Lane headers.
    let band_labels: Vec<String> = bands
        .lane_of_band
        .iter()
        .map(|lane| match lane {
            Some(lane) => flow.lanes[*lane].label.clone(),
            None => lanes::laneless_header(flow).to_string(),
        })
        .collect();
    let band_label_lines: Vec<Vec<String>> = band_labels
        .iter()
        .map(|label| {
            let width = if down { 160.0 } else { 96.0 };
            wrap(label, width, FONT_SIZE, &measure::Bold(measure))
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

    // Phase 4.
    let axis = positioning::assign_order_axis(&graph, &layers, bands.count, &band_min);
    debug_assert!(positioning::items_fit_bands(&graph, &layers, &axis));

    // Phase 5.
    let kinds: Vec<NodeKind> = flow.nodes.iter().map(|node| node.kind).collect();
    let route_edges: Vec<(usize, usize, bool)> = edges
        .iter()
        .zip(&reversed)
        .map(|(&(from, to), &flip)| (from, to, flip))
        .collect();
    let routes = routing::route(&RoutingInput {
        graph: &graph,
        layers: &layers,
        axis: &axis,
        kinds: &kinds,
        edges: &route_edges,
        self_loops: &self_loops,
        label_breadth: &label_breadth,
        r_start: header_depth,
        down,
    });
    debug_assert!(routing::routes_are_orthogonal(&routes));
    let o_extent = axis.bands.last().map_or(0.0, |&(o, t)| o + t);

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
        (o_extent, routes.r_extent)
    } else {
        (routes.r_extent, o_extent)
    };

    let lanes: Vec<LaneBand> = if bands.has_lanes {
        axis.bands
            .iter()
            .enumerate()
            .map(|(index, &(o, thickness))| {
                let rect = to_rect(&FlowRect {
                    r: 0.0,
                    o,
                    dr: routes.r_extent,
                    d_o: thickness,
                });
                let header = to_rect(&FlowRect {
                    r: 0.0,
                    o,
                    dr: header_depth,
                    d_o: thickness,
                });
                let lane = bands.lane_of_band[index].map(|lane| &flow.lanes[lane]);
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
        .map(|(index, node)| {
            let rect = to_rect(&routes.nodes[index]);
            let (label_center, chips, notes) = contents[index].place(node.kind, &rect);
            NodeBox {
                id: node.id.clone(),
                kind: node.kind,
                lines: contents[index].lines.clone(),
                rect,
                module: node
                    .module
                    .and_then(|m| used_modules.iter().position(|&u| u == m.index())),
                link: node.calls.as_ref().map(|calls| calls.value.clone()),
                label_center,
                chips,
                notes,
            }
        })
        .collect();
    let edges_out: Vec<EdgePath> = flow
        .edges
        .iter()
        .enumerate()
        .map(|(index, edge)| {
            let points: Vec<Point> = routes.paths[index]
                .iter()
                .map(|&(r, o)| to_xy(r, o))
                .collect();
            let label = edge_lines[index].as_ref().map(|lines| {
                let (w, h) = label_sizes[index];
                let at = routes.labels[index].map_or_else(
                    || points.first().copied().unwrap_or_default(),
                    |(r, o)| to_xy(r, o),
                );
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
        font_family: measure.font_family().to_owned(),
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

/// The box of a node shape that holds a text block of this size.
fn node_size(kind: NodeKind, (text_w, text_h): (f64, f64)) -> (f64, f64) {
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

/// The words crmflow itself adds to a drawing, in the flow's language.
struct Words {
    goal: &'static str,
    owner: &'static str,
    reviewed: &'static str,
    control_flow: &'static str,
    data_flow: &'static str,
}

const ENGLISH: Words = Words {
    goal: "Goal: ",
    owner: "Owner: ",
    reviewed: "Reviewed ",
    control_flow: "Control flow",
    data_flow: "Data flow",
};

const CHINESE: Words = Words {
    goal: "目标：",
    owner: "负责人：",
    reviewed: "评审于 ",
    control_flow: "控制流",
    data_flow: "数据流",
};

fn words(flow: &Flow) -> &'static Words {
    if lanes::is_chinese(flow) {
        &CHINESE
    } else {
        &ENGLISH
    }
}

fn title_block(flow: &Flow, measure: &dyn TextMeasure) -> Option<TitleBlock> {
    let header = &flow.header;
    let words = words(flow);
    let title = header.title.as_ref().map(|t| t.value.clone());
    let mut lines = Vec::new();
    if let Some(goal) = &header.goal {
        lines.push(format!("{}{}", words.goal, goal.value));
    }
    let mut facts = Vec::new();
    if let Some(owner) = &header.owner {
        facts.push(format!("{}{}", words.owner, owner.value));
    }
    if let Some(version) = &header.version {
        facts.push(format!("v{}", version.value));
    }
    if let Some(reviewed) = &header.reviewed {
        facts.push(format!("{}{}", words.reviewed, reviewed.value));
    }
    if !facts.is_empty() {
        lines.push(facts.join("  ·  "));
    }
    if title.is_none() && lines.is_empty() {
        return None;
    }
    let title_w = title
        .as_ref()
        .map_or(0.0, |t| measure.bold_width(t, TITLE_FONT_SIZE));
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
    let words = words(flow);
    rows.push(measure.width(words.control_flow, SMALL_FONT_SIZE));
    if shows_data_flow {
        rows.push(measure.width(words.data_flow, SMALL_FONT_SIZE));
    }
    let width = rows.iter().copied().fold(0.0, f64::max) * 1.1 + 56.0;
    let height = rows.len() as f64 * 20.0 + 12.0;
    Some(Legend {
        rect: Rect::new(MARGIN, top, width.ceil(), height),
        modules,
        shows_data_flow,
        edge_words: (words.control_flow.to_owned(), words.data_flow.to_owned()),
    })
}
