//! `superfluous-decision` (L020): a decision with one way in and one way out.

use super::{Rule, describe};
use crate::diag::Diag;
use crate::lint::{Context, Level};
use crate::model::{NodeId, NodeKind};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L020",
    name: "superfluous-decision",
    summary: "a decision with one way in and one way out: it decides nothing",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
};

const DOC: &str = r#"# superfluous-decision (L020)

A decision with exactly one incoming control edge whose branches all lead
to the same node: whatever the answer, the process goes the same way. Make
it a step, or add the branch that is missing. (Decisions with no branch, or
one branch and several ways in, are reported by `decision-branches`.)

## Incorrect
```crmflow
start    order    "Order received"
decision credit   "Credit OK?"
step     ship     "Ship"
end      done     "Done"
order -> credit
credit -> ship : "yes"
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

/// True for a decision with one incoming control edge and one distinct
/// successor (shared with `decision-branches`, which then stays quiet).
pub(crate) fn applies(cx: &Context<'_>, id: NodeId) -> bool {
    cx.flow.node_at(id).kind == NodeKind::Decision
        && cx.graph.incoming[id.index()].len() == 1
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
                format!(
                    "the decision {} always leads to {}: it decides nothing",
                    describe(flow, id),
                    describe(flow, target)
                ),
            )
            .with_help("make it a `step`, or add the branch for the other outcome"),
        );
    }
}
