//! A reference scheduler, written from `shared/design/scheduling.md` and the
//! decisions of `docs/scheduling.md` alone, compared with the real one on
//! random plans and journals.
//!
//! The reference favours clarity over speed: working-day arithmetic walks
//! one day at a time; early dates try candidate start days one at a time
//! from a low bound upward until every bound holds; late dates try
//! placements one day at a time from a high day downward until every
//! outgoing link (with each successor at its own late dates) and every
//! deadline holds; free float slips the task one day at a time. It shares
//! nothing with the implementation but the core crate (plan loading,
//! calendars, journal replay).
//!
//! Readiness is checked the same way: per task, per workstream and for the
//! forum, with the completion, written from the contract's section
//! Readiness (at risk only with little float *and* a late start inside the
//! lookahead window; a task pinned by `fixed_start` late only when pushed or
//! passed; cancelled tasks without readiness, float or critical flag; before
//! the event day only pre-event work colours a workstream, from it on only
//! post-event work).
//!
//! When the two disagree, the failure message names every differing field
//! with both values, and gives the plan (JSON), the journal (JSON Lines) and
//! the as-of day, so the case can be replayed with the command line.
//!
//! Where neither text settles a point, the reference reads it as follows
//! (each reading is marked in the code):
//! - a milestone's finish, in every bound (links, the event, `due`, the
//!   post-event horizon), is `last = b − 1`, never snapped: "a finish bound
//!   f gives b ≥ f + 1" forward, so "finishes no later than f" is
//!   b ≤ f + 1 backward;
//! - a cancelled task (a milestone) is still never before D nor
//!   `plan_start`, and still finishes before the event when pre-event;
//! - a done task keeps its actual dates, `[start, finish + 1)`, milestone
//!   or not; a milestone in progress has r = 1 day left ("at least 1");
//! - the post-event horizon is the latest `last` of the early placements of
//!   all post-event tasks (done and cancelled included);
//! - a task in progress whose only successors are SS/SF (which do not
//!   bound it) has "no successor that still binds": its free float runs to
//!   its late finish;
//! - `remaining` is 0 for milestones and cancelled tasks, the duration for
//!   tasks not started or blocked.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use forumplan_core::calendar::Calendar;
use forumplan_core::journal::{JournalState, TaskState, parse_journal};
use forumplan_core::plan::LinkType;
use forumplan_core::{Dependency, Format, Forum, load_plan};
use forumplan_scheduler::{Rag, Readiness, TaskSchedule, assess, schedule};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

// ------------------------------------------------------------------ days

/// `date` moved by `n` calendar days.
fn day(date: NaiveDate, n: i64) -> NaiveDate {
    date + TimeDelta::days(n)
}

/// A walk longer than this means a calendar without working days: a bug in
/// the generator, not in the code under test.
const WALK_LIMIT: usize = 4000;

/// A working calendar seen as a plain `is_working(date)` function, with the
/// contract's working-day helpers written as walks one day at a time.
///
/// `is_working` answers from a table filled once from the core calendar
/// around the plan's dates (and asks the calendar itself outside it): the
/// table only saves time, it is the same function.
struct Cal<'a> {
    calendar: &'a Calendar,
    origin: NaiveDate,
    table: Vec<bool>,
}

impl<'a> Cal<'a> {
    fn new(calendar: &'a Calendar, around: NaiveDate) -> Self {
        let origin = day(around, -700);
        let table = (0..1400)
            .map(|k| calendar.is_working_day(day(origin, k)))
            .collect();
        Cal {
            calendar,
            origin,
            table,
        }
    }

    fn is_working(&self, date: NaiveDate) -> bool {
        let k = (date - self.origin).num_days();
        match usize::try_from(k).ok().and_then(|k| self.table.get(k)) {
            Some(&working) => working,
            None => self.calendar.is_working_day(date),
        }
    }

    /// The first working day ≥ x.
    fn next_wd(&self, x: NaiveDate) -> NaiveDate {
        let mut d = x;
        for _ in 0..WALK_LIMIT {
            if self.is_working(d) {
                return d;
            }
            d = day(d, 1);
        }
        panic!(
            "calendar `{}` has no working day after {x}",
            self.calendar.name()
        );
    }

    /// The last working day ≤ x.
    fn prev_wd(&self, x: NaiveDate) -> NaiveDate {
        let mut d = x;
        for _ in 0..WALK_LIMIT {
            if self.is_working(d) {
                return d;
            }
            d = day(d, -1);
        }
        panic!(
            "calendar `{}` has no working day before {x}",
            self.calendar.name()
        );
    }

    /// The n-th working day after working day x (n < 0: before; 0: x).
    fn add_wd(&self, x: NaiveDate, n: i64) -> NaiveDate {
        assert!(self.is_working(x), "add_wd from {x}, not a working day");
        let step = if n < 0 { -1 } else { 1 };
        let mut left = n.abs();
        let mut d = x;
        let mut walked = 0;
        while left > 0 {
            d = day(d, step);
            if self.is_working(d) {
                left -= 1;
            }
            walked += 1;
            assert!(walked < WALK_LIMIT, "add_wd({x}, {n}) ran away");
        }
        d
    }

    /// Signed number of working days from `a` to `b`: the working days d
    /// with a ≤ d < b, negated when b < a.
    fn count(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0;
        let mut d = lo;
        while d < hi {
            if self.is_working(d) {
                n += 1;
            }
            d = day(d, 1);
        }
        sign * n
    }
}

// ------------------------------------------------------------- reference

/// Where a task sits, as day boundaries: it occupies `[s, e)`; a milestone
/// is the instant `s == e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    s: NaiveDate,
    e: NaiveDate,
}

impl Place {
    /// `first(T)`: the start day (a milestone's boundary b).
    fn first(self) -> NaiveDate {
        self.s
    }

    /// `last(T)`: the day before `e` (b − 1 for a milestone).
    fn last(self) -> NaiveDate {
        day(self.e, -1)
    }
}

/// What the scheduler has to place for a task, given its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Done: actual dates, nothing to place.
    Done { start: NaiveDate, finish: NaiveDate },
    /// In progress: `remaining` working days from next_wd(D).
    InProgress {
        actual_start: NaiveDate,
        remaining: u32,
    },
    /// Work not started (or blocked) of `days` ≥ 1 working days.
    Work { days: u32 },
    /// A milestone not started, or a cancelled task.
    Milestone,
}

