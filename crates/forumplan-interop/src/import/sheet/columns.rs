//! Finding the header row and what each column means, by its header in
//! Vietnamese or English, whatever the case and the marks.

use std::collections::HashMap;

use super::grid::{Cell, Grid};
use crate::import::text::fold;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Column {
    /// Row number (STT), what predecessors refer to.
    Number,
    /// The task's name.
    Task,
    /// The workstream.
    Workstream,
    /// The lead unit.
    Lead,
    /// Supporting units (kept in notes).
    Support,
    /// Start: `not_before`.
    Start,
    /// Deadline: `due`.
    Deadline,
    /// Duration in working days.
    Duration,
    /// Predecessors.
    Predecessors,
    /// Status.
    Status,
    /// Percentage done.
    Percent,
    /// Remarks (kept in notes).
    Notes,
}

/// Headers recognised, folded (lower case, no marks); a header also
/// matches when it starts with one of these followed by a space or `(`.
const HEADERS: [(Column, &[&str]); 12] = [
    (
        Column::Number,
        &["stt", "tt", "no", "no.", "#", "so tt", "so thu tu"],
    ),
    (
        Column::Task,
        &[
            "noi dung cong viec",
            "noi dung",
            "cong viec",
            "nhiem vu",
            "ten cong viec",
            "ten nhiem vu",
            "noi dung nhiem vu",
            "task",
            "task name",
            "name",
        ],
    ),
    (
        Column::Workstream,
        &[
            "mang",
            "mang cong viec",
            "tieu ban",
            "nhom",
            "linh vuc",
            "workstream",
        ],
    ),
    (
        Column::Lead,
        &[
            "don vi chu tri",
            "chu tri",
            "don vi thuc hien",
            "phu trach",
            "nguoi phu trach",
            "lead",
            "owner",
        ],
    ),
    (
        Column::Support,
        &["don vi phoi hop", "phoi hop", "supporting units", "support"],
    ),
    (
        Column::Start,
        &["bat dau", "tu ngay", "ngay bat dau", "start", "start date"],
    ),
    (
        Column::Deadline,
        &[
            "thoi han",
            "thoi han hoan thanh",
            "han hoan thanh",
            "han",
            "den ngay",
            "ngay hoan thanh",
            "ket thuc",
            "ngay ket thuc",
            "deadline",
            "due",
            "due date",
            "finish",
            "end",
        ],
    ),
    (
        Column::Duration,
        &[
            "thoi gian",
            "thoi gian thuc hien",
            "so ngay",
            "so ngay thuc hien",
            "duration",
            "days",
        ],
    ),
    (
        Column::Predecessors,
        &[
            "sau viec",
            "viec truoc",
            "cong viec truoc",
            "phu thuoc",
            "predecessors",
            "predecessor",
        ],
    ),
    (Column::Status, &["tinh trang", "trang thai", "status"]),
    (
        Column::Percent,
        &[
            "% hoan thanh",
            "tien do",
            "% complete",
            "%",
            "percent complete",
            "ti le hoan thanh",
            "ty le hoan thanh",
        ],
    ),
    (Column::Notes, &["ghi chu", "notes", "note", "remarks"]),
];

/// What a header means, if it is one forumplan knows.
pub(crate) fn recognise(header: &str) -> Option<Column> {
    let folded = fold(header);
    let folded = folded.trim_end_matches([':', '*']).trim();
    let exact = HEADERS
        .iter()
        .find(|(_, names)| names.contains(&folded))
        .map(|(c, _)| *c);
    exact.or_else(|| {
        HEADERS
            .iter()
            .flat_map(|(c, names)| names.iter().map(move |n| (*c, *n)))
            .filter(|(_, n)| {
                folded
                    .strip_prefix(n)
                    .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with('('))
            })
            .max_by_key(|(_, n)| n.len())
            .map(|(c, _)| c)
    })
}

