//! `forumplan export PLAN --format xlsx|mspdi|ics`: the plan, scheduled as
//! of a day, as another tool's file, on stdout or atomically into `-o
//! FILE` (never over the plan or its journal).
//!
//! The workbook and the calendar are the status report's content (the
//! same `StatusReport` as `status`, cut down by `--workstream` the same
//! way); MS Project XML is the schedule itself, cut down to the chosen
//! workstreams' tasks.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::Forum;
use forumplan_core::journal::Journal;
use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::status::{StatusReport, chosen_workstreams};

use crate::cli::{DayArgs, ExportFormat, LangArg};
use crate::commands::status::report_target;
use crate::error::{CliError, refuse};
use crate::plan_file::Warnings;
use crate::write::replace_atomically;
use crate::{baseline_file, plan_file, progress};

/// What to export, and where.
pub(crate) struct Export<'a> {
    /// The file format.
    pub(crate) format: ExportFormat,
    /// `-o`: the file to write, else stdout.
    pub(crate) output: Option<&'a Path>,
    /// `--workstream`: only these (all when empty).
    pub(crate) workstreams: &'a [String],
}

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    Export {
        format,
        output,
        workstreams,
    }: Export<'_>,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    let lang = progress::lang(forum, lang);
    // Refused before any work: an unknown workstream, or a file that
    // would replace the plan or its journal.
    let scope = chosen_workstreams(forum, workstreams)?;
    let output = output
        .map(|path| report_target(plan, forum, day, lang, path))
        .transpose()?;
    let as_of = progress::day(forum, &day.as_of)?;
    let journal = progress::load_journal(plan, forum, day, lang)?;
    let bytes = match format {
        ExportFormat::Mspdi => {
            let (schedule, _) = progress::assess_day(forum, &journal, as_of)?;
            forumplan_interop::mspdi(forum, &schedule, &scope).into_bytes()
        }
        ExportFormat::Xlsx => {
            let report = report(plan, forum, &journal, as_of, workstreams)?;
            forumplan_interop::xlsx(forum, &report, lang).map_err(|error| {
                refuse(
                    CliMsg::WorkbookFailed {
                        reason: error.to_string(),
                    },
                    CliMsg::HintWorkbookLimits,
                )
            })?
        }
        ExportFormat::Ics => {
            let report = report(plan, forum, &journal, as_of, workstreams)?;
            forumplan_interop::ics(forum, &report, lang).into_bytes()
        }
    };
    write_out(output.as_deref(), &bytes)?;
    // The process ends now: tearing down a big plan's allocations would
    // only cost time.
    std::mem::forget(loaded);
    Ok(ExitCode::SUCCESS)
}

/// The status report as of `as_of` (changes since the day before, slippage
/// against the plan's latest baseline when it has one), cut down to
/// `workstreams`: what the workbook, the calendar and the Word report show.
fn report(
    plan: &Path,
    forum: &Forum,
    journal: &Journal,
    as_of: chrono::NaiveDate,
    workstreams: &[String],
) -> Result<StatusReport, CliError> {
    let baseline = baseline_file::chosen(plan, None)?;
    let since = as_of - chrono::Days::new(1);
    let mut report = progress::status_report(forum, journal, as_of, since, baseline.as_ref())?;
    report.retain_workstreams(workstreams)?;
    Ok(report)
}

/// `bytes` into `output` (atomically), else onto stdout.
fn write_out(output: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match output {
        Some(path) => replace_atomically(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|source| CliError::Write {
                    path: "<stdout>".into(),
                    source,
                })
        }
    }
}
