//! `crmflow render FILE [-o OUT] [--format svg|png|pdf|layout-json]`:
//! compile, convert and write the result atomically.

use super::args::{LaneOrderArg, OutputFormat, RenderArgs, ThemeArg};
use super::io::{load_or_report, write_atomic};
use super::settings::{configs_for, today};
use super::{exit, report};
use crmflow::Severity;
use crmflow::layout::{LaneOrder, LayoutOptions};
use crmflow::lint::{FileSystem, lint};
use crmflow::render::{Fonts, Theme, missing_glyphs, outlined_svg, pdf, png};
use std::path::PathBuf;

/// Runs `render`.
pub fn run(args: &RenderArgs, fancy: bool) -> u8 {
    let extension = |path: &PathBuf| {
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    let from_extension = |ext: Option<&str>| match ext {
        Some("svg") => Some(OutputFormat::Svg),
        Some("png") => Some(OutputFormat::Png),
        Some("pdf") => Some(OutputFormat::Pdf),
        Some("json") => Some(OutputFormat::LayoutJson),
        _ => None,
    };
    let format = args.format.unwrap_or_else(|| {
        from_extension(args.output.as_ref().and_then(extension).as_deref())
            .unwrap_or(OutputFormat::Svg)
    });
    let default_extension = match format {
        OutputFormat::Svg => "svg",
        OutputFormat::Png => "png",
        OutputFormat::Pdf => "pdf",
        OutputFormat::LayoutJson => "json",
    };
    let output = match &args.output {
        Some(path) => path.clone(),
        None if args.file.as_os_str() == "-" => PathBuf::from("-"),
        None => args.file.with_extension(default_extension),
    };
    if output.as_os_str() != "-" && args.format.is_none() {
        let ext = extension(&output);
        if from_extension(ext.as_deref()).is_none() {
            eprintln!(
                "error: cannot write `{}`: unsupported output format{}; supported: .svg, .png, .pdf, .json (layout-json), or --format",
                output.display(),
                ext.map(|ext| format!(" `.{ext}`")).unwrap_or_default()
            );
            return exit::USAGE;
        }
    }
    if args.embed_font && format != OutputFormat::Svg {
        eprintln!("error: --embed-font applies to SVG output only");
        return exit::USAGE;
    }
    let Ok(configs) = configs_for(
        std::slice::from_ref(&args.file),
        args.config.as_deref(),
        fancy,
    ) else {
        return exit::INVALID_INPUT;
    };
    let config = &configs[0];
    let font = args.font.as_ref().or(config.render.font.as_ref());
    let fonts = match font {
        Some(path) => match Fonts::from_file(path) {
            Ok(fonts) => fonts,
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        },
        None => Fonts::bundled(),
    };
    let source = match load_or_report(&args.file, fancy) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let theme = args.theme.unwrap_or(match config.render.theme.as_deref() {
        Some("print") => ThemeArg::Print,
        Some("dark") => ThemeArg::Dark,
        _ => ThemeArg::Default,
    });
    let lane_order = args
        .lane_order
        .unwrap_or(match config.render.lane_order.as_deref() {
            Some("auto") => LaneOrderArg::Auto,
            _ => LaneOrderArg::Declared,
        });
    let scale = args.scale.or(config.render.scale).unwrap_or(2.0);
    let options = crmflow::Options {
        theme: match theme {
            ThemeArg::Default => Theme::default(),
            ThemeArg::Print => Theme::print(),
            ThemeArg::Dark => Theme::dark(),
        },
        layout: LayoutOptions {
            lane_order: match lane_order {
                LaneOrderArg::Declared => LaneOrder::Declared,
                LaneOrderArg::Auto => LaneOrder::Auto,
            },
        },
        fonts,
    };
    let compiled = match crmflow::compile(&source, &options) {
        Ok(compiled) => compiled,
        Err(diags) => {
            eprint!("{}", report::human(&source, &diags, fancy));
            return exit::INVALID_INPUT;
        }
    };
    let mut findings = if args.no_lint {
        Vec::new()
    } else {
        let today = match today() {
            Ok(today) => today,
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        };
        let settings = config.lint.clone().today(today);
        let own_path = (args.file.as_os_str() != "-").then_some(args.file.as_path());
        lint(&source, &compiled.flow, &settings, own_path, &FileSystem).findings
    };
    if format != OutputFormat::LayoutJson {
        findings.extend(missing_glyphs(&compiled.flow, fonts));
    }
    crmflow::diag::sort(&mut findings);
    if !findings.is_empty() {
        eprint!("{}", report::human(&source, &findings, fancy));
    }
    let fails = findings.iter().any(|finding| {
        finding.severity == Severity::Error
            || (args.deny_warnings && finding.severity == Severity::Warning)
    });
    let bytes = match format {
        OutputFormat::Svg if args.embed_font => {
            outlined_svg(&compiled.svg, fonts).map(String::into_bytes)
        }
        OutputFormat::Svg => Ok(compiled.svg.into_bytes()),
        OutputFormat::Png => png(&compiled.svg, fonts, scale),
        OutputFormat::Pdf => pdf(&compiled.svg, fonts),
        OutputFormat::LayoutJson => Ok(crmflow::layout::layout_json(&compiled.layout).into_bytes()),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    if let Err(message) = write_atomic(&output, &bytes) {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    // The drawing is written either way: a flow with a dead end is still
    // worth looking at; the exit code tells CI.
    if fails { exit::FINDINGS } else { exit::OK }
}
