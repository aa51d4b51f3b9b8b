//! Export: a plan and its schedule as other tools' files. Pure: the forum,
//! its schedule or the reporter's status report as of a day, and options
//! in; bytes out.

mod docx;
mod ics;
mod mspdi;
mod xlsx;

use std::collections::HashMap;

use forumplan_core::Forum;

pub use docx::docx;
pub use ics::ics;
pub use mspdi::mspdi;
pub use xlsx::xlsx;

/// Workstream id → name, as the exports show a task's workstream.
fn workstream_names(forum: &Forum) -> HashMap<&str, &str> {
    forum
        .workstreams()
        .iter()
        .map(|w| (w.id.as_str(), w.name.as_str()))
        .collect()
}

/// The names of the workstreams a report is cut down to, joined by commas.
fn scope_names(names: &HashMap<&str, &str>, scope: &[String]) -> String {
    scope
        .iter()
        .map(|id| names.get(id.as_str()).copied().unwrap_or(id))
        .collect::<Vec<_>>()
        .join(", ")
}
