//! The values of a committee's cells: dates as they are typed, durations,
//! predecessors in MS Project's notation, statuses and percentages.

use chrono::{Days as ChronoDays, NaiveDate};
use forumplan_core::journal::TaskState;
use forumplan_core::plan::{DateSpec, LinkType, parse_day};

use super::grid::Cell;
use crate::import::text::fold;

/// Working days in a week, for durations and lags given in weeks.
const DAYS_PER_WEEK: i64 = 5;

/// Day 0 of spreadsheet serial dates (1900 system, as Excel counts after
/// its 1900 leap-year bug).
fn serial_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// A date cell: a real date, a serial number, `dd/mm/yyyy` (also with `-`
/// or `.`), `yyyy-mm-dd`, or `T-10`. The error says what was found.
pub(crate) fn date(cell: &Cell) -> Result<Option<DateSpec>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => in_range(*d).map(|d| Some(DateSpec::Absolute(d))),
        // 1970-01-01 … 2100-12-31 as serial numbers.
        Cell::Number(n) if (25_569.0..=73_415.0).contains(n) && n.fract() == 0.0 => serial_epoch()
            .checked_add_days(ChronoDays::new(*n as u64))
            .map(|d| Some(DateSpec::Absolute(d)))
            .ok_or_else(|| format!("{n} is not a date")),
        Cell::Number(n) => Err(format!("the number {n} is not a date")),
        Cell::Text(text) => text_date(text).map(Some),
    }
}

fn in_range(day: NaiveDate) -> Result<NaiveDate, String> {
    parse_day(&day.format("%Y-%m-%d").to_string()).map_err(|e| e.to_string())
}

fn text_date(text: &str) -> Result<DateSpec, String> {
    let text = text.trim();
    if text.len() > 1 && text.starts_with(['T', 't']) && text[1..].starts_with(['+', '-']) {
        return text.to_uppercase().parse::<DateSpec>();
    }
    if let Ok(day) = parse_day(text) {
        return Ok(DateSpec::Absolute(day));
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    if let [d, m, y] = parts[..]
        && y.len() == 4
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>())
    {
        return NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| format!("`{text}` is not a real day"))
            .and_then(in_range)
            .map(DateSpec::Absolute);
    }
    Err(format!("`{text}` is not a date"))
}

/// A duration cell in working days: a number, `3d`, `3 ngày`, `3 days`,
/// `2 tuần` / `2w` (weeks of five working days). Returns the days and
/// whether a fraction was rounded.
pub(crate) fn duration(cell: &Cell) -> Result<Option<(u32, bool)>, String> {
    let days = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Date(_) => return Err("a date is not a duration".into()),
        Cell::Text(text) => {
            let (number, per) =
                split_unit(text).ok_or_else(|| format!("`{text}` is not a number of days"))?;
            number * per as f64
        }
    };
    if !days.is_finite() || !(0.0..=36_600.0).contains(&days) {
        return Err(format!(
            "{days} is not a number of working days from 0 to 36600"
        ));
    }
    let rounded = days.round();
    Ok(Some((rounded as u32, rounded != days)))
}

/// `3`, `3d`, `3 ngày`, `2 tuần`: the number and the working days per unit.
fn split_unit(text: &str) -> Option<(f64, i64)> {
    let folded = fold(text).replace(',', ".");
    let end = folded
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(folded.len());
    let (number, unit) = folded.split_at(end);
    let number: f64 = number.parse().ok()?;
    let per = match unit.trim() {
        "" | "d" | "day" | "days" | "ngay" | "ngay lam viec" => 1,
        "w" | "wk" | "week" | "weeks" | "tuan" => DAYS_PER_WEEK,
        _ => return None,
    };
    Some((number, per))
}

/// One predecessor as written: what it refers to, the link type and lag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WrittenLink {
    /// The row number or task id referred to.
    pub(crate) target: String,
    /// The link type.
    pub(crate) kind: LinkType,
    /// Lag in working days.
    pub(crate) lag: i32,
}

