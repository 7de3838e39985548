//! `decision-branches` (L005): a decision with fewer than two branches.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L005",
    name: "decision-branches",
    summary: "a decision with fewer than two outgoing control edges",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# decision-branches (L005)

A `decision` must lead at least two ways (the language contract: "a
decision is expected to have at least two labelled outgoing control
edges"). With one branch it decides nothing; with none the process stops
there.

A decision whose two or more branches all lead to the same step is
reported by `superfluous-decision`.

## Incorrect
```crmflow
start    lead      "New lead"
decision qualified "Qualified?"
end      done      "Done"
lead -> qualified
lead -> done
```

## Correct
```crmflow
start    lead      "New lead"
decision qualified "Qualified?"
step     nurture   "Nurture"
step     meet      "Meet"
end      done      "Done"
lead -> qualified
qualified -> nurture : "no"
qualified -> meet    : "yes"
nurture -> done
meet -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        let branches = cx.graph.outgoing[id.index()].len();
        if node.kind != NodeKind::Decision || branches >= 2 {
            continue;
        }
        let message = if branches == 0 {
            t("lint-decision-has-no-branches-process").arg("flow", describe(flow, id))
        } else {
            t("lint-decision-has-only-one-branch").arg("flow", describe(flow, id))
        };
        let help = if branches == 1 {
            t("lint-add-branch-for-other-outcome").arg("id", &node.id)
        } else {
            t("lint-add-labelled-edge-for-each").arg("id", &node.id)
        };
        let mut diag = Diag::error(RULE.code, node.id_span, message).with_help(help);
        for &edge in &cx.graph.outgoing[id.index()] {
            diag = diag.with_label(flow.edges[edge].span, t("lint-only-branch"));
        }
        out.push(diag);
    }
}
