//! Logical checks on a converted plan, and the building of the [`Forum`].
//!
//! Every check runs even when earlier ones failed, so a file's problems
//! are all reported in one go. Empty ids and references are placeholders
//! for values the conversion already reported, and are skipped here.

use std::collections::{BTreeMap, VecDeque};

use foldhash::{HashMap, HashMapExt};

use chrono::{Datelike, NaiveDate};

use crate::calendar::vn_holidays::{VnHoliday, vn_public_holidays};
use crate::calendar::{BUILTIN_CALENDARS, Calendar};
use crate::diagnostic::{Diagnostic, closest};
use crate::document::{PathSegment, Value};
use crate::forum::{CalendarId, Dependency, Forum, ForumParts, ForumTask, TaskId};
use crate::plan::{DateSpec, EVENT_ID, Plan};
use crate::span::Span;

use PathSegment::{Index, Key};

/// The time zone of a plan that names none.
pub const DEFAULT_TIMEZONE: &str = "Asia/Ho_Chi_Minh";
/// The calendar of a plan that names none.
pub const DEFAULT_CALENDAR: &str = "vn";

/// Checks `plan` (converted from `root`) and builds the forum, returning the
/// warnings beside it; or every error and warning, in file order. Without
/// a `root`, diagnostics carry no span (the caller reloads the file through
/// the spanned path to locate them).
pub(crate) fn validate(
    plan: Plan,
    root: Option<&Value<'_>>,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<(Forum, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut v = Validator {
        root,
        plan: &plan,
        diagnostics: &mut diagnostics,
        calendars: Calendars::default(),
    };
    let parts = v.run();
    diagnostics.sort_by_key(|d| (d.span.map(|s| s.start), d.severity));
    match parts {
        Some(parts) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok((Forum::new(plan, parts), diagnostics))
        }
        _ => Err(diagnostics),
    }
}

/// Calendars resolved so far, by name.
#[derive(Default)]
struct Calendars {
    list: Vec<Calendar>,
    by_name: HashMap<String, Option<CalendarId>>,
}

struct Validator<'p, 'r, 'a> {
    root: Option<&'r Value<'a>>,
    plan: &'p Plan,
    diagnostics: &'r mut Vec<Diagnostic>,
    calendars: Calendars,
}

