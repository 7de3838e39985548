//! Phases 1–2 driver — which way each edge points and which rank (column)
//! each node takes.
//!
//! Cycles are broken by [`cycles`] and ranks found by network simplex
//! ([`ranking`]) over the ordinary nodes; satellites take their anchor's
//! rank; docked data shapes are then put at the rank nearest the middle of
//! their users' ([`dock_ranks`]).
//!
//! **Hand-offs fold.** An unlabelled edge between two lanes has minimum
//! length 0, so network simplex may put its ends in one column: the
//! hand-off is then drawn as one straight vertical line from lane to lane
//! instead of a step to the right (ELK / Mermaid "lane-aware compaction",
//! design note §4). A same-rank edge is kept only where the line is
//! free: no node, edge label or docked shape at that rank in a lane
//! between; each end has a side for it (one same-rank edge per node, and
//! none on a node carrying two satellites); and in each lane at each rank
//! at most one node is pinned to the lane's lower edge and one to its
//! upper edge (the ends must face each other). Edges that break a rule get
//! minimum length 1 and the ranks are computed again; after a few rounds,
//! every remaining conflict is removed by giving all hand-offs length 1.
//!
//! A decision's side branch (not the happy one, which goes straight on)
//! folds the same way when each end has at most three edges and no plain
//! hand-off; its label then sits beside the line instead of in a rank of
//! its own. It stays folded only where no long edge passes its column in
//! its ends' lanes, plain hand-offs claim sides first, and a branch that
//! does not land in one column is ranked again at its usual length 2.
//!
//! Postcondition ([`Layering::is_valid`]): every edge that is not a
//! same-rank edge, a self-loop or a satellite's spans at least one rank in
//! its drawn direction; every same-rank edge joins two nodes of one rank in
//! different lanes.

use super::cycles;
use super::import::{Import, Placement};
use super::ranking::{self, RankEdge};
use crate::model::NodeKind;
use std::collections::HashSet;

/// Rounds of ranking with hand-off conflicts removed before all hand-offs
/// get length 1.
const ROUNDS: usize = 4;

/// Directions and ranks.
pub(crate) struct Layering {
    /// The rank of every drawn node (a satellite has its anchor's).
    pub rank: Vec<usize>,
    /// Per edge: drawn against the flow (a loop back).
    pub reversed: Vec<bool>,
    /// Per edge: a hand-off drawn straight across lanes within one rank.
    pub same_rank: Vec<bool>,
    /// Per phase: the ranks it owns, `start..end` (empty for a phase with
    /// no node); consecutive, from rank 0 to past the last rank. Empty
    /// without phases.
    pub phase_ranks: Vec<std::ops::Range<usize>>,
}

/// What an edge is to layering.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Ranked by network simplex.
    Core,
    /// To or from a docked data shape: placed after.
    Docked,
    /// A satellite's edge, or a self-loop: no rank of its own.
    Free,
}

