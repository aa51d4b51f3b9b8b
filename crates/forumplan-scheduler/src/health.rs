//! Schedule health: the DCMA 14-point assessment (DCMA-EA PAM 200.1),
//! adapted to a plan that ends on one event day. `docs/risk.md` states how
//! each check reads a forum plan; the thresholds come from
//! `settings.health`.
//!
//! "Open" tasks are those neither done nor cancelled; the link checks count
//! the links between tasks whose successor is open (links to the event day
//! are anchors, not logic, and are left out). Shares compare exactly, as
//! whole numbers against the percent thresholds.

use chrono::NaiveDate;
use forumplan_core::journal::{Journal, TaskState};
use forumplan_core::plan::{Health, LinkType};
use forumplan_core::{Forum, TaskId};

use crate::baseline::BaselineComparison;
use crate::rerun::ForwardPass;
use crate::workdays::{WorkCalendar, day_number};
use crate::{Schedule, ScheduleError};

/// The fourteen checks, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// 1: open tasks without a predecessor.
    MissingLogic,
    /// 2: links with a negative lag.
    Leads,
    /// 3: links with a positive lag.
    Lags,
    /// 4: finish-to-start links.
    FsLinks,
    /// 5: open tasks with `fixed_start` or `due`.
    HardConstraints,
    /// 6: open pre-event tasks with high total float.
    HighFloat,
    /// 7: open tasks with negative total float.
    NegativeFloat,
    /// 8: open pre-event tasks with a high duration.
    HighDuration,
    /// 9: actual dates after the as-of day, forecasts before it.
    InvalidDates,
    /// 10: open tasks with neither an owner nor a workstream lead.
    Ownership,
    /// 11: tasks past their baseline finish and not done.
    MissedTasks,
    /// 12: a delay on the critical path delays the forecast as much.
    CriticalPathTest,
    /// 13: critical path length index.
    Cpli,
    /// 14: baseline execution index.
    Bei,
}

impl Check {
    /// Every check, in order.
    pub const ALL: [Check; 14] = [
        Check::MissingLogic,
        Check::Leads,
        Check::Lags,
        Check::FsLinks,
        Check::HardConstraints,
        Check::HighFloat,
        Check::NegativeFloat,
        Check::HighDuration,
        Check::InvalidDates,
        Check::Ownership,
        Check::MissedTasks,
        Check::CriticalPathTest,
        Check::Cpli,
        Check::Bei,
    ];

    /// Its number, 1–14.
    pub fn number(self) -> u8 {
        Check::ALL
            .iter()
            .position(|&c| c == self)
            .map_or(0, |i| i as u8 + 1)
    }

    /// Its stable name (the JSON `name`).
    pub fn name(self) -> &'static str {
        match self {
            Check::MissingLogic => "missing_logic",
            Check::Leads => "leads",
            Check::Lags => "lags",
            Check::FsLinks => "fs_links",
            Check::HardConstraints => "hard_constraints",
            Check::HighFloat => "high_float",
            Check::NegativeFloat => "negative_float",
            Check::HighDuration => "high_duration",
            Check::InvalidDates => "invalid_dates",
            Check::Ownership => "ownership",
            Check::MissedTasks => "missed_tasks",
            Check::CriticalPathTest => "critical_path_test",
            Check::Cpli => "cpli",
            Check::Bei => "bei",
        }
    }
}

/// What a check measures, with the exact numbers behind a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// `part` of `whole` (a share; 0 when `whole` is 0).
    Share {
        /// The offending (or, for 4, 13 and 14, the good) part.
        part: u64,
        /// What it is a part of.
        whole: u64,
    },
    /// A number of offences.
    Count(u64),
}

impl Metric {
    /// The metric as a number: a share 0–1 (an index for 13 and 14), or a count.
    pub fn value(self) -> f64 {
        match self {
            Metric::Share { whole: 0, .. } => 0.0,
            Metric::Share { part, whole } => part as f64 / whole as f64,
            Metric::Count(n) => n as f64,
        }
    }
}

/// How a metric must compare with its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// A share (or index) of at most this many percent.
    AtMostPercent(u32),
    /// A share (or index) of at least this many percent.
    AtLeastPercent(u32),
    /// At most this many.
    AtMost(u32),
}

