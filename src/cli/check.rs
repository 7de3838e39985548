//! `crmflow check FILE|DIR|GLOB…`: parse, resolve and lint many files in
//! parallel; report as text, JSON, SARIF or GitHub annotations.

use super::args::{CheckArgs, ReportFormat};
use super::io::expand_inputs;
use super::settings::{configs_for, today_or_report};
use super::{exit, plural, report};
use crmflow::batch::{Checked, check_file, inputs};
use crmflow::config::Config;
use crmflow::lint::{self, Level, RULES};
use crmflow::world::Disk;
use crmflow::{Diag, Severity, SourceFile};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// Runs `check`.
pub fn run(args: &CheckArgs, fancy: bool) -> u8 {
    if let Some(name) = &args.explain {
        return explain(name);
    }
    if args.list_rules {
        list_rules();
        return exit::OK;
    }
    let files =
        match expand_inputs(|notes| inputs::expand_kinds(&args.files, &["crmflow", "md"], notes)) {
            Ok(files) => files,
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        };
    let today = match today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    let Ok(configs) = configs_for(&files, args.config.as_deref(), fancy) else {
        return exit::INVALID_INPUT;
    };
    let results: Vec<Checked> = files
        .par_iter()
        .zip(configs.par_iter())
        .map(|(path, config): (&PathBuf, &Arc<Config>)| {
            check_file(path, &config.lint.clone().today(today), &Disk)
        })
        .collect();

    // Markdown files without flows are not counted as checked.
    let checked = results
        .iter()
        .filter(|result| !matches!(result, Checked::NoFlows))
        .count();
    let mut worst = exit::OK;
    let mut totals = Totals::default();
    let mut read: Vec<(&SourceFile, &[Diag])> = Vec::new();
    for result in &results {
        match result {
            Checked::NoFlows => {}
            Checked::Unreadable(message) => {
                eprintln!("error: {message}");
                worst = worst.max(exit::USAGE);
                totals.unreadable += 1;
            }
            Checked::Read {
                source,
                diags,
                invalid,
                suppressed,
                notes,
            } => {
                for note in notes {
                    eprintln!("note: {note}");
                }
                if *invalid {
                    worst = worst.max(exit::INVALID_INPUT);
                    totals.invalid += 1;
                }
                totals.add(diags, *suppressed);
                read.push((source, diags));
            }
        }
    }
    if totals.errors > 0 {
        worst = worst.max(exit::FINDINGS);
    }
    let over_max = args.max_warnings.is_some_and(|max| totals.warnings > max);
    if over_max {
        worst = worst.max(exit::FINDINGS);
    }
    match args.format {
        ReportFormat::Human => {
            for (source, diags) in &read {
                if diags.is_empty() {
                    continue;
                }
                if checked > 1 {
                    let mut one = Totals::default();
                    one.add(diags, 0);
                    eprintln!("── {}: {}\n", source.name(), one.counts());
                }
                eprint!("{}", report::human(source, diags, fancy));
            }
            eprintln!("{}", totals.summary(checked));
            if over_max {
                eprintln!(
                    "error: {} warnings, more than --max-warnings {}",
                    totals.warnings,
                    args.max_warnings.unwrap_or_default()
                );
            }
        }
        ReportFormat::Json => {
            let diagnostics: Vec<_> = read
                .iter()
                .flat_map(|(source, diags)| diags.iter().map(|diag| report::json(source, diag)))
                .collect();
            let document = serde_json::json!({
                "diagnostics": diagnostics,
                "summary": {
                    "files": checked,
                    "errors": totals.errors,
                    "warnings": totals.warnings,
                    "infos": totals.infos,
                    "suppressed": totals.suppressed,
                    "invalid_files": totals.invalid,
                    "unreadable_files": totals.unreadable,
                },
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&document).expect("JSON values serialise")
            );
        }
        ReportFormat::Sarif => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report::sarif(&read)).expect("JSON values serialise")
            );
        }
        ReportFormat::Github => {
            for (source, diags) in &read {
                for diag in diags.iter() {
                    println!("{}", report::github(source, diag));
                }
            }
            eprintln!("{}", totals.summary(checked));
        }
    }
    worst
}

#[derive(Default)]
struct Totals {
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    files_with_findings: usize,
    invalid: usize,
    unreadable: usize,
}

impl Totals {
    fn add(&mut self, diags: &[Diag], suppressed: usize) {
        let count = |severity| diags.iter().filter(|d| d.severity == severity).count();
        self.errors += count(Severity::Error);
        self.warnings += count(Severity::Warning);
        self.infos += count(Severity::Info);
        self.suppressed += suppressed;
        self.files_with_findings += usize::from(!diags.is_empty());
    }

    /// `1 error, 2 warnings` (infos only when there are some).
    fn counts(&self) -> String {
        let mut parts = vec![
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        ];
        if self.infos > 0 {
            parts.push(plural(self.infos, "info"));
        }
        parts.join(", ")
    }

    fn summary(&self, files: usize) -> String {
        let suppressed = if self.suppressed > 0 {
            format!(" ({} suppressed by crmflow-ignore)", self.suppressed)
        } else {
            String::new()
        };
        if self.errors + self.warnings + self.infos == 0 && self.unreadable == 0 {
            return format!(
                "ok: {} checked, no problems{suppressed}",
                plural(files, "file")
            );
        }
        let mut line = format!(
            "{} checked: {} in {}",
            plural(files, "file"),
            self.counts(),
            plural(self.files_with_findings, "file")
        );
        if self.invalid > 0 {
            line.push_str(&format!(
                "; {} did not compile",
                plural(self.invalid, "file")
            ));
        }
        if self.unreadable > 0 {
            line.push_str(&format!(
                "; {} could not be read",
                plural(self.unreadable, "file")
            ));
        }
        line + &suppressed
    }
}

fn explain(name: &str) -> u8 {
    match lint::rule_by_name(name).or_else(|| lint::rule_by_code(name)) {
        Some(rule) => {
            println!("{}", rule.doc.trim_end());
            println!(
                "\nLevel: {} (recommended), {} (strict).",
                rule.recommended.name(),
                rule.strict.name()
            );
            exit::OK
        }
        None => {
            let hint = crmflow::suggest::did_you_mean(name, RULES.iter().map(|rule| rule.name))
                .map(|hint| format!("; {hint}"))
                .unwrap_or_default();
            eprintln!(
                "error: no lint rule `{name}`{hint}; `crmflow check --list-rules` lists them"
            );
            exit::USAGE
        }
    }
}

fn list_rules() {
    let width = RULES.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    println!(
        "code  {:width$}  recommended  strict   what it finds",
        "name"
    );
    for rule in RULES {
        let level = |level: Level| level.name();
        println!(
            "{}  {:width$}  {:11}  {:7}  {}",
            rule.code,
            rule.name,
            level(rule.recommended),
            level(rule.strict),
            rule.summary
        );
    }
}
