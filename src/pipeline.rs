//! The pipeline driver, the whole spine in one place: [`check`] (parse,
//! resolve, within the limits), [`draw`] (lay out, render, split into
//! pages), [`compile`] (both), and [`build`] — one flow's text → its
//! drawing and every finding, lint before layout, the way `check`,
//! `render`, `watch`, `md` and the exporters run it.
//!
//! Takes a [`SourceFile`] and a [`Request`]: where the flow lives (`calls`
//! resolve against it), the lint settings (none: no lint), the compile
//! options (none: parse and resolve only, no drawing), whether to report
//! characters the font lacks (W300), and the [`World`] that every file is
//! read through (the disk, or files in memory in tests and editors).
//! Gives [`Built`]: the flow, the drawing, every finding as data — lint and
//! W300 together, sorted — how many `# crmflow-ignore` suppressed, and every
//! file the build read. Compile errors come back as `Err` with all of them.
//!
//! Config discovery lives beside it, once: [`config_for`], through the same
//! [`World`], so a [`Recording`] world lists the config and every place one
//! was looked for next to the flows read; and how the user's choices and
//! `render:` in that config become compile options: [`Look::resolve`]
//! (font files read through the world too).

use crate::config::{self, Config};
use crate::diag::{self, Diags};
use crate::i18n::t;
use crate::layout::{self, LaneOrder, LayoutOptions, Page};
use crate::limits::Limits;
use crate::lint::{self, LintSettings};
use crate::model::Flow;
use crate::render::{Fonts, Theme};
use crate::source::SourceFile;
use crate::world::{Recording, World};
use crate::{Diag, limits, model, render, syntax};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Everything one compile produces.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The resolved flow.
    pub flow: model::Flow,
    /// The positioned diagram.
    pub layout: layout::Layout,
    /// The SVG document.
    pub svg: String,
    /// The pages, when pages were asked for
    /// ([`layout::LayoutOptions::pages`]) and the flow is split for its
    /// page target (empty otherwise; see [`layout::paginate`]).
    pub pages: Vec<CompiledPage>,
}

impl Compiled {
    /// A warning (W320) for every page that stays under
    /// [`layout::PAGE_TEXT_PT`] once fitted to its page target, at the
    /// first step it shows (its phase's declaration when it shows one
    /// phase): the drawing is not shrunk silently.
    pub fn page_warnings(&self) -> Vec<Diag> {
        let count = self.pages.len();
        self.pages
            .iter()
            .filter_map(|page| {
                let layout = &page.drawing.layout;
                let points = layout.page.text_points(layout.width, layout.height);
                if points >= layout::PAGE_TEXT_PT {
                    return None;
                }
                let first = layout
                    .nodes
                    .iter()
                    .filter(|box_| box_.off_page.is_none() && box_.copy_of.is_none())
                    .find_map(|box_| {
                        self.flow
                            .node_ids()
                            .find(|&id| self.flow.node_at(id).id == box_.id)
                            .filter(|&id| self.flow.is_step(id))
                    })
                    .map(|id| self.flow.node_at(id))?;
                let phase = match layout.phases.as_slice() {
                    [one] => self.flow.phases.iter().find(|phase| phase.id == one.id),
                    _ => None,
                };
                let span = phase.map_or(first.id_span, |phase| phase.id_span);
                let what = phase.map_or_else(|| first.label.clone(), |phase| phase.label.clone());
                Some(
                    Diag::warning(
                        diag::codes::PAGE_TOO_DENSE,
                        span,
                        crate::i18n::t("render-page-too-dense")
                            .arg("page", page.drawing.index + 1)
                            .arg("count", count)
                            // Rounded down: 8.97 pt is "8.9 pt, under 9".
                            .arg("points", format!("{:.1}", (points * 10.0).floor() / 10.0))
                            .arg("what", what),
                    )
                    .with_help(crate::i18n::t(if phase.is_some() {
                        "render-page-too-dense-help"
                    } else {
                        "render-page-too-dense-help-ranks"
                    })),
                )
            })
            .collect()
    }
}

