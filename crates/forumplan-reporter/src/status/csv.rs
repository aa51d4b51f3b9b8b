//! The CSV form: one row per task, headers and words in the report's
//! language, ISO dates (which every spreadsheet reads the same way), made
//! for spreadsheets as `crate::spreadsheet` describes.

use std::io::{self, Write};

use forumplan_core::journal::TaskState;

use crate::i18n::{self, Lang};
use crate::spreadsheet::{self, CsvSeparator};
use crate::status::{Section, StatusReport};

const HEADERS_VI: [&str; 17] = [
    "Mã việc",
    "Công việc",
    "Mảng",
    "Phụ trách",
    "Số ngày làm việc",
    "Trạng thái",
    "Đánh giá",
    "Tiến độ (%)",
    "Bắt đầu dự kiến",
    "Hoàn thành dự kiến",
    "Bắt đầu muộn nhất",
    "Hạn chót",
    "Dự trữ toàn phần (ngày làm việc)",
    "Dự trữ tự do (ngày làm việc)",
    "Thuộc đường găng",
    "Bắt đầu thực tế",
    "Hoàn thành thực tế",
];
const HEADERS_EN: [&str; 17] = [
    "Id",
    "Task",
    "Workstream",
    "Owner",
    "Duration",
    "State",
    "Readiness",
    "Progress (%)",
    "Early start",
    "Early finish",
    "Late start",
    "Late finish",
    "Total float",
    "Free float",
    "Critical",
    "Actual start",
    "Actual finish",
];

/// The columns added with a baseline.
const BASELINE_HEADERS_VI: [&str; 2] =
    ["Hoàn thành theo kế hoạch gốc", "Chênh lệch (ngày làm việc)"];
const BASELINE_HEADERS_EN: [&str; 2] = ["Baseline finish", "Finish variance"];

pub(super) fn render(
    report: &StatusReport,
    lang: Lang,
    separator: CsvSeparator,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = spreadsheet::writer(out, separator)?;
    let mut headers = match lang {
        Lang::Vi => HEADERS_VI,
        Lang::En => HEADERS_EN,
    }
    .to_vec();
    // With a baseline, each row also says how far its finish moved.
    let baseline = report.slippage.is_some();
    if baseline {
        headers.extend(match lang {
            Lang::Vi => BASELINE_HEADERS_VI,
            Lang::En => BASELINE_HEADERS_EN,
        });
    }
    writer.write_record(headers)?;
    let yes_no = |b: bool| match (lang, b) {
        (Lang::Vi, true) => "Có",
        (Lang::Vi, false) => "Không",
        (Lang::En, true) => "Yes",
        (Lang::En, false) => "No",
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    let text = |cell: &str| spreadsheet::text(cell).into_owned();
    for part in Section::ALL {
        match part {
            // A spreadsheet holds one table: the tasks, with every fact the
            // other sections are built from (readiness, floats, dates).
            Section::Headline
            | Section::Workstreams
            | Section::LateAndBlocked
            | Section::CriticalPath
            | Section::MustStartToday
            | Section::DueSoon
            | Section::Handoffs
            | Section::Changes
            | Section::Slippage
            | Section::Conflicts => {}
            Section::Tasks => {
                for t in &report.tasks {
                    let mut row = vec![
                        text(&t.id),
                        text(&t.name),
                        text(&t.workstream),
                        text(t.owner.as_deref().unwrap_or_default()),
                        t.duration.to_string(),
                        i18n::state(lang, t.state).to_owned(),
                        // A cancelled task's cell stays empty (its state says it).
                        match (t.readiness, t.state) {
                            (None, TaskState::Cancelled) => String::new(),
                            (readiness, state) => {
                                i18n::task_readiness(lang, readiness, state).to_owned()
                            }
                        },
                        t.progress.to_string(),
                        t.early_start.to_string(),
                        t.early_finish.to_string(),
                        t.late_start.to_string(),
                        t.late_finish.to_string(),
                        opt(t.total_float.map(|f| f.to_string())),
                        opt(t.free_float.map(|f| f.to_string())),
                        yes_no(t.critical).to_owned(),
                        opt(t.actual_start.map(|d| d.to_string())),
                        opt(t.actual_finish.map(|d| d.to_string())),
                    ];
                    if baseline {
                        row.push(opt(t.baseline_finish.map(|d| d.to_string())));
                        row.push(opt(t.finish_variance.map(|v| v.to_string())));
                    }
                    writer.write_record(row)?;
                }
            }
        }
    }
    writer.flush()
}
