//! Watch mode: recompile on every save, and a live preview page.
//!
//! Takes: the inputs to follow and, after each compile, a [`Snapshot`] of
//! what to show. Gives: wake-ups when an input changes ([`files`]) and a
//! local web page that shows the latest snapshot to every open tab, pushed
//! over a websocket ([`server`]); one file's compile loop (read, compile,
//! lint, write the output when it changed: [`session`]) and what a save
//! changed ([`meeting`]). The command line's `crmflow watch` wires these
//! together and prints the session's log.

pub mod files;
pub mod meeting;
pub mod server;
pub mod session;

use crate::model::Flow;
use crate::{Diag, Severity, SourceFile};
use serde::Serialize;
use std::sync::Arc;

/// What the preview page shows: the state of the watched file and the last
/// diagram that compiled. Serialised to JSON for the page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Snapshot {
    /// The watched file as given on the command line.
    pub file: String,
    /// The state of the file now.
    pub status: Status,
    /// Why the file does not compile now (shown in a banner over the last
    /// good diagram).
    pub problems: Vec<Problem>,
    /// The last diagram that compiled, if any.
    pub diagram: Option<Arc<Diagram>>,
}

/// The state of the watched file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not compiled yet.
    #[default]
    Starting,
    /// The latest version compiled.
    Ok,
    /// The latest version does not parse or resolve (or its config is bad).
    Invalid,
    /// The file is gone (deleted, or mid-save).
    Missing,
}

/// One compiled diagram.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Diagram {
    /// The SVG in each theme, so the page can switch without a round trip.
    pub svg: ThemedSvg,
    /// The lanes, top to bottom: `(id, label)`; for the lane filter.
    pub lanes: Vec<LaneInfo>,
    /// Each node's lane id (`node id → lane id`; `-` for no lane), for the
    /// lane filter.
    pub node_lanes: Vec<(String, String)>,
    /// Lint findings, for the overlay and the findings panel.
    pub findings: Vec<Problem>,
    /// How many nodes the flow has.
    pub nodes: usize,
    /// Compile time in milliseconds.
    pub compile_ms: f64,
    /// The flows its `sub` steps call, drawn too, so the page opens them
    /// in place (their links would otherwise lead nowhere).
    pub subflows: Vec<SubDiagram>,
    /// The journeys from a start to an end, for the walkthrough (filled in
    /// when a page is served: see [`meeting::journeys`]).
    pub journeys: Vec<meeting::WalkJourney>,
    /// True when the flow has more journeys than the walkthrough offers.
    pub journeys_cut: bool,
    /// Counts the diagrams published by this watch (1 for the first):
    /// the page shows `changes` once per revision.
    pub revision: u64,
    /// What the save that made this diagram changed since the previous
    /// good one (empty for the first).
    pub changes: Vec<meeting::Change>,
    /// The pages of a flow too big for one slide (see
    /// [`crate::layout::paginate`]), which the page steps through; empty
    /// when it is not split or no page is served.
    pub pages: Vec<PageDiagram>,
}

/// One page of a split flow, as the watch page shows it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageDiagram {
    /// What it shows (its phases' names), or empty.
    pub label: String,
    /// Its drawing in each theme.
    pub svg: ThemedSvg,
}

impl PageDiagram {
    /// Every page of `compiled`, drawn in every theme.
    pub fn all(compiled: &crate::Compiled) -> Vec<PageDiagram> {
        compiled
            .pages
            .iter()
            .map(|page| PageDiagram {
                label: page.drawing.label.clone(),
                svg: ThemedSvg::all(&page.drawing.layout),
            })
            .collect()
    }
}

/// A flow a `sub` step calls, as the page shows it when the step is
/// clicked.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SubDiagram {
    /// The link the step carries in the drawing (`part.svg`).
    pub link: String,
    /// The `calls` path as written.
    pub calls: String,
    /// Its title (or file name).
    pub title: String,
    /// Its drawing in each theme; empty when it could not be drawn.
    pub svg: ThemedSvg,
    /// Its lint findings, for the overlay and panel while it is open.
    pub findings: Vec<Problem>,
    /// Why it could not be drawn (unreadable, outside the flow's folder,
    /// does not compile).
    pub error: Option<Localized>,
}

