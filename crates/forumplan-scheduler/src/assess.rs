//! Readiness as of a day: per task, per workstream (red, amber, green) and
//! for the forum, with the countdown; and what changed between two days.

use chrono::NaiveDate;
use forumplan_core::journal::TaskState;
use forumplan_core::{Forum, TaskId, WorkstreamId};
use serde::Serialize;

use crate::Schedule;
use crate::workdays::{WorkCalendar, day_number};

/// How ready one task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    /// Finished.
    Done,
    /// Negative float: the event date cannot be met along its chain as things stand.
    Late,
    /// Float between 0 and the plan's `at_risk_float`.
    AtRisk,
    /// More float than that.
    OnTrack,
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

/// One task's readiness and state, for comparisons between days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TaskReadiness {
    /// Done, late, at risk or on track.
    pub readiness: Readiness,
    /// The journal state.
    pub state: TaskState,
}

/// One workstream as of the day (cancelled tasks are not counted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkstreamSummary {
    /// Which workstream.
    pub workstream: WorkstreamId,
    /// Its colour.
    pub rag: Rag,
    /// Weighted completion, 0–100.
    pub completion: f64,
    /// Tasks done.
    pub done: usize,
    /// Tasks counted.
    pub total: usize,
    /// Tasks late.
    pub late: usize,
    /// Tasks at risk.
    pub at_risk: usize,
    /// Tasks blocked.
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
    /// The latest early finish of the pre-event tasks.
    pub forecast_ready: Option<NaiveDate>,
    /// Whether the forecast ready day is before the event day.
    pub on_time: bool,
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
    /// Late tasks, worst float first.
    pub late: Vec<TaskId>,
    /// Blocked tasks, least float first.
    pub blocked: Vec<TaskId>,
    /// Tasks not started whose late start is on or before the as-of day.
    pub must_start_today: Vec<TaskId>,
    /// Unfinished tasks whose late finish falls within the lookahead window.
    pub due_soon: Vec<TaskId>,
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

/// Assesses a schedule of `forum`.
pub fn assess(forum: &Forum, schedule: &Schedule) -> Assessment {
    let at_risk_float = i64::from(forum.settings().at_risk_float);
    let tasks: Vec<TaskReadiness> = schedule
        .tasks
        .iter()
        .map(|t| {
            let readiness = match t.total_float {
                None => Readiness::Done,
                Some(f) if f < 0 => Readiness::Late,
                Some(f) if f <= at_risk_float => Readiness::AtRisk,
                Some(_) => Readiness::OnTrack,
            };
            TaskReadiness {
                readiness,
                state: t.state,
            }
        })
        .collect();
    let counted = |t: usize| tasks[t].state != TaskState::Cancelled;
    let workstreams: Vec<WorkstreamSummary> = (0..forum.workstreams().len())
        .map(|ws| {
            let members: Vec<usize> = (0..tasks.len())
                .filter(|&t| forum.tasks()[t].workstream == ws && counted(t))
                .collect();
            summarize_workstream(forum, schedule, &tasks, ws, &members)
        })
        .collect();
    let all: Vec<usize> = (0..tasks.len()).filter(|&t| counted(t)).collect();
    let forum_calendar = WorkCalendar::new(&forum.calendars()[forum.forum_calendar()]);
    let (today, event) = (day_number(schedule.as_of), day_number(forum.event_date()));
    let summary = ForumSummary {
        rag: workstreams
            .iter()
            .map(|w| w.rag)
            .max()
            .unwrap_or(Rag::Green),
        completion: completion(forum, schedule, &all),
        days_left: event - today,
        working_days_left: forum_calendar.idx(event) - forum_calendar.idx(today),
        forecast_ready: schedule.forecast_ready,
        on_time: schedule
            .forecast_ready
            .is_none_or(|d| d < forum.event_date()),
    };
    let float = |t: usize| schedule.tasks[t].total_float.unwrap_or(i64::MAX);
    let mut late: Vec<TaskId> = all
        .iter()
        .copied()
        .filter(|&t| tasks[t].readiness == Readiness::Late)
        .collect();
    late.sort_by_key(|&t| (float(t), t));
    let mut blocked: Vec<TaskId> = all
        .iter()
        .copied()
        .filter(|&t| tasks[t].state == TaskState::Blocked)
        .collect();
    blocked.sort_by_key(|&t| (float(t), t));
    let not_started =
        |t: usize| matches!(tasks[t].state, TaskState::NotStarted | TaskState::Blocked);
    let mut must_start_today: Vec<TaskId> = all
        .iter()
        .copied()
        .filter(|&t| not_started(t) && schedule.tasks[t].late_start <= schedule.as_of)
        .collect();
    must_start_today.sort_by_key(|&t| (schedule.tasks[t].late_start, t));
    let horizon = schedule.as_of + chrono::Days::new(u64::from(forum.settings().lookahead_days));
    let mut due_soon: Vec<TaskId> = all
        .iter()
        .copied()
        .filter(|&t| tasks[t].state != TaskState::Done)
        .filter(|&t| (schedule.as_of..=horizon).contains(&schedule.tasks[t].late_finish))
        .collect();
    due_soon.sort_by_key(|&t| (schedule.tasks[t].late_finish, t));
    Assessment {
        as_of: schedule.as_of,
        tasks,
        workstreams,
        forum: summary,
        late,
        blocked,
        must_start_today,
        due_soon,
    }
}

