//! Phase 4a — ports: where each edge end meets its node, decided after the
//! order of the layers is known and before positions, so positioning can
//! line ports up (Graphviz's edge pairs, ELK's inside-block shift) instead
//! of node centres.
//!
//! Sides are named in flow terms: *near* and *far* are the sides facing
//! earlier and later ranks (left and right for `direction right`), *low*
//! and *high* the sides across the flow (top and bottom).
//!
//! Rules (design note §1–§2, bpmn-js and yFiles port placement):
//! - An edge enters on the near side and leaves on the far side; a loop
//!   back leaves and enters across the flow (low or high side, through a
//!   stub to its own channel level), never backwards: on the side whose
//!   stub passes none of the forward runs fanning out into the same gap,
//!   else toward where it goes.
//! - A decision meets edges only at its four tips: every input at the near
//!   tip (merged), its main branch — the one branch labelled as the happy
//!   path (yes, approved, 是, 通过 …), else the one that stays in its lane,
//!   in the middle of its branches — at the far tip, the others at the low and
//!   high tips by where their targets lie; loop-backs at a free low/high
//!   tip. Ends of one direction at one tip merge into one arrow.
//! - Same-rank hand-offs and satellites take the low/high side facing
//!   their partner, straight; a side with a straight line takes nothing
//!   else but a loop back that would cross a run on the other side (its
//!   stub on the half toward its gap, `PORT_GAP` off the line).
//! - Ends on one side are at least [`PORT_GAP`] apart, in the order of the
//!   items they lead to; a side too short for them grows the node (up to
//!   [`MAX_SPREAD`] ends), beyond that they merge into one port.
//!
//! Postcondition ([`Ports::is_valid`]): every end of every drawn edge has
//! an attachment; ends on one near/far side are `PORT_GAP` apart or
//! merged; a stub on a low/high side with a straight line is `PORT_GAP`
//! from it.

use super::chains::LayeredGraph;
use super::import::{Import, Placement};
use super::layering::Layering;
use super::shape;
use crate::model::NodeKind;

/// Least distance between two separate ports on one side.
pub(crate) const PORT_GAP: f64 = 20.0;
/// How far a stub reaches beyond a low or high side before it turns.
pub(crate) const STUB: f64 = 16.0;
/// Room across the flow a stub level takes beside its node.
pub(crate) const STUB_ROOM: f64 = 16.0;
/// Space between a node and a satellite.
pub(crate) const SATELLITE_GAP: f64 = 28.0;
/// Most separate ports on one near/far side; more merge.
const MAX_SPREAD: usize = 4;

/// Where one end of an edge meets its node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Attach {
    /// On the near or far side, at `offset` across the flow from the
    /// node's centre.
    Across { far: bool, offset: f64 },
    /// On the low or high side, with a stub out to `level` (across the
    /// flow, from the node's centre) where the edge turns toward the far
    /// (`toward_far`) or near gap; `along` is the port's offset along the
    /// flow from the node's centre.
    Beside {
        high: bool,
        toward_far: bool,
        along: f64,
        level: f64,
    },
    /// On the low or high side, straight across to a node of the same
    /// rank; `along` as for `Beside`.
    Straight { high: bool, along: f64 },
}

impl Attach {
    /// The offset across the flow (from the node's centre) at which the
    /// edge leaves the node's neighbourhood along the flow.
    pub fn across(&self) -> f64 {
        match *self {
            Attach::Across { offset, .. } => offset,
            Attach::Beside { level, .. } => level,
            Attach::Straight { .. } => 0.0,
        }
    }
}

/// The two ends of an edge, in flow direction (source, target).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct EdgePorts {
    pub from: Attach,
    pub to: Attach,
}

/// What a node needs around itself.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Room {
    /// Extra breadth beside the low side (stub levels, a satellite).
    pub low: f64,
    /// Extra breadth beside the high side.
    pub high: f64,
    /// Breadth the node's box grows by so its ports fit.
    pub grow: f64,
}

