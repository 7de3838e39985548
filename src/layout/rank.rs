//! Phase 2 — layer assignment.
//!
//! Algorithm: longest path from the sources (Kahn's topological order,
//! declaration order breaking ties), followed by one pass that pulls nodes
//! with no predecessors (data stores, inputs) up to just before their
//! nearest successor, so they sit next to the step that uses them instead of
//! in the first layer. This is the seed that network simplex (Gansner et al.,
//! "A technique for drawing directed graphs", 1993) refines.
//!
//! Precondition: the edges, with reversed ones flipped, form a DAG
//! (phase 1's postcondition).
//! Postcondition: for every non-loop edge `u → v` (after flipping),
//! `rank[u] < rank[v]`.

/// Assigns a layer to every node.
pub(crate) fn assign_ranks(node_count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    let mut indegree = vec![0usize; node_count];
    for &(from, to) in edges {
        if from != to {
            outgoing[from].push(to);
            incoming[to].push(from);
            indegree[to] += 1;
        }
    }
    let mut rank = vec![0usize; node_count];
    let mut queue: std::collections::VecDeque<usize> =
        (0..node_count).filter(|&n| indegree[n] == 0).collect();
    let mut topological = Vec::with_capacity(node_count);
    while let Some(node) = queue.pop_front() {
        topological.push(node);
        for &next in &outgoing[node] {
            rank[next] = rank[next].max(rank[node] + 1);
            indegree[next] -= 1;
            if indegree[next] == 0 {
                queue.push_back(next);
            }
        }
    }
    // Sources feed one place: move them next to their earliest successor.
    for &node in topological.iter().rev() {
        if incoming[node].is_empty()
            && let Some(nearest) = outgoing[node].iter().map(|&next| rank[next]).min()
        {
            rank[node] = nearest.saturating_sub(1).max(rank[node]);
        }
    }
    rank
}

/// True when every non-loop edge goes from a lower to a higher rank.
pub(crate) fn edges_go_forward(edges: &[(usize, usize)], rank: &[usize]) -> bool {
    edges
        .iter()
        .all(|&(from, to)| from == to || rank[from] < rank[to])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_path_layers() {
        let edges = [(0, 1), (1, 2), (0, 2)];
        let rank = assign_ranks(3, &edges);
        assert_eq!(rank, [0, 1, 2]);
        assert!(edges_go_forward(&edges, &rank));
    }

    #[test]
    fn stores_sit_next_to_their_step() {
        // 0 -> 1 -> 2 -> 3, and a store 4 feeding step 3.
        let edges = [(0, 1), (1, 2), (2, 3), (4, 3)];
        let rank = assign_ranks(5, &edges);
        assert_eq!(rank[4], 2);
        assert!(edges_go_forward(&edges, &rank));
    }
}
