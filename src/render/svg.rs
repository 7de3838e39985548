//! [`Layout`] → SVG text. Infallible, deterministic: the same layout gives
//! the same bytes (fixed precision, stable ids, sorted attributes, no
//! timestamps). Labels are written as text nodes, which the `svg` crate
//! escapes; characters XML cannot carry are replaced.

use super::shapes;
use super::theme::{Theme, num};
use crate::layout::{
    CHIP_FONT_SIZE, CHIP_LINE_HEIGHT, EdgePath, LINE_HEIGHT, Layout, LegendEntry, LegendModule,
    NodeBox, Point, SMALL_FONT_SIZE, SMALL_LINE_HEIGHT, TITLE_FONT_SIZE,
};
use crate::model::{EdgeKind, NodeKind};
use svg::Document;
use svg::node::element::{
    Anchor, Definitions, Description, Group, Marker, Path, Rectangle, Text, Title,
};

/// Corner radius of orthogonal edge bends.
const BEND_RADIUS: f64 = 6.0;

/// The layout's font first, then the theme's fallbacks. Quotes in a font
/// name are dropped (they cannot be escaped inside the list).
fn font_family(layout: &Layout, theme: &Theme) -> String {
    let family: String = layout
        .font_family
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | '\\') && !c.is_control())
        .collect();
    if family.is_empty() {
        theme.fallback_fonts.to_owned()
    } else {
        format!("'{family}', {}", theme.fallback_fonts)
    }
}

/// Renders a layout as an SVG document.
pub fn svg(layout: &Layout, theme: &Theme) -> String {
    svg_with_ids(layout, theme, "")
}

/// Renders a layout as an SVG document whose element ids (and the
/// references to them) all start with `prefix`, so that several drawings
/// can sit inline in one HTML page (`md --inline`, the docs plugins)
/// without one's arrowheads or ids standing in for another's.
pub fn svg_with_ids(layout: &Layout, theme: &Theme, prefix: &str) -> String {
    let title = layout
        .title
        .as_ref()
        .and_then(|t| t.title.clone())
        .unwrap_or_else(|| "Process flow".to_owned());
    let mut document = Document::new()
        .set("width", num(layout.width))
        .set("height", num(layout.height))
        .set(
            "viewBox",
            format!("0 0 {} {}", num(layout.width), num(layout.height)),
        )
        .set("role", "img")
        .set("font-family", font_family(layout, theme))
        .set("font-size", num(crate::layout::FONT_SIZE))
        .add(Title::new(xml_text(&title)));
    if let Some(desc) = layout.title.as_ref().filter(|t| !t.lines.is_empty()) {
        document = document
            .add(Description::new().add(svg::node::Text::new(xml_text(&desc.lines.join("\n")))));
    }
    document = document
        .add(markers(theme, prefix))
        .add(
            Rectangle::new()
                .set("width", num(layout.width))
                .set("height", num(layout.height))
                .set("fill", theme.background),
        )
        .add(lanes(layout, theme, prefix));
    if !layout.phases.is_empty() {
        document = document.add(phases(layout, theme, prefix));
    }
    document = document
        .add(edges(layout, theme, prefix))
        .add(nodes(layout, theme, prefix))
        .add(edge_labels(layout, theme, prefix));
    if let Some(title) = title_block(layout, theme) {
        document = document.add(title);
    }
    if let Some(legend) = legend(layout, theme, prefix) {
        document = document.add(legend);
    }
    let mut out = document.to_string();
    out.push('\n');
    out
}

/// Replaces characters that XML 1.0 cannot carry (most control characters)
/// with U+FFFD; escaping of `&`, `<`, `>` is left to the `svg` crate.
fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A text element; the label is text content, never markup.
fn text(content: &str, x: f64, y: f64, anchor: &str) -> Text {
    Text::new(xml_text(content))
        .set("x", num(x))
        .set("y", num(y))
        .set("text-anchor", anchor)
        .set("dominant-baseline", "central")
}

/// Lines of text centred on (cx, cy).
fn text_lines(lines: &[String], cx: f64, cy: f64, line_height: f64, mut group: Group) -> Group {
    let top = cy - (lines.len() as f64 - 1.0) * line_height / 2.0;
    for (index, line) in lines.iter().enumerate() {
        group = group.add(text(line, cx, top + index as f64 * line_height, "middle"));
    }
    group
}

