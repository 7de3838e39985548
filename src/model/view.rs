//! A role view: the flow as one role (or a few) sees it, for `render
//! --lane`. The chosen lanes keep every node and edge; every other lane is
//! collapsed to one small step ("Sales — 5 steps") that the chosen lanes'
//! work enters and leaves, so its band stays thin but the hand-offs stay
//! visible. Data shapes stay when they still touch a drawn node.
//!
//! Takes a resolved [`Flow`] and lane ids; gives a new flow for layout
//! only (lint and exports read the whole flow).

use super::{Edge, EdgeKind, Flow, LaneId, Node, NodeId, NodeKind, PhaseId};
use crate::diag::{Diag, codes};
use crate::i18n::t;
use crate::source::Span;

/// The flow with every lane but `lanes` collapsed.
pub fn role_view(flow: &Flow, lanes: &[String]) -> Result<Flow, Box<Diag>> {
    let keep = kept_lanes(flow, lanes)?;
    let mut view = Flow {
        header: flow.header.clone(),
        lanes: flow.lanes.clone(),
        modules: flow.modules.clone(),
        phases: flow.phases.clone(),
        nodes: Vec::new(),
        edges: Vec::new(),
        comments: Vec::new(),
    };
    // Each collapsed lane's stand-in (one per phase when the flow has
    // phases, so the phase columns stay), made when first needed.
    let phase_of = flow.phase_of();
    let mut stand_in: std::collections::HashMap<(LaneId, Option<PhaseId>), NodeId> =
        std::collections::HashMap::new();
    let mut mapped: Vec<Option<NodeId>> = vec![None; flow.nodes.len()];
    let collapsed = |node: &Node| node.lane.is_some_and(|lane| !keep[lane.index()]);
    for (index, node) in flow.nodes.iter().enumerate() {
        if let Some(lane) = node.lane.filter(|_| collapsed(node)) {
            let phase = phase_of[index];
            let id = *stand_in.entry((lane, phase)).or_insert_with(|| {
                view.nodes.push(stand_in_node(flow, lane, phase, &phase_of));
                NodeId(view.nodes.len() as u32 - 1)
            });
            mapped[index] = Some(id);
        } else {
            view.nodes.push(node.clone());
            mapped[index] = Some(NodeId(view.nodes.len() as u32 - 1));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for edge in &flow.edges {
        let (Some(from), Some(to)) = (mapped[edge.from.index()], mapped[edge.to.index()]) else {
            continue;
        };
        if from == to && edge.from != edge.to {
            continue; // inside a collapsed lane
        }
        let into_stand_in = |id: NodeId| view.nodes[id.index()].id.starts_with("lane:");
        // Data moving inside another role is that role's business.
        if edge.kind == EdgeKind::Data && (into_stand_in(from) || into_stand_in(to)) {
            continue;
        }
        if !seen.insert((from, to, edge.kind)) {
            continue;
        }
        view.edges.push(Edge {
            from,
            to,
            kind: edge.kind,
            label: edge.label.clone(),
            span: edge.span,
        });
    }
    drop_unused_data(&mut view);
    Ok(view)
}

/// Which lanes a role view keeps whole, or E-UNKNOWN-LANE for a lane the
/// flow does not declare.
fn kept_lanes(flow: &Flow, lanes: &[String]) -> Result<Vec<bool>, Box<Diag>> {
    let mut keep = vec![false; flow.lanes.len()];
    for wanted in lanes {
        match flow.lanes.iter().position(|lane| &lane.id == wanted) {
            Some(index) => keep[index] = true,
            None => {
                let hint = crate::suggest::did_you_mean(
                    wanted,
                    flow.lanes.iter().map(|lane| lane.id.as_str()),
                )
                .unwrap_or_else(|| {
                    let ids: Vec<&str> = flow.lanes.iter().map(|l| l.id.as_str()).collect();
                    crate::i18n::t("view-lanes-are").arg("ids", crate::suggest::one_of(&ids))
                });
                return Err(Box::new(
                    Diag::error(
                        codes::UNKNOWN_LANE,
                        Span::point(0),
                        t("model-lane-unknown-lane-wanted").arg("wanted", wanted),
                    )
                    .with_help(hint),
                ));
            }
        }
    }
    Ok(keep)
}

/// A collapsed lane's stand-in in one phase: a sub-process naming the
/// lane and how many steps it hides.
fn stand_in_node(
    flow: &Flow,
    lane: LaneId,
    phase: Option<PhaseId>,
    phase_of: &[Option<PhaseId>],
) -> Node {
    let steps = flow
        .node_ids()
        .filter(|&id| {
            flow.node_at(id).lane == Some(lane) && phase_of[id.index()] == phase && flow.is_step(id)
        })
        .count();
    let label = &flow.lanes[lane.index()].label;
    let lane_id = &flow.lanes[lane.index()].id;
    Node {
        id: match phase {
            Some(phase) => format!("lane:{lane_id}:{}", flow.phases[phase.index()].id),
            None => format!("lane:{lane_id}"),
        },
        kind: NodeKind::Sub,
        label: format!(
            "{label} — {steps} {}",
            if steps == 1 { "step" } else { "steps" }
        ),
        lane: Some(LaneId(lane.0)),
        module: None,
        phase,
        inputs: Vec::new(),
        outputs: Vec::new(),
        notes: Vec::new(),
        calls: None,
        span: flow.lanes[lane.index()].span,
        id_span: flow.lanes[lane.index()].span,
    }
}

/// Drops the data shapes left with no edge (they belonged to a collapsed
/// role's steps), renumbering the edges' ends.
fn drop_unused_data(view: &mut Flow) {
    let touched: Vec<bool> = (0..view.nodes.len())
        .map(|i| {
            view.edges
                .iter()
                .any(|e| e.from.index() == i || e.to.index() == i)
        })
        .collect();
    let dropped: Vec<bool> = view
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| node.kind.is_data() && node.lane.is_none() && !touched[i])
        .collect();
    if dropped.iter().any(|&d| d) {
        let mut renumber = vec![None; view.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in std::mem::take(&mut view.nodes).into_iter().enumerate() {
            if !dropped[i] {
                renumber[i] = Some(NodeId(nodes.len() as u32));
                nodes.push(node);
            }
        }
        view.nodes = nodes;
        for edge in &mut view.edges {
            edge.from = renumber[edge.from.index()].expect("edges touch kept nodes");
            edge.to = renumber[edge.to.index()].expect("edges touch kept nodes");
        }
    }
}

/// A connector drawn where a control edge leaves or enters a page: the
/// standard off-page connector, naming the other page and the step there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageConnector {
    /// Its node in [`PageView::flow`].
    pub node: NodeId,
    /// The other page (from 0).
    pub page: usize,
    /// The id of the step on the other page.
    pub remote: String,
    /// True when the flow leaves this page through it.
    pub outgoing: bool,
}

/// The flow one page of a split drawing shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageView {
    /// The page's nodes and edges, its lanes and phases only, and its
    /// connectors.
    pub flow: Flow,
    /// The off-page connectors, in the order they were made.
    pub connectors: Vec<PageConnector>,
}

