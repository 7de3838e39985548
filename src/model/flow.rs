//! The resolved process graph: [`Flow`] and its parts. Every name is
//! resolved to an index; declaration order is kept everywhere (it breaks
//! ties in layout and decides the lane order); declaration spans are kept so
//! later stages (lint) can point at the source.

use crate::source::{Span, Spanned};
pub use crate::syntax::{Comment, NodeKind};

/// Index of a [`Node`] in [`Flow::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// Index of a [`Lane`] in [`Flow::lanes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LaneId(pub u32);

/// Index of a [`Module`] in [`Flow::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub u32);

/// Index of a [`Phase`] in [`Flow::phases`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhaseId(pub u32);

impl PhaseId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl NodeId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl LaneId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl ModuleId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A resolved flow: the input of lint and layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    /// The `flow` header (defaults when absent).
    pub header: Header,
    /// Lanes (roles) in declaration order — the order they are drawn in.
    pub lanes: Vec<Lane>,
    /// Modules in declaration order.
    pub modules: Vec<Module>,
    /// Phases (stages) in declaration order — the order their columns are
    /// drawn in. Empty for a flow without phases.
    pub phases: Vec<Phase>,
    /// Nodes in declaration order.
    pub nodes: Vec<Node>,
    /// Edges in source order; a chain `a -> b -> c` gives two.
    pub edges: Vec<Edge>,
    /// The file's comments, in source order: lint reads its
    /// `# crmflow-ignore:` directives from them.
    pub comments: Vec<Comment>,
}

