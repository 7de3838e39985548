//! What the preview page needs to run a review meeting: the journeys to
//! walk through (step 8 of the ten-step method, live) and what the last
//! save changed.
//!
//! Takes resolved [`Flow`]s; gives plain data the page draws: a
//! [`WalkJourney`] per start→end path (from [`crate::paths`]), and the
//! [`Change`]s between the previous good flow and this one — nodes and
//! edges added, removed, relabelled, moved to another lane, and node ids
//! renamed.

use crate::model::{EdgeKind, Flow};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many journeys are offered for the walkthrough: a flow with
/// more is walked by the first ones (as `crmflow paths --limit` would list).
pub const MAX_JOURNEYS: usize = 64;

/// One journey as the walkthrough shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WalkJourney {
    /// A short name: each decision's question with the branch taken, and
    /// where it ends ("Qualified? yes · Follow up? ready to buy →
    /// Customer served"): branches alone read "yes · yes · yes" when every
    /// question is a yes/no one.
    pub name: String,
    /// Node ids from the start to the end (or to the node a loop returns
    /// to).
    pub nodes: Vec<String>,
    /// The label of the edge taken into each node after the first (`None`
    /// for an unlabelled edge): the branch the journey takes.
    pub branches: Vec<Option<String>>,
    /// True when it ends by looping back to a node already on it.
    pub loops_back: bool,
    /// With phases: the phase label of each node on it (so the walkthrough
    /// can say which stage each step is in); empty without phases.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<String>,
}

/// The journeys of `flow`, start→end ones first, then those that loop
/// back, each group in `crmflow paths` order; and whether the list was cut.
pub fn journeys(flow: &Flow) -> (Vec<WalkJourney>, bool) {
    let (found, cut) = crate::paths::journeys(flow, MAX_JOURNEYS);
    let phase_of = flow.phase_of();
    let mut walks: Vec<WalkJourney> = found
        .iter()
        .map(|journey| {
            let label = |node: &crate::model::NodeId| flow.node_at(*node).label.replace('\n', " ");
            let branches: Vec<Option<String>> = journey
                .edges
                .iter()
                .map(|&edge| flow.edges[edge].label.as_ref().map(|l| l.value.clone()))
                .collect();
            // Each labelled branch, after the question of the decision it
            // leaves (a labelled edge out of any other node: its label).
            let taken: Vec<String> = journey
                .edges
                .iter()
                .zip(&journey.nodes)
                .filter_map(|(&edge, from)| {
                    let branch = flow.edges[edge].label.as_ref()?.value.replace('\n', " ");
                    Some(
                        if flow.node_at(*from).kind == crate::model::NodeKind::Decision {
                            format!("{} {branch}", label(from))
                        } else {
                            branch
                        },
                    )
                })
                .collect();
            let last = journey.nodes.last().expect("a journey has nodes");
            let end = if journey.loops_back {
                format!("↺ {}", label(last))
            } else {
                label(last)
            };
            let name = if taken.is_empty() {
                end
            } else {
                format!("{} → {end}", taken.join(" · "))
            };
            WalkJourney {
                name,
                nodes: journey
                    .nodes
                    .iter()
                    .map(|&node| flow.node_at(node).id.clone())
                    .collect(),
                branches,
                loops_back: journey.loops_back,
                phases: if flow.phases.is_empty() {
                    Vec::new()
                } else {
                    journey
                        .nodes
                        .iter()
                        .map(|node| {
                            phase_of[node.index()].map_or_else(String::new, |phase| {
                                flow.phases[phase.index()].label.replace('\n', " ")
                            })
                        })
                        .collect()
                },
            }
        })
        .collect();
    walks.sort_by_key(|walk| walk.loops_back);
    (walks, cut)
}

/// What one save did to one node or edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
    /// Its label changed.
    Relabelled,
    /// A node now in another lane.
    Moved,
    /// A node's id changed (same label, kind and lane).
    Renamed,
}

