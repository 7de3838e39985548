//! Phase 3 — crossing minimisation within layers, lane-aware.
//!
//! Algorithm: layer-by-layer sweeps (Sugiyama, Tagawa, Toda 1981) with the
//! weighted barycenter heuristic, alternating down and up, each followed by
//! transposition of adjacent items while that removes crossings (Gansner et
//! al. 1993, §3). Every sweep is scored with an exact crossing count, each
//! layer pair in O(E log V) by Barth, Jünger, Mutzel's accumulator tree
//! (JGAA 2004); the best order seen is kept, and the sweeps stop after a few
//! that bring no improvement. The initial order is a breadth-first walk from
//! the sources in declaration order, so ties resolve the way the file reads.
//! Last, each long edge's inner items are tried as one run at the low and
//! high end of their bands ([`sift_chains`]), a move no single-item sweep
//! finds; the driver repeats that after decisions' branches take their
//! tips' order.
//!
//! Lanes are a hard partition: each layer is sorted by band first and only
//! items of the same band are ever swapped, so items of lane k never
//! interleave with those of lane j. Items without neighbours on the side
//! being swept keep their slot.
//!
//! Precondition: a layered graph whose links join adjacent layers.
//! Postcondition: `layers[r]` is a permutation of the items of rank `r`,
//! grouped by band in band order ([`is_valid_order`]).

use super::chains::LayeredGraph;

/// Upper bound on sweep iterations (one down + one up sweep each).
const MAX_ITERATIONS: usize = 16;
/// Items × iterations a layout may spend on sweeps: huge drawings (millions
/// of dummies) get fewer iterations, never fewer than [`MIN_ITERATIONS`].
const SWEEP_BUDGET: usize = 6_000_000;
const MIN_ITERATIONS: usize = 3;
/// Stop after this many iterations without a better crossing count.
const PATIENCE: usize = 4;
/// Adjacent items whose link counts multiply to more than this are not
/// transposed: counting their crossings costs the product, and the
/// barycenter sort has already placed such hubs.
const TRANSPOSE_PAIR_WORK: usize = 256;
/// Items × rounds one transposition may spend: up to 8 rounds for 125,000
/// items, fewer above.
const TRANSPOSE_BUDGET: usize = 1_000_000;

/// Orders the items of every layer.
pub(crate) fn order_layers(graph: &LayeredGraph) -> Vec<Vec<usize>> {
    let mut layers = initial_order(graph);
    let mut position = vec![0usize; graph.items.len()];
    reindex(&layers, &mut position);
    let mut best = layers.clone();
    let mut best_crossings = count_crossings(graph, &layers, &position);
    let mut since_best = 0;
    let mut scratch = SortScratch::default();
    let iterations =
        (SWEEP_BUDGET / graph.items.len().max(1)).clamp(MIN_ITERATIONS, MAX_ITERATIONS);
    for _ in 0..iterations {
        if best_crossings == 0 || since_best >= PATIENCE {
            break;
        }
        for layer in layers.iter_mut().skip(1) {
            sort_layer(graph, layer, &mut position, true, &mut scratch);
        }
        transpose(graph, &mut layers, &mut position);
        let below_last = layers.len().saturating_sub(1);
        for layer in layers[..below_last].iter_mut().rev() {
            sort_layer(graph, layer, &mut position, false, &mut scratch);
        }
        transpose(graph, &mut layers, &mut position);
        let crossings = count_crossings(graph, &layers, &position);
        if crossings < best_crossings {
            best_crossings = crossings;
            best = layers.clone();
            since_best = 0;
        } else {
            since_best += 1;
        }
    }
    sift_chains(graph, &mut best, &[], &[]);
    best
}

/// Layer pairs × items a layout may spend on [`sift_chains`].
const SIFT_BUDGET: usize = 4_000_000;

