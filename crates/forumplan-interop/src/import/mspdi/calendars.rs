//! MSPDI calendars: the weekly rule and the exceptions of each calendar
//! tasks use, flattened (a base calendar's rules folded in) into plan
//! calendars of `holidays` and `working_days_extra`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use forumplan_core::calendar::Calendar;
use forumplan_core::plan::{CalendarDef, DateSpec, Weekday, slug};

use super::values::Reader;
use super::xml::Element;
use crate::problem::{Problem, ProblemCode};

/// Exceptions longer than this many days are cut (a typing slip in a year
/// would otherwise make millions of days).
const MAX_EXCEPTION_DAYS: i64 = 3_660;

/// Base calendars are followed this deep (a loop stops there).
const MAX_BASE_DEPTH: usize = 8;

/// Weekdays Monday first, as the plan names them.
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// One calendar as the file writes it.
#[derive(Debug)]
struct FileCalendar {
    name: String,
    base: Option<i64>,
    /// Worked or not, Monday first; `None` where the file says nothing.
    weekdays: [Option<bool>; 7],
    /// Days whose status the file sets, in file order: (day, worked).
    exceptions: Vec<(NaiveDate, bool)>,
}

/// The file's calendars, and which of them the plan uses.
#[derive(Debug, Default)]
pub(super) struct Calendars {
    by_uid: HashMap<i64, FileCalendar>,
    /// The plan calendar name given to each used calendar.
    used: BTreeMap<i64, String>,
    /// The project's calendar.
    project: Option<i64>,
    problems: Vec<Problem>,
}

impl Calendars {
    /// Every calendar of the project `root`.
    pub(super) fn read(root: &Element, read: &mut Reader) -> Calendars {
        let mut calendars = Calendars {
            project: root.child("CalendarUID").and_then(|e| e.text.parse().ok()),
            ..Calendars::default()
        };
        for element in root
            .child("Calendars")
            .into_iter()
            .flat_map(|c| c.all("Calendar"))
        {
            let Some(uid) = element.child("UID").and_then(|e| read.number::<i64>(e)) else {
                continue;
            };
            let mut calendar = FileCalendar {
                name: element.text_of("Name").unwrap_or("").to_owned(),
                base: element
                    .child("BaseCalendarUID")
                    .and_then(|e| e.text.parse().ok())
                    .filter(|&b: &i64| b >= 0 && b != uid),
                weekdays: [None; 7],
                exceptions: Vec::new(),
            };
            for day in element
                .child("WeekDays")
                .into_iter()
                .flat_map(|w| w.all("WeekDay"))
            {
                let working = day.text_of("DayWorking") == Some("1");
                match day.child("DayType").and_then(|e| read.number::<u8>(e)) {
                    // 1 is Sunday … 7 Saturday.
                    Some(n @ 1..=7) => calendar.weekdays[(usize::from(n) + 5) % 7] = Some(working),
                    Some(0) => calendars.exception(day, working, read, &mut calendar),
                    _ => {}
                }
            }
            for exception in element
                .child("Exceptions")
                .into_iter()
                .flat_map(|e| e.all("Exception"))
            {
                let recurring = exception.text_of("Type").is_some_and(|t| t != "1")
                    && exception.text_of("Occurrences").is_some_and(|o| o != "1");
                if recurring {
                    calendars.problems.push(Problem::warning(
                        ProblemCode::NotCarriedOver,
                        exception.place(),
                        format!(
                            "the recurring exception \"{}\" of calendar \"{}\" is left out: list its days one by one",
                            exception.text_of("Name").unwrap_or(""),
                            calendar.name
                        ),
                    ));
                    continue;
                }
                let working = exception.text_of("DayWorking") == Some("1");
                calendars.exception(exception, working, read, &mut calendar);
            }
            calendars.by_uid.insert(uid, calendar);
        }
        calendars
    }

    /// The days of one exception's time period.
    fn exception(
        &mut self,
        element: &Element,
        working: bool,
        read: &mut Reader,
        calendar: &mut FileCalendar,
    ) {
        let Some(period) = element.child("TimePeriod") else {
            return;
        };
        let from = period.child("FromDate").and_then(|e| read.date(e));
        let to = period.child("ToDate").and_then(|e| read.date(e));
        let (Some(from), Some(to)) = (from, to) else {
            return;
        };
        if (to - from).num_days() > MAX_EXCEPTION_DAYS {
            self.problems.push(Problem::warning(
                ProblemCode::NotCarriedOver,
                element.place(),
                format!("an exception from {from} to {to} is longer than ten years: left out"),
            ));
            return;
        }
        calendar.exceptions.extend(
            from.iter_days()
                .take_while(|d| *d <= to)
                .map(|d| (d, working)),
        );
    }