/// The port plan.
#[derive(PartialEq)]
pub(crate) struct Ports {
    /// Per edge: its ends (`None` for self-loops).
    pub edges: Vec<Option<EdgePorts>>,
    /// Per drawn node.
    pub room: Vec<Room>,
    /// Per satellite: on its anchor's high side (else the low side).
    pub satellite_high: Vec<bool>,
}

/// One end of a chained or straight edge at a node, before placement.
struct End {
    edge: usize,
    /// The source end (else the target end) in flow terms.
    is_from: bool,
    /// An arrival (the edge's target is this node).
    arrival: bool,
    /// The item it leads to next (chain neighbour), if chained.
    next: Option<usize>,
    /// The node at the chain's other end.
    other: usize,
    /// Forward along the flow (not a loop back).
    forward: bool,
}

/// What port planning reads.
pub(crate) struct PortInput<'a> {
    pub import: &'a Import,
    pub layering: &'a Layering,
    pub graph: &'a LayeredGraph,
    pub layers: &'a [Vec<usize>],
    /// Per drawn node: its box as (depth along the flow, breadth across).
    pub node_size: &'a [(f64, f64)],
    /// Per edge: its label's size (depth, breadth).
    pub label_size: &'a [(f64, f64)],
    /// `direction down`.
    pub down: bool,
    /// Item centres across the flow from a first positioning: sides are
    /// then chosen by where neighbours really are, not by layer order.
    pub centers: Option<&'a [f64]>,
}

