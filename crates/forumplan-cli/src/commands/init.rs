//! `forumplan init PATH`: a starter plan with the six usual workstreams and
//! their typical tasks, every date relative to the event; or, with
//! `--from`, an earlier forum's plan re-anchored to a new event day.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use forumplan_core::plan::{DateSpec, Plan, forum_id, plan_to_text};
use forumplan_core::{Format, Forum, load_plan};
use forumplan_reporter::i18n::cli::CliMsg;

use crate::cli::LangArg;
use crate::clock;
use crate::error::{CliError, refuse};
use crate::plan_file::Warnings;
use crate::write::create_atomically;
use crate::{plan_file, progress};

/// The starter plan, kept as data in `config/` (all dates relative).
const STARTER_PLAN: &str = include_str!("../../../../config/starter-plan.json");

/// The name of a new forum when `--name` is not given.
const DEFAULT_NAME: &str = "Diễn đàn Kinh tế - Xã hội Việt Nam";

/// How far ahead the event is when `--date` is not given.
const DEFAULT_LEAD_DAYS: u64 = 90;

/// What `init` is asked to do.
pub(crate) struct Init<'a> {
    /// Where to write the plan.
    pub(crate) path: &'a Path,
    /// `--date`.
    pub(crate) date: Option<&'a str>,
    /// `--name`.
    pub(crate) name: Option<&'a str>,
    /// `--from`.
    pub(crate) from: Option<&'a Path>,
    /// `--allow-past`.
    pub(crate) allow_past: bool,
}