impl<'p> Validator<'p, '_, '_> {
    fn span(&self, path: &[PathSegment<'_>]) -> Span {
        self.root.map_or(Span::default(), |root| root.span_at(path))
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The event day, unless the conversion could not read it.
    fn event(&self) -> Option<NaiveDate> {
        Some(self.plan.forum.date).filter(|d| *d != NaiveDate::MIN)
    }

    /// Resolves a plan date; reports one outside 1970–2100.
    fn date(&mut self, spec: Option<DateSpec>, path: &[PathSegment<'_>]) -> Option<NaiveDate> {
        let spec = spec?;
        let date = match spec {
            DateSpec::Absolute(date) => Some(date),
            DateSpec::Relative(_) => spec.resolve(self.event()?),
        };
        match date.filter(|d| crate::plan::date_in_supported_range(*d)) {
            Some(date) => Some(date),
            None => {
                let shown = date.map_or_else(|| spec.to_string(), |d| d.to_string());
                let d = Diagnostic::error(
                    "date-out-of-range",
                    format!("{shown} is outside the years 1970–2100"),
                    self.span(path),
                )
                .with_label("out of range")
                .with_hint("plans may use days from 1970-01-01 to 2100-12-31; check the year");
                self.push(d);
                None
            }
        }
    }

    fn run(&mut self) -> Option<ForumParts> {
        let event = self.event();
        if let Some(event) = event
            && !crate::plan::date_in_supported_range(event)
        {
            let d = Diagnostic::error(
                "date-out-of-range",
                format!("{event} is outside the years 1970–2100"),
                self.span(&[Key("forum"), Key("date")]),
            )
            .with_label("out of range")
            .with_hint("plans may use days from 1970-01-01 to 2100-12-31; check the year");
            self.push(d);
        }
        let timezone = self.timezone();
        let plan_start = self.date(
            self.plan.forum.plan_start,
            &[Key("forum"), Key("plan_start")],
        );
        if let (Some(start), Some(event)) = (plan_start, event)
            && start >= event
        {
            let d = Diagnostic::error(
                "plan-start-after-event",
                format!("`plan_start` {start} is not before the event day {event}"),
                self.span(&[Key("forum"), Key("plan_start")]),
            )
            .with_label("on or after the event")
            .with_hint(
                "`plan_start` is the first day of preparation; it must come before `forum.date`",
            );
            self.push(d);
        }
        let names: Vec<&String> = self.plan.calendars.keys().collect();
        for name in names {
            self.resolve_calendar(name, &mut Vec::new());
        }
        let forum_calendar_name = self
            .plan
            .forum
            .calendar
            .as_deref()
            .unwrap_or(DEFAULT_CALENDAR);
        let forum_calendar =
            self.calendar_reference(forum_calendar_name, &[Key("forum"), Key("calendar")]);
        let workstreams = self.workstream_ids();
        let task_ids = self.task_ids();
        let (tasks, links) = self.tasks(&workstreams, &task_ids, forum_calendar);
        let successors = Successors::new(tasks.len(), &links);
        let post_event = self.post_event(&tasks, &successors);
        let tasks: Vec<ForumTask> = tasks
            .into_iter()
            .zip(post_event)
            .map(|(t, post_event)| ForumTask { post_event, ..t })
            .collect();
        self.check_cycles(&links, &successors);
        self.check_event_bounds(&tasks, event);
        self.check_calendar_windows(&tasks, event, plan_start);
        self.warnings(&tasks, &links, &workstreams);
        Some(ForumParts {
            event: event?,
            plan_start,
            timezone: timezone?,
            calendars: std::mem::take(&mut self.calendars.list),
            forum_calendar: forum_calendar?,
            tasks,
            links,
        })
    }

    fn timezone(&mut self) -> Option<chrono_tz::Tz> {
        let name = self
            .plan
            .forum
            .timezone
            .as_deref()
            .unwrap_or(DEFAULT_TIMEZONE);
        match name.parse::<chrono_tz::Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
                let hint = match closest(name, names) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("use an IANA time zone name such as `{DEFAULT_TIMEZONE}`"),
                };
                let d = Diagnostic::error(
                    "unknown-timezone",
                    format!("unknown time zone `{name}`"),
                    self.span(&[Key("forum"), Key("timezone")]),
                )
                .with_label("not a time zone")
                .with_hint(hint);
                self.push(d);
                None
            }
        }
    }

    /// Resolves the plan's calendar `name` (and its bases). `chain` holds
    /// the calendars being resolved, to detect `base` loops.
    fn resolve_calendar(&mut self, name: &str, chain: &mut Vec<String>) -> Option<CalendarId> {
        if let Some(resolved) = self.calendars.by_name.get(name) {
            return *resolved;
        }
        let Some(def) = self.plan.calendars.get(name) else {
            let id = Calendar::builtin(name).map(|c| self.add_calendar(c));
            self.calendars.by_name.insert(name.to_owned(), id);
            return id;
        };
        if let Some(at) = chain.iter().position(|c| c == name) {
            self.report_calendar_loop(&chain[at..]);
            return None;
        }
        chain.push(name.to_owned());
        let base_path = [Key("calendars"), Key(name), Key("base")];
        let base = match def.base.as_deref() {
            // A calendar may refine the built-in calendar whose name it takes.
            Some(base) if base == name => {
                let builtin = Calendar::builtin(base);
                if builtin.is_none() {
                    self.report_calendar_loop(std::slice::from_ref(&name.to_owned()));
                }
                builtin
            }
            Some(base) if !base.is_empty() => {
                if self.plan.calendars.contains_key(base) || Calendar::builtin(base).is_some() {
                    self.resolve_calendar(base, chain)
                        .map(|id| self.calendars.list[id].clone())
                } else {
                    self.unknown_calendar(base, &base_path);
                    None
                }
            }
            Some(_) => None,
            // Without a base, a calendar starts from plain Monday–Friday.
            None => Some(Calendar::monday_to_friday()),
        };
        chain.pop();
        let holidays = self.calendar_dates(name, "holidays", &def.holidays);
        let extra = self.calendar_dates(name, "working_days_extra", &def.working_days_extra);
        let id = base.map(|base| {
            let calendar = Calendar::derive(name, &base, def.weekdays.as_deref(), holidays, extra);
            self.add_calendar(calendar)
        });
        self.calendars.by_name.insert(name.to_owned(), id);
        id
    }