/// One page of a flow split into pages.
#[derive(Clone, Debug)]
pub struct CompiledPage {
    /// Its drawing (its position, what it shows, its layout).
    pub drawing: layout::PageDrawing,
    /// Its SVG document.
    pub svg: String,
}

/// Parses and resolves a source file, within the process's
/// [`limits`](limits::current).
pub fn check(source: &SourceFile) -> Result<model::Flow, Diags> {
    check_within(source, &limits::current())
}

/// [`check`] within `limits` (a [`World`]'s).
pub fn check_within(source: &SourceFile, limits: &Limits) -> Result<model::Flow, Diags> {
    let ast = syntax::parse_within(source, limits)?;
    let flow = model::resolve(&ast)?;
    limits.check_flow(&flow)?;
    Ok(flow)
}

/// The error for a flow too densely connected to lay out, at its longest
/// edge.
fn too_dense(flow: &model::Flow, dense: &layout::TooDense) -> Diag {
    let edge = &flow.edges[dense.longest_edge];
    Diag::error(
        diag::codes::TOO_LARGE,
        edge.span,
        crate::i18n::t("model-drawing-needs-edge-segments-one")
            .arg("segments", dense.segments)
            .arg("limit", dense.limit)
            .arg("longest-segments", dense.longest_segments),
    )
    .with_help(
        crate::i18n::t("model-flow-too-densely-connected-draw").arg("segments", dense.segments),
    )
}

/// Choices for a compile beyond the source itself.
#[derive(Clone, Debug)]
pub struct Options {
    /// Colours and strokes of the SVG.
    pub theme: render::Theme,
    /// Layout choices (lane order).
    pub layout: layout::LayoutOptions,
    /// The font text is measured and drawn with (default: the bundled one).
    pub fonts: &'static render::Fonts,
    /// A role view: only these lanes drawn in full, the others collapsed
    /// ([`model::role_view`]); `None` draws everything.
    pub lanes: Option<Vec<String>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: render::Theme::default(),
            layout: layout::LayoutOptions::default(),
            fonts: render::Fonts::bundled(),
            lanes: None,
        }
    }
}

/// Runs the whole pipeline: parse → resolve → layout → SVG. A flow without
/// a `flow "…"` title has no title line (`missing-title` says so), unless
/// the options give one.
pub fn compile(source: &SourceFile, options: &Options) -> Result<Compiled, Diags> {
    draw(check(source)?, options)
}

/// Lays out and renders a resolved flow (the second half of [`compile`]);
/// fails only when the flow is too densely connected to draw (E111).
pub fn draw(flow: model::Flow, options: &Options) -> Result<Compiled, Diags> {
    draw_within(flow, options, &limits::current())
}

/// [`draw`] within `limits` (the edge segments one drawing may have,
/// unless the options set their own).
pub fn draw_within(
    flow: model::Flow,
    options: &Options,
    limits: &Limits,
) -> Result<Compiled, Diags> {
    let mut layout_options = options.layout.clone();
    if layout_options.max_segments.is_none() {
        layout_options.max_segments = Some(limits.segments);
    }
    // A role view is drawn from its own flow; the flow itself stays whole
    // (lint and exports read it).
    let viewed = match &options.lanes {
        Some(lanes) => Some(model::role_view(&flow, lanes).map_err(|diag| vec![*diag])?),
        None => None,
    };
    let drawn = viewed.as_ref().unwrap_or(&flow);
    let layout = layout::layout_with(drawn, options.fonts, &layout_options)
        .map_err(|dense| vec![too_dense(drawn, &dense)])?;
    let svg = render::svg(&layout, &options.theme);
    // A role view is one role's picture of the whole; it is not split.
    let pages = match viewed {
        Some(_) => Vec::new(),
        None if !layout_options.pages => Vec::new(),
        None => layout::paginate(&flow, &layout, options.fonts, &layout_options)
            .map_err(|dense| vec![too_dense(&flow, &dense)])?
            .into_iter()
            .map(|drawing| CompiledPage {
                svg: render::svg(&drawing.layout, &options.theme),
                drawing,
            })
            .collect(),
    };
    Ok(Compiled {
        flow,
        layout,
        svg,
        pages,
    })
}

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
    /// Report characters this font has no glyph for (W300): the drawing's
    /// font when drawing, the one the drawing would use for `check`.
    pub glyphs: Option<&'a Fonts>,
    /// Where every file is read from (`calls` targets).
    pub world: &'a dyn World,
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

