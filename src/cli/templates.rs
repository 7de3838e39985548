//! `crmflow new` and `crmflow templates`: thin commands over
//! [`crmflow::templates`].

use super::args::{LangArg, NewArgs, TemplatesAction, TemplatesArgs};
use super::io::write_atomic;
use super::{exit, settings};
use crmflow::batch::write_if_changed;
use crmflow::templates::{self, Lang, TEMPLATES, Template};
use std::path::Path;

fn lang(arg: LangArg) -> Lang {
    match arg {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    }
}

fn find(name: &str) -> Result<&'static Template, u8> {
    templates::find(name).ok_or_else(|| {
        let hint = crmflow::suggest::did_you_mean(name, TEMPLATES.iter().map(|t| t.name))
            .map(|hint| format!("; {hint}"))
            .unwrap_or_default();
        eprintln!("error: no template `{name}`{hint}; `crmflow templates` lists them");
        exit::USAGE
    })
}

/// Runs `crmflow templates`.
pub fn run(args: &TemplatesArgs) -> u8 {
    match &args.action {
        None => {
            let width = TEMPLATES.iter().map(|t| t.name.len()).max().unwrap_or(0);
            for template in TEMPLATES {
                println!("{:width$}  {}", template.name, template.summary);
            }
            println!("\nStart from one: crmflow new FILE.crmflow --template NAME [--lang zh|en]");
            exit::OK
        }
        Some(TemplatesAction::Show {
            name,
            lang: language,
        }) => match find(name) {
            Ok(template) => {
                print!("{}", template.text(lang(*language)));
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
        "wrote {} templates × 2 languages (SVG + PNG) to {}",
        TEMPLATES.len(),
        dir.display()
    );
    exit::OK
}

/// Runs `crmflow new`.
pub fn new(args: &NewArgs) -> u8 {
    let language = lang(args.lang);
    let (text, from) = match &args.template {
        Some(name) => match find(name) {
            Ok(template) => (template.text(language), format!("the `{name}` template")),
            Err(code) => return code,
        },
        None => (templates::minimal(language), "a minimal flow".to_owned()),
    };
    let today = match settings::today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    if args.file.extension().is_none_or(|ext| ext != "crmflow") {
        eprintln!(
            "error: `{}` should end in .crmflow (that is how `crmflow check DIR` finds flows)",
            args.file.display()
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
                "error: `{}` already exists; use --force to overwrite it",
                target.display()
            );
            return exit::USAGE;
        }
    }
    if let Some(parent) = args.file.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        eprintln!(
            "error: cannot create `{}`: the folder `{}` does not exist",
            args.file.display(),
            parent.display()
        );
        return exit::USAGE;
    }
    let flow = templates::scaffold(text, today);
    if let Err(message) = write_atomic(&args.file, flow.as_bytes()) {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    if args.with_config
        && let Err(message) = write_atomic(&config, templates::CONFIG.as_bytes())
    {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    eprintln!(
        "created {} from {from} ({}){}",
        args.file.display(),
        language.code(),
        if args.with_config {
            format!(" and {}", config.display())
        } else {
            String::new()
        }
    );
    eprintln!(
        "next: crmflow render {} && crmflow check {}",
        args.file.display(),
        args.file.display()
    );
    exit::OK
}
