//! Readiness as of a day: per task, per workstream (red, amber, green) and
//! for the forum, with the countdown; and what changed between two days.

use chrono::NaiveDate;
use forumplan_core::journal::TaskState;
use forumplan_core::{Forum, TaskId, WorkstreamId};
use serde::Serialize;

use crate::workdays::{WorkCalendar, day_number};
use crate::{Schedule, TaskSchedule};

/// How ready one task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    /// Finished.
    Done,
    /// Negative float: the event date cannot be met along its chain as things stand.
    Late,
    /// Float between 0 and the plan's `at_risk_float`, and a late start
    /// within `lookahead_days` calendar days of the as-of day.
    AtRisk,
    /// Anything else not done (and a task pinned by `fixed_start` that
    /// nothing pushes).
    OnTrack,
}

impl Readiness {
    /// Every readiness, in declaration order.
    pub const ALL: [Readiness; 4] = [
        Readiness::Done,
        Readiness::Late,
        Readiness::AtRisk,
        Readiness::OnTrack,
    ];

    /// The name JSON gives it (`done`, `late`, `at_risk`, `on_track`), for
    /// writers that do not go through serde.
    pub const fn as_str(self) -> &'static str {
        match self {
            Readiness::Done => "done",
            Readiness::Late => "late",
            Readiness::AtRisk => "at_risk",
            Readiness::OnTrack => "on_track",
        }
    }
}

/// A workstream's (or the forum's) colour, worst last.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// Nothing late, at risk or blocked.
    Green,
    /// Something at risk or blocked.
    Amber,
    /// Something late, or a critical task blocked.
    Red,
}

/// Why a task colours its workstream today, worst first: the reasons the
/// morning check names under its headline.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Negative float (red).
    Late,
    /// Blocked with no float left (red).
    BlockedCritical,
    /// Little float and a late start inside the lookahead window (amber).
    AtRisk,
    /// Blocked, with float left (amber).
    Blocked,
}

impl Cause {
    /// The colour this cause gives its workstream.
    pub fn rag(self) -> Rag {
        match self {
            Cause::Late | Cause::BlockedCritical => Rag::Red,
            Cause::AtRisk | Cause::Blocked => Rag::Amber,
        }
    }
}

/// One task's readiness and state, for comparisons between days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TaskReadiness {
    /// Done, late, at risk or on track; `None` for a cancelled task.
    /// Reports show [`Assessment::shown_readiness`].
    pub readiness: Option<Readiness>,
    /// The journal state.
    pub state: TaskState,
    /// Whether the task counts toward colours and the lists of things to do
    /// today: not cancelled, and pre-event work before the event day,
    /// post-event work from it on.
    pub in_scope: bool,
    /// Why it colours its workstream, if it does (only for tasks in scope).
    pub cause: Option<Cause>,
}

/// One workstream as of the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkstreamSummary {
    /// Which workstream.
    pub workstream: WorkstreamId,
    /// Its colour (from the tasks in scope).
    pub rag: Rag,
    /// Weighted completion, 0–100 (over the tasks that count toward it).
    pub completion: f64,
    /// Tasks done (among those that count toward completion).
    pub done: usize,
    /// Tasks that count toward completion: not cancelled; post-event work
    /// only from the event day on.
    pub total: usize,
    /// Tasks in scope that are late.
    pub late: usize,
    /// Tasks in scope at risk.
    pub at_risk: usize,
    /// Tasks in scope blocked.
    pub blocked: usize,
}

/// The whole forum as of the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForumSummary {
    /// The worst workstream colour.
    pub rag: Rag,
    /// Weighted completion, 0–100.
    pub completion: f64,
    /// Calendar days from the as-of day to the event ("T-5" is 5; negative after it).
    pub days_left: i64,
    /// Working days of the forum's calendar from the as-of day (included) to the event day (excluded).
    pub working_days_left: i64,
    /// From the event day on: the forum has taken place, and only
    /// post-event work is scheduled, late or due.
    pub post_event: bool,
    /// The latest early finish of the pre-event tasks; `None` when none is
    /// left and always in post-event mode (it would be a day after the event).
    pub forecast_ready: Option<NaiveDate>,
    /// Whether the forecast ready day is before the event day (true when
    /// there is none).
    pub on_time: bool,
    /// Tasks that count toward completion (the sum of the workstreams' totals).
    pub tasks_total: usize,
    /// Of those, done.
    pub tasks_done: usize,
    /// Tasks in scope that are late.
    pub tasks_late: usize,
    /// Tasks in scope at risk.
    pub tasks_at_risk: usize,
    /// Tasks in scope blocked.
    pub tasks_blocked: usize,
    /// Post-event tasks reported apart: before the event day they count
    /// toward nothing (0 from the event day on).
    pub post_event_apart: usize,
}

