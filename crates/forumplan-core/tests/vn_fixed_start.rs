//! `fixed_start` on Vietnam's lunar public holidays: a task fixed to start
//! on Tết (lunar 1/1) or on the Hùng Kings' Commemoration (lunar 10/3) is
//! refused on the built-in `vn` calendar, with the caret on the date, in
//! JSON and TOML, written absolute or relative to the event; the same task
//! on the `every-day` calendar is fine.
//!
//! The dates come from published lists, not from the library.

use chrono::{Days, NaiveDate};
use forumplan_core::{Diagnostic, Format, load_plan};

/// Tết (lunar 1/1) in Vietnam, as published. Same list and sources as
/// `tests/vn_calendar.rs`:
///
/// - 1993–2007: the Chinese New Year list of encyclopedia.kids.net.au
///   ("Chinese New Year"), 1996–2019: the table on 101kidz.com
///   (holidays/chinese/calendar.html), 2004–2015: china.org.cn
///   ("Chinese Lunar New Year dates 2004–2015"), 2024–2031: topmarks.co.uk
///   ("When is Chinese New Year?") and cny.blogspot.com (March 2017 post).
///   Those give China's dates (UTC+8); they are also Vietnam's except where
///   the two calendars are known to differ:
/// - 2007: Vietnam 17 Feb, China 18 Feb — viet-jo.com, 2006-07-06, quoting
///   Vietnam's calendar authority.
/// - 2030: Vietnam 2 Feb, China 3 Feb; 2053: Vietnam 18 Feb, China 19 Feb —
///   kientruc2014.com ("What year is it in Vietnam?").
/// - 2020–2022: also vacanza/python-holidays' Vietnam tests.
///
/// (The built-in `vn` calendar knows the holidays of 1990–2100, so 1985's
/// Tết, in the other test's list, is not used here.)
const TET: &[(i32, u32, u32)] = &[
    (1993, 1, 23),
    (1996, 2, 19),
    (1999, 2, 16),
    (2001, 1, 24),
    (2004, 1, 22),
    (2007, 2, 17),
    (2010, 2, 14),
    (2013, 2, 10),
    (2015, 2, 19),
    (2017, 1, 28),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 2),
    (2031, 1, 23),
    (2053, 2, 18),
];

/// Hùng Kings' Commemoration (10/3 lunar), as published. Same list and
/// sources as `tests/vn_calendar.rs`:
///
/// 2007 — qppstudio-public-holidays-news.blogspot.com, 2007-03-24
/// ("April 26, in 2007"); 2016 — baodanang.vn, 2016-04-01 ("April 16
/// (Saturday)"); 2018 — dandreapartners.com ("Wednesday, the 25th of
/// April"); 2020, 2021 — vacanza/python-holidays tests/countries/
/// test_vietnam.py, and cafedautu.vn for 2021; 2022 — en.sggp.org.vn
/// ("Sunday, April 10"); 2023 — en.dangcongsan.vn, 2023-03-17 ("April 29
/// this year"); 2024 — baodongnai.com.vn, 2024-04-18; 2025 —
/// en.baochinhphu.vn (days off April 5–7) and public-holidays.iamrohit.in
/// ("07 Apr 2025, Monday"); 2026 — VnExpress International via
/// tezzbuzz.com ("three-day weekend from April 25-27", 26 April being a
/// Sunday).
const HUNG_KINGS: &[(i32, u32, u32)] = &[
    (2007, 4, 26),
    (2016, 4, 16),
    (2018, 4, 25),
    (2020, 4, 2),
    (2021, 4, 21),
    (2022, 4, 10),
    (2023, 4, 29),
    (2024, 4, 18),
    (2025, 4, 7),
    (2026, 4, 26),
];

fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The event, six weeks after the holiday; preparation starts a month before it.
const DAYS_TO_EVENT: u64 = 42;
const DAYS_OF_PREPARATION: u64 = 30;

/// How the fixed start is written.
#[derive(Debug, Clone, Copy)]
enum Written {
    Absolute,
    /// `T-42`.
    Relative,
}

