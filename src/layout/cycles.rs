//! Phase 1 — cycle removal.
//!
//! Algorithm: depth-first search (as in Graphviz dot's `acyclic.c`), started
//! from `start` nodes first and then from every node in declaration order;
//! successors are visited in the order of the edges given. An edge that
//! reaches a node still on the DFS stack closes a cycle and is marked
//! reversed. The layering passes a decision's happy branch ("yes") after
//! its others: when "solved remotely? yes" skips ahead to a step that the
//! long way (the visit) also reaches and loops back from, the search walks
//! the long way first, so the loop back — not the last step of the visit —
//! is the edge turned round. Iterative, so deep
//! flows cannot overflow the stack.
//!
//! Precondition: edges index nodes `0..node_count`.
//! Postcondition: with reversed edges flipped and self-loops ignored, the
//! graph is acyclic; source order decides which edge of a cycle is reversed
//! (the one that loops back, e.g. "follow up again").

/// Each node's layer in an acyclic graph: the length of the longest path
/// that reaches it (0 for a node nothing leads to). `edges` must not form
/// a cycle (flip the ones [`break_cycles`] marks first).
pub(crate) fn longest_path(node_count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    let mut indegree = vec![0usize; node_count];
    for &(from, to) in edges {
        successors[from].push(to);
        indegree[to] += 1;
    }
    let mut layer = vec![0usize; node_count];
    let mut ready: Vec<usize> = (0..node_count).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &successors[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push(w);
            }
        }
    }
    layer
}

/// Marks the edges to reverse so the graph becomes acyclic.
///
/// `roots_first` lists nodes to start the search from before the others
/// (the flow's `start` nodes). Self-loops are never marked.
pub(crate) fn break_cycles(
    node_count: usize,
    edges: &[(usize, usize)],
    roots_first: &[usize],
) -> Vec<bool> {
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for (index, &(from, to)) in edges.iter().enumerate() {
        if from != to {
            outgoing[from].push(index);
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; node_count];
    let mut reversed = vec![false; edges.len()];
    let roots = roots_first.iter().copied().chain(0..node_count);
    // Stack of (node, next outgoing edge position).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in roots {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::OnStack;
        stack.push((root, 0));
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&edge) = outgoing[node].get(*next) {
                *next += 1;
                let target = edges[edge].1;
                match mark[target] {
                    Mark::New => {
                        mark[target] = Mark::OnStack;
                        stack.push((target, 0));
                    }
                    Mark::OnStack => reversed[edge] = true,
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    reversed
}

/// True when the edges, with `reversed` flipped and self-loops dropped, form
/// a DAG. Used by tests and debug assertions.
pub(crate) fn is_acyclic(node_count: usize, edges: &[(usize, usize)], reversed: &[bool]) -> bool {
    let mut indegree = vec![0usize; node_count];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for (&(from, to), &flip) in edges.iter().zip(reversed) {
        if from == to {
            continue;
        }
        let (a, b) = if flip { (to, from) } else { (from, to) };
        outgoing[a].push(b);
        indegree[b] += 1;
    }
    let mut ready: Vec<usize> = (0..node_count).filter(|&n| indegree[n] == 0).collect();
    let mut seen = 0;
    while let Some(node) = ready.pop() {
        seen += 1;
        for &next in &outgoing[node] {
            indegree[next] -= 1;
            if indegree[next] == 0 {
                ready.push(next);
            }
        }
    }
    seen == node_count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rework_loop_reverses_the_edge_back() {
        // start -> a -> b -> a (follow up again) -> end
        let edges = [(0, 1), (1, 2), (2, 1), (2, 3)];
        let reversed = break_cycles(4, &edges, &[0]);
        assert_eq!(reversed, [false, false, true, false]);
        assert!(is_acyclic(4, &edges, &reversed));
    }

    #[test]
    fn self_loops_are_left_alone() {
        let edges = [(0, 0), (0, 1)];
        assert_eq!(break_cycles(2, &edges, &[]), [false, false]);
    }

    #[test]
    fn long_chain_does_not_overflow() {
        let n = 200_000;
        let mut edges: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        edges.push((n - 1, 0));
        let reversed = break_cycles(n, &edges, &[0]);
        assert_eq!(reversed.iter().filter(|&&r| r).count(), 1);
        assert!(is_acyclic(n, &edges, &reversed));
    }
}
