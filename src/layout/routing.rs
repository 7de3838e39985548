//! Phase 5 — coordinates along the flow and orthogonal edge routes.
//!
//! Works in flow coordinates (`r` along the flow, `o` across it), after
//! positions across the flow (phase 4) and ports ([`super::ports`]).
//!
//! 1. **Ends.** Every end sits where its port says: on the near or far side
//!    at its offset; on a low or high side with a stub out to its level;
//!    or straight across to a node of the same rank (a hand-off, a
//!    satellite). A stub whose next item lies straight beyond its level in
//!    an empty stretch of the layer drops straight to it (bpmn-js's
//!    vertical-then-horizontal gateway exit): one bend, no channel.
//! 2. **Channels.** A link whose two ends differ across the flow turns
//!    twice in the gap after its layer. The runs of one gap get slots as in
//!    ELK's orthogonal router (Schulze, Spönemann, von Hanxleden, JVLC
//!    2014): overlapping runs take different slots, ordered to cross fewer
//!    horizontal segments (cycles broken like phase 1's, longest paths
//!    number the slots); runs that do not overlap, with [`CHANNEL`] to
//!    spare, share one. Slots are [`CHANNEL`] apart, so no two parallel
//!    runs are closer. A gap with very many runs is packed greedily (one
//!    pass over the runs sorted by their ends), so routing stays
//!    near-linear in the number of edges.
//! 3. **Layers.** Each layer is as deep as its deepest item; each gap as
//!    wide as its slots need. Nodes are centred in their layer.
//! 4. **Routes.** A chain becomes a polyline from its source's outline to
//!    its target's, straight through dummies and labels, turning only in
//!    gaps or at stubs. Self-loops are small loops on the low side, in
//!    room phase 4 reserved.
//!
//! Postcondition: every route is a polyline of axis-parallel segments from
//! its source's outline to its target's ([`routes_are_orthogonal`]).

use super::chains::{ItemKind, LayeredGraph};
use super::cycles;
use super::import::{Import, Placement};
use super::layering::Layering;
pub(crate) use super::phases::PhaseInput;
use super::ports::{Attach, Ports, STUB_ROOM};
use super::positioning::{OrderAxis, snap};
use super::shape::{hit_x, hit_y};
use super::types::Rect;
use crate::model::NodeKind;

/// A rectangle in flow coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct FlowRect {
    pub r: f64,
    pub o: f64,
    pub dr: f64,
    pub d_o: f64,
}

impl FlowRect {
    pub fn r_mid(&self) -> f64 {
        self.r + self.dr / 2.0
    }
    pub fn o_mid(&self) -> f64 {
        self.o + self.d_o / 2.0
    }
}

/// A route in flow coordinates `(r, o)`.
pub(crate) type FlowPath = Vec<(f64, f64)>;

/// Least width of a gap between layers.
pub(crate) const RANK_GAP: f64 = 32.0;
/// Width of a gap beside a layer of edges only, where no edge turns.
const EDGE_GAP_ALONG: f64 = 12.0;
/// Distance between vertical runs in a gap (above readability's 14).
pub(crate) const CHANNEL: f64 = 16.0;
/// How far a self-loop reaches out of its node.
pub(crate) const SELF_LOOP: f64 = 16.0;
/// A gap with more runs than this is packed greedily.
const EXACT_SLOTS: usize = 400;
/// A step across the flow shorter than this reads as a glitch.
const JOG: f64 = 8.0;
/// Shortest stub out of a low or high side before the edge turns.
pub(crate) const MIN_STUB: f64 = 8.0;
/// Clearance of a straight drop from other items of its layer.
pub(crate) const DROP_CLEARANCE: f64 = 12.0;

/// What routing needs beyond the layered graph.
pub(crate) struct RoutingInput<'a> {
    pub import: &'a Import,
    pub layering: &'a Layering,
    pub ports: &'a Ports,
    pub graph: &'a LayeredGraph,
    pub layers: &'a [Vec<usize>],
    pub axis: &'a OrderAxis,
    /// Per drawn node: its box as (depth along r, breadth across o).
    pub node_size: &'a [(f64, f64)],
    /// Per drawn node: its box's centre across the flow from its item's.
    pub node_shift: &'a [f64],
    /// Per drawn node: how far from its centre ports may sit on its near
    /// and far sides.
    pub node_reach: &'a [f64],
    /// Per drawn node: how many self-loops it has and the breadth of their
    /// largest label.
    pub self_loops: &'a [(usize, f64)],
    /// Per edge: its label's size (depth along r, breadth across o).
    pub label_size: &'a [(f64, f64)],
    /// Where layer 0 may start along `r` (after lane headers).
    pub r_start: f64,
    /// Per phase: its layers and the least extent along `r` its header
    /// needs. Empty without phases.
    pub phases: &'a [PhaseInput],
    /// True for `direction down` (r = y), false for `right` (r = x).
    pub down: bool,
}