/// Parses, resolves, lints, (lays out and renders,) and checks glyphs —
/// lint before layout, so a flow the layout refuses (too densely connected,
/// E111) still reports every lint finding, before the refusal.
pub fn build(source: &SourceFile, request: &Request) -> Result<Built, Diags> {
    let limits = request.world.limits();
    let flow = check_within(source, &limits)?;
    let recording = Recording::new(request.world);
    if let Some(path) = request.path {
        recording.note(path);
    }
    let mut findings = Vec::new();
    let mut suppressed = 0;
    if let Some(settings) = request.lint {
        let linted = lint::lint(source, &flow, settings, request.path, &recording);
        findings = linted.findings;
        suppressed = linted.suppressed;
    }
    if let Some(fonts) = request.glyphs {
        findings.extend(crate::render::missing_glyphs(&flow, fonts));
    }
    let drawing = match request.draw {
        Some(options) => match draw_within(flow.clone(), options, &limits) {
            Ok(compiled) => Some(compiled),
            Err(refused) => {
                diag::sort(&mut findings);
                findings.extend(refused);
                return Err(findings);
            }
        },
        None => None,
    };
    diag::sort(&mut findings);
    Ok(Built {
        flow,
        drawing,
        findings,
        suppressed,
        read: recording.asked(),
    })
}

/// One flow file built the whole way for output: its `crmflow.yaml` found
/// (or the one given), the look resolved under it, then [`build`] with
/// lint as of `lint_today` (`None`: no lint) — what `render`, `export`
/// and `watch` each need before they write or show anything.
pub struct FileRequest<'a> {
    /// The flow's file (`None`: standard input).
    pub path: Option<&'a Path>,
    /// `--config`, else the nearest `crmflow.yaml` is looked for.
    pub explicit_config: Option<&'a Path>,
    /// The config, when the caller has already found it (batch runs find
    /// each folder's once); then `explicit_config` is not used.
    pub config: Option<&'a Config>,
    /// The user's choices of look.
    pub look: &'a Look,
    /// Lint with the config's settings as of this day.
    pub lint_today: Option<time::Date>,
    /// Report characters the font lacks (W300).
    pub glyphs: bool,
}

/// Why [`build_file`] gave no drawing.
#[derive(Debug)]
pub enum FileFailure {
    /// The `crmflow.yaml` is broken: its text and errors.
    Config(SourceFile, Diags),
    /// The look cannot be had (a font file that cannot be read), and the
    /// config it came from, if any.
    Look(String, Option<PathBuf>),
    /// The flow does not parse or resolve.
    Invalid(Diags),
}

/// What [`build_file`] gave.
pub struct Prepared {
    /// The drawing, findings and files read.
    pub built: Built,
    /// The compile options used (fonts, theme).
    pub options: Options,
    /// PNG device pixels per unit.
    pub scale: f32,
    /// The lint settings used (`None`: no lint), for flows built alongside.
    pub lint: Option<LintSettings>,
}

