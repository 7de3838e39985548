//! Pages: a flow too big for its page target is split into pages, each a
//! drawing of its own joined to the others by off-page connectors (the
//! flowchart symbol), as a designer cuts a long flow into slides
//! (design note "phases and pages"; Visio's off-page reference shape).
//!
//! A flow is split when its whole drawing, fitted to the page target,
//! would set node text below [`PAGE_TEXT_PT`] and it has at least
//! [`MIN_NODES`] nodes or two phases (a smaller flow without phases only
//! below [`SMALL_FLOW_PT`]). Pages are runs of consecutive *units*: the phases
//! when the flow has two or more, else its ranks along the control flow
//! (longest path, loops back ignored), not cut right after a decision
//! that branches forward (it stays with the steps its branches lead to)
//! unless a run glued that way is itself too big for a page. Each page
//! takes as many units as still fit the target (found by bisection over layouts of the candidate page,
//! each laid out once at the usual label widths — the page finally drawn
//! gets the page search over widths, which only makes its text larger); a
//! single unit that does not fit is a page of its own; the cut before
//! the last page then moves earlier while that makes the smaller text of
//! the two pages larger, so the last page is not a scrap. Every page is laid
//! out in the whole drawing's direction: a deck reads one way.
//!
//! Takes a resolved flow; gives each page's [`Layout`] (laid out by the
//! same engine, with its own page search). Postcondition: every node of
//! the flow is drawn on exactly one page (data shapes may be copied onto
//! the pages of the steps that use them), and every off-page connector
//! names a page and a step that is on it.

use super::types::{Layout, OffPage, Page, PageDrawing};
use super::{LayoutOptions, TextMeasure, TooDense, layout_with};
use crate::i18n::{Lang, t, text};
use crate::model::{EdgeKind, Flow, NodeId, NodeKind, page_view};
use std::collections::HashMap;

/// Node text on a page should come out at least this large (points).
pub const PAGE_TEXT_PT: f64 = 9.0;
/// A flow with fewer nodes is split only when its text would come out
/// below [`SMALL_FLOW_PT`]: a small flow reads better whole.
const MIN_NODES: usize = 16;
/// … and this small on a page, even a small flow is split.
const SMALL_FLOW_PT: f64 = 7.0;
/// A flow with fewer nodes is never split.
const MIN_SPLIT_NODES: usize = 8;
/// Label widths a page's drawing tries (the page search's first ones: the
/// usual, then narrower); a candidate tries only the usual.
const PAGE_WIDTHS: usize = 3;
/// The last cut moves earlier only when the smaller text of the two
/// pages it divides grows by more than this factor.
const PAGE_GAIN_TO_BALANCE: f64 = 1.05;
/// A flow with more nodes than this is not split either: it is no slide
/// deck (analysts' big flows have 25–45 steps).
const MAX_NODES: usize = 80;