impl Threshold {
    /// The threshold as a number, as the metric is written.
    pub fn value(self) -> f64 {
        match self {
            Threshold::AtMostPercent(p) | Threshold::AtLeastPercent(p) => f64::from(p) / 100.0,
            Threshold::AtMost(n) => f64::from(n),
        }
    }

    /// Whether `metric` meets it, compared exactly.
    fn met_by(self, metric: Metric) -> bool {
        let percent = |part: u64, whole: u64| (u128::from(part) * 100, u128::from(whole));
        match (self, metric) {
            (Threshold::AtMostPercent(p), Metric::Share { part, whole }) => {
                let (part, whole) = percent(part, whole);
                part <= u128::from(p) * whole
            }
            (Threshold::AtLeastPercent(p), Metric::Share { part, whole }) => {
                let (part, whole) = percent(part, whole);
                part >= u128::from(p) * whole
            }
            (Threshold::AtMost(n), Metric::Count(count)) => count <= u64::from(n),
            // A check always pairs its metric with the matching threshold.
            _ => false,
        }
    }
}

/// Why a check could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// 11, 13, 14 need a baseline and there is none.
    NoBaseline,
    /// 12: no critical path with work left to delay.
    NoCriticalPath,
    /// 13: the baseline or today has no forecast ready day, or the
    /// baseline's has passed (no critical path length left to measure).
    NoPathLength,
    /// 14: no task's baseline finish has passed yet.
    NothingDueYet,
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    /// Which check.
    pub check: Check,
    /// Its metric; `None` when skipped.
    pub metric: Option<Metric>,
    /// Its threshold.
    pub threshold: Threshold,
    /// Why it was skipped (a skipped check does not fail the plan).
    pub skipped: Option<Skip>,
    /// The offending tasks, in plan order.
    pub tasks: Vec<TaskId>,
}

impl CheckResult {
    /// Whether it passes (a skipped check does).
    pub fn pass(&self) -> bool {
        self.metric.is_none_or(|m| self.threshold.met_by(m))
    }
}

/// The fourteen checks of one plan as of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthReport {
    /// The day assessed.
    pub as_of: NaiveDate,
    /// The high float and high duration bound used, in working days.
    pub high_bound: i64,
    /// The checks, in order.
    pub checks: Vec<CheckResult>,
}

impl HealthReport {
    /// Whether every check passes.
    pub fn pass(&self) -> bool {
        self.checks.iter().all(CheckResult::pass)
    }
}

/// What the checks read.
#[derive(Debug, Clone, Copy)]
pub struct HealthInput<'a> {
    /// The forum.
    pub forum: &'a Forum,
    /// Its journal (all entries; check 9 reads those dated after the day).
    pub journal: &'a Journal,
    /// The schedule as of the day.
    pub schedule: &'a Schedule,
    /// The schedule against the baseline, if there is one.
    pub baseline: Option<&'a BaselineComparison>,
}

