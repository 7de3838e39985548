//! `crmflow completions SHELL` and `crmflow man`: generated from the clap
//! definitions, so they never disagree with `--help`.

use super::args::Cli;
use super::exit;
use super::io::write_atomic;
use clap::CommandFactory;
use crmflow::i18n::t;
use std::path::Path;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "crmflow", &mut script);
    super::io::out_bytes(&script);
    exit::OK
}

/// Prints `crmflow.1`, or writes it and one page per subcommand to `out_dir`.
pub fn man(out_dir: Option<&Path>) -> u8 {
    let command = Cli::command();
    let Some(dir) = out_dir else {
        return match page(&command) {
            Ok(roff) => match write_atomic(Path::new("-"), &roff) {
                Ok(()) => exit::OK,
                Err(message) => fail(&message),
            },
            Err(message) => fail(&message),
        };
    };
    if let Err(err) = std::fs::create_dir_all(dir) {
        return fail(
            &t("cli-cannot-create-err")
                .arg("err", &err)
                .arg("dir", &dir.display())
                .to_string(),
        );
    }
    let mut pages = vec![("crmflow".to_owned(), command.clone())];
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let name = format!("crmflow-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().display_name(name)));
    }
    for (name, command) in pages {
        let path = dir.join(format!("{name}.1"));
        let written = page(&command).and_then(|roff| write_atomic(&path, &roff));
        if let Err(message) = written {
            return fail(&message);
        }
        eprintln!("{}", t("cli-wrote").arg("path", &path.display()));
    }
    exit::OK
}

fn page(command: &clap::Command) -> Result<Vec<u8>, String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut roff)
        .map_err(|err| {
            t("cli-cannot-write-man-page-err")
                .arg("err", &err)
                .to_string()
        })?;
    Ok(roff)
}

fn fail(message: &str) -> u8 {
    eprintln!("error: {message}");
    exit::USAGE
}