/// The table's layout: the header row(s) and each column's meaning.
#[derive(Debug)]
pub(crate) struct Layout {
    /// The first row of data.
    pub(crate) first_data_row: usize,
    /// The first row of the header (rows above it are titles).
    pub(crate) header_row: usize,
    /// Column index of each recognised meaning (the first one found).
    pub(crate) columns: HashMap<Column, usize>,
    /// Columns with a header forumplan does not know: (index, header),
    /// carried into notes.
    pub(crate) others: Vec<(usize, String)>,
    /// Every column's header text, for notes.
    pub(crate) headers: HashMap<usize, String>,
}

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// The header row: among the first rows, the one with the most recognised
/// headers, a task column among them and at least two in all. A second
/// header row just under it (sub-headers under a merged "Thời gian")
/// completes it.
pub(crate) fn find_layout(grid: &Grid) -> Option<Layout> {
    let recognised = |row: usize| -> Vec<(usize, Column)> {
        grid.rows
            .get(row)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, cell)| match cell {
                Cell::Text(t) => recognise(t).map(|c| (i, c)),
                _ => None,
            })
            .collect()
    };
    let header_row = (0..grid.rows.len().min(HEADER_SEARCH_ROWS))
        .map(|row| (row, recognised(row)))
        .filter(|(_, found)| found.len() >= 2 && found.iter().any(|(_, c)| *c == Column::Task))
        .max_by_key(|(row, found)| (found.len(), std::cmp::Reverse(*row)))?
        .0;
    let mut columns = HashMap::new();
    let mut headers = HashMap::new();
    for (i, cell) in grid.rows[header_row].iter().enumerate() {
        if let Cell::Text(t) = cell {
            headers.insert(i, t.clone());
        }
    }
    for (i, column) in recognised(header_row) {
        columns.entry(column).or_insert(i);
    }
    let mut first_data_row = header_row + 1;
    let below = recognised(header_row + 1);
    let below_is_header = !below.is_empty()
        && grid.rows.get(header_row + 1).is_some_and(|cells| {
            cells
                .iter()
                .enumerate()
                .all(|(i, c)| c.is_empty() || below.iter().any(|(j, _)| *j == i))
        });
    if below_is_header {
        for (i, column) in below {
            // A sub-header is more precise than the merged header above it.
            columns.retain(|_, at| *at != i);
            columns.insert(column, i);
            if let Cell::Text(t) = grid.cell(header_row + 1, i) {
                headers.insert(i, t.clone());
            }
        }
        first_data_row += 1;
    }
    let mut others: Vec<(usize, String)> = headers
        .iter()
        .filter(|(i, _)| !columns.values().any(|at| at == *i))
        .map(|(i, h)| (*i, h.clone()))
        .collect();
    others.sort();
    Some(Layout {
        first_data_row,
        header_row,
        columns,
        others,
        headers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_either_language_any_case_and_marks() {
        assert_eq!(recognise("STT"), Some(Column::Number));
        assert_eq!(recognise("Nội dung công việc"), Some(Column::Task));
        assert_eq!(recognise("NOI DUNG CONG VIEC"), Some(Column::Task));
        assert_eq!(recognise("Đơn vị chủ trì"), Some(Column::Lead));
        assert_eq!(recognise("Đơn vị phối hợp"), Some(Column::Support));
        assert_eq!(recognise("Thời hạn hoàn thành"), Some(Column::Deadline));
        assert_eq!(recognise("Thời gian (ngày)"), Some(Column::Duration));
        assert_eq!(recognise("% hoàn thành"), Some(Column::Percent));
        assert_eq!(recognise("Predecessors"), Some(Column::Predecessors));
        assert_eq!(recognise("Tình trạng:"), Some(Column::Status));
        assert_eq!(recognise("Kinh phí"), None);
        assert_eq!(recognise("Hạn"), Some(Column::Deadline));
    }
}
