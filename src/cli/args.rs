//! The command line, declared with clap derive.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  findings at error level (lint)
  2  the input does not parse or resolve
  3  usage or I/O error";

/// crmflow — diagram-as-code for CRM process flowcharts.
#[derive(Debug, Parser)]
#[command(name = "crmflow", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to use colors and fancy graphics in diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, env = "CRMFLOW_COLOR")]
    pub color: ColorChoice,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and resolve files and print every problem found.
    #[command(after_help = "Example:\n  crmflow check examples/*.crmflow --format json\n\n".to_owned() + EXIT_CODES)]
    Check(CheckArgs),
    /// Render a file to SVG, PNG or PDF.
    #[command(after_help = "Examples:\n  crmflow render examples/lead-to-contract.crmflow -o lead.svg\n  crmflow render examples/customer-lifecycle.crmflow -o lifecycle.png --scale 3\n  crmflow render flow.crmflow -o flow.pdf --theme print\n  cat flow.crmflow | crmflow render - -o -\n\n".to_owned() + EXIT_CODES)]
    Render(RenderArgs),
}

/// `crmflow check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to check (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// `crmflow render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The flow to render (`-` reads standard input).
    pub file: PathBuf,
    /// Where to write (`-` for standard output). Default: the input path
    /// with the format's extension, or standard output when reading
    /// standard input.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// What to write. Default: from the output's extension (`.svg`, `.png`,
    /// `.pdf`; `.json` gives `layout-json`), else `svg`.
    #[arg(short, long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Colors: `default`, `print` (black and white, modules as gray
    /// levels) or `dark`.
    #[arg(long, value_enum, default_value_t = ThemeArg::Default, env = "CRMFLOW_THEME")]
    pub theme: ThemeArg,
    /// Device pixels per SVG unit for PNG.
    #[arg(long, default_value_t = 2.0, env = "CRMFLOW_SCALE")]
    pub scale: f32,
    /// SVG only: turn text into outlines, so the drawing looks the same in
    /// any viewer, with or without the font (links are dropped).
    #[arg(long)]
    pub embed_font: bool,
    /// A font file (OTF/TTF) to measure and draw with instead of the
    /// bundled one, e.g. for characters outside its 3,755 common hanzi.
    #[arg(long, value_name = "PATH", env = "CRMFLOW_FONT")]
    pub font: Option<PathBuf>,
    /// Order of the lanes: as declared in the file, or `auto`: the order
    /// with the shortest hand-offs between lanes.
    #[arg(long, value_enum, default_value_t = LaneOrderArg::Declared)]
    pub lane_order: LaneOrderArg,
}

/// `--lane-order` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LaneOrderArg {
    /// As declared in the file.
    Declared,
    /// The order with the shortest hand-offs.
    Auto,
}

/// `--theme` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    /// Module colors on white.
    Default,
    /// Grayscale-safe for printing.
    Print,
    /// Light on dark, for projectors.
    Dark,
}

/// Output formats of `render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The diagram as SVG.
    Svg,
    /// The diagram as PNG (see `--scale`).
    Png,
    /// The diagram as PDF, text kept as text.
    Pdf,
    /// The positioned layout as neutral JSON (node boxes, edge polylines,
    /// lane bands), the schema the layout benchmark reads.
    LayoutJson,
}

/// Diagnostic output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Annotated source excerpts.
    Human,
    /// One JSON document on standard output.
    Json,
}

/// Color choice for diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Fancy on a terminal (unless NO_COLOR is set), plain otherwise.
    Auto,
    /// Always fancy.
    Always,
    /// Always plain.
    Never,
}
