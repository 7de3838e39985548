//! Lanes as bands: which band each node belongs to.
//!
//! Bands are the flow's lanes in declaration order, or with
//! [`LaneOrder::Auto`] in the order that makes hand-offs shortest (see
//! [`auto_lane_order`]). A node without a lane is drawn where it belongs:
//! a `start`, `end`, `io`, `store` or `doc` joins the band most of its
//! neighbours are in (an end without a lane is owned by whoever finishes
//! the work; a store sits next to the steps that use it, drawn as data).
//! Only a step, decision or sub-process without a role — which the linter
//! reports — or a node with no neighbour in any lane gets a band of its
//! own after the role lanes ("No role", or "Data" when it holds data
//! shapes only). An author who wants a data band declares a lane for it
//! (`lane data "Data"`, `store crm "CRM" lane data`). A flow without lanes
//! is one band without a header.
//!
//! Postcondition: `of_node[n] < count` for every node; nodes with a lane
//! are in that lane's band.

use crate::model::{Flow, NodeKind};

/// How lanes are ordered into bands (`--lane-order`, `render.lane-order`
/// in crmflow.yaml).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LaneOrder {
    /// As declared in the file (the default: the analyst's order).
    #[default]
    Declared,
    /// The order with the shortest hand-offs.
    Auto,
}

impl LaneOrder {
    /// The lane order a word names (`declared`, `auto`).
    pub fn from_name(word: &str) -> Option<LaneOrder> {
        [LaneOrder::Declared, LaneOrder::Auto]
            .into_iter()
            .find(|order| order.name() == word)
    }

    /// The word that names it.
    pub fn name(self) -> &'static str {
        match self {
            LaneOrder::Declared => "declared",
            LaneOrder::Auto => "auto",
        }
    }
}

/// The band plan of a flow.
pub(crate) struct BandPlan {
    /// The lane drawn in each band (`None` for the lane-less band).
    pub lane_of_band: Vec<Option<usize>>,
    /// The band of each node.
    pub of_node: Vec<usize>,
    /// How many bands there are.
    pub count: usize,
    /// Whether bands are drawn (the flow declares lanes).
    pub has_lanes: bool,
}

/// Whether a node of this kind without a lane is drawn with its
/// neighbours rather than in the band of role-less nodes.
fn follows_neighbours(kind: NodeKind) -> bool {
    match kind {
        NodeKind::Start | NodeKind::End | NodeKind::Io | NodeKind::Store | NodeKind::Doc => true,
        NodeKind::Step | NodeKind::Decision | NodeKind::Sub => false,
    }
}

/// Assigns every node to a band.
pub(crate) fn plan_bands(flow: &Flow, order: LaneOrder) -> BandPlan {
    let has_lanes = !flow.lanes.is_empty();
    let laneless_band = flow.lanes.len();
    let lane_order = match order {
        LaneOrder::Declared => (0..flow.lanes.len()).collect(),
        LaneOrder::Auto => auto_lane_order(flow),
    };
    let mut band_of_lane = vec![0; flow.lanes.len()];
    for (band, &lane) in lane_order.iter().enumerate() {
        band_of_lane[lane] = band;
    }
    let mut of_node: Vec<Option<usize>> = flow
        .nodes
        .iter()
        .map(|node| match node.lane {
            Some(lane) => Some(band_of_lane[lane.index()]),
            None if has_lanes => None,
            None => Some(0),
        })
        .collect();
    if has_lanes {
        let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); flow.nodes.len()];
        for edge in &flow.edges {
            let (from, to) = (edge.from.index(), edge.to.index());
            if from != to {
                neighbours[from].push(to);
                neighbours[to].push(from);
            }
        }
        // Lane-less nodes next to lane-less nodes (start -> form -> step)
        // take their band once a neighbour has one: a few rounds.
        for _ in 0..4 {
            let mut changed = false;
            for (index, node) in flow.nodes.iter().enumerate() {
                if of_node[index].is_some() || !follows_neighbours(node.kind) {
                    continue;
                }
                if let Some(band) = majority(neighbours[index].iter().filter_map(|&n| of_node[n])) {
                    of_node[index] = Some(band);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
    let of_node: Vec<usize> = of_node
        .into_iter()
        .map(|band| band.unwrap_or(laneless_band))
        .collect();
    let laneless = (has_lanes && of_node.contains(&laneless_band)).then_some(laneless_band);
    let count = if has_lanes {
        flow.lanes.len() + usize::from(laneless.is_some())
    } else {
        1
    };
    let mut lane_of_band: Vec<Option<usize>> = lane_order.into_iter().map(Some).collect();
    if laneless.is_some() {
        lane_of_band.push(None);
    }
    BandPlan {
        lane_of_band,
        of_node,
        count,
        has_lanes,
    }
}

/// The most frequent value; on a tie the one seen first.
pub(crate) fn majority(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for value in values {
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, count)) => *count += 1,
            None => counts.push((value, 1)),
        }
    }
    let best = counts.iter().map(|&(_, count)| count).max()?;
    counts
        .into_iter()
        .find(|&(_, count)| count == best)
        .map(|(value, _)| value)
}

