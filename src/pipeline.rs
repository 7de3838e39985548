//! The pipeline driver: one flow's text → its drawing and every finding,
//! the way `check`, `render`, `watch` and `md` run it (and the language
//! server and exporters to come will).
//!
//! Takes a [`SourceFile`] and a [`Request`]: where the flow lives (`calls`
//! resolve against it), the lint settings (none: no lint), the compile
//! options (none: parse and resolve only, no drawing), whether to report
//! characters the font lacks (W300), and the [`FlowFiles`] that `calls`
//! targets are read through (the disk, or files in memory in tests).
//! Gives [`Built`]: the flow, the drawing, every finding as data — lint and
//! W300 together, sorted — how many `# crmflow-ignore` suppressed, and every
//! file the build read. Compile errors come back as `Err` with all of them.
//!
//! Config discovery lives beside it, once: [`config_for`]; and how the
//! user's choices and `render:` in that config become compile options:
//! [`Look::resolve`].

use crate::config::{self, Config};
use crate::diag::{self, Diags};
use crate::layout::{LaneOrder, LayoutOptions, Page};
use crate::lint::{self, FlowFiles, LintSettings};
use crate::model::Flow;
use crate::render::{Fonts, Theme};
use crate::source::SourceFile;
use crate::{Compiled, Options};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What to build from one flow.
pub struct Request<'a> {
    /// The flow's own file (`calls` resolve against its folder); `None` for
    /// standard input or a Markdown block without a file.
    pub path: Option<&'a Path>,
    /// Lint with these settings; `None`: no lint.
    pub lint: Option<&'a LintSettings>,
    /// Lay out and render with these options; `None`: parse and resolve
    /// only.
    pub draw: Option<&'a Options>,
    /// Report characters the drawing's font has no glyph for (W300; only
    /// when drawing).
    pub glyphs: bool,
    /// Where `calls` targets are read from.
    pub files: &'a dyn FlowFiles,
}

/// What was built.
#[derive(Clone, Debug)]
pub struct Built {
    /// The resolved flow.
    pub flow: Flow,
    /// The drawing (layout and SVG), when one was asked for.
    pub drawing: Option<Compiled>,
    /// Lint findings and warnings such as W300, sorted by position.
    pub findings: Diags,
    /// How many findings `# crmflow-ignore:` directives suppressed.
    pub suppressed: usize,
    /// Every file read: the flow itself (when it has a path), then each
    /// `calls` target, in the order first read.
    pub read: Vec<PathBuf>,
}

/// Parses, resolves, (lays out and renders,) lints and checks glyphs.
pub fn build(source: &SourceFile, request: &Request) -> Result<Built, Diags> {
    let (flow, drawing) = match request.draw {
        Some(options) => {
            let compiled = crate::compile(source, options)?;
            (compiled.flow.clone(), Some(compiled))
        }
        None => (crate::check(source)?, None),
    };
    let recording = Recording {
        inner: request.files,
        read: Mutex::new(request.path.map(Path::to_path_buf).into_iter().collect()),
    };
    let mut findings = Vec::new();
    let mut suppressed = 0;
    if let Some(settings) = request.lint {
        let linted = lint::lint(source, &flow, settings, request.path, &recording);
        findings = linted.findings;
        suppressed = linted.suppressed;
    }
    if request.glyphs
        && let Some(options) = request.draw
    {
        findings.extend(crate::render::missing_glyphs(&flow, options.fonts));
    }
    diag::sort(&mut findings);
    Ok(Built {
        flow,
        drawing,
        findings,
        suppressed,
        read: recording
            .read
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
    })
}

/// [`FlowFiles`] that remembers the flow files asked for.
struct Recording<'a> {
    inner: &'a dyn FlowFiles,
    read: Mutex<Vec<PathBuf>>,
}

impl Recording<'_> {
    /// Flow files only: the `sub-target` rule also asks for the identity of
    /// folders (the project root), which are not inputs.
    fn record(&self, path: &Path) {
        if path.extension().is_none_or(|ext| ext != "crmflow") {
            return;
        }
        let mut read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        if !read.iter().any(|known| known == path) {
            read.push(path.to_path_buf());
        }
    }
}

impl FlowFiles for Recording<'_> {
    /// A `calls` target is recorded by the path written (so a watcher sees
    /// one that does not exist yet when it appears) and by the file it is.
    fn identity(&self, path: &Path) -> Result<PathBuf, String> {
        self.record(path);
        self.inner.identity(path)
    }

    fn read(&self, file: &Path) -> Result<String, String> {
        self.record(file);
        self.inner.read(file)
    }
}

/// The `crmflow.yaml` that applies to a flow at `flow` (`None`: standard
/// input, looked for from the working directory): `explicit` if given,
/// else the nearest one in the flow's folder or above. Gives its path (if
/// any) and the settings, or the config file's errors.
pub fn config_for(
    flow: Option<&Path>,
    explicit: Option<&Path>,
) -> Result<(Option<PathBuf>, Config), (SourceFile, Diags)> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => config::discover(&flow_folder(flow)),
    };
    match &path {
        None => Ok((None, Config::default())),
        Some(found) => config::load(found).map(|config| (path.clone(), config)),
    }
}