/// Runs the fourteen checks.
pub fn assess_health(input: HealthInput<'_>) -> Result<HealthReport, ScheduleError> {
    let HealthInput {
        forum, schedule, ..
    } = input;
    let limits = forum.settings().health;
    let as_of = schedule.as_of;
    let n = schedule.tasks.len();
    let state = |t: TaskId| schedule.tasks[t].state;
    let open: Vec<TaskId> = (0..n)
        .filter(|&t| !matches!(state(t), TaskState::Done | TaskState::Cancelled))
        .collect();
    let pre_event: Vec<TaskId> = open
        .iter()
        .copied()
        .filter(|&t| !forum.tasks()[t].post_event)
        .collect();
    let forum_calendar = WorkCalendar::new(&forum.calendars()[forum.forum_calendar()]);
    let days_left =
        forum_calendar.idx(day_number(forum.event_date())) - forum_calendar.idx(day_number(as_of));
    let high_bound = i64::from(limits.high_float_days).min(days_left.max(0) / 3);

    let links: Vec<(TaskId, forumplan_core::Dependency)> = open
        .iter()
        .flat_map(|&t| {
            forum
                .graph()
                .predecessors(t)
                .iter()
                .map(move |link| (t, link.dependency))
        })
        .collect();
    let link_tasks = |keep: &dyn Fn(&forumplan_core::Dependency) -> bool| -> (u64, Vec<TaskId>) {
        let hits: Vec<TaskId> = links
            .iter()
            .filter(|(_, d)| keep(d))
            .map(|&(t, _)| t)
            .collect();
        (hits.len() as u64, sorted(hits))
    };
    let share_of = |tasks: &[TaskId], keep: &dyn Fn(TaskId) -> bool| -> (Metric, Vec<TaskId>) {
        let hits: Vec<TaskId> = tasks.iter().copied().filter(|&t| keep(t)).collect();
        let metric = Metric::Share {
            part: hits.len() as u64,
            whole: tasks.len() as u64,
        };
        (metric, hits)
    };
    let measured = |check, metric, threshold, tasks| CheckResult {
        check,
        metric: Some(metric),
        threshold,
        skipped: None,
        tasks,
    };
    let mut checks = Vec::with_capacity(14);

    // 1. Missing logic: no predecessor (a task or the event day).
    let (metric, tasks) = share_of(&open, &|t| {
        forum.graph().predecessors(t).is_empty() && forum.tasks()[t].event_links.is_empty()
    });
    checks.push(measured(
        Check::MissingLogic,
        metric,
        Threshold::AtMostPercent(limits.missing_logic),
        tasks,
    ));
    // 2–4. Leads, lags, link types.
    let total_links = links.len() as u64;
    let (leads, tasks) = link_tasks(&|d| d.lag < 0);
    checks.push(measured(
        Check::Leads,
        Metric::Count(leads),
        Threshold::AtMost(limits.leads),
        tasks,
    ));
    let (lags, tasks) = link_tasks(&|d| d.lag > 0);
    checks.push(measured(
        Check::Lags,
        Metric::Share {
            part: lags,
            whole: total_links,
        },
        Threshold::AtMostPercent(limits.lags),
        tasks,
    ));
    let (other, tasks) = link_tasks(&|d| d.kind != LinkType::FinishToStart);
    let fs = if total_links == 0 {
        // No link at all: nothing is of another type.
        Metric::Share { part: 1, whole: 1 }
    } else {
        Metric::Share {
            part: total_links - other,
            whole: total_links,
        }
    };
    checks.push(measured(
        Check::FsLinks,
        fs,
        Threshold::AtLeastPercent(limits.fs_links),
        tasks,
    ));
    // 5. Hard constraints.
    let (metric, tasks) = share_of(&open, &|t| {
        let task = &forum.tasks()[t];
        task.fixed_start.is_some() || task.due.is_some()
    });
    checks.push(measured(
        Check::HardConstraints,
        metric,
        Threshold::AtMostPercent(limits.hard_constraints),
        tasks,
    ));
    // 6. High float.
    let (metric, tasks) = share_of(&pre_event, &|t| {
        schedule.tasks[t]
            .total_float
            .is_some_and(|f| f > high_bound)
    });
    checks.push(measured(
        Check::HighFloat,
        metric,
        Threshold::AtMostPercent(limits.high_float),
        tasks,
    ));
    // 7. Negative float.
    let (_, tasks) = share_of(&open, &|t| {
        schedule.tasks[t].total_float.is_some_and(|f| f < 0)
    });
    checks.push(measured(
        Check::NegativeFloat,
        Metric::Count(tasks.len() as u64),
        Threshold::AtMost(limits.negative_float),
        tasks,
    ));
    // 8. High duration.
    let (metric, tasks) = share_of(&pre_event, &|t| {
        i64::from(forum.tasks()[t].duration) > high_bound
    });
    checks.push(measured(
        Check::HighDuration,
        metric,
        Threshold::AtMostPercent(limits.high_duration),
        tasks,
    ));
    // 9. Invalid dates.
    let (count, tasks) = invalid_dates(input);
    checks.push(measured(
        Check::InvalidDates,
        Metric::Count(count),
        Threshold::AtMost(limits.invalid_dates),
        tasks,
    ));
    // 10. Ownership.
    let (_, tasks) = share_of(&open, &|t| {
        let named = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        let task = forum.task(t);
        let workstream = &forum.workstreams()[forum.tasks()[t].workstream];
        !named(&task.owner) && !named(&workstream.lead)
    });
    checks.push(measured(
        Check::Ownership,
        Metric::Count(tasks.len() as u64),
        Threshold::AtMost(limits.unowned),
        tasks,
    ));
    // 11. Missed tasks, against the baseline.
    checks.push(missed_tasks(input, &limits));
    // 12. Critical path test.
    checks.push(critical_path_test(input, &limits)?);
    // 13, 14. Indices against the baseline.
    checks.push(cpli(input, &limits, &forum_calendar));
    checks.push(bei(input, &limits));
    Ok(HealthReport {
        as_of,
        high_bound,
        checks,
    })
}