/// The pages a flow is split into, or none when its whole drawing
/// (`whole`) fits its page target or the flow is not split (see the
/// module documentation).
pub fn paginate(
    flow: &Flow,
    whole: &Layout,
    measure: &dyn TextMeasure,
    options: &LayoutOptions,
) -> Result<Vec<PageDrawing>, TooDense> {
    let page = whole.page;
    let points = page.text_points(whole.width, whole.height);
    // A small flow with phases is split at them like a big one: its phases
    // are where a designer would cut it into slides anyway.
    let phased = flow.phases.len() >= 2;
    let small = flow.nodes.len() < MIN_NODES && points >= SMALL_FLOW_PT && !phased;
    if page == Page::None
        || small
        || flow.nodes.len() < MIN_SPLIT_NODES
        || flow.nodes.len() > MAX_NODES
        || points >= PAGE_TEXT_PT
    {
        return Ok(Vec::new());
    }
    let units = Units::of(flow);
    if units.count < 2 {
        return Ok(Vec::new());
    }
    let title = flow
        .header
        .title
        .as_ref()
        .map(|title| title.value.clone())
        .or_else(|| options.untitled.clone())
        .unwrap_or_default();
    let language = flow.language();
    // Every page takes the whole drawing's direction (a deck reads one
    // way). Candidates are laid out once, at the usual label widths; the
    // pages chosen then try a few widths, which only makes their text
    // larger.
    let options = &LayoutOptions {
        direction: Some(whole.direction),
        max_widths: Some(PAGE_WIDTHS),
        ..options.clone()
    };
    let quick = LayoutOptions {
        max_widths: Some(1),
        ..options.clone()
    };
    let mut search = Search {
        quick,
        flow,
        language,
        title: &title,
        units: &units,
        measure,
        laid_out: HashMap::new(),
    };
    // Greedy: each page takes the most units that still fit, ending where
    // a cut is allowed; when even the shortest such run is too big (a run
    // of decisions glued to their branches), it is cut where the cut is
    // not otherwise allowed rather than drawn too small.
    // The first guess of a page's length: as many units as the whole
    // drawing's text size says fit; then the length of the page before.
    let mut guess = ((units.count as f64 * points / PAGE_TEXT_PT) as usize).max(1);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < units.count {
        let last = units.count - 1;
        let ends: Vec<usize> = (start..=last)
            .filter(|&end| end == last || units.cut_after[end])
            .collect();
        let end = match search.largest_fitting(start, &ends, ranges.len(), guess)? {
            Some(end) => end,
            None => {
                let all: Vec<usize> = (start..=ends[0]).collect();
                search
                    .largest_fitting(start, &all, ranges.len(), guess)?
                    .unwrap_or(start)
            }
        };
        ranges.push((start, end));
        guess = end + 1 - start;
        start = end + 1;
    }
    // The greedy cut leaves the last page what is left over, often much
    // less than the others hold: move the cut before it earlier while that
    // makes the smaller text of those two pages larger (a deck of pages
    // alike in size, not a full page and a scrap).
    while let [.., (first, cut), (_, last)] = ranges[..] {
        let pages = ranges.len();
        let Some(earlier) = (first..cut).rev().find(|&end| units.cut_after[end]) else {
            break;
        };
        let now =
            search
                .points(first, cut, pages - 2)?
                .min(search.points(cut + 1, last, pages - 1)?);
        let then = search.points(first, earlier, pages - 2)?.min(search.points(
            earlier + 1,
            last,
            pages - 1,
        )?);
        if then <= now * PAGE_GAIN_TO_BALANCE {
            break;
        }
        ranges[pages - 2].1 = earlier;
        ranges[pages - 1].0 = earlier + 1;
    }
    // Units no node is in (an empty phase) make no page of their own.
    ranges.retain(|&(start, end)| units.nodes_in(start, end) > 0);
    if ranges.len() < 2 {
        return Ok(Vec::new());
    }
    let page_of: Vec<usize> = units
        .unit_of
        .iter()
        .map(|&unit| {
            ranges
                .iter()
                .position(|&(_, end)| unit <= end)
                .unwrap_or(ranges.len() - 1)
        })
        .collect();
    let count = ranges.len();
    let mut pages = Vec::with_capacity(count);
    for (index, &(start, end)) in ranges.iter().enumerate() {
        let label = units.label(start, end, language);
        let page_title = page_title(&title, index, count, &label, language);
        let view = page_view(flow, &page_of, index, page_title);
        let mut layout = layout_with(&view.flow, measure, options)?;
        for connector in &view.connectors {
            let id = &view.flow.nodes[connector.node.index()].id;
            if let Some(node) = layout.nodes.iter_mut().find(|node| &node.id == id) {
                node.off_page = Some(OffPage {
                    page: connector.page + 1,
                    node: connector.remote.clone(),
                    outgoing: connector.outgoing,
                });
            }
        }
        pages.push(PageDrawing {
            index,
            label,
            layout,
        });
    }
    Ok(pages)
}

