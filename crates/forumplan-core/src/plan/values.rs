//! The small textual values of a plan: dates, durations, lags, link types
//! and weekdays, with their parsers and their JSON Schema.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Days as ChronoDays, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest duration or lag accepted, in days: far beyond any forum,
/// small enough that date arithmetic can never overflow.
pub(crate) const MAX_DAYS: u32 = 36_600;

/// A date as written in a plan: absolute, or relative to the event day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSpec {
    /// `YYYY-MM-DD`.
    Absolute(NaiveDate),
    /// `T-10` (ten calendar days before the event) or `T+3`.
    Relative(i32),
}

impl DateSpec {
    /// The calendar day this names, given the event day; `None` only when the
    /// offset leaves chrono's range (the loader reports that as out of range).
    pub fn resolve(self, event: NaiveDate) -> Option<NaiveDate> {
        match self {
            DateSpec::Absolute(date) => Some(date),
            DateSpec::Relative(offset) => {
                let days = ChronoDays::new(u64::from(offset.unsigned_abs()));
                if offset < 0 {
                    event.checked_sub_days(days)
                } else {
                    event.checked_add_days(days)
                }
            }
        }
    }
}

impl FromStr for DateSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<DateSpec, String> {
        if let Some(offset) = s.strip_prefix('T') {
            let relative = offset.split_at_checked(1).filter(|(sign, digits)| {
                matches!(*sign, "+" | "-")
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
            });
            let Some((sign, digits)) = relative else {
                return Err(format!(
                    "`{s}` is not a relative date: write `T-` or `T+` and a number of days, e.g. `T-10`"
                ));
            };
            return match digits.parse::<u32>().ok().filter(|&d| d <= MAX_DAYS) {
                Some(days) => Ok(DateSpec::Relative(if sign == "-" {
                    -(days as i32)
                } else {
                    days as i32
                })),
                None => Err(format!("`{s}` is too far from the event")),
            };
        }
        match parse_day(s) {
            Ok(date) => Ok(DateSpec::Absolute(date)),
            // Kept as written: validation reports it where it stands, with
            // the same words as a relative date that resolves out of range.
            Err(DayError::OutOfRange(date)) => Ok(DateSpec::Absolute(date)),
            Err(DayError::NotIsoShape(_)) => Err(format!(
                "`{s}` is not a date: write `YYYY-MM-DD` (e.g. `2022-09-18`) or `T-10`"
            )),
            Err(error) => Err(error.to_string()),
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::Absolute(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            DateSpec::Relative(offset) => write!(f, "T{offset:+}"),
        }
    }
}

impl Serialize for DateSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for DateSpec {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A day: `YYYY-MM-DD`, or relative to the event day: `T-10` is ten calendar days before it, `T+3` three after.",
            "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2}|T[+-][0-9]+)$"
        })
    }
}

/// The first day plans, journals and command-line days may name.
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid day");

/// The last day plans, journals and command-line days may name: the
/// holiday tables and working-day windows hold every day in between.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2100, 12, 31).expect("a valid day");

/// Is `date` within the days plans may use ([`FIRST_DAY`]–[`LAST_DAY`])?
pub(crate) fn date_in_supported_range(date: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&date)
}

/// Why a text is not a day [`parse_day`] accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    /// Not exactly four digits, `-`, two digits, `-`, two digits.
    #[error("`{0}` is not a date: write YYYY-MM-DD, e.g. 2022-09-18")]
    NotIsoShape(String),
    /// The right shape, but no such day (`2022-02-30`).
    #[error("`{0}` is not a day of the calendar")]
    NotACalendarDay(String),
    /// A real day outside [`FIRST_DAY`]–[`LAST_DAY`].
    #[error("{0} is outside the supported days {FIRST_DAY} … {LAST_DAY}")]
    OutOfRange(NaiveDate),
}