/// Readiness of everything as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The day assessed.
    pub as_of: NaiveDate,
    /// Per task, by [`TaskId`].
    pub tasks: Vec<TaskReadiness>,
    /// Per workstream, in plan order.
    pub workstreams: Vec<WorkstreamSummary>,
    /// The forum.
    pub forum: ForumSummary,
    /// What makes the forum red or amber today, worst first: late tasks
    /// (least float first), blocked critical tasks, at-risk tasks (least
    /// float first), other blocked tasks.
    pub causes: Vec<TaskId>,
    /// Late tasks in scope, worst float first.
    pub late: Vec<TaskId>,
    /// Blocked tasks in scope, least float first.
    pub blocked: Vec<TaskId>,
    /// Tasks in scope not started whose late start is on or before the as-of day.
    pub must_start_today: Vec<TaskId>,
    /// Unfinished tasks in scope whose late finish falls within the lookahead window.
    pub due_soon: Vec<TaskId>,
}

impl Assessment {
    /// Task `t`'s readiness as reports show it: from the event day on,
    /// preparation work left unfinished is history, not a forecast, and
    /// has none (like a cancelled task), so that no report calls it late,
    /// overdue or critical after the event (see `docs/status-report.md`).
    pub fn shown_readiness(&self, forum: &Forum, t: TaskId) -> Option<Readiness> {
        let task = &self.tasks[t];
        let history =
            self.forum.post_event && !forum.tasks()[t].post_event && task.state != TaskState::Done;
        task.readiness.filter(|_| !history)
    }
}

/// What changed between an earlier day and a later one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// The earlier day.
    pub since: NaiveDate,
    /// The later day.
    pub as_of: NaiveDate,
    /// Done now, not then.
    pub newly_done: Vec<TaskId>,
    /// Late now, not then.
    pub newly_late: Vec<TaskId>,
    /// At risk now, on track then.
    pub newly_at_risk: Vec<TaskId>,
    /// Blocked now, not then.
    pub newly_blocked: Vec<TaskId>,
    /// Blocked then, not now.
    pub unblocked: Vec<TaskId>,
    /// The forecast ready day then.
    pub forecast_before: Option<NaiveDate>,
    /// The forecast ready day now.
    pub forecast_after: Option<NaiveDate>,
}

