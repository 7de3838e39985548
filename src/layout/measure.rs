//! Text metrics for layout: the [`TextMeasure`] trait (injected, as d2's
//! ruler is) and [`wrap`], which breaks a label into lines that fit a
//! width.
//!
//! Where a line may break: Latin text at spaces only; Chinese between
//! words, never inside one (邮件, 满意度 stay whole) — words come from
//! [`super::words`] (jieba's algorithm over the 80,000 commonest words,
//! compiled into the binary, nothing loaded at start-up); the Unicode line-breaking rules (UAX
//! #14) keep punctuation with its word (no line starts with `，。？！：；、）`
//! nor ends with `（「《`). The fewest lines that fit are then balanced: the
//! narrowest width that keeps their number, so a label reads as an even
//! block, never with a one-character last line. A word wider than the box
//! is split between characters as a last resort.

use std::collections::HashMap;
use std::sync::Mutex;

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

    /// Where this measure remembers wrapped labels, if it does (the
    /// renderer's fonts do: the page search lays one flow out dozens of
    /// times, and wrapping a Chinese label is most of a layout's cost).
    fn remembered(&self) -> Option<&Remembered> {
        None
    }
}

/// Wrapped lines and longest pieces already worked out, per text, font
/// size and width. Only a measure whose widths never change may hold one.
#[derive(Default)]
pub struct Remembered {
    /// Lines, by text, then font size and width (as bits: the same call,
    /// the same answer).
    lines: ByText<(u64, u64), Vec<String>>,
    /// The longest piece's width, by text, then font size.
    longest: ByText<u64, f64>,
}

/// Answers by text, then by the rest of the question.
type ByText<K, V> = Mutex<HashMap<Box<str>, Vec<(K, V)>>>;

/// Texts remembered before all are forgotten (a language server or a watch
/// session measures for hours; a render needs a few hundred).
const REMEMBERED_TEXTS: usize = 20_000;

fn recall<K: PartialEq, V: Clone>(known: &ByText<K, V>, text: &str, key: K) -> Option<V> {
    let known = known.lock().unwrap_or_else(|e| e.into_inner());
    let answers = known.get(text)?;
    answers
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, value)| value.clone())
}

fn keep<K, V>(known: &ByText<K, V>, text: &str, key: K, value: V) {
    let mut known = known.lock().unwrap_or_else(|e| e.into_inner());
    if known.len() >= REMEMBERED_TEXTS {
        known.clear();
    }
    known.entry(text.into()).or_default().push((key, value));
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

/// Size of a block of text lines with padding.
pub(crate) fn text_block(
    lines: &[String],
    font_size: f64,
    line_height: f64,
    measure: &dyn TextMeasure,
    pad_x: f64,
    pad_y: f64,
) -> (f64, f64) {
    let width = lines
        .iter()
        .map(|line| measure.width(line, font_size))
        .fold(0.0, f64::max);
    (
        width + 2.0 * pad_x,
        lines.len() as f64 * line_height + 2.0 * pad_y,
    )
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
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// Breaks `text` into lines no wider than `max_width` where the text allows
/// it (see the module documentation). Explicit `\n` always breaks. Never
/// returns an empty vector.
pub fn wrap(text: &str, max_width: f64, font_size: f64, measure: &dyn TextMeasure) -> Vec<String> {
    let key = (font_size.to_bits(), max_width.to_bits());
    let remembered = measure.remembered();
    if let Some(lines) = remembered.and_then(|r| recall(&r.lines, text, key)) {
        return lines;
    }
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_width, font_size, measure, &mut lines);
    }
    if let Some(remembered) = remembered {
        keep(&remembered.lines, text, key, lines.clone());
    }
    lines
}

