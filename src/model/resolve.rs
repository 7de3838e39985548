//! [`Ast`] → [`Flow`]: declare everything first, then resolve every
//! reference, so names are order-independent. Every problem is collected;
//! none stops the others from being found.

use super::flow::*;
use crate::diag::{Diag, Diags, codes};
use crate::i18n::{Message, t};
use crate::source::{Span, Spanned};
use crate::suggest;
use crate::syntax::{
    Arrow, Ast, ColorValue, EdgeChain, FlowDecl, HeaderFieldKind, Item, LaneDecl, ModuleDecl,
    NodeAttrKind, NodeDecl, PhaseDecl,
};
use std::collections::HashMap;

/// Resolves names and checks meaning; returns the flow or every error found.
pub fn resolve(ast: &Ast) -> Result<Flow, Diags> {
    let mut resolver = Resolver::default();
    resolver.collect(&ast.items, Blocks::default());
    let flow = resolver.build(ast);
    if resolver.diags.is_empty() {
        Ok(flow)
    } else {
        crate::diag::sort(&mut resolver.diags);
        Err(resolver.diags)
    }
}

/// Declarations gathered in source order, with the blocks they sit in.
#[derive(Default)]
struct Resolver<'a> {
    flows: Vec<&'a FlowDecl>,
    lanes: Vec<&'a LaneDecl>,
    modules: Vec<&'a ModuleDecl>,
    phases: Vec<&'a PhaseDecl>,
    /// Lane blocks nested in a phase block, and phase blocks nested in a
    /// lane block: they name a lane or phase declared at the top level.
    lane_refs: Vec<&'a LaneDecl>,
    phase_refs: Vec<&'a PhaseDecl>,
    nodes: Vec<(&'a NodeDecl, Blocks<'a>)>,
    edges: Vec<&'a EdgeChain>,
    diags: Diags,
}

/// The lane block and the phase block a declaration sits in.
#[derive(Clone, Copy, Default)]
struct Blocks<'a> {
    lane: Option<&'a LaneDecl>,
    phase: Option<&'a PhaseDecl>,
}

/// Declared ids → index, and the names in declaration order for suggestions.
struct Names<'a> {
    index: HashMap<&'a str, u32>,
    order: Vec<&'a str>,
}

impl<'a> Names<'a> {
    fn lookup(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    fn suggest(&self, name: &str) -> Option<Message> {
        suggest::did_you_mean(name, self.order.iter().copied())
    }
}

impl<'a> Resolver<'a> {
    fn collect(&mut self, items: &'a [Item], blocks: Blocks<'a>) {
        for item in items {
            match item {
                Item::Flow(flow) => self.flows.push(flow),
                Item::Lane(lane) => {
                    if let Some(outer) = blocks.lane {
                        self.diags.push(nested_twice("lane", &lane.id, &outer.id));
                        continue;
                    }
                    if blocks.phase.is_some() {
                        self.nested_reference("lane", &lane.id, &lane.label, None);
                        self.lane_refs.push(lane);
                    } else {
                        self.lanes.push(lane);
                    }
                    if let Some(body) = &lane.body {
                        let inner = Blocks {
                            lane: Some(lane),
                            ..blocks
                        };
                        self.collect(body, inner);
                    }
                }
                Item::Phase(phase) => {
                    if let Some(outer) = blocks.phase {
                        self.diags.push(nested_twice("phase", &phase.id, &outer.id));
                        continue;
                    }
                    if blocks.lane.is_some() {
                        let color = phase.colors.first().map(ColorValue::span);
                        self.nested_reference("phase", &phase.id, &phase.label, color);
                        self.phase_refs.push(phase);
                    } else {
                        self.phases.push(phase);
                    }
                    if let Some(body) = &phase.body {
                        let inner = Blocks {
                            phase: Some(phase),
                            ..blocks
                        };
                        self.collect(body, inner);
                    }
                }
                Item::Module(module) => self.modules.push(module),
                Item::Node(node) => self.nodes.push((node, blocks)),
                Item::Edge(edge) => self.edges.push(edge),
            }
        }
    }

    /// A block nested in a block of the other kind names something declared
    /// at the top level: a label or color on it belongs on the declaration.
    fn nested_reference(
        &mut self,
        what: &str,
        id: &Spanned<String>,
        label: &Option<Spanned<String>>,
        color: Option<Span>,
    ) {
        let given = label.as_ref().map(|l| l.span).or(color);
        if let Some(span) = given {
            self.diags.push(
                Diag::error(
                    codes::NESTED_BLOCK,
                    span,
                    t("model-nested-block-names-declared")
                        .arg("what", what)
                        .arg("id", &id.value),
                )
                .with_help(
                    t("model-nested-block-label-help")
                        .arg("what", what)
                        .arg("id", &id.value),
                ),
            );
        }
    }

