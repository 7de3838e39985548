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
mod pages;
mod phases;
mod ports;
mod positioning;
mod ranking;
mod routing;
mod rows;
pub mod shape;
mod transfer;
mod types;
mod typography;
mod words;

pub use export::{layout_json, pages_json};
pub use lanes::LaneOrder;
pub use measure::{ApproxMeasure, Remembered, TextMeasure, wrap};
pub use pages::{PAGE_TEXT_PT, paginate};
pub use shape::{CYLINDER_CAP, DOC_WAVE, IO_SLANT};
pub use types::*;
pub use typography::*;

use crate::model::{Direction, Flow, NodeKind};
use chains::{ChainEdge, Item, ItemKind};
use import::Placement;
use measure::text_block;
use routing::RoutingInput;

/// Room the title and legend take above a drawing, roughly, when rows are
/// weighed.
const ROW_CHROME: f64 = 64.0;
/// Room along the flow around an edge label, so the line shows on both sides.
const LABEL_RUN: f64 = 8.0;

/// Choices that change a layout.
#[derive(Clone, Debug, Default)]
pub struct LayoutOptions {
    /// Lanes in declaration order or in the order with the shortest
    /// hand-offs.
    pub lane_order: LaneOrder,
    /// The title when the flow has no `flow "…"` header (none by default:
    /// the `missing-title` rule asks for one).
    pub untitled: Option<String>,
    /// The page the drawing is made for (the flow's `page`, else this).
    pub page: Page,
    /// `page` wins over the flow's own (a `--page` on the command line).
    pub force_page: bool,
    /// The most edge segments (columns crossed, summed over the edges) a
    /// drawing may have; `None` for no limit. See [`TooDense`].
    pub max_segments: Option<usize>,
    /// Lay out in this direction only, unless the flow sets its own (the
    /// pages of a split flow all take the whole drawing's).
    pub direction: Option<Direction>,
    /// Try at most this many of the label widths the page search tries,
    /// the usual one first (pages test a candidate at the usual widths
    /// only, quickly).
    pub max_widths: Option<usize>,
    /// Split a flow too big for its page into pages as well (see
    /// [`paginate`]); only what writes pages asks for them.
    pub pages: bool,
}

/// A flow whose drawing would need more edge segments than
/// [`LayoutOptions::max_segments`]: its edges cross so many columns that
/// laying it out would take minutes and gigabytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooDense {
    /// Segments the drawing would have.
    pub segments: usize,
    /// The limit.
    pub limit: usize,
    /// The flow edge crossing the most columns.
    pub longest_edge: usize,
    /// How many columns that edge crosses.
    pub longest_segments: usize,
}

/// Lays out a resolved flow with the default options.
pub fn layout(flow: &Flow, measure: &dyn TextMeasure) -> Result<Layout, TooDense> {
    layout_with(flow, measure, &LayoutOptions::default())
}

/// Label widths tried for a page, as multiples of the usual ones: the
/// usual first (kept on a tie), narrower for long strips, wider for tall
/// drawings.
const WRAP_SCALES: [f64; 5] = [1.0, 0.8, 0.65, 0.55, 1.3];
/// Flows with up to this many nodes and edges together get the full page
/// search (both directions, every scale in [`WRAP_SCALES`]) …
const FULL_SEARCH_SIZE: usize = 400;
/// … up to this many, their own direction and the first three scales;
/// larger ones are laid out once, as they are, so a page target never costs
/// more than three layouts of a large flow.
const SHORT_SEARCH_SIZE: usize = 1_500;
/// Candidates whose text is within this factor of the largest count as
/// equally good; the one shaped most like the page is kept.
const PAGE_GAIN: f64 = 1.03;

