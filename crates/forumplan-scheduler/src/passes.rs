//! The forward and backward passes, float, and the assembly of a
//! [`Schedule`], exactly as `shared/design/scheduling.md` defines them.
//!
//! Days are boundaries: a task occupies `[S, E)`, `S` its first working day
//! and `E` the day after its last; a milestone is an instant `S = E = b`.
//! Every link rule has the shape `X(succ) ≥ nth(idx(P(pred)) + c)` in the
//! successor's calendar, where `X` is the successor's first or last day,
//! `P` the predecessor's `S` or `E`, and `c` the lag (minus one for the
//! rules that read the predecessor's last day). Because `nth ∘ idx` is
//! monotone, the backward pass inverts a rule exactly:
//! `P(pred) ≤ nth(idx(X + 1) - 1 - c)`.

use chrono::NaiveDate;
use forumplan_core::journal::{JournalState, TaskProgress, TaskState};
use forumplan_core::plan::LinkType;
use forumplan_core::{Dependency, Forum, Graph, TaskId};

use crate::critical::critical_paths;
use crate::workdays::{Day, WorkCalendar, date_of, day_number};
use crate::{Conflict, Schedule, ScheduleError, TaskSchedule};

/// How a task takes part in the schedule as of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Finished: its actual dates are fixed facts.
    Done { start: Day, finish: Day },
    /// Under way: `remaining` working days from the as-of day.
    InProgress { actual_start: Day, remaining: i64 },
    /// To be scheduled; `duration` 0 is a milestone. `constrained` is false
    /// for cancelled tasks, which keep their links but no dates of their own.
    Planned { duration: i64, constrained: bool },
}

/// Which side of the successor a link bounds, and which side of the
/// predecessor it reads, with the constant of the rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// True: the predecessor's `E`; false: its `S`.
    pub(crate) reads_end: bool,
    /// True: bounds the successor's last day; false: its first day.
    pub(crate) bounds_last: bool,
    /// `c` in `nth(idx(P) + c)`.
    pub(crate) offset: i64,
}

impl Rule {
    pub(crate) fn of(dependency: Dependency) -> Rule {
        let (reads_end, bounds_last, shift) = match dependency.kind {
            LinkType::FinishToStart => (true, false, 0),
            LinkType::StartToStart => (false, false, 0),
            LinkType::FinishToFinish => (true, true, -1),
            LinkType::StartToFinish => (false, true, -1),
        };
        Rule {
            reads_end,
            bounds_last,
            offset: i64::from(dependency.lag) + shift,
        }
    }
}

/// Everything the passes compute, in day numbers.
#[derive(Clone)]
pub(crate) struct Passes<'f> {
    pub(crate) forum: &'f Forum,
    /// The forum's dependency graph.
    pub(crate) graph: &'f Graph,
    pub(crate) calendars: Vec<WorkCalendar>,
    pub(crate) modes: Vec<Mode>,
    /// Early `S` (first working day, or the milestone's instant).
    pub(crate) early_start: Vec<Day>,
    /// Early `E`.
    pub(crate) early_end: Vec<Day>,
    /// The `S` that outgoing SS/SF links read: the actual start of work in progress.
    pub(crate) link_start: Vec<Day>,
    pub(crate) late_start: Vec<Day>,
    pub(crate) late_end: Vec<Day>,
    pub(crate) conflicts: Vec<Conflict>,
}

