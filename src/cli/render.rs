//! `crmflow render FILE [-o OUT]`: compile and write an SVG atomically.

use super::args::RenderArgs;
use super::io::{LoadError, load, write_atomic};
use super::{exit, report};
use crmflow::render::Theme;
use std::path::PathBuf;

/// Runs `render`.
pub fn run(args: &RenderArgs, fancy: bool) -> u8 {
    let output = match &args.output {
        Some(path) => path.clone(),
        None if args.file.as_os_str() == "-" => PathBuf::from("-"),
        None => args.file.with_extension("svg"),
    };
    if output.as_os_str() != "-" {
        match output
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => {}
            other => {
                eprintln!(
                    "error: cannot write `{}`: unsupported output format{}; supported: .svg",
                    output.display(),
                    other.map(|ext| format!(" `.{ext}`")).unwrap_or_default()
                );
                return exit::USAGE;
            }
        }
    }
    let source = match load(&args.file) {
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
    let compiled = match crmflow::compile(&source, &Theme::default()) {
        Ok(compiled) => compiled,
        Err(diags) => {
            eprint!("{}", report::human(&source, &diags, fancy));
            return exit::INVALID_INPUT;
        }
    };
    if let Err(message) = write_atomic(&output, compiled.svg.as_bytes()) {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    exit::OK
}