/// The one reading of a day in plans, journals and on the command line:
/// exactly `YYYY-MM-DD` (no spaces, signs or short fields), a real day,
/// within [`FIRST_DAY`]–[`LAST_DAY`].
pub fn parse_day(text: &str) -> Result<NaiveDate, DayError> {
    let is_iso_shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !is_iso_shape {
        return Err(DayError::NotIsoShape(text.to_owned()));
    }
    // The shape is checked: the digits are read directly (chrono's
    // format-string parser cost a few hundred instructions per date, and
    // a large plan and its journal hold hundreds of thousands of dates).
    let number = |range: std::ops::Range<usize>| {
        text.as_bytes()[range]
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).unwrap_or(i32::MAX);
    let date = NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
        .ok_or_else(|| DayError::NotACalendarDay(text.to_owned()))?;
    if date_in_supported_range(date) {
        Ok(date)
    } else {
        Err(DayError::OutOfRange(date))
    }
}

/// A whole number of working days, written `"3d"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Days(pub u32);

/// A signed number of working days (negative: a lead), written `"2d"` or `"-1d"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Lag(pub i32);

/// Parses `"Nd"` with an optional minus sign into a signed day count.
fn parse_day_count(s: &str) -> Result<i64, String> {
    let number = s.strip_suffix('d').filter(|n| {
        let digits = n.strip_prefix('-').unwrap_or(n);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    });
    let Some(number) = number else {
        return Err(format!("`{s}` is not a number of days: write it like `3d`"));
    };
    match number.parse::<i64>() {
        Ok(n) if n.unsigned_abs() <= u64::from(MAX_DAYS) => Ok(n),
        _ => Err(format!("`{s}` is too long: at most {MAX_DAYS} days")),
    }
}

impl FromStr for Days {
    type Err = String;

    fn from_str(s: &str) -> Result<Days, String> {
        let n = parse_day_count(s)?;
        u32::try_from(n)
            .map(Days)
            .map_err(|_| format!("`{s}` is negative: a duration is 0 or more working days"))
    }
}

impl FromStr for Lag {
    type Err = String;

    fn from_str(s: &str) -> Result<Lag, String> {
        // The range check in parse_day_count keeps this within i32.
        parse_day_count(s).map(|n| Lag(n as i32))
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}d", self.0)
    }
}

impl fmt::Display for Lag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}d", self.0)
    }
}

impl Serialize for Days {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Lag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Days {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Whole working days of the task's calendar, e.g. `3d`; `0d` is a milestone.",
            "pattern": "^[0-9]+d$"
        })
    }
}

impl JsonSchema for Lag {
    fn schema_name() -> Cow<'static, str> {
        "Lag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Working days of the successor's calendar between the linked ends, e.g. `2d`; negative is a lead, e.g. `-1d`.",
            "pattern": "^-?[0-9]+d$"
        })
    }
}

/// Which ends of two tasks a link ties together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum LinkType {
    /// The successor starts after the predecessor finishes.
    #[serde(rename = "FS")]
    FinishToStart,
    /// The successor starts after the predecessor starts.
    #[serde(rename = "SS")]
    StartToStart,
    /// The successor finishes after the predecessor finishes.
    #[serde(rename = "FF")]
    FinishToFinish,
    /// The successor finishes after the predecessor starts.
    #[serde(rename = "SF")]
    StartToFinish,
}

impl LinkType {
    /// The code used in plan files.
    pub fn code(self) -> &'static str {
        match self {
            LinkType::FinishToStart => "FS",
            LinkType::StartToStart => "SS",
            LinkType::FinishToFinish => "FF",
            LinkType::StartToFinish => "SF",
        }
    }
}

impl FromStr for LinkType {
    type Err = String;

    fn from_str(s: &str) -> Result<LinkType, String> {
        match s {
            "FS" => Ok(LinkType::FinishToStart),
            "SS" => Ok(LinkType::StartToStart),
            "FF" => Ok(LinkType::FinishToFinish),
            "SF" => Ok(LinkType::StartToFinish),
            _ => Err(format!("`{s}` is not a link type: use FS, SS, FF or SF")),
        }
    }
}

