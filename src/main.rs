//! The `crmflow` binary: parse arguments, dispatch, exit with the code.

mod cli;

use clap::error::ErrorKind;
use clap::{FromArgMatches, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let args = cli::args::expand_shorthand(std::env::args_os().collect());
    // Help is shown in the language asked for; the command line is only
    // translated when help is what it asks for.
    let parsed = match cli::args::Cli::try_parse_from(&args) {
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            let lang = cli::args::language_asked(&args);
            cli::help::command(lang)
                .try_get_matches_from(args)
                .and_then(|matches| cli::args::Cli::from_arg_matches(&matches))
        }
        other => other,
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                cli::exit::USAGE
            } else {
                cli::exit::OK
            };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match crmflow::limits::Limits::from_env() {
        Ok(limits) => {
            crmflow::limits::init(limits);
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(cli::exit::USAGE);
        }
    }
    ExitCode::from(cli::dispatch(cli))
}

/// A reader that stops reading (`crmflow check --explain L001 | head`, `2>&1
/// | head`) ends the run quietly, as it ends a shell tool, instead of the
/// panic Rust's `print!` and `eprint!` raise on a closed pipe. Standard
/// output is written through `cli::io::out`, which ends the run itself;
/// this catches the diagnostics written to standard error.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
