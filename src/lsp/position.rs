//! Byte offsets ↔ LSP positions. LSP counts a position's `character` in
//! UTF-16 code units within its line (a Chinese character is one unit, an
//! emoji two), and lines break at `\n`, `\r\n` and a lone `\r` — as
//! [`SourceFile`] counts them.

use crate::source::{SourceFile, Span};
use lsp_types::{Position, Range};

/// The LSP position of byte `offset` (clamped into the text and back to a
/// character boundary).
pub fn position(source: &SourceFile, offset: usize) -> Position {
    let text = source.text();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = source.line_index(offset);
    let start = source.line_start(line);
    let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

/// The byte offset of an LSP position: past the line's end means its end
/// (before the line break), past the last line means the text's end, and a
/// position inside a character's two UTF-16 units means that character.
pub fn offset(source: &SourceFile, position: Position) -> usize {
    let line = position.line as usize;
    if line >= source.line_count() {
        return source.text().len();
    }
    let start = source.line_start(line);
    let end = source.line_span(start).end;
    let mut units = 0usize;
    for (at, c) in source.text()[start..end].char_indices() {
        if units >= position.character as usize {
            return start + at;
        }
        units += c.len_utf16();
        if units > position.character as usize {
            return start + at;
        }
    }
    end
}

/// The LSP range of a byte span.
pub fn range(source: &SourceFile, span: Span) -> Range {
    Range::new(position(source, span.start), position(source, span.end))
}

/// The byte span of an LSP range (start and end ordered).
pub fn span(source: &SourceFile, range: Range) -> Span {
    let (a, b) = (offset(source, range.start), offset(source, range.end));
    Span::new(a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_astral_characters_count_in_utf16_units() {
        let source = SourceFile::new("t", "step 审核 \"合同😀审批\"\r\nend e\rx");
        let label = source.text().find('😀').unwrap();
        assert_eq!(position(&source, label), Position::new(0, 11));
        // After the emoji: two units further.
        assert_eq!(
            position(&source, label + '😀'.len_utf8()),
            Position::new(0, 13)
        );
        assert_eq!(offset(&source, Position::new(0, 13)), label + 4);
        // Inside the emoji's surrogate pair: the emoji.
        assert_eq!(offset(&source, Position::new(0, 12)), label);
        // `\r\n` and a lone `\r` both end lines.
        assert_eq!(
            position(&source, source.text().find("end").unwrap()),
            Position::new(1, 0)
        );
        assert_eq!(
            position(&source, source.text().len() - 1),
            Position::new(2, 0)
        );
        // Past a line's end: its end; past the last line: the text's end.
        let end_of_line_1 = source.text().find("end e").unwrap() + "end e".len();
        assert_eq!(offset(&source, Position::new(1, 99)), end_of_line_1);
        assert_eq!(offset(&source, Position::new(9, 0)), source.text().len());
    }

    #[test]
    fn positions_round_trip_through_offsets() {
        let source = SourceFile::new("t", "lane 销售 \"销售部\"\nstep a \"A\" lane 销售\n");
        for (at, _) in source.text().char_indices() {
            assert_eq!(offset(&source, position(&source, at)), at);
        }
        // A byte inside a character maps back to that character's start.
        let inside = source.text().find('销').unwrap() + 1;
        assert_eq!(position(&source, inside), position(&source, inside - 1));
    }
}
