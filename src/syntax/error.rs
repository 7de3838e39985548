//! A hard pest failure → one [`Diag`] that says, in human words, what was
//! expected and what was found, with a span on the offending token.
//!
//! pest's own miette integration is not used: positions are taken as byte
//! offsets from pest and converted here, which stays exact on Chinese text.

use super::Rule;
use crate::diag::{Diag, codes};
use crate::source::{SourceFile, Span};
use crate::suggest;
use pest::error::{Error, ErrorVariant, InputLocation};

const DECLARATION_WORDS: &[&str] = &[
    "flow", "lane", "module", "start", "end", "step", "decision", "io", "store", "doc", "sub",
];

/// The human name of a grammar rule, as used in "expected …".
///
/// Exhaustive on purpose: a new grammar rule does not compile until it has a
/// name, so no `Rule::…` ever leaks into a message.
pub(super) fn human_name(rule: Rule) -> &'static str {
    match rule {
        Rule::WHITESPACE => "a space",
        Rule::COMMENT => "a comment",
        Rule::bom => "a byte-order mark",
        Rule::file => "a .crmflow file",
        Rule::statement_end => "the end of the line",
        Rule::statement => "a declaration (`flow`, `lane`, `module`, a node kind) or an edge",
        Rule::reserved_word => "a reserved word",
        Rule::identifier => "an identifier",
        Rule::node_id => "a node id",
        Rule::lane_id => "a lane id",
        Rule::module_id => "a module id",
        Rule::attr_name => "an attribute",
        Rule::word => "a word",
        Rule::attr_keyword => "an attribute keyword",
        Rule::kw_flow => "`flow`",
        Rule::kw_lane => "`lane`",
        Rule::kw_module => "`module`",
        Rule::kw_color => "`color`",
        Rule::kw_goal => "`goal`",
        Rule::kw_owner => "`owner`",
        Rule::kw_version => "`version`",
        Rule::kw_reviewed => "`reviewed`",
        Rule::kw_direction => "`direction`",
        Rule::kw_page => "`page`",
        Rule::kw_input => "`input`",
        Rule::kw_output => "`output`",
        Rule::kw_note => "`note`",
        Rule::kw_calls => "`calls`",
        Rule::string => "a quoted text",
        Rule::string_body => "text",
        Rule::unterminated_string => "a quoted text",
        Rule::text => "a quoted text",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::attr_value => "a value",
        Rule::unknown_attr => "an attribute",
        Rule::flow_decl => "a `flow` header",
        Rule::header_block => "a header block `{ … }`",
        Rule::header_field => {
            "a header field (`goal`, `owner`, `version`, `reviewed`, `direction`)"
        }
        Rule::goal_field => "`goal`",
        Rule::owner_field => "`owner`",
        Rule::version_field => "`version`",
        Rule::reviewed_field => "`reviewed`",
        Rule::direction_field => "`direction`",
        Rule::page_field => "`page`",
        Rule::lane_decl => "a lane declaration",
        Rule::lane_block => "a lane block `{ … }`",
        Rule::module_decl => "a module declaration",
        Rule::module_block => "a module block `{ … }`",
        Rule::module_attr => "`color`",
        Rule::color_attr => "`color`",
        Rule::node_decl => "a node declaration",
        Rule::node_kind => {
            "a node kind (`start`, `end`, `step`, `decision`, `io`, `store`, `doc`, `sub`)"
        }
        Rule::node_block => "a node block `{ … }`",
        Rule::node_attr => "a node attribute",
        Rule::lane_attr => "`lane`",
        Rule::module_attr_ref => "`module`",
        Rule::input_attr => "`input`",
        Rule::output_attr => "`output`",
        Rule::note_attr => "`note`",
        Rule::calls_attr => "`calls`",
        Rule::edge_chain => "an edge",
        Rule::arrow => "an arrow (`->` or `..>`)",
        Rule::control_arrow => "`->`",
        Rule::data_arrow => "`..>`",
        Rule::edge_label => "`:` and a label",
        Rule::bare_label => "a label",
        Rule::EOI => "the end of the file",
    }
}

