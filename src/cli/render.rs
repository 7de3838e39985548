//! `crmflow render FILE [-o OUT] [--format svg|png|pdf|layout-json]`:
//! compile, convert and write the result atomically.

use super::args::{LaneOrderArg, OutputFormat, RenderArgs, ThemeArg};
use super::io::{load_or_report, write_atomic};
use super::settings::{configs_for, today};
use super::{exit, report};
use crmflow::Severity;
use crmflow::config::Config;
use crmflow::layout::{LaneOrder, LayoutOptions};
use crmflow::lint::{FileSystem, lint};
use crmflow::render::{Fonts, Theme, missing_glyphs, outlined_svg, pdf, png};
use std::collections::HashMap;
use std::path::Path;
use std::path::PathBuf;

/// The format an output path asks for, by its extension.
pub fn format_from_extension(path: &Path) -> Option<OutputFormat> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Some(OutputFormat::Svg),
        Some("png") => Some(OutputFormat::Png),
        Some("pdf") => Some(OutputFormat::Pdf),
        Some("json") => Some(OutputFormat::LayoutJson),
        _ => None,
    }
}

/// The message for an output path whose extension names no format.
pub fn unsupported_output(output: &Path) -> String {
    let ext = output.extension().and_then(|e| e.to_str());
    format!(
        "cannot write `{}`: unsupported output format{}; supported: .svg, .png, .pdf, .json (layout-json), or --format",
        output.display(),
        ext.map(|ext| format!(" `.{ext}`")).unwrap_or_default()
    )
}

/// The look of a render: command-line flags first, then `render:` in
/// crmflow.yaml, then the defaults.
pub struct Look<'a> {
    /// `--theme`.
    pub theme: Option<ThemeArg>,
    /// `--lane-order`.
    pub lane_order: Option<LaneOrderArg>,
    /// `--scale`.
    pub scale: Option<f32>,
    /// `--font`.
    pub font: Option<&'a Path>,
}

impl Look<'_> {
    /// Compile options and PNG scale for a file under `config`. Fonts are
    /// loaded through `fonts` (a loaded font lives for the process).
    pub fn resolve(
        &self,
        config: &Config,
        fonts: &mut FontCache,
    ) -> Result<(crmflow::Options, f32), String> {
        let font = self.font.or(config.render.font.as_deref());
        let fonts = fonts.get(font)?;
        let theme = self.theme.unwrap_or(match config.render.theme.as_deref() {
            Some("print") => ThemeArg::Print,
            Some("dark") => ThemeArg::Dark,
            _ => ThemeArg::Default,
        });
        let lane_order = self
            .lane_order
            .unwrap_or(match config.render.lane_order.as_deref() {
                Some("auto") => LaneOrderArg::Auto,
                _ => LaneOrderArg::Declared,
            });
        let scale = self.scale.or(config.render.scale).unwrap_or(2.0);
        let options = crmflow::Options {
            theme: theme_of(theme),
            layout: LayoutOptions {
                lane_order: match lane_order {
                    LaneOrderArg::Declared => LaneOrder::Declared,
                    LaneOrderArg::Auto => LaneOrder::Auto,
                },
            },
            fonts,
        };
        Ok((options, scale))
    }
}

/// The theme a `--theme` value names.
pub fn theme_of(theme: ThemeArg) -> Theme {
    match theme {
        ThemeArg::Default => Theme::default(),
        ThemeArg::Print => Theme::print(),
        ThemeArg::Dark => Theme::dark(),
    }
}

/// Fonts loaded from files, each read once per process.
#[derive(Default)]
pub struct FontCache(HashMap<PathBuf, &'static Fonts>);

impl FontCache {
    /// The bundled font, or the one at `path`.
    pub fn get(&mut self, path: Option<&Path>) -> Result<&'static Fonts, String> {
        let Some(path) = path else {
            return Ok(Fonts::bundled());
        };
        if let Some(fonts) = self.0.get(path) {
            return Ok(fonts);
        }
        let fonts = Fonts::from_file(path)?;
        self.0.insert(path.to_path_buf(), fonts);
        Ok(fonts)
    }
}

/// The bytes of `compiled` in `format`.
pub fn encode(
    compiled: &crmflow::Compiled,
    format: OutputFormat,
    fonts: &Fonts,
    scale: f32,
    embed_font: bool,
) -> Result<Vec<u8>, String> {
    match format {
        OutputFormat::Svg if embed_font => {
            outlined_svg(&compiled.svg, fonts).map(String::into_bytes)
        }
        OutputFormat::Svg => Ok(compiled.svg.clone().into_bytes()),
        OutputFormat::Png => png(&compiled.svg, fonts, scale),
        OutputFormat::Pdf => pdf(&compiled.svg, fonts),
        OutputFormat::LayoutJson => Ok(crmflow::layout::layout_json(&compiled.layout).into_bytes()),
    }
}

/// Runs `render`.
pub fn run(args: &RenderArgs, fancy: bool) -> u8 {
    let format = args.format.unwrap_or_else(|| {
        args.output
            .as_deref()
            .and_then(format_from_extension)
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
    if output.as_os_str() != "-"
        && args.format.is_none()
        && format_from_extension(&output).is_none()
    {
        eprintln!("error: {}", unsupported_output(&output));
        return exit::USAGE;
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
    let look = Look {
        theme: args.theme,
        lane_order: args.lane_order,
        scale: args.scale,
        font: args.font.as_deref(),
    };
    let (options, scale) = match look.resolve(config, &mut FontCache::default()) {
        Ok(resolved) => resolved,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let fonts = options.fonts;
    let source = match load_or_report(&args.file, fancy) {
        Ok(source) => source,
        Err(code) => return code,
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
    let bytes = encode(&compiled, format, fonts, scale, args.embed_font);
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
