//! The output of `forumplan schedule`: per-task dates, float, critical flag,
//! state and readiness, and the critical paths, as a table, JSON or CSV.
//!
//! The JSON field names are a stable interface (`shared/design/cli.md`):
//! other tools read them.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;
use forumplan_core::Forum;
use forumplan_core::journal::TaskState;
use forumplan_scheduler::baseline::BaselineComparison;
use forumplan_scheduler::{Assessment, Readiness, Schedule};
use serde::{Serialize, Serializer};

use crate::i18n::slippage::{comparison_line, signed};
use crate::i18n::{self, Lang, Msg};
use crate::json_writer::JsonWriter;
use crate::layout::{pad, pad_left, width};
use crate::spreadsheet::{self, CsvSeparator};
use crate::status::{ConflictRow, is_overdue};

/// A schedule with what the outputs need to describe it.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleView<'a> {
    /// The forum scheduled.
    pub forum: &'a Forum,
    /// Its schedule as of a day.
    pub schedule: &'a Schedule,
    /// Readiness derived from the schedule.
    pub assessment: &'a Assessment,
    /// The schedule against a baseline, when the plan has one: each task
    /// then gains its baseline dates and finish variance.
    pub baseline: Option<&'a BaselineComparison>,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: Cow<'a, str>,
    workstream: Cow<'a, str>,
    name: Cow<'a, str>,
    duration: u32,
    state: TaskState,
    progress: u8,
    #[serde(serialize_with = "iso_date_or_null")]
    actual_start: Option<NaiveDate>,
    #[serde(serialize_with = "iso_date_or_null")]
    actual_finish: Option<NaiveDate>,
    #[serde(serialize_with = "iso_date")]
    early_start: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    early_finish: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    late_start: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    late_finish: NaiveDate,
    total_float: Option<i64>,
    free_float: Option<i64>,
    critical: bool,
    /// `null` for a cancelled task.
    readiness: Option<Readiness>,
    // With a baseline only (absent otherwise); `null` for a task the
    // baseline lacks.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "baseline_date"
    )]
    baseline_start: Option<Option<NaiveDate>>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "baseline_date"
    )]
    baseline_finish: Option<Option<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finish_variance: Option<Option<i64>>,
}

/// A baseline date (`Some`: a baseline is present): the date, or `null`.
fn baseline_date<S: Serializer>(
    date: &Option<Option<NaiveDate>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    iso_date_or_null(&date.flatten(), serializer)
}

/// A date as `YYYY-MM-DD` (for the CSV), written by hand as in the JSON
/// ([`crate::json_writer::iso_date`]).
fn iso_date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    match crate::json_writer::iso_date(*date) {
        Some(text) => serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default()),
        None => serializer.collect_str(date),
    }
}

/// [`iso_date`], or `null`.
fn iso_date_or_null<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => iso_date(date, serializer),
        None => serializer.serialize_none(),
    }
}

impl JsonTask<'_> {
    /// Writes the task as its derived `Serialize` does (the CSV's), field
    /// for field; a test holds the two to the same text.
    fn write_json<W: Write>(&self, w: &mut JsonWriter<W>) -> io::Result<()> {
        let float = |w: &mut JsonWriter<W>, float: Option<i64>| match float {
            Some(days) => w.int(days),
            None => w.null(),
        };
        w.begin_object();
        w.key("id");
        w.str(&self.id);
        w.key("workstream");
        w.str(&self.workstream);
        w.key("name");
        w.str(&self.name);
        w.key("duration");
        w.int(self.duration);
        w.key("state");
        w.str(self.state.as_str());
        w.key("progress");
        w.int(self.progress);
        w.key("actual_start");
        w.date_or_null(self.actual_start);
        w.key("actual_finish");
        w.date_or_null(self.actual_finish);
        w.key("early_start");
        w.date(self.early_start);
        w.key("early_finish");
        w.date(self.early_finish);
        w.key("late_start");
        w.date(self.late_start);
        w.key("late_finish");
        w.date(self.late_finish);
        w.key("total_float");
        float(w, self.total_float);
        w.key("free_float");
        float(w, self.free_float);
        w.key("critical");
        w.bool(self.critical);
        w.key("readiness");
        match self.readiness {
            Some(readiness) => w.str(readiness.as_str()),
            None => w.null(),
        }
        if let Some(start) = self.baseline_start {
            w.key("baseline_start");
            w.date_or_null(start);
        }
        if let Some(finish) = self.baseline_finish {
            w.key("baseline_finish");
            w.date_or_null(finish);
        }
        if let Some(variance) = self.finish_variance {
            w.key("finish_variance");
            float(w, variance);
        }
        w.end_object();
        Ok(())
    }
}

