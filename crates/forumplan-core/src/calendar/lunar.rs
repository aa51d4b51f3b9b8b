//! The Vietnamese lunar calendar (âm lịch), computed astronomically.
//!
//! This follows the method published by Hồ Ngọc Đức for the Vietnamese
//! calendar ("Âm lịch Việt Nam", <https://www.informatik.uni-leipzig.de/~duc/amlich/>),
//! which uses Jean Meeus' approximations ("Astronomical Algorithms") for the
//! times of new moons and for the sun's longitude:
//!
//! - a lunar month starts on the day (in local time) of a new moon;
//! - month 11 is the month that contains the winter solstice;
//! - when 13 new moons separate two months 11, the first month after month 11
//!   that contains no major solar term (the sun crossing a multiple of 30°)
//!   is a leap month and repeats the number of the month before it.
//!
//! Days are reckoned in Vietnam's time zone, UTC+7. That is why the
//! Vietnamese calendar sometimes differs from the Chinese one (UTC+8): Tết
//! 2007 fell on 17 February in Vietnam and on 18 February in China.
//!
//! Solar dates use chrono's proleptic Gregorian calendar throughout.
//!
//! # Range
//! The results are checked against published dates for 1900–2199. The
//! functions accept any date chrono can represent and never panic, but far
//! from the present they are extrapolations: ΔT (the difference between
//! terrestrial and universal time) is held at its value for about the years
//! −1100 and 4900 beyond those years, so the months there no longer follow
//! the real sky. They still form a well-shaped calendar (months of 29 or 30
//! days, 12 or 13 months a year).

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};

/// A day of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    /// The lunar year, numbered as the solar year in which it begins
    /// (the year whose Tết falls in January or February of that solar year).
    pub year: i32,
    /// The month, 1–12. A leap month repeats the number of the month before it.
    pub month: u8,
    /// The day of the month, 1–30.
    pub day: u8,
    /// Whether the month is the leap month (tháng nhuận) of the year.
    pub leap: bool,
}

/// Vietnam's time zone, in hours east of UTC.
const TIME_ZONE_HOURS: f64 = 7.0;
/// Mean length of a lunation, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// Julian date of the mean new moon numbered 0 (1900-01-01).
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// Julian day number of 0000-12-31, the day before chrono's day 1 of the
/// common era.
const JD_OF_CE_DAY_ZERO: i64 = 1_721_425;
/// ΔT is extrapolated with Meeus' polynomials only this many Julian
/// centuries around 1900; beyond that the polynomials diverge quickly.
const DELTA_T_CENTURIES: f64 = 30.0;

/// Converts a solar (Gregorian) date to the Vietnamese lunar calendar.
///
/// Defined for every date chrono can represent; accurate for 1900–2199 (see
/// the module documentation).
pub fn solar_to_lunar(date: NaiveDate) -> LunarDate {
    let jd = julian_day(date);
    let k = month_containing(jd);
    let solar_year = i64::from(date.year());
    let cycle_year = if k >= month_11(solar_year) {
        solar_year
    } else {
        solar_year - 1
    };
    let cycle = Cycle::of(cycle_year);
    let label = cycle.label(k - cycle.k11);
    // Day numbers are 1..=30 for any sane lunation; the clamp only guards
    // against a malformed month far outside the supported range.
    let day = (jd - new_moon_day(k) + 1).clamp(1, 30);
    LunarDate {
        year: saturate_i32(label.lunar_year(cycle_year)),
        month: label.month,
        day: u8::try_from(day).unwrap_or(30),
        leap: label.leap,
    }
}