/// A two-task plan whose first task is fixed to start on `holiday`; returns
/// the text and the byte range of the `fixed_start` value (quotes included
/// where the syntax has them).
fn plan(
    holiday: NaiveDate,
    written: Written,
    format: Format,
    calendar: Option<&str>,
) -> (String, std::ops::Range<usize>) {
    let event = holiday + Days::new(DAYS_TO_EVENT);
    let plan_start = holiday - Days::new(DAYS_OF_PREPARATION);
    let value = match written {
        Written::Absolute => holiday.format("%Y-%m-%d").to_string(),
        Written::Relative => format!("T-{DAYS_TO_EVENT}"),
    };
    let (text, marker, literal) = match format {
        Format::Json => {
            let calendar = calendar
                .map(|c| format!(", \"calendar\": \"{c}\""))
                .unwrap_or_default();
            let literal = format!("\"{value}\"");
            let text = format!(
                r#"{{
  "forum": {{ "id": "dien-dan", "name": "Diễn đàn", "date": "{event}", "plan_start": "{plan_start}" }},
  "workstreams": [{{ "id": "content", "name": "Nội dung" }}],
  "tasks": [
    {{ "id": "prep", "workstream": "content", "name": "Họp chuẩn bị", "duration": "1d", "fixed_start": {literal}{calendar} }},
    {{ "id": "follow", "workstream": "content", "name": "Triển khai", "duration": "2d", "after": ["prep"] }}
  ]
}}"#
            );
            (text, "\"fixed_start\": ", literal)
        }
        Format::Toml => {
            let calendar = calendar
                .map(|c| format!("calendar = \"{c}\"\n"))
                .unwrap_or_default();
            // An absolute date is a TOML date, unquoted.
            let literal = match written {
                Written::Absolute => value,
                Written::Relative => format!("\"{value}\""),
            };
            let text = format!(
                r#"[forum]
id = "dien-dan"
name = "Diễn đàn"
date = {event}
plan_start = {plan_start}

[[workstreams]]
id = "content"
name = "Nội dung"

[[tasks]]
id = "prep"
workstream = "content"
name = "Họp chuẩn bị"
duration = "1d"
fixed_start = {literal}
{calendar}
[[tasks]]
id = "follow"
workstream = "content"
name = "Triển khai"
duration = "2d"
after = ["prep"]
"#
            );
            (text, "fixed_start = ", literal)
        }
    };
    let start = text.find(marker).expect("marker") + marker.len();
    assert!(text[start..].starts_with(&literal));
    (text, start..start + literal.len())
}

/// The only error of a refused plan.
fn the_error(text: &str, format: Format) -> Diagnostic {
    let diagnostics = match load_plan(text.as_bytes(), format) {
        Ok(loaded) => panic!("accepted, warnings {:#?}:\n{text}", loaded.warnings),
        Err(diagnostics) => diagnostics,
    };
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}\n{text}");
    errors.into_iter().next().unwrap()
}

fn check_holiday(holiday: NaiveDate, what: &str) {
    for format in [Format::Json, Format::Toml] {
        for written in [Written::Absolute, Written::Relative] {
            let context = format!("{what} {holiday}, {format:?}, {written:?}");
            let (text, value) = plan(holiday, written, format, None);
            let error = the_error(&text, format);
            assert_eq!(
                error.code, "fixed-start-not-working-day",
                "{context}: {error:#?}"
            );
            assert!(
                error.message.contains(&holiday.to_string()),
                "{context}: {}",
                error.message
            );
            let span = error.span.expect("located");
            // The caret covers the date as written, and nothing beyond its literal.
            let date = &text[value.clone()];
            let inner = date.trim_matches('"');
            let inner_start = value.start + date.find(inner).unwrap();
            assert!(
                span.start <= inner_start && inner_start + inner.len() <= span.end,
                "{context}: span {:?} = {:?}, date at {value:?}",
                span,
                text.get(span.range())
            );
            assert!(
                value.start <= span.start && span.end <= value.end,
                "{context}: span {:?} = {:?} goes beyond {date}",
                span,
                text.get(span.range())
            );

            let (text, _) = plan(holiday, written, format, Some("every-day"));
            let loaded = load_plan(text.as_bytes(), format)
                .unwrap_or_else(|d| panic!("{context}, every-day: {d:#?}\n{text}"));
            let prep = loaded.forum.task_id("prep").unwrap();
            assert_eq!(
                loaded.forum.tasks()[prep].fixed_start,
                Some(holiday),
                "{context}"
            );
            assert!(
                loaded.warnings.is_empty(),
                "{context}: {:#?}",
                loaded.warnings
            );
        }
    }
}

#[test]
fn tet_is_not_a_working_day_of_vn() {
    assert!(TET.len() >= 10);
    for year in [2007, 2022, 2023, 2024, 2025, 2026] {
        assert!(TET.iter().any(|&(y, ..)| y == year), "{year}");
    }
    for &ymd in TET {
        check_holiday(date(ymd), "Tết");
    }
}

#[test]
fn hung_kings_day_is_not_a_working_day_of_vn() {
    assert!(HUNG_KINGS.len() >= 10);
    for year in [2007, 2022, 2023, 2024, 2025, 2026] {
        assert!(HUNG_KINGS.iter().any(|&(y, ..)| y == year), "{year}");
    }
    for &ymd in HUNG_KINGS {
        check_holiday(date(ymd), "Hùng Kings' day");
    }
}

#[test]
fn an_ordinary_working_day_is_accepted() {
    // A control: the plan built here does not fail on any day. Tuesday
    // 8 February 2022, a week after Tết, was an ordinary working day.
    let day = date((2022, 2, 8));
    for format in [Format::Json, Format::Toml] {
        let (text, _) = plan(day, Written::Absolute, format, None);
        let loaded = load_plan(text.as_bytes(), format)
            .unwrap_or_else(|d| panic!("{format:?}: {d:#?}\n{text}"));
        assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    }
}
