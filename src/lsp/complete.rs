//! Completion from what the line says before the cursor: declaration
//! words at a line's start (and the node ids an edge starts from),
//! attribute words after a node's label, the declared lanes, modules and
//! nodes where one is expected (with their labels), named colors,
//! `direction` and `page` values, and `calls` file names from the folder.

use super::View;
use super::index::{Index, Namespace};
use super::position;
use crate::model::NamedColor;
use lsp_types as lsp;

const NODE_ATTRIBUTES: [&str; 7] = [
    "lane", "module", "phase", "input", "output", "note", "calls",
];
const HEADER_FIELDS: [&str; 6] = ["goal", "owner", "version", "reviewed", "direction", "page"];

/// The completions at `at`.
pub fn complete(view: &View, at: lsp::Position) -> Option<lsp::CompletionResponse> {
    let offset = position::offset(&view.source, at);
    let line = view.source.line_span(offset);
    let before = &view.source.text()[line.start..offset.max(line.start)];
    let fallback;
    let index = match &view.index {
        Some(index) => index,
        None => {
            fallback = without_line(view, line);
            &fallback
        }
    };
    let items = items(view, index, before);
    Some(lsp::CompletionResponse::Array(items))
}

/// The names of a document that does not parse as it stands — usually
/// because the line being typed is half done (`step x lane `): the names
/// of the rest of it, parsed with that line blanked out (offsets kept).
fn without_line(view: &View, line: crate::Span) -> Index {
    let text = view.source.text();
    let mut blanked = String::with_capacity(text.len());
    blanked.push_str(&text[..line.start]);
    for c in text[line.start..line.end].chars() {
        if c == '\n' {
            blanked.push(c);
        } else {
            blanked.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    blanked.push_str(&text[line.end..]);
    let source = crate::SourceFile::new(view.source.name(), blanked);
    if super::too_large(&source).is_some() {
        return Index::default();
    }
    crate::syntax::parse(&source)
        .map(|ast| Index::of(&ast))
        .unwrap_or_default()
}

fn items(view: &View, index: &Index, before: &str) -> Vec<lsp::CompletionItem> {
    // Inside a `calls "…` string: file names.
    if let Some(open) = before.rfind("calls \"")
        && !before[open + 7..].contains('"')
    {
        return calls_targets(view);
    }
    let words: Vec<&str> = before.split_whitespace().collect();
    let typing = !before.ends_with(char::is_whitespace) && !before.is_empty();
    // The word being typed does not count as context.
    let done: &[&str] = if typing && !words.is_empty() {
        &words[..words.len() - 1]
    } else {
        &words
    };
    let previous = done.last().copied().unwrap_or("");
    match previous {
        "" => {
            let declarations: Vec<&str> = crate::syntax::declaration_words().collect();
            let mut items = keywords(&declarations, lsp::CompletionItemKind::KEYWORD);
            if before.starts_with(char::is_whitespace) {
                items.extend(keywords(&HEADER_FIELDS, lsp::CompletionItemKind::PROPERTY));
            }
            items.extend(ids(index, Namespace::Node));
            return items;
        }
        "->" | "..>" => return ids(index, Namespace::Node),
        "direction" => return values(&["right", "down"]),
        "page" => return values(&crate::model::Page::names().collect::<Vec<_>>()),
        "color" => {
            let names: Vec<&str> = NamedColor::ALL.iter().map(|color| color.name()).collect();
            return values(&names);
        }
        _ => {}
    }
    let node_line = done
        .first()
        .is_some_and(|first| crate::syntax::NodeKind::from_keyword(first).is_some());
    if previous == "lane" && done.len() >= 2 {
        return ids(index, Namespace::Lane);
    }
    if previous == "module" && (node_line || done.len() >= 2) {
        return ids(index, Namespace::Module);
    }
    // `phase ` at the start of a line inside a lane block, or as a node's
    // attribute: a declared phase.
    if previous == "phase"
        && (node_line || done.len() >= 2 || before.starts_with(char::is_whitespace))
    {
        return ids(index, Namespace::Phase);
    }
    // After `KIND id "label"`: attributes.
    if node_line && done.len() >= 2 {
        return keywords(&NODE_ATTRIBUTES, lsp::CompletionItemKind::PROPERTY);
    }
    // An edge chain going on: arrows come next, then ids.
    Vec::new()
}

fn keywords(words: &[&str], kind: lsp::CompletionItemKind) -> Vec<lsp::CompletionItem> {
    words
        .iter()
        .map(|word| lsp::CompletionItem {
            label: (*word).to_owned(),
            kind: Some(kind),
            ..lsp::CompletionItem::default()
        })
        .collect()
}

fn values(words: &[&str]) -> Vec<lsp::CompletionItem> {
    keywords(words, lsp::CompletionItemKind::ENUM_MEMBER)
}

fn ids(index: &Index, namespace: Namespace) -> Vec<lsp::CompletionItem> {
    let kind = match namespace {
        Namespace::Lane => lsp::CompletionItemKind::MODULE,
        Namespace::Module => lsp::CompletionItemKind::CLASS,
        Namespace::Phase => lsp::CompletionItemKind::STRUCT,
        Namespace::Node => lsp::CompletionItemKind::VARIABLE,
    };
    let mut seen = std::collections::HashSet::new();
    index
        .decls_of(namespace)
        .filter(|decl| seen.insert(decl.id.clone()))
        .map(|decl| lsp::CompletionItem {
            label: decl.id.clone(),
            kind: Some(kind),
            detail: Some(match (&decl.label, decl.kind) {
                (Some(label), Some(node)) => format!("{} “{label}”", node.keyword()),
                (Some(label), None) => format!("{} “{label}”", namespace.word()),
                (None, Some(node)) => node.keyword().to_owned(),
                (None, None) => namespace.word().to_owned(),
            }),
            ..lsp::CompletionItem::default()
        })
        .collect()
}

/// The `.crmflow` files beside this one (at most 500).
fn calls_targets(view: &View) -> Vec<lsp::CompletionItem> {
    let Some(folder) = view.path.as_deref().and_then(std::path::Path::parent) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".crmflow"))
        .filter(|name| {
            Some(name.as_str()) != view.path.as_deref().and_then(|p| p.file_name()?.to_str())
        })
        .take(500)
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| lsp::CompletionItem {
            label: name,
            kind: Some(lsp::CompletionItemKind::FILE),
            ..lsp::CompletionItem::default()
        })
        .collect()
}