/// Task ids in plan order, each once.
fn sorted(mut tasks: Vec<TaskId>) -> Vec<TaskId> {
    tasks.sort_unstable();
    tasks.dedup();
    tasks
}

fn skipped(check: Check, threshold: Threshold, why: Skip) -> CheckResult {
    CheckResult {
        check,
        metric: None,
        threshold,
        skipped: Some(why),
        tasks: Vec::new(),
    }
}

/// 9: journal entries recorded on or before the day for a later day (a
/// fact claimed before it happened); actual dates after the day; forecast
/// starts before it for work not yet under way.
fn invalid_dates(input: HealthInput<'_>) -> (u64, Vec<TaskId>) {
    let as_of = input.schedule.as_of;
    let mut count = 0;
    let mut tasks = Vec::new();
    for entry in input.journal.iter_entries() {
        let recorded = entry.recorded_at.map(|at| at.date_naive());
        if entry.date > as_of && recorded.is_some_and(|day| day <= as_of) {
            count += 1;
            tasks.extend(input.forum.task_id(&entry.task));
        }
    }
    for (t, task) in input.schedule.tasks.iter().enumerate() {
        let actual_after = [task.actual_start, task.actual_finish]
            .into_iter()
            .flatten()
            .filter(|&day| day > as_of)
            .count();
        let waiting = matches!(task.state, TaskState::NotStarted | TaskState::Blocked);
        let forecast_before = usize::from(waiting && task.early_start < as_of);
        let found = actual_after + forecast_before;
        if found > 0 {
            count += found as u64;
            tasks.push(t);
        }
    }
    (count, sorted(tasks))
}

/// 11: of the tasks whose baseline finish has passed, those not done.
fn missed_tasks(input: HealthInput<'_>, limits: &Health<u32>) -> CheckResult {
    let threshold = Threshold::AtMostPercent(limits.missed_tasks);
    let Some(baseline) = input.baseline else {
        return skipped(Check::MissedTasks, threshold, Skip::NoBaseline);
    };
    let due = due_by_baseline(input, baseline);
    let missed: Vec<TaskId> = due
        .iter()
        .copied()
        .filter(|&t| input.schedule.tasks[t].state != TaskState::Done)
        .collect();
    CheckResult {
        check: Check::MissedTasks,
        metric: Some(Metric::Share {
            part: missed.len() as u64,
            whole: due.len() as u64,
        }),
        threshold,
        skipped: None,
        tasks: missed,
    }
}

/// The tasks (cancelled ones aside) whose baseline finish is before the day.
fn due_by_baseline(input: HealthInput<'_>, baseline: &BaselineComparison) -> Vec<TaskId> {
    let schedule = input.schedule;
    (0..schedule.tasks.len())
        .filter(|&t| schedule.tasks[t].state != TaskState::Cancelled)
        .filter(|&t| baseline.tasks[t].is_some_and(|b| b.finish < schedule.as_of))
        .collect()
}

