//! `forumplan health PLAN`: the fourteen schedule health checks. Exit code
//! 0 when every check passes, 1 otherwise (and 1 for a plan, journal or
//! baseline that cannot be read, as every command but `check`).

use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::health::HealthView;
use forumplan_reporter::request;
use forumplan_scheduler::health::{HealthInput, assess_health};

use crate::cli::{DayArgs, HealthFormat, LangArg};
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::progress::Morning;
use crate::{baseline_file, progress, write};

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    baseline: Option<&str>,
    format: HealthFormat,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let morning = Morning::read(plan, day, lang, warnings)?;
    let forum = &morning.loaded.forum;
    let baseline = baseline_file::chosen(plan, baseline, forum)?;
    let day = request::schedule_of_day(forum, &morning.journal, morning.as_of, baseline.as_ref())?;
    let report = assess_health(HealthInput {
        forum,
        journal: &morning.journal,
        schedule: &day.schedule,
        baseline: day.baseline.as_ref(),
    })
    .map_err(progress::cannot_schedule)?;
    let view = HealthView {
        forum,
        report: &report,
    };
    let list_limit = usize::try_from(forum.settings().list_limit).unwrap_or(usize::MAX);
    write::to_stdout(|out| match format {
        HealthFormat::Text => view.write_text(out, morning.lang, list_limit),
        HealthFormat::Json => view.write_json(out),
    })?;
    Ok(ExitCode::from(if report.pass() { 0 } else { 1 }))
}
