//! `crmflow render FILE [-o OUT] [--format svg|png|pdf|layout-json]`:
//! compile, convert and write the result atomically.

use super::args::{LookArgs, RenderArgs};
use super::io::{LoadError, expand_inputs, load};
use super::settings::{configs_for, today_or_report};
use super::{exit, report};
use crmflow::Severity;
use crmflow::batch::inputs::{self, Input};
use crmflow::batch::{Written, write_if_changed};
use crmflow::config::Config;
use crmflow::export::Format;
use crmflow::i18n::t;
use crmflow::layout::Page;
use crmflow::pipeline::{self, FileRequest, FontCache, Look};
use crmflow::world::{Disk, World};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

impl LookArgs {
    /// The look these flags ask for (the rest comes from the config).
    pub fn look(&self) -> Look {
        Look {
            theme: self.theme.clone(),
            scale: self.scale,
            font: self.font.clone(),
            lane_order: self.lane_order,
            page: self.page,
            lanes: (!self.lanes.is_empty()).then(|| self.lanes.clone()),
            pages: false,
        }
    }

    /// Compile options and PNG scale for a file under `config`.
    pub fn resolve(
        &self,
        config: &Config,
        fonts: &mut FontCache,
        world: &dyn World,
    ) -> Result<(crmflow::Options, f32), String> {
        self.look().resolve(config, fonts, world)
    }
}

/// What rendering one input did.
#[derive(Default)]
struct FileResult {
    /// The exit code this file alone would give.
    code: u8,
    /// What to print for it (diagnostics, stale outputs), in order.
    messages: String,
    /// Outputs written.
    written: usize,
    /// Outputs already identical on disk (not rewritten).
    unchanged: usize,
    /// `--check`: outputs missing or different on disk.
    stale: usize,
    /// Each output on disk and whether it was written (or already there).
    outputs: Vec<(PathBuf, bool)>,
    /// The drawing's size and the page it was made for, for `-v`.
    size: Option<(f64, f64, Page)>,
    /// Each page's size and what it shows, when the flow is split.
    pages: Vec<(f64, f64, String)>,
}

/// Settings shared by every file of one `render` run.
struct Run<'a> {
    args: &'a RenderArgs,
    formats: Vec<Format>,
    today: Option<time::Date>,
    fancy: bool,
}

/// Runs `render`.
pub fn run(args: &RenderArgs, fancy: bool) -> u8 {
    let inputs = match expand_inputs(|notes| inputs::expand_with_roots(&args.files, notes)) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut formats = args.formats_or_default();
    formats.dedup();
    if let Err(message) = usage_problem(args, &inputs, &formats) {
        eprintln!("{message}");
        return exit::USAGE;
    }
    let today = if args.no_lint || args.check {
        None
    } else {
        match today_or_report() {
            Ok(today) => Some(today),
            Err(code) => return code,
        }
    };
    let files: Vec<PathBuf> = inputs.iter().map(|input| input.path.clone()).collect();
    let Ok(configs) = configs_for(&files, args.config.as_deref(), fancy) else {
        return exit::INVALID_INPUT;
    };
    let run = Run {
        args,
        formats,
        today,
        fancy,
    };
    if let Err(message) = run.guard_inputs(&inputs) {
        eprintln!("{message}");
        return exit::USAGE;
    }
    let results = run.all(&inputs, &configs);
    let mut totals = FileResult::default();
    let mut failed = 0;
    for (input, result) in inputs.iter().zip(&results) {
        eprint!("{}", result.messages);
        if args.verbose {
            print_verbose(input, result, inputs.len() > 1);
        }
        totals.code = totals.code.max(result.code);
        totals.written += result.written;
        totals.unchanged += result.unchanged;
        totals.stale += result.stale;
        failed += usize::from(matches!(result.code, exit::INVALID_INPUT | exit::USAGE));
    }
    print_outcome(args, inputs.len(), &results, &totals, failed);
    totals.code
}

