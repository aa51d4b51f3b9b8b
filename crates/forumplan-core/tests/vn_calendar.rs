//! The Vietnamese lunar calendar and public holidays, through the public API
//! of `forumplan_core::calendar`.

use chrono::{Datelike, NaiveDate};
use forumplan_core::calendar::lunar::{LunarDate, lunar_to_solar, solar_to_lunar};
use forumplan_core::calendar::vn_holidays::{FIRST_YEAR, LAST_YEAR, VnHoliday, vn_public_holidays};

mod published;

use published::{HUNG_KINGS, TET};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn tet_matches_published_dates() {
    for &(y, m, d) in TET {
        let tet = date(y, m, d);
        assert_eq!(lunar_to_solar(y, 1, 1, false), Some(tet), "Tết {y}");
        assert_eq!(
            solar_to_lunar(tet),
            LunarDate {
                year: y,
                month: 1,
                day: 1,
                leap: false
            },
            "{tet}"
        );
        // The day before is the last day of the old year's month 12.
        let eve = solar_to_lunar(tet.pred_opt().unwrap());
        assert_eq!((eve.year, eve.month, eve.leap), (y - 1, 12, false), "{tet}");
        assert!(eve.day == 29 || eve.day == 30, "{tet}: {eve:?}");
    }
}

#[test]
fn vietnam_differs_from_china_where_published() {
    // UTC+8 would give China's dates; these must not come out.
    assert_ne!(lunar_to_solar(2007, 1, 1, false), Some(date(2007, 2, 18)));
    assert_ne!(lunar_to_solar(1985, 1, 1, false), Some(date(1985, 2, 20)));
    assert_ne!(lunar_to_solar(2030, 1, 1, false), Some(date(2030, 2, 3)));
    // Vietnam's leap month of that period came after month 2 of 1985, so
    // China's Tết 1985 (20 Feb) was 1/2 in Vietnam; from 1/3 (20 April
    // 1985) the two calendars agree again (netcult.ch "Cal. Vietnamese":
    // "since 20 April 1985 corresponding to Chinese Calendar").
    assert!((1..=12).all(|m| lunar_to_solar(1984, m, 1, true).is_none()));
    assert_eq!(lunar_to_solar(1985, 2, 1, true), Some(date(1985, 3, 21)));
    assert_eq!(
        solar_to_lunar(date(1985, 2, 20)),
        LunarDate {
            year: 1985,
            month: 2,
            day: 1,
            leap: false
        }
    );
    assert_eq!(lunar_to_solar(1985, 3, 1, false), Some(date(1985, 4, 20)));
}

#[test]
fn hung_kings_day_matches_published_dates() {
    for &(y, m, d) in HUNG_KINGS {
        let day = date(y, m, d);
        assert_eq!(lunar_to_solar(y, 3, 10, false), Some(day), "Hùng Kings {y}");
        assert_eq!(
            solar_to_lunar(day),
            LunarDate {
                year: y,
                month: 3,
                day: 10,
                leap: false
            },
            "{day}"
        );
        let holidays = vn_public_holidays(y);
        assert!(
            holidays.contains(&(day, VnHoliday::HungKings)),
            "{y}: {holidays:?}"
        );
    }
}

#[test]
fn known_leap_months() {
    // 2023 had a leap 2nd month starting 22 March; 2020 a leap 4th month;
    // 2025 a leap 6th month; 2024 none.
    assert_eq!(lunar_to_solar(2023, 2, 1, true), Some(date(2023, 3, 22)));
    assert_eq!(
        solar_to_lunar(date(2023, 3, 22)),
        LunarDate {
            year: 2023,
            month: 2,
            day: 1,
            leap: true
        }
    );
    assert!(lunar_to_solar(2020, 4, 15, true).is_some());
    assert!(lunar_to_solar(2025, 6, 15, true).is_some());
    for month in 1..=12 {
        assert_eq!(
            lunar_to_solar(2024, month, 1, true),
            None,
            "2024 leap {month}"
        );
        assert_eq!(lunar_to_solar(2023, month, 1, true).is_some(), month == 2);
    }
}

#[test]
fn lunar_dates_that_do_not_exist() {
    // Month 12 of lunar 2021 had 29 days: 31 Jan 2022 was its last day.
    assert_eq!(lunar_to_solar(2021, 12, 29, false), Some(date(2022, 1, 31)));
    assert_eq!(lunar_to_solar(2021, 12, 30, false), None);
    // Month 12 of lunar 2022 had 30 days.
    assert_eq!(lunar_to_solar(2022, 12, 30, false), Some(date(2023, 1, 21)));
    for (y, m, d) in [(2022, 0, 1), (2022, 13, 1), (2022, 1, 0), (2022, 1, 31)] {
        assert_eq!(lunar_to_solar(y, m, d, false), None, "{y}-{m}-{d}");
    }
    // Far outside the supported range: no panic, no date.
    assert_eq!(lunar_to_solar(i32::MAX, 1, 1, false), None);
    assert_eq!(lunar_to_solar(i32::MIN, 12, 30, true), None);
}

