//! `endless-loop` (L003): a loop from which no end can be reached.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L003",
    name: "endless-loop",
    summary: "a loop from which no `end` can be reached",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# endless-loop (L003)

A cycle of control edges with no way out to an `end`: once a customer
enters it, the process never finishes. A loop with an exit (a decision that
leaves it) is fine; this rule finds the ones without. Step 5 of the
ten-step method: connect the flow "without loops" that trap the customer.

The finding points at the loop's first node and lists the others.
Flows without any `end` are reported by `missing-end` instead.

## Incorrect
```crmflow
start    ticket "Ticket opened"
step     fix    "Try a fix"
decision ok     "Fixed?"
end      closed "Closed"
ticket -> fix -> ok
ok -> fix : "no"
ok -> fix : "not yet"
```

## Correct
```crmflow
start    ticket "Ticket opened"
step     fix    "Try a fix"
decision ok     "Fixed?"
end      closed "Closed"
ticket -> fix -> ok
ok -> fix    : "no"
ok -> closed : "yes"
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if !flow.nodes.iter().any(|node| node.kind == NodeKind::End) {
        return;
    }
    for members in &cx.graph.loops {
        if members.iter().any(|id| cx.graph.to_end[id.index()]) {
            continue;
        }
        let first = members[0];
        let mut diag = Diag::error(
            RULE.code,
            flow.node_at(first).id_span,
            if members.len() == 1 {
                t("lint-loops-back-itself-with-no").arg("first", describe(flow, first))
            } else {
                t("lint-loop-through-and-other-node")
                    .arg("first", describe(flow, first))
                    .arg("others", members.len() - 1)
            },
        )
        .with_help(t("lint-add-decision-loop-with-branch"));
        for &member in &members[1..] {
            diag = diag.with_label(flow.node_at(member).id_span, t("lint-part-loop"));
        }
        out.push(diag);
    }
}
