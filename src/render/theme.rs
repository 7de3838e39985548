//! Colors, strokes and fonts of a drawing, and fixed-precision numbers.

use crate::model::{Color, NamedColor};

/// The look of a drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Canvas background.
    pub background: &'static str,
    /// Node fill when a node has no module.
    pub node_fill: &'static str,
    /// Node outline when a node has no module.
    pub node_stroke: &'static str,
    /// Label text.
    pub text: &'static str,
    /// Secondary text (title block lines, legend).
    pub muted_text: &'static str,
    /// Edge lines and arrowheads.
    pub edge: &'static str,
    /// Lane band fills, alternating.
    pub lane_fills: [&'static str; 2],
    /// Lane header cell fill.
    pub lane_header: &'static str,
    /// Lane separators.
    pub lane_stroke: &'static str,
    /// Background behind edge labels.
    pub label_halo: &'static str,
    /// Font family list written into the SVG.
    pub font_family: &'static str,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            background: "#ffffff",
            node_fill: "#f8fafc",
            node_stroke: "#475569",
            text: "#1e293b",
            muted_text: "#475569",
            edge: "#475569",
            lane_fills: ["#f8fafc", "#f1f5f9"],
            lane_header: "#e2e8f0",
            lane_stroke: "#cbd5e1",
            label_halo: "#ffffff",
            font_family: "'CrmFlow Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
        }
    }
}

/// Fill and stroke for a module's nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleColors {
    /// Light tint behind the label (dark text stays ≥ 4.5:1).
    pub fill: String,
    /// Outline.
    pub stroke: String,
}

impl Theme {
    /// The colors for a module: its declared color, or a palette pick by
    /// declaration position.
    pub fn module_colors(&self, color: Option<Color>, index: usize) -> ModuleColors {
        let (r, g, b) =
            match color.unwrap_or(Color::Named(NamedColor::ALL[index % NamedColor::ALL.len()])) {
                Color::Named(named) => named_rgb(named),
                Color::Rgb(r, g, b) => (r, g, b),
            };
        // Tint: 85 % white over the color keeps dark text readable.
        let tint = |c: u8| (f64::from(c) * 0.15 + 255.0 * 0.85).round() as u8;
        ModuleColors {
            fill: hex(tint(r), tint(g), tint(b)),
            stroke: hex(r, g, b),
        }
    }
}

/// The palette: a color-blind-aware set (after Okabe–Ito) with enough
/// contrast as strokes on white.
fn named_rgb(color: NamedColor) -> (u8, u8, u8) {
    match color {
        NamedColor::Blue => (0x1f, 0x6f, 0xb4),
        NamedColor::Green => (0x1b, 0x8a, 0x5a),
        NamedColor::Yellow => (0xc9, 0x9a, 0x06),
        NamedColor::Orange => (0xd9, 0x6c, 0x06),
        NamedColor::Red => (0xc0, 0x39, 0x2b),
        NamedColor::Purple => (0x7b, 0x4f, 0xa8),
        NamedColor::Teal => (0x0f, 0x86, 0x8a),
        NamedColor::Gray => (0x64, 0x74, 0x8b),
    }
}

fn hex(r: u8, g: u8, b: u8) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A number with at most two decimals and no trailing zeros, so output is
/// byte-stable and compact.
pub fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-2.25), "-2.25");
    }

    #[test]
    fn module_tints_are_light() {
        let colors = Theme::default().module_colors(Some(Color::Named(NamedColor::Blue)), 0);
        assert_eq!(colors.stroke, "#1f6fb4");
        assert_eq!(colors.fill, "#dde9f4");
    }
}
