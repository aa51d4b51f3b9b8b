//! The morning check: one headline, then only what needs attention. Short
//! enough to read on a phone; the exit code carries the colour.

use std::io::{self, Write};

use chrono::NaiveDate;
use forumplan_scheduler::Rag;
use serde::Serialize;

use crate::i18n::{self, Lang, Msg};
use crate::layout::{shorten_beside, truncate};
use crate::status::{StatusReport, TaskRow};

/// How wide the check's lines are: a phone screen in portrait.
const WIDTH: usize = 60;
/// At most this many tasks per list; the status report has them all.
const LIST_LIMIT: usize = 8;

#[derive(Serialize)]
struct CheckJson<'a> {
    forum: &'a str,
    as_of: NaiveDate,
    since: NaiveDate,
    rag: Rag,
    t_minus: &'a str,
    days_left: i64,
    working_days_left: i64,
    completion: f64,
    forecast_ready: Option<NaiveDate>,
    on_time: bool,
    newly_late: Vec<&'a str>,
    newly_at_risk: Vec<&'a str>,
    newly_blocked: Vec<&'a str>,
    unblocked: Vec<&'a str>,
    newly_done: Vec<&'a str>,
    late: Vec<&'a str>,
    must_start_today: Vec<&'a str>,
    due_soon: Vec<&'a str>,
}

fn ids(tasks: &[TaskRow]) -> Vec<&str> {
    tasks.iter().map(|t| t.id.as_str()).collect()
}

/// Writes the check as JSON (ids only; the status report has the details).
pub fn write_json(report: &StatusReport, out: &mut dyn Write) -> io::Result<()> {
    let h = &report.headline;
    let c = &report.changes;
    let late: Vec<TaskRow> = report
        .late_and_blocked
        .iter()
        .filter(|t| t.readiness == forumplan_scheduler::Readiness::Late)
        .cloned()
        .collect();
    let json = CheckJson {
        forum: &report.forum.id,
        as_of: report.as_of,
        since: c.since,
        rag: h.rag,
        t_minus: &h.t_minus,
        days_left: h.days_left,
        working_days_left: h.working_days_left,
        completion: h.completion,
        forecast_ready: h.forecast_ready,
        on_time: h.on_time,
        newly_late: ids(&c.newly_late),
        newly_at_risk: ids(&c.newly_at_risk),
        newly_blocked: ids(&c.newly_blocked),
        unblocked: ids(&c.unblocked),
        newly_done: ids(&c.newly_done),
        late: ids(&late),
        must_start_today: ids(&report.must_start_today),
        due_soon: ids(&report.due_soon),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// Writes the check as short text lines.
pub fn write_text(report: &StatusReport, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let h = &report.headline;
    let c = &report.changes;
    let colour = i18n::rag(lang, h.rag).to_uppercase();
    writeln!(
        out,
        "[{colour}] {} · {}",
        h.t_minus,
        truncate(&report.forum.name, WIDTH - 12)
    )?;
    let forecast = h.forecast_ready.map_or_else(
        || Msg::NothingLeft.text(lang).to_owned(),
        |d| i18n::date(lang, d),
    );
    let verdict = if h.on_time { "" } else { " ⚠" };
    writeln!(
        out,
        "{} {} · {}: {forecast}{verdict}",
        Msg::Completion.text(lang),
        i18n::percent(h.completion),
        Msg::ForecastReady.text(lang)
    )?;
    let sections: [(Msg, &[TaskRow]); 7] = [
        (Msg::NewlyLate, &c.newly_late),
        (Msg::NewlyAtRisk, &c.newly_at_risk),
        (Msg::NewlyBlocked, &c.newly_blocked),
        (Msg::Unblocked, &c.unblocked),
        (Msg::NewlyDone, &c.newly_done),
        (Msg::MustStartToday, &report.must_start_today),
        (Msg::DueSoon, &report.due_soon),
    ];
    writeln!(
        out,
        "{} {}",
        Msg::ChangesSince.text(lang),
        i18n::date(lang, c.since)
    )?;
    let mut quiet = true;
    for (label, tasks) in sections {
        if tasks.is_empty() {
            continue;
        }
        quiet = false;
        writeln!(out, "{} ({}):", label.text(lang), tasks.len())?;
        for t in tasks.iter().take(LIST_LIMIT) {
            let kept = format!("{} — ", t.id);
            writeln!(out, "  {kept}{}", shorten_beside(&t.name, &kept, WIDTH - 2))?;
        }
        if tasks.len() > LIST_LIMIT {
            writeln!(out, "  … {}", i18n::more(lang, tasks.len() - LIST_LIMIT))?;
        }
    }
    if quiet {
        writeln!(out, "{}", Msg::NoChanges.text(lang))?;
    }
    Ok(())
}