/// Routed geometry in flow coordinates.
pub(crate) struct Routes {
    /// Every drawn node's box.
    pub nodes: Vec<FlowRect>,
    pub paths: Vec<FlowPath>,
    /// Centre of each edge's label, if it has one.
    pub labels: Vec<Option<(f64, f64)>>,
    /// End of the drawing along `r`.
    pub r_extent: f64,
    /// Where each layer ends along `r` (a gap starts there, where a row
    /// may be cut: no edge turns at that line).
    pub layer_ends: Vec<f64>,
    /// Per phase: where its column starts and ends along `r`.
    pub phase_spans: Vec<(f64, f64)>,
}

/// A vertical run in a gap.
struct Run {
    chain: usize,
    link: usize,
    from: f64,
    to: f64,
}

impl Run {
    fn low(&self) -> f64 {
        self.from.min(self.to)
    }
    fn high(&self) -> f64 {
        self.from.max(self.to)
    }
    fn strictly_inside(&self, o: f64) -> bool {
        o > self.low() + 0.5 && o < self.high() - 0.5
    }
}

/// One chain end, placed across the flow.
#[derive(Clone, Copy)]
struct EndGeometry {
    /// Where the route leaves (or reaches) the node's neighbourhood along
    /// the flow: the port for near/far ends, the stub's level (or the
    /// neighbour's line for a straight drop).
    o: f64,
    /// For an end on a low/high side: the port's offset along the flow
    /// from the node's centre, and whether it is the high side.
    beside: Option<(f64, bool)>,
}

