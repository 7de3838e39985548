//! `--help` in the user's language: every about, long about, after-help
//! and argument help of the command line comes from the catalogs
//! (`help.ftl`), looked up by its place (`help-crmflow-render-about`,
//! `help-crmflow-render-arg-format`). The English catalog is the text the
//! declarations in [`super::args`] give (a test keeps the two equal), so
//! English help is clap's own.

use clap::{Command, CommandFactory};
use crmflow::i18n::Lang;

/// Each help text of `command` and its subcommands: (catalog id, text).
#[cfg(test)]
pub fn texts(command: &Command) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(command, "help-crmflow", &mut out);
    out
}

#[cfg(test)]
fn collect(command: &Command, path: &str, out: &mut Vec<(String, String)>) {
    let mut push = |key: String, text: Option<String>| {
        if let Some(text) = text.filter(|text| !text.trim().is_empty()) {
            out.push((key, text));
        }
    };
    push(
        format!("{path}-about"),
        command.get_about().map(|s| s.to_string()),
    );
    push(
        format!("{path}-long-about"),
        command.get_long_about().map(|s| s.to_string()),
    );
    push(
        format!("{path}-after-help"),
        command.get_after_help().map(|s| s.to_string()),
    );
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str().replace('_', "-");
        push(
            format!("{path}-arg-{id}"),
            arg.get_help().map(|s| s.to_string()),
        );
        push(
            format!("{path}-arg-{id}-long"),
            arg.get_long_help().map(|s| s.to_string()),
        );
        for value in arg.get_possible_values() {
            push(
                format!("{path}-arg-{id}-value-{}", value.get_name()),
                value.get_help().map(|s| s.to_string()),
            );
        }
    }
    for sub in command.get_subcommands() {
        collect(sub, &format!("{path}-{}", sub.get_name()), out);
    }
}

/// The command line with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let command = super::args::Cli::command();
    if lang == Lang::En {
        return command;
    }
    localize(command, "help-crmflow", lang)
}

fn localize(mut command: Command, path: &str, lang: Lang) -> Command {
    let text = |key: String| crmflow::i18n::text_of(lang, &key);
    let word = |id: &'static str| crmflow::i18n::text(lang, id);
    // clap's own words: the headings, and the help and version flags.
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            word("cli-help-usage")
        ))
        .subcommand_help_heading(word("cli-help-commands"))
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(word("cli-help-print-help")),
        );
    if path == "help-crmflow" {
        command = command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(word("cli-help-print-version")),
        );
    }
    if let Some(about) = text(format!("{path}-about")) {
        command = command.about(about);
    }
    if let Some(long) = text(format!("{path}-long-about")) {
        command = command.long_about(long);
    }
    if let Some(after) = text(format!("{path}-after-help")) {
        command = command.after_help(after);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        let key = format!("{path}-arg-{}", id.replace('_', "-"));
        let (help, long) = (text(key.clone()), text(format!("{key}-long")));
        command = command.mut_arg(id, |mut arg| {
            // The values' own words: listed under the help in the
            // language, instead of clap's English list.
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter_map(|value| {
                    let help = text(format!("{key}-value-{}", value.get_name()))?;
                    Some(format!("- {}: {help}", value.get_name()))
                })
                .collect();
            if !values.is_empty() {
                let base = long.clone().or_else(|| help.clone()).unwrap_or_default();
                arg = arg.hide_possible_values(true).long_help(format!(
                    "{base}\n\n{}\n{}",
                    word("cli-help-possible-values"),
                    values.join("\n")
                ));
            }
            if arg.get_help_heading().is_none() {
                let heading = if arg.is_positional() {
                    word("cli-help-arguments")
                } else {
                    word("cli-help-options")
                };
                arg = arg.help_heading(heading);
            }
            if let Some(help) = help {
                arg = arg.help(help);
            }
            if let Some(long) = long.filter(|_| values.is_empty()) {
                arg = arg.long_help(long);
            }
            arg
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = format!("{path}-{name}");
        command = command.mut_subcommand(name, |sub| localize(sub, &sub_path, lang));
    }
    command
}

/// `texts` as a Fluent catalog: each text on the lines after its id,
/// `{` and `}` quoted, and a line that would lose its indentation or read
/// as Fluent syntax (`[`, `*`, `.`) started with an empty placeable.
#[cfg(test)]
pub fn catalog(texts: &[(String, String)]) -> String {
    let mut out = String::from(
        "# --help texts by place: help-crmflow[-SUBCOMMAND…]-about, -long-about,\n\
         # -after-help, -arg-ID, -arg-ID-long. The English file is written from\n\
         # the command line's declarations (CRMFLOW_BLESS=1 cargo test help);\n\
         # the Chinese one is translated from it.\n",
    );
    for (key, text) in texts {
        out.push('\n');
        out.push_str(key);
        out.push_str(" =\n");
        for line in text.lines() {
            if line.is_empty() {
                out.push('\n');
                continue;
            }
            out.push_str("    ");
            if line.starts_with([' ', '[', '*', '.']) {
                out.push_str("{\"\"}");
            }
            for c in line.chars() {
                match c {
                    '{' => out.push_str("{\"{\"}"),
                    '}' => out.push_str("{\"}\"}"),
                    c => out.push(c),
                }
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_help_catalog_is_the_declarations() {
        let texts = texts(&super::super::args::Cli::command());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n/en/help.ftl");
        let written = catalog(&texts);
        if std::env::var_os("CRMFLOW_BLESS").is_some() {
            std::fs::write(path, &written).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            written,
            "src/i18n/en/help.ftl is not the declarations' help: CRMFLOW_BLESS=1 cargo test help"
        );
        // What the catalog gives back is the text, to the character.
        for (key, text) in &texts {
            assert_eq!(
                crmflow::i18n::text_of(Lang::En, key).as_deref(),
                Some(text.as_str()),
                "{key}"
            );
        }
    }

    #[test]
    fn every_help_text_has_its_chinese_and_the_chinese_help_is_chinese() {
        let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (key, english) in texts(&super::super::args::Cli::command()) {
            let zh = crmflow::i18n::text_of(Lang::Zh, &key).unwrap();
            assert!(zh != english && chinese(&zh), "{key}: {zh}");
        }
        let mut help = Vec::new();
        command(Lang::Zh)
            .find_subcommand_mut("render")
            .unwrap()
            .write_long_help(&mut help)
            .unwrap();
        let help = String::from_utf8(help).unwrap();
        assert!(help.contains("用法") && help.contains("渲染"), "{help}");
    }
}
