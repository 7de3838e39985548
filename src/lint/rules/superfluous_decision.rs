//! `superfluous-decision` (L020): a decision whose branches all lead to the
//! same node.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::{NodeId, NodeKind};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L020",
    name: "superfluous-decision",
    summary: "a decision whose branches all lead to the same node: it decides nothing",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# superfluous-decision (L020)

A decision with two or more branches that all lead to the same node:
whatever the answer, the process goes the same way. Make it a step, or
send each outcome where it belongs. (A decision with fewer than two
branches breaks the language contract and is an error of
`decision-branches`.)

## Incorrect
```crmflow
start    order    "Order received"
decision credit   "Credit OK?"
step     ship     "Ship"
end      done     "Done"
order -> credit
credit -> ship : "yes"
credit -> ship : "no"
ship -> done
```

## Correct
```crmflow
start    order    "Order received"
decision credit   "Credit OK?"
step     ship     "Ship"
step     prepay   "Ask for prepayment"
end      done     "Done"
order -> credit
credit -> ship   : "yes"
credit -> prepay : "no"
prepay -> ship -> done
```
"#;

/// True for a decision with at least two branches and one distinct
/// successor.
fn applies(cx: &Context<'_>, id: NodeId) -> bool {
    cx.flow.node_at(id).kind == NodeKind::Decision
        && cx.graph.outgoing[id.index()].len() >= 2
        && cx.graph.successors(cx.flow, id).len() == 1
}

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for id in flow.node_ids() {
        if !applies(cx, id) {
            continue;
        }
        let target = cx.graph.successors(flow, id)[0];
        out.push(
            Diag::warning(
                RULE.code,
                flow.node_at(id).id_span,
                t("lint-decision-always-leads-decides-nothing")
                    .arg("flow", describe(flow, id))
                    .arg("target", describe(flow, target)),
            )
            .with_help(t("lint-make-step-or-add-branch")),
        );
    }
}
