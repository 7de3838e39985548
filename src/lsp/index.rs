//! What an editor asks about names, answered from the syntax tree alone (so
//! it works while the file does not resolve): every declaration of a lane,
//! module or node with its id's span, every place an id is used, the
//! `calls` targets and the foldable blocks.
//!
//! Lanes, modules and nodes are three namespaces: `lane sales` and
//! `step sales` do not clash.

use crate::source::Span;
use crate::syntax::ast::{Ast, Item, NodeAttrKind, NodeKind};

/// Which namespace an id lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// A lane (role).
    Lane,
    /// A module.
    Module,
    /// A phase (stage).
    Phase,
    /// A node.
    Node,
}

impl Namespace {
    /// `lane`, `module`, `phase`, `node`.
    pub fn word(self) -> &'static str {
        match self {
            Namespace::Lane => "lane",
            Namespace::Module => "module",
            Namespace::Phase => "phase",
            Namespace::Node => "node",
        }
    }
}

/// A declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    /// Its namespace.
    pub namespace: Namespace,
    /// The node kind (nodes only).
    pub kind: Option<NodeKind>,
    /// The id.
    pub id: String,
    /// The label, if written.
    pub label: Option<String>,
    /// The id as written.
    pub id_span: Span,
    /// The whole declaration.
    pub span: Span,
    /// Nodes: the lane (by attribute or the enclosing lane block).
    pub lane: Option<String>,
    /// Nodes: the module.
    pub module: Option<String>,
    /// Nodes: the phase (by attribute or the enclosing phase block).
    pub phase: Option<String>,
    /// Nodes: inputs, outputs, notes.
    pub inputs: Vec<String>,
    /// Outputs.
    pub outputs: Vec<String>,
    /// `calls` target.
    pub calls: Option<String>,
}

/// A use of an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    /// The namespace the id is looked up in.
    pub namespace: Namespace,
    /// The id.
    pub id: String,
    /// Where it is written.
    pub span: Span,
}

/// One edge as written (a chain gives one per arrow).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeRef {
    /// Source id.
    pub from: String,
    /// Target id.
    pub to: String,
    /// True for a data edge (`..>`).
    pub data: bool,
    /// The chain's label.
    pub label: Option<String>,
}

/// Everything about names in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// Declarations in source order.
    pub decls: Vec<Decl>,
    /// Uses in source order.
    pub uses: Vec<Use>,
    /// Edges in source order.
    pub edges: Vec<EdgeRef>,
    /// `calls "…"` strings: the span of the string and its text.
    pub calls: Vec<(Span, String)>,
    /// The `flow` header's span and title, if any.
    pub header: Option<(Span, Option<String>)>,
    /// Blocks that fold: `{ … }` of the header, lanes, modules and nodes.
    pub folds: Vec<Span>,
}

impl Index {
    /// Indexes a parsed file.
    pub fn of(ast: &Ast) -> Index {
        let mut index = Index::default();
        index.add_items(&ast.items, None, None);
        index
    }

    /// Indexes statements inside the lane and phase blocks named (a block
    /// nested in a block of the other kind uses a declared id).
    fn add_items(&mut self, items: &[Item], lane: Option<&str>, phase: Option<&str>) {
        for item in items {
            match item {
                Item::Flow(flow) => {
                    self.header = Some((flow.span, flow.title.as_ref().map(|t| t.value.clone())));
                    self.folds.push(flow.span);
                }
                Item::Lane(decl) => {
                    if phase.is_some() {
                        self.uses.push(Use::new(Namespace::Lane, &decl.id));
                    } else {
                        self.decls.push(Decl::new(
                            Namespace::Lane,
                            None,
                            &decl.id,
                            decl.label.as_ref(),
                            decl.span,
                        ));
                    }
                    self.folds.push(decl.span);
                    if let Some(body) = &decl.body {
                        self.add_items(body, Some(&decl.id.value), phase);
                    }
                }
                Item::Phase(decl) => {
                    if lane.is_some() {
                        self.uses.push(Use::new(Namespace::Phase, &decl.id));
                    } else {
                        self.decls.push(Decl::new(
                            Namespace::Phase,
                            None,
                            &decl.id,
                            decl.label.as_ref(),
                            decl.span,
                        ));
                    }
                    if let Some(body) = &decl.body {
                        self.folds.push(decl.span);
                        self.add_items(body, lane, Some(&decl.id.value));
                    }
                }
                Item::Module(decl) => {
                    self.decls.push(Decl::new(
                        Namespace::Module,
                        None,
                        &decl.id,
                        decl.label.as_ref(),
                        decl.span,
                    ));
                    if decl.has_block {
                        self.folds.push(decl.span);
                    }
                }
                Item::Node(decl) => {
                    let mut node = Decl::new(
                        Namespace::Node,
                        Some(decl.kind.value),
                        &decl.id,
                        decl.label.as_ref(),
                        decl.span,
                    );
                    node.lane = lane.map(str::to_owned);
                    node.phase = phase.map(str::to_owned);
                    for attr in &decl.attrs {
                        match &attr.kind {
                            NodeAttrKind::Lane(id) => {
                                node.lane = Some(id.value.clone());
                                self.uses.push(Use::new(Namespace::Lane, id));
                            }
                            NodeAttrKind::Module(id) => {
                                node.module = Some(id.value.clone());
                                self.uses.push(Use::new(Namespace::Module, id));
                            }
                            NodeAttrKind::Phase(id) => {
                                node.phase = Some(id.value.clone());
                                self.uses.push(Use::new(Namespace::Phase, id));
                            }
                            NodeAttrKind::Input(text) => node.inputs.push(text.value.clone()),
                            NodeAttrKind::Output(text) => node.outputs.push(text.value.clone()),
                            NodeAttrKind::Note(_) => {}
                            NodeAttrKind::Calls(text) => {
                                node.calls = Some(text.value.clone());
                                self.calls.push((text.span, text.value.clone()));
                            }
                        }
                    }
                    if decl.has_block {
                        self.folds.push(decl.span);
                    }
                    self.decls.push(node);
                }
                Item::Edge(chain) => {
                    for id in &chain.nodes {
                        self.uses.push(Use::new(Namespace::Node, id));
                    }
                    for (pair, arrow) in chain.nodes.windows(2).zip(&chain.arrows) {
                        self.edges.push(EdgeRef {
                            from: pair[0].value.clone(),
                            to: pair[1].value.clone(),
                            data: arrow.value == crate::syntax::ast::Arrow::Data,
                            label: chain.label.as_ref().map(|l| l.value.clone()),
                        });
                    }
                }
            }
        }
    }

