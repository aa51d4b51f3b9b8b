//! Working calendars: which days count as working days for a task.
//!
//! A calendar is a set of worked weekdays, minus holidays, plus extra
//! worked days (the government's day swaps). Two are built in: `vn`
//! (Monday–Friday and Vietnam's public holidays, lunar ones included,
//! 1990–2100) and `every-day`. Plans derive their own with `base`.

pub mod lunar;
mod lunar_table;
pub mod vn_holidays;

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use crate::plan::Weekday;

/// Names of the built-in calendars.
pub const BUILTIN_CALENDARS: [&str; 2] = ["vn", "every-day"];

/// A resolved working calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    name: String,
    /// Worked weekdays, indexed from Monday.
    weekdays: [bool; 7],
    holidays: HashSet<NaiveDate>,
    extra: HashSet<NaiveDate>,
    /// [`Calendar::exceptions`], kept in step with the sets above by every
    /// constructor: working-day arithmetic reads it for every schedule.
    exceptions: Vec<(NaiveDate, bool)>,
}

impl Calendar {
    /// The built-in calendar called `name`, if there is one.
    pub fn builtin(name: &str) -> Option<Calendar> {
        match name {
            "vn" => Some(Calendar::vn()),
            "every-day" => Some(Calendar::every_day()),
            _ => None,
        }
    }

    /// Whether `name` is one of [`BUILTIN_CALENDARS`], without building it.
    pub fn is_builtin(name: &str) -> bool {
        BUILTIN_CALENDARS.contains(&name)
    }

    /// Monday–Friday, less Vietnam's public holidays.
    pub fn vn() -> Calendar {
        // Built once per process, however many calendars derive from it.
        static VN: OnceLock<Calendar> = OnceLock::new();
        VN.get_or_init(|| {
            let holidays = vn_holidays::vn_public_holidays_all()
                .into_iter()
                .map(|(date, _)| date)
                .collect();
            Calendar::new("vn", [true, true, true, true, true, false, false], holidays)
        })
        .clone()
    }

    /// Monday–Friday, no holidays: where a plan calendar without `base` starts.
    pub fn monday_to_friday() -> Calendar {
        let weekdays = [true, true, true, true, true, false, false];
        Calendar::new("monday-to-friday", weekdays, HashSet::new())
    }

    /// Seven working days a week, no holidays.
    pub fn every_day() -> Calendar {
        Calendar::new("every-day", [true; 7], HashSet::new())
    }

    /// A calendar with no extra working days.
    fn new(name: &str, weekdays: [bool; 7], holidays: HashSet<NaiveDate>) -> Calendar {
        let mut calendar = Calendar {
            name: name.to_owned(),
            weekdays,
            holidays,
            extra: HashSet::new(),
            exceptions: Vec::new(),
        };
        calendar.exceptions = calendar.list_exceptions();
        calendar
    }

    /// A calendar named `name` that starts from `base` and then applies its
    /// own rules: `weekdays` (if given) replaces the base's weekdays;
    /// `holidays` are added, and win over the base's extra working days;
    /// `working_days_extra` are added, and win over the base's holidays.
    pub fn derive(
        name: &str,
        base: &Calendar,
        weekdays: Option<&[Weekday]>,
        holidays: impl IntoIterator<Item = NaiveDate>,
        working_days_extra: impl IntoIterator<Item = NaiveDate>,
    ) -> Calendar {
        let mut calendar = base.clone();
        calendar.name = name.to_owned();
        if let Some(days) = weekdays {
            calendar.weekdays = [false; 7];
            for day in days {
                calendar.weekdays[day.to_chrono().num_days_from_monday() as usize] = true;
            }
        }
        for day in holidays {
            calendar.extra.remove(&day);
            calendar.holidays.insert(day);
        }
        for day in working_days_extra {
            calendar.holidays.remove(&day);
            calendar.extra.insert(day);
        }
        calendar.exceptions = calendar.list_exceptions();
        calendar
    }

    /// The calendar's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether some day of the week is worked. Without one, the calendar's
    /// working days are only its `working_days_extra`, a finite list that
    /// work running late can outrun.
    pub fn works_some_weekday(&self) -> bool {
        self.weekdays.contains(&true)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.extra.contains(&date)
            || (self.weekdays[date.weekday().num_days_from_monday() as usize]
                && !self.holidays.contains(&date))
    }

