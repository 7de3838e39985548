//! The command line, declared with clap derive.

use clap::{Parser, Subcommand, ValueEnum};
use crmflow::export::Format;
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  lint found errors (or warnings over --max-warnings, or any with
     render --deny-warnings); a --check found stale files
  2  the input does not parse or resolve
  3  usage or I/O error";

const TOP_HELP: &str =
    "The language: `crmflow help language` prints the reference (every construct,
with examples).

Shorthand:
  crmflow FLOW.crmflow OUT.svg [render options]   same as `crmflow render FLOW.crmflow -o OUT.svg`
  crmflow FLOW.crmflow                            same as `crmflow render FLOW.crmflow`

Environment (a flag on the command line wins):
  CRMFLOW_THEME    --theme             CRMFLOW_FORMAT   render --format
  CRMFLOW_SCALE    --scale             CRMFLOW_OUT_DIR  render --out-dir
  CRMFLOW_FONT     --font              CRMFLOW_CONFIG   --config
  CRMFLOW_LANG     --lang              CRMFLOW_COLOR    --color (NO_COLOR is honoured too)
  CRMFLOW_PAGE     render --page       CRMFLOW_TODAY    the date stale-review counts from
                                                        (YYYY-MM-DD), for reproducible CI
  CRMFLOW_LIMITS   input limits, e.g. nodes=100000,file-size=64MiB,text-chars=5000

Exit codes:
  0  success
  1  lint found errors (or warnings over --max-warnings, or any with
     render --deny-warnings); render --check / fmt --check / md --check
     found stale files
  2  the input does not parse or resolve
  3  usage or I/O error";

/// `crmflow FLOW.crmflow OUT.svg …` → `crmflow render FLOW.crmflow -o OUT.svg …`
/// (like `d2 in.d2 out.svg`); `crmflow FLOW.crmflow` → `crmflow render FLOW.crmflow`.
pub fn expand_shorthand(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(first) = args.get(1).map(|arg| arg.to_string_lossy().into_owned()) else {
        return args;
    };
    // A first argument that is no subcommand (nor an option) is a file.
    let command = <Cli as clap::CommandFactory>::command();
    // `crmflow help language`: the language reference, like `git help`'s
    // guides (clap's `help` knows only subcommands).
    if first == "help" && args.get(2).is_some_and(|topic| topic == "language") {
        args.drain(1..3);
        args.insert(1, "language".into());
        return args;
    }
    let is_subcommand = first == "help" || command.find_subcommand(&first).is_some();
    let is_file = first == "-"
        || (!first.starts_with('-')
            && !is_subcommand
            && (first.ends_with(".crmflow") || std::path::Path::new(&first).is_file()));
    if !is_file {
        return args;
    }
    args.insert(1, "render".into());
    if let Some(second) = args.get(3)
        && !second.to_string_lossy().starts_with('-')
    {
        args.insert(3, "-o".into());
    }
    args
}