fn summarize_workstream(
    forum: &Forum,
    schedule: &Schedule,
    tasks: &[TaskReadiness],
    workstream: WorkstreamId,
    members: &[usize],
) -> WorkstreamSummary {
    let count =
        |f: &dyn Fn(&TaskReadiness) -> bool| members.iter().filter(|&&t| f(&tasks[t])).count();
    let late = count(&|t| t.readiness == Readiness::Late);
    let at_risk = count(&|t| t.readiness == Readiness::AtRisk);
    let blocked = count(&|t| t.state == TaskState::Blocked);
    let critical_blocked = members
        .iter()
        .any(|&t| tasks[t].state == TaskState::Blocked && schedule.tasks[t].critical);
    let rag = if late > 0 || critical_blocked {
        Rag::Red
    } else if at_risk > 0 || blocked > 0 {
        Rag::Amber
    } else {
        Rag::Green
    };
    WorkstreamSummary {
        workstream,
        rag,
        completion: completion(forum, schedule, members),
        done: count(&|t| t.state == TaskState::Done),
        total: members.len(),
        late,
        at_risk,
        blocked,
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

/// What changed from `before` (an earlier day) to `after`.
pub fn compare(before: &Assessment, after: &Assessment) -> Changes {
    let pick = |f: &dyn Fn(&TaskReadiness, &TaskReadiness) -> bool| -> Vec<TaskId> {
        (0..after.tasks.len().min(before.tasks.len()))
            .filter(|&t| {
                after.tasks[t].state != TaskState::Cancelled && f(&before.tasks[t], &after.tasks[t])
            })
            .collect()
    };
    Changes {
        since: before.as_of,
        as_of: after.as_of,
        newly_done: pick(&|b, a| a.readiness == Readiness::Done && b.readiness != Readiness::Done),
        newly_late: pick(&|b, a| a.readiness == Readiness::Late && b.readiness != Readiness::Late),
        newly_at_risk: pick(&|b, a| {
            a.readiness == Readiness::AtRisk && b.readiness == Readiness::OnTrack
        }),
        newly_blocked: pick(&|b, a| a.state == TaskState::Blocked && b.state != TaskState::Blocked),
        unblocked: pick(&|b, a| b.state == TaskState::Blocked && a.state != TaskState::Blocked),
        forecast_before: before.forum.forecast_ready,
        forecast_after: after.forum.forecast_ready,
    }
}
