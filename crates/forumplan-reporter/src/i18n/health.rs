//! The words of `forumplan health`, in both languages.

use forumplan_scheduler::health::{Check, Skip};

use super::Lang;

/// A check's title: "Thiếu liên kết" / "Missing logic".
pub fn check_title(lang: Lang, check: Check) -> &'static str {
    let (vi, en) = match check {
        Check::MissingLogic => ("Thiếu liên kết", "Missing logic"),
        Check::Leads => ("Liên kết vượt trước (lag âm)", "Leads (negative lags)"),
        Check::Lags => ("Liên kết có độ trễ", "Lags"),
        Check::FsLinks => ("Liên kết kết thúc–bắt đầu", "Finish-to-start links"),
        Check::HardConstraints => ("Ràng buộc cứng", "Hard constraints"),
        Check::HighFloat => ("Dự trữ quá lớn", "High float"),
        Check::NegativeFloat => ("Dự trữ âm", "Negative float"),
        Check::HighDuration => ("Thời lượng quá dài", "High duration"),
        Check::InvalidDates => ("Ngày không hợp lệ", "Invalid dates"),
        Check::Ownership => ("Chưa có người phụ trách", "Ownership"),
        Check::MissedTasks => ("Việc lỡ hạn kế hoạch gốc", "Missed tasks"),
        Check::CriticalPathTest => ("Kiểm tra đường găng", "Critical path test"),
        Check::Cpli => (
            "Chỉ số độ dài đường găng (CPLI)",
            "Critical path length index (CPLI)",
        ),
        Check::Bei => (
            "Chỉ số thực hiện kế hoạch gốc (BEI)",
            "Baseline execution index (BEI)",
        ),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Why a check was skipped.
pub fn skip_note(lang: Lang, skip: Skip) -> &'static str {
    let (vi, en) = match skip {
        Skip::NoBaseline => (
            "bỏ qua: chưa có kế hoạch gốc (lưu bằng `forumplan baseline`)",
            "skipped: no baseline (save one with `forumplan baseline`)",
        ),
        Skip::NoCriticalPath => (
            "bỏ qua: không có đường găng còn việc để thử",
            "skipped: no critical path with work left to delay",
        ),
        Skip::NoPathLength => (
            "bỏ qua: ngày sẵn sàng của kế hoạch gốc đã qua hoặc không có",
            "skipped: the baseline's ready day has passed or there is none",
        ),
        Skip::NothingDueYet => (
            "bỏ qua: chưa có việc nào đến hạn theo kế hoạch gốc",
            "skipped: no task's baseline finish has passed yet",
        ),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A fixed phrase of the health report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English text in `text`.
pub enum HealthMsg {
    Title,
    Pass,
    Fail,
    Skipped,
    Tasks,
    AllPass,
    HighBound,
}

impl HealthMsg {
    /// The phrase in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            HealthMsg::Title => (
                "Đánh giá chất lượng kế hoạch (14 điểm DCMA)",
                "Schedule health (DCMA 14-point assessment)",
            ),
            HealthMsg::Pass => ("ĐẠT", "PASS"),
            HealthMsg::Fail => ("KHÔNG ĐẠT", "FAIL"),
            HealthMsg::Skipped => ("BỎ QUA", "SKIPPED"),
            HealthMsg::Tasks => ("Việc", "Tasks"),
            HealthMsg::AllPass => ("Tất cả các điểm đều đạt.", "Every check passes."),
            HealthMsg::HighBound => (
                "Ngưỡng dự trữ và thời lượng \"quá lớn\" (ngày làm việc)",
                "High float and duration bound (working days)",
            ),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The closing line when some checks fail: "3/14 điểm không đạt".
pub fn failed_count(lang: Lang, failed: usize) -> String {
    match lang {
        Lang::Vi => format!("{failed}/14 điểm không đạt."),
        Lang::En if failed == 1 => "1 of 14 checks fails.".to_owned(),
        Lang::En => format!("{failed} of 14 checks fail."),
    }
}