/// Lays out a resolved flow. For a page target (`slide` by default, see
/// [`Page`]) a few label widths — and, when the flow does not set its
/// direction, both directions — are laid out, and the drawing whose text
/// comes out largest once fitted to the page is kept.
pub fn layout_with(
    flow: &Flow,
    measure: &dyn TextMeasure,
    options: &LayoutOptions,
) -> Result<Layout, TooDense> {
    let page = match flow.header.page {
        Some(page) if !options.force_page => page,
        _ => options.page,
    };
    let size = flow.nodes.len() + flow.edges.len();
    let full = page != Page::None && size <= FULL_SEARCH_SIZE;
    let searching = page != Page::None && size <= SHORT_SEARCH_SIZE;
    let forced = options
        .direction
        .filter(|_| !flow.header.direction_set)
        .map(|direction| [direction]);
    let directions: &[Direction] = if let Some(forced) = &forced {
        forced
    } else if full && !flow.header.direction_set {
        &[Direction::Right, Direction::Down]
    } else if flow.header.direction == Direction::Down {
        &[Direction::Down]
    } else {
        &[Direction::Right]
    };
    let scales: &[f64] = if full {
        &WRAP_SCALES
    } else if searching {
        &WRAP_SCALES[..3]
    } else {
        &[1.0]
    };
    let scales = &scales[..options
        .max_widths
        .unwrap_or(scales.len())
        .clamp(1, scales.len())];
    let mut candidates: Vec<(f64, Layout)> = Vec::new();
    for &direction in directions {
        for &scale in scales {
            let layout = layout_once(flow, measure, page, options, direction, scale)?;
            let points = page.text_points(layout.width, layout.height);
            candidates.push((points, layout));
        }
    }
    // The largest text; among drawings whose text is nearly as large, the
    // one shaped most like the page; the first (usual) one on a tie.
    let best = candidates
        .iter()
        .map(|(points, _)| *points)
        .fold(0.0, f64::max);
    let shape_error = |layout: &Layout| page.shape_error(layout.width, layout.height);
    let mut chosen = 0;
    // Never smaller text than the first candidate, the usual widths in the
    // usual direction: asking for a page does not make text smaller than
    // not asking (a shape nearer the page's is no reason to).
    let usual = candidates[0].0;
    for (index, (points, layout)) in candidates.iter().enumerate() {
        let (chosen_points, chosen_layout) = &candidates[chosen];
        let near_best = *points >= best / PAGE_GAIN && *points >= usual - 1e-9;
        let chosen_near = *chosen_points >= best / PAGE_GAIN;
        let better = match (near_best, chosen_near) {
            (true, false) => true,
            (true, true) => shape_error(layout) < shape_error(chosen_layout) - 1e-9,
            (false, _) => false,
        };
        if better {
            chosen = index;
        }
    }
    Ok(candidates.swap_remove(chosen).1)
}