impl Flow {
    /// The language the flow is written in, for the words crmflow adds to
    /// what it writes (the drawing's legend and title block, the band of
    /// steps without a role, the SOP's headings): Chinese when its text
    /// (node, lane and module labels, title and goal) holds at least half
    /// as many ideographs and kana as Latin letters, else English — a
    /// mostly English flow with one Chinese name stays English.
    pub fn language(&self) -> crate::i18n::Lang {
        let header = [&self.header.title, &self.header.goal];
        let texts = self
            .nodes
            .iter()
            .map(|node| node.label.as_str())
            .chain(self.lanes.iter().map(|lane| lane.label.as_str()))
            .chain(self.modules.iter().map(|module| module.label.as_str()))
            .chain(header.into_iter().flatten().map(|text| text.value.as_str()));
        let (mut cjk, mut latin) = (0usize, 0usize);
        for c in texts.flat_map(str::chars) {
            if matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
            {
                cjk += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
        if cjk > 0 && cjk * 2 >= latin {
            crate::i18n::Lang::Zh
        } else {
            crate::i18n::Lang::En
        }
    }

    /// True when the node is a step of the procedure — what the SOP
    /// numbers, `stats` counts per lane and a collapsed role in `render
    /// --lane` counts: every node but a data shape (`io`, `store`, `doc`)
    /// that no control edge touches (the data a step reads or writes).
    pub fn is_step(&self, id: NodeId) -> bool {
        let node = self.node_at(id);
        !node.kind.is_data()
            || self
                .edges
                .iter()
                .any(|e| e.kind == EdgeKind::Control && (e.from == id || e.to == id))
    }

    /// The phase every node is drawn in: its own, else (when the flow has
    /// phases) one it takes from its neighbours — the latest phase of the
    /// steps that lead to it along control edges; for a node nothing leads
    /// to (a start), the earliest phase of the steps it leads to; for a
    /// data shape, the earliest phase of the steps that read or write it;
    /// else the first phase. All `None` when the flow declares no phases.
    pub fn phase_of(&self) -> Vec<Option<PhaseId>> {
        let mut phase: Vec<Option<PhaseId>> = self.nodes.iter().map(|node| node.phase).collect();
        if self.phases.is_empty() {
            return phase;
        }
        let given: Vec<bool> = phase.iter().map(Option::is_some).collect();
        let control: Vec<&Edge> = self
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Control && e.from != e.to)
            .collect();
        // Phases only move one way in each pass (later forward, earlier
        // backward), so each pass settles after at most (phases + 1) rounds
        // over the edges.
        let rounds = self.phases.len() + 1;
        let spread = |phase: &mut Vec<Option<PhaseId>>, forward: bool, edges: &[&Edge]| {
            for _ in 0..rounds {
                let mut changed = false;
                for edge in edges {
                    let (source, target) = if forward {
                        (edge.from, edge.to)
                    } else {
                        (edge.to, edge.from)
                    };
                    if given[target.index()] {
                        continue;
                    }
                    let Some(offered) = phase[source.index()] else {
                        continue;
                    };
                    let slot = &mut phase[target.index()];
                    let better = match *slot {
                        None => true,
                        Some(current) if forward => offered > current,
                        Some(current) => offered < current,
                    };
                    if better {
                        *slot = Some(offered);
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
        };
        spread(&mut phase, true, &control);
        // Backward only into nodes the forward pass left without a phase.
        let open: Vec<bool> = phase.iter().map(Option::is_none).collect();
        let mut backward = phase.clone();
        spread(&mut backward, false, &control);
        for (n, slot) in phase.iter_mut().enumerate() {
            if open[n] {
                *slot = backward[n];
            }
        }
        let data: Vec<&Edge> = self
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Data && e.from != e.to)
            .collect();
        for edge in data {
            for (shape, user) in [(edge.from, edge.to), (edge.to, edge.from)] {
                if given[shape.index()] || !open[shape.index()] {
                    continue;
                }
                if let Some(offered) = phase[user.index()].filter(|_| !open[user.index()]) {
                    let slot = &mut phase[shape.index()];
                    if slot.is_none_or(|current| offered < current) {
                        *slot = Some(offered);
                    }
                }
            }
        }
        for slot in &mut phase {
            slot.get_or_insert(PhaseId(0));
        }
        phase
    }

    /// The node with this id, if declared.
    pub fn node(&self, id: &str) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|node| node.id == id)
            .map(|index| NodeId(index as u32))
    }

    /// The node at an index.
    pub fn node_at(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Node ids in declaration order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }
}

/// The header fields. Absent fields are `None`; `direction` defaults to right.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The title after `flow`.
    pub title: Option<Spanned<String>>,
    /// The goal of the process.
    pub goal: Option<Spanned<String>>,
    /// Who owns the process.
    pub owner: Option<Spanned<String>>,
    /// The version, as written.
    pub version: Option<Spanned<String>>,
    /// The date of the last review.
    pub reviewed: Option<Spanned<time::Date>>,
    /// The layout direction.
    pub direction: Direction,
    /// Whether the header sets the direction (else a page target may
    /// choose it).
    pub direction_set: bool,
    /// The page the drawing is made for, if the header names one.
    pub page: Option<Page>,
    /// The `flow` declaration, if any.
    pub span: Option<Span>,
}

/// The direction layers advance in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Layers left to right; lanes are horizontal bands.
    #[default]
    Right,
    /// Layers top to bottom; lanes are vertical columns.
    Down,
}

/// The page a drawing is made for (`page slide|a4|none` in the header,
/// `--page`, `render.page` in crmflow.yaml): its spacing (and, when the
/// flow does not set one, its direction) is chosen so that its text comes
/// out as large as it can once the drawing is fitted to that page (see the
/// layout's `Page::text_points`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Page {
    /// A 16:9 slide (12.3 × 6.2 in of content), the default.
    #[default]
    Slide,
    /// An A4 page (10.7 × 7.3 in of content), either orientation.
    A4,
    /// No page: the usual spacing, as declared.
    None,
}

impl Page {
    /// Every page, in the order the language documents them.
    pub const ALL: [Page; 3] = [Page::Slide, Page::A4, Page::None];