/// A day of the week, written `mon` … `sun`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)] // The names say it all.
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// The same day as chrono names it.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

impl FromStr for Weekday {
    type Err = String;

    fn from_str(s: &str) -> Result<Weekday, String> {
        match s {
            "mon" => Ok(Weekday::Mon),
            "tue" => Ok(Weekday::Tue),
            "wed" => Ok(Weekday::Wed),
            "thu" => Ok(Weekday::Thu),
            "fri" => Ok(Weekday::Fri),
            "sat" => Ok(Weekday::Sat),
            "sun" => Ok(Weekday::Sun),
            _ => Err(format!(
                "`{s}` is not a weekday: use mon, tue, wed, thu, fri, sat or sun"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Reading the digits directly gives what chrono's parser gives,
        /// for every text of the ISO shape (days out of a month, month 0
        /// or 13, years outside the supported range included).
        #[test]
        fn days_read_as_chrono_reads_them(
            year in 0u32..10_000, month in 0u32..14, day in 0u32..33
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
            let expected = match chrono {
                None => Err(DayError::NotACalendarDay(text.clone())),
                Some(date) if date_in_supported_range(date) => Ok(date),
                Some(date) => Err(DayError::OutOfRange(date)),
            };
            prop_assert_eq!(parse_day(&text), expected);
        }
    }

    #[test]
    fn days_are_strictly_iso_and_within_the_supported_years() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_day("2022-09-13"), Ok(day(2022, 9, 13)));
        assert_eq!(parse_day("1970-01-01"), Ok(FIRST_DAY));
        assert_eq!(parse_day("2100-12-31"), Ok(LAST_DAY));
        for shape in [
            " 2022-09-13",
            "2022-09-13 ",
            "2022-9-1",
            "-262143-01-01",
            "+2022-09-13",
            "20220913",
            "",
        ] {
            assert_eq!(
                parse_day(shape),
                Err(DayError::NotIsoShape(shape.to_owned())),
                "{shape:?}"
            );
        }
        assert_eq!(
            parse_day("2022-02-30"),
            Err(DayError::NotACalendarDay("2022-02-30".into()))
        );
        for (text, date) in [
            ("0000-01-01", day(0, 1, 1)),
            ("1969-12-31", day(1969, 12, 31)),
            ("2101-01-01", day(2101, 1, 1)),
        ] {
            let error = parse_day(text).unwrap_err();
            assert_eq!(error, DayError::OutOfRange(date));
            assert_eq!(
                error.to_string(),
                format!("{text} is outside the supported days 1970-01-01 … 2100-12-31")
            );
        }
    }

    proptest! {
        /// Every supported day reads back from its own `YYYY-MM-DD`, and
        /// only those days are accepted.
        #[test]
        fn days_round_trip(offset in -2_000_i64..50_000) {
            let date = FIRST_DAY + chrono::Duration::days(offset);
            let parsed = parse_day(&date.format("%Y-%m-%d").to_string());
            if date_in_supported_range(date) {
                prop_assert_eq!(parsed, Ok(date));
            } else {
                prop_assert_eq!(parsed, Err(DayError::OutOfRange(date)));
            }
        }
    }

    #[test]
    fn dates_parse_absolute_and_relative() {
        let event = NaiveDate::from_ymd_opt(2022, 9, 18).unwrap();
        assert_eq!(
            "T-10".parse::<DateSpec>().unwrap().resolve(event),
            NaiveDate::from_ymd_opt(2022, 9, 8)
        );
        assert_eq!(
            "T+3".parse::<DateSpec>().unwrap().resolve(event),
            NaiveDate::from_ymd_opt(2022, 9, 21)
        );
        assert_eq!(
            "T-0".parse::<DateSpec>().unwrap().resolve(event),
            Some(event)
        );
        assert_eq!("T+3".parse::<DateSpec>().unwrap().to_string(), "T+3");
        assert_eq!(
            "2022-09-01".parse::<DateSpec>().unwrap().to_string(),
            "2022-09-01"
        );
        for bad in [
            "T-x",
            "T10",
            "T-",
            "2022-13-01",
            "2022-9-1",
            "18/09/2022",
            "",
            "T-99999999999",
        ] {
            assert!(bad.parse::<DateSpec>().is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_and_lags() {
        assert_eq!("3d".parse::<Days>(), Ok(Days(3)));
        assert_eq!("0d".parse::<Days>(), Ok(Days(0)));
        assert!("-2d".parse::<Days>().unwrap_err().contains("negative"));
        assert_eq!("-2d".parse::<Lag>(), Ok(Lag(-2)));
        for bad in ["3", "3 days", "d", "-d", "2x", "1.5d", "99999999999d"] {
            assert!(bad.parse::<Lag>().is_err(), "{bad}");
        }
    }
}

/// Deserializes any of the textual values above through its `FromStr`, so
/// the fast loading path accepts exactly what the spanned path accepts.
fn from_text<'de, D: Deserializer<'de>, T: FromStr<Err = String>>(
    deserializer: D,
) -> Result<T, D::Error> {
    // A visitor of `&str` rather than a `Cow<str>`, which serde always
    // makes an owned copy of: one allocation less per duration, lag, link
    // type and date of a plan.
    struct Text<T>(std::marker::PhantomData<T>);
    impl<T: FromStr<Err = String>> serde::de::Visitor<'_> for Text<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            text.parse().map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Text(std::marker::PhantomData))
}

macro_rules! deserialize_from_text {
    ($($t:ty),*) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                from_text(deserializer)
            }
        }
    )*};
}