    /// Whether `date` is one of the calendar's declared holidays (as opposed
    /// to a weekday that is simply not worked).
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date) && !self.extra.contains(&date)
    }

    /// The worked weekdays, Monday first: the weekly rule before holidays
    /// and extra working days.
    pub fn weekdays(&self) -> [bool; 7] {
        self.weekdays
    }

    /// The days whose status differs from the weekly rule, in date order,
    /// each with whether it is worked: holidays on worked weekdays (`false`)
    /// and extra working days on weekdays not worked (`true`). With
    /// [`Calendar::weekdays`] this describes the calendar completely, in a
    /// few hundred entries however many years it covers, so working-day
    /// arithmetic never has to walk the calendar day by day.
    pub fn exceptions(&self) -> &[(NaiveDate, bool)] {
        &self.exceptions
    }

    /// [`Calendar::exceptions`] worked out from the sets.
    fn list_exceptions(&self) -> Vec<(NaiveDate, bool)> {
        let worked_weekday =
            |date: &NaiveDate| self.weekdays[date.weekday().num_days_from_monday() as usize];
        let mut days: Vec<(NaiveDate, bool)> = self
            .holidays
            .iter()
            .filter(|d| worked_weekday(d) && !self.extra.contains(d))
            .map(|&d| (d, false))
            .chain(
                self.extra
                    .iter()
                    .filter(|d| !worked_weekday(d))
                    .map(|&d| (d, true)),
            )
            .collect();
        days.sort_unstable();
        days
    }

    /// Whether any day from `first` to `last` (inclusive) is a working day.
    pub fn has_working_day_between(&self, first: NaiveDate, last: NaiveDate) -> bool {
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .any(|d| self.is_working_day(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn vn_excludes_weekends_and_public_holidays() {
        let vn = Calendar::vn();
        assert!(vn.is_working_day(day(2022, 9, 16))); // Friday
        assert!(!vn.is_working_day(day(2022, 9, 17))); // Saturday
        assert!(!vn.is_working_day(day(2022, 9, 2))); // National Day
        assert!(!vn.is_working_day(day(2022, 2, 1))); // Tết
        assert!(vn.is_holiday(day(2022, 2, 1)));
        assert!(!vn.is_holiday(day(2022, 9, 17)));
    }

    #[test]
    fn derived_calendars_layer_their_rules() {
        let vn = Calendar::vn();
        let swap = Calendar::derive("vn-2022", &vn, None, [day(2022, 9, 1)], [day(2022, 9, 17)]);
        assert!(!swap.is_working_day(day(2022, 9, 1)));
        assert!(swap.is_working_day(day(2022, 9, 17)));
        let final_days =
            Calendar::derive("final", &swap, Some(&[Weekday::Sat, Weekday::Sun]), [], []);
        assert!(final_days.is_working_day(day(2022, 9, 18))); // Sunday
        assert!(!final_days.is_working_day(day(2022, 9, 16))); // Friday no longer worked
        assert!(!final_days.is_working_day(day(2022, 9, 3))); // a Saturday holiday stays off
        let undone = Calendar::derive("x", &swap, None, [day(2022, 9, 17)], []);
        assert!(!undone.is_working_day(day(2022, 9, 17)));
    }

    #[test]
    fn all_holidays_at_once_are_every_year_s_holidays() {
        let by_year: Vec<_> = (vn_holidays::FIRST_YEAR..=vn_holidays::LAST_YEAR)
            .flat_map(vn_holidays::vn_public_holidays)
            .collect();
        assert_eq!(vn_holidays::vn_public_holidays_all(), by_year);
    }

    #[test]
    fn the_builtin_names_are_the_calendars_built_in() {
        for name in BUILTIN_CALENDARS {
            assert!(Calendar::is_builtin(name));
            assert_eq!(
                Calendar::builtin(name).map(|c| c.name().to_owned()),
                Some(name.into())
            );
        }
        for name in ["", "VN", "vn-2022", "monday-to-friday"] {
            assert!(!Calendar::is_builtin(name), "{name}");
            assert_eq!(Calendar::builtin(name), None, "{name}");
        }
    }

    #[test]
    fn exceptions_and_weekdays_describe_every_day() {
        let vn = Calendar::vn();
        let swap = Calendar::derive("vn-2022", &vn, None, [day(2022, 9, 1)], [day(2022, 9, 17)]);
        let weekend = Calendar::derive("w", &swap, Some(&[Weekday::Sat, Weekday::Sun]), [], []);
        for calendar in [vn, swap, weekend] {
            let exceptions: std::collections::HashMap<NaiveDate, bool> =
                calendar.exceptions().iter().copied().collect();
            let weekdays = calendar.weekdays();
            for date in day(1989, 1, 1)
                .iter_days()
                .take_while(|d| *d < day(2102, 1, 1))
            {
                let by_rule = weekdays[date.weekday().num_days_from_monday() as usize];
                let expected = exceptions.get(&date).copied().unwrap_or(by_rule);
                assert_eq!(calendar.is_working_day(date), expected, "{date}");
            }
        }
    }
}
