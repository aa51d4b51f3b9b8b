//! `forumplan update PLAN TASK --state S`: records one fact in the journal.
//!
//! An update that makes no sense is refused with a message and the journal
//! is left untouched; the rules are `forumplan_reporter::request::update_entry`'s,
//! which the server applies too.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::request::{self, UpdateRequest};

use crate::cli::LangArg;
use crate::error::{CliError, refuse};
use crate::plan_file::Warnings;
use crate::{plan_file, progress};
use forumplan_server::journal_file::{JournalWriteError, append_entry};

pub(crate) fn run(
    plan: &Path,
    journal: Option<&Path>,
    update: UpdateRequest,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    let entry = request::update_entry(forum, &update, progress::today(forum))?;
    let (date, state, progress) = (entry.date, entry.state, entry.progress);
    let now = crate::clock::now_in(forum.timezone());
    let entry = entry.recorded(uuid::Uuid::now_v7(), now);
    let lang = progress::lang(forum, lang);
    let file = progress::journal_path(plan, forum, journal, lang)?;
    let path = &file.path;
    append_entry(path, &entry, lang).map_err(|error| match error {
        JournalWriteError::InvalidEntry { source, .. } => refuse(
            CliMsg::InvalidEntry {
                reason: source.to_string(),
            },
            CliMsg::HintCheckValues,
        ),
        // Opening or locking failed: nothing was written, and a journal
        // the plan names is the plan's problem.
        JournalWriteError::Io {
            path,
            operation,
            source,
        } => file.io_failure(plan, source, lang, |source| {
            CliError::Journal(JournalWriteError::Io {
                path,
                operation,
                source,
            })
        }),
        other => CliError::Journal(other),
    })?;
    let recorded = CliMsg::Recorded {
        path: path.display().to_string(),
        date,
        task: entry.task.to_string(),
        state,
        progress,
    };
    if !warnings.quiet() {
        let mut stdout = anstream::stdout().lock();
        let _ = writeln!(stdout, "{}", recorded.text(lang));
    }
    Ok(ExitCode::SUCCESS)
}