/// Routes every edge and fixes coordinates along the flow.
pub(crate) fn route(input: &RoutingInput<'_>) -> Routes {
    let graph = input.graph;
    let items = &graph.items;
    let center = &input.axis.center;
    let nodes_count = input.import.nodes.len();
    let layer_count = input.layers.len();
    let node_o = |n: usize| center[n] + input.node_shift[n];

    // Layers along r (needed early for straight drops: only o matters
    // there, r comes later).
    let depth: Vec<f64> = input
        .layers
        .iter()
        .map(|layer| layer.iter().map(|&i| items[i].depth).fold(0.0, f64::max))
        .collect();

    // 1. Chain ends across the flow.
    let chain_count = graph.chains.len();
    let mut tail_end: Vec<Option<EndGeometry>> = vec![None; chain_count];
    let mut head_end: Vec<Option<EndGeometry>> = vec![None; chain_count];
    for (e, chain) in graph.chains.iter().enumerate() {
        let Some(chain) = chain else { continue };
        let Some(ports) = input.ports.edges[e] else {
            continue;
        };
        let reversed = input.layering.reversed[e];
        let (tail_attach, head_attach) = if reversed {
            (ports.to, ports.from)
        } else {
            (ports.from, ports.to)
        };
        let (tail, head) = (chain[0], chain[chain.len() - 1]);
        tail_end[e] = Some(place_end(input, tail, tail_attach, chain[1], &node_o));
        head_end[e] = Some(place_end(
            input,
            head,
            head_attach,
            chain[chain.len() - 2],
            &node_o,
        ));
    }
    snap_jogs(input, &mut tail_end, &mut head_end, &node_o);
    let exit_o = |chain: usize, k: usize| -> f64 {
        let items_of = graph.chains[chain].as_ref().expect("chained");
        if k == 0 {
            tail_end[chain].expect("chained").o
        } else {
            center[items_of[k]]
        }
    };
    let entry_o = |chain: usize, k: usize| -> f64 {
        let items_of = graph.chains[chain].as_ref().expect("chained");
        if k == items_of.len() - 1 {
            head_end[chain].expect("chained").o
        } else {
            center[items_of[k]]
        }
    };

    // 2. Channels.
    let mut runs: Vec<Vec<Run>> = (0..layer_count).map(|_| Vec::new()).collect();
    for (index, chain) in graph.chains.iter().enumerate() {
        let Some(chain) = chain else { continue };
        if tail_end[index].is_none() {
            continue;
        }
        for k in 0..chain.len() - 1 {
            let (from, to) = (exit_o(index, k), entry_o(index, k + 1));
            if from != to {
                runs[items[chain[k]].rank].push(Run {
                    chain: index,
                    link: k,
                    from,
                    to,
                });
            }
        }
    }
    let slots: Vec<(Vec<usize>, usize)> = runs.iter().map(|gap| assign_slots(gap)).collect();

    // 3. Layers along r.
    // A gap next to a layer of nothing but edges (labels, bends) that no
    // edge turns in holds straight lines only: it needs no room for
    // channels, and the line shows on both sides of a label anyway.
    let only_edges: Vec<bool> = input
        .layers
        .iter()
        .map(|layer| !layer.iter().any(|&i| items[i].is_node()))
        .collect();
    let gap_width: Vec<f64> = slots
        .iter()
        .enumerate()
        .map(|(gap, (_, count))| {
            let beside_edges = only_edges[gap] || only_edges.get(gap + 1).copied().unwrap_or(false);
            if *count == 0 && beside_edges {
                EDGE_GAP_ALONG
            } else {
                RANK_GAP.max((*count as f64 + 1.0) * CHANNEL)
            }
        })
        .collect();
    let slot_counts: Vec<usize> = slots.iter().map(|(_, count)| *count).collect();
    let placed = if input.phases.is_empty() {
        place_layers(input.r_start, &depth, &gap_width)
    } else {
        super::phases::place_layers(
            input.r_start,
            &depth,
            &gap_width,
            &slot_counts,
            input.phases,
        )
    };
    let LayerPlacement {
        layer_start,
        slot_room,
        r_extent,
        phase_spans,
    } = placed;
    let mut nodes: Vec<FlowRect> = vec![FlowRect::default(); nodes_count];
    for n in 0..nodes_count {
        if !graph.is_layered(n) {
            continue;
        }
        let item = &items[n];
        let (dr, d_o) = input.node_size[n];
        nodes[n] = FlowRect {
            r: layer_start[item.rank] + (depth[item.rank] - dr) / 2.0,
            o: node_o(n) - d_o / 2.0,
            dr,
            d_o,
        };
    }
    for (n, node) in input.import.nodes.iter().enumerate() {
        if let Placement::Satellite(anchor) = node.placement {
            let host = nodes[anchor];
            let (dr, d_o) = input.node_size[n];
            let high = input.ports.satellite_high[n];
            let gap = satellite_gap(input, n, anchor);
            let o = if high {
                host.o + host.d_o + gap
            } else {
                host.o - gap - d_o
            };
            nodes[n] = FlowRect {
                r: host.r_mid() - dr / 2.0,
                o,
                dr,
                d_o,
            };
        }
    }
    let slot_r = |gap: usize, slot: usize| -> f64 {
        let start = layer_start[gap] + depth[gap];
        let count = slots[gap].1 as f64;
        start + slot_room[gap] * (slot as f64 + 1.0) / (count + 1.0)
    };
    let mut run_slot: Vec<Vec<(usize, f64)>> = vec![Vec::new(); chain_count];
    for (gap, gap_runs) in runs.iter().enumerate() {
        for (run, &slot) in gap_runs.iter().zip(&slots[gap].0) {
            run_slot[run.chain].push((run.link, slot_r(gap, slot).round()));
        }
    }

    // 4. Routes.
    let kinds: Vec<NodeKind> = input.import.nodes.iter().map(|node| node.kind).collect();
    let mut paths = Vec::with_capacity(input.import.edges.len());
    let mut labels = Vec::with_capacity(input.import.edges.len());
    let mut loops_drawn = vec![0usize; nodes_count];
    for (index, edge) in input.import.edges.iter().enumerate() {
        let from = edge.from;
        if edge.from == edge.to {
            let node = &nodes[from];
            let step = loop_step(input.self_loops[from].1);
            let top = node.o - SELF_LOOP - loops_drawn[from] as f64 * step;
            loops_drawn[from] += 1;
            paths.push(if kinds[from] == NodeKind::Decision {
                decision_self_loop(node, top)
            } else {
                self_loop(node, top, kinds[from], input.down)
            });
            let breadth = input.label_size[index].1;
            labels.push((breadth > 0.0).then(|| (node.r_mid(), top - 2.0 - breadth / 2.0)));
            continue;
        }
        let Some(ports) = input.ports.edges[index] else {
            paths.push(Vec::new());
            labels.push(None);
            continue;
        };
        if let (Attach::Straight { along, .. }, Attach::Straight { .. }) = (ports.from, ports.to) {
            // Within one rank: from the source's side to the target's.
            let (a, b) = (&nodes[edge.from], &nodes[edge.to]);
            // Both ends are centred on one line along the flow.
            let r = a.r_mid() + along;
            let a_high = a.o_mid() < b.o_mid();
            let start = boundary_o(kinds[edge.from], a, r, a_high, input.down);
            let end = boundary_o(kinds[edge.to], b, r, !a_high, input.down);
            paths.push(vec![(r, start), (r, end)]);
            labels.push(edge.label.as_ref().map(|_| {
                let (label_depth, _) = input.label_size[index];
                let side = if along < 0.0 { -1.0 } else { 1.0 };
                (r + side * (6.0 + label_depth / 2.0), (start + end) / 2.0)
            }));
            continue;
        }
        let Some(chain) = &graph.chains[index] else {
            paths.push(Vec::new());
            labels.push(None);
            continue;
        };
        let (tail, head) = (chain[0], chain[chain.len() - 1]);
        let tail_geometry = tail_end[index].expect("chained");
        let head_geometry = head_end[index].expect("chained");
        let mut points: FlowPath = Vec::new();
        match tail_geometry.beside {
            Some((along, high)) => {
                let port_r = nodes[tail].r_mid() + along;
                let side = boundary_o(kinds[tail], &nodes[tail], port_r, high, input.down);
                points.push((port_r, side));
                points.push((port_r, tail_geometry.o));
            }
            None => points.push((
                boundary_r(kinds[tail], &nodes[tail], tail_geometry.o, true, input.down),
                tail_geometry.o,
            )),
        }
        for &(link, r) in &run_slot[index] {
            points.push((r, exit_o(index, link)));
            points.push((r, entry_o(index, link + 1)));
        }
        match head_geometry.beside {
            Some((along, high)) => {
                let port_r = nodes[head].r_mid() + along;
                let side = boundary_o(kinds[head], &nodes[head], port_r, high, input.down);
                points.push((port_r, head_geometry.o));
                points.push((port_r, side));
            }
            None => points.push((
                boundary_r(
                    kinds[head],
                    &nodes[head],
                    head_geometry.o,
                    false,
                    input.down,
                ),
                head_geometry.o,
            )),
        }
        let mut points = simplify(points);
        if input.layering.reversed[index] {
            points.reverse();
        }
        paths.push(points);
        labels.push(chain.iter().find_map(|&item| match items[item].kind {
            ItemKind::Label(_) => {
                let rank = items[item].rank;
                Some((layer_start[rank] + depth[rank] / 2.0, center[item]))
            }
            ItemKind::Node(_) | ItemKind::Dummy(_) | ItemKind::Satellite(_) => None,
        }));
    }
    Routes {
        nodes,
        paths,
        labels,
        r_extent,
        layer_ends: (0..layer_count)
            .map(|layer| layer_start[layer] + depth[layer])
            .collect(),
        phase_spans,
    }
}

