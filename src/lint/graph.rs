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
                !is_data_kind(node.kind)
                    || !outgoing[index].is_empty()
                    || !incoming[index].is_empty()
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

/// io, store and doc: things data moves through, drawn beside the process.
pub fn is_data_kind(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Io | NodeKind::Store | NodeKind::Doc)
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
