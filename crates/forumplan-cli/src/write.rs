//! Writing files so that readers never see half of one: a temporary file
//! in the same folder, flushed to disk, then renamed over the target.

use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::error::CliError;

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
    // tempfile creates files readable by their owner only; a report or a
    // plan should get the permissions the file had, or the usual ones
    // (0666 less the umask) when it is new.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o666),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".forumplan-")
        .permissions(permissions)
        .tempfile_in(dir)
        .map_err(error)?;
    file.write_all(contents).map_err(error)?;
    file.as_file().sync_all().map_err(error)?;
    Ok(file)
}

/// Replaces `path` with `contents` atomically: readers see the old file or
/// the new one, never a mix, even if the process is killed midway.
pub(crate) fn replace_atomically(path: &Path, contents: &[u8]) -> Result<(), CliError> {
    let file = staged(path, contents)?;
    file.persist(path).map(drop).map_err(|e| CliError::Write {
        path: path.to_owned(),
        source: e.error,
    })
}

/// Creates `path` with `contents` atomically; fails if it already exists.
pub(crate) fn create_atomically(path: &Path, contents: &[u8]) -> Result<(), CliError> {
    staged(path, contents)?
        .persist_noclobber(path)
        .map(drop)
        .map_err(|e| {
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
}