/// Where layers sit along `r`.
pub(crate) struct LayerPlacement {
    /// Per layer: where it starts.
    pub layer_start: Vec<f64>,
    /// Per gap (after each layer): the room its slots are spread over,
    /// from the layer's end.
    pub slot_room: Vec<f64>,
    /// The end of the drawing along `r`.
    pub r_extent: f64,
    /// Per phase: its column along `r` (none without phases).
    pub phase_spans: Vec<(f64, f64)>,
}

/// Layers one after another, each gap as wide as it needs.
fn place_layers(r_start: f64, depth: &[f64], gap_width: &[f64]) -> LayerPlacement {
    let mut layer_start = Vec::with_capacity(depth.len());
    let mut r = r_start + RANK_GAP / 2.0;
    for layer in 0..depth.len() {
        layer_start.push(r);
        r += depth[layer] + gap_width[layer];
    }
    let r_extent = r - gap_width.last().copied().unwrap_or(0.0) + RANK_GAP / 2.0;
    LayerPlacement {
        layer_start,
        slot_room: gap_width.to_vec(),
        r_extent,
        phase_spans: Vec::new(),
    }
}

/// The space between a node and its satellite.
fn satellite_gap(input: &RoutingInput<'_>, satellite: usize, anchor: usize) -> f64 {
    let links: Vec<usize> = (0..input.import.edges.len())
        .filter(|&e| {
            let edge = &input.import.edges[e];
            (edge.from == satellite && edge.to == anchor)
                || (edge.to == satellite && edge.from == anchor)
        })
        .collect();
    super::ports::satellite_gap(input.import, input.label_size, &links)
}

/// What a link of this step across the flow costs: nothing when straight,
/// a lot when it is a jog shorter than [`JOG`], one turn otherwise.
fn step_cost(step: f64) -> f64 {
    let step = step.abs();
    if step < 1e-6 {
        0.0
    } else if step < JOG {
        100.0
    } else {
        1.0
    }
}