/// The flow page `page` shows when the flow is split into pages, each node
/// on the page `page_of` names (from 0). The page keeps the lanes and
/// phases its nodes use, in their order, and is titled `title`. A control
/// edge between pages becomes an edge to an outgoing connector on its
/// source's page ("→ 2 · Review contract", in the source's lane) and one
/// from an incoming connector on its target's page ("1 · Qualify lead →",
/// in the target's lane); several edges to one step share a connector. A
/// data shape read or written on another page is drawn there too (a copy
/// with the id `<id>@<page>`).
pub fn page_view(flow: &Flow, page_of: &[usize], page: usize, title: String) -> PageView {
    let on_page = |id: NodeId| page_of[id.index()] == page;
    let wanted = wanted_on_page(flow, page_of, page);
    let mut lane_map = vec![None; flow.lanes.len()];
    let mut phase_map = vec![None; flow.phases.len()];
    let mut view = Flow {
        header: flow.header.clone(),
        modules: flow.modules.clone(),
        ..Flow::default()
    };
    let span = flow
        .header
        .title
        .as_ref()
        .map_or(Span::point(0), |t| t.span);
    view.header.title = Some(crate::source::Spanned::new(title, span));
    let mut lane_for = |view: &mut Flow, lane: Option<LaneId>| {
        lane.map(|lane| {
            *lane_map[lane.index()].get_or_insert_with(|| {
                view.lanes.push(flow.lanes[lane.index()].clone());
                LaneId(view.lanes.len() as u32 - 1)
            })
        })
    };
    // Lanes and phases keep the flow's order, so they are taken in that
    // order first.
    // A data shape copied from another page is drawn in the phase of the
    // first step here that uses it.
    let phase_of = phases_on_page(flow, &wanted, &on_page);
    let mut lanes_used = vec![false; flow.lanes.len()];
    let mut phases_used = vec![false; flow.phases.len()];
    for id in flow.node_ids().filter(|&id| wanted[id.index()]) {
        if let Some(lane) = flow.node_at(id).lane {
            lanes_used[lane.index()] = true;
        }
        if let Some(phase) = phase_of[id.index()] {
            phases_used[phase.index()] = true;
        }
    }
    for (index, _) in lanes_used.iter().enumerate().filter(|(_, used)| **used) {
        lane_for(&mut view, Some(LaneId(index as u32)));
    }
    for (index, _) in phases_used.iter().enumerate().filter(|(_, used)| **used) {
        view.phases.push(flow.phases[index].clone());
        phase_map[index] = Some(PhaseId(view.phases.len() as u32 - 1));
    }
    let mut mapped: Vec<Option<NodeId>> = vec![None; flow.nodes.len()];
    for id in flow.node_ids().filter(|&id| wanted[id.index()]) {
        let mut node = flow.node_at(id).clone();
        if !on_page(id) {
            node.id = format!("{}@{}", node.id, page + 1);
        }
        node.lane = node.lane.and_then(|lane| lane_map[lane.index()]);
        node.phase = phase_of[id.index()].and_then(|phase| phase_map[phase.index()]);
        view.nodes.push(node);
        mapped[id.index()] = Some(NodeId(view.nodes.len() as u32 - 1));
    }
    let mut connectors: Vec<PageConnector> = Vec::new();
    let mut connector_for = |view: &mut Flow, remote: NodeId, local: NodeId, outgoing: bool| {
        if let Some(found) = connectors
            .iter()
            .find(|c| c.remote == flow.node_at(remote).id && c.outgoing == outgoing)
        {
            return found.node;
        }
        let there = page_of[remote.index()];
        let connector = connector_node(
            flow,
            remote,
            &view.nodes[local.index()],
            page,
            there,
            outgoing,
        );
        view.nodes.push(connector);
        let node = NodeId(view.nodes.len() as u32 - 1);
        connectors.push(PageConnector {
            node,
            page: there,
            remote: flow.node_at(remote).id.clone(),
            outgoing,
        });
        node
    };
    let mut seen = std::collections::HashSet::new();
    for edge in &flow.edges {
        let (from, to, label) = match (mapped[edge.from.index()], mapped[edge.to.index()]) {
            (Some(from), Some(to))
                if edge.kind == EdgeKind::Data || (on_page(edge.from) && on_page(edge.to)) =>
            {
                (from, to, edge.label.clone())
            }
            (Some(from), _) if edge.kind == EdgeKind::Control && on_page(edge.from) => {
                let connector = connector_for(&mut view, edge.to, from, true);
                (from, connector, edge.label.clone())
            }
            (_, Some(to)) if edge.kind == EdgeKind::Control && on_page(edge.to) => {
                (connector_for(&mut view, edge.from, to, false), to, None)
            }
            _ => continue,
        };
        if edge.kind == EdgeKind::Data && !(on_page(edge.from) || on_page(edge.to)) {
            continue;
        }
        if !seen.insert((from, to, edge.kind, label.as_ref().map(|l| l.value.clone()))) {
            continue;
        }
        view.edges.push(Edge {
            from,
            to,
            kind: edge.kind,
            label,
            span: edge.span,
        });
    }
    PageView {
        flow: view,
        connectors,
    }
}

