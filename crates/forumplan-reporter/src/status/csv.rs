//! The CSV form: one row per task, headers and words in the report's
//! language, ISO dates (which every spreadsheet reads the same way), made
//! for spreadsheets as `crate::spreadsheet` describes.

use std::io::{self, Write};

use crate::i18n::columns::{self, Column};
use crate::i18n::{self, Lang};
use crate::spreadsheet::{self, CsvSeparator};
use crate::status::{Section, StatusReport};

/// The columns, in order; with a baseline, [`BASELINE_COLUMNS`] follow.
const COLUMNS: [Column; 17] = [
    Column::Id,
    Column::Task,
    Column::Workstream,
    Column::Owner,
    Column::Duration,
    Column::State,
    Column::Readiness,
    Column::Progress,
    Column::EarlyStart,
    Column::EarlyFinish,
    Column::LateStart,
    Column::LateFinish,
    Column::TotalFloat,
    Column::FreeFloat,
    Column::Critical,
    Column::ActualStart,
    Column::ActualFinish,
];

/// The columns added with a baseline.
const BASELINE_COLUMNS: [Column; 2] = [Column::BaselineFinish, Column::FinishVariance];

pub(super) fn render(
    report: &StatusReport,
    lang: Lang,
    separator: CsvSeparator,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = spreadsheet::writer(out, separator)?;
    let mut columns = COLUMNS.to_vec();
    // With a baseline, each row also says how far its finish moved.
    let baseline = report.slippage.is_some();
    if baseline {
        columns.extend(BASELINE_COLUMNS);
    }
    writer.write_record(columns.iter().map(|c| c.text(lang)))?;
    let yes_no = |b: bool| columns::yes_no(lang, b);
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
                        t.readiness_cell(lang).to_owned(),
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