impl<'a> ScheduleView<'a> {
    fn task_id(&self, task: usize) -> &'a str {
        &self.forum.task(task).id
    }

    fn json_tasks(&self) -> impl Iterator<Item = JsonTask<'a>> + '_ {
        self.schedule.tasks.iter().enumerate().map(|(i, t)| {
            let task = self.forum.task(i);
            let baseline = self.baseline.map(|b| b.tasks[i]);
            JsonTask {
                id: Cow::Borrowed(&task.id),
                workstream: Cow::Borrowed(&task.workstream),
                name: Cow::Borrowed(&task.name),
                duration: task.duration.0,
                state: t.state,
                progress: t.progress,
                actual_start: t.actual_start,
                actual_finish: t.actual_finish,
                early_start: t.early_start,
                early_finish: t.early_finish,
                late_start: t.late_start,
                late_finish: t.late_finish,
                total_float: t.total_float,
                free_float: t.free_float,
                critical: t.critical,
                readiness: self.assessment.tasks[i].readiness,
                baseline_start: baseline.map(|b| b.map(|b| b.start)),
                baseline_finish: baseline.map(|b| b.map(|b| b.finish)),
                finish_variance: baseline.map(|b| b.map(|b| b.finish_variance)),
            }
        })
    }

    /// Writes the schedule as JSON (pretty when `pretty`), ending in a
    /// newline: `serde_json`'s layout, through [`JsonWriter`] (a
    /// million tasks are written one by one, never held together).
    pub fn write_json(&self, out: &mut dyn Write, pretty: bool) -> io::Result<()> {
        let info = &self.forum.plan().forum;
        let mut w = JsonWriter::new(out, pretty);
        w.begin_object();
        w.key("forum");
        w.begin_object();
        w.key("id");
        w.str(&info.id);
        w.key("name");
        w.str(&info.name);
        w.key("date");
        w.date(info.date);
        w.end_object();
        w.key("as_of");
        w.date(self.schedule.as_of);
        w.key("forecast_ready");
        w.date_or_null(self.schedule.forecast_ready);
        w.key("tasks");
        w.begin_array();
        for task in self.json_tasks() {
            w.element()?;
            task.write_json(&mut w)?;
        }
        w.end_array();
        w.key("critical_paths");
        let paths: Vec<Vec<&str>> = self
            .schedule
            .critical_paths
            .iter()
            .map(|path| path.iter().map(|&t| self.task_id(t)).collect())
            .collect();
        w.value(&paths)?;
        w.key("conflicts");
        let conflicts: Vec<ConflictRow> = self
            .schedule
            .conflicts
            .iter()
            .map(|c| ConflictRow::new(self.forum, c))
            .collect();
        w.value(&conflicts)?;
        w.end_object();
        w.put_newline();
        w.finish()?.flush()
    }

    /// Writes one CSV row per task (same columns as the JSON tasks), with a
    /// header row, for spreadsheets (see `crate::spreadsheet`).
    pub fn write_csv(&self, out: &mut dyn Write, separator: CsvSeparator) -> io::Result<()> {
        let mut writer = spreadsheet::writer(out, separator)?;
        let text = |cell: Cow<'a, str>| Cow::Owned(spreadsheet::text(&cell).into_owned());
        for task in self.json_tasks() {
            let task = JsonTask {
                id: text(task.id),
                workstream: text(task.workstream),
                name: text(task.name),
                ..task
            };
            writer.serialize(task).map_err(io::Error::other)?;
        }
        writer.flush()
    }

    /// Writes an aligned plain-text table and the critical paths, in
    /// `lang`'s words and dates. Ids are never cut: a coordinator types
    /// them back into `update`.
    pub fn write_table(&self, out: &mut dyn Write, lang: Lang) -> io::Result<()> {
        let as_of = self.schedule.as_of;
        let h = TableHeaders::of(lang);
        let mut header = vec![
            h.task,
            h.start,
            h.finish,
            h.late_start,
            h.late_finish,
            h.total_float,
            h.free_float,
            h.critical,
            h.state,
            h.readiness,
        ];
        if self.baseline.is_some() {
            header.extend([h.baseline_finish, h.variance]);
        }
        let mut rows = vec![header.into_iter().map(str::to_owned).collect::<Vec<_>>()];
        let float = |f: Option<i64>| f.map_or_else(|| "-".to_owned(), |f| f.to_string());
        for (i, t) in self.schedule.tasks.iter().enumerate() {
            let readiness = self.assessment.shown_readiness(self.forum, i);
            let overdue = is_overdue(readiness, t.state, t.late_finish, as_of);
            let mut row = vec![
                self.task_id(i).to_owned(),
                i18n::date(lang, t.early_start),
                i18n::date(lang, t.early_finish),
                i18n::date(lang, t.late_start),
                i18n::date(lang, t.late_finish),
                float(t.total_float),
                float(t.free_float),
                if t.critical { h.yes } else { "" }.to_owned(),
                i18n::state(lang, t.state).to_owned(),
                i18n::flag(lang, readiness, t.state, overdue).to_owned(),
            ];
            if let Some(baseline) = self.baseline {
                let dates = baseline.tasks[i];
                row.push(dates.map_or_else(|| "-".to_owned(), |b| i18n::date(lang, b.finish)));
                row.push(dates.map_or_else(|| "-".to_owned(), |b| signed(b.finish_variance)));
            }
            rows.push(row);
        }
        // Each column as wide as its widest cell: nothing is cut, an id least of all.
        let mut widths = vec![0; rows[0].len()];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        for row in &rows {
            let last = row.len() - 1;
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(column, (cell, &w))| match column {
                    // The floats and the variance, right-aligned like numbers.
                    5 | 6 | 11 => pad_left(cell, w),
                    c if c == last => cell.clone(),
                    _ => pad(cell, w),
                })
                .collect();
            writeln!(out, "{}", cells.join("  "))?;
        }
        writeln!(out)?;
        let forecast = match self.schedule.forecast_ready {
            Some(day) => format!(
                "{} ({}: {})",
                i18n::date(lang, day),
                Msg::EventDay.text(lang).to_lowercase(),
                i18n::date(lang, self.forum.event_date())
            ),
            None => Msg::NothingLeft.text(lang).to_owned(),
        };
        writeln!(out, "{}: {forecast}", Msg::ForecastReady.text(lang))?;
        if let Some(baseline) = self.baseline {
            writeln!(out, "{}", comparison_line(lang, baseline))?;
        }
        if self.schedule.critical_paths.is_empty() {
            writeln!(out, "{}", Msg::NoCriticalPath.text(lang))?;
        }
        for path in &self.schedule.critical_paths {
            let ids: Vec<&str> = path.iter().map(|&t| self.task_id(t)).collect();
            writeln!(out, "{}: {}", Msg::CriticalPath.text(lang), ids.join(" → "))?;
        }
        for conflict in &self.schedule.conflicts {
            let row = ConflictRow::new(self.forum, conflict);
            let (what, days) = row.describe(lang);
            writeln!(
                out,
                "{}: {}: {what} ({days})",
                Msg::Conflicts.text(lang),
                row.task
            )?;
        }
        Ok(())
    }
}