/// Plans every port.
pub(crate) fn plan(input: &PortInput<'_>) -> Ports {
    let PortInput {
        import,
        layering,
        graph,
        layers,
        node_size,
        label_size,
        down,
        centers,
    } = *input;
    let breadth_of = |n: usize| node_size[n].1;
    let depth_of = |n: usize| node_size[n].0;
    let count = import.nodes.len();
    let band = &import.bands.of_node;
    let mut position = vec![0usize; graph.items.len()];
    for layer in layers {
        for (index, &item) in layer.iter().enumerate() {
            position[item] = index;
        }
    }
    let mut ends: Vec<Vec<End>> = (0..count).map(|_| Vec::new()).collect();
    let mut straight_high: Vec<Vec<(usize, bool)>> = vec![Vec::new(); count];
    let mut straight_low: Vec<Vec<(usize, bool)>> = vec![Vec::new(); count];
    let mut satellite_high = vec![false; count];
    for (e, edge) in import.edges.iter().enumerate() {
        if edge.from == edge.to {
            continue;
        }
        if layering.same_rank[e] || edge.is_attached(&import.nodes) {
            // Straight: the upper node's high side to the lower's low side
            // (a satellite decides later which side it hangs on).
            if layering.same_rank[e] {
                let from_upper = band[edge.from] < band[edge.to];
                let (upper, lower) = if from_upper {
                    (edge.from, edge.to)
                } else {
                    (edge.to, edge.from)
                };
                straight_high[upper].push((e, upper == edge.from));
                straight_low[lower].push((e, lower == edge.from));
            }
            continue;
        }
        let Some(chain) = &graph.chains[e] else {
            continue;
        };
        let reversed = layering.reversed[e];
        let (tail, head) = (chain[0], chain[chain.len() - 1]);
        // The chain runs tail → head along the layers; in flow terms the
        // tail is the source unless the edge is reversed.
        ends[tail].push(End {
            edge: e,
            is_from: !reversed,
            arrival: reversed,
            next: Some(chain[1]),
            other: head,
            forward: !reversed,
        });
        ends[head].push(End {
            edge: e,
            is_from: reversed,
            arrival: !reversed,
            next: Some(chain[chain.len() - 2]),
            other: tail,
            forward: !reversed,
        });
    }
    let toward_low = |n: usize, end: &End| -> bool {
        let item = end.next.expect("chained");
        if let Some(centers) = centers {
            // A loop back runs along its bends: the next one decides.
            return centers[item] < centers[n];
        }
        let (other_band, my_band) = (graph.items[item].band, band[n]);
        if other_band != my_band {
            return other_band < my_band;
        }
        // Same band: compare where each sits in its own layer's run.
        let relative = |item: usize| {
            let layer = &layers[graph.items[item].rank];
            let run: Vec<usize> = layer
                .iter()
                .copied()
                .filter(|&i| graph.items[i].band == my_band)
                .collect();
            let at = run.iter().position(|&i| i == item).unwrap_or(0);
            (at as f64 + 0.5) / run.len().max(1) as f64
        };
        relative(item) < relative(n)
    };
    // A loop back's end turns into the gap its route runs through (an
    // arrival comes from the far gap, a departure heads for the near
    // one) and there meets the forward ends of that side, which fan out
    // toward their next items in order. Of the low and high sides, the
    // one whose stub does not have to pass those fanned-out runs: above
    // them if they lead below the loop's next item, else below; a tie
    // (no runs in the way) goes toward the loop's next item.
    let loop_side_is_low = |n: usize, end: &End| -> bool {
        let level = |item: usize| match centers {
            Some(centers) => (0, (centers[item] * 64.0).round() as i64),
            None => (graph.items[item].band, position[item] as i64),
        };
        let mine = level(end.next.expect("chained"));
        let (mut above, mut below) = (0, 0);
        for other in ends[n]
            .iter()
            .filter(|o| o.forward && o.arrival != end.arrival)
        {
            let theirs = level(other.next.expect("chained"));
            if theirs < mine {
                above += 1;
            } else if theirs > mine {
                below += 1;
            }
        }
        match above.cmp(&below) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => toward_low(n, end),
        }
    };
    // Satellites: the high side unless a straight line holds it, or a loop
    // back wants that side and not the other.
    let mut satellites_of: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (n, node) in import.nodes.iter().enumerate() {
        if let Placement::Satellite(anchor) = node.placement {
            satellites_of[anchor].push(n);
        }
    }
    let mut high_taken = vec![false; count];
    let mut low_taken = vec![false; count];
    let mut self_loop = vec![false; count];
    for edge in &import.edges {
        if edge.from == edge.to {
            self_loop[edge.from] = true;
        }
    }
    for n in 0..count {
        high_taken[n] = !straight_high[n].is_empty();
        // Self-loops are drawn on the low side.
        low_taken[n] = !straight_low[n].is_empty() || self_loop[n];
        let loops_low: Vec<bool> = ends[n]
            .iter()
            .filter(|end| !end.forward)
            .map(|end| loop_side_is_low(n, end))
            .collect();
        let loop_wants_high = !loops_low.is_empty() && loops_low.iter().all(|&low| !low);
        for &satellite in &satellites_of[n] {
            let low_free_for_it = loop_wants_high && !low_taken[n];
            if !high_taken[n] && !low_free_for_it {
                satellite_high[satellite] = true;
                high_taken[n] = true;
            } else {
                low_taken[n] = true;
            }
        }
    }
    let mut plan = Ports {
        edges: vec![None; import.edges.len()],
        room: vec![Room::default(); count],
        satellite_high,
    };
    let set = |plan: &mut Ports, edge: usize, is_from: bool, attach: Attach| {
        let entry = plan.edges[edge].get_or_insert(EdgePorts {
            from: attach,
            to: attach,
        });
        if is_from {
            entry.from = attach;
        } else {
            entry.to = attach;
        }
    };
    // Straight lines and satellites.
    for n in 0..count {
        for (list, high) in [(&straight_high[n], true), (&straight_low[n], false)] {
            for &(e, is_from) in list {
                set(&mut plan, e, is_from, Attach::Straight { high, along: 0.0 });
            }
        }
        for &satellite in &satellites_of[n] {
            let high = plan.satellite_high[satellite];
            let links: Vec<usize> = (0..import.edges.len())
                .filter(|&e| {
                    let edge = &import.edges[e];
                    (edge.from == satellite && edge.to == n)
                        || (edge.to == satellite && edge.from == n)
                })
                .collect();
            let spread = links.len().saturating_sub(1) as f64;
            for (i, &e) in links.iter().enumerate() {
                let along = (i as f64 - spread / 2.0) * PORT_GAP;
                let edge = &import.edges[e];
                let anchor_is_from = edge.from == n;
                set(
                    &mut plan,
                    e,
                    anchor_is_from,
                    Attach::Straight { high, along },
                );
                set(
                    &mut plan,
                    e,
                    !anchor_is_from,
                    Attach::Straight { high: !high, along },
                );
            }
            let gap = satellite_gap(import, label_size, &links);
            let room = gap + breadth_of(satellite);
            if high {
                plan.room[n].high += room;
            } else {
                plan.room[n].low += room;
            }
        }
    }
    // How far from the centre a port on a low or high side sits when two
    // share it, for a node of this kind and depth along the flow.
    let beside_reach = |kind: NodeKind, half_depth: f64| {
        if shape::single_port(kind) {
            0.0
        } else {
            // Far enough apart for two ports, inside the side.
            ((half_depth - 12.0) / 2.0)
                .max(PORT_GAP / 2.0)
                .min((half_depth - 4.0).max(0.0))
        }
    };
    // Whether a loop back may share the low or high side of `n` with the
    // straight lines there: no satellite hangs on it, and a port off the
    // centre stays a full [`PORT_GAP`] from theirs.
    let satellite_sides = plan.satellite_high.clone();
    let shares_straight = |n: usize, high: bool| {
        let straight = if high {
            &straight_high[n]
        } else {
            &straight_low[n]
        };
        let satellite_there = satellites_of[n]
            .iter()
            .any(|&satellite| satellite_sides[satellite] == high);
        !straight.is_empty()
            && !satellite_there
            && (high || !self_loop[n])
            && beside_reach(import.nodes[n].kind, depth_of(n) / 2.0) >= PORT_GAP
    };
    // Chained ends, node by node.
    for n in 0..count {
        if ends[n].is_empty() {
            continue;
        }
        let kind = import.nodes[n].kind;
        let half = breadth_of(n) / 2.0;
        let half_depth = depth_of(n) / 2.0;
        // The o-order of an end's neighbour, for sorting and for picking a
        // side: band first, then position in its layer.
        // Where an end's neighbour lies across the flow, as a sort key:
        // its position once known, else its band and place in its layer.
        // Once positions are known, by where the node at the edge's other
        // end is: the items in between (labels, bends) follow the port.
        let key = |end: &End| -> (usize, i64) {
            let item = end.next.expect("chained ends have a neighbour");
            match centers {
                Some(centers) => (0, (centers[end.other] * 64.0).round() as i64),
                None => (graph.items[item].band, position[item] as i64),
            }
        };
        let mut near: Vec<&End> = Vec::new();
        let mut far: Vec<&End> = Vec::new();
        let mut low: Vec<&End> = Vec::new();
        let mut high: Vec<&End> = Vec::new();
        if kind == NodeKind::Decision {
            // Tips hold one direction each: inputs at the near tip, the main
            // branch at the far tip, and each of the low and high tips
            // either departures or arrivals (never both), or a straight
            // line. A self-loop departs from the low tip and comes back
            // into the near tip.
            // (Decisions carry no satellites: only straight lines take tips.)
            let straight = [!straight_low[n].is_empty(), !straight_high[n].is_empty()];
            let usable = [!straight[0], !straight[1]];
            let mut outs: [Vec<&End>; 2] = [Vec::new(), Vec::new()];
            let mut ins: [Vec<&End>; 2] = [Vec::new(), Vec::new()];
            let mut outputs: Vec<&End> = ends[n]
                .iter()
                .filter(|end| end.forward && !end.arrival)
                .collect();
            outputs.sort_by_key(|end| key(end));
            // The main branch stays in the lane: of two, the one declared
            // first (the "yes" the flow goes on with); of more, the middle
            // one, so the others fan out above and below.
            let next_band = |end: &End| graph.items[end.other].band;
            let same_lane: Vec<usize> = (0..outputs.len())
                .filter(|&i| next_band(outputs[i]) == band[n])
                .collect();
            // The happy path ("yes", 通过) goes straight on when one branch
            // reads as it: designers keep the main path on the axis and
            // turn the exceptions.
            let happy: Vec<usize> = (0..outputs.len())
                .filter(|&i| input.import.edges[outputs[i].edge].happy)
                .collect();
            let main = match (same_lane.len(), centers) {
                _ if happy.len() == 1 => happy[0],
                (0, _) => outputs.len() / 2,
                // Once positions are known: the branch whose next item is
                // most nearly level with the decision (straight out).
                (_, Some(centers)) => *same_lane
                    .iter()
                    .min_by(|&&a, &&b| {
                        let off = |i: usize| (centers[outputs[i].other] - centers[n]).abs();
                        off(a)
                            .total_cmp(&off(b))
                            .then(outputs[a].edge.cmp(&outputs[b].edge))
                    })
                    .expect("non-empty"),
                (_, None) if outputs.len() <= 2 => *same_lane
                    .iter()
                    .min_by_key(|&&i| outputs[i].edge)
                    .expect("non-empty"),
                (_, None) => same_lane[same_lane.len() / 2],
            };
            for (i, end) in outputs.iter().enumerate() {
                let wants = usize::from(i > main);
                if i == main {
                    far.push(end);
                } else if usable[wants] {
                    outs[wants].push(end);
                } else if usable[1 - wants] {
                    outs[1 - wants].push(end);
                } else {
                    far.push(end);
                }
            }
            let departs = |outs: &[Vec<&End>; 2], side: usize| {
                !outs[side].is_empty() || (side == 0 && self_loop[n])
            };
            let arrivals: Vec<&End> = ends[n]
                .iter()
                .filter(|end| !end.forward && end.arrival)
                .collect();
            if let Some(first) = arrivals.first() {
                let preferred = usize::from(!toward_low(n, first));
                let order = [preferred, 1 - preferred];
                // A tip free of departures, else one whose forward branches
                // merge into the far tip to free it.
                let tip = order
                    .iter()
                    .copied()
                    .find(|&t| usable[t] && !straight[t] && !departs(&outs, t))
                    .or_else(|| {
                        order.iter().copied().find(|&t| {
                            usable[t]
                                && !straight[t]
                                && !(t == 0 && self_loop[n])
                                && outs[t].iter().all(|end| end.forward)
                        })
                    });
                match tip {
                    Some(t) => {
                        far.append(&mut outs[t]);
                        ins[t] = arrivals;
                    }
                    // Every tip departs: the arrival shares one (rare).
                    None => {
                        let t = if usable[preferred] {
                            preferred
                        } else {
                            1 - preferred
                        };
                        ins[t] = arrivals;
                    }
                }
            }
            for end in ends[n].iter().filter(|end| !end.forward && !end.arrival) {
                // The tip toward where it goes, shared with departures if
                // need be (one stub, then they part), never with arrivals.
                let preferred = usize::from(!toward_low(n, end));
                let order = [preferred, 1 - preferred];
                let tip = order
                    .iter()
                    .copied()
                    .find(|&t| usable[t] && ins[t].is_empty())
                    .or_else(|| order.iter().copied().find(|&t| usable[t]))
                    .unwrap_or(preferred);
                outs[tip].push(end);
            }
            for end in ends[n].iter().filter(|end| end.forward && end.arrival) {
                near.push(end);
            }
            low.extend(outs[0].iter().chain(&ins[0]));
            high.extend(outs[1].iter().chain(&ins[1]));
        } else {
            for end in &ends[n] {
                if end.forward {
                    if end.arrival {
                        near.push(end);
                    } else {
                        far.push(end);
                    }
                    continue;
                }
                let wants_low = loop_side_is_low(n, end);
                // A side holding only straight lines still takes a loop
                // back beside them, on the half toward its gap, when the
                // other side would cost a crossing (it is taken, or the
                // runs there lead the other way).
                if wants_low && low_taken[n] && shares_straight(n, false) {
                    low.push(end);
                    continue;
                }
                if !wants_low && high_taken[n] && shares_straight(n, true) {
                    high.push(end);
                    continue;
                }
                match (wants_low, low_taken[n], high_taken[n]) {
                    (_, true, true) => {
                        // Both sides hold straight lines: across, as
                        // forward ends would.
                        if end.arrival {
                            far.push(end);
                        } else {
                            near.push(end);
                        }
                    }
                    (true, false, _) | (false, false, true) => low.push(end),
                    _ => high.push(end),
                }
            }
        }
        // Near and far sides: spread in neighbour order, or merged.
        // The far side in drawing terms: right, or bottom for `down`.
        let rect_reach = |grow: f64| {
            let (depth, breadth) = (2.0 * half_depth, 2.0 * half + grow);
            let (side, rect) = if down {
                (
                    shape::Side::South,
                    super::types::Rect::new(0.0, 0.0, breadth, depth),
                )
            } else {
                (
                    shape::Side::East,
                    super::types::Rect::new(0.0, 0.0, depth, breadth),
                )
            };
            shape::port_reach(kind, side, &rect)
        };
        let mut grow = 0.0f64;
        for (list, is_far) in [(&mut near, false), (&mut far, true)] {
            list.sort_by_key(|end| (key(end), end.edge));
            // Ends to the same neighbour item share a port.
            let mut groups: Vec<Vec<&End>> = Vec::new();
            for end in list.iter() {
                match groups.last_mut() {
                    Some(group) if group[0].next == end.next => group.push(end),
                    _ => groups.push(vec![end]),
                }
            }
            let k = groups.len();
            let spread = if shape::single_port(kind) || k <= 1 {
                false
            } else {
                let needed = (k - 1) as f64 * PORT_GAP;
                let reach = rect_reach(0.0);
                if 2.0 * reach >= needed {
                    true
                } else if k <= MAX_SPREAD {
                    grow = grow.max(needed - 2.0 * reach);
                    true
                } else {
                    false
                }
            };
            // Merged, arrivals and departures still keep apart: one port
            // each, in the order their ends mostly lead.
            let mixed = !spread
                && groups.iter().flatten().any(|end| end.arrival)
                && groups.iter().flatten().any(|end| !end.arrival);
            if mixed {
                let room = PORT_GAP - 2.0 * rect_reach(0.0);
                grow = grow.max(room);
            }
            let first_arrives = groups
                .iter()
                .position(|group| group[0].arrival)
                .unwrap_or(0)
                < groups
                    .iter()
                    .position(|group| !group[0].arrival)
                    .unwrap_or(0);
            for (i, group) in groups.iter().enumerate() {
                let offset = if spread {
                    (i as f64 - (k - 1) as f64 / 2.0) * PORT_GAP
                } else if mixed {
                    let before = group[0].arrival == first_arrives;
                    if before {
                        -PORT_GAP / 2.0
                    } else {
                        PORT_GAP / 2.0
                    }
                } else {
                    0.0
                };
                for end in group {
                    set(
                        &mut plan,
                        end.edge,
                        end.is_from,
                        Attach::Across {
                            far: is_far,
                            offset,
                        },
                    );
                }
            }
        }
        plan.room[n].grow = grow;
        let half = half + grow / 2.0;
        // Low and high sides: departures toward the near gap on the near
        // half, arrivals from the far gap on the far half.
        for (list, is_high) in [(&low, false), (&high, true)] {
            if list.is_empty() {
                continue;
            }
            let level = if is_high { half + STUB } else { -(half + STUB) };
            // Beside a straight line, or beside each other: off the centre.
            let beside_straight = if is_high {
                !straight_high[n].is_empty()
            } else {
                !straight_low[n].is_empty()
            };
            let both = beside_straight
                || (list.iter().any(|e| e.arrival) && list.iter().any(|e| !e.arrival));
            let reach = beside_reach(kind, half_depth);
            for end in list.iter() {
                // Which gap the edge heads for from this side: a forward
                // branch (decision) to the far one; a loop-back's
                // departure to the near one, its arrival from the far one.
                let toward_far = end.forward || end.arrival;
                let along = if both {
                    if toward_far { reach } else { -reach }
                } else {
                    0.0
                };
                set(
                    &mut plan,
                    end.edge,
                    end.is_from,
                    Attach::Beside {
                        high: is_high,
                        toward_far,
                        along,
                        level,
                    },
                );
            }
            if is_high {
                plan.room[n].high += STUB_ROOM;
            } else {
                plan.room[n].low += STUB_ROOM;
            }
        }
    }
    plan
}