/// The ways `token` can be read, most literal first: the whole token as a
/// reference, then with a link type and lag split off (`3FS+2d`, `5SS`,
/// `7FF-1d`). The caller keeps the first whose target exists.
pub(crate) fn link_readings(token: &str) -> Result<Vec<WrittenLink>, String> {
    let token = token.trim();
    let literal = !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let mut readings: Vec<WrittenLink> = literal
        .then(|| WrittenLink {
            target: token.to_owned(),
            kind: LinkType::FinishToStart,
            lag: 0,
        })
        .into_iter()
        .collect();
    let bad = || {
        format!(
            "`{token}` is not a predecessor: write a row number or id, optionally with FS, SS, FF or SF and a lag, e.g. `3FS+2d`"
        )
    };
    // A lag follows a link type: `3FS+2d`.
    let (head, lag) = match token.rfind(['+', '-']) {
        Some(at) if at > 0 && has_type_suffix(token[..at].trim_end()) => {
            let sign = if token[at..].starts_with('-') { -1 } else { 1 };
            let (number, per) = split_unit(&token[at + 1..]).ok_or_else(bad)?;
            if number.fract() != 0.0 {
                return Err(format!("`{token}`: a lag is a whole number of days"));
            }
            (token[..at].trim_end(), sign * number as i64 * per)
        }
        _ => (token, 0),
    };
    if has_type_suffix(head) {
        let (target, code) = head.split_at(head.len() - 2);
        let kind: LinkType = code.to_uppercase().parse().map_err(|_| bad())?;
        let target = target.trim();
        if !target.is_empty() {
            readings.push(WrittenLink {
                target: target.to_owned(),
                kind,
                lag: i32::try_from(lag).map_err(|_| bad())?,
            });
        }
    } else if lag != 0 {
        return Err(bad());
    }
    if readings.is_empty() {
        return Err(bad());
    }
    Ok(readings)
}

fn has_type_suffix(text: &str) -> bool {
    text.len() > 2
        && text.is_char_boundary(text.len() - 2)
        && ["FS", "SS", "FF", "SF"].contains(&text[text.len() - 2..].to_uppercase().as_str())
}

/// Predecessor tokens of a cell: separated by `,`, `;` or new lines. A
/// number cell is one row number.
pub(crate) fn link_tokens(cell: &Cell) -> Vec<String> {
    match cell {
        Cell::Empty => Vec::new(),
        Cell::Text(text) => text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        other => vec![other.text()],
    }
}

/// A status as committees write it, in Vietnamese or English.
pub(crate) fn status(text: &str) -> Option<TaskState> {
    let folded = fold(text);
    let words: [(TaskState, &[&str]); 5] = [
        (
            TaskState::Done,
            &[
                "hoan thanh",
                "da hoan thanh",
                "xong",
                "da xong",
                "done",
                "completed",
                "complete",
                "finished",
            ],
        ),
        (
            TaskState::InProgress,
            &[
                "dang thuc hien",
                "dang trien khai",
                "dang lam",
                "da bat dau",
                "in progress",
                "ongoing",
                "started",
            ],
        ),
        (
            TaskState::NotStarted,
            &[
                "chua thuc hien",
                "chua bat dau",
                "chua trien khai",
                "not started",
                "to do",
                "todo",
                "planned",
            ],
        ),
        (
            TaskState::Blocked,
            &[
                "vuong mac",
                "tam dung",
                "bi chan",
                "dang vuong mac",
                "blocked",
                "on hold",
            ],
        ),
        (
            TaskState::Cancelled,
            &[
                "huy",
                "da huy",
                "huy bo",
                "cancelled",
                "canceled",
                "dropped",
            ],
        ),
    ];
    words
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(state, _)| *state)
}

