//! The output of `forumplan schedule`: per-task dates, float, critical flag,
//! state and readiness, and the critical paths, as a table, JSON or CSV.
//!
//! The JSON field names are a stable interface (`shared/design/cli.md`):
//! other tools read them.

use std::io::{self, Write};

use chrono::NaiveDate;
use forumplan_core::Forum;
use forumplan_core::journal::TaskState;
use forumplan_scheduler::{Assessment, Conflict, Readiness, Schedule};
use serde::Serialize;

/// A schedule with what the outputs need to describe it.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleView<'a> {
    /// The forum scheduled.
    pub forum: &'a Forum,
    /// Its schedule as of a day.
    pub schedule: &'a Schedule,
    /// Readiness derived from the schedule.
    pub assessment: &'a Assessment,
}

#[derive(Serialize)]
struct JsonSchedule<'a> {
    forum: JsonForum<'a>,
    as_of: NaiveDate,
    forecast_ready: Option<NaiveDate>,
    tasks: Vec<JsonTask<'a>>,
    critical_paths: Vec<Vec<&'a str>>,
    conflicts: Vec<JsonConflict<'a>>,
}

#[derive(Serialize)]
struct JsonForum<'a> {
    id: &'a str,
    name: &'a str,
    date: NaiveDate,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: &'a str,
    workstream: &'a str,
    name: &'a str,
    duration: u32,
    state: TaskState,
    progress: u8,
    actual_start: Option<NaiveDate>,
    actual_finish: Option<NaiveDate>,
    early_start: NaiveDate,
    early_finish: NaiveDate,
    late_start: NaiveDate,
    late_finish: NaiveDate,
    total_float: Option<i64>,
    free_float: Option<i64>,
    critical: bool,
    /// `null` for a cancelled task.
    readiness: Option<Readiness>,
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    kind: &'static str,
    task: &'a str,
    fixed_start: NaiveDate,
    earliest_allowed: Option<NaiveDate>,
}

impl<'a> ScheduleView<'a> {
    fn task_id(&self, task: usize) -> &'a str {
        &self.forum.task(task).id
    }

    fn json_tasks(&self) -> impl Iterator<Item = JsonTask<'a>> + '_ {
        self.schedule.tasks.iter().enumerate().map(|(i, t)| {
            let task = self.forum.task(i);
            JsonTask {
                id: &task.id,
                workstream: &task.workstream,
                name: &task.name,
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
            }
        })
    }

    /// Writes the schedule as JSON (pretty when `pretty`), ending in a newline.
    pub fn write_json(&self, out: &mut dyn Write, pretty: bool) -> io::Result<()> {
        let info = &self.forum.plan().forum;
        let document = JsonSchedule {
            forum: JsonForum {
                id: &info.id,
                name: &info.name,
                date: info.date,
            },
            as_of: self.schedule.as_of,
            forecast_ready: self.schedule.forecast_ready,
            tasks: self.json_tasks().collect(),
            critical_paths: self
                .schedule
                .critical_paths
                .iter()
                .map(|path| path.iter().map(|&t| self.task_id(t)).collect())
                .collect(),
            conflicts: self
                .schedule
                .conflicts
                .iter()
                .map(|c| match *c {
                    Conflict::FixedStartPushed {
                        task,
                        fixed_start,
                        earliest_allowed,
                    } => JsonConflict {
                        kind: "fixed_start_pushed",
                        task: self.task_id(task),
                        fixed_start,
                        earliest_allowed: Some(earliest_allowed),
                    },
                    Conflict::FixedStartPassed { task, fixed_start } => JsonConflict {
                        kind: "fixed_start_passed",
                        task: self.task_id(task),
                        fixed_start,
                        earliest_allowed: None,
                    },
                })
                .collect(),
        };
        if pretty {
            serde_json::to_writer_pretty(&mut *out, &document)?;
        } else {
            serde_json::to_writer(&mut *out, &document)?;
        }
        writeln!(out)
    }

    /// Writes one CSV row per task (same columns as the JSON tasks), with a
    /// header row.
    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        for task in self.json_tasks() {
            writer.serialize(task).map_err(io::Error::other)?;
        }
        writer.flush()
    }

    /// Writes an aligned plain-text table and the critical paths.
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let id_width = (0..self.schedule.tasks.len())
            .map(|t| self.task_id(t).chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(
            out,
            "{:<id_width$}  {:<10}  {:<10}  {:<10}  {:<10}  {:>4}  {:>4}  {:<4}  {:<11}  READINESS",
            "TASK", "START", "FINISH", "LATE START", "LATE END", "TF", "FF", "CRIT", "STATE"
        )?;
        for (i, t) in self.schedule.tasks.iter().enumerate() {
            let float = |f: Option<i64>| f.map_or_else(|| "-".to_owned(), |f| f.to_string());
            let readiness = self.assessment.tasks[i]
                .readiness
                .map_or_else(|| "-".to_owned(), |r| serde_name(&r));
            writeln!(
                out,
                "{:<id_width$}  {}  {}  {}  {}  {:>4}  {:>4}  {:<4}  {:<11}  {readiness}",
                self.task_id(i),
                t.early_start,
                t.early_finish,
                t.late_start,
                t.late_finish,
                float(t.total_float),
                float(t.free_float),
                if t.critical { "yes" } else { "" },
                t.state.as_str(),
            )?;
        }
        writeln!(out)?;
        match self.schedule.forecast_ready {
            Some(day) => writeln!(
                out,
                "forecast ready: {day} (event {})",
                self.forum.event_date()
            )?,
            None => writeln!(out, "forecast ready: nothing to do before the event")?,
        }
        if self.schedule.critical_paths.is_empty() {
            writeln!(out, "critical path: none (the latest work has float)")?;
        }
        for path in &self.schedule.critical_paths {
            let ids: Vec<&str> = path.iter().map(|&t| self.task_id(t)).collect();
            writeln!(out, "critical path: {}", ids.join(" → "))?;
        }
        for conflict in &self.schedule.conflicts {
            match *conflict {
                Conflict::FixedStartPushed {
                    task,
                    fixed_start,
                    earliest_allowed,
                } => writeln!(
                    out,
                    "conflict: `{}` is fixed to start {fixed_start}, but its predecessors allow {earliest_allowed} at the earliest",
                    self.task_id(task)
                )?,
                Conflict::FixedStartPassed { task, fixed_start } => writeln!(
                    out,
                    "conflict: `{}` was fixed to start {fixed_start} but has not started",
                    self.task_id(task)
                )?,
            }
        }
        Ok(())
    }
}

/// The serde name of a unit enum value (`at_risk`), for text output.
fn serde_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
