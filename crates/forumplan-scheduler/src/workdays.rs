//! Working-day arithmetic without day-by-day tables.
//!
//! A calendar is its weekly rule plus a sorted list of exceptions (holidays
//! on worked weekdays, extra working days on other weekdays): a few hundred
//! entries for the built-in `vn` calendar's 111 years. Counting working
//! days is then weekly arithmetic corrected by a binary search over the
//! exceptions, exact for every date chrono can represent, and building a
//! calendar costs microseconds whatever span a plan covers. Days are
//! numbered as chrono's `num_days_from_ce`, widened to `i64` so arithmetic
//! on far-off lags cannot overflow.
//!
//! With `idx(x)` = the number of working days before day `x` (relative to
//! a fixed origin, so it may be negative) and `nth(k)` = the working day
//! with index `k`, the contract's operations are:
//! `next_wd(x) = nth(idx(x))`, `prev_wd(x) = nth(idx(x + 1) - 1)` and
//! `add_wd(x, n) = nth(idx(x) + n)` for a working day `x`.

use chrono::{Datelike, NaiveDate};
use forumplan_core::calendar::Calendar;

/// A day number: days since 0001-01-01 (chrono's `num_days_from_ce`).
pub type Day = i64;

/// The day number of `date`.
pub fn day_number(date: NaiveDate) -> Day {
    Day::from(date.num_days_from_ce())
}

/// The date of day number `day`, if chrono can represent it.
pub fn date_of(day: Day) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// Day 1 (0001-01-01) is a Monday: `day - 1` counts weekdays from Monday.
fn weekday_of(day: Day) -> usize {
    (day - 1).rem_euclid(7) as usize
}

/// One calendar, ready for working-day arithmetic in `O(log exceptions)`.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    /// Worked weekdays, Monday first.
    pattern: [bool; 7],
    /// `before[w]` = worked weekdays before weekday `w` in a week.
    before: [i64; 8],
    /// The worked weekdays, Monday first (`per_week` of them).
    worked: [usize; 7],
    /// How many weekdays are worked.
    per_week: i64,
    /// The exceptions' days, in order.
    days: Vec<Day>,
    /// Whether each exception is a working day (else a holiday).
    working: Vec<bool>,
    /// `shift[i]` = the net effect of the first `i` exceptions on the count
    /// (+1 per extra working day, −1 per holiday); one longer than `days`.
    shift: Vec<i64>,
    /// `index[i]` = `idx(days[i])`, non-decreasing.
    index: Vec<i64>,
    /// Both answers tabulated over a window of days, where a schedule does
    /// nearly all its arithmetic (see [`WorkCalendar::tabulate`]).
    table: Option<Table>,
}

/// `idx` and `nth` looked up instead of searched, over a window of days.
#[derive(Debug, Clone)]
struct Table {
    /// The window's first day.
    first_day: Day,
    /// `idx[i]` = `idx(first_day + i)`.
    idx: Vec<i64>,
    /// `idx(first_day)`.
    first_index: i64,
    /// `nth[k]` = `nth(first_index + k)`: the window's working days.
    nth: Vec<Day>,
}

impl WorkCalendar {
    /// Prepares `calendar` for arithmetic.
    pub fn new(calendar: &Calendar) -> WorkCalendar {
        let pattern = calendar.weekdays();
        let mut before = [0i64; 8];
        let mut worked = [0usize; 7];
        let mut per_week = 0i64;
        for (weekday, &is_worked) in pattern.iter().enumerate() {
            before[weekday] = per_week;
            if is_worked {
                worked[per_week as usize] = weekday;
                per_week += 1;
            }
        }
        before[7] = per_week;
        let exceptions = calendar.exceptions();
        let mut work = WorkCalendar {
            pattern,
            before,
            worked,
            per_week,
            days: Vec::with_capacity(exceptions.len()),
            working: Vec::with_capacity(exceptions.len()),
            shift: Vec::with_capacity(exceptions.len() + 1),
            index: Vec::with_capacity(exceptions.len()),
            table: None,
        };
        let mut shift = 0;
        for &(date, is_working) in exceptions {
            let day = day_number(date);
            work.shift.push(shift);
            work.index.push(work.weekly(day) + shift);
            work.days.push(day);
            work.working.push(is_working);
            shift += if is_working { 1 } else { -1 };
        }
        work.shift.push(shift);
        work
    }

