//! Phase 2b — long edges become chains of dummy items.
//!
//! Algorithm: as in Graphviz dot (Gansner et al. 1993, §4) and ELK's
//! `LongEdgeSplitter` / `LabelDummyInserter`: every edge that spans more than
//! one rank is split into a chain with one dummy per rank in between, so
//! that ordering and positioning see only edges between adjacent layers.
//! A labelled edge was given a minimum length of 2 by phase 2; the dummy
//! next to its real source becomes a *label dummy* as large as the label, so
//! positioning keeps every label clear of nodes and other labels.
//!
//! Every dummy lives in the band (lane) of the edge's real source: a
//! hand-off runs along the sender's lane and turns into the receiver's lane
//! at the end; a rework loop stays in the lane it loops in.
//!
//! Precondition: ranks where every edge goes forward (phase 2).
//! Postcondition: every link of every chain joins items of adjacent ranks
//! ([`links_are_adjacent`]).

/// What an item of the layered graph stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A node of the flow (its index).
    Node(usize),
    /// A bend point of a long edge (the flow edge's index).
    Dummy(usize),
    /// The place of an edge's label (the flow edge's index).
    Label(usize),
}

/// One item in one layer.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub kind: ItemKind,
    pub band: usize,
    pub rank: usize,
    /// Size along the flow (layer depth).
    pub depth: f64,
    /// Size across the flow (stacking within a layer).
    pub breadth: f64,
}

impl Item {
    pub fn is_node(&self) -> bool {
        matches!(self.kind, ItemKind::Node(_))
    }
}

/// A flow edge as this phase sees it.
pub(crate) struct ChainEdge {
    /// Tail and head in layer direction (after phase 1's reversals).
    pub tail: usize,
    pub head: usize,
    /// True when the flow edge points against the layers (a loop back).
    pub reversed: bool,
    /// Label size `(depth, breadth)`, if the edge has a label.
    pub label: Option<(f64, f64)>,
}

/// Items, chains and adjacency between consecutive layers.
pub(crate) struct LayeredGraph {
    /// The flow's nodes first (item `i` is node `i`), then dummies.
    pub items: Vec<Item>,
    /// Per flow edge, its items from tail to head; `None` for self-loops.
    pub chains: Vec<Option<Vec<usize>>>,
    /// For each item, `(neighbour, weight)` in the layer before.
    pub up: Adjacency,
    /// For each item, `(neighbour, weight)` in the layer after.
    pub down: Adjacency,
    pub layer_count: usize,
}

/// Neighbour lists of all items in one flat array (compressed sparse
/// rows): a drawing of 10,000 nodes has a million dummies, and one small
/// vector per item would cost a million allocations. `adjacency[item]` is
/// the slice of that item's `(neighbour, weight)` pairs.
pub(crate) struct Adjacency {
    start: Vec<usize>,
    links: Vec<(usize, u32)>,
}

impl Adjacency {
    /// Builds the lists from `(item, neighbour, weight)` triples.
    fn from_links(
        item_count: usize,
        triples: impl Iterator<Item = (usize, usize, u32)> + Clone,
    ) -> Self {
        let mut start = vec![0usize; item_count + 1];
        for (item, _, _) in triples.clone() {
            start[item + 1] += 1;
        }
        for i in 0..item_count {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut links = vec![(0usize, 0u32); start[item_count]];
        for (item, neighbour, weight) in triples {
            links[fill[item]] = (neighbour, weight);
            fill[item] += 1;
        }
        Adjacency { start, links }
    }
}

impl std::ops::Index<usize> for Adjacency {
    type Output = [(usize, u32)];
    fn index(&self, item: usize) -> &[(usize, u32)] {
        &self.links[self.start[item]..self.start[item + 1]]
    }
}

/// How strongly a link wants to be straight (dot's ω: 1, 2, 8).
fn link_weight(a: &Item, b: &Item) -> u32 {
    match (a.is_node(), b.is_node()) {
        (true, true) => 1,
        (false, false) => 8,
        _ => 2,
    }
}

/// Builds the layered graph from node items (with ranks) and edges.
pub(crate) fn split_long_edges(nodes: Vec<Item>, edges: &[ChainEdge]) -> LayeredGraph {
    let mut items = nodes;
    let dummy_count: usize = edges
        .iter()
        .map(|e| items[e.head].rank.saturating_sub(items[e.tail].rank + 1))
        .sum();
    items.reserve(dummy_count);
    let mut chains = Vec::with_capacity(edges.len());
    for (index, edge) in edges.iter().enumerate() {
        if edge.tail == edge.head {
            chains.push(None);
            continue;
        }
        let (tail_rank, head_rank) = (items[edge.tail].rank, items[edge.head].rank);
        debug_assert!(tail_rank < head_rank, "phase 2 makes every edge go forward");
        let source = if edge.reversed { edge.head } else { edge.tail };
        let band = items[source].band;
        // The label sits next to the real source.
        let label_rank = if edge.reversed {
            head_rank - 1
        } else {
            tail_rank + 1
        };
        let mut chain = vec![edge.tail];
        for rank in tail_rank + 1..head_rank {
            let (kind, depth, breadth) = match edge.label {
                Some((depth, breadth)) if rank == label_rank => {
                    (ItemKind::Label(index), depth, breadth)
                }
                _ => (ItemKind::Dummy(index), 0.0, 0.0),
            };
            chain.push(items.len());
            items.push(Item {
                kind,
                band,
                rank,
                depth,
                breadth,
            });
        }
        chain.push(edge.head);
        chains.push(Some(chain));
    }
    let links = chains.iter().flatten().flat_map(|chain| {
        chain.windows(2).map(|link| {
            (
                link[0],
                link[1],
                link_weight(&items[link[0]], &items[link[1]]),
            )
        })
    });
    let down = Adjacency::from_links(items.len(), links.clone());
    let up = Adjacency::from_links(
        items.len(),
        links.map(|(tail, head, weight)| (head, tail, weight)),
    );
    let layer_count = items.iter().map(|item| item.rank + 1).max().unwrap_or(0);
    LayeredGraph {
        items,
        chains,
        up,
        down,
        layer_count,
    }
}

/// True when every chain link joins adjacent ranks.
pub(crate) fn links_are_adjacent(graph: &LayeredGraph) -> bool {
    graph.chains.iter().flatten().all(|chain| {
        chain
            .windows(2)
            .all(|link| graph.items[link[0]].rank + 1 == graph.items[link[1]].rank)
    })
}