/// Directs and ranks every drawn node.
pub(crate) fn layer(import: &Import) -> Layering {
    let nodes = &import.nodes;
    let count = nodes.len();
    let band = &import.bands.of_node;
    let roles: Vec<Role> = import
        .edges
        .iter()
        .map(|edge| {
            if edge.from == edge.to || edge.is_attached(nodes) {
                Role::Free
            } else if nodes[edge.from].placement == Placement::Docked
                || nodes[edge.to].placement == Placement::Docked
            {
                Role::Docked
            } else {
                Role::Core
            }
        })
        .collect();
    let core: Vec<usize> = (0..import.edges.len())
        .filter(|&e| roles[e] == Role::Core)
        .collect();
    let core_pairs: Vec<(usize, usize)> = core
        .iter()
        .map(|&e| (import.edges[e].from, import.edges[e].to))
        .collect();
    let starts: Vec<usize> = (0..count)
        .filter(|&n| nodes[n].kind == NodeKind::Start && nodes[n].placement == Placement::Normal)
        .collect();
    let mut reversed = vec![false; import.edges.len()];
    // Breaks the cycles among `edges` (indices), searching a decision's
    // happy branch after its others (see [`cycles`]).
    let mut break_among = |mut edges: Vec<usize>| {
        edges.sort_by_key(|&e| import.edges[e].happy);
        let pairs: Vec<(usize, usize)> = edges
            .iter()
            .map(|&e| (import.edges[e].from, import.edges[e].to))
            .collect();
        let flips = cycles::break_cycles(count, &pairs, &starts);
        for (&e, &flip) in edges.iter().zip(&flips) {
            reversed[e] = flip;
        }
    };
    if import.phase_count > 0 {
        // As ELK's partitioning (PR #660): an edge into an earlier phase is
        // a loop back by declaration; cycles are then broken inside each
        // phase only, so nothing else turns against the phases.
        let phase = &import.phase_of;
        break_among(
            core.iter()
                .copied()
                .filter(|&e| phase[import.edges[e].from] == phase[import.edges[e].to])
                .collect(),
        );
        for &e in &core {
            let edge = &import.edges[e];
            if phase[edge.from] > phase[edge.to] {
                reversed[e] = true;
            }
        }
    } else {
        break_among(core.clone());
    }
    debug_assert!(cycles::is_acyclic(
        count,
        &core_pairs,
        &core.iter().map(|&e| reversed[e]).collect::<Vec<_>>()
    ));
    let forward = |e: usize| {
        let edge = &import.edges[e];
        if reversed[e] {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        }
    };
    let labelled = |e: usize| import.edges[e].label.is_some();
    // Edges at each node, satellites' and self-loops aside.
    let mut degree = vec![0usize; count];
    for (e, edge) in import.edges.iter().enumerate() {
        if roles[e] != Role::Free {
            degree[edge.from] += 1;
            degree[edge.to] += 1;
        }
    }
    // Hand-off candidates: between lanes; a labelled one (a decision's
    // branch) only when it is not the happy branch (that one goes straight
    // on) and each end has at most three edges and no plain hand-off, so
    // that the side it leaves from is not wanted by another line as well.
    let plain: Vec<bool> = (0..import.edges.len())
        .map(|e| {
            let edge = &import.edges[e];
            roles[e] == Role::Core && band[edge.from] != band[edge.to] && !labelled(e)
        })
        .collect();
    let mut has_plain = vec![false; count];
    for (e, edge) in import.edges.iter().enumerate() {
        if plain[e] {
            has_plain[edge.from] = true;
            has_plain[edge.to] = true;
        }
    }
    let candidate: Vec<bool> = (0..import.edges.len())
        .map(|e| {
            let edge = &import.edges[e];
            plain[e]
                || roles[e] == Role::Core
                    && band[edge.from] != band[edge.to]
                    && !edge.happy
                    && [edge.from, edge.to]
                        .iter()
                        .all(|&end| degree[end] <= 3 && !has_plain[end])
        })
        .collect();
    let satellites: Vec<usize> = {
        let mut carried = vec![0usize; count];
        for node in nodes {
            if let Placement::Satellite(anchor) = node.placement {
                carried[anchor] += 1;
            }
        }
        carried
    };
    let mut folded = candidate.clone();
    let mut rank = vec![0usize; count];
    let mut phase_ranks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut same_rank = vec![false; import.edges.len()];
    for round in 0..=ROUNDS {
        if round == ROUNDS {
            folded.iter_mut().for_each(|f| *f = false);
        }
        let minlen = |e: usize| -> u32 {
            if folded[e] {
                0
            } else if labelled(e) {
                2
            } else {
                1
            }
        };
        let rank_edges: Vec<RankEdge> = core
            .iter()
            .map(|&e| {
                let (from, to) = forward(e);
                RankEdge {
                    from,
                    to,
                    minlen: minlen(e),
                    weight: 1,
                }
            })
            .collect();
        let mut rank_edges = rank_edges;
        let sentinels = phase_sentinels(import, count, &mut rank_edges);
        let mut ranks = ranking::assign_ranks(count + sentinels, &rank_edges);
        debug_assert!(ranking::respects_minlen(&rank_edges, &ranks));
        let sentinel_ranks = ranks.split_off(count);
        rank = ranks;
        phase_ranks = phase_intervals(&sentinel_ranks);
        dock_ranks(import, &roles, &mut rank, &mut phase_ranks);
        let mut conflicts =
            hand_off_conflicts(import, &roles, &reversed, &folded, &satellites, &rank);
        // A branch allowed to fold that did not still needs the rank its
        // label sits in: it is ranked again at its usual length.
        conflicts.extend((0..import.edges.len()).filter(|&e| {
            let edge = &import.edges[e];
            folded[e] && labelled(e) && rank[edge.from] != rank[edge.to]
        }));
        same_rank = (0..import.edges.len())
            .map(|e| {
                let edge = &import.edges[e];
                folded[e] && rank[edge.from] == rank[edge.to] && !conflicts.contains(&e)
            })
            .collect();
        if conflicts.is_empty() {
            break;
        }
        for e in conflicts {
            folded[e] = false;
        }
    }
    // Docked edges point the way their ranks go.
    for (e, edge) in import.edges.iter().enumerate() {
        if roles[e] == Role::Docked {
            reversed[e] = rank[edge.from] > rank[edge.to];
        }
    }
    if let Some(last) = phase_ranks.last_mut() {
        let past_last = rank.iter().map(|&r| r + 1).max().unwrap_or(0);
        last.end = last.end.max(past_last);
    }
    Layering {
        rank,
        reversed,
        same_rank,
        phase_ranks,
    }
}

