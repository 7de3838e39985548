//! `dead-end` (L001): a node where the process stops without reaching an end.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L001",
    name: "dead-end",
    summary: "a node other than an `end` with no outgoing control edge (流程中断)",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# dead-end (L001)

A node other than an `end` has no outgoing control edge (`->`): a customer
who gets there is stuck, the process is interrupted (流程中断). Step 5 of the
ten-step method asks for a flow "without interruptions".

Data edges (`..>`) do not count: writing to a store does not move the
process on. Stores, documents and io shapes that only carry data are not
part of the control flow and are not checked. Decisions are checked by
`decision-branches`, nodes without any edge by `isolated-node`.

## Incorrect
```crmflow
start call "Customer calls"
step  note "Take notes"
end   done "Done"
call -> note
```

## Correct
```crmflow
start call "Customer calls"
step  note "Take notes"
end   done "Done"
call -> note -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        if matches!(node.kind, NodeKind::End | NodeKind::Decision)
            || !cx.graph.in_control[id.index()]
            || cx.graph.is_isolated(id)
            || !cx.graph.outgoing[id.index()].is_empty()
        {
            continue;
        }
        out.push(
            Diag::error(
                RULE.code,
                node.id_span,
                t("lint-process-stops-at-has-no").arg("flow", describe(flow, id)),
            )
            .with_help(t("lint-connect-what-comes-next-or").arg("id", &node.id)),
        );
    }
}
