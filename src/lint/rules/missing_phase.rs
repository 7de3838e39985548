//! `missing-phase` (L025): a step, decision or sub without a phase in a
//! flow that declares phases.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::NodeKind;

/// The rule.
pub const RULE: Rule = Rule {
    code: "L025",
    name: "missing-phase",
    summary: "a step, decision or sub without a phase, in a flow that declares phases",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# missing-phase (L025)

When a flow declares phases, every step, decision and sub-process should
say which phase (stage) it belongs to, so the drawing puts it in the right
column and the SOP and the statistics count it there. A node that does not
say is drawn in a phase taken from its neighbours — the latest phase of the
steps that lead to it — which may not be what you meant. Starts, ends,
stores, documents and io shapes may leave it to their neighbours.

## Incorrect
```crmflow
phase lead "Lead"
phase deal "Deal"
start inquiry "Inquiry"      phase lead
step  qualify "Qualify lead" phase lead
step  offer   "Send offer"
end   won     "Won"          phase deal
inquiry -> qualify -> offer -> won
```

## Correct
```crmflow
phase lead "Lead"
phase deal "Deal"
start inquiry "Inquiry"      phase lead
step  qualify "Qualify lead" phase lead
step  offer   "Send offer"   phase deal
end   won     "Won"          phase deal
inquiry -> qualify -> offer -> won
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.phases.is_empty() {
        return;
    }
    let drawn_in = flow.phase_of();
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        if node.phase.is_some()
            || !matches!(
                node.kind,
                NodeKind::Step | NodeKind::Decision | NodeKind::Sub
            )
        {
            continue;
        }
        let phase = drawn_in[id.index()].map_or(&flow.phases[0], |p| &flow.phases[p.index()]);
        out.push(
            Diag::warning(
                RULE.code,
                node.id_span,
                t("lint-has-no-phase")
                    .arg("flow", describe(flow, id))
                    .arg("phase", &phase.id),
            )
            .with_help(t("lint-say-which-phase").arg("phase", &phase.id)),
        );
    }
}
