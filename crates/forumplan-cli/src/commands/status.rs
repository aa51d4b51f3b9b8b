//! `forumplan status PLAN`: the countdown status report.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::CsvSeparator;
use forumplan_reporter::status::{ListLimit, StatusFormat, StatusReport};

use crate::cli::{DayArgs, LangArg, StatusFormatArg};
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::progress::Morning;
use crate::write::{Protected, ProtectedFile, output_target, replace_atomically};
use crate::{baseline_file, plan_file, progress};

/// The report's format from the command line's: text has colour only on
/// stdout (anstream strips it when not wanted; a file never gets it).
pub(crate) fn format(
    format: StatusFormatArg,
    separator: CsvSeparator,
    stdout: bool,
) -> StatusFormat {
    match format {
        StatusFormatArg::Text => StatusFormat::Text { color: stdout },
        StatusFormatArg::Markdown => StatusFormat::Markdown,
        StatusFormatArg::Html => StatusFormat::Html,
        StatusFormatArg::Json => StatusFormat::Json,
        StatusFormatArg::Csv => StatusFormat::Csv { separator },
    }
}

/// What the report lists: `--workstream` (only these, when any),
/// `--all` (every row, not the worst few), and `--baseline` (the one
/// slippage is measured against; default the latest saved).
pub(crate) struct Lists<'a> {
    pub(crate) workstreams: &'a [String],
    pub(crate) all: bool,
    pub(crate) baseline: Option<&'a str>,
}

/// Where `-o PATH` writes a report of the plan at `plan`: never over the
/// plan or its journal (see `write::output_target`).
pub(crate) fn report_target(
    plan: &Path,
    forum: &forumplan_core::Forum,
    day: &DayArgs,
    lang: forumplan_reporter::i18n::Lang,
    path: &Path,
) -> Result<std::path::PathBuf, CliError> {
    let journal = progress::journal_path(plan, forum, day.journal.as_deref(), lang)?.path;
    let protected = [
        Protected {
            path: plan,
            what: ProtectedFile::Plan,
        },
        Protected {
            path: &journal,
            what: ProtectedFile::Journal,
        },
    ];
    output_target(path, &protected)
}

/// The status report of the morning, with the changes since the day
/// before and the slippage against `baseline` (by name; default the
/// latest saved, none without a baseline file), cut down to
/// `workstreams`: what `status` renders and what `export` lays out as a
/// workbook, a calendar or a Word report.
pub(crate) fn morning_report(
    plan: &Path,
    morning: &Morning,
    baseline: Option<&str>,
    workstreams: &[String],
) -> Result<StatusReport, CliError> {
    let baseline = baseline_file::chosen(plan, baseline, &morning.loaded.forum)?;
    let since = morning.as_of - chrono::Days::new(1);
    let mut report = progress::status_report(
        &morning.loaded.forum,
        &morning.journal,
        morning.as_of,
        since,
        baseline.as_ref(),
    )?;
    report.retain_workstreams(workstreams)?;
    Ok(report)
}

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    format: StatusFormat,
    lang: Option<LangArg>,
    output: Option<&Path>,
    Lists {
        workstreams,
        all,
        baseline,
    }: Lists<'_>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    // Refused before any work: a report never replaces the plan or its journal.
    let output = output
        .map(|path| report_target(plan, forum, day, progress::lang(forum, lang), path))
        .transpose()?;
    let morning = Morning::of(plan, loaded, day, lang)?;
    let forum = &morning.loaded.forum;
    let report = morning_report(plan, &morning, baseline, workstreams)?;
    let limit = if all {
        ListLimit::All
    } else {
        ListLimit::from_setting(forum.settings().list_limit)
    };
    let mut rendered = Vec::new();
    report
        .render(format, morning.lang, limit, &mut rendered)
        .map_err(|source| CliError::Write {
            path: "<report>".into(),
            source,
        })?;
    match output {
        Some(path) => replace_atomically(&path, &rendered)?,
        None => {
            // Only the text form has colour for anstream to keep or strip;
            // the others go out as they are, which is much faster for a big plan.
            let written = if matches!(format, StatusFormat::Text { .. }) {
                let mut stdout = anstream::stdout().lock();
                stdout.write_all(&rendered).and_then(|()| stdout.flush())
            } else {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&rendered).and_then(|()| stdout.flush())
            };
            written.map_err(|source| CliError::Write {
                path: "<stdout>".into(),
                source,
            })?;
        }
    }
    // The process ends now: tearing down a million tasks' worth of
    // allocations would only cost time.
    std::mem::forget(morning);
    Ok(ExitCode::SUCCESS)
}
