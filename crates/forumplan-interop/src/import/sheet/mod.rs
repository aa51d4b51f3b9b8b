//! A committee's task table: one row per task under a header row, section
//! rows starting workstreams, predecessors by row number.

mod columns;
mod grid;
mod values;

use std::collections::HashMap;

use chrono::NaiveDate;
use forumplan_core::calendar::Calendar;
use forumplan_core::journal::{JournalEntry, TaskState};
use forumplan_core::plan::{
    DateSpec, Days, ForumInfo, Lag, Link, Plan, Settings, Task, Workstream, forum_id,
};

use self::columns::{Column, Layout, find_layout};
use self::grid::{Cell, Grid};
use super::ids::Ids;
use super::text::{fold, roman_heading};
use super::{Draft, ImportOptions};
use crate::mspdi::GENERAL_WORKSTREAM;
use crate::problem::{Place, Problem, ProblemCode};

/// Reads a workbook's sheet into a draft plan.
pub(crate) fn read_workbook(bytes: &[u8], options: &ImportOptions<'_>) -> Result<Draft, Problem> {
    let grid = grid::workbook(bytes, options.sheet)?;
    read_grid(&grid, options)
}

/// Reads a CSV file into a draft plan.
pub(crate) fn read_csv(bytes: &[u8], options: &ImportOptions<'_>) -> Result<Draft, Problem> {
    if let Some(sheet) = options.sheet {
        return Err(Problem::error(
            ProblemCode::UnknownSheet,
            Place::File,
            format!("a CSV file has no sheets, so no sheet \"{sheet}\""),
        )
        .with_hint("leave out --sheet"));
    }
    let grid = grid::csv(bytes)?;
    read_grid(&grid, options)
}

/// A task row as read, before its predecessors are resolved.
struct Row {
    /// The row index.
    row: usize,
    /// The section it is under (for row numbers that restart per section).
    section: usize,
    /// Its number (STT) as written.
    number: Option<String>,
    /// `II.3`: its section's roman numeral and its number, for numbering
    /// that restarts in each section.
    qualified: Option<String>,
    /// Its predecessors' cell.
    links: Vec<String>,
}

fn read_grid(grid: &Grid, options: &ImportOptions<'_>) -> Result<Draft, Problem> {
    let layout = find_layout(grid).ok_or_else(|| {
        Problem::error(
            ProblemCode::NoHeader,
            Place::Cell(crate::problem::CellRef {
                sheet: grid.sheet.clone(),
                row: 0,
                column: 0,
            }),
            "no header row found: no row of the first 30 has a task column and another known column",
        )
        .with_hint("name the columns, e.g. \"STT\", \"Nội dung công việc\", \"Đơn vị chủ trì\", \"Thời hạn\" (see docs/interop.md), or choose the sheet with --sheet")
    })?;
    Ok(SheetImport::new(grid, layout, options).run())
}

struct SheetImport<'g, 'o> {
    grid: &'g Grid,
    layout: Layout,
    options: &'o ImportOptions<'o>,
    problems: Vec<Problem>,
    /// Whether the % column holds fractions (every number at most 1).
    fractions: bool,
}

impl<'g, 'o> SheetImport<'g, 'o> {
    fn new(grid: &'g Grid, layout: Layout, options: &'o ImportOptions<'o>) -> Self {
        let fractions = layout.columns.get(&Column::Percent).is_some_and(|&c| {
            (layout.first_data_row..grid.rows.len())
                .filter_map(|r| match grid.cell(r, c) {
                    Cell::Number(n) => Some(*n),
                    _ => None,
                })
                .all(|n| n <= 1.0)
        });
        SheetImport {
            grid,
            layout,
            options,
            problems: Vec::new(),
            fractions,
        }
    }