/// What is wrong with the arguments before anything is read (one `-o` for
/// several inputs or formats, `--embed-font` for pictures, …), as the
/// line to print.
fn usage_problem(args: &RenderArgs, inputs: &[Input], formats: &[Format]) -> Result<(), String> {
    if let Some(output) = &args.output {
        if inputs.len() > 1 {
            return Err(t("cli-error-o-one-output-many-inputs")
                .arg("inputs", inputs.len())
                .to_string());
        }
        if formats.len() > 1 {
            return Err(t("cli-error-o-one-output-many-formats")
                .arg("formats", formats.len())
                .to_string());
        }
        if output.as_os_str() != "-"
            && args.format.is_empty()
            && Format::from_extension(output).is_none()
        {
            return Err(format!(
                "error: {}",
                crmflow::export::unsupported_output(output)
            ));
        }
    }
    if args.embed_font && formats.iter().any(|format| *format != Format::Svg) {
        return Err(t("cli-error-embed-font-applies-svg").to_string());
    }
    if args.check
        && args
            .output
            .as_ref()
            .is_some_and(|output| output.as_os_str() == "-")
    {
        return Err(t("cli-error-check-compares-with-files").to_string());
    }
    let stdin = inputs.iter().any(|input| input.path.as_os_str() == "-");
    if stdin && (inputs.len() > 1 || args.out_dir.is_some() || args.check) {
        return Err(t("cli-error-standard-input-renders-alone").to_string());
    }
    Ok(())
}

/// `-v`: each drawing's size and text size on a slide and A4, its pages,
/// and (of several inputs) what became of it.
fn print_verbose(input: &Input, result: &FileResult, many: bool) {
    if let Some((width, height, page)) = result.size {
        eprintln!(
            "{}: {width:.0} × {height:.0} units ({}); 14-unit text fitted to a 16:9 slide: {:.1} pt, to A4: {:.1} pt",
            report::printable(&input.path.display().to_string()),
            match page {
                Page::Slide => "laid out for a slide",
                Page::A4 => "laid out for A4",
                Page::None => "usual spacing",
            },
            Page::Slide.text_points(width, height),
            Page::A4.text_points(width, height)
        );
    }
    {
        let page = result.size.map_or(Page::Slide, |(_, _, page)| page);
        for (index, (width, height, label)) in result.pages.iter().enumerate() {
            let points = page.text_points(*width, *height);
            // Rounded down, as W320 says it: 8.97 pt is 8.9.
            let points = (points * 10.0).floor() / 10.0;
            eprintln!(
                "  page {}/{}{}: {width:.0} × {height:.0} units; fitted: {points:.1} pt{}",
                index + 1,
                result.pages.len(),
                if label.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", report::printable(label))
                },
                if points < crmflow::layout::PAGE_TEXT_PT {
                    " (W320)"
                } else {
                    ""
                }
            );
        }
    }
    if many {
        eprintln!(
            "{}: {}",
            input.path.display(),
            match (result.code, result.written, result.stale) {
                (exit::INVALID_INPUT | exit::USAGE, _, _) => "failed",
                (_, _, 1..) => "stale",
                (_, 1.., _) => "written",
                _ => "unchanged",
            }
        );
    }
}

/// What was written, unchanged or stale, after every input.
fn print_outcome(
    args: &RenderArgs,
    inputs: usize,
    results: &[FileResult],
    totals: &FileResult,
    failed: usize,
) {
    if args.check {
        if totals.stale > 0 {
            eprintln!(
                "{}",
                t("cli-outputs-are-stale-or-missing")
                    .arg("stale", totals.stale)
                    .arg("unchanged", totals.stale + totals.unchanged)
            );
        } else if failed == 0 {
            eprintln!(
                "{}",
                t("cli-outputs-up-date").arg("unchanged", totals.unchanged)
            );
        }
    } else if inputs == 1 && !args.quiet {
        // Say what was written, as d2 does (nothing for standard output).
        for (output, written) in &results[0].outputs {
            let path = report::printable(&output.display().to_string()).into_owned();
            let id = if *written {
                "cli-wrote"
            } else {
                "cli-unchanged-file"
            };
            eprintln!("{}", t(id).arg("path", path));
        }
    } else if inputs > 1 && !args.quiet {
        eprintln!(
            "{}",
            t("cli-rendered")
                .arg("files", inputs - failed)
                .arg("written", totals.written)
                .arg("unchanged", totals.unchanged)
                .arg("failed", failed)
        );
    }
}

