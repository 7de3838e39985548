//! Figures about a process, for measuring and optimising it (step 9 of the
//! ten-step method): how many of each kind, per lane and per module; the
//! hand-off matrix between lanes; decisions, loops and cyclomatic
//! complexity; the shortest and longest journey from a start to an end.
//!
//! Takes a [`Flow`]; gives [`Stats`] (serialisable: `crmflow stats
//! --format json`). Control edges (`->`) only, except the data-edge count.

mod table;

pub use table::table;

use crate::model::{Edge, EdgeKind, Flow, NodeKind, PhaseId};
use crate::paths::journeys;
use serde::Serialize;

/// At most this many journeys are walked for the shortest and longest.
pub const JOURNEY_LIMIT: usize = 10_000;

/// The figures of one flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Every node.
    pub nodes: usize,
    /// Control edges (`->`).
    pub control_edges: usize,
    /// Data edges (`..>`).
    pub data_edges: usize,
    /// Nodes per kind, every kind listed, in the language's order.
    pub by_kind: Vec<Count>,
    /// Nodes per lane in declaration order; `""` for nodes without one.
    pub by_lane: Vec<LaneCount>,
    /// Nodes per module in declaration order; `""` for nodes without one.
    pub by_module: Vec<Count>,
    /// Control edges from one lane to another: `matrix[i][j]` counts edges
    /// from `lanes[i]` to `lanes[j]` (the diagonal: edges within a lane).
    pub handoffs: HandoffMatrix,
    /// With phases: nodes and steps per phase, in declaration order (a node
    /// that does not name its phase counts in the one it is drawn in).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_phase: Vec<LaneCount>,
    /// With phases: steps per lane and phase, `[lane][phase]`, lanes as in
    /// `by_lane`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps_by_lane_and_phase: Vec<Vec<usize>>,
    /// With phases: control edges from one phase to another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase_handoffs: Option<PhaseMatrix>,
    /// Decisions.
    pub decisions: usize,
    /// Loops: control edges that go back to a node the walk from the
    /// starts has already on its path (each closes one loop).
    pub loops: usize,
    /// McCabe's cyclomatic complexity of the control graph: 1 per
    /// connected part, +1 per branch beyond the first out of a node (a
    /// straight line is 1; a two-way decision adds 1).
    pub cyclomatic_complexity: usize,
    /// Journeys from a start to an end (loop-backs not counted).
    pub journeys: usize,
    /// Whether the walk stopped at [`JOURNEY_LIMIT`] (figures are then
    /// over the journeys walked).
    pub journeys_cut: bool,
    /// The shortest journey, by nodes on it.
    pub shortest: Option<Path>,
    /// The longest journey (the one to look at first when optimising).
    pub longest: Option<Path>,
}

/// A count of one kind, lane or module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Kind word, or lane/module id (`""`: none).
    pub id: String,
    /// Label (the kind word for kinds).
    pub label: String,
    /// How many nodes.
    pub count: usize,
}

/// A lane's nodes, and of them its steps ([`Flow::is_step`]: as the SOP
/// numbers them and `render --lane` counts them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LaneCount {
    /// Lane id (`""`: no lane).
    pub id: String,
    /// Label.
    pub label: String,
    /// Every node in it.
    pub nodes: usize,
    /// Its steps: every node but the data shapes only data edges touch.
    pub steps: usize,
}

/// The hand-off matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HandoffMatrix {
    /// Lane ids, in declaration order (`""` last when some node has none).
    pub lanes: Vec<String>,
    /// Edge counts, `[from][to]`.
    pub matrix: Vec<Vec<usize>>,
    /// Edges that change lane (off the diagonal).
    pub total: usize,
}

/// Control edges between phases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhaseMatrix {
    /// Phase ids, in declaration order.
    pub phases: Vec<String>,
    /// Edge counts, `[from][to]`.
    pub matrix: Vec<Vec<usize>>,
    /// Edges into a later phase.
    pub forward: usize,
    /// Edges back into an earlier phase (loops back across phases).
    pub backward: usize,
}