/// One task as the reference sees it.
struct Node {
    id: String,
    cal: usize,
    mode: Mode,
    state: TaskState,
    cancelled: bool,
    not_before: Option<NaiveDate>,
    due: Option<NaiveDate>,
    fixed: Option<NaiveDate>,
    post_event: bool,
    workstream: usize,
    /// Working days of the whole task (0: a milestone), for completion weights.
    duration: u32,
    /// Percentage done as the journal says (100 when done).
    progress: u8,
    preds: Vec<(usize, Dependency)>,
    succs: Vec<(usize, Dependency)>,
    event_links: Vec<Dependency>,
}

/// Does the link rule hold between a predecessor and a successor placed
/// so? Working days of the successor's calendar, exactly as the contract
/// writes the four rules.
fn link_holds(dep: Dependency, pred: Place, succ: Place, cal: &Cal<'_>) -> bool {
    let lag = i64::from(dep.lag);
    match dep.kind {
        LinkType::FinishToStart => succ.first() >= cal.add_wd(cal.next_wd(pred.e), lag),
        LinkType::StartToStart => succ.first() >= cal.add_wd(cal.next_wd(pred.s), lag),
        LinkType::FinishToFinish => succ.last() >= cal.add_wd(cal.prev_wd(pred.last()), lag),
        LinkType::StartToFinish => succ.last() >= cal.add_wd(cal.prev_wd(day(pred.s, -1)), lag),
    }
}

/// The reference's answer for one task (the fields compared).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    state: TaskState,
    early_start: NaiveDate,
    early_finish: NaiveDate,
    late_start: NaiveDate,
    late_finish: NaiveDate,
    total_float: Option<i64>,
    free_float: Option<i64>,
    critical: bool,
    remaining: u32,
}

/// The reference's answer for the forum.
struct ExpectedSchedule {
    tasks: Vec<Expected>,
    forecast_ready: Option<NaiveDate>,
    readiness: Vec<Option<Readiness>>,
    workstream_rag: Vec<Rag>,
    forum_rag: Rag,
    completion: f64,
}

struct Reference<'a> {
    cals: Vec<Cal<'a>>,
    nodes: Vec<Node>,
    event: NaiveDate,
    plan_start: Option<NaiveDate>,
    as_of: NaiveDate,
    at_risk_float: i64,
    lookahead_days: i64,
    workstreams: usize,
}

impl<'a> Reference<'a> {
    fn new(forum: &'a Forum, journal: &JournalState, as_of: NaiveDate) -> Self {
        let event = forum.event_date();
        let cals = forum
            .calendars()
            .iter()
            .map(|c| Cal::new(c, event))
            .collect();
        let nodes = forum
            .tasks()
            .iter()
            .enumerate()
            .map(|(i, task)| {
                let id = forum.task(i).id.clone();
                let progress = journal.get(i);
                let state = progress.map_or(TaskState::NotStarted, |p| p.state);
                let mode = match state {
                    TaskState::Done => {
                        let p = progress.expect("a done task has an entry");
                        let finish = p.actual_finish.expect("a done task has a finish");
                        Mode::Done {
                            start: p.actual_start.unwrap_or(finish),
                            finish,
                        }
                    }
                    TaskState::InProgress => {
                        let p = progress.expect("a task in progress has an entry");
                        let d = u64::from(task.duration);
                        let left = 100 - u64::from(p.progress.min(100));
                        // r = ceil(d × (100 − p) / 100), at least 1.
                        let r = (d * left).div_ceil(100).max(1);
                        Mode::InProgress {
                            actual_start: p.actual_start.expect("in progress has a start"),
                            remaining: u32::try_from(r).expect("small"),
                        }
                    }
                    TaskState::Cancelled => Mode::Milestone,
                    TaskState::NotStarted | TaskState::Blocked => {
                        if task.duration == 0 {
                            Mode::Milestone
                        } else {
                            Mode::Work {
                                days: task.duration,
                            }
                        }
                    }
                };
                let cancelled = state == TaskState::Cancelled;
                // A cancelled task keeps no dates of its own (decision).
                let own = |date: Option<NaiveDate>| if cancelled { None } else { date };
                Node {
                    id: id.to_string(),
                    cal: task.calendar,
                    mode,
                    state,
                    cancelled,
                    not_before: own(task.not_before),
                    due: own(task.due),
                    fixed: own(task.fixed_start),
                    post_event: task.post_event,
                    workstream: task.workstream,
                    duration: task.duration,
                    progress: if state == TaskState::Done {
                        100
                    } else {
                        progress.map_or(0, |p| p.progress)
                    },
                    preds: forum.predecessors(i).collect(),
                    succs: forum.successors(i).collect(),
                    event_links: task.event_links.clone(),
                }
            })
            .collect();
        Reference {
            cals,
            nodes,
            event,
            plan_start: forum.plan_start(),
            as_of,
            at_risk_float: i64::from(forum.settings().at_risk_float),
            lookahead_days: i64::from(forum.settings().lookahead_days),
            workstreams: forum.workstreams().len(),
        }
    }

