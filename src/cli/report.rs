//! Diagnostics at the edge: [`Diag`] → miette reports (human) or JSON.

use super::args::ColorChoice;
use crmflow::{Diag, Severity, SourceFile};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;
use std::io::IsTerminal;

/// A diagnostic with its source, as miette wants it.
struct Report<'a> {
    diag: &'a Diag,
    source: NamedSource<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
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
        self.diag
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary =
            LabeledSpan::new_primary_with_span(None, (self.diag.span.start, self.diag.span.len()));
        let related = self.diag.labels.iter().map(|label| {
            LabeledSpan::new_with_span(
                Some(label.message.clone()),
                (label.span.start, label.span.len()),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// `L001 dead-end` for lint findings, the bare code for compile errors.
pub fn code_and_name(code: &str) -> String {
    match crmflow::lint::rule_by_code(code) {
        Some(rule) => format!("{} {}", rule.code, rule.name),
        None => code.to_owned(),
    }
}

/// Whether reports use color and unicode graphics.
pub fn fancy(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Renders diagnostics for people.
pub fn human(source: &SourceFile, diags: &[Diag], fancy: bool) -> String {
    let theme = if fancy {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut out = String::new();
    for diag in diags {
        let report = Report {
            diag,
            source: NamedSource::new(source.name(), source.text().to_owned()),
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&plain_line(source, diag));
        }
        out.push('\n');
    }
    out
}

/// `file:line:col: error[E104]: message`, for when a report cannot be drawn.
pub fn plain_line(source: &SourceFile, diag: &Diag) -> String {
    let at = source.line_col(diag.span.start);
    let severity = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    format!(
        "{}:{at}: {severity}[{}]: {}\n",
        source.name(),
        diag.code,
        diag.message
    )
}

/// One diagnostic as JSON, with line/column positions.
pub fn json(source: &SourceFile, diag: &Diag) -> serde_json::Value {
    let position = |span: crmflow::Span| {
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
        "rule": crmflow::lint::rule_by_code(diag.code).map(|rule| rule.name),
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
/// pull request's diff).
pub fn github(source: &SourceFile, diag: &Diag) -> String {
    let start = source.line_col(diag.span.start);
    let end = source.line_col(diag.span.end);
    let command = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = diag.message.clone();
    if let Some(help) = &diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
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
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0 for GitHub code scanning: one run, every lint rule in the
/// driver, one result per diagnostic with its region (columns in code
/// points, end exclusive) and related locations.
pub fn sarif(files: &[(&SourceFile, &[Diag])]) -> serde_json::Value {
    use crmflow::lint::{Level, RULES};
    let level = |severity: Severity| match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let uri = |name: &str| name.replace('\\', "/");
    let region = |source: &SourceFile, span: crmflow::Span| {
        let start = source.line_col(span.start);
        let end = source.line_col(span.end);
        serde_json::json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
            "charOffset": span.start,
            "charLength": span.len(),
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
            let mut text = diag.message.clone();
            if let Some(help) = &diag.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
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
                        let mut related = location(label.span, Some(&label.message));
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
