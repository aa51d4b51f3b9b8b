//! Byte spans into a source text and their conversion to line:column.

use std::ops::Range;

/// A half-open byte range `start..end` into a source text.
///
/// Offsets are bytes, as every parser reports them; [`LineIndex`] turns them
/// into the 1-based line and *character* column a person counts, so that
/// Vietnamese letters (two or three bytes in UTF-8) do not shift a caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The empty span at `offset`.
    pub fn at(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The span as a `Range`, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters (Unicode scalar values), from 1.
    pub column: usize,
}

/// Start offsets of every line of a text, for offset → line:column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    /// The line and character column of byte `offset` (clamped to the text,
    /// and moved back to a character boundary if it falls inside one).
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        LineColumn { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"name\": \"Tổng duyệt\", x\n}";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.line_column(x),
            LineColumn {
                line: 2,
                column: 25
            }
        );
        assert_eq!(index.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(
            index.line_column(text.len()),
            LineColumn { line: 3, column: 2 }
        );
    }

    #[test]
    fn offsets_inside_a_character_move_back() {
        let text = "ổx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(1), LineColumn { line: 1, column: 1 });
        assert_eq!(index.line_column(3), LineColumn { line: 1, column: 2 });
    }
}
