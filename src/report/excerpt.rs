//! Short source excerpts for human diagnostics.
//!
//! miette draws a finding from a [`SourceCode`] it asks for spans. Given a
//! whole file it scans from the start for every finding (quadratic in
//! findings × file size), draws every line between two far-apart places,
//! and panics on a line wider than 65,535 columns. An [`Excerpt`] is what
//! one finding needs and no more: the lines of its places (each place cut
//! to its first line) with one line of context around each, a line longer
//! than [`LONG_LINE`] characters cut to a window around its place (`…` at
//! the cut), characters a terminal would act on made visible. Line numbers
//! and columns stay those of the file (columns in characters, as in JSON,
//! SARIF and GitHub output). Building one costs the size of the lines it
//! shows plus a logarithmic lookup per place.

use crate::{SourceFile, Span};
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines up to this many characters are shown whole.
const LONG_LINE: usize = 160;
/// On a cut line, characters shown before the place.
const BEFORE: usize = 40;
/// On a cut line, characters shown in all.
const WINDOW: usize = 120;
/// The mark a cut leaves.
const ELLIPSIS: &str = "…";

/// One shown line of an excerpt.
struct Line {
    /// Where it starts and ends in the excerpt's text (without line break).
    start: usize,
    end: usize,
    /// Its 0-based line number in the file.
    number: usize,
    /// The file's character column of its first shown character.
    column: usize,
    /// Bytes of the `…` in front (0 when the line is not cut on the left).
    cut: usize,
    /// The file's byte range it shows.
    shown: std::ops::Range<usize>,
}

/// The lines one diagnostic shows, as a miette source.
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<Line>,
}

impl Excerpt {
    /// The excerpt of `source` (shown under `name`) for `spans`, and the
    /// spans moved into it.
    pub fn new(source: &SourceFile, name: &str, spans: &[Span]) -> (Excerpt, Vec<Span>) {
        let text = source.text();
        // Each place cut to its first line.
        let places: Vec<(usize, Span)> = spans
            .iter()
            .map(|span| {
                let start = span.start.min(text.len());
                let line = source.line_index(start);
                let line_end = source.line_span(start).end;
                let end = span.end.clamp(start, line_end.max(start));
                (line, Span::new(start, end))
            })
            .collect();
        // Each place's line with one line around it; a cut line's window
        // is decided by its first place, and its context lines share it.
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        for &(line, span) in &places {
            let column =
                source.char_offset(span.start) - source.char_offset(line_start(source, line));
            for number in line.saturating_sub(1)..=(line + 1).min(source.line_count() - 1) {
                wanted.push((number, column));
            }
        }
        wanted.sort_by_key(|&(number, _)| number);
        wanted.dedup_by_key(|&mut (number, _)| number);

        let mut excerpt = Excerpt {
            name: name.to_owned(),
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
        };
        for (number, focus) in wanted {
            if !excerpt.text.is_empty() {
                excerpt.text.push('\n');
            }
            let whole = source.line_span(line_start(source, number));
            let whole = Span::new(line_start(source, number).max(whole.start), whole.end);
            let line_text = source.slice(whole);
            let length = line_text.chars().count();
            let (first, last) = if length <= LONG_LINE {
                (0, length)
            } else {
                let first = focus
                    .saturating_sub(BEFORE)
                    .min(length.saturating_sub(WINDOW));
                (first, (first + WINDOW).min(length))
            };
            let byte_at = |chars: usize| {
                line_text
                    .char_indices()
                    .nth(chars)
                    .map_or(line_text.len(), |(at, _)| at)
            };
            let (from, to) = (byte_at(first), byte_at(last));
            let start = excerpt.text.len();
            let cut = if first > 0 {
                excerpt.text.push_str(ELLIPSIS);
                ELLIPSIS.len()
            } else {
                0
            };
            push_printable(&mut excerpt.text, &line_text[from..to], first > 0);
            let end = excerpt.text.len();
            if last < length {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.lines.push(Line {
                start,
                end,
                number,
                column: first,
                cut,
                shown: whole.start + from..whole.start + to,
            });
        }
        let moved = places
            .iter()
            .map(|&(line, span)| {
                let index = excerpt
                    .lines
                    .iter()
                    .position(|shown| shown.number == line)
                    .unwrap_or(0);
                let shown = &excerpt.lines[index];
                let at = |offset: usize| {
                    let inside = offset.clamp(shown.shown.start, shown.shown.end);
                    shown.start + shown.cut + (inside - shown.shown.start)
                };
                Span::new(at(span.start), at(span.end))
            })
            .collect();
        (excerpt, moved)
    }

    /// The shown line holding excerpt offset `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|line| line.start <= offset)
            .saturating_sub(1)
    }
}