/// Removes the jogs positioning left at chain ends. A stub moves within its
/// own room onto the next item's line. The ports of each near and far side
/// are placed afresh, as a tiny optimisation: each on the line of the
/// items its ends lead to, or a clear step off it, never a jog; at least
/// [`PORT_GAP`](super::ports::PORT_GAP) apart, in their order, within the
/// side's reach.
fn snap_jogs(
    input: &RoutingInput<'_>,
    tail_end: &mut [Option<EndGeometry>],
    head_end: &mut [Option<EndGeometry>],
    node_o: &dyn Fn(usize) -> f64,
) {
    // Twice: a stub can follow a port placed in the first round.
    for _ in 0..2 {
        snap_round(input, tail_end, head_end, node_o);
    }
}

fn snap_round(
    input: &RoutingInput<'_>,
    tail_end: &mut [Option<EndGeometry>],
    head_end: &mut [Option<EndGeometry>],
    node_o: &dyn Fn(usize) -> f64,
) {
    let graph = input.graph;
    let center = &input.axis.center;
    // (node, far side) → ports: (o now, [(edge, at tail, next item)]);
    // no next item: node to node, the target is the other port.
    type Ends = Vec<(usize, bool, Option<usize>)>;
    let mut sides: std::collections::BTreeMap<(usize, bool), Vec<(f64, Ends)>> =
        std::collections::BTreeMap::new();
    for e in 0..graph.chains.len() {
        let Some(chain) = &graph.chains[e] else {
            continue;
        };
        let Some(ports) = input.ports.edges[e] else {
            continue;
        };
        let reversed = input.layering.reversed[e];
        for at_tail in [true, false] {
            let Some(end) = (if at_tail { tail_end[e] } else { head_end[e] }) else {
                continue;
            };
            let (node, next, attach) = if at_tail {
                (
                    chain[0],
                    chain[1],
                    if reversed { ports.to } else { ports.from },
                )
            } else {
                (
                    chain[chain.len() - 1],
                    chain[chain.len() - 2],
                    if reversed { ports.from } else { ports.to },
                )
            };
            // The other end: a port of another node, or an item's line.
            let next_item = (chain.len() > 2).then_some(next);
            let target = match next_item {
                Some(item) => center[item],
                None => match if at_tail { head_end[e] } else { tail_end[e] } {
                    Some(other) => other.o,
                    None => continue,
                },
            };
            match (attach, end.beside) {
                (Attach::Beside { high, .. }, Some(_)) => {
                    let step = (target - end.o).abs();
                    if step == 0.0 || (step >= JOG && next_item.is_some()) {
                        continue;
                    }
                    let node_center = node_o(node);
                    let half = input.node_size[node].1 / 2.0;
                    let (inner, outer) = if high {
                        (
                            node_center + half + MIN_STUB,
                            node_center + half + STUB_ROOM,
                        )
                    } else {
                        (
                            node_center - half - STUB_ROOM,
                            node_center - half - MIN_STUB,
                        )
                    };
                    let in_room = target >= inner.min(outer) && target <= inner.max(outer);
                    // Past its room, a stub may run on to the other port
                    // when nothing of its layer is in the way.
                    let beyond = if high { target > outer } else { target < inner };
                    if in_room || (beyond && drop_is_clear(input, node, node_center, target, high))
                    {
                        let ends = if at_tail {
                            &mut *tail_end
                        } else {
                            &mut *head_end
                        };
                        ends[e] = Some(EndGeometry { o: target, ..end });
                    }
                }
                (Attach::Across { far, .. }, None) => {
                    let ports = sides.entry((node, far)).or_default();
                    match ports.iter_mut().find(|(o, _)| (o - end.o).abs() < 0.5) {
                        Some((_, ends)) => ends.push((e, at_tail, next_item)),
                        None => ports.push((end.o, vec![(e, at_tail, next_item)])),
                    }
                }
                _ => {}
            }
        }
    }
    for ((node, _), mut ports) in sides {
        ports.sort_by(|a, b| a.0.total_cmp(&b.0));
        if ports.len() > 6 {
            continue;
        }
        let node_center = node_o(node);
        let reach = input.node_reach[node];
        let lo = (node_center - reach).min(ports[0].0);
        let hi = (node_center + reach).max(ports[ports.len() - 1].0);
        // Targets now: an item's line, or the other port as placed so far.
        let targets: Vec<Vec<f64>> = ports
            .iter()
            .map(|(_, ends)| {
                ends.iter()
                    .filter_map(|&(e, at_tail, next)| match next {
                        Some(item) => Some(center[item]),
                        None => (if at_tail { head_end[e] } else { tail_end[e] }).map(|o| o.o),
                    })
                    .collect()
            })
            .collect();
        let candidates: Vec<Vec<f64>> = ports
            .iter()
            .zip(&targets)
            .map(|((now, _), targets)| {
                let mut list = vec![*now];
                for &target in targets {
                    list.extend([target, target - JOG, target + JOG]);
                }
                list.retain(|&p| p >= lo - 1e-9 && p <= hi + 1e-9);
                list.sort_by(f64::total_cmp);
                list.dedup();
                list
            })
            .collect();
        let cost = |port: usize, at: f64| -> f64 {
            targets[port].iter().map(|&t| step_cost(at - t)).sum()
        };
        // Dynamic programme over the ports in order: best[i][c] is the
        // least cost of ports 0..=i with port i at its candidate c.
        let mut best: Vec<Vec<(f64, usize)>> = Vec::with_capacity(ports.len());
        for (i, list) in candidates.iter().enumerate() {
            let row: Vec<(f64, usize)> = list
                .iter()
                .map(|&at| {
                    let own = cost(i, at);
                    if i == 0 {
                        return (own, 0);
                    }
                    candidates[i - 1]
                        .iter()
                        .enumerate()
                        .filter(|&(_, &before)| at - before >= super::ports::PORT_GAP - 1e-9)
                        .map(|(c, _)| (best[i - 1][c].0 + own, c))
                        .min_by(|a, b| a.0.total_cmp(&b.0))
                        .unwrap_or((f64::INFINITY, 0))
                })
                .collect();
            best.push(row);
        }
        let last = best.len() - 1;
        let Some((mut choice, (total, _))) = best[last]
            .iter()
            .copied()
            .enumerate()
            .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
        else {
            continue;
        };
        let current: f64 = (0..ports.len()).map(|i| cost(i, ports[i].0)).sum();
        if total >= current {
            continue;
        }
        for i in (0..ports.len()).rev() {
            let at = candidates[i][choice];
            for &(e, at_tail, _) in &ports[i].1 {
                let ends = if at_tail {
                    &mut *tail_end
                } else {
                    &mut *head_end
                };
                if let Some(end) = ends[e] {
                    ends[e] = Some(EndGeometry { o: at, ..end });
                }
            }
            choice = best[i][choice].1;
        }
    }
}

