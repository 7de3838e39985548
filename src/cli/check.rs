//! `crmflow check FILE…`: parse and resolve; print every diagnostic.

use super::args::{CheckArgs, ReportFormat};
use super::io::{LoadError, load};
use super::{exit, report};
use crmflow::{Diag, Severity, SourceFile};

/// Runs `check`.
pub fn run(args: &CheckArgs, fancy: bool) -> u8 {
    let mut worst = exit::OK;
    let mut json = Vec::new();
    let (mut errors, mut warnings) = (0usize, 0usize);
    for path in &args.files {
        let (source, diags) = match load(path) {
            Ok(source) => {
                let diags = crmflow::check(&source).err().unwrap_or_default();
                (source, diags)
            }
            Err(LoadError::NotUtf8(bad)) => (bad.0, vec![bad.1]),
            Err(LoadError::Io(message)) => {
                eprintln!("error: {message}");
                worst = worst.max(exit::USAGE);
                continue;
            }
        };
        errors += diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        warnings += diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        if diags.iter().any(Diag::is_error) {
            worst = worst.max(exit::INVALID_INPUT);
        }
        match args.format {
            ReportFormat::Human => print_human(&source, &diags, fancy),
            ReportFormat::Json => json.extend(diags.iter().map(|diag| report::json(&source, diag))),
        }
    }
    match args.format {
        ReportFormat::Json => {
            let document = serde_json::json!({
                "diagnostics": json,
                "summary": { "files": args.files.len(), "errors": errors, "warnings": warnings },
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&document).expect("JSON values serialise")
            );
        }
        ReportFormat::Human if worst == exit::OK => {
            eprintln!(
                "ok: {} file{} checked, no problems",
                args.files.len(),
                if args.files.len() == 1 { "" } else { "s" }
            );
        }
        ReportFormat::Human => {}
    }
    worst
}

fn print_human(source: &SourceFile, diags: &[Diag], fancy: bool) {
    if !diags.is_empty() {
        eprint!("{}", report::human(source, diags, fancy));
    }
}
