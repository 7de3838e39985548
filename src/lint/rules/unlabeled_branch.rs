//! `unlabeled-branch` (L006): a decision branch without a label.

use super::{decisions, describe};
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L006",
    name: "unlabeled-branch",
    summary: "a decision's outgoing control edge without a label",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# unlabeled-branch (L006)

Each branch of a decision should say which outcome it is ("yes", "no",
"金额 > 10万"). Without labels the reader has to guess which way is which.

## Incorrect
```crmflow
start    lead      "New lead"
decision qualified "Qualified?"
end      won       "Meeting booked"
end      lost      "Discarded"
lead -> qualified
qualified -> won
qualified -> lost : "no"
```

## Correct
```crmflow
start    lead      "New lead"
decision qualified "Qualified?"
end      won       "Meeting booked"
end      lost      "Discarded"
lead -> qualified
qualified -> won  : "yes"
qualified -> lost : "no"
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for (id, branches) in decisions(cx) {
        for &index in branches {
            let edge = &flow.edges[index];
            if edge.label.is_some() {
                continue;
            }
            out.push(
                Diag::warning(
                    RULE.code,
                    edge.span,
                    t("lint-this-branch-decision-has-no").arg("flow", describe(flow, id)),
                )
                .with_help(t("lint-say-which-outcome-after-colon")),
            );
        }
    }
}
