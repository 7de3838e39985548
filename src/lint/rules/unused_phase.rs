//! `unused-phase` (L026): a phase no node is in.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L026",
    name: "unused-phase",
    summary: "a declared phase that no node is in",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# unused-phase (L026)

A phase (stage) is declared but no node is in it, neither by its own
`phase` attribute or block nor by taking it from its neighbours. It is
drawn as an empty column, suggesting the process passes through a stage
where nothing happens. Remove it, or put the steps of that stage in it.

## Incorrect
```crmflow
phase lead    "Lead"
phase renewal "Renewal"
start inquiry "Inquiry" phase lead
end   won     "Won"     phase lead
inquiry -> won
```

## Correct
```crmflow
phase lead "Lead"
start inquiry "Inquiry" phase lead
end   won     "Won"     phase lead
inquiry -> won
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let mut used = vec![false; flow.phases.len()];
    for phase in flow.phase_of().into_iter().flatten() {
        used[phase.index()] = true;
    }
    for (phase, used) in flow.phases.iter().zip(used) {
        if !used {
            out.push(
                Diag::warning(
                    RULE.code,
                    phase.id_span,
                    t("lint-no-node-phase")
                        .arg("id", &phase.id)
                        .arg("label", &phase.label),
                )
                .with_help(t("lint-remove-phase-or-put-steps")),
            );
        }
    }
}
