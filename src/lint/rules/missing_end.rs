//! `missing-end` (L009): a flow without an `end` node.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L009",
    name: "missing-end",
    summary: "the flow has no `end` node",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# missing-end (L009)

A process must say where it finishes (成交, 结案, closed): without an `end`,
no path completes, and loops and dead ends cannot be told apart.

The finding points at the first declared node.

## Incorrect
```crmflow
start contact "Customer contacts us"
step  collect "Collect the lead"
contact -> collect
```

## Correct
```crmflow
start contact "Customer contacts us"
step  collect "Collect the lead"
end   done    "Lead recorded"
contact -> collect -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.nodes.is_empty() || flow.nodes.iter().any(|node| node.kind == NodeKind::End) {
        return;
    }
    out.push(
        Diag::error(
            RULE.code,
            flow.nodes[0].id_span,
            t("lint-flow-has-no-end-node"),
        )
        .with_help(t("lint-declare-where-process-finishes-e")),
    );
}
