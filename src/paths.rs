//! The journeys through a flow: every path of control edges from a `start`
//! to an `end` that visits no node twice, and each branch that loops back
//! to a node already on the path, as a journey ending in that repeat. Step 8 of the ten-step method — test the
//! flow by walking each customer journey — uses this list.
//!
//! Takes a [`Flow`]; gives paths in a stable order (starts in declaration
//! order, branches in edge order), at most `limit` of them: the number of
//! paths can grow exponentially with the number of decisions.

use crate::model::{EdgeKind, Flow, NodeId, NodeKind};

/// One journey: its nodes, and the edge taken between each pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journey {
    /// Nodes from the start to the end.
    pub nodes: Vec<NodeId>,
    /// Indices into `flow.edges`, one per step (`nodes.len() - 1`).
    pub edges: Vec<usize>,
    /// The journey ends by looping back to a node already on it (its last
    /// node), instead of at an `end`: the repeat branch of a loop.
    pub loops_back: bool,
}

/// The journeys, and whether the list was cut (at `limit` journeys, or
/// after two million steps of walking).
pub fn journeys(flow: &Flow, limit: usize) -> (Vec<Journey>, bool) {
    let mut outgoing = vec![Vec::new(); flow.nodes.len()];
    for (index, edge) in flow.edges.iter().enumerate() {
        if edge.kind == EdgeKind::Control {
            outgoing[edge.from.index()].push(index);
        }
    }
    let mut found = Vec::new();
    // Paths can be exponentially many even when few reach an end: bound the
    // walk itself, not only the journeys found.
    let mut budget: u64 = 2_000_000;
    let mut on_path = vec![false; flow.nodes.len()];
    for start in flow.node_ids() {
        if flow.node_at(start).kind != NodeKind::Start {
            continue;
        }
        // Depth-first, iteratively: (node, next outgoing edge to try).
        let mut stack: Vec<(NodeId, usize)> = vec![(start, 0)];
        let mut edges: Vec<usize> = Vec::new();
        on_path[start.index()] = true;
        while let Some(&(node, next)) = stack.last() {
            if next == 0 && flow.node_at(node).kind == NodeKind::End {
                if found.len() == limit {
                    return (found, true);
                }
                found.push(Journey {
                    nodes: stack.iter().map(|&(node, _)| node).collect(),
                    edges: edges.clone(),
                    loops_back: false,
                });
            }
            match outgoing[node.index()].get(next) {
                Some(_) if budget == 0 => return (found, true),
                Some(&edge) => {
                    budget -= 1;
                    stack.last_mut().expect("non-empty").1 += 1;
                    let target = flow.edges[edge].to;
                    if !on_path[target.index()] {
                        on_path[target.index()] = true;
                        edges.push(edge);
                        stack.push((target, 0));
                    } else {
                        if found.len() == limit {
                            return (found, true);
                        }
                        let mut nodes: Vec<NodeId> = stack.iter().map(|&(node, _)| node).collect();
                        nodes.push(target);
                        let mut taken = edges.clone();
                        taken.push(edge);
                        found.push(Journey {
                            nodes,
                            edges: taken,
                            loops_back: true,
                        });
                    }
                }
                None => {
                    on_path[node.index()] = false;
                    stack.pop();
                    edges.pop();
                }
            }
        }
    }
    (found, false)
}
