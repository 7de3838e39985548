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

/// Plans every port: the straight lines and satellites first, then node by
/// node the sides its chained ends take (a decision's four tips, or a
/// step's sides) and where along each side they meet it.
pub(crate) fn plan(input: &PortInput<'_>) -> Ports {
    let planner = Planner::new(input);
    let count = input.import.nodes.len();
    let hung = planner.hang_satellites();
    let mut plan = Ports {
        edges: vec![None; input.import.edges.len()],
        room: vec![Room::default(); count],
        satellite_high: hung.high.clone(),
    };
    planner.place_straight_lines(&mut plan);
    for n in 0..count {
        if planner.ends[n].is_empty() {
            continue;
        }
        let sides = if input.import.nodes[n].kind == NodeKind::Decision {
            planner.decision_tips(n)
        } else {
            planner.step_sides(n, &hung)
        };
        let grow = planner.place_near_and_far(n, &sides, &mut plan);
        plan.room[n].grow = grow;
        planner.place_low_and_high(n, &sides, grow, &mut plan);
    }
    plan
}

/// The ends of one node, by the side they meet it on.
#[derive(Default)]
struct Sides<'p> {
    near: Vec<&'p End>,
    far: Vec<&'p End>,
    low: Vec<&'p End>,
    high: Vec<&'p End>,
}

/// Which low and high sides are taken before chained ends are placed
/// (straight lines, self-loops, satellites), and which side each
/// satellite hangs on.
struct Hung {
    high: Vec<bool>,
    low_taken: Vec<bool>,
    high_taken: Vec<bool>,
}

/// What planning works from: the input, and per node its chained ends,
/// the straight lines on its low and high sides and its satellites.
struct Planner<'a> {
    input: &'a PortInput<'a>,
    /// Each item's place in its layer.
    position: Vec<usize>,
    ends: Vec<Vec<End>>,
    /// Per node: the straight lines on its high (low) side, as (edge, the
    /// node is the edge's source).
    straight_high: Vec<Vec<(usize, bool)>>,
    straight_low: Vec<Vec<(usize, bool)>>,
    satellites_of: Vec<Vec<usize>>,
    self_loop: Vec<bool>,
}

impl<'a> Planner<'a> {
    fn new(input: &'a PortInput<'a>) -> Planner<'a> {
        let PortInput {
            import,
            layering,
            graph,
            layers,
            ..
        } = *input;
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
        let mut self_loop = vec![false; count];
        for (e, edge) in import.edges.iter().enumerate() {
            if edge.from == edge.to {
                self_loop[edge.from] = true;
                continue;
            }
            if layering.same_rank[e] || edge.is_attached(&import.nodes) {
                // Straight: the upper node's high side to the lower's low
                // side (a satellite decides later which side it hangs on).
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
            // The chain runs tail → head along the layers; in flow terms
            // the tail is the source unless the edge is reversed.
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
        let mut satellites_of: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (n, node) in import.nodes.iter().enumerate() {
            if let Placement::Satellite(anchor) = node.placement {
                satellites_of[anchor].push(n);
            }
        }
        Planner {
            input,
            position,
            ends,
            straight_high,
            straight_low,
            satellites_of,
            self_loop,
        }
    }

    fn breadth_of(&self, n: usize) -> f64 {
        self.input.node_size[n].1
    }

    fn depth_of(&self, n: usize) -> f64 {
        self.input.node_size[n].0
    }

    /// Whether `end`'s next item lies below `n` (across the flow).
    fn toward_low(&self, n: usize, end: &End) -> bool {
        let PortInput {
            import,
            graph,
            layers,
            centers,
            ..
        } = *self.input;
        let item = end.next.expect("chained");
        if let Some(centers) = centers {
            // A loop back runs along its bends: the next one decides.
            return centers[item] < centers[n];
        }
        let (other_band, my_band) = (graph.items[item].band, import.bands.of_node[n]);
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
    }

    /// The side a loop back's end takes. It turns into the gap its route
    /// runs through (an arrival comes from the far gap, a departure heads
    /// for the near one) and there meets the forward ends of that side,
    /// which fan out toward their next items in order. Of the low and high
    /// sides, the one whose stub does not have to pass those fanned-out
    /// runs: above them if they lead below the loop's next item, else
    /// below; a tie (no runs in the way) goes toward the loop's next item.
    fn loop_side_is_low(&self, n: usize, end: &End) -> bool {
        let level = |item: usize| match self.input.centers {
            Some(centers) => (0, (centers[item] * 64.0).round() as i64),
            None => (
                self.input.graph.items[item].band,
                self.position[item] as i64,
            ),
        };
        let mine = level(end.next.expect("chained"));
        let (mut above, mut below) = (0, 0);
        for other in self.ends[n]
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
            std::cmp::Ordering::Equal => self.toward_low(n, end),
        }
    }

