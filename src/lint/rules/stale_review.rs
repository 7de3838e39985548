//! `stale-review` (L022): the last review is too long ago (or missing).

use super::header_anchor;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level};
use crate::lint::rule::{OptionError, RuleOptions, describe_value};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L022",
    name: "stale-review",
    summary: "`reviewed` is older than the review interval (default 180 days), in the future, or missing when required",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: OPTIONS,
    configure,
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

/// `max-age-days` (a review older than this is stale) and `required` (a
/// flow without a `reviewed` date is a finding too).
const OPTIONS: &[&str] = &["max-age-days", "required"];

fn configure(
    option: &str,
    value: &serde_yaml::Value,
    options: &mut RuleOptions,
) -> Result<(), OptionError> {
    match option {
        "max-age-days" => match value.as_u64() {
            Some(days) if days > 0 && days <= 36_600 => {
                options.review_max_age_days = days as u32;
                Ok(())
            }
            _ => Err(OptionError {
                message: t("lint-max-age-days-must-whole").arg("value", describe_value(value)),
                help: Some(t("lint-for-example-max-age-days")),
            }),
        },
        _ => match value.as_bool() {
            Some(required) => {
                options.review_required = required;
                Ok(())
            }
            None => Err(OptionError {
                message: t("lint-required-must-true-or-false").arg("value", describe_value(value)),
                help: None,
            }),
        },
    }
}

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
                        t("lint-flow-was-last-reviewed-age")
                            .arg("age", age)
                            .arg("limit", limit)
                            .arg("reviewed", &reviewed.value),
                    )
                    .with_help(t("lint-walk-through-flow-with-owner").arg("today", &today)),
                );
            } else if age < 0 {
                out.push(
                    Diag::warning(
                        RULE.code,
                        reviewed.span,
                        t("lint-review-date-future-today-today")
                            .arg("today", &today)
                            .arg("reviewed", &reviewed.value),
                    )
                    .with_help(t("lint-use-date-review-actually-happened")),
                );
            }
        }
        None if cx.options.review_required => out.push(
            Diag::warning(
                RULE.code,
                header_anchor(cx.flow),
                t("lint-flow-has-no-reviewed-date"),
            )
            .with_help(t("lint-after-reviewing-add-reviewed-today").arg("today", &today)),
        ),
        None => {}
    }
}
