//! `edge-out-of-end` (L011): a control edge out of an `end` node.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L011",
    name: "edge-out-of-end",
    summary: "a control edge that leaves an `end` node",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# edge-out-of-end (L011)

An `end` is where the process finishes; nothing follows it (the language
contract: "end nodes have no outgoing control edge"). If something does
happen afterwards, the node is a step.

## Incorrect
```crmflow
start contact "Customer contacts us"
end   closed  "Ticket closed"
step  survey  "Satisfaction survey"
end   done    "Done"
contact -> closed -> survey -> done
```

## Correct
```crmflow
start contact "Customer contacts us"
step  closed  "Close the ticket"
step  survey  "Satisfaction survey"
end   done    "Done"
contact -> closed -> survey -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for id in flow.node_ids() {
        if flow.node_at(id).kind != NodeKind::End {
            continue;
        }
        for &index in &cx.graph.outgoing[id.index()] {
            out.push(
                Diag::error(
                    RULE.code,
                    flow.edges[index].span,
                    t("lint-this-edge-leaves-end").arg("flow", describe(flow, id)),
                )
                .with_label(flow.node_at(id).id_span, t("lint-declared-as-end-here"))
                .with_help(t("lint-make-node-step-if-process")),
            );
        }
    }
}
