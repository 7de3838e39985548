//! Phase 2 — layering by network simplex.
//!
//! Algorithm: Gansner, Koutsofios, North, Vo, "A Technique for Drawing
//! Directed Graphs" (IEEE TSE 1993), §2: find ranks that minimise
//! Σ weight(e)·(rank(head) − rank(tail)) subject to
//! rank(head) − rank(tail) ≥ minlen(e). A longest-path ranking seeds a
//! feasible spanning tree of tight edges; tree edges with a negative cut value
//! are exchanged for the non-tree edge of least slack that crosses the same
//! cut until none is left. Cut values and the low/lim postorder numbering are
//! updated incrementally along the tree path of each exchange (as Graphviz's
//! `ns.c` does), so one iteration costs the size of the affected subtree, not
//! of the graph. Disconnected parts form a forest and are normalised to start
//! at rank 0 each.
//!
//! Precondition: the edges form a DAG (phase 1's postcondition), no
//! self-loops.
//! Postcondition: every edge spans at least its `minlen` ranks
//! ([`respects_minlen`]); the ranking is optimal (every tree edge has a
//! non-negative cut value), or the iteration cap was hit on a huge graph.

/// An edge as layering sees it (already pointing forward).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RankEdge {
    pub from: usize,
    pub to: usize,
    /// Fewest ranks the edge must span (2 for labelled edges: room for the label).
    pub minlen: u32,
    /// How much shortening this edge is worth.
    pub weight: u32,
}

/// How many tree edges with negative cut value are looked at before the most
/// negative is exchanged (Graphviz's `searchsize`).
const SEARCH_SIZE: usize = 30;

/// Assigns a rank to each node.
pub(crate) fn assign_ranks(node_count: usize, edges: &[RankEdge]) -> Vec<usize> {
    let mut simplex = Simplex::new(node_count, edges);
    simplex.init_ranks();
    simplex.feasible_tree();
    simplex.optimise();
    simplex.normalised_ranks()
}

/// True when every edge spans at least its `minlen` ranks.
pub(crate) fn respects_minlen(edges: &[RankEdge], ranks: &[usize]) -> bool {
    edges
        .iter()
        .all(|e| ranks[e.to] as i64 - ranks[e.from] as i64 >= i64::from(e.minlen))
}

/// Σ weight·length over the edges: what layering minimises.
#[cfg(test)]
pub(crate) fn total_length(edges: &[RankEdge], ranks: &[usize]) -> i64 {
    edges
        .iter()
        .map(|e| i64::from(e.weight) * (ranks[e.to] as i64 - ranks[e.from] as i64))
        .sum()
}

#[derive(Clone, Copy)]
struct SimplexEdge {
    tail: usize,
    head: usize,
    minlen: i64,
    weight: i64,
}

struct Simplex {
    edges: Vec<SimplexEdge>,
    /// Edge ids incident to each node (in and out).
    incident: Vec<Vec<usize>>,
    rank: Vec<i64>,
    in_tree: Vec<bool>,
    /// Tree edge ids incident to each node.
    tree_adj: Vec<Vec<usize>>,
    /// Tree edge to the parent (None for a root).
    parent: Vec<Option<usize>>,
    cut: Vec<i64>,
    low: Vec<usize>,
    lim: Vec<usize>,
    /// Node with a given `lim` number.
    by_lim: Vec<usize>,
    /// Roots of the trees of the forest.
    roots: Vec<usize>,
    /// Where the search for a leaving edge resumes.
    search_from: usize,
}

impl Simplex {
    fn new(node_count: usize, edges: &[RankEdge]) -> Self {
        // Merge parallel edges: weights add up, the longest minlen wins.
        let mut sorted: Vec<RankEdge> = edges.to_vec();
        sorted.sort_by_key(|e| (e.from, e.to));
        let mut merged: Vec<SimplexEdge> = Vec::with_capacity(sorted.len());
        for e in sorted {
            if let Some(last) = merged.last_mut()
                && last.tail == e.from
                && last.head == e.to
            {
                last.weight += i64::from(e.weight);
                last.minlen = last.minlen.max(i64::from(e.minlen));
                continue;
            }
            merged.push(SimplexEdge {
                tail: e.from,
                head: e.to,
                minlen: i64::from(e.minlen),
                weight: i64::from(e.weight),
            });
        }
        let mut incident = vec![Vec::new(); node_count];
        for (id, e) in merged.iter().enumerate() {
            incident[e.tail].push(id);
            incident[e.head].push(id);
        }
        let edge_count = merged.len();
        Simplex {
            edges: merged,
            incident,
            rank: vec![0; node_count],
            in_tree: vec![false; edge_count],
            tree_adj: vec![Vec::new(); node_count],
            parent: vec![None; node_count],
            cut: vec![0; edge_count],
            low: vec![0; node_count],
            lim: vec![0; node_count],
            by_lim: vec![0; node_count],
            roots: Vec::new(),
            search_from: 0,
        }
    }

