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
use crate::progress::Morning;
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
    // Refused before any work: an export never replaces the plan or its journal.
    let target_lang = progress::lang(&loaded.forum, lang);
    let output = output
        .map(|path| report_target(plan, &loaded.forum, day, target_lang, path))
        .transpose()?;
    let morning = Morning::of(plan, loaded, day, lang)?;
    let forum = &morning.loaded.forum;
    let (schedule, _) = progress::assess_day(forum, &morning.journal, morning.as_of)?;
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
