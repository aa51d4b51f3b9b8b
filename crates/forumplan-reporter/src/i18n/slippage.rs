//! Phrases about baselines and slippage, in both languages: the `schedule`
//! table's baseline line and the status report's slippage section.

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

    /// The baseline's headline: its name and day, its forecast ready day
    /// and how far today's moved. "Kế hoạch gốc `duyet` (lập ngày
    /// 01/08/2022): dự kiến sẵn sàng 12/09/2022, nay muộn hơn 2 ngày làm việc".
    pub fn line(self, lang: Lang, baseline: &BaselineComparison) -> String {
        let made = date(lang, baseline.as_of);
        let ready = baseline
            .baseline_ready
            .map_or_else(|| "-".to_owned(), |day| date(lang, day));
        let moved = baseline
            .ready_variance
            .map_or_else(|| "-".to_owned(), |days| moved(lang, days));
        let name = &baseline.name;
        match lang {
            Lang::Vi => format!(
                "{} `{name}` (lập ngày {made}): dự kiến sẵn sàng {ready}, nay {moved}",
                self.text(lang)
            ),
            Lang::En => format!(
                "{} `{name}` (as of {made}): forecast ready {ready}, now {moved}",
                self.text(lang)
            ),
        }
    }
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
