//! `crmflow check FILE|DIR|GLOB…`: parse, resolve and lint many files in
//! parallel; report as text, JSON, SARIF or GitHub annotations.

use super::args::{CheckArgs, ReportFormat};
use super::io::expand_inputs;
use super::settings::{configs_for, today_or_report};
use super::{exit, report};
use crmflow::batch::{Checked, check_file, inputs};
use crmflow::config::Config;
use crmflow::i18n::t;
use crmflow::lint;
use crmflow::render::Fonts;
use crmflow::report::Totals;
use crmflow::world::Disk;
use crmflow::{Diag, SourceFile};
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
    let fonts = match fonts_for(&configs) {
        Ok(fonts) => fonts,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let settings: Vec<(&Arc<Config>, &Fonts)> = configs.iter().zip(fonts).collect();
    let results: Vec<Checked> = super::io::map_each(
        &files,
        &settings,
        |path: &PathBuf, (config, fonts): &(&Arc<Config>, &Fonts)| {
            check_file(path, &config.lint.clone().today(today), Some(fonts), &Disk)
        },
    );

    // Markdown files without flows are not counted as checked.
    let checked = results
        .iter()
        .filter(|result| !matches!(result, Checked::NoFlows))
        .count();
    let (mut worst, totals, read) = tally(&results);
    if totals.errors > 0 {
        worst = worst.max(exit::FINDINGS);
    }
    let over_max = args.max_warnings.is_some_and(|max| totals.warnings > max);
    if over_max {
        worst = worst.max(exit::FINDINGS);
    }
    print_report(args, &read, &totals, checked, over_max, fancy);
    worst
}

/// The font each flow would be drawn with (CRMFLOW_FONT, else its config's
/// `render.font`, else the bundled one), per config, for W300 as `render`
/// reports it.
fn fonts_for(configs: &[Arc<Config>]) -> Result<Vec<&'static Fonts>, String> {
    let font_override = std::env::var_os("CRMFLOW_FONT")
        .filter(|font| !font.is_empty())
        .map(PathBuf::from);
    let mut font_cache = crmflow::pipeline::FontCache::default();
    configs
        .iter()
        .map(|config| {
            let font = font_override.as_deref().or(config.render.font.as_deref());
            font_cache.get(font, &Disk)
        })
        .collect()
}

/// The exit code the results call for so far, the findings counted, and
/// each readable file with its findings (notes and read errors printed).
fn tally(results: &[Checked]) -> (u8, Totals, Vec<(&SourceFile, &[Diag])>) {
    let mut worst = exit::OK;
    let mut totals = Totals::default();
    let mut read: Vec<(&SourceFile, &[Diag])> = Vec::new();
    for result in results {
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
    (worst, totals, read)
}

/// Prints the findings in the asked format, and the summary.
fn print_report(
    args: &CheckArgs,
    read: &[(&SourceFile, &[Diag])],
    totals: &Totals,
    checked: usize,
    over_max: bool,
    fancy: bool,
) {
    match args.format {
        ReportFormat::Human => {
            for (source, diags) in read {
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
                    "{}",
                    t("cli-error-more-than-max-warnings")
                        .arg("warnings", totals.warnings)
                        .arg("max", args.max_warnings.unwrap_or_default())
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
            super::io::out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&document).expect("JSON values serialise")
            ));
        }
        ReportFormat::Sarif => {
            super::io::out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&report::sarif(read)).expect("JSON values serialise")
            ));
        }
        ReportFormat::Github => {
            for (source, diags) in read {
                for diag in diags.iter() {
                    super::io::out(&format!("{}\n", report::github(source, diag)));
                }
            }
            eprintln!("{}", totals.summary(checked));
        }
    }
}

fn explain(name: &str) -> u8 {
    match lint::explain(name) {
        Ok(text) => {
            super::io::out(&format!("{text}\n"));
            exit::OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

fn list_rules() {
    super::io::out(&lint::rule_table());
}