/// Byte offsets inside `text` where a break would split a Chinese word.
fn inside_words(text: &str) -> Vec<usize> {
    let mut inside = Vec::new();
    let mut start = None;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        match (is_wide(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                runs.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        runs.push((from, text.len()));
    }
    for (from, to) in runs {
        let run = &text[from..to];
        if run.chars().count() < 2 {
            continue;
        }
        let mut offset = from;
        for word in super::words::cut(run) {
            let mut inner = word.char_indices().skip(1);
            for (at, _) in inner.by_ref() {
                inside.push(offset + at);
            }
            offset += word.len();
        }
    }
    inside
}

/// The pieces a paragraph may break between: UAX #14 opportunities after
/// a space, or next to a wide (CJK) character outside a word.
fn pieces(text: &str) -> Vec<&str> {
    let inside = if text.chars().any(is_wide) {
        inside_words(text)
    } else {
        Vec::new()
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, _) in unicode_linebreak::linebreaks(text) {
        if at >= text.len() {
            break;
        }
        let before = text[..at].chars().next_back();
        let after = text[at..].chars().next();
        let at_space = before.is_some_and(char::is_whitespace);
        let by_wide = before.is_some_and(is_wide) || after.is_some_and(is_wide);
        if (at_space || by_wide) && inside.binary_search(&at).is_err() {
            pieces.push(&text[start..at]);
            start = at;
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// The width of the widest piece `text` cannot break inside (a word, a
/// Chinese word with its punctuation, a number with the word after it).
pub fn longest_piece(text: &str, font_size: f64, measure: &dyn TextMeasure) -> f64 {
    let remembered = measure.remembered();
    if let Some(width) = remembered.and_then(|r| recall(&r.longest, text, font_size.to_bits())) {
        return width;
    }
    let mut longest: f64 = 0.0;
    for paragraph in text.split('\n') {
        let pieces = pieces(paragraph);
        for (k, piece) in pieces.iter().enumerate() {
            // A number ("10.") counts with the word it numbers, so a box
            // sized by this never strands it on a line of its own.
            let piece = match pieces.get(k + 1) {
                Some(next) if line_cost(piece) > 0.0 => format!("{piece}{next}"),
                _ => (*piece).to_owned(),
            };
            longest = longest.max(measure.width(piece.trim_end(), font_size));
        }
    }
    if let Some(remembered) = remembered {
        keep(&remembered.longest, text, font_size.to_bits(), longest);
    }
    longest
}

fn wrap_paragraph(
    text: &str,
    max_width: f64,
    font_size: f64,
    measure: &dyn TextMeasure,
    lines: &mut Vec<String>,
) {
    if measure.width(text, font_size) <= max_width {
        lines.push(text.trim_end().to_owned());
        return;
    }
    // Pieces wider than the box are split between characters first.
    let mut atoms: Vec<String> = Vec::new();
    for piece in pieces(text) {
        if measure.width(piece.trim_end(), font_size) <= max_width || piece.chars().count() < 2 {
            atoms.push(piece.to_owned());
            continue;
        }
        let mut head = String::new();
        for c in piece.chars() {
            let candidate = format!("{head}{c}");
            if !head.is_empty() && measure.width(candidate.trim_end(), font_size) > max_width {
                atoms.push(std::mem::take(&mut head));
            }
            head.push(c);
        }
        atoms.push(head);
    }
    let full: Vec<f64> = atoms.iter().map(|a| measure.width(a, font_size)).collect();
    let trimmed: Vec<f64> = atoms
        .iter()
        .map(|a| measure.width(a.trim_end(), font_size))
        .collect();
    let line = Lines::new(&full, &trimmed);
    let mut breaks = line.balanced(max_width);
    // Balanced lines that split a compound (联系|方式) or strand a number
    // ("10." alone) give way to lines as many that break after punctuation
    // or a space, where the text has such places.
    let current = awkwardness(&atoms, &breaks);
    if current > 0.0
        && let Some(better) = line.well_broken(&atoms, breaks.len() + 1, max_width, current)
    {
        breaks = better;
    }
    // A last line of one character reads as a mistake: take one more piece
    // down when the line before can spare it.
    if let Some(&last_break) = breaks.last() {
        let last_line: String = atoms[last_break..].concat();
        let previous_start = breaks.len().checked_sub(2).map_or(0, |i| breaks[i]);
        if last_line.trim().chars().count() == 1
            && last_break - previous_start >= 2
            && line.width(last_break - 1, atoms.len()) <= max_width + 1e-9
        {
            *breaks.last_mut().expect("non-empty") -= 1;
        }
    }
    let mut start = 0;
    for end in breaks.into_iter().chain(std::iter::once(atoms.len())) {
        lines.push(atoms[start..end].concat().trim_end().to_owned());
        start = end;
    }
}

/// A Han character or kana: a break between two of them splits a run of
/// words with no punctuation or space to mark the place.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFD)
}

/// What a break before atom `at` costs the reader: 1 between two
/// ideographs (the middle of a phrase, even between two words), else 0.
fn break_cost(atoms: &[String], at: usize) -> f64 {
    let before = atoms[at - 1].chars().next_back();
    let after = atoms[at].chars().next();
    match (before, after) {
        (Some(b), Some(a)) if is_ideograph(b) && is_ideograph(a) => 1.0,
        _ => 0.0,
    }
}

/// What a line costs the reader on its own: 2 for a number standing alone
/// ("10.", "3)" or an off-page connector's "→ 6 ·" cut off from what it
/// numbers) or for marks alone (a connector's "→" on a line of its own),
/// else 0.
fn line_cost(text: &str) -> f64 {
    let marks = |c: char| c.is_whitespace() || ".)、．）:：·→←#(（".contains(c);
    let digits = text.trim_matches(marks);
    let marks_alone = digits.is_empty() && !text.trim().is_empty();
    if marks_alone || digits.chars().all(|c| c.is_ascii_digit()) && !digits.is_empty() {
        2.0
    } else {
        0.0
    }
}

/// The cost of setting `atoms` with line breaks before `breaks`.
fn awkwardness(atoms: &[String], breaks: &[usize]) -> f64 {
    let mut total: f64 = breaks.iter().map(|&at| break_cost(atoms, at)).sum();
    let mut start = 0;
    for end in breaks.iter().copied().chain(std::iter::once(atoms.len())) {
        total += line_cost(&atoms[start..end].concat());
        start = end;
    }
    total
}

/// Most lines [`Lines::well_broken`] searches over (a label or a note; a
/// longer text keeps its balanced lines).
const MOST_WELL_BROKEN_LINES: usize = 6;

/// The lines a row of atoms can be set in: widths from prefix sums of the
/// atoms' widths.
struct Lines<'a> {
    /// `prefix[i]`: the width of atoms `0..i`.
    prefix: Vec<f64>,
    /// Each atom's width without its trailing space (a line's last atom).
    trimmed: &'a [f64],
    /// Line widths computed so far (the tests bound it).
    evaluated: std::cell::Cell<usize>,
}

impl<'a> Lines<'a> {
    fn new(full: &[f64], trimmed: &'a [f64]) -> Lines<'a> {
        let mut prefix = Vec::with_capacity(full.len() + 1);
        prefix.push(0.0);
        for width in full {
            prefix.push(prefix.last().copied().unwrap_or(0.0) + width);
        }
        Lines {
            prefix,
            trimmed,
            evaluated: std::cell::Cell::new(0),
        }
    }

    fn atoms(&self) -> usize {
        self.trimmed.len()
    }

    /// The width of a line holding atoms `i..j`.
    fn width(&self, i: usize, j: usize) -> f64 {
        self.evaluated.set(self.evaluated.get() + 1);
        self.prefix[j - 1] - self.prefix[i] + self.trimmed[j - 1]
    }

    /// Greedy filling: where lines break for the fewest lines within
    /// `limit` (an atom wider than the limit gets a line of its own).
    fn greedy(&self, limit: f64) -> Vec<usize> {
        let mut breaks = Vec::new();
        let mut start = 0;
        for end in 1..=self.atoms() {
            if end - start > 1 && self.width(start, end) > limit + 1e-9 {
                breaks.push(end - 1);
                start = end - 1;
            }
        }
        breaks
    }

    /// The breaks of the narrowest width that needs no more lines than
    /// `max_width` does, so the lines read as an even block.
    ///
    /// The widths to try are those of every line that fits (a line widens
    /// as it takes more atoms, so each start stops at the first that does
    /// not fit), and the fewest lines a width allows only falls as the
    /// width grows, so a binary search finds the narrowest: O(n·k·log n)
    /// for n atoms of which k fit on a line, never O(n²).
    fn balanced(&self, max_width: f64) -> Vec<usize> {
        let fewest = self.greedy(max_width).len();
        let mut candidates: Vec<f64> = Vec::new();
        for i in 0..self.atoms() {
            for j in i + 1..=self.atoms() {
                let width = self.width(i, j);
                if width > max_width + 1e-9 {
                    break;
                }
                candidates.push(width);
            }
        }
        candidates.sort_by(f64::total_cmp);
        candidates.dedup();
        let narrowest = candidates.partition_point(|&limit| self.greedy(limit).len() > fewest);
        let balanced = candidates.get(narrowest).copied().unwrap_or(max_width);
        self.greedy(balanced)
    }

    /// Breaks into exactly `count` lines within `max_width` of the least
    /// [`awkwardness`], then the most even widths (the least sum of squared
    /// line widths): a dynamic programme over (atoms set, lines used), each
    /// line trying the starts that still fit, O(n·k·count). `None` when no
    /// setting is less awkward than `current` (the balanced lines') or the text
    /// needs more than [`MOST_WELL_BROKEN_LINES`].
    fn well_broken(
        &self,
        atoms: &[String],
        count: usize,
        max_width: f64,
        current: f64,
    ) -> Option<Vec<usize>> {
        let n = self.atoms();
        if !(2..=MOST_WELL_BROKEN_LINES).contains(&count) {
            return None;
        }
        const UNSET: (f64, f64, usize) = (f64::INFINITY, f64::INFINITY, usize::MAX);
        // best[l][j]: (awkwardness, sum of squared widths, start of the last
        // line) of atoms 0..j in l lines.
        let mut best = vec![vec![UNSET; n + 1]; count + 1];
        best[0][0] = (0.0, 0.0, 0);
        for lines in 1..=count {
            for end in 1..=n {
                let mut here = UNSET;
                for start in (lines - 1..end).rev() {
                    let width = self.width(start, end);
                    if width > max_width + 1e-9 && end - start > 1 {
                        break;
                    }
                    let (cost, squares, _) = best[lines - 1][start];
                    if cost.is_infinite() {
                        continue;
                    }
                    let mut cost = cost + line_cost(&atoms[start..end].concat());
                    if start > 0 {
                        cost += break_cost(atoms, start);
                    }
                    let squares = squares + width * width;
                    if (cost, squares) < (here.0, here.1) {
                        here = (cost, squares, start);
                    }
                }
                best[lines][end] = here;
            }
        }
        let (cost, _, _) = best[count][n];
        if !cost.is_finite() || cost >= current {
            return None;
        }
        let mut breaks = Vec::with_capacity(count - 1);
        let mut end = n;
        for lines in (1..=count).rev() {
            let start = best[lines][end].2;
            if lines > 1 {
                breaks.push(start);
            }
            end = start;
        }
        breaks.reverse();
        Some(breaks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The approximate measure, counting the widths it is asked for, with
    /// or without a memory.
    #[derive(Default)]
    struct Counting {
        asked: std::cell::Cell<usize>,
        memory: Option<Remembered>,
    }

    impl TextMeasure for Counting {
        fn width(&self, text: &str, font_size: f64) -> f64 {
            self.asked.set(self.asked.get() + 1);
            ApproxMeasure.width(text, font_size)
        }

        fn remembered(&self) -> Option<&Remembered> {
            self.memory.as_ref()
        }
    }

    #[test]
    fn a_remembering_measure_wraps_each_text_and_width_once_and_alike() {
        let forgetful = Counting::default();
        let remembering = Counting {
            memory: Some(Remembered::default()),
            ..Counting::default()
        };
        let label = "每季度核对联系方式，归档失效档案 and send 10. reminders";
        for width in [60.0, 90.0, 60.0] {
            assert_eq!(
                wrap(label, width, 12.0, &forgetful),
                wrap(label, width, 12.0, &remembering)
            );
        }
        assert_eq!(
            longest_piece(label, 12.0, &forgetful),
            longest_piece(label, 12.0, &remembering)
        );
        let asked = remembering.asked.get();
        assert!(asked > 0);
        // Asked again: answered from memory, no width measured.
        let again = wrap(label, 90.0, 12.0, &remembering);
        longest_piece(label, 12.0, &remembering);
        assert_eq!(remembering.asked.get(), asked);
        assert_eq!(again, wrap(label, 90.0, 12.0, &forgetful));
        // Another size or width is worked out, not taken from memory.
        wrap(label, 75.0, 12.0, &remembering);
        assert!(remembering.asked.get() > asked);
    }

    #[test]
    fn balancing_is_not_quadratic() {
        // 20,000 words of which about five fit on a line: the old search
        // computed ~2·10⁸ line widths here (every pair of words, then a
        // greedy pass per candidate width).
        let words = 20_000;
        let full = vec![10.0; words];
        let trimmed = vec![8.0; words];
        let lines = Lines::new(&full, &trimmed);
        let breaks = lines.balanced(50.0);
        assert_eq!(breaks.len(), words / 5 - 1);
        let evaluated = lines.evaluated.get();
        assert!(
            evaluated < 40 * words,
            "{evaluated} line widths for {words} words"
        );
    }

    #[test]
    fn chinese_words_stay_whole_and_lines_are_balanced() {
        // 14 px characters; 60 px holds four.
        let lines = wrap("发送欢迎邮件并安排首次回访", 60.0, 14.0, &ApproxMeasure);
        assert_eq!(lines.concat(), "发送欢迎邮件并安排首次回访");
        for line in &lines {
            assert!(ApproxMeasure.width(line, 14.0) <= 60.0, "{line}");
            assert!(line.chars().count() >= 2, "{lines:?}");
        }
        assert!(
            !lines.iter().any(|l| l.ends_with('邮')),
            "邮件 is one word: {lines:?}"
        );
        let lines = wrap("客户满意度调查", 70.0, 14.0, &ApproxMeasure);
        assert_eq!(lines, ["客户满意度", "调查"]);
    }

    #[test]
    fn punctuation_stays_with_its_word_and_latin_breaks_at_spaces_only() {
        let lines = wrap("确认购买意向？是否继续", 60.0, 14.0, &ApproxMeasure);
        assert!(lines.iter().all(|l| !l.starts_with('？')), "{lines:?}");
        let lines = wrap("Schedule a follow-up/call", 120.0, 14.0, &ApproxMeasure);
        assert!(
            lines.iter().any(|l| l.contains("follow-up/call")),
            "{lines:?}"
        );
    }

    #[test]
    fn balanced_lines_are_even() {
        let lines = wrap(
            "Enter customer information now",
            200.0,
            14.0,
            &ApproxMeasure,
        );
        assert_eq!(lines.len(), 2);
        let widths: Vec<f64> = lines.iter().map(|l| ApproxMeasure.width(l, 14.0)).collect();
        assert!((widths[0] - widths[1]).abs() < 60.0, "{lines:?}");
    }

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

    #[test]
    fn a_phrase_breaks_at_its_punctuation_not_inside_a_compound() {
        // Balanced halves would be 每季度核对联系 | 方式，归档失效档案.
        let lines = wrap(
            "每季度核对联系方式，归档失效档案",
            150.0,
            14.0,
            &ApproxMeasure,
        );
        assert_eq!(lines, ["每季度核对联系方式，", "归档失效档案"]);
        // Without punctuation the lines stay balanced at a word boundary.
        let lines = wrap("发送欢迎邮件并安排首次回访", 100.0, 14.0, &ApproxMeasure);
        assert_eq!(lines.concat(), "发送欢迎邮件并安排首次回访");
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn an_off_page_connector_never_strands_its_arrow() {
        for (text, width) in [
            ("→ 1 · 现场技术支持", 120.0),
            ("1 · 合同审核通过? →", 120.0),
        ] {
            let lines = wrap(text, width, 14.0, &ApproxMeasure);
            assert!(lines.len() > 1, "{lines:?}");
            // Every line holds a word, not just the arrow or the number.
            assert!(
                lines
                    .iter()
                    .all(|line| line.chars().any(char::is_alphabetic)),
                "{text}: {lines:?}"
            );
        }
    }

    #[test]
    fn a_number_counts_with_the_word_it_numbers() {
        // A lone number is what a line must not be…
        for alone in ["10.", "3)", "→ 6 ·", " 12 ", "→", " → "] {
            assert_eq!(line_cost(alone), 2.0, "{alone}");
        }
        for fine in ["10. Update", "3) Send", "→ 6 · 涉及媒体", "Call"] {
            assert_eq!(line_cost(fine), 0.0, "{fine}");
        }
        // …so the narrowest a box may be holds the number with its word:
        // a box sized by this never strands "10." on a line of its own.
        for (text, glued) in [
            ("10. Reconciliation of accounts", "10. Reconciliation"),
            ("3) Send the contract", "3) Send"),
        ] {
            let longest = longest_piece(text, 14.0, &ApproxMeasure);
            let needed = ApproxMeasure.width(glued, 14.0);
            assert!(longest >= needed - 1e-9, "{text}: {longest} < {needed}");
        }
    }
}
