//! Rendering one input of many, as `render` does it: compile it through
//! [`crate::pipeline`], encode each asked format, and write each output
//! (and each page of a split flow beside it) only when it changed — or,
//! under `--check`, count the outputs that are stale. What to print comes
//! back as text and a [`Verdict`]; the command line prints the one and
//! turns the other into an exit code.

use super::inputs::Input;
use super::load::{LoadError, load};
use super::output::{Written, write_if_changed};
use crate::config::Config;
use crate::export::Format;
use crate::i18n::t;
use crate::layout::Page;
use crate::pipeline::{self, FileFailure, FileRequest, FontCache, Look};
use crate::report::human;
use crate::world::World;
use crate::{Compiled, Severity, SourceFile};
use std::path::PathBuf;

/// How a file (or a run) went, worst last: the command line's exit code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Drawn (or up to date), no finding at error level.
    #[default]
    Clean,
    /// Lint findings at error level (or warnings under `--deny-warnings`),
    /// or stale outputs under `--check`.
    Findings,
    /// The flow or its config does not parse or resolve.
    Invalid,
    /// Something outside the flow failed: a file that cannot be read or
    /// written, a font that does not load.
    Unusable,
}

/// Why a file gave no drawing, as what to print and the verdict it means.
pub fn failure_report(source: &SourceFile, failure: FileFailure, fancy: bool) -> (Verdict, String) {
    match failure {
        FileFailure::Config(config, diags) => (Verdict::Invalid, human(&config, &diags, fancy)),
        FileFailure::Look(message, _) => (Verdict::Unusable, format!("error: {message}\n")),
        FileFailure::Invalid(diags) => (Verdict::Invalid, human(source, &diags, fancy)),
    }
}

/// The settings every file of one `render` run shares.
pub struct RenderJob {
    /// The formats to write, each once.
    pub formats: Vec<Format>,
    /// The look asked for on the command line.
    pub look: Look,
    /// `-o`: the one output (`-`: standard output).
    pub output: Option<PathBuf>,
    /// `--out-dir`: outputs go below it, mirroring the inputs' folders.
    pub out_dir: Option<PathBuf>,
    /// `--check`: compare with what is on disk, write nothing.
    pub check: bool,
    /// `--embed-font` (SVG only).
    pub embed_font: bool,
    /// `--deny-warnings`: a warning fails the file as an error does.
    pub deny_warnings: bool,
    /// Lint as of this day (`None`: no lint).
    pub today: Option<time::Date>,
    /// Reports in colour, with excerpts drawn for a terminal.
    pub fancy: bool,
}

/// What rendering one input did.
#[derive(Default)]
pub struct Rendered {
    /// How it went.
    pub verdict: Verdict,
    /// What to print for it (diagnostics, stale outputs), in order.
    pub messages: String,
    /// Outputs written.
    pub written: usize,
    /// Outputs already identical on disk (not rewritten).
    pub unchanged: usize,
    /// `--check`: outputs missing or different on disk.
    pub stale: usize,
    /// Each output on disk and whether it was written (or already there).
    pub outputs: Vec<(PathBuf, bool)>,
    /// The drawing's size and the page it was made for, for `-v`.
    pub size: Option<(f64, f64, Page)>,
    /// Each page's size and what it shows, when the flow is split.
    pub pages: Vec<(f64, f64, String)>,
}

impl Rendered {
    /// Gives up on the file: `verdict`, and `message` to print.
    fn fail(mut self, verdict: Verdict, message: &str) -> Rendered {
        self.verdict = self.verdict.max(verdict);
        self.messages.push_str(message);
        self
    }
}

impl RenderJob {
    /// Where `input` in `format` goes.
    pub fn output_path(&self, input: &Input, format: Format) -> PathBuf {
        let extension = format.extension();
        match (&self.output, &self.out_dir) {
            (Some(output), _) => output.clone(),
            _ if input.path.as_os_str() == "-" => PathBuf::from("-"),
            (None, Some(dir)) => dir.join(input.relative()).with_extension(extension),
            (None, None) => input.path.with_extension(extension),
        }
    }

