//! `forumplan history PLAN [TASK]`: the journal as a readable timeline.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::Severity;
use forumplan_core::journal::TaskState;
use forumplan_reporter::escape::terminal;
use forumplan_reporter::i18n::{self, cli::CliMsg};

use crate::cli::LangArg;
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::{plan_file, progress};

pub(crate) fn run(
    plan: &Path,
    task: Option<&str>,
    journal: Option<&Path>,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    let lang = progress::lang(forum, lang);
    if let Some(task) = task {
        progress::task(forum, task)?;
    }
    let file = progress::journal_path(plan, forum, journal, lang)?;
    let (journal, _) = progress::read_checked_journal(plan, &file, forum, Severity::Warning, lang)?;
    let mut out = anstream::stdout().lock();
    // Names, notes and who recorded them are user text: one plain line each.
    let mut write = |line: String| {
        writeln!(out, "{}", terminal(&line)).map_err(|source| CliError::Write {
            path: "<stdout>".into(),
            source,
        })
    };
    // The state column is as wide as the longest state's name.
    let state_width = [
        TaskState::NotStarted,
        TaskState::InProgress,
        TaskState::Done,
        TaskState::Blocked,
        TaskState::Cancelled,
    ]
    .map(|s| i18n::state(lang, s).chars().count())
    .into_iter()
    .max()
    .unwrap_or(0);
    let pad = |text: &str, width: usize| format!("{text:<width$}");
    let mut shown = 0;
    for line in &journal.entries {
        let entry = &line.entry;
        if task.is_some_and(|t| t != entry.task) {
            continue;
        }
        shown += 1;
        let name = forum.task_id(&entry.task).map_or_else(
            || CliMsg::NotInPlan.text(lang),
            |t| forum.task(t).name.clone(),
        );
        let progress = entry.progress.map_or(String::new(), |p| format!(" {p}%"));
        let mut recorded = Vec::new();
        if let Some(by) = &entry.by {
            recorded.push(CliMsg::RecordedBy { who: by.clone() }.text(lang));
        }
        if let Some(at) = entry.recorded_at {
            recorded.push(
                CliMsg::RecordedAt {
                    at: at.naive_local(),
                }
                .text(lang),
            );
        }
        let recorded = if recorded.is_empty() {
            String::new()
        } else {
            format!("  ({})", recorded.join(", "))
        };
        write(format!(
            "{}  {}{progress}  {} — {name}{recorded}",
            i18n::date(lang, entry.date),
            pad(i18n::state(lang, entry.state), state_width),
            entry.task
        ))?;
        if let Some(note) = &entry.note {
            write(format!("            “{note}”"))?;
        }
    }
    if shown == 0 {
        let path = file.path.display().to_string();
        let nothing = match task {
            Some(task) => CliMsg::NothingRecordedFor {
                task: task.to_owned(),
                path,
            },
            None => CliMsg::NothingRecorded { path },
        };
        write(nothing.text(lang))?;
    }
    Ok(ExitCode::SUCCESS)
}
