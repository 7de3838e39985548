//! Phase 3 — ordering within layers, lane-aware.
//!
//! Algorithm: layer-by-layer sweeps (Sugiyama, Tagawa, Toda 1981) with the
//! barycenter heuristic, alternating down and up, a fixed number of passes.
//! Lanes are a hard partition: the sort key is `(band, barycenter, previous
//! position)`, so nodes of one lane never interleave with another's.
//! Declaration order gives the initial order and breaks every tie.
//!
//! Precondition: `rank` holds a layer per node.
//! Postcondition: `order[r]` is a permutation of the nodes of layer `r`,
//! grouped by band in band order.

const SWEEPS: usize = 4;

/// Orders the nodes of each layer.
pub(crate) fn order_layers(
    rank: &[usize],
    band: &[usize],
    edges: &[(usize, usize)],
) -> Vec<Vec<usize>> {
    let layer_count = rank.iter().copied().max().map_or(0, |max| max + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (node, &layer) in rank.iter().enumerate() {
        order[layer].push(node);
    }
    for layer in &mut order {
        layer.sort_by_key(|&node| (band[node], node));
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); rank.len()];
    for &(from, to) in edges {
        if from != to {
            neighbours[from].push(to);
            neighbours[to].push(from);
        }
    }
    let mut position = vec![0.0f64; rank.len()];
    let reindex = |order: &Vec<Vec<usize>>, position: &mut Vec<f64>| {
        for layer in order {
            for (index, &node) in layer.iter().enumerate() {
                position[node] = index as f64;
            }
        }
    };
    reindex(&order, &mut position);
    for sweep in 0..SWEEPS {
        let downward = sweep % 2 == 0;
        let layers: Vec<usize> = if downward {
            (1..layer_count).collect()
        } else {
            (0..layer_count.saturating_sub(1)).rev().collect()
        };
        for layer in layers {
            let reference = if downward { layer - 1 } else { layer + 1 };
            let mut keyed: Vec<(usize, f64, f64, usize)> = order[layer]
                .iter()
                .map(|&node| {
                    let adjacent: Vec<f64> = neighbours[node]
                        .iter()
                        .filter(|&&other| rank[other] == reference)
                        .map(|&other| position[other])
                        .collect();
                    let barycenter = if adjacent.is_empty() {
                        position[node]
                    } else {
                        adjacent.iter().sum::<f64>() / adjacent.len() as f64
                    };
                    (band[node], barycenter, position[node], node)
                })
                .collect();
            keyed.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then(a.2.total_cmp(&b.2))
                    .then(a.3.cmp(&b.3))
            });
            order[layer] = keyed.into_iter().map(|(_, _, _, node)| node).collect();
            for (index, &node) in order[layer].iter().enumerate() {
                position[node] = index as f64;
            }
        }
    }
    order
}

/// True when each layer is a permutation of its nodes, grouped by band.
pub(crate) fn is_valid_order(order: &[Vec<usize>], rank: &[usize], band: &[usize]) -> bool {
    let mut seen = vec![false; rank.len()];
    for (layer, nodes) in order.iter().enumerate() {
        for &node in nodes {
            if rank[node] != layer || std::mem::replace(&mut seen[node], true) {
                return false;
            }
        }
        if nodes.windows(2).any(|pair| band[pair[0]] > band[pair[1]]) {
            return false;
        }
    }
    seen.into_iter().all(|s| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_never_interleave() {
        // Two layers; node 2 (band 1) connects to node 0; node 3 (band 0) to node 1.
        let rank = [0, 0, 1, 1];
        let band = [0, 1, 1, 0];
        let edges = [(0, 2), (1, 3)];
        let order = order_layers(&rank, &band, &edges);
        assert!(is_valid_order(&order, &rank, &band));
        assert_eq!(order[1], [3, 2]);
    }

    #[test]
    fn barycenter_uncrosses_within_a_lane() {
        let rank = [0, 0, 1, 1];
        let band = [0, 0, 0, 0];
        let edges = [(0, 3), (1, 2)];
        let order = order_layers(&rank, &band, &edges);
        assert_eq!(order[1], [3, 2]);
    }
}