/// Moves the inner items of each long edge (its dummies and label), as one
/// run, to the low or the high end of their bands in every layer they
/// cross, when that removes crossings: a loop back or a long hand-off then
/// runs around the outside of the lane instead of threading between its
/// rows, which the layer-by-layer sweeps cannot find because no single
/// item's move pays off alone (ELK's and dot's "long edge" weighting aim
/// at the same). Ties keep the order found before.
///
/// A chain holding a `placed` item (one whose place was chosen on purpose)
/// is not moved, and a moved item stops short of `pinned` items at the end
/// of its band. Both are indexed by item; a shorter slice leaves the rest
/// free.
pub(crate) fn sift_chains(
    graph: &LayeredGraph,
    layers: &mut [Vec<usize>],
    placed: &[bool],
    pinned: &[bool],
) {
    let is_placed = |item: usize| placed.get(item).copied().unwrap_or(false);
    let mut position = vec![0usize; graph.items.len()];
    reindex(layers, &mut position);
    let position = &mut position;
    let mut spent = 0usize;
    let mut targets = Vec::new();
    for chain in graph.chains.iter().flatten() {
        if chain.len() < 3 {
            continue;
        }
        let inner = &chain[1..chain.len() - 1];
        if inner.iter().any(|&item| is_placed(item)) {
            continue;
        }
        let first = graph.items[chain[0]].rank;
        let last = graph.items[chain[chain.len() - 1]].rank;
        let (top, bottom) = (first.min(last), first.max(last));
        let work: usize = layers[top..=bottom].iter().map(Vec::len).sum();
        spent += 3 * work;
        if spent > SIFT_BUDGET {
            break;
        }
        let mut crossings = |layers: &[Vec<usize>], position: &[usize]| -> usize {
            (top..bottom)
                .map(|r| {
                    let lower = layers[r + 1].len();
                    pair_layer_crossings(graph, &layers[r], lower, position, &mut targets)
                })
                .sum()
        };
        let before = crossings(layers, position);
        if before == 0 {
            continue;
        }
        let original: Vec<(usize, Vec<usize>)> = inner
            .iter()
            .map(|&item| {
                let rank = graph.items[item].rank;
                (rank, layers[rank].clone())
            })
            .collect();
        let mut best = (before, None);
        for high in [false, true] {
            for &item in inner {
                move_to_band_end(graph, layers, position, item, high, pinned);
            }
            let after = crossings(layers, position);
            if after < best.0 {
                best = (after, Some(high));
            }
            for (rank, layer) in &original {
                layers[*rank].clone_from(layer);
                for (index, &item) in layer.iter().enumerate() {
                    position[item] = index;
                }
            }
        }
        if let (_, Some(high)) = best {
            for &item in inner {
                move_to_band_end(graph, layers, position, item, high, pinned);
            }
        }
    }
}

/// Moves `item` to the low or high end of its band's run in its layer,
/// short of the `pinned` items already at that end; `position` follows.
fn move_to_band_end(
    graph: &LayeredGraph,
    layers: &mut [Vec<usize>],
    position: &mut [usize],
    item: usize,
    high: bool,
    pinned: &[bool],
) {
    let layer = &mut layers[graph.items[item].rank];
    let band = graph.items[item].band;
    let at = position[item];
    let moved = layer.remove(at);
    let in_band = |i: &usize| graph.items[*i].band == band;
    let is_fixed = |i: &usize| pinned.get(*i).copied().unwrap_or(false);
    let to = if high {
        let end = layer.iter().rposition(in_band).map_or(at, |last| last + 1);
        let held = layer[..end]
            .iter()
            .rev()
            .take_while(|i| in_band(i) && is_fixed(i))
            .count();
        end - held
    } else {
        let start = layer.iter().position(in_band).unwrap_or(at);
        let held = layer[start..]
            .iter()
            .take_while(|i| in_band(i) && is_fixed(i))
            .count();
        start + held
    };
    layer.insert(to, moved);
    for (index, &item) in layer
        .iter()
        .enumerate()
        .take(to.max(at) + 1)
        .skip(to.min(at))
    {
        position[item] = index;
    }
}

/// Crossings between the links of one layer and the next (`targets` is a
/// reused buffer).
fn pair_layer_crossings(
    graph: &LayeredGraph,
    upper: &[usize],
    lower_len: usize,
    position: &[usize],
    targets: &mut Vec<usize>,
) -> usize {
    targets.clear();
    // Links in order of their upper end, then lower end.
    for &item in upper {
        let start = targets.len();
        targets.extend(graph.down[item].iter().map(|&(n, _)| position[n]));
        targets[start..].sort_unstable();
    }
    count_inversions(targets, lower_len)
}