deserialize_from_text!(DateSpec, Days, Lag, LinkType, Weekday);

/// A day as [`parse_day`] reads it, for serde models of files other than
/// the plan (whose days may also be relative): the same text accepted.
pub(crate) fn deserialize_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDate, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
    parse_day(&text).map_err(serde::de::Error::custom)
}

/// [`deserialize_day`], or `null`.
pub(crate) fn deserialize_optional_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let text = Option::<std::borrow::Cow<'_, str>>::deserialize(deserializer)?;
    text.map(|t| parse_day(&t).map_err(serde::de::Error::custom))
        .transpose()
}

/// The members of an object in file order, refusing a key given twice
/// (a serde map keeps the last one silently); `what` says what serde
/// expected (in its error, which only sends a plan or a baseline file to
/// the spanned reader, which locates the repeat).
pub(crate) fn unique_entries<'de, D, K, V>(
    deserializer: D,
    what: &'static str,
) -> Result<Vec<(K, V)>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + std::hash::Hash + Clone + fmt::Display,
    V: Deserialize<'de>,
{
    struct Entries<K, V>(&'static str, std::marker::PhantomData<(K, V)>);
    impl<'de, K, V> serde::de::Visitor<'de> for Entries<K, V>
    where
        K: Deserialize<'de> + Eq + std::hash::Hash + Clone + fmt::Display,
        V: Deserialize<'de>,
    {
        type Value = Vec<(K, V)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
            let mut seen = foldhash::HashSet::default();
            while let Some((key, value)) = map.next_entry::<K, V>()? {
                if !seen.insert(key.clone()) {
                    return Err(serde::de::Error::custom(format!("`{key}` is given twice")));
                }
                entries.push((key, value));
            }
            Ok(entries)
        }
    }
    deserializer.deserialize_map(Entries(what, std::marker::PhantomData))
}

/// The event day: an absolute date only.
pub(crate) fn deserialize_event_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDate, D::Error> {
    match DateSpec::deserialize(deserializer)? {
        DateSpec::Absolute(date) => Ok(date),
        DateSpec::Relative(_) => Err(serde::de::Error::custom("the event day cannot be relative")),
    }
}
