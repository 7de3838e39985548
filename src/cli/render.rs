//! `crmflow render FILE [-o OUT] [--format svg|layout-json]`: compile and
//! write the result atomically.

use super::args::{LaneOrderArg, OutputFormat, RenderArgs};
use super::io::{LoadError, load, write_atomic};
use super::{exit, report};
use crmflow::layout::{LaneOrder, LayoutOptions};
use std::path::PathBuf;

/// Runs `render`.
pub fn run(args: &RenderArgs, fancy: bool) -> u8 {
    let extension = |path: &PathBuf| {
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    let format =
        args.format.unwrap_or_else(
            || match args.output.as_ref().and_then(extension).as_deref() {
                Some("json") => OutputFormat::LayoutJson,
                _ => OutputFormat::Svg,
            },
        );
    let default_extension = match format {
        OutputFormat::Svg => "svg",
        OutputFormat::LayoutJson => "json",
    };
    let output = match &args.output {
        Some(path) => path.clone(),
        None if args.file.as_os_str() == "-" => PathBuf::from("-"),
        None => args.file.with_extension(default_extension),
    };
    if output.as_os_str() != "-" && args.format.is_none() {
        match extension(&output).as_deref() {
            Some("svg" | "json") => {}
            other => {
                eprintln!(
                    "error: cannot write `{}`: unsupported output format{}; supported: .svg, .json (layout-json)",
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
    let options = crmflow::Options {
        layout: LayoutOptions {
            lane_order: match args.lane_order {
                LaneOrderArg::Declared => LaneOrder::Declared,
                LaneOrderArg::Auto => LaneOrder::Auto,
            },
        },
        ..crmflow::Options::default()
    };
    let compiled = match crmflow::compile(&source, &options) {
        Ok(compiled) => compiled,
        Err(diags) => {
            eprint!("{}", report::human(&source, &diags, fancy));
            return exit::INVALID_INPUT;
        }
    };
    let bytes = match format {
        OutputFormat::Svg => compiled.svg,
        OutputFormat::LayoutJson => crmflow::layout::layout_json(&compiled.layout),
    };
    if let Err(message) = write_atomic(&output, bytes.as_bytes()) {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    exit::OK
}