/// The header of the band of lane-less nodes: "Data" when they are all
/// stores, inputs/outputs and documents, otherwise "No role" (a step
/// without a role is a finding of the linter, and the header says so in the
/// drawing too). In Chinese when the flow's labels are. `of_node` and
/// `band` say which nodes are in it.
pub(crate) fn laneless_header(flow: &Flow, of_node: &[usize], band: usize) -> String {
    let lang = flow.language();
    let only_data = flow
        .nodes
        .iter()
        .zip(of_node)
        .filter(|(_, b)| **b == band)
        .all(|(node, _)| node.kind.is_data());
    if only_data {
        crate::i18n::text(lang, "doc-lane-data")
    } else {
        crate::i18n::text(lang, "doc-lane-no-role")
    }
}

/// Lane counts up to this are ordered by trying every permutation.
const EXHAUSTIVE_LANES: usize = 8;

/// The lane order with the least total hand-off distance: the sum, over
/// edges between different lanes, of how many bands apart their lanes are
/// (edges to lane-less nodes count their distance to the lane-less band,
/// which stays last). Shorter hand-offs mean fewer edges crossing
/// intervening lanes, so fewer crossings. Exhaustive up to
/// [`EXHAUSTIVE_LANES`] lanes, else moving one lane at a time while that
/// helps. Ties keep the declared order.
pub(crate) fn auto_lane_order(flow: &Flow) -> Vec<usize> {
    let count = flow.lanes.len();
    // weight[a][b]: edges between lanes a and b; to_laneless[a]: edges
    // between lane a and lane-less nodes.
    let mut weight = vec![vec![0u64; count]; count];
    let mut to_laneless = vec![0u64; count];
    for edge in &flow.edges {
        let from = flow.nodes[edge.from.index()].lane.map(|l| l.index());
        let to = flow.nodes[edge.to.index()].lane.map(|l| l.index());
        match (from, to) {
            (Some(a), Some(b)) if a != b => {
                weight[a][b] += 1;
                weight[b][a] += 1;
            }
            (Some(a), None) | (None, Some(a)) => to_laneless[a] += 1,
            _ => {}
        }
    }
    let cost = |order: &[usize]| -> u64 {
        let mut total = 0;
        for (i, &a) in order.iter().enumerate() {
            total += to_laneless[a] * (count - i) as u64;
            for (j, &b) in order.iter().enumerate().skip(i + 1) {
                total += weight[a][b] * (j - i) as u64;
            }
        }
        total
    };
    let mut best: Vec<usize> = (0..count).collect();
    let mut best_cost = cost(&best);
    if count <= EXHAUSTIVE_LANES {
        let mut order = best.clone();
        while next_permutation(&mut order) {
            let c = cost(&order);
            if c < best_cost {
                best_cost = c;
                best.clone_from(&order);
            }
        }
        return best;
    }
    if count > INSERTION_LANES {
        let mut order = best.clone();
        for _ in 0..BARYCENTER_ROUNDS {
            barycenter_round(&mut order, &weight);
            let c = cost(&order);
            if c < best_cost {
                best_cost = c;
                best.clone_from(&order);
            }
        }
        adjacent_swaps(&mut best, &weight, &to_laneless);
        return best;
    }
    let mut improved = true;
    let mut passes = 0;
    while improved && passes < MAX_PASSES {
        improved = false;
        passes += 1;
        for from in 0..count {
            for to in 0..count {
                if from == to {
                    continue;
                }
                let mut order = best.clone();
                let lane = order.remove(from);
                order.insert(to, lane);
                let c = cost(&order);
                if c < best_cost {
                    best_cost = c;
                    best = order;
                    improved = true;
                }
            }
        }
    }
    best
}

/// Lane counts up to this are improved by moving one lane anywhere (each
/// try costs O(lanes²)); beyond, by swapping neighbours (each O(lanes)).
const INSERTION_LANES: usize = 40;
/// Passes of either local search at most.
const MAX_PASSES: usize = 50;

/// Rounds of [`barycenter_round`] for many lanes.
const BARYCENTER_ROUNDS: usize = 30;

/// Moves every lane to the weighted mean position of the lanes it hands
/// off to (its own position counts a little, so lanes without hand-offs
/// stay), then renumbers: the barycenter heuristic of crossing
/// minimisation, here for a linear arrangement. O(lanes²).
fn barycenter_round(order: &mut [usize], weight: &[Vec<u64>]) {
    let count = order.len();
    let mut position = vec![0.0f64; count];
    for (index, &lane) in order.iter().enumerate() {
        position[lane] = index as f64;
    }
    let mut wanted: Vec<(f64, usize)> = (0..count)
        .map(|lane| {
            let (mut sum, mut total) = (0.5 * position[lane], 0.5);
            for (other, &w) in weight[lane].iter().enumerate() {
                sum += w as f64 * position[other];
                total += w as f64;
            }
            (sum / total, lane)
        })
        .collect();
    wanted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (slot, (_, lane)) in order.iter_mut().zip(wanted) {
        *slot = lane;
    }
}