#[test]
fn round_trip_and_month_shape_1990_to_2100() {
    let first = date(1990, 1, 1);
    let last = date(2100, 12, 31);
    let mut prev: Option<LunarDate> = None;
    // (lunar year, months seen, leap months seen)
    let mut year_months: Vec<(i32, u32, u32)> = Vec::new();
    for d in first.iter_days().take_while(|d| *d <= last) {
        let l = solar_to_lunar(d);
        assert_eq!(
            lunar_to_solar(l.year, l.month, l.day, l.leap),
            Some(d),
            "{d}: {l:?}"
        );
        assert!(
            (1..=12).contains(&l.month) && (1..=30).contains(&l.day),
            "{d}: {l:?}"
        );
        if let Some(p) = prev {
            if l.day == 1 {
                assert!(
                    p.day == 29 || p.day == 30,
                    "{d}: month before has {} days",
                    p.day
                );
                let same_number_leap = l.leap && !p.leap && l.month == p.month && l.year == p.year;
                let next_number = !l.leap
                    && if p.month == 12 {
                        l.month == 1 && l.year == p.year + 1
                    } else {
                        l.month == p.month + 1 && l.year == p.year
                    };
                assert!(same_number_leap || next_number, "{d}: {p:?} -> {l:?}");
                match year_months.last_mut() {
                    Some((y, months, leaps)) if *y == l.year => {
                        *months += 1;
                        *leaps += u32::from(l.leap);
                    }
                    _ => year_months.push((l.year, 1, 0)),
                }
            } else {
                assert_eq!(
                    (l.year, l.month, l.leap, l.day),
                    (p.year, p.month, p.leap, p.day + 1)
                );
            }
        }
        prev = Some(l);
    }
    // Whole lunar years inside the range: 1990 to 2099.
    let whole: Vec<_> = year_months
        .iter()
        .filter(|(y, ..)| (1990..=2099).contains(y))
        .collect();
    assert_eq!(whole.len(), 110);
    for &&(y, months, leaps) in &whole {
        assert!(
            (months == 12 && leaps == 0) || (months == 13 && leaps == 1),
            "lunar {y}: {months} months, {leaps} leap"
        );
    }
    // Metonic cycle: 7 leap years in every 19.
    let leap_years = whole.iter().filter(|(_, m, _)| *m == 13).count();
    assert!(
        (39..=42).contains(&leap_years),
        "{leap_years} leap years in 110"
    );
}

#[test]
fn tet_always_between_21_january_and_20_february() {
    for y in 1900..=2199 {
        let tet = lunar_to_solar(y, 1, 1, false).unwrap();
        assert!(
            tet >= date(y, 1, 21) && tet <= date(y, 2, 20),
            "Tết {y} on {tet}"
        );
    }
}

#[test]
fn extreme_dates_do_not_panic_and_stay_well_formed() {
    let samples = [
        NaiveDate::MIN,
        NaiveDate::MAX,
        date(-4000, 6, 1),
        date(1, 1, 1),
        date(1582, 10, 15),
        date(3000, 12, 31),
        date(9999, 12, 31),
        date(100_000, 3, 1),
    ];
    for d in samples {
        let l = solar_to_lunar(d);
        assert!(
            (1..=12).contains(&l.month) && (1..=30).contains(&l.day),
            "{d}: {l:?}"
        );
        if d != NaiveDate::MIN && d != NaiveDate::MAX {
            assert_eq!(
                lunar_to_solar(l.year, l.month, l.day, l.leap),
                Some(d),
                "{d}: {l:?}"
            );
        }
    }
}

#[test]
fn public_holidays_2022() {
    use VnHoliday::*;
    let expected = vec![
        (date(2022, 1, 1), NewYear),
        (date(2022, 1, 31), Tet),
        (date(2022, 2, 1), Tet),
        (date(2022, 2, 2), Tet),
        (date(2022, 2, 3), Tet),
        (date(2022, 2, 4), Tet),
        (date(2022, 4, 10), HungKings),
        (date(2022, 4, 30), ReunificationDay),
        (date(2022, 5, 1), LabourDay),
        (date(2022, 9, 2), NationalDay),
        (date(2022, 9, 3), NationalDay),
    ];
    assert_eq!(vn_public_holidays(2022), expected);
}

#[test]
fn public_holidays_2023_start_on_new_years_eve_30th() {
    // Month 12 of lunar 2022 had 30 days: the eve was Saturday 21 Jan 2023.
    let tet: Vec<_> = vn_public_holidays(2023)
        .into_iter()
        .filter(|&(_, h)| h == VnHoliday::Tet)
        .map(|(d, _)| d)
        .collect();
    assert_eq!(tet, (21..=25).map(|d| date(2023, 1, d)).collect::<Vec<_>>());
}

#[test]
fn public_holidays_every_supported_year() {
    assert!(vn_public_holidays(FIRST_YEAR - 1).is_empty());
    assert!(vn_public_holidays(LAST_YEAR + 1).is_empty());
    for year in FIRST_YEAR..=LAST_YEAR {
        let days = vn_public_holidays(year);
        assert!(
            days.windows(2).all(|w| w[0].0 < w[1].0),
            "{year}: not sorted/unique"
        );
        assert!(days.iter().all(|(d, _)| d.year() == year), "{year}");
        let count = |h| days.iter().filter(|&&(_, x)| x == h).count();
        assert_eq!(count(VnHoliday::NewYear), 1, "{year}");
        assert_eq!(count(VnHoliday::Tet), 5, "{year}");
        assert_eq!(count(VnHoliday::NationalDay), 2, "{year}");
        assert_eq!(days.len(), 11, "{year}: {days:?}");
        let tet = lunar_to_solar(year, 1, 1, false).unwrap();
        let tet_days: Vec<_> = days
            .iter()
            .filter(|&&(_, h)| h == VnHoliday::Tet)
            .map(|&(d, _)| d)
            .collect();
        assert_eq!(tet_days.first(), tet.pred_opt().as_ref(), "{year}");
        assert_eq!(
            tet_days.last().copied(),
            tet.checked_add_days(chrono::Days::new(3)),
            "{year}"
        );
        let hung = lunar_to_solar(year, 3, 10, false).unwrap();
        assert!(days.iter().any(|&(d, _)| d == hung), "{year}");
    }
}