fn markers(theme: &Theme, prefix: &str) -> Definitions {
    let arrow = |id: &str| {
        Marker::new()
            .set("id", id)
            .set("viewBox", "0 0 10 10")
            .set("refX", "9")
            .set("refY", "5")
            .set("markerWidth", "7")
            .set("markerHeight", "7")
            .set("markerUnits", "userSpaceOnUse")
            .set("orient", "auto")
            .add(
                Path::new()
                    .set("d", "M0 0L10 5L0 10Z")
                    .set("fill", theme.edge),
            )
    };
    Definitions::new().add(arrow(&format!("{prefix}arrow")))
}

fn lanes(layout: &Layout, theme: &Theme, prefix: &str) -> Group {
    let mut group = Group::new().set("class", "lanes");
    for lane in &layout.lanes {
        let fill = theme.lane_fills[lane.index % 2];
        let id = if lane.id.is_empty() {
            format!("{prefix}lane--")
        } else {
            format!("{prefix}lane-{}", lane.id)
        };
        let mut band = Group::new()
            .set("id", id)
            .set("class", "lane")
            .add(
                rect(&lane.rect)
                    .set("fill", fill)
                    .set("stroke", theme.lane_stroke),
            )
            .add(
                rect(&lane.header)
                    .set("fill", theme.lane_header)
                    .set("stroke", theme.lane_stroke),
            );
        let center = lane.header.center();
        band = text_lines(
            &lane.lines,
            center.x,
            center.y,
            LINE_HEIGHT,
            band.set("font-weight", "bold").set("fill", theme.text),
        );
        group = group.add(band);
    }
    group
}

/// Phase columns: a header cell each (tinted with the phase's color, if
/// any), the empty corner where the lane and phase headers meet, and a
/// separator across every lane between two columns.
fn phases(layout: &Layout, theme: &Theme, prefix: &str) -> Group {
    let mut group = Group::new().set("class", "phases");
    if let (Some(lane), Some(phase)) = (layout.lanes.first(), layout.phases.first()) {
        let corner = match layout.direction {
            crate::model::Direction::Right => crate::layout::Rect::new(
                lane.header.x,
                phase.header.y,
                lane.header.width,
                phase.header.height,
            ),
            crate::model::Direction::Down => crate::layout::Rect::new(
                phase.header.x,
                lane.header.y,
                phase.header.width,
                lane.header.height,
            ),
        };
        group = group.add(
            rect(&corner)
                .set("class", "corner")
                .set("fill", theme.lane_header)
                .set("stroke", theme.lane_stroke),
        );
    }
    for phase in &layout.phases {
        let fill = match phase.color {
            Some(color) => theme.module_colors(Some(color), phase.index).fill,
            None => theme.lane_header.to_owned(),
        };
        let cell = Group::new()
            .set("id", format!("{prefix}phase-{}", phase.id))
            .set("class", "phase")
            .add(
                rect(&phase.header)
                    .set("fill", fill)
                    .set("stroke", theme.lane_stroke),
            );
        let center = phase.header.center();
        group = group.add(text_lines(
            &phase.lines,
            center.x,
            center.y,
            LINE_HEIGHT,
            cell.set("font-weight", "bold").set("fill", theme.text),
        ));
    }
    for phase in layout.phases.iter().skip(1) {
        let r = &phase.rect;
        let d = match layout.direction {
            crate::model::Direction::Right => {
                format!("M{} {}V{}", num(r.x), num(r.y), num(r.bottom()))
            }
            crate::model::Direction::Down => {
                format!("M{} {}H{}", num(r.x), num(r.y), num(r.right()))
            }
        };
        group = group.add(
            Path::new()
                .set("class", "separator")
                .set("d", d)
                .set("fill", "none")
                .set("stroke", theme.phase_separator)
                .set("stroke-width", "1.5"),
        );
    }
    group
}

fn rect(r: &crate::layout::Rect) -> Rectangle {
    Rectangle::new()
        .set("x", num(r.x))
        .set("y", num(r.y))
        .set("width", num(r.width))
        .set("height", num(r.height))
}

/// Path data for an orthogonal polyline with rounded bends.
fn rounded_polyline(points: &[Point]) -> String {
    let mut d = String::new();
    let Some(first) = points.first() else {
        return d;
    };
    d.push_str(&format!("M{} {}", num(first.x), num(first.y)));
    for index in 1..points.len() {
        let point = points[index];
        if let Some(next) = points.get(index + 1) {
            let previous = points[index - 1];
            let into = (point.x - previous.x).abs() + (point.y - previous.y).abs();
            let out = (next.x - point.x).abs() + (next.y - point.y).abs();
            let radius = BEND_RADIUS.min(into / 2.0).min(out / 2.0);
            let toward = |from: Point, to: Point, distance: f64| {
                let length = (to.x - from.x).abs() + (to.y - from.y).abs();
                if length == 0.0 {
                    from
                } else {
                    Point::new(
                        from.x + (to.x - from.x) / length * distance,
                        from.y + (to.y - from.y) / length * distance,
                    )
                }
            };
            let before = toward(point, previous, radius);
            let after = toward(point, *next, radius);
            d.push_str(&format!(
                "L{} {}Q{} {} {} {}",
                num(before.x),
                num(before.y),
                num(point.x),
                num(point.y),
                num(after.x),
                num(after.y)
            ));
        } else {
            d.push_str(&format!("L{} {}", num(point.x), num(point.y)));
        }
    }
    d
}

