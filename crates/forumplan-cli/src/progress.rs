//! The as-of day and the journal: what every reporting command needs
//! beside the plan.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use forumplan_core::Forum;
use forumplan_core::journal::Journal;
use forumplan_core::plan::{FIRST_DAY, LAST_DAY, parse_day};
use forumplan_reporter::check::CheckReport;
use forumplan_reporter::escape::terminal;
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::status::{StatusInput, StatusReport};
use forumplan_scheduler::{Assessment, Schedule};

use crate::cli::{DayArgs, LangArg};
use crate::error::CliError;
use crate::journal_file::read_journal;
use crate::write::same_file;

/// The report language: `--lang`, else the plan's `settings.locale`.
pub(crate) fn lang(forum: &Forum, lang: Option<LangArg>) -> Lang {
    match lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => forum.settings().locale.into(),
    }
}

/// Today in the forum's time zone.
pub(crate) fn today(forum: &Forum) -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&forum.timezone())
        .date_naive()
}

/// Resolves a day argument: a date, `today` or `yesterday` in the forum's time zone.
pub(crate) fn day(forum: &Forum, text: &str) -> Result<NaiveDate, CliError> {
    match text {
        "today" => Ok(today(forum)),
        "yesterday" => Ok(today(forum) - chrono::Days::new(1)),
        _ => parse_day(text).map_err(|error| CliError::Usage {
            message: error.to_string(),
            hint: format!(
                "write YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY} (e.g. 2022-09-13), `today` or `yesterday`"
            ),
        }),
    }
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
        return Err(CliError::Usage {
            message: format!("the journal `{}` is the plan file itself", path.display()),
            hint: "name a separate file in `forum.journal` (or --journal), e.g. plan.journal.jsonl"
                .into(),
        });
    }
    Ok(path)
}

/// Reads the journal; bad lines and entries for unknown tasks are reported
/// on stderr as warnings and skipped.
pub(crate) fn load_journal(plan: &Path, forum: &Forum, day: &DayArgs) -> Result<Journal, CliError> {
    let path = journal_path(plan, forum, day.journal.as_deref())?;
    tracing::info!(path = %path.display(), "reading journal");
    let journal = read_journal(&path).map_err(|error| CliError::Read {
        path: error.path,
        source: error.source,
    })?;
    let mut stderr = anstream::stderr().lock();
    for error in &journal.errors {
        let _ = writeln!(
            stderr,
            "warning: {}:{}:{}: {} (line skipped)",
            path.display(),
            error.line,
            error.column,
            terminal(&error.message)
        );
    }
    for line in &journal.entries {
        if forum.task_id(&line.entry.task).is_none() {
            let _ = writeln!(
                stderr,
                "warning: {}:{}: unknown task `{}` (entry ignored)",
                path.display(),
                line.line,
                terminal(&line.entry.task)
            );
        }
    }
    Ok(journal)
}

/// Schedules and assesses `forum` as of `day`.
pub(crate) fn assess_day(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
) -> Result<(Schedule, Assessment), CliError> {
    let state = journal.replay(day);
    tracing::info!(%day, tasks = forum.tasks().len(), "scheduling");
    let schedule =
        forumplan_scheduler::schedule(forum, &state, day).map_err(|error| CliError::Usage {
            message: error.to_string(),
            hint: "fix the plan's calendars, durations or lags".into(),
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
