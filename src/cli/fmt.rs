//! `crmflow fmt FILE… [--check]`: rewrite files in the canonical layout.

use super::args::FmtArgs;
use super::io::{LoadError, expand_inputs, load, write_atomic};
use super::{exit, report};
use crmflow::batch::inputs;
use crmflow::format::{format, meaning};
use crmflow::i18n::t;
use crmflow::world::Disk;
use std::path::Path;

/// Runs `fmt`.
pub fn run(args: &FmtArgs, fancy: bool) -> u8 {
    let files = match expand_inputs(|notes| inputs::expand(&args.files, notes)) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut code = exit::OK;
    let mut unformatted = 0;
    for file in &files {
        let result = one(file, args.check, fancy);
        if result == exit::FINDINGS {
            unformatted += 1;
        }
        code = code.max(result);
    }
    if args.check && unformatted > 0 {
        eprintln!(
            "{}",
            t("cli-unformatted-files-not-formatted-run")
                .arg("unformatted", &unformatted)
                .arg("files", files.len())
        );
    }
    code
}

/// Formats one file; the exit code for it.
fn one(path: &Path, check: bool, fancy: bool) -> u8 {
    let source = match load(path, &Disk) {
        Ok(source) => source,
        Err(LoadError::Io(message)) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
        Err(LoadError::NotUtf8(bad)) => {
            let (source, diag) = *bad;
            eprint!("{}", report::human(&source, &[diag], fancy));
            return exit::INVALID_INPUT;
        }
    };
    let ast = match crmflow::syntax::parse(&source) {
        Ok(ast) => ast,
        Err(diags) => {
            eprint!("{}", report::human(&source, &diags, fancy));
            return exit::INVALID_INPUT;
        }
    };
    let formatted = format(&source, &ast);
    // Never write a file that means something else: compare the resolved
    // flows (when the original resolves at all).
    if let Ok(before) = crmflow::model::resolve(&ast) {
        let after = crmflow::SourceFile::new(source.name(), formatted.clone());
        let same = crmflow::check(&after).is_ok_and(|after| meaning(&after) == meaning(&before));
        if !same {
            eprintln!(
                "{}",
                t("cli-error-formatting-would-change-meaning").arg("path", &path.display())
            );
            return exit::USAGE;
        }
    }
    let stdin = path.as_os_str() == "-";
    if stdin && !check {
        return match write_atomic(path, formatted.as_bytes()) {
            Ok(()) => exit::OK,
            Err(message) => {
                eprintln!("error: {message}");
                exit::USAGE
            }
        };
    }
    if formatted == source.text() {
        return exit::OK;
    }
    if check {
        let name = path.display().to_string();
        let diff = similar::TextDiff::from_lines(source.text(), &formatted);
        super::io::out(
            &diff
                .unified_diff()
                .context_radius(2)
                .header(&name, &format!("{name} (formatted)"))
                .to_string(),
        );
        return exit::FINDINGS;
    }
    // `fmt` rewrites its input: the one writer allowed to.
    match crmflow::files::rewrite_source(path, formatted.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "{}",
                crmflow::i18n::t("cli-formatted").arg("path", &path.display())
            );
            exit::OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}
