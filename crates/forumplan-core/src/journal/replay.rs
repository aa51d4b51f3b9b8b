//! Replaying the journal: the state of every task as of a day.

use chrono::NaiveDate;

use super::entry::JournalEntry;
use super::state::TaskState;
use crate::forum::{Forum, TaskId};

/// The replayed state of one task as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskProgress {
    /// The state of the deciding entry: the last one in file order dated on
    /// or before the as-of day.
    pub state: TaskState,
    /// Percentage done, 0–100; see [`replay`] for how it is derived.
    pub progress: u8,
    /// The date of the first entry (in file order, dated on or before the
    /// as-of day) that is `in_progress` or `done` or has progress > 0.
    pub actual_start: Option<NaiveDate>,
    /// The date of the deciding entry when it is `done`; `None` otherwise.
    pub actual_finish: Option<NaiveDate>,
    /// The date of the deciding entry.
    pub as_of_entry_date: NaiveDate,
}

/// The state of every task of a forum that the journal mentions, as of a
/// day, by [`TaskId`].
///
/// Tasks that no entry (dated on or before the day) mentions are absent:
/// for the scheduler they are not started. Entries for tasks the forum does
/// not have are ignored (`validate` reports them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalState {
    tasks: Vec<Option<TaskProgress>>,
}

impl JournalState {
    /// The state of a task, if the journal mentions it.
    pub fn get(&self, task: TaskId) -> Option<&TaskProgress> {
        self.tasks.get(task).and_then(Option::as_ref)
    }

    /// Every task the journal mentions, in plan order.
    pub fn iter(&self) -> impl Iterator<Item = (TaskId, &TaskProgress)> {
        self.tasks
            .iter()
            .enumerate()
            .filter_map(|(task, progress)| Some((task, progress.as_ref()?)))
    }

    /// The number of tasks the journal mentions.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether no task is mentioned.
    pub fn is_empty(&self) -> bool {
        self.tasks.iter().all(Option::is_none)
    }
}

/// Replays journal entries, in file order, into the state of every task of
/// `forum` as of `as_of`.
///
/// Entries dated after `as_of` are ignored entirely. For each task:
/// - **state**: that of the *deciding entry*, the last entry in file order
///   dated on or before `as_of`. File order, not date order: a later line
///   with an earlier date (a correction) still overrides an earlier line.
/// - **progress**: 100 when the state is `done`. Otherwise the deciding
///   entry's `progress` if it gives one. If it omits it, the progress is
///   carried from the most recent earlier entry (file order, dated on or
///   before `as_of`) that gives one, where an entry without `progress`
///   counts as giving 100 if it is `done` and 0 if it is `not_started` (so
///   a `not_started` entry resets the progress, and a task reopened after
///   `done` carries 100 until told otherwise). A `not_started` deciding
///   entry without progress therefore gives 0; with no information at all
///   the progress is 0.
/// - **actual start**: the date of the first entry in file order (dated on
///   or before `as_of`) that is `in_progress` or `done` or has progress > 0,
///   whatever the current state.
/// - **actual finish**: the date of the deciding entry when it is `done`;
///   `None` otherwise (a `cancelled` task has no actual finish).
pub fn replay<'a>(
    forum: &Forum,
    entries: impl IntoIterator<Item = &'a JournalEntry>,
    as_of: NaiveDate,
) -> JournalState {
    struct Acc<'a> {
        deciding: &'a JournalEntry,
        carried_progress: Option<u8>,
        actual_start: Option<NaiveDate>,
    }

    let mut tasks: Vec<Option<Acc<'a>>> = Vec::new();
    tasks.resize_with(forum.tasks().len(), || None);
    for entry in entries {
        if entry.date > as_of {
            continue;
        }
        let Some(task) = forum.task_id(&entry.task) else {
            continue;
        };
        let acc = tasks[task].get_or_insert(Acc {
            deciding: entry,
            carried_progress: None,
            actual_start: None,
        });
        acc.deciding = entry;
        let given = match (entry.progress, entry.state) {
            (Some(p), _) => Some(p.min(100)),
            (None, TaskState::Done) => Some(100),
            (None, TaskState::NotStarted) => Some(0),
            (None, _) => None,
        };
        if given.is_some() {
            acc.carried_progress = given;
        }
        let started = matches!(entry.state, TaskState::InProgress | TaskState::Done)
            || entry.progress.is_some_and(|p| p > 0);
        if acc.actual_start.is_none() && started {
            acc.actual_start = Some(entry.date);
        }
    }

    let tasks = tasks
        .into_iter()
        .map(|acc| {
            let acc = acc?;
            let state = acc.deciding.state;
            let progress = if state == TaskState::Done {
                100
            } else {
                acc.carried_progress.unwrap_or(0)
            };
            Some(TaskProgress {
                state,
                progress,
                actual_start: acc.actual_start,
                actual_finish: (state == TaskState::Done).then_some(acc.deciding.date),
                as_of_entry_date: acc.deciding.date,
            })
        })
        .collect();
    JournalState { tasks }
}
