//! What can be wrong with a file to import, and where: a cell of a
//! spreadsheet, or a place in an XML text.

use std::fmt;

use forumplan_core::{Severity, Span};

/// A rule an import [`Problem`] reports, by its stable name (shown as
/// `error[name]`, listed in `docs/interop.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ProblemCode {
    /// `unreadable-source`: not a spreadsheet, CSV or XML file this reader knows.
    UnreadableSource,
    /// `xml-syntax`: the XML is malformed.
    XmlSyntax,
    /// `not-mspdi`: well-formed XML, but not an MS Project file.
    NotMspdi,
    /// `unknown-sheet`: `--sheet` names no sheet of the workbook.
    UnknownSheet,
    /// `no-header`: no row of the first rows looks like a task table's header.
    NoHeader,
    /// `no-tasks`: the file holds no task.
    NoTasks,
    /// `no-forum-date`: the event day is neither given nor in the file.
    NoForumDate,
    /// `bad-date`: a date that is not a date.
    BadDate,
    /// `bad-duration`: a duration that is not a number of days.
    BadDuration,
    /// `bad-predecessor`: a predecessor that cannot be read.
    BadPredecessor,
    /// `unknown-predecessor`: a predecessor that names no task.
    UnknownPredecessor,
    /// `duplicate-number`: two rows with one number.
    DuplicateNumber,
    /// `bad-status`: a status or percentage that cannot be read.
    BadStatus,
    /// `bad-value`: a number or field of the XML that cannot be read.
    BadValue,
    /// `not-valid`: the plan built from the file breaks a rule of plans.
    NotValid,
    /// `not-carried-over`: something the plan cannot hold, left out (warning).
    NotCarriedOver,
    /// `approximated`: a value changed to fit the plan, e.g. a lag rounded
    /// to whole days (warning).
    Approximated,
}

impl ProblemCode {
    /// Every code, in declaration order.
    pub const ALL: [ProblemCode; 17] = [
        ProblemCode::UnreadableSource,
        ProblemCode::XmlSyntax,
        ProblemCode::NotMspdi,
        ProblemCode::UnknownSheet,
        ProblemCode::NoHeader,
        ProblemCode::NoTasks,
        ProblemCode::NoForumDate,
        ProblemCode::BadDate,
        ProblemCode::BadDuration,
        ProblemCode::BadPredecessor,
        ProblemCode::UnknownPredecessor,
        ProblemCode::DuplicateNumber,
        ProblemCode::BadStatus,
        ProblemCode::BadValue,
        ProblemCode::NotValid,
        ProblemCode::NotCarriedOver,
        ProblemCode::Approximated,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::UnreadableSource => "unreadable-source",
            ProblemCode::XmlSyntax => "xml-syntax",
            ProblemCode::NotMspdi => "not-mspdi",
            ProblemCode::UnknownSheet => "unknown-sheet",
            ProblemCode::NoHeader => "no-header",
            ProblemCode::NoTasks => "no-tasks",
            ProblemCode::NoForumDate => "no-forum-date",
            ProblemCode::BadDate => "bad-date",
            ProblemCode::BadDuration => "bad-duration",
            ProblemCode::BadPredecessor => "bad-predecessor",
            ProblemCode::UnknownPredecessor => "unknown-predecessor",
            ProblemCode::DuplicateNumber => "duplicate-number",
            ProblemCode::BadStatus => "bad-status",
            ProblemCode::BadValue => "bad-value",
            ProblemCode::NotValid => "not-valid",
            ProblemCode::NotCarriedOver => "not-carried-over",
            ProblemCode::Approximated => "approximated",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cell of a sheet, counted from 0 (shown as `Kế hoạch!E6`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellRef {
    /// The sheet's name; `None` for a CSV file, which has one.
    pub sheet: Option<String>,
    /// Row, from 0.
    pub row: u32,
    /// Column, from 0.
    pub column: u32,
}

impl CellRef {
    /// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
    pub fn column_name(column: u32) -> String {
        let mut n = column + 1;
        let mut letters = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(char::from(b'A' + rem as u8));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "{sheet}!")?;
        }
        write!(f, "{}{}", CellRef::column_name(self.column), self.row + 1)
    }
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A cell of a spreadsheet (or a row: its first cell).
    Cell(CellRef),
    /// Bytes of a text source (XML), shown as line:column.
    Text(Span),
    /// The file as a whole.
    File,
}

/// One problem found while importing, located in the source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place:?}: {message}")]
pub struct Problem {
    /// An error stops the import; a warning says what was not carried over.
    pub severity: Severity,
    /// The rule.
    pub code: ProblemCode,
    /// What is wrong, one line.
    pub message: String,
    /// Where.
    pub place: Place,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// An error at `place`.
    pub fn error(code: ProblemCode, place: Place, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            message: message.into(),
            place,
            hint: None,
        }
    }

    /// A warning at `place`.
    pub fn warning(code: ProblemCode, place: Place, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(code, place, message)
        }
    }

    /// Adds how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this stops the import.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        let cell = |sheet: Option<&str>, row, column| CellRef {
            sheet: sheet.map(str::to_owned),
            row,
            column,
        };
        assert_eq!(cell(Some("Kế hoạch"), 5, 4).to_string(), "Kế hoạch!E6");
        assert_eq!(cell(None, 0, 25).to_string(), "Z1");
        assert_eq!(cell(None, 9, 26).to_string(), "AA10");
        assert_eq!(cell(None, 0, 701).to_string(), "ZZ1");
        assert_eq!(cell(None, 0, 702).to_string(), "AAA1");
    }
}