/// With phases, adds one sentinel node per phase boundary (k + 1 for k
/// phases, numbered from `count`) and the edges that keep every ordinary
/// node of phase i between sentinels i and i + 1: Sᵢ → n (minlen 0) and
/// n → Sᵢ₊₁ (minlen 1), both weightless, and Sᵢ → Sᵢ₊₁ (minlen 1 when the
/// phase has a node, else 0; weight 1, so phases are no longer than they
/// need). So phase i owns ranks rank(Sᵢ)..rank(Sᵢ₊₁), in order — yFiles'
/// layer rows, JViews' level ranges — with 2n + k edges. Returns how many
/// sentinels were added.
fn phase_sentinels(import: &Import, count: usize, edges: &mut Vec<RankEdge>) -> usize {
    let phases = import.phase_count;
    if phases == 0 {
        return 0;
    }
    let sentinel = |i: usize| count + i;
    let mut used = vec![false; phases];
    for (n, node) in import.nodes.iter().enumerate() {
        if node.placement != Placement::Normal {
            continue;
        }
        let phase = import.phase_of[n];
        used[phase] = true;
        edges.push(RankEdge {
            from: sentinel(phase),
            to: n,
            minlen: 0,
            weight: 0,
        });
        edges.push(RankEdge {
            from: n,
            to: sentinel(phase + 1),
            minlen: 1,
            weight: 0,
        });
    }
    for (phase, &used) in used.iter().enumerate() {
        edges.push(RankEdge {
            from: sentinel(phase),
            to: sentinel(phase + 1),
            minlen: u32::from(used),
            weight: 1,
        });
    }
    phases + 1
}

/// The ranks of each phase from its sentinels' ranks.
fn phase_intervals(sentinel_ranks: &[usize]) -> Vec<std::ops::Range<usize>> {
    sentinel_ranks.windows(2).map(|w| w[0]..w[1]).collect()
}

