//! pest pairs → [`Ast`]: one `lower_<rule>` per grammar rule. Recovery rules
//! of the grammar become diagnostics here.

use super::Rule;
use super::ast::*;
use crate::diag::{Diag, Diags, codes};
use crate::i18n::{Message, t};
use crate::source::{SourceFile, Span, Spanned};
use crate::suggest;
use pest::iterators::Pair;

const HEADER_FIELDS: &[&str] = &["goal", "owner", "version", "reviewed", "direction", "page"];
const NODE_ATTRS: &[&str] = &[
    "lane", "module", "phase", "input", "output", "note", "calls",
];
const MODULE_ATTRS: &[&str] = &["color"];

/// Where an attribute appears, for messages about unknown ones.
#[derive(Clone, Copy)]
enum AttrContext {
    Header,
    Module,
    Phase,
    Node,
}

impl AttrContext {
    fn known(self) -> &'static [&'static str] {
        match self {
            AttrContext::Header => HEADER_FIELDS,
            AttrContext::Module | AttrContext::Phase => MODULE_ATTRS,
            AttrContext::Node => NODE_ATTRS,
        }
    }

    fn place(self) -> Message {
        match self {
            AttrContext::Header => t("place-header"),
            AttrContext::Module => t("place-module"),
            AttrContext::Phase => t("place-phase"),
            AttrContext::Node => t("place-node"),
        }
    }
}

struct Lowerer<'s> {
    source: &'s SourceFile,
    diags: Diags,
    /// The longest quoted text allowed, in characters.
    text_chars: usize,
}

/// Lowers the `file` pair.
pub(super) fn lower_file(
    source: &SourceFile,
    file: Pair<'_, Rule>,
    text_chars: usize,
) -> Result<Ast, Diags> {
    let mut lowerer = Lowerer {
        source,
        diags: Vec::new(),
        text_chars,
    };
    let span = Span::from(file.as_span());
    let comments = file
        .clone()
        .into_inner()
        .flatten()
        .filter(|pair| pair.as_rule() == Rule::COMMENT)
        .map(|pair| lowerer.lower_comment(pair))
        .collect();
    let items = children(file)
        .filter(|pair| !matches!(pair.as_rule(), Rule::bom | Rule::EOI))
        .map(|pair| lowerer.lower_item(pair))
        .collect();
    if lowerer.diags.is_empty() {
        Ok(Ast {
            items,
            comments,
            span,
        })
    } else {
        crate::diag::sort(&mut lowerer.diags);
        Err(lowerer.diags)
    }
}

/// The inner pairs of a pair, without comments (collected separately).
fn children<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner()
        .filter(|child| child.as_rule() != Rule::COMMENT)
}

fn ident(pair: Pair<'_, Rule>) -> Ident {
    Spanned::new(pair.as_str().to_owned(), pair.as_span().into())
}