/// Builds one flow file for output; see [`FileRequest`].
pub fn build_file(
    source: &SourceFile,
    request: &FileRequest,
    world: &dyn World,
    fonts: &mut FontCache,
) -> Result<Prepared, FileFailure> {
    let found;
    let (config_path, config) = match request.config {
        Some(config) => (config.path.clone(), config),
        None => {
            found = config_for(request.path, request.explicit_config, world)
                .map_err(|(source, diags)| FileFailure::Config(source, diags))?;
            (found.0.clone(), &found.1)
        }
    };
    let (options, scale) = request
        .look
        .resolve(config, fonts, world)
        .map_err(|message| FileFailure::Look(message, config_path))?;
    let settings = request
        .lint_today
        .map(|today| config.lint.clone().today(today));
    let built = build(
        source,
        &Request {
            path: request.path,
            lint: settings.as_ref(),
            draw: Some(&options),
            glyphs: request.glyphs.then_some(options.fonts),
            world,
        },
    )
    .map_err(FileFailure::Invalid)?;
    Ok(Prepared {
        built,
        options,
        scale,
        lint: settings,
    })
}

/// The `crmflow.yaml` that applies to a flow at `flow` (`None`: standard
/// input, looked for from the working directory): `explicit` if given,
/// else the nearest one in the flow's folder or above. Gives its path (if
/// any) and the settings, or the config file's errors.
pub fn config_for(
    flow: Option<&Path>,
    explicit: Option<&Path>,
    world: &dyn World,
) -> Result<(Option<PathBuf>, Config), (SourceFile, Diags)> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => config::discover(&flow_folder(flow), world),
    };
    match &path {
        None => Ok((None, Config::default())),
        Some(found) => config::load(found, world).map(|config| (path.clone(), config)),
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
    /// A role view: these lanes in full, the others collapsed.
    pub lanes: Option<Vec<String>>,
    /// Split a flow too big for its page into pages too (what `render`
    /// writes for pictures and layout-json).
    pub pages: bool,
}

impl Look {
    /// Compile options and PNG scale under `config`, fonts loaded through
    /// `fonts` from `world` (each font file read once per process).
    pub fn resolve(
        &self,
        config: &Config,
        fonts: &mut FontCache,
        world: &dyn World,
    ) -> Result<(Options, f32), String> {
        let font = self.font.as_deref().or(config.render.font.as_deref());
        let fonts = fonts.get(font, world)?;
        let theme = self
            .theme
            .as_deref()
            .or(config.render.theme.as_deref())
            .and_then(Theme::named)
            .unwrap_or_default();
        let lane_order = self
            .lane_order
            .or(config.render.lane_order)
            .unwrap_or_default();
        let page = self.page.or(config.render.page).unwrap_or_default();
        let options = Options {
            theme,
            layout: LayoutOptions {
                lane_order,
                page,
                force_page: self.page.is_some(),
                pages: self.pages,
                ..LayoutOptions::default()
            },
            fonts,
            lanes: self.lanes.clone(),
        };
        Ok((options, self.scale.or(config.render.scale).unwrap_or(2.0)))
    }
}

