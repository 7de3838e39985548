//! `ignore-directive` (L099): a `# crmflow-ignore:` that names an unknown
//! rule or suppresses nothing.

use crate::diag::Diag;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L099",
    name: "ignore-directive",
    summary: "a `# crmflow-ignore:` comment that names an unknown rule or suppresses nothing",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
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

/// The directives are checked after the other rules ran, when it is known
/// which were used: [`crate::lint::directives::check_directives`]. The
/// registry entry carries the rule's code, name, levels and doc.
fn check(_: &Context<'_>, _: &mut Vec<Diag>) {}
