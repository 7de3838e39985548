//! The rules, one file each. A rule is plain data ([`Rule`]) plus a `check`
//! function that pushes findings; the engine in `lint/mod.rs` sets their
//! severity and applies suppressions.
//!
//! Each rule's `doc` is Markdown with an `## Incorrect` and a `## Correct`
//! example; a test lints both, so the docs cannot drift from the rules.

use super::rule::Context;
pub use super::rule::Rule;
use crate::model::{Flow, NodeId};
use crate::source::Span;

pub mod backward_phase;
pub mod dead_end;
pub mod decision_branches;
pub mod disconnected_store;
pub mod duplicate_branch_label;
pub mod duplicate_edge;
pub mod duplicate_label;
pub mod edge_into_start;
pub mod edge_out_of_end;
pub mod endless_loop;
pub mod excessive_handoffs;
pub mod ignore_directive;
pub mod isolated_node;
pub mod loop_without_decision;
pub mod missing_end;
pub mod missing_goal;
pub mod missing_phase;
pub mod missing_role;
pub mod missing_start;
pub mod missing_title;
pub mod phase_order;
pub mod self_loop;
pub mod single_lane_phase;
pub mod stale_review;
pub mod sub_target;
pub mod superfluous_decision;
pub mod unlabeled_branch;
pub mod unreachable;
pub mod unused_lane;
pub mod unused_module;
pub mod unused_phase;

/// Every rule, in code order.
pub const RULES: &[Rule] = &[
    dead_end::RULE,
    unreachable::RULE,
    endless_loop::RULE,
    loop_without_decision::RULE,
    decision_branches::RULE,
    unlabeled_branch::RULE,
    duplicate_branch_label::RULE,
    missing_start::RULE,
    missing_end::RULE,
    edge_into_start::RULE,
    edge_out_of_end::RULE,
    missing_role::RULE,
    unused_lane::RULE,
    unused_module::RULE,
    isolated_node::RULE,
    disconnected_store::RULE,
    duplicate_edge::RULE,
    duplicate_label::RULE,
    self_loop::RULE,
    superfluous_decision::RULE,
    missing_goal::RULE,
    stale_review::RULE,
    excessive_handoffs::RULE,
    sub_target::RULE,
    missing_phase::RULE,
    unused_phase::RULE,
    backward_phase::RULE,
    phase_order::RULE,
    single_lane_phase::RULE,
    missing_title::RULE,
    ignore_directive::RULE,
];

/// The rule with this name (`dead-end`).
pub fn rule_by_name(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.name == name)
}

/// The rule with this code (`L001`, any case).
pub fn rule_by_code(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(code))
}

/// How a node is named in messages: `` `id` `` or `` `id` “label” ``.
pub(crate) fn describe(flow: &Flow, id: NodeId) -> String {
    let node = flow.node_at(id);
    if node.label == node.id {
        format!("`{}`", node.id)
    } else {
        format!("`{}` “{}”", node.id, node.label.replace('\n', " "))
    }
}

/// Every decision with the indices (into `flow.edges`) of its outgoing
/// control edges, in declaration order.
pub(crate) fn decisions<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (NodeId, &'a [usize])> {
    cx.flow
        .node_ids()
        .filter(|&id| cx.flow.node_at(id).kind == crate::model::NodeKind::Decision)
        .map(|id| (id, cx.graph.outgoing[id.index()].as_slice()))
}

/// Where flow-level findings point when no node is more to blame: the
/// header's title (or its `flow` keyword), else the start of the file.
pub(crate) fn header_anchor(flow: &Flow) -> Span {
    if let Some(title) = &flow.header.title {
        return title.span;
    }
    match flow.header.span {
        Some(span) => Span::new(span.start, span.start + "flow".len().min(span.len())),
        None => Span::point(0),
    }
}
