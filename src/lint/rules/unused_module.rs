//! `unused-module` (L014): a module no node belongs to.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L014",
    name: "unused-module",
    summary: "a declared module that no node belongs to",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# unused-module (L014)

A module is declared but no node belongs to it, so its color never appears
(the legend lists only the modules in use). Remove it, or mark the nodes
that belong to it with `module …`.

## Incorrect
```crmflow
module sales   "Sales"   color green
module service "Service" color yellow
start contact "Customer calls"
step  quote   "Send a quote" module sales
end   done    "Done"
contact -> quote -> done
```

## Correct
```crmflow
module sales "Sales" color green
start contact "Customer calls"
step  quote   "Send a quote" module sales
end   done    "Done"
contact -> quote -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let mut used = vec![false; flow.modules.len()];
    for node in &flow.nodes {
        if let Some(module) = node.module {
            used[module.index()] = true;
        }
    }
    for (module, used) in flow.modules.iter().zip(used) {
        if !used {
            out.push(
                Diag::warning(
                    RULE.code,
                    module.span,
                    t("lint-no-node-belongs-module")
                        .arg("id", &module.id)
                        .arg("label", &module.label),
                )
                .with_help(t("lint-remove-module-or-mark-nodes")),
            );
        }
    }
}
