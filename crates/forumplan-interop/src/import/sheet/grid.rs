//! A sheet as a grid of typed cells, from any workbook calamine reads or
//! from a CSV file. Vertically merged cells are filled down.

use std::io::Cursor;

use calamine::{Data, Dimensions, Reader as _, Sheets, open_workbook_auto_from_rs};
use chrono::NaiveDate;

use crate::problem::{CellRef, Place, Problem, ProblemCode};

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Cell {
    /// Nothing (or only spaces).
    #[default]
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number.
    Number(f64),
    /// A real spreadsheet date.
    Date(NaiveDate),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Cell::Empty
    }

    /// The cell as text: numbers without a needless `.0`, dates as
    /// `dd/mm/yyyy`.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// One sheet's cells, by row and column from 0 (absolute positions, so
/// that `E6` is `E6` whatever the used range).
#[derive(Debug)]
pub(crate) struct Grid {
    /// The sheet's name (`None` for CSV).
    pub(crate) sheet: Option<String>,
    /// The rows.
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The cell at `row`, `column` (empty outside the grid).
    pub(crate) fn cell(&self, row: usize, column: usize) -> &Cell {
        const EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&EMPTY)
    }

    /// The place of a cell.
    pub(crate) fn place(&self, row: usize, column: usize) -> Place {
        Place::Cell(CellRef {
            sheet: self.sheet.clone(),
            row: u32::try_from(row).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        })
    }

    fn set(&mut self, row: usize, column: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
    }

    /// Copies the value of each merged region's top-left cell into the
    /// first column of every row it spans: a unit merged over the rows of
    /// its tasks leads each of them. The region's other columns stay
    /// empty, so a title merged across the table stays one cell.
    fn fill_merged(&mut self, regions: &[Dimensions]) {
        for region in regions {
            let (top, left) = (region.start.0 as usize, region.start.1 as usize);
            let value = self.cell(top, left).clone();
            if value.is_empty() {
                continue;
            }
            for row in top + 1..=region.end.0 as usize {
                if self.cell(row, left).is_empty() {
                    self.set(row, left, value.clone());
                }
            }
        }
    }
}

/// The sheet `wanted` (or the first) of a workbook (`.xlsx`, `.xls`, `.ods`).
pub(crate) fn workbook(bytes: &[u8], wanted: Option<&str>) -> Result<Grid, Problem> {
    let unreadable = |why: String| {
        Problem::error(
            ProblemCode::UnreadableSource,
            Place::File,
            format!("the workbook cannot be read: {why}"),
        )
        .with_hint("open it in Excel or LibreOffice and save it again as .xlsx")
    };
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.to_lowercase() == wanted.to_lowercase())
            })
            .cloned()
            .ok_or_else(|| {
                Problem::error(
                    ProblemCode::UnknownSheet,
                    Place::File,
                    format!("the workbook has no sheet \"{wanted}\""),
                )
                .with_hint(format!("its sheets are: {}", names.join(", ")))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| unreadable("it has no sheet".into()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| unreadable(e.to_string()))?;
    let merged = match &mut book {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(&name).ok(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).ok(),
        _ => None,
    }
    .unwrap_or_default();
    let mut grid = Grid {
        sheet: Some(name),
        rows: Vec::new(),
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, column, data) in range.used_cells() {
        let cell = match data {
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
            Data::Bool(b) => Cell::Text(b.to_string()),
            Data::DateTime(d) => d
                .as_datetime()
                .map(|d| Cell::Date(d.date()))
                .unwrap_or(Cell::Number(d.as_f64())),
            Data::Error(e) => Cell::Text(format!("#{e:?}")),
            Data::Empty => Cell::Empty,
        };
        if !cell.is_empty() {
            grid.set(top as usize + row, left as usize + column, cell);
        }
    }
    grid.fill_merged(&merged);
    Ok(grid)
}

/// A CSV file: UTF-8 (a byte order mark is skipped), separated by `,`,
/// `;` or tabs, whichever the first line has most of. Row numbers are the
/// file's line numbers.
pub(crate) fn csv(bytes: &[u8]) -> Result<Grid, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = forumplan_core::utf8::text(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(Problem::error(
            ProblemCode::UnreadableSource,
            Place::Cell(CellRef {
                sheet: None,
                row: u32::try_from(line).unwrap_or(u32::MAX),
                column: 0,
            }),
            "the CSV file is not UTF-8 text",
        )
        .with_hint("save it as \"CSV UTF-8\", or import the workbook itself"));
    }
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let separator = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| first_line.iter().filter(|b| *b == s).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(bytes);
    let mut grid = Grid {
        sheet: None,
        rows: Vec::new(),
    };
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let row = record
                    .position()
                    .map_or(line, csv::Position::line)
                    .saturating_sub(1) as usize;
                for (column, field) in record.iter().enumerate() {
                    let cell = text_cell(field);
                    if !cell.is_empty() {
                        grid.set(row, column, cell);
                    }
                }
            }
            Err(e) => {
                return Err(Problem::error(
                    ProblemCode::UnreadableSource,
                    Place::File,
                    format!("the CSV file cannot be read: {e}"),
                ));
            }
        }
    }
    Ok(grid)
}

fn text_cell(text: &str) -> Cell {
    let text = text.trim();
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.to_owned())
    }
}