    fn cal(&self, i: usize) -> &Cal<'a> {
        &self.cals[self.nodes[i].cal]
    }

    /// The task placed with its (remaining) work starting at `s`, or the
    /// milestone at the instant `s`; `None` when `s` is not a possible start
    /// (work starts on a working day of its calendar).
    fn place(&self, i: usize, s: NaiveDate) -> Option<Place> {
        let cal = self.cal(i);
        let days = match self.nodes[i].mode {
            Mode::Milestone => return Some(Place { s, e: s }),
            Mode::Work { days } => days,
            Mode::InProgress { remaining, .. } => remaining,
            Mode::Done { .. } => unreachable!("done tasks are not placed"),
        };
        cal.is_working(s).then(|| Place {
            s,
            e: day(cal.add_wd(s, i64::from(days) - 1), 1),
        })
    }

    /// Links out of `i` that still constrain it: not into a done or
    /// in-progress task; and from a task in progress, only FS and FF (its
    /// start is a fact: SS/SF from it do not bound its remaining work).
    fn binding_links(&self, i: usize) -> Vec<(usize, Dependency)> {
        let in_progress = matches!(self.nodes[i].mode, Mode::InProgress { .. });
        self.nodes[i]
            .succs
            .iter()
            .copied()
            .filter(|&(j, _)| {
                !matches!(
                    self.nodes[j].mode,
                    Mode::Done { .. } | Mode::InProgress { .. }
                )
            })
            .filter(|&(_, dep)| {
                !in_progress
                    || matches!(dep.kind, LinkType::FinishToStart | LinkType::FinishToFinish)
            })
            .collect()
    }

    /// Every forward bound on task `j` placed at `p`.
    fn forward_ok(&self, j: usize, p: Place, seen: &[Place]) -> bool {
        let node = &self.nodes[j];
        let cal = self.cal(j);
        let event = Place {
            s: self.event,
            e: self.event,
        };
        p.first() >= self.as_of
            && self.plan_start.is_none_or(|ps| p.first() >= ps)
            && node.not_before.is_none_or(|nb| p.first() >= nb)
            && node
                .preds
                .iter()
                .all(|&(i, dep)| link_holds(dep, seen[i], p, cal))
            && node
                .event_links
                .iter()
                .all(|&dep| link_holds(dep, event, p, cal))
    }

    /// Early placement of every task (of the remaining work, for a task in
    /// progress).
    /// Also says, per task, whether a fixed start on or after D was pushed:
    /// its links or bounds do not hold with the task on its fixed day.
    fn forward(&self) -> (Vec<Place>, Vec<bool>) {
        let n = self.nodes.len();
        let mut early = Vec::with_capacity(n);
        let mut pushed = Vec::with_capacity(n);
        // How successors see each task: a task in progress by its actual
        // start with the remaining work's end (decision); others as placed.
        let mut seen = Vec::with_capacity(n);
        for j in 0..n {
            let node = &self.nodes[j];
            assert!(node.preds.iter().all(|&(i, _)| i < j), "links go forward");
            let mut was_pushed = false;
            let place = match node.mode {
                Mode::Done { start, finish } => Place {
                    s: start,
                    e: day(finish, 1),
                },
                Mode::InProgress { .. } => self
                    .place(j, self.cal(j).next_wd(self.as_of))
                    .expect("a working day"),
                Mode::Work { .. } | Mode::Milestone => match node.fixed {
                    Some(f) if f >= self.as_of => {
                        let p = self.place(j, f).expect("fixed_start is a working day");
                        was_pushed = !self.forward_ok(j, p, &seen);
                        p
                    }
                    _ => {
                        // Work not started is never before D, nor before
                        // plan_start: start there and walk up.
                        let mut s = self.as_of.max(self.plan_start.unwrap_or(self.as_of));
                        let mut tries = 0;
                        loop {
                            if let Some(p) = self.place(j, s)
                                && self.forward_ok(j, p, &seen)
                            {
                                break p;
                            }
                            s = day(s, 1);
                            tries += 1;
                            assert!(tries < WALK_LIMIT, "no early start for {}", node.id);
                        }
                    }
                },
            };
            early.push(place);
            pushed.push(was_pushed);
            seen.push(match node.mode {
                Mode::InProgress { actual_start, .. } => Place {
                    s: actual_start,
                    e: place.e,
                },
                _ => place,
            });
        }
        (early, pushed)
    }

    /// Every backward bound on task `i` placed at `p`, with successors at
    /// their late dates.
    fn backward_ok(
        &self,
        i: usize,
        p: Place,
        late: &[Option<Place>],
        post_bound: NaiveDate,
    ) -> bool {
        let node = &self.nodes[i];
        let links = self.binding_links(i);
        let links_ok = links.iter().all(|&(j, dep)| {
            let succ = late[j].expect("successors come later in the order");
            link_holds(dep, p, succ, self.cal(j))
        });
        // Finishing by day f (docs/scheduling.md, "milestone deadlines"):
        // work's last day is on or before f; a milestone's instant is no
        // later than the end of f's last working day, i.e. the start of the
        // next working day of its calendar.
        let finishes_by = |f: NaiveDate| match node.mode {
            Mode::Milestone => p.s <= self.cal(i).next_wd(day(f, 1)),
            _ => p.last() <= f,
        };
        let event_ok = node.post_event || finishes_by(day(self.event, -1));
        let due_ok = node.due.is_none_or(finishes_by);
        let post_ok =
            !(node.post_event && links.is_empty() && node.due.is_none()) || finishes_by(post_bound);
        links_ok && event_ok && due_ok && post_ok
    }

    fn backward(&self, early: &[Place]) -> Vec<Place> {
        let n = self.nodes.len();
        // The latest early finish of all post-event tasks.
        let post_bound = (0..n)
            .filter(|&i| self.nodes[i].post_event)
            .map(|i| early[i].last())
            .max()
            .unwrap_or(self.event);
        let mut late: Vec<Option<Place>> = vec![None; n];
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            let place = match node.mode {
                Mode::Done { .. } => early[i],
                Mode::Work { .. } | Mode::Milestone if node.fixed.is_some() => {
                    let f = node.fixed.expect("checked");
                    self.place(i, f).expect("fixed_start is a working day")
                }
                _ => {
                    // A high day where the task surely does not fit (checked:
                    // the margin doubles until it does not), then walk down.
                    let high = node
                        .succs
                        .iter()
                        .filter_map(|&(j, _)| late[j].map(|p| p.e))
                        .chain([self.event, post_bound, early[i].e])
                        .chain(node.due)
                        .max()
                        .expect("non-empty");
                    let mut margin = 30;
                    let mut s = loop {
                        let mut s = day(high, margin);
                        while self.place(i, s).is_none() {
                            s = day(s, 1);
                        }
                        let p = self.place(i, s).expect("checked");
                        if !self.backward_ok(i, p, &late, post_bound) {
                            break s;
                        }
                        margin *= 2;
                        assert!(margin < 3000, "no upper limit for {}", node.id);
                    };
                    let mut tries = 0;
                    loop {
                        s = day(s, -1);
                        if let Some(p) = self.place(i, s)
                            && self.backward_ok(i, p, &late, post_bound)
                        {
                            break p;
                        }
                        tries += 1;
                        assert!(tries < WALK_LIMIT, "no late start for {}", node.id);
                    }
                }
            };
            late[i] = Some(place);
        }
        late.into_iter().map(|p| p.expect("all placed")).collect()
    }

    /// Working days task `i` can slip from its early placement without
    /// moving any successor's early dates (no successor that binds: without
    /// passing its late finish); never below 0.
    fn free_float(&self, i: usize, early: &[Place], late: &[Place]) -> i64 {
        let links = self.binding_links(i);
        let ok = |p: Place| {
            if links.is_empty() {
                p.last() <= late[i].last()
            } else {
                links
                    .iter()
                    .all(|&(j, dep)| link_holds(dep, p, early[j], self.cal(j)))
            }
        };
        let start = early[i];
        if !ok(start) {
            return 0;
        }
        let mut best = start;
        let mut s = start.s;
        for _ in 0..WALK_LIMIT {
            s = day(s, 1);
            match self.place(i, s) {
                None => {}
                Some(p) if ok(p) => best = p,
                Some(_) => return self.cal(i).count(start.s, best.s).max(0),
            }
        }
        panic!("free float of {} without end", self.nodes[i].id)
    }

    /// How a milestone at `b` is reported: on prev_wd(b − 1), never before
    /// the window's first day W; at or before W, on b itself.
    fn milestone_day(&self, i: usize, b: NaiveDate) -> NaiveDate {
        let w = self.as_of.max(self.plan_start.unwrap_or(self.as_of));
        if b <= w {
            return b;
        }
        let cal = self.cal(i);
        let mut d = day(b, -1);
        while d > w && !cal.is_working(d) {
            d = day(d, -1);
        }
        d
    }

    fn run(&self) -> ExpectedSchedule {
        let (early, pushed) = self.forward();
        let late = self.backward(&early);
        let tasks: Vec<Expected> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| match node.mode {
                Mode::Done { start, finish } => Expected {
                    state: node.state,
                    early_start: start,
                    early_finish: finish,
                    late_start: start,
                    late_finish: finish,
                    total_float: None,
                    free_float: None,
                    critical: false,
                    remaining: 0,
                },
                mode => {
                    let (e, l) = (early[i], late[i]);
                    let total = self.cal(i).count(e.s, l.s);
                    let (early_start, early_finish, late_start, late_finish, remaining) = match mode
                    {
                        Mode::Milestone => {
                            let (es, ls) = (self.milestone_day(i, e.s), self.milestone_day(i, l.s));
                            (es, es, ls, ls, 0)
                        }
                        Mode::Work { days } => (e.s, e.last(), l.s, l.last(), days),
                        Mode::InProgress { remaining, .. } => {
                            (e.s, e.last(), l.s, l.last(), remaining)
                        }
                        Mode::Done { .. } => unreachable!(),
                    };
                    // A cancelled task has no float and is never critical.
                    let own = !node.cancelled;
                    Expected {
                        state: node.state,
                        early_start,
                        early_finish,
                        late_start,
                        late_finish,
                        total_float: own.then_some(total),
                        free_float: own.then(|| self.free_float(i, &early, &late)),
                        critical: own && total <= 0,
                        remaining,
                    }
                }
            })
            .collect();
        let forecast_ready = self
            .nodes
            .iter()
            .zip(&tasks)
            .filter(|(node, _)| !node.post_event && !node.cancelled)
            .map(|(_, t)| t.early_finish)
            .max();
        let readiness: Vec<Option<Readiness>> = (0..tasks.len())
            .map(|i| self.readiness(i, &tasks[i], pushed[i]))
            .collect();
        let (workstream_rag, forum_rag, completion) = self.colours(&tasks, &readiness);
        ExpectedSchedule {
            tasks,
            forecast_ready,
            readiness,
            workstream_rag,
            forum_rag,
            completion,
        }
    }

    /// Readiness, as the contract's section Readiness words it.
    fn readiness(&self, i: usize, t: &Expected, pushed: bool) -> Option<Readiness> {
        let node = &self.nodes[i];
        let not_started = matches!(node.state, TaskState::NotStarted | TaskState::Blocked);
        if node.cancelled {
            return None;
        }
        if node.state == TaskState::Done {
            return Some(Readiness::Done);
        }
        // A pinned task has no float of its own: late when a link would push
        // it or its fixed day has passed unstarted, otherwise on track.
        if let Some(fixed) = node.fixed.filter(|_| not_started) {
            return Some(if pushed || fixed < self.as_of {
                Readiness::Late
            } else {
                Readiness::OnTrack
            });
        }
        let float = t.total_float.expect("a task not done has float");
        let window_end = day(self.as_of, self.lookahead_days);
        Some(if float < 0 {
            Readiness::Late
        } else if float <= self.at_risk_float && t.late_start <= window_end {
            Readiness::AtRisk
        } else {
            Readiness::OnTrack
        })
    }

    /// Each workstream's colour, the forum's, and the forum's completion.
    /// Counted: not cancelled; before the event day pre-event work only,
    /// from it on post-event work only (completion: all of it).
    fn colours(&self, tasks: &[Expected], readiness: &[Option<Readiness>]) -> (Vec<Rag>, Rag, f64) {
        let post_mode = self.as_of >= self.event;
        let counted = |i: usize| !self.nodes[i].cancelled && self.nodes[i].post_event == post_mode;
        let mut rag = vec![Rag::Green; self.workstreams];
        for i in (0..tasks.len()).filter(|&i| counted(i)) {
            let blocked = self.nodes[i].state == TaskState::Blocked;
            let colour = match readiness[i] {
                Some(Readiness::Late) => Rag::Red,
                _ if blocked && tasks[i].critical => Rag::Red,
                Some(Readiness::AtRisk) => Rag::Amber,
                _ if blocked => Rag::Amber,
                _ => Rag::Green,
            };
            let ws = &mut rag[self.nodes[i].workstream];
            *ws = (*ws).max(colour);
        }
        let forum = rag.iter().copied().max().unwrap_or(Rag::Green);
        let completes =
            |i: usize| !self.nodes[i].cancelled && (post_mode || !self.nodes[i].post_event);
        let weight = |i: usize| f64::from(self.nodes[i].duration.max(1));
        let total: f64 = (0..tasks.len()).filter(|&i| completes(i)).map(weight).sum();
        let done: f64 = (0..tasks.len())
            .filter(|&i| completes(i))
            .map(|i| weight(i) * f64::from(self.nodes[i].progress))
            .sum();
        let completion = if total == 0.0 { 0.0 } else { done / total };
        (rag, forum, completion)
    }
}

