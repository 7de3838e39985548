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
    /// Lines between phase columns, across the lanes.
    pub phase_separator: &'static str,
    /// Background behind edge labels, and of input/output chips.
    pub label_halo: &'static str,
    /// Background of note strips.
    pub note_fill: &'static str,
    /// How module colors become node fills and outlines.
    pub module_style: ModuleStyle,
    /// Families after the layout's own font in the SVG's `font-family`,
    /// for viewers that lack it (browsers showing the SVG).
    pub fallback_fonts: &'static str,
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
            phase_separator: "#94a3b8",
            label_halo: "#ffffff",
            note_fill: "#fdf6d8",
            fallback_fonts: FALLBACK_FONTS,
            module_style: ModuleStyle::LightTint,
        }
    }
}

const FALLBACK_FONTS: &str =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/// How a module's color is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStyle {
    /// A light tint of the color behind dark text, the color as outline.
    LightTint,
    /// A dark shade of the color behind light text, a lighter outline.
    DarkShade,
    /// Gray levels by module (distinct when printed in black and white),
    /// black outlines.
    Grayscale,
}

/// One theme on offer: the registry every place that lists themes reads
/// (`--theme`, `render.theme` in crmflow.yaml, the watch page's menu and
/// its rendered variants, the docs). A new theme is a constructor plus one
/// line in [`THEMES`].
#[derive(Clone, Copy, Debug)]
pub struct ThemeEntry {
    /// Its name on the command line and in crmflow.yaml.
    pub name: &'static str,
    /// What it is for, for `--help` and the watch page.
    pub summary: &'static str,
    /// Whether it draws on a dark canvas (the watch page darkens its own
    /// chrome to match).
    pub dark: bool,
    /// The theme itself.
    pub build: fn() -> Theme,
}

/// Every theme, the default first.
pub const THEMES: &[ThemeEntry] = &[
    ThemeEntry {
        name: "default",
        summary: "module colors on white",
        dark: false,
        build: Theme::default,
    },
    ThemeEntry {
        name: "print",
        summary: "black and white, modules as gray levels",
        dark: false,
        build: Theme::print,
    },
    ThemeEntry {
        name: "dark",
        summary: "light on dark, for projectors",
        dark: true,
        build: Theme::dark,
    },
];

/// The names of [`THEMES`], in order.
pub const THEME_NAMES: [&str; THEMES.len()] = {
    let mut names = [""; THEMES.len()];
    let mut i = 0;
    while i < THEMES.len() {
        names[i] = THEMES[i].name;
        i += 1;
    }
    names
};

impl Theme {
    /// A theme by name (one of [`THEME_NAMES`]).
    pub fn named(name: &str) -> Option<Theme> {
        THEMES
            .iter()
            .find(|entry| entry.name == name)
            .map(|entry| (entry.build)())
    }

    /// Black on white, modules as gray levels: safe on a grayscale printer.
    pub fn print() -> Theme {
        Theme {
            background: "#ffffff",
            node_fill: "#ffffff",
            node_stroke: "#000000",
            text: "#000000",
            muted_text: "#333333",
            edge: "#000000",
            lane_fills: ["#ffffff", "#f4f4f4"],
            lane_header: "#e0e0e0",
            lane_stroke: "#808080",
            phase_separator: "#404040",
            label_halo: "#ffffff",
            note_fill: "#ffffff",
            fallback_fonts: FALLBACK_FONTS,
            module_style: ModuleStyle::Grayscale,
        }
    }

