//! The forum model: plan files loaded and validated into a dependency graph
//! of tasks, working calendars, and the progress journal.
//!
//! The pipeline starts here: [`load_plan`] takes the bytes of a plan file
//! and returns a validated [`Forum`] or every problem in the file as
//! [`Diagnostic`]s with byte spans. This crate does no I/O and never reads
//! the clock: callers hand it bytes and dates.

pub mod baseline;
pub mod calendar;
mod code;
mod diagnostic;
pub mod document;
mod forum;
mod graph;
pub mod journal;
mod load;
pub mod plan;
mod settings;
mod span;
mod task_index;
pub mod utf8;
mod validate;

pub use code::Code;
pub use diagnostic::{Diagnostic, Severity, closest};
pub use forum::{CalendarId, Dependency, Forum, ForumTask, TaskId, WorkstreamId};
pub use graph::{Graph, Link};
pub use load::{Format, Loaded, Locate, load_plan, load_plan_locating, value_span};
pub use settings::EffectiveSettings;
pub use span::Span;
pub use validate::{DEFAULT_CALENDAR, DEFAULT_TIMEZONE};