/// Draws the flows that `flow` (at `path`) calls, one level deep: each one
/// read through `world` (so a watcher follows it) only where compile and
/// lint would follow it ([`CallsScope`](crate::model::calls::CallsScope):
/// a `.crmflow` file inside the project root), compiled with `options`
/// and linted with `lint`, drawn in every theme when `themed`.
pub fn subflows(
    flow: &Flow,
    path: &std::path::Path,
    options: &crate::Options,
    lint: Option<&crate::lint::LintSettings>,
    world: &dyn crate::world::World,
    themed: bool,
) -> Vec<SubDiagram> {
    let scope = crate::model::calls::CallsScope::of(
        world,
        Some(path),
        lint.and_then(|lint| lint.options.calls_root.as_deref()),
    );
    // A role view names this flow's lanes: the called flows are drawn whole.
    let options = crate::Options {
        lanes: None,
        ..options.clone()
    };
    let mut found: Vec<SubDiagram> = Vec::new();
    for node in &flow.nodes {
        let Some(calls) = &node.calls else { continue };
        let Some(link) = crate::render::link_target(&calls.value) else {
            continue;
        };
        if found.iter().any(|sub| sub.link == link) {
            continue;
        }
        let mut sub = SubDiagram {
            link,
            calls: calls.value.clone(),
            title: calls.value.clone(),
            ..SubDiagram::default()
        };
        let resolved = scope.resolve(world, &scope.base, &calls.value);
        let file = match &resolved {
            Ok(file) => file.clone(),
            Err(_) => scope.base.join(&calls.value),
        };
        let text = resolved.and_then(|file| {
            world
                .read(&file)
                .map_err(|reason| crate::i18n::t("verbatim").arg("text", reason))
        });
        match text {
            Err(reason) => {
                sub.error = Some(Localized::new(
                    &crate::i18n::t("watch-sub-cannot-open")
                        .arg("calls", &calls.value)
                        .arg("reason", reason),
                ))
            }
            Ok(text) => {
                let source = SourceFile::new(file.display().to_string(), text);
                let request = crate::pipeline::Request {
                    path: Some(&file),
                    lint,
                    draw: Some(&options),
                    glyphs: None,
                    world,
                };
                match crate::pipeline::build(&source, &request) {
                    Ok(built) => {
                        let compiled = built.drawing.expect("a drawing was asked for");
                        sub.findings = built
                            .findings
                            .iter()
                            .map(|diag| Problem::new(&source, diag, Some(&compiled.flow)))
                            .collect();
                        if let Some(title) = &compiled.flow.header.title {
                            sub.title = title.value.clone();
                        }
                        sub.svg = if themed {
                            ThemedSvg::all(&compiled.layout)
                        } else {
                            ThemedSvg::default()
                        };
                    }
                    Err(diags) => {
                        let first = &diags[0];
                        sub.error = Some(Localized::new(
                            &crate::i18n::t("watch-sub-does-not-compile")
                                .arg("calls", &calls.value)
                                .arg("code", first.code)
                                .arg("at", source.line_col(first.span.start).to_string())
                                .arg("message", &first.message),
                        ));
                    }
                }
            }
        }
        found.push(sub);
    }
    found
}

/// The SVG of one diagram in each theme of
/// [`THEMES`](crate::render::THEMES), by theme name (a JSON object for the
/// page); empty when no page is served.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(transparent)]
pub struct ThemedSvg(pub std::collections::BTreeMap<&'static str, String>);

impl ThemedSvg {
    /// The diagram drawn in every theme.
    pub fn all(layout: &crate::layout::Layout) -> ThemedSvg {
        ThemedSvg(
            crate::render::THEMES
                .iter()
                .map(|theme| (theme.name, crate::render::svg(layout, &(theme.build)())))
                .collect(),
        )
    }

    /// The SVG in the default theme (the first of the registry).
    pub fn default_theme(&self) -> Option<&String> {
        self.0.get(crate::render::THEMES[0].name)
    }
}

/// A lane of the diagram.
#[derive(Clone, Debug, Serialize)]
pub struct LaneInfo {
    /// The lane's id (its SVG group is `lane-{id}`).
    pub id: String,
    /// The role's name as drawn.
    pub label: String,
}

/// A text in each language crmflow speaks, by language code (a JSON
/// object for the page, which shows the one of the browser's language).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Localized(pub std::collections::BTreeMap<&'static str, String>);

impl Localized {
    /// The message in every language.
    pub fn new(message: &crate::i18n::Message) -> Localized {
        Localized(
            crate::i18n::Lang::ALL
                .iter()
                .map(|lang| (lang.code(), message.text(*lang)))
                .collect(),
        )
    }

    /// A text that is the same in every language (a path, an OS error).
    pub fn same(text: impl Into<String>) -> Localized {
        let text = text.into();
        Localized(
            crate::i18n::Lang::ALL
                .iter()
                .map(|lang| (lang.code(), text.clone()))
                .collect(),
        )
    }
}

/// A diagnostic as the page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// Code and rule name, e.g. `L001 dead-end`.
    pub code: String,
    /// The message, in each language.
    pub message: Localized,
    /// What to do, if known, in each language.
    pub help: Option<Localized>,
    /// `file:line:col`.
    pub location: String,
    /// The node the problem is on (its SVG group is `node-{id}`).
    pub node: Option<String>,
    /// The edge the problem is on, as `(from, to)` node ids.
    pub edge: Option<(String, String)>,
}