/// The nodes a page draws: its own, and the data shapes its steps use
/// that live on another page.
fn wanted_on_page(flow: &Flow, page_of: &[usize], page: usize) -> Vec<bool> {
    let on_page = |id: NodeId| page_of[id.index()] == page;
    let is_data = |id: NodeId| flow.node_at(id).kind.is_data();
    let mut wanted: Vec<bool> = flow.node_ids().map(on_page).collect();
    for edge in flow.edges.iter().filter(|e| e.kind == EdgeKind::Data) {
        for (here, there) in [(edge.from, edge.to), (edge.to, edge.from)] {
            if on_page(here) && !on_page(there) && is_data(there) {
                wanted[there.index()] = true;
            }
        }
    }
    wanted
}

/// Each node's phase on the page: its own, or for a data shape copied
/// from another page the phase of the first step here that uses it.
fn phases_on_page(
    flow: &Flow,
    wanted: &[bool],
    on_page: &dyn Fn(NodeId) -> bool,
) -> Vec<Option<PhaseId>> {
    let phase_of = flow.phase_of();
    let mut phase_here = phase_of.clone();
    for id in flow
        .node_ids()
        .filter(|&id| wanted[id.index()] && !on_page(id))
    {
        phase_here[id.index()] = flow
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Data)
            .find_map(|e| {
                let user = if e.from == id {
                    e.to
                } else if e.to == id {
                    e.from
                } else {
                    return None;
                };
                on_page(user).then(|| phase_of[user.index()])
            })
            .flatten();
    }
    phase_here
}

