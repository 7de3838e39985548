//! Import — the flow as the layout sees it: every node measured (label,
//! chips, notes → box size), every edge label wrapped and measured, every
//! node in a band, and data shapes docked next to the steps that use them.
//!
//! **Docking.** A store, document or io without a lane and without control
//! edges is drawn as a *satellite* of each step that reads or writes it:
//! directly above or below that step, in its lane, joined by a short
//! straight dashed line — so data edges are as short as they can be and
//! never cross the flow. A data shape used by several steps gets one copy
//! per step (a BPMN "data store reference"); the first is the node itself,
//! the others are copies with ids `crm.2`, `crm.3`, …. A step carries at
//! most two satellites (one above, one below); a decision carries none
//! (its four tips are for branches). Edges to users that cannot carry one
//! go to a *docked* instance, laid out as an ordinary node of the majority
//! band of those users, at the rank nearest the middle of theirs.
//!
//! Postcondition ([`Import::is_consistent`]): every satellite's anchor is
//! an ordinary node, every edge of a satellite joins it to its anchor, and
//! every drawn node has a band.

use super::content::NodeContent;
use super::lanes::{self, BandPlan, LaneOrder, majority};
use super::measure::text_block;
use super::measure::{TextMeasure, wrap};
use super::shape;
use super::typography::{SMALL_FONT_SIZE, SMALL_LINE_HEIGHT};
use crate::model::{EdgeKind, Flow, NodeKind};

/// Widest an edge label may be before it wraps.
const EDGE_LABEL_WIDTH: f64 = 120.0;
/// Most satellites one step carries (one above, one below).
const MAX_SATELLITES: usize = 2;

/// How a drawn node is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// An ordinary node of the layered drawing.
    Normal,
    /// A data shape docked at a rank by its users (see [`super::layering`]).
    Docked,
    /// Drawn beside another node (the anchor), in its item.
    Satellite(usize),
}

/// A node as drawn.
pub(crate) struct DrawNode {
    /// The flow node it draws.
    pub source: usize,
    /// 0 for the node itself, n for its n-th extra copy.
    pub copy: usize,
    pub kind: NodeKind,
    pub content: NodeContent,
    /// Box size, width × height.
    pub size: (f64, f64),
    pub placement: Placement,
}

/// An edge as drawn: the flow's edge with its ends on drawn nodes.
pub(crate) struct DrawEdge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// The label in lines, and the size of its box.
    pub label: Option<(Vec<String>, (f64, f64))>,
    /// A decision's branch whose label reads as the happy path ("yes",
    /// "approved", 是, 通过 …): the one drawn straight on when it can be.
    pub happy: bool,
}

impl DrawEdge {
    /// True for an edge between a satellite and its anchor.
    pub fn is_attached(&self, nodes: &[DrawNode]) -> bool {
        let attached = |a: usize, b: usize| nodes[a].placement == Placement::Satellite(b);
        attached(self.from, self.to) || attached(self.to, self.from)
    }
}

/// The flow, measured and docked.
pub(crate) struct Import {
    /// The flow's nodes (node `i` is flow node `i`), then copies.
    pub nodes: Vec<DrawNode>,
    /// The flow's edges, in order.
    pub edges: Vec<DrawEdge>,
    /// The band of every drawn node, and the bands' lanes.
    pub bands: BandPlan,
    /// How many phases the flow declares (0 without phases).
    pub phase_count: usize,
    /// The phase of every drawn node ([`Flow::phase_of`]; a satellite has
    /// its anchor's, a docked copy its original's); empty without phases.
    pub phase_of: Vec<usize>,
}

