//! Diagnostics as plain data: [`Diag`] (code, severity, span, message,
//! labels, help) and [`Diags`], returned in bulk by every stage.
//!
//! The library never prints; [`crate::report`] turns diagnostics into text
//! (a human report, JSON, SARIF, GitHub annotations) for whoever prints it. Every diagnostic has a stable
//! code listed in [`codes`]: `E0xx` for syntax, `E1xx` for name resolution
//! and meaning, `E200` for `crmflow.yaml`, `W300` for text the font cannot
//! draw; lint findings carry their rule's code (`L001`…, see
//! [`crate::lint::RULES`]).

use crate::i18n::Message;
use crate::source::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never fails a run.
    Info,
    /// Worth fixing; fails a run only when configured to.
    Warning,
    /// The input is wrong.
    Error,
}

/// A secondary span with its own short message ("first declared here").
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What this place has to do with the diagnostic.
    pub message: Message,
}

/// One problem found in a source file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diag {
    /// Stable code, e.g. `E104`; see [`codes`].
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The exact place of the problem.
    pub span: Span,
    /// One sentence saying what is wrong (a catalog message: see
    /// [`crate::i18n`]).
    pub message: Message,
    /// Related places.
    pub labels: Vec<Label>,
    /// What to do about it, if there is something specific to say.
    pub help: Option<Message>,
}

impl Diag {
    /// An error diagnostic.
    pub fn error(code: &'static str, span: Span, message: Message) -> Self {
        Diag {
            code,
            severity: Severity::Error,
            span,
            message,
            labels: Vec::new(),
            help: None,
        }
    }

    /// A warning diagnostic.
    pub fn warning(code: &'static str, span: Span, message: Message) -> Self {
        Diag {
            severity: Severity::Warning,
            ..Diag::error(code, span, message)
        }
    }

    /// Adds a related span.
    pub fn with_label(mut self, span: Span, message: Message) -> Self {
        self.labels.push(Label { span, message });
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// Sets the help text if there is one.
    pub fn with_help_opt(mut self, help: Option<Message>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Several diagnostics, in source order.
pub type Diags = Vec<Diag>;

/// Sorts diagnostics by position, then code, so output is stable.
pub fn sort(diags: &mut Diags) {
    diags.sort_by(|a, b| (a.span, a.code).cmp(&(b.span, b.code)));
}

/// Stable diagnostic codes. Once published, a code keeps its meaning.
pub mod codes {
    /// The file is not valid UTF-8.
    pub const NOT_UTF8: &str = "E000";
    /// The text does not follow the grammar (pest's "expected …").
    pub const SYNTAX: &str = "E001";
    /// A string's closing quote is missing.
    pub const UNTERMINATED_STRING: &str = "E002";
    /// A backslash escape other than `\"`, `\\`, `\n`.
    pub const INVALID_ESCAPE: &str = "E003";
    /// An edge label after `:` is not quoted.
    pub const UNQUOTED_LABEL: &str = "E004";
    /// `:` after an edge with no label.
    pub const MISSING_LABEL: &str = "E005";
    /// An attribute that does not exist (here).
    pub const UNKNOWN_ATTRIBUTE: &str = "E006";
    /// A reserved declaration word where an id was expected.
    pub const RESERVED_WORD: &str = "E007";
    /// The file declares no nodes.
    pub const EMPTY_FLOW: &str = "E100";
    /// Two declarations with the same id.
    pub const DUPLICATE_ID: &str = "E101";
    /// A lane that is not declared.
    pub const UNKNOWN_LANE: &str = "E102";
    /// A module that is not declared.
    pub const UNKNOWN_MODULE: &str = "E103";
    /// An edge endpoint that is not declared.
    pub const UNKNOWN_NODE: &str = "E104";
    /// A color that is neither a named color nor `"#rrggbb"`.
    pub const UNKNOWN_COLOR: &str = "E105";
    /// A date that is not a real calendar date.
    pub const INVALID_DATE: &str = "E106";
    /// A direction other than `right` or `down`.
    pub const UNKNOWN_DIRECTION: &str = "E107";
    /// `calls` on a node that is not a `sub`.
    pub const CALLS_NOT_SUB: &str = "E108";
    /// A node inside a lane block that names another lane.
    pub const LANE_CONFLICT: &str = "E109";
    /// A header field, or a single-valued attribute, given twice; or two headers.
    pub const DUPLICATE_FIELD: &str = "E110";
    /// The flow has more nodes, edges, lanes or edge segments than the
    /// limits allow.
    pub const TOO_LARGE: &str = "E111";
    /// A page other than `slide`, `a4` or `none`.
    pub const UNKNOWN_PAGE: &str = "E112";
    /// A quoted text longer than the `text-chars` limit.
    pub const TEXT_TOO_LONG: &str = "E113";
    /// A phase that is not declared.
    pub const UNKNOWN_PHASE: &str = "E114";
    /// A node inside a phase block that names another phase.
    pub const PHASE_CONFLICT: &str = "E115";
    /// A lane or phase block nested where it cannot be: a label or color
    /// on a nested block, or a block inside a block of its own kind.
    pub const NESTED_BLOCK: &str = "E116";
    /// `crmflow.yaml` is not valid YAML, or has an unknown key or value.
    pub const CONFIG: &str = "E200";
    /// A character the drawing's font has no glyph for (a warning).
    pub const MISSING_GLYPH: &str = "W300";
    /// An export format cannot carry part of the flow (it is kept another
    /// way, or left out, as the message says).
    pub const EXPORT_LOSS: &str = "W310";
    /// A page of a flow split into pages stays under 9 pt on its page
    /// target: one phase or rank too big to split further (a warning).
    pub const PAGE_TOO_DENSE: &str = "W320";
}
