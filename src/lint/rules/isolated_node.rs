//! `isolated-node` (L015): a node with no edges at all.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L015",
    name: "isolated-node",
    summary: "a node with no edges of any kind",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# isolated-node (L015)

A node that no edge touches, control or data: it floats in the diagram,
unconnected to the process. Usually an edge was forgotten, or the node is
left over from an earlier version. (`dead-end` and `unreachable` stay quiet
about it; this one finding says it all.)

## Incorrect
```crmflow
start contact "Customer calls"
step  answer  "Answer"
step  upsell  "Offer an upgrade"
end   done    "Done"
contact -> answer -> done
```

## Correct
```crmflow
start contact "Customer calls"
step  answer  "Answer"
step  upsell  "Offer an upgrade"
end   done    "Done"
contact -> answer -> upsell -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.nodes.len() < 2 {
        return;
    }
    for id in flow.node_ids() {
        if cx.graph.is_isolated(id) {
            out.push(
                Diag::warning(
                    RULE.code,
                    flow.node_at(id).id_span,
                    t("lint-not-connected-anything").arg("flow", describe(flow, id)),
                )
                .with_help(t("lint-connect-with-control-or-data")),
            );
        }
    }
}
