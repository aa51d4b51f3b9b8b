//! `forumplan validate PLAN`: every error and warning in a plan file, in
//! its journal (damaged lines, entries for tasks the plan lacks), and in
//! its baseline file when it has one.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::Severity;
use forumplan_reporter::i18n::cli::CliMsg;

use crate::cli::LangArg;
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::{baseline_file, plan_file, progress};

pub(crate) fn run(
    path: &Path,
    journal: Option<&Path>,
    lang: Option<LangArg>,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(path, Warnings::Show)?;
    let forum = &loaded.forum;
    let lang = progress::lang(forum, lang);
    let journal = progress::journal_path(path, forum, journal, lang)?;
    let (_, journal_errors) =
        progress::read_checked_journal(path, &journal, forum, Severity::Error, lang)?;
    // Read (and its problems printed) whatever the journal held.
    let baselines = baseline_file::read(&baseline_file::path_of(path), forum);
    if journal_errors > 0 {
        return Err(CliError::InvalidPlan);
    }
    baselines?;
    let valid = CliMsg::Valid {
        path: path.display().to_string(),
        tasks: forum.tasks().len(),
        workstreams: forum.workstreams().len(),
        event: forum.event_date(),
        warnings: loaded.warnings.len(),
    };
    let mut stdout = anstream::stdout().lock();
    writeln!(stdout, "{}", valid.text(lang)).map_err(|source| CliError::Write {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