    /// The plan calendar for the file's calendar `uid` (marked used), or
    /// `None` when the file has no such calendar.
    pub(super) fn use_calendar(&mut self, uid: i64) -> Option<String> {
        if let Some(name) = self.used.get(&uid) {
            return Some(name.clone());
        }
        let calendar = self.by_uid.get(&uid)?;
        let mut name = slug(&calendar.name);
        if name.is_empty() {
            name = format!("calendar-{uid}");
        }
        if Calendar::is_builtin(&name) {
            name.push_str("-mspdi");
        }
        let base = name.clone();
        let mut n = 2;
        while self.used.values().any(|used| *used == name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(uid, name.clone());
        Some(name)
    }

    /// Weekly rule (Monday first; Monday–Friday where nothing says) and
    /// exceptions of calendar `uid`, its bases folded in.
    fn flattened(&self, uid: i64) -> ([bool; 7], BTreeMap<NaiveDate, bool>) {
        let mut chain = Vec::new();
        let mut at = Some(uid);
        while let Some(uid) = at {
            match self.by_uid.get(&uid) {
                Some(calendar) if chain.len() < MAX_BASE_DEPTH => {
                    chain.push(calendar);
                    at = calendar.base;
                }
                _ => break,
            }
        }
        let mut weekdays = [true, true, true, true, true, false, false];
        let mut exceptions = BTreeMap::new();
        for calendar in chain.iter().rev() {
            for (day, worked) in weekdays.iter_mut().zip(calendar.weekdays) {
                if let Some(w) = worked {
                    *day = w;
                }
            }
            exceptions.extend(calendar.exceptions.iter().copied());
        }
        (weekdays, exceptions)
    }

    /// The calendar a task with calendar `uid` (`None`: the project's)
    /// works on, for date arithmetic while importing.
    pub(super) fn resolved(&self, uid: Option<i64>) -> Calendar {
        let Some(uid) = uid.or(self.project) else {
            return Calendar::monday_to_friday();
        };
        let definition = self.definition(uid);
        Calendar::derive(
            "import",
            &Calendar::monday_to_friday(),
            definition.weekdays.as_deref(),
            definition.holidays.iter().filter_map(absolute),
            definition.working_days_extra.iter().filter_map(absolute),
        )
    }

    /// Calendar `uid` as a plan calendar.
    fn definition(&self, uid: i64) -> CalendarDef {
        let (weekdays, exceptions) = self.flattened(uid);
        let worked = |day: &NaiveDate| weekdays[day.weekday().num_days_from_monday() as usize];
        let mut holidays = BTreeSet::new();
        let mut extra = BTreeSet::new();
        for (day, working) in exceptions {
            match (working, worked(&day)) {
                (false, true) => {
                    holidays.insert(day);
                }
                (true, false) => {
                    extra.insert(day);
                }
                _ => {}
            }
        }
        CalendarDef {
            base: None,
            weekdays: Some(
                WEEKDAYS
                    .iter()
                    .zip(weekdays)
                    .filter(|(_, w)| *w)
                    .map(|(d, _)| *d)
                    .collect(),
            ),
            holidays: holidays.into_iter().map(DateSpec::Absolute).collect(),
            working_days_extra: extra.into_iter().map(DateSpec::Absolute).collect(),
        }
    }

    /// The used calendars as the plan declares them; the problems found
    /// reading calendars are moved to `problems`.
    pub(super) fn into_used(
        mut self,
        problems: &mut Vec<Problem>,
    ) -> BTreeMap<String, CalendarDef> {
        problems.append(&mut self.problems);
        self.used
            .iter()
            .map(|(&uid, name)| (name.clone(), self.definition(uid)))
            .collect()
    }
}

fn absolute(spec: &DateSpec) -> Option<NaiveDate> {
    match spec {
        DateSpec::Absolute(day) => Some(*day),
        DateSpec::Relative(_) => None,
    }
}
