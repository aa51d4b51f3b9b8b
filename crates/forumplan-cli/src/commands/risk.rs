//! `forumplan risk PLAN`: Monte Carlo risk analysis of the schedule.

use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::risk::RiskReport;
use forumplan_risk::{Distribution, Options, seed_for};

use crate::cli::{DayArgs, LangArg, RiskFormat};
use crate::error::CliError;
use crate::plan_file::Warnings;
use crate::progress::Morning;
use crate::{progress, write};

/// What to simulate and how to print it.
pub(crate) struct Run {
    pub(crate) iterations: u32,
    pub(crate) seed: Option<u64>,
    pub(crate) distribution: Distribution,
    pub(crate) format: RiskFormat,
}

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    run: Run,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let morning = Morning::read(plan, day, lang, warnings)?;
    let forum = &morning.loaded.forum;
    let options = Options {
        iterations: run.iterations,
        seed: run.seed.unwrap_or_else(|| seed_for(forum, morning.as_of)),
        distribution: run.distribution,
    };
    let simulation = progress::simulate(forum, &morning.journal, morning.as_of, options)?;
    let report = RiskReport::new(forum, morning.as_of, &simulation);
    // No colour in any of these formats: plain stdout.
    write::to_stdout(|out| match run.format {
        RiskFormat::Text => report.write_text(morning.lang, out),
        RiskFormat::Json => report.write_json(out),
        RiskFormat::Html => report.write_html(morning.lang, out),
    })?;
    Ok(ExitCode::SUCCESS)
}