/// A page's title: the flow's, which page of how many, and what it shows
/// ("Lead to cash (2/4: Deal, Contract)", "线索到回款（2/4：商机、成交）").
fn page_title(title: &str, index: usize, count: usize, label: &str, language: Lang) -> String {
    let message = if label.is_empty() {
        t("doc-page-title")
    } else {
        t("doc-page-title-showing").arg("label", label)
    };
    message
        .arg("title", title)
        .arg("page", (index + 1).to_string())
        .arg("count", count.to_string())
        .text(language)
}
/// What pages are made of: runs of phases, or of ranks.
struct Units {
    /// Each node's unit.
    unit_of: Vec<usize>,
    /// How many units there are.
    count: usize,
    /// Each unit's name (a phase's label; empty for ranks).
    labels: Vec<String>,
    /// `cut_after[u]`: a page may end after unit `u` (always between
    /// phases; between ranks unless a decision there branches forward).
    cut_after: Vec<bool>,
}

impl Units {
    fn of(flow: &Flow) -> Units {
        if flow.phases.len() >= 2 {
            let unit_of = flow
                .phase_of()
                .iter()
                .map(|phase| phase.map_or(0, |phase| phase.index()))
                .collect();
            return Units {
                unit_of,
                count: flow.phases.len(),
                labels: flow.phases.iter().map(|p| p.label.clone()).collect(),
                cut_after: vec![true; flow.phases.len()],
            };
        }
        let rank = ranks(flow);
        // No cut right after a decision that branches forward: a decision
        // stays with the steps its branches lead to next — unless the run
        // that glues is too big for a page (see `paginate`). (A branch that
        // skips ranks, or a loop back, may still cross a cut: it ends in a
        // connector like any other edge. Keeping short loops whole was
        // tried: a 27-node top-down flow then had a page at 6.7 pt.)
        let count = rank.iter().copied().max().map_or(0, |max| max + 1);
        let mut joined = vec![false; count]; // joined[r]: r and r + 1 are one unit
        for edge in flow.edges.iter().filter(|e| e.kind == EdgeKind::Control) {
            let (from, to) = (rank[edge.from.index()], rank[edge.to.index()]);
            if flow.node_at(edge.from).kind == NodeKind::Decision && to > from {
                joined[from] = true;
            }
        }
        Units {
            unit_of: rank,
            count,
            labels: vec![String::new(); count],
            cut_after: joined.iter().map(|&joined| !joined).collect(),
        }
    }

    fn nodes_in(&self, start: usize, end: usize) -> usize {
        self.unit_of
            .iter()
            .filter(|&&unit| (start..=end).contains(&unit))
            .count()
    }

    /// The names of the units `start..=end` that hold nodes, joined as
    /// the flow's language lists them.
    fn label(&self, start: usize, end: usize, language: Lang) -> String {
        let named: Vec<&str> = (start..=end)
            .filter(|&unit| self.nodes_in(unit, unit) > 0)
            .map(|unit| self.labels[unit].as_str())
            .filter(|label| !label.is_empty())
            .collect();
        named.join(&text(language, "doc-list-separator"))
    }
}

/// Each node's rank along the control flow: the longest path from a node
/// nothing leads to, with the edges that close a loop (as the layering's
/// [`break_cycles`](super::cycles::break_cycles) finds them, from the
/// starts first) left out;
/// a data shape only data edges touch takes the rank of the first step
/// that uses it.
fn ranks(flow: &Flow) -> Vec<usize> {
    let n = flow.nodes.len();
    // In the order the layering searches them: a decision's happy branch
    // after its others.
    let mut control: Vec<(bool, (usize, usize))> = flow
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Control && e.from != e.to)
        .map(|e| {
            (
                super::import::is_happy_branch(flow, e),
                (e.from.index(), e.to.index()),
            )
        })
        .collect();
    control.sort_by_key(|&(happy, _)| happy);
    let control: Vec<(usize, usize)> = control.into_iter().map(|(_, pair)| pair).collect();
    let starts: Vec<usize> = flow
        .node_ids()
        .filter(|&id| flow.node_at(id).kind == NodeKind::Start)
        .map(NodeId::index)
        .collect();
    let closes_loop = super::cycles::break_cycles(n, &control, &starts);
    let forward: Vec<(usize, usize)> = control
        .iter()
        .zip(&closes_loop)
        .filter(|(_, closes)| !**closes)
        .map(|(&edge, _)| edge)
        .collect();
    let mut rank = super::cycles::longest_path(n, &forward);
    let touched: Vec<bool> = (0..n)
        .map(|v| {
            flow.edges
                .iter()
                .any(|e| e.kind == EdgeKind::Control && (e.from.index() == v || e.to.index() == v))
        })
        .collect();
    for (v, node) in flow.nodes.iter().enumerate() {
        let data = node.kind.is_data();
        if data && !touched[v] {
            let user = flow.edges.iter().find_map(|e| {
                (e.kind == EdgeKind::Data && (e.from.index() == v || e.to.index() == v))
                    .then(|| if e.from.index() == v { e.to } else { e.from })
                    .filter(|user| touched[user.index()])
            });
            if let Some(user) = user {
                rank[v] = rank[user.index()];
            }
        }
    }
    rank
}

