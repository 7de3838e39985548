//! `# crmflow-ignore:` comments: suppressing a rule where the analyst has
//! decided the finding does not apply, visibly, in the file under review.
//!
//! ```text
//! step archive "Archive" lane ops   # crmflow-ignore: dead-end -- archived flows stop here
//!
//! # crmflow-ignore: duplicate-label, self-loop -- retry is deliberate
//! step retry "Call again" lane cs
//!
//! # crmflow-ignore-file: stale-review -- reviewed in the quarterly audit instead
//! ```
//!
//! A trailing directive covers findings on its own line; a directive on a
//! line of its own covers the next line that holds code; `crmflow-ignore-file`
//! covers the whole file. Rules are named (`dead-end`) or coded (`L001`);
//! a reason after ` -- ` is kept for the reader. A directive naming an
//! unknown rule, or one that suppresses nothing, is itself a finding
//! (`ignore-directive`), so stale suppressions do not pile up.

use super::rule::Rule;
use super::rules::{RULES, ignore_directive, rule_by_code, rule_by_name};
use crate::diag::Diag;
use crate::i18n::t;
use crate::model::Flow;
use crate::source::{SourceFile, Span};

/// What a directive covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Findings whose span starts on this 1-based line.
    Line(usize),
    /// Every finding in the file.
    File,
}

/// One `crmflow-ignore` comment.
#[derive(Clone, Debug)]
pub struct Directive {
    /// The comment.
    pub span: Span,
    /// What it covers.
    pub scope: Scope,
    /// The rules it names that exist.
    pub rules: Vec<&'static Rule>,
    /// Names that are not rules, with their spans.
    pub unknown: Vec<(String, Span)>,
    /// The reason after ` -- `, if given.
    pub reason: Option<String>,
}

impl Directive {
    /// Whether it suppresses a finding of `rule` starting on `line`.
    pub fn suppresses(&self, rule: &Rule, line: usize) -> bool {
        let in_scope = match self.scope {
            Scope::File => true,
            Scope::Line(target) => target == line,
        };
        in_scope && self.rules.iter().any(|named| named.code == rule.code)
    }
}

const LINE: &str = "crmflow-ignore:";
const FILE: &str = "crmflow-ignore-file:";

/// The directives among a flow's comments, in source order.
pub fn directives(source: &SourceFile, flow: &Flow) -> Vec<Directive> {
    let mut found = Vec::new();
    for comment in &flow.comments {
        let text = comment.text.trim_start();
        let (is_file, rest) = if let Some(rest) = text.strip_prefix(FILE) {
            (true, rest)
        } else if let Some(rest) = text.strip_prefix(LINE) {
            (false, rest)
        } else {
            continue;
        };
        // Offset of `rest` in the source: the comment text starts after `#`.
        let rest_start = comment.span.start + 1 + (comment.text.len() - rest.len());
        let (names, reason) = match rest.find(" -- ") {
            Some(at) => (&rest[..at], Some(rest[at + 4..].trim().to_owned())),
            None => (rest, None),
        };
        let mut rules = Vec::new();
        let mut unknown = Vec::new();
        let mut offset = 0;
        for part in names.split(',') {
            let name = part.trim();
            let start = rest_start + offset + (part.len() - part.trim_start().len());
            offset += part.len() + 1;
            if name.is_empty() {
                continue;
            }
            match rule_by_name(name).or_else(|| rule_by_code(name)) {
                Some(rule) => rules.push(rule),
                None => unknown.push((name.to_owned(), Span::new(start, start + name.len()))),
            }
        }
        let line = source.line_col(comment.span.start).line;
        let scope = if is_file {
            Scope::File
        } else if comment.trailing {
            Scope::Line(line)
        } else {
            Scope::Line(next_code_line(source, line))
        };
        found.push(Directive {
            span: comment.span,
            scope,
            rules,
            unknown,
            reason: reason.filter(|reason| !reason.is_empty()),
        });
    }
    found
}

/// The first line after `line` that is neither blank nor only a comment.
fn next_code_line(source: &SourceFile, line: usize) -> usize {
    for (index, text) in source.text().lines().enumerate().skip(line) {
        let text = text.trim();
        if !text.is_empty() && !text.starts_with('#') {
            return index + 1;
        }
    }
    line + 1
}
/// Reports unknown names, directives naming no rule, and named rules that
/// suppressed nothing (unless the rule is off).
pub(crate) fn check_directives(
    directives: &[Directive],
    used: &[Vec<bool>],
    is_on: impl Fn(&Rule) -> bool,
    out: &mut Vec<Diag>,
) {
    for (directive, used) in directives.iter().zip(used) {
        for (name, span) in &directive.unknown {
            out.push(
                Diag::warning(
                    ignore_directive::RULE.code,
                    *span,
                    t("lint-name-not-lint-rule").arg("name", name),
                )
                .with_help_opt(Some(
                    crate::suggest::did_you_mean(name, RULES.iter().map(|rule| rule.name))
                        .unwrap_or_else(|| t("lint-crmflow-check-explain-lists-rules")),
                )),
            );
        }
        if directive.rules.is_empty() && directive.unknown.is_empty() {
            out.push(
                Diag::warning(
                    ignore_directive::RULE.code,
                    directive.span,
                    t("lint-this-crmflow-ignore-names-no"),
                )
                .with_help(t("lint-name-rules-suppresses-crmflow-ignore")),
            );
        }
        for (rule, used) in directive.rules.iter().zip(used) {
            if !used && is_on(rule) {
                out.push(
                    Diag::warning(
                        ignore_directive::RULE.code,
                        directive.span,
                        t("lint-crmflow-ignore-suppresses-nothing-here").arg("name", rule.name),
                    )
                    .with_help(t("lint-remove-or-rule-s-name")),
                );
            }
        }
    }
}
