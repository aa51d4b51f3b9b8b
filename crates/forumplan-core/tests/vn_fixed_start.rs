//! `fixed_start` on Vietnam's lunar public holidays: a task fixed to start
//! on Tết (lunar 1/1) or on the Hùng Kings' Commemoration (lunar 10/3) is
//! refused on the built-in `vn` calendar, with the caret on the date, in
//! JSON and TOML, written absolute or relative to the event; the same task
//! on the `every-day` calendar is fine.
//!
//! The dates come from published lists, not from the library.

use chrono::{Days, NaiveDate};
use forumplan_core::calendar::vn_holidays::{FIRST_YEAR, LAST_YEAR};
use forumplan_core::{Diagnostic, Format, load_plan};

mod published;

use published::{HUNG_KINGS, TET};

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
                error.code,
                forumplan_core::Code::FixedStartNotWorkingDay,
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
    // The built-in `vn` calendar knows the holidays of 1990–2100 only.
    for &ymd in TET
        .iter()
        .filter(|(y, ..)| (FIRST_YEAR..=LAST_YEAR).contains(y))
    {
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
