//! The canonical layout of a `.crmflow` file (`crmflow fmt`).
//!
//! Takes: a parsed [`Ast`] and its [`SourceFile`] (for comments and blank
//! lines). Gives: the file's text in canonical form:
//! - one space around arrows and before an edge label's `:`;
//! - the columns of consecutive declarations of one kind aligned (keyword,
//!   id, label), header fields aligned after their keywords;
//! - strings re-quoted with the canonical escapes (`\"`, `\\`, `\n`);
//! - blocks indented two spaces, one attribute per line;
//! - at most one blank line in a row, and one between sections (header,
//!   lanes, modules, nodes, edges);
//! - every comment kept: a comment on its own line stays before the line
//!   that followed it, a trailing comment stays at the end of its line.
//!
//! - the file's own line endings (CRLF, LF or CR, whichever most of its
//!   lines end with; LF on a tie) and its byte-order mark, if it has one;
//! - labelled edges aligned over a run of them (source, arrow, target,
//!   `:`); an unlabelled edge ends the run.
//!
//! Formatting is idempotent and keeps the meaning: the formatted file
//! resolves to the same flow (both are tested over every example, template
//! and generated flows).

use crate::SourceFile;
use crate::model::Flow;
use crate::syntax::{
    Arrow, Ast, ColorValue, EdgeChain, HeaderFieldKind, Item, LaneDecl, ModuleDecl, NodeAttr,
    NodeAttrKind, NodeDecl, PhaseDecl,
};

/// What a line is, for alignment and section breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Header,
    Lane,
    Module,
    Phase,
    Node,
    Edge,
    /// Lines inside a block (attributes, closing brace).
    Inner,
}

/// One output line before comments are put back.
struct Line {
    indent: usize,
    /// Cells to align with the lines of the same run, then the rest.
    cells: Vec<String>,
    rest: String,
    /// The source line it comes from (1-based).
    source_line: usize,
    section: Section,
    /// A `}` line: a comment just before it belongs inside the block.
    closes: bool,
}

/// Formats a parsed file.
pub fn format(source: &SourceFile, ast: &Ast) -> String {
    let mut lines = Vec::new();
    for item in &ast.items {
        item_lines(source, item, 0, &mut lines);
    }
    let blank_before = blank_lines(source);
    let mut comments: Vec<_> = ast.comments.iter().collect();
    comments.sort_by_key(|comment| comment.span.start);

    // Own-line comments go before the first line that came after them.
    let mut out = String::new();
    let mut pending = comments
        .iter()
        .filter(|comment| !comment.trailing)
        .peekable();
    let trailing: Vec<_> = comments.iter().filter(|comment| comment.trailing).collect();
    let widths = column_widths(&lines, &blank_before);
    let mut previous: Option<(usize, Section)> = None;
    let mut emitted_any = false;
    for (index, line) in lines.iter().enumerate() {
        while let Some(comment) =
            pending.next_if(|c| source.line_col(c.span.start).line < line.source_line)
        {
            let at = source.line_col(comment.span.start).line;
            if emitted_any && blank_before.get(at).copied().unwrap_or(false) {
                out.push('\n');
            }
            let indent = line.indent + if line.closes { 2 } else { 0 };
            out.push_str(&" ".repeat(indent));
            out.push('#');
            out.push_str(comment.text.trim_end());
            out.push('\n');
            emitted_any = true;
            previous = None;
        }
        let section_break = previous.is_some_and(|(indent, section)| {
            indent == line.indent
                && section != line.section
                && line.section != Section::Inner
                && section != Section::Inner
        });
        let source_blank = blank_before.get(line.source_line).copied().unwrap_or(false)
            && line.section != Section::Inner
            && !line.closes;
        if emitted_any && (section_break || source_blank) && !out.ends_with("{\n") {
            out.push('\n');
        }
        let mut text = " ".repeat(line.indent);
        let count = line.cells.len();
        for (column, cell) in line.cells.iter().enumerate() {
            text.push_str(cell);
            let last = column + 1 == count && line.rest.is_empty();
            if !last {
                let width = widths[index].get(column).copied().unwrap_or(0);
                let pad = width.saturating_sub(display_width(cell)) + 1;
                text.push_str(&" ".repeat(pad));
            }
        }
        text.push_str(&line.rest);
        let mut text = text.trim_end().to_owned();
        for comment in trailing
            .iter()
            .filter(|c| source.line_col(c.span.start).line == line.source_line)
        {
            // Only the first output line from a source line takes it.
            if lines[..index]
                .iter()
                .any(|l| l.source_line == line.source_line)
            {
                break;
            }
            text.push_str("  #");
            text.push_str(comment.text.trim_end());
        }
        out.push_str(&text);
        out.push('\n');
        emitted_any = true;
        previous = Some((line.indent, line.section));
    }
    // Comments after the last statement.
    for comment in pending {
        let at = source.line_col(comment.span.start).line;
        if emitted_any && blank_before.get(at).copied().unwrap_or(false) {
            out.push('\n');
        }
        out.push('#');
        out.push_str(comment.text.trim_end());
        out.push('\n');
        emitted_any = true;
    }
    let newline = line_ending(source.text());
    let mut text = String::with_capacity(out.len() + 3);
    if source.text().starts_with('\u{FEFF}') {
        text.push('\u{FEFF}');
    }
    if newline == "\n" {
        text.push_str(&out);
    } else {
        // Strings are quoted with `\n` escapes and comments end at a line
        // break, so every `\n` here is a line ending.
        text.push_str(&out.replace('\n', newline));
    }
    text
}