// ------------------------------------------------------------- generators

/// Days around which events are drawn: Tết, 30/4 and 2/9, 2022–2026.
const ANCHORS: [(i32, u32, u32); 15] = [
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2022, 4, 30),
    (2023, 4, 30),
    (2024, 4, 30),
    (2025, 4, 30),
    (2026, 4, 30),
    (2022, 9, 2),
    (2023, 9, 2),
    (2024, 9, 2),
    (2025, 9, 2),
    (2026, 9, 2),
];

const WORKSTREAMS: [&str; 3] = ["content", "logistics", "media"];
const CALENDARS: [&str; 4] = ["vn", "every-day", "custom", "odd"];
const LINK_TYPES: [&str; 4] = ["FS", "SS", "FF", "SF"];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Debug, Clone)]
struct LinkSpec {
    /// Picks the predecessor among the earlier tasks (modulo their count).
    pred: usize,
    kind: usize,
    lag: i32,
    /// Written as a bare id when it is FS with no lag.
    short: bool,
}

/// A date drawn as a number of days, and whether it is written `T±N`.
type DateDraw = (i64, bool);

#[derive(Debug, Clone)]
enum JournalSpec {
    Silent,
    NotStarted { back: i64 },
    InProgress { back: i64, progress: Option<u8> },
    Blocked { started: Option<i64>, back: i64 },
    Cancelled { back: i64 },
    Done { back: i64, took: i64 },
    Reopened { back: i64, later: i64 },
}