/// Assesses a schedule of `forum`, as `shared/design/scheduling.md`
/// (section Readiness) defines it.
pub fn assess(forum: &Forum, schedule: &Schedule) -> Assessment {
    let settings = forum.settings();
    let as_of = schedule.as_of;
    let post_event = as_of >= forum.event_date();
    let horizon = as_of + chrono::Days::new(u64::from(settings.lookahead_days));
    let conflicted: Vec<bool> = {
        let mut flags = vec![false; schedule.tasks.len()];
        for conflict in &schedule.conflicts {
            flags[conflict.task()] = true;
        }
        flags
    };
    let tasks: Vec<TaskReadiness> = schedule
        .tasks
        .iter()
        .enumerate()
        .map(|(t, s)| {
            let info = &forum.tasks()[t];
            let readiness = readiness(
                s,
                info.fixed_start.is_some(),
                conflicted[t],
                i64::from(settings.at_risk_float),
                horizon,
            );
            let in_scope = readiness.is_some() && info.post_event == post_event;
            let cause = readiness
                .filter(|_| in_scope)
                .and_then(|r| cause(r, s.state, s.critical));
            TaskReadiness {
                readiness,
                state: s.state,
                in_scope,
                cause,
            }
        })
        .collect();
    // Completion counts pre-event work always, post-event work from the event day.
    let completes = |t: usize| {
        tasks[t].state != TaskState::Cancelled && (post_event || !forum.tasks()[t].post_event)
    };
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); forum.workstreams().len()];
    for t in 0..tasks.len() {
        members[forum.tasks()[t].workstream].push(t);
    }
    let workstreams: Vec<WorkstreamSummary> = members
        .iter()
        .enumerate()
        .map(|(ws, members)| summarize(forum, schedule, &tasks, ws, members, &completes))
        .collect();
    let forum_calendar = WorkCalendar::new(&forum.calendars()[forum.forum_calendar()]);
    let (today, event) = (day_number(as_of), day_number(forum.event_date()));
    let forecast_ready = schedule.forecast_ready.filter(|_| !post_event);
    let total = |f: fn(&WorkstreamSummary) -> usize| workstreams.iter().map(f).sum::<usize>();
    let all: Vec<usize> = (0..tasks.len()).filter(|&t| completes(t)).collect();
    let summary = ForumSummary {
        rag: workstreams
            .iter()
            .map(|w| w.rag)
            .max()
            .unwrap_or(Rag::Green),
        completion: completion(forum, schedule, &all),
        days_left: event - today,
        working_days_left: forum_calendar.idx(event) - forum_calendar.idx(today),
        post_event,
        forecast_ready,
        on_time: forecast_ready.is_none_or(|d| d < forum.event_date()),
        tasks_total: total(|w| w.total),
        tasks_done: total(|w| w.done),
        tasks_late: total(|w| w.late),
        tasks_at_risk: total(|w| w.at_risk),
        tasks_blocked: total(|w| w.blocked),
        post_event_apart: if post_event {
            0
        } else {
            (0..tasks.len())
                .filter(|&t| forum.tasks()[t].post_event && tasks[t].readiness.is_some())
                .count()
        },
    };
    let float = |t: usize| schedule.tasks[t].total_float.unwrap_or(i64::MAX);
    let scoped = |keep: &dyn Fn(usize) -> bool| -> Vec<TaskId> {
        (0..tasks.len())
            .filter(|&t| tasks[t].in_scope && keep(t))
            .collect()
    };
    let mut causes = scoped(&|t| tasks[t].cause.is_some());
    causes.sort_by_key(|&t| (tasks[t].cause, float(t), t));
    let mut late = scoped(&|t| tasks[t].readiness == Some(Readiness::Late));
    late.sort_by_key(|&t| (float(t), t));
    let mut blocked = scoped(&|t| tasks[t].state == TaskState::Blocked);
    blocked.sort_by_key(|&t| (float(t), t));
    let mut must_start_today = scoped(&|t| {
        matches!(tasks[t].state, TaskState::NotStarted | TaskState::Blocked)
            && schedule.tasks[t].late_start <= as_of
    });
    must_start_today.sort_by_key(|&t| (schedule.tasks[t].late_start, t));
    let mut due_soon = scoped(&|t| {
        tasks[t].state != TaskState::Done
            && (as_of..=horizon).contains(&schedule.tasks[t].late_finish)
    });
    due_soon.sort_by_key(|&t| (schedule.tasks[t].late_finish, t));
    Assessment {
        as_of,
        tasks,
        workstreams,
        forum: summary,
        causes,
        late,
        blocked,
        must_start_today,
        due_soon,
    }
}

/// One task's readiness; `None` for a cancelled task.
///
/// A task pinned by `fixed_start` (and not started) has no float of its
/// own: its start is a decision, so it is late only when a link would push
/// it or its day passed unstarted (both reported as conflicts).
fn readiness(
    task: &TaskSchedule,
    pinned: bool,
    conflicted: bool,
    at_risk_float: i64,
    horizon: NaiveDate,
) -> Option<Readiness> {
    let not_started = matches!(task.state, TaskState::NotStarted | TaskState::Blocked);
    Some(match (task.state, task.total_float) {
        (TaskState::Cancelled, _) => return None,
        (_, None) => Readiness::Done,
        _ if pinned && not_started && conflicted => Readiness::Late,
        _ if pinned && not_started => Readiness::OnTrack,
        (_, Some(f)) if f < 0 => Readiness::Late,
        (_, Some(f)) if f <= at_risk_float && task.late_start <= horizon => Readiness::AtRisk,
        _ => Readiness::OnTrack,
    })
}

