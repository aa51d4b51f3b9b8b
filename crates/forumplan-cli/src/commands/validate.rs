//! `forumplan validate PLAN`: every error and warning in a plan file, and
//! in its journal (damaged lines, entries for tasks the plan lacks).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::Severity;

use crate::error::CliError;
use crate::{plan_file, progress};

pub(crate) fn run(path: &Path, journal: Option<&Path>) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(path)?;
    let forum = &loaded.forum;
    let journal_path = progress::journal_path(path, forum, journal)?;
    let (_, journal_errors) =
        progress::read_checked_journal(&journal_path, forum, Severity::Error)?;
    if journal_errors > 0 {
        return Err(CliError::InvalidPlan);
    }
    let warnings = match loaded.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    let mut stdout = anstream::stdout().lock();
    writeln!(
        stdout,
        "{}: valid — {} tasks in {} workstreams, event on {}{warnings}",
        path.display(),
        forum.tasks().len(),
        forum.workstreams().len(),
        forum.event_date(),
    )
    .map_err(|source| CliError::Write {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
