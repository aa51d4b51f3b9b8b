//! Writing files so that readers never see half of one: a temporary file
//! in the same folder, flushed to disk, then renamed over the target.
//!
//! Reports go only where the user said, and never over the plan or its
//! journal: see [`output_target`].

use forumplan_server::journal_file::same_file;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use forumplan_reporter::i18n::cli::{CliMsg, WriteRefusal};
use tempfile::NamedTempFile;

use crate::error::{CliError, refuse};
use crate::interrupt;

/// What a temporary file's name starts with, so that one left behind by a
/// killed run is recognisable (see docs/daily-operations.md).
pub(crate) const TEMPORARY_PREFIX: &str = ".forumplan-";

/// `contents` written and synced to a temporary file beside `path`.
fn staged(path: &Path, contents: &[u8]) -> Result<NamedTempFile, CliError> {
    let error = |source| CliError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // A report or a plan gets the permissions the file had, or the usual
    // ones (0666 less the umask) when it is new.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mode = existing.as_ref().map_or(0o666, PermissionsExt::mode);
    // The name is registered for removal on a signal before the file is
    // created, so there is no moment when it exists unregistered.
    let mut file = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .make_in(dir, |temporary| {
            interrupt::remove_on_signal(temporary);
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(temporary)
        })
        .map_err(error)?;
    if let Some(permissions) = existing {
        // The umask does not apply to a file that already had its permissions.
        file.as_file().set_permissions(permissions).map_err(error)?;
    }
    file.write_all(contents).map_err(error)?;
    file.as_file().sync_all().map_err(error)?;
    Ok(file)
}

/// Replaces `path` with `contents` atomically: readers see the old file or
/// the new one, never a mix, even if the process is killed midway.
/// Writes a report to stdout through a buffer, flushed at the end: the
/// reporting commands' one way to print (no colour, plain bytes).
pub(crate) fn to_stdout(
    render: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    use std::io::Write as _;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    render(&mut out)
        .and_then(|()| out.flush())
        .map_err(|source| CliError::Write {
            path: "<stdout>".into(),
            source,
        })
}

pub(crate) fn replace_atomically(path: &Path, contents: &[u8]) -> Result<(), CliError> {
    let persisted = staged(path, contents).and_then(|file| {
        file.persist(path).map(drop).map_err(|e| CliError::Write {
            path: path.to_owned(),
            source: e.error,
        })
    });
    // Renamed into place, or removed when dropped on an error.
    interrupt::forget_temporary();
    persisted
}

/// Creates `path` with `contents` atomically; fails if it already exists.
pub(crate) fn create_atomically(path: &Path, contents: &[u8]) -> Result<(), CliError> {
    let persisted = staged(path, contents).and_then(|file| {
        file.persist_noclobber(path).map(drop).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                CliError::Exists {
                    path: path.to_owned(),
                }
            } else {
                CliError::Write {
                    path: path.to_owned(),
                    source: e.error,
                }
            }
        })
    });
    interrupt::forget_temporary();
    persisted
}

/// A file `-o` must never replace, and what it is (for the refusal).
pub(crate) struct Protected<'a> {
    /// The file's path (it may not exist yet, like a new journal).
    pub(crate) path: &'a Path,
    /// The plan or the journal.
    pub(crate) what: ProtectedFile,
}

/// Which file a [`Protected`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProtectedFile {
    /// The plan.
    Plan,
    /// Its journal.
    Journal,
}

/// The file to replace when the user asks for output at `path`: `path`
/// itself when it is new or a regular file, the file a symlink points to
/// (so the report is written through the link, which is kept). Refused:
/// anything that is not a regular file (devices, FIFOs, folders), a link
/// to nothing, and every `protected` file however it is named.
pub(crate) fn output_target(path: &Path, protected: &[Protected<'_>]) -> Result<PathBuf, CliError> {
    let will_not = |why: WriteRefusal, hint: CliMsg| {
        refuse(
            CliMsg::WillNotWrite {
                path: path.display().to_string(),
                why,
            },
            hint,
        )
    };
    let target = match std::fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => path.to_owned(),
        Err(source) => {
            return Err(CliError::Write {
                path: path.to_owned(),
                source,
            });
        }
        Ok(link) => {
            let metadata = std::fs::metadata(path)
                .map_err(|_| will_not(WriteRefusal::DanglingLink, CliMsg::HintPointLink))?;
            if !metadata.is_file() {
                return Err(will_not(
                    WriteRefusal::NotARegularFile,
                    CliMsg::HintNewFileOrStdout,
                ));
            }
            if link.file_type().is_symlink() {
                std::fs::canonicalize(path).map_err(|source| CliError::Write {
                    path: path.to_owned(),
                    source,
                })?
            } else {
                path.to_owned()
            }
        }
    };
    if let Some(file) = protected.iter().find(|p| same_file(&target, p.path)) {
        let shown = file.path.display().to_string();
        let why = match file.what {
            ProtectedFile::Plan => WriteRefusal::ThePlan { file: shown },
            ProtectedFile::Journal => WriteRefusal::TheJournal { file: shown },
        };
        return Err(will_not(why, CliMsg::HintNewReportFile));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn output_targets() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.json");
        let journal = dir.path().join("plan.journal.jsonl");
        let report = dir.path().join("report.html");
        fs::write(&plan, "{}").unwrap();
        fs::write(&report, "old").unwrap();
        let link = dir.path().join("latest.html");
        std::os::unix::fs::symlink("report.html", &link).unwrap();
        let to_plan = dir.path().join("to-plan");
        std::os::unix::fs::symlink(&plan, &to_plan).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink("missing", &dangling).unwrap();
        let protected = [
            Protected {
                path: &plan,
                what: ProtectedFile::Plan,
            },
            Protected {
                path: &journal,
                what: ProtectedFile::Journal,
            },
        ];
        let target = |path: &Path| output_target(path, &protected);
        let refusal = |path: &Path| target(path).unwrap_err().to_string();

        let new = dir.path().join("new.html");
        assert_eq!(target(&new).unwrap(), new);
        assert_eq!(target(&report).unwrap(), report);
        assert_eq!(
            target(&link).unwrap(),
            fs::canonicalize(&report).unwrap(),
            "a link is written through"
        );
        assert!(refusal(&plan).contains("it is the plan"));
        assert!(refusal(&to_plan).contains("it is the plan"));
        let roundabout = dir.path().join(".").join("plan.journal.jsonl");
        assert!(
            refusal(&roundabout).contains("it is the journal"),
            "a journal not yet created is protected too"
        );
        assert!(refusal(&dangling).contains("a symbolic link to nothing"));
        assert!(refusal(dir.path()).contains("not a regular file"));
        assert!(refusal(Path::new("/dev/null")).contains("not a regular file"));
    }
}
