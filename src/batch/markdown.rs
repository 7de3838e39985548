//! One Markdown file of `crmflow md`: draw every ```` ```crmflow ```` block
//! into an image named by a hash of its text, put an image link right
//! after the block ([`crate::markdown::LinkWriter`]), write the Markdown
//! (in place, to `-o`, or back to the caller for standard output) and
//! delete the images no link points at any more — or, under `--check`,
//! change nothing and list what is out of date. Diagnostics point into the
//! Markdown file at the exact line and column.

use super::output::{Written, write_if_changed};
use super::render::Verdict;
use crate::SourceFile;
use crate::export::Format;
use crate::files::read_regular;
use crate::i18n::t;
use crate::markdown::{
    Block, BlockSource, LinkWriter, blocks, image_name, link_target, obsolete_image,
};
use crate::pipeline::{self, FontCache, Look, Request};
use crate::report::human;
use crate::world::Disk;
use std::path::{Path, PathBuf};

/// The settings every Markdown file of one `md` run shares.
pub struct MarkdownJob {
    /// `-o`: where the Markdown goes (`-`: standard output).
    pub output: Option<PathBuf>,
    /// `--in-place`: the Markdown replaces itself.
    pub in_place: bool,
    /// `--check`: change nothing, list what is out of date.
    pub check: bool,
    /// `--out-dir`: where the images go (else beside the Markdown).
    pub out_dir: Option<PathBuf>,
    /// `--config`, else the nearest `crmflow.yaml` is looked for.
    pub config: Option<PathBuf>,
    /// `--theme`.
    pub theme: Option<String>,
    /// The images' format (SVG or PNG).
    pub format: Format,
    /// Lint as of this day.
    pub today: time::Date,
    /// Reports in colour, for a terminal.
    pub fancy: bool,
}

/// What processing one Markdown file gave.
#[derive(Default)]
pub struct MarkdownOutcome {
    /// How it went.
    pub verdict: Verdict,
    /// What to print (diagnostics, notes, errors), in order.
    pub messages: String,
    /// `--check`: one line per out-of-date image or link.
    pub stale: Vec<String>,
    /// The Markdown to write to standard output, when it goes there.
    pub standard_output: Option<String>,
}