/// A percentage: `50%`, `50`, or a fraction when the column holds
/// fractions (`fractions`: every number in it is at most 1, as a cell
/// formatted as a percentage stores them).
pub(crate) fn percent(cell: &Cell, fractions: bool) -> Result<Option<u8>, String> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) if fractions => n * 100.0,
        Cell::Number(n) => *n,
        Cell::Date(_) => return Err("a date is not a percentage".into()),
        Cell::Text(text) => text
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| format!("`{text}` is not a percentage"))?,
    };
    if !(0.0..=100.0).contains(&value) {
        return Err(format!("{value} is not a percentage from 0 to 100"));
    }
    Ok(Some(value.round() as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.into())
    }

    fn day(y: i32, m: u32, d: u32) -> Option<DateSpec> {
        Some(DateSpec::Absolute(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        ))
    }

    #[test]
    fn dates_as_typed() {
        assert_eq!(date(&text("05/09/2022")), Ok(day(2022, 9, 5)));
        assert_eq!(date(&text("5/9/2022")), Ok(day(2022, 9, 5)));
        assert_eq!(date(&text("2022-09-05")), Ok(day(2022, 9, 5)));
        assert_eq!(date(&text("05.09.2022")), Ok(day(2022, 9, 5)));
        assert_eq!(date(&text("T-10")), Ok(Some(DateSpec::Relative(-10))));
        assert_eq!(date(&Cell::Number(44_809.0)), Ok(day(2022, 9, 5)));
        assert_eq!(date(&Cell::Empty), Ok(None));
        assert!(date(&text("31/02/2022")).is_err());
        assert!(date(&text("tuần sau")).is_err());
        assert!(date(&text("01/01/1960")).is_err());
        assert!(date(&Cell::Number(3.0)).is_err());
    }

    #[test]
    fn durations_as_typed() {
        assert_eq!(duration(&Cell::Number(3.0)), Ok(Some((3, false))));
        assert_eq!(duration(&text("3 ngày")), Ok(Some((3, false))));
        assert_eq!(duration(&text("2 tuần")), Ok(Some((10, false))));
        assert_eq!(duration(&text("1,5")), Ok(Some((2, true))));
        assert!(duration(&text("ba ngày")).is_err());
        assert!(duration(&Cell::Number(-1.0)).is_err());
    }

    #[test]
    fn predecessors_in_ms_project_notation() {
        let last = |t: &str| link_readings(t).unwrap().pop().unwrap();
        let link = |target: &str, kind, lag| WrittenLink {
            target: target.into(),
            kind,
            lag,
        };
        assert_eq!(last("3"), link("3", LinkType::FinishToStart, 0));
        assert_eq!(last("3FS+2d"), link("3", LinkType::FinishToStart, 2));
        assert_eq!(last("5SS"), link("5", LinkType::StartToStart, 0));
        assert_eq!(last("7ff-1d"), link("7", LinkType::FinishToFinish, -1));
        assert_eq!(last("2SS+1 tuần"), link("2", LinkType::StartToStart, 5));
        // An id that happens to end in a link type is read both ways.
        assert_eq!(link_readings("press").unwrap().len(), 2);
        assert!(link_readings("3+2d").is_err());
        assert!(link_readings("3FS+x").is_err());
        assert_eq!(
            link_tokens(&text("1, 2SS+2d")),
            vec!["1".to_owned(), "2SS+2d".to_owned()]
        );
        assert_eq!(link_tokens(&Cell::Number(4.0)), vec!["4".to_owned()]);
    }

    #[test]
    fn statuses_and_percentages() {
        assert_eq!(status("Đã hoàn thành"), Some(TaskState::Done));
        assert_eq!(status("ĐANG THỰC HIỆN"), Some(TaskState::InProgress));
        assert_eq!(status("Blocked"), Some(TaskState::Blocked));
        assert_eq!(status("chờ ý kiến"), None);
        assert_eq!(percent(&Cell::Number(0.5), true), Ok(Some(50)));
        assert_eq!(percent(&Cell::Number(50.0), false), Ok(Some(50)));
        assert_eq!(percent(&text("75%"), false), Ok(Some(75)));
        assert!(percent(&text("150%"), false).is_err());
    }
}