/// The largest `k < len` for which `fits(k)` holds, when `fits` holds up
/// to some point and not after it; `None` when it holds for none. Starts
/// at `first_try` and gallops away from it (steps 1, 2, 4, …), then
/// bisects: O(log d) calls for an answer `d` away from the first try.
fn gallop<E>(
    len: usize,
    first_try: usize,
    mut fits: impl FnMut(usize) -> Result<bool, E>,
) -> Result<Option<usize>, E> {
    if len == 0 {
        return Ok(None);
    }
    let last = len - 1;
    let first_try = first_try.min(last);
    // `fit` and `fail` bracket the answer: `fits(fit)`, not `fits(fail)`.
    let (mut fit, mut fail);
    let mut step = 1;
    if fits(first_try)? {
        fit = first_try;
        loop {
            if fit == last {
                return Ok(Some(last));
            }
            let probe = (fit + step).min(last);
            if fits(probe)? {
                fit = probe;
                step *= 2;
            } else {
                fail = probe;
                break;
            }
        }
    } else {
        fail = first_try;
        loop {
            if fail == 0 {
                return Ok(None);
            }
            let probe = fail.saturating_sub(step);
            if fits(probe)? {
                fit = probe;
                break;
            }
            fail = probe;
            step *= 2;
        }
    }
    while fail - fit > 1 {
        let middle = (fit + fail) / 2;
        if fits(middle)? {
            fit = middle;
        } else {
            fail = middle;
        }
    }
    Ok(Some(fit))
}

/// Lays out candidate pages, each run of units once.
struct Search<'a> {
    /// Options that lay a candidate out once.
    quick: LayoutOptions,
    flow: &'a Flow,
    language: Lang,
    /// The flow's title (a page's title block is part of its size).
    title: &'a str,
    units: &'a Units,
    measure: &'a dyn TextMeasure,
    /// Each candidate's text size (points) once fitted to the page.
    laid_out: HashMap<(usize, usize), f64>,
}