    fn cell(&self, row: usize, column: Column) -> &'g Cell {
        match self.layout.columns.get(&column) {
            Some(&c) => self.grid.cell(row, c),
            None => &Cell::Empty,
        }
    }

    fn place(&self, row: usize, column: Column) -> Place {
        let c = self.layout.columns.get(&column).copied().unwrap_or(0);
        self.grid.place(row, c)
    }

    fn error(
        &mut self,
        row: usize,
        column: Column,
        code: ProblemCode,
        message: String,
        hint: &str,
    ) {
        let place = self.place(row, column);
        self.problems
            .push(Problem::error(code, place, message).with_hint(hint));
    }

    fn run(mut self) -> Draft {
        let date = self.options.date;
        if date.is_none() {
            self.problems.push(
                Problem::error(
                    ProblemCode::NoForumDate,
                    Place::File,
                    "the event day is not known: a spreadsheet does not say it",
                )
                .with_hint("give it with --date YYYY-MM-DD"),
            );
        }
        let event = date.unwrap_or_default();
        let name = self
            .options
            .name
            .map(str::to_owned)
            .or_else(|| self.title())
            .unwrap_or_else(|| "Diễn đàn".to_owned());
        let vn = Calendar::vn();
        let mut plan = Plan {
            forum: ForumInfo {
                id: forum_id(&name, event).into(),
                name,
                date: event,
                venue: None,
                timezone: None,
                calendar: None,
                plan_start: None,
                journal: None,
            },
            settings: Settings::default(),
            calendars: Default::default(),
            workstreams: Vec::new(),
            tasks: Vec::new(),
        };
        let mut task_places = Vec::new();
        let mut journal = Vec::new();
        let mut rows: Vec<Row> = Vec::new();
        let mut ids = Ids::default();
        let mut workstream_ids: HashMap<String, usize> = HashMap::new();
        let mut section: Option<usize> = None;
        let mut sections_seen = 0;
        let mut numeral: Option<String> = None;
        for row in self.layout.first_data_row..self.grid.rows.len() {
            let cells = &self.grid.rows[row];
            if cells.iter().all(Cell::is_empty) || is_column_numbering(cells) {
                continue;
            }
            if let Some((number, title)) = self.section_title(row) {
                let w = workstream(&mut plan, &mut ids, &mut workstream_ids, &title);
                section = Some(w);
                sections_seen += 1;
                numeral = number.map(|n| n.to_uppercase());
                continue;
            }
            let name = self.cell(row, Column::Task).text();
            if name.is_empty() {
                let place = self.place(row, Column::Task);
                self.problems.push(Problem::warning(
                    ProblemCode::NotCarriedOver,
                    place,
                    format!("row {} has no task name: left out", row + 1),
                ));
                continue;
            }
            let stream_name = self.cell(row, Column::Workstream).text();
            let w = if !stream_name.is_empty() {
                workstream(&mut plan, &mut ids, &mut workstream_ids, &stream_name)
            } else if let Some(w) = section {
                w
            } else {
                workstream(&mut plan, &mut ids, &mut workstream_ids, GENERAL_WORKSTREAM)
            };
            let number = Some(self.cell(row, Column::Number).text()).filter(|n| !n.is_empty());
            let id = ids.make(&name, &format!("row-{}", row + 1));
            let task = self.task(row, id, &plan.workstreams[w].id, &vn, event);
            self.progress(row, &task.id, &mut journal);
            let links = self
                .layout
                .columns
                .get(&Column::Predecessors)
                .map(|&c| values::link_tokens(self.grid.cell(row, c)))
                .unwrap_or_default();
            let qualified = numeral
                .as_ref()
                .zip(number.as_ref())
                .map(|(section, n)| format!("{section}.{n}"));
            rows.push(Row {
                row,
                section: sections_seen,
                number,
                qualified,
                links,
            });
            task_places.push(self.place(row, Column::Task));
            plan.tasks.push(task);
        }
        self.resolve_links(&rows, &mut plan.tasks);
        if plan.tasks.is_empty() {
            let place = self.grid.place(self.layout.header_row, 0);
            self.problems.push(
                Problem::error(ProblemCode::NoTasks, place, "no task rows under the header")
                    .with_hint("put one task per row under the header row"),
            );
        }
        set_leads(&mut plan);
        self.problems.sort_by_key(|p| match &p.place {
            Place::Cell(c) => (c.row, c.column),
            _ => (0, 0),
        });
        Draft {
            plan,
            task_places,
            journal,
            problems: self.problems,
        }
    }

    /// The forum's name from the title rows: the longest text above the
    /// header that is not the national heading, a number or a remark in
    /// brackets, less a leading "Kế hoạch (tổ chức|triển khai)".
    fn title(&self) -> Option<String> {
        let title = (0..self.layout.header_row)
            .flat_map(|r| self.grid.rows[r].iter())
            .filter_map(|c| match c {
                Cell::Text(t) => Some(t),
                _ => None,
            })
            .filter(|t| {
                let f = fold(t);
                !t.starts_with('(')
                    && !["cong hoa", "doc lap", "so:", "so "]
                        .iter()
                        .any(|p| f.starts_with(p))
            })
            .max_by_key(|t| t.chars().count())?;
        let words: Vec<&str> = title.split_whitespace().collect();
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        let skip = match folded.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["ke", "hoach", "to" | "trien", "chuc" | "khai", ..] if words.len() > 4 => 4,
            ["ke", "hoach", ..] if words.len() > 2 => 2,
            _ => 0,
        };
        Some(words[skip..].join(" "))
    }

    /// The roman numeral (when there is one) and title of a section row:
    /// a roman numeral in the number column (or opening the text), or a
    /// text in capitals alone on its row with no deadline.
    fn section_title(&self, row: usize) -> Option<(Option<String>, String)> {
        let number = self.cell(row, Column::Number).text();
        let name = self.cell(row, Column::Task).text();
        if !number.is_empty() && roman_heading(&number).is_some_and(|(_, rest)| rest.is_empty()) {
            let title = if name.is_empty() {
                number.clone()
            } else {
                name
            };
            return Some((Some(number), title));
        }
        let first_text = self.grid.rows[row]
            .iter()
            .find(|c| !c.is_empty())
            .map(Cell::text)
            .unwrap_or_default();
        if let Some((numeral, title)) = roman_heading(&first_text)
            && !title.is_empty()
        {
            return Some((Some(numeral.to_owned()), title.to_owned()));
        }
        let filled = self.grid.rows[row].iter().filter(|c| !c.is_empty()).count();
        let capitals = name.chars().any(char::is_alphabetic) && name.to_uppercase() == name;
        (filled == 1 && capitals && self.cell(row, Column::Deadline).is_empty())
            .then_some((None, name))
    }

    /// The task of a row.
    fn task(
        &mut self,
        row: usize,
        id: String,
        workstream: &str,
        vn: &Calendar,
        event: NaiveDate,
    ) -> Task {
        let name = self.cell(row, Column::Task).text();
        let date_of = |this: &mut Self, column: Column| match values::date(this.cell(row, column)) {
            Ok(d) => d,
            Err(why) => {
                this.error(row, column, ProblemCode::BadDate, why, "write dd/mm/yyyy, yyyy-mm-dd or T-10 (days before the event), or use a date cell");
                None
            }
        };
        let start = date_of(self, Column::Start);
        let due = date_of(self, Column::Deadline);
        let duration = match values::duration(self.cell(row, Column::Duration)) {
            Ok(Some((days, rounded))) => {
                if rounded {
                    let place = self.place(row, Column::Duration);
                    self.problems.push(Problem::warning(
                        ProblemCode::Approximated,
                        place,
                        format!(
                            "a duration of {} is rounded to {days} working days",
                            self.cell(row, Column::Duration).text()
                        ),
                    ));
                }
                days
            }
            Ok(None) => span_in_working_days(start, due, vn, event).unwrap_or(1),
            Err(why) => {
                self.error(
                    row,
                    Column::Duration,
                    ProblemCode::BadDuration,
                    why,
                    "write a number of working days, e.g. 3 or \"3 ngày\"",
                );
                1
            }
        };
        let mut notes = Vec::new();
        if let Some(&c) = self.layout.columns.get(&Column::Support) {
            push_note(&mut notes, &self.layout.headers, c, self.grid.cell(row, c));
        }
        for &(c, _) in &self.layout.others {
            push_note(&mut notes, &self.layout.headers, c, self.grid.cell(row, c));
        }
        if let Some(&c) = self.layout.columns.get(&Column::Notes) {
            push_note(&mut notes, &self.layout.headers, c, self.grid.cell(row, c));
        }
        let owner = Some(self.cell(row, Column::Lead).text()).filter(|o| !o.is_empty());
        Task {
            id: id.into(),
            workstream: workstream.into(),
            name,
            duration: Days(duration),
            not_before: start,
            due,
            owner,
            notes: (!notes.is_empty()).then(|| notes.join("\n")),
            ..Task::default()
        }
    }

    /// Status and % of a row as a journal entry dated the import day.
    fn progress(&mut self, row: usize, task: &str, journal: &mut Vec<JournalEntry>) {
        let today = self.options.today;
        let status_text = self.cell(row, Column::Status).text();
        let state = if status_text.is_empty() {
            None
        } else {
            let state = values::status(&status_text);
            if state.is_none() {
                let place = self.place(row, Column::Status);
                self.problems.push(
                    Problem::warning(
                        ProblemCode::NotCarriedOver,
                        place,
                        format!("the status \"{status_text}\" is not one forumplan knows: left out of the journal"),
                    )
                    .with_hint("write Hoàn thành, Đang thực hiện, Chưa thực hiện, Vướng mắc or Hủy (or Done, In progress, Not started, Blocked, Cancelled)"),
                );
            }
            state
        };
        let percent = match values::percent(self.cell(row, Column::Percent), self.fractions) {
            Ok(p) => p,
            Err(why) => {
                self.error(
                    row,
                    Column::Percent,
                    ProblemCode::BadStatus,
                    why,
                    "write a percentage from 0 to 100, e.g. 50%",
                );
                None
            }
        };
        let dropped = |this: &mut Self, why: String| {
            let place = this.place(row, Column::Percent);
            this.problems
                .push(Problem::warning(ProblemCode::NotCarriedOver, place, why));
        };
        let entry = match (state, percent) {
            (None, None | Some(0)) | (Some(TaskState::NotStarted), None | Some(0)) => None,
            (None, Some(100)) => Some(JournalEntry::new(today, task, TaskState::Done)),
            (None, Some(p)) => {
                Some(JournalEntry::new(today, task, TaskState::InProgress).with_progress(p))
            }
            (Some(TaskState::Done), p) => {
                if let Some(p) = p.filter(|&p| p != 100) {
                    dropped(
                        self,
                        format!("a done task at {p}%: recorded as done (100%)"),
                    );
                }
                Some(JournalEntry::new(today, task, TaskState::Done))
            }
            (Some(TaskState::NotStarted), Some(p)) => {
                dropped(
                    self,
                    format!("a task not started at {p}%: the percentage is left out"),
                );
                None
            }
            (Some(TaskState::Cancelled), p) => {
                if p.is_some() {
                    dropped(self, "a cancelled task has no percentage: left out".into());
                }
                Some(JournalEntry::new(today, task, TaskState::Cancelled))
            }
            (Some(state), Some(100)) => {
                dropped(
                    self,
                    "100% of a task not done: the percentage is left out".into(),
                );
                Some(JournalEntry::new(today, task, state))
            }
            (Some(state), Some(p)) => Some(JournalEntry::new(today, task, state).with_progress(p)),
            (Some(state), None) => Some(JournalEntry::new(today, task, state)),
        };
        journal.extend(entry);
    }

    /// Each row's predecessors: a row number (in the row's own section
    /// first, for numbering that restarts per section), a number in a
    /// section (`II.3`), else a task id.
    fn resolve_links(&mut self, rows: &[Row], tasks: &mut [Task]) {
        let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_qualified: HashMap<&str, usize> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            if let Some(n) = &row.number {
                by_number.entry(n.as_str()).or_default().push(i);
            }
            if let Some(q) = &row.qualified {
                by_qualified.insert(q.as_str(), i);
            }
        }
        let by_id: HashMap<String, usize> = tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.to_string(), i))
            .collect();
        for (i, row) in rows.iter().enumerate() {
            for token in &row.links {
                let readings = match values::link_readings(token) {
                    Ok(r) => r,
                    Err(why) => {
                        self.error(
                            row.row,
                            Column::Predecessors,
                            ProblemCode::BadPredecessor,
                            why,
                            "e.g. `3`, `3FS+2d`, `5SS`, `1, 2SS+2d`",
                        );
                        continue;
                    }
                };
                let mut found = None;
                let mut ambiguous = false;
                for reading in &readings {
                    let target = match by_number.get(reading.target.as_str()).map(Vec::as_slice) {
                        Some([only]) => Some(*only),
                        Some(many) => {
                            let same: Vec<usize> = many
                                .iter()
                                .copied()
                                .filter(|&j| rows[j].section == row.section)
                                .collect();
                            match same[..] {
                                [only] => Some(only),
                                _ => {
                                    ambiguous = true;
                                    None
                                }
                            }
                        }
                        None => by_qualified
                            .get(reading.target.to_uppercase().as_str())
                            .or_else(|| by_id.get(&reading.target))
                            .copied(),
                    };
                    if let Some(target) = target {
                        found = Some((target, reading.clone()));
                        break;
                    }
                }
                match found {
                    Some((target, _)) if target == i => self.error(
                        row.row,
                        Column::Predecessors,
                        ProblemCode::BadPredecessor,
                        format!("`{token}` is this row itself"),
                        "a task cannot wait for itself",
                    ),
                    Some((target, reading)) => tasks[i].after.push(Link {
                        task: tasks[target].id.clone(),
                        kind: reading.kind,
                        lag: Lag(reading.lag),
                    }),
                    None if ambiguous => self.error(
                        row.row,
                        Column::Predecessors,
                        ProblemCode::DuplicateNumber,
                        format!("`{token}`: several rows have that number, in other sections than this row"),
                        "number the rows once for the whole sheet, or refer to the task by its id",
                    ),
                    None => self.error(
                        row.row,
                        Column::Predecessors,
                        ProblemCode::UnknownPredecessor,
                        format!("`{token}` is no row number (STT) or task of this sheet"),
                        "refer to a task row by its number in the STT column",
                    ),
                }
            }
        }
    }
}

