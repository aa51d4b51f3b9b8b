//! Notices journal lines appended by anyone (this server, `forumplan
//! update` in another process, a colleague's script) and sends each one to
//! the forum's open event streams. The journal is only ever appended to, so
//! its length says when there is something new: it is looked at every
//! [`POLL`] and at once after the server's own appends.

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;
use std::time::Duration;

use forumplan_core::journal::JournalEntry;
use tokio::sync::watch;

use crate::forums::ForumState;

/// How often the journal's length is looked at.
pub(crate) const POLL: Duration = Duration::from_millis(500);

/// Watches `forum`'s journal until `shutdown` turns true.
pub(crate) async fn watch_journal(forum: Arc<ForumState>, mut shutdown: watch::Receiver<bool>) {
    // Only what is appended from now on is news.
    let mut offset = journal_len(&forum).await;
    loop {
        tokio::select! {
            () = tokio::time::sleep(POLL) => {}
            () = forum.nudge.notified() => {}
            _ = shutdown.wait_for(|down| *down) => return,
        }
        let len = journal_len(&forum).await;
        if len < offset {
            // Replaced by a shorter file (restored from a backup): start over
            // from its end.
            offset = len;
            continue;
        }
        if len == offset {
            continue;
        }
        let path = forum.journal.clone();
        let read = tokio::task::spawn_blocking(move || read_from(&path, offset, len)).await;
        let Ok(Ok(bytes)) = read else {
            tracing::warn!(journal = %forum.journal.display(), "cannot read the new journal lines");
            continue;
        };
        // Only whole lines: a line being written is read next time.
        let Some(end) = bytes.iter().rposition(|b| *b == b'\n') else {
            continue;
        };
        offset += end as u64 + 1;
        for line in bytes[..end].split(|b| *b == b'\n') {
            match serde_json::from_slice::<JournalEntry>(line) {
                Ok(entry) => {
                    if let Ok(json) = serde_json::to_string(&entry) {
                        // No open stream is not an error.
                        let _ = forum.events.send(Arc::from(json));
                    }
                }
                Err(error) if !line.iter().all(u8::is_ascii_whitespace) => {
                    tracing::warn!(%error, "a damaged journal line was appended; not sent");
                }
                Err(_) => {}
            }
        }
    }
}

/// The journal's length (0 while it does not exist). A `stat` takes
/// microseconds: done in place rather than on a blocking thread.
async fn journal_len(forum: &ForumState) -> u64 {
    std::fs::metadata(&forum.journal).map_or(0, |m| m.len())
}

fn read_from(path: &std::path::Path, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    file.take(len - offset).read_to_end(&mut bytes)?;
    Ok(bytes)
}
