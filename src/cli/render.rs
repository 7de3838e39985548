//! `crmflow render FILE [-o OUT] [--format svg|png|pdf|layout-json]`:
//! compile, convert and write the result atomically.

use super::args::{LookArgs, RenderArgs};
use super::io::expand_inputs;
use super::settings::{configs_for, today_or_report};
use super::{exit, report};
use crmflow::batch::inputs::{self, Input};
use crmflow::batch::{RenderJob, Rendered, Verdict};
use crmflow::config::Config;
use crmflow::export::Format;
use crmflow::i18n::t;
use crmflow::layout::Page;
use crmflow::pipeline::Look;
use crmflow::world::Disk;
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
    let job = RenderJob {
        formats,
        look: args.look.look(),
        output: args.output.clone(),
        out_dir: args.out_dir.clone(),
        check: args.check,
        embed_font: args.embed_font,
        deny_warnings: args.deny_warnings,
        today,
        fancy,
    };
    if let Err(message) = job.guard(&inputs) {
        eprintln!("{message}");
        return exit::USAGE;
    }
    let results = render_all(&job, &inputs, &configs, args.verbose);
    let mut totals = Rendered::default();
    let mut failed = 0;
    for (input, result) in inputs.iter().zip(&results) {
        eprint!("{}", result.messages);
        if args.verbose {
            print_verbose(input, result, inputs.len() > 1);
        }
        totals.verdict = totals.verdict.max(result.verdict);
        totals.written += result.written;
        totals.unchanged += result.unchanged;
        totals.stale += result.stale;
        failed += usize::from(result.verdict >= Verdict::Invalid);
    }
    print_outcome(args, inputs.len(), &results, &totals, failed);
    super::exit::of(totals.verdict)
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
fn print_verbose(input: &Input, result: &Rendered, many: bool) {
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
            match (result.verdict, result.written, result.stale) {
                (Verdict::Invalid | Verdict::Unusable, _, _) => "failed",
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
    results: &[Rendered],
    totals: &Rendered,
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

/// Renders every input (one per core), with a progress bar on a terminal
/// when there are several.
fn render_all(
    job: &RenderJob,
    inputs: &[Input],
    configs: &[Arc<Config>],
    verbose: bool,
) -> Vec<Rendered> {
    let progress = (inputs.len() > 1 && !verbose && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let results: Vec<Rendered> = super::io::map_each(inputs, configs, |input, config| {
        let result = job.one(input, config, &Disk);
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
