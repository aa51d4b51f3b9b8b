//! `forumplan update PLAN TASK --state S`: records one fact in the journal.
//!
//! An update that makes no sense is refused with a message and the journal
//! is left untouched. The rules (docs/daily-operations.md):
//! - the task must be in the plan;
//! - the state is one of not_started, in_progress, done, blocked, cancelled;
//! - progress is a whole number from 0 to 100; `done` means 100; work in
//!   progress is below 100 (100 is `done`); `not_started` has no progress
//!   above 0; a cancelled task has no progress;
//! - the date is not after today (in the forum's time zone).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::closest;
use forumplan_core::journal::{JournalEntry, TaskState};

use crate::error::CliError;
use crate::journal_file::{JournalWriteError, append_entry};
use crate::{plan_file, progress};

/// What the user asked to record.
pub(crate) struct Update {
    pub(crate) task: String,
    pub(crate) state: String,
    pub(crate) progress: Option<i64>,
    pub(crate) date: String,
    pub(crate) by: Option<String>,
    pub(crate) note: Option<String>,
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> CliError {
    CliError::Usage {
        message: message.into(),
        hint: hint.into(),
    }
}

pub(crate) fn run(
    plan: &Path,
    journal: Option<&Path>,
    update: Update,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan)?;
    let forum = &loaded.forum;
    let Some(task) = forum.task_id(&update.task) else {
        let ids = forum.plan().tasks.iter().map(|t| t.id.as_str());
        let hint = closest(&update.task, ids).map_or_else(
            || "`forumplan schedule PLAN` lists every task id".to_owned(),
            |near| format!("did you mean `{near}`?"),
        );
        return Err(refuse(
            format!("the plan has no task `{}`", update.task),
            hint,
        ));
    };
    let state: TaskState = update.state.parse().map_err(|_| {
        refuse(
            format!("`{}` is not a state", update.state),
            "use not_started, in_progress, done, blocked or cancelled",
        )
    })?;
    let progress = match update.progress {
        None => None,
        Some(p) => Some(u8::try_from(p).ok().filter(|p| *p <= 100).ok_or_else(|| {
            refuse(
                format!("progress {p} is outside 0–100"),
                "give the percentage done, e.g. --progress 60",
            )
        })?),
    };
    check_state_and_progress(state, progress)?;
    let date = progress::day(forum, &update.date)?;
    let today = progress::today(forum);
    if date > today {
        return Err(refuse(
            format!("{date} is after today ({today})"),
            "the journal records what has happened; give today's date or an earlier one",
        ));
    }
    let mut entry = JournalEntry::new(date, forum.task(task).id.clone(), state);
    if let Some(p) = progress {
        entry = entry.with_progress(p);
    }
    if let Some(by) = update.by.filter(|b| !b.trim().is_empty()) {
        entry = entry.with_by(by);
    }
    if let Some(note) = update.note.filter(|n| !n.trim().is_empty()) {
        entry = entry.with_note(note);
    }
    let now = chrono::Utc::now()
        .with_timezone(&forum.timezone())
        .fixed_offset();
    let entry = entry.recorded(uuid::Uuid::now_v7(), now);
    let path = progress::journal_path(plan, forum, journal)?;
    append_entry(&path, &entry).map_err(|error| match error {
        JournalWriteError::InvalidEntry { source, .. } => {
            refuse(source.to_string(), "check the values given")
        }
        other => CliError::Journal(other),
    })?;
    let shown = progress.map_or(String::new(), |p| format!(" {p}%"));
    let mut stdout = anstream::stdout().lock();
    let _ = writeln!(
        stdout,
        "recorded in {}: {date} {} {}{shown}",
        path.display(),
        entry.task,
        state.as_str()
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses combinations of state and progress that make no sense.
fn check_state_and_progress(state: TaskState, progress: Option<u8>) -> Result<(), CliError> {
    match (state, progress) {
        (TaskState::Done, Some(p)) if p != 100 => Err(refuse(
            format!("a done task is 100% done, not {p}%"),
            "leave out --progress, or use --state in_progress",
        )),
        (TaskState::InProgress, Some(100)) => {
            Err(refuse("work 100% done is done", "use --state done"))
        }
        (TaskState::NotStarted, Some(p)) if p > 0 => Err(refuse(
            format!("a task not started cannot be {p}% done"),
            "use --state in_progress with the progress",
        )),
        (TaskState::Cancelled, Some(_)) => Err(refuse(
            "a cancelled task has no progress",
            "leave out --progress",
        )),
        _ => Ok(()),
    }
}