    /// Light text on a dark slate canvas, for screens and projectors.
    pub fn dark() -> Theme {
        Theme {
            background: "#0f172a",
            node_fill: "#1e293b",
            node_stroke: "#94a3b8",
            text: "#e2e8f0",
            muted_text: "#cbd5e1",
            edge: "#94a3b8",
            lane_fills: ["#0f172a", "#131d33"],
            lane_header: "#1e293b",
            lane_stroke: "#334155",
            phase_separator: "#64748b",
            label_halo: "#0f172a",
            note_fill: "#2b2a1e",
            fallback_fonts: FALLBACK_FONTS,
            module_style: ModuleStyle::DarkShade,
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
        let mix = |c: u8, over: f64, amount: f64| {
            (f64::from(c) * amount + over * (1.0 - amount)).round() as u8
        };
        match self.module_style {
            // 85 % white over the color keeps dark text readable.
            ModuleStyle::LightTint => ModuleColors {
                fill: hex(
                    mix(r, 255.0, 0.15),
                    mix(g, 255.0, 0.15),
                    mix(b, 255.0, 0.15),
                ),
                stroke: hex(r, g, b),
            },
            // 30 % of the color over the dark canvas; the outline halfway
            // to white so it shows on the dark fill.
            ModuleStyle::DarkShade => ModuleColors {
                fill: hex(mix(r, 15.0, 0.3), mix(g, 23.0, 0.3), mix(b, 42.0, 0.3)),
                stroke: hex(mix(r, 255.0, 0.6), mix(g, 255.0, 0.6), mix(b, 255.0, 0.6)),
            },
            ModuleStyle::Grayscale => {
                const LEVELS: [u8; 4] = [0xee, 0xd6, 0xbe, 0xa8];
                let level = LEVELS[index % LEVELS.len()];
                ModuleColors {
                    fill: hex(level, level, level),
                    stroke: "#000000".to_owned(),
                }
            }
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
    // Whole hundredths print as integers (the same digits as the float
    // formatting below, without its exact-decimal machinery: a drawing
    // writes thousands of numbers).
    let hundredths = (value * 100.0).round();
    if hundredths.abs() < 1e15 {
        let hundredths = hundredths as i64;
        let sign = if hundredths < 0 { "-" } else { "" };
        let (whole, cents) = (
            hundredths.unsigned_abs() / 100,
            hundredths.unsigned_abs() % 100,
        );
        return match cents {
            0 if whole == 0 => "0".to_owned(),
            0 => format!("{sign}{whole}"),
            _ if cents % 10 == 0 => format!("{sign}{whole}.{}", cents / 10),
            _ => format!("{sign}{whole}.{cents:02}"),
        };
    }
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
    fn numbers_print_as_the_float_formatting_did() {
        let by_float = |value: f64| {
            let rounded = (value * 100.0).round() / 100.0;
            let rounded = if rounded == 0.0 { 0.0 } else { rounded };
            let text = format!("{rounded:.2}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        };
        let mut value = -5000.0_f64;
        while value < 5000.0 {
            assert_eq!(num(value), by_float(value), "{value}");
            value += 0.0371;
        }
        for value in [
            0.0, -0.0, -0.004, 0.005, 0.015, 1.005, 2.675, 1e14, -1e16, 123456.789,
        ] {
            assert_eq!(num(value), by_float(value), "{value}");
        }
    }

    #[test]
    fn every_registered_theme_is_offered_everywhere() {
        for theme in THEMES {
            assert!(Theme::named(theme.name).is_some(), "{}", theme.name);
            let yaml = format!("render:\n  theme: {}\n", theme.name);
            let config = crate::config::parse(&crate::SourceFile::new("crmflow.yaml", yaml))
                .unwrap_or_else(|_| panic!("crmflow.yaml accepts `{}`", theme.name));
            assert_eq!(config.render.theme.as_deref(), Some(theme.name));
        }
        assert_eq!(THEME_NAMES.len(), THEMES.len());
        assert_eq!(THEMES[0].name, "default");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-2.25), "-2.25");
    }

    fn luminance(color: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&color[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_theme_keeps_text_contrast_at_wcag_aa() {
        for name in THEME_NAMES {
            let theme = Theme::named(name).unwrap();
            let mut backgrounds = vec![
                theme.background.to_owned(),
                theme.node_fill.to_owned(),
                theme.lane_header.to_owned(),
                theme.label_halo.to_owned(),
                theme.note_fill.to_owned(),
            ];
            backgrounds.extend(theme.lane_fills.iter().map(|f| (*f).to_owned()));
            for (index, named) in NamedColor::ALL.iter().enumerate() {
                backgrounds.push(theme.module_colors(Some(Color::Named(*named)), index).fill);
            }
            // A user color as bright as it gets still gets readable fills.
            backgrounds.push(
                theme
                    .module_colors(Some(Color::Rgb(0xff, 0xff, 0x00)), 0)
                    .fill,
            );
            backgrounds.push(theme.module_colors(Some(Color::Rgb(0, 0, 0)), 0).fill);
            for background in &backgrounds {
                let ratio = contrast(theme.text, background);
                assert!(ratio >= 4.5, "{name}: text on {background} is {ratio:.2}:1");
                let muted = contrast(theme.muted_text, background);
                assert!(
                    muted >= 4.5,
                    "{name}: muted text on {background} is {muted:.2}:1"
                );
            }
        }
    }

    #[test]
    fn print_modules_differ_in_gray_level() {
        let theme = Theme::print();
        let fills: Vec<String> = (0..4).map(|i| theme.module_colors(None, i).fill).collect();
        for (i, a) in fills.iter().enumerate() {
            assert_eq!(&a[1..3], &a[3..5], "gray");
            for b in &fills[i + 1..] {
                assert!((luminance(a) - luminance(b)).abs() > 0.05, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn module_tints_are_light() {
        let colors = Theme::default().module_colors(Some(Color::Named(NamedColor::Blue)), 0);
        assert_eq!(colors.stroke, "#1f6fb4");
        assert_eq!(colors.fill, "#dde9f4");
    }
}
