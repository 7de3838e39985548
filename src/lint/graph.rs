//! The control-flow graph the rules walk, with its analyses computed once:
//! control edges per node, reachability from the starts and to the ends
//! (breadth-first), and the loops (Tarjan's strongly connected components).
//! Everything is linear in nodes + edges; nothing enumerates paths.

use crate::model::{EdgeKind, Flow, NodeId, NodeKind};
use std::collections::VecDeque;

/// Control-flow structure of a [`Flow`].
#[derive(Clone, Debug)]
pub struct ControlGraph {
    /// Per node: indices into `flow.edges` of its outgoing control edges.
    pub outgoing: Vec<Vec<usize>>,
    /// Per node: indices into `flow.edges` of its incoming control edges.
    pub incoming: Vec<Vec<usize>>,
    /// Per node: how many data edges (`..>`) touch it.
    pub data_edges: Vec<u32>,
    /// Per node: it takes part in control flow (a start, end, step, decision
    /// or sub; or an io/store/doc that a control edge touches).
    pub in_control: Vec<bool>,
    /// Per node: some start reaches it through control edges.
    pub from_start: Vec<bool>,
    /// Per node: it reaches some end through control edges.
    pub to_end: Vec<bool>,
    /// The loops: strongly connected components with more than one node or
    /// a self-loop, each in declaration order, ordered by their first node.
    pub loops: Vec<Vec<NodeId>>,
}

impl ControlGraph {
    /// Analyses a flow.
    pub fn new(flow: &Flow) -> Self {
        let count = flow.nodes.len();
        let mut outgoing = vec![Vec::new(); count];
        let mut incoming = vec![Vec::new(); count];
        let mut data_edges = vec![0u32; count];
        for (index, edge) in flow.edges.iter().enumerate() {
            match edge.kind {
                EdgeKind::Control => {
                    outgoing[edge.from.index()].push(index);
                    incoming[edge.to.index()].push(index);
                }
                EdgeKind::Data => {
                    data_edges[edge.from.index()] += 1;
                    if edge.to != edge.from {
                        data_edges[edge.to.index()] += 1;
                    }
                }
            }
        }
        let in_control = flow
            .nodes
            .iter()
            .enumerate()
            .map(|(index, node)| {
                !node.kind.is_data() || !outgoing[index].is_empty() || !incoming[index].is_empty()
            })
            .collect();
        let starts = flow
            .node_ids()
            .filter(|&id| flow.node_at(id).kind == NodeKind::Start);
        let ends = flow
            .node_ids()
            .filter(|&id| flow.node_at(id).kind == NodeKind::End);
        let from_start = reach(
            starts,
            |node| {
                outgoing[node]
                    .iter()
                    .map(|&edge| flow.edges[edge].to.index())
            },
            count,
        );
        let to_end = reach(
            ends,
            |node| {
                incoming[node]
                    .iter()
                    .map(|&edge| flow.edges[edge].from.index())
            },
            count,
        );
        let loops = strongly_connected(flow, &outgoing)
            .into_iter()
            .filter(|component| {
                component.len() > 1
                    || outgoing[component[0].index()]
                        .iter()
                        .any(|&edge| flow.edges[edge].to == component[0])
            })
            .collect();
        ControlGraph {
            outgoing,
            incoming,
            data_edges,
            in_control,
            from_start,
            to_end,
            loops,
        }
    }

    /// True when no edge of any kind touches the node.
    pub fn is_isolated(&self, node: NodeId) -> bool {
        let index = node.index();
        self.outgoing[index].is_empty()
            && self.incoming[index].is_empty()
            && self.data_edges[index] == 0
    }

    /// The distinct targets of a node's control edges, in edge order.
    pub fn successors<'a>(&'a self, flow: &'a Flow, node: NodeId) -> Vec<NodeId> {
        let mut targets: Vec<NodeId> = Vec::new();
        for &edge in &self.outgoing[node.index()] {
            let to = flow.edges[edge].to;
            if !targets.contains(&to) {
                targets.push(to);
            }
        }
        targets
    }
}

/// Breadth-first reachability from `seeds` along `next`.
fn reach<I>(
    seeds: impl Iterator<Item = NodeId>,
    next: impl Fn(usize) -> I,
    count: usize,
) -> Vec<bool>
where
    I: Iterator<Item = usize>,
{
    let mut seen = vec![false; count];
    let mut queue: VecDeque<usize> = VecDeque::new();
    for seed in seeds {
        if !seen[seed.index()] {
            seen[seed.index()] = true;
            queue.push_back(seed.index());
        }
    }
    while let Some(node) = queue.pop_front() {
        for target in next(node) {
            if !seen[target] {
                seen[target] = true;
                queue.push_back(target);
            }
        }
    }
    seen
}

