//! Baselines taken from a schedule, and how far a schedule has moved since
//! one (see `docs/risk.md`).
//!
//! Variances are counted in working days, positive when later than the
//! baseline: a task's in its own calendar, a workstream's and the forecast
//! ready day's in the forum's calendar. A baseline task whose id the plan
//! no longer has is ignored; a task the baseline lacks (added since) has no
//! baseline dates and no variance.

use chrono::NaiveDate;
use forumplan_core::baseline::{Baseline, BaselineTask};
use forumplan_core::journal::TaskState;
use forumplan_core::{Forum, TaskId, WorkstreamId};

use crate::Schedule;
use crate::workdays::{WorkCalendar, day_number};

/// The baseline called `name` of `schedule`: every task's early start and
/// finish, and the forecast ready day.
pub fn take_baseline(forum: &Forum, schedule: &Schedule, name: &str) -> Baseline {
    Baseline {
        name: name.to_owned(),
        as_of: schedule.as_of,
        forecast_ready: schedule.forecast_ready,
        tasks: schedule
            .tasks
            .iter()
            .enumerate()
            .map(|(t, task)| BaselineTask {
                id: forum.task(t).id.clone(),
                start: task.early_start,
                finish: task.early_finish,
            })
            .collect(),
    }
}

/// One task's baseline dates and how far its finish moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskBaseline {
    /// The baseline's early start.
    pub start: NaiveDate,
    /// The baseline's early finish.
    pub finish: NaiveDate,
    /// Working days (the task's calendar) from the baseline finish to the
    /// early finish now; positive is later.
    pub finish_variance: i64,
}

/// How far a workstream moved: its tasks that finish later, and its last
/// finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkstreamSlip {
    /// Which workstream.
    pub workstream: WorkstreamId,
    /// How many of its tasks (cancelled ones aside) finish later than in
    /// the baseline.
    pub tasks_later: usize,
    /// The largest finish variance among its tasks (0 when none is later).
    pub worst: i64,
    /// The latest baseline finish of its tasks that the baseline has.
    pub baseline_finish: NaiveDate,
    /// The latest early finish of the same tasks now.
    pub finish: NaiveDate,
    /// Working days (the forum's calendar) between them; positive is later.
    pub variance: i64,
}

/// A schedule measured against a baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineComparison {
    /// The baseline's name.
    pub name: String,
    /// The day the baseline was taken as of.
    pub as_of: NaiveDate,
    /// Its forecast ready day.
    pub baseline_ready: Option<NaiveDate>,
    /// Working days (the forum's calendar) from the baseline's forecast
    /// ready day to today's; `None` when either has none.
    pub ready_variance: Option<i64>,
    /// Per task, by [`TaskId`]: `None` for a task the baseline lacks.
    pub tasks: Vec<Option<TaskBaseline>>,
    /// Per workstream with a task in the baseline, in plan order.
    pub workstreams: Vec<WorkstreamSlip>,
}

impl BaselineComparison {
    /// The tasks that finish later than the baseline (cancelled ones
    /// aside), most working days first, then in plan order.
    pub fn slipped_tasks(&self, schedule: &Schedule) -> Vec<TaskId> {
        let mut slipped: Vec<TaskId> = (0..self.tasks.len())
            .filter(|&t| schedule.tasks[t].state != TaskState::Cancelled)
            .filter(|&t| self.tasks[t].is_some_and(|b| b.finish_variance > 0))
            .collect();
        slipped.sort_by_key(|&t| std::cmp::Reverse(self.variance(t)));
        slipped
    }

    /// The workstreams with a task or their last finish later than in the
    /// baseline: the largest task variance first, then the most tasks
    /// later, then the last finish's variance, then plan order.
    pub fn slipped_workstreams(&self) -> Vec<WorkstreamSlip> {
        let mut slipped: Vec<WorkstreamSlip> = self
            .workstreams
            .iter()
            .copied()
            .filter(|w| w.tasks_later > 0 || w.variance > 0)
            .collect();
        slipped.sort_by_key(|w| std::cmp::Reverse((w.worst, w.tasks_later, w.variance)));
        slipped
    }

    /// Task `t`'s finish variance (0 when the baseline lacks it).
    pub fn variance(&self, t: TaskId) -> i64 {
        self.tasks[t].map_or(0, |b| b.finish_variance)
    }
}

/// `schedule` measured against `baseline`.
pub fn compare_baseline(
    forum: &Forum,
    schedule: &Schedule,
    baseline: &Baseline,
) -> BaselineComparison {
    let calendars: Vec<WorkCalendar> = forum.calendars().iter().map(WorkCalendar::new).collect();
    let forum_calendar = &calendars[forum.forum_calendar()];
    let between = |cal: &WorkCalendar, from: NaiveDate, to: NaiveDate| {
        cal.idx(day_number(to)) - cal.idx(day_number(from))
    };
    let ids = (0..schedule.tasks.len()).map(|t| forum.task(t).id.as_str());
    let tasks: Vec<Option<TaskBaseline>> = baseline
        .tasks_for(ids)
        .into_iter()
        .enumerate()
        .map(|(t, dates)| {
            let dates = dates?;
            let cal = &calendars[forum.tasks()[t].calendar];
            Some(TaskBaseline {
                start: dates.start,
                finish: dates.finish,
                finish_variance: between(cal, dates.finish, schedule.tasks[t].early_finish),
            })
        })
        .collect();
    // Per workstream: (baseline last finish, last finish, tasks later, worst).
    let mut ends: Vec<Option<(NaiveDate, NaiveDate, usize, i64)>> =
        vec![None; forum.workstreams().len()];
    for (t, dates) in tasks.iter().enumerate() {
        let Some(dates) = dates else { continue };
        if schedule.tasks[t].state == TaskState::Cancelled {
            continue;
        }
        let finish = schedule.tasks[t].early_finish;
        let later = usize::from(dates.finish_variance > 0);
        let worst = dates.finish_variance.max(0);
        let end = &mut ends[forum.tasks()[t].workstream];
        *end = Some(
            end.map_or((dates.finish, finish, later, worst), |(b, f, n, w)| {
                (b.max(dates.finish), f.max(finish), n + later, w.max(worst))
            }),
        );
    }
    let workstreams = ends
        .into_iter()
        .enumerate()
        .filter_map(|(workstream, end)| {
            let (baseline_finish, finish, tasks_later, worst) = end?;
            Some(WorkstreamSlip {
                workstream,
                tasks_later,
                worst,
                baseline_finish,
                finish,
                variance: between(forum_calendar, baseline_finish, finish),
            })
        })
        .collect();
    BaselineComparison {
        name: baseline.name.clone(),
        as_of: baseline.as_of,
        baseline_ready: baseline.forecast_ready,
        ready_variance: baseline
            .forecast_ready
            .zip(schedule.forecast_ready)
            .map(|(before, now)| between(forum_calendar, before, now)),
        tasks,
        workstreams,
    }
}
