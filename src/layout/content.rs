//! What a node box holds: its label, its inputs and outputs as chips, and
//! its notes as annotation strips.
//!
//! Everything sits inside the node's own box, so a dense flow gains no
//! extra objects to place or route around and nothing can overlap: the
//! label on top; under it two columns of chips, inputs on the left (the
//! side work comes in from, `→ text`) and outputs on the right (`text →`);
//! under those, each note as a tinted strip with an accent bar. The box
//! grows to fit (phase 4 and 5 only ever see its size).

use super::measure::text_block;
use super::measure::{TextMeasure, wrap};
use super::types::{Chip, NoteStrip, Point, Rect};
use super::typography::{CHIP_FONT_SIZE, CHIP_LINE_HEIGHT, FONT_SIZE, LINE_HEIGHT};
use crate::model::{Node, NodeKind};

/// Widest chip text before it wraps.
const CHIP_TEXT_WIDTH: f64 = 120.0;
/// Widest note text before it wraps.
const NOTE_TEXT_WIDTH: f64 = 170.0;
const CHIP_PAD_X: f64 = 6.0;
const CHIP_PAD_Y: f64 = 2.0;
const NOTE_PAD_X: f64 = 8.0;
/// Space between stacked chips or notes, and between the two columns.
const GAP: f64 = 4.0;
/// Space between the label and what follows it.
const SECTION_GAP: f64 = 8.0;
/// Most lines of a decision's question before its diamond grows wider.
const MAX_DECISION_LINES: usize = 3;
/// How much wider than usual a decision's text may grow to keep to
/// [`MAX_DECISION_LINES`].
const MAX_DECISION_WIDENING: f64 = 2.0;
/// A question of more lines than this is long prose: widening cannot bring
/// it to three lines, so it is not tried.
const MAX_WIDENED_LINES: usize = 8;

/// A node's content, measured.
#[derive(Clone)]
pub(crate) struct NodeContent {
    pub lines: Vec<String>,
    label: (f64, f64),
    inputs: Vec<(Vec<String>, f64, f64)>,
    outputs: Vec<(Vec<String>, f64, f64)>,
    notes: Vec<(Vec<String>, f64, f64)>,
}

fn chip_block(
    text: String,
    width: f64,
    pad_x: f64,
    measure: &dyn TextMeasure,
) -> (Vec<String>, f64, f64) {
    let lines = wrap(&text, width, CHIP_FONT_SIZE, measure);
    let (w, h) = text_block(
        &lines,
        CHIP_FONT_SIZE,
        CHIP_LINE_HEIGHT,
        measure,
        pad_x,
        CHIP_PAD_Y,
    );
    (lines, w.ceil(), h)
}

impl NodeContent {
    /// Wraps and measures everything a node shows.
    /// `label_width` is the widest the label may be; notes wrap at the same
    /// proportion of their usual width.
    pub fn measure(node: &Node, label_width: f64, measure: &dyn TextMeasure) -> NodeContent {
        let usual = super::shape::label_width(node.kind);
        let scale = label_width / usual;
        let chips = |texts: &[crate::source::Spanned<String>], input: bool| {
            texts
                .iter()
                .map(|t| {
                    let text = if input {
                        format!("→ {}", t.value)
                    } else {
                        format!("{} →", t.value)
                    };
                    chip_block(text, CHIP_TEXT_WIDTH, CHIP_PAD_X, measure)
                })
                .collect()
        };
        let mut content = NodeContent {
            inputs: chips(&node.inputs, true),
            outputs: chips(&node.outputs, false),
            notes: Vec::new(),
            lines: Vec::new(),
            label: (0.0, 0.0),
        };
        // Notes wrap at their usual width, or as wide as the chips above
        // them when those are wider.
        let (chips_width, _) = content.extras();
        let note_width = (NOTE_TEXT_WIDTH * scale)
            .max(CHIP_TEXT_WIDTH)
            .max(chips_width - 2.0 * NOTE_PAD_X);
        content.notes = node
            .notes
            .iter()
            .map(|n| chip_block(n.value.clone(), note_width, NOTE_PAD_X, measure))
            .collect();
        // The label uses the box's width: chips or notes wider than the
        // label's usual width widen the box, and the label then takes it.
        let (extras_width, _) = content.extras();
        // A narrower box never splits a word: at least the longest one
        // (up to the usual width, past which any text must break).
        let longest = super::measure::longest_piece(&node.label, FONT_SIZE, measure);
        let mut label_width = label_width.max(longest.min(usual)).max(extras_width);
        let mut lines = wrap(&node.label, label_width, FONT_SIZE, measure);
        // A question reads in at most three lines: a diamond grows wider
        // (up to twice its usual width) rather than taller.
        if node.kind == NodeKind::Decision && lines.len() <= MAX_WIDENED_LINES {
            let widest = usual * MAX_DECISION_WIDENING;
            while lines.len() > MAX_DECISION_LINES && label_width < widest {
                label_width = (label_width * 1.15).min(widest);
                lines = wrap(&node.label, label_width, FONT_SIZE, measure);
            }
        }
        content.label = text_block(&lines, FONT_SIZE, LINE_HEIGHT, measure, 0.0, 0.0);
        content.lines = lines;
        content
    }