    /// The declaration of `id` in `namespace` (the first, if declared twice).
    pub fn decl(&self, namespace: Namespace, id: &str) -> Option<&Decl> {
        self.decls
            .iter()
            .find(|decl| decl.namespace == namespace && decl.id == id)
    }

    /// The declarations of one namespace.
    pub fn decls_of(&self, namespace: Namespace) -> impl Iterator<Item = &Decl> {
        self.decls
            .iter()
            .filter(move |decl| decl.namespace == namespace)
    }

    /// The id under byte `offset` (a declaration's id or a use), with its
    /// namespace and span. The end of an id counts (the cursor after it).
    pub fn id_at(&self, offset: usize) -> Option<(Namespace, &str, Span)> {
        let hit = |span: Span| span.start <= offset && offset <= span.end;
        self.decls
            .iter()
            .find(|decl| hit(decl.id_span))
            .map(|decl| (decl.namespace, decl.id.as_str(), decl.id_span))
            .or_else(|| {
                self.uses
                    .iter()
                    .find(|used| hit(used.span))
                    .map(|used| (used.namespace, used.id.as_str(), used.span))
            })
    }

    /// The `calls` string under `offset`.
    pub fn calls_at(&self, offset: usize) -> Option<&str> {
        self.calls
            .iter()
            .find(|(span, _)| span.start <= offset && offset <= span.end)
            .map(|(_, target)| target.as_str())
    }

    /// Every place `id` is written in `namespace`: its declarations, then
    /// its uses, in source order within each.
    pub fn occurrences(&self, namespace: Namespace, id: &str) -> Vec<Span> {
        let declared = self
            .decls
            .iter()
            .filter(|decl| decl.namespace == namespace && decl.id == id)
            .map(|decl| decl.id_span);
        let used = self
            .uses
            .iter()
            .filter(|used| used.namespace == namespace && used.id == id)
            .map(|used| used.span);
        declared.chain(used).collect()
    }
}

impl Decl {
    fn new(
        namespace: Namespace,
        kind: Option<NodeKind>,
        id: &crate::syntax::ast::Ident,
        label: Option<&crate::syntax::ast::Str>,
        span: Span,
    ) -> Decl {
        Decl {
            namespace,
            kind,
            id: id.value.clone(),
            label: label.map(|label| label.value.clone()),
            id_span: id.span,
            span,
            lane: None,
            module: None,
            phase: None,
            inputs: Vec::new(),
            outputs: Vec::new(),
            calls: None,
        }
    }
}

impl Use {
    fn new(namespace: Namespace, id: &crate::syntax::ast::Ident) -> Use {
        Use {
            namespace,
            id: id.value.clone(),
            span: id.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn index(text: &str) -> (SourceFile, Index) {
        let source = SourceFile::new("t.crmflow", text);
        let ast = crate::syntax::parse(&source).unwrap();
        (source.clone(), Index::of(&ast))
    }

    #[test]
    fn declarations_uses_and_namespaces() {
        let (source, index) = index(
            "lane 销售 \"销售部\" {\n  step 审核 \"审核合同\" module m\n}\nmodule m \"M\" color blue\nstep 销售 \"Same id, other namespace\"\n审核 -> 销售 : \"ok\"\n",
        );
        let node = index.decl(Namespace::Node, "审核").unwrap();
        assert_eq!(
            node.lane.as_deref(),
            Some("销售"),
            "from the enclosing block"
        );
        assert_eq!(node.module.as_deref(), Some("m"));
        assert_eq!(source.slice(node.id_span), "审核");
        let lane_uses = index.occurrences(Namespace::Lane, "销售");
        assert_eq!(
            lane_uses.len(),
            1,
            "the edge's 销售 is the node, not the lane"
        );
        let node_uses = index.occurrences(Namespace::Node, "销售");
        assert_eq!(node_uses.len(), 2);
        let at = source.text().rfind("销售").unwrap() + 1;
        assert_eq!(
            index.id_at(at).map(|(ns, id, _)| (ns, id)),
            Some((Namespace::Node, "销售"))
        );
        assert_eq!(index.edges[0].label.as_deref(), Some("ok"));
        assert_eq!(index.folds.len(), 1);
    }
}
