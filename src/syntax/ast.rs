//! The abstract syntax tree: what the file says, in source order, with a
//! byte [`Span`] on every node. Names are not resolved here; comments are kept
//! (in [`Ast::comments`]) so that a formatter can put them back.

use crate::source::{Span, Spanned};

/// A parsed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ast {
    /// Top-level statements in source order.
    pub items: Vec<Item>,
    /// Every comment in the file, in source order.
    pub comments: Vec<Comment>,
    /// The whole file.
    pub span: Span,
}

/// A `#` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The comment text after `#`, as written (untrimmed).
    pub text: String,
    /// From `#` to the end of the line.
    pub span: Span,
    /// True when code precedes the comment on its line.
    pub trailing: bool,
}

/// A top-level statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// `flow "title" { … }`
    Flow(FlowDecl),
    /// `lane id "label" { … }`
    Lane(LaneDecl),
    /// `module id "label" color …`
    Module(ModuleDecl),
    /// `phase id "label" color … { … }`
    Phase(PhaseDecl),
    /// `step id "label" …`
    Node(NodeDecl),
    /// `a -> b : "label"`
    Edge(EdgeChain),
}

/// An identifier as written.
pub type Ident = Spanned<String>;

/// A quoted string, escapes decoded.
pub type Str = Spanned<String>;

/// The `flow` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowDecl {
    /// The title after `flow`.
    pub title: Option<Str>,
    /// Header fields in source order.
    pub fields: Vec<HeaderField>,
    /// The whole declaration.
    pub span: Span,
}

/// One field of the header block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderField {
    /// Which field.
    pub kind: HeaderFieldKind,
    /// The keyword (`goal`, `owner`, …).
    pub keyword: Span,
    /// The whole field.
    pub span: Span,
}

/// The value of a header field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderFieldKind {
    /// `goal "…"`
    Goal(Str),
    /// `owner "…"`
    Owner(Str),
    /// `version "…"`
    Version(Str),
    /// `reviewed YYYY-MM-DD`, as written (checked when resolving).
    Reviewed(Spanned<String>),
    /// `direction WORD`, as written (checked when resolving).
    Direction(Ident),
    /// `page WORD`, as written (checked when resolving).
    Page(Ident),
}

/// A lane (role) declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneDecl {
    /// The lane id.
    pub id: Ident,
    /// The display name.
    pub label: Option<Str>,
    /// Statements inside `{ … }`; `None` without a block.
    pub body: Option<Vec<Item>>,
    /// The whole declaration, block included.
    pub span: Span,
}

/// A phase (stage) declaration, or a phase block nested in a lane block
/// (which names a phase declared at the top level).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseDecl {
    /// The phase id.
    pub id: Ident,
    /// The display name.
    pub label: Option<Str>,
    /// `color …` attributes (more than one is an error when resolving).
    pub colors: Vec<ColorValue>,
    /// Statements inside `{ … }`; `None` without a block.
    pub body: Option<Vec<Item>>,
    /// The whole declaration, block included.
    pub span: Span,
}

/// A module declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleDecl {
    /// The module id.
    pub id: Ident,
    /// The display name.
    pub label: Option<Str>,
    /// `color …` attributes (more than one is an error when resolving).
    pub colors: Vec<ColorValue>,
    /// True when the attributes were written in a `{ … }` block.
    pub has_block: bool,
    /// The whole declaration.
    pub span: Span,
}

/// A color as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColorValue {
    /// `color blue`
    Named(Ident),
    /// `color "#2e86de"`
    Quoted(Str),
}

impl ColorValue {
    /// The span of the value.
    pub fn span(&self) -> Span {
        match self {
            ColorValue::Named(word) => word.span,
            ColorValue::Quoted(text) => text.span,
        }
    }
}

/// The eight node kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// 起点: where the customer enters the process.
    Start,
    /// 终点.
    End,
    /// A process step.
    Step,
    /// A decision point.
    Decision,
    /// An input or output (a form, a report).
    Io,
    /// A data store (customer database).
    Store,
    /// A document (contract, quote).
    Doc,
    /// A sub-process drawn in its own file.
    Sub,
}

impl NodeKind {
    /// Every kind, in the order the language documents them: keyword
    /// lists (syntax errors, completion, stats) are read off this.
    pub const ALL: [NodeKind; 8] = [
        NodeKind::Start,
        NodeKind::End,
        NodeKind::Step,
        NodeKind::Decision,
        NodeKind::Io,
        NodeKind::Store,
        NodeKind::Doc,
        NodeKind::Sub,
    ];

    /// The keyword that declares this kind.
    pub fn keyword(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::End => "end",
            NodeKind::Step => "step",
            NodeKind::Decision => "decision",
            NodeKind::Io => "io",
            NodeKind::Store => "store",
            NodeKind::Doc => "doc",
            NodeKind::Sub => "sub",
        }
    }

    /// The kind declared by a keyword.
    pub fn from_keyword(word: &str) -> Option<NodeKind> {
        NodeKind::ALL
            .into_iter()
            .find(|kind| kind.keyword() == word)
    }

    /// io, store and doc: things data moves through, drawn beside the
    /// process (a control edge may still make one a step of it).
    pub fn is_data(self) -> bool {
        match self {
            NodeKind::Io | NodeKind::Store | NodeKind::Doc => true,
            NodeKind::Start
            | NodeKind::End
            | NodeKind::Step
            | NodeKind::Decision
            | NodeKind::Sub => false,
        }
    }
}

/// The reserved words, never identifiers (the grammar's `reserved_word`):
/// `flow`, `lane`, `module` and every node kind's keyword.
pub fn reserved_words() -> impl Iterator<Item = &'static str> + Clone {
    ["flow", "lane", "module"]
        .into_iter()
        .chain(NodeKind::ALL.into_iter().map(NodeKind::keyword))
}

/// The words that begin a declaration: the reserved words and `phase`
/// (which came later and stays usable as an id).
pub fn declaration_words() -> impl Iterator<Item = &'static str> + Clone {
    reserved_words().chain(["phase"])
}

/// A node declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeDecl {
    /// The kind and where its keyword is.
    pub kind: Spanned<NodeKind>,
    /// The node id.
    pub id: Ident,
    /// The label; the id is the label when omitted.
    pub label: Option<Str>,
    /// Attributes, inline and in the block, in source order.
    pub attrs: Vec<NodeAttr>,
    /// True when some attributes were written in a `{ … }` block.
    pub has_block: bool,
    /// The whole declaration.
    pub span: Span,
}

/// A node attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeAttr {
    /// Which attribute and its value.
    pub kind: NodeAttrKind,
    /// The whole attribute (keyword and value).
    pub span: Span,
}

/// The value of a node attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeAttrKind {
    /// `lane ID`
    Lane(Ident),
    /// `module ID`
    Module(Ident),
    /// `phase ID`
    Phase(Ident),
    /// `input "…"`
    Input(Str),
    /// `output "…"`
    Output(Str),
    /// `note "…"`
    Note(Str),
    /// `calls "path"`
    Calls(Str),
}

/// An edge chain: `a -> b ..> c : "label"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeChain {
    /// The node ids, at least two.
    pub nodes: Vec<Ident>,
    /// The arrows between them (`nodes.len() - 1`).
    pub arrows: Vec<Spanned<Arrow>>,
    /// The label after `:`, which applies to every edge of the chain.
    pub label: Option<Str>,
    /// The whole statement.
    pub span: Span,
}

/// An edge arrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Arrow {
    /// `->`: control flow.
    Control,
    /// `..>`: data flow.
    Data,
}