/// The space across the flow between a node and its satellite: room for
/// the labels of the edges `links` between them, beside their line.
pub(crate) fn satellite_gap(import: &Import, label_size: &[(f64, f64)], links: &[usize]) -> f64 {
    links
        .iter()
        .filter(|&&e| import.edges[e].label.is_some())
        .map(|&e| label_size[e].1 + 10.0)
        .fold(SATELLITE_GAP, f64::max)
}

impl Ports {
    /// The postcondition (see the module documentation).
    pub fn is_valid(&self, import: &Import, graph: &LayeredGraph, layering: &Layering) -> bool {
        let every_end = import.edges.iter().enumerate().all(|(e, edge)| {
            let planned = self.edges[e].is_some();
            let needs = edge.from != edge.to
                && (layering.same_rank[e]
                    || edge.is_attached(&import.nodes)
                    || graph.chains[e].is_some());
            planned == needs
        });
        // Per node side: the distinct offsets of its across-ends.
        let mut sides: std::collections::HashMap<(usize, bool), Vec<f64>> =
            std::collections::HashMap::new();
        // Per node low/high side: where along it straight lines and stubs
        // meet it.
        let mut straight: std::collections::HashMap<(usize, bool), Vec<f64>> =
            std::collections::HashMap::new();
        let mut beside: std::collections::HashMap<(usize, bool), Vec<f64>> =
            std::collections::HashMap::new();
        for (e, ports) in self.edges.iter().enumerate() {
            let Some(ports) = ports else { continue };
            let edge = &import.edges[e];
            for (node, attach) in [(edge.from, ports.from), (edge.to, ports.to)] {
                match attach {
                    Attach::Across { far, offset } => {
                        sides.entry((node, far)).or_default().push(offset)
                    }
                    Attach::Straight { high, along } => {
                        straight.entry((node, high)).or_default().push(along)
                    }
                    Attach::Beside { high, along, .. } => {
                        beside.entry((node, high)).or_default().push(along)
                    }
                }
            }
        }
        let spaced = sides.values_mut().all(|offsets| {
            offsets.sort_by(f64::total_cmp);
            offsets.dedup();
            offsets.windows(2).all(|w| w[1] - w[0] >= PORT_GAP - 1e-9)
        });
        let apart_from_straight = beside.iter().all(|(side, stubs)| {
            straight.get(side).is_none_or(|lines| {
                stubs.iter().all(|stub| {
                    lines
                        .iter()
                        .all(|line| (stub - line).abs() >= PORT_GAP - 1e-9)
                })
            })
        });
        every_end && spaced && apart_from_straight
    }
}
