//! `missing-goal` (L021): no `goal` in the header.

use super::header_anchor;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L021",
    name: "missing-goal",
    summary: "the header has no `goal`",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# missing-goal (L021)

Step 1 of the ten-step method: state the goal of the process (提升转化率,
shorten response time…). The goal is what reviewers measure the flow
against and it is printed in the diagram's title block.

## Incorrect
```crmflow
flow "Complaint handling" {
  owner "Service"
}
start ticket "Ticket opened"
end   closed "Closed"
ticket -> closed
```

## Correct
```crmflow
flow "Complaint handling" {
  goal  "Resolve complaints within 48 hours"
  owner "Service"
}
start ticket "Ticket opened"
end   closed "Closed"
ticket -> closed
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow
        .header
        .goal
        .as_ref()
        .is_some_and(|goal| !goal.value.trim().is_empty())
    {
        return;
    }
    let message = if flow.header.goal.is_some() {
        t("lint-goal-empty")
    } else {
        t("lint-no-goal")
    };
    out.push(
        Diag::warning(RULE.code, header_anchor(flow), message)
            .with_help(t("lint-say-what-process-for-header")),
    );
}