impl RenderArgs {
    /// `--format`, else the format `-o`'s extension names, else SVG.
    fn formats_or_default(&self) -> Vec<Format> {
        if !self.format.is_empty() {
            return self.format.clone();
        }
        vec![
            self.output
                .as_deref()
                .and_then(Format::from_extension)
                .unwrap_or(Format::Svg),
        ]
    }
}

impl Run<'_> {
    /// A drawing never replaces a source (`-o` naming the input, a flow
    /// called `notes.svg` rendered next to itself, one input's output
    /// landing on another input): every input is named before anything is
    /// read or written, and the output layer refuses to replace one; two
    /// inputs may not write one output.
    fn guard_inputs(&self, inputs: &[Input]) -> Result<(), String> {
        let args = self.args;
        for input in inputs.iter().filter(|input| input.path.as_os_str() != "-") {
            crmflow::files::protect(&input.path);
        }
        if !args.check {
            for input in inputs.iter().filter(|input| input.path.as_os_str() != "-") {
                for &format in &self.formats {
                    let output = self.output_path(input, format);
                    if output.as_os_str() != "-" && crmflow::files::is_protected(&output) {
                        return Err(t("cli-error-output-input-file-itself")
                            .arg("extension", format.extension())
                            .arg("output", &output.display())
                            .to_string());
                    }
                }
            }
        }
        if !args.check && args.output.is_none() {
            let mut seen = std::collections::HashMap::new();
            for input in inputs {
                for &format in &self.formats {
                    let output = self.output_path(input, format);
                    if let Some(other) = seen.insert(output.clone(), &input.path) {
                        return Err(t("cli-error-and-would-both-written")
                            .arg("other", &other.display())
                            .arg("path", &input.path.display())
                            .arg("output", &output.display())
                            .to_string());
                    }
                }
            }
        }
        Ok(())
    }

    /// Renders every input (one per core), with a progress bar on a
    /// terminal when there are several.
    fn all(&self, inputs: &[Input], configs: &[Arc<Config>]) -> Vec<FileResult> {
        let args = self.args;
        let progress =
            (inputs.len() > 1 && !args.verbose && std::io::stderr().is_terminal()).then(|| {
                let bar = ProgressBar::new(inputs.len() as u64);
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} {wide_msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            });
        let results: Vec<FileResult> = super::io::map_each(inputs, configs, |input, config| {
            let result = self.one(input, config);
            if let Some(bar) = &progress {
                bar.set_message(input.path.display().to_string());
                bar.inc(1);
            }
            result
        });
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        results
    }

    /// Where `input` in `format` goes.
    fn output_path(&self, input: &Input, format: Format) -> PathBuf {
        let extension = format.extension();
        match (&self.args.output, &self.args.out_dir) {
            (Some(output), _) => output.clone(),
            _ if input.path.as_os_str() == "-" => PathBuf::from("-"),
            (None, Some(dir)) => dir.join(input.relative()).with_extension(extension),
            (None, None) => input.path.with_extension(extension),
        }
    }

    /// Compiles, lints and writes (or checks) one input.
    fn one(&self, input: &Input, config: &Config) -> FileResult {
        let mut result = FileResult::default();
        let args = self.args;
        let fail = |mut result: FileResult, code: u8, message: String| {
            result.code = code;
            result.messages.push_str(&message);
            result
        };
        let source = match load(&input.path, &Disk) {
            Ok(source) => source,
            Err(LoadError::Io(message)) => {
                return fail(result, exit::USAGE, format!("error: {message}\n"));
            }
            Err(LoadError::NotUtf8(bad)) => {
                let (source, diag) = *bad;
                let report = report::human(&source, &[diag], self.fancy);
                return fail(result, exit::INVALID_INPUT, report);
            }
        };
        let request = FileRequest {
            path: (input.path.as_os_str() != "-").then_some(input.path.as_path()),
            explicit_config: None,
            config: Some(config),
            look: &Look {
                // Pages are written for the pictures and layout-json.
                pages: self
                    .formats
                    .iter()
                    .any(|format| format.is_picture() || *format == Format::LayoutJson),
                ..args.look.look()
            },
            lint_today: self.today,
            glyphs: !args.check && self.formats.iter().any(|format| format.is_picture()),
        };
        let prepared = pipeline::build_file(&source, &request, &Disk, &mut FontCache::default());
        let (compiled, findings, fonts, scale) = match prepared {
            Ok(prepared) => (
                prepared.built.drawing.expect("a drawing was asked for"),
                prepared.built.findings,
                prepared.options.fonts,
                prepared.scale,
            ),
            Err(failure) => {
                let (code, report) = super::failure_report(&source, failure, self.fancy);
                return fail(result, code, report);
            }
        };
        result.size = Some((
            compiled.layout.width,
            compiled.layout.height,
            compiled.layout.page,
        ));
        result.pages = compiled
            .pages
            .iter()
            .map(|page| {
                let layout = &page.drawing.layout;
                (layout.width, layout.height, page.drawing.label.clone())
            })
            .collect();
        if !findings.is_empty() {
            result
                .messages
                .push_str(&report::human(&source, &findings, self.fancy));
        }
        // Pages are drawn for the pictures only.
        if self.formats.iter().any(|format| format.is_picture()) {
            let small = compiled.page_warnings();
            if !small.is_empty() {
                result
                    .messages
                    .push_str(&report::human(&source, &small, self.fancy));
            }
        }
        // The drawing is written either way: a flow with a dead end is
        // still worth looking at; the exit code tells CI.
        if findings.iter().any(|finding| {
            finding.severity == Severity::Error
                || (args.deny_warnings && finding.severity == Severity::Warning)
        }) {
            result.code = exit::FINDINGS;
        }
        for &format in &self.formats {
            if let Err(message) = self.write(
                input,
                format,
                &compiled,
                (fonts, scale),
                &source,
                &mut result,
            ) {
                return fail(result, exit::USAGE, message);
            }
        }
        result
    }

    /// Encodes the drawing in one format and writes it (and, for a flow
    /// split into pages, each page beside it) when it changed; under
    /// `--check` counts it stale instead. `Err`: the line saying why an
    /// output could not be made.
    fn write(
        &self,
        input: &Input,
        format: Format,
        compiled: &crmflow::Compiled,
        (fonts, scale): (&crmflow::render::Fonts, f32),
        source: &crmflow::SourceFile,
        result: &mut FileResult,
    ) -> Result<(), String> {
        let args = self.args;
        let output = self.output_path(input, format);
        let bytes = match format.encode(compiled, fonts, scale, args.embed_font) {
            Ok(bytes) => bytes,
            Err(message) => return Err(format!("error: {message}\n")),
        };
        let losses = format.losses(compiled);
        if !losses.is_empty() {
            let report = report::human(source, &losses, self.fancy);
            result.messages.push_str(&report);
        }
        // A flow split into pages: each page beside the whole drawing.
        let pages = if output.as_os_str() == "-" {
            Vec::new()
        } else {
            match format.encode_pages(compiled, fonts, scale, args.embed_font) {
                Ok(pages) => pages,
                Err(message) => {
                    return Err(format!("error: {message}\n"));
                }
            }
        };
        let mut files = vec![(output.clone(), bytes)];
        for (index, page) in pages.into_iter().enumerate() {
            let path = crmflow::export::page_path(&output, index);
            if crmflow::files::is_protected(&path) {
                let message = t("cli-error-output-input-file-itself")
                    .arg("extension", format.extension())
                    .arg("output", &path.display());
                return Err(format!("{message}\n"));
            }
            files.push((path, page));
        }
        for (output, bytes) in files {
            let create_folder = args.out_dir.is_some();
            match write_if_changed(&output, &bytes, args.check, create_folder) {
                Err(message) => {
                    return Err(format!("error: {message}\n"));
                }
                Ok(Written::Unchanged) => {
                    result.unchanged += 1;
                    result.outputs.push((output, false));
                    continue;
                }
                Ok(state @ (Written::Stale | Written::Missing)) => {
                    let state = if state == Written::Stale {
                        "stale"
                    } else {
                        "missing"
                    };
                    result.messages.push_str(
                        &t("cli-state-from")
                            .arg("state", state)
                            .arg("output", &output.display())
                            .arg("path", &input.path.display())
                            .to_string(),
                    );
                    result.stale += 1;
                    result.code = result.code.max(exit::FINDINGS);
                    continue;
                }
                Ok(Written::Written) => {}
            }
            result.written += 1;
            if output.as_os_str() != "-" {
                result.outputs.push((output, true));
            }
        }
        Ok(())
    }
}
