//! `crmflow new` and `crmflow templates`: thin commands over
//! [`crmflow::templates`].

use super::args::{NewArgs, TemplatesAction, TemplatesArgs};
use super::io::{out, write_atomic};
use super::{exit, settings};
use crmflow::batch::write_if_changed;
use crmflow::i18n::t;
use crmflow::templates::{self, TEMPLATES, Template};
use std::path::Path;

fn find(name: &str) -> Result<&'static Template, u8> {
    templates::find(name).ok_or_else(|| {
        let hint = crmflow::suggest::did_you_mean(name, TEMPLATES.iter().map(|t| t.name))
            .map(|hint| format!("; {}", hint.local()))
            .unwrap_or_default();
        eprintln!(
            "{}",
            t("cli-error-no-template-name-hint")
                .arg("name", name)
                .arg("hint", &hint)
        );
        exit::USAGE
    })
}

/// Runs `crmflow templates`.
pub fn run(args: &TemplatesArgs) -> u8 {
    match &args.action {
        None => {
            let width = TEMPLATES.iter().map(|t| t.name.len()).max().unwrap_or(0);
            for template in TEMPLATES {
                let summary = template.summary(crmflow::i18n::current());
                out(&format!("{:width$}  {summary}\n", template.name));
            }
            out(&format!("\n{}\n", t("cli-start-from-one-crmflow-new")));
            exit::OK
        }
        Some(TemplatesAction::Show { name }) => match find(name) {
            Ok(template) => {
                out(template.text(crmflow::i18n::current()));
                exit::OK
            }
            Err(code) => code,
        },
        Some(TemplatesAction::Gallery { dir }) => gallery(dir),
    }
}

/// Writes `NAME.LANG.svg` and `NAME.LANG.png` (scale 1) for every template.
fn gallery(dir: &Path) -> u8 {
    let files = match templates::gallery() {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::INVALID_INPUT;
        }
    };
    for (name, bytes) in files {
        // Unchanged files keep their mtime.
        if let Err(message) = write_if_changed(&dir.join(name), &bytes, false, true) {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    }
    eprintln!(
        "{}",
        t("cli-wrote-templates-2-languages-svg")
            .arg("templates", TEMPLATES.len())
            .arg("dir", &dir.display())
    );
    exit::OK
}

/// Runs `crmflow new`.
pub fn new(args: &NewArgs) -> u8 {
    let language = crmflow::i18n::current();
    let (text, from) = match &args.template {
        Some(name) => match find(name) {
            Ok(template) => (
                template.text(language),
                t("cli-name-template").arg("name", name),
            ),
            Err(code) => return code,
        },
        None => (templates::minimal(language), t("cli-minimal-flow")),
    };
    let today = match settings::today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    if args.file.extension().is_none_or(|ext| ext != "crmflow") {
        eprintln!(
            "{}",
            t("cli-error-should-end-crmflow-that").arg("file", &args.file.display())
        );
        return exit::USAGE;
    }
    let config = args
        .file
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(crmflow::config::FILE_NAME);
    let mut targets = vec![&args.file];
    if args.with_config {
        targets.push(&config);
    }
    for target in &targets {
        if target.exists() && !args.force {
            eprintln!(
                "{}",
                t("cli-error-already-exists-use-force").arg("target", &target.display())
            );
            return exit::USAGE;
        }
    }
    if let Some(parent) = args.file.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        eprintln!(
            "{}",
            t("cli-error-cannot-create-folder-does")
                .arg("file", &args.file.display())
                .arg("parent", &parent.display())
        );
        return exit::USAGE;
    }
    let flow = templates::scaffold(text, today);
    if let Err(message) = write_atomic(&args.file, flow.as_bytes()) {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    if args.with_config
        && let Err(message) = write_atomic(&config, templates::config(language).as_bytes())
    {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    eprintln!(
        "{}",
        match args.with_config {
            true => t("cli-created-with-config").arg("config", &config.display()),
            false => t("cli-created"),
        }
        .arg("from", from)
        .arg("file", &args.file.display())
        .arg("code", language.code())
    );
    eprintln!(
        "{}",
        t("cli-next-crmflow-render-crmflow-check").arg("file", &args.file.display())
    );
    exit::OK
}
