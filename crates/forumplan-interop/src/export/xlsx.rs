//! The morning workbook (`export --format xlsx`): the status report as an
//! Excel file a committee forwards as it is. Four sheets: the overview
//! (headline, and one row per workstream with its colour as the cell's
//! fill), every task, the critical path, and the changes since the day
//! before. Dates are real date cells (`dd/mm/yyyy` in Vietnamese,
//! `yyyy-mm-dd` in English), floats and percentages real numbers; each
//! table has a frozen, filtered header row, columns fitted to their
//! content, and prints on A4 landscape, one page wide, the header row
//! repeated on every page.
//!
//! Every word and number comes from the reporter's [`StatusReport`] and
//! message catalogue: this module lays them out, it computes nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use forumplan_core::Forum;
use forumplan_reporter::colour;
use forumplan_reporter::i18n::columns::{Column, yes_no};
use forumplan_reporter::i18n::{self, Lang, Msg};
use forumplan_reporter::status::{StatusReport, TaskRow};
use forumplan_scheduler::{Rag, Readiness};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::ExportError;

use super::{scope_names, workstream_names};

/// The widest a column is fitted to, in pixels (about 55 characters): a
/// long task name wraps no one's screen.
const MAX_COLUMN_PIXELS: u32 = 400;

/// Excel's paper size code for A4.
const A4: u8 = 9;

/// The workbook of `report` (of `forum`, whose workstream names it shows)
/// in `lang`.
pub fn xlsx(forum: &Forum, report: &StatusReport, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new(lang);
    let names = workstream_names(forum);
    let sheet = Sheet {
        report,
        lang,
        styles: &styles,
        names: &names,
    };
    let mut workbook = Workbook::new();
    // The creation time written is the day reported on: the same morning
    // gives the same bytes, and nothing here reads the clock.
    let created = report.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} · {}",
                Msg::ReportTitle.text(lang),
                report.forum.name
            ))
            .set_creation_datetime(&created),
    );
    sheet.overview(workbook.add_worksheet())?;
    sheet.tasks(workbook.add_worksheet())?;
    sheet.critical_path(workbook.add_worksheet())?;
    sheet.changes(workbook.add_worksheet())?;
    Ok(workbook.save_to_buffer()?)
}

/// A percentage of the report (0–100, one decimal) as the fraction a
/// percent-formatted cell holds, without binary noise (98.4 → 0.984).
fn percent(value: f64) -> f64 {
    (value * 10.0).round() / 1000.0
}

/// The sheets' names (at most 31 characters, none of `[]:*?/\`).
#[derive(Debug, Clone, Copy)]
enum SheetName {
    Overview,
    Tasks,
    CriticalPath,
    Changes,
}

impl SheetName {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SheetName::Overview, Lang::Vi) => "Tổng quan",
            (SheetName::Overview, Lang::En) => "Overview",
            (SheetName::Tasks, Lang::Vi) => "Danh sách công việc",
            (SheetName::Tasks, Lang::En) => "Tasks",
            (SheetName::CriticalPath, _) => Msg::CriticalPath.text(lang),
            (SheetName::Changes, Lang::Vi) => "Thay đổi",
            (SheetName::Changes, Lang::En) => "Changes",
        }
    }
}

/// The cell formats, made once.
struct Styles {
    title: Format,
    label: Format,
    header: Format,
    date: Format,
    percent: Format,
    rag: [Format; 3],
    readiness: [Format; 4],
    plain: Format,
}

/// A cell filled with a colour pair of the reporter's (`colour.rs`): the
/// light tint as the fill, the strong colour for the text on it.
fn filled((strong, light): (&str, &str)) -> Format {
    Format::new()
        .set_background_color(Color::RGB(rgb(light)))
        .set_font_color(Color::RGB(rgb(strong)))
}

