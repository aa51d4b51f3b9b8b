//! Cleaning up after Ctrl-C: a temporary file of an atomic write is removed
//! when SIGINT, SIGTERM or SIGHUP arrives while it exists, and then the
//! signal does what it always does (the process ends, killed by it).
//!
//! SIGKILL cannot be caught: a run killed that way while writing leaves its
//! `.forumplan-XXXXXX` file beside the target (docs/daily-operations.md).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// The temporary file to remove if the process is interrupted now.
static TEMPORARY: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Removes `path` if an interrupting signal arrives before
/// [`forget_temporary`]. The handlers are installed on the first call, so
/// commands that write no file keep the usual signal behaviour.
pub(crate) fn remove_on_signal(path: &Path) {
    static HANDLERS: Once = Once::new();
    *TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner) = Some(path.to_owned());
    HANDLERS.call_once(|| match Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let temporary = TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(path) = temporary.as_deref() {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    // Not reached for these signals, whose default is to end the process.
                    std::process::exit(128 + signal);
                }
            });
        }
        Err(error) => {
            tracing::debug!(%error, "cannot watch for signals; an interrupted write may leave its temporary file");
        }
    });
}

/// The temporary file is gone (renamed into place or removed): nothing to clean up.
pub(crate) fn forget_temporary() {
    *TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner) = None;
}