/// Breadth-first from the sources in item order, then grouped by band.
fn initial_order(graph: &LayeredGraph) -> Vec<Vec<usize>> {
    let count = graph.items.len();
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); graph.layer_count];
    let mut seen = vec![false; count];
    let mut queue = std::collections::VecDeque::new();
    for root in 0..count {
        if seen[root] || !graph.up[root].is_empty() || !graph.is_layered(root) {
            continue;
        }
        seen[root] = true;
        queue.push_back(root);
        while let Some(item) = queue.pop_front() {
            layers[graph.items[item].rank].push(item);
            for &(next, _) in &graph.down[item] {
                if !seen[next] {
                    seen[next] = true;
                    queue.push_back(next);
                }
            }
        }
    }
    for layer in &mut layers {
        layer.sort_by_key(|&item| graph.items[item].band);
    }
    layers
}

fn reindex(layers: &[Vec<usize>], position: &mut [usize]) {
    for layer in layers {
        for (index, &item) in layer.iter().enumerate() {
            position[item] = index;
        }
    }
}

/// Buffers reused by [`sort_layer`].
#[derive(Default)]
struct SortScratch {
    movable: Vec<(f64, usize, usize)>,
    free_slots: Vec<usize>,
}

/// Sorts one layer by the barycenter of its neighbours in the layer before
/// (`from_above`) or after, within each band; items without such
/// neighbours stay where they are.
fn sort_layer(
    graph: &LayeredGraph,
    layer: &mut [usize],
    position: &mut [usize],
    from_above: bool,
    scratch: &mut SortScratch,
) {
    let neighbours = if from_above { &graph.up } else { &graph.down };
    let mut start = 0;
    while start < layer.len() {
        let band = graph.items[layer[start]].band;
        let mut end = start;
        while end < layer.len() && graph.items[layer[end]].band == band {
            end += 1;
        }
        let segment = &mut layer[start..end];
        let SortScratch {
            movable,
            free_slots,
        } = scratch;
        movable.clear();
        free_slots.clear();
        for (slot, &item) in segment.iter().enumerate() {
            let links = &neighbours[item];
            if links.is_empty() {
                continue;
            }
            let (sum, weight) = links.iter().fold((0.0, 0.0), |(sum, weight), &(n, w)| {
                (
                    sum + position[n] as f64 * f64::from(w),
                    weight + f64::from(w),
                )
            });
            movable.push((sum / weight, position[item], item));
            free_slots.push(slot);
        }
        movable.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (&slot, &(_, _, item)) in free_slots.iter().zip(movable.iter()) {
            segment[slot] = item;
        }
        for (offset, &item) in segment.iter().enumerate() {
            position[item] = start + offset;
        }
        start = end;
    }
}

/// Crossings among the links of `u` and `v` (on both sides) when `u` comes
/// first.
fn pair_crossings(graph: &LayeredGraph, position: &[usize], u: usize, v: usize) -> usize {
    let mut crossings = 0;
    for side in [&graph.up, &graph.down] {
        for &(a, _) in &side[u] {
            for &(b, _) in &side[v] {
                if position[a] > position[b] {
                    crossings += 1;
                }
            }
        }
    }
    crossings
}