/// Improves `order` by swapping neighbouring lanes while that shortens the
/// hand-offs: a swap's gain is computed in O(lanes) from the other lanes'
/// weights, a pass is O(lanes²), at most [`MAX_PASSES`] passes.
fn adjacent_swaps(order: &mut [usize], weight: &[Vec<u64>], to_laneless: &[u64]) {
    let count = order.len();
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for i in 0..count.saturating_sub(1) {
            let (a, b) = (order[i], order[i + 1]);
            // a moves one band later, b one earlier.
            let mut delta = to_laneless[b] as i64 - to_laneless[a] as i64;
            for (k, &c) in order.iter().enumerate() {
                let toward_a = weight[c][a] as i64 - weight[c][b] as i64;
                if k < i {
                    delta += toward_a;
                } else if k > i + 1 {
                    delta -= toward_a;
                }
            }
            if delta < 0 {
                order.swap(i, i + 1);
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Steps to the next permutation in lexicographic order; false after the
/// last.
fn next_permutation(order: &mut [usize]) -> bool {
    let Some(i) = (1..order.len()).rev().find(|&i| order[i - 1] < order[i]) else {
        return false;
    };
    let j = (i..order.len())
        .rev()
        .find(|&j| order[j] > order[i - 1])
        .unwrap_or(i);
    order.swap(i - 1, j);
    order[i..].reverse();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(text: &str) -> Flow {
        let source = crate::SourceFile::new("t.crmflow", text);
        crate::check(&source).expect("valid flow")
    }

    #[test]
    fn auto_order_puts_lanes_that_hand_off_next_to_each_other() {
        // a hands off to c and c to a; b is unrelated, declared between.
        let f = flow(
            "flow \"t\" {}\nlane a \"A\"\nlane b \"B\"\nlane c \"C\"\n\
             start s \"S\" lane a\nstep x \"X\" lane c\nstep y \"Y\" lane a\n\
             step z \"Z\" lane b\nend e \"E\" lane c\ns -> x -> y -> e\ny -> z\nz -> e\n",
        );
        let order = auto_lane_order(&f);
        let position = |lane: usize| order.iter().position(|&l| l == lane).unwrap();
        assert_eq!(position(0).abs_diff(position(2)), 1, "{order:?}");
        assert_eq!(
            plan_bands(&f, LaneOrder::Declared).lane_of_band,
            vec![Some(0), Some(1), Some(2)]
        );
    }

    #[test]
    fn auto_order_keeps_the_declared_order_when_nothing_is_gained() {
        let f = flow(
            "flow \"t\" {}\nlane a \"A\"\nlane b \"B\"\nlane c \"C\"\n\
             start s \"S\" lane a\nstep x \"X\" lane b\nend e \"E\" lane c\ns -> x -> e\n",
        );
        assert_eq!(auto_lane_order(&f), vec![0, 1, 2]);
    }

    #[test]
    fn many_lanes_are_ordered_quickly_and_well() {
        // 300 lanes in a chain declared in scrambled order: the hand-offs
        // are shortest when neighbours in the chain are neighbours.
        let count = 300;
        let position = |i: usize| (i * 7919) % count;
        let mut text = String::from("flow \"t\" {}\n");
        for i in 0..count {
            text.push_str(&format!("lane l{i} \"L\"\n"));
        }
        for i in 0..count {
            text.push_str(&format!("step s{i} \"S\" lane l{}\n", position(i)));
        }
        for i in 1..count {
            text.push_str(&format!("s{} -> s{i}\n", i - 1));
        }
        let source = crate::SourceFile::new("t.crmflow", text);
        let ast = crate::syntax::parse(&source).unwrap();
        let f = crate::model::resolve(&ast).unwrap();
        let started = std::time::Instant::now();
        let order = auto_lane_order(&f);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..count).collect::<Vec<_>>());
        let mut band = vec![0usize; count];
        for (index, &lane) in order.iter().enumerate() {
            band[lane] = index;
        }
        let length = |band_of: &dyn Fn(usize) -> usize| -> usize {
            (1..count)
                .map(|i| band_of(position(i)).abs_diff(band_of(position(i - 1))))
                .sum()
        };
        let declared = length(&|lane| lane);
        let ordered = length(&|lane| band[lane]);
        assert!(ordered * 2 < declared, "{ordered} vs {declared}");
    }

    #[test]
    fn adjacent_swaps_fix_a_swapped_pair() {
        // a–b heavy, b–c light, declared a, c, b: a, b, c is best.
        let weight = vec![vec![0, 5, 0], vec![5, 0, 1], vec![0, 1, 0]];
        let mut order = vec![0, 2, 1];
        adjacent_swaps(&mut order, &weight, &[0, 0, 0]);
        assert!(
            order == vec![0, 1, 2] || order == vec![2, 1, 0],
            "{order:?}"
        );
    }

    #[test]
    fn permutations_are_all_visited_once() {
        let mut order = vec![0, 1, 2, 3];
        let mut seen = 1;
        while next_permutation(&mut order) {
            seen += 1;
        }
        assert_eq!(seen, 24);
    }
}