    fn slack(&self, id: usize) -> i64 {
        let e = &self.edges[id];
        self.rank[e.head] - self.rank[e.tail] - e.minlen
    }

    /// Longest-path ranks from the sources (Kahn's order, so no recursion).
    fn init_ranks(&mut self) {
        let n = self.rank.len();
        let mut indegree = vec![0usize; n];
        for e in &self.edges {
            indegree[e.head] += 1;
        }
        let mut ready: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).rev().collect();
        while let Some(v) = ready.pop() {
            for i in 0..self.incident[v].len() {
                let id = self.incident[v][i];
                let e = &self.edges[id];
                if e.tail != v {
                    continue;
                }
                let head = e.head;
                self.rank[head] = self.rank[head].max(self.rank[v] + e.minlen);
                indegree[head] -= 1;
                if indegree[head] == 0 {
                    ready.push(head);
                }
            }
        }
    }

    /// Grows a spanning forest of tight edges, shifting ranks of the
    /// partial tree to make the least-slack incident edge tight whenever the
    /// tight search stalls.
    fn feasible_tree(&mut self) {
        let n = self.rank.len();
        let mut in_some_tree = vec![false; n];
        let mut stack = Vec::new();
        for root in 0..n {
            if in_some_tree[root] {
                continue;
            }
            self.roots.push(root);
            in_some_tree[root] = true;
            let mut members = vec![root];
            // Edges leaving the current tree, to look for the least slack.
            loop {
                // Tight DFS from every member not yet expanded.
                stack.clear();
                stack.extend(members.iter().copied());
                while let Some(v) = stack.pop() {
                    for i in 0..self.incident[v].len() {
                        let id = self.incident[v][i];
                        let e = &self.edges[id];
                        let other = if e.tail == v { e.head } else { e.tail };
                        if !in_some_tree[other] && self.slack(id) == 0 {
                            in_some_tree[other] = true;
                            self.add_tree_edge(id);
                            members.push(other);
                            stack.push(other);
                        }
                    }
                }
                // The least-slack edge with one end in this tree.
                let mut best: Option<(i64, usize)> = None;
                for &v in &members {
                    for &id in &self.incident[v] {
                        let e = &self.edges[id];
                        let other = if e.tail == v { e.head } else { e.tail };
                        if !in_some_tree[other] {
                            let slack = self.slack(id);
                            if best.is_none_or(|(s, b)| slack < s || (slack == s && id < b)) {
                                best = Some((slack, id));
                            }
                        }
                    }
                }
                let Some((slack, id)) = best else { break };
                // Shift the tree so the edge becomes tight.
                let delta = if in_some_tree[self.edges[id].tail] {
                    slack
                } else {
                    -slack
                };
                for &v in &members {
                    self.rank[v] += delta;
                }
                debug_assert_eq!(self.slack(id), 0);
            }
        }
        // Number every tree and compute cut values bottom-up.
        let mut next = 0;
        for r in 0..self.roots.len() {
            let root = self.roots[r];
            self.parent[root] = None;
            next = self.number_subtree(root, next);
        }
        self.init_cut_values();
    }

    fn add_tree_edge(&mut self, id: usize) {
        self.in_tree[id] = true;
        let e = &self.edges[id];
        let (tail, head) = (e.tail, e.head);
        self.tree_adj[tail].push(id);
        self.tree_adj[head].push(id);
    }

    fn other_end(&self, id: usize, v: usize) -> usize {
        let e = &self.edges[id];
        if e.tail == v { e.head } else { e.tail }
    }

    /// Postorder numbering of the subtree under `root` (whose parent edge is
    /// already set), starting at `first`; sets `parent`, `low`, `lim` and
    /// `by_lim`. Returns the next free number.
    fn number_subtree(&mut self, root: usize, first: usize) -> usize {
        let mut next = first;
        // (node, position in tree_adj, low)
        let mut stack: Vec<(usize, usize, usize)> = vec![(root, 0, next)];
        while let Some(top) = stack.last_mut() {
            let (v, pos, low) = *top;
            if pos < self.tree_adj[v].len() {
                top.1 += 1;
                let id = self.tree_adj[v][pos];
                if Some(id) == self.parent[v] {
                    continue;
                }
                let child = self.other_end(id, v);
                self.parent[child] = Some(id);
                stack.push((child, 0, next));
            } else {
                self.low[v] = low;
                self.lim[v] = next;
                self.by_lim[next] = v;
                next += 1;
                stack.pop();
            }
        }
        next
    }

    /// Cut value of every tree edge: ± the net weight leaving the child's
    /// subtree, accumulated in postorder (children before parents).
    fn init_cut_values(&mut self) {
        let n = self.rank.len();
        let mut net = vec![0i64; n];
        for (v, sum) in net.iter_mut().enumerate() {
            for &id in &self.incident[v] {
                let e = &self.edges[id];
                *sum += if e.tail == v { e.weight } else { -e.weight };
            }
        }
        for number in 0..n {
            let v = self.by_lim[number];
            if let Some(id) = self.parent[v] {
                let e = &self.edges[id];
                self.cut[id] = if e.tail == v { net[v] } else { -net[v] };
                let parent = self.other_end(id, v);
                net[parent] += net[v];
            }
        }
    }

    /// True when `v` lies in the subtree of `root`.
    fn in_subtree(&self, v: usize, root: usize) -> bool {
        self.low[root] <= self.lim[v] && self.lim[v] <= self.lim[root]
    }

    /// A tree edge with negative cut value (the most negative of the first
    /// [`SEARCH_SIZE`] found, scanning round-robin), if any.
    fn leave_edge(&mut self) -> Option<usize> {
        let m = self.edges.len();
        let mut best: Option<usize> = None;
        let mut found = 0;
        for step in 0..m {
            let id = (self.search_from + step) % m;
            if self.in_tree[id] && self.cut[id] < 0 {
                if best.is_none_or(|b| self.cut[id] < self.cut[b]) {
                    best = Some(id);
                }
                found += 1;
                if found >= SEARCH_SIZE {
                    self.search_from = id;
                    return best;
                }
            }
        }
        if let Some(b) = best {
            self.search_from = b;
        }
        best
    }

    /// The non-tree edge of least slack that reconnects the two parts when
    /// tree edge `leaving` is removed, in the direction that keeps ranks
    /// feasible.
    fn enter_edge(&self, leaving: usize) -> usize {
        let e = &self.edges[leaving];
        // The part below `leaving` in the tree; edges must run into it when
        // it holds the tail, out of it when it holds the head.
        let (below, into_below) = if self.lim[e.tail] < self.lim[e.head] {
            (e.tail, true)
        } else {
            (e.head, false)
        };
        let root = self.tree_root(below);
        let below_size = self.lim[below] - self.low[below] + 1;
        let tree_size = self.lim[root] - self.low[root] + 1;
        let mut best: Option<(i64, usize)> = None;
        let consider = |id: usize, best: &mut Option<(i64, usize)>| {
            if self.in_tree[id] {
                return;
            }
            let f = &self.edges[id];
            let tail_below = self.in_subtree(f.tail, below);
            let head_below = self.in_subtree(f.head, below);
            let crosses = if into_below {
                !tail_below && head_below
            } else {
                tail_below && !head_below
            };
            if crosses {
                let slack = self.slack(id);
                if best.is_none_or(|(s, b)| slack < s || (slack == s && id < b)) {
                    *best = Some((slack, id));
                }
            }
        };
        if below_size * 2 <= tree_size {
            for number in self.low[below]..=self.lim[below] {
                for &id in &self.incident[self.by_lim[number]] {
                    consider(id, &mut best);
                }
            }
        } else {
            for number in
                (self.low[root]..self.low[below]).chain(self.lim[below] + 1..=self.lim[root])
            {
                for &id in &self.incident[self.by_lim[number]] {
                    consider(id, &mut best);
                }
            }
        }
        best.expect("a connected tree always has an entering edge")
            .1
    }

    fn tree_root(&self, mut v: usize) -> usize {
        while let Some(id) = self.parent[v] {
            v = self.other_end(id, v);
        }
        v
    }

    /// Moves up from `v` until the subtree contains `w`, adding or
    /// subtracting `cut` to the cut values on the way (Graphviz `treeupdate`).
    fn tree_update(&mut self, mut v: usize, w: usize, cut: i64, dir: bool) -> usize {
        while !(self.low[v] <= self.lim[w] && self.lim[w] <= self.lim[v]) {
            let id = self.parent[v].expect("the walk stops at the common ancestor");
            let d = if self.edges[id].tail == v { dir } else { !dir };
            if d {
                self.cut[id] += cut;
            } else {
                self.cut[id] -= cut;
            }
            let e = &self.edges[id];
            v = if self.lim[e.tail] > self.lim[e.head] {
                e.tail
            } else {
                e.head
            };
        }
        v
    }

    /// Exchanges tree edge `leaving` for `entering`.
    fn exchange(&mut self, leaving: usize, entering: usize) {
        let delta = self.slack(entering);
        if delta > 0 {
            let e = &self.edges[leaving];
            let below = if self.lim[e.tail] < self.lim[e.head] {
                e.tail
            } else {
                e.head
            };
            // Shift the part below so the entering edge becomes tight.
            let shift = if self.in_subtree(self.edges[entering].head, below) {
                -delta
            } else {
                delta
            };
            for number in self.low[below]..=self.lim[below] {
                let v = self.by_lim[number];
                self.rank[v] += shift;
            }
        }
        debug_assert_eq!(self.slack(entering), 0);
        let cut = self.cut[leaving];
        let (f_tail, f_head) = (self.edges[entering].tail, self.edges[entering].head);
        let lca = self.tree_update(f_tail, f_head, cut, true);
        let lca2 = self.tree_update(f_head, f_tail, cut, false);
        debug_assert_eq!(lca, lca2);
        self.cut[entering] = -cut;
        self.cut[leaving] = 0;
        // Swap the edges in the tree.
        self.in_tree[leaving] = false;
        let (l_tail, l_head) = (self.edges[leaving].tail, self.edges[leaving].head);
        self.tree_adj[l_tail].retain(|&id| id != leaving);
        self.tree_adj[l_head].retain(|&id| id != leaving);
        self.add_tree_edge(entering);
        // Renumber the subtree of the common ancestor.
        let first = self.low[lca];
        self.number_subtree(lca, first);
    }

    fn optimise(&mut self) {
        // A cap for pathological inputs; real flows converge far earlier.
        let cap = 20 * self.rank.len() + 100;
        for _ in 0..cap {
            let Some(leaving) = self.leave_edge() else {
                return;
            };
            let entering = self.enter_edge(leaving);
            self.exchange(leaving, entering);
        }
    }

    /// Ranks shifted so that each tree of the forest starts at 0.
    fn normalised_ranks(&self) -> Vec<usize> {
        let mut result = vec![0usize; self.rank.len()];
        for &root in &self.roots {
            let range = self.low[root]..=self.lim[root];
            let min = range
                .clone()
                .map(|number| self.rank[self.by_lim[number]])
                .min()
                .unwrap_or(0);
            for number in range {
                let v = self.by_lim[number];
                result[v] = (self.rank[v] - min) as usize;
            }
        }
        result
    }

    #[cfg(test)]
    fn cut_values_are_consistent(&self) -> bool {
        let saved: Vec<i64> = self.cut.clone();
        let mut copy = Simplex {
            edges: self.edges.clone(),
            incident: self.incident.clone(),
            rank: self.rank.clone(),
            in_tree: self.in_tree.clone(),
            tree_adj: self.tree_adj.clone(),
            parent: self.parent.clone(),
            cut: vec![0; self.cut.len()],
            low: self.low.clone(),
            lim: self.lim.clone(),
            by_lim: self.by_lim.clone(),
            roots: self.roots.clone(),
            search_from: 0,
        };
        copy.init_cut_values();
        (0..self.edges.len()).all(|id| !self.in_tree[id] || copy.cut[id] == saved[id])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edge(from: usize, to: usize) -> RankEdge {
        RankEdge {
            from,
            to,
            minlen: 1,
            weight: 1,
        }
    }

    #[test]
    fn chain_gets_consecutive_ranks() {
        let edges = [edge(0, 1), edge(1, 2), edge(2, 3)];
        assert_eq!(assign_ranks(4, &edges), [0, 1, 2, 3]);
    }

    #[test]
    fn a_late_source_is_pulled_next_to_its_target() {
        // 0 -> 1 -> 2 -> 3, and 4 -> 3: longest path puts 4 at rank 0,
        // network simplex at rank 2 (one short edge instead of a long one).
        let edges = [edge(0, 1), edge(1, 2), edge(2, 3), edge(4, 3)];
        assert_eq!(assign_ranks(5, &edges), [0, 1, 2, 3, 2]);
    }

    #[test]
    fn gansner_example_reaches_the_optimum() {
        // The graph of Figure 2-1 in Gansner et al.: a..h.
        let (a, b, c, d, e, f, g, h) = (0, 1, 2, 3, 4, 5, 6, 7);
        let edges = [
            edge(a, b),
            edge(b, c),
            edge(c, d),
            edge(d, h),
            edge(a, e),
            edge(a, f),
            edge(e, g),
            edge(f, g),
            edge(g, h),
        ];
        let ranks = assign_ranks(8, &edges);
        assert!(respects_minlen(&edges, &ranks));
        assert_eq!(total_length(&edges, &ranks), 10);
    }

    #[test]
    fn labelled_edges_keep_their_minimum_length() {
        let edges = [
            RankEdge {
                minlen: 2,
                ..edge(0, 1)
            },
            edge(1, 2),
        ];
        assert_eq!(assign_ranks(3, &edges), [0, 2, 3]);
    }

    #[test]
    fn components_each_start_at_zero() {
        let edges = [edge(0, 1), edge(2, 3), edge(3, 4)];
        assert_eq!(assign_ranks(6, &edges), [0, 1, 0, 1, 2, 0]);
    }

    /// Brute force over all rankings of a small DAG with ranks < limit.
    fn brute_force_optimum(n: usize, edges: &[RankEdge], limit: usize) -> i64 {
        let mut best = i64::MAX;
        let mut ranks = vec![0usize; n];
        loop {
            if respects_minlen(edges, &ranks) {
                best = best.min(total_length(edges, &ranks));
            }
            let mut i = 0;
            loop {
                if i == n {
                    return best;
                }
                ranks[i] += 1;
                if ranks[i] < limit {
                    break;
                }
                ranks[i] = 0;
                i += 1;
            }
        }
    }

    proptest! {
        #[test]
        fn optimal_on_small_random_dags(
            n in 2usize..7,
            raw in prop::collection::vec((0usize..7, 0usize..7, 1u32..3, 1u32..4), 1..10),
        ) {
            let edges: Vec<RankEdge> = raw
                .into_iter()
                .filter(|&(a, b, _, _)| a < n && b < n && a != b)
                .map(|(a, b, minlen, weight)| RankEdge { from: a.min(b), to: a.max(b), minlen, weight })
                .collect();
            let ranks = assign_ranks(n, &edges);
            prop_assert!(respects_minlen(&edges, &ranks));
            let optimum = brute_force_optimum(n, &edges, 2 * n + 1);
            prop_assert_eq!(total_length(&edges, &ranks), optimum);
        }

        #[test]
        fn cut_values_stay_consistent(
            n in 2usize..30,
            raw in prop::collection::vec((0usize..30, 0usize..30), 1..60),
        ) {
            let edges: Vec<RankEdge> = raw
                .into_iter()
                .filter(|&(a, b)| a < n && b < n && a != b)
                .map(|(a, b)| edge(a.min(b), a.max(b)))
                .collect();
            let mut simplex = Simplex::new(n, &edges);
            simplex.init_ranks();
            simplex.feasible_tree();
            prop_assert!(simplex.cut_values_are_consistent());
            while let Some(leaving) = simplex.leave_edge() {
                let entering = simplex.enter_edge(leaving);
                simplex.exchange(leaving, entering);
                prop_assert!(simplex.cut_values_are_consistent());
            }
            let ranks = simplex.normalised_ranks();
            prop_assert!(respects_minlen(&edges, &ranks));
        }
    }
}
