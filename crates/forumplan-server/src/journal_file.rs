//! Reading and appending the progress journal file: the one implementation
//! the command line (`forumplan update`) and the server both write through,
//! so that they can append to the same journal at once.
//!
//! The journal is only ever appended to: a writer takes an exclusive lock,
//! appends one whole line in one write, syncs it to disk and releases the
//! lock. The one truncation is of the writer's own failed append: if the
//! line cannot be written whole (a full disk), the file is cut back to its
//! length before the append, under the same lock, so no half line stays.
//! Parsing and replay are in `forumplan_core::journal`.
//!
//! Only regular files are opened: a FIFO, a device or a folder named as
//! the journal is refused before it can block or stream forever. A lock
//! held by another process is waited for, with a message, up to
//! [`set_lock_wait`] (`--wait`).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use forumplan_core::journal::{EntryError, JournalEntry, format_entry};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::cli::CliMsg;

/// How long a lock held by another process is waited for when `--wait` is not given.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(30);

/// The longest pause between two tries of a held lock; the pauses start at
/// a millisecond and double, so a lock held for an append (milliseconds) is
/// taken as soon as it is free.
const LOCK_RETRY: Duration = Duration::from_millis(50);

/// How long a wait goes unmentioned: appends hold the lock for milliseconds,
/// and a message about every such wait would only be noise.
const LOCK_QUIET: Duration = Duration::from_millis(500);

/// The process's `--wait`, set once by `main`.
static LOCK_WAIT: OnceLock<Duration> = OnceLock::new();

/// Sets how long to wait for a journal lock held by another process.
pub fn set_lock_wait(wait: Duration) {
    let _ = LOCK_WAIT.set(wait);
}

/// Why an entry could not be appended to a journal file.
#[derive(Debug, thiserror::Error)]
pub enum JournalWriteError {
    /// The entry breaks a journal rule; nothing was written.
    #[error("refusing to append to journal {}: {source}", path.display())]
    InvalidEntry {
        /// The journal file.
        path: PathBuf,
        /// The rule the entry breaks.
        source: EntryError,
    },
    /// An I/O operation on the journal file failed.
    #[error("cannot {operation} journal {}: {source}", path.display())]
    Io {
        /// The journal file.
        path: PathBuf,
        /// What was being done ("open", "lock", "write to", ...).
        operation: &'static str,
        /// The underlying error.
        source: io::Error,
    },
    /// The line could not be written whole.
    #[error("cannot append to journal {}: {source}; {}", path.display(), if *removed {
        "the partial line was removed, nothing was recorded"
    } else {
        "the journal may end with a partial line (readers skip it)"
    })]
    Append {
        /// The journal file.
        path: PathBuf,
        /// Why the write failed.
        source: io::Error,
        /// Whether the file was cut back to its length before the append.
        removed: bool,
    },
}

/// Why a journal file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read journal {}: {source}", path.display())]
pub struct JournalReadError {
    /// The journal file.
    pub path: PathBuf,
    /// The underlying error.
    pub source: io::Error,
}

/// Opens the journal at `path` with `options`, only if it is a regular file
/// (or does not exist and `options` create it). `O_NONBLOCK` keeps the open
/// of a FIFO from waiting for a writer; the check after opening covers a
/// file swapped in between.
fn open_regular(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    let refuse = |file_type: std::fs::FileType| {
        let kind = if file_type.is_dir() {
            "a folder"
        } else if file_type.is_fifo() {
            "a FIFO"
        } else if file_type.is_char_device() || file_type.is_block_device() {
            "a device"
        } else if file_type.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {kind}; a journal is a regular file of JSON lines"),
        )
    };
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => return Err(refuse(metadata.file_type())),
        _ => {}
    }
    let file = options.custom_flags(libc::O_NONBLOCK).open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(refuse(metadata.file_type()));
    }
    Ok(file)
}

