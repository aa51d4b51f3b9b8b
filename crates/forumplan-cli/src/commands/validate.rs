//! `forumplan validate PLAN`: every error and warning in a plan file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::error::CliError;
use crate::plan_file;

pub(crate) fn run(path: &Path) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(path)?;
    let forum = &loaded.forum;
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
