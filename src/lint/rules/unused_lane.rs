//! `unused-lane` (L013): a lane no node is in.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L013",
    name: "unused-lane",
    summary: "a declared lane that no node is in",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# unused-lane (L013)

A lane (role) is declared but nothing is done in it. It is drawn as an
empty band, suggesting a role takes part when it does not. Remove it, or
assign the steps that role performs to it.

## Incorrect
```crmflow
lane cs    "Customer service"
lane legal "Legal"
start contact "Customer calls" lane cs
end   done    "Done"           lane cs
contact -> done
```

## Correct
```crmflow
lane cs "Customer service"
start contact "Customer calls" lane cs
end   done    "Done"           lane cs
contact -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let mut used = vec![false; flow.lanes.len()];
    for node in &flow.nodes {
        if let Some(lane) = node.lane {
            used[lane.index()] = true;
        }
    }
    for (lane, used) in flow.lanes.iter().zip(used) {
        if !used {
            out.push(
                Diag::warning(
                    RULE.code,
                    lane.span,
                    t("lint-no-node-lane")
                        .arg("id", &lane.id)
                        .arg("label", &lane.label),
                )
                .with_help(t("lint-remove-lane-or-put-steps")),
            );
        }
    }
}
