//! `crmflow md FILE.md…`: render every ```` ```crmflow ```` fenced block of
//! a Markdown file to an image and put an image link right after the block.
//!
//! The block stays (it is the source; readers of the raw file see it) and
//! is followed by `![title](img/FILE-0123456789ab.svg)`, named by a hash of
//! the block's text, so the name changes exactly when the diagram does and a
//! rerun is idempotent: an image link of that shape right after a block is
//! recognised as ours and replaced; an image it no longer points at is
//! deleted. `--check` changes nothing and exits 1 when the Markdown or an
//! image is out of date.
//!
//! Markdown is read with pulldown-cmark (CommonMark: fences of ``` or ~~~,
//! blocks in lists and quotes); everything outside the blocks is kept byte
//! for byte. Diagnostics point into the Markdown file at the exact line and
//! column.

use super::args::MdArgs;
use super::exit;
use super::io::out;
use super::io::{load_or_report, write_atomic};
use super::settings::today_or_report;
use crmflow::batch::{InlineJob, MarkdownJob, Verdict};
use crmflow::i18n::t;
use crmflow::pipeline::FontCache;

/// Runs `md`.
pub fn run(args: &MdArgs, fancy: bool) -> u8 {
    if args.files.len() > 1 && args.output.is_some() {
        eprintln!(
            "{}",
            t("cli-error-o-one-output-many-markdown").arg("files", args.files.len())
        );
        return exit::USAGE;
    }
    if args.files.len() > 1 && !args.in_place && !args.check {
        eprintln!("{}", t("cli-error-several-markdown-files-use"));
        return exit::USAGE;
    }
    let today = match today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    if args.inline {
        return inline(args, today, fancy);
    }
    let job = MarkdownJob {
        output: args.output.clone(),
        in_place: args.in_place,
        check: args.check,
        out_dir: args.out_dir.clone(),
        config: args.config.clone(),
        theme: args.theme.clone(),
        format: args.format.format(),
        today,
        fancy,
    };
    let mut verdict = Verdict::Clean;
    let mut stale = Vec::new();
    let mut fonts = FontCache::default();
    for file in &args.files {
        let outcome = job.one(file, &mut fonts);
        eprint!("{}", outcome.messages);
        if let Some(markdown) = outcome.standard_output {
            out(&markdown);
        }
        verdict = verdict.max(outcome.verdict);
        stale.extend(outcome.stale);
    }
    if args.check {
        for line in &stale {
            eprintln!("{line}");
        }
        if !stale.is_empty() {
            eprintln!(
                "{}",
                t("cli-out-date-run-same-command").arg("stale", stale.len())
            );
            verdict = verdict.max(Verdict::Findings);
        }
    }
    exit::of(verdict)
}

/// `md --inline`: the one Markdown file (or standard input) with every
/// block replaced by its drawing, to `-o` or standard output.
fn inline(args: &MdArgs, today: time::Date, fancy: bool) -> u8 {
    let file = &args.files[0];
    let source = match load_or_report(file, fancy) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let name = match &args.stdin_name {
        Some(name) if file.as_os_str() == "-" => name.clone(),
        _ => file.clone(),
    };
    let job = InlineJob {
        config: args.config.clone(),
        theme: args.theme.clone(),
        today,
        fancy,
    };
    let inlined = job.page(&name, source.text(), &mut FontCache::default());
    eprint!("{}", inlined.messages);
    let output = args.output.clone().unwrap_or_else(|| "-".into());
    if let Err(message) = write_atomic(&output, inlined.markdown.as_bytes()) {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    exit::of(inlined.verdict)
}
