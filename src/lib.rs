//! crmflow — a diagram-as-code compiler for CRM process flowcharts.
//!
//! Analysts describe a customer-management process in a `.crmflow` file;
//! crmflow parses it, resolves names, lays it out with swimlanes and renders
//! it. Every stage takes a typed input and gives a typed output; data flows
//! one way.
//!
//! # Pipeline
//!
//! | stage | entry | takes → gives |
//! |---|---|---|
//! | 0 source | [`SourceFile::from_bytes`] | bytes → [`SourceFile`] (UTF-8 checked, line index) |
//! | 1 [`syntax`] | [`syntax::parse`] | [`SourceFile`] → [`syntax::Ast`] (spans on every node, comments kept) |
//! | 2 [`model`] | [`model::resolve`] | [`syntax::Ast`] → [`model::Flow`] (names resolved, header validated) |
//! | 3 [`lint`] | [`lint::lint`] | [`model::Flow`] + [`lint::LintSettings`] → findings |
//! | 4 [`layout`] | [`layout::layout`] | [`model::Flow`] + [`layout::TextMeasure`] → [`layout::Layout`] |
//! | 5 [`render`] | [`render::svg`] | [`layout::Layout`] + [`render::Theme`] → SVG text (PNG and PDF from it) |
//!
//! Problems are [`diag::Diag`] values with byte [`Span`]s, returned in bulk;
//! only the command line turns them into reports. [`pipeline::build`] runs
//! the whole pipeline for one flow — parse, resolve, lint, lay out, render,
//! glyph check — and gives the drawing, every finding as data and the files
//! it read; `check`, `render`, `watch` and `md` all call it, and
//! [`pipeline::config_for`] finds the `crmflow.yaml` that applies. Every
//! file either reads goes through a [`world::World`] (the disk, files in
//! memory, or a recording of what was asked for). [`compile`] is the short
//! form without lint. [`batch`] holds what commands do per input (argument
//! expansion, each file's config, write-if-changed); [`markdown`] finds the
//! flows kept in Markdown, [`templates`] holds the bundled flows and
//! [`watch`] the file watcher and live preview server of `crmflow watch`.
//!
//! ```
//! let source = crmflow::SourceFile::new("demo.crmflow", "start a \"Call\"\nend b \"Done\"\na -> b\n");
//! let compiled = crmflow::compile(&source, &crmflow::Options::default()).unwrap();
//! assert!(compiled.svg.contains("Call"));
//! ```

pub mod batch;
pub mod config;
pub mod diag;
pub mod export;
pub mod files;
pub mod format;
pub mod i18n;
pub mod layout;
pub mod limits;
pub mod lint;
pub mod lsp;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod sop;
pub mod source;
pub mod stats;
pub mod suggest;
pub mod syntax;
pub mod templates;
pub mod watch;
pub mod world;

pub use diag::{Diag, Diags, Severity};
pub use source::{SourceFile, Span};

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
    let ast = syntax::parse(source)?;
    let flow = model::resolve(&ast)?;
    limits::current().check_flow(&flow)?;
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
    let mut layout_options = options.layout.clone();
    if layout_options.max_segments.is_none() {
        layout_options.max_segments = Some(limits::current().segments);
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
