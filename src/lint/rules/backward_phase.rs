//! `backward-phase` (L027): a control edge back into an earlier phase that
//! is not part of a loop a decision controls.

use super::describe;
use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::{Edge, EdgeKind, NodeKind};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L027",
    name: "backward-phase",
    summary: "a control edge back into an earlier phase that is not part of a loop a decision controls",
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
the process means to do ("documents incomplete → back to qualification"):
such an edge closes a loop that a decision controls (the decision says when
to go round again), and this rule is satisfied. An edge back into an
earlier stage that closes no loop, or a loop no decision controls, means
the process really runs backwards: a step in the wrong phase, or phases
declared in the wrong order.

## Incorrect
```crmflow
phase lead "Lead"
phase deal "Deal"
start inquiry "Inquiry"      phase lead
step  offer   "Send offer"   phase deal
step  qualify "Qualify lead" phase lead
end   won     "Won"          phase deal
inquiry -> offer -> qualify -> won
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
        if edge.kind != EdgeKind::Control || from <= to || in_decided_loop(cx, edge) {
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

/// True when the edge closes a loop (its ends are in one of the flow's
/// loops) and a decision in that loop says when to go round again.
fn in_decided_loop(cx: &Context<'_>, edge: &Edge) -> bool {
    cx.graph.loops.iter().any(|members| {
        members.contains(&edge.from)
            && members.contains(&edge.to)
            && members
                .iter()
                .any(|&id| cx.flow.node_at(id).kind == NodeKind::Decision)
    })
}
