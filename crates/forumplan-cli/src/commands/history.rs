//! `forumplan history PLAN [TASK]`: the journal as a readable timeline.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::closest;
use forumplan_reporter::escape::terminal;

use crate::error::CliError;
use crate::journal_file::read_journal;
use crate::{plan_file, progress};

pub(crate) fn run(
    plan: &Path,
    task: Option<&str>,
    journal: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan)?;
    let forum = &loaded.forum;
    if let Some(task) = task
        && forum.task_id(task).is_none()
    {
        let ids = forum.plan().tasks.iter().map(|t| t.id.as_str());
        return Err(CliError::Usage {
            message: format!("the plan has no task `{task}`"),
            hint: closest(task, ids).map_or_else(
                || "`forumplan schedule PLAN` lists every task id".to_owned(),
                |near| format!("did you mean `{near}`?"),
            ),
        });
    }
    let path = progress::journal_path(plan, forum, journal)?;
    let journal = read_journal(&path).map_err(|error| CliError::Read {
        path: error.path,
        source: error.source,
    })?;
    let mut out = anstream::stdout().lock();
    // Names, notes and who recorded them are user text: one plain line each.
    let mut write = |line: String| {
        writeln!(out, "{}", terminal(&line)).map_err(|source| CliError::Write {
            path: "<stdout>".into(),
            source,
        })
    };
    let mut shown = 0;
    for line in &journal.entries {
        let entry = &line.entry;
        if task.is_some_and(|t| t != entry.task) {
            continue;
        }
        shown += 1;
        let name = forum
            .task_id(&entry.task)
            .map_or("(not in the plan)", |t| forum.task(t).name.as_str());
        let progress = entry.progress.map_or(String::new(), |p| format!(" {p}%"));
        let mut recorded = Vec::new();
        if let Some(by) = &entry.by {
            recorded.push(format!("by {by}"));
        }
        if let Some(at) = entry.recorded_at {
            recorded.push(format!("recorded {}", at.format("%Y-%m-%d %H:%M")));
        }
        let recorded = if recorded.is_empty() {
            String::new()
        } else {
            format!("  ({})", recorded.join(", "))
        };
        write(format!(
            "{}  {:<11}{progress}  {} — {name}{recorded}",
            entry.date,
            entry.state.as_str(),
            entry.task
        ))?;
        if let Some(note) = &entry.note {
            write(format!("            “{note}”"))?;
        }
    }
    for error in &journal.errors {
        write(format!("line {} skipped: {}", error.line, error.message))?;
    }
    if shown == 0 {
        write(match task {
            Some(task) => format!("nothing recorded for `{task}` in {}", path.display()),
            None => format!("nothing recorded yet in {}", path.display()),
        })?;
    }
    Ok(ExitCode::SUCCESS)
}