/// `0xc62828` for `#c62828` (the reporter's colours are all of that form).
fn rgb(hex: &str) -> u32 {
    u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0)
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let date = match lang {
            Lang::Vi => "dd/mm/yyyy",
            Lang::En => "yyyy-mm-dd",
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format(date),
            percent: Format::new().set_num_format("0.0%"),
            rag: [Rag::Green, Rag::Amber, Rag::Red].map(|r| filled(colour::rag(r))),
            readiness: [
                Readiness::Done,
                Readiness::OnTrack,
                Readiness::AtRisk,
                Readiness::Late,
            ]
            .map(|r| filled(colour::readiness(r))),
            plain: Format::new(),
        }
    }

    fn rag(&self, rag: Rag) -> &Format {
        match rag {
            Rag::Green => &self.rag[0],
            Rag::Amber => &self.rag[1],
            Rag::Red => &self.rag[2],
        }
    }

    /// No fill without a readiness (cancelled, or left unfinished at the event).
    fn readiness(&self, readiness: Option<Readiness>) -> &Format {
        match readiness {
            Some(Readiness::Done) => &self.readiness[0],
            Some(Readiness::OnTrack) => &self.readiness[1],
            Some(Readiness::AtRisk) => &self.readiness[2],
            Some(Readiness::Late) => &self.readiness[3],
            None => &self.plain,
        }
    }
}

/// What every sheet is written from.
struct Sheet<'a> {
    report: &'a StatusReport,
    lang: Lang,
    styles: &'a Styles,
    names: &'a HashMap<&'a str, &'a str>,
}

/// One column of a task table: its header and how a task fills it.
#[derive(Debug, Clone, Copy)]
enum TaskCell {
    Column(Column),
    /// The header is the column's; the change that listed the task.
    Change,
    /// The step's number on the critical path.
    Step,
    /// The chains of the critical path the step lies on.
    Branch,
}

/// The tasks sheet's columns (the baseline's two follow with a baseline).
const TASK_COLUMNS: [Column; 15] = [
    Column::Id,
    Column::Workstream,
    Column::Task,
    Column::Owner,
    Column::Duration,
    Column::EarlyStart,
    Column::EarlyFinish,
    Column::LateFinish,
    Column::TotalFloat,
    Column::Readiness,
    Column::State,
    Column::Progress,
    Column::Critical,
    Column::ActualStart,
    Column::ActualFinish,
];

/// The columns after the step's on the critical path sheet.
const CRITICAL_COLUMNS: [Column; 10] = [
    Column::Id,
    Column::Workstream,
    Column::Task,
    Column::Owner,
    Column::EarlyStart,
    Column::EarlyFinish,
    Column::LateFinish,
    Column::TotalFloat,
    Column::Readiness,
    Column::State,
];

/// The columns after the change's on the changes sheet.
const CHANGE_COLUMNS: [Column; 8] = [
    Column::Id,
    Column::Workstream,
    Column::Task,
    Column::Owner,
    Column::LateFinish,
    Column::Readiness,
    Column::State,
    Column::Progress,
];

