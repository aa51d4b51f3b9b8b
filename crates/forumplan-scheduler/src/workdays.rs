//! Working-day arithmetic in constant time.
//!
//! A calendar is turned into a prefix count of working days over a fixed
//! window that holds every date a plan may name (1969–2101). Beyond the
//! window no holiday or extra day exists, so the weekly pattern is
//! extrapolated arithmetically. Days are numbered as chrono's
//! `num_days_from_ce`, widened to `i64` so arithmetic on far-off lags
//! cannot overflow.
//!
//! With `idx(x)` = the number of working days before day `x` (relative to
//! the window's start, so it may be negative) and `nth(k)` = the working
//! day with index `k`, the contract's operations are:
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

fn window() -> (Day, Day) {
    let first = NaiveDate::from_ymd_opt(1969, 1, 1).map_or(0, day_number);
    let end = NaiveDate::from_ymd_opt(2102, 1, 1).map_or(0, day_number);
    (first, end)
}

/// One calendar, ready for O(1) working-day arithmetic.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    /// First day of the window.
    origin: Day,
    /// One past the window's last day.
    end: Day,
    /// `prefix[i]` = working days in `[origin, origin + i)`; one longer than the window.
    prefix: Vec<u32>,
    /// The window's working days, as offsets from `origin`.
    working: Vec<u32>,
    /// Worked weekdays beyond the window, indexed by `day.rem_euclid(7)`.
    pattern: [bool; 7],
    /// How many of them there are.
    per_week: i64,
}

impl WorkCalendar {
    /// Precomputes `calendar` over the window.
    pub fn new(calendar: &Calendar) -> WorkCalendar {
        let (origin, end) = window();
        let len = (end - origin) as usize;
        let mut prefix = Vec::with_capacity(len + 1);
        let mut working = Vec::with_capacity(len * 5 / 7 + 7);
        prefix.push(0);
        let mut count = 0u32;
        for offset in 0..len {
            let is_working =
                date_of(origin + offset as Day).is_some_and(|d| calendar.is_working_day(d));
            if is_working {
                working.push(offset as u32);
                count += 1;
            }
            prefix.push(count);
        }
        // Beyond the window only the weekly rule applies: take it from the
        // first week after the window, which no holiday reaches.
        let mut pattern = [false; 7];
        for day in end..end + 7 {
            if let Some(date) = date_of(day) {
                pattern[day.rem_euclid(7) as usize] = calendar.is_working_day(date);
            }
        }
        let per_week = pattern.iter().filter(|&&w| w).count() as i64;
        WorkCalendar {
            origin,
            end,
            prefix,
            working,
            pattern,
            per_week,
        }
    }

    fn total(&self) -> i64 {
        i64::from(*self.prefix.last().unwrap_or(&0))
    }

    /// Working days in `[from, to)` by the weekly pattern alone (`from ≤ to`).
    fn weekly_count(&self, from: Day, to: Day) -> i64 {
        let days = to - from;
        let mut count = days / 7 * self.per_week;
        for day in from + days / 7 * 7..to {
            count += i64::from(self.pattern[day.rem_euclid(7) as usize]);
        }
        count
    }

    /// Whether `day` is a working day.
    pub fn is_working(&self, day: Day) -> bool {
        self.idx(day + 1) > self.idx(day)
    }

    /// The number of working days before `day` (negative before the window).
    pub fn idx(&self, day: Day) -> i64 {
        if day < self.origin {
            -self.weekly_count(day, self.origin)
        } else if day <= self.end {
            i64::from(self.prefix[(day - self.origin) as usize])
        } else {
            self.total() + self.weekly_count(self.end, day)
        }
    }

    /// The working day whose index is `k`; `None` when the calendar has no
    /// such day (it works no weekday and `k` leaves the window).
    pub fn nth(&self, k: i64) -> Option<Day> {
        let total = self.total();
        if (0..total).contains(&k) {
            return Some(self.origin + Day::from(self.working[k as usize]));
        }
        if self.per_week == 0 {
            return None;
        }
        if k >= total {
            // The (k - total)-th working day on or after `end`.
            let rank = k - total;
            let mut day = self.end + rank / self.per_week * 7;
            let mut left = rank % self.per_week;
            loop {
                if self.pattern[day.rem_euclid(7) as usize] {
                    if left == 0 {
                        return Some(day);
                    }
                    left -= 1;
                }
                day += 1;
            }
        }
        // The (-k)-th working day going back from `origin` (1-based).
        let rank = -k - 1;
        let mut day = self.origin - 1 - rank / self.per_week * 7;
        let mut left = rank % self.per_week;
        loop {
            if self.pattern[day.rem_euclid(7) as usize] {
                if left == 0 {
                    return Some(day);
                }
                left -= 1;
            }
            day -= 1;
        }
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
    fn arithmetic_matches_a_day_by_day_walk_across_the_window_edges() {
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
