//! The rule API, a leaf the engine, the settings and every rule build on:
//! what a rule is ([`Rule`]: code, name, levels, doc, check, its options),
//! what it sees ([`Context`]), how its findings are reported ([`Level`])
//! and the options rules read ([`RuleOptions`]). Nothing here depends on
//! the registry, the settings or the engine.

use super::graph::ControlGraph;
use crate::diag::{Diag, Severity};
use crate::i18n::{Message, t};
use crate::model::Flow;
use crate::world::World;
use std::path::Path;

/// A lint rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, `L001`…; never reused.
    pub code: &'static str,
    /// Stable kebab-case name, used in `crmflow.yaml` and directives.
    pub name: &'static str,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Level in the `recommended` preset.
    pub recommended: Level,
    /// Level in the `strict` preset.
    pub strict: Level,
    /// Markdown: why, an incorrect and a correct example, options.
    pub doc: &'static str,
    /// Pushes its findings (severity is set by the engine).
    pub check: fn(&Context<'_>, &mut Vec<Diag>),
    /// The options it takes in `crmflow.yaml` besides `severity`.
    pub options: &'static [&'static str],
    /// Sets one of [`Rule::options`] from its YAML value, or says what is
    /// wrong with the value (each rule validates its own options).
    pub configure: fn(&str, &serde_yaml::Value, &mut RuleOptions) -> Result<(), OptionError>,
}

/// Why an option's value was refused: the message and what to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// What is wrong.
    pub message: Message,
    /// What to write instead.
    pub help: Option<Message>,
}

/// [`Rule::configure`] for a rule without options (it is never called:
/// [`Rule::options`] is empty).
pub fn no_options(_: &str, _: &serde_yaml::Value, _: &mut RuleOptions) -> Result<(), OptionError> {
    Ok(())
}

/// How a YAML value is shown in a message: `` `text` ``, `nothing`, …
pub fn describe_value(value: &serde_yaml::Value) -> Message {
    match value {
        serde_yaml::Value::String(text) => t("verbatim").arg("text", format!("`{text}`")),
        serde_yaml::Value::Null => t("value-nothing"),
        other => serde_yaml::to_string(other)
            .map(|text| t("verbatim").arg("text", format!("`{}`", text.trim())))
            .unwrap_or_else(|_| t("value-wrong-type")),
    }
}

/// How a rule's findings are reported; `Off` disables the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported, never fails a run.
    Info,
    /// Reported; fails a run with `--deny-warnings` or over `--max-warnings`.
    Warning,
    /// Fails the run.
    Error,
}

impl Level {
    /// The severity findings get, or `None` when off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    /// The word for it in `crmflow.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Reads a level word: `off`, `info`, `warning` (or `warn`), `error`.
pub fn parse_level(word: &str) -> Option<Level> {
    match word {
        "off" => Some(Level::Off),
        "info" => Some(Level::Info),
        "warning" | "warn" => Some(Level::Warning),
        "error" => Some(Level::Error),
        _ => None,
    }
}

/// Options some rules take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleOptions {
    /// Today, for `stale-review` (`None`: the rule cannot tell and stays quiet).
    pub today: Option<time::Date>,
    /// `stale-review`: a review older than this many days is stale.
    pub review_max_age_days: u32,
    /// `stale-review`: a missing `reviewed` date is a finding too.
    pub review_required: bool,
    /// `excessive-handoffs`: the most lane changes a path may have.
    pub max_handoffs: u32,
    /// `sub-target`: the folder `calls` may not leave (the project root:
    /// `project.root` in `crmflow.yaml`, else the folder of that file;
    /// `None`: the folder of the flow being linted).
    pub calls_root: Option<std::path::PathBuf>,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            today: None,
            review_max_age_days: 180,
            review_required: false,
            max_handoffs: 6,
            calls_root: None,
        }
    }
}

/// What a rule sees.
pub struct Context<'a> {
    /// The flow being linted.
    pub flow: &'a Flow,
    /// Control-flow analyses shared by the rules.
    pub graph: &'a ControlGraph,
    /// Rule options (review interval, hand-off limit, today's date).
    pub options: &'a RuleOptions,
    /// The flow's own path, to resolve `calls` against (`None`: standard input,
    /// paths resolve against the working directory).
    pub path: Option<&'a Path>,
    /// Where `calls` targets are read from.
    pub files: &'a dyn World,
}
