//! Stage 3 — lint: [`Flow`] → findings ([`Diag`]s with a rule's code).
//!
//! Takes a resolved flow, its source (for `# crmflow-ignore:` directives)
//! and [`LintSettings`] (severities from a preset and `crmflow.yaml`, rule
//! options, today's date); gives [`Linted`]: the findings, sorted by
//! position, and how many were suppressed.
//!
//! Parts, each depending only on those before it: [`rule`] — the rule API,
//! a leaf (what a rule is and sees, [`Level`], [`RuleOptions`]); [`rules`] —
//! one file per rule and the registry [`RULES`]; `settings` — levels from a
//! preset and `crmflow.yaml`, each rule's options handed to the rule that
//! owns them ([`Rule::configure`]); `directives` — `# crmflow-ignore:`
//! comments and the check that keeps them honest; this file, the engine.
//!
//! Every rule has a stable code (`L001`…), a kebab-case name, a doc with an
//! incorrect and a correct example, a `check` function and its own options.
//! A new rule is one file plus one line in [`RULES`]. Rules share one
//! [`graph::ControlGraph`] (successors, reachability, strongly connected
//! components), computed once in linear time.

mod directives;
mod docs;
pub mod graph;
pub mod rule;
pub mod rules;
mod settings;

pub use directives::{Directive, directives};
pub use docs::{explain, rule_table};
pub use rule::{
    Context, Level, OptionError, Rule, RuleOptions, describe_value, no_options, parse_level,
};
pub use rules::{RULES, rule_by_code, rule_by_name};
pub use settings::{LintSettings, Preset, SettingsError, settings_from_yaml};

use crate::diag::{Diag, Diags, Severity};
use crate::model::Flow;
use crate::source::SourceFile;
use crate::world::World;
use std::path::Path;

/// The result of linting one flow.
#[derive(Clone, Debug, Default)]
pub struct Linted {
    /// Findings at their configured severity, sorted by position; rules set
    /// to `off` and suppressed findings are not included.
    pub findings: Diags,
    /// How many findings `# crmflow-ignore:` directives suppressed.
    pub suppressed: usize,
}

impl Linted {
    /// Number of findings at a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    }
}

/// Runs every enabled rule over a flow.
pub fn lint(
    source: &SourceFile,
    flow: &Flow,
    settings: &LintSettings,
    path: Option<&Path>,
    files: &dyn World,
) -> Linted {
    let graph = graph::ControlGraph::new(flow);
    let context = Context {
        flow,
        graph: &graph,
        options: &settings.options,
        path,
        files,
    };
    let mut raw = Vec::new();
    for rule in RULES {
        if settings.level(rule) == Level::Off {
            continue;
        }
        (rule.check)(&context, &mut raw);
    }
    let directives = directives(source, flow);
    let mut linted = Linted::default();
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|directive| vec![false; directive.rules.len()])
        .collect();
    for mut finding in raw {
        let rule = rule_by_code(finding.code).expect("findings carry a registered rule's code");
        let line = source.line_col(finding.span.start).line;
        let suppressing = directives
            .iter()
            .position(|directive| directive.suppresses(rule, line));
        if let Some(index) = suppressing {
            let named = directives[index]
                .rules
                .iter()
                .position(|named| named.code == rule.code)
                .expect("a directive suppresses only rules it names");
            used[index][named] = true;
            linted.suppressed += 1;
            continue;
        }
        finding.severity = settings
            .level(rule)
            .severity()
            .expect("rules that are off do not run");
        linted.findings.push(finding);
    }
    let meta = &rules::ignore_directive::RULE;
    if let Some(severity) = settings.level(meta).severity() {
        let mut problems = Vec::new();
        directives::check_directives(
            &directives,
            &used,
            |rule| settings.level(rule) != Level::Off,
            &mut problems,
        );
        linted
            .findings
            .extend(problems.into_iter().map(|problem| Diag {
                severity,
                ..problem
            }));
    }
    crate::diag::sort(&mut linted.findings);
    linted
}

#[cfg(test)]
mod tests;
