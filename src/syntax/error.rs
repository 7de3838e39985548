//! A hard pest failure → one [`Diag`] that says, in human words, what was
//! expected and what was found, with a span on the offending token.
//!
//! pest's own miette integration is not used: positions are taken as byte
//! offsets from pest and converted here, which stays exact on Chinese text.

use super::Rule;
use crate::diag::{Diag, codes};
use crate::i18n::{Arg, Message, t};
use crate::source::{SourceFile, Span};
use crate::suggest;
use pest::error::{Error, ErrorVariant, InputLocation};

/// Whether `word` is reserved (never an identifier).
fn is_reserved(word: &str) -> bool {
    super::reserved_words().any(|reserved| reserved == word)
}

/// The human name of a grammar rule, as used in "expected …".
///
/// Exhaustive on purpose: a new grammar rule does not compile until it has a
/// name, so no `Rule::…` ever leaks into a message.
pub(super) fn human_name(rule: Rule) -> Arg {
    match rule {
        Rule::WHITESPACE => t("expected-a-space").into(),
        Rule::COMMENT => t("expected-a-comment").into(),
        Rule::bom => t("expected-a-byte-order-mark").into(),
        Rule::file => t("expected-a-crmflow-file").into(),
        Rule::statement_end => t("expected-the-end-of-the-line").into(),
        Rule::statement => t("expected-declaration").into(),
        Rule::reserved_word => t("expected-a-reserved-word").into(),
        Rule::identifier => t("expected-an-identifier").into(),
        Rule::node_id => t("expected-a-node-id").into(),
        Rule::lane_id => t("expected-a-lane-id").into(),
        Rule::module_id => t("expected-a-module-id").into(),
        Rule::phase_id => t("expected-a-phase-id").into(),
        Rule::attr_name => t("expected-an-attribute").into(),
        Rule::word => t("expected-a-word").into(),
        Rule::attr_keyword => t("expected-an-attribute-keyword").into(),
        Rule::kw_flow => Arg::Text("`flow`".into()),
        Rule::kw_lane => Arg::Text("`lane`".into()),
        Rule::kw_module => Arg::Text("`module`".into()),
        Rule::kw_phase => Arg::Text("`phase`".into()),
        Rule::kw_color => Arg::Text("`color`".into()),
        Rule::kw_goal => Arg::Text("`goal`".into()),
        Rule::kw_owner => Arg::Text("`owner`".into()),
        Rule::kw_version => Arg::Text("`version`".into()),
        Rule::kw_reviewed => Arg::Text("`reviewed`".into()),
        Rule::kw_direction => Arg::Text("`direction`".into()),
        Rule::kw_page => Arg::Text("`page`".into()),
        Rule::kw_input => Arg::Text("`input`".into()),
        Rule::kw_output => Arg::Text("`output`".into()),
        Rule::kw_note => Arg::Text("`note`".into()),
        Rule::kw_calls => Arg::Text("`calls`".into()),
        Rule::string => t("expected-a-quoted-text").into(),
        Rule::string_body => t("expected-text").into(),
        Rule::unterminated_string => t("expected-a-quoted-text").into(),
        Rule::text => t("expected-a-quoted-text").into(),
        Rule::date => t("expected-a-date").into(),
        Rule::attr_value => t("expected-a-value").into(),
        Rule::unknown_attr => t("expected-an-attribute").into(),
        Rule::flow_decl => t("expected-a-flow-header").into(),
        Rule::header_block => t("expected-a-header-block").into(),
        Rule::header_field => t("expected-header-field").into(),
        Rule::goal_field => Arg::Text("`goal`".into()),
        Rule::owner_field => Arg::Text("`owner`".into()),
        Rule::version_field => Arg::Text("`version`".into()),
        Rule::reviewed_field => Arg::Text("`reviewed`".into()),
        Rule::direction_field => Arg::Text("`direction`".into()),
        Rule::page_field => Arg::Text("`page`".into()),
        Rule::lane_decl => t("expected-a-lane-declaration").into(),
        Rule::lane_block => t("expected-a-lane-block").into(),
        Rule::module_decl => t("expected-a-module-declaration").into(),
        Rule::module_block => t("expected-a-module-block").into(),
        Rule::phase_decl => t("expected-a-phase-declaration").into(),
        Rule::phase_block => t("expected-a-phase-block").into(),
        Rule::module_attr => Arg::Text("`color`".into()),
        Rule::color_attr => Arg::Text("`color`".into()),
        Rule::node_decl => t("expected-a-node-declaration").into(),
        Rule::node_kind => t("expected-node-kind").into(),
        Rule::node_block => t("expected-a-node-block").into(),
        Rule::node_attr => t("expected-a-node-attribute").into(),
        Rule::lane_attr => Arg::Text("`lane`".into()),
        Rule::module_attr_ref => Arg::Text("`module`".into()),
        Rule::phase_attr => Arg::Text("`phase`".into()),
        Rule::input_attr => Arg::Text("`input`".into()),
        Rule::output_attr => Arg::Text("`output`".into()),
        Rule::note_attr => Arg::Text("`note`".into()),
        Rule::calls_attr => Arg::Text("`calls`".into()),
        Rule::edge_chain => t("expected-an-edge").into(),
        Rule::arrow => t("expected-arrow").into(),
        Rule::control_arrow => Arg::Text("`->`".into()),
        Rule::data_arrow => Arg::Text("`..>`".into()),
        Rule::edge_label => t("expected-colon-label").into(),
        Rule::bare_label => t("expected-a-label").into(),
        Rule::EOI => t("expected-the-end-of-the-file").into(),
    }
}