impl Passes<'_> {
    pub(crate) fn calendar(&self, task: usize) -> &WorkCalendar {
        &self.calendars[self.forum.tasks()[task].calendar]
    }

    /// The error for a task whose calendar ran out of working days.
    fn exhausted(&self, task: usize) -> ScheduleError {
        let calendar = &self.forum.calendars()[self.forum.tasks()[task].calendar];
        ScheduleError::NoWorkingDay {
            task: self.forum.task(task).id.to_string(),
            calendar: calendar.name().to_owned(),
        }
    }

    pub(crate) fn is_milestone(&self, task: usize) -> bool {
        matches!(self.modes[task], Mode::Planned { duration: 0, .. })
    }

    /// Whether links into `task` still constrain anything (not for work that
    /// is done or under way).
    pub(crate) fn is_open(&self, task: usize) -> bool {
        matches!(self.modes[task], Mode::Planned { .. })
    }

    /// The links out of `task` that still bind it, with their successor
    /// and rule: not those into work done or under way, nor, for work under
    /// way, those that read its start (that start is a fact, not a date to
    /// move).
    pub(crate) fn binding_links(
        &self,
        task: usize,
    ) -> impl Iterator<Item = (Dependency, usize, Rule)> + '_ {
        let in_progress = matches!(self.modes[task], Mode::InProgress { .. });
        self.graph
            .successors(task)
            .iter()
            .map(|link| (link.dependency, link.task, Rule::of(link.dependency)))
            .filter(move |&(_, succ, rule)| self.is_open(succ) && (rule.reads_end || !in_progress))
    }

    /// The bound a link from `pred` puts on `succ`, given `pred`'s boundaries.
    pub(crate) fn link_bound(
        &self,
        dependency: Dependency,
        succ: usize,
        pred_start: Day,
        pred_end: Day,
    ) -> Option<Day> {
        let rule = Rule::of(dependency);
        let cal = self.calendar(succ);
        let p = if rule.reads_end { pred_end } else { pred_start };
        cal.nth(cal.idx(p) + rule.offset)
    }

    /// The earliest `S` a bound on `succ`'s first (or last) day allows.
    pub(crate) fn start_for_bound(
        &self,
        succ: usize,
        bound: Day,
        bounds_last: bool,
    ) -> Option<Day> {
        let cal = self.calendar(succ);
        match self.modes[succ] {
            Mode::Planned { duration: 0, .. } => Some(if bounds_last { bound + 1 } else { bound }),
            Mode::Planned { duration, .. } => {
                let first = cal.next_wd(bound)?;
                if bounds_last {
                    cal.add_wd(first, -(duration - 1))
                } else {
                    Some(first)
                }
            }
            Mode::Done { .. } | Mode::InProgress { .. } => None,
        }
    }

    /// Whether the link from `link.task` into `task` is what sets `task`'s
    /// early start (ties count: every link that alone would give it).
    pub(crate) fn drives(&self, link: &forumplan_core::Link, task: usize) -> bool {
        let pred = link.task;
        self.is_open(task)
            && self
                .link_bound(
                    link.dependency,
                    task,
                    self.link_start[pred],
                    self.early_end[pred],
                )
                .and_then(|bound| {
                    self.start_for_bound(task, bound, Rule::of(link.dependency).bounds_last)
                })
                == Some(self.early_start[task])
    }

    /// The day a task's early finish is shown on: its last working day, or
    /// for a milestone at instant `b`, the last working day before `b` but
    /// never before `window_start` (and `b` itself at or before it).
    pub(crate) fn early_finish_day(&self, task: usize, window_start: Day) -> Day {
        if self.is_milestone(task) {
            milestone_shown(self.calendar(task), self.early_start[task], window_start)
        } else {
            self.early_end[task] - 1
        }
    }

    /// Whether `task` counts for the forecast ready day: pre-event work
    /// that is not cancelled.
    pub(crate) fn counts_for_ready(&self, task: usize) -> bool {
        !self.forum.tasks()[task].post_event
            && !matches!(
                self.modes[task],
                Mode::Planned {
                    constrained: false,
                    ..
                }
            )
    }

    /// The latest predecessor boundary (`S` or `E` per the rule) that keeps
    /// the link satisfied when the successor's first day is `first` and
    /// its last day is `last`.
    pub(crate) fn latest_pred_boundary(
        &self,
        dependency: Dependency,
        succ: usize,
        first: Day,
        last: Day,
    ) -> Option<Day> {
        let rule = Rule::of(dependency);
        let cal = self.calendar(succ);
        let target = if rule.bounds_last { last } else { first };
        cal.nth(cal.idx(target + 1) - 1 - rule.offset)
    }
}