/// One change between two versions of a flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The node's id now (its SVG group is `node-{id}`), or for a removed
    /// node its old id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The edge as `(from, to)` node ids now (for a removed edge, as it
    /// was).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge: Option<(String, String)>,
    /// What it was (old label, lane name or id); `None` for an addition.
    pub before: Option<String>,
    /// What it is (new label, lane name or id); `None` for a removal.
    pub after: Option<String>,
    /// What it is about, as people read it: the node's label (its old one
    /// when removed), or an edge's two ends' labels joined by `→`.
    pub subject: String,
}

impl Change {
    /// A change to the node `id`.
    fn node(kind: ChangeKind, id: String, before: Option<String>, after: Option<String>) -> Change {
        Change {
            kind,
            node: Some(id),
            edge: None,
            before,
            after,
            subject: String::new(),
        }
    }

    /// A change to an edge, keyed as in [`EdgeFacts`].
    fn edge(
        kind: ChangeKind,
        (from, to, _): &(String, String, bool),
        before: Option<String>,
        after: Option<String>,
    ) -> Change {
        Change {
            kind,
            node: None,
            edge: Some((from.clone(), to.clone())),
            before,
            after,
            subject: String::new(),
        }
    }
}

/// The node facts a change is judged on.
#[derive(Clone, PartialEq, Eq)]
struct NodeFacts {
    label: String,
    kind: String,
    lane: String,
}

fn node_facts(flow: &Flow) -> BTreeMap<String, NodeFacts> {
    flow.nodes
        .iter()
        .map(|node| {
            let lane = node
                .lane
                .map(|lane| flow.lanes[lane.index()].label.clone())
                .unwrap_or_default();
            (
                node.id.clone(),
                NodeFacts {
                    label: node.label.clone(),
                    kind: format!("{:?}", node.kind),
                    lane,
                },
            )
        })
        .collect()
}

/// Edges keyed by `(from id, to id, control?)`, each with its labels (two
/// edges may join the same pair).
type EdgeFacts = BTreeMap<(String, String, bool), Vec<Option<String>>>;

fn edge_facts(flow: &Flow, rename: &BTreeMap<String, String>) -> EdgeFacts {
    let mut edges = EdgeFacts::new();
    for edge in &flow.edges {
        let id = |node| {
            let id = &flow.node_at(node).id;
            rename.get(id).cloned().unwrap_or_else(|| id.clone())
        };
        edges
            .entry((id(edge.from), id(edge.to), edge.kind == EdgeKind::Control))
            .or_default()
            .push(edge.label.as_ref().map(|label| label.value.clone()));
    }
    edges
}

/// What changed from `before` to `after`: nodes first (in `after`'s
/// order, removed ones after), then edges. A node whose id changed while
/// its label, kind and lane stayed is one rename, not a removal and an
/// addition, and its edges are not reported as changed.
pub fn changes(before: &Flow, after: &Flow) -> Vec<Change> {
    let old = node_facts(before);
    let new = node_facts(after);
    let rename = renames(&old, &new);
    let renamed_to: BTreeSet<&String> = rename.values().collect();

    let mut found = Vec::new();
    for node in &after.nodes {
        let id = &node.id;
        let now = &new[id];
        if let Some((was, _)) = rename.iter().find(|(_, now)| *now == id) {
            found.push(Change::node(
                ChangeKind::Renamed,
                id.clone(),
                Some(was.clone()),
                Some(id.clone()),
            ));
            continue;
        }
        let Some(then) = old.get(id) else {
            if !renamed_to.contains(id) {
                found.push(Change::node(
                    ChangeKind::Added,
                    id.clone(),
                    None,
                    Some(now.label.clone()),
                ));
            }
            continue;
        };
        if then.label != now.label {
            found.push(Change::node(
                ChangeKind::Relabelled,
                id.clone(),
                Some(then.label.clone()),
                Some(now.label.clone()),
            ));
        }
        if then.lane != now.lane {
            found.push(Change::node(
                ChangeKind::Moved,
                id.clone(),
                Some(then.lane.clone()),
                Some(now.lane.clone()),
            ));
        }
    }
    for node in &before.nodes {
        if !new.contains_key(&node.id) && !rename.contains_key(&node.id) {
            found.push(Change::node(
                ChangeKind::Removed,
                node.id.clone(),
                Some(node.label.clone()),
                None,
            ));
        }
    }

    edge_changes(before, after, &rename, &mut found);
    for change in &mut found {
        change.subject = subject(change, before, after);
    }
    found
}