/// The line ending most lines of `text` end with (`\r\n`, `\n` or a lone
/// `\r`); `\n` on a tie or for a single line.
fn line_ending(text: &str) -> &'static str {
    let (mut crlf, mut lf, mut cr) = (0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\n' if at > 0 && bytes[at - 1] == b'\r' => crlf += 1,
            b'\n' => lf += 1,
            b'\r' if bytes.get(at + 1) != Some(&b'\n') => cr += 1,
            _ => {}
        }
    }
    if crlf > lf && crlf >= cr {
        "\r\n"
    } else if cr > lf && cr > crlf {
        "\r"
    } else {
        "\n"
    }
}

/// The lines of `text`, broken at `\r\n`, `\n` or a lone `\r` (as
/// [`SourceFile::line_col`] counts them).
fn source_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\r', '\n']) {
            Some(at) => {
                let width = if text[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&text[at + width..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// `blank[n]`: source line `n` (1-based) has a blank line right before it.
fn blank_lines(source: &SourceFile) -> Vec<bool> {
    let mut blank = vec![false; 2];
    let mut previous_blank = false;
    for line in source_lines(source.text()) {
        blank.push(previous_blank);
        previous_blank = line.trim().is_empty();
    }
    // blank[1] is for line 1.
    blank.remove(0);
    blank
}

/// For each line, the width of each of its cells' columns: the widest
/// cell in that column over the run the line belongs to. A run is the
/// lines of one section at one indentation with no blank line between
/// them; the contents of a block in between (deeper lines, the closing
/// brace) and comments do not break it. An edge without a label ends a
/// run of edges.
fn column_widths(lines: &[Line], blank_before: &[bool]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    // The open run at each indentation.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.closes {
            continue;
        }
        open.retain(|&(indent, _)| indent <= line.indent);
        // As written: a blank line inside a block is dropped, so it does
        // not split the run either (else a second `fmt` would align what
        // the first did not).
        let blank = blank_before.get(line.source_line).copied().unwrap_or(false)
            && line.section != Section::Inner;
        let current = open
            .iter()
            .find(|(indent, _)| *indent == line.indent)
            .map(|&(_, run)| run);
        // Edge labels align over consecutive labelled edges only.
        let unlabelled_edge = line.section == Section::Edge && line.cells.is_empty();
        match current {
            Some(run)
                if !blank && !unlabelled_edge && lines[runs[run][0]].section == line.section =>
            {
                runs[run].push(index)
            }
            _ => {
                runs.push(vec![index]);
                open.retain(|&(indent, _)| indent != line.indent);
                open.push((line.indent, runs.len() - 1));
            }
        }
    }
    let mut widths = vec![Vec::new(); lines.len()];
    for run in runs {
        let columns = run.iter().map(|&i| lines[i].cells.len()).max().unwrap_or(0);
        let width: Vec<usize> = (0..columns)
            .map(|column| {
                let mut cells: Vec<usize> = run
                    .iter()
                    .filter_map(|&i| lines[i].cells.get(column))
                    .map(|cell| display_width(cell))
                    .collect();
                cells.sort_unstable();
                // Like gofmt: one much longer cell does not push the whole
                // column out; it just takes a single space.
                let median = cells[cells.len() / 2];
                let limit = (2 * median).max(median + 8);
                cells.into_iter().filter(|&w| w <= limit).max().unwrap_or(0)
            })
            .collect();
        for &i in &run {
            widths[i].clone_from(&width);
        }
    }
    widths
}

/// Columns a text takes in a monospace editor (CJK characters take two).
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// A string literal with the canonical escapes.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What a flow means, without where it was written: two files with the
/// same meaning draw and lint the same. `crmflow fmt` checks that the
/// formatted file means what the original did before writing it.
pub fn meaning(flow: &Flow) -> String {
    use std::fmt::Write;
    let header = &flow.header;
    let value = |text: &Option<crate::source::Spanned<String>>| {
        text.as_ref().map(|text| text.value.clone())
    };
    let mut out = format!(
        "title {:?} goal {:?} owner {:?} version {:?} reviewed {:?} direction {:?} {:?} page {:?}\n",
        value(&header.title),
        value(&header.goal),
        value(&header.owner),
        value(&header.version),
        header.reviewed.as_ref().map(|date| date.value),
        header.direction,
        header.direction_set,
        header.page,
    );
    for lane in &flow.lanes {
        let _ = writeln!(out, "lane {:?} {:?}", lane.id, lane.label);
    }
    for module in &flow.modules {
        let _ = writeln!(
            out,
            "module {:?} {:?} {:?}",
            module.id, module.label, module.color
        );
    }
    let values = |list: &[crate::source::Spanned<String>]| {
        list.iter()
            .map(|item| item.value.clone())
            .collect::<Vec<_>>()
    };
    for phase in &flow.phases {
        let _ = writeln!(
            out,
            "phase {:?} {:?} {:?}",
            phase.id, phase.label, phase.color
        );
    }
    for node in &flow.nodes {
        let _ = writeln!(
            out,
            "node {:?} {:?} {:?} lane {:?} module {:?} phase {:?} in {:?} out {:?} notes {:?} calls {:?}",
            node.id,
            node.kind,
            node.label,
            node.lane,
            node.module,
            node.phase,
            values(&node.inputs),
            values(&node.outputs),
            values(&node.notes),
            node.calls.as_ref().map(|calls| &calls.value),
        );
    }
    for edge in &flow.edges {
        let _ = writeln!(
            out,
            "edge {:?} {:?} {:?} {:?}",
            edge.from,
            edge.to,
            edge.kind,
            edge.label.as_ref().map(|label| &label.value)
        );
    }
    for comment in &flow.comments {
        let _ = writeln!(out, "comment {:?}", comment.text.trim_end());
    }
    out
}

fn line_of(source: &SourceFile, offset: usize) -> usize {
    source.line_col(offset).line
}

fn item_lines(source: &SourceFile, item: &Item, indent: usize, lines: &mut Vec<Line>) {
    match item {
        Item::Flow(flow) => {
            let head = match &flow.title {
                Some(title) => format!("flow {}", quote(&title.value)),
                None => "flow".to_owned(),
            };
            let start = line_of(source, flow.span.start);
            if flow.fields.is_empty() && !has_block(source, flow.span) {
                lines.push(simple(indent, head, start, Section::Header));
                return;
            }
            lines.push(simple(indent, format!("{head} {{"), start, Section::Header));
            for field in &flow.fields {
                let (keyword, value) = match &field.kind {
                    HeaderFieldKind::Goal(text) => ("goal", quote(&text.value)),
                    HeaderFieldKind::Owner(text) => ("owner", quote(&text.value)),
                    HeaderFieldKind::Version(text) => ("version", quote(&text.value)),
                    HeaderFieldKind::Reviewed(date) => ("reviewed", date.value.clone()),
                    HeaderFieldKind::Direction(word) => ("direction", word.value.clone()),
                    HeaderFieldKind::Page(word) => ("page", word.value.clone()),
                };
                lines.push(line(
                    indent + 2,
                    vec![keyword.to_owned()],
                    value,
                    line_of(source, field.span.start),
                    Section::Inner,
                ));
            }
            lines.push(closing(source, indent, flow.span.end, Section::Header));
        }
        Item::Lane(lane) => lane_lines(source, lane, indent, lines),
        Item::Module(module) => module_lines(source, module, indent, lines),
        Item::Phase(phase) => phase_lines(source, phase, indent, lines),
        Item::Node(node) => node_lines(source, node, indent, lines),
        Item::Edge(edge) => {
            let (chain, label) = edge_text(edge);
            let at = line_of(source, edge.span.start);
            lines.push(match label {
                // `from  ->  to  : "label"`, each part in its column.
                Some(label) if edge.arrows.len() == 1 => {
                    let arrow = match edge.arrows[0].value {
                        Arrow::Control => "->",
                        Arrow::Data => "..>",
                    };
                    let cells = vec![
                        edge.nodes[0].value.clone(),
                        arrow.to_owned(),
                        edge.nodes[1].value.clone(),
                    ];
                    line(indent, cells, label, at, Section::Edge)
                }
                Some(label) => line(indent, vec![chain], label, at, Section::Edge),
                None => simple(indent, chain, at, Section::Edge),
            });
        }
    }
}

fn simple(indent: usize, text: String, source_line: usize, section: Section) -> Line {
    line(indent, Vec::new(), text, source_line, section)
}

fn line(
    indent: usize,
    cells: Vec<String>,
    rest: String,
    source_line: usize,
    section: Section,
) -> Line {
    Line {
        indent,
        cells,
        rest,
        source_line,
        section,
        closes: false,
    }
}

fn closing(source: &SourceFile, indent: usize, end: usize, section: Section) -> Line {
    Line {
        indent,
        cells: Vec::new(),
        rest: "}".to_owned(),
        source_line: line_of(source, end.saturating_sub(1)),
        section,
        closes: true,
    }
}

/// Whether a declaration's text has a `{` outside strings and comments.
fn has_block(source: &SourceFile, span: crate::Span) -> bool {
    brace(source.slice(span)).is_some()
}

/// The offset of the first `{` outside strings and comments.
fn brace(text: &str) -> Option<usize> {
    crate::syntax::code_chars(text)
        .find(|&(_, c)| c == '{')
        .map(|(at, _)| at)
}

fn lane_lines(source: &SourceFile, lane: &LaneDecl, indent: usize, lines: &mut Vec<Line>) {
    let mut cells = vec!["lane".to_owned(), lane.id.value.clone()];
    let start = line_of(source, lane.span.start);
    let label = lane.label.as_ref().map(|label| quote(&label.value));
    let Some(body) = &lane.body else {
        cells.extend(label);
        lines.push(line(indent, cells, String::new(), start, Section::Lane));
        return;
    };
    let head = match label {
        Some(label) => format!("lane {} {label} {{", lane.id.value),
        None => format!("lane {} {{", lane.id.value),
    };
    lines.push(simple(indent, head, start, Section::Lane));
    for item in body {
        item_lines(source, item, indent + 2, lines);
    }
    lines.push(closing(source, indent, lane.span.end, Section::Lane));
}

/// `phase id "label" color c`, aligned with the phases around it; with a
/// block, its statements indented inside.
fn phase_lines(source: &SourceFile, phase: &PhaseDecl, indent: usize, lines: &mut Vec<Line>) {
    let start = line_of(source, phase.span.start);
    let label = phase.label.as_ref().map(|label| quote(&label.value));
    let colors = phase
        .colors
        .iter()
        .map(|color| format!("color {}", color_text(color)))
        .collect::<Vec<_>>()
        .join(" ");
    let Some(body) = &phase.body else {
        let mut cells = vec![
            "phase".to_owned(),
            phase.id.value.clone(),
            label.unwrap_or_default(),
        ];
        if colors.is_empty() && cells[2].is_empty() {
            cells.pop();
        }
        lines.push(line(indent, cells, colors, start, Section::Phase));
        return;
    };
    let mut head = format!("phase {}", phase.id.value);
    for part in label
        .into_iter()
        .chain((!colors.is_empty()).then_some(colors))
    {
        head.push(' ');
        head.push_str(&part);
    }
    head.push_str(" {");
    lines.push(simple(indent, head, start, Section::Phase));
    for item in body {
        item_lines(source, item, indent + 2, lines);
    }
    lines.push(closing(source, indent, phase.span.end, Section::Phase));
}

fn color_text(color: &ColorValue) -> String {
    match color {
        ColorValue::Named(word) => word.value.clone(),
        ColorValue::Quoted(text) => quote(&text.value),
    }
}

fn module_lines(source: &SourceFile, module: &ModuleDecl, indent: usize, lines: &mut Vec<Line>) {
    let start = line_of(source, module.span.start);
    let label = module.label.as_ref().map(|label| quote(&label.value));
    if module.has_block {
        let mut head = format!("module {}", module.id.value);
        if let Some(label) = label {
            head.push(' ');
            head.push_str(&label);
        }
        head.push_str(" {");
        lines.push(simple(indent, head, start, Section::Module));
        for color in &module.colors {
            lines.push(line(
                indent + 2,
                vec!["color".to_owned()],
                color_text(color),
                line_of(source, color.span().start),
                Section::Inner,
            ));
        }
        lines.push(closing(source, indent, module.span.end, Section::Module));
        return;
    }
    let mut cells = vec![
        "module".to_owned(),
        module.id.value.clone(),
        label.unwrap_or_default(),
    ];
    let rest = module
        .colors
        .iter()
        .map(|color| format!("color {}", color_text(color)))
        .collect::<Vec<_>>()
        .join(" ");
    if rest.is_empty() && cells[2].is_empty() {
        cells.pop();
    }
    lines.push(line(indent, cells, rest, start, Section::Module));
}

fn attr_text(attr: &NodeAttr) -> String {
    match &attr.kind {
        NodeAttrKind::Lane(id) => format!("lane {}", id.value),
        NodeAttrKind::Module(id) => format!("module {}", id.value),
        NodeAttrKind::Phase(id) => format!("phase {}", id.value),
        NodeAttrKind::Input(text) => format!("input {}", quote(&text.value)),
        NodeAttrKind::Output(text) => format!("output {}", quote(&text.value)),
        NodeAttrKind::Note(text) => format!("note {}", quote(&text.value)),
        NodeAttrKind::Calls(text) => format!("calls {}", quote(&text.value)),
    }
}

fn node_lines(source: &SourceFile, node: &NodeDecl, indent: usize, lines: &mut Vec<Line>) {
    let start = line_of(source, node.span.start);
    // Attributes before the `{` stay on the declaration's line.
    let block_at = if node.has_block {
        brace(source.slice(node.span)).map(|at| node.span.start + at)
    } else {
        None
    };
    let (inline, block): (Vec<&NodeAttr>, Vec<&NodeAttr>) = node
        .attrs
        .iter()
        .partition(|attr| block_at.is_none_or(|brace| attr.span.start < brace));
    let mut cells = vec![
        node.kind.value.keyword().to_owned(),
        node.id.value.clone(),
        node.label
            .as_ref()
            .map(|label| quote(&label.value))
            .unwrap_or_default(),
    ];
    let mut rest = inline
        .iter()
        .map(|attr| attr_text(attr))
        .collect::<Vec<_>>()
        .join(" ");
    if block_at.is_some() {
        if !rest.is_empty() {
            rest.push(' ');
        }
        rest.push('{');
    }
    if rest.is_empty() && cells[2].is_empty() {
        cells.pop();
    }
    lines.push(line(indent, cells, rest, start, Section::Node));
    if block_at.is_some() {
        for attr in block {
            let text = attr_text(attr);
            let (keyword, value) = text.split_once(' ').unwrap_or((&text, ""));
            lines.push(line(
                indent + 2,
                vec![keyword.to_owned()],
                value.to_owned(),
                line_of(source, attr.span.start),
                Section::Inner,
            ));
        }
        lines.push(closing(source, indent, node.span.end, Section::Node));
    }
}

/// An edge's chain (`a -> b ..> c`) and its label part (`: "yes"`).
fn edge_text(edge: &EdgeChain) -> (String, Option<String>) {
    let mut text = edge.nodes[0].value.clone();
    for (arrow, node) in edge.arrows.iter().zip(&edge.nodes[1..]) {
        text.push_str(match arrow.value {
            Arrow::Control => " -> ",
            Arrow::Data => " ..> ",
        });
        text.push_str(&node.value);
    }
    let label = edge
        .label
        .as_ref()
        .map(|label| format!(": {}", quote(&label.value)));
    (text, label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        let source = SourceFile::new("t.crmflow", text);
        format(&source, &crate::syntax::parse(&source).unwrap())
    }

    #[test]
    fn aligns_declarations_and_normalises_spacing() {
        let text = "lane sdr \"Sales\"\nlane legal   \"Legal\"\n\nstep a \"A\"   lane sdr\ndecision long_id \"Ok?\"\nend z \"Z\"\n\na->long_id ..>z:\"yes\"\n";
        assert_eq!(
            fmt(text),
            "lane sdr   \"Sales\"\nlane legal \"Legal\"\n\nstep     a       \"A\"   lane sdr\ndecision long_id \"Ok?\"\nend      z       \"Z\"\n\na -> long_id ..> z : \"yes\"\n"
        );
    }

    #[test]
    fn keeps_comments_and_blocks() {
        let text = "# Title comment\nflow \"T\" {\n  goal \"G\"   # why\n  # owner next\n  owner \"O\"\n}\n\n\n\nstep a \"A\" {\n input \"Form\"\n   note \"n\" # trailing\n}\n# last\n";
        let expected = "# Title comment\nflow \"T\" {\n  goal  \"G\"  # why\n  # owner next\n  owner \"O\"\n}\n\nstep a \"A\" {\n  input \"Form\"\n  note  \"n\"  # trailing\n}\n# last\n";
        assert_eq!(fmt(text), expected);
        assert_eq!(fmt(expected), expected);
    }

    #[test]
    fn quotes_canonically() {
        assert_eq!(quote("say \"hi\"\\\nnext"), "\"say \\\"hi\\\"\\\\\\nnext\"");
    }
}