/// Takes the lock on `file` (`exclusive` or shared), waiting up to `--wait`
/// for another process to release it, saying so on stderr (in `lang`).
fn lock(file: &File, path: &Path, exclusive: bool, lang: Lang) -> io::Result<()> {
    let try_lock = || {
        if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        }
    };
    let wait = LOCK_WAIT.get().copied().unwrap_or(DEFAULT_LOCK_WAIT);
    let started = Instant::now();
    let mut told = false;
    let mut pause = Duration::from_millis(1);
    loop {
        match try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::Error(error)) => return Err(error),
            Err(std::fs::TryLockError::WouldBlock) => {}
        }
        if started.elapsed() >= wait {
            let held = CliMsg::JournalLockHeld {
                seconds: wait.as_secs_f64().to_string(),
            };
            return Err(io::Error::new(io::ErrorKind::TimedOut, held.text(lang)));
        }
        if !told && started.elapsed() >= LOCK_QUIET.min(wait / 2) {
            told = true;
            let waiting = CliMsg::WaitingForJournal {
                path: path.display().to_string(),
                seconds: wait.as_secs_f64().to_string(),
            };
            let _ = writeln!(anstream::stderr(), "{}", waiting.text(lang));
        }
        std::thread::sleep(pause.min(wait.saturating_sub(started.elapsed())));
        pause = (pause * 2).min(LOCK_RETRY);
    }
}

/// A file the journal is appended to: written at its end, cut back to a
/// length, synced. `File` is one; tests use a writer that fails half way.
trait AppendTarget: Write {
    /// Cuts the file back to `len` bytes.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    /// Forces what was written to disk.
    fn sync(&mut self) -> io::Result<()>;
}

impl AppendTarget for File {
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)
    }

    fn sync(&mut self) -> io::Result<()> {
        self.sync_all()
    }
}

/// Appends `bytes` to `target`, whose length is `len` before the append.
/// On a failure the target is cut back to `len`, so no partial line
/// remains; `Err` says whether that worked.
fn append_whole(
    target: &mut impl AppendTarget,
    len: u64,
    bytes: &[u8],
) -> Result<(), (io::Error, bool)> {
    match target.write_all(bytes).and_then(|()| target.sync()) {
        Ok(()) => Ok(()),
        Err(error) => {
            let removed = target.truncate(len).and_then(|()| target.sync()).is_ok();
            Err((error, removed))
        }
    }
}

/// Appends one entry to the journal at `path`, creating the file if needed.
/// See [`append_entries`].
pub fn append_entry(
    path: &Path,
    entry: &JournalEntry,
    lang: Lang,
) -> Result<(), JournalWriteError> {
    append_entries(path, std::slice::from_ref(entry), lang)
}

/// Appends `entries`, in order, to the journal at `path`, creating the
/// file if needed: all of them or none (a server gathers the updates that
/// arrive while one append is under way into one lock and one sync).
///
/// The file is opened in append mode and locked exclusively (`File::lock`,
/// an advisory lock that other `forumplan` processes and threads honour)
/// for the whole operation. The lines are written with a single `write_all`
/// of one buffer and then synced with `sync_all` before the lock is
/// released; if that fails, the file is cut back to its previous length.
///
/// If the file does not end with a newline, a previous writer crashed in
/// the middle of a line. That damaged line is left exactly as it is;
/// instead the buffer starts with `\n`, so the partial line is closed off
/// on its own line (readers report it and skip it) and the new entries are
/// intact on the next ones.
pub fn append_entries(
    path: &Path,
    entries: &[JournalEntry],
    lang: Lang,
) -> Result<(), JournalWriteError> {
    let io_error = |operation: &'static str| {
        move |source: io::Error| JournalWriteError::Io {
            path: path.to_owned(),
            operation,
            source,
        }
    };
    let mut lines = String::new();
    for entry in entries {
        entry
            .validate()
            .map_err(|source| JournalWriteError::InvalidEntry {
                path: path.to_owned(),
                source,
            })?;
        lines.push_str(&format_entry(entry));
    }

    let mut file = open_regular(
        path,
        OpenOptions::new().read(true).append(true).create(true),
    )
    .map_err(io_error("open"))?;
    lock(&file, path, true, lang).map_err(io_error("lock"))?;

    // Only now, under the lock, is the end of the file stable.
    let len = file.metadata().map_err(io_error("read the end of"))?.len();
    let needs_newline = !ends_with_newline(&mut file, len).map_err(io_error("read the end of"))?;
    let mut buffer = String::with_capacity(lines.len() + 1);
    if needs_newline {
        buffer.push('\n');
    }
    buffer.push_str(&lines);

    // In append mode every write goes to the end of the file, wherever the
    // cursor was left by the read above.
    append_whole(&mut file, len, buffer.as_bytes()).map_err(|(source, removed)| {
        JournalWriteError::Append {
            path: path.to_owned(),
            source,
            removed,
        }
    })?;
    // Dropping the file closes it, which releases the lock.
    drop(file);
    Ok(())
}

