//! `unreachable` (L002): a node no start reaches through control edges.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L002",
    name: "unreachable",
    summary: "a node that no `start` reaches through control edges",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# unreachable (L002)

No `start` reaches the node through control edges (`->`), so no customer
journey ever passes through it: it is dead weight in the diagram, or an edge
into it is missing. Walk the flow from its starts (step 8 of the ten-step
method: test by walking the customer journey) and every step should be met.

Data edges do not make a node reachable. Flows without a `start` are
reported by `missing-start` instead; nodes without any edge by
`isolated-node`.

## Incorrect
```crmflow
start call   "Customer calls"
step  answer "Answer"
step  survey "Satisfaction survey"
end   done   "Done"
call -> answer -> done
survey -> done
```

## Correct
```crmflow
start call   "Customer calls"
step  answer "Answer"
step  survey "Satisfaction survey"
end   done   "Done"
call -> answer -> survey -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if !flow.nodes.iter().any(|node| node.kind == NodeKind::Start) {
        return;
    }
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        if node.kind == NodeKind::Start
            || !cx.graph.in_control[id.index()]
            || cx.graph.is_isolated(id)
            || cx.graph.from_start[id.index()]
        {
            continue;
        }
        out.push(
            Diag::error(
                RULE.code,
                node.id_span,
                t("lint-no-start-reaches").arg("flow", describe(flow, id)),
            )
            .with_help(t("lint-add-control-edge-into-from").arg("id", &node.id)),
        );
    }
}
