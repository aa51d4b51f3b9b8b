//! The status report as an editable Word document in the Vietnamese
//! administrative format (Nghị định 30/2020/NĐ-CP): A4, Times New Roman,
//! the national heading beside the issuing unit, the place-and-date line,
//! the title, numbered sections with real tables, the recipients and the
//! signer. English with the same layout.
//!
//! The content is the reporter's [`StatusReport`], read once; this module
//! only lays it out. Built with `docx-rs` (see `docs/interop.md`).

mod blocks;
mod frame;
mod sections;

use std::io::Cursor;

use docx_rs::{Docx, PageMargin, RunFonts};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::status::{ListLimit, StatusReport};

use crate::ExportError;

/// The font of the whole document.
const FONT: &str = "Times New Roman";

/// Text sizes in half-points, as WordprocessingML counts them.
mod size {
    /// Body text: 14 pt (the decree asks 13–14).
    pub(super) const BODY: usize = 28;
    /// The country's name in the national heading: 12 pt, on one line.
    pub(super) const NATIONAL: usize = 24;
    /// The heading lines and the signer: 13 pt.
    pub(super) const HEADING: usize = 26;
    /// Table cells: 12 pt, so that six columns fit the width.
    pub(super) const TABLE: usize = 24;
    /// Table headings: 11 pt bold, so that short columns keep their
    /// heading on one line.
    pub(super) const TABLE_HEADER: usize = 22;
    /// "Nơi nhận:": 12 pt.
    pub(super) const RECIPIENTS_HEADING: usize = 24;
    /// The recipients: 11 pt.
    pub(super) const RECIPIENTS: usize = 22;
}

/// A4 in twips (1/20 pt): 210 × 297 mm.
const A4: (u32, u32) = (11906, 16838);

/// Millimetres in twips, rounded.
const fn mm(millimetres: i32) -> i32 {
    (millimetres * 14400 + 127) / 254
}

/// The margins the decree asks: top and bottom 20–25 mm, left 30–35 mm,
/// right 15–20 mm.
const MARGIN: Margins = Margins {
    top: mm(20),
    bottom: mm(20),
    left: mm(30),
    right: mm(20),
};

struct Margins {
    top: i32,
    bottom: i32,
    left: i32,
    right: i32,
}

/// The width text runs across, in twips.
const TEXT_WIDTH: usize = (A4.0 as i32 - MARGIN.left - MARGIN.right) as usize;

/// The Word document (`.docx` bytes) of `report` in `lang`, each list cut
/// at `limit` like the other forms for people.
pub fn docx(report: &StatusReport, lang: Lang, limit: ListLimit) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin {
            top: MARGIN.top,
            left: MARGIN.left,
            bottom: MARGIN.bottom,
            right: MARGIN.right,
            header: mm(10),
            footer: mm(10),
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(size::BODY);
    doc = frame::heading(doc, report, lang);
    doc = sections::write(doc, report, lang, limit);
    doc = frame::closing(doc, report, lang);
    let mut bytes = Cursor::new(Vec::new());
    doc.pack(&mut bytes).map_err(|error| ExportError::Docx {
        reason: error.to_string(),
    })?;
    Ok(bytes.into_inner())
}

/// An upper-case Roman numeral for a section: I, II, … XXXIX (a report has
/// a dozen sections at most).
fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 5] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut left = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while left >= value {
            out.push_str(numeral);
            left -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_are_read_back_by_the_import() {
        let numerals: Vec<String> = (1..=12).map(roman).collect();
        assert_eq!(
            numerals,
            [
                "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"
            ]
        );
        for n in 1..40 {
            let heading = format!("{}. TITLE", roman(n));
            assert_eq!(
                crate::import::text::roman_heading(&heading),
                Some((roman(n).as_str(), "TITLE")),
                "{n}"
            );
        }
    }

    #[test]
    fn the_page_is_a4_with_the_decree_margins() {
        assert_eq!(A4, (11906, 16838));
        assert_eq!((MARGIN.top, MARGIN.bottom), (1134, 1134));
        assert_eq!((MARGIN.left, MARGIN.right), (1701, 1134));
        assert_eq!(TEXT_WIDTH, 9071);
    }
}
