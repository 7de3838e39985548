//! Phase 4 — coordinates across the flow (the order axis), lane by lane.
//!
//! Works in flow coordinates: `r` runs along the flow (x for `direction
//! right`, y for `direction down`) and `o` across it (the axis along which
//! lanes are stacked). This phase decides `o`; `routing` decides `r` once
//! it knows how many channels each gap between layers needs.
//!
//! Algorithm: each band (lane) is placed on its own, in band-local
//! coordinates, since items of different lanes can never share a line;
//! then bands are stacked in order, each as thick as its content plus
//! padding. Within a band, alternating down and up sweeps (as in Gansner et
//! al. 1993, §4.1, and the median heuristics of Sander's "priority
//! layout") move every item toward the weighted median of its neighbours in
//! the adjacent layer — long-edge dummies pull hardest (dot's ω = 1, 2, 8),
//! so long edges run straight — while the exact least-squares solution of
//! the layer's ordering and spacing constraints (pool-adjacent-violators
//! isotonic regression, O(n) per layer) settles conflicts: an item with one
//! neighbour lines up with it, a decision sits centred between its
//! branches, and nothing ever overlaps.
//!
//! Precondition: a valid lane-grouped layer order (phase 3).
//! Postcondition: in every layer, consecutive items of a band keep their
//! order and at least their minimum separation; every item lies inside its
//! band, clear of its padding ([`items_fit_bands`]).

use super::chains::{Adjacency, Give, Item, ItemKind, LayeredGraph};
use super::routing::DROP_CLEARANCE;

/// Gap between two node boxes stacked in a layer.
pub(crate) const NODE_GAP: f64 = 24.0;
/// Gap between a node and an edge passing it.
pub(crate) const NODE_EDGE_GAP: f64 = 20.0;
/// Gap between two edges passing through a layer side by side.
pub(crate) const EDGE_GAP: f64 = 16.0;
/// Padding between a band's edge and its content.
pub(crate) const BAND_PAD: f64 = 12.0;

const SWEEPS: usize = 10;
/// Huge drawings (over this many items, mostly long-edge dummies) get
/// [`FEW_SWEEPS`].
const MANY_ITEMS: usize = 1_000_000;
const FEW_SWEEPS: usize = 4;

/// Bands and item centres along `o`.
pub(crate) struct OrderAxis {
    /// The centre of each item.
    pub center: Vec<f64>,
    /// Each band's `(start, thickness)`.
    pub bands: Vec<(f64, f64)>,
}

/// The least distance between the centres of two items adjacent in a layer.
pub(crate) fn separation(a: &Item, b: &Item) -> f64 {
    let gap = match (a.is_node(), b.is_node()) {
        (true, true) => NODE_GAP,
        (false, false) => EDGE_GAP,
        _ => NODE_EDGE_GAP,
    };
    (a.breadth + b.breadth) / 2.0 + gap
}

