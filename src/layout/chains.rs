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
//! at the end; a rework loop stays in the lane it loops in. Edges drawn
//! within one rank (same-rank hand-offs, satellites' edges, self-loops)
//! have no chain; satellites have an item that is in no layer.
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
    /// A node drawn beside another inside that one's item: in no layer.
    Satellite(usize),
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
    /// The drawn nodes first (item `i` is node `i`), then dummies.
    pub items: Vec<Item>,
    /// Per flow edge, its items from tail to head; `None` for edges drawn
    /// within one rank.
    pub chains: Vec<Option<Vec<usize>>>,
    /// For each item, `(neighbour, weight)` in the layer before.
    pub up: Adjacency,
    /// For each item, `(neighbour, weight)` in the layer after.
    pub down: Adjacency,
    pub layer_count: usize,
}

/// Neighbour lists of all items in one flat array (compressed sparse
/// rows): a drawing of 10,000 nodes has many dummies, and one small
/// vector per item would cost as many allocations. `adjacency[item]` is
/// the slice of that item's `(neighbour, weight)` pairs; [`shifts`] the
/// matching port shifts.
///
/// [`shifts`]: Adjacency::shifts
pub(crate) struct Adjacency {
    start: Vec<usize>,
    links: Vec<(usize, u32)>,
    /// Per link: where the item wants its centre relative to the
    /// neighbour's, so that the link's ports line up (0 between centres).
    shift: Vec<f64>,
    /// Per link: how the neighbour's port gives, when it is a stub beside
    /// the neighbour's node.
    give: Vec<Option<Give>>,
}

/// A port beside its node (a decision's side vertex, a loop's stub) whose
/// stub runs on straight to the line of whatever it joins, when that line
/// lies past the node's side by a stub's worth and nothing of the node's
/// layer is in the way: a link to it is straight for any centre at least
/// `from` (relative to the node item's centre) on the `high` side — at
/// most, on the low side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Give {
    pub high: bool,
    pub from: f64,
}

impl Give {
    /// Whether a line at `at` is far enough past the side of a node item
    /// centred at `center`.
    pub fn reaches(&self, center: f64, at: f64) -> bool {
        if self.high {
            at >= center + self.from
        } else {
            at <= center + self.from
        }
    }
}

/// One link of a chain as the adjacency stores it: `(item, neighbour,
/// weight, shift, how the neighbour's port gives)`.
type Link = (usize, usize, u32, f64, Option<Give>);