/// Renamed ids: one gone id and one new id with the same facts, and no
/// other candidate for either.
fn renames(
    old: &BTreeMap<String, NodeFacts>,
    new: &BTreeMap<String, NodeFacts>,
) -> BTreeMap<String, String> {
    let gone: Vec<&String> = old.keys().filter(|id| !new.contains_key(*id)).collect();
    let came: Vec<&String> = new.keys().filter(|id| !old.contains_key(*id)).collect();
    let mut rename: BTreeMap<String, String> = BTreeMap::new();
    for &was in &gone {
        let matches: Vec<&&String> = came.iter().filter(|now| new[**now] == old[was]).collect();
        if let [now] = matches[..] {
            let rivals = gone
                .iter()
                .filter(|other| old[**other] == new[*now])
                .count();
            if rivals == 1 {
                rename.insert(was.clone(), (*now).clone());
            }
        }
    }
    rename
}

/// Edges added, removed and relabelled (an edge that ended at a removed
/// node is part of that removal; a renamed node's edges are compared by
/// its new id).
fn edge_changes(
    before: &Flow,
    after: &Flow,
    rename: &BTreeMap<String, String>,
    found: &mut Vec<Change>,
) {
    let new_ids: BTreeSet<&str> = after.nodes.iter().map(|node| node.id.as_str()).collect();
    let old_edges = edge_facts(before, rename);
    let new_edges = edge_facts(after, &BTreeMap::new());
    let show = |label: &Option<String>| Some(label.clone().unwrap_or_default());
    for (key, labels) in &new_edges {
        match old_edges.get(key) {
            None => labels.iter().for_each(|label| {
                found.push(Change::edge(ChangeKind::Added, key, None, show(label)))
            }),
            Some(was) if was != labels => {
                // Same pair, other labels: one relabelling when there is
                // one edge each side, else what came and went.
                if let ([was], [now]) = (&was[..], &labels[..]) {
                    found.push(Change::edge(
                        ChangeKind::Relabelled,
                        key,
                        show(was),
                        show(now),
                    ));
                } else {
                    for label in labels.iter().filter(|label| !was.contains(label)) {
                        found.push(Change::edge(ChangeKind::Added, key, None, show(label)));
                    }
                    for label in was.iter().filter(|label| !labels.contains(label)) {
                        found.push(Change::edge(ChangeKind::Removed, key, show(label), None));
                    }
                }
            }
            Some(_) => {}
        }
    }
    for (key, labels) in &old_edges {
        if !new_edges.contains_key(key) {
            // An edge that ended at a removed node is part of that removal.
            let (from, to, _) = key;
            if !new_ids.contains(from.as_str()) || !new_ids.contains(to.as_str()) {
                continue;
            }
            for label in labels {
                found.push(Change::edge(ChangeKind::Removed, key, show(label), None));
            }
        }
    }
}