    /// The word that names it.
    pub fn name(self) -> &'static str {
        match self {
            Page::Slide => "slide",
            Page::A4 => "a4",
            Page::None => "none",
        }
    }

    /// The page a word names.
    pub fn from_name(word: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|page| page.name() == word)
    }

    /// The words that name pages.
    pub fn names() -> impl Iterator<Item = &'static str> + Clone {
        Page::ALL.into_iter().map(Page::name)
    }
}

/// A lane: a role that performs steps, drawn as a band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// The id.
    pub id: String,
    /// The display name (the id when not given).
    pub label: String,
    /// The declaration.
    pub span: Span,
}

/// A phase (stage) of the process, drawn as a column across the lanes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    /// The id.
    pub id: String,
    /// The display name (the id when not given).
    pub label: String,
    /// The tint of its header, if one was given.
    pub color: Option<Color>,
    /// The declaration.
    pub span: Span,
    /// The id where it is declared.
    pub id_span: Span,
}

/// A color-coded module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// The id.
    pub id: String,
    /// The display name (the id when not given).
    pub label: String,
    /// The color, if one was given.
    pub color: Option<Color>,
    /// The declaration.
    pub span: Span,
}

/// A module color.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Color {
    /// One of the named colors.
    Named(NamedColor),
    /// `"#rrggbb"`.
    Rgb(u8, u8, u8),
}

/// The named colors of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NamedColor {
    /// `blue`
    Blue,
    /// `green`
    Green,
    /// `yellow`
    Yellow,
    /// `orange`
    Orange,
    /// `red`
    Red,
    /// `purple`
    Purple,
    /// `teal`
    Teal,
    /// `gray`
    Gray,
}

impl NamedColor {
    /// Every named color, in the order the palette cycles through them.
    pub const ALL: [NamedColor; 8] = [
        NamedColor::Blue,
        NamedColor::Green,
        NamedColor::Yellow,
        NamedColor::Orange,
        NamedColor::Red,
        NamedColor::Purple,
        NamedColor::Teal,
        NamedColor::Gray,
    ];

    /// The word that names it.
    pub fn name(self) -> &'static str {
        match self {
            NamedColor::Blue => "blue",
            NamedColor::Green => "green",
            NamedColor::Yellow => "yellow",
            NamedColor::Orange => "orange",
            NamedColor::Red => "red",
            NamedColor::Purple => "purple",
            NamedColor::Teal => "teal",
            NamedColor::Gray => "gray",
        }
    }

    /// The color a word names.
    pub fn from_name(word: &str) -> Option<NamedColor> {
        NamedColor::ALL
            .into_iter()
            .find(|color| color.name() == word)
    }
}

/// A node of the process graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The id.
    pub id: String,
    /// Its kind.
    pub kind: NodeKind,
    /// The label (the id when not given).
    pub label: String,
    /// The role performing it.
    pub lane: Option<LaneId>,
    /// The module it belongs to.
    pub module: Option<ModuleId>,
    /// The phase it belongs to, as written (see [`Flow::phase_of`] for
    /// nodes that do not say).
    pub phase: Option<PhaseId>,
    /// `input "…"` attributes, in order.
    pub inputs: Vec<Spanned<String>>,
    /// `output "…"` attributes, in order.
    pub outputs: Vec<Spanned<String>>,
    /// `note "…"` attributes, in order.
    pub notes: Vec<Spanned<String>>,
    /// For `sub`: the flow file it expands to.
    pub calls: Option<Spanned<String>>,
    /// The whole declaration.
    pub span: Span,
    /// The id where it is declared.
    pub id_span: Span,
}

/// Whether an edge is control flow or data flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// `->`: the process moves on.
    Control,
    /// `..>`: data moves (drawn dashed; not part of reachability).
    Data,
}

/// A directed edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Source node.
    pub from: NodeId,
    /// Target node.
    pub to: NodeId,
    /// Control or data flow.
    pub kind: EdgeKind,
    /// The label, if any.
    pub label: Option<Spanned<String>>,
    /// From the source id to the target id as written.
    pub span: Span,
}
