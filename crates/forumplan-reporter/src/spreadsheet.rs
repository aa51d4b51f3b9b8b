//! CSV written for spreadsheets, Excel first: a UTF-8 byte order mark (or
//! Excel reads Vietnamese as Windows-1252), the separator the reader's
//! regional settings expect, and text cells that cannot run as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

/// The character between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvSeparator {
    /// `,`: the usual one.
    #[default]
    Comma,
    /// `;`: for regional settings where the comma is the decimal mark
    /// (Excel then splits only on semicolons).
    Semicolon,
}

/// A CSV writer on `out` with `separator`, after the byte order mark.
pub(crate) fn writer(
    out: &mut dyn Write,
    separator: CsvSeparator,
) -> io::Result<csv::Writer<&mut dyn Write>> {
    out.write_all("\u{feff}".as_bytes())?;
    let delimiter = match separator {
        CsvSeparator::Comma => b',',
        CsvSeparator::Semicolon => b';',
    };
    Ok(csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out))
}

/// A text cell that a spreadsheet shows as text: one starting with a
/// character that would make it a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return, as OWASP lists them) gets a leading `'`, which Excel
/// and LibreOffice read as "this is text" and do not display. Numbers are
/// never passed here: a float of -3 must stay a number.
pub(crate) fn text(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn cells_that_would_run_as_formulas_become_text() {
        for cell in ["=1+1", "+84 24", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text(cell), format!("'{cell}"));
        }
        for cell in ["Hội nghị", "a=b", "", "2022-09-18", "'quoted"] {
            assert_eq!(text(cell), cell);
        }
    }
}