/// Swaps adjacent items of the same band while that removes crossings.
/// Only layers next to a layer that changed are looked at again.
fn transpose(graph: &LayeredGraph, layers: &mut [Vec<usize>], position: &mut [usize]) {
    let count = layers.len();
    let mut dirty = vec![true; count];
    let rounds = (TRANSPOSE_BUDGET / graph.items.len().max(1)).clamp(1, 8);
    for _ in 0..rounds {
        let mut changed = vec![false; count];
        let mut any = false;
        for (r, layer) in layers.iter_mut().enumerate() {
            if !dirty[r] {
                continue;
            }
            for i in 1..layer.len() {
                let (u, v) = (layer[i - 1], layer[i]);
                if graph.items[u].band != graph.items[v].band {
                    continue;
                }
                let degree = |i: usize| graph.up[i].len() + graph.down[i].len();
                if degree(u) * degree(v) > TRANSPOSE_PAIR_WORK {
                    continue;
                }
                if pair_crossings(graph, position, v, u) < pair_crossings(graph, position, u, v) {
                    layer.swap(i - 1, i);
                    position[u] = i;
                    position[v] = i - 1;
                    changed[r] = true;
                    any = true;
                }
            }
        }
        if !any {
            break;
        }
        for r in 0..count {
            dirty[r] = changed[r] || (r > 0 && changed[r - 1]) || (r + 1 < count && changed[r + 1]);
        }
    }
}

/// Exact number of link crossings of the whole drawing.
pub(crate) fn count_crossings(
    graph: &LayeredGraph,
    layers: &[Vec<usize>],
    position: &[usize],
) -> usize {
    let mut targets = Vec::new();
    layers
        .windows(2)
        .map(|pair| pair_layer_crossings(graph, &pair[0], pair[1].len(), position, &mut targets))
        .sum()
}

/// Barth–Jünger–Mutzel: inversions of `sequence` (values < `width`) with an
/// accumulator tree.
fn count_inversions(sequence: &[usize], width: usize) -> usize {
    if width == 0 {
        return 0;
    }
    let mut first = 1;
    while first < width {
        first *= 2;
    }
    let mut tree = vec![0usize; 2 * first - 1];
    first -= 1;
    let mut crossings = 0;
    for &value in sequence {
        let mut index = value + first;
        tree[index] += 1;
        while index > 0 {
            if index % 2 == 1 {
                crossings += tree[index + 1];
            }
            index = (index - 1) / 2;
            tree[index] += 1;
        }
    }
    crossings
}

/// Moves pinned items to an end of their band's run in their layer:
/// `(item, true)` to the high end (last), `(item, false)` to the low end
/// (first). A same-rank hand-off needs its two ends facing each other.
pub(crate) fn pin(graph: &LayeredGraph, layers: &mut [Vec<usize>], pins: &[(usize, bool)]) {
    let mut position = vec![0usize; graph.items.len()];
    reindex(layers, &mut position);
    for &(item, high) in pins {
        move_to_band_end(graph, layers, &mut position, item, high, &[]);
    }
}

/// Puts the items that follow each node in the order of the node's tips:
/// `tip(edge)` is 0, 1 or 2 (low, far, high) for an edge leaving a
/// decision forward, `None` for any other. The items keep the slots they
/// had between them, so the rest of the layer is unchanged. Returns the
/// items it placed.
pub(crate) fn follow_tips(
    graph: &LayeredGraph,
    layers: &mut [Vec<usize>],
    pins: &[(usize, bool)],
    tip: &dyn Fn(usize) -> Option<u8>,
) -> Vec<usize> {
    let mut placed = Vec::new();
    let mut position = vec![0usize; graph.items.len()];
    reindex(layers, &mut position);
    // Per tail node: (next item, tip) of its forward decision branches.
    let mut by_node: std::collections::BTreeMap<usize, Vec<(usize, u8)>> =
        std::collections::BTreeMap::new();
    for (edge, chain) in graph.chains.iter().enumerate() {
        let (Some(chain), Some(t)) = (chain, tip(edge)) else {
            continue;
        };
        by_node.entry(chain[0]).or_default().push((chain[1], t));
    }
    for (_, branches) in by_node {
        if branches.len() < 2 {
            continue;
        }
        let band = graph.items[branches[0].0].band;
        // A pinned node keeps its place (it faces a same-rank hand-off).
        if branches.iter().any(|&(item, _)| {
            graph.items[item].band != band || pins.iter().any(|&(p, _)| p == item)
        }) {
            continue;
        }
        let rank = graph.items[branches[0].0].rank;
        let mut slots: Vec<usize> = branches.iter().map(|&(item, _)| position[item]).collect();
        slots.sort_unstable();
        slots.dedup();
        if slots.len() != branches.len() {
            continue;
        }
        let mut ordered = branches.clone();
        ordered.sort_by_key(|&(item, t)| (t, position[item]));
        for (&slot, &(item, _)) in slots.iter().zip(&ordered) {
            layers[rank][slot] = item;
            position[item] = slot;
            placed.push(item);
        }
    }
    placed
}

