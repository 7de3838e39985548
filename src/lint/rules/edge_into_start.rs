//! `edge-into-start` (L010): a control edge into a `start` node.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L010",
    name: "edge-into-start",
    summary: "a control edge that leads into a `start` node",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# edge-into-start (L010)

A `start` is where the customer enters; nothing leads into it (the language
contract: "start nodes have no incoming control edge"). To repeat from the
beginning, loop back to the first step after the start.

## Incorrect
```crmflow
start    contact "Customer contacts us"
step     answer  "Answer"
decision solved  "Solved?"
end      done    "Done"
contact -> answer -> solved
solved -> done    : "yes"
solved -> contact : "no"
```

## Correct
```crmflow
start    contact "Customer contacts us"
step     answer  "Answer"
decision solved  "Solved?"
end      done    "Done"
contact -> answer -> solved
solved -> done   : "yes"
solved -> answer : "no"
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for id in flow.node_ids() {
        if flow.node_at(id).kind != NodeKind::Start {
            continue;
        }
        for &index in &cx.graph.incoming[id.index()] {
            out.push(
                Diag::error(
                    RULE.code,
                    flow.edges[index].span,
                    t("lint-this-edge-leads-into-start").arg("flow", describe(flow, id)),
                )
                .with_label(flow.node_at(id).id_span, t("lint-declared-as-start-here"))
                .with_help(t("lint-loop-back-first-step-after")),
            );
        }
    }
}