    /// Where an end's neighbour lies across the flow, as a sort key: once
    /// positions are known, where the node at the edge's other end is (the
    /// items in between — labels, bends — follow the port); before, the
    /// neighbour item's band and place in its layer.
    fn neighbour_key(&self, end: &End) -> (usize, i64) {
        let item = end.next.expect("chained ends have a neighbour");
        match self.input.centers {
            Some(centers) => (0, (centers[end.other] * 64.0).round() as i64),
            None => (
                self.input.graph.items[item].band,
                self.position[item] as i64,
            ),
        }
    }

    /// Satellites hang on the high side unless a straight line holds it,
    /// or a loop back wants that side and not the other. Self-loops are
    /// drawn on the low side.
    fn hang_satellites(&self) -> Hung {
        let count = self.ends.len();
        let mut hung = Hung {
            high: vec![false; count],
            low_taken: vec![false; count],
            high_taken: vec![false; count],
        };
        for n in 0..count {
            hung.high_taken[n] = !self.straight_high[n].is_empty();
            hung.low_taken[n] = !self.straight_low[n].is_empty() || self.self_loop[n];
            let loops_low: Vec<bool> = self.ends[n]
                .iter()
                .filter(|end| !end.forward)
                .map(|end| self.loop_side_is_low(n, end))
                .collect();
            let loop_wants_high = !loops_low.is_empty() && loops_low.iter().all(|&low| !low);
            for &satellite in &self.satellites_of[n] {
                let low_free_for_it = loop_wants_high && !hung.low_taken[n];
                if !hung.high_taken[n] && !low_free_for_it {
                    hung.high[satellite] = true;
                    hung.high_taken[n] = true;
                } else {
                    hung.low_taken[n] = true;
                }
            }
        }
        hung
    }