    /// Tabulates `idx` and `nth` for the days from
    /// `from` to `to` (excluded): a lookup there instead of a binary
    /// search over the exceptions, where every schedule (and every run of a
    /// risk simulation) does nearly all its arithmetic. Answers are the same everywhere;
    /// outside the window they are computed as before.
    pub fn tabulate(&mut self, from: Day, to: Day) {
        self.table = None;
        if to <= from {
            return;
        }
        // One walk over the days, the exceptions read alongside.
        let first_index = self.idx(from);
        let mut idx = Vec::with_capacity(usize::try_from(to - from).unwrap_or(0));
        let mut nth = Vec::with_capacity(idx.capacity());
        let mut next = self.days.partition_point(|&d| d < from);
        let mut count = first_index;
        for day in from..to {
            idx.push(count);
            let exception = (self.days.get(next) == Some(&day)).then(|| {
                next += 1;
                next - 1
            });
            if self.is_worked(exception, day) {
                nth.push(day);
                count += 1;
            }
        }
        self.table = Some(Table {
            first_day: from,
            first_index,
            idx,
            nth,
        });
    }

    /// Days of the weekly rule before `day` (relative to day 1).
    fn weekly(&self, day: Day) -> i64 {
        let t = day - 1;
        t.div_euclid(7) * self.per_week + self.before[weekday_of(day)]
    }

    /// The day of the weekly rule with weekly index `m` (`per_week > 0`).
    fn weekly_nth(&self, m: i64) -> Day {
        let week = m.div_euclid(self.per_week);
        let rank = m.rem_euclid(self.per_week) as usize;
        1 + week * 7 + self.worked[rank] as Day
    }

    /// Whether `day` is a working day.
    pub fn is_working(&self, day: Day) -> bool {
        self.is_worked(self.days.binary_search(&day).ok(), day)
    }

    /// Whether `day`, which is the exception at `exception` if any, is
    /// worked: as the exception says, else as the weekly rule does.
    fn is_worked(&self, exception: Option<usize>, day: Day) -> bool {
        match exception {
            Some(i) => self.working[i],
            None => self.pattern[weekday_of(day)],
        }
    }

    /// The number of working days before `day`.
    pub fn idx(&self, day: Day) -> i64 {
        if let Some(table) = &self.table
            && let Some(&i) = usize::try_from(day - table.first_day)
                .ok()
                .and_then(|at| table.idx.get(at))
        {
            return i;
        }
        let passed = self.days.partition_point(|&e| e < day);
        self.weekly(day) + self.shift[passed]
    }

    /// The working day whose index is `k`; `None` when the calendar has no
    /// such day (it works no weekday and `k` is past its extra days).
    pub fn nth(&self, k: i64) -> Option<Day> {
        if let Some(table) = &self.table
            && let Some(&day) = usize::try_from(k - table.first_index)
                .ok()
                .and_then(|at| table.nth.get(at))
        {
            return Some(day);
        }
        // The exceptions on or before the answer are exactly those whose
        // own index is at most `k`: one after the answer has a larger index.
        let passed = self.index.partition_point(|&i| i <= k);
        if let Some(last) = passed.checked_sub(1)
            && self.working[last]
            && self.index[last] == k
        {
            return Some(self.days[last]);
        }
        // Otherwise the answer lies strictly between two exceptions, where
        // only the weekly rule applies.
        (self.per_week > 0).then(|| self.weekly_nth(k - self.shift[passed]))
    }

    /// The first working day on or after `day`.
    pub fn next_wd(&self, day: Day) -> Option<Day> {
        self.nth(self.idx(day))
    }

    /// The last working day on or before `day`.
    pub fn prev_wd(&self, day: Day) -> Option<Day> {
        self.nth(self.idx(day + 1) - 1)
    }