#[derive(Debug, Clone)]
struct TaskSpec {
    workstream: usize,
    duration: u32,
    calendar: Option<usize>,
    links: Vec<LinkSpec>,
    event_link: Option<LinkSpec>,
    not_before: Option<DateDraw>,
    due: Option<DateDraw>,
    fixed: Option<i64>,
    journal: JournalSpec,
}

#[derive(Debug, Clone)]
struct PlanSpec {
    anchor: usize,
    shift: i64,
    plan_start: Option<i64>,
    /// Days from the as-of day to the event (negative: after the event).
    as_of: i64,
    workstreams: usize,
    forum_calendar: usize,
    holidays: Vec<i64>,
    extra_saturdays: Vec<i64>,
    odd_weekdays: u8,
    tasks: Vec<TaskSpec>,
    /// `at_risk_float` and `lookahead_days`, when the plan sets them.
    settings: Option<(u32, u32)>,
}

fn link_strategy() -> impl Strategy<Value = LinkSpec> {
    let kind = prop_oneof![3 => Just(0_usize), 1 => Just(1), 1 => Just(2), 1 => Just(3)];
    (0_usize..12, kind, -3_i32..=4, any::<bool>()).prop_map(|(pred, kind, lag, short)| LinkSpec {
        pred,
        kind,
        lag,
        short,
    })
}

fn journal_strategy() -> impl Strategy<Value = JournalSpec> {
    prop_oneof![
        5 => Just(JournalSpec::Silent),
        1 => (0_i64..=40).prop_map(|back| JournalSpec::NotStarted { back }),
        3 => (0_i64..=40, proptest::option::weighted(0.8, 0_u8..=99))
            .prop_map(|(back, progress)| JournalSpec::InProgress { back, progress }),
        1 => (proptest::option::of(0_i64..=40), 0_i64..=40)
            .prop_map(|(started, back)| JournalSpec::Blocked { started, back }),
        1 => (0_i64..=40).prop_map(|back| JournalSpec::Cancelled { back }),
        3 => (0_i64..=40, 0_i64..=10).prop_map(|(back, took)| JournalSpec::Done { back, took }),
        1 => (0_i64..=40, 0_i64..=40).prop_map(|(back, later)| JournalSpec::Reopened { back, later }),
    ]
}

fn task_strategy() -> impl Strategy<Value = TaskSpec> {
    (
        0_usize..3,
        prop_oneof![1 => Just(0_u32), 4 => 1_u32..=5],
        proptest::option::weighted(0.4, 0_usize..4),
        proptest::collection::vec(link_strategy(), 0..=3),
        proptest::option::weighted(0.15, link_strategy()),
        proptest::option::weighted(0.2, (1_i64..=60, any::<bool>())),
        proptest::option::weighted(0.25, (-5_i64..=60, any::<bool>())),
        proptest::option::weighted(0.15, 1_i64..=60),
        journal_strategy(),
    )
        .prop_map(
            |(
                workstream,
                duration,
                calendar,
                links,
                event_link,
                not_before,
                due,
                fixed,
                journal,
            )| {
                TaskSpec {
                    workstream,
                    duration,
                    calendar,
                    links,
                    event_link,
                    not_before,
                    due,
                    fixed,
                    journal,
                }
            },
        )
}

fn plan_strategy() -> impl Strategy<Value = PlanSpec> {
    (
        0..ANCHORS.len(),
        -10_i64..=45,
        proptest::option::of(10_i64..=100),
        -20_i64..=100,
        2_usize..=3,
        0_usize..4,
        proptest::collection::vec(-60_i64..=10, 0..4),
        proptest::collection::vec(0_i64..=9, 0..3),
        1_u8..=127,
        proptest::collection::vec(task_strategy(), 1..=12),
        proptest::option::of((0_u32..=5, 0_u32..=30)),
    )
        .prop_map(
            |(
                anchor,
                shift,
                plan_start,
                as_of,
                workstreams,
                forum_calendar,
                holidays,
                extra_saturdays,
                odd_weekdays,
                tasks,
                settings,
            )| PlanSpec {
                anchor,
                shift,
                plan_start,
                as_of,
                workstreams,
                forum_calendar,
                holidays,
                extra_saturdays,
                odd_weekdays,
                tasks,
                settings,
            },
        )
}