/// Why a task in scope colours its workstream, if it does.
fn cause(readiness: Readiness, state: TaskState, critical: bool) -> Option<Cause> {
    let blocked = state == TaskState::Blocked;
    match readiness {
        Readiness::Late => Some(Cause::Late),
        _ if blocked && critical => Some(Cause::BlockedCritical),
        Readiness::AtRisk => Some(Cause::AtRisk),
        _ if blocked => Some(Cause::Blocked),
        _ => None,
    }
}

fn summarize(
    forum: &Forum,
    schedule: &Schedule,
    tasks: &[TaskReadiness],
    workstream: WorkstreamId,
    members: &[usize],
    completes: &dyn Fn(usize) -> bool,
) -> WorkstreamSummary {
    let counted: Vec<usize> = members.iter().copied().filter(|&t| completes(t)).collect();
    let in_scope = |f: &dyn Fn(&TaskReadiness) -> bool| {
        members
            .iter()
            .filter(|&&t| tasks[t].in_scope && f(&tasks[t]))
            .count()
    };
    WorkstreamSummary {
        workstream,
        rag: members
            .iter()
            .filter_map(|&t| tasks[t].cause)
            .map(Cause::rag)
            .max()
            .unwrap_or(Rag::Green),
        completion: completion(forum, schedule, &counted),
        done: counted
            .iter()
            .filter(|&&t| tasks[t].state == TaskState::Done)
            .count(),
        total: counted.len(),
        late: in_scope(&|t| t.readiness == Some(Readiness::Late)),
        at_risk: in_scope(&|t| t.readiness == Some(Readiness::AtRisk)),
        blocked: in_scope(&|t| t.state == TaskState::Blocked),
    }
}

/// Σ weight × progress / Σ weight, weight = duration (milestones weigh 1).
fn completion(forum: &Forum, schedule: &Schedule, members: &[usize]) -> f64 {
    let weight = |t: usize| f64::from(forum.tasks()[t].duration.max(1));
    let total: f64 = members.iter().map(|&t| weight(t)).sum();
    if total == 0.0 {
        return 0.0;
    }
    members
        .iter()
        .map(|&t| weight(t) * f64::from(schedule.tasks[t].progress))
        .sum::<f64>()
        / total
}

/// What changed from `before` (an earlier day) to `after`: facts (done,
/// blocked, unblocked) of every task not cancelled, and readiness (late, at
/// risk) of the tasks in scope on the later day.
pub fn compare(before: &Assessment, after: &Assessment) -> Changes {
    let among = |scoped: bool, f: &dyn Fn(&TaskReadiness, &TaskReadiness) -> bool| {
        (0..after.tasks.len().min(before.tasks.len()))
            .filter(|&t| {
                let now = &after.tasks[t];
                now.readiness.is_some() && (!scoped || now.in_scope) && f(&before.tasks[t], now)
            })
            .collect::<Vec<TaskId>>()
    };
    let pick = |f: &dyn Fn(&TaskReadiness, &TaskReadiness) -> bool| among(false, f);
    let scoped = |f: &dyn Fn(&TaskReadiness, &TaskReadiness) -> bool| among(true, f);
    let became = |r: Readiness| {
        move |b: &TaskReadiness, a: &TaskReadiness| a.readiness == Some(r) && b.readiness != Some(r)
    };
    // The forecast speaks of pre-event work: from the event day on it is not shown.
    let forecast_before = before
        .forum
        .forecast_ready
        .filter(|_| !after.forum.post_event);
    Changes {
        since: before.as_of,
        as_of: after.as_of,
        newly_done: pick(&became(Readiness::Done)),
        newly_late: scoped(&became(Readiness::Late)),
        newly_at_risk: scoped(&|b, a| {
            a.readiness == Some(Readiness::AtRisk) && b.readiness == Some(Readiness::OnTrack)
        }),
        newly_blocked: pick(&|b, a| a.state == TaskState::Blocked && b.state != TaskState::Blocked),
        unblocked: pick(&|b, a| b.state == TaskState::Blocked && a.state != TaskState::Blocked),
        forecast_before,
        forecast_after: after.forum.forecast_ready,
    }
}
