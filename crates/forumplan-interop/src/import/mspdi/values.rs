//! The values of an MSPDI file: numbers, dates (`2022-09-18T08:00:00`),
//! durations (`PT16H0M0S`) and lags (tenths of a minute).

use std::str::FromStr;

use chrono::NaiveDate;
use forumplan_core::calendar::Calendar;
use forumplan_core::plan::parse_day;

use super::xml::Element;
use crate::problem::{Problem, ProblemCode};

/// Reads values, keeping a located problem for each that cannot be read.
#[derive(Debug, Default)]
pub(super) struct Reader {
    /// Problems found so far.
    pub(super) problems: Vec<Problem>,
}

impl Reader {
    fn bad(&mut self, element: &Element, what: &str) {
        self.problems.push(Problem::error(
            ProblemCode::BadValue,
            element.place(),
            format!(
                "<{}> holds `{}`, which is not {what}",
                element.name, element.text
            ),
        ));
    }

    /// The element's text as a number; an error when it is not one.
    pub(super) fn number<T: FromStr>(&mut self, element: &Element) -> Option<T> {
        if element.text.is_empty() {
            return None;
        }
        let value = element.text.parse().ok();
        if value.is_none() {
            self.bad(element, "a whole number");
        }
        value
    }

    /// The day of a date-time such as `2022-09-18T08:00:00`.
    pub(super) fn date(&mut self, element: &Element) -> Option<NaiveDate> {
        if element.text.is_empty() {
            return None;
        }
        let day = element.text.get(..10).and_then(|d| parse_day(d).ok());
        if day.is_none() {
            self.bad(
                element,
                "a date-time from 1970 to 2100 (YYYY-MM-DDThh:mm:ss)",
            );
        }
        day
    }

    /// A duration in working days at `minutes_per_day`, rounded to the
    /// nearest whole day (at least one for work that takes any time), with
    /// a warning when it was not whole.
    pub(super) fn duration_days(&mut self, element: &Element, minutes_per_day: u32) -> Option<u32> {
        let Some(minutes) = iso_minutes(&element.text) else {
            self.bad(element, "a duration such as PT16H0M0S");
            return None;
        };
        let per_day = f64::from(minutes_per_day);
        let exact = minutes / per_day;
        let mut days = exact.round();
        if days == 0.0 && minutes > 0.0 {
            days = 1.0;
        }
        if (exact - days).abs() > 1e-9 {
            self.problems.push(Problem::warning(
                ProblemCode::Approximated,
                element.place(),
                format!(
                    "a duration of {} is {exact:.2} working days of {} hours: rounded to {days}d",
                    element.text,
                    per_day / 60.0
                ),
            ));
        }
        // Durations beyond a century are refused by validation, located.
        Some(days.min(f64::from(u32::MAX)) as u32)
    }
}

/// Minutes in an ISO 8601 duration as MSPDI writes them (`PT7H30M0S`,
/// `P2DT0H0M0S`, fractions allowed); days count 24 hours, as MS Project
/// writes elapsed days only so.
fn iso_minutes(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date_part, time_part) = rest.split_once('T').unwrap_or((rest, ""));
    let mut minutes = 0.0;
    for (part, units) in [
        (
            date_part,
            &[('Y', 0.0), ('M', 0.0), ('W', 0.0), ('D', 1440.0)][..],
        ),
        (time_part, &[('H', 60.0), ('M', 1.0), ('S', 1.0 / 60.0)][..]),
    ] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let &(_, factor) = units.iter().find(|(u, _)| *u == c)?;
            let value: f64 = number.parse().ok()?;
            if factor == 0.0 && value != 0.0 {
                return None;
            }
            minutes += value * factor;
            number.clear();
        }
        if !number.is_empty() {
            return None;
        }
    }
    minutes.is_finite().then_some(minutes)
}

/// `tenths` of a minute in whole working days of `per_day` tenths,
/// rounded half away from zero, and whether no rounding was needed.
pub(crate) fn whole_days(tenths: i64, per_day: u64) -> (i64, bool) {
    let per_day = i64::try_from(per_day.max(1)).unwrap_or(i64::MAX);
    let days = (tenths as f64 / per_day as f64).round() as i64;
    (days, tenths % per_day == 0)
}

/// The day `n` working days after `date` on `calendar`.
pub(super) fn add_working_days(calendar: &Calendar, date: NaiveDate, n: u32) -> NaiveDate {
    step_working_days(calendar, date, n, NaiveDate::succ_opt)
}

/// The day `n` working days before `date` on `calendar`.
pub(super) fn sub_working_days(calendar: &Calendar, date: NaiveDate, n: u32) -> NaiveDate {
    step_working_days(calendar, date, n, NaiveDate::pred_opt)
}

fn step_working_days(
    calendar: &Calendar,
    date: NaiveDate,
    n: u32,
    step: fn(&NaiveDate) -> Option<NaiveDate>,
) -> NaiveDate {
    if !calendar.works_some_weekday() {
        return date;
    }
    let mut day = date;
    let mut left = n;
    while left > 0 {
        let Some(next) = step(&day) else {
            return day;
        };
        day = next;
        if calendar.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        assert_eq!(iso_minutes("PT8H0M0S"), Some(480.0));
        assert_eq!(iso_minutes("PT7H30M0S"), Some(450.0));
        assert_eq!(iso_minutes("P1DT0H0M0S"), Some(1440.0));
        assert_eq!(iso_minutes("PT0H0M0S"), Some(0.0));
        assert_eq!(iso_minutes("PT1.5H"), Some(90.0));
        assert_eq!(iso_minutes("8h"), None);
        assert_eq!(iso_minutes("PT8X"), None);
        assert_eq!(iso_minutes("P1M"), None);
    }

    #[test]
    fn lags_in_tenths_of_minutes() {
        assert_eq!(whole_days(4800, 4800), (1, true));
        assert_eq!(whole_days(-9600, 4800), (-2, true));
        assert_eq!(whole_days(2400, 4800), (1, false));
        assert_eq!(whole_days(0, 4800), (0, true));
    }
}