/// The schedule table's column headings.
struct TableHeaders {
    task: &'static str,
    start: &'static str,
    finish: &'static str,
    late_start: &'static str,
    late_finish: &'static str,
    total_float: &'static str,
    free_float: &'static str,
    critical: &'static str,
    state: &'static str,
    readiness: &'static str,
    baseline_finish: &'static str,
    variance: &'static str,
    yes: &'static str,
}

impl TableHeaders {
    fn of(lang: Lang) -> TableHeaders {
        match lang {
            Lang::Vi => TableHeaders {
                task: "MÃ VIỆC",
                start: "BẮT ĐẦU",
                finish: "HOÀN THÀNH",
                late_start: "PHẢI BẮT ĐẦU",
                late_finish: "HẠN CHÓT",
                total_float: "DỰ TRỮ",
                free_float: "DỰ TRỮ TỰ DO",
                critical: "GĂNG",
                state: "TRẠNG THÁI",
                readiness: "ĐÁNH GIÁ",
                baseline_finish: "HOÀN THÀNH (KẾ HOẠCH GỐC)",
                variance: "CHÊNH",
                yes: "có",
            },
            Lang::En => TableHeaders {
                task: "TASK",
                start: "START",
                finish: "FINISH",
                late_start: "LATE START",
                late_finish: "DEADLINE",
                total_float: "TF",
                free_float: "FF",
                critical: "CRIT",
                state: "STATE",
                readiness: "READINESS",
                baseline_finish: "BASELINE FINISH",
                variance: "VAR",
                yes: "yes",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use forumplan_scheduler::Readiness;

    /// A task's hand-written JSON is its derived `Serialize`'s, pretty and
    /// compact: with and without a baseline, and every optional value
    /// present or not.
    #[test]
    fn tasks_write_as_serde_writes_them() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2022, 10, d).expect("date");
        let task = |i: u32| {
            let some = i.is_multiple_of(2);
            let baseline =
                (!i.is_multiple_of(3)).then(|| (some || i.is_multiple_of(5)).then_some(day(i + 2)));
            JsonTask {
                id: Cow::Owned(format!("task-{i}")),
                workstream: Cow::Borrowed("content"),
                name: Cow::Owned(format!("Bài \"phát biểu\"\n{i}")),
                duration: i,
                state: TaskState::ALL[i as usize % TaskState::ALL.len()],
                progress: (i * 7 % 101) as u8,
                actual_start: some.then(|| day(1)),
                actual_finish: (i.is_multiple_of(3)).then(|| day(2)),
                early_start: day(3),
                early_finish: day(4),
                late_start: day(5),
                late_finish: day(6),
                total_float: some.then_some(-(i as i64)),
                free_float: (i.is_multiple_of(3)).then_some(i as i64),
                critical: some,
                // Every readiness, and none.
                readiness: Readiness::ALL
                    .get(i as usize % (Readiness::ALL.len() + 1))
                    .copied(),
                baseline_start: baseline,
                baseline_finish: baseline,
                finish_variance: baseline.map(|b| b.map(|_| i as i64 - 3)),
            }
        };
        for i in 0..30 {
            let task = task(i);
            for pretty in [true, false] {
                let mut w = JsonWriter::new(Vec::new(), pretty);
                task.write_json(&mut w).expect("in memory");
                let ours = String::from_utf8(w.finish().expect("in memory")).expect("UTF-8");
                let expected = if pretty {
                    serde_json::to_string_pretty(&task)
                } else {
                    serde_json::to_string(&task)
                };
                assert_eq!(ours, expected.expect("serializes"), "task {i}");
            }
        }
    }

    #[derive(Serialize)]
    struct Dated(#[serde(serialize_with = "iso_date")] NaiveDate);

    /// The hand-written dates read exactly as chrono writes them: every
    /// day of 1900–2199, and the edges of chrono's range (negative and
    /// five-digit years).
    #[test]
    fn iso_dates_match_chrono() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let every_day = day(1900, 1, 1).iter_days().take_while(|d| d.year() < 2200);
        let edges = [
            NaiveDate::MIN,
            day(-1, 12, 31),
            day(0, 1, 1),
            day(999, 9, 9),
            day(9999, 12, 31),
            day(10_000, 1, 1),
            NaiveDate::MAX,
        ];
        for date in every_day.chain(edges) {
            let ours = serde_json::to_string(&Dated(date)).expect("JSON");
            assert_eq!(ours, serde_json::to_string(&date).expect("JSON"));
        }
    }
}
