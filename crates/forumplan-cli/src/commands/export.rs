//! `forumplan export PLAN --format mspdi`: the plan, scheduled as of a day,
//! as another tool's file, on stdout or atomically into `-o FILE` (never
//! over the plan or its journal).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{DayArgs, ExportFormat, LangArg};
use crate::commands::status::report_target;
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::write::replace_atomically;
use crate::{plan_file, progress};

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    format: ExportFormat,
    output: Option<&Path>,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    let lang = progress::lang(forum, lang);
    let output = output
        .map(|path| report_target(plan, forum, day, lang, path))
        .transpose()?;
    let as_of = progress::day(forum, &day.as_of)?;
    let journal = progress::load_journal(plan, forum, day, lang)?;
    let (schedule, _) = progress::assess_day(forum, &journal, as_of)?;
    let bytes = match format {
        ExportFormat::Mspdi => forumplan_interop::mspdi(forum, &schedule).into_bytes(),
    };
    match output {
        Some(path) => replace_atomically(&path, &bytes)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(|source| CliError::Write {
                    path: "<stdout>".into(),
                    source,
                })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
