//! The task states a journal records.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The valid state names, for error messages.
pub(super) const STATE_NAMES: &str = "not_started, in_progress, done, blocked, cancelled";

/// The state of a task, as recorded in the journal and used by the scheduler.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Work has not begun (`not_started`).
    NotStarted,
    /// Work is under way (`in_progress`).
    InProgress,
    /// The task is finished (`done`); its progress is 100.
    Done,
    /// Work cannot go on until something outside the task is resolved
    /// (`blocked`).
    Blocked,
    /// The task will not be done (`cancelled`).
    Cancelled,
}

impl TaskState {
    /// Every state, in the order of the contract.
    pub const ALL: [TaskState; 5] = [
        TaskState::NotStarted,
        TaskState::InProgress,
        TaskState::Done,
        TaskState::Blocked,
        TaskState::Cancelled,
    ];

    /// The name used in journal files and on the command line
    /// (`not_started`, `in_progress`, `done`, `blocked`, `cancelled`).
    pub const fn as_str(self) -> &'static str {
        match self {
            TaskState::NotStarted => "not_started",
            TaskState::InProgress => "in_progress",
            TaskState::Done => "done",
            TaskState::Blocked => "blocked",
            TaskState::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string is not the name of a [`TaskState`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown state `{input}`; expected one of: {STATE_NAMES}")]
pub struct ParseTaskStateError {
    /// The text that was not recognised.
    pub input: String,
}

impl FromStr for TaskState {
    type Err = ParseTaskStateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TaskState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| ParseTaskStateError {
                input: s.to_owned(),
            })
    }
}
