//! The `crmflow` binary: parse arguments, dispatch, exit with the code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::args::expand_shorthand(std::env::args_os().collect());
    let cli = match cli::args::Cli::try_parse_from(args) {
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
