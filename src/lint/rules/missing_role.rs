//! `missing-role` (L012): a step or decision without a lane in a flow with lanes.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L012",
    name: "missing-role",
    summary: "a step, decision or sub without a lane, in a flow that declares lanes",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# missing-role (L012)

When a flow declares lanes, every step, decision and sub-process must say
which role performs it (step 6 of the ten-step method: assign roles and
responsibilities). Otherwise the work falls between the swimlanes and
nobody owns it. Starts, ends, stores, documents and io shapes may stay
outside the lanes.

## Incorrect
```crmflow
lane cs "Customer service"
start contact "Customer calls"  lane cs
step  answer  "Answer the call"
end   done    "Done"            lane cs
contact -> answer -> done
```

## Correct
```crmflow
lane cs "Customer service"
start contact "Customer calls"  lane cs
step  answer  "Answer the call" lane cs
end   done    "Done"            lane cs
contact -> answer -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.lanes.is_empty() {
        return;
    }
    let lane_names: Vec<&str> = flow.lanes.iter().map(|lane| lane.id.as_str()).collect();
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        if node.lane.is_some()
            || !matches!(
                node.kind,
                NodeKind::Step | NodeKind::Decision | NodeKind::Sub
            )
        {
            continue;
        }
        out.push(
            Diag::error(
                RULE.code,
                node.id_span,
                t("lint-has-no-role-flow-has")
                    .arg("flow", describe(flow, id))
                    .arg("keyword", node.kind.keyword()),
            )
            .with_help(
                t("lint-say-who-does-with-lane").arg(
                    "lanes",
                    lane_names
                        .iter()
                        .take(4)
                        .map(|name| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
        );
    }
}