/// 12: for the first task with work left on each critical path, add the
/// delay and run the forward pass again: the forecast ready day must move
/// by at least as many working days of that task's calendar. Metric: the
/// number of tested tasks whose delay did not carry through.
fn critical_path_test(
    input: HealthInput<'_>,
    limits: &Health<u32>,
) -> Result<CheckResult, ScheduleError> {
    let threshold = Threshold::AtMost(0);
    let HealthInput {
        forum, schedule, ..
    } = input;
    let mut tested: Vec<TaskId> = schedule
        .critical_paths
        .iter()
        .filter_map(|path| {
            path.iter().copied().find(|&t| {
                let task = &schedule.tasks[t];
                task.state != TaskState::Done && task.remaining > 0
            })
        })
        .collect();
    tested.sort_unstable();
    tested.dedup();
    if tested.is_empty() {
        return Ok(skipped(
            Check::CriticalPathTest,
            threshold,
            Skip::NoCriticalPath,
        ));
    }
    let state = input.journal.replay(forum, schedule.as_of);
    let mut pass = ForwardPass::new(forum, &state, schedule.as_of);
    let ready = |pass: &mut ForwardPass<'_>| {
        pass.run()?;
        Ok::<_, ScheduleError>(pass.ready_day().unwrap_or_default())
    };
    let before = ready(&mut pass)?;
    let delay = i64::from(limits.critical_path_delay);
    let mut failed = Vec::new();
    for &t in &tested {
        pass.set_delay(t, delay);
        let after = ready(&mut pass)?;
        pass.set_delay(t, 0);
        let calendar = WorkCalendar::new(&forum.calendars()[forum.tasks()[t].calendar]);
        // The working days of its calendar after the old ready day, up to
        // and including the new one.
        if calendar.idx(after + 1) - calendar.idx(before + 1) < delay {
            failed.push(t);
        }
    }
    Ok(CheckResult {
        check: Check::CriticalPathTest,
        metric: Some(Metric::Count(failed.len() as u64)),
        threshold,
        skipped: None,
        tasks: failed,
    })
}

/// 13: (CPL + TF) / CPL, with CPL the working days (forum calendar) from
/// the day through the baseline's ready day, and TF how many working days
/// today's forecast ready day is ahead of the baseline's (negative: behind).
fn cpli(input: HealthInput<'_>, limits: &Health<u32>, calendar: &WorkCalendar) -> CheckResult {
    let threshold = Threshold::AtLeastPercent(limits.cpli);
    let Some(baseline) = input.baseline else {
        return skipped(Check::Cpli, threshold, Skip::NoBaseline);
    };
    let (Some(planned), Some(variance)) = (baseline.baseline_ready, baseline.ready_variance) else {
        return skipped(Check::Cpli, threshold, Skip::NoPathLength);
    };
    let length =
        calendar.idx(day_number(planned) + 1) - calendar.idx(day_number(input.schedule.as_of));
    if length <= 0 {
        return skipped(Check::Cpli, threshold, Skip::NoPathLength);
    }
    let on_path = (length - variance).max(0);
    CheckResult {
        check: Check::Cpli,
        metric: Some(Metric::Share {
            part: on_path.unsigned_abs(),
            whole: length.unsigned_abs(),
        }),
        threshold,
        skipped: None,
        // The critical path that moved the forecast, when it moved.
        tasks: if variance > 0 {
            sorted(input.schedule.critical_paths.concat())
        } else {
            Vec::new()
        },
    }
}

/// 14: tasks done / tasks whose baseline finish has passed.
fn bei(input: HealthInput<'_>, limits: &Health<u32>) -> CheckResult {
    let threshold = Threshold::AtLeastPercent(limits.bei);
    let Some(baseline) = input.baseline else {
        return skipped(Check::Bei, threshold, Skip::NoBaseline);
    };
    let due = due_by_baseline(input, baseline);
    if due.is_empty() {
        return skipped(Check::Bei, threshold, Skip::NothingDueYet);
    }
    let schedule = input.schedule;
    let done = (0..schedule.tasks.len())
        .filter(|&t| schedule.tasks[t].state == TaskState::Done && baseline.tasks[t].is_some())
        .count();
    CheckResult {
        check: Check::Bei,
        metric: Some(Metric::Share {
            part: done as u64,
            whole: due.len() as u64,
        }),
        threshold,
        skipped: None,
        tasks: due
            .into_iter()
            .filter(|&t| schedule.tasks[t].state != TaskState::Done)
            .collect(),
    }
}
