//! Calendars: resolving names and `base` chains, their dates, and the
//! checks that need a task's calendar (fixed starts on working days,
//! working days in the task's window).

use crate::code::Code;
use chrono::{Datelike, NaiveDate};
use foldhash::{HashMap, HashMapExt};

use super::{Index, Key, PathSegment, Validator};
use crate::calendar::vn_holidays::{VnHoliday, vn_public_holidays};
use crate::calendar::{BUILTIN_CALENDARS, Calendar};
use crate::diagnostic::{Diagnostic, closest};
use crate::forum::{CalendarId, ForumTask, TaskId};
use crate::plan::{DateSpec, Id};

impl<'p> Validator<'p, '_, '_> {
    /// Resolves the plan's calendar `name` (and its bases). `chain` holds
    /// the calendars being resolved, to detect `base` loops.
    pub(super) fn resolve_calendar(
        &mut self,
        name: &str,
        chain: &mut Vec<String>,
    ) -> Option<CalendarId> {
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
                if self.plan.calendars.contains_key(base) || Calendar::is_builtin(base) {
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
            .min_by_key(|c| self.file_position(&[Key("calendars"), Key(c.as_str())]));
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
            .any(|d| d.code == Code::CalendarCycle && d.span == Some(span))
        {
            return;
        }
        let d = Diagnostic::error(
            Code::CalendarCycle,
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
            .map(Id::as_str)
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
            Code::UnknownCalendar,
            format!("unknown calendar `{name}`"),
            self.span(path),
        )
        .with_label("no such calendar")
        .with_hint(hint);
        self.push(d);
    }

    /// The calendar a forum or task names; reports an unknown one.
    pub(super) fn calendar_reference(
        &mut self,
        name: &str,
        path: &[PathSegment<'_>],
    ) -> Option<CalendarId> {
        // Empty: a malformed name, already reported by the conversion.
        if name.is_empty() {
            return None;
        }
        if !self.plan.calendars.contains_key(name) && !Calendar::is_builtin(name) {
            self.unknown_calendar(name, path);
            return None;
        }
        self.resolve_calendar(name, &mut Vec::new())
    }

    pub(super) fn check_fixed_start(
        &mut self,
        task: TaskId,
        date: NaiveDate,
        calendar: CalendarId,
    ) {
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
            Code::FixedStartNotWorkingDay,
            format!("task `{}` is fixed to start on {date}, which is not a working day of calendar `{}`", self.plan.tasks[task].id, cal.name()),
            self.span(&[Key("tasks"), Index(task), Key("fixed_start")]),
        )
        .with_label(format!("{why}: not a working day"))
        .with_hint("choose a working day, or give the task a calendar that works that day (e.g. \"calendar\": \"every-day\", or a calendar with that day in `working_days_extra`)");
        self.push(d);
    }

    /// Reports each calendar that tasks use but that works no day of the
    /// week: its working days are only the `working_days_extra` listed,
    /// and a task that slips past them could not be scheduled at all. One
    /// report per calendar, at its definition, pointing at a task using it.
    pub(super) fn check_working_weekdays(&mut self, tasks: &[ForumTask]) {
        let mut reported = vec![false; self.calendars.list.len()];
        for (i, task) in tasks.iter().enumerate() {
            let Some(cal) = self.calendars.list.get(task.calendar) else {
                continue;
            };
            if cal.works_some_weekday() || std::mem::replace(&mut reported[task.calendar], true) {
                continue;
            }
            let name = cal.name().to_owned();
            let d = Diagnostic::error(
                Code::CalendarWithoutWorkingWeekday,
                format!("calendar `{name}` works no day of the week, only the days it lists, yet task `{}` uses it", self.plan.tasks[i].id),
                self.span(&[Key("calendars"), Key(&name), Key("weekdays")]),
            )
            .with_label("no working weekday")
            .with_related(self.task_calendar_span(i), "used here")
            .with_hint("give the calendar the weekdays it works (e.g. \"weekdays\": [\"sat\", \"sun\"]) and list the days off in `holidays`: work that slips past the listed days could not be scheduled");
            self.push(d);
        }
    }

    /// Where task `i` names its calendar, or the forum's calendar when the
    /// task names none.
    fn task_calendar_span(&self, i: TaskId) -> crate::span::Span {
        if self.plan.tasks[i].calendar.is_some() {
            self.span(&[Key("tasks"), Index(i), Key("calendar")])
        } else {
            self.span(&[Key("forum"), Key("calendar")])
        }
    }

    /// Warns about tasks whose calendar has no working day in their window:
    /// `plan_start` (or a year before the event) to the day before the event
    /// for pre-event work, the year after the event for post-event work.
    pub(super) fn check_calendar_windows(
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
            // A calendar without a working weekday is an error of its own.
            let Some(cal) = self
                .calendars
                .list
                .get(task.calendar)
                .filter(|cal| cal.works_some_weekday())
            else {
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
                    Code::CalendarWithoutWorkingDay,
                    format!("calendar `{}` of task `{}` has no working day from {first} to {last}", cal.name(), self.plan.tasks[i].id),
                    self.span(&[Key("tasks"), Index(i), Key("calendar")]),
                )
                .with_label("no working day in the plan window")
                .with_hint("the task can only be scheduled outside this window, late: give the calendar working days in it (weekdays, or `working_days_extra`)");
                self.push(d);
            }
        }
    }
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