fn edges(layout: &Layout, theme: &Theme, prefix: &str) -> Group {
    let mut group = Group::new()
        .set("class", "edges")
        .set("fill", "none")
        .set("stroke", theme.edge)
        .set("stroke-width", "1.5");
    for (index, edge) in layout.edges.iter().enumerate() {
        group = group.add(edge_path(layout, index, edge, prefix));
    }
    group
}

fn edge_path(layout: &Layout, index: usize, edge: &EdgePath, prefix: &str) -> Path {
    let kind = match edge.kind {
        EdgeKind::Control => "control",
        EdgeKind::Data => "data",
    };
    let mut path = Path::new()
        .set("id", format!("{prefix}edge-{index}"))
        .set(
            "class",
            format!("edge {kind}{}", if edge.back { " back" } else { "" }),
        )
        .set("d", rounded_polyline(&edge.points))
        .set("marker-end", format!("url(#{prefix}arrow)"))
        .set("data-from", layout.nodes[edge.from].id.as_str())
        .set("data-to", layout.nodes[edge.to].id.as_str());
    if edge.kind == EdgeKind::Data {
        path = path.set("stroke-dasharray", "6 4");
    }
    path
}

fn edge_labels(layout: &Layout, theme: &Theme, prefix: &str) -> Group {
    let mut group = Group::new()
        .set("class", "edge-labels")
        .set("font-size", num(SMALL_FONT_SIZE));
    for (index, edge) in layout.edges.iter().enumerate() {
        let Some(label) = &edge.label else { continue };
        let center = label.rect.center();
        let mut item = Group::new()
            .set("id", format!("{prefix}edge-{index}-label"))
            .add(
                rect(&label.rect)
                    .set("rx", "3")
                    .set("fill", theme.label_halo)
                    .set("fill-opacity", "0.92"),
            );
        item = text_lines(
            &label.lines,
            center.x,
            center.y,
            SMALL_LINE_HEIGHT,
            item.set("fill", theme.muted_text),
        );
        group = group.add(item);
    }
    group
}

fn nodes(layout: &Layout, theme: &Theme, prefix: &str) -> Group {
    let mut group = Group::new().set("class", "nodes");
    // Data shapes drawn more than once: every copy and what it copies.
    let mut duplicated = vec![false; layout.nodes.len()];
    for (index, node) in layout.nodes.iter().enumerate() {
        if let Some(original) = node.copy_of {
            duplicated[index] = true;
            duplicated[original] = true;
        }
    }
    for (node, &duplicated) in layout.nodes.iter().zip(&duplicated) {
        let shape = node_shape(layout, node, duplicated, theme, prefix);
        match node.link.as_deref().and_then(link_target) {
            Some(href) => group = group.add(Anchor::new().set("href", href).add(shape)),
            None => group = group.add(shape),
        }
    }
    group
}