/// One journey: its node ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Path {
    /// How many nodes it visits.
    pub length: usize,
    /// The node ids, start to end.
    pub nodes: Vec<String>,
}

/// The figures of `flow`.
pub fn stats(flow: &Flow) -> Stats {
    let control: Vec<&Edge> = flow
        .edges
        .iter()
        .filter(|edge| edge.kind == EdgeKind::Control)
        .collect();
    let by_kind = NodeKind::ALL
        .iter()
        .map(|&kind| Count {
            id: kind.keyword().to_owned(),
            label: kind.keyword().to_owned(),
            count: flow.nodes.iter().filter(|n| n.kind == kind).count(),
        })
        .collect();
    let lanes = LaneSlots::of(flow);
    let by_lane = lanes.counts(flow);
    let handoffs = lanes.handoffs(flow, &control, &by_lane);
    let phase_of = flow.phase_of();
    let (by_phase, steps_by_lane_and_phase) = phase_counts(flow, &phase_of, &lanes);
    let (walked, journeys_cut) = journeys(flow, JOURNEY_LIMIT);
    let complete: Vec<&crate::paths::Journey> = walked.iter().filter(|j| !j.loops_back).collect();
    let (shortest, longest) = extreme_paths(flow, &complete);
    Stats {
        nodes: flow.nodes.len(),
        control_edges: control.len(),
        data_edges: flow.edges.len() - control.len(),
        by_kind,
        by_lane,
        by_module: module_counts(flow),
        handoffs,
        by_phase,
        steps_by_lane_and_phase,
        phase_handoffs: phase_handoffs(flow, &phase_of, &control),
        decisions: flow
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Decision)
            .count(),
        loops: back_edges(flow),
        cyclomatic_complexity: cyclomatic(flow),
        journeys: complete.len(),
        journeys_cut,
        shortest,
        longest,
    }
}

/// The rows of the lane tables: one per lane, and one for the nodes
/// without a lane when there are any (last).
struct LaneSlots {
    lanes: usize,
    count: usize,
}

impl LaneSlots {
    fn of(flow: &Flow) -> LaneSlots {
        let has_laneless = flow.nodes.iter().any(|n| n.lane.is_none());
        LaneSlots {
            lanes: flow.lanes.len(),
            count: flow.lanes.len() + usize::from(has_laneless),
        }
    }

    fn slot(&self, lane: Option<crate::model::LaneId>) -> usize {
        lane.map_or(self.lanes, |l| l.index())
    }

    /// Nodes and steps per lane.
    fn counts(&self, flow: &Flow) -> Vec<LaneCount> {
        let mut by_lane: Vec<LaneCount> = flow
            .lanes
            .iter()
            .map(|lane| LaneCount {
                id: lane.id.clone(),
                label: lane.label.clone(),
                nodes: 0,
                steps: 0,
            })
            .collect();
        if self.count > self.lanes {
            by_lane.push(LaneCount {
                id: String::new(),
                label: "(no lane)".into(),
                nodes: 0,
                steps: 0,
            });
        }
        for id in flow.node_ids() {
            let entry = &mut by_lane[self.slot(flow.node_at(id).lane)];
            entry.nodes += 1;
            if flow.is_step(id) {
                entry.steps += 1;
            }
        }
        by_lane
    }

    /// Control edges from lane to lane, and how many change lanes.
    fn handoffs(&self, flow: &Flow, control: &[&Edge], by_lane: &[LaneCount]) -> HandoffMatrix {
        let mut matrix = vec![vec![0usize; self.count]; self.count];
        for edge in control {
            let from = self.slot(flow.node_at(edge.from).lane);
            let to = self.slot(flow.node_at(edge.to).lane);
            matrix[from][to] += 1;
        }
        let total = (0..self.count)
            .flat_map(|i| (0..self.count).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| matrix[i][j])
            .sum();
        HandoffMatrix {
            lanes: by_lane.iter().map(|lane| lane.id.clone()).collect(),
            matrix,
            total,
        }
    }
}

