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
                let steps = flow
                    .node_ids()
                    .filter(|&id| {
                        flow.node_at(id).lane == Some(lane)
                            && phase_of[id.index()] == phase
                            && flow.is_step(id)
                    })
                    .count();
                let label = &flow.lanes[lane.index()].label;
                let lane_id = &flow.lanes[lane.index()].id;
                view.nodes.push(Node {
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
                });
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
    // Data shapes left with no edge are dropped (they belonged to a
    // collapsed role's steps).
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
        .map(|(i, node)| {
            matches!(node.kind, NodeKind::Store | NodeKind::Doc | NodeKind::Io)
                && node.lane.is_none()
                && !touched[i]
        })
        .collect();
    if dropped.iter().any(|&d| d) {
        let mut renumber = vec![None; view.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in view.nodes.into_iter().enumerate() {
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
    Ok(view)
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