/// Places every item across the flow. `band_min[b]` is the least thickness
/// of band `b` (room for its header); `end_offset(edge, at_tail)` is where
/// a chain's tail (head) port sits across the flow from its node item's
/// centre.
pub(crate) fn assign_order_axis(
    graph: &LayeredGraph,
    layers: &[Vec<usize>],
    band_count: usize,
    band_min: &[f64],
    end_offset: &dyn Fn(usize, bool) -> f64,
) -> OrderAxis {
    let items = &graph.items;
    let mut center = vec![0.0f64; items.len()];
    // Segments: for every layer, the runs of items of one band.
    let mut segments: Vec<Vec<&[usize]>> = Vec::with_capacity(layers.len());
    for layer in layers {
        let mut runs = Vec::new();
        let mut start = 0;
        while start < layer.len() {
            let band = items[layer[start]].band;
            let mut end = start;
            while end < layer.len() && items[layer[end]].band == band {
                end += 1;
            }
            runs.push(&layer[start..end]);
            start = end;
        }
        segments.push(runs);
    }
    // Packed start.
    for runs in &segments {
        for run in runs {
            let mut x = 0.0;
            for (i, &item) in run.iter().enumerate() {
                if i > 0 {
                    x += separation(&items[run[i - 1]], &items[item]);
                }
                center[item] = x;
            }
        }
    }
    let same_band = |a: usize, b: usize| items[a].band == items[b].band;
    let (mut targets, mut weights, mut seps) = (Vec::new(), Vec::new(), Vec::new());
    let mut pulls: Vec<(f64, f64)> = Vec::new();
    let mut solver = Isotonic::default();
    let sweeps = if items.len() > MANY_ITEMS {
        FEW_SWEEPS
    } else {
        SWEEPS
    };
    // The sweeps alternate down and up; the one before last pulls from both
    // sides (balance), the last runs down and lets dummies follow only
    // their predecessor, so long edges come out straight.
    for sweep in 0..=sweeps {
        let align = sweep == sweeps;
        let both = sweep + 1 == sweeps;
        let down = align || sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (0..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        let both_sides: &[&Adjacency] = &[&graph.up, &graph.down];
        let one_side: &[&Adjacency] = if down { &[&graph.up] } else { &[&graph.down] };
        for r in order {
            for run in &segments[r] {
                targets.clear();
                weights.clear();
                seps.clear();
                for &item in run.iter() {
                    pulls.clear();
                    let sides = if both || (align && items[item].is_node()) {
                        both_sides
                    } else {
                        one_side
                    };
                    for side in sides {
                        let shifts = side.shifts(item);
                        for (k, &(n, w)) in side[item].iter().enumerate() {
                            if same_band(item, n) {
                                pulls.push((center[n] + shifts[k], f64::from(w)));
                            }
                        }
                    }
                    match weighted_median(&mut pulls) {
                        Some((target, weight)) => {
                            targets.push(target);
                            weights.push(weight);
                        }
                        None => {
                            targets.push(center[item]);
                            weights.push(0.05);
                        }
                    }
                }
                seps.extend(
                    run.windows(2)
                        .map(|w| separation(&items[w[0]], &items[w[1]])),
                );
                solver.solve(&targets, &weights, &seps);
                for (&item, &x) in run.iter().zip(&solver.result) {
                    center[item] = x;
                }
            }
        }
    }
    straighten_chains(graph, layers, &mut center, end_offset);
    align_links(graph, layers, &mut center);
    // Stack the bands.
    let mut low = vec![f64::INFINITY; band_count];
    let mut high = vec![f64::NEG_INFINITY; band_count];
    for (index, (item, x)) in items.iter().zip(&center).enumerate() {
        if !graph.is_layered(index) {
            continue;
        }
        low[item.band] = low[item.band].min(x - item.breadth / 2.0);
        high[item.band] = high[item.band].max(x + item.breadth / 2.0);
    }
    let mut bands = Vec::with_capacity(band_count);
    let mut shift = vec![0.0; band_count];
    let mut o = 0.0;
    for band in 0..band_count {
        let (lo, hi) = if low[band].is_finite() {
            (low[band], high[band])
        } else {
            (0.0, 0.0)
        };
        let content = hi - lo;
        // Whole pixels, so band edges stay exact when written out.
        let thickness = (content + 2.0 * BAND_PAD)
            .max(band_min.get(band).copied().unwrap_or(0.0))
            .ceil();
        // Centre the content in the band.
        shift[band] = o + (thickness - content) / 2.0 - lo;
        bands.push((o, thickness));
        o += thickness;
    }
    // Snap to 1/64 px (exact in binary), so that floating-point noise of the
    // sweeps never turns a straight line into a hair-thin jog.
    for (item, x) in items.iter().zip(center.iter_mut()) {
        *x = snap(*x + shift[item.band]);
    }
    OrderAxis { center, bands }
}

/// Lines up the dummies of each long edge: walks every chain and cuts it
/// into the fewest runs whose dummies can all share one coordinate without
/// leaving the room their layer neighbours give them (so the order and
/// separations stay valid), preferring to continue straight out of the
/// tail node and into the head node. Each run moves to the point of its
/// room nearest its current median. Every jog removed is two bends fewer.
fn straighten_chains(
    graph: &LayeredGraph,
    layers: &[Vec<usize>],
    center: &mut [f64],
    end_offset: &dyn Fn(usize, bool) -> f64,
) {
    let items = &graph.items;
    let mut slot = vec![(0usize, 0usize); items.len()];
    for (r, layer) in layers.iter().enumerate() {
        for (i, &item) in layer.iter().enumerate() {
            slot[item] = (r, i);
        }
    }
    let band_count = items.iter().map(|item| item.band + 1).max().unwrap_or(0);
    let mut band_low = vec![f64::INFINITY; band_count];
    let mut band_high = vec![f64::NEG_INFINITY; band_count];
    for (index, (item, x)) in items.iter().zip(center.iter()).enumerate() {
        if !graph.is_layered(index) {
            continue;
        }
        band_low[item.band] = band_low[item.band].min(x - item.breadth / 2.0);
        band_high[item.band] = band_high[item.band].max(x + item.breadth / 2.0);
    }
    // The room of a dummy: between its neighbours in its band's run.
    let room = |item: usize, center: &[f64]| -> (f64, f64) {
        let (r, i) = slot[item];
        let layer = &layers[r];
        let me = &items[item];
        let low = match i.checked_sub(1).map(|j| layer[j]) {
            Some(left) if items[left].band == me.band => {
                center[left] + separation(&items[left], me)
            }
            _ => band_low[me.band] + me.breadth / 2.0,
        };
        let high = match layer.get(i + 1) {
            Some(&right) if items[right].band == me.band => {
                center[right] - separation(me, &items[right])
            }
            _ => band_high[me.band] - me.breadth / 2.0,
        };
        (low, high)
    };
    // Where an edge meets its node: exactly at its port.
    let window = |edge: usize, node: usize, at_tail: bool, center: &[f64]| -> (f64, f64) {
        let port = center[node] + end_offset(edge, at_tail);
        (port, port)
    };
    let mut run: Vec<usize> = Vec::new();
    let mut values: Vec<f64> = Vec::new();
    for (edge, chain) in graph.chains.iter().enumerate() {
        let Some(chain) = chain else { continue };
        if chain.len() < 3 {
            continue;
        }
        let inner = &chain[1..chain.len() - 1];
        let (mut low, mut high) = window(edge, chain[0], true, center);
        run.clear();
        for (k, &item) in inner.iter().enumerate() {
            let (a, b) = room(item, center);
            let (joined_low, joined_high) = (low.max(a), high.min(b));
            if joined_low <= joined_high {
                (low, high) = (joined_low, joined_high);
            } else {
                if !run.is_empty() {
                    place_run(&run, low, high, center, &mut values);
                }
                run.clear();
                (low, high) = (a, b);
            }
            run.push(item);
            if k + 1 == inner.len() {
                let (c, d) = window(edge, chain[chain.len() - 1], false, center);
                if low.max(c) <= high.min(d) {
                    (low, high) = (low.max(c), high.min(d));
                }
                place_run(&run, low, high, center, &mut values);
            }
        }
    }
}

/// A link whose ends differ across the flow by less than this is a jog: a
/// stair-step that reads as a glitch.
const JOG: f64 = 8.0;
/// A link this far out of line reads as a slip, not a turn: it costs more
/// than a turn.
const NEAR_MISS: f64 = 24.0;
/// Items with more links than this are not moved by [`align_links`].
const ALIGN_DEGREE: usize = 32;
/// Steps `align_links` may spend per item, plus a floor, up to a ceiling:
/// several times what the benchmark's flows spend (50–60 per item; 1M for
/// 10,000 nodes); a dense generated flow stops early, its links less
/// straight, instead of spending minutes.
const ALIGN_BUDGET_PER_ITEM: u64 = 300;
const ALIGN_BUDGET_BASE: u64 = 1_000_000;
const ALIGN_BUDGET_MAX: u64 = 20_000_000;

/// What a link of this misalignment costs: nothing when straight, a lot
/// when it would be a jog shorter than [`JOG`], one turn otherwise.
fn link_cost(misalignment: f64) -> f64 {
    let d = misalignment.abs();
    if d < 1e-6 {
        0.0
    } else if d < JOG {
        100.0
    } else if d < NEAR_MISS {
        1.5
    } else {
        1.0
    }
}

/// Removes jogs and needless turns (design note §1, "a P5 snap pass"):
/// tries each item across the flow at the positions that line up one of
/// its links (or step a clear [`JOG`] off it), pushing the items of its
/// band's run in its layer along when they are in the way, and keeps a move
/// when it lowers the cost of the links of every item it moved
/// ([`link_cost`]: a jog costs far more than a turn). A few passes; links
/// to other bands are left alone (their ends are in bands that stack later,
/// and they turn anyway).
fn align_links(graph: &LayeredGraph, layers: &[Vec<usize>], center: &mut [f64]) {
    let items = &graph.items;
    let mut slot = vec![(0usize, 0usize); items.len()];
    for (r, layer) in layers.iter().enumerate() {
        for (i, &item) in layer.iter().enumerate() {
            slot[item] = (r, i);
        }
    }
    let same_band_links = |item: usize, center: &[f64], out: &mut Vec<(usize, f64)>| {
        out.clear();
        for side in [&graph.up, &graph.down] {
            let shifts = side.shifts(item);
            for (k, &(n, _)) in side[item].iter().enumerate() {
                if items[n].band == items[item].band {
                    out.push((n, center[n] + shifts[k]));
                }
            }
        }
    };
    // A stub beside its node runs on to a line past the node's side when
    // the next item of the node's layer leaves room (as `routing` draws it).
    let stub_runs_on = |node: usize, give: Give, at: f64, center: &[f64]| -> bool {
        if !give.reaches(center[node], at) {
            return false;
        }
        let (r, i) = slot[node];
        let layer = &layers[r];
        let next = if give.high {
            layer.get(i + 1)
        } else {
            i.checked_sub(1).map(|before| &layer[before])
        };
        next.is_none_or(|&other| {
            let (c, half) = (center[other], items[other].breadth / 2.0);
            if give.high {
                c - half > at + DROP_CLEARANCE
            } else {
                c + half < at - DROP_CLEARANCE
            }
        })
    };
    let cost_at = |item: usize, at: f64, center: &[f64]| -> f64 {
        let mut total = 0.0;
        let band = items[item].band;
        for side in [&graph.up, &graph.down] {
            let links = side[item]
                .iter()
                .zip(side.shifts(item))
                .zip(side.gives(item));
            for ((&(n, _), &shift), give) in links {
                if items[n].band != band
                    || give.is_some_and(|give| stub_runs_on(n, give, at, center))
                {
                    continue;
                }
                total += link_cost(at - (center[n] + shift));
            }
        }
        total
    };
    // The straight run of an edge's dummies that `item` is part of: the
    // dummies of its chain on its line, moved together.
    let run_of = |item: usize, center: &[f64], run: &mut Vec<usize>| {
        run.clear();
        let edge = match items[item].kind {
            ItemKind::Dummy(edge) | ItemKind::Label(edge) => edge,
            ItemKind::Satellite(_) => return run.push(item),
            ItemKind::Node(_) => {
                // A node moves with the lone neighbours in line with it (a
                // start, or a connector, whose one link runs straight into
                // it): moving one without the other only trades one turn
                // for another.
                run.push(item);
                for side in [&graph.up, &graph.down] {
                    for (&(n, _), &shift) in side[item].iter().zip(side.shifts(item)) {
                        let lone = graph.up[n].len() + graph.down[n].len() == 1;
                        if lone
                            && items[n].is_node()
                            && items[n].band == items[item].band
                            && (center[item] - (center[n] + shift)).abs() < 1e-6
                            && !run.contains(&n)
                        {
                            run.push(n);
                        }
                    }
                }
                return;
            }
        };
        let Some(chain) = graph.chains[edge].as_ref() else {
            return run.push(item);
        };
        let Some(at) = chain.iter().position(|&i| i == item) else {
            return run.push(item);
        };
        let on_line = |i: usize| !items[i].is_node() && (center[i] - center[item]).abs() < 1e-6;
        let mut first = at;
        while first > 0 && on_line(chain[first - 1]) {
            first -= 1;
        }
        let mut last = at;
        while last + 1 < chain.len() && on_line(chain[last + 1]) {
            last += 1;
        }
        run.extend_from_slice(&chain[first..=last]);
    };
    let mut links: Vec<(usize, f64)> = Vec::new();
    let mut moves: Vec<(usize, f64)> = Vec::new();
    let mut candidates: Vec<f64> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut saved: Vec<f64> = Vec::new();
    let mut best_moves: Vec<(usize, f64)> = Vec::new();
    // Items already tried this pass (a run is tried once, from its first
    // member met), and the members of the run being tried.
    let mut tried = vec![usize::MAX; items.len()];
    let mut in_run = vec![false; items.len()];
    // Steps spent; the pass stops when the budget is used up, so a dense
    // flow costs time in proportion to its size, not to its degree squared.
    let budget =
        (ALIGN_BUDGET_PER_ITEM * items.len() as u64 + ALIGN_BUDGET_BASE).min(ALIGN_BUDGET_MAX);
    let mut spent: u64 = 0;
    'passes: for pass in 0..6 {
        let mut moved = false;
        for layer in layers {
            for &item in layer {
                if tried[item] == pass {
                    continue;
                }
                run_of(item, center, &mut run);
                for &member in &run {
                    tried[member] = pass;
                }
                if run.len() > 64 {
                    continue;
                }
                if spent > budget {
                    break 'passes;
                }
                // Where the run's links outside itself want it.
                for &member in &run {
                    in_run[member] = true;
                }
                candidates.clear();
                let mut now = 0.0;
                let mut degree = 0;
                for &member in &run {
                    same_band_links(member, center, &mut links);
                    degree += links.len();
                    for &(n, want) in &links {
                        if in_run[n] {
                            continue;
                        }
                        let offset = center[member] - center[item];
                        candidates.extend([
                            want - offset,
                            want - offset - JOG,
                            want - offset + JOG,
                        ]);
                    }
                    now += cost_at(member, center[member], center);
                }
                spent += degree as u64 + run.len() as u64;
                if now == 0.0 || degree > ALIGN_DEGREE * run.len().max(1) {
                    for &member in &run {
                        in_run[member] = false;
                    }
                    continue;
                }
                candidates.sort_by(f64::total_cmp);
                candidates.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
                let mut best_gain: Option<f64> = None;
                for &at in &candidates {
                    let delta = at - center[item];
                    // Each member at its new place, pushing its layer's
                    // band run along.
                    moves.clear();
                    let mut fits = true;
                    for &member in &run {
                        let (r, i) = slot[member];
                        let layer = &layers[r];
                        let to = center[member] + delta;
                        moves.push((member, to));
                        let band = items[member].band;
                        let mut edge = to;
                        for j in (0..i).rev() {
                            let (prev, next) = (layer[j], layer[j + 1]);
                            if items[prev].band != band {
                                break;
                            }
                            let limit = edge - separation(&items[prev], &items[next]);
                            if center[prev] <= limit {
                                break;
                            }
                            if in_run[prev] {
                                fits = false;
                            }
                            moves.push((prev, limit));
                            edge = limit;
                        }
                        let mut edge = to;
                        for j in i + 1..layer.len() {
                            let (prev, next) = (layer[j - 1], layer[j]);
                            if items[next].band != band {
                                break;
                            }
                            let limit = edge + separation(&items[prev], &items[next]);
                            if center[next] >= limit {
                                break;
                            }
                            if in_run[next] {
                                fits = false;
                            }
                            moves.push((next, limit));
                            edge = limit;
                        }
                        if !fits || moves.len() > 24 + run.len() {
                            break;
                        }
                    }
                    spent += moves.len() as u64;
                    if !fits || moves.len() > 24 + run.len() {
                        continue;
                    }
                    let mut before = 0.0;
                    for &(m, _) in &moves {
                        before += cost_at(m, center[m], center);
                        spent += (graph.up[m].len() + graph.down[m].len()) as u64;
                    }
                    saved.clear();
                    saved.extend(moves.iter().map(|&(m, _)| center[m]));
                    for &(m, to) in &moves {
                        center[m] = to;
                    }
                    let after: f64 = moves
                        .iter()
                        .map(|&(m, _)| cost_at(m, center[m], center))
                        .sum();
                    for (&(m, _), &was) in moves.iter().zip(&saved) {
                        center[m] = was;
                    }
                    let gain = before - after;
                    if gain > 1e-9 && best_gain.is_none_or(|g| gain > g) {
                        best_gain = Some(gain);
                        best_moves.clear();
                        best_moves.extend_from_slice(&moves);
                    }
                }
                for &member in &run {
                    in_run[member] = false;
                }
                if best_gain.is_some() {
                    for &(m, to) in &best_moves {
                        center[m] = to;
                    }
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Moves every item of `run` to the point of `[low, high]` nearest the
/// median of their current centres.
fn place_run(run: &[usize], low: f64, high: f64, center: &mut [f64], values: &mut Vec<f64>) {
    if low > high {
        return;
    }
    values.clear();
    values.extend(run.iter().map(|&item| center[item]));
    values.sort_by(f64::total_cmp);
    let target = values[values.len() / 2].clamp(low, high);
    for &item in run {
        center[item] = target;
    }
}

/// Rounds to the nearest 1/64.
pub(crate) fn snap(value: f64) -> f64 {
    (value * 64.0).round() / 64.0
}

/// The weighted median of `(value, weight)` pairs and the total weight; the
/// mean of the two middle values when the weight splits evenly.
fn weighted_median(pulls: &mut [(f64, f64)]) -> Option<(f64, f64)> {
    if pulls.is_empty() {
        return None;
    }
    pulls.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pulls.iter().map(|p| p.1).sum();
    let mut acc = 0.0;
    for (i, &(value, weight)) in pulls.iter().enumerate() {
        acc += weight;
        if (acc - total / 2.0).abs() < 1e-9 {
            let next = pulls.get(i + 1).map_or(value, |p| p.0);
            return Some(((value + next) / 2.0, total));
        }
        if acc > total / 2.0 {
            return Some((value, total));
        }
    }
    pulls.last().map(|p| (p.0, total))
}

/// Least squares under order constraints: minimises Σ wᵢ(xᵢ − tᵢ)² subject
/// to xᵢ₊₁ − xᵢ ≥ sᵢ, by pool-adjacent-violators on xᵢ − Σⱼ<ᵢ sⱼ.
#[cfg(test)]
pub(crate) fn isotonic(targets: &[f64], weights: &[f64], seps: &[f64]) -> Vec<f64> {
    let mut solver = Isotonic::default();
    solver.solve(targets, weights, seps);
    solver.result
}

/// [`isotonic`] with buffers kept between calls (the sweeps call it for
/// every run of every layer).
#[derive(Default)]
pub(crate) struct Isotonic {
    offset: Vec<f64>,
    /// Blocks of (mean, weight, count).
    blocks: Vec<(f64, f64, usize)>,
    pub result: Vec<f64>,
}

impl Isotonic {
    /// Solves into `self.result`.
    pub fn solve(&mut self, targets: &[f64], weights: &[f64], seps: &[f64]) {
        let n = targets.len();
        self.offset.clear();
        self.blocks.clear();
        self.result.clear();
        let mut acc = 0.0;
        for i in 0..n {
            if i > 0 {
                acc += seps[i - 1];
            }
            self.offset.push(acc);
        }
        for i in 0..n {
            let mut block = (targets[i] - self.offset[i], weights[i].max(1e-9), 1);
            while let Some(&last) = self.blocks.last() {
                if last.0 < block.0 {
                    break;
                }
                self.blocks.pop();
                let weight = last.1 + block.1;
                block = (
                    (last.0 * last.1 + block.0 * block.1) / weight,
                    weight,
                    last.2 + block.2,
                );
            }
            self.blocks.push(block);
        }
        for &(mean, _, count) in &self.blocks {
            for _ in 0..count {
                let i = self.result.len();
                self.result.push(mean + self.offset[i]);
            }
        }
    }
}

/// True when items keep order and separation and sit inside their bands.
pub(crate) fn items_fit_bands(
    graph: &LayeredGraph,
    layers: &[Vec<usize>],
    axis: &OrderAxis,
) -> bool {
    // Snapping may take up to 1/128 from a separation.
    const EPS: f64 = 0.02;
    let items = &graph.items;
    layers.iter().all(|layer| {
        layer.windows(2).all(|w| {
            let (a, b) = (&items[w[0]], &items[w[1]]);
            a.band != b.band || axis.center[w[1]] - axis.center[w[0]] >= separation(a, b) - EPS
        }) && layer.iter().all(|&i| {
            let (start, thickness) = axis.bands[items[i].band];
            let half = items[i].breadth / 2.0;
            axis.center[i] - half >= start - EPS && axis.center[i] + half <= start + thickness + EPS
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_keeps_order_and_spacing() {
        let x = isotonic(&[10.0, 0.0, 5.0], &[1.0, 1.0, 1.0], &[4.0, 4.0]);
        assert!(x[1] - x[0] >= 4.0 - 1e-9 && x[2] - x[1] >= 4.0 - 1e-9);
        // Unconstrained targets are met exactly.
        let y = isotonic(&[0.0, 10.0, 20.0], &[1.0, 1.0, 1.0], &[4.0, 4.0]);
        assert_eq!(y, [0.0, 10.0, 20.0]);
    }

    #[test]
    fn median_of_two_is_their_middle() {
        let mut pulls = [(0.0, 1.0), (10.0, 1.0)];
        assert_eq!(weighted_median(&mut pulls), Some((5.0, 2.0)));
        let mut heavy = [(0.0, 1.0), (10.0, 8.0)];
        assert_eq!(weighted_median(&mut heavy), Some((10.0, 9.0)));
    }
}