/// crmflow — diagram-as-code for CRM process flowcharts.
#[derive(Debug, Parser)]
#[command(name = "crmflow", version, about, after_help = TOP_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to use colors and fancy graphics in diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, env = "CRMFLOW_COLOR")]
    pub color: ColorChoice,
    /// The language of messages, help and reports, and of the template
    /// `new` and `templates show` write (default: the system locale, else
    /// English). Codes, spans and JSON/SARIF do not change with it.
    #[arg(long, global = true, env = "CRMFLOW_LANG", value_name = "en|zh", value_parser = parse_lang)]
    pub lang: Option<LangSetting>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint flows: parse, resolve and run the lint rules; print every problem.
    #[command(
        override_usage = "crmflow check [OPTIONS] <FILES>...\n       crmflow check --explain <RULE>\n       crmflow check --list-rules"
    )]
    #[command(after_help = "Examples:\n  crmflow check examples/\n  crmflow check 'docs/**/*.crmflow' --format sarif > crmflow.sarif\n  crmflow check flow.crmflow --max-warnings 0\n  crmflow check --explain dead-end\n\nConfiguration: the nearest crmflow.yaml above each file (or --config):\n  lint:\n    preset: recommended        # or strict\n    rules:\n      duplicate-label: off\n      stale-review: { severity: error, max-age-days: 90 }\nSuppress one finding in the file: `# crmflow-ignore: dead-end -- why`.\n\n".to_owned() + EXIT_CODES)]
    Check(CheckArgs),
    /// Render flows — one file, folders or glob patterns — to SVG, PNG or
    /// PDF, or to an export format (layout JSON, flow JSON, Mermaid,
    /// draw.io, BPMN).
    #[command(after_help = "Examples:\n  crmflow render examples/lead-to-contract.crmflow -o lead.svg\n  crmflow render examples/customer-lifecycle.crmflow -o lifecycle.png --scale 3\n  crmflow render flow.crmflow -o flow.pdf --theme print\n  crmflow render docs/ --out-dir site/img --format svg,png\n  crmflow render 'docs/**/*.crmflow' --check   # CI: are the committed diagrams up to date?\n  cat flow.crmflow | crmflow render - -o -\n\n".to_owned() + EXIT_CODES)]
    Render(RenderArgs),
    /// Recompile on every save: write the output and/or serve a live
    /// preview page for review meetings.
    #[command(after_help = "Examples:\n  crmflow watch flow.crmflow --serve --open\n  crmflow watch flow.crmflow -o flow.svg\n  crmflow watch flow.crmflow -o flow.png --serve 0.0.0.0:8080\n\nThe page updates in place on each save (zoom and scroll are kept), shows\nerrors in a banner over the last good diagram, outlines nodes with lint\nfindings (L toggles), and has fit (F), zoom, fullscreen (Shift+F), theme (T)\nand lane filter controls. For meetings: presenter mode (S, ?present=1: text\nreadable from the back of the room), a walkthrough of every journey (W), and\nwhat the last save changed (C). It speaks the browser's language (?lang=zh).\nCtrl-C stops.\n\n".to_owned() + EXIT_CODES)]
    Watch(WatchArgs),
    /// Start a new flow from a template (or a minimal commented one).
    #[command(after_help = "Examples:\n  crmflow new onboarding.crmflow\n  crmflow new complaints.crmflow --template complaint-handling --lang zh\n  crmflow new flows/lead.crmflow --template lead-to-contract --with-config\n\n".to_owned() + EXIT_CODES)]
    New(NewArgs),
    /// List every journey from a start to an end (step 8 of the ten-step
    /// method: test the flow by walking each one).
    #[command(after_help = "Example:\n  crmflow paths templates/ten-step.en.crmflow\n\n".to_owned() + EXIT_CODES)]
    Paths(PathsArgs),
    /// Rewrite files in the canonical layout (comments kept).
    #[command(after_help = "Examples:\n  crmflow fmt flows/\n  crmflow fmt --check 'docs/**/*.crmflow'   # CI: exit 1 and a diff when a file is not formatted\n  cat flow.crmflow | crmflow fmt - > formatted.crmflow\n\nThe layout: declarations of one kind aligned in columns, one space around\narrows, canonical quoting, blocks indented two spaces, one blank line between\nsections, labelled edges aligned, every comment where it was; the file keeps\nits line endings (CRLF, LF or CR) and byte-order mark. The formatted file\nalways means the same flow; formatting twice changes nothing.\n\n".to_owned() + EXIT_CODES)]
    Fmt(FmtArgs),
    /// Render the ```crmflow blocks of Markdown files to images and link
    /// them after each block.
    #[command(after_help = "Examples:\n  crmflow md README.md --in-place --out-dir docs/img\n  crmflow md docs/process.md -o build/process.md\n  crmflow md docs/*.md --in-place --check     # CI: are the pictures up to date?\n\nEach block stays; right after it comes ![title](img/FILE-<hash>.svg), named\nby a hash of the block, so a rerun changes nothing unless a block did.\n\n".to_owned() + EXIT_CODES)]
    Md(MdArgs),
    /// mdBook preprocessor: draw a book's ```crmflow blocks inline.
    #[command(after_help = "In book.toml:\n  [preprocessor.crmflow]\n  command = \"crmflow mdbook\"\n  # theme = \"print\"\n\nmdBook hands the book over as JSON on standard input and reads it back;\nevery ```crmflow block becomes its drawing (inline SVG). A block that does\nnot parse, or whose lint has an error, fails the build at its file, line and\ncolumn.\n\n".to_owned() + EXIT_CODES)]
    Mdbook(MdbookArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  crmflow completions bash > ~/.local/share/bash-completion/completions/crmflow\n  crmflow completions zsh > ~/.zfunc/_crmflow\n  crmflow completions fish > ~/.config/fish/completions/crmflow.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page, or write one per subcommand into a folder.
    #[command(
        after_help = "Examples:\n  crmflow man | man -l -\n  crmflow man --out-dir /usr/local/share/man/man1"
    )]
    Man {
        /// Write crmflow.1 and crmflow-SUBCOMMAND.1 here instead.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Write the standard operating procedure: per role, its steps in flow
    /// order with inputs, outputs, hand-offs, decisions and loops.
    #[command(after_help = "Examples:\n  crmflow sop templates/ten-step.zh.crmflow -o 作业程序.md\n  crmflow sop flow.crmflow --format html -o sop.html\n\n".to_owned() + EXIT_CODES)]
    Sop(SopArgs),
    /// Figures for measuring a process: counts by kind, lane and module,
    /// the hand-off matrix, decisions, loops, complexity, and the
    /// shortest and longest journey.
    #[command(after_help = "Examples:\n  crmflow stats templates/ten-step.en.crmflow\n  crmflow stats flow.crmflow --format json\n\n".to_owned() + EXIT_CODES)]
    Stats(StatsArgs),
    /// Export a flow for other tools: the resolved flow as JSON, a Mermaid
    /// flowchart, an editable draw.io file, or BPMN 2.0 with its diagram.
    #[command(after_help = "Examples:\n  crmflow export flow.crmflow --to mermaid            # flow.mmd\n  crmflow export flow.crmflow --to json -o -          # the model on standard output\n  crmflow export flow.crmflow --to drawio             # flow.drawio, editable in diagrams.net\n  crmflow export flow.crmflow --to bpmn               # flow.bpmn, for BPMN modelers\n  crmflow render docs/ --out-dir out --format svg,mermaid   # in batch mode too\n\nWhat a format cannot carry is reported as a warning (W310).\n\n".to_owned() + EXIT_CODES)]
    Export(ExportArgs),
    /// Serve the Language Server Protocol on standard input and output,
    /// for editors (diagnostics as `check` gives them, completion, hover,
    /// go to definition, references, rename, formatting, quick fixes).
    #[command(after_help = "Editors start it themselves; for example Neovim:\n  vim.lsp.start({ name = 'crmflow', cmd = { 'crmflow', 'lsp' } })\n\nThe server reads each flow's crmflow.yaml and honours # crmflow-ignore.\n\n".to_owned() + EXIT_CODES)]
    Lsp,
    /// Print the language reference: every construct, with examples.
    Language,
    /// List the bundled templates, print one, or render them all.
    #[command(after_help = "Examples:\n  crmflow templates\n  crmflow templates show ten-step --lang zh\n  crmflow templates gallery docs/gallery\n\n".to_owned() + EXIT_CODES)]
    Templates(TemplatesArgs),
}

