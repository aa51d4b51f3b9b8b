//! The building blocks of the document: runs of safe text, paragraphs in
//! the decree's styles, and tables that fill the text width.

use docx_rs::{
    AlignmentType, LineSpacing, Paragraph, Run, Shading, ShdType, SpecialIndentType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use forumplan_reporter::escape;

use super::{TEXT_WIDTH, size};

/// The first-line indent of body paragraphs: 1 cm.
const INDENT: i32 = 567;

/// A run of text as one plain line: line breaks become spaces and other
/// control characters are dropped (XML 1.0 cannot hold most of them, and
/// Word refuses a document that does); docx-rs escapes `<`, `&`, `>` and
/// quotes.
pub(super) fn run(text: &str) -> Run {
    Run::new().add_text(escape::terminal(text).into_owned())
}

/// A paragraph of runs, aligned, with space before and after (twips).
pub(super) fn paragraph(
    runs: impl IntoIterator<Item = Run>,
    align: AlignmentType,
    (before, after): (u32, u32),
) -> Paragraph {
    runs.into_iter().fold(
        Paragraph::new()
            .align(align)
            .line_spacing(LineSpacing::new().before(before).after(after)),
        Paragraph::add_run,
    )
}

/// A section heading: "II. CÁC MẢNG CÔNG VIỆC", bold, kept with what
/// follows.
pub(super) fn section_heading(numeral: &str, title: &str) -> Paragraph {
    paragraph(
        [run(&format!("{numeral}. {}", title.to_uppercase()))
            .bold()
            .size(size::BODY)],
        AlignmentType::Both,
        (120, 60),
    )
    .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
    .keep_next(true)
}

/// A sub-heading inside a section: bold, kept with what follows.
pub(super) fn sub_heading(title: &str) -> Paragraph {
    body([run(title).bold()]).keep_next(true)
}

/// A body paragraph: justified, its first line indented.
pub(super) fn body(runs: impl IntoIterator<Item = Run>) -> Paragraph {
    paragraph(
        runs.into_iter().map(|r| r.size(size::BODY)),
        AlignmentType::Both,
        (0, 60),
    )
    .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
}

/// "Label: text", the label in bold.
pub(super) fn labelled(label: &str, text: &str) -> Paragraph {
    body([run(&format!("{label}: ")).bold(), run(text)])
}

/// A line of a list: "- text".
pub(super) fn item(text: &str) -> Paragraph {
    body([run(&format!("- {text}"))])
}

/// A table column: its heading, its share of the width, and how its
/// cells are aligned.
pub(super) struct Column {
    pub(super) title: String,
    pub(super) weight: usize,
    pub(super) align: AlignmentType,
}

impl Column {
    /// A column of text, left-aligned.
    pub(super) fn text(title: &str, weight: usize) -> Column {
        Column {
            title: title.to_owned(),
            weight,
            align: AlignmentType::Left,
        }
    }

    /// A column of numbers, dates or short words, centred.
    pub(super) fn centred(title: &str, weight: usize) -> Column {
        Column {
            title: title.to_owned(),
            weight,
            align: AlignmentType::Center,
        }
    }
}

/// One cell of a table body: its text and, for a colour, its fill.
pub(super) struct Cell {
    pub(super) text: String,
    /// `#rrggbb`.
    pub(super) fill: Option<&'static str>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, fill: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_owned())
    }
}

/// A table with a bold header row, ruled, across the text width, the
/// columns sized by their weights.
pub(super) fn table(columns: &[Column], rows: Vec<Vec<Cell>>) -> Table {
    let widths = widths(columns.iter().map(|c| c.weight));
    let header = TableRow::new(
        columns
            .iter()
            .zip(&widths)
            .map(|(column, &width)| {
                cell(
                    width,
                    // Kept with the first row: a heading never ends a page.
                    paragraph(
                        [run(&column.title).bold().size(size::TABLE_HEADER)],
                        AlignmentType::Center,
                        (0, 0),
                    )
                    .keep_next(true),
                )
            })
            .collect(),
    )
    .cant_split();
    let body = rows.into_iter().map(|row| {
        TableRow::new(
            row.into_iter()
                .zip(columns.iter().zip(&widths))
                .map(|(value, (column, &width))| {
                    let c = cell(
                        width,
                        paragraph([run(&value.text).size(size::TABLE)], column.align, (0, 0)),
                    );
                    match value.fill {
                        Some(fill) => c.shading(
                            Shading::new()
                                .shd_type(ShdType::Clear)
                                .color("auto")
                                .fill(fill.trim_start_matches('#')),
                        ),
                        None => c,
                    }
                })
                .collect(),
        )
        .cant_split()
    });
    // Narrow cell margins (1 mm each side, Word's default is 1.9 mm) so
    // that dates and short headings fit their columns on one line.
    Table::new(std::iter::once(header).chain(body).collect())
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 57, 0, 57))
}

/// A table without borders (the heading and the signature block): one
/// row of cells, each a list of paragraphs, sized by their weights.
pub(super) fn borderless(cells: Vec<(usize, Vec<Paragraph>)>) -> Table {
    let widths = widths(cells.iter().map(|(weight, _)| *weight));
    let row = TableRow::new(
        cells
            .into_iter()
            .zip(&widths)
            .map(|((_, paragraphs), &width)| {
                paragraphs
                    .into_iter()
                    .fold(TableCell::new(), TableCell::add_paragraph)
                    .width(width, WidthType::Dxa)
                    .vertical_align(VAlignType::Top)
            })
            .collect(),
    )
    .cant_split();
    Table::new(vec![row])
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
}

fn cell(width: usize, paragraph: Paragraph) -> TableCell {
    TableCell::new()
        .add_paragraph(paragraph)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

/// The text width shared out by weight, the last column taking what
/// rounding leaves, so the columns add up to the width exactly.
fn widths(weights: impl Iterator<Item = usize> + Clone) -> Vec<usize> {
    let total: usize = weights.clone().sum::<usize>().max(1);
    let mut widths: Vec<usize> = weights.map(|w| TEXT_WIDTH * w / total).collect();
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    widths
}