/// Tarjan's algorithm, iterative (a 10,000-step chain must not overflow the
/// stack). Components come out with their nodes in declaration order,
/// sorted by their first node.
fn strongly_connected(flow: &Flow, outgoing: &[Vec<usize>]) -> Vec<Vec<NodeId>> {
    const UNVISITED: u32 = u32::MAX;
    let count = flow.nodes.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0u32; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut components = Vec::new();
    let mut next_index = 0u32;
    // (node, position in its outgoing list)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (node, ref mut position)) = work.last_mut() {
            if *position == 0 && index[node] == UNVISITED {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&edge) = outgoing[node].get(*position) {
                *position += 1;
                let target = flow.edges[edge].to.index();
                if index[target] == UNVISITED {
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(NodeId(member as u32));
                    if member == node {
                        break;
                    }
                }
                component.sort();
                components.push(component);
            }
        }
    }
    components.sort_by_key(|component| component[0]);
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(text: &str) -> (Flow, ControlGraph) {
        let flow = crate::check(&crate::SourceFile::new("t.crmflow", text)).unwrap();
        let graph = ControlGraph::new(&flow);
        (flow, graph)
    }

    fn id(flow: &Flow, name: &str) -> NodeId {
        flow.node_ids()
            .find(|&n| flow.node_at(n).id == name)
            .unwrap()
    }

    fn names(flow: &Flow, ids: &[NodeId]) -> Vec<String> {
        ids.iter().map(|&n| flow.node_at(n).id.clone()).collect()
    }

    #[test]
    fn reachability_runs_from_the_starts_and_back_from_the_ends() {
        let (flow, g) = graph(
            "start s\nstep a\nstep dead\nstep orphan\nend e\ns -> a -> e\na -> dead\norphan -> e\n",
        );
        let at = |name| id(&flow, name).index();
        assert!(g.from_start[at("s")] && g.from_start[at("a")] && g.from_start[at("dead")]);
        assert!(!g.from_start[at("orphan")]);
        assert!(g.to_end[at("orphan")] && g.to_end[at("a")]);
        assert!(!g.to_end[at("dead")]);
        assert_eq!(g.outgoing[at("a")].len(), 2);
        assert_eq!(g.incoming[at("e")].len(), 2);
    }

    #[test]
    fn loops_are_strongly_connected_components_with_a_cycle() {
        let (flow, g) = graph(
            "start s\nstep a\nstep b\nstep c\nstep self\nend e\ns -> a -> b -> a\nb -> c -> e\nc -> self -> self\nself -> e\n",
        );
        let loops: Vec<Vec<String>> = g.loops.iter().map(|l| names(&flow, l)).collect();
        assert_eq!(loops, [vec!["a", "b"], vec!["self"]]);
    }

    #[test]
    fn data_edges_count_apart_from_control_and_data_shapes_may_stay_outside_it() {
        let (flow, g) = graph(
            "start s\nstep a\nstore crm\ndoc form\nend e\ns -> a -> e\na ..> crm\ncrm ..> a\nform -> a\n",
        );
        let at = |name| id(&flow, name).index();
        assert_eq!(g.data_edges[at("crm")], 2);
        assert_eq!(g.data_edges[at("a")], 2);
        assert!(
            !g.in_control[at("crm")],
            "a store joined only by data edges"
        );
        assert!(g.in_control[at("form")], "a doc with a control edge");
        assert!(!g.is_isolated(id(&flow, "crm")));
        assert_eq!(names(&flow, &g.successors(&flow, id(&flow, "s"))), ["a"]);
    }

    #[test]
    fn a_long_chain_is_analysed_without_recursion() {
        let mut text = String::from("start n0\n");
        for i in 1..19_000 {
            text.push_str(&format!("step n{i}\n"));
        }
        text.push_str("end last\n");
        for i in 1..19_000 {
            text.push_str(&format!("n{} -> n{i}\n", i - 1));
        }
        text.push_str("n18999 -> last\nlast -> n0\n");
        let (flow, g) = graph(&text);
        assert!(g.from_start.iter().all(|&r| r));
        assert!(g.to_end.iter().all(|&r| r));
        assert_eq!(g.loops.len(), 1);
        assert_eq!(g.loops[0].len(), flow.nodes.len());
    }
}