fn node_shape(
    layout: &Layout,
    node: &NodeBox,
    duplicated: bool,
    theme: &Theme,
    prefix: &str,
) -> Group {
    let (fill, stroke) = match node
        .module
        .and_then(|m| layout.legend.as_ref().map(|l| &l.modules[m]))
    {
        Some(LegendModule { color, index, .. }) => {
            let colors = theme.module_colors(*color, *index);
            (colors.fill, colors.stroke)
        }
        None => (theme.node_fill.to_owned(), theme.node_stroke.to_owned()),
    };
    let stroke_width = if node.kind == NodeKind::End && node.off_page.is_none() {
        "3"
    } else {
        "1.5"
    };
    let (class, outline) = match &node.off_page {
        Some(_) => (
            "node off-page".to_owned(),
            off_page_outline(&node.rect, layout.direction),
        ),
        None => (
            format!("node {}", node.kind.keyword()),
            shapes::outline(node.kind, &node.rect),
        ),
    };
    let mut group = Group::new()
        .set("id", format!("{prefix}node-{}", node.id))
        .set("class", class)
        .add(
            Path::new()
                .set("d", outline)
                .set("fill", fill)
                .set("stroke", stroke.as_str())
                .set("stroke-width", stroke_width),
        );
    if let Some(details) = shapes::details(node.kind, &node.rect) {
        group = group.add(
            Path::new()
                .set("d", details)
                .set("fill", "none")
                .set("stroke", stroke.as_str())
                .set("stroke-width", "1.5"),
        );
    }
    let mark = crate::layout::shape::duplicate_mark(node.kind, &node.rect);
    if duplicated && !mark.is_empty() {
        group = group.add(
            Path::new()
                .set("class", "duplicate")
                .set("d", shapes::path_data(&mark))
                .set("fill", "none")
                .set("stroke", stroke.as_str())
                .set("stroke-width", "1.5"),
        );
    }
    for chip in &node.chips {
        let r = &chip.rect;
        group = group.add(
            rect(r)
                .set("rx", "7")
                .set(
                    "class",
                    if chip.output {
                        "chip output"
                    } else {
                        "chip input"
                    },
                )
                .set("fill", theme.label_halo)
                .set("stroke", stroke.as_str())
                .set("stroke-width", "1"),
        );
        let chip_text = text_lines(
            &chip.lines,
            r.x + r.width / 2.0,
            r.y + r.height / 2.0,
            CHIP_LINE_HEIGHT,
            Group::new()
                .set("font-size", num(CHIP_FONT_SIZE))
                .set("fill", theme.text),
        );
        group = group.add(chip_text);
    }
    for note in &node.notes {
        let r = &note.rect;
        group = group
            .add(rect(r).set("class", "note").set("fill", theme.note_fill))
            .add(
                Path::new()
                    .set(
                        "d",
                        format!("M{} {}V{}", num(r.x + 1.0), num(r.y), num(r.bottom())),
                    )
                    .set("stroke", stroke.as_str())
                    .set("stroke-width", "2"),
            );
        let mut lines = Group::new()
            .set("font-size", num(CHIP_FONT_SIZE))
            .set("font-style", "italic")
            .set("fill", theme.muted_text);
        let top = r.y + r.height / 2.0 - (note.lines.len() as f64 - 1.0) * CHIP_LINE_HEIGHT / 2.0;
        for (index, line) in note.lines.iter().enumerate() {
            lines = lines.add(text(
                line,
                r.x + 8.0,
                top + index as f64 * CHIP_LINE_HEIGHT,
                "start",
            ));
        }
        group = group.add(lines);
    }
    text_lines(
        &node.lines,
        node.label_center.x,
        node.label_center.y,
        LINE_HEIGHT,
        group.set("fill", theme.text),
    )
}

/// The off-page connector: a box with its far end pointed along the flow
/// (the flowchart symbol, Visio's "off-page reference").
fn off_page_outline(r: &crate::layout::Rect, direction: crate::model::Direction) -> String {
    use crate::model::Direction;
    match direction {
        Direction::Right => {
            let tip = (r.height / 2.0).min(r.width * 0.25);
            format!(
                "M{} {}H{}L{} {}L{} {}H{}Z",
                num(r.x),
                num(r.y),
                num(r.right() - tip),
                num(r.right()),
                num(r.y + r.height / 2.0),
                num(r.right() - tip),
                num(r.bottom()),
                num(r.x)
            )
        }
        Direction::Down => {
            let tip = (r.height * 0.35).min(r.width / 2.0);
            format!(
                "M{} {}H{}V{}L{} {}L{} {}Z",
                num(r.x),
                num(r.y),
                num(r.right()),
                num(r.bottom() - tip),
                num(r.x + r.width / 2.0),
                num(r.bottom()),
                num(r.x),
                num(r.bottom() - tip)
            )
        }
    }
}

/// The rendered file a `sub` links to: `x.crmflow` → `x.svg`, with
/// everything but unreserved URL characters and `/` percent-encoded (UTF-8
/// bytes). Only a relative path to a `.crmflow` file becomes a link: no
/// scheme (`javascript:`, `http:`), no absolute path, no backslash, so a
/// link in the drawing can only ever open a sibling drawing.
pub fn link_target(calls: &str) -> Option<String> {
    let stem = calls.strip_suffix(".crmflow")?;
    let relative = !stem.is_empty()
        && !calls.starts_with('/')
        && !calls.contains(['\\', ':'])
        && !calls.chars().any(char::is_control);
    if !relative {
        return None;
    }
    let mut encoded = String::new();
    for byte in format!("{stem}.svg").bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(encoded)
}