    fn add_calendar(&mut self, calendar: Calendar) -> CalendarId {
        self.calendars.list.push(calendar);
        self.calendars.list.len() - 1
    }

    fn calendar_dates(&mut self, name: &str, field: &str, dates: &[DateSpec]) -> Vec<NaiveDate> {
        dates
            .iter()
            .enumerate()
            .filter_map(|(i, spec)| {
                self.date(
                    Some(*spec),
                    &[Key("calendars"), Key(name), Key(field), Index(i)],
                )
            })
            .collect()
    }

    fn report_calendar_loop(&mut self, cycle: &[String]) {
        // Report a loop once, at the calendar written first in the file.
        let first = cycle
            .iter()
            .min_by_key(|c| self.span(&[Key("calendars"), Key(c.as_str())]).start);
        let Some(first) = first else { return };
        let at = cycle.iter().position(|c| c == first).unwrap_or(0);
        let mut order: Vec<&str> = cycle[at..]
            .iter()
            .chain(&cycle[..at])
            .map(String::as_str)
            .collect();
        order.push(first);
        let span = self.span(&[Key("calendars"), Key(first), Key("base")]);
        if self
            .diagnostics
            .iter()
            .any(|d| d.code == "calendar-cycle" && d.span == Some(span))
        {
            return;
        }
        let d = Diagnostic::error(
            "calendar-cycle",
            format!(
                "calendars inherit from each other in a loop: {}",
                order.join(" → ")
            ),
            span,
        )
        .with_label("this `base` leads back here")
        .with_hint("one calendar of the loop must take `vn`, `every-day` or no `base`");
        self.push(d);
        for c in cycle {
            self.calendars.by_name.insert(c.clone(), None);
        }
    }

    fn unknown_calendar(&mut self, name: &str, path: &[PathSegment<'_>]) {
        let known: Vec<&str> = self
            .plan
            .calendars
            .keys()
            .map(String::as_str)
            .chain(BUILTIN_CALENDARS)
            .collect();
        let hint = match closest(name, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "declare it under `calendars`, or use one of: {}",
                known.join(", ")
            ),
        };
        let d = Diagnostic::error(
            "unknown-calendar",
            format!("unknown calendar `{name}`"),
            self.span(path),
        )
        .with_label("no such calendar")
        .with_hint(hint);
        self.push(d);
    }

    /// The calendar a forum or task names; reports an unknown one.
    fn calendar_reference(&mut self, name: &str, path: &[PathSegment<'_>]) -> Option<CalendarId> {
        // Empty: a malformed name, already reported by the conversion.
        if name.is_empty() {
            return None;
        }
        if !self.plan.calendars.contains_key(name) && Calendar::builtin(name).is_none() {
            self.unknown_calendar(name, path);
            return None;
        }
        self.resolve_calendar(name, &mut Vec::new())
    }

    fn workstream_ids(&mut self) -> HashMap<&'p str, usize> {
        let mut ids = HashMap::new();
        let plan = self.plan;
        for (i, ws) in plan.workstreams.iter().enumerate() {
            if ws.id.is_empty() {
                continue;
            }
            if let Some(&first) = ids.get(ws.id.as_str()) {
                self.duplicate(
                    "workstream",
                    &ws.id,
                    &[Key("workstreams"), Index(first), Key("id")],
                    &[Key("workstreams"), Index(i), Key("id")],
                );
            } else {
                ids.insert(ws.id.as_str(), i);
            }
        }
        ids
    }