/// What the text at `at` is, for "found …", and how far it reaches.
fn found_token(source: &SourceFile, at: usize) -> (Arg, Span, Option<&str>) {
    let rest = source.text().get(at..).unwrap_or("");
    if rest.is_empty() {
        return (human_name(Rule::EOI), Span::point(at), None);
    }
    if rest.starts_with('\n') || rest.starts_with("\r\n") {
        return (human_name(Rule::statement_end), Span::point(at), None);
    }
    for token in ["->", "..>", "{", "}", ":"] {
        if rest.starts_with(token) {
            return (
                Arg::Text(format!("`{token}`")),
                Span::new(at, at + token.len()),
                None,
            );
        }
    }
    if let Some(after_quote) = rest.strip_prefix('"') {
        let line = source.line_span(at);
        let len = after_quote
            .find('"')
            .map_or(line.end - at, |close| close + 2)
            .min(line.end - at);
        return (human_name(Rule::string), Span::new(at, at + len), None);
    }
    let word_len: usize = rest
        .char_indices()
        .find(|&(_, c)| !(c == '_' || c == '-' || c.is_alphanumeric()))
        .map_or(rest.len(), |(i, _)| i);
    if word_len > 0 {
        let word = &rest[..word_len];
        let span = Span::new(at, at + word_len);
        if is_reserved(word) {
            return (
                t("found-reserved-word").arg("word", word).into(),
                span,
                Some(word),
            );
        }
        return (Arg::Text(format!("`{word}`")), span, Some(word));
    }
    let c = rest.chars().next().expect("rest is not empty");
    (
        Arg::Text(format!("`{}`", c.escape_debug())),
        Span::new(at, at + c.len_utf8()),
        None,
    )
}

/// Converts a pest error into a diagnostic.
pub(super) fn syntax_error(source: &SourceFile, err: &Error<Rule>) -> Diag {
    let at = match err.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let (found, span, word) = found_token(source, at);
    let mut expected: Vec<Arg> = Vec::new();
    let mut wants_id = false;
    if let ErrorVariant::ParsingError { positives, .. } = &err.variant {
        for &rule in positives {
            if matches!(rule, Rule::WHITESPACE | Rule::COMMENT) {
                continue;
            }
            wants_id |= matches!(
                rule,
                Rule::node_id | Rule::lane_id | Rule::module_id | Rule::phase_id
            );
            let name = human_name(rule);
            if !expected.contains(&name) {
                expected.push(name);
            }
        }
    }
    if let ErrorVariant::CustomError { message } = &err.variant {
        return Diag::error(codes::SYNTAX, span, t("verbatim").arg("text", message));
    }
    if let Some(diag) = usual_slip(source, at, &expected, word) {
        return diag;
    }

    if let (true, Some(word)) = (wants_id, word)
        && is_reserved(word)
    {
        return Diag::error(
            codes::RESERVED_WORD,
            span,
            t("reserved-word").arg("word", word),
        )
        .with_help(
            t("reserved-word-help")
                .arg(
                    "words",
                    super::reserved_words().collect::<Vec<_>>().join(", "),
                )
                .arg("word", word),
        );
    }

    let message = if expected.is_empty() {
        t("unexpected").arg("found", found)
    } else {
        t("expected-found")
            .arg("expected", Arg::Or(expected.clone()))
            .arg("found", found)
    };
    let mut diag = Diag::error(codes::SYNTAX, span, message);
    diag.help = help_for(source, at, &expected, word);
    diag
}

