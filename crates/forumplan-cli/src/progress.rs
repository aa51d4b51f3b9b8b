//! The as-of day and the journal: what every reporting command needs
//! beside the plan.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use forumplan_core::baseline::Baseline;
use forumplan_core::document::PathSegment;
use forumplan_core::journal::Journal;
use forumplan_core::{Code, Diagnostic, Format, Forum, Loaded, Severity, TaskId, value_span};
use forumplan_reporter::check::CheckReport;
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::request;
use forumplan_reporter::status::StatusReport;
use forumplan_scheduler::{Assessment, Schedule};

use crate::cli::{DayArgs, LangArg};
use crate::error::{CliError, refuse};
use crate::plan_file;
use forumplan_server::journal_file::{journal_location, read_journal_bytes, same_file};

/// The report language: `--lang`, else the plan's `settings.locale`.
pub(crate) fn lang(forum: &Forum, lang: Option<LangArg>) -> Lang {
    match lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => forum.settings().locale.into(),
    }
}

/// What every reporting command starts from: the plan (read, validated,
/// its warnings printed), the report language, the as-of day and the
/// journal (its problems printed as warnings).
pub(crate) struct Morning {
    /// The plan as loaded.
    pub(crate) loaded: Loaded,
    /// `--lang`, else the plan's locale.
    pub(crate) lang: Lang,
    /// `--as-of`, resolved in the forum's time zone.
    pub(crate) as_of: NaiveDate,
    /// The journal, bad lines skipped.
    pub(crate) journal: Journal,
}

impl Morning {
    /// Reads the plan at `plan`, then everything else [`Self::of`] reads.
    pub(crate) fn read(
        plan: &Path,
        day: &DayArgs,
        lang: Option<LangArg>,
        warnings: plan_file::Warnings,
    ) -> Result<Self, CliError> {
        Self::of(plan, plan_file::load(plan, warnings)?, day, lang)
    }

    /// The morning of a plan already loaded (a command that refuses some
    /// arguments before reading the journal loads the plan itself).
    pub(crate) fn of(
        plan: &Path,
        loaded: Loaded,
        day: &DayArgs,
        lang_arg: Option<LangArg>,
    ) -> Result<Self, CliError> {
        let forum = &loaded.forum;
        let lang = lang(forum, lang_arg);
        let as_of = self::day(forum, &day.as_of)?;
        let journal = load_journal(plan, forum, day, lang)?;
        Ok(Self {
            loaded,
            lang,
            as_of,
            journal,
        })
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
    Ok(request::day(text, today(forum))?)
}

/// The task `id` names, or a refusal with the nearest id as a hint.
pub(crate) fn task(forum: &Forum, id: &str) -> Result<TaskId, CliError> {
    Ok(request::task(forum, id)?)
}

/// The journal a command reads or appends to, and whether the plan named it.
#[derive(Debug)]
pub(crate) struct JournalFile {
    /// Where it is.
    pub(crate) path: PathBuf,
    /// The plan's `forum.journal` named it (not `--journal`, not the default
    /// name): a failure to use it is then a problem of the plan, pointed at.
    named_in_plan: bool,
}

impl JournalFile {
    /// The failure to use this journal, saying `message` in `lang`. When the
    /// plan's `forum.journal` named it, the problem is the plan's: it is
    /// printed now as a located diagnostic at the `journal` value (through
    /// the one renderer) and the command fails as for an invalid plan. A
    /// `--journal` or default path gets `plain`, a plain error.
    pub(crate) fn failure(
        &self,
        plan: &Path,
        message: CliMsg,
        lang: Lang,
        plain: CliError,
    ) -> CliError {
        if !self.named_in_plan {
            return plain;
        }
        let Ok(bytes) = std::fs::read(plan) else {
            return plain;
        };
        let format = Format::from_file_name(&plan.to_string_lossy());
        let at = [PathSegment::Key("forum"), PathSegment::Key("journal")];
        let Some(span) = value_span(&bytes, format, &at) else {
            return plain;
        };
        let diagnostic = Diagnostic::error(Code::JournalUnreadable, message.text(lang), span)
            .with_label(CliMsg::JournalNamedHere.text(lang))
            .with_hint(CliMsg::HintJournalUnreadable.text(lang));
        plan_file::print_diagnostics(plan, &bytes, &[diagnostic]);
        CliError::InvalidPlan
    }