/// The folder a flow's config and `calls` are looked up from: the file's
/// own folder (`""` for a bare file name), or the working directory.
pub fn flow_folder(flow: Option<&Path>) -> PathBuf {
    flow.filter(|path| path.as_os_str() != "-")
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// How a drawing should look, as the user asked (`--theme`, `--page`, …):
/// each choice left `None` comes from `render:` in `crmflow.yaml`, then the
/// default.
#[derive(Clone, Debug, Default)]
pub struct Look {
    /// A theme name (one of [`crate::render::THEME_NAMES`]).
    pub theme: Option<String>,
    /// PNG device pixels per unit.
    pub scale: Option<f32>,
    /// A font file instead of the bundled font.
    pub font: Option<PathBuf>,
    /// Lane order.
    pub lane_order: Option<LaneOrder>,
    /// The page; given here, it wins over the flow's own `page`.
    pub page: Option<Page>,
}

impl Look {
    /// Compile options and PNG scale under `config`, fonts loaded through
    /// `fonts` (each font file read once per process).
    pub fn resolve(
        &self,
        config: &Config,
        fonts: &mut FontCache,
    ) -> Result<(Options, f32), String> {
        let font = self.font.as_deref().or(config.render.font.as_deref());
        let fonts = fonts.get(font)?;
        let theme = self
            .theme
            .as_deref()
            .or(config.render.theme.as_deref())
            .and_then(Theme::named)
            .unwrap_or_default();
        let lane_order = self
            .lane_order
            .unwrap_or(match config.render.lane_order.as_deref() {
                Some("auto") => LaneOrder::Auto,
                _ => LaneOrder::Declared,
            });
        let page = self.page.unwrap_or(match config.render.page.as_deref() {
            Some("a4") => Page::A4,
            Some("none") => Page::None,
            _ => Page::Slide,
        });
        let options = Options {
            theme,
            layout: LayoutOptions {
                lane_order,
                page,
                force_page: self.page.is_some(),
                ..LayoutOptions::default()
            },
            fonts,
        };
        Ok((options, self.scale.or(config.render.scale).unwrap_or(2.0)))
    }
}

/// Fonts loaded from files, each read once per process (a loaded font
/// lives as long as the process).
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Flow files in memory.
    struct Memory(HashMap<PathBuf, String>);

    impl FlowFiles for Memory {
        fn identity(&self, path: &Path) -> Result<PathBuf, String> {
            let path = crate::files::normalize(path);
            if self.0.contains_key(&path) || path.extension().is_none() {
                Ok(path)
            } else {
                Err("no such file".into())
            }
        }

        fn read(&self, file: &Path) -> Result<String, String> {
            self.0
                .get(file)
                .cloned()
                .ok_or_else(|| "no such file".into())
        }
    }

    #[test]
    fn a_build_gives_the_drawing_every_finding_and_the_files_it_read() {
        let files = Memory(HashMap::from([(
            PathBuf::from("/p/part.crmflow"),
            "start a \"A\"\nend b \"B\"\na -> b\n".to_owned(),
        )]));
        let source = SourceFile::new(
            "/p/top.crmflow",
            "start s \"Start\"\nsub p \"Part\" calls \"part.crmflow\"\nstep x \"Dead end\"\nend e \"邮件\u{E000}\"\ns -> p -> e\np -> x\n",
        );
        let settings = LintSettings::default();
        let options = Options::default();
        let built = build(
            &source,
            &Request {
                path: Some(Path::new("/p/top.crmflow")),
                lint: Some(&settings),
                draw: Some(&options),
                glyphs: true,
                files: &files,
            },
        )
        .unwrap();
        assert!(built.drawing.as_ref().unwrap().svg.contains("Dead end"));
        let codes: Vec<&str> = built.findings.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"L001"), "{codes:?}");
        assert!(codes.contains(&"W300"), "{codes:?}");
        let starts: Vec<usize> = built.findings.iter().map(|d| d.span.start).collect();
        assert!(starts.is_sorted(), "sorted: {starts:?}");
        assert_eq!(
            built.read,
            [
                PathBuf::from("/p/top.crmflow"),
                PathBuf::from("/p/part.crmflow")
            ]
        );
    }

    #[test]
    fn without_lint_or_drawing_only_the_flow_is_resolved() {
        let files = Memory(HashMap::new());
        let source = SourceFile::new("-", "step x \"Alone\"\n");
        let built = build(
            &source,
            &Request {
                path: None,
                lint: None,
                draw: None,
                glyphs: true,
                files: &files,
            },
        )
        .unwrap();
        assert!(built.drawing.is_none());
        assert!(built.findings.is_empty());
        assert!(built.read.is_empty());
        let broken = SourceFile::new("-", "step x \"A\nstep y =>\n");
        let errors = build(
            &broken,
            &Request {
                path: None,
                lint: None,
                draw: None,
                glyphs: false,
                files: &files,
            },
        )
        .unwrap_err();
        assert!(!errors.is_empty());
    }
}
