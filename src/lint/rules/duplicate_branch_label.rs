//! `duplicate-branch-label` (L007): two branches of a decision with one label.

use super::{decisions, describe};
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L007",
    name: "duplicate-branch-label",
    summary: "two branches of one decision with the same label",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# duplicate-branch-label (L007)

Two outgoing edges of one decision carry the same label: the same outcome
leads two different ways, so the decision is ambiguous. Labels are compared
ignoring case and surrounding spaces.

## Incorrect
```crmflow
start    lead      "New lead"
decision qualified "Qualified?"
end      won       "Meeting booked"
end      lost      "Discarded"
lead -> qualified
qualified -> won  : "yes"
qualified -> lost : "Yes"
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
        let mut seen: HashMap<String, usize> = HashMap::new();
        for &index in branches {
            let Some(label) = &flow.edges[index].label else {
                continue;
            };
            let key = label.value.trim().to_lowercase();
            match seen.get(&key) {
                Some(&first) => {
                    let first_label = flow.edges[first].label.as_ref().expect("labelled");
                    out.push(
                        Diag::error(
                            RULE.code,
                            label.span,
                            t("lint-decision-has-two-branches-labelled")
                                .arg("flow", describe(flow, id))
                                .arg("label", label.value.trim()),
                        )
                        .with_label(first_label.span, t("lint-same-label-here"))
                        .with_help(t("lint-give-each-outcome-own-label")),
                    );
                }
                None => {
                    seen.insert(key, index);
                }
            }
        }
    }
}