/// `crmflow new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The file to create (`.crmflow`).
    pub file: PathBuf,
    /// The template to start from (`crmflow templates` lists them);
    /// without it, a minimal commented flow.
    #[arg(short, long, value_name = "NAME")]
    pub template: Option<String>,
    /// Overwrite the file (and crmflow.yaml) if it exists.
    #[arg(long)]
    pub force: bool,
    /// Also write a commented crmflow.yaml next to it.
    #[arg(long)]
    pub with_config: bool,
}

/// `crmflow export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The flow (`-` reads standard input).
    pub file: PathBuf,
    /// The format: `json` (the resolved flow), `mermaid`, `drawio` or
    /// `bpmn`; any `render --format` name works.
    #[arg(long, value_parser = format_names())]
    pub to: Format,
    /// Output file (`-`: standard output). Default: the input path with the
    /// format's extension (`flow.mmd`, `flow.crmflow.json`), or standard
    /// output for standard input.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Use this crmflow.yaml instead of the nearest one.
    #[arg(long, env = "CRMFLOW_CONFIG")]
    pub config: Option<PathBuf>,
}

/// `crmflow sop`.
#[derive(Debug, clap::Args)]
pub struct SopArgs {
    /// The flow (`-` reads standard input).
    pub file: PathBuf,
    /// Output file (`-`: standard output, the default).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Markdown, or one HTML page to print or share.
    #[arg(long, value_enum, default_value_t = SopFormat::Md)]
    pub format: SopFormat,
}