    /// Every nested block's lane or phase must be declared.
    fn check_references(&mut self, lanes: &Names<'_>, phases: &Names<'_>) {
        for lane in std::mem::take(&mut self.lane_refs) {
            if lanes.lookup(&lane.id.value).is_none() {
                let help = lanes
                    .suggest(&lane.id.value)
                    .or_else(|| undeclared_help("lane", &lane.id.value, &lanes.order));
                self.diags.push(
                    Diag::error(
                        codes::UNKNOWN_LANE,
                        lane.id.span,
                        t("model-unknown-lane").arg("value", &lane.id.value),
                    )
                    .with_help_opt(help),
                );
            }
        }
        for phase in std::mem::take(&mut self.phase_refs) {
            if phases.lookup(&phase.id.value).is_none() {
                self.diags.push(unknown_phase(&phase.id, phases));
            }
        }
    }

    /// Indexes declarations of one kind, reporting duplicates.
    fn declare(&mut self, what: &str, ids: Vec<&'a Spanned<String>>) -> Names<'a> {
        let mut index = HashMap::new();
        let mut order = Vec::new();
        let mut first_span: HashMap<&str, Span> = HashMap::new();
        for id in ids {
            if let Some(&first) = first_span.get(id.value.as_str()) {
                self.diags.push(
                    Diag::error(
                        codes::DUPLICATE_ID,
                        id.span,
                        t("model-what-declared-twice")
                            .arg("what", what)
                            .arg("value", &id.value),
                    )
                    .with_label(first, t("model-first-declared-here"))
                    .with_help(t("model-give-each-what-own-id").arg("what", what)),
                );
                continue;
            }
            first_span.insert(&id.value, id.span);
            index.insert(id.value.as_str(), order.len() as u32);
            order.push(id.value.as_str());
        }
        Names { index, order }
    }

    fn build(&mut self, ast: &Ast) -> Flow {
        let lanes_decl = std::mem::take(&mut self.lanes);
        let modules_decl = std::mem::take(&mut self.modules);
        let phases_decl = std::mem::take(&mut self.phases);
        let nodes_decl = std::mem::take(&mut self.nodes);

        // A block without label or color reopens a lane or phase declared
        // elsewhere; only the declaring statements are declarations.
        let lanes_decl = declaring(lanes_decl, |l| {
            (&l.id, l.label.is_some() || l.body.is_none())
        });
        let phases_decl = declaring(phases_decl, |p| {
            (
                &p.id,
                p.label.is_some() || !p.colors.is_empty() || p.body.is_none(),
            )
        });
        let lane_names = self.declare("lane", lanes_decl.iter().map(|l| &l.id).collect());
        let module_names = self.declare("module", modules_decl.iter().map(|m| &m.id).collect());
        let phase_names = self.declare("phase", phases_decl.iter().map(|p| &p.id).collect());
        let node_names = self.declare("node", nodes_decl.iter().map(|(n, _)| &n.id).collect());
        self.check_references(&lane_names, &phase_names);

        let mut flow = Flow {
            header: self.header(),
            comments: ast.comments.clone(),
            ..Flow::default()
        };
        let mut seen_lane = std::collections::HashSet::new();
        for decl in lanes_decl {
            if seen_lane.insert(decl.id.value.as_str()) {
                flow.lanes.push(Lane {
                    id: decl.id.value.clone(),
                    label: decl
                        .label
                        .as_ref()
                        .map_or_else(|| decl.id.value.clone(), |l| l.value.clone()),
                    span: decl.span,
                });
            }
        }
        let mut seen_module = std::collections::HashSet::new();
        for decl in modules_decl {
            let color = self.module_color(decl);
            if seen_module.insert(decl.id.value.as_str()) {
                flow.modules.push(Module {
                    id: decl.id.value.clone(),
                    label: decl
                        .label
                        .as_ref()
                        .map_or_else(|| decl.id.value.clone(), |l| l.value.clone()),
                    color,
                    span: decl.span,
                });
            }
        }
        let mut seen_phase = std::collections::HashSet::new();
        for decl in phases_decl {
            let color = self.color_of("phase", &decl.id.value, &decl.colors);
            if seen_phase.insert(decl.id.value.as_str()) {
                flow.phases.push(Phase {
                    id: decl.id.value.clone(),
                    label: decl
                        .label
                        .as_ref()
                        .map_or_else(|| decl.id.value.clone(), |l| l.value.clone()),
                    color,
                    span: decl.span,
                    id_span: decl.id.span,
                });
            }
        }
        let names = Scope {
            lanes: &lane_names,
            modules: &module_names,
            phases: &phase_names,
        };
        let mut seen_node = std::collections::HashSet::new();
        for (decl, blocks) in nodes_decl {
            let node = self.node(decl, blocks, &names);
            if seen_node.insert(decl.id.value.as_str()) {
                flow.nodes.push(node);
            }
        }
        for chain in std::mem::take(&mut self.edges) {
            self.edge_chain(chain, &node_names, &mut flow.edges);
        }
        if flow.nodes.is_empty() && self.diags.is_empty() {
            let (message, span) = if ast.span.is_empty() {
                (t("model-empty-file"), Span::point(0))
            } else {
                (t("model-no-nodes"), Span::point(ast.span.end))
            };
            self.diags.push(
                Diag::error(codes::EMPTY_FLOW, span, message)
                    .with_help(t("model-declare-at-least-one-node")),
            );
        }
        flow
    }

    fn header(&mut self) -> Header {
        let mut header = Header::default();
        let flows = std::mem::take(&mut self.flows);
        let Some((first, rest)) = flows.split_first() else {
            return header;
        };
        for extra in rest {
            self.diags.push(
                Diag::error(
                    codes::DUPLICATE_FIELD,
                    extra.span,
                    t("model-file-has-one-flow-header"),
                )
                .with_label(first.span, t("model-header-here"))
                .with_help(t("model-merge-fields-into-first-flow")),
            );
        }
        header.span = Some(first.span);
        header.title = first.title.clone();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for field in &first.fields {
            let name = match &field.kind {
                HeaderFieldKind::Goal(_) => "goal",
                HeaderFieldKind::Owner(_) => "owner",
                HeaderFieldKind::Version(_) => "version",
                HeaderFieldKind::Reviewed(_) => "reviewed",
                HeaderFieldKind::Direction(_) => "direction",
                HeaderFieldKind::Page(_) => "page",
            };
            if let Some(&earlier) = seen.get(name) {
                self.diags.push(
                    Diag::error(
                        codes::DUPLICATE_FIELD,
                        field.span,
                        t("model-name-given-twice").arg("name", name),
                    )
                    .with_label(earlier, t("model-first-given-here")),
                );
                continue;
            }
            seen.insert(name, field.span);
            match &field.kind {
                HeaderFieldKind::Goal(text) => header.goal = Some(text.clone()),
                HeaderFieldKind::Owner(text) => header.owner = Some(text.clone()),
                HeaderFieldKind::Version(text) => header.version = Some(text.clone()),
                HeaderFieldKind::Reviewed(text) => match parse_date(&text.value) {
                    Ok(date) => header.reviewed = Some(Spanned::new(date, text.span)),
                    Err(problem) => self.diags.push(
                        Diag::error(
                            codes::INVALID_DATE,
                            text.span,
                            t("model-invalid-date-problem")
                                .arg("problem", &problem)
                                .arg("text", &text.value),
                        )
                        .with_help(t("model-write-date-as-yyyy-mm")),
                    ),
                },
                HeaderFieldKind::Page(word) => match Page::from_name(&word.value) {
                    Some(page) => header.page = Some(page),
                    None => self.diags.push(
                        Diag::error(
                            codes::UNKNOWN_PAGE,
                            word.span,
                            t("model-unknown-page-other-expected-slide").arg("other", &word.value),
                        )
                        .with_help(
                            suggest::did_you_mean(&word.value, Page::names())
                                .unwrap_or_else(|| t("model-page-help")),
                        ),
                    ),
                },
                HeaderFieldKind::Direction(word) => match word.value.as_str() {
                    "right" => {
                        header.direction = Direction::Right;
                        header.direction_set = true;
                    }
                    "down" => {
                        header.direction = Direction::Down;
                        header.direction_set = true;
                    }
                    other => self.diags.push(
                        Diag::error(
                            codes::UNKNOWN_DIRECTION,
                            word.span,
                            t("model-unknown-direction-other-expected-right").arg("other", other),
                        )
                        .with_help(
                            suggest::did_you_mean(other, ["right", "down"])
                                .unwrap_or_else(|| t("model-direction-help")),
                        ),
                    ),
                },
            }
        }
        header
    }

    fn module_color(&mut self, decl: &ModuleDecl) -> Option<Color> {
        self.color_of("module", &decl.id.value, &decl.colors)
    }

    /// The color of a module or phase declaration (`what`), reporting a
    /// second one and a word or text that is no color.
    fn color_of(&mut self, what: &str, id: &str, colors: &[ColorValue]) -> Option<Color> {
        let (first, rest) = colors.split_first()?;
        for extra in rest {
            self.diags.push(
                Diag::error(
                    codes::DUPLICATE_FIELD,
                    extra.span(),
                    t("model-what-has-two-colors")
                        .arg("what", what)
                        .arg("decl", id),
                )
                .with_label(first.span(), t("model-first-color")),
            );
        }
        let names = || {
            NamedColor::ALL
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match first {
            ColorValue::Named(word) => match NamedColor::from_name(&word.value) {
                Some(named) => Some(Color::Named(named)),
                None => {
                    let help = suggest::did_you_mean(
                        &word.value,
                        NamedColor::ALL.iter().map(|c| c.name()),
                    )
                    .unwrap_or_else(|| t("model-named-colors-are").arg("names", names()));
                    self.diags.push(
                        Diag::error(
                            codes::UNKNOWN_COLOR,
                            word.span,
                            t("model-unknown-color").arg("word", &word.value),
                        )
                        .with_help(help),
                    );
                    None
                }
            },
            ColorValue::Quoted(text) => match parse_hex(&text.value) {
                Some((r, g, b)) => Some(Color::Rgb(r, g, b)),
                None => {
                    let help = match NamedColor::from_name(text.value.trim()) {
                        Some(named) => t("model-named-color-unquoted").arg("name", named.name()),
                        None => t("model-hex-color-help").arg("names", names()),
                    };
                    self.diags.push(
                        Diag::error(
                            codes::UNKNOWN_COLOR,
                            text.span,
                            t("model-not-color").arg("text", &text.value),
                        )
                        .with_help(help),
                    );
                    None
                }
            },
        }
    }

    fn node(&mut self, decl: &NodeDecl, blocks: Blocks<'_>, names: &Scope<'_, '_>) -> Node {
        let (lanes, modules, phases) = (names.lanes, names.modules, names.phases);
        let lane_block = blocks.lane;
        let mut node = declared_node(decl);
        if let Some(block) = lane_block {
            node.lane = lanes.lookup(&block.id.value).map(LaneId);
        }
        if let Some(block) = blocks.phase {
            node.phase = phases.lookup(&block.id.value).map(PhaseId);
        }
        let mut lane_attr: Option<Span> = None;
        let mut module_attr: Option<Span> = None;
        let mut phase_attr: Option<Span> = None;
        let mut calls_attr: Option<Span> = None;
        for attr in &decl.attrs {
            match &attr.kind {
                NodeAttrKind::Lane(id) => {
                    if let Some(earlier) = lane_attr.replace(attr.span) {
                        self.diags
                            .push(self.twice(&node.id, "lane", attr.span, earlier));
                        continue;
                    }
                    if let Some(block) = lane_block {
                        if block.id.value != id.value {
                            let said = (
                                codes::LANE_CONFLICT,
                                t("model-node-inside-block-lane-but"),
                                t("model-enclosing-lane-block"),
                                t("model-move-node-out-block-or"),
                            );
                            self.diags
                                .push(block_conflict(said, &node.id, &block.id, id));
                        }
                        continue;
                    }
                    match lanes.lookup(&id.value) {
                        Some(index) => node.lane = Some(LaneId(index)),
                        None => self.diags.push(unknown_name(
                            codes::UNKNOWN_LANE,
                            t("model-unknown-lane"),
                            "lane",
                            id,
                            lanes,
                        )),
                    }
                }
                NodeAttrKind::Module(id) => {
                    if let Some(earlier) = module_attr.replace(attr.span) {
                        self.diags
                            .push(self.twice(&node.id, "module", attr.span, earlier));
                        continue;
                    }
                    match modules.lookup(&id.value) {
                        Some(index) => node.module = Some(ModuleId(index)),
                        None => self.diags.push(unknown_name(
                            codes::UNKNOWN_MODULE,
                            t("model-unknown-module"),
                            "module",
                            id,
                            modules,
                        )),
                    }
                }
                NodeAttrKind::Phase(id) => {
                    if let Some(earlier) = phase_attr.replace(attr.span) {
                        self.diags
                            .push(self.twice(&node.id, "phase", attr.span, earlier));
                        continue;
                    }
                    if let Some(block) = blocks.phase {
                        if block.id.value != id.value {
                            let said = (
                                codes::PHASE_CONFLICT,
                                t("model-node-inside-block-phase-but"),
                                t("model-enclosing-phase-block"),
                                t("model-move-node-out-phase-block-or"),
                            );
                            self.diags
                                .push(block_conflict(said, &node.id, &block.id, id));
                        }
                        continue;
                    }
                    match phases.lookup(&id.value) {
                        Some(index) => node.phase = Some(PhaseId(index)),
                        None => self.diags.push(unknown_phase(id, phases)),
                    }
                }
                NodeAttrKind::Input(text) => node.inputs.push(text.clone()),
                NodeAttrKind::Output(text) => node.outputs.push(text.clone()),
                NodeAttrKind::Note(text) => node.notes.push(text.clone()),
                NodeAttrKind::Calls(path) => {
                    if let Some(earlier) = calls_attr.replace(attr.span) {
                        self.diags
                            .push(self.twice(&node.id, "calls", attr.span, earlier));
                        continue;
                    }
                    if node.kind != NodeKind::Sub {
                        self.diags.push(calls_not_sub(&node, decl, attr.span));
                        continue;
                    }
                    node.calls = Some(path.clone());
                }
            }
        }
        node
    }

    fn twice(&self, node: &str, attr: &str, span: Span, earlier: Span) -> Diag {
        Diag::error(
            codes::DUPLICATE_FIELD,
            span,
            t("model-node-node-has-attr-twice")
                .arg("node", node)
                .arg("attr", attr),
        )
        .with_label(earlier, t("model-first-given-here"))
        .with_help(t("model-node-has-at-most-one").arg("attr", attr))
    }

    fn edge_chain(&mut self, chain: &EdgeChain, nodes: &Names<'_>, edges: &mut Vec<Edge>) {
        let ids: Vec<Option<NodeId>> = chain
            .nodes
            .iter()
            .map(|id| {
                let found = nodes.lookup(&id.value).map(NodeId);
                if found.is_none() {
                    self.diags.push(
                        Diag::error(
                            codes::UNKNOWN_NODE,
                            id.span,
                            t("model-unknown-node").arg("value", &id.value),
                        )
                        .with_help_opt(
                            nodes.suggest(&id.value).or_else(|| {
                                Some(t("model-declare-node-first").arg("id", &id.value))
                            }),
                        ),
                    );
                }
                found
            })
            .collect();
        for (hop, arrow) in chain.arrows.iter().enumerate() {
            let (Some(from), Some(to)) = (ids[hop], ids[hop + 1]) else {
                continue;
            };
            edges.push(Edge {
                from,
                to,
                kind: match arrow.value {
                    Arrow::Control => EdgeKind::Control,
                    Arrow::Data => EdgeKind::Data,
                },
                label: chain.label.clone(),
                span: chain.nodes[hop].span.join(chain.nodes[hop + 1].span),
            });
        }
    }
}

/// The statements that declare, in source order: every one that says
/// something of its own (`declares`), and a bare block only when its id has
/// no such statement and no earlier bare block — later bare blocks reopen
/// it.
fn declaring<'a, T>(
    statements: Vec<&'a T>,
    declares: impl Fn(&'a T) -> (&'a Spanned<String>, bool),
) -> Vec<&'a T> {
    let explicit: std::collections::HashSet<&str> = statements
        .iter()
        .filter_map(|s| {
            let (id, says) = declares(s);
            says.then_some(id.value.as_str())
        })
        .collect();
    let mut opened: std::collections::HashSet<&str> = std::collections::HashSet::new();
    statements
        .into_iter()
        .filter(|s| {
            let (id, says) = declares(s);
            says || (!explicit.contains(id.value.as_str()) && opened.insert(id.value.as_str()))
        })
        .collect()
}

/// The names a node's attributes may use.
struct Scope<'n, 'a> {
    lanes: &'n Names<'a>,
    modules: &'n Names<'a>,
    phases: &'n Names<'a>,
}

/// A phase id that is not declared, with the closest declared one.
/// A node inside the block of `block` whose own attribute names `value`:
/// the error (`said`: its code, message, the block's label and the help)
/// at the attribute, the block's id labelled.
fn block_conflict(
    said: (&'static str, Message, Message, Message),
    node: &str,
    block: &Spanned<String>,
    value: &Spanned<String>,
) -> Diag {
    let (code, message, enclosing, help) = said;
    Diag::error(
        code,
        value.span,
        message
            .arg("id", node)
            .arg("block", &block.value)
            .arg("value", &value.value),
    )
    .with_label(block.span, enclosing)
    .with_help(help.arg("block", &block.value).arg("value", &value.value))
}

fn unknown_phase(id: &Spanned<String>, phases: &Names<'_>) -> Diag {
    unknown_name(
        codes::UNKNOWN_PHASE,
        t("model-unknown-phase"),
        "phase",
        id,
        phases,
    )
}

/// A node as declared, before its attributes: its id, kind and label (the
/// id when it has none).
fn declared_node(decl: &NodeDecl) -> Node {
    Node {
        id: decl.id.value.clone(),
        kind: decl.kind.value,
        label: decl
            .label
            .as_ref()
            .map_or_else(|| decl.id.value.clone(), |l| l.value.clone()),
        lane: None,
        module: None,
        phase: None,
        inputs: Vec::new(),
        outputs: Vec::new(),
        notes: Vec::new(),
        calls: None,
        span: decl.span,
        id_span: decl.id.span,
    }
}

/// `calls` on a node that is not a `sub`.
fn calls_not_sub(node: &Node, decl: &NodeDecl, at: Span) -> Diag {
    Diag::error(
        codes::CALLS_NOT_SUB,
        at,
        t("model-calls-only-for-sub-nodes")
            .arg("id", &node.id)
            .arg("keyword", node.kind.keyword()),
    )
    .with_label(decl.kind.span, t("model-declared-here"))
    .with_help(t("model-declare-as-sub-draw-as").arg("id", &node.id))
}

/// A lane, module or phase id nothing declares, at its exact span, with
/// the closest declared name (or how to declare it) as help.
fn unknown_name(
    code: &'static str,
    message: Message,
    what: &str,
    id: &Spanned<String>,
    names: &Names<'_>,
) -> Diag {
    Diag::error(code, id.span, message.arg("value", &id.value)).with_help_opt(
        names
            .suggest(&id.value)
            .or_else(|| undeclared_help(what, &id.value, &names.order)),
    )
}

/// A lane block in a lane block (or a phase block in a phase block),
/// through a block of the other kind.
fn nested_twice(what: &str, inner: &Spanned<String>, outer: &Spanned<String>) -> Diag {
    Diag::error(
        codes::NESTED_BLOCK,
        inner.span,
        t("model-block-inside-same-kind")
            .arg("what", what)
            .arg("inner", &inner.value)
            .arg("outer", &outer.value),
    )
    .with_label(outer.span, t("model-enclosing-block"))
    .with_help(t("model-block-inside-same-kind-help").arg("what", what))
}

fn undeclared_help(what: &str, name: &str, declared: &[&str]) -> Option<Message> {
    if declared.is_empty() {
        Some(t("model-none-declared").arg("what", what).arg("name", name))
    } else {
        let list = declared
            .iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Some(t("model-declared-list").arg("what", what).arg("list", list))
    }
}

/// Parses `#rrggbb`.
fn parse_hex(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// Parses a `YYYY-MM-DD` date the grammar has already shaped.
fn parse_date(text: &str) -> Result<time::Date, Message> {
    let number =
        |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u16>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(t("date-expected-format"));
    };
    let Ok(month) = time::Month::try_from(month as u8) else {
        return Err(t("date-no-such-month").arg("month", format!("{month:02}")));
    };
    let year = i32::from(year);
    time::Date::from_calendar_date(year, month, day as u8).map_err(|_| {
        t("date-no-such-day")
            .arg("month", u8::from(month) as usize)
            .arg("year", year.to_string())
            .arg("days", time::util::days_in_month(month, year) as usize)
            .arg("day", day as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2026-09-30").is_ok());
        assert!(parse_date("2028-02-29").is_ok());
        assert_eq!(
            parse_date("2026-13-45").unwrap_err().english(),
            "there is no month 13 (months run 01–12)"
        );
        assert_eq!(
            parse_date("2026-02-30").unwrap_err().english(),
            "February 2026 has 28 days, not 30"
        );
    }

    #[test]
    fn hex_colors() {
        assert_eq!(parse_hex("#2e86de"), Some((0x2e, 0x86, 0xde)));
        assert_eq!(parse_hex("#2e86d"), None);
        assert_eq!(parse_hex("2e86de"), None);
        assert_eq!(parse_hex("#ééé"), None);
    }
}
