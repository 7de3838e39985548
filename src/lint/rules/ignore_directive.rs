//! `ignore-directive` (L099): a `# crmflow-ignore:` that names an unknown
//! rule or suppresses nothing.

use super::Rule;
use crate::diag::Diag;
use crate::lint::directives::Directive;
use crate::lint::{Context, Level, LintSettings};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L099",
    name: "ignore-directive",
    summary: "a `# crmflow-ignore:` comment that names an unknown rule or suppresses nothing",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
};

const DOC: &str = r#"# ignore-directive (L099)

`# crmflow-ignore: RULE[, RULE…] [-- reason]` suppresses findings of the
named rules: as a trailing comment on its own line, on a line of its own for
the next line of code. `# crmflow-ignore-file: RULE…` covers the whole
file. This rule keeps the directives honest: it reports names that are not
rules, and directives that no longer suppress anything (the problem was
fixed, the line moved), so stale suppressions do not hide future problems.

## Incorrect
```crmflow
start contact "Customer calls"
step  answer  "Answer"  # crmflow-ignore: dead-end
end   done    "Done"
contact -> answer -> done
```

## Correct
```crmflow
start contact "Customer calls"
step  archive "Archive" # crmflow-ignore: dead-end -- archived requests stop here
end   done    "Done"
contact -> archive
contact -> done
```
"#;

/// The directives are checked by the engine after the other rules ran (it
/// alone knows which directives were used); the registry entry only carries
/// the rule's code, name and level.
fn check(_: &Context<'_>, _: &mut Vec<Diag>) {}

/// Reports unknown names, directives naming no rule, and named rules that
/// suppressed nothing (unless the rule is off).
pub(crate) fn check_directives(
    directives: &[Directive],
    used: &[Vec<bool>],
    settings: &LintSettings,
    out: &mut Vec<Diag>,
) {
    for (directive, used) in directives.iter().zip(used) {
        for (name, span) in &directive.unknown {
            out.push(
                Diag::warning(RULE.code, *span, format!("`{name}` is not a lint rule"))
                    .with_help_opt(Some(
                        crate::suggest::did_you_mean(
                            name,
                            super::RULES.iter().map(|rule| rule.name),
                        )
                        .unwrap_or_else(|| "`crmflow check --explain` lists the rules".to_owned()),
                    )),
            );
        }
        if directive.rules.is_empty() && directive.unknown.is_empty() {
            out.push(
                Diag::warning(
                    RULE.code,
                    directive.span,
                    "this `crmflow-ignore` names no rule",
                )
                .with_help("name the rules it suppresses: `# crmflow-ignore: dead-end -- why`"),
            );
        }
        for (rule, used) in directive.rules.iter().zip(used) {
            if !used && settings.level(rule) != Level::Off {
                out.push(
                    Diag::warning(
                        RULE.code,
                        directive.span,
                        format!("`crmflow-ignore: {}` suppresses nothing here", rule.name),
                    )
                    .with_help(
                        "remove it (or the rule's name from it): the finding it was for is gone",
                    ),
                );
            }
        }
    }
}
