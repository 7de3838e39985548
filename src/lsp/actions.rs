//! Quick fixes for the findings under the cursor: take a "did you mean"
//! suggestion, declare a missing lane or module, give a one-branch decision
//! its second branch, or add a `# crmflow-ignore` directive for a lint
//! finding.

use super::View;
use super::index::Namespace;
use super::position;
use crate::Diag;
use crate::diag::codes;
use lsp_types as lsp;
use std::collections::HashMap;

/// The quick fixes for the findings that touch `range`.
pub fn actions(view: &View, findings: &[Diag], range: lsp::Range) -> Vec<lsp::CodeActionOrCommand> {
    let wanted = position::span(&view.source, range);
    let mut actions = Vec::new();
    for diag in findings {
        if diag.span.end < wanted.start || diag.span.start > wanted.end {
            continue;
        }
        if let Some(word) = suggestion(diag) {
            actions.push(fix(
                view,
                diag,
                crate::i18n::t("lsp-fix-change-to")
                    .arg("word", &word)
                    .local(),
                vec![(diag.span, word)],
            ));
        }
        let written = view.source.slice(diag.span).to_owned();
        match diag.code {
            codes::UNKNOWN_LANE | codes::UNKNOWN_MODULE if super::is_identifier(&written) => {
                let word = if diag.code == codes::UNKNOWN_LANE {
                    "lane"
                } else {
                    "module"
                };
                let at = declarations_start(view);
                let text = format!("{word} {written} \"{written}\"\n");
                let title = crate::i18n::t("lsp-fix-declare")
                    .arg("what", word)
                    .arg("name", &written)
                    .local();
                actions.push(fix(view, diag, title, vec![(crate::Span::point(at), text)]));
            }
            "L005" => {
                if let Some(action) = second_branch(view, diag, &written) {
                    actions.push(action);
                }
            }
            _ => {}
        }
        if let Some(rule) = crate::lint::rule_by_code(diag.code) {
            let line = view.source.line_span(diag.span.start);
            let indent: String = view.source.text()[line.start..line.end]
                .chars()
                .take_while(|c| c.is_whitespace())
                .collect();
            let text = format!("{indent}# crmflow-ignore: {} -- reason\n", rule.name);
            let title = crate::i18n::t("lsp-fix-ignore")
                .arg("rule", rule.name)
                .local();
            actions.push(fix(
                view,
                diag,
                title,
                vec![(crate::Span::point(line.start), text)],
            ));
        }
    }
    actions
}

/// The word a "did you mean `x`?" help suggests.
fn suggestion(diag: &Diag) -> Option<String> {
    let help = diag
        .help
        .as_ref()
        .filter(|help| help.id() == "did-you-mean")?;
    help.arg_text("found").map(str::to_owned)
}

/// Where a new lane or module goes: after the `flow` header, else at the
/// top.
fn declarations_start(view: &View) -> usize {
    let header_end = view
        .index
        .as_ref()
        .and_then(|index| index.header.as_ref())
        .map(|(span, _)| span.end);
    match header_end {
        Some(end) => {
            let line = view.source.line_index(end.saturating_sub(1));
            view.source.line_start(line + 1)
        }
        None => 0,
    }
}

/// A one-branch decision gets an end for its other answer.
fn second_branch(view: &View, diag: &Diag, id: &str) -> Option<lsp::CodeActionOrCommand> {
    let index = view.index.as_ref()?;
    index.decl(Namespace::Node, id)?;
    let existing = index
        .edges
        .iter()
        .find(|edge| edge.from == id && !edge.data);
    let chinese = existing
        .and_then(|edge| edge.label.as_deref())
        .is_some_and(|label| {
            label
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        });
    let (answer, title) = if chinese {
        ("否", "待定")
    } else {
        ("no", "To decide")
    };
    let mut new_id = format!("{id}_{}", if chinese { "否" } else { "no" });
    while index.decl(Namespace::Node, &new_id).is_some() {
        new_id.push('_');
    }
    let end = view.source.text().len();
    let newline = if view.source.text().ends_with('\n') || view.source.text().is_empty() {
        ""
    } else {
        "\n"
    };
    let text = format!("{newline}end {new_id} \"{title}\"\n{id} -> {new_id} : \"{answer}\"\n");
    Some(fix(
        view,
        diag,
        crate::i18n::t("lsp-fix-add-branch")
            .arg("answer", answer)
            .arg("id", id)
            .local(),
        vec![(crate::Span::point(end), text)],
    ))
}

fn fix(
    view: &View,
    diag: &Diag,
    title: String,
    edits: Vec<(crate::Span, String)>,
) -> lsp::CodeActionOrCommand {
    let edits = edits
        .into_iter()
        .map(|(span, text)| lsp::TextEdit::new(position::range(&view.source, span), text))
        .collect();
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![super::diagnostic(view, diag)]),
        edit: Some(lsp::WorkspaceEdit::new(HashMap::from([(
            view.uri.clone(),
            edits,
        )]))),
        ..lsp::CodeAction::default()
    })
}
