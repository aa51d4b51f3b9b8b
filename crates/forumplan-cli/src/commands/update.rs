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

use forumplan_core::journal::{JournalEntry, TaskState};
use forumplan_reporter::i18n::cli::CliMsg;

use crate::cli::LangArg;
use crate::error::{CliError, refuse};
use crate::journal_file::{JournalWriteError, append_entry};
use crate::plan_file::Warnings;
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

pub(crate) fn run(
    plan: &Path,
    journal: Option<&Path>,
    update: Update,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    let task = progress::task(forum, &update.task)?;
    let state: TaskState = update.state.parse().map_err(|_| {
        refuse(
            CliMsg::NotAState {
                text: update.state.clone(),
            },
            CliMsg::HintStates,
        )
    })?;
    let progress = match update.progress {
        None => None,
        Some(p) => Some(u8::try_from(p).ok().filter(|p| *p <= 100).ok_or_else(|| {
            refuse(
                CliMsg::ProgressOutOfRange { progress: p },
                CliMsg::HintProgress,
            )
        })?),
    };
    check_state_and_progress(state, progress)?;
    let date = progress::day(forum, &update.date)?;
    let today = progress::today(forum);
    if date > today {
        return Err(refuse(
            CliMsg::DateAfterToday { date, today },
            CliMsg::HintJournalPast,
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
    let now = crate::clock::now_in(forum.timezone());
    let entry = entry.recorded(uuid::Uuid::now_v7(), now);
    let lang = progress::lang(forum, lang);
    let file = progress::journal_path(plan, forum, journal, lang)?;
    let path = &file.path;
    append_entry(path, &entry, lang).map_err(|error| match error {
        JournalWriteError::InvalidEntry { source, .. } => refuse(
            CliMsg::InvalidEntry {
                reason: source.to_string(),
            },
            CliMsg::HintCheckValues,
        ),
        // Opening or locking failed: nothing was written, and a journal
        // the plan names is the plan's problem.
        JournalWriteError::Io {
            path,
            operation,
            source,
        } => file.io_failure(plan, source, lang, |source| {
            CliError::Journal(JournalWriteError::Io {
                path,
                operation,
                source,
            })
        }),
        other => CliError::Journal(other),
    })?;
    let recorded = CliMsg::Recorded {
        path: path.display().to_string(),
        date,
        task: entry.task.clone(),
        state,
        progress,
    };
    let mut stdout = anstream::stdout().lock();
    let _ = writeln!(stdout, "{}", recorded.text(lang));
    Ok(ExitCode::SUCCESS)
}

/// Refuses combinations of state and progress that make no sense.
fn check_state_and_progress(state: TaskState, progress: Option<u8>) -> Result<(), CliError> {
    match (state, progress) {
        (TaskState::Done, Some(p)) if p != 100 => Err(refuse(
            CliMsg::DoneNot100 { progress: p },
            CliMsg::HintDoneProgress,
        )),
        (TaskState::InProgress, Some(100)) => {
            Err(refuse(CliMsg::InProgress100, CliMsg::HintUseDone))
        }
        (TaskState::NotStarted, Some(p)) if p > 0 => Err(refuse(
            CliMsg::NotStartedWithProgress { progress: p },
            CliMsg::HintStartWithProgress,
        )),
        (TaskState::Cancelled, Some(_)) => Err(refuse(
            CliMsg::CancelledWithProgress,
            CliMsg::HintLeaveOutProgress,
        )),
        _ => Ok(()),
    }
}
