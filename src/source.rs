//! Source text and positions: [`SourceFile`] (a named text with a line
//! index) and [`Span`] (a byte range into it).
//!
//! Spans are byte offsets into the text exactly as read (a BOM, if any, is
//! kept, so offsets match the file on disk). Line/column conversion counts
//! columns in Unicode scalar values, so `录入客户信息` is six columns wide — the
//! same column an editor shows.

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
}

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
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
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
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let mut column = self.text[line_start..offset].chars().count() + 1;
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
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        if self.text[start..end].ends_with('\r') {
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
    fn invalid_utf8_points_at_first_bad_byte() {
        let err = SourceFile::from_bytes("t", b"ab\xffcd".to_vec()).unwrap_err();
        assert_eq!(err.span, Span::new(2, 5));
        assert_eq!(err.lossy.slice(err.span), "\u{FFFD}");
    }
}