    /// Same-rank hand-offs straight across; a satellite's links straight
    /// to its anchor, `PORT_GAP` apart, with room for it beside the anchor.
    fn place_straight_lines(&self, plan: &mut Ports) {
        let import = self.input.import;
        for n in 0..self.ends.len() {
            for (list, high) in [
                (&self.straight_high[n], true),
                (&self.straight_low[n], false),
            ] {
                for &(e, is_from) in list {
                    plan.set(e, is_from, Attach::Straight { high, along: 0.0 });
                }
            }
            for &satellite in &self.satellites_of[n] {
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
                    let anchor_is_from = import.edges[e].from == n;
                    plan.set(e, anchor_is_from, Attach::Straight { high, along });
                    plan.set(e, !anchor_is_from, Attach::Straight { high: !high, along });
                }
                let gap = satellite_gap(import, self.input.label_size, &links);
                let room = gap + self.breadth_of(satellite);
                if high {
                    plan.room[n].high += room;
                } else {
                    plan.room[n].low += room;
                }
            }
        }
    }

    /// A decision's tips hold one direction each: inputs at the near tip,
    /// the main branch at the far tip, and each of the low and high tips
    /// either departures or arrivals (never both), or a straight line. A
    /// self-loop departs from the low tip and comes back into the near
    /// tip. (Decisions carry no satellites: only straight lines take tips.)
    fn decision_tips(&self, n: usize) -> Sides<'_> {
        let mut sides = Sides::default();
        let straight = [
            !self.straight_low[n].is_empty(),
            !self.straight_high[n].is_empty(),
        ];
        let usable = [!straight[0], !straight[1]];
        let mut outs: [Vec<&End>; 2] = [Vec::new(), Vec::new()];
        let mut ins: [Vec<&End>; 2] = [Vec::new(), Vec::new()];
        let mut outputs: Vec<&End> = self.ends[n]
            .iter()
            .filter(|end| end.forward && !end.arrival)
            .collect();
        outputs.sort_by_key(|end| self.neighbour_key(end));
        let main = self.main_branch(n, &outputs);
        for (i, end) in outputs.iter().enumerate() {
            let wants = usize::from(i > main);
            if i == main {
                sides.far.push(end);
            } else if usable[wants] {
                outs[wants].push(end);
            } else if usable[1 - wants] {
                outs[1 - wants].push(end);
            } else {
                sides.far.push(end);
            }
        }
        let departs = |outs: &[Vec<&End>; 2], side: usize| {
            !outs[side].is_empty() || (side == 0 && self.self_loop[n])
        };
        let arrivals: Vec<&End> = self.ends[n]
            .iter()
            .filter(|end| !end.forward && end.arrival)
            .collect();
        if let Some(first) = arrivals.first() {
            let preferred = usize::from(!self.toward_low(n, first));
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
                            && !(t == 0 && self.self_loop[n])
                            && outs[t].iter().all(|end| end.forward)
                    })
                });
            match tip {
                Some(t) => {
                    sides.far.append(&mut outs[t]);
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
        for end in self.ends[n]
            .iter()
            .filter(|end| !end.forward && !end.arrival)
        {
            // The tip toward where it goes, shared with departures if need
            // be (one stub, then they part), never with arrivals.
            let preferred = usize::from(!self.toward_low(n, end));
            let order = [preferred, 1 - preferred];
            let tip = order
                .iter()
                .copied()
                .find(|&t| usable[t] && ins[t].is_empty())
                .or_else(|| order.iter().copied().find(|&t| usable[t]))
                .unwrap_or(preferred);
            outs[tip].push(end);
        }
        for end in self.ends[n].iter().filter(|end| end.forward && end.arrival) {
            sides.near.push(end);
        }
        sides.low.extend(outs[0].iter().chain(&ins[0]));
        sides.high.extend(outs[1].iter().chain(&ins[1]));
        sides
    }

    /// Which of a decision's branches (`outputs`, in neighbour order) goes
    /// straight on at the far tip: the one that reads as the happy path
    /// (yes, 通过) when one does — designers keep the main path on the
    /// axis and turn the exceptions; else one that stays in the lane: of
    /// two, the one declared first, of more the middle one (the others fan
    /// out above and below), and once positions are known the one whose
    /// next item is most nearly level with the decision.
    fn main_branch(&self, n: usize, outputs: &[&End]) -> usize {
        let import = self.input.import;
        let graph = self.input.graph;
        let next_band = |end: &End| graph.items[end.other].band;
        let same_lane: Vec<usize> = (0..outputs.len())
            .filter(|&i| next_band(outputs[i]) == import.bands.of_node[n])
            .collect();
        let happy: Vec<usize> = (0..outputs.len())
            .filter(|&i| import.edges[outputs[i].edge].happy)
            .collect();
        match (same_lane.len(), self.input.centers) {
            _ if happy.len() == 1 => happy[0],
            (0, _) => outputs.len() / 2,
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
        }
    }

    /// A step's (or any non-decision's) sides: forward ends enter near and
    /// leave far; a loop back's end takes the low or high side
    /// ([`Planner::loop_side_is_low`]) — beside the straight lines there
    /// when the other side would cost a crossing, across as a forward end
    /// would when both sides hold straight lines.
    fn step_sides(&self, n: usize, hung: &Hung) -> Sides<'_> {
        let mut sides = Sides::default();
        for end in &self.ends[n] {
            if end.forward {
                if end.arrival {
                    sides.near.push(end);
                } else {
                    sides.far.push(end);
                }
                continue;
            }
            let wants_low = self.loop_side_is_low(n, end);
            if wants_low && hung.low_taken[n] && self.shares_straight(n, false, &hung.high) {
                sides.low.push(end);
                continue;
            }
            if !wants_low && hung.high_taken[n] && self.shares_straight(n, true, &hung.high) {
                sides.high.push(end);
                continue;
            }
            match (wants_low, hung.low_taken[n], hung.high_taken[n]) {
                // Both sides hold straight lines: across, as forward ends
                // would.
                (_, true, true) => {
                    if end.arrival {
                        sides.far.push(end);
                    } else {
                        sides.near.push(end);
                    }
                }
                (true, false, _) | (false, false, true) => sides.low.push(end),
                _ => sides.high.push(end),
            }
        }
        sides
    }

    /// Whether a loop back may share the low or high side of `n` with the
    /// straight lines there: no satellite hangs on it, and a port off the
    /// centre stays a full [`PORT_GAP`] from theirs.
    fn shares_straight(&self, n: usize, high: bool, satellite_high: &[bool]) -> bool {
        let straight = if high {
            &self.straight_high[n]
        } else {
            &self.straight_low[n]
        };
        let satellite_there = self.satellites_of[n]
            .iter()
            .any(|&satellite| satellite_high[satellite] == high);
        !straight.is_empty()
            && !satellite_there
            && (high || !self.self_loop[n])
            && beside_reach(self.input.import.nodes[n].kind, self.depth_of(n) / 2.0) >= PORT_GAP
    }

    /// Near and far sides: ends spread [`PORT_GAP`] apart in neighbour
    /// order (ends to one neighbour share a port), growing the node when
    /// its side is too short for up to [`MAX_SPREAD`] of them; more merge
    /// into one port — arrivals and departures still one port each.
    /// Returns how much the node grows across the flow.
    fn place_near_and_far(&self, n: usize, sides: &Sides<'_>, plan: &mut Ports) -> f64 {
        let kind = self.input.import.nodes[n].kind;
        let (depth, breadth) = (self.depth_of(n), self.breadth_of(n));
        let down = self.input.down;
        // How far from the centre a port may sit on the far side (right,
        // or bottom for `down`).
        let reach = {
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
        for (list, is_far) in [(&sides.near, false), (&sides.far, true)] {
            let mut list = list.clone();
            list.sort_by_key(|end| (self.neighbour_key(end), end.edge));
            // Ends to the same neighbour item share a port.
            let mut groups: Vec<Vec<&End>> = Vec::new();
            for end in list {
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
                grow = grow.max(PORT_GAP - 2.0 * reach);
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
                    if group[0].arrival == first_arrives {
                        -PORT_GAP / 2.0
                    } else {
                        PORT_GAP / 2.0
                    }
                } else {
                    0.0
                };
                for end in group {
                    plan.set(
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
        grow
    }

    /// Low and high sides: each end through a stub out to its own level
    /// beyond the side (the node grown by `grow`); departures toward the
    /// near gap on the near half, arrivals from the far gap on the far
    /// half when they share a side or sit beside a straight line.
    fn place_low_and_high(&self, n: usize, sides: &Sides<'_>, grow: f64, plan: &mut Ports) {
        let kind = self.input.import.nodes[n].kind;
        let half = self.breadth_of(n) / 2.0 + grow / 2.0;
        for (list, is_high) in [(&sides.low, false), (&sides.high, true)] {
            if list.is_empty() {
                continue;
            }
            let level = if is_high { half + STUB } else { -(half + STUB) };
            // Beside a straight line, or beside each other: off the centre.
            let beside_straight = if is_high {
                !self.straight_high[n].is_empty()
            } else {
                !self.straight_low[n].is_empty()
            };
            let both = beside_straight
                || (list.iter().any(|e| e.arrival) && list.iter().any(|e| !e.arrival));
            let reach = beside_reach(kind, self.depth_of(n) / 2.0);
            for end in list.iter() {
                // Which gap the edge heads for from this side: a forward
                // branch (decision) to the far one; a loop-back's
                // departure to the near one, its arrival from the far one.
                let toward_far = end.forward || end.arrival;
                let along = match (both, toward_far) {
                    (false, _) => 0.0,
                    (true, true) => reach,
                    (true, false) => -reach,
                };
                plan.set(
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
}

/// How far from the centre a port on a low or high side sits when two
/// share it, for a node of this kind and depth along the flow.
fn beside_reach(kind: NodeKind, half_depth: f64) -> f64 {
    if shape::single_port(kind) {
        0.0
    } else {
        // Far enough apart for two ports, inside the side.
        ((half_depth - 12.0) / 2.0)
            .max(PORT_GAP / 2.0)
            .min((half_depth - 4.0).max(0.0))
    }
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
    /// Sets one end of `edge` (its source end when `is_from`).
    fn set(&mut self, edge: usize, is_from: bool, attach: Attach) {
        let entry = self.edges[edge].get_or_insert(EdgePorts {
            from: attach,
            to: attach,
        });
        if is_from {
            entry.from = attach;
        } else {
            entry.to = attach;
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{ApproxMeasure, LaneOrder, import, layering};

    /// A flow's port plan before positions are known (the first plan).
    struct Planned {
        flow: crate::model::Flow,
        ports: Ports,
    }

    impl Planned {
        fn of(text: &str) -> Planned {
            let flow = crate::check(&crate::SourceFile::new("t.crmflow", text)).unwrap();
            let import = import::import(&flow, &ApproxMeasure, LaneOrder::Declared, 1.0);
            let layering = layering::layer(&import);
            let items = crate::layout::Items::of(&import, &layering, false);
            let (layers, _) = crate::layout::order(&items.graph, &import, &layering);
            let ports = plan(&PortInput {
                import: &import,
                layering: &layering,
                graph: &items.graph,
                layers: &layers,
                node_size: &items.box_size,
                label_size: &items.label_size,
                down: false,
                centers: None,
            });
            assert!(ports.is_valid(&import, &items.graph, &layering));
            Planned { flow, ports }
        }

        /// The ports of the edge `from -> to`.
        fn edge(&self, from: &str, to: &str) -> EdgePorts {
            let id = |name: &str| self.flow.nodes.iter().position(|n| n.id == name).unwrap();
            let e = self
                .flow
                .edges
                .iter()
                .position(|e| e.from.index() == id(from) && e.to.index() == id(to))
                .unwrap();
            self.ports.edges[e].expect("planned")
        }
    }

    fn tip(attach: Attach) -> &'static str {
        match attach {
            Attach::Across { far: false, .. } => "near",
            Attach::Across { far: true, .. } => "far",
            Attach::Beside { high: false, .. } | Attach::Straight { high: false, .. } => "low",
            Attach::Beside { high: true, .. } | Attach::Straight { high: true, .. } => "high",
        }
    }

    #[test]
    fn a_decision_sends_its_happy_branch_on_from_the_far_tip_and_turns_the_others() {
        // "no" is declared first, yet "yes" goes straight on.
        let planned = Planned::of(
            "start s \"S\"\ndecision d \"OK?\"\nstep fix \"Fix\"\nstep go \"Go\"\nend e \"E\"\n\
             s -> d\nd -> fix : \"no\"\nd -> go : \"yes\"\nfix -> e\ngo -> e\n",
        );
        assert_eq!(tip(planned.edge("s", "d").to), "near");
        assert_eq!(tip(planned.edge("d", "go").from), "far");
        assert_ne!(tip(planned.edge("d", "fix").from), "far");
        assert_ne!(tip(planned.edge("d", "fix").from), "near");
    }

    #[test]
    fn three_branches_take_three_tips_the_middle_one_straight_on() {
        let planned = Planned::of(
            "start s \"S\"\ndecision d \"Size?\"\nstep a \"Small\"\nstep b \"Medium\"\nstep c \"Large\"\nend e \"E\"\n\
             s -> d\nd -> a : \"small\"\nd -> b : \"medium\"\nd -> c : \"large\"\na -> e\nb -> e\nc -> e\n",
        );
        let mut tips: Vec<&str> = ["a", "b", "c"]
            .iter()
            .map(|to| tip(planned.edge("d", to).from))
            .collect();
        tips.sort();
        assert_eq!(tips, ["far", "high", "low"], "one branch per tip, no T");
    }

    #[test]
    fn a_loop_back_leaves_and_enters_across_the_flow_never_backwards() {
        let planned = Planned::of(
            "start s \"S\"\nstep a \"Draft\"\ndecision d \"Approved?\"\nend e \"E\"\n\
             s -> a -> d\nd -> e : \"yes\"\nd -> a : \"no\"\n",
        );
        let back = planned.edge("d", "a");
        assert!(matches!(back.from, Attach::Beside { .. }), "{back:?}");
        assert!(matches!(back.to, Attach::Beside { .. }), "{back:?}");
        // The stub reaches beyond the side it leaves.
        let Attach::Beside { high, level, .. } = back.to else {
            unreachable!()
        };
        assert!(if high { level > 0.0 } else { level < 0.0 });
        assert_eq!(tip(planned.edge("d", "e").from), "far");
    }

    #[test]
    fn a_same_rank_hand_off_is_straight_between_facing_sides() {
        let planned = Planned::of(
            "lane a \"A\"\nlane b \"B\"\nstart s \"S\" lane a\nstep x \"X\" lane a\nstep y \"Y\" lane b\nend e \"E\" lane b\n\
             s -> x\nx -> y\ny -> e\n",
        );
        let ports = planned.edge("x", "y");
        // Lane a is above lane b: x's high side faces y's low side.
        assert_eq!(
            (ports.from, ports.to),
            (
                Attach::Straight {
                    high: true,
                    along: 0.0
                },
                Attach::Straight {
                    high: false,
                    along: 0.0
                }
            )
        );
    }

    #[test]
    fn ends_on_one_side_spread_apart_up_to_a_limit_then_merge() {
        let fan = |k: usize| {
            let mut text = String::from("start s \"S\"\nstep hub \"Hub\"\nend e \"E\"\ns -> hub\n");
            for i in 0..k {
                text += &format!("step t{i} \"T{i}\"\nhub -> t{i}\nt{i} -> e\n");
            }
            let planned = Planned::of(&text);
            let mut offsets: Vec<f64> = (0..k)
                .map(|i| match planned.edge("hub", &format!("t{i}")).from {
                    Attach::Across { far: true, offset } => offset,
                    other => panic!("{other:?}"),
                })
                .collect();
            offsets.sort_by(f64::total_cmp);
            offsets.dedup();
            (offsets, planned.ports.room[1].grow)
        };
        let (three, _) = fan(3);
        assert_eq!(three.len(), 3);
        assert!(three.windows(2).all(|w| w[1] - w[0] >= PORT_GAP - 1e-9));
        let middle = three.iter().sum::<f64>() / 3.0;
        assert!(middle.abs() < 1e-9, "centred on the node: {three:?}");
        let (many, _) = fan(MAX_SPREAD + 2);
        assert_eq!(many, [0.0], "beyond {MAX_SPREAD} ends one merged port");
    }

    #[test]
    fn beside_ports_sit_inside_the_side_and_single_port_shapes_keep_the_centre() {
        assert_eq!(beside_reach(NodeKind::Decision, 40.0), 0.0);
        let reach = beside_reach(NodeKind::Step, 75.0);
        assert!((PORT_GAP / 2.0..=75.0 - 4.0).contains(&reach), "{reach}");
        assert_eq!(
            beside_reach(NodeKind::Step, 3.0),
            0.0,
            "a sliver holds one port"
        );
    }
}