impl Search<'_> {
    /// The largest of `ends` (ascending) whose run from `start` fits as
    /// page `index` (a longer run never fits better); `None` when not even
    /// the first does. The search starts at the run about `guess` units
    /// long and gallops away from it, so a good guess costs two layouts.
    fn largest_fitting(
        &mut self,
        start: usize,
        ends: &[usize],
        index: usize,
        guess: usize,
    ) -> Result<Option<usize>, TooDense> {
        let first_try = ends
            .iter()
            .rposition(|&end| end + 1 - start <= guess)
            .unwrap_or(0);
        let found = gallop(ends.len(), first_try, |k| self.fits(start, ends[k], index))?;
        Ok(found.map(|k| ends[k]))
    }

    /// Whether units `start..=end`, as page `index`, fit the target.
    fn fits(&mut self, start: usize, end: usize, index: usize) -> Result<bool, TooDense> {
        Ok(self.points(start, end, index)? >= PAGE_TEXT_PT)
    }

    /// The text size of units `start..=end` as page `index`, fitted to
    /// the page (infinite for a run no node is in).
    fn points(&mut self, start: usize, end: usize, index: usize) -> Result<f64, TooDense> {
        if let Some(&points) = self.laid_out.get(&(start, end)) {
            return Ok(points);
        }
        if self.units.nodes_in(start, end) == 0 {
            return Ok(f64::INFINITY);
        }
        let page_of: Vec<usize> = self
            .units
            .unit_of
            .iter()
            .map(|&unit| {
                if unit < start {
                    index.saturating_sub(1)
                } else if unit <= end {
                    index
                } else {
                    index + 1
                }
            })
            .collect();
        let label = self.units.label(start, end, self.language);
        let title = page_title(self.title, index, index + 2, &label, self.language);
        let view = page_view(self.flow, &page_of, index, title);
        let layout = layout_with(&view.flow, self.measure, &self.quick)?;
        let points = layout.page.text_points(layout.width, layout.height);
        self.laid_out.insert((start, end), points);
        Ok(points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(text: &str) -> Flow {
        crate::check(&crate::SourceFile::new("t.crmflow", text)).unwrap()
    }

    fn unit(flow: &Flow, units: &Units, id: &str) -> usize {
        let index = flow.nodes.iter().position(|n| n.id == id).unwrap();
        units.unit_of[index]
    }

    #[test]
    fn galloping_finds_the_last_fitting_run_from_any_first_try() {
        for len in 0..12 {
            for answer in 0..=len {
                // fits(k) for k < answer: `answer` runs fit (0 = none).
                for first_try in 0..len + 2 {
                    let mut calls = 0;
                    let found = gallop::<()>(len, first_try, |k| {
                        calls += 1;
                        Ok(k < answer)
                    })
                    .unwrap();
                    let expected = answer.checked_sub(1).filter(|_| len > 0);
                    assert_eq!(found, expected, "len {len} answer {answer} try {first_try}");
                    assert!(calls <= 2 + 2 * (usize::BITS - len.leading_zeros()) as usize);
                }
            }
        }
        // A right first guess costs two layouts.
        let mut calls = 0;
        let found = gallop::<()>(40, 6, |k| {
            calls += 1;
            Ok(k <= 6)
        });
        assert_eq!((found, calls), (Ok(Some(6)), 2));
    }

    #[test]
    fn ranks_ignore_loops_back_and_a_decision_stays_with_its_branches() {
        let f = flow(
            "start a \"A\"\nstep b \"B\"\ndecision d \"D?\"\nstep x \"X\"\nstep y \"Y\"\nend e \"E\"\nstore s \"S\"\na -> b -> d\nd -> x : \"yes\"\nd -> y : \"no\"\ny -> b\nx -> e\nx ..> s\n",
        );
        assert_eq!(ranks(&f), vec![0, 1, 2, 3, 3, 4, 3]);
        let units = Units::of(&f);
        assert_eq!(units.count, 5, "a | b | d x y s | e, one unit per rank");
        assert_eq!(
            units.cut_after,
            [true, true, false, true, true],
            "no cut between d and its branches"
        );
        assert_eq!(unit(&f, &units, "x"), unit(&f, &units, "y"));
        assert_eq!(
            unit(&f, &units, "s"),
            unit(&f, &units, "x"),
            "a store goes with its user"
        );
    }

    #[test]
    fn phases_are_the_units_of_a_phased_flow_and_name_its_pages() {
        let f = flow(
            "phase p \"获客\"\nphase q \"成交\"\nstart a \"A\" phase p\nstep b \"B\" phase q\na -> b\n",
        );
        let units = Units::of(&f);
        assert_eq!((units.count, units.unit_of.clone()), (2, vec![0, 1]));
        assert_eq!(units.label(0, 1, Lang::Zh), "获客、成交");
        assert_eq!(
            page_title("线索到回款", 1, 4, "商机", Lang::Zh),
            "线索到回款（2/4：商机）"
        );
        assert_eq!(
            page_title("Onboarding", 0, 2, "", Lang::En),
            "Onboarding (1/2)"
        );
    }
}