/// Places one chain end across the flow; `next` is the chain item next to
/// it.
fn place_end(
    input: &RoutingInput<'_>,
    node: usize,
    attach: Attach,
    next: usize,
    node_o: &dyn Fn(usize) -> f64,
) -> EndGeometry {
    let center = node_o(node);
    let half = input.node_size[node].1 / 2.0;
    match attach {
        Attach::Across { offset, .. } => EndGeometry {
            o: snap(center + offset),
            beside: None,
        },
        Attach::Straight { .. } => EndGeometry {
            o: center,
            beside: None,
        },
        Attach::Beside {
            high, along, level, ..
        } => {
            let level_o = snap(center + level);
            // A node's item centre is not its port: node-to-node links are
            // lined up by `snap_jogs`, which knows both ports.
            if input.graph.items[next].is_node() {
                return EndGeometry {
                    o: level_o,
                    beside: Some((along, high)),
                };
            }
            let next_o = input.axis.center[next];
            // Straight on to the next item's line when it lies beyond the
            // side by a stub's worth and nothing else of this layer is in
            // the way (a shorter stub instead of a jog).
            let side_o = center + if high { half } else { -half };
            let beyond = if high {
                next_o >= side_o + MIN_STUB
            } else {
                next_o <= side_o - MIN_STUB
            };
            let o = if beyond && drop_is_clear(input, node, center, next_o, high) {
                next_o
            } else {
                level_o
            };
            EndGeometry {
                o,
                beside: Some((along, high)),
            }
        }
    }
}

/// Whether a straight line from `node`'s low/high side out to `to` meets
/// no other item of its layer.
fn drop_is_clear(input: &RoutingInput<'_>, node: usize, center: f64, to: f64, high: bool) -> bool {
    let items = &input.graph.items;
    let half = input.node_size[node].1 / 2.0;
    let (low, high_end) = if high {
        (center + half, to + DROP_CLEARANCE)
    } else {
        (to - DROP_CLEARANCE, center - half)
    };
    let layer = &input.layers[items[node].rank];
    layer.iter().all(|&item| {
        if item == node {
            return true;
        }
        let c = input.axis.center[item];
        let b = items[item].breadth / 2.0;
        c + b < low || c - b > high_end
    })
}