impl Sheet<'_> {
    fn overview(&self, ws: &mut Worksheet) -> Result<(), ExportError> {
        let (report, lang, s) = (self.report, self.lang, self.styles);
        let h = &report.headline;
        ws.set_name(SheetName::Overview.text(lang))?;
        ws.write_string_with_format(0, 0, &report.forum.name, &s.title)?;
        ws.write_string(1, 0, Msg::ReportTitle.text(lang))?;
        let mut row = 3;
        let mut label = |ws: &mut Worksheet, msg: Msg| -> Result<u32, XlsxError> {
            ws.write_string_with_format(row, 0, msg.text(lang), &s.label)?;
            row += 1;
            Ok(row - 1)
        };
        let at = label(ws, Msg::EventDay)?;
        ws.write_date_with_format(at, 1, report.forum.date, &s.date)?;
        if let Some(venue) = &report.forum.venue {
            let at = label(ws, Msg::Venue)?;
            ws.write_string(at, 1, venue)?;
        }
        let at = label(ws, Msg::AsOf)?;
        ws.write_date_with_format(at, 1, report.as_of, &s.date)?;
        let at = label(ws, Msg::Countdown)?;
        ws.write_string(
            at,
            1,
            i18n::countdown(lang, report.forum.date, h.days_left, h.working_days_left),
        )?;
        let at = label(ws, Msg::Overall)?;
        ws.write_string_with_format(at, 1, i18n::rag(lang, h.rag), s.rag(h.rag))?;
        let at = label(ws, Msg::Completion)?;
        ws.write_number_with_format(at, 1, percent(h.completion), &s.percent)?;
        if let Some(forecast) = report.forecast(lang) {
            let at = label(ws, Msg::ForecastReady)?;
            ws.write_string(at, 1, forecast)?;
        }
        if let Some(chance) = &h.ready_chance {
            let at = label(ws, Msg::ChanceShort)?;
            ws.write_number_with_format(at, 1, chance.p_on_time, &s.percent)?;
        }
        if !report.scope.is_empty() {
            let at = label(ws, Msg::ShownWorkstreams)?;
            ws.write_string(at, 1, scope_names(self.names, &report.scope))?;
        }
        let header = row + 1;
        let headers = [
            Msg::Workstream,
            Msg::Lead,
            Msg::Colour,
            Msg::Completion,
            Msg::Done,
            Msg::Tasks,
            Msg::Late,
            Msg::AtRisk,
            Msg::Blocked,
        ];
        for (col, msg) in (0u16..).zip(headers) {
            ws.write_string_with_format(header, col, msg.text(lang), &s.header)?;
        }
        let mut row = header;
        for w in &report.workstreams {
            row += 1;
            ws.write_string(row, 0, &w.name)?;
            ws.write_string(row, 1, w.lead.as_deref().unwrap_or_default())?;
            ws.write_string_with_format(row, 2, i18n::rag(lang, w.rag), s.rag(w.rag))?;
            ws.write_number_with_format(row, 3, percent(w.completion), &s.percent)?;
            for (col, count) in (4u16..).zip([w.done, w.total, w.late, w.at_risk, w.blocked]) {
                ws.write_number(row, col, count as f64)?;
            }
        }
        ws.autofilter(header, 0, row, headers.len() as u16 - 1)?;
        self.page_setup(ws, header)
    }

    fn tasks(&self, ws: &mut Worksheet) -> Result<(), ExportError> {
        let mut columns: Vec<TaskCell> = TASK_COLUMNS.map(TaskCell::Column).to_vec();
        if self.report.slippage.is_some() {
            columns.push(TaskCell::Column(Column::BaselineFinish));
            columns.push(TaskCell::Column(Column::FinishVariance));
        }
        let rows = self.report.tasks.iter().map(|t| (t, None, None));
        self.table(ws, SheetName::Tasks, &columns, rows, None)
    }

    fn critical_path(&self, ws: &mut Worksheet) -> Result<(), ExportError> {
        let mut columns = vec![TaskCell::Step, TaskCell::Branch];
        columns.extend(CRITICAL_COLUMNS.map(TaskCell::Column));
        let lang = self.lang;
        let rows = self.report.critical_path.iter().map(|step| {
            let branch = (!step.branches.is_empty()).then(|| i18n::branches(lang, &step.branches));
            (&step.task, None, branch)
        });
        let empty = self
            .report
            .critical_path
            .is_empty()
            .then(|| self.report.no_critical_path().text(lang).to_owned());
        self.table(ws, SheetName::CriticalPath, &columns, rows, empty)
    }

    fn changes(&self, ws: &mut Worksheet) -> Result<(), ExportError> {
        let mut columns = vec![TaskCell::Change];
        columns.extend(CHANGE_COLUMNS.map(TaskCell::Column));
        let lang = self.lang;
        let changes = &self.report.changes;
        let rows = changes
            .lists()
            .into_iter()
            .flat_map(|(msg, tasks)| tasks.iter().map(move |t| (t, Some(msg.text(lang)), None)));
        let forecast = changes.forecast_change(lang).map(|(before, after)| {
            format!("{}: {before} → {after}", Msg::ForecastChange.text(lang))
        });
        let nothing = changes.lists().iter().all(|(_, tasks)| tasks.is_empty());
        let note = match (nothing, forecast) {
            (_, Some(forecast)) => Some(forecast),
            (true, None) => Some(Msg::NoChanges.text(lang).to_owned()),
            (false, None) => None,
        };
        self.table(ws, SheetName::Changes, &columns, rows, note)
    }

    /// A sheet holding one table of tasks: the header row, one row per
    /// task, and `note` (what an empty table means, or a remark) two rows
    /// under it.
    fn table<'t>(
        &self,
        ws: &mut Worksheet,
        name: SheetName,
        columns: &[TaskCell],
        rows: impl Iterator<Item = (&'t TaskRow, Option<&'static str>, Option<String>)>,
        note: Option<String>,
    ) -> Result<(), ExportError> {
        let (lang, s) = (self.lang, self.styles);
        ws.set_name(name.text(lang))?;
        for (col, cell) in (0u16..).zip(columns) {
            let header = match cell {
                TaskCell::Column(column) => column.text(lang).to_owned(),
                TaskCell::Change => format!(
                    "{} {}",
                    Msg::ChangesSince.text(lang),
                    i18n::date(lang, self.report.changes.since)
                ),
                TaskCell::Step => "#".to_owned(),
                TaskCell::Branch => Msg::BranchColumn.text(lang).to_owned(),
            };
            ws.write_string_with_format(0, col, header, &s.header)?;
        }
        let mut last = 0;
        for (n, (task, change, branch)) in rows.enumerate() {
            let row = last + 1;
            last = row;
            for (col, cell) in (0u16..).zip(columns) {
                match cell {
                    TaskCell::Column(column) => self.task_cell(ws, row, col, *column, task)?,
                    TaskCell::Change => {
                        ws.write_string(row, col, change.unwrap_or_default())?;
                    }
                    TaskCell::Step => {
                        ws.write_number(row, col, (n + 1) as f64)?;
                    }
                    TaskCell::Branch => {
                        ws.write_string(row, col, branch.as_deref().unwrap_or_default())?;
                    }
                }
            }
        }
        ws.autofilter(0, 0, last, columns.len() as u16 - 1)?;
        if let Some(note) = note {
            ws.write_string(last + 2, 0, note)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.page_setup(ws, 0)
    }

    fn task_cell(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        column: Column,
        t: &TaskRow,
    ) -> Result<(), ExportError> {
        let (lang, s) = (self.lang, self.styles);
        let date = |ws: &mut Worksheet, day: Option<NaiveDate>| -> Result<(), XlsxError> {
            if let Some(day) = day {
                ws.write_date_with_format(row, col, day, &s.date)?;
            }
            Ok(())
        };
        let number = |ws: &mut Worksheet, value: Option<f64>| -> Result<(), XlsxError> {
            if let Some(value) = value {
                ws.write_number(row, col, value)?;
            }
            Ok(())
        };
        match column {
            Column::Id => {
                ws.write_string(row, col, &t.id)?;
            }
            Column::Task => {
                ws.write_string(row, col, &t.name)?;
            }
            Column::Workstream => {
                let name = self.names.get(t.workstream.as_str()).copied();
                ws.write_string(row, col, name.unwrap_or(&t.workstream))?;
            }
            Column::Owner => {
                ws.write_string(row, col, t.owner.as_deref().unwrap_or_default())?;
            }
            Column::Duration => number(ws, Some(f64::from(t.duration)))?,
            Column::State => {
                ws.write_string(row, col, i18n::state(lang, t.state))?;
            }
            Column::Readiness => {
                ws.write_string_with_format(
                    row,
                    col,
                    t.readiness_cell(lang),
                    s.readiness(t.readiness),
                )?;
            }
            Column::Progress => number(ws, Some(f64::from(t.progress)))?,
            Column::EarlyStart => date(ws, Some(t.early_start))?,
            Column::EarlyFinish => date(ws, Some(t.early_finish))?,
            Column::LateStart => date(ws, Some(t.late_start))?,
            Column::LateFinish => date(ws, Some(t.late_finish))?,
            Column::TotalFloat => number(ws, t.total_float.map(|f| f as f64))?,
            Column::FreeFloat => number(ws, t.free_float.map(|f| f as f64))?,
            Column::Critical => {
                ws.write_string(row, col, yes_no(lang, t.critical))?;
            }
            Column::ActualStart => date(ws, t.actual_start)?,
            Column::ActualFinish => date(ws, t.actual_finish)?,
            Column::BaselineFinish => date(ws, t.baseline_finish)?,
            Column::FinishVariance => number(ws, t.finish_variance.map(|v| v as f64))?,
        }
        Ok(())
    }

    /// Columns fitted to their content, and printing on A4 landscape, one
    /// page wide, with row `header` repeated on every page, the sheet's
    /// name and the page number in the margins.
    fn page_setup(&self, ws: &mut Worksheet, header: u32) -> Result<(), ExportError> {
        ws.set_autofit_max_width(MAX_COLUMN_PIXELS);
        ws.autofit();
        ws.set_landscape();
        ws.set_paper_size(A4);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header, header)?;
        ws.set_header("&L&A");
        ws.set_footer(format!("&R{} &P / &N", Msg::Page.text(self.lang)));
        Ok(())
    }
}
