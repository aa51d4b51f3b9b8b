//! Vietnam's public holidays: the days off of the built-in `vn` calendar.
//!
//! The rules, applied to every supported year alike:
//! - 1 January (Tết Dương lịch);
//! - Tết Nguyên Đán: the last day of the old lunar year (the 29th or 30th of
//!   month 12) through the 4th day of the new lunar year, five days;
//! - the Hùng Kings' Commemoration (Giỗ Tổ Hùng Vương): the 10th day of
//!   lunar month 3 (not the leap month 3);
//! - 30 April (Reunification Day) and 1 May (International Labour Day);
//! - 2 and 3 September (National Day).
//!
//! Days falling on a weekend are not moved: compensation days and swapped
//! working days are decided by the government year by year and belong in
//! plan files or configuration.

use chrono::{Datelike, Days, NaiveDate};

use super::lunar_table;

/// Which public holiday a day off belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VnHoliday {
    /// 1 January (Tết Dương lịch).
    NewYear,
    /// Lunar New Year (Tết Nguyên Đán), from New Year's Eve to the 4th day.
    Tet,
    /// Hùng Kings' Commemoration (Giỗ Tổ Hùng Vương), 10th day of lunar month 3.
    HungKings,
    /// 30 April (Ngày Giải phóng miền Nam, thống nhất đất nước).
    ReunificationDay,
    /// 1 May (Ngày Quốc tế Lao động).
    LabourDay,
    /// 2 September and the day after (Quốc khánh).
    NationalDay,
}

/// First and last years for which `vn_public_holidays` is defined.
pub const FIRST_YEAR: i32 = 1990;
/// Last year for which [`vn_public_holidays`] is defined (see [`FIRST_YEAR`]).
pub const LAST_YEAR: i32 = 2100;

/// Every public holiday of Vietnam in `year`, sorted by date, each day
/// listed once. Empty outside [`FIRST_YEAR`]`..=`[`LAST_YEAR`].
///
/// When two holidays fall on the same day, the day is listed once, under
/// the holiday declared first in [`VnHoliday`].
pub fn vn_public_holidays(year: i32) -> Vec<(NaiveDate, VnHoliday)> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    holidays_of(year, tet(year), tet(year + 1))
}

/// Every public holiday of every supported year, in date order: the same
/// days as [`vn_public_holidays`] year by year, each lunar new year read
/// once rather than for both solar years it can touch.
pub fn vn_public_holidays_all() -> Vec<(NaiveDate, VnHoliday)> {
    let mut days = Vec::with_capacity(12 * (LAST_YEAR - FIRST_YEAR + 1) as usize);
    let mut this_tet = tet(FIRST_YEAR);
    for year in FIRST_YEAR..=LAST_YEAR {
        let next_tet = tet(year + 1);
        days.extend(holidays_of(year, this_tet, next_tet));
        this_tet = next_tet;
    }
    days
}

/// The first day of lunar year `lunar_year`.
fn tet(lunar_year: i32) -> Option<NaiveDate> {
    lunar_table::new_year(lunar_year)
}

/// The holidays of `year`, given the lunar new years that start in it and
/// in the year after.
fn holidays_of(
    year: i32,
    this_tet: Option<NaiveDate>,
    next_tet: Option<NaiveDate>,
) -> Vec<(NaiveDate, VnHoliday)> {
    // Pushed in VnHoliday's declaration order, so the stable sort below
    // keeps that order among days that coincide.
    let mut days = Vec::with_capacity(12);
    days.extend(fixed(year, 1, 1, VnHoliday::NewYear));
    // The eve of a lunar new year could only fall in the previous solar
    // year if Tết were on 1 January, so look at both new years that can
    // touch `year` and keep the days inside it.
    for tet in [this_tet, next_tet] {
        let Some(tet) = tet else {
            continue;
        };
        let eve = tet.checked_sub_days(Days::new(1));
        let rest = (0..=3).map(|n| tet.checked_add_days(Days::new(n)));
        for date in std::iter::once(eve).chain(rest).flatten() {
            if date.year() == year {
                days.push((date, VnHoliday::Tet));
            }
        }
    }
    days.extend(lunar_table::hung_kings(year).map(|date| (date, VnHoliday::HungKings)));
    days.extend(fixed(year, 4, 30, VnHoliday::ReunificationDay));
    days.extend(fixed(year, 5, 1, VnHoliday::LabourDay));
    days.extend(fixed(year, 9, 2, VnHoliday::NationalDay));
    days.extend(fixed(year, 9, 3, VnHoliday::NationalDay));
    days.sort_by_key(|&(date, _)| date);
    days.dedup_by_key(|&mut (date, _)| date);
    days
}

/// A holiday on a fixed solar date of `year`.
fn fixed(year: i32, month: u32, day: u32, holiday: VnHoliday) -> Option<(NaiveDate, VnHoliday)> {
    NaiveDate::from_ymd_opt(year, month, day).map(|date| (date, holiday))
}
