//! The as-of day and the journal: what every reporting command needs
//! beside the plan.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use forumplan_core::journal::Journal;
use forumplan_core::plan::{DayError, parse_day};
use forumplan_core::{Forum, Severity, TaskId, closest};
use forumplan_reporter::check::CheckReport;
use forumplan_reporter::escape::terminal;
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::status::{StatusInput, StatusReport};
use forumplan_scheduler::{Assessment, Schedule};

use crate::cli::{DayArgs, LangArg};
use crate::error::{CliError, refuse};
use crate::journal_file::read_journal_bytes;
use crate::plan_file;
use crate::write::same_file;

/// The report language: `--lang`, else the plan's `settings.locale`.
pub(crate) fn lang(forum: &Forum, lang: Option<LangArg>) -> Lang {
    match lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => forum.settings().locale.into(),
    }
}

/// The language of a message given before any plan is read (or when it
/// cannot be): `--lang`, else Vietnamese.
pub(crate) fn message_lang(lang: Option<LangArg>) -> Lang {
    match lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Vi) | None => Lang::Vi,
    }
}

/// Today in the forum's time zone.
pub(crate) fn today(forum: &Forum) -> NaiveDate {
    crate::clock::today_in(forum.timezone())
}

/// Resolves a day argument: a date, `today` or `yesterday` in the forum's time zone.
pub(crate) fn day(forum: &Forum, text: &str) -> Result<NaiveDate, CliError> {
    match text {
        "today" => Ok(today(forum)),
        "yesterday" => Ok(today(forum) - chrono::Days::new(1)),
        _ => parse_arg_day(text, CliMsg::HintDay),
    }
}

/// A day given on the command line (strictly YYYY-MM-DD within the
/// supported days), refused with `hint`.
pub(crate) fn parse_arg_day(text: &str, hint: CliMsg) -> Result<NaiveDate, CliError> {
    parse_day(text).map_err(|error| {
        let message = match error {
            DayError::OutOfRange(day) => CliMsg::DayOutOfRange { day },
            _ => CliMsg::NotADay {
                text: terminal(text).into_owned(),
            },
        };
        refuse(message, hint)
    })
}

/// The task `id` names, or a refusal with the nearest id as a hint.
pub(crate) fn task(forum: &Forum, id: &str) -> Result<TaskId, CliError> {
    forum.task_id(id).ok_or_else(|| {
        let ids = forum.plan().tasks.iter().map(|t| t.id.as_str());
        let hint = closest(id, ids).map_or(CliMsg::HintListIds, |near| CliMsg::DidYouMean {
            near: near.to_owned(),
        });
        refuse(
            CliMsg::UnknownTask {
                task: id.to_owned(),
            },
            hint,
        )
    })
}

/// The journal file of a plan: `--journal`, else the plan's `forum.journal`
/// (relative to the plan's folder), else `<plan stem>.journal.jsonl`.
/// Refused when it is the plan file itself, which an update would damage.
pub(crate) fn journal_path(
    plan: &Path,
    forum: &Forum,
    journal: Option<&Path>,
) -> Result<PathBuf, CliError> {
    let path = match journal {
        Some(journal) => journal.to_owned(),
        None => {
            let folder = plan.parent().unwrap_or(Path::new(""));
            match &forum.plan().forum.journal {
                Some(name) => folder.join(name),
                None => {
                    let stem = plan
                        .file_stem()
                        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
                    folder.join(format!("{stem}.journal.jsonl"))
                }
            }
        }
    };
    if same_file(&path, plan) {
        return Err(refuse(
            CliMsg::JournalIsPlan {
                path: path.display().to_string(),
            },
            CliMsg::HintSeparateJournal,
        ));
    }
    Ok(path)
}

/// Reads the journal; bad lines and entries for unknown tasks are reported
/// on stderr as warnings (labelled in `lang`) and skipped.
pub(crate) fn load_journal(
    plan: &Path,
    forum: &Forum,
    day: &DayArgs,
    lang: Lang,
) -> Result<Journal, CliError> {
    let path = journal_path(plan, forum, day.journal.as_deref())?;
    read_checked_journal(&path, forum, Severity::Warning, lang).map(|(journal, _)| journal)
}

/// Reads the journal at `path` and prints its problems (damaged lines,
/// entries for tasks the plan lacks) with the diagnostic renderer, as
/// `severity` (a warning says, in `lang`, that the line is skipped);
/// returns the journal and how many problems it has. A journal that does
/// not exist yet is empty.
pub(crate) fn read_checked_journal(
    path: &Path,
    forum: &Forum,
    severity: Severity,
    lang: Lang,
) -> Result<(Journal, usize), CliError> {
    tracing::info!(path = %path.display(), "reading journal");
    let Some(bytes) = read_journal_bytes(path).map_err(|error| CliError::Read {
        path: error.path,
        source: error.source,
    })?
    else {
        return Ok((Journal::default(), 0));
    };
    let journal = forumplan_core::journal::parse_journal_bytes(&bytes);
    let mut problems = journal.problems.clone();
    problems.extend(journal.unknown_tasks(&bytes, forum));
    problems.sort_by_key(|d| d.span.map(|s| s.start));
    for problem in &mut problems {
        problem.severity = severity;
        // A report goes on without the line: say so under the caret.
        if severity == Severity::Warning {
            let skipped = if problem.code == forumplan_core::Code::JournalUnknownTask {
                CliMsg::JournalEntryIgnored
            } else {
                CliMsg::JournalLineSkipped
            };
            problem.label = Some(skipped.text(lang));
        }
    }
    plan_file::print_diagnostics(path, &bytes, &problems);
    Ok((journal, problems.len()))
}

/// Schedules and assesses `forum` as of `day`.
pub(crate) fn assess_day(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
) -> Result<(Schedule, Assessment), CliError> {
    let state = journal.replay(forum, day);
    tracing::info!(%day, tasks = forum.tasks().len(), "scheduling");
    let schedule = forumplan_scheduler::schedule(forum, &state, day).map_err(|error| {
        refuse(
            CliMsg::CannotSchedule {
                reason: error.to_string(),
            },
            CliMsg::HintFixSchedule,
        )
    })?;
    let assessment = forumplan_scheduler::assess(forum, &schedule);
    Ok((schedule, assessment))
}

/// The status report as of `day`, with the changes since `since`.
pub(crate) fn status_report(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
) -> Result<StatusReport, CliError> {
    with_changes(forum, journal, day, since, StatusReport::new)
}

/// The morning check as of `day`, with the changes since `since` (only
/// what it prints: no full status report).
pub(crate) fn check_report(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
) -> Result<CheckReport, CliError> {
    with_changes(forum, journal, day, since, CheckReport::new)
}

/// Assesses `day` and `since`, compares them, and hands all of it to `build`.
fn with_changes<T>(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
    build: impl FnOnce(StatusInput<'_>) -> T,
) -> Result<T, CliError> {
    let (schedule, assessment) = assess_day(forum, journal, day)?;
    let (_, before) = assess_day(forum, journal, since)?;
    let changes = forumplan_scheduler::compare(&before, &assessment);
    Ok(build(StatusInput {
        forum,
        schedule: &schedule,
        assessment: &assessment,
        changes: &changes,
    }))
}
