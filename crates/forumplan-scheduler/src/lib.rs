//! Calendar-aware critical-path scheduling back from the event day.
//!
//! [`schedule`] takes a validated [`Forum`], the journal replayed as of a
//! day, and that day; it returns every task's early and late dates, total
//! and free float, the critical flag and the critical paths, following
//! `shared/design/scheduling.md` to the letter. [`assess`] turns a schedule
//! into readiness: per task, per workstream (red/amber/green) and for the
//! whole forum, with the countdown; [`compare`] tells what changed between
//! two days; [`ForwardPass`] runs the schedule's forward pass again with
//! other durations, for risk analysis. Everything here is a pure function: no I/O, no clock.
//!
//! The passes run over compact arrays in topological order, with O(1)
//! working-day arithmetic ([`workdays`]), so a million tasks schedule in
//! well under a second.

mod assess;
pub mod baseline;
mod critical;
pub mod health;
mod passes;
mod rerun;
pub mod workdays;

use chrono::NaiveDate;
use forumplan_core::journal::{JournalState, TaskState};
use forumplan_core::{Forum, TaskId};
use serde::Serialize;

pub use assess::{
    Assessment, Cause, Changes, ForumSummary, Rag, Readiness, TaskReadiness, WorkstreamSummary,
    assess, compare,
};
pub use rerun::{ForwardPass, Work};

/// The schedule of one task as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskSchedule {
    /// The task's state from the journal (not started when it has no entry).
    pub state: TaskState,
    /// Percentage done, 0–100.
    pub progress: u8,
    /// First day worked, from the journal.
    pub actual_start: Option<NaiveDate>,
    /// Day finished, from the journal.
    pub actual_finish: Option<NaiveDate>,
    /// Earliest start (of the remaining work, for a task in progress).
    pub early_start: NaiveDate,
    /// Earliest finish.
    pub early_finish: NaiveDate,
    /// Latest start that keeps every successor and bound satisfied.
    pub late_start: NaiveDate,
    /// Latest finish.
    pub late_finish: NaiveDate,
    /// Working days from early to late start; `None` for done and cancelled tasks.
    pub total_float: Option<i64>,
    /// Working days the task can slip without moving a successor; `None`
    /// for done and cancelled tasks.
    pub free_float: Option<i64>,
    /// Total float ≤ 0 (never for done or cancelled tasks).
    pub critical: bool,
    /// Working days of work left (the duration when not started; 0 when done).
    pub remaining: u32,
}

/// A constraint the schedule could not obey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// A link (or `not_before`) would start a fixed task later than its fixed day.
    FixedStartPushed {
        /// The fixed task.
        task: TaskId,
        /// Its fixed start.
        fixed_start: NaiveDate,
        /// The earliest start its predecessors and bounds allow.
        earliest_allowed: NaiveDate,
    },
    /// A fixed task that has not started has its fixed day in the past; it is
    /// scheduled from the as-of day instead (and is late).
    FixedStartPassed {
        /// The fixed task.
        task: TaskId,
        /// Its fixed start.
        fixed_start: NaiveDate,
    },
}

impl Conflict {
    /// The task concerned.
    pub fn task(&self) -> TaskId {
        match *self {
            Conflict::FixedStartPushed { task, .. } | Conflict::FixedStartPassed { task, .. } => {
                task
            }
        }
    }
}

/// A whole forum scheduled as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The day the schedule is computed for.
    pub as_of: NaiveDate,
    /// Per task, by [`TaskId`] (plan order).
    pub tasks: Vec<TaskSchedule>,
    /// Every tied critical path, each from first task to last.
    pub critical_paths: Vec<Vec<TaskId>>,
    /// Constraints that could not be obeyed.
    pub conflicts: Vec<Conflict>,
    /// The latest early finish of the pre-event tasks (cancelled ones aside).
    pub forecast_ready: Option<NaiveDate>,
}

/// Why a forum could not be scheduled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// A task's calendar ran out of working days (it works no weekday and
    /// the schedule left its extra working days behind).
    #[error(
        "task `{task}` cannot be scheduled: its calendar `{calendar}` has no working day where the task must go"
    )]
    NoWorkingDay {
        /// The task's id.
        task: String,
        /// The calendar's name.
        calendar: String,
    },
    /// Dates ran beyond what can be represented.
    #[error(
        "task `{task}` would be scheduled beyond the year 262000: check its durations and lags"
    )]
    OutOfRange {
        /// The task's id.
        task: String,
    },
}

/// Schedules `forum` as of `as_of`, with progress from `journal` (replayed
/// as of the same day). Journal entries for unknown tasks are ignored.
pub fn schedule(
    forum: &Forum,
    journal: &JournalState,
    as_of: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    passes::run(forum, journal, as_of)
}
