//! The countdown status report: what the committee reads every morning.
//!
//! [`StatusReport`] holds the content; one module per format renders it.

mod csv;
mod lists;
mod markdown;
mod model;
mod scope;
mod sections;
mod text;

pub use lists::ListLimit;
pub use lists::join_some;
pub use scope::{UnknownWorkstream, chosen_workstreams};
pub use sections::Section;

pub(crate) use model::is_overdue;
pub use model::{
    ChangesSection, ConflictRow, ForumInfo, Handoff, Headline, PendingHandoff, SlippageSection,
    StatusInput, StatusReport, TaskRow, WorkstreamRow, WorkstreamSlipRow, json_schema,
};

use std::io::{self, Write};

use crate::CsvSeparator;
use crate::i18n::Lang;

/// The formats of the status report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFormat {
    /// For an 80-column terminal; `color` adds ANSI colours.
    Text {
        /// Colour the RAG words and headings (ANSI).
        color: bool,
    },
    /// Pastes into a message or a document.
    Markdown,
    /// One self-contained page with charts.
    Html,
    /// The report's content, for other tools.
    Json,
    /// One row per task, for a spreadsheet (UTF-8 with a byte order mark,
    /// formula-safe text cells).
    Csv {
        /// Between cells.
        separator: CsvSeparator,
    },
}

impl StatusReport {
    /// Renders the report in `format` and `lang` to `out`. The forms for
    /// people (text, Markdown, HTML) show each list up to `limit`; the JSON
    /// and CSV forms list everything.
    pub fn render(
        &self,
        format: StatusFormat,
        lang: Lang,
        limit: ListLimit,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match format {
            StatusFormat::Text { color } => text::render(self, lang, color, limit, out),
            StatusFormat::Markdown => markdown::render(self, lang, limit, out),
            StatusFormat::Html => crate::html::render(self, lang, limit, out),
            StatusFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, self)?;
                writeln!(out)
            }
            StatusFormat::Csv { separator } => csv::render(self, lang, separator, out),
        }
    }
}
