//! `forumplan export PLAN --format mspdi|docx`: the plan, scheduled as of
//! a day, as another tool's file (MS Project XML), or its status report as
//! a Word document; on stdout or atomically into `-o FILE` (never over the
//! plan or its journal).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::status::ListLimit;

use crate::cli::{DayArgs, ExportFormat, LangArg};
use crate::commands::status::report_target;
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::write::replace_atomically;
use crate::{baseline_file, plan_file, progress};

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
    let bytes = match format {
        ExportFormat::Mspdi => {
            let (schedule, _) = progress::assess_day(forum, &journal, as_of)?;
            forumplan_interop::mspdi(forum, &schedule).into_bytes()
        }
        ExportFormat::Docx => {
            // The same report as `status`, against the latest baseline
            // when there is one; only its layout is Word's.
            let baseline = baseline_file::chosen(plan, None)?;
            let since = as_of - chrono::Days::new(1);
            let report = progress::status_report(forum, &journal, as_of, since, baseline.as_ref())?;
            let limit = ListLimit::from_setting(forum.settings().list_limit);
            forumplan_interop::docx(&report, lang, limit).map_err(|error| CliError::Write {
                path: "<docx>".into(),
                source: std::io::Error::other(error),
            })?
        }
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