/// What a served page shows beyond the drawing: the flow's file (its
/// called flows are drawn too), how they are drawn and linted, and the
/// world they are read through (a recording one, so the watcher follows
/// them).
pub struct Served<'a> {
    /// The flow's file.
    pub file: &'a std::path::Path,
    /// How it (and its called flows) are drawn.
    pub options: &'a crate::Options,
    /// How they are linted (`None`: not linted).
    pub lint: Option<&'a crate::lint::LintSettings>,
    /// Where called flows are read from.
    pub world: &'a dyn crate::world::World,
}

impl Diagram {
    /// The diagram after a good compile: [`Diagram::new`], and for a served
    /// page every theme, the pages, the journeys to walk through and the
    /// called flows; its revision and change list against the drawing
    /// before (`previous`: that flow and its diagram).
    pub fn next(
        compiled: &crate::Compiled,
        source: &SourceFile,
        findings: &[Diag],
        compile_ms: f64,
        served: Option<Served<'_>>,
        previous: Option<(&Flow, &Diagram)>,
    ) -> Diagram {
        let svg = if served.is_some() {
            ThemedSvg::all(&compiled.layout)
        } else {
            ThemedSvg::default()
        };
        let mut diagram = Diagram::new(compiled, source, findings, svg, compile_ms);
        if let Some(served) = served {
            diagram.pages = PageDiagram::all(compiled);
            (diagram.journeys, diagram.journeys_cut) = meeting::journeys(&compiled.flow);
            diagram.subflows = subflows(
                &compiled.flow,
                served.file,
                served.options,
                served.lint,
                served.world,
                true,
            );
        }
        match previous {
            Some((before, good)) => {
                let changes = meeting::changes(before, &compiled.flow);
                if changes.is_empty() {
                    // Nothing the room can see changed (a comment, the
                    // look, an editor's second write): the last change
                    // stays listed, under the same revision, outlined no
                    // more.
                    diagram.changes = good.changes.clone();
                    diagram.revision = good.revision;
                } else {
                    diagram.changes = changes;
                    diagram.revision = good.revision + 1;
                }
            }
            None => diagram.revision = 1,
        }
        diagram
    }
}

impl Diagram {
    /// The page's view of a compiled drawing: its SVG in each theme (empty
    /// when no page is served), lanes and node lanes for the lane filter,
    /// the findings for the overlay.
    pub fn new(
        compiled: &crate::Compiled,
        source: &SourceFile,
        findings: &[Diag],
        svg: ThemedSvg,
        compile_ms: f64,
    ) -> Diagram {
        let flow = &compiled.flow;
        Diagram {
            svg,
            // Each role once (a drawing cut into rows repeats its bands),
            // and no entry for the band of steps without a role.
            lanes: compiled
                .layout
                .lanes
                .iter()
                .filter(|lane| !lane.id.is_empty())
                .fold(Vec::<LaneInfo>::new(), |mut lanes, lane| {
                    let id = lane_id(&lane.id);
                    if !lanes.iter().any(|known| known.id == id) {
                        lanes.push(LaneInfo {
                            id,
                            label: lane.label.clone(),
                        });
                    }
                    lanes
                }),
            node_lanes: flow
                .nodes
                .iter()
                .map(|node| {
                    let lane = node
                        .lane
                        .map(|lane| flow.lanes[lane.index()].id.clone())
                        .unwrap_or_default();
                    (node.id.clone(), lane_id(&lane))
                })
                .collect(),
            findings: findings
                .iter()
                .map(|diag| Problem::new(source, diag, Some(flow)))
                .collect(),
            nodes: flow.nodes.len(),
            compile_ms,
            subflows: Vec::new(),
            journeys: Vec::new(),
            journeys_cut: false,
            revision: 0,
            changes: Vec::new(),
            pages: Vec::new(),
        }
    }
}