/// What the text at `at` is, for "found …", and how far it reaches.
fn found_token(source: &SourceFile, at: usize) -> (String, Span, Option<&str>) {
    let rest = source.text().get(at..).unwrap_or("");
    if rest.is_empty() {
        return ("the end of the file".into(), Span::point(at), None);
    }
    if rest.starts_with('\n') || rest.starts_with("\r\n") {
        return ("the end of the line".into(), Span::point(at), None);
    }
    for token in ["->", "..>", "{", "}", ":"] {
        if rest.starts_with(token) {
            return (format!("`{token}`"), Span::new(at, at + token.len()), None);
        }
    }
    if let Some(after_quote) = rest.strip_prefix('"') {
        let line = source.line_span(at);
        let len = after_quote
            .find('"')
            .map_or(line.end - at, |close| close + 2)
            .min(line.end - at);
        return ("a quoted text".into(), Span::new(at, at + len), None);
    }
    let word_len: usize = rest
        .char_indices()
        .find(|&(_, c)| !(c == '_' || c == '-' || c.is_alphanumeric()))
        .map_or(rest.len(), |(i, _)| i);
    if word_len > 0 {
        let word = &rest[..word_len];
        let span = Span::new(at, at + word_len);
        if DECLARATION_WORDS.contains(&word) {
            return (format!("the reserved word `{word}`"), span, Some(word));
        }
        return (format!("`{word}`"), span, Some(word));
    }
    let c = rest.chars().next().expect("rest is not empty");
    (
        format!("`{}`", c.escape_debug()),
        Span::new(at, at + c.len_utf8()),
        None,
    )
}

