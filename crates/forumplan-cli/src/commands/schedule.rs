//! `forumplan schedule PLAN`: the schedule as of a day.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::CsvSeparator;
use forumplan_reporter::schedule::ScheduleView;

use crate::cli::{DayArgs, LangArg, ScheduleFormat};
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::{baseline_file, plan_file, progress};

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    baseline: Option<&str>,
    format: ScheduleFormat,
    separator: CsvSeparator,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let forum = &loaded.forum;
    let as_of = progress::day(forum, &day.as_of)?;
    let journal = progress::load_journal(plan, forum, day, progress::lang(forum, lang))?;
    let (schedule, assessment) = progress::assess_day(forum, &journal, as_of)?;
    let comparison = baseline_file::comparison(plan, baseline, forum, &schedule)?;
    let view = ScheduleView {
        forum,
        schedule: &schedule,
        assessment: &assessment,
        baseline: comparison.as_ref(),
    };
    // No colour in any of these formats: plain stdout, no escape filtering.
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match format {
        ScheduleFormat::Table => view.write_table(&mut out, progress::lang(forum, lang)),
        ScheduleFormat::Json => view.write_json(&mut out, true),
        ScheduleFormat::Csv => view.write_csv(&mut out, separator),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| CliError::Write {
            path: "<stdout>".into(),
            source,
        })?;
    // The process ends now: tearing down a million tasks' worth of
    // allocations would only cost time.
    std::mem::forget(loaded);
    Ok(ExitCode::SUCCESS)
}
