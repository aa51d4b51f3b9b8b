//! What a person asks for, read once for every front end: a day, a task,
//! an update to record, and the reports built for a day. The command line
//! and the server both call these, so the same input gets the same answer
//! and the same refusal, in the same words (the message catalogue's
//! [`CliMsg`]). "Today" is always passed in: nothing here reads the clock.

use chrono::NaiveDate;
use forumplan_core::baseline::Baseline;
use forumplan_core::journal::{Journal, JournalEntry, TaskState};
use forumplan_core::plan::{DayError, parse_day};
use forumplan_core::{Forum, TaskId, closest};
use forumplan_scheduler::baseline::{BaselineComparison, compare_baseline};
use forumplan_scheduler::{Assessment, Schedule};

use crate::check::CheckReport;
use crate::escape::terminal;
use crate::i18n::cli::CliMsg;
use crate::risk::{ChanceDrop, HEADLINE_ITERATIONS, HEADLINE_TASK_LIMIT, ReadyChance};
use crate::schedule::ScheduleView;
use crate::status::{StatusInput, StatusReport};

/// A request that makes no sense: what is wrong and how to put it right
/// (boxed: messages are large next to the values these functions return).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(Box<RefusalWords>);

/// The words of a [`Refusal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalWords {
    /// What is wrong.
    pub message: CliMsg,
    /// How to put it right.
    pub hint: CliMsg,
}

impl std::ops::Deref for Refusal {
    type Target = RefusalWords;

    fn deref(&self) -> &RefusalWords {
        &self.0
    }
}

/// A refusal saying `message`, with `hint`.
pub fn refuse(message: CliMsg, hint: CliMsg) -> Refusal {
    Refusal(Box::new(RefusalWords { message, hint }))
}

/// Resolves a day as people write it: `YYYY-MM-DD`, `today` or `yesterday`
/// (relative to `today`, the forum's today).
pub fn day(text: &str, today: NaiveDate) -> Result<NaiveDate, Refusal> {
    match text {
        "today" => Ok(today),
        "yesterday" => Ok(today - chrono::Days::new(1)),
        _ => strict_day(text, CliMsg::HintDay),
    }
}