/// Nodes per module, then those without one.
fn module_counts(flow: &Flow) -> Vec<Count> {
    let mut by_module: Vec<Count> = flow
        .modules
        .iter()
        .enumerate()
        .map(|(index, module)| Count {
            id: module.id.clone(),
            label: module.label.clone(),
            count: flow
                .nodes
                .iter()
                .filter(|n| n.module.map(|m| m.index()) == Some(index))
                .count(),
        })
        .collect();
    let without_module = flow.nodes.iter().filter(|n| n.module.is_none()).count();
    if without_module > 0 {
        by_module.push(Count {
            id: String::new(),
            label: "(no module)".into(),
            count: without_module,
        });
    }
    by_module
}

/// Nodes and steps per phase, and steps per lane × phase (empty without
/// phases).
fn phase_counts(
    flow: &Flow,
    phase_of: &[Option<PhaseId>],
    lanes: &LaneSlots,
) -> (Vec<LaneCount>, Vec<Vec<usize>>) {
    let phases = flow.phases.len();
    let mut by_phase: Vec<LaneCount> = flow
        .phases
        .iter()
        .map(|phase| LaneCount {
            id: phase.id.clone(),
            label: phase.label.clone(),
            nodes: 0,
            steps: 0,
        })
        .collect();
    let mut steps_by_lane_and_phase = if phases == 0 {
        Vec::new()
    } else {
        vec![vec![0usize; phases]; lanes.count]
    };
    for id in flow.node_ids() {
        let Some(phase) = phase_of[id.index()] else {
            continue;
        };
        let entry = &mut by_phase[phase.index()];
        entry.nodes += 1;
        if flow.is_step(id) {
            entry.steps += 1;
            steps_by_lane_and_phase[lanes.slot(flow.node_at(id).lane)][phase.index()] += 1;
        }
    }
    (by_phase, steps_by_lane_and_phase)
}

/// Control edges from phase to phase, and how many go forward and back
/// (`None` without phases).
fn phase_handoffs(
    flow: &Flow,
    phase_of: &[Option<PhaseId>],
    control: &[&Edge],
) -> Option<PhaseMatrix> {
    let phases = flow.phases.len();
    if phases == 0 {
        return None;
    }
    let mut matrix = vec![vec![0usize; phases]; phases];
    let (mut forward, mut backward) = (0, 0);
    for edge in control {
        let (Some(from), Some(to)) = (phase_of[edge.from.index()], phase_of[edge.to.index()])
        else {
            continue;
        };
        matrix[from.index()][to.index()] += 1;
        if from < to {
            forward += 1;
        } else if from > to {
            backward += 1;
        }
    }
    Some(PhaseMatrix {
        phases: flow.phases.iter().map(|phase| phase.id.clone()).collect(),
        matrix,
        forward,
        backward,
    })
}

/// The shortest and the longest complete journey (the first of equal
/// length wins: the order the journeys are listed in).
fn extreme_paths(flow: &Flow, complete: &[&crate::paths::Journey]) -> (Option<Path>, Option<Path>) {
    let path = |journey: &crate::paths::Journey| Path {
        length: journey.nodes.len(),
        nodes: journey
            .nodes
            .iter()
            .map(|&n| flow.node_at(n).id.clone())
            .collect(),
    };
    let shortest = complete
        .iter()
        .fold(None::<&&crate::paths::Journey>, |best, j| match best {
            Some(b) if b.nodes.len() <= j.nodes.len() => Some(b),
            _ => Some(j),
        })
        .map(|j| path(j));
    let longest = complete
        .iter()
        .fold(None::<&&crate::paths::Journey>, |best, j| match best {
            Some(b) if b.nodes.len() >= j.nodes.len() => Some(b),
            _ => Some(j),
        })
        .map(|j| path(j));
    (shortest, longest)
}

