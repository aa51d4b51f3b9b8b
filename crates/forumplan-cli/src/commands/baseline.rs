//! `forumplan baseline PLAN`: saves the schedule as of a day as a named
//! baseline in `<plan stem>.baseline.json`, beside the plan.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_core::baseline::Baseline;
use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_scheduler::baseline::take_baseline;

use crate::baseline_file;
use crate::cli::{DayArgs, LangArg};
use crate::error::{CliError, refuse};
use crate::plan_file::Warnings;
use crate::progress;
use crate::progress::Morning;
use crate::write::{Protected, ProtectedFile, output_target, replace_atomically};

pub(crate) fn run(
    plan: &Path,
    day: &DayArgs,
    name: Option<&str>,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let morning = Morning::read(plan, day, lang, warnings)?;
    let forum = &morning.loaded.forum;
    // The default name is the day, so a baseline a day keeps its history.
    let name = name.map_or_else(|| morning.as_of.to_string(), str::to_owned);
    if !Baseline::is_valid_name(&name) {
        return Err(refuse(
            CliMsg::BadBaselineName { name },
            CliMsg::HintBaselineName,
        ));
    }
    let journal_file = progress::journal_path(plan, forum, day.journal.as_deref(), morning.lang)?;
    let (schedule, _) = progress::assess_day(forum, &morning.journal, morning.as_of)?;
    let path = baseline_file::path_of(plan);
    // Never the plan or its journal, only a regular file (through a link).
    let protected = [
        Protected {
            path: plan,
            what: ProtectedFile::Plan,
        },
        Protected {
            path: &journal_file.path,
            what: ProtectedFile::Journal,
        },
    ];
    let target = output_target(&path, &protected)?;
    let mut file = match baseline_file::read(&target, forum) {
        Ok(file) => file.unwrap_or_default(),
        // A damaged file holds baselines the user may want back: not overwritten.
        Err(CliError::InvalidPlan) => {
            return Err(refuse(
                CliMsg::BaselineFileDamaged {
                    path: path.display().to_string(),
                },
                CliMsg::HintRepairBaseline,
            ));
        }
        Err(error) => return Err(error),
    };
    file.forum = forum.plan().forum.id.to_string();
    let baseline = take_baseline(forum, &schedule, &name);
    let tasks = baseline.tasks.len();
    file.save(baseline);
    replace_atomically(&target, &file.to_bytes())?;
    if !warnings.quiet() {
        let saved = CliMsg::BaselineSaved {
            name,
            as_of: morning.as_of,
            tasks,
            path: path.display().to_string(),
        };
        let _ = writeln!(anstream::stderr().lock(), "{}", saved.text(morning.lang));
    }
    Ok(ExitCode::SUCCESS)
}