    /// [`Self::failure`] for an I/O error while opening or reading the
    /// journal. A lock held too long says nothing about the path: `plain`.
    pub(crate) fn io_failure(
        &self,
        plan: &Path,
        source: std::io::Error,
        lang: Lang,
        plain: impl FnOnce(std::io::Error) -> CliError,
    ) -> CliError {
        if source.kind() == std::io::ErrorKind::TimedOut {
            return plain(source);
        }
        let message = CliMsg::JournalUnreadable {
            path: self.path.display().to_string(),
            reason: source.to_string(),
        };
        self.failure(plan, message, lang, plain(source))
    }
}

/// The journal file of a plan: `--journal`, else the plan's `forum.journal`
/// (relative to the plan's folder), else `<plan stem>.journal.jsonl`.
/// Refused (in `lang`) when it is the plan file itself, which an update
/// would damage.
pub(crate) fn journal_path(
    plan: &Path,
    forum: &Forum,
    journal: Option<&Path>,
    lang: Lang,
) -> Result<JournalFile, CliError> {
    let (path, named_in_plan) = journal_location(plan, forum, journal);
    let file = JournalFile {
        path,
        named_in_plan,
    };
    if same_file(&file.path, plan) {
        let message = || CliMsg::JournalIsPlan {
            path: file.path.display().to_string(),
        };
        let plain = refuse(message(), CliMsg::HintSeparateJournal);
        return Err(file.failure(plan, message(), lang, plain));
    }
    Ok(file)
}

/// Reads the journal; bad lines and entries for unknown tasks are reported
/// on stderr as warnings (labelled in `lang`) and skipped.
pub(crate) fn load_journal(
    plan: &Path,
    forum: &Forum,
    day: &DayArgs,
    lang: Lang,
) -> Result<Journal, CliError> {
    let journal = journal_path(plan, forum, day.journal.as_deref(), lang)?;
    read_checked_journal(plan, &journal, forum, Severity::Warning, lang).map(|(journal, _)| journal)
}

/// Reads `journal` (of the plan at `plan`) and prints its problems (damaged
/// lines, entries for tasks the plan lacks) with the diagnostic renderer,
/// as `severity` (a warning says, in `lang`, that the line is skipped);
/// returns the journal and how many problems it has. A journal that does
/// not exist yet is empty.
pub(crate) fn read_checked_journal(
    plan: &Path,
    journal: &JournalFile,
    forum: &Forum,
    severity: Severity,
    lang: Lang,
) -> Result<(Journal, usize), CliError> {
    let path = journal.path.as_path();
    tracing::info!(path = %path.display(), "reading journal");
    let Some(bytes) = read_journal_bytes(path, lang).map_err(|error| {
        let path = error.path;
        journal.io_failure(plan, error.source, lang, |source| CliError::Read {
            path,
            source,
        })
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
    tracing::info!(%day, tasks = forum.tasks().len(), "scheduling");
    Ok(request::assess_day(forum, journal, day)?)
}

/// The refusal for a plan the scheduler could not schedule (which
/// validation should have caught: a last defence).
pub(crate) fn cannot_schedule(error: forumplan_scheduler::ScheduleError) -> CliError {
    request::cannot_schedule(&error).into()
}

/// Simulates `forum` as of `day` (see `forumplan_risk::simulate`).
pub(crate) fn simulate(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    options: forumplan_risk::Options,
) -> Result<forumplan_risk::Simulation, CliError> {
    let state = journal.replay(forum, day);
    tracing::info!(%day, iterations = options.iterations, seed = options.seed, "simulating");
    forumplan_risk::simulate(forum, &state, day, options).map_err(|error| {
        refuse(
            CliMsg::CannotSchedule {
                reason: error.to_string(),
            },
            CliMsg::HintFixSchedule,
        )
    })
}

/// The status report as of `day`, with the changes since `since`.
pub(crate) fn status_report(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
    baseline: Option<&Baseline>,
) -> Result<StatusReport, CliError> {
    Ok(request::status_report(
        forum, journal, day, since, baseline,
    )?)
}

/// The morning check as of `day`, with the changes since `since`.
pub(crate) fn check_report(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
    baseline: Option<&Baseline>,
) -> Result<CheckReport, CliError> {
    Ok(request::check_report(forum, journal, day, since, baseline)?)
}
