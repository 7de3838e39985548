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
use crmflow::markdown::{
    Block, BlockSource, LinkWriter, blocks, image_name, link_target, obsolete_image,
};
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
    let markdown = match read_markdown(file) {
        Ok(markdown) => markdown,
        Err(message) => {
            eprintln!("{message}");
            outcome.code = exit::USAGE;
            return outcome;
        }
    };
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let image_dir = args.out_dir.clone().unwrap_or_else(|| folder.clone());
    let link_folder = match link_folder(args, &folder) {
        Ok(link_folder) => link_folder,
        Err(message) => {
            eprintln!("error: {message}");
            outcome.code = exit::USAGE;
            return outcome;
        }
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
    let images = Images {
        args,
        file,
        markdown: &markdown,
        whole: SourceFile::new(file.display().to_string(), markdown.clone()),
        settings: config.lint.clone().today(today),
        options,
        scale,
        image_dir: &image_dir,
        stem: &stem,
        fancy,
    };
    let mut links = LinkWriter::new(&markdown, &stem);
    for block in blocks(&markdown) {
        match images.of(&block, &mut outcome) {
            BlockImage::Made { image, title } => links.link(
                &block,
                title.as_deref().unwrap_or("crmflow diagram"),
                &link_target(&link_folder, &image),
            ),
            BlockImage::Skipped => {}
            BlockImage::Stop => return outcome,
        }
    }
    let (rewritten, replaced_links) = links.finish();
    if let Err(message) = write_markdown(args, file, &markdown, &rewritten, &mut outcome) {
        eprintln!("error: {message}");
        outcome.code = exit::USAGE;
        return outcome;
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

/// The Markdown file's text, or the line saying why it cannot be had.
fn read_markdown(file: &Path) -> Result<String, String> {
    let limit = crmflow::limits::current().file_bytes;
    match read_regular(file, limit).map(String::from_utf8) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(_)) => Err(t("cli-error-not-utf-8-text")
            .arg("file", &file.display())
            .to_string()),
        Err(err) => Err(t("cli-error-cannot-read-err")
            .arg("err", &err)
            .arg("file", &file.display())
            .to_string()),
    }
}

/// Where image links are relative to: the folder the Markdown is written
/// to — the `-o` file's (made here, before any image is written), else the
/// input's (`folder`).
fn link_folder(args: &MdArgs, folder: &Path) -> Result<PathBuf, String> {
    let written_to = args
        .output
        .as_deref()
        .filter(|output| !args.in_place && output.as_os_str() != "-");
    match written_to.and_then(Path::parent) {
        Some(parent) if !parent.as_os_str().is_empty() => {
            if !args.check
                && let Err(err) = std::fs::create_dir_all(parent)
            {
                return Err(t("io-cannot-create-err")
                    .arg("err", &err)
                    .arg("folder", &parent.display())
                    .to_string());
            }
            Ok(parent.to_path_buf())
        }
        Some(_) => Ok(PathBuf::from(".")),
        None => Ok(folder.to_path_buf()),
    }
}

/// What became of one block.
enum BlockImage {
    /// Its image is up to date (or was written): link it.
    Made {
        image: PathBuf,
        title: Option<String>,
    },
    /// Left as it is (unclosed, invalid, not encodable): the block, and the
    /// last good image if any.
    Skipped,
    /// An image could not be written: stop this file.
    Stop,
}

/// What every block of one Markdown file is drawn with.
struct Images<'a> {
    args: &'a MdArgs,
    file: &'a Path,
    markdown: &'a str,
    /// The Markdown as a source, for diagnostics at their place in it.
    whole: SourceFile,
    settings: crmflow::lint::LintSettings,
    options: crmflow::Options,
    scale: f32,
    image_dir: &'a Path,
    stem: &'a str,
    fancy: bool,
}

impl Images<'_> {
    /// Draws one block into its image (findings reported at their place
    /// in the Markdown; the image is made either way: a dead end is still
    /// worth looking at).
    fn of(&self, block: &Block, outcome: &mut Outcome) -> BlockImage {
        let (file, fancy) = (self.file, self.fancy);
        if !block.closed {
            let at = self.whole.line_col(block.range.start);
            eprintln!(
                "{}",
                t("cli-warning-at-crmflow-block-not")
                    .arg("at", &at)
                    .arg("file", &file.display())
            );
            return BlockImage::Skipped;
        }
        let block_source = BlockSource::new(self.markdown, block);
        let source = SourceFile::new(file.display().to_string(), block_source.text.clone());
        let request = Request {
            path: Some(file),
            lint: Some(&self.settings),
            draw: Some(&self.options),
            glyphs: Some(self.options.fonts),
            world: &Disk,
        };
        let built = match pipeline::build(&source, &request) {
            Ok(built) => built,
            Err(diags) => {
                let diags = block_source.relocate(diags);
                eprint!("{}", report::human(&self.whole, &diags, fancy));
                outcome.code = exit::INVALID_INPUT;
                return BlockImage::Skipped;
            }
        };
        if !built.findings.is_empty() {
            let findings = block_source.relocate(built.findings);
            eprint!("{}", report::human(&self.whole, &findings, fancy));
            if findings.iter().any(crmflow::Diag::is_error) {
                outcome.code = outcome.code.max(exit::FINDINGS);
            }
        }
        let compiled = built.drawing.expect("a drawing was asked for");
        let format = self.args.format.format();
        let bytes = match format.encode(&compiled, self.options.fonts, self.scale, false) {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("error: {message}");
                outcome.code = exit::USAGE;
                return BlockImage::Skipped;
            }
        };
        let image = self
            .image_dir
            .join(image_name(self.stem, format.extension(), &block.text));
        match write_if_changed(&image, &bytes, self.args.check, true) {
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
                return BlockImage::Stop;
            }
        }
        let title = compiled.flow.header.title.map(|title| title.value);
        BlockImage::Made { image, title }
    }
}

/// Writes the Markdown with its links (in place, to `-o`, or to standard
/// output), or under `--check` counts it stale when it would change.
fn write_markdown(
    args: &MdArgs,
    file: &Path,
    markdown: &str,
    rewritten: &str,
    outcome: &mut Outcome,
) -> Result<(), String> {
    let limit = crmflow::limits::current().file_bytes;
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
            write_atomic(&target, rewritten.as_bytes())?;
        }
    } else if !args.check && !args.in_place {
        let target = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        let unchanged_file = args.output.as_ref().is_some_and(|out| {
            read_regular(out, limit).is_ok_and(|bytes| bytes == rewritten.as_bytes())
        });
        if !unchanged_file {
            write_atomic(&target, rewritten.as_bytes())?;
        }
    }
    Ok(())
}