    /// The `n`-th working day after working day `day` (before it when `n < 0`).
    pub fn add_wd(&self, day: Day, n: i64) -> Option<Day> {
        self.nth(self.idx(day) + n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use forumplan_core::plan::Weekday;

    fn day(y: i32, m: u32, d: u32) -> Day {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    /// Reference: walk day by day.
    fn walk_next(cal: &Calendar, mut d: Day) -> Day {
        while !cal.is_working_day(date_of(d).unwrap()) {
            d += 1;
        }
        d
    }

    #[test]
    fn arithmetic_matches_a_day_by_day_walk_in_any_year() {
        let vn = Calendar::vn();
        let work = WorkCalendar::new(&vn);
        for start in [
            day(1968, 12, 20),
            day(2022, 1, 28),
            day(2022, 9, 1),
            day(2101, 12, 25),
            day(2150, 3, 3),
            day(1900, 6, 6),
        ] {
            let mut expected = walk_next(&vn, start);
            assert_eq!(work.next_wd(start), Some(expected));
            for n in 1..40 {
                expected = walk_next(&vn, expected + 1);
                assert_eq!(
                    work.add_wd(work.next_wd(start).unwrap(), n),
                    Some(expected),
                    "start {start} n {n}"
                );
            }
            let back = work.next_wd(start).unwrap();
            assert_eq!(work.add_wd(expected, -39), Some(back));
        }
    }

    proptest::proptest! {
        /// Against a day-by-day reference, on calendars with any weekly
        /// rule (none worked included) and holidays and extra days packed
        /// into a few months: `idx` counts, `nth` inverts it, `is_working`
        /// agrees.
        #[test]
        fn arithmetic_matches_counting_day_by_day(
            weekdays in proptest::collection::vec(proptest::bool::ANY, 7),
            holidays in proptest::collection::vec(0i64..120, 0..30),
            extra in proptest::collection::vec(0i64..120, 0..30),
        ) {
            let start = day(2030, 1, 1);
            let date = |offset: i64| date_of(start + offset).unwrap();
            let days = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
            let worked: Vec<Weekday> = days.iter().zip(&weekdays).filter(|(_, w)| **w).map(|(d, _)| *d).collect();
            let calendar = Calendar::derive(
                "random",
                &Calendar::vn(),
                Some(&worked),
                holidays.iter().map(|&o| date(o)),
                extra.iter().map(|&o| date(o)),
            );
            let work = WorkCalendar::new(&calendar);
            let first = start - 30;
            let base = work.idx(first);
            // And over a window inside the days compared: the same answers.
            let mut fast = work.clone();
            fast.tabulate(start - 10, start + 100);
            let mut count = 0;
            for d in first..start + 150 {
                proptest::prop_assert_eq!(work.idx(d) - base, count, "idx of day {}", d - start);
                proptest::prop_assert_eq!(fast.idx(d), work.idx(d));
                proptest::prop_assert_eq!(fast.nth(work.idx(d)), work.nth(work.idx(d)));
                let is_working = calendar.is_working_day(date_of(d).unwrap());
                proptest::prop_assert_eq!(work.is_working(d), is_working);
                if is_working {
                    proptest::prop_assert_eq!(work.nth(base + count), Some(d));
                    count += 1;
                }
            }
        }
    }

    #[test]
    fn a_window_changes_no_answer() {
        let vn = WorkCalendar::new(&Calendar::vn());
        let (from, to) = (day(2022, 1, 10), day(2022, 12, 20));
        let mut fast = vn.clone();
        fast.tabulate(from, to);
        for d in from - 400..to + 400 {
            assert_eq!(fast.idx(d), vn.idx(d), "idx {d}");
            let k = vn.idx(d);
            for k in [k - 1, k, k + 1] {
                assert_eq!(fast.nth(k), vn.nth(k), "nth {k}");
            }
        }
    }

    #[test]
    fn vn_skips_tet_and_weekends() {
        let work = WorkCalendar::new(&Calendar::vn());
        // Tết 2022: 31/1–4/2 (Mon–Fri). The Friday before is 28/1.
        assert_eq!(work.next_wd(day(2022, 1, 29)), Some(day(2022, 2, 7)));
        assert_eq!(work.prev_wd(day(2022, 2, 6)), Some(day(2022, 1, 28)));
        assert_eq!(work.add_wd(day(2022, 1, 28), 1), Some(day(2022, 2, 7)));
        assert!(!work.is_working(day(2022, 9, 2)));
        assert!(work.is_working(day(2022, 9, 5)));
    }

    #[test]
    fn a_calendar_with_no_weekly_working_day_runs_out() {
        let vn = Calendar::vn();
        let none = Calendar::derive(
            "none",
            &vn,
            Some(&[]),
            [],
            [NaiveDate::from_ymd_opt(2022, 9, 17).unwrap()],
        );
        let work = WorkCalendar::new(&none);
        assert_eq!(work.next_wd(day(2022, 9, 1)), Some(day(2022, 9, 17)));
        assert_eq!(work.next_wd(day(2022, 9, 18)), None);
        assert_eq!(work.prev_wd(day(2022, 9, 16)), None);
        let _ = Weekday::Mon;
    }
}