/// What `crmflow sop` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SopFormat {
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
}

/// `crmflow stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The flow (`-` reads standard input).
    pub file: PathBuf,
    /// A table for people, or JSON for scripts.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

/// How `crmflow stats` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// A table.
    Table,
    /// One JSON document.
    Json,
}

/// `crmflow paths`.
#[derive(Debug, clap::Args)]
pub struct PathsArgs {
    /// The flow (`-` reads standard input).
    pub file: PathBuf,
    /// Show at most this many journeys.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

/// `crmflow templates`.
#[derive(Debug, clap::Args)]
pub struct TemplatesArgs {
    /// What to do (default: list them).
    #[command(subcommand)]
    pub action: Option<TemplatesAction>,
}

/// `crmflow templates …` actions.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Print a template.
    Show {
        /// The template's name.
        name: String,
    },
    /// Render every template in both languages to SVG and PNG in a folder
    /// (the gallery in docs/gallery).
    Gallery {
        /// The folder to write into (created if missing).
        dir: PathBuf,
    },
}

/// `--lang` (or `CRMFLOW_LANG`): a language crmflow speaks, as a locale
/// tag (`zh`, `zh-CN`, `zh_CN.UTF-8`, `en-GB`…); empty means "not set".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangSetting(pub Option<crmflow::i18n::Lang>);

/// The language the command line asks for before it is parsed (for its
/// `--help`): `--lang X` or `--lang=X`, else `CRMFLOW_LANG`, else the
/// system locale. A value that names no language is left to the parse.
pub fn language_asked(args: &[std::ffi::OsString]) -> crmflow::i18n::Lang {
    let mut given = None;
    let mut words = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            given = words.next().map(|value| value.into_owned());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            given = Some(value.to_owned());
        }
    }
    let given = given.or_else(|| std::env::var("CRMFLOW_LANG").ok());
    match given.as_deref().map(parse_lang) {
        Some(Ok(LangSetting(Some(lang)))) => lang,
        _ => crmflow::i18n::system_language(),
    }
}

fn parse_lang(text: &str) -> Result<LangSetting, String> {
    if text.trim().is_empty() {
        return Ok(LangSetting(None));
    }
    crmflow::i18n::Lang::from_tag(text)
        .map(|lang| LangSetting(Some(lang)))
        .ok_or_else(|| format!("crmflow speaks `en` (English) and `zh` (中文), not `{text}`"))
}

