//! `duplicate-edge` (L017): the same edge declared twice.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::EdgeKind;
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L017",
    name: "duplicate-edge",
    summary: "two edges of the same kind between the same two nodes",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# duplicate-edge (L017)

The same pair of nodes is connected twice in the same direction with the
same kind of edge. The second one draws a second arrow on top of the first
and usually is a copy-paste leftover; if the two mean different outcomes of
a decision, the decision should lead to different places.

## Incorrect
```crmflow
start contact "Customer calls"
step  answer  "Answer"
end   done    "Done"
contact -> answer -> done
contact -> answer
```

## Correct
```crmflow
start contact "Customer calls"
step  answer  "Answer"
end   done    "Done"
contact -> answer -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let mut first: HashMap<(u32, u32, bool), usize> = HashMap::new();
    for (index, edge) in flow.edges.iter().enumerate() {
        let key = (edge.from.0, edge.to.0, edge.kind == EdgeKind::Control);
        match first.get(&key) {
            None => {
                first.insert(key, index);
            }
            Some(&earlier) => out.push(
                Diag::warning(
                    RULE.code,
                    edge.span,
                    t("lint-declared-twice")
                        .arg("from", describe(flow, edge.from))
                        .arg(
                            "arrow",
                            if edge.kind == EdgeKind::Control {
                                "->"
                            } else {
                                "..>"
                            },
                        )
                        .arg("to", describe(flow, edge.to)),
                )
                .with_label(flow.edges[earlier].span, t("lint-first-declared-here"))
                .with_help(t("lint-remove-one-them")),
            ),
        }
    }
}