/// One layout with a direction and a label-width scale: the phases in
/// order, each taking what the ones before gave.
fn layout_once(
    flow: &Flow,
    measure: &dyn TextMeasure,
    page: Page,
    options: &LayoutOptions,
    direction: Direction,
    wrap_scale: f64,
) -> Result<Layout, TooDense> {
    let down = direction == Direction::Down;

    // 0. Import: boxes measured, lanes planned, data shapes placed.
    let import = import::import(flow, measure, options.lane_order, wrap_scale);
    debug_assert!(import.is_consistent());

    // 1. Directions and ranks.
    let layering = layering::layer(&import);
    debug_assert!(layering.is_valid(&import));
    if let Some(limit) = options.max_segments {
        check_density(&import, &layering, limit)?;
    }

    // 2. Items and chains: long edges become chains of dummies.
    let mut items = Items::of(&import, &layering, down);
    debug_assert!(chains::links_are_adjacent(&items.graph));

    // 3. Order within layers; same-rank hand-offs face each other.
    let (mut layers, pins) = order(&items.graph, &import, &layering);

    // Lane and phase headers: their sizes bound the bands and columns.
    let lanes = LaneHeaders::measure(flow, &import, measure, down);
    let phase_labels: Vec<&str> = flow.phases.iter().map(|p| p.label.as_str()).collect();
    let phase_headers = phases::measure_headers(&phase_labels, measure, down);
    let phase_inputs: Vec<phases::PhaseInput> = layering
        .phase_ranks
        .iter()
        .zip(&phase_headers.min_extent)
        .map(|(ranks, &min_extent)| phases::PhaseInput {
            layers: ranks.clone(),
            min_extent,
        })
        .collect();

    // 4. Ports, and positions across the flow that line them up.
    let across = place_across(
        &mut items,
        &mut layers,
        &pins,
        &import,
        &layering,
        &lanes.band_min,
    );
    let PlacedPorts {
        node_size,
        node_shift,
        node_reach,
    } = across.placed;

    // 5. Routes.
    let routes = routing::route(&RoutingInput {
        import: &import,
        layering: &layering,
        ports: &across.ports,
        graph: &items.graph,
        layers: &layers,
        axis: &across.axis,
        node_size: &node_size,
        node_shift: &node_shift,
        node_reach: &node_reach,
        self_loops: &items.self_loops,
        label_size: &items.label_size,
        r_start: lanes.depth,
        phases: &phase_inputs,
        down,
    });
    debug_assert!(routing::routes_are_orthogonal(&routes));
    debug_assert!(phase_spans_are_valid(
        &routes,
        &phase_inputs,
        &items.graph,
        &layers
    ));

    // 5b. Rows, when the drawing is far longer than its page (a phased
    // drawing is not cut: its columns are its parts).
    let (routes, band_spans) = if phase_inputs.is_empty() {
        cut_rows(routes, &across.axis, lanes.depth, page, down)
    } else {
        (routes, across.axis.bands.clone())
    };

    // 6. The page.
    Ok(transfer::to_layout(&transfer::Transfer {
        flow,
        direction,
        page,
        import: &import,
        layering: &layering,
        routes: &routes,
        bands: &band_spans,
        band_label_lines: lanes.lines,
        header_depth: lanes.depth,
        phase_lines: phase_headers.lines,
        phase_thickness: phase_headers.thickness,
        untitled: options.untitled.as_deref(),
        measure,
    }))
}

/// The layered graph's items and the sizes they were made from, in flow
/// coordinates (depth along the flow, breadth across).
struct Items {
    graph: chains::LayeredGraph,
    /// Per drawn node: its box.
    box_size: Vec<(f64, f64)>,
    /// Per edge: its label's size.
    label_size: Vec<(f64, f64)>,
    /// Per drawn node: its self-loops and their widest label.
    self_loops: Vec<(usize, f64)>,
    down: bool,
}