/// Converts a Vietnamese lunar date to the solar (Gregorian) calendar.
///
/// `year` is the lunar year as in [`LunarDate::year`]; `leap` asks for the
/// leap month that repeats `month`.
///
/// None when the lunar date does not exist (e.g. day 30 of a 29-day month, or a leap month that year lacks).
/// Also None when `month` is not 1–12, `day` is not 1–30, or the result
/// falls outside the dates chrono can represent.
pub fn lunar_to_solar(year: i32, month: u8, day: u8, leap: bool) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    // Keep the astronomy within the dates chrono can hold (and far from
    // overflowing anything); years beyond that have no solar date anyway.
    if year <= NaiveDate::MIN.year() || year >= NaiveDate::MAX.year() {
        return None;
    }
    let year = i64::from(year);
    let cycle_year = if month >= 11 { year } else { year - 1 };
    let cycle = Cycle::of(cycle_year);
    let index = (0..cycle.months).find(|&i| {
        let label = cycle.label(i);
        label.month == month && label.leap == leap && label.lunar_year(cycle_year) == year
    })?;
    let start = new_moon_day(cycle.k11 + index);
    let length = new_moon_day(cycle.k11 + index + 1) - start;
    if i64::from(day) > length {
        return None;
    }
    from_julian_day(start + i64::from(day) - 1)
}

/// The lunar months from one month 11 (inclusive) to the next (exclusive).
struct Cycle {
    /// Number of the new moon that starts month 11.
    k11: i64,
    /// Number of months in the cycle: 12, or 13 when one is a leap month.
    months: i64,
    /// Index (from month 11 = 0) of the leap month, if any.
    leap_index: Option<i64>,
}

/// The name of the month at some index of a [`Cycle`].
#[derive(Clone, Copy)]
struct MonthLabel {
    month: u8,
    leap: bool,
    /// Months since month 11 of the cycle, not counting the leap month.
    ordinal: i64,
}

impl MonthLabel {
    /// Months 11 and 12 belong to the lunar year `cycle_year`; months 1–10
    /// to the next one.
    fn lunar_year(self, cycle_year: i64) -> i64 {
        if self.ordinal < 2 {
            cycle_year
        } else {
            cycle_year + 1
        }
    }
}

impl Cycle {
    /// The cycle that starts with month 11 of lunar year `year`, i.e. the
    /// month containing the winter solstice of solar year `year`.
    fn of(year: i64) -> Self {
        let k11 = month_11(year);
        let months = month_11(year + 1) - k11;
        let leap_index = (months == 13).then(|| leap_month_index(k11));
        Cycle {
            k11,
            months,
            leap_index,
        }
    }

    fn label(&self, index: i64) -> MonthLabel {
        let (ordinal, leap) = match self.leap_index {
            Some(l) if index >= l => (index - 1, index == l),
            _ => (index, false),
        };
        // ordinal 0 is month 11, 1 is month 12, 2 is month 1, ...
        let month = u8::try_from((10 + ordinal).rem_euclid(12) + 1).unwrap_or(1);
        MonthLabel {
            month,
            leap,
            ordinal,
        }
    }
}

/// Index (1–12, from month 11 = 0) of the first month of a 13-month cycle
/// during which the sun enters no new 30° sector (no major solar term).
fn leap_month_index(k11: i64) -> i64 {
    let mut sector = sun_sector(new_moon_day(k11 + 1));
    for i in 1..=12 {
        let next = sun_sector(new_moon_day(k11 + i + 1));
        if next == sector {
            return i;
        }
        sector = next;
    }
    // Unreachable with real astronomy: 13 lunations hold only 12 major
    // terms, so some month between the two months 11 lacks one.
    12
}

/// Number of the new moon starting month 11 of lunar year `year`: the
/// month that contains the winter solstice of solar year `year`.
fn month_11(year: i64) -> i64 {
    // The new moon at or just before 31 December, by mean lunations...
    let days = jd_from_gregorian(year, 12, 31) - 2_415_021;
    let k = (days as f64 / SYNODIC_MONTH).floor() as i64;
    // ...starts month 11 unless the sun was already past 270° (the
    // solstice) when it began; then month 11 began one lunation earlier.
    if sun_sector(new_moon_day(k)) >= 9 {
        k - 1
    } else {
        k
    }
}

