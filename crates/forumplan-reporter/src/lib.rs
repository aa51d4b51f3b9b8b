//! Renders schedules and readiness assessments for people and for other
//! tools: terminal text, Markdown, HTML, JSON and CSV, in Vietnamese and
//! English.
//!
//! Renderers write to any `std::io::Write` the caller hands them; they never
//! open files or look at the terminal (colour is a flag the caller sets).

pub mod check;
pub mod colour;
pub mod escape;
pub mod health;
mod html;
pub mod i18n;
mod json_writer;
mod layout;
pub mod request;
pub mod risk;
pub mod schedule;
mod spreadsheet;
pub mod status;

pub use spreadsheet::CsvSeparator;
