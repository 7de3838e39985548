//! `missing-title` (L030): no title in the header, so the drawing has none.

use crate::diag::Diag;
use crate::i18n::t;
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L030",
    name: "missing-title",
    summary: "the flow has no title (`flow \"…\"`): its drawing has no title line",
    recommended: Level::Warning,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
};

const DOC: &str = r#"# missing-title (L030)

A drawing shown on a slide or printed in a report needs a title that says
which process it is. crmflow takes the title from the header's
`flow "…"` and does not invent one: a file name such as `flow-v3-final`
is no title for a board deck. Without one the drawing starts with its
lanes, and pages of a split flow are headed only "2 / 4 · <phase>".

## Incorrect
```crmflow
start ticket "Ticket opened"
end   closed "Closed"
ticket -> closed
```

## Correct
```crmflow
flow "Complaint handling" {
  goal "Resolve complaints within 48 hours"
}
start ticket "Ticket opened"
end   closed "Closed"
ticket -> closed
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    if flow
        .header
        .title
        .as_ref()
        .is_some_and(|title| !title.value.trim().is_empty())
    {
        return;
    }
    // The header's title when it is blank, else the header's `flow`
    // keyword, else the first node: where a title would be written.
    let span = match (&flow.header.title, flow.header.span, flow.nodes.first()) {
        (Some(title), _, _) => title.span,
        (None, Some(_), _) | (None, None, None) => super::header_anchor(flow),
        (None, None, Some(node)) => node.id_span,
    };
    out.push(
        Diag::warning(RULE.code, span, t("lint-no-title"))
            .with_help(t("lint-name-the-process-in-the-header")),
    );
}