pub(crate) fn run(
    init: Init<'_>,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let Init {
        path,
        date,
        name,
        from,
        allow_past,
    } = init;
    if path.exists() {
        return Err(CliError::Exists {
            path: path.to_owned(),
        });
    }
    let old = from.map(|old| plan_file::load(old, warnings)).transpose()?;
    // The new forum is held where the old one was; a new plan in Vietnam.
    let (timezone, lang) = match &old {
        Some(loaded) => (loaded.forum.timezone(), progress::lang(&loaded.forum, lang)),
        None => (chrono_tz::Asia::Ho_Chi_Minh, progress::message_lang(lang)),
    };
    let today = clock::today_in(timezone);
    let date = match (date, from) {
        (Some(text), _) => forumplan_reporter::request::strict_day(text, CliMsg::HintEventDay)?,
        (None, Some(_)) => return Err(refuse(CliMsg::NeedsNewDate, CliMsg::HintAddDate)),
        (None, None) => today + chrono::Days::new(DEFAULT_LEAD_DAYS),
    };
    check_event_day(date, today, allow_past)?;
    let format = Format::from_file_name(&path.to_string_lossy());
    let (plan, notes, moved) = match &old {
        Some(loaded) => {
            let (mut plan, notes) = reanchor(loaded.forum.plan(), date, name);
            let moved = move_fixed_starts_to_working_days(&mut plan)?;
            (plan, notes, moved)
        }
        None => (starter(date, name)?, Vec::new(), Vec::new()),
    };
    let text = serialize(&plan, format)?;
    // The re-anchored plan must still be valid; every problem is listed.
    check_fits(&text, format, date)?;
    create_atomically(path, text.as_bytes())?;
    let shown = path.display().to_string();
    let mut lines = vec![
        CliMsg::Wrote {
            path: shown.clone(),
            tasks: plan.tasks.len(),
            workstreams: plan.workstreams.len(),
            event: date,
        }
        .text(lang),
    ];
    if !moved.is_empty() {
        let moves = CliMsg::MovedFixedStarts {
            count: moved.len(),
            year: date.year(),
        };
        lines.push(moves.text(lang));
        lines.extend(moved.iter().map(|m| format!("  - {}", m.text(lang))));
    }
    let note = CliMsg::NoteLabel.text(lang);
    lines.extend(notes.iter().map(|n| format!("{note}: {}", n.text(lang))));
    lines.push(CliMsg::Next { path: shown }.text(lang));
    let mut stdout = anstream::stdout().lock();
    for line in lines {
        let _ = writeln!(stdout, "{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses an event day before `today` unless `allow_past`: a plan for a
/// day gone by is almost always a typo in the year.
fn check_event_day(date: NaiveDate, today: NaiveDate, allow_past: bool) -> Result<(), CliError> {
    if date < today && !allow_past {
        return Err(refuse(
            CliMsg::EventInPast { event: date, today },
            CliMsg::HintAllowPast,
        ));
    }
    Ok(())
}

/// The plan as the file's format writes it.
pub(crate) fn serialize(plan: &Plan, format: Format) -> Result<String, CliError> {
    plan_to_text(plan, format).map_err(|e| {
        refuse(
            CliMsg::CannotSerialize { reason: e.reason },
            CliMsg::HintBug,
        )
    })
}

/// Loads the new plan's `text`, refusing it with every error it has.
pub(crate) fn check_fits(text: &str, format: Format, date: NaiveDate) -> Result<Forum, CliError> {
    load_plan(text.as_bytes(), format)
        .map(|loaded| loaded.forum)
        .map_err(|diagnostics| {
            let problems = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.message.clone())
                .collect();
            refuse(
                CliMsg::DoesNotFit {
                    event: date,
                    problems,
                },
                CliMsg::HintDoesNotFit,
            )
        })
}

/// The built-in starter plan for an event on `date`.
fn starter(date: NaiveDate, name: Option<&str>) -> Result<Plan, CliError> {
    let starter = load_plan(STARTER_PLAN.as_bytes(), Format::Json)
        .map_err(|_| refuse(CliMsg::StarterInvalid, CliMsg::HintBug))?;
    let mut plan = starter.forum.plan().clone();
    let name = name.unwrap_or(DEFAULT_NAME);
    plan.forum.name = name.to_owned();
    plan.forum.date = date;
    plan.forum.id = forum_id(name, date).into();
    Ok(plan)
}

/// Next year's plan from this year's: every task date is made relative to
/// the event (so it moves with it), the year in the name and id is updated,
/// and the journal is left behind. Calendars keep their absolute days (they
/// are one year's government decisions); the returned notes say which to
/// review.
fn reanchor(old: &Plan, date: NaiveDate, name: Option<&str>) -> (Plan, Vec<CliMsg>) {
    let mut plan = old.clone();
    let old_date = old.forum.date;
    let relative = |spec: &mut Option<DateSpec>| {
        if let Some(DateSpec::Absolute(day)) = *spec {
            *spec = Some(DateSpec::Relative((day - old_date).num_days() as i32));
        }
    };
    relative(&mut plan.forum.plan_start);
    for task in &mut plan.tasks {
        relative(&mut task.not_before);
        relative(&mut task.due);
        relative(&mut task.fixed_start);
    }
    let (old_year, new_year) = (
        old_date.format("%Y").to_string(),
        date.format("%Y").to_string(),
    );
    plan.forum.date = date;
    plan.forum.journal = None;
    plan.forum.name = name.map_or_else(
        || old.forum.name.replace(&old_year, &new_year),
        str::to_owned,
    );
    plan.forum.id = if old.forum.id.contains(&old_year) {
        old.forum.id.replace(&old_year, &new_year).into()
    } else {
        forum_id(&plan.forum.name, date).into()
    };
    let notes = plan
        .calendars
        .iter()
        .filter(|(_, c)| {
            c.holidays
                .iter()
                .chain(&c.working_days_extra)
                .any(|d| matches!(d, DateSpec::Absolute(_)))
        })
        .map(|(name, _)| CliMsg::ReviewCalendar {
            calendar: name.to_string(),
            old_year: old_date.year(),
            new_year: date.year(),
        })
        .collect();
    (plan, notes)
}

/// How far back a fixed start may move to find a working day (past a Tết
/// break and its weekends).
const MOVE_AT_MOST_DAYS: u64 = 31;

/// Moves every fixed start of `plan` that falls on a non-working day of its
/// task's calendar to the nearest working day before it (a meeting held on
/// a weekday last year is held before, not after, a day that is now a
/// Saturday: the work that follows keeps its time). Returns the moves.
fn move_fixed_starts_to_working_days(plan: &mut Plan) -> Result<Vec<CliMsg>, CliError> {
    // Calendars do not depend on fixed starts: resolve them on the plan
    // without any, which the fixed days themselves cannot make invalid.
    let mut unfixed = plan.clone();
    for task in &mut unfixed.tasks {
        task.fixed_start = None;
    }
    let forum = check_fits(
        &serialize(&unfixed, Format::Json)?,
        Format::Json,
        plan.forum.date,
    )?;
    let event = plan.forum.date;
    let mut moved = Vec::new();
    for (i, task) in plan.tasks.iter_mut().enumerate() {
        let Some(day) = task.fixed_start.and_then(|spec| spec.resolve(event)) else {
            continue;
        };
        let calendar = &forum.calendars()[forum.tasks()[i].calendar];
        if calendar.is_working_day(day) {
            continue;
        }
        let earlier = (1..=MOVE_AT_MOST_DAYS)
            .filter_map(|n| day.checked_sub_days(chrono::Days::new(n)))
            .find(|&d| calendar.is_working_day(d));
        // With no working day in reach, validation reports the fixed start.
        if let Some(to) = earlier {
            task.fixed_start = Some(DateSpec::Relative((to - event).num_days() as i32));
            moved.push(CliMsg::Moved {
                task: task.id.to_string(),
                from: day,
                to,
            });
        }
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_day_in_the_past_needs_allow_past() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let today = day("2026-11-30");
        assert!(check_event_day(day("2026-11-29"), today, false).is_err());
        assert!(check_event_day(day("2026-11-29"), today, true).is_ok());
        assert!(check_event_day(today, today, false).is_ok());
        assert!(check_event_day(day("2027-09-22"), today, false).is_ok());
    }
}