/// Where 0-based line `number` starts, past a byte-order mark.
fn line_start(source: &SourceFile, number: usize) -> usize {
    let start = source.line_start(number);
    if start == 0 && source.text().starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        start
    }
}

/// Appends `text` with each character a terminal acts on replaced by one
/// of the same UTF-8 length (`?`, `¿`, `�`), so offsets stay exact (and, on
/// a cut line, each tab by a space: its indentation is gone anyway).
fn push_printable(out: &mut String, text: &str, cut: bool) {
    for c in text.chars() {
        if c == '\t' && cut {
            out.push(' ');
        } else if super::acts_on_terminal(c) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{FFFD}',
            });
        } else {
            out.push(c);
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if self.lines.is_empty() {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                b"",
                SourceSpan::new(0.into(), 0),
                0,
                0,
                0,
            )));
        }
        let start = span.offset();
        let end = (start + span.len()).max(start);
        let (first, last) = (
            self.line_of(start),
            self.line_of(end.saturating_sub(1).max(start)),
        );
        // One run of consecutive file lines only: numbering is consecutive.
        if (first..last).any(|i| self.lines[i + 1].number != self.lines[i].number + 1) {
            return Err(MietteError::OutOfBounds);
        }
        let mut top = first;
        while first - top < context_lines_before
            && top > 0
            && self.lines[top - 1].number + 1 == self.lines[top].number
        {
            top -= 1;
        }
        let mut bottom = last;
        while bottom - last < context_lines_after
            && bottom + 1 < self.lines.len()
            && self.lines[bottom].number + 1 == self.lines[bottom + 1].number
        {
            bottom += 1;
        }
        let from = self.lines[top].start;
        let to = self.text[self.lines[bottom].end..]
            .find('\n')
            .map_or(self.text.len(), |at| self.lines[bottom].end + at);
        let line = &self.lines[first];
        let visible = line.start + line.cut;
        let column = line.column
            + self
                .text
                .get(visible..start.max(visible))
                .map_or(0, |text| text.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            self.lines[top].number,
            column,
            bottom - top + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_apart_places_keep_their_own_lines_and_numbers() {
        let text: String = (1..=100).map(|n| format!("line {n}\n")).collect();
        let source = SourceFile::new("f", text.clone());
        let a = text.find("line 3\n").unwrap();
        let b = text.find("line 90\n").unwrap();
        let (excerpt, moved) =
            Excerpt::new(&source, "f", &[Span::new(a, a + 6), Span::new(b, b + 7)]);
        assert_eq!(excerpt.lines.len(), 6);
        assert_eq!(&excerpt.text[moved[1].start..moved[1].end], "line 90");
        let contents = excerpt
            .read_span(&SourceSpan::new(moved[1].start.into(), 7), 1, 1)
            .unwrap();
        assert_eq!(contents.line(), 88);
        assert_eq!(contents.line_count(), 3);
        // The two places cannot be drawn as one block.
        let both = SourceSpan::new(moved[0].start.into(), moved[1].end - moved[0].start);
        assert!(excerpt.read_span(&both, 1, 1).is_err());
    }

    #[test]
    fn a_long_line_is_cut_around_its_place_with_the_file_column() {
        let text = format!("{}a -> c\n", "\t".repeat(16_400));
        let source = SourceFile::new("f", text.clone());
        let c = text.find('c').unwrap();
        let (excerpt, moved) = Excerpt::new(&source, "f", &[Span::new(c, c + 1)]);
        assert!(excerpt.text.len() < 400, "{}", excerpt.text.len());
        assert!(excerpt.text.starts_with(ELLIPSIS));
        assert_eq!(&excerpt.text[moved[0].start..moved[0].end], "c");
        let contents = excerpt
            .read_span(&SourceSpan::new(moved[0].start.into(), 1), 0, 0)
            .unwrap();
        assert_eq!(contents.column(), 16_405);
    }
}