// ------------------------------------------------------------ plan files

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A date written absolute or relative to the event.
fn date_text(date: NaiveDate, event: NaiveDate, relative: bool) -> String {
    if relative {
        format!("T{:+}", (date - event).num_days())
    } else {
        ymd(date)
    }
}

impl PlanSpec {
    fn event(&self) -> NaiveDate {
        let (y, m, d) = ANCHORS[self.anchor];
        day(
            NaiveDate::from_ymd_opt(y, m, d).expect("valid anchor"),
            self.shift,
        )
    }

    fn as_of(&self) -> NaiveDate {
        day(self.event(), -self.as_of)
    }

    /// The predecessors of task `i`, one link per predecessor.
    fn links(&self, i: usize) -> Vec<(usize, &LinkSpec)> {
        let mut out: Vec<(usize, &LinkSpec)> = Vec::new();
        if i == 0 {
            return out;
        }
        for link in &self.tasks[i].links {
            let pred = link.pred % i;
            if out.iter().all(|&(p, _)| p != pred) {
                out.push((pred, link));
            }
        }
        out
    }

    fn post_event(&self) -> Vec<bool> {
        let mut post = vec![false; self.tasks.len()];
        for i in 0..self.tasks.len() {
            post[i] =
                self.tasks[i].event_link.is_some() || self.links(i).iter().any(|&(p, _)| post[p]);
        }
        post
    }

    /// The raw (unsnapped) fixed start of task `i`, if it has one.
    fn raw_fixed(&self, i: usize, post: bool) -> Option<NaiveDate> {
        let event = self.event();
        self.tasks[i].fixed.map(|x| {
            if post {
                day(event, x / 3)
            } else {
                day(event, -x)
            }
        })
    }

    /// The plan as JSON; `fixed` gives each task's fixed start (already on a
    /// working day of its calendar).
    fn plan_json(&self, fixed: &[Option<NaiveDate>]) -> Value {
        let event = self.event();
        let post = self.post_event();
        let mut calendars = serde_json::Map::new();
        let holidays: Vec<String> = self.holidays.iter().map(|&k| ymd(day(event, k))).collect();
        let extra: Vec<String> = self
            .extra_saturdays
            .iter()
            .map(|&w| {
                let mut d = day(event, -7 * w);
                while d.weekday() != Weekday::Sat {
                    d = day(d, -1);
                }
                ymd(d)
            })
            .collect();
        // Declare only the calendars in use: every calendar of a forum costs
        // the scheduler a table, and debug builds are slow.
        let used =
            |k: usize| self.forum_calendar == k || self.tasks.iter().any(|t| t.calendar == Some(k));
        if used(2) {
            calendars.insert(
                "custom".into(),
                json!({ "base": "vn", "holidays": holidays, "working_days_extra": extra }),
            );
        }
        if used(3) {
            let weekdays: Vec<&str> = (0..7)
                .filter(|k| self.odd_weekdays & (1 << k) != 0)
                .map(|k| WEEKDAYS[k])
                .collect();
            calendars.insert("odd".into(), json!({ "weekdays": weekdays }));
        }

        let workstreams: Vec<Value> = WORKSTREAMS[..self.workstreams]
            .iter()
            .map(|id| json!({ "id": id, "name": format!("Workstream {id}") }))
            .collect();

        let tasks: Vec<Value> = self
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut after: Vec<Value> = Vec::new();
                if let Some(link) = &t.event_link {
                    after.push(link_json("event", link));
                }
                for (pred, link) in self.links(i) {
                    after.push(link_json(&format!("t{pred}"), link));
                }
                let mut task = json!({
                    "id": format!("t{i}"),
                    "workstream": WORKSTREAMS[t.workstream % self.workstreams],
                    "name": format!("Task {i}"),
                    "duration": format!("{}d", t.duration),
                });
                let obj = task.as_object_mut().expect("an object");
                if !after.is_empty() {
                    obj.insert("after".into(), Value::Array(after));
                }
                if let Some(c) = t.calendar {
                    obj.insert("calendar".into(), json!(CALENDARS[c]));
                }
                let not_before = t.not_before.map(|(x, rel)| {
                    let d = if post[i] {
                        day(event, x % 25 - 3)
                    } else {
                        day(event, -x)
                    };
                    (d, rel)
                });
                let due = t.due.map(|(x, rel)| {
                    let d = if post[i] {
                        day(event, (x + 5) / 2)
                    } else {
                        day(event, -x)
                    };
                    (d, rel)
                });
                // `due` before `not_before` is invalid: keep only not_before.
                let due = due.filter(|&(d, _)| not_before.is_none_or(|(nb, _)| d >= nb));
                if let Some((d, rel)) = not_before {
                    obj.insert("not_before".into(), json!(date_text(d, event, rel)));
                }
                if let Some((d, rel)) = due {
                    obj.insert("due".into(), json!(date_text(d, event, rel)));
                }
                if let Some(d) = fixed[i] {
                    obj.insert("fixed_start".into(), json!(ymd(d)));
                }
                task
            })
            .collect();

        let mut forum = json!({
            "id": "random-forum",
            "name": "Diễn đàn ngẫu nhiên",
            "date": ymd(event),
            "calendar": CALENDARS[self.forum_calendar],
        });
        if let Some(back) = self.plan_start {
            forum
                .as_object_mut()
                .expect("an object")
                .insert("plan_start".into(), json!(ymd(day(event, -back))));
        }
        let mut plan = json!({
            "forum": forum,
            "calendars": calendars,
            "workstreams": workstreams,
            "tasks": tasks,
        });
        if let Some((at_risk_float, lookahead_days)) = self.settings {
            plan.as_object_mut().expect("an object").insert(
                "settings".into(),
                json!({ "at_risk_float": at_risk_float, "lookahead_days": lookahead_days }),
            );
        }
        plan
    }

    /// The journal as JSON Lines, every entry dated on or before the as-of day.
    fn journal_text(&self) -> String {
        let d = self.as_of();
        let mut text = String::new();
        let mut line = |date: NaiveDate, task: usize, state: &str, progress: Option<u8>| {
            let mut entry =
                json!({ "date": ymd(date), "task": format!("t{task}"), "state": state });
            if let Some(p) = progress {
                entry
                    .as_object_mut()
                    .expect("an object")
                    .insert("progress".into(), json!(p));
            }
            text.push_str(&entry.to_string());
            text.push('\n');
        };
        for (i, t) in self.tasks.iter().enumerate() {
            match t.journal {
                JournalSpec::Silent => {}
                JournalSpec::NotStarted { back } => line(day(d, -back), i, "not_started", None),
                JournalSpec::InProgress { back, progress } => {
                    line(day(d, -back), i, "in_progress", progress);
                }
                JournalSpec::Blocked { started, back } => {
                    if let Some(s) = started {
                        line(day(d, -s), i, "in_progress", Some(20));
                        line(day(d, -back.min(s)), i, "blocked", None);
                    } else {
                        line(day(d, -back), i, "blocked", None);
                    }
                }
                JournalSpec::Cancelled { back } => line(day(d, -back), i, "cancelled", None),
                JournalSpec::Done { back, took } => {
                    let finish = day(d, -back);
                    if took > 0 {
                        line(day(finish, -took), i, "in_progress", None);
                    }
                    line(finish, i, "done", None);
                }
                JournalSpec::Reopened { back, later } => {
                    line(day(d, -back), i, "done", None);
                    line(day(d, -later.min(back)), i, "in_progress", None);
                }
            }
        }
        text
    }
}