/// A day written strictly as `YYYY-MM-DD` within the supported days,
/// refused with `hint`.
pub fn strict_day(text: &str, hint: CliMsg) -> Result<NaiveDate, Refusal> {
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
pub fn task(forum: &Forum, id: &str) -> Result<TaskId, Refusal> {
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

/// The comparison day of a check: `since` if given, else the day before
/// `as_of`; refused when it is after `as_of`.
pub fn since_day(
    since: Option<&str>,
    as_of: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, Refusal> {
    let since = match since {
        Some(text) => day(text, today)?,
        None => as_of - chrono::Days::new(1),
    };
    if since > as_of {
        return Err(refuse(
            CliMsg::SinceAfterAsOf { since, as_of },
            CliMsg::HintSince,
        ));
    }
    Ok(since)
}

/// An update as someone asked for it, before any rule is checked: the
/// text of each field, as typed on the command line or sent to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRequest {
    /// The task's id.
    pub task: String,
    /// The state's name: not_started, in_progress, done, blocked, cancelled.
    pub state: String,
    /// Percentage done (any number: out of range is refused here).
    pub progress: Option<i64>,
    /// The day the fact is true: `YYYY-MM-DD`, `today` or `yesterday`.
    pub date: String,
    /// Who reports it.
    pub by: Option<String>,
    /// A remark.
    pub note: Option<String>,
}

/// The journal entry `request` asks for, without its id and `recorded_at`
/// (the writer adds those), or the refusal of the first rule it breaks
/// (docs/daily-operations.md): the task is in the plan; the state is known;
/// progress is 0–100, 100 for `done`, below 100 in progress, 0 for
/// `not_started`, none for `cancelled`; the date is not after `today`.
/// Blank `by` and `note` are left out.
pub fn update_entry(
    forum: &Forum,
    request: &UpdateRequest,
    today: NaiveDate,
) -> Result<JournalEntry, Refusal> {
    let task = task(forum, &request.task)?;
    let state: TaskState = request.state.parse().map_err(|_| {
        refuse(
            CliMsg::NotAState {
                text: terminal(&request.state).into_owned(),
            },
            CliMsg::HintStates,
        )
    })?;
    let progress = match request.progress {
        None => None,
        Some(p) => Some(u8::try_from(p).ok().filter(|p| *p <= 100).ok_or_else(|| {
            refuse(
                CliMsg::ProgressOutOfRange { progress: p },
                CliMsg::HintProgress,
            )
        })?),
    };
    check_state_and_progress(state, progress)?;
    let date = day(&request.date, today)?;
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
    if let Some(by) = request.by.as_ref().filter(|b| !b.trim().is_empty()) {
        entry = entry.with_by(by.clone());
    }
    if let Some(note) = request.note.as_ref().filter(|n| !n.trim().is_empty()) {
        entry = entry.with_note(note.clone());
    }
    Ok(entry)
}

/// Refuses combinations of state and progress that make no sense.
fn check_state_and_progress(state: TaskState, progress: Option<u8>) -> Result<(), Refusal> {
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

/// Schedules and assesses `forum` as of `day`.
pub fn assess_day(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
) -> Result<(Schedule, Assessment), Refusal> {
    let state = journal.replay(forum, day);
    let schedule =
        forumplan_scheduler::schedule(forum, &state, day).map_err(|e| cannot_schedule(&e))?;
    let assessment = forumplan_scheduler::assess(forum, &schedule);
    Ok((schedule, assessment))
}

/// The schedule of a day with its assessment and, with a baseline, the
/// comparison against it: what `schedule` (command and server endpoint)
/// shows, through [`ScheduleOfDay::view`].
#[derive(Debug, Clone)]
pub struct ScheduleOfDay {
    /// The schedule as of the day.
    pub schedule: Schedule,
    /// Readiness derived from it.
    pub assessment: Assessment,
    /// The schedule against the baseline, when one was given.
    pub baseline: Option<BaselineComparison>,
}

impl ScheduleOfDay {
    /// The view the outputs are written from.
    pub fn view<'a>(&'a self, forum: &'a Forum) -> ScheduleView<'a> {
        ScheduleView {
            forum,
            schedule: &self.schedule,
            assessment: &self.assessment,
            baseline: self.baseline.as_ref(),
        }
    }
}

/// Schedules and assesses `forum` as of `day`, measured against
/// `baseline` when given.
pub fn schedule_of_day(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    baseline: Option<&Baseline>,
) -> Result<ScheduleOfDay, Refusal> {
    let (schedule, assessment) = assess_day(forum, journal, day)?;
    let baseline = baseline.map(|b| compare_baseline(forum, &schedule, b));
    Ok(ScheduleOfDay {
        schedule,
        assessment,
        baseline,
    })
}

/// The refusal for a plan the scheduler could not schedule (which
/// validation should have caught: a last defence).
pub fn cannot_schedule(error: &forumplan_scheduler::ScheduleError) -> Refusal {
    refuse(
        CliMsg::CannotSchedule {
            reason: error.to_string(),
        },
        CliMsg::HintFixSchedule,
    )
}

/// The status report as of `day`, with the changes since `since`.
/// With `baseline`, the report measures slippage against it (section 8).
/// When the plan has estimates, the headline has the chance of being
/// ready on time ([`ready_chance`]).
pub fn status_report(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
    baseline: Option<&Baseline>,
) -> Result<StatusReport, Refusal> {
    let mut report = with_changes(forum, journal, day, since, baseline, StatusReport::new)?;
    report.headline.ready_chance = ready_chance(forum, journal, day)?;
    Ok(report)
}

/// The chance of being ready before the event day as of `day`: a
/// simulation of [`HEADLINE_ITERATIONS`] iterations seeded from the plan
/// and the day (the same morning gives the same number). `None` when no
/// task has an estimate (nor the plan a default spread), from the event
/// day on, and for plans of more than [`HEADLINE_TASK_LIMIT`] tasks.
pub fn ready_chance(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
) -> Result<Option<ReadyChance>, Refusal> {
    if day >= forum.event_date()
        || forum.tasks().len() > HEADLINE_TASK_LIMIT
        || !forumplan_risk::has_estimates(forum)
    {
        return Ok(None);
    }
    let options = forumplan_risk::Options {
        iterations: HEADLINE_ITERATIONS,
        seed: forumplan_risk::seed_for(forum, day),
        distribution: forumplan_risk::Distribution::Pert,
    };
    let forecast = forumplan_risk::forecast_ready(forum, &journal.replay(forum, day), day, options)
        .map_err(|e| {
            refuse(
                CliMsg::CannotSchedule {
                    reason: e.to_string(),
                },
                CliMsg::HintFixSchedule,
            )
        })?;
    Ok(Some(ReadyChance::new(&forecast)))
}

/// The morning check as of `day`, with the changes since `since` (only
/// what it prints: no full status report), and the forecast's slip
/// behind `baseline` when it slipped.
pub fn check_report(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
    baseline: Option<&Baseline>,
) -> Result<CheckReport, Refusal> {
    let mut report = with_changes(forum, journal, day, since, baseline, CheckReport::new)?;
    report.ready_chance = ready_chance(forum, journal, day)?;
    if let Some(now) = &report.ready_chance
        && let Some(before) = ready_chance(forum, journal, since)?
    {
        report.ready_chance_drop = ChanceDrop::between(&before, now);
    }
    Ok(report)
}

/// Assesses `day` and `since`, compares them (and `day` with `baseline`,
/// when given), and hands all of it to `build`.
fn with_changes<T>(
    forum: &Forum,
    journal: &Journal,
    day: NaiveDate,
    since: NaiveDate,
    baseline: Option<&Baseline>,
    build: impl FnOnce(StatusInput<'_>) -> T,
) -> Result<T, Refusal> {
    let (schedule, assessment) = assess_day(forum, journal, day)?;
    let (_, before) = assess_day(forum, journal, since)?;
    let changes = forumplan_scheduler::compare(&before, &assessment);
    let comparison = baseline.map(|b| compare_baseline(forum, &schedule, b));
    Ok(build(StatusInput {
        forum,
        schedule: &schedule,
        assessment: &assessment,
        changes: &changes,
        baseline: comparison.as_ref(),
    }))
}
