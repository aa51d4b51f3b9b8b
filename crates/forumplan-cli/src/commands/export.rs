//! `forumplan export PLAN --format xlsx|mspdi|ics|docx`: the plan,
//! scheduled as of a day, as another tool's file, on stdout or atomically
//! into `-o FILE` (never over the plan or its journal).
//!
//! The workbook, the calendar and the Word report are the status report's content (the
//! same `StatusReport` as `status`, cut down by `--workstream` the same
//! way); MS Project XML is the schedule itself, cut down to the chosen
//! workstreams' tasks.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::status::{ListLimit, chosen_workstreams};

use crate::cli::{DayArgs, ExportFormat, LangArg};
use crate::commands::status::{morning_report, report_target};
use crate::error::{CliError, refuse};
use crate::plan_file::Warnings;
use crate::progress::Morning;
use crate::write::replace_atomically;
use crate::{plan_file, progress};
use forumplan_interop::ExportError;

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
    // Refused before any work: an unknown workstream, or a file that
    // would replace the plan or its journal.
    let scope = chosen_workstreams(&loaded.forum, workstreams)?;
    let target_lang = progress::lang(&loaded.forum, lang);
    let output = output
        .map(|path| report_target(plan, &loaded.forum, day, target_lang, path))
        .transpose()?;
    let morning = Morning::of(plan, loaded, day, lang)?;
    let forum = &morning.loaded.forum;
    let bytes = match format {
        ExportFormat::Mspdi => {
            let (schedule, _) = progress::assess_day(forum, &morning.journal, morning.as_of)?;
            forumplan_interop::mspdi(forum, &schedule, &scope).into_bytes()
        }
        ExportFormat::Xlsx => {
            let report = morning_report(plan, &morning, None, workstreams)?;
            forumplan_interop::xlsx(forum, &report, morning.lang).map_err(export_failed)?
        }
        ExportFormat::Ics => {
            let report = morning_report(plan, &morning, None, workstreams)?;
            forumplan_interop::ics(forum, &report, morning.lang).into_bytes()
        }
        ExportFormat::Docx => {
            let report = morning_report(plan, &morning, None, workstreams)?;
            let limit = ListLimit::from_setting(forum.settings().list_limit);
            forumplan_interop::docx(&report, morning.lang, limit).map_err(export_failed)?
        }
    };
    write_out(output.as_deref(), &bytes)?;
    // The process ends now: tearing down a big plan's allocations would
    // only cost time.
    std::mem::forget(morning);
    Ok(ExitCode::SUCCESS)
}

/// Why an export could not be made: a workbook over Excel's limits is the
/// user's to cut down; a document that would not pack is a failure to write.
fn export_failed(error: ExportError) -> CliError {
    match error {
        ExportError::Workbook(_) => refuse(
            CliMsg::WorkbookFailed {
                reason: error.to_string(),
            },
            CliMsg::HintWorkbookLimits,
        ),
        ExportError::Docx { .. } => CliError::Write {
            path: "<docx>".into(),
            source: std::io::Error::other(error),
        },
    }
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
