//! `single-lane-phase` (L029): a phase whose steps are all in one lane.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L029",
    name: "single-lane-phase",
    summary: "a phase whose steps are all done by one role that works in no other phase",
    recommended: Level::Info,
    strict: Level::Warning,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# single-lane-phase (L029)

A hint. Phases and lanes are the two dimensions of a cross-functional
flowchart: who does a step, and in which stage of the customer's journey.
When every step of a phase is done by one role and that role does nothing
in any other phase, the phase and the lane say the same thing twice: the
phase is just that role's part of the work, or the stage's other roles are
missing from the flow. Check that the stage is one the customer goes
through, and that no role taking part in it is left out.

## Incorrect
```crmflow
lane mkt   "Marketing"
lane sales "Sales"
phase lead     "Lead"
phase contract "Contract"
start inquiry "Inquiry"      lane mkt   phase lead
step  qualify "Qualify lead" lane mkt   phase lead
step  offer   "Send offer"   lane sales phase contract
end   won     "Won"          lane sales phase contract
inquiry -> qualify -> offer -> won
```

## Correct
```crmflow
lane mkt   "Marketing"
lane sales "Sales"
phase lead     "Lead"
phase contract "Contract"
start inquiry "Inquiry"      lane mkt   phase lead
step  qualify "Qualify lead" lane sales phase lead
step  offer   "Send offer"   lane sales phase contract
end   won     "Won"          lane sales phase contract
inquiry -> qualify -> offer -> won
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.phases.is_empty() || flow.lanes.len() < 2 {
        return;
    }
    let phase = flow.phase_of();
    for (index, declared) in flow.phases.iter().enumerate() {
        let lanes: Vec<_> = flow
            .node_ids()
            .filter(|&id| phase[id.index()].map(|p| p.index()) == Some(index) && flow.is_step(id))
            .filter_map(|id| flow.node_at(id).lane)
            .collect();
        let Some(&first) = lanes.first() else {
            continue;
        };
        if lanes.len() < 2 || lanes.iter().any(|&lane| lane != first) {
            continue;
        }
        // The lane works in this phase only: the two say the same thing.
        let elsewhere = flow.node_ids().any(|id| {
            flow.node_at(id).lane == Some(first)
                && flow.is_step(id)
                && phase[id.index()].map(|p| p.index()) != Some(index)
        });
        if elsewhere {
            continue;
        }
        let lane = &flow.lanes[first.index()];
        out.push(
            Diag::warning(
                RULE.code,
                declared.id_span,
                t("lint-phase-in-one-lane")
                    .arg("phase", &declared.id)
                    .arg("count", lanes.len())
                    .arg("lane", &lane.id),
            )
            .with_help(t("lint-phase-in-one-lane-help")),
        );
    }
}