/// True when every route has at least two points and only axis-parallel
/// segments (phase 5's postcondition; ends on the outlines are checked by
/// the integration tests, which know the drawn shapes).
pub(crate) fn routes_are_orthogonal(routes: &Routes) -> bool {
    routes.paths.iter().all(|path| {
        path.len() >= 2
            && path
                .windows(2)
                .all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1)
    })
}

/// How far each stacked self-loop (with its label) reaches.
fn loop_step(label: f64) -> f64 {
    SELF_LOOP + label + 4.0
}

/// Breadth added to a node item with `count` self-loops whose largest label
/// is `label` wide across the flow: on both sides, so the node stays
/// centred on its item.
pub(crate) fn loop_room(count: usize, label: f64) -> f64 {
    2.0 * count as f64 * loop_step(label)
}

/// Slots for the runs of one gap, and how many slots there are.
fn assign_slots(runs: &[Run]) -> (Vec<usize>, usize) {
    let n = runs.len();
    if n == 0 {
        return (Vec::new(), 0);
    }
    if n > EXACT_SLOTS {
        return pack_slots(runs);
    }
    let mut by_low: Vec<usize> = (0..n).collect();
    by_low.sort_by(|&a, &b| runs[a].low().total_cmp(&runs[b].low()).then(a.cmp(&b)));
    let mut prefer: Vec<(usize, usize)> = Vec::new();
    for (i, &a) in by_low.iter().enumerate() {
        for &b in &by_low[i + 1..] {
            if runs[b].low() > runs[a].high() + CHANNEL {
                break;
            }
            let (ra, rb) = (&runs[a], &runs[b]);
            // Crossings with a's run left of b's, and the other way round.
            let a_first =
                usize::from(ra.strictly_inside(rb.from)) + usize::from(rb.strictly_inside(ra.to));
            let b_first =
                usize::from(rb.strictly_inside(ra.from)) + usize::from(ra.strictly_inside(rb.to));
            let (first, second) = if a_first < b_first || (a_first == b_first && a < b) {
                (a, b)
            } else {
                (b, a)
            };
            prefer.push((first, second));
        }
    }
    let reversed = cycles::break_cycles(n, &prefer, &[]);
    let acyclic: Vec<(usize, usize)> = prefer
        .iter()
        .zip(&reversed)
        .map(|(&(a, b), &flip)| if flip { (b, a) } else { (a, b) })
        .collect();
    let slot = cycles::longest_path(n, &acyclic);
    let count = slot.iter().max().map_or(0, |m| m + 1);
    (slot, count)
}

/// Greedy interval packing for a gap with very many runs: runs sorted by
/// their low end each take the first slot free again (a slot is free once
/// its last run ended [`CHANNEL`] before), which uses as few slots as the
/// deepest overlap needs. O(n log n).
fn pack_slots(runs: &[Run]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| runs[a].low().total_cmp(&runs[b].low()).then(a.cmp(&b)));
    // (free from, slot), smallest first.
    let mut free: std::collections::BinaryHeap<std::cmp::Reverse<(i64, usize)>> =
        std::collections::BinaryHeap::new();
    let mut slot = vec![0usize; runs.len()];
    let mut count = 0;
    for &i in &order {
        let low = (runs[i].low() * 64.0) as i64;
        let taken = match free.peek() {
            Some(&std::cmp::Reverse((from, s))) if from <= low => {
                free.pop();
                s
            }
            _ => {
                count += 1;
                count - 1
            }
        };
        slot[i] = taken;
        let until = ((runs[i].high() + CHANNEL) * 64.0) as i64;
        free.push(std::cmp::Reverse((until, taken)));
    }
    (slot, count)
}