/// The folded edges that cannot be drawn as a straight same-rank line (see
/// the module documentation), in edge order: the first of two that compete
/// for a side or a slot is kept.
fn hand_off_conflicts(
    import: &Import,
    roles: &[Role],
    reversed: &[bool],
    folded: &[bool],
    satellites: &[usize],
    rank: &[usize],
) -> Vec<usize> {
    let band = &import.bands.of_node;
    // What stands in a (band, rank) cell: nodes, docked shapes, labels.
    let mut occupied: HashSet<(usize, usize)> = HashSet::new();
    for (n, node) in import.nodes.iter().enumerate() {
        if !matches!(node.placement, Placement::Satellite(_)) {
            occupied.insert((band[n], rank[n]));
        }
    }
    // Long edges cross every rank between their ends with a bend item in
    // the band of their source: a fold there would cut through them.
    let mut crossed: HashSet<(usize, usize)> = HashSet::new();
    for (e, edge) in import.edges.iter().enumerate() {
        if roles[e] == Role::Free || edge.from == edge.to {
            continue;
        }
        let (low, high) = {
            let (a, b) = (rank[edge.from], rank[edge.to]);
            (a.min(b), a.max(b))
        };
        for r in low + 1..high {
            crossed.insert((band[edge.from], r));
        }
    }
    for (e, edge) in import.edges.iter().enumerate() {
        if edge.label.is_none() || roles[e] == Role::Free {
            continue;
        }
        let (tail, head) = if reversed[e] {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        };
        if rank[head] > rank[tail] + 1 {
            let at = if reversed[e] {
                rank[head] - 1
            } else {
                rank[tail] + 1
            };
            occupied.insert((band[edge.from], at));
        }
    }
    // A self-loop takes a node's low side, as a satellite would.
    // A decision meets edges only at its tips: the low and high ones take
    // the branches beyond the main one, loop-backs out and loop-backs in,
    // one direction each. A straight hand-off needs one of them free.
    let mut groups = vec![0usize; import.nodes.len()];
    {
        let mut forward_out = vec![0usize; import.nodes.len()];
        let mut back_out = vec![false; import.nodes.len()];
        let mut back_in = vec![false; import.nodes.len()];
        for (e, edge) in import.edges.iter().enumerate() {
            if edge.from == edge.to
                || roles[e] == Role::Free
                || folded[e] && rank[edge.from] == rank[edge.to]
            {
                continue;
            }
            // Docked edges point the way their ranks go.
            let backward = match roles[e] {
                Role::Docked => rank[edge.from] > rank[edge.to],
                Role::Core | Role::Free => reversed[e],
            };
            if backward {
                back_out[edge.from] = true;
                back_in[edge.to] = true;
            } else {
                forward_out[edge.from] += 1;
            }
        }
        for (n, node) in import.nodes.iter().enumerate() {
            if node.kind == NodeKind::Decision {
                groups[n] = forward_out[n].saturating_sub(1)
                    + usize::from(back_out[n])
                    + usize::from(back_in[n]);
            }
        }
    }
    // Nodes per (band, rank) cell: a node with straight lines on both
    // sides must be alone in its cell (it sits both first and last).
    let mut cell_nodes: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (n, node) in import.nodes.iter().enumerate() {
        if !matches!(node.placement, Placement::Satellite(_)) {
            *cell_nodes.entry((band[n], rank[n])).or_default() += 1;
        }
    }
    // Per node: its high side (a line down) and low side (a line up).
    let mut used_high: HashSet<usize> = HashSet::new();
    let mut used_low: HashSet<usize> = HashSet::new();
    let mut looped: HashSet<usize> = HashSet::new();
    for edge in &import.edges {
        if edge.from == edge.to {
            looped.insert(edge.from);
        }
    }
    let mut pinned_low: HashSet<(usize, usize)> = HashSet::new();
    let mut pinned_high: HashSet<(usize, usize)> = HashSet::new();
    let mut conflicts = Vec::new();
    // Plain hand-offs claim their sides and slots before branches do.
    let mut order: Vec<usize> = (0..import.edges.len()).collect();
    order.sort_by_key(|&e| import.edges[e].label.is_some());
    for e in order {
        let edge = &import.edges[e];
        if !folded[e] || rank[edge.from] != rank[edge.to] {
            continue;
        }
        let r = rank[edge.from];
        // `upper` is the end in the band drawn first.
        let (upper, lower) = if band[edge.from] < band[edge.to] {
            (edge.from, edge.to)
        } else {
            (edge.to, edge.from)
        };
        let between = (band[upper] + 1..band[lower])
            .any(|b| occupied.contains(&(b, r)) || crossed.contains(&(b, r)));
        // Sides in use after this edge, with satellites and self-loops.
        let sides = |n: usize, high: bool| {
            usize::from(used_high.contains(&n) || high)
                + usize::from(used_low.contains(&n) || !high)
                + satellites[n]
                + usize::from(looped.contains(&n))
        };
        let alone = |n: usize| cell_nodes.get(&(band[n], r)).copied().unwrap_or(0) <= 1;
        let fits = |n: usize, high: bool| {
            let taken = if high { &used_high } else { &used_low };
            let both = (if high { &used_low } else { &used_high }).contains(&n);
            // A decision's tips: straight lines and its branch groups
            // share the low and high ones.
            let straights = 1 + usize::from(both);
            !taken.contains(&n)
                && sides(n, high) <= 2
                && (!both || alone(n))
                && groups[n] + straights <= 2
        };
        let sides_free = fits(upper, true)
            && fits(lower, false)
            && !looped.contains(&lower)
            && !(looped.contains(&upper) && satellites[upper] > 0);
        let slots_free =
            !pinned_high.contains(&(band[upper], r)) && !pinned_low.contains(&(band[lower], r));
        // A branch (labelled) does not fold where a long edge passes its
        // ends' column in their lanes: that edge would have to go round it.
        let ends_crossed = edge.label.is_some()
            && (crossed.contains(&(band[upper], r)) || crossed.contains(&(band[lower], r)));
        if between || ends_crossed || !sides_free || !slots_free {
            conflicts.push(e);
            continue;
        }
        used_high.insert(upper);
        used_low.insert(lower);
        // The upper end sits last in its band's column, the lower first.
        pinned_high.insert((band[upper], r));
        pinned_low.insert((band[lower], r));
    }
    conflicts
}