/// Typographic quotes word processors and IMEs put in place of `"`.
const CURLY_QUOTES: &[char] = &[
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2018}', '\u{2019}', '\u{00AB}', '\u{00BB}',
    '\u{300C}', '\u{300D}', '\u{300E}', '\u{300F}', '\u{FF02}',
];

/// True for a typographic (or full-width) quote mark.
pub(super) fn is_curly_quote(c: char) -> bool {
    CURLY_QUOTES.contains(&c)
}

/// `text` with typographic quotes (and full-width ones) made straight.
pub(super) fn straight_quotes(text: &str) -> String {
    text.chars()
        .map(|c| if CURLY_QUOTES.contains(&c) { '"' } else { c })
        .collect()
}

/// Things people write for an arrow, and which arrow they meant.
const WRONG_ARROWS: &[(&str, &str)] = &[
    ("=>", "->"),
    ("-->", "->"),
    ("—>", "->"),
    ("–>", "->"),
    ("→", "->"),
    ("⟶", "->"),
    ("...>", "..>"),
    (". .>", "..>"),
    ("<-", "->"),
];

/// A diagnostic made for one of the usual slips — an unclosed `{`, curly
/// quotes, a wrong arrow, an edge ending in an arrow — in place of pest's
/// "expected …", when one applies.
fn usual_slip(
    source: &SourceFile,
    at: usize,
    expected: &[Arg],
    word: Option<&str>,
) -> Option<Diag> {
    let text = source.text();
    let rest = &text[at..];
    if let Some(diag) = unclosed_block(source, at, word) {
        return Some(diag);
    }
    if rest.starts_with('}') && open_brace_before(text, at).is_none() {
        return Some(
            Diag::error(codes::SYNTAX, Span::new(at, at + 1), t("stray-close-brace"))
                .with_help(t("stray-close-brace-help")),
        );
    }
    if let Some(quote) = rest.chars().next().filter(|c| CURLY_QUOTES.contains(c)) {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + quote.len_utf8()),
                t("curly-quote").arg("quote", quote.to_string()),
            )
            .with_help(t("curly-quote-help")),
        );
    }
    let wants_arrow = wants_arrow(expected);
    if wants_arrow
        && let Some((wrong, right)) = WRONG_ARROWS
            .iter()
            .find(|(wrong, _)| rest.starts_with(wrong))
    {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + wrong.len()),
                t("wrong-arrow").arg("wrong", *wrong).arg("right", *right),
            )
            .with_help(t("wrong-arrow-help")),
        );
    }
    if let Some(word @ ("color" | "colour" | "colors")) = word {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + word.len()),
                t("color-here").arg("word", word),
            )
            .with_help(t("color-here-help")),
        );
    }
    // A Chinese input method types `：` for `:`.
    if rest.starts_with('\u{FF1A}') && expected.contains(&human_name(Rule::edge_label)) {
        let line = source.line_span(at);
        let edge = text[line.start..at].trim();
        let label =
            straight_quotes(without_comment(&text[at + '\u{FF1A}'.len_utf8()..line.end]).trim());
        let label = if label.is_empty() {
            "\"…\"".to_owned()
        } else {
            label
        };
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + '\u{FF1A}'.len_utf8()),
                t("fullwidth-colon"),
            )
            .with_help(
                t("fullwidth-colon-help")
                    .arg("edge", edge)
                    .arg("label", label),
            ),
        );
    }
    if rest.starts_with('"') && expected.contains(&human_name(Rule::edge_label)) {
        let line = source.line_span(at);
        let edge = Some(text[line.start..at].trim())
            .filter(|edge| edge.chars().count() <= 60)
            .unwrap_or("a -> b");
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + 1),
                t("label-without-colon"),
            )
            .with_help(t("label-without-colon-help").arg("edge", edge)),
        );
    }
    let wants_node = expected.contains(&human_name(Rule::node_id));
    let line = source.line_span(at);
    let before = without_comment(&text[line.start..at]).trim_end();
    let rest_of_line = text[at..line.end].trim_start();
    if wants_node && (rest_of_line.is_empty() || rest_of_line.starts_with('#')) {
        for arrow in ["->", "..>"] {
            if before.ends_with(arrow) {
                let end = line.start + before.len();
                return Some(
                    Diag::error(
                        codes::SYNTAX,
                        Span::new(end - arrow.len(), end),
                        t("edge-ends-with-arrow").arg("arrow", arrow),
                    )
                    .with_help(t("edge-ends-with-arrow-help")),
                );
            }
        }
    }
    None
}

