//! `disconnected-store` (L016): a store, doc or io with no data edge.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L016",
    name: "disconnected-store",
    summary: "a store or doc (or an io outside the control flow) that no data edge (`..>`) reads or writes",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# disconnected-store (L016)

Stores (the customer database), documents (a contract) and io shapes (a
form, a report) hold data; the diagram should show which steps write and
read them with data edges (`..>`). One that is connected only by control
edges (`->`) shows no data moving in or out. An io shape that is a step of
the control flow (a web form the customer fills in) is fine without data
edges; one with no edges at all is reported by `isolated-node`.

## Incorrect
```crmflow
start contact "Customer calls"
step  record  "Record the request"
store crm     "CRM database"
end   done    "Done"
contact -> record -> crm -> done
```

## Correct
```crmflow
start contact "Customer calls"
step  record  "Record the request"
store crm     "CRM database"
end   done    "Done"
contact -> record -> done
record ..> crm : "writes"
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        let io_in_process = node.kind == NodeKind::Io && cx.graph.in_control[id.index()];
        if !node.kind.is_data()
            || io_in_process
            || cx.graph.data_edges[id.index()] > 0
            || cx.graph.is_isolated(id)
        {
            continue;
        }
        out.push(
            Diag::warning(
                RULE.code,
                node.id_span,
                t("lint-no-data-edge-reads-or")
                    .arg("keyword", node.kind.keyword())
                    .arg("flow", describe(flow, id)),
            )
            .with_help(t("lint-show-data-moving-with-step").arg("id", &node.id)),
        );
    }
}
