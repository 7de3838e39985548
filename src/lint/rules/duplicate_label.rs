//! `duplicate-label` (L018): two steps with the same label.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L018",
    name: "duplicate-label",
    summary: "two steps (or sub-processes) with the same label: a redundant path?",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# duplicate-label (L018)

Two steps do the same thing, by their labels. Step 7 of the ten-step
method asks to optimise the flow and remove redundant paths (优化路径):
usually the two branches can meet at one shared step. Labels are compared
ignoring case and extra spaces. Decisions, starts and ends may repeat
("Approved?", "Done").

## Incorrect
```crmflow
start    contact "Customer calls"
decision known   "Known customer?"
step     check1  "Verify identity"
step     check2  "Verify identity"
end      done    "Done"
contact -> known
known -> check1 : "yes"
known -> check2 : "no"
check1 -> done
check2 -> done
```

## Correct
```crmflow
start    contact "Customer calls"
decision known   "Known customer?"
step     create  "Create the customer"
step     verify  "Verify identity"
end      done    "Done"
contact -> known
known -> verify : "yes"
known -> create : "no"
create -> verify -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let mut first = HashMap::new();
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        if !matches!(node.kind, NodeKind::Step | NodeKind::Sub) {
            continue;
        }
        let key = node
            .label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match first.get(&key) {
            None => {
                first.insert(key, id);
            }
            Some(&earlier) => out.push(
                Diag::warning(
                    RULE.code,
                    node.id_span,
                    t("lint-has-same-label-as")
                        .arg("flow", describe(flow, id))
                        .arg("earlier", describe(flow, earlier)),
                )
                .with_label(flow.node_at(earlier).id_span, t("lint-same-label-here-2"))
                .with_help(t("lint-if-both-do-same-work")),
            ),
        }
    }
}