/// Joins names as "a, b or c".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Converts a pest error into a diagnostic.
pub(super) fn syntax_error(source: &SourceFile, err: &Error<Rule>) -> Diag {
    let at = match err.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let (found, span, word) = found_token(source, at);
    let mut expected: Vec<&str> = Vec::new();
    let mut wants_id = false;
    if let ErrorVariant::ParsingError { positives, .. } = &err.variant {
        for &rule in positives {
            if matches!(rule, Rule::WHITESPACE | Rule::COMMENT) {
                continue;
            }
            wants_id |= matches!(rule, Rule::node_id | Rule::lane_id | Rule::module_id);
            let name = human_name(rule);
            if !expected.contains(&name) {
                expected.push(name);
            }
        }
    }
    if let ErrorVariant::CustomError { message } = &err.variant {
        return Diag::error(codes::SYNTAX, span, message.clone());
    }
    if let Some(diag) = usual_slip(source, at, &expected, word) {
        return diag;
    }

    if let (true, Some(word)) = (wants_id, word)
        && DECLARATION_WORDS.contains(&word)
    {
        return Diag::error(
            codes::RESERVED_WORD,
            span,
            format!("`{word}` is a reserved word and cannot be used as an id"),
        )
        .with_help(format!(
            "the declaration words ({}) are reserved; pick another id, e.g. `{word}_1`",
            DECLARATION_WORDS.join(", ")
        ));
    }

    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", one_of(&expected))
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
    expected: &[&str],
    word: Option<&str>,
) -> Option<Diag> {
    let text = source.text();
    let rest = &text[at..];
    if let Some(diag) = unclosed_block(source, at, word) {
        return Some(diag);
    }
    if rest.starts_with('}') && open_brace_before(text, at).is_none() {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + 1),
                "this `}` closes no block",
            )
            .with_help("remove it, or check that the `{` it should close is where you meant"),
        );
    }
    if let Some(quote) = rest.chars().next().filter(|c| CURLY_QUOTES.contains(c)) {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + quote.len_utf8()),
                format!("`{quote}` is a typographic quote; text goes in straight quotes `\"…\"`"),
            )
            .with_help(
                "word processors and some input methods turn `\"` into curly quotes; type the label as \"Label\", or turn off smart quotes in your editor",
            ),
        );
    }
    let wants_arrow = expected.contains(&"`->`") || expected.contains(&human_name(Rule::arrow));
    if wants_arrow
        && let Some((wrong, right)) = WRONG_ARROWS
            .iter()
            .find(|(wrong, _)| rest.starts_with(wrong))
    {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + wrong.len()),
                format!("`{wrong}` is not an arrow; did you mean `{right}`?"),
            )
            .with_help(
                "control flow is `a -> b`, data flow (to or from a store or document) is `a ..> b`",
            ),
        );
    }
    if let Some(word @ ("color" | "colour" | "colors")) = word {
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + word.len()),
                format!("`{word}` cannot go here"),
            )
            .with_help(
                "colors belong to modules: declare `module sales \"Sales\" color green`, then put the node in it with `module sales`",
            ),
        );
    }
    if rest.starts_with('"') && expected.iter().any(|name| name.starts_with("`:`")) {
        let line = source.line_span(at);
        let edge = Some(text[line.start..at].trim())
            .filter(|edge| edge.chars().count() <= 60)
            .unwrap_or("a -> b");
        return Some(
            Diag::error(
                codes::SYNTAX,
                Span::new(at, at + 1),
                "an edge's label follows a colon",
            )
            .with_help(format!("write `{edge} : \"…\"`")),
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
                        format!("the edge ends with `{arrow}`: no node after it"),
                    )
                    .with_help(
                        "an edge joins nodes: `a -> b`; name the next node or remove the arrow",
                    ),
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
        // A lane block holds nodes and edges.
        ("lane", Some(word)) => matches!(word, "flow" | "lane" | "module"),
        (_, Some(word)) => DECLARATION_WORDS.contains(&word),
    };
    if !(at_end || cannot_hold) {
        return None;
    }
    let what = if at_end {
        "the end of the file"
    } else {
        "this declaration"
    };
    Some(
        Diag::error(codes::SYNTAX, Span::new(brace, brace + 1), UNCLOSED)
            .with_label(Span::point(at), format!("{what} is still inside the block"))
            .with_help("close the block with `}` on a line after its last attribute or node"),
    )
}

/// Whether `diag` is [`unclosed_block`]'s: nothing after it can be
/// recovered.
pub(super) fn is_unclosed_block(diag: &Diag) -> bool {
    diag.message == UNCLOSED
}

const UNCLOSED: &str = "this `{` is never closed";

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
    expected: &[&str],
    word: Option<&str>,
) -> Option<String> {
    let line = source.line_span(at);
    let before = source.text()[line.start..at]
        .trim_start_matches('\u{FEFF}')
        .trim();
    let wants_arrow = expected.contains(&"`->`") || expected.contains(&human_name(Rule::arrow));
    // `stpe a "A"`: the first word was parsed as an edge's source node.
    if wants_arrow && !before.is_empty() && !before.contains(char::is_whitespace) {
        if let Some(keyword) = suggest::closest(before, DECLARATION_WORDS.iter().copied()) {
            return Some(format!(
                "a line starts with a declaration word or a node id; did you mean `{keyword}`?"
            ));
        }
        if word.is_some() || source.text()[at..].starts_with('"') {
            return Some(
                "a line that starts with an id is an edge: `a -> b`; to declare a node, start with its kind: `step a \"…\"`"
                    .into(),
            );
        }
    }
    if source.text()[at..].starts_with('"') && before.ends_with(':') {
        return None;
    }
    if word.is_some() && expected.iter().any(|e| e.starts_with("the end of")) {
        return Some("one declaration per line; attributes are `lane ID`, `module ID`, `input \"…\"`, `output \"…\"`, `note \"…\"`, `calls \"…\"`".into());
    }
    None
}