/// `crmflow check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, folders (searched for `*.crmflow`) or glob patterns; `-`
    /// reads standard input.
    #[arg(required_unless_present_any = ["explain", "list_rules"])]
    pub files: Vec<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// The crmflow.yaml to use for every file (default: the nearest one
    /// above each file).
    #[arg(long, value_name = "PATH", env = "CRMFLOW_CONFIG")]
    pub config: Option<PathBuf>,
    /// Fail (exit 1) when there are more warnings than this.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Print a rule's documentation (by name or code) and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// List every rule with its code and levels, and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// `crmflow render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Flows to render: files, folders (searched for `*.crmflow`) or glob
    /// patterns; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Where to write, for one input (`-` for standard output). Default:
    /// the input path with the format's extension, or standard output when
    /// reading standard input.
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write into this folder, mirroring the inputs' tree (a folder
    /// argument's files keep their path below it).
    #[arg(long, value_name = "DIR", env = "CRMFLOW_OUT_DIR")]
    pub out_dir: Option<PathBuf>,
    /// What to write; several at once with commas (`svg,png`). Default:
    /// from the output's extension (`.svg`, `.png`, `.pdf`; `.json` gives
    /// `layout-json`), else `svg`.
    #[arg(short, long, value_delimiter = ',', env = "CRMFLOW_FORMAT", value_parser = format_names())]
    pub format: Vec<Format>,
    /// Write nothing: render in memory and compare with the files on disk;
    /// list the stale and missing ones and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// Print a line for every file (a progress bar is shown on a terminal
    /// otherwise).
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print only problems: not the line saying what was written.
    #[arg(short, long)]
    pub quiet: bool,
    /// Theme, scale, font and lane order.
    #[command(flatten)]
    pub look: LookArgs,
    /// SVG only: turn text into outlines, so the drawing looks the same in
    /// any viewer, with or without the font (links are dropped).
    #[arg(long)]
    pub embed_font: bool,
    /// The crmflow.yaml to use (default: the nearest one above the file).
    #[arg(long, value_name = "PATH", env = "CRMFLOW_CONFIG")]
    pub config: Option<PathBuf>,
    /// Exit 1 when lint finds warnings (errors always do).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Do not lint (render only).
    #[arg(long, conflicts_with = "deny_warnings")]
    pub no_lint: bool,
}

/// How a diagram looks: shared by `render` and `watch`. Each defaults to
/// `render:` in crmflow.yaml, then the built-in default.
#[derive(Debug, Default, clap::Args)]
pub struct LookArgs {
    /// Colors. Default: `render.theme` in
    /// crmflow.yaml, else `default`.
    #[arg(long, env = "CRMFLOW_THEME", value_parser = theme_names())]
    pub theme: Option<String>,
    /// Device pixels per SVG unit for PNG. Default: `render.scale` in
    /// crmflow.yaml, else 2.
    #[arg(long, env = "CRMFLOW_SCALE")]
    pub scale: Option<f32>,
    /// A font file (OTF/TTF) to measure and draw with instead of the
    /// bundled one, e.g. for characters outside its 3,755 common hanzi.
    #[arg(long, value_name = "PATH", env = "CRMFLOW_FONT")]
    pub font: Option<PathBuf>,
    /// Order of the lanes: as declared in the file, or `auto`: the order
    /// with the shortest hand-offs between lanes. Default: `render.lane-order`
    /// in crmflow.yaml, else `declared`.
    #[arg(long, value_enum)]
    pub lane_order: Option<crmflow::layout::LaneOrder>,
    /// The page the drawing is made for: its spacing (and, where the flow
    /// sets none, its direction) is chosen so that its text comes out
    /// largest on that page. Default: the flow's `page`, else `render.page`
    /// in crmflow.yaml, else `slide`.
    #[arg(long, value_enum, env = "CRMFLOW_PAGE")]
    pub page: Option<crmflow::layout::Page>,
    /// A role view: draw these lanes (ids, comma-separated) in full and
    /// collapse every other lane to one step, so its band is thin but the
    /// hand-offs in and out still show.
    #[arg(long = "lane", value_name = "ID", value_delimiter = ',')]
    pub lanes: Vec<String>,
}

/// `crmflow watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The flow to watch.
    pub file: PathBuf,
    /// Also write the diagram here on every good compile (`.svg`, `.png`,
    /// `.pdf`), atomically; a broken save never overwrites it.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Serve a live preview page. ADDR: `PORT`, `HOST`, or `HOST:PORT`
    /// (default: 127.0.0.1 on a free port).
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "127.0.0.1:0")]
    pub serve: Option<String>,
    /// Open the preview page in the default browser.
    #[arg(long, requires = "serve")]
    pub open: bool,
    /// Theme (of the output file; the page has its own toggle), scale,
    /// font and lane order.
    #[command(flatten)]
    pub look: LookArgs,
    /// The crmflow.yaml to use (default: the nearest one above the file).
    #[arg(long, value_name = "PATH", env = "CRMFLOW_CONFIG")]
    pub config: Option<PathBuf>,
    /// Do not lint (no overlay, no findings).
    #[arg(long)]
    pub no_lint: bool,
    /// Merge file events closer than this many milliseconds (one save is
    /// often several events).
    #[arg(long, value_name = "MS", default_value_t = 20)]
    pub debounce: u64,
    /// Re-check the files every this many milliseconds, for changes the
    /// operating system did not report.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    pub poll: u64,
}