/// The off-page connector on page `page` for `remote`, a step on page
/// `there`: an end (`outgoing`) or a start, in the lane and phase of the
/// step it joins (`local`), named by the page and the step it leads to.
fn connector_node(
    flow: &Flow,
    remote: NodeId,
    local: &Node,
    page: usize,
    there: usize,
    outgoing: bool,
) -> Node {
    let remote_node = flow.node_at(remote);
    let label = if outgoing {
        format!("→ {} · {}", there + 1, remote_node.label)
    } else {
        format!("{} · {} →", there + 1, remote_node.label)
    };
    let direction = if outgoing { "to" } else { "from" };
    Node {
        id: format!(
            "page{}:{direction}:{}:{}",
            page + 1,
            there + 1,
            remote_node.id
        ),
        kind: if outgoing {
            NodeKind::End
        } else {
            NodeKind::Start
        },
        label,
        lane: local.lane,
        module: None,
        phase: local.phase,
        inputs: Vec::new(),
        outputs: Vec::new(),
        notes: Vec::new(),
        calls: None,
        span: remote_node.span,
        id_span: remote_node.id_span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(text: &str) -> Flow {
        crate::check(&crate::SourceFile::new("t.crmflow", text)).unwrap()
    }

    #[test]
    fn other_lanes_become_one_step_that_work_enters_and_leaves() {
        let f = flow(
            "lane sales \"Sales\"\nlane legal \"Legal\"\nstart a \"A\" lane sales\nstep b \"B\" lane legal\nstep c \"C\" lane legal\nstep d \"D\" lane sales\nend e \"E\" lane sales\nstore db \"DB\"\na -> b -> c -> d -> e\nc ..> db\n",
        );
        let view = role_view(&f, &["sales".to_owned()]).unwrap();
        let ids: Vec<&str> = view.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            ["a", "lane:legal", "d", "e"],
            "the store only Legal used is gone"
        );
        assert_eq!(view.nodes[1].label, "Legal — 2 steps");
        let edges: Vec<(&str, &str)> = view
            .edges
            .iter()
            .map(|e| {
                (
                    view.nodes[e.from.index()].id.as_str(),
                    view.nodes[e.to.index()].id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            edges,
            [("a", "lane:legal"), ("lane:legal", "d"), ("d", "e")]
        );
        let unknown = role_view(&f, &["saels".to_owned()]).unwrap_err();
        assert_eq!(unknown.code, "E102");
        assert!(
            unknown
                .help
                .unwrap()
                .english()
                .contains("did you mean `sales`")
        );
    }
}
