//! The server's appends to one journal, gathered into group commits.
//!
//! Every append takes the journal's file lock and waits for `sync_all`,
//! a few milliseconds each; forty coordinators posting at once used to
//! queue behind each other's syncs. Here the updates that arrive while an
//! append is under way wait together and the next turn writes them all in
//! one buffer, under one lock and one sync, in the order they arrived.
//! Each request is answered only once its own line is on disk.
//!
//! Invariant: an entry is taken from `pending` only by the holder of
//! `turn`, who answers every entry it took before letting `turn` go. A
//! request pushes its entry before it waits for `turn`, so by the time it
//! has had its turn its answer has been sent.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc};

use forumplan_core::journal::JournalEntry;
use forumplan_reporter::i18n::Lang;

use crate::journal_file::{JournalWriteError, append_entries};

/// What one append answers: shared, since one failure answers a batch.
pub(crate) type Appended = Result<(), Arc<JournalWriteError>>;

/// An entry waiting for its turn, and where to send its answer.
#[derive(Debug)]
struct Waiting {
    entry: JournalEntry,
    answer: mpsc::Sender<Appended>,
}

/// Appends to one journal file, batching concurrent requests.
#[derive(Debug)]
pub(crate) struct Appender {
    journal: PathBuf,
    pending: Mutex<Vec<Waiting>>,
    turn: Mutex<()>,
}

/// Locks `mutex`; a panic elsewhere cannot leave a `Vec` or `()` half
/// updated, so a poisoned lock is still usable.
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Appender {
    pub(crate) fn new(journal: PathBuf) -> Appender {
        Appender {
            journal,
            pending: Mutex::new(Vec::new()),
            turn: Mutex::new(()),
        }
    }

    /// Appends `entry`, already validated, with whatever other entries are
    /// waiting. Blocking: call from a blocking thread.
    pub(crate) fn append(&self, entry: JournalEntry, lang: Lang) -> Appended {
        let (answer, answered) = mpsc::channel();
        locked(&self.pending).push(Waiting { entry, answer });
        {
            let _turn = locked(&self.turn);
            let batch = std::mem::take(&mut *locked(&self.pending));
            if !batch.is_empty() {
                let (entries, answers): (Vec<JournalEntry>, Vec<_>) =
                    batch.into_iter().map(|w| (w.entry, w.answer)).unzip();
                tracing::debug!(entries = entries.len(), "appending to the journal");
                let appended = append_entries(&self.journal, &entries, lang).map_err(Arc::new);
                for answer in answers {
                    // A request that went away no longer needs its answer.
                    let _ = answer.send(appended.clone());
                }
            }
        }
        // By the invariant above the answer is already there.
        answered.try_recv().unwrap_or_else(|_| {
            Err(Arc::new(JournalWriteError::Io {
                path: self.journal.clone(),
                operation: "append to",
                source: std::io::Error::other("the append was abandoned"),
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Local, NaiveDate};
    use forumplan_core::journal::{TaskState, parse_journal_bytes};
    use uuid::Uuid;

    #[test]
    fn concurrent_appends_all_land_once_each() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let appender = Appender::new(path.clone());
        let day = NaiveDate::from_ymd_opt(2022, 9, 12).unwrap();
        std::thread::scope(|scope| {
            for thread in 0..8 {
                let appender = &appender;
                scope.spawn(move || {
                    for n in 0..25 {
                        let entry =
                            JournalEntry::new(day, format!("t{thread}-{n}"), TaskState::InProgress)
                                .recorded(Uuid::now_v7(), DateTime::from(Local::now()));
                        appender.append(entry, Lang::En).unwrap();
                    }
                });
            }
        });
        let journal = parse_journal_bytes(&std::fs::read(&path).unwrap());
        assert!(journal.problems.is_empty(), "{:?}", journal.problems);
        let mut tasks: Vec<&str> = journal
            .entries
            .iter()
            .map(|l| l.entry.task.as_str())
            .collect();
        tasks.sort_unstable();
        tasks.dedup();
        assert_eq!(tasks.len(), 200);
    }
}