/// Measures and docks a flow; node labels wrap at `wrap_scale` times their
/// usual width.
pub(crate) fn import(
    flow: &Flow,
    measure: &dyn TextMeasure,
    order: LaneOrder,
    wrap_scale: f64,
) -> Import {
    let mut bands = lanes::plan_bands(flow, order);
    let mut nodes: Vec<DrawNode> = flow
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            // Round terminals grow round with more lines: they narrow less.
            let scale = match node.kind {
                NodeKind::Start | NodeKind::End => wrap_scale.max(0.85),
                NodeKind::Step
                | NodeKind::Decision
                | NodeKind::Io
                | NodeKind::Store
                | NodeKind::Doc
                | NodeKind::Sub => wrap_scale,
            };
            let width = shape::label_width(node.kind) * scale;
            let content = NodeContent::measure(node, width, measure);
            let size = shape::size_for(node.kind, content.size());
            DrawNode {
                source: index,
                copy: 0,
                kind: node.kind,
                content,
                size,
                placement: Placement::Normal,
            }
        })
        .collect();
    let mut edges: Vec<DrawEdge> = flow
        .edges
        .iter()
        .map(|edge| DrawEdge {
            from: edge.from.index(),
            to: edge.to.index(),
            kind: edge.kind,
            happy: is_happy_branch(flow, edge),
            label: edge.label.as_ref().map(|label| {
                let lines = wrap(&label.value, EDGE_LABEL_WIDTH, SMALL_FONT_SIZE, measure);
                let size = text_block(
                    &lines,
                    SMALL_FONT_SIZE,
                    SMALL_LINE_HEIGHT,
                    measure,
                    6.0,
                    2.0,
                );
                (lines, size)
            }),
        })
        .collect();
    dock(flow, &mut nodes, &mut edges, &mut bands);
    let phase_of = if flow.phases.is_empty() {
        Vec::new()
    } else {
        // A satellite is drawn beside its anchor, so in its anchor's phase.
        let of_flow_node = flow.phase_of();
        let own = |node: &DrawNode| of_flow_node[node.source].map_or(0, |phase| phase.index());
        nodes
            .iter()
            .map(|node| match node.placement {
                Placement::Satellite(anchor) => own(&nodes[anchor]),
                Placement::Normal | Placement::Docked => own(node),
            })
            .collect()
    };
    Import {
        nodes,
        edges,
        bands,
        phase_count: flow.phases.len(),
        phase_of,
    }
}

/// Words a branch label starts with when it is the happy path: the answer
/// the flow goes on with (as `readability.py` of the shared bench reads
/// them). Lower case; Chinese ones match as a prefix of the label.
const YES_WORDS: &[&str] = &[
    "yes",
    "y",
    "ok",
    "okay",
    "pass",
    "passed",
    "approve",
    "approved",
    "accept",
    "accepted",
    "agree",
    "agreed",
    "go",
    "won",
    "win",
    "ready",
    "resolved",
    "cleared",
    "qualified",
    "confirmed",
    "success",
    "successful",
    "valid",
    "true",
    "是",
    "有",
    "对",
    "好",
    "可以",
    "通过",
    "批准",
    "同意",
    "接受",
    "合格",
    "成功",
    "满意",
    "确认",
    "准备",
    "有意向",
    "赢单",
    "中标",
    "已解决",
    "已通过",
    "达成",
];

/// Whether a branch label reads as the happy path: one of [`YES_WORDS`],
/// alone or followed by punctuation or a space ("yes, book a demo"); a
/// Chinese word also before more text (通过审批).
pub(crate) fn reads_as_yes(label: &str) -> bool {
    let text = label.trim().to_lowercase();
    YES_WORDS.iter().any(|word| {
        text.strip_prefix(word).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(|c: char| {
                    c.is_whitespace() || " ,;:.!?-–—/()（），、；：。！？".contains(c)
                })
                || (!word.is_ascii() && word.chars().count() > 1)
        })
    })
}

/// A decision's control branch whose label reads as the happy path.
pub(crate) fn is_happy_branch(flow: &Flow, edge: &crate::model::Edge) -> bool {
    edge.kind == EdgeKind::Control
        && flow.node_at(edge.from).kind == NodeKind::Decision
        && edge
            .label
            .as_ref()
            .is_some_and(|label| reads_as_yes(&label.value))
}

/// A data shape that docks: no lane, no control edge, some data edge.
fn dockable(flow: &Flow, control: &[bool], data: &[bool], index: usize) -> bool {
    let node = &flow.nodes[index];
    node.kind.is_data() && node.lane.is_none() && !control[index] && data[index]
}

