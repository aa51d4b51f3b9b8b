//! The validated forum: a plan whose references are resolved into a
//! dependency graph of tasks, with dates made absolute and a calendar
//! chosen for every task.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::graph::Graph;
use crate::plan::{LinkType, Plan, Task, Workstream};
use crate::settings::EffectiveSettings;
use crate::task_index::TaskIndex;

/// Index of a task in [`Forum::tasks`] (and in the [`Graph`]).
pub type TaskId = usize;
/// Index of a workstream in [`Forum::workstreams`].
pub type WorkstreamId = usize;
/// Index of a calendar in [`Forum::calendars`].
pub type CalendarId = usize;

/// A dependency edge: from predecessor to successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// Which ends it ties together.
    pub kind: LinkType,
    /// Working days of the successor's calendar; negative is a lead.
    pub lag: i32,
}

/// A task with everything resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumTask {
    /// Its workstream.
    pub workstream: WorkstreamId,
    /// Its calendar.
    pub calendar: CalendarId,
    /// Working days of work (0: a milestone).
    pub duration: u32,
    /// Start no earlier than.
    pub not_before: Option<NaiveDate>,
    /// Finish no later than.
    pub due: Option<NaiveDate>,
    /// Must start on.
    pub fixed_start: Option<NaiveDate>,
    /// Links from the event day itself (`after: ["event"]`).
    pub event_links: Vec<Dependency>,
    /// Whether the task comes after the event, directly or through
    /// predecessors that do.
    pub post_event: bool,
}

/// A plan that passed validation.
#[derive(Debug, Clone)]
pub struct Forum {
    plan: Plan,
    event: NaiveDate,
    plan_start: Option<NaiveDate>,
    timezone: chrono_tz::Tz,
    settings: EffectiveSettings,
    calendars: Vec<Calendar>,
    forum_calendar: CalendarId,
    tasks: Vec<ForumTask>,
    task_index: TaskIndex,
    graph: Graph,
}

/// The resolved parts [`Forum::new`] puts together.
pub(crate) struct ForumParts {
    pub(crate) event: NaiveDate,
    pub(crate) plan_start: Option<NaiveDate>,
    pub(crate) timezone: chrono_tz::Tz,
    pub(crate) calendars: Vec<Calendar>,
    pub(crate) forum_calendar: CalendarId,
    pub(crate) tasks: Vec<ForumTask>,
    /// The tasks by id.
    pub(crate) task_index: TaskIndex,
    /// The links between tasks, without a cycle.
    pub(crate) graph: Graph,
}

impl Forum {
    pub(crate) fn new(plan: Plan, parts: ForumParts) -> Forum {
        Forum {
            settings: EffectiveSettings::from_plan(&plan.settings),
            plan,
            event: parts.event,
            plan_start: parts.plan_start,
            timezone: parts.timezone,
            calendars: parts.calendars,
            forum_calendar: parts.forum_calendar,
            tasks: parts.tasks,
            task_index: parts.task_index,
            graph: parts.graph,
        }
    }

    /// The plan as written.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The event day.
    pub fn event_date(&self) -> NaiveDate {
        self.event
    }

    /// The earliest day work may be scheduled, if the plan sets one.
    pub fn plan_start(&self) -> Option<NaiveDate> {
        self.plan_start
    }

    /// The forum's time zone, which decides what "today" is.
    pub fn timezone(&self) -> chrono_tz::Tz {
        self.timezone
    }

    /// Settings with defaults applied.
    pub fn settings(&self) -> EffectiveSettings {
        self.settings
    }

    /// Every calendar in use, by [`CalendarId`].
    pub fn calendars(&self) -> &[Calendar] {
        &self.calendars
    }

    /// The forum's own calendar (for countdowns in working days).
    pub fn forum_calendar(&self) -> CalendarId {
        self.forum_calendar
    }

    /// The workstreams, by [`WorkstreamId`], in plan order.
    pub fn workstreams(&self) -> &[Workstream] {
        &self.plan.workstreams
    }

    /// The tasks' resolved facts, by [`TaskId`], in plan order.
    pub fn tasks(&self) -> &[ForumTask] {
        &self.tasks
    }

    /// The task as written in the plan.
    pub fn task(&self, id: TaskId) -> &Task {
        &self.plan.tasks[id]
    }

    /// The task with this plan id.
    pub fn task_id(&self, id: &str) -> Option<TaskId> {
        self.task_index.get(&self.plan.tasks, id)
    }

    /// The links into `task`: (predecessor, dependency).
    pub fn predecessors(&self, task: TaskId) -> impl Iterator<Item = (TaskId, Dependency)> + '_ {
        self.graph
            .predecessors(task)
            .iter()
            .map(|link| (link.task, link.dependency))
    }

    /// The links out of `task`: (successor, dependency).
    pub fn successors(&self, task: TaskId) -> impl Iterator<Item = (TaskId, Dependency)> + '_ {
        self.graph
            .successors(task)
            .iter()
            .map(|link| (link.task, link.dependency))
    }

    /// The dependency graph, built once in validation: links both ways and
    /// a topological order.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Tasks in an order where every predecessor comes before its
    /// successors (validation has ruled out cycles).
    pub fn topological_order(&self) -> &[TaskId] {
        self.graph.order()
    }
}
