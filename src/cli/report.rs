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
        Some(Box::new(self.diag.code))
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