/// Whether the file, `len` bytes long, is empty or ends with `\n`.
fn ends_with_newline(file: &mut File, len: u64) -> io::Result<bool> {
    if len == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0_u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// The bytes of the journal at `path`, or `None` if it does not exist yet
/// (a new forum has no journal). Parsing is the caller's, so that it can
/// render problems against these bytes; only I/O failures are errors here.
///
/// A shared lock is taken while reading so that a concurrent append is not
/// seen half-written; if the file system cannot lock, the file is read
/// anyway (at worst a half-written last line is reported as incomplete).
pub fn read_journal_bytes(path: &Path, lang: Lang) -> Result<Option<Vec<u8>>, JournalReadError> {
    let read_error = |source: io::Error| JournalReadError {
        path: path.to_owned(),
        source,
    };
    let mut file = match open_regular(path, OpenOptions::new().read(true)) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_error(e)),
    };
    match lock(&file, path, false, lang) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::TimedOut => return Err(read_error(error)),
        Err(error) => {
            tracing::debug!(path = %path.display(), %error, "cannot lock the journal for reading; reading it unlocked");
        }
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(read_error)?;
    Ok(Some(bytes))
}

/// Where a plan's journal is: `explicit` (`--journal`), else the plan's
/// `forum.journal` (relative to the plan's folder), else
/// `<plan stem>.journal.jsonl` beside the plan. The flag says whether the
/// plan named it (a failure to use it is then a problem of the plan).
pub fn journal_location(
    plan: &Path,
    forum: &forumplan_core::Forum,
    explicit: Option<&Path>,
) -> (PathBuf, bool) {
    let folder = plan.parent().unwrap_or(Path::new(""));
    match (explicit, &forum.plan().forum.journal) {
        (Some(journal), _) => (journal.to_owned(), false),
        (None, Some(name)) => (folder.join(name), true),
        (None, None) => {
            let stem = plan
                .file_stem()
                .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
            (folder.join(format!("{stem}.journal.jsonl")), false)
        }
    }
}

/// Where the baselines of the plan at `plan` are kept (`forumplan
/// baseline`): `<plan stem>.baseline.json` beside it.
pub fn baseline_location(plan: &Path) -> PathBuf {
    let stem = plan
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    plan.with_file_name(format!("{stem}.baseline.json"))
}

/// Whether `a` and `b` name the same file: the same device and inode when
/// both exist, else the same folder and name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        (Err(_), Err(_)) => resolved(a).is_some_and(|a| resolved(b) == Some(a)),
        _ => false,
    }
}