    fn column(blocks: &[(Vec<String>, f64, f64)]) -> (f64, f64) {
        let width = blocks.iter().map(|b| b.1).fold(0.0, f64::max);
        let height: f64 =
            blocks.iter().map(|b| b.2).sum::<f64>() + GAP * blocks.len().saturating_sub(1) as f64;
        (width, height)
    }

    /// Width and height of the chips and notes under the label.
    fn extras(&self) -> (f64, f64) {
        let (in_w, in_h) = Self::column(&self.inputs);
        let (out_w, out_h) = Self::column(&self.outputs);
        let (note_w, note_h) = Self::column(&self.notes);
        let both = !self.inputs.is_empty() && !self.outputs.is_empty();
        let chips_w = in_w + out_w + if both { 2.0 * GAP } else { 0.0 };
        let chips_h = in_h.max(out_h);
        let mut height = 0.0;
        for part in [chips_h, note_h] {
            if part > 0.0 {
                height += SECTION_GAP + part;
            }
        }
        (chips_w.max(note_w), height)
    }

    /// The text block the shape must hold.
    pub fn size(&self) -> (f64, f64) {
        let (w, h) = self.extras();
        (self.label.0.max(w), self.label.1 + h)
    }

    /// Positions inside the node's box: the label's centre, the chips and
    /// the notes.
    pub fn place(&self, kind: NodeKind, rect: &Rect) -> (Point, Vec<Chip>, Vec<NoteStrip>) {
        let Point { x: cx, y: cy } = super::shape::label_center(kind, rect);
        let (_, total_h) = self.size();
        let top = cy - total_h / 2.0;
        let center = Point::new(cx, top + self.label.1 / 2.0);
        let mut y = top + self.label.1;
        let (extras_w, _) = self.extras();
        let left = cx - extras_w / 2.0;
        let right = cx + extras_w / 2.0;
        let mut chips = Vec::new();
        let (_, in_h) = Self::column(&self.inputs);
        let (_, out_h) = Self::column(&self.outputs);
        if in_h.max(out_h) > 0.0 {
            y += SECTION_GAP;
            for (blocks, output) in [(&self.inputs, false), (&self.outputs, true)] {
                let mut row = y;
                for (lines, width, height) in blocks {
                    let x = if output { right - width } else { left };
                    chips.push(Chip {
                        rect: Rect::new(x, row, *width, *height),
                        lines: lines.clone(),
                        output,
                    });
                    row += height + GAP;
                }
            }
            y += in_h.max(out_h);
        }
        let mut notes = Vec::new();
        if !self.notes.is_empty() {
            y += SECTION_GAP;
            for (lines, _, height) in &self.notes {
                notes.push(NoteStrip {
                    rect: Rect::new(left, y, extras_w, *height),
                    lines: lines.clone(),
                });
                y += height + GAP;
            }
        }
        (center, chips, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{ApproxMeasure, shape};
    use crate::model::Flow;

    fn node_of(text: &str) -> Flow {
        crate::check(&crate::SourceFile::new("t.crmflow", text)).unwrap()
    }

    fn inside(inner: &Rect, outer: &Rect) -> bool {
        inner.x >= outer.x - 1e-9
            && inner.y >= outer.y - 1e-9
            && inner.right() <= outer.right() + 1e-9
            && inner.bottom() <= outer.bottom() + 1e-9
    }

    #[test]
    fn chips_and_notes_sit_under_the_label_inside_the_box_without_overlap() {
        let flow = node_of(
            "step s \"Qualify the lead\" {\n  input \"Web form\"\n  input \"Call notes from the first meeting\"\n  output \"Scored lead\"\n  note \"Within two working days\"\n}\n",
        );
        let node = &flow.nodes[0];
        let content = NodeContent::measure(node, shape::label_width(node.kind), &ApproxMeasure);
        let (w, h) = content.size();
        let (bw, bh) = shape::size_for(node.kind, (w, h));
        let rect = Rect::new(100.0, 50.0, bw, bh);
        let (label, chips, notes) = content.place(node.kind, &rect);
        assert_eq!(chips.len(), 3);
        assert_eq!(notes.len(), 1);
        let mut boxes: Vec<&Rect> = chips.iter().map(|c| &c.rect).collect();
        boxes.extend(notes.iter().map(|n| &n.rect));
        for (i, a) in boxes.iter().enumerate() {
            assert!(inside(a, &rect), "{a:?} outside {rect:?}");
            assert!(a.y > label.y, "under the label");
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        // Inputs on the left, the output on the right, the note below both.
        let (inputs, outputs): (Vec<&Chip>, Vec<&Chip>) = chips.iter().partition(|c| !c.output);
        assert!(inputs.iter().all(|c| c.rect.x < outputs[0].rect.x));
        assert!(inputs[0].lines.concat().starts_with('→'));
        assert!(outputs[0].lines.concat().ends_with('→'));
        let chips_bottom = chips.iter().map(|c| c.rect.bottom()).fold(0.0, f64::max);
        assert!(notes[0].rect.y >= chips_bottom);
    }

    #[test]
    fn a_narrow_box_never_splits_a_word() {
        let flow = node_of("step s \"Reconciliation\"\n");
        let node = &flow.nodes[0];
        let content = NodeContent::measure(node, 20.0, &ApproxMeasure);
        assert_eq!(content.lines, ["Reconciliation"]);
    }

    #[test]
    fn a_label_takes_the_width_its_chips_give_the_box() {
        let flow = node_of(
            "step s \"Review the health and renewal risk of every key account\" {\n  input \"Usage report of the last quarter\"\n  output \"Health score and the risks found\"\n}\n",
        );
        let node = &flow.nodes[0];
        let content = NodeContent::measure(node, shape::label_width(node.kind), &ApproxMeasure);
        let (extras, _) = content.extras();
        assert!(
            extras > shape::label_width(node.kind),
            "the chips widen the box: {extras}"
        );
        assert_eq!(content.lines.len(), 2, "{:?}", content.lines);
    }

    #[test]
    fn a_question_keeps_to_three_lines_by_growing_wider() {
        let flow =
            node_of("decision d \"Budget, need and timing confirmed by the buying committee?\"\n");
        let node = &flow.nodes[0];
        let content = NodeContent::measure(node, shape::label_width(node.kind), &ApproxMeasure);
        assert!(content.lines.len() <= 3, "{:?}", content.lines);
    }

    #[test]
    fn a_number_is_never_a_line_of_its_own() {
        let flow = node_of("step s \"12. Creditworthiness assessment\"\n");
        let node = &flow.nodes[0];
        for scale in [0.6, 0.8, 1.0] {
            let width = shape::label_width(node.kind) * scale;
            let content = NodeContent::measure(node, width, &ApproxMeasure);
            assert!(content.lines[0].starts_with("12. "), "{:?}", content.lines);
        }
    }
}
