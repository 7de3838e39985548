//! `excessive-handoffs` (L023): a path that changes lanes too often.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level};
use crate::lint::rule::{OptionError, RuleOptions, describe_value};
use crate::model::{Flow, LaneId, NodeKind};
use std::collections::VecDeque;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L023",
    name: "excessive-handoffs",
    summary: "a path from a start that switches lanes more often than the limit (default 6)",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: OPTIONS,
    configure,
};

const DOC: &str = r#"# excessive-handoffs (L023)

Every change of lane along a path is a hand-off between roles: a queue, a
wait, a chance to drop the customer. A path that switches lanes more often
than the limit is worth simplifying (step 7 of the ten-step method:
optimise the flow). The finding shows the worst path and each hand-off on
it. Loops are counted once (their back edges are left out), so the count is
of a path through the flow, not of an unbounded walk.

## Options
```yaml
lint:
  rules:
    excessive-handoffs: { severity: warning, max: 6 }
```

## Incorrect
```crmflow
lane a "Sales"
lane b "Legal"
start s "Order"    lane a
step  x "Draft"    lane b
step  y "Price"    lane a
step  z "Check"    lane b
step  u "Adjust"   lane a
step  v "Approve"  lane b
step  w "Sign"     lane a
step  t "Archive"  lane b
end   e "Done"     lane a
s -> x -> y -> z -> u -> v -> w -> t -> e
```

## Correct
```crmflow
lane a "Sales"
lane b "Legal"
start s "Order"    lane a
step  y "Price"    lane a
step  u "Adjust"   lane a
step  x "Draft"    lane b
step  z "Check"    lane b
step  v "Approve"  lane b
step  w "Sign"     lane a
end   e "Done"     lane a
s -> y -> u -> x -> z -> v -> w -> e
```
"#;

const NONE: u32 = u32::MAX;

/// `max`: the most lane changes a path may have.
const OPTIONS: &[&str] = &["max"];

fn configure(
    _option: &str,
    value: &serde_yaml::Value,
    options: &mut RuleOptions,
) -> Result<(), OptionError> {
    match value.as_u64() {
        Some(max) if max <= 10_000 => {
            options.max_handoffs = max as u32;
            Ok(())
        }
        _ => Err(OptionError {
            message: t("lint-max-must-whole").arg("value", describe_value(value)),
            help: Some(t("lint-max-example")),
        }),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let limit = cx.options.max_handoffs;
    if flow.lanes.len() < 2 {
        return;
    }
    let back = back_edges(cx);
    let count = flow.nodes.len();
    // Kahn's order over the forward edges.
    let mut indegree = vec![0u32; count];
    for (index, edge) in flow.edges.iter().enumerate() {
        if is_forward(cx, &back, index) {
            indegree[edge.to.index()] += 1;
        }
    }
    let mut queue: VecDeque<usize> = (0..count).filter(|&n| indegree[n] == 0).collect();
    let mut handoffs = vec![0u32; count];
    let mut lane: Vec<Option<LaneId>> = flow.nodes.iter().map(|node| node.lane).collect();
    let mut via = vec![NONE; count];
    while let Some(node) = queue.pop_front() {
        for &index in &cx.graph.outgoing[node] {
            if !is_forward(cx, &back, index) {
                continue;
            }
            let target = flow.edges[index].to.index();
            let target_lane = flow.nodes[target].lane.or(lane[node]);
            let switch = matches!((lane[node], target_lane), (Some(a), Some(b)) if a != b);
            let total = handoffs[node] + u32::from(switch);
            if via[target] == NONE || total > handoffs[target] {
                handoffs[target] = total;
                via[target] = index as u32;
                lane[target] = target_lane;
            }
            indegree[target] -= 1;
            if indegree[target] == 0 {
                queue.push_back(target);
            }
        }
    }
    let Some(worst) = (0..count).max_by_key(|&n| (handoffs[n], std::cmp::Reverse(n))) else {
        return;
    };
    if handoffs[worst] <= limit {
        return;
    }
    // The path back to where it begins.
    let mut path = vec![worst];
    let mut edges = Vec::new();
    while via[*path.last().expect("non-empty")] != NONE {
        let index = via[*path.last().expect("non-empty")] as usize;
        edges.push(index);
        path.push(flow.edges[index].from.index());
    }
    path.reverse();
    edges.reverse();
    let mut diag = Diag::warning(
        RULE.code,
        flow.nodes[path[0]].id_span,
        t("lint-path-from-here-switches-lanes")
            .arg("limit", limit)
            .arg("worst", handoffs[worst])
            .arg("path", path_text(flow, &path)),
    )
    .with_help(t("lint-group-consecutive-work-one-role"));
    let mut number = 0;
    for &index in &edges {
        let edge = &flow.edges[index];
        let (from, to) = (lane[edge.from.index()], lane[edge.to.index()]);
        if let (Some(from), Some(to)) = (from, to)
            && from != to
        {
            number += 1;
            diag = diag.with_label(
                edge.span,
                t("lint-hand-off-number")
                    .arg("number", number as i64)
                    .arg("label", &flow.lanes[from.index()].label)
                    .arg("label2", &flow.lanes[to.index()].label),
            );
        }
    }
    out.push(diag);
}

fn is_forward(cx: &Context<'_>, back: &[bool], index: usize) -> bool {
    cx.flow.edges[index].kind == crate::model::EdgeKind::Control && !back[index]
}

/// Back edges of a depth-first search from the starts (then from every node
/// left), in declaration order: leaving them out makes the graph acyclic.
fn back_edges(cx: &Context<'_>) -> Vec<bool> {
    let flow = cx.flow;
    let count = flow.nodes.len();
    let mut back = vec![false; flow.edges.len()];
    // 0 = unseen, 1 = on the stack, 2 = done
    let mut state = vec![0u8; count];
    let roots = flow
        .node_ids()
        .filter(|&id| flow.node_at(id).kind == NodeKind::Start)
        .chain(flow.node_ids())
        .map(|id| id.index());
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        work.push((root, 0));
        while let Some(&mut (node, ref mut position)) = work.last_mut() {
            match cx.graph.outgoing[node].get(*position) {
                Some(&index) => {
                    *position += 1;
                    let target = flow.edges[index].to.index();
                    match state[target] {
                        0 => {
                            state[target] = 1;
                            work.push((target, 0));
                        }
                        1 => back[index] = true,
                        _ => {}
                    }
                }
                None => {
                    state[node] = 2;
                    work.pop();
                }
            }
        }
    }
    back
}

/// `a → b → … → z`, shortened in the middle when long.
fn path_text(flow: &Flow, path: &[usize]) -> String {
    let name = |&n: &usize| flow.nodes[n].id.as_str();
    if path.len() <= 12 {
        return path.iter().map(name).collect::<Vec<_>>().join(" → ");
    }
    let head: Vec<&str> = path[..5].iter().map(name).collect();
    let tail: Vec<&str> = path[path.len() - 5..].iter().map(name).collect();
    format!(
        "{} → … ({} more) … → {}",
        head.join(" → "),
        path.len() - 10,
        tail.join(" → ")
    )
}
