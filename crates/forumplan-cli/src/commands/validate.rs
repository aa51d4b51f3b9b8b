//! `forumplan validate PLAN`: every error and warning in a plan file, and
//! in its journal (damaged lines, entries for tasks the plan lacks).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::journal::parse_journal_bytes;
use forumplan_core::{Diagnostic, Forum, Span};

use forumplan_reporter::i18n::cli::CliMsg;

use crate::cli::LangArg;
use crate::error::CliError;
use crate::journal_file::read_journal_bytes;
use crate::{plan_file, progress};

pub(crate) fn run(
    path: &Path,
    journal: Option<&Path>,
    lang: Option<LangArg>,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(path)?;
    let forum = &loaded.forum;
    let journal_errors = check_journal(&progress::journal_path(path, forum, journal)?, forum)?;
    if journal_errors > 0 {
        return Err(CliError::InvalidPlan);
    }
    let valid = CliMsg::Valid {
        path: path.display().to_string(),
        tasks: forum.tasks().len(),
        workstreams: forum.workstreams().len(),
        event: forum.event_date(),
        warnings: loaded.warnings.len(),
    };
    let mut stdout = anstream::stdout().lock();
    writeln!(stdout, "{}", valid.text(progress::lang(forum, lang))).map_err(|source| {
        CliError::Write {
            path: "<stdout>".into(),
            source,
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Reports the journal's damaged lines and entries for unknown tasks as
/// errors; returns how many. A journal that does not exist yet is fine.
fn check_journal(path: &Path, forum: &Forum) -> Result<usize, CliError> {
    let bytes = match read_journal_bytes(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(0),
        Err(error) => {
            return Err(CliError::Read {
                path: error.path,
                source: error.source,
            });
        }
    };
    let journal = parse_journal_bytes(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    const NEVER_REWRITTEN: &str = "status and check skip this line; forumplan never rewrites the journal, so fix or remove the line by hand (or record a corrected entry with `forumplan update`)";
    let mut diagnostics: Vec<Diagnostic> = journal
        .errors
        .iter()
        .map(|error| {
            // An error at the end of a line points at the end, not the newline.
            let at_newline = text.as_bytes().get(error.byte_offset) == Some(&b'\n');
            let width = usize::from(!at_newline);
            Diagnostic::error(
                "journal-line",
                format!("journal line {}: {}", error.line, error.message),
                Span::new(error.byte_offset, error.byte_offset + width),
            )
            .with_label("here")
            .with_hint(NEVER_REWRITTEN)
        })
        .collect();
    for line in &journal.entries {
        let task = &line.entry.task;
        if forum.task_id(task).is_some() {
            continue;
        }
        let start = line_starts.get(line.line - 1).copied().unwrap_or(0);
        let end = line_starts.get(line.line).copied().unwrap_or(text.len());
        let quoted = format!("\"{task}\"");
        let at = text[start..end]
            .find(&quoted)
            .map_or(Span::new(start, start + 1), |i| {
                Span::new(start + i, start + i + quoted.len())
            });
        let ids = forum.plan().tasks.iter().map(|t| t.id.as_str());
        let hint = forumplan_core::closest(task, ids).map_or_else(
            || NEVER_REWRITTEN.to_owned(),
            |near| format!("did you mean `{near}`? {NEVER_REWRITTEN}"),
        );
        diagnostics.push(
            Diagnostic::error(
                "journal-unknown-task",
                format!("journal line {}: the plan has no task `{task}`", line.line),
                at,
            )
            .with_label("unknown task")
            .with_hint(hint),
        );
    }
    diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
    plan_file::print_diagnostics(path, &bytes, &diagnostics);
    Ok(diagnostics.len())
}