fn link_json(pred: &str, link: &LinkSpec) -> Value {
    if link.short && link.kind == 0 && link.lag == 0 {
        json!(pred)
    } else {
        json!({ "task": pred, "type": LINK_TYPES[link.kind], "lag": format!("{}d", link.lag) })
    }
}

fn load(plan: &Value) -> Option<Forum> {
    let text = serde_json::to_string_pretty(plan).expect("JSON");
    load_plan(text.as_bytes(), Format::Json)
        .ok()
        .map(|loaded| loaded.forum)
}

/// A generated case, ready to schedule.
struct Case {
    plan: Value,
    journal: String,
    as_of: NaiveDate,
    forum: Forum,
}

/// Writes the plan (picking each fixed start on a working day of the task's
/// calendar, which needs the loaded calendars) and the journal; `None` when
/// the plan does not validate.
fn materialize(spec: &PlanSpec, with_journal: bool) -> Option<Case> {
    let n = spec.tasks.len();
    let post = spec.post_event();
    let event = spec.event();
    let mut fixed = vec![None; n];
    let mut plan = spec.plan_json(&fixed);
    if spec.tasks.iter().any(|t| t.fixed.is_some()) {
        let draft = load(&plan)?;
        for (i, slot) in fixed.iter_mut().enumerate() {
            let Some(raw) = spec.raw_fixed(i, post[i]) else {
                continue;
            };
            let cal = &draft.calendars()[draft.tasks()[i].calendar];
            let chosen = (0..30)
                .map(|k| day(raw, k))
                .find(|&d| cal.is_working_day(d));
            // A pre-event task may not be fixed on or after the event.
            *slot = chosen.filter(|&d| post[i] || d < event);
        }
        plan = spec.plan_json(&fixed);
    }
    let forum = load(&plan)?;
    let journal = if with_journal {
        spec.journal_text()
    } else {
        String::new()
    };
    Some(Case {
        plan,
        journal,
        as_of: spec.as_of(),
        forum,
    })
}

// ------------------------------------------------------------- comparison

fn show<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

/// Every field where the scheduler and the reference disagree.
fn differences(case: &Case) -> Vec<String> {
    let journal = parse_journal(&case.journal);
    assert!(
        journal.problems.is_empty(),
        "generated journal is bad: {:?}",
        journal.problems
    );
    let state = journal.replay(&case.forum, case.as_of);
    let expected = Reference::new(&case.forum, &state, case.as_of).run();
    let actual = match schedule(&case.forum, &state, case.as_of) {
        Ok(schedule) => schedule,
        Err(error) => return vec![format!("the scheduler failed: {error}")],
    };
    let mut diffs = Vec::new();
    for (i, (want, got)) in expected.tasks.iter().zip(&actual.tasks).enumerate() {
        let got: &TaskSchedule = got;
        let id = &case.forum.task(i).id;
        let fields = [
            ("state", show(&want.state), show(&got.state)),
            (
                "early_start",
                show(&want.early_start),
                show(&got.early_start),
            ),
            (
                "early_finish",
                show(&want.early_finish),
                show(&got.early_finish),
            ),
            ("late_start", show(&want.late_start), show(&got.late_start)),
            (
                "late_finish",
                show(&want.late_finish),
                show(&got.late_finish),
            ),
            (
                "total_float",
                show(&want.total_float),
                show(&got.total_float),
            ),
            ("free_float", show(&want.free_float), show(&got.free_float)),
            ("critical", show(&want.critical), show(&got.critical)),
            ("remaining", show(&want.remaining), show(&got.remaining)),
        ];
        for (field, want, got) in fields {
            if want != got {
                diffs.push(format!(
                    "task `{id}` field `{field}`: reference {want}, scheduler {got}"
                ));
            }
        }
    }
    if expected.tasks.len() != actual.tasks.len() {
        diffs.push(format!(
            "task count: reference {}, scheduler {}",
            expected.tasks.len(),
            actual.tasks.len()
        ));
    }
    let assessment = assess(&case.forum, &actual);
    for (i, (want, got)) in expected.readiness.iter().zip(&assessment.tasks).enumerate() {
        if *want != got.readiness {
            diffs.push(format!(
                "task `{}` readiness: reference {want:?}, assess {:?}",
                case.forum.task(i).id,
                got.readiness
            ));
        }
    }
    for (w, (want, got)) in expected
        .workstream_rag
        .iter()
        .zip(&assessment.workstreams)
        .enumerate()
    {
        if *want != got.rag {
            diffs.push(format!(
                "workstream `{}` colour: reference {want:?}, assess {:?}",
                case.forum.workstreams()[w].id,
                got.rag
            ));
        }
    }
    if expected.forum_rag != assessment.forum.rag {
        diffs.push(format!(
            "forum colour: reference {:?}, assess {:?}",
            expected.forum_rag, assessment.forum.rag
        ));
    }
    if (expected.completion - assessment.forum.completion).abs() > 1e-9 {
        diffs.push(format!(
            "completion: reference {}, assess {}",
            expected.completion, assessment.forum.completion
        ));
    }
    if expected.forecast_ready != actual.forecast_ready {
        diffs.push(format!(
            "forecast_ready: reference {:?}, scheduler {:?}",
            expected.forecast_ready, actual.forecast_ready
        ));
    }
    diffs
}