/// A path that may not exist, made absolute through its folder.
fn resolved(path: &Path) -> Option<PathBuf> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fs;
    use std::sync::Arc;

    use chrono::{DateTime, Local, NaiveDate};
    use forumplan_core::journal::{
        Journal, JournalEntry, TaskState, parse_journal, parse_journal_bytes,
    };
    use uuid::Uuid;

    use super::*;

    /// The journal at `path`, as the commands read it.
    fn read_back(path: &Path) -> Result<Journal, JournalReadError> {
        Ok(read_journal_bytes(path, Lang::En)?
            .map_or_else(Journal::default, |bytes| parse_journal_bytes(&bytes)))
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn recorded_entry(task: &str, state: TaskState, progress: Option<u8>) -> JournalEntry {
        let mut entry = JournalEntry::new(day("2022-09-12"), task, state)
            .with_by("Vụ Kinh tế")
            .with_note("Chờ ý kiến\nThường trực")
            .recorded(Uuid::now_v7(), DateTime::from(Local::now()));
        entry.progress = progress;
        entry
    }

    /// A disk with room for `room` bytes, that can be cut back or not.
    struct SmallDisk {
        bytes: Vec<u8>,
        room: usize,
        can_truncate: bool,
    }

    impl Write for SmallDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let free = self.room.saturating_sub(self.bytes.len());
            if free == 0 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            let n = buf.len().min(free);
            self.bytes.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl AppendTarget for SmallDisk {
        fn truncate(&mut self, len: u64) -> io::Result<()> {
            if !self.can_truncate {
                return Err(io::Error::from(io::ErrorKind::PermissionDenied));
            }
            self.bytes.truncate(usize::try_from(len).unwrap());
            Ok(())
        }

        fn sync(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_append_that_fails_half_way_is_cut_back() {
        let disk = |room, can_truncate| SmallDisk {
            bytes: b"first\n".to_vec(),
            room,
            can_truncate,
        };
        let mut roomy = disk(100, true);
        assert!(append_whole(&mut roomy, 6, b"second\n").is_ok());
        assert_eq!(roomy.bytes, b"first\nsecond\n");

        let mut full = disk(9, true);
        let (error, removed) = append_whole(&mut full, 6, b"second\n").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert!(removed);
        assert_eq!(full.bytes, b"first\n", "the partial line is gone");

        let mut stuck = disk(9, false);
        let (_, removed) = append_whole(&mut stuck, 6, b"second\n").unwrap_err();
        assert!(!removed, "and says so when it cannot be");
        assert_eq!(stuck.bytes, b"first\nsec");
    }

    #[test]
    fn append_creates_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("forum.journal.jsonl");
        let entry = recorded_entry("agenda-final", TaskState::InProgress, Some(60));
        append_entry(&path, &entry, Lang::En).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text, format_entry(&entry));
        let journal = read_back(&path).unwrap();
        assert!(journal.problems.is_empty());
        assert_eq!(journal.entries.len(), 1);
        assert_eq!(journal.entries[0].entry, entry);
    }

    #[test]
    fn two_appends_give_two_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let first = recorded_entry("a", TaskState::InProgress, Some(10));
        let second = recorded_entry("a", TaskState::Done, None);
        append_entry(&path, &first, Lang::En).unwrap();
        append_entry(&path, &second, Lang::En).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
        let journal = read_back(&path).unwrap();
        assert!(journal.problems.is_empty());
        let lines: Vec<(usize, &JournalEntry)> =
            journal.entries.iter().map(|l| (l.line, &l.entry)).collect();
        assert_eq!(lines, [(1, &first), (2, &second)]);
    }

    #[test]
    fn append_after_a_crash_keeps_earlier_lines_and_isolates_the_partial_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let earlier = recorded_entry("a", TaskState::InProgress, Some(40));
        let full = format_entry(&recorded_entry("b", TaskState::Blocked, None));
        // A writer crashed half-way through its line.
        let partial = &full.as_bytes()[..full.len() / 2];
        fs::write(&path, [format_entry(&earlier).as_bytes(), partial].concat()).unwrap();
        let before = fs::read(&path).unwrap();

        let new = recorded_entry("a", TaskState::Done, Some(100));
        append_entry(&path, &new, Lang::En).unwrap();

        let after = fs::read(&path).unwrap();
        assert!(
            after.starts_with(&before),
            "earlier bytes are never rewritten"
        );
        let journal = read_back(&path).unwrap();
        let lines: Vec<(usize, &JournalEntry)> =
            journal.entries.iter().map(|l| (l.line, &l.entry)).collect();
        assert_eq!(lines, [(1, &earlier), (3, &new)]);
        assert_eq!(journal.problems.len(), 1);
        assert!(journal.problems[0].message.starts_with("journal line 2:"));
    }

    #[test]
    fn invalid_entries_are_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let bad = recorded_entry("a", TaskState::Done, Some(50));
        let err = append_entry(&path, &bad, Lang::En).unwrap_err();
        assert!(matches!(err, JournalWriteError::InvalidEntry { .. }));
        assert!(err.to_string().contains("j.jsonl"), "{err}");
        assert!(!path.exists());
    }

    #[test]
    fn a_batch_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let first = recorded_entry("a", TaskState::InProgress, Some(40));
        let second = recorded_entry("b", TaskState::Blocked, None);
        let bad = recorded_entry("c", TaskState::Done, Some(50));
        let err =
            append_entries(&path, &[first.clone(), bad, second.clone()], Lang::En).unwrap_err();
        assert!(matches!(err, JournalWriteError::InvalidEntry { .. }));
        assert!(!path.exists(), "an invalid entry stops the whole batch");

        append_entries(&path, &[first.clone(), second.clone()], Lang::En).unwrap();
        let journal = read_back(&path).unwrap();
        let entries: Vec<&JournalEntry> = journal.entries.iter().map(|l| &l.entry).collect();
        assert_eq!(entries, [&first, &second]);
        assert!(journal.problems.is_empty());
    }

    #[test]
    fn errors_name_the_path_and_the_operation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("j.jsonl");
        let err =
            append_entry(&path, &recorded_entry("a", TaskState::Done, None), Lang::En).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("cannot open journal "), "{message}");
        assert!(message.contains("no-such-dir"), "{message}");

        // A directory cannot be read as a journal.
        let err = read_back(dir.path()).unwrap_err();
        assert!(
            err.to_string().contains(&*dir.path().to_string_lossy()),
            "{err}"
        );
    }

    #[test]
    fn a_missing_journal_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let journal = read_back(&dir.path().join("new-forum.journal.jsonl")).unwrap();
        assert!(journal.entries.is_empty() && journal.problems.is_empty());
    }

    #[test]
    fn concurrent_appends_never_interleave() {
        const THREADS: usize = 8;
        const APPENDS: usize = 200;
        let dir = tempfile::tempdir().unwrap();
        let path = Arc::new(dir.path().join("j.jsonl"));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let path = Arc::clone(&path);
                std::thread::spawn(move || {
                    for i in 0..APPENDS {
                        let entry = recorded_entry(
                            &format!("task-{t}"),
                            TaskState::InProgress,
                            Some((i % 101) as u8),
                        )
                        .with_note("Hội trường Diên Hồng ".repeat(i % 7));
                        append_entry(&path, &entry, Lang::En).unwrap();
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }

        let text = fs::read_to_string(&*path).unwrap();
        assert_eq!(text.lines().count(), THREADS * APPENDS);
        let journal = parse_journal(&text);
        assert!(journal.problems.is_empty(), "{:?}", &journal.problems[..1]);
        assert_eq!(journal.entries.len(), THREADS * APPENDS);
        let ids: HashSet<Uuid> = journal.iter_entries().map(|e| e.id.unwrap()).collect();
        assert_eq!(ids.len(), THREADS * APPENDS);
        // Each thread's lines are in its own order.
        for t in 0..THREADS {
            let task = format!("task-{t}");
            let progress: Vec<u8> = journal
                .iter_entries()
                .filter(|e| e.task == task)
                .map(|e| e.progress.unwrap())
                .collect();
            let expected: Vec<u8> = (0..APPENDS).map(|i| (i % 101) as u8).collect();
            assert_eq!(progress, expected);
        }
    }
}