impl MarkdownOutcome {
    /// Gives up on the file: `verdict`, and `text` to print.
    fn fail(mut self, verdict: Verdict, text: &str) -> MarkdownOutcome {
        self.verdict = self.verdict.max(verdict);
        self.messages.push_str(text);
        self
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

impl MarkdownJob {
    /// Draws the blocks of `file` and writes it with their links.
    pub fn one(&self, file: &Path, fonts: &mut FontCache) -> MarkdownOutcome {
        let outcome = MarkdownOutcome::default();
        let markdown = match read_markdown(file) {
            Ok(markdown) => markdown,
            Err(message) => return outcome.fail(Verdict::Unusable, &format!("{message}\n")),
        };
        let folder = match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let image_dir = self.out_dir.clone().unwrap_or_else(|| folder.clone());
        let link_folder = match self.link_folder(&folder) {
            Ok(link_folder) => link_folder,
            Err(message) => return outcome.fail(Verdict::Unusable, &format!("error: {message}\n")),
        };
        let stem = (file.file_stem())
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| "diagram".into());
        let config = match pipeline::config_for(Some(file), self.config.as_deref(), &Disk) {
            Ok((_, config)) => config,
            Err((source, diags)) => {
                let report = human(&source, &diags, self.fancy);
                return outcome.fail(Verdict::Invalid, &report);
            }
        };
        let look = Look {
            theme: self.theme.clone(),
            ..Look::default()
        };
        let (options, scale) = match look.resolve(&config, fonts, &Disk) {
            Ok(resolved) => resolved,
            Err(message) => return outcome.fail(Verdict::Unusable, &format!("error: {message}\n")),
        };
        let images = Images {
            job: self,
            file,
            markdown: &markdown,
            whole: SourceFile::new(file.display().to_string(), markdown.clone()),
            settings: config.lint.clone().today(self.today),
            options,
            scale,
            image_dir: &image_dir,
            stem: &stem,
        };
        let mut outcome = outcome;
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
        // The images no link points at any more, found before the Markdown
        // is handed on and deleted once it is written.
        let obsolete: Vec<PathBuf> = if self.check {
            Vec::new()
        } else {
            (replaced_links.iter())
                .filter_map(|old| obsolete_image(&folder, &image_dir, old, &rewritten, &stem))
                .collect()
        };
        if let Err(message) = self.write_markdown(file, &markdown, rewritten, &mut outcome) {
            return outcome.fail(Verdict::Unusable, &format!("error: {message}\n"));
        }
        for path in obsolete {
            let _ = std::fs::remove_file(path);
        }
        outcome
    }

    /// Where image links are relative to: the folder the Markdown is
    /// written to — the `-o` file's (made here, before any image is
    /// written), else the input's (`folder`).
    fn link_folder(&self, folder: &Path) -> Result<PathBuf, String> {
        let written_to =
            (self.output.as_deref()).filter(|output| !self.in_place && output.as_os_str() != "-");
        match written_to.and_then(Path::parent) {
            Some(parent) if !parent.as_os_str().is_empty() => {
                if !self.check
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

    /// Writes the Markdown with its links (in place, to `-o`, or to
    /// standard output through the outcome), or under `--check` counts it
    /// stale when it would change.
    fn write_markdown(
        &self,
        file: &Path,
        markdown: &str,
        rewritten: String,
        outcome: &mut MarkdownOutcome,
    ) -> Result<(), String> {
        let limit = crate::limits::current().file_bytes;
        let target = if self.in_place {
            Some(file.to_path_buf())
        } else {
            self.output.clone()
        };
        let target = target.filter(|target| target.as_os_str() != "-");
        if rewritten != markdown {
            if self.check {
                outcome.stale.push(
                    t("cli-stale-image-links")
                        .arg("file", &file.display())
                        .to_string(),
                );
                return Ok(());
            }
        } else {
            // Nothing changed: rewrite only a copy elsewhere that differs.
            let written = |out: &PathBuf| {
                read_regular(out, limit).is_ok_and(|bytes| bytes == rewritten.as_bytes())
            };
            if self.check || self.in_place || target.as_ref().is_some_and(written) {
                return Ok(());
            }
        }
        match target {
            Some(target) => crate::files::write_output(&target, rewritten.as_bytes()),
            None => {
                outcome.standard_output = Some(rewritten);
                Ok(())
            }
        }
    }
}

/// The Markdown file's text, or the line saying why it cannot be had.
fn read_markdown(file: &Path) -> Result<String, String> {
    let limit = crate::limits::current().file_bytes;
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

/// What every block of one Markdown file is drawn with.
struct Images<'a> {
    job: &'a MarkdownJob,
    file: &'a Path,
    markdown: &'a str,
    /// The Markdown as a source, for diagnostics at their place in it.
    whole: SourceFile,
    settings: crate::lint::LintSettings,
    options: crate::Options,
    scale: f32,
    image_dir: &'a Path,
    stem: &'a str,
}

impl Images<'_> {
    /// Draws one block into its image (findings reported at their place
    /// in the Markdown; the image is made either way: a dead end is still
    /// worth looking at).
    fn of(&self, block: &Block, outcome: &mut MarkdownOutcome) -> BlockImage {
        let page = BlockBuilder {
            file: self.file,
            markdown: self.markdown,
            whole: &self.whole,
            settings: &self.settings,
            options: &self.options,
            fancy: self.job.fancy,
        };
        let Some(compiled) = page.build(block, &mut outcome.messages, &mut outcome.verdict) else {
            return BlockImage::Skipped;
        };
        let format = self.job.format;
        let bytes = match format.encode(&compiled, self.options.fonts, self.scale, false) {
            Ok(bytes) => bytes,
            Err(message) => {
                outcome.messages.push_str(&format!("error: {message}\n"));
                outcome.verdict = Verdict::Unusable;
                return BlockImage::Skipped;
            }
        };
        let image = (self.image_dir).join(image_name(self.stem, format.extension(), &block.text));
        match write_if_changed(&image, &bytes, self.job.check, true) {
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
                outcome.messages.push_str(&format!("error: {message}\n"));
                outcome.verdict = Verdict::Unusable;
                return BlockImage::Stop;
            }
        }
        let title = compiled.flow.header.title.map(|title| title.value);
        BlockImage::Made { image, title }
    }
}

/// What every block of one Markdown page is built with: `md` draws the
/// result into an image file, `md --inline` and the docs plugins into the
/// page ([`super::InlineJob`]).
pub(super) struct BlockBuilder<'a> {
    pub file: &'a Path,
    pub markdown: &'a str,
    /// The Markdown as a source, for diagnostics at their place in it.
    pub whole: &'a SourceFile,
    pub settings: &'a crate::lint::LintSettings,
    pub options: &'a crate::Options,
    pub fancy: bool,
}

impl BlockBuilder<'_> {
    /// Compiles and lints one block; findings and errors are reported at
    /// their place in the Markdown (into `messages`, worsening `verdict`).
    /// `None` for an unclosed block (a warning) or one that does not
    /// compile; a block with lint errors is still drawn.
    pub fn build(
        &self,
        block: &Block,
        messages: &mut String,
        verdict: &mut Verdict,
    ) -> Option<crate::Compiled> {
        if !block.closed {
            let at = self.whole.line_col(block.range.start);
            let warning = t("cli-warning-at-crmflow-block-not")
                .arg("at", &at)
                .arg("file", &self.file.display());
            messages.push_str(&format!("{warning}\n"));
            return None;
        }
        let block_source = BlockSource::new(self.markdown, block);
        let source = SourceFile::new(self.file.display().to_string(), block_source.text.clone());
        let request = Request {
            path: Some(self.file),
            lint: Some(self.settings),
            draw: Some(self.options),
            glyphs: Some(self.options.fonts),
            world: &Disk,
        };
        let built = match pipeline::build(&source, &request) {
            Ok(built) => built,
            Err(diags) => {
                let diags = block_source.relocate(diags);
                messages.push_str(&human(self.whole, &diags, self.fancy));
                *verdict = (*verdict).max(Verdict::Invalid);
                return None;
            }
        };
        if !built.findings.is_empty() {
            let findings = block_source.relocate(built.findings);
            messages.push_str(&human(self.whole, &findings, self.fancy));
            if findings.iter().any(crate::Diag::is_error) {
                *verdict = (*verdict).max(Verdict::Findings);
            }
        }
        built.drawing
    }
}
