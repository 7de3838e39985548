//! The drawing as a draw.io (diagrams.net) file, uncompressed XML, so an
//! analyst can open it and keep editing — and from there reach Visio and
//! Lucidchart: each lane band a swimlane container, each node a draw.io
//! flowchart shape in its module's colors at our position, each edge an
//! orthogonal connector with our bend points, labels as text.
//!
//! Labels are text, never markup: draw.io reads an `html=1` label as HTML,
//! so each is HTML-escaped, then escaped again as an XML attribute.

use super::xml_attr as attr;
use crate::Compiled;
use crate::layout::{NodeBox, Rect};
use crate::model::{EdgeKind, NodeKind};
use crate::render::{Theme, num};
use std::fmt::Write;

/// The draw.io file of `compiled`'s drawing.
pub fn drawio(compiled: &Compiled) -> String {
    let layout = &compiled.layout;
    let flow = &compiled.flow;
    let title = flow
        .header
        .title
        .as_ref()
        .map_or("crmflow", |title| title.value.as_str());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<mxfile host=\"crmflow\" agent=\"crmflow {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "  <diagram id=\"crmflow\" name=\"{}\">", attr(title));
    let _ = writeln!(
        out,
        "    <mxGraphModel grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageWidth=\"{}\" pageHeight=\"{}\" math=\"0\" shadow=\"0\">",
        num(layout.width),
        num(layout.height)
    );
    out.push_str(
        "      <root>\n        <mxCell id=\"0\"/>\n        <mxCell id=\"1\" parent=\"0\"/>\n",
    );
    let theme = Theme::default();
    lane_cells(&mut out, layout);
    phase_cells(&mut out, layout, &theme);
    node_cells(&mut out, compiled, &theme);
    edge_cells(&mut out, layout);
    out.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    out
}

/// Lane bands: swimlanes whose header runs down their left side (or along
/// the top when the flow runs down).
fn lane_cells(out: &mut String, layout: &crate::layout::Layout) {
    let vertical = layout.direction == crate::model::Direction::Down;
    for (index, band) in layout.lanes.iter().enumerate() {
        let header = if vertical {
            band.header.height
        } else {
            band.header.width
        };
        let style = format!(
            "swimlane;horizontal={};startSize={};html=1;whiteSpace=wrap;fillColor=#e8edf3;swimlaneFillColor=#f8fafc;strokeColor=#c3ccd8;fontStyle=1;",
            if vertical { 1 } else { 0 },
            num(header)
        );
        cell(
            out,
            &format!("lane-{index}"),
            &band.label,
            &style,
            "1",
            &band.rect,
        );
    }
}

/// Phases: a header cell each, and the column below it as an outline that
/// clicks pass through (its sides are the separators). draw.io has no
/// phase container (a lane holds its nodes), so these are plain shapes an
/// analyst can move or restyle; `crmflow=phase` marks them.
fn phase_cells(out: &mut String, layout: &crate::layout::Layout, theme: &Theme) {
    let vertical = layout.direction == crate::model::Direction::Down;
    for (index, phase) in layout.phases.iter().enumerate() {
        let fill = match phase.color {
            Some(color) => theme.module_colors(Some(color), index).fill,
            None => "#e8edf3".to_owned(),
        };
        cell(
            out,
            &format!("phase-{index}"),
            &phase.label,
            &format!(
                "rounded=0;whiteSpace=wrap;html=1;fillColor={fill};strokeColor=#c3ccd8;fontStyle=1;crmflow=phase;"
            ),
            "1",
            &phase.header,
        );
        let below = if vertical {
            Rect::new(
                phase.header.right(),
                phase.rect.y,
                phase.rect.width - phase.header.width,
                phase.rect.height,
            )
        } else {
            Rect::new(
                phase.rect.x,
                phase.header.bottom(),
                phase.rect.width,
                phase.rect.height - phase.header.height,
            )
        };
        cell(
            out,
            &format!("phase-{index}-column"),
            "",
            "rounded=0;html=1;fillColor=none;strokeColor=#94a3b8;pointerEvents=0;crmflow=phase;",
            "1",
            &below,
        );
    }
}