impl Lowerer<'_> {
    fn lower_comment(&self, pair: Pair<'_, Rule>) -> Comment {
        let span = Span::from(pair.as_span());
        let line = self.source.line_span(span.start);
        let before = &self.source.text()[line.start..span.start];
        Comment {
            text: pair.as_str()[1..].to_owned(),
            span,
            trailing: !before.trim_start_matches('\u{FEFF}').trim().is_empty(),
        }
    }

    fn lower_item(&mut self, pair: Pair<'_, Rule>) -> Item {
        match pair.as_rule() {
            Rule::flow_decl => Item::Flow(self.lower_flow(pair)),
            Rule::lane_decl => Item::Lane(self.lower_lane(pair)),
            Rule::module_decl => Item::Module(self.lower_module(pair)),
            Rule::phase_decl => Item::Phase(self.lower_phase(pair)),
            Rule::node_decl => Item::Node(self.lower_node(pair)),
            Rule::edge_chain => Item::Edge(self.lower_edge(pair)),
            rule => unreachable!("not a statement: {rule:?}"),
        }
    }

    /// Lowers `string` or `unterminated_string` (reporting the latter).
    fn lower_text(&mut self, pair: Pair<'_, Rule>) -> Str {
        let span = Span::from(pair.as_span());
        if pair.as_rule() == Rule::unterminated_string {
            self.diags.push(
                Diag::error(
                    codes::UNTERMINATED_STRING,
                    span,
                    t("syntax-unterminated-string-closing-missing"),
                )
                .with_help(t("syntax-end-text-with-on-same")),
            );
        }
        let raw = pair.as_str();
        let body_start = span.start + 1;
        let body = &raw[1..];
        let body = if pair.as_rule() == Rule::string {
            &body[..body.len() - 1]
        } else {
            body
        };
        let mut value = String::with_capacity(body.len());
        let mut rest = body;
        while let Some(backslash) = rest.find('\\') {
            value.push_str(&rest[..backslash]);
            let escaped = rest[backslash + 1..].chars().next();
            let escape_len = 1 + escaped.map_or(0, char::len_utf8);
            match escaped {
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some('n') => value.push('\n'),
                _ => {
                    let offset = body_start + (body.len() - rest.len()) + backslash;
                    let written = &rest[backslash..backslash + escape_len];
                    self.diags.push(
                        Diag::error(
                            codes::INVALID_ESCAPE,
                            Span::new(offset, offset + escape_len),
                            t("syntax-unknown-escape-written-string").arg("written", written),
                        )
                        .with_help(t("syntax-escapes-are-quote-backslash-and")),
                    );
                    value.push_str(written);
                }
            }
            rest = &rest[backslash + escape_len..];
        }
        value.push_str(rest);
        let limit = self.text_chars;
        let over = value.chars().nth(limit).is_some();
        if over {
            let chars = value.chars().count();
            self.diags.push(
                Diag::error(
                    codes::TEXT_TOO_LONG,
                    span,
                    t("syntax-text-too-long")
                        .arg("chars", chars)
                        .arg("limit", limit),
                )
                .with_help(t("syntax-text-too-long-help").arg("chars", chars)),
            );
        }
        Spanned::new(value, span)
    }

    fn lower_flow(&mut self, pair: Pair<'_, Rule>) -> FlowDecl {
        let span = Span::from(pair.as_span());
        let mut title = None;
        let mut fields = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_flow => {}
                Rule::string | Rule::unterminated_string => title = Some(self.lower_text(child)),
                Rule::header_block => {
                    for field in children(child) {
                        if let Some(field) = self.lower_header_field(field) {
                            fields.push(field);
                        }
                    }
                }
                rule => unreachable!("not in a flow header: {rule:?}"),
            }
        }
        FlowDecl {
            title,
            fields,
            span,
        }
    }

    fn lower_header_field(&mut self, pair: Pair<'_, Rule>) -> Option<HeaderField> {
        let span = Span::from(pair.as_span());
        let rule = pair.as_rule();
        if rule == Rule::unknown_attr {
            self.unknown_attr(pair, AttrContext::Header);
            return None;
        }
        let mut inner = children(pair);
        let keyword = Span::from(inner.next()?.as_span());
        let value = inner.next()?;
        let kind = match rule {
            Rule::goal_field => HeaderFieldKind::Goal(self.lower_text(value)),
            Rule::owner_field => HeaderFieldKind::Owner(self.lower_text(value)),
            Rule::version_field => HeaderFieldKind::Version(self.lower_text(value)),
            Rule::reviewed_field => HeaderFieldKind::Reviewed(ident(value)),
            Rule::direction_field => HeaderFieldKind::Direction(ident(value)),
            Rule::page_field => HeaderFieldKind::Page(ident(value)),
            rule => unreachable!("not a header field: {rule:?}"),
        };
        Some(HeaderField {
            kind,
            keyword,
            span,
        })
    }

    fn lower_lane(&mut self, pair: Pair<'_, Rule>) -> LaneDecl {
        let span = Span::from(pair.as_span());
        let mut id = None;
        let mut label = None;
        let mut body = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_lane => {}
                Rule::lane_id => id = Some(ident(child)),
                Rule::string | Rule::unterminated_string => label = Some(self.lower_text(child)),
                Rule::lane_block => {
                    body = Some(children(child).map(|item| self.lower_item(item)).collect());
                }
                rule => unreachable!("not in a lane: {rule:?}"),
            }
        }
        LaneDecl {
            id: id.expect("the grammar requires a lane id"),
            label,
            body,
            span,
        }
    }

    fn lower_module(&mut self, pair: Pair<'_, Rule>) -> ModuleDecl {
        let span = Span::from(pair.as_span());
        let mut id = None;
        let mut label = None;
        let mut colors = Vec::new();
        let mut has_block = false;
        let mut attrs: Vec<Pair<'_, Rule>> = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_module => {}
                Rule::module_id => id = Some(ident(child)),
                Rule::string | Rule::unterminated_string => label = Some(self.lower_text(child)),
                Rule::color_attr | Rule::unknown_attr => attrs.push(child),
                Rule::module_block => {
                    has_block = true;
                    attrs.extend(children(child));
                }
                rule => unreachable!("not in a module: {rule:?}"),
            }
        }
        for attr in attrs {
            if attr.as_rule() == Rule::unknown_attr {
                self.unknown_attr(attr, AttrContext::Module);
                continue;
            }
            let value = children(attr)
                .nth(1)
                .expect("the grammar requires a color value");
            colors.push(match value.as_rule() {
                Rule::word => ColorValue::Named(ident(value)),
                _ => ColorValue::Quoted(self.lower_text(value)),
            });
        }
        ModuleDecl {
            id: id.expect("the grammar requires a module id"),
            label,
            colors,
            has_block,
            span,
        }
    }

    fn lower_phase(&mut self, pair: Pair<'_, Rule>) -> PhaseDecl {
        let span = Span::from(pair.as_span());
        let mut id = None;
        let mut label = None;
        let mut colors = Vec::new();
        let mut body = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_phase => {}
                Rule::phase_id => id = Some(ident(child)),
                Rule::string | Rule::unterminated_string => label = Some(self.lower_text(child)),
                Rule::unknown_attr => self.unknown_attr(child, AttrContext::Phase),
                Rule::color_attr => {
                    let value = children(child)
                        .nth(1)
                        .expect("the grammar requires a color value");
                    colors.push(match value.as_rule() {
                        Rule::word => ColorValue::Named(ident(value)),
                        _ => ColorValue::Quoted(self.lower_text(value)),
                    });
                }
                Rule::phase_block => {
                    body = Some(children(child).map(|item| self.lower_item(item)).collect());
                }
                rule => unreachable!("not in a phase: {rule:?}"),
            }
        }
        PhaseDecl {
            id: id.expect("the grammar requires a phase id"),
            label,
            colors,
            body,
            span,
        }
    }

    fn lower_node(&mut self, pair: Pair<'_, Rule>) -> NodeDecl {
        let span = Span::from(pair.as_span());
        let mut kind = None;
        let mut id = None;
        let mut label = None;
        let mut attrs = Vec::new();
        let mut has_block = false;
        let mut attr_pairs: Vec<Pair<'_, Rule>> = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::node_kind => {
                    let node_kind = NodeKind::from_keyword(child.as_str())
                        .expect("the grammar only accepts node kind keywords");
                    kind = Some(Spanned::new(node_kind, child.as_span().into()));
                }
                Rule::node_id => id = Some(ident(child)),
                Rule::string | Rule::unterminated_string => label = Some(self.lower_text(child)),
                Rule::node_block => {
                    has_block = true;
                    attr_pairs.extend(children(child));
                }
                _ => attr_pairs.push(child),
            }
        }
        for attr in attr_pairs {
            if let Some(attr) = self.lower_node_attr(attr) {
                attrs.push(attr);
            }
        }
        NodeDecl {
            kind: kind.expect("the grammar requires a node kind"),
            id: id.expect("the grammar requires a node id"),
            label,
            attrs,
            has_block,
            span,
        }
    }

    fn lower_node_attr(&mut self, pair: Pair<'_, Rule>) -> Option<NodeAttr> {
        let span = Span::from(pair.as_span());
        let rule = pair.as_rule();
        if rule == Rule::unknown_attr {
            self.unknown_attr(pair, AttrContext::Node);
            return None;
        }
        let value = children(pair).nth(1)?;
        let kind = match rule {
            Rule::lane_attr => NodeAttrKind::Lane(ident(value)),
            Rule::module_attr_ref => NodeAttrKind::Module(ident(value)),
            Rule::phase_attr => NodeAttrKind::Phase(ident(value)),
            Rule::input_attr => NodeAttrKind::Input(self.lower_text(value)),
            Rule::output_attr => NodeAttrKind::Output(self.lower_text(value)),
            Rule::note_attr => NodeAttrKind::Note(self.lower_text(value)),
            Rule::calls_attr => NodeAttrKind::Calls(self.lower_text(value)),
            rule => unreachable!("not a node attribute: {rule:?}"),
        };
        Some(NodeAttr { kind, span })
    }

    fn lower_edge(&mut self, pair: Pair<'_, Rule>) -> EdgeChain {
        let span = Span::from(pair.as_span());
        let mut nodes = Vec::new();
        let mut arrows = Vec::new();
        let mut label = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::node_id => nodes.push(ident(child)),
                Rule::control_arrow => {
                    arrows.push(Spanned::new(Arrow::Control, child.as_span().into()))
                }
                Rule::data_arrow => arrows.push(Spanned::new(Arrow::Data, child.as_span().into())),
                Rule::edge_label => label = self.lower_edge_label(child),
                rule => unreachable!("not in an edge: {rule:?}"),
            }
        }
        EdgeChain {
            nodes,
            arrows,
            label,
            span,
        }
    }

    fn lower_edge_label(&mut self, pair: Pair<'_, Rule>) -> Option<Str> {
        let colon = Span::new(pair.as_span().start(), pair.as_span().start() + 1);
        let Some(value) = children(pair).next() else {
            self.diags.push(
                Diag::error(
                    codes::MISSING_LABEL,
                    colon,
                    t("syntax-must-followed-by-quoted-label"),
                )
                .with_help(t("syntax-write-label-after-colon-e")),
            );
            return None;
        };
        if value.as_rule() == Rule::bare_label {
            let raw = value.as_str();
            let text = raw.trim_end();
            let start = value.as_span().start();
            let span = Span::new(start, start + text.len());
            self.diags.push(
                Diag::error(
                    codes::UNQUOTED_LABEL,
                    span,
                    t("syntax-edge-labels-must-quoted"),
                )
                .with_help(t("syntax-write").arg("text", suggested_label(text))),
            );
            return Some(Spanned::new(text.to_owned(), span));
        }
        Some(self.lower_text(value))
    }

    /// Reports an `unknown_attr` pair with the most useful message for `context`.
    fn unknown_attr(&mut self, pair: Pair<'_, Rule>, context: AttrContext) {
        let span = Span::from(pair.as_span());
        let mut inner = children(pair);
        let name_pair = inner.next().expect("an unknown attribute has a name");
        let name = name_pair.as_str();
        let name_span = Span::from(name_pair.as_span());
        let has_value = inner.next().is_some();
        let known = context.known();
        let diag = if known.contains(&name) {
            // A known attribute whose value did not parse.
            let expected = match name {
                "reviewed" => t("attr-expects-date"),
                "direction" => t("attr-expects-direction"),
                "page" => t("attr-expects-page"),
                "lane" => t("expected-a-lane-id"),
                "module" => t("expected-a-module-id"),
                "phase" => t("expected-a-phase-id"),
                "color" => t("attr-expects-color"),
                _ => t("expected-a-quoted-text"),
            };
            Diag::error(
                codes::UNKNOWN_ATTRIBUTE,
                span,
                t("syntax-name-must-followed-by-expected")
                    .arg("name", name)
                    .arg("expected", &expected),
            )
        } else if let Some(owner) = [AttrContext::Header, AttrContext::Module, AttrContext::Node]
            .into_iter()
            .find(|other| other.known().contains(&name))
        {
            let diag = Diag::error(
                codes::UNKNOWN_ATTRIBUTE,
                name_span,
                t("syntax-name-attribute-not")
                    .arg("name", name)
                    .arg("place", owner.place())
                    .arg("place2", context.place()),
            );
            diag.with_help_opt(color_on_node_help(name, context))
        } else if name.eq_ignore_ascii_case("colour") || name.eq_ignore_ascii_case("colors") {
            let diag = Diag::error(
                codes::UNKNOWN_ATTRIBUTE,
                name_span,
                t("syntax-unknown-attribute-name")
                    .arg("name", name)
                    .arg("place", context.place()),
            );
            let help = match context {
                AttrContext::Module | AttrContext::Phase => Some(t("attr-spelled-color")),
                _ => color_on_node_help("color", context)
                    .map(|help| t("attr-spelled-color-and").arg("help", help)),
            };
            diag.with_help_opt(help)
        } else {
            let mut diag = Diag::error(
                codes::UNKNOWN_ATTRIBUTE,
                name_span,
                t("syntax-unknown-attribute-name")
                    .arg("name", name)
                    .arg("place", context.place()),
            );
            let accepts = t("attr-accepts").arg("place", context.place()).arg(
                "known",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            diag.help = Some(match suggest::did_you_mean(name, known.iter().copied()) {
                Some(suggestion) => suggestion,
                None if !has_value && matches!(context, AttrContext::Node) => t("attr-quote-label")
                    .arg("accepts", accepts)
                    .arg("name", name),
                None => accepts,
            });
            diag
        };
        self.diags.push(diag);
    }
}

/// Where a colour goes when it is written on a node or a lane.
/// The quoted label to suggest for an unquoted one: typographic quotes
/// around it (an input method's `“否”`) are taken off rather than kept
/// inside the straight ones.
fn suggested_label(text: &str) -> String {
    let unwrapped = text
        .strip_prefix(|c: char| super::error::is_curly_quote(c))
        .and_then(|inner| inner.strip_suffix(|c: char| super::error::is_curly_quote(c)))
        .unwrap_or(text);
    unwrapped.replace('\\', "\\\\").replace('"', "\\\"")
}

fn color_on_node_help(name: &str, context: AttrContext) -> Option<Message> {
    (name == "color" && !matches!(context, AttrContext::Module | AttrContext::Phase))
        .then(|| t("color-here-help"))
}