/// Drops points that do not turn.
fn simplify(points: FlowPath) -> FlowPath {
    let mut out: FlowPath = Vec::with_capacity(points.len());
    for p in points {
        if let Some(&last) = out.last()
            && (last.0 - p.0).abs() < 1e-9
            && (last.1 - p.1).abs() < 1e-9
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let same_r = (a.0 - b.0).abs() < 1e-9 && (b.0 - p.0).abs() < 1e-9;
            let same_o = (a.1 - b.1).abs() < 1e-9 && (b.1 - p.1).abs() < 1e-9;
            if same_r || same_o {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// A loop on the node's `o`-low side: out near its far end, in near its
/// near end.
fn self_loop(node: &FlowRect, top: f64, kind: NodeKind, down: bool) -> FlowPath {
    let out_r = node.r_mid() + node.dr / 4.0;
    let in_r = node.r_mid() - node.dr / 4.0;
    vec![
        (out_r, boundary_o(kind, node, out_r, false, down)),
        (out_r, top),
        (in_r, top),
        (in_r, boundary_o(kind, node, in_r, false, down)),
    ]
}

/// A decision's loop onto itself: out of its low tip, around its near
/// corner, back in at its near tip with its other inputs.
fn decision_self_loop(node: &FlowRect, top: f64) -> FlowPath {
    let around = node.r - SELF_LOOP;
    vec![
        (node.r_mid(), node.o),
        (node.r_mid(), top),
        (around, top),
        (around, node.o_mid()),
        (node.r, node.o_mid()),
    ]
}

/// The rectangle in x/y of a flow rectangle.
fn xy_rect(node: &FlowRect, down: bool) -> Rect {
    if down {
        Rect::new(node.o, node.r, node.d_o, node.dr)
    } else {
        Rect::new(node.r, node.o, node.dr, node.d_o)
    }
}

/// Where a line at `o`, running along the flow, meets the outline: on the
/// far side (`far`) or the near side.
fn boundary_r(kind: NodeKind, node: &FlowRect, o: f64, far: bool, down: bool) -> f64 {
    let rect = xy_rect(node, down);
    if down {
        hit_y(kind, &rect, o, far)
    } else {
        hit_x(kind, &rect, o, far)
    }
}

/// Where a line at `r`, running across the flow, meets the outline: on the
/// high side (`high`) or the low side.
fn boundary_o(kind: NodeKind, node: &FlowRect, r: f64, high: bool, down: bool) -> f64 {
    let rect = xy_rect(node, down);
    if down {
        hit_x(kind, &rect, r, high)
    } else {
        hit_y(kind, &rect, r, high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(from: f64, to: f64) -> Run {
        Run {
            chain: 0,
            link: 0,
            from,
            to,
        }
    }

    /// Slots of overlapping runs (within `CHANNEL`) differ.
    fn overlapping_runs_differ(runs: &[Run], slot: &[usize]) -> bool {
        (0..runs.len()).all(|a| {
            (a + 1..runs.len()).all(|b| {
                let apart = runs[b].low() > runs[a].high() + CHANNEL
                    || runs[a].low() > runs[b].high() + CHANNEL;
                apart || slot[a] != slot[b]
            })
        })
    }

    #[test]
    fn overlapping_runs_take_different_slots_and_far_apart_ones_share() {
        let runs = [run(0.0, 100.0), run(50.0, 150.0), run(400.0, 300.0)];
        let (slot, count) = assign_slots(&runs);
        assert_eq!(count, 2);
        assert_ne!(slot[0], slot[1]);
        assert!(overlapping_runs_differ(&runs, &slot));
    }

    #[test]
    fn slots_are_ordered_so_runs_do_not_cross_needlessly() {
        // Two overlapping runs: whichever vertical comes first, the other's
        // horizontal ends may cross it. The order chosen crosses no more
        // often than the other one would.
        let runs = [run(0.0, 100.0), run(50.0, 200.0)];
        let (slot, _) = assign_slots(&runs);
        let a_first = usize::from(runs[0].strictly_inside(runs[1].from))
            + usize::from(runs[1].strictly_inside(runs[0].to));
        let b_first = usize::from(runs[1].strictly_inside(runs[0].from))
            + usize::from(runs[0].strictly_inside(runs[1].to));
        let chose_a_first = slot[0] < slot[1];
        let crossings = if chose_a_first { a_first } else { b_first };
        assert_eq!(crossings, a_first.min(b_first));
    }

    #[test]
    fn very_many_runs_are_packed_into_as_few_slots_as_the_deepest_overlap() {
        // 1,000 runs of length 100 starting every 50: each overlaps the
        // next two or three (with CHANNEL room): depth 3.
        let runs: Vec<Run> = (0..1_000)
            .map(|i| run(i as f64 * 50.0, i as f64 * 50.0 + 100.0))
            .collect();
        let (slot, count) = assign_slots(&runs);
        assert!(overlapping_runs_differ(&runs, &slot));
        assert_eq!(count, 3);
    }

    #[test]
    fn simplify_drops_repeated_and_straight_through_points() {
        let path = vec![
            (0.0, 0.0),
            (0.0, 0.0),
            (5.0, 0.0),
            (10.0, 0.0),
            (10.0, 5.0),
            (10.0, 9.0),
        ];
        assert_eq!(simplify(path), [(0.0, 0.0), (10.0, 0.0), (10.0, 9.0)]);
    }
}
