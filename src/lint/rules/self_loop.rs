//! `self-loop` (L019): an edge from a node to itself.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L019",
    name: "self-loop",
    summary: "an edge from a node back to itself",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# self-loop (L019)

An edge leads from a node straight back to itself. A repeated step hides
when it repeats and when it stops; model the repetition with a decision
("Reached the customer?") whose "no" branch loops back.

## Incorrect
```crmflow
start    lead    "New lead"
step     call    "Call the lead"
end      done    "Done"
lead -> call -> done
call -> call : "no answer"
```

## Correct
```crmflow
start    lead    "New lead"
step     call    "Call the lead"
decision reached "Reached?"
end      done    "Done"
lead -> call -> reached
reached -> call : "no"
reached -> done : "yes"
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for edge in &flow.edges {
        if edge.from == edge.to {
            out.push(
                Diag::warning(
                    RULE.code,
                    edge.span,
                    t("lint-leads-back-itself").arg("from", describe(flow, edge.from)),
                )
                .with_help(t("lint-use-decision-after-step-whose")),
            );
        }
    }
}