/// Puts each docked data shape at the rank nearest the median of its
/// users' ranks that keeps every one of its edges at least its minimum
/// length long (1, or 2 with a label), so it sits beside the middle of the
/// steps that use it and its edges run both ways from it; with phases, a
/// rank inside its phase, inserting ranks at the phase's end when none
/// there fits. Ranks are shifted to start at 0 again afterwards.
fn dock_ranks(
    import: &Import,
    roles: &[Role],
    ranks: &mut [usize],
    phase_ranks: &mut [std::ops::Range<usize>],
) {
    let count = import.nodes.len();
    let docked: Vec<bool> = import
        .nodes
        .iter()
        .map(|node| node.placement == Placement::Docked)
        .collect();
    // Satellites sit at their anchor's rank.
    for (n, node) in import.nodes.iter().enumerate() {
        if let Placement::Satellite(anchor) = node.placement {
            ranks[n] = ranks[anchor];
        }
    }
    if !docked.iter().any(|&d| d) {
        return;
    }
    let mut rank: Vec<i64> = ranks.iter().map(|&r| r as i64).collect();
    let mut placed: Vec<bool> = docked.iter().map(|&d| !d).collect();
    let mut incident: Vec<Vec<(usize, i64)>> = vec![Vec::new(); count];
    for (e, edge) in import.edges.iter().enumerate() {
        if roles[e] != Role::Docked {
            continue;
        }
        let minlen = if edge.label.is_some() { 2 } else { 1 };
        if docked[edge.from] {
            incident[edge.from].push((edge.to, minlen));
        }
        if docked[edge.to] {
            incident[edge.to].push((edge.from, minlen));
        }
    }
    // True when every edge to a neighbour (its rank, its minimum length)
    // is long enough from rank `r`.
    let spaced =
        |neighbours: &[(i64, i64)], r: i64| neighbours.iter().all(|&(n, min)| (r - n).abs() >= min);
    let mut neighbours: Vec<(i64, i64)> = Vec::new();
    for node in (0..count).filter(|&n| docked[n]) {
        neighbours.clear();
        for &(other, minlen) in &incident[node] {
            if placed[other] {
                neighbours.push((rank[other], minlen));
            }
        }
        placed[node] = true;
        if neighbours.is_empty() {
            continue;
        }
        neighbours.sort_unstable();
        let cost = |neighbours: &[(i64, i64)], r: i64| {
            neighbours.iter().map(|&(n, _)| (r - n).abs()).sum::<i64>()
        };
        let phase = import
            .phase_of
            .get(node)
            .copied()
            .filter(|&p| p < phase_ranks.len());
        rank[node] = match phase {
            // With phases, inside its phase's ranks: the cheapest rank there
            // that fits, the later on a tie. When none fits (a phase of one
            // rank and a labelled edge, or a phase with no other node),
            // ranks are inserted at the phase's end until one does; three
            // always do (two from the ranks before it, two from those after).
            Some(p) => {
                let start = phase_ranks[p].start as i64;
                let end = phase_ranks[p].end as i64;
                let fits_before = |neighbours: &[(i64, i64)], end: i64| {
                    (start..end).any(|r| spaced(neighbours, r))
                };
                if !fits_before(&neighbours, end) {
                    let grown = |k: i64| -> Vec<(i64, i64)> {
                        neighbours
                            .iter()
                            .map(|&(n, min)| (if n >= end { n + k } else { n }, min))
                            .collect()
                    };
                    let k = (1..=3)
                        .find(|&k| fits_before(&grown(k), end + k))
                        .unwrap_or(3);
                    neighbours = grown(k);
                    for r in rank.iter_mut().filter(|r| **r >= end) {
                        *r += k;
                    }
                    phase_ranks[p].end += k as usize;
                    for range in &mut phase_ranks[p + 1..] {
                        *range = range.start + k as usize..range.end + k as usize;
                    }
                }
                let end = phase_ranks[p].end as i64;
                (start..end)
                    .filter(|&r| spaced(&neighbours, r))
                    .min_by_key(|&r| (cost(&neighbours, r), -r))
                    .unwrap_or(end - 1)
            }
            // The cost is convex with its minimum at the median, so the best
            // rank is the nearest one on either side where every edge fits
            // (one always does: far enough from every neighbour); on a tie
            // the later one, so writes come before the store as the flow
            // reads.
            None => {
                let median = neighbours[(neighbours.len() - 1) / 2].0;
                let mut below = median;
                while !spaced(&neighbours, below) {
                    below -= 1;
                }
                let mut above = median;
                while !spaced(&neighbours, above) {
                    above += 1;
                }
                if cost(&neighbours, below) < cost(&neighbours, above) {
                    below
                } else {
                    above
                }
            }
        };
    }
    let lowest = rank.iter().copied().min().unwrap_or(0);
    for (out, r) in ranks.iter_mut().zip(rank) {
        *out = (r - lowest) as usize;
    }
    // Phases shift with the ranks; the first starts at rank 0.
    let shift = (-lowest).max(0) as usize;
    for range in phase_ranks.iter_mut() {
        *range = range.start + shift..range.end + shift;
    }
    if let Some(first) = phase_ranks.first_mut() {
        first.start = 0;
    }
}

impl Layering {
    /// The postcondition (see the module documentation).
    pub fn is_valid(&self, import: &Import) -> bool {
        import.edges.iter().enumerate().all(|(e, edge)| {
            let (from, to) = (self.rank[edge.from], self.rank[edge.to]);
            if edge.from == edge.to || edge.is_attached(&import.nodes) {
                true
            } else if self.same_rank[e] {
                from == to && import.bands.of_node[edge.from] != import.bands.of_node[edge.to]
            } else if self.reversed[e] {
                to < from
            } else {
                from < to
            }
        })
    }
}