/// The id the SVG gives a lane band (`lane-{id}`; `-` for the band of
/// nodes without a lane).
fn lane_id(id: &str) -> String {
    if id.is_empty() { "-".into() } else { id.into() }
}

impl Problem {
    /// A diagnostic as the page shows it: its place as `file:line:col` and
    /// the node (or else the edge) it is on, for the overlay.
    pub fn new(source: &SourceFile, diag: &Diag, flow: Option<&Flow>) -> Problem {
        let at = source.line_col(diag.span.start);
        let offset = diag.span.start;
        let covers =
            |span: crate::Span| span.start <= offset && offset < span.end.max(span.start + 1);
        let node = flow.and_then(|flow| {
            flow.nodes
                .iter()
                .filter(|node| covers(node.span))
                .min_by_key(|node| node.span.end - node.span.start)
                .map(|node| node.id.clone())
        });
        let edge = match (flow, &node) {
            (Some(flow), None) => flow
                .edges
                .iter()
                .filter(|edge| covers(edge.span))
                .min_by_key(|edge| edge.span.end - edge.span.start)
                .map(|edge| {
                    (
                        flow.node_at(edge.from).id.clone(),
                        flow.node_at(edge.to).id.clone(),
                    )
                }),
            _ => None,
        };
        Problem {
            severity: match diag.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            },
            code: crate::report::code_and_name(diag.code),
            message: Localized::new(&diag.message),
            help: diag.help.as_ref().map(Localized::new),
            location: format!("{}:{}:{}", source.name(), at.line, at.column),
            node,
            edge,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn called_flows_are_drawn_where_compile_would_follow_them() {
        // #29 item 18: the page followed "inside this flow's folder"; lint
        // and compile follow the project root. One rule now.
        let world = crate::world::Memory::new()
            .with("/p/flows/part.crmflow", "start a \"Part\"\nend b\na -> b\n")
            .with("/p/shared.crmflow", "start a \"Shared\"\nend b\na -> b\n")
            .with("/elsewhere/x.crmflow", "start a \"X\"\nend b\na -> b\n");
        let text = "start s\nsub a \"A\" calls \"part.crmflow\"\nsub b \"B\" calls \"../shared.crmflow\"\nsub c \"C\" calls \"../../elsewhere/x.crmflow\"\nend e\ns -> a -> b -> c -> e\n";
        let flow = crate::check(&SourceFile::new("/p/flows/top.crmflow", text)).unwrap();
        let path = std::path::Path::new("/p/flows/top.crmflow");
        let drawn = |root: Option<&str>| -> Vec<bool> {
            let mut lint = crate::lint::LintSettings::default();
            lint.options.calls_root = root.map(std::path::PathBuf::from);
            subflows(
                &flow,
                path,
                &crate::Options::default(),
                Some(&lint),
                &world,
                false,
            )
            .iter()
            .map(|sub| sub.error.is_none())
            .collect()
        };
        // The flow's own folder is the root: only part.crmflow.
        assert_eq!(drawn(None), [true, false, false]);
        // `project: { root: .. }`: the shared flow too, never elsewhere.
        assert_eq!(drawn(Some("/p")), [true, true, false]);
    }

    #[test]
    fn the_lane_filter_lists_each_role_once_and_no_band_without_a_role() {
        // A step without a lane gets a band of its own; a long flow on a
        // slide is cut into rows that repeat every band.
        let mut text = String::from("lane a \"A\"\nlane b \"B\"\nstep loose \"No role\"\n");
        for i in 0..40 {
            let lane = if i % 2 == 0 { "a" } else { "b" };
            text.push_str(&format!("step s{i} \"Step {i}\" lane {lane}\n"));
        }
        for i in 1..40 {
            text.push_str(&format!("s{} -> s{i}\n", i - 1));
        }
        text.push_str("s39 -> loose\n");
        let source = SourceFile::new("t.crmflow", text);
        let compiled = crate::compile(&source, &crate::Options::default()).unwrap();
        let bands = compiled.layout.lanes.len();
        assert!(bands > 3, "rows repeat the bands: {bands}");
        let diagram = Diagram::new(&compiled, &source, &[], ThemedSvg::default(), 1.0);
        let ids: Vec<&str> = diagram.lanes.iter().map(|lane| lane.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
    }
}