/// Fonts loaded from files, each read once per process (a loaded font
/// lives as long as the process).
#[derive(Default)]
pub struct FontCache(HashMap<PathBuf, &'static Fonts>);

impl FontCache {
    /// The bundled font, or the one at `path` in `world`.
    pub fn get(
        &mut self,
        path: Option<&Path>,
        world: &dyn World,
    ) -> Result<&'static Fonts, String> {
        let Some(path) = path else {
            return Ok(Fonts::bundled());
        };
        if let Some(fonts) = self.0.get(path) {
            return Ok(fonts);
        }
        let data = world
            .read_bytes(path, world.limits().font_bytes)
            .map_err(|e| {
                t("io-cannot-read-font-e")
                    .arg("e", &e)
                    .arg("path", &path.display())
                    .to_string()
            })?;
        let fonts = Fonts::from_bytes(data, path)?;
        self.0.insert(path.to_path_buf(), fonts);
        Ok(fonts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{Memory, Recording};

    #[test]
    fn a_build_keeps_within_the_limits_its_world_gives() {
        let source = SourceFile::new(
            "/p/flow.crmflow",
            "start s \"Start here\"\nstep a \"A\"\nend e \"E\"\ns -> a -> e\n",
        );
        let options = Options::default();
        let build_in = |world: &Memory| {
            let request = Request {
                path: None,
                lint: None,
                draw: Some(&options),
                glyphs: None,
                world,
            };
            build(&source, &request)
                .map(|_| ())
                .map_err(|diags| diags.iter().map(|diag| diag.code).collect::<Vec<_>>())
        };
        let roomy = Memory::new();
        assert_eq!(build_in(&roomy), Ok(()));
        let short_texts = Memory::new().within(Limits {
            text_chars: 5,
            ..Limits::default()
        });
        assert_eq!(build_in(&short_texts), Err(vec!["E113"]));
        let few_segments = Memory::new().within(Limits {
            segments: 1,
            ..Limits::default()
        });
        assert_eq!(build_in(&few_segments), Err(vec!["E111"]));
        let few_nodes = Memory::new().within(Limits {
            nodes: 2,
            ..Limits::default()
        });
        assert_eq!(build_in(&few_nodes).unwrap_err().len(), 1);
    }

    #[test]
    fn a_build_gives_the_drawing_every_finding_and_the_files_it_read() {
        let files = Memory::new().with("/p/part.crmflow", "start a \"A\"\nend b \"B\"\na -> b\n");
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
                glyphs: Some(options.fonts),
                world: &files,
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
    fn config_found_and_files_read_all_go_through_the_world() {
        // Everything in memory: the flow, its config one folder up, the
        // flow it calls. A recording lists what a watcher must follow.
        let memory = Memory::new()
            .with("/p/crmflow.yaml", "lint:\n  rules:\n    dead-end: off\n")
            .with(
                "/p/sub/part.crmflow",
                "start a \"A\"\nend b \"B\"\na -> b\n",
            );
        let world = Recording::new(&memory);
        let flow = Path::new("/p/sub/top.crmflow");
        world.note(flow);
        let (found, config) = config_for(Some(flow), None, &world).unwrap();
        assert_eq!(found.as_deref(), Some(Path::new("/p/crmflow.yaml")));
        let source = SourceFile::new(
            "/p/sub/top.crmflow",
            "start s \"Start\"\nsub p \"Part\" calls \"part.crmflow\"\nstep x \"Dead end\"\nend e \"E\"\ns -> p -> e\np -> x\n",
        );
        let settings = config.lint.clone();
        let built = build(
            &source,
            &Request {
                path: Some(flow),
                lint: Some(&settings),
                draw: None,
                glyphs: None,
                world: &world,
            },
        )
        .unwrap();
        let codes: Vec<&str> = built.findings.iter().map(|d| d.code).collect();
        assert!(
            !codes.contains(&"L001"),
            "the config turned dead-end off: {codes:?}"
        );
        assert_eq!(
            world.asked(),
            [
                PathBuf::from("/p/sub/top.crmflow"),
                PathBuf::from("/p/sub/crmflow.yaml"),
                PathBuf::from("/p/crmflow.yaml"),
                PathBuf::from("/p/sub/part.crmflow"),
            ],
            "the flow, where a config was looked for and found, the called flow"
        );
    }

    #[test]
    fn without_lint_or_drawing_only_the_flow_is_resolved() {
        let files = Memory::new();
        let source = SourceFile::new("-", "step x \"Alone\"\n");
        let built = build(
            &source,
            &Request {
                path: None,
                lint: None,
                draw: None,
                glyphs: None,
                world: &files,
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
                glyphs: None,
                world: &files,
            },
        )
        .unwrap_err();
        assert!(!errors.is_empty());
    }
}