fn dock(flow: &Flow, nodes: &mut Vec<DrawNode>, edges: &mut [DrawEdge], bands: &mut BandPlan) {
    let count = flow.nodes.len();
    let mut control = vec![false; count];
    let mut data = vec![false; count];
    for edge in edges.iter().filter(|edge| edge.from != edge.to) {
        let flags = if edge.kind == EdgeKind::Data {
            &mut data
        } else {
            &mut control
        };
        flags[edge.from] = true;
        flags[edge.to] = true;
    }
    let mut docks: Vec<bool> = (0..count)
        .map(|index| dockable(flow, &control, &data, index))
        .collect();
    // Two data shapes joined to each other (a document filed in a store)
    // are drawn as ordinary nodes: a satellite hangs on a step.
    let mut chained = vec![false; count];
    for edge in edges.iter().filter(|edge| edge.from != edge.to) {
        if docks[edge.from] && docks[edge.to] {
            chained[edge.from] = true;
            chained[edge.to] = true;
        }
    }
    for (dock, chained) in docks.iter_mut().zip(chained) {
        *dock &= !chained;
    }
    // A self-loop takes a node's low side: one satellite at most.
    let mut carried = vec![0usize; count];
    for edge in edges.iter().filter(|edge| edge.from == edge.to) {
        carried[edge.from] = carried[edge.from].max(1);
    }
    // Per data shape: its instance per user, and its docked instance.
    let mut instance_for: Vec<Vec<(usize, usize)>> = vec![Vec::new(); count];
    let mut docked_instance: Vec<Option<usize>> = vec![None; count];
    for edge in edges.iter_mut() {
        let (from, to) = (edge.from, edge.to);
        if from == to {
            continue;
        }
        for (shape, user) in [(from, to), (to, from)] {
            if !docks[shape] || docks[user] {
                continue;
            }
            let instance = match instance_for[shape].iter().find(|&&(u, _)| u == user) {
                Some(&(_, instance)) => Some(instance),
                None => {
                    let carries =
                        nodes[user].kind != NodeKind::Decision && carried[user] < MAX_SATELLITES;
                    carries.then(|| {
                        carried[user] += 1;
                        let instance = new_instance(nodes, bands, shape);
                        nodes[instance].placement = Placement::Satellite(user);
                        bands.of_node[instance] = bands.of_node[user];
                        instance_for[shape].push((user, instance));
                        instance
                    })
                }
            };
            let instance = instance.unwrap_or_else(|| {
                *docked_instance[shape].get_or_insert_with(|| {
                    let instance = new_instance(nodes, bands, shape);
                    nodes[instance].placement = Placement::Docked;
                    instance
                })
            });
            if edge.from == shape {
                edge.from = instance;
            } else {
                edge.to = instance;
            }
        }
    }
    // A docked instance lives in the band most of its users are in.
    for instance in docked_instance.into_iter().flatten() {
        {
            let users = edges.iter().filter_map(|edge| {
                (edge.from == instance && edge.to != instance)
                    .then_some(edge.to)
                    .or((edge.to == instance && edge.from != instance).then_some(edge.from))
            });
            if let Some(band) = majority(users.map(|user| bands.of_node[user])) {
                bands.of_node[instance] = band;
            }
        }
    }
}

/// The data shape itself for its first use, else a new copy of it (the
/// caller then sets the instance's placement, which marks it used).
fn new_instance(nodes: &mut Vec<DrawNode>, bands: &mut BandPlan, shape: usize) -> usize {
    if nodes[shape].placement == Placement::Normal {
        return shape;
    }
    let copies = nodes.iter().filter(|node| node.source == shape).count();
    let original = &nodes[shape];
    let copy = DrawNode {
        source: shape,
        copy: copies,
        kind: original.kind,
        content: original.content.clone(),
        size: original.size,
        placement: Placement::Normal,
    };
    nodes.push(copy);
    bands.of_node.push(bands.of_node[shape]);
    nodes.len() - 1
}

impl Import {
    /// The postcondition: satellites hang on ordinary nodes, their edges go
    /// to their anchor only, every node has a band.
    pub fn is_consistent(&self) -> bool {
        let anchors_ok = self.nodes.iter().all(|node| match node.placement {
            Placement::Satellite(anchor) => self.nodes[anchor].placement == Placement::Normal,
            Placement::Normal | Placement::Docked => true,
        });
        let edges_ok = self.edges.iter().all(|edge| {
            let ok = |end: usize, other: usize| match self.nodes[end].placement {
                Placement::Satellite(anchor) => anchor == other,
                Placement::Normal | Placement::Docked => true,
            };
            ok(edge.from, edge.to) && ok(edge.to, edge.from)
        });
        anchors_ok
            && edges_ok
            && (self.phase_of.is_empty() || self.phase_of.len() == self.nodes.len())
            && self.phase_of.iter().all(|&phase| phase < self.phase_count)
            && self.bands.of_node.len() == self.nodes.len()
            && self
                .bands
                .of_node
                .iter()
                .all(|&band| band < self.bands.count)
    }
}

#[cfg(test)]
mod tests {
    use super::reads_as_yes;

    #[test]
    fn happy_branch_labels() {
        for yes in [
            "yes",
            "Yes",
            "YES, book a demo",
            "ok",
            "approved",
            "是",
            "通过",
            "通过审批",
            "满意",
        ] {
            assert!(reads_as_yes(yes), "{yes}");
        }
        for no in [
            "no",
            "not yet",
            "yesterday",
            "否",
            "不通过",
            "不满意",
            "revise",
            "是的话再说",
        ] {
            assert!(!reads_as_yes(no), "{no}");
        }
    }
}
