//! The headers of the task tables that go into spreadsheets (the status
//! report's CSV form and the exported workbook), in both languages, so a
//! column reads the same in every file a committee opens.

use super::Lang;

/// A column of a task table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English header in `text`.
pub enum Column {
    Id,
    Task,
    Workstream,
    Owner,
    Duration,
    State,
    Readiness,
    Progress,
    EarlyStart,
    EarlyFinish,
    LateStart,
    LateFinish,
    TotalFloat,
    FreeFloat,
    Critical,
    ActualStart,
    ActualFinish,
    BaselineFinish,
    FinishVariance,
}

impl Column {
    /// The header in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Column::Id => ("Mã việc", "Id"),
            Column::Task => ("Công việc", "Task"),
            Column::Workstream => ("Mảng", "Workstream"),
            Column::Owner => ("Phụ trách", "Owner"),
            Column::Duration => ("Số ngày làm việc", "Duration"),
            Column::State => ("Trạng thái", "State"),
            Column::Readiness => ("Đánh giá", "Readiness"),
            Column::Progress => ("Tiến độ (%)", "Progress (%)"),
            Column::EarlyStart => ("Bắt đầu dự kiến", "Early start"),
            Column::EarlyFinish => ("Hoàn thành dự kiến", "Early finish"),
            Column::LateStart => ("Bắt đầu muộn nhất", "Late start"),
            Column::LateFinish => ("Hạn chót", "Late finish"),
            Column::TotalFloat => ("Dự trữ toàn phần (ngày làm việc)", "Total float"),
            Column::FreeFloat => ("Dự trữ tự do (ngày làm việc)", "Free float"),
            Column::Critical => ("Thuộc đường găng", "Critical"),
            Column::ActualStart => ("Bắt đầu thực tế", "Actual start"),
            Column::ActualFinish => ("Hoàn thành thực tế", "Actual finish"),
            Column::BaselineFinish => ("Hoàn thành theo kế hoạch gốc", "Baseline finish"),
            Column::FinishVariance => ("Chênh lệch (ngày làm việc)", "Finish variance"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// "Có" / "Yes" for a true cell, "Không" / "No" for a false one.
pub fn yes_no(lang: Lang, value: bool) -> &'static str {
    match (lang, value) {
        (Lang::Vi, true) => "Có",
        (Lang::Vi, false) => "Không",
        (Lang::En, true) => "Yes",
        (Lang::En, false) => "No",
    }
}