impl Adjacency {
    /// Builds the lists from each [`Link`].
    fn from_links(item_count: usize, links_of: impl Iterator<Item = Link> + Clone) -> Self {
        let mut start = vec![0usize; item_count + 1];
        for (item, _, _, _, _) in links_of.clone() {
            start[item + 1] += 1;
        }
        for i in 0..item_count {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut links = vec![(0usize, 0u32); start[item_count]];
        let mut shift = vec![0.0; start[item_count]];
        let mut give = vec![None; start[item_count]];
        for (item, neighbour, weight, by, gives) in links_of {
            links[fill[item]] = (neighbour, weight);
            shift[fill[item]] = by;
            give[fill[item]] = gives;
            fill[item] += 1;
        }
        Adjacency {
            start,
            links,
            shift,
            give,
        }
    }

    /// How the neighbours' ports of an item's links give, in the order of
    /// its links.
    pub fn gives(&self, item: usize) -> &[Option<Give>] {
        &self.give[self.start[item]..self.start[item + 1]]
    }

    /// The port shifts of an item's links, in the order of its links.
    pub fn shifts(&self, item: usize) -> &[f64] {
        &self.shift[self.start[item]..self.start[item + 1]]
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

/// Builds the layered graph from node items (with ranks) and edges
/// (`None`: drawn within one rank, no chain).
pub(crate) fn split_long_edges(nodes: Vec<Item>, edges: &[Option<ChainEdge>]) -> LayeredGraph {
    let mut items = nodes;
    let dummy_count: usize = edges
        .iter()
        .flatten()
        .map(|e| items[e.head].rank.saturating_sub(items[e.tail].rank + 1))
        .sum();
    items.reserve(dummy_count);
    let mut chains = Vec::with_capacity(edges.len());
    for (index, edge) in edges.iter().enumerate() {
        let Some(edge) = edge.as_ref().filter(|edge| edge.tail != edge.head) else {
            chains.push(None);
            continue;
        };
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
    let layer_count = items.iter().map(|item| item.rank + 1).max().unwrap_or(0);
    let mut graph = LayeredGraph {
        items,
        chains,
        up: Adjacency::from_links(0, std::iter::empty()),
        down: Adjacency::from_links(0, std::iter::empty()),
        layer_count,
    };
    graph.link(&|_, _| (0.0, None));
    graph
}

impl LayeredGraph {
    /// (Re)builds the adjacency, with `end(edge, at_tail)` the offset
    /// across the flow of the chain's tail (or head) port from its node
    /// item's centre, and how that port gives.
    pub fn link(&mut self, end: &dyn Fn(usize, bool) -> (f64, Option<Give>)) {
        let items = &self.items;
        let chains = &self.chains;
        let links = chains.iter().enumerate().flat_map(|(edge, chain)| {
            let chain = chain.as_deref().unwrap_or(&[]);
            let last = chain.len().saturating_sub(1);
            chain.windows(2).enumerate().map(move |(k, link)| {
                let (tail_offset, tail_give) = if k == 0 { end(edge, true) } else { (0.0, None) };
                let (head_offset, head_give) = if k + 1 == last {
                    end(edge, false)
                } else {
                    (0.0, None)
                };
                (
                    link[0],
                    link[1],
                    link_weight(&items[link[0]], &items[link[1]]),
                    tail_offset - head_offset,
                    (tail_give, head_give),
                )
            })
        });
        let count = items.len();
        // `up[head]`: the head wants its centre at the tail's plus
        // (tail offset − head offset); `down[tail]` the other way round.
        self.up = Adjacency::from_links(
            count,
            (links.clone())
                .map(|(tail, head, weight, shift, (give, _))| (head, tail, weight, shift, give)),
        );
        self.down = Adjacency::from_links(
            count,
            links.map(|(tail, head, weight, shift, (_, give))| (tail, head, weight, -shift, give)),
        );
    }

    /// True for an item that is in some layer (not a satellite).
    pub fn is_layered(&self, item: usize) -> bool {
        !matches!(self.items[item].kind, ItemKind::Satellite(_))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(rank: usize, band: usize) -> Item {
        Item {
            kind: ItemKind::Node(0),
            band,
            rank,
            depth: 40.0,
            breadth: 30.0,
        }
    }

    fn edge(
        tail: usize,
        head: usize,
        reversed: bool,
        label: Option<(f64, f64)>,
    ) -> Option<ChainEdge> {
        Some(ChainEdge {
            tail,
            head,
            reversed,
            label,
        })
    }

    #[test]
    fn a_long_edge_gets_one_dummy_per_rank_in_the_sources_band() {
        // Node 0 (band 0, rank 0) → node 1 (band 1, rank 3).
        let graph = split_long_edges(vec![node(0, 0), node(3, 1)], &[edge(0, 1, false, None)]);
        let chain = graph.chains[0].as_ref().unwrap();
        assert_eq!(chain.len(), 4);
        assert_eq!((chain[0], chain[3]), (0, 1));
        for &dummy in &chain[1..3] {
            assert_eq!(graph.items[dummy].kind, ItemKind::Dummy(0));
            assert_eq!(
                graph.items[dummy].band, 0,
                "a hand-off runs in the sender's lane"
            );
        }
        assert_eq!(graph.layer_count, 4);
        assert!(links_are_adjacent(&graph));
        // Dummy–dummy links weigh most (straight long edges), node–node least.
        assert_eq!(graph.down[chain[1]], [(chain[2], 8)]);
        assert_eq!(graph.down[0], [(chain[1], 2)]);
    }

    #[test]
    fn a_label_sits_next_to_the_real_source_also_on_a_loop_back() {
        let label = Some((50.0, 20.0));
        let graph = split_long_edges(
            vec![node(0, 0), node(4, 0)],
            &[edge(0, 1, false, label), edge(0, 1, true, label)],
        );
        let forward = graph.chains[0].as_ref().unwrap();
        assert_eq!(graph.items[forward[1]].kind, ItemKind::Label(0));
        assert_eq!(graph.items[forward[1]].depth, 50.0);
        assert_eq!(graph.items[forward[2]].kind, ItemKind::Dummy(0));
        // Reversed: the real source is the head (rank 4), so the label is
        // at rank 3.
        let back = graph.chains[1].as_ref().unwrap();
        let label_at = back
            .iter()
            .position(|&i| graph.items[i].kind == ItemKind::Label(1))
            .unwrap();
        assert_eq!(graph.items[back[label_at]].rank, 3);
    }

    #[test]
    fn same_rank_and_self_edges_have_no_chain_and_ports_shift_links() {
        let mut graph = split_long_edges(
            vec![node(0, 0), node(1, 0), node(1, 1)],
            &[edge(0, 1, false, None), None, edge(2, 2, false, None)],
        );
        assert!(graph.chains[1].is_none());
        assert!(graph.chains[2].is_none());
        assert_eq!(graph.items.len(), 3, "no dummies between adjacent ranks");
        // The tail's port 6 before its centre, the head's 4 after its own:
        // they line up when the head's centre is 10 before the tail's.
        graph.link(&|_, at_tail| (if at_tail { -6.0 } else { 4.0 }, None));
        assert_eq!(graph.up.shifts(1), [-10.0]);
        assert_eq!(graph.down.shifts(0), [10.0]);
    }
}
