//! Renders schedules and readiness assessments for people and for other
//! tools: terminal text, Markdown, HTML, JSON and CSV.
//!
//! Renderers write to any `std::io::Write` the caller hands them; they never
//! open files or look at the terminal.

pub mod schedule;