fn title_block(layout: &Layout, theme: &Theme) -> Option<Group> {
    let block = layout.title.as_ref()?;
    let mut group = Group::new().set("class", "title").set("fill", theme.text);
    let mut y = block.rect.y;
    if let Some(title) = &block.title {
        group = group.add(
            text(title, block.rect.x, y + TITLE_FONT_SIZE * 0.6, "start")
                .set("font-size", num(TITLE_FONT_SIZE))
                .set("font-weight", "bold"),
        );
        y += TITLE_FONT_SIZE * 1.4;
    }
    for line in &block.lines {
        group = group.add(
            text(line, block.rect.x, y + SMALL_LINE_HEIGHT / 2.0, "start")
                .set("font-size", num(SMALL_FONT_SIZE))
                .set("fill", theme.muted_text),
        );
        y += SMALL_LINE_HEIGHT;
    }
    Some(group)
}

/// A legend sample's box, its left end at `x`, centred on `y`.
fn swatch(x: f64, y: f64, fill: &str, stroke: &str) -> Rectangle {
    Rectangle::new()
        .set("x", num(x))
        .set("y", num(y - 6.0))
        .set("width", "24")
        .set("height", "12")
        .set("rx", "2")
        .set("fill", fill)
        .set("stroke", stroke)
}

fn legend(layout: &Layout, theme: &Theme, prefix: &str) -> Option<Group> {
    let legend = layout.legend.as_ref()?;
    let mut group = Group::new()
        .set("class", "legend")
        .set("font-size", num(SMALL_FONT_SIZE))
        .add(
            rect(&legend.rect)
                .set("rx", "4")
                .set("fill", theme.background)
                .set("stroke", theme.lane_stroke),
        );
    for item in &legend.items {
        let (x, y) = (item.at.x, item.at.y);
        let label = match item.kind {
            LegendEntry::Module(index) => {
                let module = &legend.modules[index];
                let colors = theme.module_colors(module.color, module.index);
                group = group.add(swatch(x, y, &colors.fill, &colors.stroke));
                module.label.as_str()
            }
            LegendEntry::ControlFlow | LegendEntry::DataFlow => {
                let dashed = item.kind == LegendEntry::DataFlow;
                let mut line = Path::new()
                    .set("d", format!("M{} {}H{}", num(x), num(y), num(x + 24.0)))
                    .set("stroke", theme.edge)
                    .set("stroke-width", "1.5")
                    .set("marker-end", format!("url(#{prefix}arrow)"));
                if dashed {
                    line = line.set("stroke-dasharray", "6 4");
                }
                group = group.add(line);
                if dashed {
                    legend.edge_words.1.as_str()
                } else {
                    legend.edge_words.0.as_str()
                }
            }
            LegendEntry::Duplicate => {
                // A small box with the mark inside its left end.
                group = group
                    .add(swatch(x, y, theme.node_fill, theme.node_stroke))
                    .add(
                        Path::new()
                            .set(
                                "d",
                                format!("M{} {}V{}", num(x + 5.0), num(y - 3.0), num(y + 3.0)),
                            )
                            .set("stroke", theme.node_stroke)
                            .set("stroke-width", "1.5"),
                    );
                legend.duplicate_words.as_str()
            }
        };
        group = group.add(text(label, x + 32.0, y, "start").set("fill", theme.text));
    }
    Some(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_rendered_file() {
        assert_eq!(
            link_target("lead-qualification.crmflow").as_deref(),
            Some("lead-qualification.svg")
        );
        assert_eq!(
            link_target("a \"b\".crmflow").as_deref(),
            Some("a%20%22b%22.svg")
        );
        assert_eq!(
            link_target("../子流程.crmflow").as_deref(),
            Some("../%E5%AD%90%E6%B5%81%E7%A8%8B.svg")
        );
    }

    #[test]
    fn only_relative_crmflow_paths_become_links() {
        for hostile in [
            "javascript:alert(1)//.crmflow",
            "javascript:alert(1)",
            "http://evil.example/x.crmflow",
            "/etc/x.crmflow",
            "C:\\x.crmflow",
            "a\u{1b}b.crmflow",
            ".crmflow",
        ] {
            assert_eq!(link_target(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn control_characters_never_reach_xml() {
        assert_eq!(xml_text("a\u{1}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn bends_are_rounded() {
        let d = rounded_polyline(&[
            Point::new(0.0, 0.0),
            Point::new(20.0, 0.0),
            Point::new(20.0, 20.0),
        ]);
        assert_eq!(d, "M0 0L14 0Q20 0 20 6L20 20");
    }
}