    fn task_ids(&mut self) -> HashMap<&'p str, TaskId> {
        let mut ids = HashMap::with_capacity(self.plan.tasks.len());
        let plan = self.plan;
        for (i, task) in plan.tasks.iter().enumerate() {
            let path = [Key("tasks"), Index(i), Key("id")];
            if task.id.is_empty() {
                continue;
            }
            if task.id == EVENT_ID {
                let d = Diagnostic::error("reserved-id", "`event` is reserved for the event day and cannot name a task", self.span(&path))
                    .with_label("reserved id")
                    .with_hint("rename the task, e.g. `event-day`; other tasks use `after: [\"event\"]` for post-event work");
                self.push(d);
                continue;
            }
            if let Some(&first) = ids.get(task.id.as_str()) {
                self.duplicate(
                    "task",
                    &task.id,
                    &[Key("tasks"), Index(first), Key("id")],
                    &path,
                );
            } else {
                ids.insert(task.id.as_str(), i);
            }
        }
        ids
    }

    fn duplicate(
        &mut self,
        kind: &str,
        id: &str,
        first: &[PathSegment<'_>],
        second: &[PathSegment<'_>],
    ) {
        let d = Diagnostic::error(
            "duplicate-id",
            format!("{kind} id `{id}` is used twice"),
            self.span(second),
        )
        .with_label("second use")
        .with_related(self.span(first), "first use")
        .with_hint(format!("each {kind} needs its own id: rename one of them"));
        self.push(d);
    }

    /// Resolves every task; returns them (with `post_event` still unset)
    /// and the links between them.
    fn tasks(
        &mut self,
        workstreams: &HashMap<&str, usize>,
        task_ids: &HashMap<&str, TaskId>,
        forum_calendar: Option<CalendarId>,
    ) -> (Vec<ForumTask>, Vec<(TaskId, TaskId, Dependency)>) {
        let plan = self.plan;
        let mut tasks = Vec::with_capacity(plan.tasks.len());
        let mut links = Vec::new();
        for (i, task) in plan.tasks.iter().enumerate() {
            let at = |field| [Key("tasks"), Index(i), Key(field)];
            let workstream = match workstreams.get(task.workstream.as_str()) {
                Some(&ws) => ws,
                None => {
                    if !task.workstream.is_empty() {
                        let hint = match closest(&task.workstream, workstreams.keys().copied()) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => "declare it under `workstreams`".to_owned(),
                        };
                        let d = Diagnostic::error(
                            "unknown-workstream",
                            format!("unknown workstream `{}`", task.workstream),
                            self.span(&at("workstream")),
                        )
                        .with_label("no such workstream")
                        .with_hint(hint);
                        self.push(d);
                    }
                    usize::MAX
                }
            };
            let calendar = match task.calendar.as_deref() {
                Some(name) => self.calendar_reference(name, &at("calendar")),
                None => forum_calendar,
            };
            let not_before = self.date(task.not_before, &at("not_before"));
            let due = self.date(task.due, &at("due"));
            let fixed_start = self.date(task.fixed_start, &at("fixed_start"));
            let mut event_links = Vec::new();
            for (j, link) in task.after.iter().enumerate() {
                let path = [Key("tasks"), Index(i), Key("after"), Index(j)];
                let dependency = Dependency {
                    kind: link.kind,
                    lag: link.lag.0,
                };
                if link.task == EVENT_ID {
                    event_links.push(dependency);
                } else if link.task == task.id && !task.id.is_empty() {
                    let d = Diagnostic::error(
                        "self-link",
                        format!("task `{}` is linked to itself", task.id),
                        self.span(&path),
                    )
                    .with_label("links to its own task")
                    .with_hint("remove this link; a task cannot wait for itself");
                    self.push(d);
                } else if let Some(&pred) = task_ids.get(link.task.as_str()) {
                    links.push((pred, i, dependency));
                } else if !link.task.is_empty() {
                    let hint = match closest(&link.task, task_ids.keys().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => {
                            "name a task declared under `tasks`, or `event` for post-event work"
                                .to_owned()
                        }
                    };
                    let d = Diagnostic::error(
                        "unknown-task",
                        format!("task `{}` depends on unknown task `{}`", task.id, link.task),
                        self.span(&path),
                    )
                    .with_label("no such task")
                    .with_hint(hint);
                    self.push(d);
                }
            }
            if let (Some(not_before), Some(due)) = (not_before, due)
                && due < not_before
            {
                let d = Diagnostic::error(
                    "due-before-not-before",
                    format!(
                        "task `{}` is due {due}, before it may start ({not_before})",
                        task.id
                    ),
                    self.span(&at("due")),
                )
                .with_label("earlier than `not_before`")
                .with_related(self.span(&at("not_before")), "may not start before this")
                .with_hint("move `due` later or `not_before` earlier");
                self.push(d);
            }
            if let (Some(date), Some(calendar)) = (fixed_start, calendar) {
                self.check_fixed_start(i, date, calendar);
            }
            tasks.push(ForumTask {
                workstream,
                calendar: calendar.unwrap_or(usize::MAX),
                duration: task.duration.0,
                not_before,
                due,
                fixed_start,
                event_links,
                post_event: false,
            });
        }
        (tasks, links)
    }

    fn check_fixed_start(&mut self, task: TaskId, date: NaiveDate, calendar: CalendarId) {
        let cal = &self.calendars.list[calendar];
        if cal.is_working_day(date) {
            return;
        }
        let why = match vn_holiday(date).filter(|_| cal.is_holiday(date)) {
            Some(holiday) => format!("{holiday}, a holiday"),
            None if cal.is_holiday(date) => "a holiday".to_owned(),
            None => format!("a {}", date.format("%A")),
        };
        let d = Diagnostic::error(
            "fixed-start-not-working-day",
            format!("task `{}` is fixed to start on {date}, which is not a working day of calendar `{}`", self.plan.tasks[task].id, cal.name()),
            self.span(&[Key("tasks"), Index(task), Key("fixed_start")]),
        )
        .with_label(format!("{why}: not a working day"))
        .with_hint("choose a working day, or give the task a calendar that works that day (e.g. \"calendar\": \"every-day\", or a calendar with that day in `working_days_extra`)");
        self.push(d);
    }

    /// Warns about tasks whose calendar has no working day in their window:
    /// `plan_start` (or a year before the event) to the day before the event
    /// for pre-event work, the year after the event for post-event work.
    fn check_calendar_windows(
        &mut self,
        tasks: &[ForumTask],
        event: Option<NaiveDate>,
        plan_start: Option<NaiveDate>,
    ) {
        let Some(event) = event else { return };
        let year = chrono::Days::new(366);
        let pre_event = (
            plan_start.unwrap_or(event - year),
            event.pred_opt().unwrap_or(event),
        );
        let post_event = (event, event + year);
        // Calendars are few and tasks many: decide once per calendar and window.
        let mut empty: HashMap<(CalendarId, bool), bool> = HashMap::new();
        for (i, task) in tasks.iter().enumerate() {
            let Some(cal) = self.calendars.list.get(task.calendar) else {
                continue;
            };
            let (first, last) = if task.post_event {
                post_event
            } else {
                pre_event
            };
            let is_empty = *empty
                .entry((task.calendar, task.post_event))
                .or_insert_with(|| !cal.has_working_day_between(first, last));
            if is_empty {
                let d = Diagnostic::warning(
                    "calendar-without-working-day",
                    format!("calendar `{}` of task `{}` has no working day from {first} to {last}", cal.name(), self.plan.tasks[i].id),
                    self.span(&[Key("tasks"), Index(i), Key("calendar")]),
                )
                .with_label("no working day in the plan window")
                .with_hint("the task cannot be scheduled: give the calendar working weekdays or `working_days_extra`");
                self.push(d);
            }
        }
    }

    /// Which tasks come after the event: those linked to it, and everything
    /// after them.
    fn post_event(&self, tasks: &[ForumTask], successors: &Successors) -> Vec<bool> {
        let mut post = vec![false; tasks.len()];
        let mut queue: VecDeque<TaskId> = (0..tasks.len())
            .filter(|&i| !tasks[i].event_links.is_empty())
            .collect();
        while let Some(i) = queue.pop_front() {
            if !std::mem::replace(&mut post[i], true) {
                queue.extend(successors.of(i));
            }
        }
        post
    }

    /// Reports each dependency cycle once, naming every task on it in
    /// dependency order, starting from the one written first.
    fn check_cycles(&mut self, links: &[(TaskId, TaskId, Dependency)], successors: &Successors) {
        let n = self.plan.tasks.len();
        // Almost every plan has no cycle: a topological sweep proves it in
        // linear time, and only a plan that fails it is searched for cycles.
        if successors.is_acyclic(n, links) {
            return;
        }
        let mut graph = petgraph::graph::DiGraph::<(), usize, u32>::with_capacity(n, links.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for (k, &(from, to, _)) in links.iter().enumerate() {
            graph.add_edge(
                petgraph::graph::NodeIndex::new(from),
                petgraph::graph::NodeIndex::new(to),
                k,
            );
        }
        let mut components = petgraph::algo::tarjan_scc(&graph);
        components.retain(|c| c.len() > 1);
        components.sort_by_key(|c| c.iter().map(|n| n.index()).min());
        for component in components {
            let members: std::collections::HashSet<usize> =
                component.iter().map(|n| n.index()).collect();
            let Some(&start) = members.iter().min() else {
                continue;
            };
            let cycle = shortest_cycle(start, &members, links);
            self.report_cycle(&cycle, links);
        }
    }

    fn report_cycle(&mut self, cycle: &[usize], links: &[(TaskId, TaskId, Dependency)]) {
        // `cycle` holds link indexes: task a → b → … → a.
        let ids: Vec<&str> = cycle
            .iter()
            .map(|&k| self.plan.tasks[links[k].0].id.as_str())
            .collect();
        let first = ids[0];
        let closing = links[*cycle.last().unwrap_or(&0)];
        let link_span = |v: &Self, (from, to, _): (TaskId, TaskId, Dependency)| {
            let j = v.plan.tasks[to]
                .after
                .iter()
                .position(|l| l.task == v.plan.tasks[from].id)
                .unwrap_or(0);
            v.span(&[Key("tasks"), Index(to), Key("after"), Index(j)])
        };
        let mut d = Diagnostic::error(
            "dependency-cycle",
            format!("dependency cycle: {} → {first}", ids.join(" → ")),
            link_span(self, closing),
        )
        .with_label(format!(
            "`{first}` waits for `{}`, which waits for `{first}`",
            self.plan.tasks[closing.0].id
        ))
        .with_hint("remove or reverse one of these links: no task on a cycle could ever start");
        for &k in &cycle[..cycle.len() - 1] {
            let (from, to, _) = links[k];
            let label = format!(
                "`{}` waits for `{}`",
                self.plan.tasks[to].id, self.plan.tasks[from].id
            );
            d = d.with_related(link_span(self, links[k]), label);
        }
        self.push(d);
    }

    fn check_event_bounds(&mut self, tasks: &[ForumTask], event: Option<NaiveDate>) {
        let Some(event) = event else { return };
        for (i, task) in tasks.iter().enumerate() {
            if task.post_event {
                continue;
            }
            for (field, date) in [
                ("fixed_start", task.fixed_start),
                ("not_before", task.not_before),
            ] {
                if let Some(date) = date.filter(|d| *d >= event) {
                    let d = Diagnostic::error(
                        "pre-event-task-after-event",
                        format!("task `{}` must be done before the event ({event}) but its `{field}` is {date}", self.plan.tasks[i].id),
                        self.span(&[Key("tasks"), Index(i), Key(field)]),
                    )
                    .with_label("on or after the event day")
                    .with_hint("move the date before the event, or make it post-event work with `\"after\": [\"event\"]`");
                    self.push(d);
                }
            }
        }
    }

    fn warnings(
        &mut self,
        tasks: &[ForumTask],
        links: &[(TaskId, TaskId, Dependency)],
        workstreams: &HashMap<&str, usize>,
    ) {
        let plan = self.plan;
        let mut used = vec![false; plan.workstreams.len()];
        for task in tasks {
            if let Some(u) = used.get_mut(task.workstream) {
                *u = true;
            }
        }
        for (i, ws) in plan.workstreams.iter().enumerate() {
            // A duplicate was reported as an error; it owns no tasks by construction.
            let first_of_its_id = workstreams.get(ws.id.as_str()) == Some(&i);
            if !used[i] && first_of_its_id {
                let d = Diagnostic::warning(
                    "empty-workstream",
                    format!("workstream `{}` has no tasks", ws.id),
                    self.span(&[Key("workstreams"), Index(i), Key("id")]),
                )
                .with_label("no task belongs here")
                .with_hint("add its tasks, or remove the workstream");
                self.push(d);
            }
        }
        let mut linked = vec![false; tasks.len()];
        for &(from, to, _) in links {
            linked[from] = true;
            linked[to] = true;
        }
        for (i, task) in plan.tasks.iter().enumerate() {
            // Links that were reported as errors (unknown, self) still count.
            if !linked[i] && task.after.is_empty() && !task.id.is_empty() {
                let d = Diagnostic::warning(
                    "isolated-task",
                    format!("task `{}` has neither predecessor nor successor", task.id),
                    self.span(&[Key("tasks"), Index(i), Key("id")]),
                )
                .with_label("not linked to any task")
                .with_hint("link it with `after` so that delays reach the tasks that depend on it");
                self.push(d);
            }
        }
    }
}

/// Each task's successors, as compact adjacency lists.
struct Successors {
    start: Vec<usize>,
    targets: Vec<TaskId>,
}

impl Successors {
    fn new(n: usize, links: &[(TaskId, TaskId, Dependency)]) -> Successors {
        let mut start = vec![0; n + 1];
        for &(from, _, _) in links {
            start[from + 1] += 1;
        }
        for i in 1..=n {
            start[i] += start[i - 1];
        }
        let mut fill = start.clone();
        let mut targets = vec![0; links.len()];
        for &(from, to, _) in links {
            targets[fill[from]] = to;
            fill[from] += 1;
        }
        Successors { start, targets }
    }

    fn of(&self, task: TaskId) -> &[TaskId] {
        &self.targets[self.start[task]..self.start[task + 1]]
    }

    /// Whether every task can be put in dependency order (Kahn's algorithm).
    fn is_acyclic(&self, n: usize, links: &[(TaskId, TaskId, Dependency)]) -> bool {
        let mut waiting = vec![0usize; n];
        for &(_, to, _) in links {
            waiting[to] += 1;
        }
        let mut ready: Vec<TaskId> = (0..n).filter(|&i| waiting[i] == 0).collect();
        let mut done = 0;
        while let Some(task) = ready.pop() {
            done += 1;
            for &next in self.of(task) {
                waiting[next] -= 1;
                if waiting[next] == 0 {
                    ready.push(next);
                }
            }
        }
        done == n
    }
}

/// The links (as indexes into `links`) of a shortest cycle through `start`
/// within `members`, in dependency order; breadth-first search.
fn shortest_cycle(
    start: usize,
    members: &std::collections::HashSet<usize>,
    links: &[(TaskId, TaskId, Dependency)],
) -> Vec<usize> {
    let mut outgoing: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &(from, to, _)) in links.iter().enumerate() {
        if members.contains(&from) && members.contains(&to) {
            outgoing.entry(from).or_default().push(k);
        }
    }
    let mut via: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &k in outgoing.get(&node).map(Vec::as_slice).unwrap_or_default() {
            let next = links[k].1;
            if next == start {
                let mut path = vec![k];
                let mut at = node;
                while at != start {
                    let back = via[&at];
                    path.push(back);
                    at = links[back].0;
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = via.entry(next) {
                e.insert(k);
                queue.push_back(next);
            }
        }
    }
    Vec::new()
}

/// The name of the Vietnamese public holiday on `date`, if it is one.
fn vn_holiday(date: NaiveDate) -> Option<&'static str> {
    let holiday = vn_public_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)?
        .1;
    Some(match holiday {
        VnHoliday::NewYear => "New Year's Day",
        VnHoliday::Tet => "Tết (Lunar New Year)",
        VnHoliday::HungKings => "Hùng Kings' Commemoration Day",
        VnHoliday::ReunificationDay => "Reunification Day",
        VnHoliday::LabourDay => "Labour Day",
        VnHoliday::NationalDay => "National Day",
    })
}
