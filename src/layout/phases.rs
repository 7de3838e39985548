//! Phase columns — phases (stages) as columns across the lanes
//! (`direction right`; rows for `down`), each a run of consecutive layers
//! (design note "Phases and pages" §1).
//!
//! Layering keeps every node of phase i in the ranks phase i owns (see
//! [`super::layering`]); here the layers are placed along `r` with a
//! separator in the gap between the last layer of one phase and the first
//! of the next. In that gap the edges' vertical runs (channel slots) come
//! first, [`CHANNEL`] apart from the layer's end, and the separator at
//! least [`SLOT_CLEARANCE`] beyond the last of them and
//! [`SEPARATOR_CLEARANCE`] from any box or label on either side (yFiles'
//! column insets; half the usual gap between layers, so a boundary costs
//! no more room than any other gap). A phase with no node is a column of its header's
//! width between two separators. A column is at least as long as its
//! header needs; what it lacks is added half before its first layer and
//! half after its last, so its nodes stay centred in it.
//!
//! Takes layer depths, gap widths and slot counts from routing; gives layer
//! positions and the phases' spans. Postcondition ([`spans_are_valid`]):
//! the spans are consecutive and in order, each at least its header's
//! extent, and every layer of a phase lies inside its span with the
//! separator clearance on both sides.

use super::measure::TextMeasure;
use super::routing::{CHANNEL, LayerPlacement, RANK_GAP};
use std::ops::Range;

/// Least room between a separator and a box or label.
pub(crate) const SEPARATOR_CLEARANCE: f64 = 16.0;
/// Least room between a separator and the nearest vertical run.
const SLOT_CLEARANCE: f64 = 12.0;

/// A phase as routing sees it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PhaseInput {
    /// The layers it owns (empty for a phase with no node).
    pub layers: Range<usize>,
    /// The least extent along `r` its column may have (its header's).
    pub min_extent: f64,
}

/// Places layers phase by phase (see the module documentation).
pub(crate) fn place_layers(
    r_start: f64,
    depth: &[f64],
    gap_width: &[f64],
    slot_counts: &[usize],
    phases: &[PhaseInput],
) -> LayerPlacement {
    let layer_count = depth.len();
    let mut pad = vec![0.0; phases.len()];
    let mut placement = place_once(r_start, depth, gap_width, slot_counts, phases, &pad);
    let mut short = false;
    for (phase, input) in phases.iter().enumerate() {
        let (from, to) = placement.phase_spans[phase];
        let lack = input.min_extent - (to - from);
        if lack > 0.5 && !input.layers.is_empty() {
            pad[phase] = lack / 2.0;
            short = true;
        }
    }
    if short {
        placement = place_once(r_start, depth, gap_width, slot_counts, phases, &pad);
    }
    debug_assert_eq!(placement.layer_start.len(), layer_count);
    placement
}

fn place_once(
    r_start: f64,
    depth: &[f64],
    gap_width: &[f64],
    slot_counts: &[usize],
    phases: &[PhaseInput],
    pad: &[f64],
) -> LayerPlacement {
    let layer_count = depth.len();
    let mut layer_start = vec![0.0; layer_count];
    let mut slot_room = gap_width.to_vec();
    let mut spans = Vec::with_capacity(phases.len());
    let mut r = r_start;
    for (phase, input) in phases.iter().enumerate() {
        let start = r;
        if input.layers.is_empty() {
            r += input.min_extent;
            spans.push((start, r));
            continue;
        }
        r += if phase == 0 {
            RANK_GAP / 2.0
        } else {
            SEPARATOR_CLEARANCE
        } + pad[phase];
        let last = input.layers.end - 1;
        for layer in input.layers.clone() {
            layer_start[layer] = r;
            r += depth[layer];
            if layer < last {
                r += gap_width[layer];
            }
        }
        let separator_follows = phase + 1 < phases.len();
        let slots = slot_counts.get(last).copied().unwrap_or(0);
        let trailing = if slots > 0 {
            // The runs turning after the phase's last layer, then the
            // separator clear of them.
            slot_room[last] = (slots as f64 + 1.0) * CHANNEL;
            (slots as f64 * CHANNEL + SLOT_CLEARANCE).max(SEPARATOR_CLEARANCE)
        } else if separator_follows {
            SEPARATOR_CLEARANCE
        } else {
            RANK_GAP / 2.0
        };
        r += trailing + pad[phase];
        spans.push((start, r));
    }
    LayerPlacement {
        layer_start,
        slot_room,
        r_extent: r,
        phase_spans: spans,
    }
}

/// The postcondition (see the module documentation).
pub(crate) fn spans_are_valid(
    spans: &[(f64, f64)],
    phases: &[PhaseInput],
    layer_start: &[f64],
    layer_end: &[f64],
) -> bool {
    const EPS: f64 = 1e-6;
    let consecutive = spans.windows(2).all(|w| (w[0].1 - w[1].0).abs() < EPS);
    let long_enough = spans
        .iter()
        .zip(phases)
        .all(|(&(from, to), input)| to - from >= input.min_extent - 0.5 - EPS);
    let inside = spans.iter().zip(phases).all(|(&(from, to), input)| {
        input.layers.clone().all(|layer| {
            layer_start[layer] >= from + RANK_GAP / 2.0 - EPS
                && layer_end[layer] <= to - RANK_GAP / 2.0 + EPS
        })
    });
    consecutive && long_enough && inside
}

