//! Source text and positions: [`SourceFile`] (a named text with a line
//! index) and [`Span`] (a byte range into it).
//!
//! Spans are byte offsets into the text exactly as read (a BOM, if any, is
//! kept, so offsets match the file on disk). Line/column conversion counts
//! columns in Unicode scalar values, so `录入客户信息` is six columns wide — the
//! same column an editor shows; a tab is one column. Lines end at `\n`,
//! `\r\n` or a lone `\r` (old Mac files), as editors count them. Every
//! conversion takes logarithmic time plus at most a few kilobytes of
//! scanning, so reporting many findings on a huge file stays linear.

use std::fmt;

/// A byte range `start..end` into a [`SourceFile`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `at`.
    pub const fn point(at: usize) -> Self {
        Span { start: at, end: at }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True for a zero-width span.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(span: pest::Span<'_>) -> Self {
        Span::new(span.start(), span.end())
    }
}

/// A value with the span it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A 1-based line and column (column in Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A named source text with a line index.
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// Characters before every [`CHECKPOINT`]-th byte (rounded down to a
    /// character boundary): `(byte, chars before it)`.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// Why bytes could not become a [`SourceFile`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The file, decoded lossily (invalid bytes become U+FFFD), for display.
    pub lossy: SourceFile,
    /// The first invalid sequence, as a span into `lossy`.
    pub span: Span,
}

impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.text == other.text
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    /// A source file from text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push(i + 1);
            }
        }
        let mut checkpoints = vec![(0, 0)];
        let mut chars = 0;
        let mut last = 0;
        let mut next = CHECKPOINT;
        while next < text.len() {
            let at = floor_char_boundary(&text, next);
            chars += text[last..at].chars().count();
            checkpoints.push((at, chars));
            last = at;
            next += CHECKPOINT;
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            checkpoints,
        }
    }

    /// How many characters come before byte `offset` (clamped to the text).
    pub fn char_offset(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self
            .checkpoints
            .partition_point(|&(at, _)| at <= offset)
            .saturating_sub(1);
        let (at, chars) = self.checkpoints[index];
        chars + self.text[at..offset].chars().count()
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte where 0-based line `line` starts (the text's end past the
    /// last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// How many lines the text has (a final line break starts an empty one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// A source file from raw bytes, which must be UTF-8.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, NotUtf8> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
                // The valid prefix is unchanged by lossy decoding; the first bad
                // sequence became one U+FFFD (3 bytes).
                let span = Span::new(valid, valid + '\u{FFFD}'.len_utf8());
                Err(NotUtf8 {
                    lossy: SourceFile::new(name, lossy),
                    span,
                })
            }
        }
    }

    /// The file name shown in diagnostics (`-` for standard input).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full text, exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let line_start = self.line_starts[line];
        let mut column = self.char_offset(offset) - self.char_offset(line_start) + 1;
        if line == 0 && self.text.starts_with('\u{FEFF}') && offset > 0 {
            column -= 1; // the BOM is not a visible column
        }
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte span of the line containing `offset`, without its line break.
    pub fn line_span(&self, offset: usize) -> Span {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let mut end = self.line_start(line + 1);
        let ending = &self.text[start..end];
        if ending.ends_with("\r\n") {
            end -= 2;
        } else if ending.ends_with(['\n', '\r']) {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("t", "step 录入 \"客户\"\nend x");
        let quote = file.text().find('"').unwrap();
        assert_eq!(file.line_col(quote), LineCol { line: 1, column: 9 });
        let x = file.text().rfind('x').unwrap();
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 5 });
    }

    #[test]
    fn crlf_and_bom() {
        let file = SourceFile::new("t", "\u{FEFF}a\r\nbc\r\n");
        assert_eq!(file.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(7), LineCol { line: 2, column: 2 });
        assert_eq!(file.slice(file.line_span(6)), "bc");
    }

    #[test]
    fn lone_carriage_returns_and_mixed_endings_break_lines() {
        let file = SourceFile::new("t", "a\rbc\r\nd\ne");
        assert_eq!(file.line_col(2), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_col(6), LineCol { line: 3, column: 1 });
        assert_eq!(file.line_col(8), LineCol { line: 4, column: 1 });
        assert_eq!(file.slice(file.line_span(3)), "bc");
    }

    #[test]
    fn columns_on_long_lines_count_characters_past_checkpoints() {
        let text = format!("{}x", "客".repeat(5000));
        let file = SourceFile::new("t", text.clone());
        let x = text.find('x').unwrap();
        assert_eq!(
            file.line_col(x),
            LineCol {
                line: 1,
                column: 5001
            }
        );
        assert_eq!(file.char_offset(x), 5000);
    }

    #[test]
    fn invalid_utf8_points_at_first_bad_byte() {
        let err = SourceFile::from_bytes("t", b"ab\xffcd".to_vec()).unwrap_err();
        assert_eq!(err.span, Span::new(2, 5));
        assert_eq!(err.lossy.slice(err.span), "\u{FFFD}");
    }
}
