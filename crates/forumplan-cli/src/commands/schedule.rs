//! `forumplan schedule PLAN`: the schedule as of a day.

use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::CsvSeparator;
use forumplan_reporter::request;

use crate::cli::{DayArgs, LangArg, ScheduleFormat};
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::progress::Morning;
use crate::{baseline_file, write};

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    baseline: Option<&str>,
    format: ScheduleFormat,
    separator: CsvSeparator,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let morning = Morning::read(plan, day, lang, warnings)?;
    let forum = &morning.loaded.forum;
    let baseline = baseline_file::chosen(plan, baseline, forum)?;
    let day = request::schedule_of_day(forum, &morning.journal, morning.as_of, baseline.as_ref())?;
    let view = day.view(forum);
    // No colour in any of these formats: plain stdout, no escape filtering.
    write::to_stdout(|out| match format {
        ScheduleFormat::Table => view.write_table(out, morning.lang),
        ScheduleFormat::Json => view.write_json(out, true),
        ScheduleFormat::Csv => view.write_csv(out, separator),
    })?;
    // The process ends now: tearing down a million tasks' worth of
    // allocations would only cost time.
    std::mem::forget(day);
    std::mem::forget(morning);
    Ok(ExitCode::SUCCESS)
}