/// The phases' headers: each label broken into lines, the least extent
/// along `r` each column needs for it, and the thickness across the flow
/// of the band the headers sit in.
pub(crate) struct Headers {
    pub lines: Vec<Vec<String>>,
    pub min_extent: Vec<f64>,
    pub thickness: f64,
}

/// Widest a phase label runs before it wraps: across a column for
/// `direction right`, in the header column at the left for `down`.
const HEADER_WRAP: (f64, f64) = (180.0, 120.0);
/// A column is never shorter along the flow than this.
const MIN_COLUMN: (f64, f64) = (96.0, 64.0);
/// Room around a header's text.
const HEADER_PAD: (f64, f64) = (16.0, 8.0);

/// Measures the headers of `labels` in bold [`super::typography::FONT_SIZE`] text.
pub(crate) fn measure_headers(labels: &[&str], measure: &dyn TextMeasure, down: bool) -> Headers {
    let bold = super::measure::Bold(measure);
    let wrap_at = if down { HEADER_WRAP.1 } else { HEADER_WRAP.0 };
    let lines: Vec<Vec<String>> = labels
        .iter()
        .map(|label| {
            // Never narrower than the label's longest word.
            let longest = label
                .split_whitespace()
                .map(|word| bold.width(word, super::typography::FONT_SIZE))
                .fold(0.0, f64::max);
            super::wrap(
                label,
                wrap_at.max(longest.ceil()),
                super::typography::FONT_SIZE,
                &bold,
            )
        })
        .collect();
    let sizes: Vec<(f64, f64)> = lines
        .iter()
        .map(|lines| {
            super::measure::text_block(
                lines,
                super::typography::FONT_SIZE,
                super::typography::LINE_HEIGHT,
                &bold,
                HEADER_PAD.0,
                HEADER_PAD.1,
            )
        })
        .collect();
    // Along the flow: a column's width (right) or a row's height (down);
    // across it: the band's height (right) or the column's width (down).
    let (min_column, along, across): (f64, Vec<f64>, Vec<f64>) = if down {
        (
            MIN_COLUMN.1,
            sizes.iter().map(|s| s.1 + HEADER_PAD.0).collect(),
            sizes.iter().map(|s| s.0).collect(),
        )
    } else {
        (
            MIN_COLUMN.0,
            sizes.iter().map(|s| s.0).collect(),
            sizes.iter().map(|s| s.1).collect(),
        )
    };
    Headers {
        lines,
        min_extent: along.iter().map(|&a| a.max(min_column)).collect(),
        thickness: across.iter().copied().fold(36.0, f64::max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(layers: Range<usize>, min_extent: f64) -> PhaseInput {
        PhaseInput { layers, min_extent }
    }

    #[test]
    fn separators_clear_the_slots_and_the_boxes() {
        // Three layers of 100; phase 0 owns layers 0–1, phase 1 layer 2;
        // two runs turn after layer 1, at the boundary.
        let depth = [100.0; 3];
        let gaps = [32.0, 48.0, 0.0];
        let phases = [phase(0..2, 0.0), phase(2..3, 0.0)];
        let placed = place_layers(0.0, &depth, &gaps, &[0, 2, 0], &phases);
        let separator = placed.phase_spans[0].1;
        let end_of_layer_1 = placed.layer_start[1] + 100.0;
        // Runs at 16 and 32 after the layer; the separator 12 beyond.
        assert_eq!(placed.slot_room[1], 48.0);
        assert_eq!(separator, end_of_layer_1 + 44.0);
        assert_eq!(placed.layer_start[2], separator + SEPARATOR_CLEARANCE);
        let ends: Vec<f64> = placed.layer_start.iter().map(|s| s + 100.0).collect();
        assert!(spans_are_valid(
            &placed.phase_spans,
            &phases,
            &placed.layer_start,
            &ends
        ));
    }

    #[test]
    fn a_short_phase_grows_around_its_nodes_and_an_empty_one_keeps_its_header() {
        let depth = [40.0, 40.0];
        let gaps = [32.0, 0.0];
        let phases = [phase(0..1, 200.0), phase(1..1, 96.0), phase(1..2, 0.0)];
        let placed = place_layers(10.0, &depth, &gaps, &[0, 0], &phases);
        let (from, to) = placed.phase_spans[0];
        assert!((to - from - 200.0).abs() < 1e-9);
        // Centred: as much room before the layer as after it.
        let before = placed.layer_start[0] - from;
        let after = to - (placed.layer_start[0] + 40.0);
        assert!((before - after).abs() < 1e-9, "{before} {after}");
        let (empty_from, empty_to) = placed.phase_spans[1];
        assert_eq!(empty_to - empty_from, 96.0);
        assert_eq!(placed.layer_start[1], empty_to + SEPARATOR_CLEARANCE);
    }
}
