//! The `crmflow` command line: a thin layer over the library. One function
//! per subcommand; diagnostics become reports only here.

pub mod args;
mod check;
mod docs;
mod export;
mod fmt;
pub mod help;
mod io;
mod md;
mod mdbook;
mod paths;
mod render;
mod report;
mod settings;
mod sop;
mod stats;
mod templates;
mod watch;

use args::{Cli, Command};
use crmflow::i18n::t;

/// Process exit codes (documented in `--help` and the README).
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Lint findings at error level (or warnings over the limit).
    pub const FINDINGS: u8 = 1;
    /// The input does not parse or resolve.
    pub const INVALID_INPUT: u8 = 2;
    /// Usage or I/O error.
    pub const USAGE: u8 = 3;

    /// The exit code of a run that went as `verdict` says.
    pub fn of(verdict: crmflow::batch::Verdict) -> u8 {
        use crmflow::batch::Verdict;
        match verdict {
            Verdict::Clean => OK,
            Verdict::Findings => FINDINGS,
            Verdict::Invalid => INVALID_INPUT,
            Verdict::Unusable => USAGE,
        }
    }
}

/// Runs a parsed command line and returns the exit code.
pub fn dispatch(cli: Cli) -> u8 {
    let fancy = report::fancy(cli.color);
    // `--lang` (or CRMFLOW_LANG), else the system locale, else English.
    let lang = match cli.lang {
        Some(args::LangSetting(Some(lang))) => lang,
        _ => crmflow::i18n::system_language(),
    };
    crmflow::i18n::set_current(lang);
    match cli.command {
        Command::Check(args) => check::run(&args, fancy),
        Command::Render(args) => render::run(&args, fancy),
        Command::Watch(args) => watch::run(&args, fancy),
        Command::Md(args) => md::run(&args, fancy),
        Command::Mdbook(args) => mdbook::run(&args, fancy),
        Command::Fmt(args) => fmt::run(&args, fancy),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man { out_dir } => docs::man(out_dir.as_deref()),
        Command::New(args) => templates::new(&args),
        Command::Paths(args) => paths::run(&args, fancy),
        Command::Templates(args) => templates::run(&args),
        Command::Export(args) => export::run(&args, fancy),
        Command::Stats(args) => stats::run(&args, fancy),
        Command::Sop(args) => sop::run(&args, fancy),
        Command::Language => {
            io::out(include_str!("../../docs/language.md"));
            exit::OK
        }
        Command::Lsp => match crmflow::lsp::serve_stdio() {
            Ok(()) => exit::OK,
            Err(message) => {
                eprintln!(
                    "{}",
                    t("cli-error-crmflow-lsp-message").arg("message", &message)
                );
                exit::USAGE
            }
        },
    }
}

/// Why a file gave no drawing, as a report and the exit code it means.
fn failure_report(
    source: &crmflow::SourceFile,
    failure: crmflow::pipeline::FileFailure,
    fancy: bool,
) -> (u8, String) {
    let (verdict, report) = crmflow::batch::failure_report(source, failure, fancy);
    (exit::of(verdict), report)
}