fn check(spec: &PlanSpec, with_journal: bool) -> Result<(), TestCaseError> {
    let Some(case) = materialize(spec, with_journal) else {
        return Err(TestCaseError::reject("the plan does not validate"));
    };
    let diffs = differences(&case);
    if diffs.is_empty() {
        return Ok(());
    }
    let mut message = String::from("the scheduler and the reference disagree\n");
    for diff in &diffs {
        let _ = writeln!(message, "  {diff}");
    }
    let _ = writeln!(message, "as of: {}", case.as_of);
    let _ = writeln!(
        message,
        "plan:\n{}",
        serde_json::to_string_pretty(&case.plan).expect("JSON")
    );
    let _ = writeln!(message, "journal:\n{}", case.journal);
    Err(TestCaseError::fail(message))
}

/// Cases per property: 600 in a debug build (the scheduler's working-day
/// tables cost about 10 ms per holiday calendar there, so this keeps the file
/// near 30 s), 5000 in a release build; `PROPTEST_CASES` overrides both, e.g.
/// `PROPTEST_CASES=20000 cargo test --release -p forumplan-scheduler --test reference`.
fn config() -> ProptestConfig {
    let defaults = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        defaults.cases
    } else if cfg!(debug_assertions) {
        600
    } else {
        5000
    };
    ProptestConfig {
        cases,
        max_global_rejects: 20_000,
        // Enough to reach a minimal plan, without shrinking for minutes.
        max_shrink_iters: 4096,
        // Do not write regression files into the crate.
        failure_persistence: None,
        ..defaults
    }
}

proptest! {
    #![proptest_config(config())]

    /// Pure CPM on calendars: no journal.
    #[test]
    fn scheduler_matches_reference_without_progress(spec in plan_strategy()) {
        check(&spec, false)?;
    }

    /// With a random journal: done, in progress, blocked, cancelled.
    #[test]
    fn scheduler_matches_reference_with_journal(spec in plan_strategy()) {
        check(&spec, true)?;
    }
}

// --------------------------------------------------- the reference itself

/// The reference's helpers on a calendar where every day works reduce to
/// integer arithmetic; on `vn` they skip weekends and Tết.
#[test]
fn reference_working_day_helpers() {
    let every = Calendar::every_day();
    let vn = Calendar::vn();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let around = d("2024-02-10");
    let every = Cal::new(&every, around);
    let vn = Cal::new(&vn, around);
    assert_eq!(every.add_wd(d("2024-02-10"), 3), d("2024-02-13"));
    assert_eq!(every.count(d("2024-02-13"), d("2024-02-10")), -3);
    // Tết 2024 (Saturday 10 February): the eve, Friday 9, to Tuesday 13 are off.
    assert_eq!(vn.next_wd(d("2024-02-09")), d("2024-02-14"));
    assert_eq!(vn.prev_wd(d("2024-02-13")), d("2024-02-08"));
    assert_eq!(vn.add_wd(d("2024-02-08"), 1), d("2024-02-14"));
    assert_eq!(vn.add_wd(d("2024-02-14"), -2), d("2024-02-07"));
    assert_eq!(vn.count(d("2024-02-08"), d("2024-02-15")), 2);
    assert_eq!(vn.count(d("2024-02-15"), d("2024-02-08")), -2);
}

/// Plans where the two disagreed once, kept as fixed examples (each is also
/// reachable by the properties): milestone deadlines.
#[test]
fn known_cases_match_reference() {
    let cases = [
        // A milestone due on a Friday, after a one-day task: the task may
        // finish on Thursday at the latest (FS puts the milestone at the
        // next working day's boundary, Monday, whose last day is Sunday).
        (
            json!({
                "forum": { "id": "f", "name": "F", "date": "2025-05-12", "calendar": "vn" },
                "workstreams": [{ "id": "content", "name": "C" }],
                "tasks": [
                    { "id": "a", "workstream": "content", "name": "A", "duration": "1d" },
                    { "id": "m", "workstream": "content", "name": "M", "duration": "0d",
                      "due": "2025-04-25", "after": ["a"] }
                ]
            }),
            "2025-04-21",
        ),
        // A pre-event milestone when the event is on a Sunday and D is the
        // event day: its late instant is Saturday, b − 1 = Friday.
        (
            json!({
                "forum": { "id": "f", "name": "F", "date": "2025-04-27", "calendar": "vn" },
                "workstreams": [{ "id": "content", "name": "C" }],
                "tasks": [{ "id": "m", "workstream": "content", "name": "M", "duration": "0d" }]
            }),
            "2025-04-29",
        ),
        // Post-event work after Tết 2022: the milestone `y` on a Mondays-only
        // calendar is bounded by the latest post-event early finish (9/2),
        // so `z` (every day) must finish by 6/2, not 13/2.
        (
            json!({
                "forum": { "id": "f", "name": "F", "date": "2022-02-01", "calendar": "vn" },
                "calendars": { "mondays": { "weekdays": ["mon"] } },
                "workstreams": [{ "id": "finance", "name": "C" }],
                "tasks": [
                    { "id": "x", "workstream": "finance", "name": "X", "duration": "3d",
                      "after": ["event"] },
                    { "id": "z", "workstream": "finance", "name": "Z", "duration": "1d",
                      "after": ["event"], "calendar": "every-day" },
                    { "id": "y", "workstream": "finance", "name": "Y", "duration": "0d",
                      "after": ["z"], "calendar": "mondays" }
                ]
            }),
            "2022-01-20",
        ),
    ];
    let mut failures = String::new();
    for (plan, as_of) in cases {
        let case = Case {
            forum: load(&plan).expect("a valid plan"),
            plan,
            journal: String::new(),
            as_of: NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("date"),
        };
        let diffs = differences(&case);
        if !diffs.is_empty() {
            let _ = writeln!(
                failures,
                "as of {as_of}:\n  {}\nplan: {}\n",
                diffs.join("\n  "),
                case.plan
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
