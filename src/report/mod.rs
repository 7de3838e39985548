//! Diagnostics as text for people and tools: [`Diag`]s of a file → a human
//! report (miette, drawn from short [`excerpt`]s), JSON, SARIF 2.1.0 or
//! GitHub Actions annotations; and [`printable`], which makes text from a
//! file safe to show on a terminal.
//!
//! Takes diagnostics and their [`SourceFile`]; gives strings. The library
//! still never prints: the command line (and any other front end) decides
//! where the text goes. Columns are characters in every format.

mod excerpt;
mod totals;

pub use totals::{Totals, plural};

use crate::i18n::{Lang, t};
use crate::{Diag, Severity, SourceFile};
use excerpt::Excerpt;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use std::fmt;

/// A diagnostic's sentences in one language, made printable.
#[derive(Clone, Debug)]
struct Text {
    message: String,
    help: Option<String>,
    labels: Vec<(crate::Span, String)>,
}

impl Text {
    fn new(diag: &Diag, lang: Lang) -> Text {
        Text {
            message: printable(&diag.message.text(lang)).into_owned(),
            help: diag
                .help
                .as_ref()
                .map(|help| printable(&help.text(lang)).into_owned()),
            labels: diag
                .labels
                .iter()
                .map(|label| {
                    (
                        label.span,
                        printable(&label.message.text(lang)).into_owned(),
                    )
                })
                .collect(),
        }
    }

    /// The message, then `help: …` on its own line.
    fn with_help(&self, lang: Lang) -> String {
        match &self.help {
            Some(help) => format!(
                "{}\n{}{help}",
                self.message,
                crate::i18n::text(lang, "report-help-prefix")
            ),
            None => self.message.clone(),
        }
    }
}