pub(crate) fn run(
    forum: &Forum,
    journal: &JournalState,
    as_of: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    let mut passes = Passes::new(forum, journal, as_of);
    forward(&mut passes, day_number(as_of), forum.graph().order())?;
    backward(&mut passes)?;
    assemble(&passes, journal, as_of)
}

impl<'f> Passes<'f> {
    /// The passes' arrays for `forum` as of `as_of`, each task's mode read
    /// from the journal; no pass run yet.
    pub(crate) fn new(forum: &'f Forum, journal: &JournalState, as_of: NaiveDate) -> Passes<'f> {
        let n = forum.tasks().len();
        let today = day_number(as_of);
        let (from, to) = table_window(forum, today);
        let mut passes = Passes {
            forum,
            graph: forum.graph(),
            calendars: forum
                .calendars()
                .iter()
                .map(|calendar| {
                    let mut work = WorkCalendar::new(calendar);
                    work.tabulate(from, to);
                    work
                })
                .collect(),
            modes: Vec::with_capacity(n),
            early_start: vec![0; n],
            early_end: vec![0; n],
            link_start: vec![0; n],
            late_start: vec![0; n],
            late_end: vec![0; n],
            conflicts: Vec::new(),
        };
        for task in 0..n {
            let mode = mode_of(&passes, journal.get(task), task, today);
            passes.modes.push(mode);
        }
        passes
    }
}

fn mode_of(passes: &Passes<'_>, progress: Option<&TaskProgress>, task: usize, today: Day) -> Mode {
    let duration = i64::from(passes.forum.tasks()[task].duration);
    let Some(progress) = progress else {
        return Mode::Planned {
            duration,
            constrained: true,
        };
    };
    match progress.state {
        TaskState::Done => {
            let finish = progress.actual_finish.map_or(today, day_number);
            let start = progress.actual_start.map_or(finish, day_number).min(finish);
            Mode::Done { start, finish }
        }
        TaskState::InProgress => {
            let done = i64::from(progress.progress.min(100));
            // ceil(d × (100 − p) / 100), at least one day.
            let remaining = ((duration * (100 - done) + 99) / 100).max(1);
            let actual_start = progress.actual_start.map_or(today, day_number);
            Mode::InProgress {
                actual_start,
                remaining,
            }
        }
        TaskState::Cancelled => Mode::Planned {
            duration: 0,
            constrained: false,
        },
        TaskState::NotStarted | TaskState::Blocked => Mode::Planned {
            duration,
            constrained: true,
        },
    }
}

/// The forward pass over `order`: the whole topological order, or the part
/// of it whose dates can change, every other task keeping the dates of an
/// earlier whole pass (see [`crate::rerun::ForwardPass::vary_only`]). The
/// conflicts found replace the earlier ones: after a part, they are the
/// part's alone, which is why only whole passes report conflicts.
pub(crate) fn forward(
    p: &mut Passes<'_>,
    today: Day,
    order: &[TaskId],
) -> Result<(), ScheduleError> {
    let forum = p.forum;
    let mut conflicts = Vec::new();
    let event = day_number(forum.event_date());
    let plan_start = forum.plan_start().map(day_number);
    for &task in order {
        let info = &forum.tasks()[task];
        let cal = p.calendar(task);
        let (start, end, link_start) = match p.modes[task] {
            Mode::Done { start, finish } => (start, finish + 1, start),
            Mode::InProgress {
                actual_start,
                remaining,
            } => {
                let first = cal.next_wd(today).ok_or_else(|| p.exhausted(task))?;
                let last = cal
                    .add_wd(first, remaining - 1)
                    .ok_or_else(|| p.exhausted(task))?;
                (first, last + 1, actual_start)
            }
            Mode::Planned {
                duration,
                constrained,
            } => {
                // Bounds on the first day, then on the last day.
                let mut first_bound = today.max(plan_start.unwrap_or(Day::MIN));
                if constrained && let Some(date) = info.not_before {
                    first_bound = first_bound.max(day_number(date));
                }
                let mut last_bound = Day::MIN;
                let links = p
                    .graph
                    .predecessors(task)
                    .iter()
                    .map(|link| (link.dependency, Some(link.task)))
                    .chain(info.event_links.iter().map(|&d| (d, None)));
                for (edge, pred) in links {
                    let (s, e) = match pred {
                        Some(pred) => (p.link_start[pred], p.early_end[pred]),
                        None => (event, event),
                    };
                    let bound = p
                        .link_bound(edge, task, s, e)
                        .ok_or_else(|| p.exhausted(task))?;
                    if Rule::of(edge).bounds_last {
                        last_bound = last_bound.max(bound);
                    } else {
                        first_bound = first_bound.max(bound);
                    }
                }
                let mut start = p
                    .start_for_bound(task, first_bound, false)
                    .ok_or_else(|| p.exhausted(task))?;
                if last_bound != Day::MIN {
                    let from_last = p
                        .start_for_bound(task, last_bound, true)
                        .ok_or_else(|| p.exhausted(task))?;
                    start = start.max(from_last);
                }
                if let Some(fixed) = info.fixed_start.filter(|_| constrained) {
                    let fixed_day = day_number(fixed);
                    if fixed_day < today {
                        conflicts.push(Conflict::FixedStartPassed {
                            task,
                            fixed_start: fixed,
                        });
                    } else {
                        if start > fixed_day {
                            let earliest_allowed =
                                date_of(start).ok_or_else(|| out_of_range(forum, task))?;
                            conflicts.push(Conflict::FixedStartPushed {
                                task,
                                fixed_start: fixed,
                                earliest_allowed,
                            });
                        }
                        start = fixed_day;
                    }
                }
                let end = if duration == 0 {
                    start
                } else {
                    cal.add_wd(start, duration - 1)
                        .ok_or_else(|| p.exhausted(task))?
                        + 1
                };
                (start, end, start)
            }
        };
        p.early_start[task] = start;
        p.early_end[task] = end;
        p.link_start[task] = link_start;
    }
    p.conflicts = conflicts;
    Ok(())
}

fn backward(p: &mut Passes<'_>) -> Result<(), ScheduleError> {
    let forum = p.forum;
    let event = day_number(forum.event_date());
    // Post-event work with nothing after it ends with the last post-event task.
    let post_event_end = (0..forum.tasks().len())
        .filter(|&t| forum.tasks()[t].post_event)
        .map(|t| p.early_end[t])
        .max();
    for &task in forum.graph().order().iter().rev() {
        let info = &forum.tasks()[task];
        let (work, constrained) = match p.modes[task] {
            Mode::Done { start, finish } => {
                p.late_start[task] = start;
                p.late_end[task] = finish + 1;
                continue;
            }
            Mode::InProgress { remaining, .. } => (remaining, true),
            Mode::Planned {
                duration,
                constrained,
            } => (duration, constrained),
        };
        let in_progress = matches!(p.modes[task], Mode::InProgress { .. });
        let cal = p.calendar(task);
        // The task's own deadline (its last day), then upper bounds on its
        // E and S from the links to its successors.
        let mut finish_by: Option<Day> = None;
        let mut end_bound: Option<Day> = None;
        let mut start_bound: Option<Day> = None;
        let tighten =
            |slot: &mut Option<Day>, value: Day| *slot = Some(slot.map_or(value, |v| v.min(value)));
        if !info.post_event {
            tighten(&mut finish_by, event - 1);
        }
        if constrained && let Some(due) = info.due {
            tighten(&mut finish_by, day_number(due));
        }
        for (edge, succ, rule) in p.binding_links(task) {
            let bound = p
                .latest_pred_boundary(edge, succ, p.late_start[succ], p.late_end[succ] - 1)
                .ok_or_else(|| p.exhausted(succ))?;
            tighten(
                if rule.reads_end {
                    &mut end_bound
                } else {
                    &mut start_bound
                },
                bound,
            );
        }
        if finish_by.is_none() && end_bound.is_none() && start_bound.is_none() {
            tighten(
                &mut finish_by,
                post_event_end.unwrap_or(p.early_end[task]) - 1,
            );
        }
        // Finishing by day f means E ≤ f + 1 for work (its last day is then
        // the last working day ≤ f). For a milestone it means the instant
        // that ends f's last working day, which is the start of the next
        // working day: instants that follow work are placed there too (FS
        // snaps to `next_wd`), so a milestone ending Friday's work sits on
        // Monday and must not be bounded by Saturday.
        if let Some(f) = finish_by {
            let bound = if work == 0 {
                cal.next_wd(f + 1).ok_or_else(|| p.exhausted(task))?
            } else {
                f + 1
            };
            tighten(&mut end_bound, bound);
        }
        let fixed = info
            .fixed_start
            .filter(|_| constrained && !in_progress)
            .map(day_number);
        let (start, end) = if work == 0 {
            let instant = fixed.unwrap_or_else(|| {
                end_bound
                    .into_iter()
                    .chain(start_bound)
                    .min()
                    .unwrap_or(p.early_end[task])
            });
            (instant, instant)
        } else if let Some(fixed) = fixed {
            (
                fixed,
                cal.add_wd(fixed, work - 1)
                    .ok_or_else(|| p.exhausted(task))?
                    + 1,
            )
        } else {
            let mut last = Day::MAX;
            if let Some(bound) = end_bound {
                last = last.min(cal.prev_wd(bound - 1).ok_or_else(|| p.exhausted(task))?);
            }
            if let Some(bound) = start_bound {
                let start = cal.prev_wd(bound).ok_or_else(|| p.exhausted(task))?;
                last = last.min(
                    cal.add_wd(start, work - 1)
                        .ok_or_else(|| p.exhausted(task))?,
                );
            }
            (
                cal.add_wd(last, -(work - 1))
                    .ok_or_else(|| p.exhausted(task))?,
                last + 1,
            )
        };
        p.late_start[task] = start;
        p.late_end[task] = end;
    }
    Ok(())
}

/// The day a milestone at instant `b` is shown on: the last working day
/// before `b`, but never before the plan window (and `b` itself at or
/// before the window's start).
fn milestone_shown(cal: &WorkCalendar, b: Day, window_start: Day) -> Day {
    if b <= window_start {
        return b;
    }
    cal.prev_wd(b - 1)
        .map_or(window_start, |d| d.max(window_start))
}

fn out_of_range(forum: &Forum, task: usize) -> ScheduleError {
    ScheduleError::OutOfRange {
        task: forum.task(task).id.to_string(),
    }
}

/// The first day of the window work is scheduled in: the as-of day, or the
/// plan's start when later.
pub(crate) fn window_start(forum: &Forum, today: Day) -> Day {
    today.max(forum.plan_start().map_or(Day::MIN, day_number))
}

/// How far past the event day the calendars are tabulated.
const TABLE_DAYS_AFTER_EVENT: Day = 731;

/// The longest window tabulated: ten years, so that a plan dated far from
/// its as-of day costs no more than a usual one.
const TABLE_MAX_DAYS: Day = 3_653;

/// The days over which the calendars are tabulated: those the passes
/// nearly always touch, from a month before the window opens to two years
/// past the event. Days outside are still right, only searched for; the
/// table is a cache, never a rule.
fn table_window(forum: &Forum, today: Day) -> (Day, Day) {
    let start = window_start(forum, today);
    let from = start - 31;
    let to = start.max(day_number(forum.event_date())) + TABLE_DAYS_AFTER_EVENT;
    (from, to.min(from + TABLE_MAX_DAYS))
}

/// Working days of float from the early to the late schedule.
fn total_float(p: &Passes<'_>, task: usize) -> i64 {
    let cal = p.calendar(task);
    cal.idx(p.late_start[task]) - cal.idx(p.early_start[task])
}

/// How many working days `task` can slip without moving any successor's
/// early dates (or, with no successor it still binds, its late finish).
fn free_float(p: &Passes<'_>, task: usize) -> Result<i64, ScheduleError> {
    let cal = p.calendar(task);
    let milestone = p.is_milestone(task);
    let mut slip: Option<i64> = None;
    for (edge, succ, rule) in p.binding_links(task) {
        let latest = p
            .latest_pred_boundary(edge, succ, p.early_start[succ], p.early_end[succ] - 1)
            .ok_or_else(|| p.exhausted(succ))?;
        let room = match (milestone, rule.reads_end) {
            (true, _) => cal.idx(latest) - cal.idx(p.early_start[task]),
            // E ≤ latest: the last day may move up to the working day before it.
            (false, true) => cal.idx(latest) - 1 - cal.idx(p.early_end[task] - 1),
            (false, false) => cal.idx(latest + 1) - 1 - cal.idx(p.early_start[task]),
        };
        slip = Some(slip.map_or(room, |s| s.min(room)));
    }
    let slip = match slip {
        Some(slip) => slip,
        None if milestone => total_float(p, task),
        None => cal.idx(p.late_end[task] - 1) - cal.idx(p.early_end[task] - 1),
    };
    Ok(slip.max(0))
}

fn assemble(
    p: &Passes<'_>,
    journal: &JournalState,
    as_of: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    let forum = p.forum;
    let window_start = window_start(forum, day_number(as_of));
    let mut tasks = Vec::with_capacity(forum.tasks().len());
    for task in 0..forum.tasks().len() {
        let progress = journal.get(task);
        let date = |day: Day| date_of(day).ok_or_else(|| out_of_range(forum, task));
        let cal = p.calendar(task);
        let milestone_day = |b: Day| date(milestone_shown(cal, b, window_start));
        let (state, percent) =
            progress.map_or((TaskState::NotStarted, 0), |p| (p.state, p.progress));
        let (early_start, early_finish, late_start, late_finish) = if p.is_milestone(task) {
            let early = milestone_day(p.early_start[task])?;
            let late = milestone_day(p.late_start[task])?;
            (early, early, late, late)
        } else {
            (
                date(p.early_start[task])?,
                date(p.early_end[task] - 1)?,
                date(p.late_start[task])?,
                date(p.late_end[task] - 1)?,
            )
        };
        let (total, free, remaining) = match p.modes[task] {
            // A cancelled task keeps its links but has no float of its own.
            Mode::Done { .. }
            | Mode::Planned {
                constrained: false, ..
            } => (None, None, 0),
            Mode::InProgress { remaining, .. } => (
                Some(total_float(p, task)),
                Some(free_float(p, task)?),
                remaining,
            ),
            Mode::Planned { duration, .. } => (
                Some(total_float(p, task)),
                Some(free_float(p, task)?),
                duration,
            ),
        };
        tasks.push(TaskSchedule {
            state,
            progress: if state == TaskState::Done {
                100
            } else {
                percent
            },
            actual_start: progress.and_then(|p| p.actual_start),
            actual_finish: progress.and_then(|p| p.actual_finish),
            early_start,
            early_finish,
            late_start,
            late_finish,
            total_float: total,
            free_float: free,
            critical: total.is_some_and(|f| f <= 0),
            remaining: u32::try_from(remaining).unwrap_or(u32::MAX),
        });
    }
    let forecast_ready = (0..tasks.len())
        .filter(|&t| p.counts_for_ready(t))
        .map(|t| tasks[t].early_finish)
        .max();
    let critical_paths = critical_paths(p, &tasks);
    Ok(Schedule {
        as_of,
        tasks,
        critical_paths,
        conflicts: p.conflicts.clone(),
        forecast_ready,
    })
}
