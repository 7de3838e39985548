//! `loop-without-decision` (L004): a loop that no decision controls.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L004",
    name: "loop-without-decision",
    summary: "a loop with no decision in it: nothing says when to repeat",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# loop-without-decision (L004)

A cycle of two or more nodes with no `decision` in it. Something must say
when the loop repeats and when it stops; a step with two outgoing edges
hides that choice, and readers of the diagram cannot see it. Model the
choice as a decision with labelled branches.

Loops with no way out at all are reported by `endless-loop`; a node looping
to itself by `self-loop`.

## Incorrect
```crmflow
start lead    "New lead"
step  call    "Call the lead"
step  wait    "Wait a week"
end   done    "Done"
lead -> call -> wait -> call
call -> done
```

## Correct
```crmflow
start    lead    "New lead"
step     call    "Call the lead"
decision reached "Reached?"
step     wait    "Wait a week"
end      done    "Done"
lead -> call -> reached
reached -> wait : "no"
reached -> done : "yes"
wait -> call
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let has_end = flow.nodes.iter().any(|node| node.kind == NodeKind::End);
    for members in &cx.graph.loops {
        let endless = has_end && !members.iter().any(|id| cx.graph.to_end[id.index()]);
        if members.len() < 2
            || endless
            || members
                .iter()
                .any(|&id| flow.node_at(id).kind == NodeKind::Decision)
        {
            continue;
        }
        let first = members[0];
        let mut diag = Diag::warning(
            RULE.code,
            flow.node_at(first).id_span,
            t("lint-loop-through-has-no-decision").arg("first", describe(flow, first)),
        )
        .with_help(t("lint-put-decision-loop-with-one"));
        for &member in &members[1..] {
            diag = diag.with_label(flow.node_at(member).id_span, t("lint-part-loop"));
        }
        out.push(diag);
    }
}
