//! The schedule's forward pass, prepared once and run again and again with
//! other amounts of work per task: what a Monte Carlo simulation of the
//! schedule needs. It is the schedule's own pass (`passes::forward`) over
//! the same modes, calendars, links, lags, constraints and as-of day; only
//! the working days of the open tasks change between runs.

use chrono::NaiveDate;
use forumplan_core::journal::{JournalState, TaskState};
use forumplan_core::{Forum, TaskId};

use crate::ScheduleError;
use crate::passes::{Mode, Passes, forward, window_start};
use crate::workdays::{Day, day_number};

/// What a task still has to do as of the day, as the schedule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Finished: its dates are facts.
    Done,
    /// Cancelled: it keeps its links but takes no time.
    Cancelled,
    /// A milestone still ahead (no work, no duration to vary).
    Milestone,
    /// Not started: all of its `duration` working days lie ahead.
    Planned {
        /// Working days of work in the plan.
        duration: u32,
    },
    /// Under way, `progress` percent done: `remaining` working days left
    /// as the schedule counts them (the plan's duration scaled, rounded up).
    InProgress {
        /// Working days of work in the plan.
        duration: u32,
        /// Percentage done, 0–100.
        progress: u8,
        /// Working days left in the deterministic schedule.
        remaining: u32,
    },
}

/// A forum's forward pass, set up once as of a day.
#[derive(Clone)]
pub struct ForwardPass<'f> {
    passes: Passes<'f>,
    work: Vec<Work>,
    today: Day,
    window_start: Day,
    /// The tasks that count for the forecast ready day.
    counted: Vec<TaskId>,
    /// Set by [`ForwardPass::vary_only`]: what [`ForwardPass::run`]
    /// recomputes while it holds.
    limit: Option<Limit>,
}

/// The part of the pass that work set on a few tasks can change: those
/// tasks and the tasks after them. Invariant: every other task's dates are
/// those of the last whole pass, which their inputs (their own work, the
/// dates of the tasks before them) have not changed since.
#[derive(Clone)]
struct Limit {
    /// Per task: whether it is in the part.
    varies: Vec<bool>,
    /// The part, in topological order.
    order: Vec<TaskId>,
    /// The tasks of the part that count for the ready day.
    counted: Vec<TaskId>,
    /// The latest finish of the counted tasks outside the part.
    ready_outside: Option<Day>,
}

impl<'f> ForwardPass<'f> {
    /// Prepares the pass for `forum` as of `as_of`, with progress from
    /// `journal` (replayed as of the same day), exactly as [`crate::schedule`]
    /// does.
    pub fn new(forum: &'f Forum, journal: &JournalState, as_of: NaiveDate) -> ForwardPass<'f> {
        let passes = Passes::new(forum, journal, as_of);
        let today = day_number(as_of);
        let start = window_start(forum, today);
        let work = (0..forum.tasks().len())
            .map(|task| match passes.modes[task] {
                Mode::Done { .. } => Work::Done,
                Mode::Planned {
                    constrained: false, ..
                } => Work::Cancelled,
                Mode::Planned { duration: 0, .. } => Work::Milestone,
                Mode::Planned { .. } => Work::Planned {
                    duration: forum.tasks()[task].duration,
                },
                Mode::InProgress { remaining, .. } => Work::InProgress {
                    duration: forum.tasks()[task].duration,
                    progress: journal
                        .get(task)
                        .filter(|p| p.state == TaskState::InProgress)
                        .map_or(0, |p| p.progress.min(100)),
                    remaining: u32::try_from(remaining).unwrap_or(u32::MAX),
                },
            })
            .collect();
        let counted = (0..forum.tasks().len())
            .filter(|&t| passes.counts_for_ready(t))
            .collect();
        ForwardPass {
            window_start: start,
            passes,
            work,
            today,
            counted,
            limit: None,
        }
    }

    /// The forum.
    pub fn forum(&self) -> &'f Forum {
        self.passes.forum
    }

    /// What `task` still has to do as of the day.
    pub fn work(&self, task: TaskId) -> Work {
        self.work[task]
    }

    /// Gives `task` `days` working days of work ahead (at least one) for
    /// the next [`ForwardPass::run`]: its whole duration when not started,
    /// its remaining work when under way. Work done, cancelled tasks and
    /// milestones keep what they have.
    pub fn set_work(&mut self, task: TaskId, days: i64) {
        let days = days.max(1);
        let changed = match &mut self.passes.modes[task] {
            Mode::Planned {
                duration,
                constrained: true,
            } if *duration > 0 => {
                *duration = days;
                true
            }
            Mode::InProgress { remaining, .. } => {
                *remaining = days;
                true
            }
            _ => false,
        };
        if changed {
            self.lift_limit_outside(task);
        }
    }