/// `crmflow fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files, folders (searched for `*.crmflow`) or glob patterns; `-`
    /// formats standard input to standard output.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Change nothing; print a diff and exit 1 when a file is not formatted.
    #[arg(long)]
    pub check: bool,
}

/// `crmflow md`.
#[derive(Debug, clap::Args)]
pub struct MdArgs {
    /// Markdown files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Where the images go (default: next to each Markdown file).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Rewrite the Markdown files themselves.
    #[arg(long, short = 'i', conflicts_with = "output")]
    pub in_place: bool,
    /// Write the Markdown here (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Change nothing; exit 1 when an image or a Markdown file is out of date.
    #[arg(long)]
    pub check: bool,
    /// Image format.
    #[arg(long, value_enum, default_value_t = MdImageFormat::Svg)]
    pub format: MdImageFormat,
    /// Colors (default: `render.theme` in crmflow.yaml, else `default`).
    #[arg(long, env = "CRMFLOW_THEME", value_parser = theme_names())]
    pub theme: Option<String>,
    /// The crmflow.yaml to use (default: the nearest one above each file).
    #[arg(long, value_name = "PATH", env = "CRMFLOW_CONFIG")]
    pub config: Option<PathBuf>,
    /// Replace each block by its drawing as inline SVG (for a docs build;
    /// no image files). `-` reads the Markdown from standard input.
    #[arg(long, conflicts_with_all = ["in_place", "out_dir", "check", "format"])]
    pub inline: bool,
    /// With `--inline -`: the page's path, for diagnostics and crmflow.yaml.
    #[arg(long, value_name = "PATH", requires = "inline")]
    pub stdin_name: Option<PathBuf>,
}

/// Arguments of `crmflow mdbook`.
#[derive(Debug, clap::Args)]
pub struct MdbookArgs {
    /// mdBook asks `supports RENDERER` first.
    #[command(subcommand)]
    pub action: Option<MdbookAction>,
    /// Colors (default: `theme` in book.toml's [preprocessor.crmflow], else
    /// crmflow.yaml's `render.theme`, else `default`).
    #[arg(long, env = "CRMFLOW_THEME", value_parser = theme_names())]
    pub theme: Option<String>,
    /// The crmflow.yaml to use (default: the nearest one above each chapter).
    #[arg(long, value_name = "PATH", env = "CRMFLOW_CONFIG")]
    pub config: Option<PathBuf>,
}

/// What mdBook asks of a preprocessor besides running it.
#[derive(Debug, Subcommand)]
pub enum MdbookAction {
    /// Whether the preprocessor works with a renderer (every one: yes).
    Supports {
        /// The renderer's name (html, markdown, …).
        renderer: String,
    },
}

/// Image formats of `crmflow md`: the pictures a Markdown page can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MdImageFormat {
    /// SVG (sharp at any zoom; text stays text).
    Svg,
    /// PNG at 2x.
    Png,
}

impl MdImageFormat {
    /// The library format it is.
    pub fn format(self) -> Format {
        match self {
            MdImageFormat::Svg => Format::Svg,
            MdImageFormat::Png => Format::Png,
        }
    }
}

/// `--theme` values: the library's theme registry.
fn theme_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crmflow::render::THEMES
            .iter()
            .map(|theme| clap::builder::PossibleValue::new(theme.name).help(theme.summary)),
    )
}

/// `--format` values: the library's format table.
fn format_names() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(
        crmflow::export::FORMATS
            .iter()
            .map(|info| clap::builder::PossibleValue::new(info.name).help(info.summary)),
    )
    // Only listed names get here.
    .map(|name| Format::from_name(&name).unwrap_or(Format::Svg))
}

/// Diagnostic output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Annotated source excerpts.
    Human,
    /// One JSON document on standard output.
    Json,
    /// SARIF 2.1.0 on standard output, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (`::error file=…`) on standard output.
    Github,
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
