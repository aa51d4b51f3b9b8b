//! Import: a committee's spreadsheet or a partner's MS Project XML file
//! becomes a forumplan [`Plan`] and, where the file records progress,
//! journal entries. Pure: bytes and the day come in, values go out.

mod ids;
mod mspdi;
mod sheet;
pub(crate) mod text;

use chrono::NaiveDate;
use forumplan_core::document::{Node, parse_json};
use forumplan_core::journal::JournalEntry;
use forumplan_core::plan::{Plan, plan_to_text};
use forumplan_core::{Format, Span, load_plan};

use crate::problem::{Place, Problem, ProblemCode};

/// What kind of file is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A workbook: `.xlsx`, `.xlsm`, `.xls` or `.ods`.
    Workbook,
    /// A `.csv` file (UTF-8; `,`, `;` or tab separated).
    Csv,
    /// MS Project XML (MSPDI), `.xml`.
    Mspdi,
}

impl SourceKind {
    /// The kind a file's name says, by its extension (any case).
    pub fn from_file_name(name: &str) -> Option<SourceKind> {
        let lower = name.to_lowercase();
        let extension = lower.rsplit_once('.')?.1;
        match extension {
            "xlsx" | "xlsm" | "xls" | "ods" => Some(SourceKind::Workbook),
            "csv" => Some(SourceKind::Csv),
            "xml" => Some(SourceKind::Mspdi),
            _ => None,
        }
    }
}

/// What the user told `import`.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions<'a> {
    /// `--date`: the event day (required for spreadsheets; for MS Project
    /// files the project's finish date is the default).
    pub date: Option<NaiveDate>,
    /// `--name`: the forum's name (default: the file's title).
    pub name: Option<&'a str>,
    /// `--sheet`: the sheet to read (default: the first).
    pub sheet: Option<&'a str>,
    /// The day of the import, in the forum's time zone: the date of the
    /// journal entries made from a status or percentage column.
    pub today: NaiveDate,
}

/// A file imported: the plan (which validates), the journal entries it
/// records (without ids: the caller stamps them), and the warnings about
/// what could not be carried over.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new plan.
    pub plan: Plan,
    /// Progress found in the file, in file order.
    pub journal: Vec<JournalEntry>,
    /// What was left out or changed to fit, each located in the source.
    pub warnings: Vec<Problem>,
}

/// Imports `bytes`, a file of `kind`. On failure returns every problem
/// found (errors and warnings), in file order. Never panics.
pub fn import(
    bytes: &[u8],
    kind: SourceKind,
    options: &ImportOptions<'_>,
) -> Result<Imported, Vec<Problem>> {
    let draft = match kind {
        SourceKind::Mspdi => mspdi::read(bytes, options),
        SourceKind::Workbook => sheet::read_workbook(bytes, options),
        SourceKind::Csv => sheet::read_csv(bytes, options),
    }
    .map_err(|problem| vec![problem])?;
    draft.finish()
}

/// A plan being built, with where each task came from.
#[derive(Debug)]
pub(crate) struct Draft {
    /// The plan.
    pub(crate) plan: Plan,
    /// Where each of `plan.tasks` is written in the source.
    pub(crate) task_places: Vec<Place>,
    /// Progress found.
    pub(crate) journal: Vec<JournalEntry>,
    /// Problems found so far.
    pub(crate) problems: Vec<Problem>,
}

impl Draft {
    /// The import's result: refused with every problem when there is an
    /// error, including the rules of plans the file breaks (checked by
    /// loading the plan through core, as `validate` would).
    fn finish(mut self) -> Result<Imported, Vec<Problem>> {
        if !self.problems.iter().any(Problem::is_error) {
            self.problems.extend(self.rules_broken());
        }
        if self.problems.iter().any(Problem::is_error) {
            return Err(self.problems);
        }
        Ok(Imported {
            plan: self.plan,
            journal: self.journal,
            warnings: self.problems,
        })
    }

    /// The errors core finds in the plan, each placed at the source of the
    /// task it is about (or the file, when it is about no task).
    fn rules_broken(&self) -> Vec<Problem> {
        let text = match plan_to_text(&self.plan, Format::Json) {
            Ok(text) => text,
            Err(e) => {
                return vec![Problem::error(
                    ProblemCode::NotValid,
                    Place::File,
                    e.to_string(),
                )];
            }
        };
        let Err(diagnostics) = load_plan(text.as_bytes(), Format::Json) else {
            return Vec::new();
        };
        let task_spans = task_spans(&text);
        diagnostics
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let place = d
                    .span
                    .and_then(|span| {
                        task_spans
                            .iter()
                            .position(|t| t.start <= span.start && span.start < t.end)
                    })
                    .and_then(|i| self.task_places.get(i).cloned())
                    .unwrap_or(Place::File);
                let problem = Problem::error(
                    ProblemCode::NotValid,
                    place,
                    format!("the plan would be invalid: {} [{}]", d.message, d.code),
                );
                match d.hint {
                    Some(hint) => problem.with_hint(hint),
                    None => problem,
                }
            })
            .collect()
    }
}

/// The span of each task in a plan's JSON text.
fn task_spans(text: &str) -> Vec<Span> {
    let Ok(tree) = parse_json(text) else {
        return Vec::new();
    };
    match tree.member("tasks").map(|m| &m.value.node) {
        Some(Node::Array(items)) => items.iter().map(|v| v.span).collect(),
        _ => Vec::new(),
    }
}
