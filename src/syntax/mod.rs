//! Stage 1 — syntax: [`SourceFile`] → [`Ast`].
//!
//! The pest grammar (`grammar/crmflow.pest`) recognises the text; `lower`
//! turns pest's pairs into the spanned [`Ast`] and reports the mistakes the
//! grammar recovers from (unterminated strings, bad escapes, unquoted labels,
//! unknown attributes) all at once; `error` turns a hard pest failure into a
//! [`Diag`] that names grammar rules in human words.

pub mod ast;
mod error;
mod lower;
mod scan;

pub use ast::*;

use crate::diag::Diags;
use crate::source::{SourceFile, Span};
use pest::Parser as _;

/// The pest parser generated from the grammar file.
mod grammar {
    #![allow(missing_docs)] // generated code
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/crmflow.pest"]
    pub struct CrmflowParser;
}
pub(crate) use grammar::{CrmflowParser, Rule};
pub(crate) use scan::code_chars;

/// Parses a file into its syntax tree.
///
/// Returns every syntax diagnostic found: recoverable mistakes give one
/// each, and after a hard grammar failure the parse goes on at the next
/// line (see [`recover`]), so a file with five slips gets five errors in
/// one run. Never panics, whatever the input.
pub fn parse(source: &SourceFile) -> Result<Ast, Diags> {
    parse_within(source, &crate::limits::current())
}

/// [`parse`] within `limits` (the longest quoted text), as a
/// [`World`](crate::world::World) gives them.
pub fn parse_within(source: &SourceFile, limits: &crate::limits::Limits) -> Result<Ast, Diags> {
    match CrmflowParser::parse(Rule::file, source.text()) {
        Ok(mut pairs) => {
            let file = pairs.next().expect("the file rule always yields one pair");
            lower::lower_file(source, file, limits.text_chars)
        }
        Err(err) => Err(recover(source, &err, limits.text_chars)),
    }
}

/// Syntax errors of one file, at most; the parse stops there.
const MAX_SYNTAX_ERRORS: usize = 50;
/// Bytes the recovery may re-parse in all (at least two passes of any file).
const RECOVERY_BYTES: usize = 64 << 20;

/// Every syntax error of a file whose parse failed with `first`: the line
/// it failed on is blanked (a block it opens with it, through its `}`) and
/// the rest parsed again, until the text parses — then the mistakes the
/// grammar recovers from are added — or no line is left to blank. A block
/// never closed is closed at the end of the file (or, when a declaration
/// it cannot hold follows, its `{` dropped). Offsets do not move (bytes
/// become spaces, line breaks stay, a `}` is only ever appended), so every
/// span is exact in the original text.
fn recover(source: &SourceFile, first: &pest::error::Error<Rule>, text_chars: usize) -> Diags {
    let mut diags = vec![error::syntax_error(source, first)];
    let mut text = source.text().as_bytes().to_vec();
    let mut at = error_offset(first);
    let mut parsed = 0usize;
    let mut finished = false;
    while diags.len() < MAX_SYNTAX_ERRORS {
        parsed += text.len();
        if parsed > RECOVERY_BYTES.max(2 * text.len()) {
            break;
        }
        let last = &diags[diags.len() - 1];
        if error::is_unclosed_block(last) {
            if text[at.min(text.len())..]
                .iter()
                .all(u8::is_ascii_whitespace)
            {
                // Close it at the end: nothing before moves.
                text.extend_from_slice(b"\n}");
            } else {
                // Its contents become top-level lines.
                text[last.span.start] = b' ';
            }
        } else if !blank_statement(&mut text, at) {
            finished = true;
            break;
        }
        let patched = SourceFile::new(
            source.name(),
            String::from_utf8(text.clone())
                .expect("only whole lines of ASCII-bounded text are blanked"),
        );
        match CrmflowParser::parse(Rule::file, patched.text()) {
            Ok(mut pairs) => {
                let file = pairs.next().expect("the file rule always yields one pair");
                if let Err(more) = lower::lower_file(&patched, file, text_chars) {
                    diags.extend(more);
                }
                finished = true;
                break;
            }
            Err(err) => {
                at = error_offset(&err);
                diags.push(error::syntax_error(&patched, &err));
            }
        }
    }
    // A `}` the recovery appended is not the author's: nothing is
    // reported at it, and no place runs past the real text.
    let len = source.text().len();
    diags.retain(|diag| diag.span.start <= len);
    for diag in &mut diags {
        diag.span = clamp(diag.span, len);
        for label in &mut diag.labels {
            label.span = clamp(label.span, len);
        }
    }
    diags.sort_by_key(|diag| diag.span.start);
    diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    let count = diags.len();
    if !finished && let Some(last) = diags.last_mut() {
        let stopped = crate::i18n::t("parse-stopped").arg("count", count);
        last.help = Some(match last.help.take() {
            Some(help) => crate::i18n::t("two-lines")
                .arg("first", help)
                .arg("second", stopped),
            None => stopped,
        });
    }
    diags
}

/// `span` cut to a text of `len` bytes.
fn clamp(span: Span, len: usize) -> Span {
    Span::new(span.start.min(len), span.end.min(len))
}

fn error_offset(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        pest::error::InputLocation::Pos(pos) => pos,
        pest::error::InputLocation::Span((start, _)) => start,
    }
}

/// Turns the line holding `at` into spaces — and, when it opens a block,
/// every line through the block's `}`; a `}` closing a block opened
/// before the line is kept. False when the line has nothing left to blank.
fn blank_statement(text: &mut [u8], at: usize) -> bool {
    let is_break = |b: u8| b == b'\n' || b == b'\r';
    if text.get(at) == Some(&b'}') {
        // A stray `}`: only it goes.
        text[at] = b' ';
        return true;
    }
    let mut start = at.min(text.len());
    while start > 0 && !is_break(text[start - 1]) {
        start -= 1;
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    let mut any = false;
    let mut end = start;
    while end < text.len() {
        let b = text[end];
        if is_break(b) {
            (in_string, in_comment, escaped) = (false, false, false);
            if depth == 0 {
                break;
            }
            end += 1;
            continue;
        }
        let mut keep = false;
        if in_comment {
        } else if in_string && escaped {
            escaped = false;
        } else {
            match b {
                b'\\' if in_string => escaped = true,
                b'"' => in_string = !in_string,
                b'#' if !in_string => in_comment = true,
                b'{' if !in_string => depth += 1,
                b'}' if !in_string && depth > 0 => depth -= 1,
                // Closes a block opened before this line: keep it.
                b'}' if !in_string => keep = true,
                _ => {}
            }
        }
        if !keep {
            any |= !b.is_ascii_whitespace();
            text[end] = b' ';
        }
        end += 1;
    }
    any
}

#[cfg(test)]
mod tests;
