//! `forumplan import SRC -o PLAN`: a committee's spreadsheet or an MS
//! Project XML file becomes a new plan (and, where the file records
//! progress, a new journal). Every problem is shown at once, located in the
//! source; nothing is written when there is an error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use forumplan_core::journal::format_entry;
use forumplan_core::{DEFAULT_TIMEZONE, Format};
use forumplan_interop::{ImportOptions, Imported, Place, Problem, SourceKind, import};
use forumplan_reporter::i18n::cli::CliMsg;

use crate::cli::LangArg;
use crate::commands::init::{check_fits, serialize};
use crate::diagnostics::{Shown, SourceFile, counts, render_shown};
use crate::error::{CliError, refuse};
use crate::plan_file::text_keeping_offsets;
use crate::write::create_atomically;
use crate::{clock, progress};
use forumplan_server::journal_file::same_file;

/// What `import` is asked to do.
pub(crate) struct Import<'a> {
    /// The file to read.
    pub(crate) source: &'a Path,
    /// The plan to write (must not exist).
    pub(crate) output: &'a Path,
    /// `--date`.
    pub(crate) date: Option<&'a str>,
    /// `--name`.
    pub(crate) name: Option<&'a str>,
    /// `--journal`.
    pub(crate) journal: Option<&'a Path>,
    /// `--sheet`.
    pub(crate) sheet: Option<&'a str>,
}

pub(crate) fn run(args: Import<'_>, lang: Option<LangArg>) -> Result<ExitCode, CliError> {
    let lang = progress::message_lang(lang);
    let source_name = args.source.to_string_lossy();
    let kind = SourceKind::from_file_name(&source_name).ok_or_else(|| {
        refuse(
            CliMsg::UnknownSourceKind {
                path: source_name.to_string(),
            },
            CliMsg::HintSourceKinds,
        )
    })?;
    let date = args
        .date
        .map(|text| forumplan_reporter::request::strict_day(text, CliMsg::HintEventDay))
        .transpose()?;
    refuse_existing(args.output)?;
    let bytes = std::fs::read(args.source).map_err(|source| CliError::Read {
        path: args.source.to_owned(),
        source,
    })?;
    let timezone: chrono_tz::Tz = DEFAULT_TIMEZONE
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let options = ImportOptions {
        date,
        name: args.name,
        sheet: args.sheet,
        today: clock::today_in(timezone),
    };
    let mut imported = match import(&bytes, kind, &options) {
        Ok(imported) => imported,
        Err(problems) => {
            print_problems(args.source, &bytes, &problems);
            let refused = CliMsg::ImportRefused {
                path: args.source.display().to_string(),
            };
            let _ = writeln!(anstream::stderr().lock(), "{}", refused.text(lang));
            // The problems were printed; nothing more to say.
            return Err(CliError::InvalidPlan);
        }
    };
    print_problems(args.source, &bytes, &imported.warnings);
    let journal = journal_path(args.output, args.journal, &mut imported)?;
    if !imported.journal.is_empty() {
        refuse_existing(&journal)?;
    }
    let format = Format::from_file_name(&args.output.to_string_lossy());
    let text = serialize(&imported.plan, format)?;
    check_fits(&text, format, imported.plan.forum.date)?;
    let lines = journal_lines(&imported, timezone);
    create_atomically(args.output, text.as_bytes())?;
    if !lines.is_empty()
        && let Err(error) = create_atomically(&journal, lines.as_bytes())
    {
        // Both files or neither: the plan was created by this run.
        let _ = std::fs::remove_file(args.output);
        return Err(error);
    }
    let shown = args.output.display().to_string();
    let mut out = vec![
        CliMsg::Wrote {
            path: shown.clone(),
            tasks: imported.plan.tasks.len(),
            workstreams: imported.plan.workstreams.len(),
            event: imported.plan.forum.date,
        }
        .text(lang),
    ];
    if !imported.journal.is_empty() {
        out.push(
            CliMsg::WroteJournal {
                path: journal.display().to_string(),
                entries: imported.journal.len(),
            }
            .text(lang),
        );
    }
    if !imported.warnings.is_empty() {
        out.push(
            CliMsg::ImportWarnings {
                count: imported.warnings.len(),
            }
            .text(lang),
        );
    }
    out.push(CliMsg::Next { path: shown }.text(lang));
    let mut stdout = anstream::stdout().lock();
    for line in out {
        let _ = writeln!(stdout, "{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `import` never replaces a file.
fn refuse_existing(path: &Path) -> Result<(), CliError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(CliError::Exists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Where the journal goes: `--journal` (which must be in the plan's
/// folder; the plan then names it), else `<plan stem>.journal.jsonl`
/// beside the plan, where every command looks for it.
fn journal_path(
    plan: &Path,
    journal: Option<&Path>,
    imported: &mut Imported,
) -> Result<PathBuf, CliError> {
    let folder = plan.parent().unwrap_or(Path::new(""));
    let stem = plan
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    let default = folder.join(format!("{stem}.journal.jsonl"));
    let Some(journal) = journal else {
        return Ok(default);
    };
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let beside = folder.join(name.as_deref().unwrap_or(""));
    match name {
        Some(name) if same_file(&beside, journal) && !same_file(journal, plan) => {
            if !same_file(journal, &default) {
                imported.plan.forum.journal = Some(name);
            }
            Ok(journal.to_owned())
        }
        _ => Err(refuse(
            CliMsg::JournalOutsidePlanFolder {
                journal: journal.display().to_string(),
            },
            CliMsg::HintJournalBesidePlan,
        )),
    }
}

/// The journal's text: one line per entry, each stamped with an id and
/// the time of the import.
fn journal_lines(imported: &Imported, timezone: chrono_tz::Tz) -> String {
    let now = clock::now_in(timezone);
    imported
        .journal
        .iter()
        .map(|entry| format_entry(&entry.clone().recorded(uuid::Uuid::now_v7(), now)))
        .collect()
}

/// Prints `problems` of the file at `path` to stderr with the diagnostics
/// renderer: line:column for XML, the cell for spreadsheets.
fn print_problems(path: &Path, bytes: &[u8], problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let display = path.display().to_string();
    let text = text_keeping_offsets(bytes);
    let file = SourceFile::new(&display, &text);
    let stderr = std::io::stderr();
    let styled = anstream::AutoStream::choice(&stderr) != anstream::ColorChoice::Never;
    let mut out = std::io::BufWriter::new(stderr.lock());
    for problem in problems {
        let (span, origin) = match &problem.place {
            Place::Text(span) => (Some(*span), None),
            Place::Cell(cell) => (None, Some(format!("{display} › {cell}"))),
            Place::File => (None, None),
        };
        let shown = Shown {
            severity: problem.severity,
            code: problem.code.as_str(),
            message: &problem.message,
            span,
            label: None,
            hint: problem.hint.as_deref(),
            related: &[],
            origin: origin.as_deref(),
        };
        let _ = writeln!(out, "{}\n", render_shown(&shown, &file, styled));
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let _ = writeln!(
        out,
        "{display}: {}",
        counts(errors, problems.len() - errors)
    );
    let _ = out.flush();
}
