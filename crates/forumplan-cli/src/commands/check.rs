//! `forumplan check PLAN`: the morning readiness check, with exit codes a
//! monitoring system understands: 0 green, 1 amber, 2 red, 3 unknown.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_scheduler::Rag;

use crate::cli::{CheckFormat, DayArgs, LangArg};
use crate::plan_file::Warnings;

use crate::baseline_file;
use crate::error::CliError;
use crate::progress::{self, Morning};

/// The exit code when the plan or journal cannot be read or assessed.
const UNKNOWN: u8 = 3;

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    since: Option<&str>,
    format: CheckFormat,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> ExitCode {
    match check(plan, day, since, format, lang, warnings) {
        Ok(rag) => ExitCode::from(match rag {
            Rag::Green => 0,
            Rag::Amber => 1,
            Rag::Red => 2,
        }),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            error.report(progress::message_lang(lang));
            ExitCode::from(UNKNOWN)
        }
    }
}

fn check(
    plan: &Path,
    day: &DayArgs,
    since: Option<&str>,
    format: CheckFormat,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<Rag, CliError> {
    let morning = Morning::read(plan, day, lang, warnings)?;
    let forum = &morning.loaded.forum;
    let since =
        forumplan_reporter::request::since_day(since, morning.as_of, progress::today(forum))?;
    // The latest baseline, as `status` measures against by default.
    let baseline = baseline_file::chosen(plan, None, forum)?;
    let report = progress::check_report(
        forum,
        &morning.journal,
        morning.as_of,
        since,
        baseline.as_ref(),
    )?;
    let mut rendered = Vec::new();
    let written = match format {
        CheckFormat::Text => report.write_text(morning.lang, &mut rendered),
        CheckFormat::Json => report.write_json(&mut rendered),
    };
    let stdout_error = |source| CliError::Write {
        path: "<stdout>".into(),
        source,
    };
    written.map_err(stdout_error)?;
    let mut stdout = anstream::stdout().lock();
    stdout
        .write_all(&rendered)
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)?;
    Ok(report.rag)
}