/// Whether a row only numbers the columns: `(1) (2) (3)…`.
fn is_column_numbering(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 3
        && filled.iter().all(|c| {
            let t = c.text();
            let inner = t.trim_start_matches('(').trim_end_matches(')');
            t.starts_with('(') && !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The workstream called `name`, declared when first met.
fn workstream(
    plan: &mut Plan,
    ids: &mut Ids,
    known: &mut HashMap<String, usize>,
    name: &str,
) -> usize {
    let key = fold(name);
    if let Some(&w) = known.get(&key) {
        return w;
    }
    let (id, shown) = if name == GENERAL_WORKSTREAM {
        (
            ids.make(GENERAL_WORKSTREAM, GENERAL_WORKSTREAM),
            "Chung".to_owned(),
        )
    } else {
        (ids.make(name, "workstream"), name.to_owned())
    };
    plan.workstreams.push(Workstream {
        id: id.into(),
        name: shown,
        lead: None,
        focal_point: None,
    });
    known.insert(key, plan.workstreams.len() - 1);
    plan.workstreams.len() - 1
}

/// A workstream's lead is its tasks' owner when they all agree.
fn set_leads(plan: &mut Plan) {
    for w in &mut plan.workstreams {
        let mut owners = plan
            .tasks
            .iter()
            .filter(|t| t.workstream == w.id)
            .map(|t| t.owner.as_deref());
        if let Some(Some(first)) = owners.next()
            && owners.all(|o| o == Some(first))
        {
            w.lead = Some(first.to_owned());
        }
    }
}

/// Working days from `start` to `due`, both counted, on the `vn`
/// calendar (the plan's default), at least 1.
fn span_in_working_days(
    start: Option<DateSpec>,
    due: Option<DateSpec>,
    vn: &Calendar,
    event: NaiveDate,
) -> Option<u32> {
    let start = start?.resolve(event)?;
    let due = due?.resolve(event)?;
    if due < start {
        return None;
    }
    let days = start
        .iter_days()
        .take_while(|d| *d <= due)
        .take(36_600)
        .filter(|d| vn.is_working_day(*d))
        .count();
    Some(u32::try_from(days).unwrap_or(1).max(1))
}

fn push_note(
    notes: &mut Vec<String>,
    headers: &HashMap<usize, String>,
    column: usize,
    cell: &Cell,
) {
    if cell.is_empty() {
        return;
    }
    let header = headers.get(&column).map_or("", String::as_str);
    notes.push(format!("{header}: {}", cell.text()));
}
