//! Import and export: the committee's spreadsheets and partners' MS Project
//! files become forumplan plans; plans and their status go out as MS
//! Project XML, calendars, workbooks and Word reports.
//!
//! Pure, like core: bytes (and the day) in, bytes out. The command line
//! reads and writes the files; clippy.toml refuses the clock and the file
//! system here.

mod error;
mod export;
mod import;
mod mspdi;
mod problem;

pub use error::ExportError;
pub use export::{docx, ics, mspdi, xlsx};
pub use import::{ImportOptions, Imported, SourceKind, import};
pub use problem::{CellRef, Place, Problem, ProblemCode};