/// Control edges that reach a node already on the depth-first path from
/// the starts (then from any node not yet reached, in declaration order).
fn back_edges(flow: &Flow) -> usize {
    let n = flow.nodes.len();
    let mut outgoing = vec![Vec::new(); n];
    for edge in &flow.edges {
        if edge.kind == EdgeKind::Control {
            outgoing[edge.from.index()].push(edge.to.index());
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    let mut back = 0;
    let starts = flow
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.kind == NodeKind::Start)
        .map(|(i, _)| i)
        .chain(0..n);
    for root in starts {
        if mark[root] != Mark::New {
            continue;
        }
        // Iterative DFS: (node, next edge to look at).
        let mut stack = vec![(root, 0usize)];
        mark[root] = Mark::OnPath;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = outgoing[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::OnPath;
                        stack.push((to, 0));
                    }
                    Mark::OnPath => back += 1,
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    back
}

/// McCabe's number for the control graph, counted from its branches: one
/// per connected part, plus each control edge beyond the first out of a
/// node. For a graph with one exit this is E − N + 2P; counting branches
/// keeps a flow with several `end`s from scoring lower than its decisions.
fn cyclomatic(flow: &Flow) -> usize {
    let n = flow.nodes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut in_control = vec![false; n];
    let mut out = vec![0usize; n];
    for edge in &flow.edges {
        if edge.kind != EdgeKind::Control {
            continue;
        }
        let (a, b) = (edge.from.index(), edge.to.index());
        out[a] += 1;
        in_control[a] = true;
        in_control[b] = true;
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra] = rb;
    }
    let parts = (0..n)
        .filter(|&x| in_control[x] && root(&mut parent, x) == x)
        .count();
    parts + out.iter().map(|&o| o.saturating_sub(1)).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Stats {
        let source = crate::SourceFile::new("t.crmflow", text);
        stats(&crate::check(&source).unwrap())
    }

    #[test]
    fn a_straight_line_has_complexity_one_and_one_journey() {
        let s = of("start a \"A\"\nstep b \"B\"\nend c \"C\"\na -> b -> c\n");
        assert_eq!((s.nodes, s.control_edges, s.data_edges), (3, 2, 0));
        assert_eq!(s.cyclomatic_complexity, 1);
        assert_eq!((s.journeys, s.loops, s.decisions), (1, 0, 0));
        assert_eq!(s.shortest, s.longest);
        assert_eq!(s.longest.unwrap().nodes, ["a", "b", "c"]);
    }

    #[test]
    fn branches_loops_lanes_and_handoffs_are_counted() {
        // Two lanes; a decision with two outcomes, one a rework loop; one
        // node without a lane; a store on a data edge.
        let s = of(
            "lane s \"Sales\"\nlane l \"Legal\"\nmodule m \"M\" color blue\n\
             start in \"In\" lane s\nstep draft \"Draft\" lane s module m\n\
             step review \"Review\" lane l\ndecision ok \"OK?\" lane l\n\
             step sign \"Sign\" lane s\nend done \"Done\"\nstore db \"DB\"\n\
             in -> draft -> review -> ok\nok -> sign : \"yes\"\nok -> draft : \"no\"\n\
             sign -> done\ndraft ..> db\n",
        );
        assert_eq!((s.nodes, s.control_edges, s.data_edges), (7, 6, 1));
        assert_eq!(s.decisions, 1);
        assert_eq!(s.loops, 1, "ok -> draft closes the rework loop");
        // One part, one two-way decision.
        assert_eq!(s.cyclomatic_complexity, 2);
        let kinds: Vec<usize> = s.by_kind.iter().map(|k| k.count).collect();
        assert_eq!(kinds, [1, 1, 3, 1, 0, 1, 0, 0]);
        let lanes: Vec<(&str, usize, usize)> = s
            .by_lane
            .iter()
            .map(|l| (l.id.as_str(), l.nodes, l.steps))
            .collect();
        // Steps as the SOP numbers them: the start and end too, not the
        // store only a data edge touches.
        assert_eq!(lanes, [("s", 3, 3), ("l", 2, 2), ("", 2, 1)]);
        assert_eq!(s.by_module[0].count, 1);
        assert_eq!(s.by_module[1].count, 6, "the rest have no module");
        // Hand-offs: draft→review (s→l), ok→draft (l→s), ok→sign (l→s),
        // sign→done (s→none).
        assert_eq!(s.handoffs.lanes, ["s", "l", ""]);
        assert_eq!(
            s.handoffs.matrix,
            [vec![1, 1, 1], vec![2, 1, 0], vec![0, 0, 0]]
        );
        assert_eq!(s.handoffs.total, 4);
        assert_eq!(s.journeys, 1);
        assert_eq!(
            s.longest.unwrap().nodes,
            ["in", "draft", "review", "ok", "sign", "done"]
        );
    }

    #[test]
    fn shortest_and_longest_differ_when_branches_do() {
        let s = of(
            "start a \"A\"\ndecision d \"D?\"\nstep x \"X\"\nstep y \"Y\"\nend e \"E\"\n\
             a -> d\nd -> e : \"quick\"\nd -> x : \"slow\"\nx -> y -> e\n",
        );
        assert_eq!(s.journeys, 2);
        assert_eq!(s.shortest.unwrap().nodes, ["a", "d", "e"]);
        assert_eq!(s.longest.unwrap().length, 5);
        assert_eq!(s.cyclomatic_complexity, 2);
    }

    #[test]
    fn several_ends_do_not_lower_the_complexity() {
        // Two two-way decisions, three ends: 1 + 2.
        let source = crate::SourceFile::new(
            "t.crmflow",
            "start a \"A\"\ndecision d \"D?\"\ndecision f \"F?\"\nend x \"X\"\nend y \"Y\"\nend z \"Z\"\n\
             a -> d\nd -> x : \"1\"\nd -> f : \"2\"\nf -> y : \"1\"\nf -> z : \"2\"\n",
        );
        let s = stats(&crate::check(&source).unwrap());
        assert_eq!(s.cyclomatic_complexity, 3);
        assert_eq!(s.journeys, 3);
    }

    /// `stats`, the SOP and `render --lane` count a role's steps alike
    /// (#29 item 13): they counted three different things.
    #[test]
    fn stats_sop_and_role_views_count_steps_alike() {
        for template in [
            "ten-step.en",
            "seven-stages.en",
            "complaint-handling.en",
            "lead-to-contract.en",
        ] {
            let path = format!(
                "{}/templates/{template}.crmflow",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let flow = crate::check(&crate::SourceFile::new(path.as_str(), text)).unwrap();
            let figures = stats(&flow);
            let sop = crate::sop::sop_markdown(&flow);
            for lane in flow.lanes.iter() {
                let counted = figures
                    .by_lane
                    .iter()
                    .find(|l| l.id == lane.id)
                    .unwrap()
                    .steps;
                let unit = if counted == 1 { "step" } else { "steps" };
                assert!(
                    sop.contains(&format!("- **{}** — {counted} {unit}", lane.label)),
                    "{template}, {}: stats {counted}\n{sop}",
                    lane.label
                );
                let others: Vec<String> = flow
                    .lanes
                    .iter()
                    .filter(|other| other.id != lane.id)
                    .map(|other| other.id.clone())
                    .collect();
                let Some(keep) = others.first() else { continue };
                let view = crate::model::role_view(&flow, std::slice::from_ref(keep)).unwrap();
                // One stand-in for the lane, or one per phase it works in.
                let prefix = format!("{} — ", lane.label);
                let shown: usize = view
                    .nodes
                    .iter()
                    .filter(|node| node.id.starts_with(&format!("lane:{}", lane.id)))
                    .map(|node| {
                        let rest = node.label.strip_prefix(&prefix).unwrap();
                        rest.split(' ').next().unwrap().parse::<usize>().unwrap()
                    })
                    .sum();
                assert_eq!(
                    shown, counted,
                    "{template}: {} in the role view",
                    lane.label
                );
            }
        }
    }
}
