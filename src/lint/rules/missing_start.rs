//! `missing-start` (L008): a flow without a `start` node.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L008",
    name: "missing-start",
    summary: "the flow has no `start` node",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# missing-start (L008)

Every process begins somewhere: the customer's first contact, a form, a
call (step 2 of the ten-step method: the starting point). Without a
`start`, nothing is reachable and the diagram has no entry point.

The finding points at the first declared node.

## Incorrect
```crmflow
step collect "Collect the lead"
end  done    "Done"
collect -> done
```

## Correct
```crmflow
start contact "Customer contacts us"
step  collect "Collect the lead"
end   done    "Done"
contact -> collect -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.nodes.is_empty() || flow.nodes.iter().any(|node| node.kind == NodeKind::Start) {
        return;
    }
    out.push(
        Diag::error(
            RULE.code,
            flow.nodes[0].id_span,
            t("lint-flow-has-no-start-node"),
        )
        .with_help(t("lint-declare-where-customer-enters-e")),
    );
}
