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

use super::args::LookArgs;
use super::args::MdArgs;
use super::io::write_atomic;
use super::settings::today_or_report;
use super::{exit, report};
use crmflow::SourceFile;
use crmflow::batch::{Written, write_if_changed};
use crmflow::files::read_regular;
use crmflow::i18n::t;
use crmflow::markdown::{BlockSource, LinkWriter, blocks, image_name, link_target, obsolete_image};
use crmflow::pipeline::FontCache;
use crmflow::pipeline::{self, Request};
use crmflow::world::Disk;
use std::path::{Path, PathBuf};

/// What processing one Markdown file gave.
#[derive(Default)]
struct Outcome {
    code: u8,
    stale: Vec<String>,
}

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
    let mut code = exit::OK;
    let mut stale = Vec::new();
    let mut fonts = FontCache::default();
    for file in &args.files {
        let outcome = one(args, file, today, fancy, &mut fonts);
        code = code.max(outcome.code);
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
            code = code.max(exit::FINDINGS);
        }
    }
    code
}

fn one(
    args: &MdArgs,
    file: &Path,
    today: time::Date,
    fancy: bool,
    fonts: &mut FontCache,
) -> Outcome {
    let mut outcome = Outcome::default();
    let limit = crmflow::limits::current().file_bytes;
    let markdown = match read_regular(file, limit).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            eprintln!(
                "{}",
                t("cli-error-not-utf-8-text").arg("file", &file.display())
            );
            outcome.code = exit::USAGE;
            return outcome;
        }
        Err(err) => {
            eprintln!(
                "{}",
                t("cli-error-cannot-read-err")
                    .arg("err", &err)
                    .arg("file", &file.display())
            );
            outcome.code = exit::USAGE;
            return outcome;
        }
    };
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let image_dir = args.out_dir.clone().unwrap_or_else(|| folder.clone());
    // Image links are relative to where the Markdown is written: the `-o`
    // file's folder (made here, before any image is written), else the
    // input's.
    let written_to = args
        .output
        .as_deref()
        .filter(|output| !args.in_place && output.as_os_str() != "-");
    let link_folder = match written_to.and_then(Path::parent) {
        Some(parent) if !parent.as_os_str().is_empty() => {
            if !args.check
                && let Err(err) = std::fs::create_dir_all(parent)
            {
                eprintln!(
                    "error: {}",
                    t("io-cannot-create-err")
                        .arg("err", &err)
                        .arg("folder", &parent.display())
                );
                outcome.code = exit::USAGE;
                return outcome;
            }
            parent.to_path_buf()
        }
        Some(_) => PathBuf::from("."),
        None => folder.clone(),
    };
    let stem = file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "diagram".into());
    let config = match pipeline::config_for(Some(file), args.config.as_deref(), &Disk) {
        Ok((_, config)) => config,
        Err((source, diags)) => {
            eprint!("{}", report::human(&source, &diags, fancy));
            outcome.code = exit::INVALID_INPUT;
            return outcome;
        }
    };
    let settings = config.lint.clone().today(today);
    let look = LookArgs {
        theme: args.theme.clone(),
        ..LookArgs::default()
    };
    let (options, scale) = match look.resolve(&config, fonts, &Disk) {
        Ok(resolved) => resolved,
        Err(message) => {
            eprintln!("error: {message}");
            outcome.code = exit::USAGE;
            return outcome;
        }
    };
    let format = args.format.format();
    let extension = format.extension();
    let whole = SourceFile::new(file.display().to_string(), markdown.clone());

    let mut links = LinkWriter::new(&markdown, &stem);
    for block in blocks(&markdown) {
        if !block.closed {
            let at = whole.line_col(block.range.start);
            eprintln!(
                "{}",
                t("cli-warning-at-crmflow-block-not")
                    .arg("at", &at)
                    .arg("file", &file.display())
            );
            continue;
        }
        let block_source = BlockSource::new(&markdown, &block);
        let source = SourceFile::new(file.display().to_string(), block_source.text.clone());
        let request = Request {
            path: Some(file),
            lint: Some(&settings),
            draw: Some(&options),
            glyphs: Some(options.fonts),
            world: &Disk,
        };
        let built = match pipeline::build(&source, &request) {
            Ok(built) => built,
            Err(diags) => {
                // Left as it is: the block, and the last good image if any.
                let diags = block_source.relocate(diags);
                eprint!("{}", report::human(&whole, &diags, fancy));
                outcome.code = exit::INVALID_INPUT;
                continue;
            }
        };
        // Findings are reported at their place in the Markdown; the image
        // is made either way (a dead end is still worth looking at).
        if !built.findings.is_empty() {
            let findings = block_source.relocate(built.findings);
            eprint!("{}", report::human(&whole, &findings, fancy));
            if findings.iter().any(crmflow::Diag::is_error) {
                outcome.code = outcome.code.max(exit::FINDINGS);
            }
        }
        let compiled = built.drawing.expect("a drawing was asked for");
        let bytes = match format.encode(&compiled, options.fonts, scale, false) {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("error: {message}");
                outcome.code = exit::USAGE;
                continue;
            }
        };
        let image = image_dir.join(image_name(&stem, extension, &block.text));
        match write_if_changed(&image, &bytes, args.check, true) {
            Ok(Written::Unchanged | Written::Written) => {}
            Ok(state @ (Written::Stale | Written::Missing)) => {
                let state = if state == Written::Stale {
                    "stale"
                } else {
                    "missing"
                };
                outcome.stale.push(format!("{state}: {}", image.display()));
            }
            Err(message) => {
                eprintln!("error: {message}");
                outcome.code = exit::USAGE;
                return outcome;
            }
        }
        let title = compiled.flow.header.title.as_ref();
        links.link(
            &block,
            title.map_or("crmflow diagram", |title| title.value.as_str()),
            &link_target(&link_folder, &image),
        );
    }
    let (rewritten, replaced_links) = links.finish();

    if rewritten != markdown {
        if args.check {
            outcome.stale.push(
                t("cli-stale-image-links")
                    .arg("file", &file.display())
                    .to_string(),
            );
        } else {
            let target = if args.in_place {
                Some(file.to_path_buf())
            } else {
                args.output.clone()
            };
            let target = target.unwrap_or_else(|| PathBuf::from("-"));
            if let Err(message) = write_atomic(&target, rewritten.as_bytes()) {
                eprintln!("error: {message}");
                outcome.code = exit::USAGE;
                return outcome;
            }
        }
    } else if !args.check && !args.in_place {
        let target = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        let unchanged_file = args.output.as_ref().is_some_and(|out| {
            read_regular(out, limit).is_ok_and(|bytes| bytes == rewritten.as_bytes())
        });
        if !unchanged_file && let Err(message) = write_atomic(&target, rewritten.as_bytes()) {
            eprintln!("error: {message}");
            outcome.code = exit::USAGE;
        }
    }
    if !args.check {
        for old in replaced_links {
            if let Some(path) = obsolete_image(&folder, &image_dir, &old, &rewritten, &stem) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    outcome
}