/// The labels people know a change by (ids are for the file).
fn subject(change: &Change, before: &Flow, after: &Flow) -> String {
    let label = |id: &str| {
        let flow_label = |flow: &Flow| flow.node(id).map(|node| flow.node_at(node).label.clone());
        flow_label(after)
            .or_else(|| flow_label(before))
            .unwrap_or_else(|| id.to_owned())
            .replace('\n', " ")
    };
    match (&change.node, &change.edge) {
        (Some(node), _) => label(node),
        (None, Some((from, to))) => format!("{} → {}", label(from), label(to)),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;

    fn flow(text: &str) -> Flow {
        let source = SourceFile::new("t.crmflow", text.to_owned());
        crate::compile(&source, &crate::Options::default())
            .expect("compiles")
            .flow
    }

    const BASE: &str = "lane a \"Sales\"\nlane b \"Service\"\n\
        start s \"Start\" lane a\nstep call \"Call\" lane a\n\
        decision ok \"OK?\" lane a\nend done \"Done\" lane b\nend lost \"Lost\" lane b\n\
        s -> call -> ok\nok -> done : \"yes\"\nok -> lost : \"no\"\n";

    fn kinds(changes: &[Change]) -> Vec<(ChangeKind, Option<&str>, Option<&str>)> {
        changes
            .iter()
            .map(|c| (c.kind.clone(), c.before.as_deref(), c.after.as_deref()))
            .collect()
    }

    #[test]
    fn the_same_flow_has_no_changes() {
        assert!(changes(&flow(BASE), &flow(BASE)).is_empty());
    }

    #[test]
    fn a_relabelled_node_a_moved_node_and_a_relabelled_branch() {
        let after = BASE
            .replace("\"Call\" lane a", "\"Call the customer\" lane b")
            .replace("\"yes\"", "\"approved\"");
        let found = changes(&flow(BASE), &flow(&after));
        assert_eq!(
            kinds(&found),
            [
                (
                    ChangeKind::Relabelled,
                    Some("Call"),
                    Some("Call the customer")
                ),
                (ChangeKind::Moved, Some("Sales"), Some("Service")),
                (ChangeKind::Relabelled, Some("yes"), Some("approved")),
            ]
        );
        assert_eq!(found[0].node.as_deref(), Some("call"));
        assert_eq!(found[2].edge, Some(("ok".into(), "done".into())));
        assert_eq!(found[1].subject, "Call the customer");
        assert_eq!(found[2].subject, "OK? → Done");
    }

    #[test]
    fn a_new_id_with_the_same_step_is_a_rename_and_its_edges_stay() {
        let after = BASE.replace("call", "phone");
        let found = changes(&flow(BASE), &flow(&after));
        assert_eq!(
            kinds(&found),
            [(ChangeKind::Renamed, Some("call"), Some("phone"))]
        );
    }

    #[test]
    fn added_and_removed_nodes_and_edges() {
        let after = BASE
            .replace(
                "end lost \"Lost\" lane b\n",
                "step retry \"Retry\" lane b\n",
            )
            .replace(
                "ok -> lost : \"no\"\n",
                "ok -> retry : \"no\"\nretry -> call\n",
            );
        let found = changes(&flow(BASE), &flow(&after));
        assert_eq!(
            kinds(&found),
            [
                (ChangeKind::Added, None, Some("Retry")),
                (ChangeKind::Removed, Some("Lost"), None),
                (ChangeKind::Added, None, Some("no")),
                (ChangeKind::Added, None, Some("")),
            ]
        );
        assert_eq!(found[2].edge, Some(("ok".into(), "retry".into())));
        assert_eq!(found[3].edge, Some(("retry".into(), "call".into())));
        assert_eq!(found[1].subject, "Lost");
    }

    #[test]
    fn journeys_name_their_branches_and_put_loops_last() {
        let text = BASE.replace("ok -> lost : \"no\"", "ok -> call : \"no\"");
        let (walks, cut) = journeys(&flow(&text));
        assert!(!cut);
        assert_eq!(walks.len(), 2);
        assert_eq!(walks[0].name, "OK? yes → Done");
        assert_eq!(walks[0].nodes, ["s", "call", "ok", "done"]);
        assert_eq!(walks[0].branches, [None, None, Some("yes".into())]);
        assert!(walks[1].loops_back);
        assert_eq!(walks[1].name, "OK? no → ↺ Call");
    }
}
