//! Phrases about baselines and slippage, in both languages: the `schedule`
//! table's baseline line and the status report's slippage section.

use chrono::NaiveDate;
use forumplan_scheduler::baseline::BaselineComparison;

use super::{Lang, date};

/// A phrase about the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English text in `text`.
pub enum SlipMsg {
    Heading,
    AgainstBaseline,
    Workstreams,
    Tasks,
    NothingSlipped,
    BaselineFinish,
    Variance,
}

impl SlipMsg {
    /// The phrase in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            SlipMsg::Heading => ("Chậm so với kế hoạch gốc", "Slippage since the baseline"),
            SlipMsg::AgainstBaseline => ("Kế hoạch gốc", "Baseline"),
            SlipMsg::Workstreams => ("Các mảng lùi nhiều nhất", "Workstreams that moved most"),
            SlipMsg::Tasks => ("Các việc lùi nhiều nhất", "Tasks that moved most"),
            SlipMsg::NothingSlipped => (
                "Không có việc nào hoàn thành muộn hơn kế hoạch gốc.",
                "Nothing finishes later than the baseline.",
            ),
            SlipMsg::BaselineFinish => ("Hoàn thành theo kế hoạch gốc", "Baseline finish"),
            SlipMsg::Variance => ("Chênh lệch", "Variance"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The baseline's headline: its name and day, its forecast ready day and
/// how far today's moved. "Kế hoạch gốc `duyet` (lập ngày 01/08/2022): dự
/// kiến sẵn sàng 12/09/2022, nay muộn hơn 2 ngày làm việc".
pub fn baseline_line(
    lang: Lang,
    name: &str,
    as_of: NaiveDate,
    ready: Option<NaiveDate>,
    variance: Option<i64>,
) -> String {
    let made = date(lang, as_of);
    let ready = ready.map_or_else(|| "-".to_owned(), |day| date(lang, day));
    let moved = variance.map_or_else(|| "-".to_owned(), |days| moved(lang, days));
    let label = SlipMsg::AgainstBaseline.text(lang);
    match lang {
        Lang::Vi => {
            format!("{label} `{name}` (lập ngày {made}): dự kiến sẵn sàng {ready}, nay {moved}")
        }
        Lang::En => format!("{label} `{name}` (as of {made}): forecast ready {ready}, now {moved}"),
    }
}

/// The morning check's short slip line: "Kế hoạch gốc `duyet`: muộn hơn 2
/// ngày làm việc (gốc 12/09/2022)".
pub fn slip_line(lang: Lang, name: &str, ready: NaiveDate, variance: i64) -> String {
    let label = SlipMsg::AgainstBaseline.text(lang);
    let moved = moved(lang, variance);
    let ready = date(lang, ready);
    match lang {
        Lang::Vi => format!("{label} `{name}`: {moved} (gốc {ready})"),
        Lang::En => format!("{label} `{name}`: {moved} (was {ready})"),
    }
}

/// The baseline line of a comparison (the `schedule` table's).
pub fn comparison_line(lang: Lang, baseline: &BaselineComparison) -> String {
    baseline_line(
        lang,
        &baseline.name,
        baseline.as_of,
        baseline.baseline_ready,
        baseline.ready_variance,
    )
}

/// A variance as a signed number: "+3", "0", "-2".
pub fn signed(days: i64) -> String {
    if days > 0 {
        format!("+{days}")
    } else {
        days.to_string()
    }
}

/// How far something moved: "muộn hơn 3 ngày làm việc" / "3 working days later".
pub fn moved(lang: Lang, days: i64) -> String {
    let n = days.abs();
    match (lang, days.signum()) {
        (Lang::Vi, 1) => format!("muộn hơn {n} ngày làm việc"),
        (Lang::Vi, -1) => format!("sớm hơn {n} ngày làm việc"),
        (Lang::Vi, _) => "đúng kế hoạch gốc".to_owned(),
        (Lang::En, 1) if n == 1 => "1 working day later".to_owned(),
        (Lang::En, 1) => format!("{n} working days later"),
        (Lang::En, -1) if n == 1 => "1 working day earlier".to_owned(),
        (Lang::En, -1) => format!("{n} working days earlier"),
        (Lang::En, _) => "as in the baseline".to_owned(),
    }
}

/// How far a finish moved, and from which day to which: "muộn hơn 3 ngày
/// làm việc (10/09/2022 → 13/09/2022)".
pub fn moved_between(lang: Lang, days: i64, from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "{} ({} → {})",
        moved(lang, days),
        date(lang, from),
        date(lang, to)
    )
}

/// A workstream's slippage: "5 việc muộn hơn, nhiều nhất 6 ngày làm việc;
/// việc cuối cùng: đúng kế hoạch gốc (15/09/2022 → 15/09/2022)".
pub fn workstream_moved(lang: Lang, tasks_later: usize, worst: i64, last: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "{tasks_later} việc muộn hơn, nhiều nhất {worst} ngày làm việc; việc cuối cùng: {last}"
        ),
        Lang::En => {
            let tasks = if tasks_later == 1 { "task" } else { "tasks" };
            let days = if worst == 1 {
                "working day"
            } else {
                "working days"
            };
            format!("{tasks_later} {tasks} later, by up to {worst} {days}; last finish: {last}")
        }
    }
}
