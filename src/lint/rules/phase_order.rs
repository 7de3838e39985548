//! `phase-order` (L028): phases declared in another order than the flow
//! walks them.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;
use std::collections::VecDeque;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L028",
    name: "phase-order",
    summary: "a phase the flow reaches before a phase declared ahead of it",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# phase-order (L028)

Phases are drawn as columns in the order they are declared, so that order
should be the order the process goes through them. This rule walks the
flow from its starts and notes how many steps it takes to first enter
each phase; a phase entered sooner than one declared before it is out of
order, and every edge between the two is drawn backwards.

## Incorrect
```crmflow
phase deal "Deal"
phase lead "Lead"
start inquiry "Inquiry"      phase lead
step  qualify "Qualify lead" phase lead
step  offer   "Send offer"   phase deal
end   won     "Won"          phase deal
inquiry -> qualify -> offer -> won
```

## Correct
```crmflow
phase lead "Lead"
phase deal "Deal"
start inquiry "Inquiry"      phase lead
step  qualify "Qualify lead" phase lead
step  offer   "Send offer"   phase deal
end   won     "Won"          phase deal
inquiry -> qualify -> offer -> won
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.phases.len() < 2 {
        return;
    }
    let phase = flow.phase_of();
    // Steps from the nearest start, breadth first along control edges.
    let mut depth: Vec<Option<usize>> = vec![None; flow.nodes.len()];
    let mut queue = VecDeque::new();
    for id in flow.node_ids() {
        if flow.node_at(id).kind == NodeKind::Start {
            depth[id.index()] = Some(0);
            queue.push_back(id);
        }
    }
    while let Some(id) = queue.pop_front() {
        let next = depth[id.index()].map_or(0, |d| d + 1);
        for &e in &cx.graph.outgoing[id.index()] {
            let to = flow.edges[e].to;
            if depth[to.index()].is_none() {
                depth[to.index()] = Some(next);
                queue.push_back(to);
            }
        }
    }
    let mut entry: Vec<Option<usize>> = vec![None; flow.phases.len()];
    for (n, d) in depth.iter().enumerate() {
        if let (Some(d), Some(p)) = (*d, phase[n]) {
            let slot = &mut entry[p.index()];
            *slot = Some(slot.map_or(d, |current: usize| current.min(d)));
        }
    }
    for later in 1..flow.phases.len() {
        let Some(reached) = entry[later] else {
            continue;
        };
        let Some(earlier) = (0..later).find(|&earlier| entry[earlier].is_some_and(|e| e > reached))
        else {
            continue;
        };
        let (later, earlier) = (&flow.phases[later], &flow.phases[earlier]);
        out.push(
            Diag::warning(
                RULE.code,
                later.id_span,
                t("lint-phase-reached-before")
                    .arg("later", &later.id)
                    .arg("earlier", &earlier.id),
            )
            .with_label(earlier.id_span, t("lint-declared-before-here"))
            .with_help(
                t("lint-declare-phases-in-walk-order")
                    .arg("later", &later.id)
                    .arg("earlier", &earlier.id),
            ),
        );
    }
}