/// A diagnostic with its excerpt, as miette wants it: the spans are
/// offsets into the excerpt.
struct Report<'a> {
    diag: &'a Diag,
    text: Text,
    primary: crate::Span,
    labels: Vec<(crate::Span, String)>,
    source: Excerpt,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(code_and_name(self.diag.code)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.text
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary =
            LabeledSpan::new_primary_with_span(None, (self.primary.start, self.primary.len()));
        let related = self.labels.iter().map(|(span, message)| {
            LabeledSpan::new_with_span(Some(message.clone()), (span.start, span.len()))
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// `L001 dead-end` for lint findings, the bare code for compile errors.
pub fn code_and_name(code: &str) -> String {
    match crate::lint::rule_by_code(code) {
        Some(rule) => format!("{} {}", rule.code, rule.name),
        None => code.to_owned(),
    }
}

/// True for characters a terminal acts on instead of showing: C0 and C1
/// controls but tab and line feed (escape sequences, carriage return,
/// backspace) and the bidirectional overrides that reorder what a reader
/// sees ("Trojan Source").
pub fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from a file made safe to print for people: each character a
/// terminal would act on becomes its visible escape (`\u{1b}`).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Most related places drawn for one finding.
const MAX_LABELS: usize = 8;
/// Findings of one code drawn per file; the rest are counted.
const MAX_PER_CODE: usize = 50;

/// Renders diagnostics for people: each as a short excerpt (see
/// [`Excerpt`]), at most [`MAX_LABELS`] related places each, at most
/// [`MAX_PER_CODE`] findings of one code per file and then a count. Linear
/// in the findings and in the lines they show. In the [current
/// language](crate::i18n::current).
pub fn human(source: &SourceFile, diags: &[Diag], fancy: bool) -> String {
    human_in(source, diags, fancy, crate::i18n::current())
}

/// [`human`] in the language `lang`.
pub fn human_in(source: &SourceFile, diags: &[Diag], fancy: bool, lang: Lang) -> String {
    let theme = if fancy {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut out = String::new();
    let name = printable(source.name()).into_owned();
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut hidden: Vec<(&str, usize)> = Vec::new();
    for diag in diags {
        let count = shown.entry(diag.code).or_default();
        *count += 1;
        if *count > MAX_PER_CODE {
            match hidden.iter_mut().find(|(code, _)| *code == diag.code) {
                Some((_, more)) => *more += 1,
                None => hidden.push((diag.code, 1)),
            }
            continue;
        }
        let mut text = Text::new(diag, lang);
        let extra = text.labels.len().saturating_sub(MAX_LABELS);
        if extra > 0 {
            text.labels.truncate(MAX_LABELS);
            let more = t("report-more-places").arg("count", extra).text(lang);
            text.help = Some(match text.help.take() {
                Some(help) => format!("{help}\n{more}"),
                None => more,
            });
        }
        let spans: Vec<crate::Span> = std::iter::once(diag.span)
            .chain(text.labels.iter().map(|(span, _)| *span))
            .collect();
        let (excerpt, moved) = Excerpt::new(source, &name, &spans);
        let report = Report {
            diag,
            primary: moved[0],
            labels: text
                .labels
                .iter()
                .zip(&moved[1..])
                .map(|((_, message), span)| (*span, message.clone()))
                .collect(),
            text,
            source: excerpt,
        };
        let mut drawn = String::new();
        if handler.render_report(&mut drawn, &report).is_err() {
            drawn = plain_line_in(source, diag, lang);
        }
        // miette writes its own `help:` label; say it in the reader's
        // language (the excerpt's lines all start with a line number).
        if lang != Lang::En {
            let prefix = crate::i18n::text(lang, "report-help-prefix");
            drawn = drawn.replace("\n  help: ", &format!("\n  {prefix}"));
        }
        out.push_str(&drawn);
        out.push('\n');
    }
    for (code, more) in hidden {
        out.push_str(
            &t("report-more-findings")
                .arg("count", more)
                .arg("code", code_and_name(code))
                .arg("file", &name)
                .text(lang),
        );
        out.push_str("\n\n");
    }
    out
}

/// `file:line:col: error[E104]: message`, for when a report cannot be
/// drawn (in the current language).
pub fn plain_line(source: &SourceFile, diag: &Diag) -> String {
    plain_line_in(source, diag, crate::i18n::current())
}

/// [`plain_line`] in the language `lang`.
pub fn plain_line_in(source: &SourceFile, diag: &Diag, lang: Lang) -> String {
    let at = source.line_col(diag.span.start);
    let severity = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    format!(
        "{}:{at}: {severity}[{}]: {}\n",
        printable(source.name()),
        diag.code,
        printable(&diag.message.text(lang))
    )
}

/// One diagnostic as JSON, with line/column positions; its texts in
/// English whatever the language (a machine format).
pub fn json(source: &SourceFile, diag: &Diag) -> serde_json::Value {
    let position = |span: crate::Span| {
        serde_json::json!({
            "start": span.start,
            "end": span.end,
            "line": source.line_col(span.start).line,
            "column": source.line_col(span.start).column,
            "end_line": source.line_col(span.end).line,
            "end_column": source.line_col(span.end).column,
        })
    };
    serde_json::json!({
        "file": source.name(),
        "code": diag.code,
        "rule": crate::lint::rule_by_code(diag.code).map(|rule| rule.name),
        "severity": diag.severity,
        "message": diag.message,
        "span": position(diag.span),
        "labels": diag.labels.iter().map(|label| serde_json::json!({
            "message": label.message,
            "span": position(label.span),
        })).collect::<Vec<_>>(),
        "help": diag.help,
    })
}

/// One finding as a GitHub Actions workflow command (an annotation on the
/// pull request's diff), its text in the current language: people read it.
pub fn github(source: &SourceFile, diag: &Diag) -> String {
    let lang = crate::i18n::current();
    let start = source.line_col(diag.span.start);
    let end = source.line_col(diag.span.end);
    let command = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let message = Text::new(diag, lang).with_help(lang);
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(source.name()),
        start.line,
        start.column,
        end.line,
        end.column,
        escape_property(&code_and_name(diag.code)),
        escape_data(&message)
    )
}

fn escape_data(text: &str) -> String {
    printable(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0 for GitHub code scanning: one run, every lint rule in the
/// driver, one result per diagnostic with its region (columns in code
/// points, end exclusive) and related locations. Texts in English whatever
/// the language (a machine format).
pub fn sarif(files: &[(&SourceFile, &[Diag])]) -> serde_json::Value {
    use crate::lint::{Level, RULES};
    let level = |severity: Severity| match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let uri = |name: &str| name.replace('\\', "/");
    let region = |source: &SourceFile, span: crate::Span| {
        let start = source.line_col(span.start);
        let end = source.line_col(span.end);
        serde_json::json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
            "charOffset": source.char_offset(span.start),
            "charLength": source.char_offset(span.end) - source.char_offset(span.start),
        })
    };
    let rules: Vec<_> = RULES
        .iter()
        .map(|rule| {
            serde_json::json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.summary },
                "help": { "text": rule.doc, "markdown": rule.doc },
                "defaultConfiguration": {
                    "level": match rule.recommended {
                        Level::Error => "error",
                        Level::Warning => "warning",
                        Level::Info => "note",
                        Level::Off => "none",
                    },
                    "enabled": rule.recommended != Level::Off,
                },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (source, diags) in files {
        for diag in diags.iter() {
            let location = |span, message: Option<&str>| {
                let mut location = serde_json::json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(source.name()) },
                        "region": region(source, span),
                    }
                });
                if let Some(message) = message {
                    location["message"] = serde_json::json!({ "text": message });
                }
                location
            };
            let text = Text::new(diag, Lang::En).with_help(Lang::En);
            let mut result = serde_json::json!({
                "ruleId": diag.code,
                "level": level(diag.severity),
                "message": { "text": text },
                "locations": [location(diag.span, None)],
            });
            if let Some(index) = RULES.iter().position(|rule| rule.code == diag.code) {
                result["ruleIndex"] = serde_json::json!(index);
            }
            if !diag.labels.is_empty() {
                result["relatedLocations"] = diag
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(id, label)| {
                        let mut related = location(label.span, Some(&label.message.english()));
                        related["id"] = serde_json::json!(id);
                        related
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "crmflow",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
