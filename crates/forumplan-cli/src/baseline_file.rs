//! The plan's baseline file, `<plan stem>.baseline.json` beside the plan:
//! found, read (its problems printed, located, by the one diagnostic
//! renderer), and the baseline a command measures against chosen from it.

use std::path::{Path, PathBuf};

use forumplan_core::Forum;
use forumplan_core::baseline::{Baseline, BaselineFile};
use forumplan_reporter::i18n::cli::CliMsg;

use crate::error::{CliError, refuse};
use crate::plan_file;

/// Where the baselines of the plan at `plan` are kept.
pub(crate) fn path_of(plan: &Path) -> PathBuf {
    forumplan_server::journal_file::baseline_location(plan)
}

/// The baseline file of `forum`'s plan, `None` when there is none yet. A
/// damaged one has its problems printed and fails as an invalid plan does;
/// one saved from another forum is refused.
pub(crate) fn read(path: &Path, forum: &Forum) -> Result<Option<BaselineFile>, CliError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(CliError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    tracing::info!(path = %path.display(), "reading baselines");
    let file = BaselineFile::parse(&bytes).map_err(|problems| {
        plan_file::print_diagnostics(path, &bytes, &problems);
        CliError::InvalidPlan
    })?;
    let expected = &forum.plan().forum.id;
    if !file.is_of_forum(expected) {
        return Err(refuse(
            CliMsg::BaselineOfAnotherForum {
                path: path.display().to_string(),
                found: file.forum,
                expected: expected.to_string(),
            },
            CliMsg::HintBaselineOfAnotherForum,
        ));
    }
    Ok(Some(file))
}

/// The baseline `name` picks (`None`: the latest) from the plan's file; no
/// baseline at all when the file does not exist and no name was asked for.
pub(crate) fn chosen(
    plan: &Path,
    name: Option<&str>,
    forum: &Forum,
) -> Result<Option<Baseline>, CliError> {
    let path = path_of(plan);
    let shown = || path.display().to_string();
    let Some(mut file) = read(&path, forum)? else {
        return match name {
            None => Ok(None),
            Some(_) => Err(refuse(
                CliMsg::NoBaselineFile { path: shown() },
                CliMsg::HintSaveBaseline,
            )),
        };
    };
    let Some(name) = name else {
        return Ok(file.baselines.pop());
    };
    let index = file.baselines.iter().position(|b| b.name == name);
    index
        .map(|i| Some(file.baselines.swap_remove(i)))
        .ok_or_else(|| {
            let hint = match file.closest_name(name) {
                Some(near) => CliMsg::DidYouMean {
                    near: near.to_owned(),
                },
                None => CliMsg::HintBaselines {
                    known: file.names().collect::<Vec<_>>().join(", "),
                },
            };
            refuse(
                CliMsg::UnknownBaseline {
                    name: name.to_owned(),
                    path: shown(),
                },
                hint,
            )
        })
}
