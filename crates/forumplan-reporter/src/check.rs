//! The morning check: one headline, then what makes the forum red or amber
//! today, what changed since the day before, what must start today and
//! what is due soon. Short enough to read on a phone; the exit code
//! carries the colour.
//!
//! It is built straight from the assessment, touching only the tasks it
//! names, so a large plan's check costs the schedule and little more (the
//! full status report, with a row for every task, is not built).

use std::io::{self, Write};

use chrono::NaiveDate;
use forumplan_core::TaskId;
use forumplan_core::journal::TaskState;
use forumplan_scheduler::baseline::BaselineComparison;
use forumplan_scheduler::{Cause, Rag};
use serde::Serialize;

use crate::i18n::{self, Lang, Msg};
use crate::layout::{truncate, width};
use crate::risk::{ChanceDrop, ReadyChance};
use crate::status::{Headline, StatusInput};

/// How wide the check's lines are: a phone screen in portrait.
const WIDTH: usize = 60;
/// At most this many tasks per list in the text; the status report has them all.
const LIST_LIMIT: usize = 8;

/// Everything the morning check says. Serialized as is, this is its JSON form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// `forum.id`.
    pub forum: String,
    /// `forum.name`.
    pub name: String,
    /// The event day.
    pub event_date: NaiveDate,
    /// The day checked.
    pub as_of: NaiveDate,
    /// The earlier day the changes are counted from.
    pub since: NaiveDate,
    /// The forum's colour (also the exit code).
    pub rag: Rag,
    /// `T-5`, `T`, `T+2`.
    pub t_minus: String,
    /// Calendar days to the event (negative after it).
    pub days_left: i64,
    /// Working days of the forum's calendar to the event.
    pub working_days_left: i64,
    /// From the event day on: only post-event work is scheduled, late or due.
    pub post_event: bool,
    /// Weighted completion, 0–100, one decimal.
    pub completion: f64,
    /// The latest early finish of pre-event work (none in post-event mode).
    pub forecast_ready: Option<NaiveDate>,
    /// Whether that is before the event day.
    pub on_time: bool,
    /// What makes the forum red or amber today, worst first (every one).
    pub causes: Vec<CauseRow>,
    /// Tasks done since `since`.
    pub newly_done: Vec<String>,
    /// Tasks late now, not then.
    pub newly_late: Vec<String>,
    /// Tasks at risk now, on track then.
    pub newly_at_risk: Vec<String>,
    /// Tasks blocked now, not then.
    pub newly_blocked: Vec<String>,
    /// Tasks blocked then, not now.
    pub unblocked: Vec<String>,
    /// The forecast ready day then, when it changed.
    pub forecast_before: Option<NaiveDate>,
    /// Every late task, worst float first.
    pub late: Vec<String>,
    /// Tasks not started whose late start is today or past.
    pub must_start_today: Vec<MustStartRow>,
    /// Unfinished tasks whose late finish is within the lookahead window.
    pub due_soon: Vec<DueRow>,
    /// The chance of being ready before the event day, when the plan has
    /// estimates (as in the status report's headline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_chance: Option<ReadyChance>,
    /// The chance's fall since `since`, when it is 10 points or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_chance_drop: Option<ChanceDrop>,
    /// How far the forecast ready day slipped behind the latest baseline,
    /// when there is one and it did (the status report's slippage section
    /// has the details).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slippage: Option<CheckSlippage>,
}

/// The forecast ready day's slip behind a baseline, for the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckSlippage {
    /// The baseline's name.
    pub baseline: String,
    /// The day it was taken as of.
    pub baseline_as_of: NaiveDate,
    /// Its forecast ready day.
    pub baseline_ready: NaiveDate,
    /// Working days (forum calendar) today's forecast ready day is later;
    /// always more than 0.
    pub ready_variance: i64,
}

impl CheckSlippage {
    /// The slip of `comparison`, when the forecast ready day moved later.
    fn of(comparison: &BaselineComparison) -> Option<CheckSlippage> {
        let variance = comparison.ready_variance.filter(|&days| days > 0)?;
        Some(CheckSlippage {
            baseline: comparison.name.clone(),
            baseline_as_of: comparison.as_of,
            baseline_ready: comparison.baseline_ready?,
            ready_variance: variance,
        })
    }