/// True when each layer holds exactly its rank's items, grouped by band.
pub(crate) fn is_valid_order(graph: &LayeredGraph, layers: &[Vec<usize>]) -> bool {
    let mut seen: Vec<bool> = (0..graph.items.len())
        .map(|item| !graph.is_layered(item))
        .collect();
    for (rank, layer) in layers.iter().enumerate() {
        for &item in layer {
            if seen[item] || graph.items[item].rank != rank {
                return false;
            }
            seen[item] = true;
        }
        if layer
            .windows(2)
            .any(|w| graph.items[w[0]].band > graph.items[w[1]].band)
        {
            return false;
        }
    }
    seen.iter().all(|&s| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::chains::{ChainEdge, Item, ItemKind, split_long_edges};

    /// Two rows of four nodes in one band (`u` items 0–3 above, `w`
    /// items 4–7 below) and a bypass from `u0` to `u3`, whose two dummies
    /// (items 8 and 9) start below the `w` row.
    fn bypass_under_the_other_row() -> (LayeredGraph, Vec<Vec<usize>>) {
        let node = |rank: usize| Item {
            kind: ItemKind::Node(0),
            band: 0,
            rank,
            depth: 40.0,
            breadth: 30.0,
        };
        let nodes = (0..8).map(|i| node(i % 4)).collect();
        let edge = |tail: usize, head: usize| {
            Some(ChainEdge {
                tail,
                head,
                reversed: false,
                label: None,
            })
        };
        let edges = [
            edge(0, 1),
            edge(1, 2),
            edge(2, 3),
            edge(4, 5),
            edge(5, 6),
            edge(6, 7),
            edge(0, 3),
        ];
        let graph = split_long_edges(nodes, &edges);
        assert_eq!(graph.chains[6].as_deref(), Some(&[0, 8, 9, 3][..]));
        let layers = vec![vec![0, 4], vec![1, 5, 8], vec![2, 6, 9], vec![3, 7]];
        (graph, layers)
    }

    fn crossings(graph: &LayeredGraph, layers: &[Vec<usize>]) -> usize {
        let mut position = vec![0; graph.items.len()];
        reindex(layers, &mut position);
        count_crossings(graph, layers, &position)
    }

    #[test]
    fn a_long_edge_threaded_under_another_row_moves_around_it_as_one_run() {
        let (graph, mut layers) = bypass_under_the_other_row();
        assert_eq!(crossings(&graph, &layers), 2);
        sift_chains(&graph, &mut layers, &[], &[]);
        assert_eq!(
            layers,
            [vec![0, 4], vec![8, 1, 5], vec![9, 2, 6], vec![3, 7]]
        );
        assert_eq!(crossings(&graph, &layers), 0);
        assert!(is_valid_order(&graph, &layers));
    }

    #[test]
    fn a_chain_holding_a_placed_item_stays_and_pinned_ends_are_kept() {
        let (graph, mut layers) = bypass_under_the_other_row();
        let mut placed = vec![false; graph.items.len()];
        placed[8] = true;
        sift_chains(&graph, &mut layers, &placed, &[]);
        assert_eq!(layers[1], [1, 5, 8], "a placed item is not moved");
        // Item 1 pinned to the low end of its layer: the run stops below it.
        let (graph, mut layers) = bypass_under_the_other_row();
        let mut pinned = vec![false; graph.items.len()];
        pinned[1] = true;
        sift_chains(&graph, &mut layers, &[], &pinned);
        assert_eq!(layers[1], [1, 8, 5]);
    }

    #[test]
    fn inversions_match_brute_force() {
        let sequence = [3, 1, 2, 0, 4, 1];
        let brute = (0..sequence.len())
            .flat_map(|i| (i + 1..sequence.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| sequence[i] > sequence[j])
            .count();
        assert_eq!(count_inversions(&sequence, 5), brute);
    }
}