/// Number `k` of the lunar month containing Julian day `jd`: the last new
/// moon falling on or before that day.
fn month_containing(jd: i64) -> i64 {
    let mut k = ((jd as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    // The true new moon is within about a day of the mean one; the loops
    // correct the estimate by one lunation at most (bounded for safety).
    for _ in 0..4 {
        if new_moon_day(k) > jd {
            k -= 1;
        } else if new_moon_day(k + 1) <= jd {
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// Julian day number (in Vietnam's time zone) of the day of new moon `k`.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i64
}

/// Julian date (UT) of new moon number `k`, counted from the new moon of
/// 1900-01-01 (Meeus, "Astronomical Algorithms", as used by Hồ Ngọc Đức).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries since 1900-01-01
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    // Mean anomalies of the sun and moon, and the moon's argument of latitude.
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    jd1 + c1 - delta_t(t)
}

/// ΔT in days at `t` Julian centuries from 1900, held constant beyond
/// [`DELTA_T_CENTURIES`].
fn delta_t(t: f64) -> f64 {
    let t = t.clamp(-DELTA_T_CENTURIES, DELTA_T_CENTURIES);
    let t2 = t * t;
    let t3 = t2 * t;
    if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    }
}

/// The 30° sector (0–11) of the sun's longitude at the start (local
/// midnight) of Julian day `jd`. Sector 9 begins at the winter solstice.
fn sun_sector(jd: i64) -> i64 {
    let longitude = sun_longitude(jd as f64 - 0.5 - TIME_ZONE_HOURS / 24.0);
    ((longitude / PI * 6.0).floor() as i64).clamp(0, 11)
}

/// The sun's apparent longitude in radians, in [0, 2π), at Julian date `jd`.
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36525.0; // Julian centuries since J2000.0
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl = dl + (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    ((l0 + dl) * dr).rem_euclid(2.0 * PI)
}

/// Julian day number of a chrono date.
fn julian_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JD_OF_CE_DAY_ZERO
}

/// The chrono date of a Julian day number, if chrono can represent it.
fn from_julian_day(jd: i64) -> Option<NaiveDate> {
    let days = i32::try_from(jd - JD_OF_CE_DAY_ZERO).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Julian day number of a proleptic Gregorian date, for any year.
fn jd_from_gregorian(year: i64, month: i64, day: i64) -> i64 {
    let a = (14 - month).div_euclid(12);
    let y = year + 4800 - a;
    let m = month + 12 * a - 3;
    day + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        - 32045
}

fn saturate_i32(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(if value < 0 { i32::MIN } else { i32::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn julian_day_agrees_with_the_gregorian_formula() {
        // 2000-01-01 is JD 2451545 (the J2000.0 epoch is its noon).
        let d = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        assert_eq!(julian_day(d), 2_451_545);
        assert_eq!(jd_from_gregorian(2000, 1, 1), 2_451_545);
        for jd in [1_721_426, 2_299_161, 2_415_021, 2_488_070] {
            let d = from_julian_day(jd).unwrap();
            assert_eq!(
                jd_from_gregorian(d.year().into(), d.month().into(), d.day().into()),
                jd
            );
        }
    }

    #[test]
    fn new_moon_matches_a_known_instant() {
        // New moon of 2024-02-09 22:59 UT (Tết 2024 is 10 Feb in UTC+7).
        let k = month_containing(julian_day(NaiveDate::from_ymd_opt(2024, 2, 10).unwrap()));
        let jd = new_moon(k);
        // JD 2460350 is noon of 9 February, so its midnight is 2460349.5.
        let expected = 2_460_349.5 + (22.0 + 59.0 / 60.0) / 24.0;
        assert!((jd - expected).abs() < 0.01, "{jd} vs {expected}");
    }

    #[test]
    fn leap_months_of_known_years() {
        // Published Vietnamese calendars: 2020 has a leap 4th month,
        // 2023 a leap 2nd month, 2025 a leap 6th month.
        for (year, month) in [(2020, 4), (2023, 2), (2025, 6)] {
            assert!(lunar_to_solar(year, month, 1, true).is_some(), "{year}");
            assert!(lunar_to_solar(year, month + 1, 1, true).is_none(), "{year}");
        }
        assert!((1..=12).all(|m| lunar_to_solar(2024, m, 1, true).is_none()));
    }
}