/// `line` up to its `#` comment, if it has one.
fn without_comment(line: &str) -> &str {
    super::scan::comment_start(line).map_or(line, |at| &line[..at])
}

/// When the parse failed inside a `{ … }` block that was never closed —
/// at the end of the file, or at a declaration the block cannot hold —
/// an error at the open brace.
fn unclosed_block(source: &SourceFile, at: usize, word: Option<&str>) -> Option<Diag> {
    let text = source.text();
    let brace = open_brace_before(text, at)?;
    let opener = text[source.line_span(brace).start..brace]
        .trim_start_matches('\u{FEFF}')
        .split_whitespace()
        .next()
        .unwrap_or("");
    let at_end = text[at..].trim().is_empty();
    let cannot_hold = match (opener, word) {
        (_, None) => false,
        // A lane block holds nodes, edges and phase blocks; a phase block
        // nodes, edges and lane blocks.
        ("lane", Some(word)) => matches!(word, "flow" | "lane" | "module"),
        ("phase", Some(word)) => matches!(word, "flow" | "module"),
        (_, Some(word)) => is_reserved(word),
    };
    if !(at_end || cannot_hold) {
        return None;
    }
    let label = if at_end {
        t("unclosed-block-at-end")
    } else {
        t("unclosed-block-at-declaration")
    };
    Some(
        Diag::error(codes::SYNTAX, Span::new(brace, brace + 1), t(UNCLOSED))
            .with_label(Span::point(at), label)
            .with_help(t("unclosed-block-help")),
    )
}

/// Whether `diag` is [`unclosed_block`]'s: nothing after it can be
/// recovered.
pub(super) fn is_unclosed_block(diag: &Diag) -> bool {
    diag.message.id() == UNCLOSED
}

const UNCLOSED: &str = "unclosed-block";

/// Whether pest wanted an arrow here.
fn wants_arrow(expected: &[Arg]) -> bool {
    expected.contains(&human_name(Rule::control_arrow))
        || expected.contains(&human_name(Rule::arrow))
}

/// The innermost `{` still open at `at` (outside strings and comments).
fn open_brace_before(text: &str, at: usize) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    for (index, c) in super::scan::code_chars(&text[..at]) {
        match c {
            '{' => open.push(index),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// A specific hint for common slips, when one applies.
fn help_for(
    source: &SourceFile,
    at: usize,
    expected: &[Arg],
    word: Option<&str>,
) -> Option<Message> {
    let line = source.line_span(at);
    let before = source.text()[line.start..at]
        .trim_start_matches('\u{FEFF}')
        .trim();
    let wants_arrow = wants_arrow(expected);
    // `stpe a "A"`: the first word was parsed as an edge's source node.
    if wants_arrow && !before.is_empty() && !before.contains(char::is_whitespace) {
        if let Some(keyword) = suggest::closest(before, super::declaration_words()) {
            return Some(t("misspelled-declaration").arg("keyword", keyword));
        }
        if word.is_some() || source.text()[at..].starts_with('"') {
            return Some(t("line-is-an-edge"));
        }
    }
    if source.text()[at..].starts_with('"') && before.ends_with(':') {
        return None;
    }
    if word.is_some()
        && (expected.contains(&human_name(Rule::statement_end))
            || expected.contains(&human_name(Rule::EOI)))
    {
        return Some(t("one-declaration-per-line"));
    }
    None
}