/// Nodes, inside the band that holds them (positions relative to it).
fn node_cells(out: &mut String, compiled: &Compiled, theme: &Theme) {
    let (layout, flow) = (&compiled.layout, &compiled.flow);
    let band_of = |node: &NodeBox| {
        let (cx, cy) = (
            node.rect.x + node.rect.width / 2.0,
            node.rect.y + node.rect.height / 2.0,
        );
        layout.lanes.iter().position(|band| {
            cx >= band.rect.x
                && cx <= band.rect.x + band.rect.width
                && cy >= band.rect.y
                && cy <= band.rect.y + band.rect.height
        })
    };
    for (index, node) in layout.nodes.iter().enumerate() {
        let colors = node
            .module
            .map(|module| theme.module_colors(flow.modules[module].color, module));
        let (fill, stroke) = match &colors {
            Some(colors) => (colors.fill.as_str(), colors.stroke.as_str()),
            None => ("#ffffff", "#334155"),
        };
        let shape = match node.kind {
            NodeKind::Start => "rounded=1;arcSize=50;",
            NodeKind::End => "rounded=1;arcSize=50;strokeWidth=3;",
            NodeKind::Step => "rounded=1;arcSize=10;",
            NodeKind::Decision => "rhombus;",
            NodeKind::Io => "shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=1;",
            NodeKind::Store => "shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=10;",
            NodeKind::Doc => "shape=document;boundedLbl=1;size=0.15;",
            NodeKind::Sub => "shape=process;backgroundOutline=1;",
        };
        let style = format!(
            "{shape}whiteSpace=wrap;html=1;fillColor={fill};strokeColor={stroke};fontColor=#1f2933;"
        );
        // A data shape used by several steps is drawn beside each: the
        // boxes are looked up by id, not by position.
        let mut label = node.lines.join(" ");
        if let Some(source_node) = flow.node(&node.id).map(|id| flow.node_at(id)) {
            label = source_node.label.clone();
            for input in &source_node.inputs {
                label.push_str(&format!("\n→ {}", input.value));
            }
            for output in &source_node.outputs {
                label.push_str(&format!("\n{} →", output.value));
            }
            for note in &source_node.notes {
                label.push_str(&format!("\n({})", note.value));
            }
        }
        let (parent, rect) = match band_of(node) {
            Some(band) => {
                let lane = &layout.lanes[band].rect;
                (
                    format!("lane-{band}"),
                    Rect::new(
                        node.rect.x - lane.x,
                        node.rect.y - lane.y,
                        node.rect.width,
                        node.rect.height,
                    ),
                )
            }
            None => ("1".to_owned(), node.rect),
        };
        cell(out, &format!("n-{index}"), &label, &style, &parent, &rect);
    }
}

/// Edges, glued to their nodes, with their bends and labels.
fn edge_cells(out: &mut String, layout: &crate::layout::Layout) {
    for (index, edge) in layout.edges.iter().enumerate() {
        let dashed = if edge.kind == EdgeKind::Data {
            "dashed=1;dashPattern=6 4;"
        } else {
            ""
        };
        let value = edge
            .label
            .as_ref()
            .map(|label| label.lines.join("\n"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "        <mxCell id=\"e-{index}\" value=\"{}\" style=\"edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=block;endFill=1;strokeColor=#475569;fontColor=#1f2933;labelBackgroundColor=#ffffff;{dashed}\" edge=\"1\" parent=\"1\" source=\"n-{}\" target=\"n-{}\">",
            label_attr(&value),
            edge.from,
            edge.to
        );
        let inner = if edge.points.len() > 2 {
            &edge.points[1..edge.points.len() - 1]
        } else {
            &[]
        };
        if inner.is_empty() {
            out.push_str("          <mxGeometry relative=\"1\" as=\"geometry\"/>\n");
        } else {
            out.push_str("          <mxGeometry relative=\"1\" as=\"geometry\">\n            <Array as=\"points\">\n");
            for point in inner {
                let _ = writeln!(
                    out,
                    "              <mxPoint x=\"{}\" y=\"{}\"/>",
                    num(point.x),
                    num(point.y)
                );
            }
            out.push_str("            </Array>\n          </mxGeometry>\n");
        }
        out.push_str("        </mxCell>\n");
    }
}

fn cell(out: &mut String, id: &str, label: &str, style: &str, parent: &str, rect: &Rect) {
    let _ = writeln!(
        out,
        "        <mxCell id=\"{id}\" value=\"{}\" style=\"{}\" vertex=\"1\" parent=\"{parent}\">\n          <mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>\n        </mxCell>",
        label_attr(label),
        attr(style),
        num(rect.x),
        num(rect.y),
        num(rect.width),
        num(rect.height)
    );
}

/// A label for an `html=1` cell: HTML-escaped text (line breaks as
/// `<br>`), then escaped for the XML attribute.
fn label_attr(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '&' => html.push_str("&amp;"),
            '"' => html.push_str("&quot;"),
            '\n' => html.push_str("<br>"),
            c if c.is_control() => html.push(' '),
            c => html.push(c),
        }
    }
    attr(&html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_nodes_and_edges_with_escaped_labels() {
        let source = crate::SourceFile::new(
            "t.crmflow",
            "lane s \"Sales & <Support>\"\nstart a \"<script>alert(1)</script>\" lane s\nend b \"B\" lane s\nstore db \"DB\"\na -> b : \"x \\\"y\\\"\"\na ..> db\n",
        );
        let compiled = crate::compile(&source, &crate::Options::default()).unwrap();
        let xml = drawio(&compiled);
        assert!(xml.starts_with("<mxfile host=\"crmflow\""));
        assert!(
            xml.contains("value=\"Sales &amp;amp; &amp;lt;Support&amp;gt;\" style=\"swimlane;"),
            "{xml}"
        );
        assert!(
            xml.contains("value=\"&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;\""),
            "{xml}"
        );
        assert!(!xml.contains("<script"), "{xml}");
        assert!(xml.contains("value=\"x &amp;quot;y&amp;quot;\""), "{xml}");
        assert!(xml.contains("parent=\"lane-0\""));
        assert!(xml.contains("dashed=1"));
        assert_eq!(
            xml.matches("vertex=\"1\"").count(),
            1 + 3,
            "one lane, three nodes"
        );
        assert_eq!(xml.matches("edge=\"1\"").count(), 2);
    }
}