    /// A drawing never replaces a source (`-o` naming the input, a flow
    /// called `notes.svg` rendered next to itself, one input's output
    /// landing on another input): every input is named before anything is
    /// read or written, and the output layer refuses to replace one; two
    /// inputs may not write one output. `Err`: the line to print.
    pub fn guard(&self, inputs: &[Input]) -> Result<(), String> {
        let files = || inputs.iter().filter(|input| input.path.as_os_str() != "-");
        for input in files() {
            crate::files::protect(&input.path);
        }
        if self.check {
            return Ok(());
        }
        for input in files() {
            for &format in &self.formats {
                let output = self.output_path(input, format);
                if output.as_os_str() != "-" && crate::files::is_protected(&output) {
                    return Err(t("cli-error-output-input-file-itself")
                        .arg("extension", format.extension())
                        .arg("output", &output.display())
                        .to_string());
                }
            }
        }
        if self.output.is_none() {
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

    /// Compiles, lints and writes (or checks) one input.
    pub fn one(&self, input: &Input, config: &Config, world: &dyn World) -> Rendered {
        let result = Rendered::default();
        let source = match load(&input.path, world) {
            Ok(source) => source,
            Err(LoadError::Io(message)) => {
                return result.fail(Verdict::Unusable, &format!("error: {message}\n"));
            }
            Err(LoadError::NotUtf8(bad)) => {
                let (source, diag) = *bad;
                let report = human(&source, &[diag], self.fancy);
                return result.fail(Verdict::Invalid, &report);
            }
        };
        let pictures = self.formats.iter().any(|format| format.is_picture());
        let request = FileRequest {
            path: (input.path.as_os_str() != "-").then_some(input.path.as_path()),
            explicit_config: None,
            config: Some(config),
            look: &Look {
                // Pages are written for the pictures and layout-json.
                pages: pictures || self.formats.contains(&Format::LayoutJson),
                ..self.look.clone()
            },
            lint_today: self.today,
            glyphs: !self.check && pictures,
        };
        let prepared =
            match pipeline::build_file(&source, &request, world, &mut FontCache::default()) {
                Ok(prepared) => prepared,
                Err(failure) => {
                    let (verdict, report) = failure_report(&source, failure, self.fancy);
                    return result.fail(verdict, &report);
                }
            };
        let compiled = prepared.built.drawing.expect("a drawing was asked for");
        let findings = prepared.built.findings;
        let mut result = Rendered {
            size: Some((
                compiled.layout.width,
                compiled.layout.height,
                compiled.layout.page,
            )),
            pages: (compiled.pages.iter())
                .map(|page| {
                    let layout = &page.drawing.layout;
                    (layout.width, layout.height, page.drawing.label.clone())
                })
                .collect(),
            ..result
        };
        if !findings.is_empty() {
            result
                .messages
                .push_str(&human(&source, &findings, self.fancy));
        }
        // Pages are drawn for the pictures only.
        if pictures {
            let small = compiled.page_warnings();
            if !small.is_empty() {
                result
                    .messages
                    .push_str(&human(&source, &small, self.fancy));
            }
        }
        // The drawing is written either way: a flow with a dead end is
        // still worth looking at; the verdict tells CI.
        if findings.iter().any(|finding| {
            finding.severity == Severity::Error
                || (self.deny_warnings && finding.severity == Severity::Warning)
        }) {
            result.verdict = Verdict::Findings;
        }
        let fonts = (prepared.options.fonts, prepared.scale);
        for &format in &self.formats {
            if let Err(message) = self.write(input, format, &compiled, fonts, &source, &mut result)
            {
                return result.fail(Verdict::Unusable, &message);
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
        compiled: &Compiled,
        (fonts, scale): (&crate::render::Fonts, f32),
        source: &SourceFile,
        result: &mut Rendered,
    ) -> Result<(), String> {
        let output = self.output_path(input, format);
        let bytes = (format.encode(compiled, fonts, scale, self.embed_font))
            .map_err(|message| format!("error: {message}\n"))?;
        let losses = format.losses(compiled);
        if !losses.is_empty() {
            result
                .messages
                .push_str(&human(source, &losses, self.fancy));
        }
        // A flow split into pages: each page beside the whole drawing.
        let pages = if output.as_os_str() == "-" {
            Vec::new()
        } else {
            (format.encode_pages(compiled, fonts, scale, self.embed_font))
                .map_err(|message| format!("error: {message}\n"))?
        };
        let mut files = vec![(output.clone(), bytes)];
        for (index, page) in pages.into_iter().enumerate() {
            let path = crate::export::page_path(&output, index);
            if crate::files::is_protected(&path) {
                let message = t("cli-error-output-input-file-itself")
                    .arg("extension", format.extension())
                    .arg("output", &path.display());
                return Err(format!("{message}\n"));
            }
            files.push((path, page));
        }
        for (output, bytes) in files {
            let create_folder = self.out_dir.is_some();
            match write_if_changed(&output, &bytes, self.check, create_folder) {
                Err(message) => return Err(format!("error: {message}\n")),
                Ok(Written::Unchanged) => {
                    result.unchanged += 1;
                    result.outputs.push((output, false));
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
                    result.verdict = result.verdict.max(Verdict::Findings);
                }
                Ok(Written::Written) => {
                    result.written += 1;
                    if output.as_os_str() != "-" {
                        result.outputs.push((output, true));
                    }
                }
            }
        }
        Ok(())
    }
}
