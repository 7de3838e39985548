//! `stale-review` (L022): the last review is too long ago (or missing).

use super::{Rule, header_anchor};
use crate::diag::Diag;
use crate::lint::{Context, Level};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L022",
    name: "stale-review",
    summary: "`reviewed` is older than the review interval (default 180 days), in the future, or missing when required",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
};

const DOC: &str = r#"# stale-review (L022)

Step 10 of the ten-step method: review the flow on a schedule. The header's
`reviewed` date says when it was last checked against reality; this rule
reports it when it is older than the interval, when it lies in the future
(a typo), and, when required, when it is missing.

## Options
```yaml
lint:
  rules:
    stale-review: { severity: warning, max-age-days: 180, required: false }
```
`required` is true in the `strict` preset. Today's date comes from the
clock, or from `CRMFLOW_TODAY=YYYY-MM-DD` for reproducible runs.

## Incorrect
```crmflow
flow "Onboarding" { goal "Activate new customers" reviewed 2020-01-15 }
start signup "Signed up"
end   active "Active"
signup -> active
```

## Correct
```crmflow
flow "Onboarding" { goal "Activate new customers" reviewed 2026-11-01 }
start signup "Signed up"
end   active "Active"
signup -> active
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let Some(today) = cx.options.today else {
        return;
    };
    let limit = cx.options.review_max_age_days;
    match &cx.flow.header.reviewed {
        Some(reviewed) => {
            let age = (today - reviewed.value).whole_days();
            if age > i64::from(limit) {
                out.push(
                    Diag::warning(
                        RULE.code,
                        reviewed.span,
                        format!(
                            "the flow was last reviewed {age} days ago, on {}; reviews are due every {limit} days",
                            reviewed.value
                        ),
                    )
                    .with_help(format!(
                        "walk through the flow with its owner, then set `reviewed {today}`"
                    )),
                );
            } else if age < 0 {
                out.push(
                    Diag::warning(
                        RULE.code,
                        reviewed.span,
                        format!(
                            "the review date {} is in the future (today is {today})",
                            reviewed.value
                        ),
                    )
                    .with_help("use the date the review actually happened"),
                );
            }
        }
        None if cx.options.review_required => out.push(
            Diag::warning(
                RULE.code,
                header_anchor(cx.flow),
                "the flow has no `reviewed` date",
            )
            .with_help(format!(
                "after reviewing it, add `reviewed {today}` to the header"
            )),
        ),
        None => {}
    }
}
