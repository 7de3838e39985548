//! Text metrics for layout: the [`TextMeasure`] trait (injected, as d2's
//! ruler is) and [`wrap`], which breaks a label into lines that fit a width
//! using the Unicode line-breaking algorithm (UAX #14): between ideographs
//! for Chinese, at spaces for Latin.

/// Measures the advance width of a single line of text.
pub trait TextMeasure {
    /// Width of `text` set at `font_size` (user units).
    fn width(&self, text: &str, font_size: f64) -> f64;

    /// The family of the font measured (written into the drawing).
    fn font_family(&self) -> &str {
        "sans-serif"
    }

    /// Width of `text` in the bold weight (titles, lane headers).
    fn bold_width(&self, text: &str, font_size: f64) -> f64 {
        self.width(text, font_size) * 1.06
    }
}

/// A measure that answers [`TextMeasure::bold_width`] for `width`, so that
/// [`wrap`] can break bold text.
pub(crate) struct Bold<'a>(pub &'a dyn TextMeasure);

impl TextMeasure for Bold<'_> {
    fn width(&self, text: &str, font_size: f64) -> f64 {
        self.0.bold_width(text, font_size)
    }

    fn font_family(&self) -> &str {
        self.0.font_family()
    }
}

/// Deterministic per-character estimates for a sans-serif face: full-width
/// (CJK) characters are one em, Latin characters use a small width table.
///
/// Good enough for box sizes; the renderer's shaping font may differ by a few
/// percent, which the box padding absorbs.
#[derive(Clone, Copy, Debug, Default)]
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, font_size: f64) -> f64 {
        text.chars().map(char_em).sum::<f64>() * font_size
    }

    fn font_family(&self) -> &str {
        "CrmFlow Sans SC"
    }
}

fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' => 0.28,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 0.34,
        'm' | 'w' | 'M' | 'W' => 0.86,
        'A'..='Z' => 0.66,
        '0'..='9' => 0.56,
        c if c.is_ascii() => 0.52,
        c if is_wide(c) => 1.0,
        _ => 0.6,
    }
}

/// East Asian wide and full-width characters (CJK ideographs, kana, hangul,
/// full-width forms and CJK punctuation).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// Breaks `text` into lines no wider than `max_width` where the text allows
/// it. Explicit `\n` always breaks; a word longer than the width is split
/// between characters as a last resort. Never returns an empty vector.
pub fn wrap(text: &str, max_width: f64, font_size: f64, measure: &dyn TextMeasure) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_width, font_size, measure, &mut lines);
    }
    lines
}

fn wrap_paragraph(
    text: &str,
    max_width: f64,
    font_size: f64,
    measure: &dyn TextMeasure,
    lines: &mut Vec<String>,
) {
    let mut line = String::new();
    let mut start = 0;
    for (end, _) in unicode_linebreak::linebreaks(text) {
        let segment = &text[start..end];
        start = end;
        let candidate = format!("{line}{segment}");
        if line.is_empty() || measure.width(candidate.trim_end(), font_size) <= max_width {
            line = candidate;
        } else {
            lines.push(line.trim_end().to_owned());
            line = segment.to_owned();
        }
        // A single segment wider than the box: split it between characters.
        if measure.width(line.trim_end(), font_size) > max_width && line.chars().count() > 1 {
            let mut head = String::new();
            let mut head_width = 0.0;
            for c in line.chars() {
                let char_width = measure.width(c.encode_utf8(&mut [0; 4]), font_size);
                if !head.is_empty() && head_width + char_width > max_width {
                    lines.push(std::mem::take(&mut head).trim_end().to_owned());
                    head_width = 0.0;
                }
                head.push(c);
                head_width += char_width;
            }
            line = head;
        }
    }
    lines.push(line.trim_end().to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_breaks_between_ideographs() {
        let lines = wrap("销售线索收集与客户信息录入", 100.0, 14.0, &ApproxMeasure);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "销售线索收集与客户信息录入");
        for line in &lines {
            assert!(ApproxMeasure.width(line, 14.0) <= 100.0, "{line}");
        }
    }

    #[test]
    fn latin_breaks_at_spaces() {
        let lines = wrap(
            "Qualify the lead and book a demo",
            120.0,
            14.0,
            &ApproxMeasure,
        );
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|line| !line.starts_with(' ') && !line.ends_with(' '))
        );
        assert_eq!(lines.join(" "), "Qualify the lead and book a demo");
    }

    #[test]
    fn explicit_newlines_and_empty_text() {
        assert_eq!(wrap("a\nb", 500.0, 14.0, &ApproxMeasure), ["a", "b"]);
        assert_eq!(wrap("", 500.0, 14.0, &ApproxMeasure), [""]);
    }

    #[test]
    fn overlong_words_are_split() {
        let lines = wrap(&"x".repeat(80), 100.0, 14.0, &ApproxMeasure);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat().len(), 80);
    }
}
