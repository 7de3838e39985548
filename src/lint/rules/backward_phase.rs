//! `backward-phase` (L027): a control edge back into an earlier phase that
//! is not a decision's labelled branch.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::{EdgeKind, NodeKind};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L027",
    name: "backward-phase",
    summary: "a control edge back into an earlier phase that is not a decision's labelled branch",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# backward-phase (L027)

Phases are read in the order they are declared: the process moves from
one stage to the next. An edge that goes back into an earlier phase is
drawn as a loop back across the phase columns. That is right for rework
the process means to do ("documents incomplete → back to qualification"),
and such a loop is a decision's choice: write it as a labelled branch of a
decision, and this rule is satisfied. An unlabelled edge, or one from a
step, back into an earlier stage is usually a step in the wrong phase, or
phases declared in the wrong order.

## Incorrect
```crmflow
phase lead "Lead"
phase deal "Deal"
start inquiry "Inquiry"      phase lead
step  qualify "Qualify lead" phase lead
step  offer   "Send offer"   phase deal
step  check   "Check terms"  phase deal
end   won     "Won"          phase deal
inquiry -> qualify -> offer -> check -> won
check -> qualify
```

## Correct
```crmflow
phase lead "Lead"
phase deal "Deal"
start    inquiry "Inquiry"      phase lead
step     qualify "Qualify lead" phase lead
step     offer   "Send offer"   phase deal
decision check   "Terms ok?"    phase deal
end      won     "Won"          phase deal
inquiry -> qualify -> offer -> check
check -> won     : "yes"
check -> qualify : "no, requalify"
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow.phases.is_empty() {
        return;
    }
    let phase = flow.phase_of();
    for edge in &flow.edges {
        let (Some(from), Some(to)) = (phase[edge.from.index()], phase[edge.to.index()]) else {
            continue;
        };
        let meant = flow.node_at(edge.from).kind == NodeKind::Decision && edge.label.is_some();
        if edge.kind != EdgeKind::Control || from <= to || meant {
            continue;
        }
        out.push(
            Diag::warning(
                RULE.code,
                edge.span,
                t("lint-goes-back-to-earlier-phase")
                    .arg("from", describe(flow, edge.from))
                    .arg("to", describe(flow, edge.to))
                    .arg("from-phase", &flow.phases[from.index()].id)
                    .arg("to-phase", &flow.phases[to.index()].id),
            )
            .with_help(t("lint-mark-loop-back-as-branch")),
        );
    }
}