    /// Gives `task` `delay` working days more than the schedule's own work
    /// for the next [`ForwardPass::run`] (0 gives it back): a task not
    /// started gets its duration plus the delay, work under way what is
    /// left plus the delay, and a milestone still ahead becomes `delay`
    /// days of work. Work done and cancelled tasks keep what they have.
    /// What the health check's critical path test asks.
    pub fn set_delay(&mut self, task: TaskId, delay: i64) {
        let delay = delay.max(0);
        let changed = match (self.work[task], &mut self.passes.modes[task]) {
            (Work::Planned { duration }, Mode::Planned { duration: d, .. }) => {
                *d = i64::from(duration) + delay;
                true
            }
            (Work::Milestone, Mode::Planned { duration: d, .. }) => {
                *d = delay;
                true
            }
            (Work::InProgress { remaining, .. }, Mode::InProgress { remaining: r, .. }) => {
                *r = i64::from(remaining) + delay;
                true
            }
            _ => false,
        };
        if changed {
            self.lift_limit_outside(task);
        }
    }

    /// Limits the next runs to `tasks` (the only ones whose work will be
    /// set) and the tasks after them, the others keeping the dates of a
    /// whole pass run now: the same dates as whole passes, for less work
    /// when few tasks vary, as in a simulation late in the preparation.
    /// Tasks done are left out (their dates are facts), and so are tasks
    /// under way that are not among `tasks` (they go on from the as-of
    /// day, whatever comes before them), with what only they lead to.
    /// Changing the work of a task outside the limit lifts it: the next
    /// run is whole again.
    pub fn vary_only(
        &mut self,
        tasks: impl IntoIterator<Item = TaskId>,
    ) -> Result<(), ScheduleError> {
        self.limit = None;
        self.run()?;
        let forum = self.passes.forum;
        let graph = forum.graph();
        let mut varies = vec![false; forum.tasks().len()];
        let mut stack = Vec::new();
        for task in tasks {
            if !varies[task] && self.work[task] != Work::Done {
                varies[task] = true;
                stack.push(task);
            }
        }
        while let Some(task) = stack.pop() {
            for link in graph.successors(task) {
                // Work done and work under way do not read their
                // predecessors' dates (the one stands, the other goes on
                // from the as-of day): nothing after them moves either.
                let next = link.task;
                if !varies[next] && !matches!(self.work[next], Work::Done | Work::InProgress { .. })
                {
                    varies[next] = true;
                    stack.push(next);
                }
            }
        }
        let order = graph
            .order()
            .iter()
            .copied()
            .filter(|&t| varies[t])
            .collect();
        let (counted, outside): (Vec<TaskId>, Vec<TaskId>) =
            self.counted.iter().partition(|&&t| varies[t]);
        let ready_outside = outside.iter().map(|&t| self.finish_day(t)).max();
        self.limit = Some(Limit {
            varies,
            order,
            counted,
            ready_outside,
        });
        Ok(())
    }

    /// Lifts the limit if `task` is outside it: its work has changed.
    fn lift_limit_outside(&mut self, task: TaskId) {
        if self.limit.as_ref().is_some_and(|limit| !limit.varies[task]) {
            self.limit = None;
        }
    }

    /// Runs the forward pass with the work last set.
    pub fn run(&mut self) -> Result<(), ScheduleError> {
        let order = match &self.limit {
            Some(limit) => &limit.order,
            None => self.passes.forum.graph().order(),
        };
        forward(&mut self.passes, self.today, order)
    }

    /// The day of `task`'s early finish in the last run, as the schedule
    /// shows it (a milestone on the last working day before its instant).
    pub fn finish_day(&self, task: TaskId) -> Day {
        self.passes.early_finish_day(task, self.window_start)
    }

    /// The tasks that count for the forecast ready day (pre-event work not
    /// cancelled), in plan order.
    pub fn counted(&self) -> &[TaskId] {
        &self.counted
    }

    /// The forecast ready day of the last run: the latest early finish of
    /// the tasks that count; `None` when none does.
    pub fn ready_day(&self) -> Option<Day> {
        let (counted, outside) = match &self.limit {
            Some(limit) => (&limit.counted, limit.ready_outside),
            None => (&self.counted, None),
        };
        counted
            .iter()
            .map(|&t| self.finish_day(t))
            .max()
            .max(outside)
    }

    /// The predecessors whose links set `task`'s early start in the last
    /// run (several on a tie; none when a date of its own, the as-of day
    /// or its progress does).
    pub fn driving_predecessors(&self, task: TaskId) -> impl Iterator<Item = TaskId> + '_ {
        self.passes
            .graph
            .predecessors(task)
            .iter()
            .filter(move |link| self.passes.drives(link, task))
            .map(|link| link.task)
    }
}