    /// Its line in the text.
    fn line(&self, lang: Lang) -> String {
        crate::i18n::slippage::slip_line(
            lang,
            &self.baseline,
            self.baseline_ready,
            self.ready_variance,
        )
    }
}

/// One task that colours the forum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CauseRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Why it colours the forum.
    pub cause: Cause,
    /// Its journal state.
    pub state: TaskState,
    /// Its total float in working days.
    pub total_float: Option<i64>,
    /// Its late finish.
    pub late_finish: NaiveDate,
}

/// One task that must start today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MustStartRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The last day it could start without delaying the event.
    pub late_start: NaiveDate,
    /// Calendar days since then (0: today).
    pub overdue_days: i64,
}

/// One task due soon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The day it must finish by.
    pub late_finish: NaiveDate,
}

impl CheckReport {
    /// Builds the check from the day's schedule, assessment and changes.
    pub fn new(input: StatusInput<'_>) -> CheckReport {
        let StatusInput {
            forum,
            schedule,
            assessment,
            changes,
            baseline,
        } = input;
        let id = |t: TaskId| forum.task(t).id.to_string();
        let name = |t: TaskId| forum.task(t).name.clone();
        let ids = |tasks: &[TaskId]| tasks.iter().map(|&t| id(t)).collect::<Vec<_>>();
        let headline = Headline::new(&assessment.forum);
        let info = &forum.plan().forum;
        CheckReport {
            forum: info.id.to_string(),
            name: info.name.clone(),
            event_date: info.date,
            as_of: assessment.as_of,
            since: changes.since,
            rag: headline.rag,
            t_minus: headline.t_minus,
            days_left: headline.days_left,
            working_days_left: headline.working_days_left,
            post_event: headline.post_event,
            completion: headline.completion,
            forecast_ready: headline.forecast_ready,
            on_time: headline.on_time,
            causes: assessment
                .causes
                .iter()
                .filter_map(|&t| {
                    let s = &schedule.tasks[t];
                    Some(CauseRow {
                        id: id(t),
                        name: name(t),
                        cause: assessment.tasks[t].cause?,
                        state: s.state,
                        total_float: s.total_float,
                        late_finish: s.late_finish,
                    })
                })
                .collect(),
            newly_done: ids(&changes.newly_done),
            newly_late: ids(&changes.newly_late),
            newly_at_risk: ids(&changes.newly_at_risk),
            newly_blocked: ids(&changes.newly_blocked),
            unblocked: ids(&changes.unblocked),
            forecast_before: changes
                .forecast_before
                .filter(|_| changes.forecast_before != changes.forecast_after),
            late: ids(&assessment.late),
            must_start_today: assessment
                .must_start_today
                .iter()
                .map(|&t| {
                    let late_start = schedule.tasks[t].late_start;
                    MustStartRow {
                        id: id(t),
                        name: name(t),
                        late_start,
                        overdue_days: (assessment.as_of - late_start).num_days().max(0),
                    }
                })
                .collect(),
            due_soon: assessment
                .due_soon
                .iter()
                .map(|&t| DueRow {
                    id: id(t),
                    name: name(t),
                    late_finish: schedule.tasks[t].late_finish,
                })
                .collect(),
            // Simulations, not the assessment's: the request adds them.
            ready_chance: None,
            ready_chance_drop: None,
            // Only a slip: the check is for what needs attention.
            slippage: baseline
                .filter(|_| !headline.post_event)
                .and_then(CheckSlippage::of),
        }
    }

    /// Writes the check as JSON.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }

    /// Writes the check as short text lines.
    pub fn write_text(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        let colour = i18n::rag(lang, self.rag).to_uppercase();
        writeln!(
            out,
            "[{colour}] {} · {}",
            self.t_minus,
            truncate(&self.name, WIDTH - 12)
        )?;
        if self.post_event {
            let took_place = i18n::countdown(
                lang,
                self.event_date,
                self.days_left,
                self.working_days_left,
            );
            writeln!(out, "{}", truncate(&took_place, WIDTH))?;
            writeln!(
                out,
                "{} {}",
                Msg::Completion.text(lang),
                i18n::percent(self.completion)
            )?;
        } else {
            let forecast = self.forecast_ready.map_or_else(
                || Msg::NothingLeft.text(lang).to_owned(),
                |d| i18n::date(lang, d),
            );
            let verdict = if self.on_time { "" } else { " ⚠" };
            writeln!(
                out,
                "{} {} · {}: {forecast}{verdict}",
                Msg::Completion.text(lang),
                i18n::percent(self.completion),
                Msg::ForecastReady.text(lang)
            )?;
            if let Some(chance) = &self.ready_chance {
                writeln!(out, "{}", chance.short_line(lang))?;
            }
            if let Some(drop) = &self.ready_chance_drop {
                writeln!(out, "{}", drop.line(lang))?;
            }
            if let Some(slippage) = &self.slippage {
                // Not cut: the name and the days are the point (a baseline
                // name is an id, short as a rule).
                writeln!(out, "{}", slippage.line(lang))?;
            }
        }
        let causes: Vec<(String, &str, String)> = self
            .causes
            .iter()
            .map(|c| {
                // Late work says by how much ("dự báo trễ 3 ngày làm việc").
                let why = match c.total_float.filter(|&f| f < 0) {
                    Some(float) if c.cause == Cause::Late => i18n::float_phrase(lang, float),
                    _ => i18n::cause(lang, c.cause).to_owned(),
                };
                (why, c.id.as_str(), c.name.clone())
            })
            .collect();
        list(out, lang, Msg::Causes.text(lang), &causes)?;

        writeln!(
            out,
            "{} {}:",
            Msg::ChangesSince.text(lang),
            i18n::date(lang, self.since)
        )?;
        let changes: [(Msg, &[String]); 5] = [
            (Msg::NewlyLate, &self.newly_late),
            (Msg::NewlyAtRisk, &self.newly_at_risk),
            (Msg::NewlyBlocked, &self.newly_blocked),
            (Msg::Unblocked, &self.unblocked),
            (Msg::NewlyDone, &self.newly_done),
        ];
        let mut quiet = true;
        for (label, tasks) in changes {
            if tasks.is_empty() {
                continue;
            }
            quiet = false;
            let line = format!(
                "{} ({}): {}",
                label.text(lang),
                tasks.len(),
                tasks.join(", ")
            );
            writeln!(out, "  {}", truncate(&line, WIDTH - 2))?;
        }
        if let (Some(before), false) = (self.forecast_before, self.post_event) {
            quiet = false;
            let after = self
                .forecast_ready
                .map_or_else(|| "—".to_owned(), |d| i18n::date(lang, d));
            writeln!(
                out,
                "  {}: {} → {after}",
                Msg::ForecastChange.text(lang),
                i18n::date(lang, before)
            )?;
        }
        if quiet {
            writeln!(out, "  {}", Msg::NoChanges.text(lang))?;
        }

        let must_start: Vec<(String, &str, String)> = self
            .must_start_today
            .iter()
            .map(|t| {
                (
                    i18n::overdue(lang, t.overdue_days),
                    t.id.as_str(),
                    t.name.clone(),
                )
            })
            .collect();
        list(out, lang, Msg::MustStartToday.text(lang), &must_start)?;
        let due: Vec<(String, &str, String)> = self
            .due_soon
            .iter()
            .map(|t| {
                (
                    i18n::date(lang, t.late_finish),
                    t.id.as_str(),
                    t.name.clone(),
                )
            })
            .collect();
        list(out, lang, Msg::DueSoon.text(lang), &due)
    }
}

/// A titled list of `(label, id, name)`, cut at [`LIST_LIMIT`] with a count
/// of the rest; nothing when empty. The id is never cut: the name gives way.
fn list(
    out: &mut dyn Write,
    lang: Lang,
    title: &str,
    rows: &[(String, &str, String)],
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "{title} ({}):", rows.len())?;
    for (label, id, name) in rows.iter().take(LIST_LIMIT) {
        // "  id (label) name": the id whole, then the label, then the name
        // in whatever room is left.
        let head = format!(
            "{id} ({})",
            truncate(label, WIDTH.saturating_sub(6 + width(id)).max(1))
        );
        let room = WIDTH.saturating_sub(3 + width(&head));
        if room >= 4 {
            writeln!(out, "  {head} {}", truncate(name, room))?;
        } else {
            writeln!(out, "  {head}")?;
        }
    }
    if rows.len() > LIST_LIMIT {
        writeln!(out, "  … {}", i18n::more(lang, rows.len() - LIST_LIMIT))?;
    }
    Ok(())
}