impl Items {
    /// One item per node, and a chain of items for every edge that is not
    /// drawn within a rank.
    fn of(import: &import::Import, layering: &layering::Layering, down: bool) -> Items {
        let along = |(w, h): (f64, f64)| if down { (h, w) } else { (w, h) };
        let count = import.nodes.len();
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
        let box_size: Vec<(f64, f64)> = import.nodes.iter().map(|node| along(node.size)).collect();
        let node_items: Vec<Item> = (0..count)
            .map(|n| Item {
                kind: match import.nodes[n].placement {
                    Placement::Satellite(anchor) => ItemKind::Satellite(anchor),
                    Placement::Normal | Placement::Docked => ItemKind::Node(n),
                },
                band: import.bands.of_node[n],
                rank: layering.rank[n],
                depth: box_size[n].0,
                breadth: box_size[n].1,
            })
            .collect();
        let chain_edges: Vec<Option<ChainEdge>> = import
            .edges
            .iter()
            .enumerate()
            .map(|(e, edge)| {
                let drawn_within_rank = edge.from == edge.to
                    || layering.same_rank[e]
                    || edge.is_attached(&import.nodes);
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
        Items {
            graph: chains::split_long_edges(node_items, &chain_edges),
            box_size,
            label_size,
            self_loops,
            down,
        }
    }
}

/// Phase 3: the order within layers, and the pins that make a same-rank
/// hand-off's two ends face each other across their lanes.
fn order(
    graph: &chains::LayeredGraph,
    import: &import::Import,
    layering: &layering::Layering,
) -> (Vec<Vec<usize>>, Vec<(usize, bool)>) {
    let mut layers = ordering::order_layers(graph);
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
    ordering::pin(graph, &mut layers, &pins);
    debug_assert!(ordering::is_valid_order(graph, &layers));
    (layers, pins)
}

/// The lane headers: their lines, how deep the header strip is, and the
/// least thickness each band needs for its header.
struct LaneHeaders {
    lines: Vec<Vec<String>>,
    depth: f64,
    band_min: Vec<f64>,
}

impl LaneHeaders {
    fn measure(
        flow: &Flow,
        import: &import::Import,
        measure: &dyn TextMeasure,
        down: bool,
    ) -> LaneHeaders {
        let bands = &import.bands;
        let bold = measure::Bold(measure);
        let source_bands: Vec<usize> = bands.of_node[..flow.nodes.len()].to_vec();
        let lines: Vec<Vec<String>> = bands
            .lane_of_band
            .iter()
            .enumerate()
            .map(|(band, lane)| {
                let label = match lane {
                    Some(lane) => flow.lanes[*lane].label.clone(),
                    None => lanes::laneless_header(flow, &source_bands, band).to_string(),
                };
                // Never narrower than the lane's longest word.
                let longest = label
                    .split_whitespace()
                    .map(|word| bold.width(word, FONT_SIZE))
                    .fold(0.0, f64::max);
                let width = if down {
                    160.0
                } else {
                    84.0f64.max(longest.ceil())
                };
                wrap(&label, width, FONT_SIZE, &bold)
            })
            .collect();
        let sizes: Vec<(f64, f64)> = lines
            .iter()
            .map(|lines| text_block(lines, FONT_SIZE, LINE_HEIGHT, &bold, 12.0, 8.0))
            .collect();
        let depth = if !bands.has_lanes {
            0.0
        } else if down {
            sizes.iter().map(|s| s.1).fold(36.0, f64::max)
        } else {
            sizes.iter().map(|s| s.0).fold(64.0, f64::max)
        };
        let band_min = sizes
            .iter()
            .map(|&(w, h)| if down { w } else { h })
            .collect();
        LaneHeaders {
            lines,
            depth,
            band_min,
        }
    }
}

/// What phase 4 gives: the ports, the items' places across the flow, and
/// the node sizes grown for their ports.
struct Across {
    ports: ports::Ports,
    axis: positioning::OrderAxis,
    placed: PlacedPorts,
}

/// Phase 4: ports, and positions across the flow that line them up. Sides
/// are first chosen by the order of the layers, then once more by where
/// the first positions put each node's neighbours (a branch drawn straight
/// out of a decision is the one level with it); the order follows the
/// decisions' tips, and the positions are redone when that changed
/// anything.
fn place_across(
    items: &mut Items,
    layers: &mut [Vec<usize>],
    pins: &[(usize, bool)],
    import: &import::Import,
    layering: &layering::Layering,
    band_min: &[f64],
) -> Across {
    let band_count = import.bands.count;
    let plan_ports = |items: &Items, layers: &[Vec<usize>], centers: Option<&[f64]>| {
        ports::plan(&ports::PortInput {
            import,
            layering,
            graph: &items.graph,
            layers,
            node_size: &items.box_size,
            label_size: &items.label_size,
            down: items.down,
            centers,
        })
    };
    let position = |items: &mut Items, layers: &[Vec<usize>], ports: &ports::Ports| {
        let sizes = Sizes {
            box_size: &items.box_size,
            self_loops: &items.self_loops,
            label_size: &items.label_size,
            down: items.down,
        };
        let placed = PlacedPorts::apply(&mut items.graph, import, layering, ports, &sizes);
        let axis = positioning::assign_order_axis(
            &items.graph,
            layers,
            band_count,
            band_min,
            &|e, at_tail| placed.end_port(import, layering, ports, e, at_tail).0,
        );
        (placed, axis)
    };
    let mut ports = plan_ports(items, layers, None);
    debug_assert!(ports.is_valid(import, &items.graph, layering));
    let (mut placed, mut axis) = position(items, layers, &ports);
    for round in 0..2 {
        let replanned = plan_ports(items, layers, Some(&axis.center));
        let ports_changed = replanned != ports;
        ports = replanned;
        debug_assert!(ports.is_valid(import, &items.graph, layering));
        // Even with the same ports, the order may still disagree with a
        // decision's tips (a branch off the high tip to an item ordered
        // below the main branch's crosses it): follow them then too.
        let reordered =
            round == 0 && follow_decision_tips(items, layers, pins, import, layering, &ports);
        if !ports_changed && !reordered {
            break;
        }
        (placed, axis) = position(items, layers, &ports);
    }
    debug_assert!(positioning::items_fit_bands(&items.graph, layers, &axis));
    Across {
        ports,
        axis,
        placed,
    }
}

/// The items right after a decision take the order of its tips, so its
/// branches leave without crossing each other; long edges that now thread
/// between those items move around them. Whether the order changed.
fn follow_decision_tips(
    items: &Items,
    layers: &mut [Vec<usize>],
    pins: &[(usize, bool)],
    import: &import::Import,
    layering: &layering::Layering,
    ports: &ports::Ports,
) -> bool {
    let graph = &items.graph;
    let before = layers.to_vec();
    let placed_by_tips = ordering::follow_tips(graph, layers, pins, &|e| {
        let plan = ports.edges[e]?;
        if layering.reversed[e] || import.nodes[import.edges[e].from].kind != NodeKind::Decision {
            return None;
        }
        Some(match plan.from {
            ports::Attach::Beside { high: false, .. } => 0,
            ports::Attach::Beside { high: true, .. } => 2,
            ports::Attach::Across { .. } | ports::Attach::Straight { .. } => 1,
        })
    });
    let mut placed = vec![false; graph.items.len()];
    for item in placed_by_tips {
        placed[item] = true;
    }
    let mut pinned = vec![false; graph.items.len()];
    for &(item, _) in pins {
        pinned[item] = true;
    }
    ordering::sift_chains(graph, layers, &placed, &pinned);
    debug_assert!(ordering::is_valid_order(graph, layers));
    layers != before
}

/// Whether the routed phase columns hold their layers (a debug check).
fn phase_spans_are_valid(
    routes: &routing::Routes,
    phase_inputs: &[phases::PhaseInput],
    graph: &chains::LayeredGraph,
    layers: &[Vec<usize>],
) -> bool {
    let layer_starts: Vec<f64> = routes
        .layer_ends
        .iter()
        .zip(layers)
        .map(|(end, layer)| {
            end - layer
                .iter()
                .map(|&i| graph.items[i].depth)
                .fold(0.0, f64::max)
        })
        .collect();
    phases::spans_are_valid(
        &routes.phase_spans,
        phase_inputs,
        &layer_starts,
        &routes.layer_ends,
    )
}

/// Phase 5b: a drawing far longer than its page, cut into rows; the routes
/// and the band spans as drawn.
fn cut_rows(
    routes: routing::Routes,
    axis: &positioning::OrderAxis,
    header_depth: f64,
    page: Page,
    down: bool,
) -> (routing::Routes, Vec<(f64, f64)>) {
    let o_extent = axis.bands.last().map_or(0.0, |&(o, t)| o + t);
    let frame = rows::Frame {
        r_is_x: !down,
        chrome: (2.0 * MARGIN, 2.0 * MARGIN + ROW_CHROME),
    };
    let cuts = rows::choose(&routes, o_extent, header_depth, page, &frame);
    if cuts.at.is_empty() {
        return (routes, axis.bands.clone());
    }
    let wrapped = rows::wrap(&routes, &axis.bands, header_depth, &cuts);
    debug_assert!(routing::routes_are_orthogonal(&wrapped.0));
    wrapped
}

/// Refuses a drawing whose edges cross more columns, summed, than `limit`:
/// every column an edge crosses becomes an item each later phase places
/// and routes.
fn check_density(
    import: &import::Import,
    layering: &layering::Layering,
    limit: usize,
) -> Result<(), TooDense> {
    let mut segments = import.nodes.len();
    let mut longest = (0usize, 0usize);
    for (e, edge) in import.edges.iter().enumerate() {
        let span = layering.rank[edge.from].abs_diff(layering.rank[edge.to]);
        segments += span;
        if span > longest.1 {
            longest = (e, span);
        }
    }
    if segments > limit {
        return Err(TooDense {
            segments,
            limit,
            longest_edge: longest.0,
            longest_segments: longest.1,
        });
    }
    Ok(())
}

/// What sizes port room is added to.
struct Sizes<'a> {
    /// Per drawn node: its box (depth along the flow, breadth across).
    box_size: &'a [(f64, f64)],
    /// Per drawn node: its self-loops and their widest label.
    self_loops: &'a [(usize, f64)],
    /// Per edge: its label's size (depth, breadth).
    label_size: &'a [(f64, f64)],
    down: bool,
}

/// A port plan applied to the layered graph's items.
struct PlacedPorts {
    /// Per drawn node: its box, grown so its ports fit.
    node_size: Vec<(f64, f64)>,
    /// Per drawn node: its box's centre across the flow from its item's.
    node_shift: Vec<f64>,
    /// Per drawn node: how far from its centre near/far ports may sit.
    node_reach: Vec<f64>,
}

impl PlacedPorts {
    /// Sizes every node item for the room its ports, satellites and
    /// self-loops need, and links the items with the ports' shifts.
    fn apply(
        graph: &mut chains::LayeredGraph,
        import: &import::Import,
        layering: &layering::Layering,
        ports: &ports::Ports,
        sizes: &Sizes<'_>,
    ) -> PlacedPorts {
        let count = import.nodes.len();
        let node_size: Vec<(f64, f64)> = (0..count)
            .map(|n| {
                (
                    sizes.box_size[n].0,
                    sizes.box_size[n].1 + ports.room[n].grow,
                )
            })
            .collect();
        let mut node_shift = vec![0.0; count];
        for n in 0..count {
            let room = ports.room[n];
            let (loop_count, loop_label) = sizes.self_loops[n];
            let loops = if loop_count > 0 {
                routing::loop_room(loop_count, loop_label)
            } else {
                0.0
            };
            graph.items[n].breadth = node_size[n].1 + room.low + room.high + loops;
            graph.items[n].depth = node_size[n].0;
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
                    .map(|(e, _)| 2.0 * (sizes.label_size[e].0 + 8.0) + ports::PORT_GAP)
                    .fold(0.0, f64::max);
                let depth = graph.items[anchor].depth.max(node_size[n].0).max(labels);
                graph.items[anchor].depth = depth;
            }
        }
        let node_reach: Vec<f64> = (0..count)
            .map(|n| {
                let (depth, breadth) = node_size[n];
                let (side, rect) = if sizes.down {
                    (shape::Side::South, Rect::new(0.0, 0.0, breadth, depth))
                } else {
                    (shape::Side::East, Rect::new(0.0, 0.0, depth, breadth))
                };
                shape::port_reach(import.nodes[n].kind, side, &rect)
            })
            .collect();
        let placed = PlacedPorts {
            node_size,
            node_shift,
            node_reach,
        };
        graph.link(&|e, at_tail| placed.end_port(import, layering, ports, e, at_tail));
        placed
    }

    /// Where a chain's tail (`at_tail`) or head port sits across the flow
    /// from its node item's centre, and how it gives when it is a stub
    /// beside the node (as `routing` runs such a stub on, so positioning
    /// can count the link straight).
    fn end_port(
        &self,
        import: &import::Import,
        layering: &layering::Layering,
        ports: &ports::Ports,
        e: usize,
        at_tail: bool,
    ) -> (f64, Option<chains::Give>) {
        let Some(plan) = ports.edges[e] else {
            return (0.0, None);
        };
        let edge = &import.edges[e];
        // The chain's tail is the flow source unless the edge is reversed.
        let (node, attach) = if at_tail != layering.reversed[e] {
            (edge.from, plan.from)
        } else {
            (edge.to, plan.to)
        };
        let give = match attach {
            ports::Attach::Beside { high, .. } => {
                let half = self.node_size[node].1 / 2.0;
                let side = self.node_shift[node] + if high { half } else { -half };
                let stub = if high {
                    routing::MIN_STUB
                } else {
                    -routing::MIN_STUB
                };
                Some(chains::Give {
                    high,
                    from: side + stub,
                })
            }
            _ => None,
        };
        (self.node_shift[node] + attach.across(), give)
    }
}
