//! The progress journal: what has happened, day by day.
//!
//! The journal is a JSON Lines file next to the plan (see
//! `plan-format.md`, "Journal"). Each line is one [`JournalEntry`]; the file
//! is only ever appended to, never rewritten. This module does no I/O: it
//! parses text or bytes handed to it ([`parse_journal`],
//! [`parse_journal_bytes`]), formats one entry as one line
//! ([`format_entry`]) and replays entries into the state of every task of a
//! forum as of a given day ([`replay`]). Reading and appending the file,
//! locking and fsync live in the CLI crate.
//!
//! # Reading rules
//!
//! - Lines are separated by `\n`; a trailing `\r` (CRLF files) is tolerated.
//! - Lines holding only whitespace are skipped silently.
//! - A UTF-8 byte order mark is tolerated at the very start of the file only.
//! - Every other line that is not a valid entry is reported as a located
//!   [`Diagnostic`](crate::Diagnostic) (code `journal-line`, a span of bytes
//!   in the file) and skipped; the valid lines around it are kept. One
//!   error is reported per bad line: the first problem found, left to
//!   right, by the same spanned JSON parser that reads plans.
//! - A last line without a trailing newline is accepted if it is a valid
//!   entry (a hand-edited file); if it is not, it is reported as an
//!   incomplete last line, which is what a writer interrupted mid-write
//!   leaves behind.
//!
//! # Replay rules
//!
//! See [`replay`] for the exact rules, including how a missing `progress` is
//! carried over from earlier entries.

mod entry;
mod fields;
mod read;
mod replay;
mod state;

pub use entry::{EntryError, JournalEntry, format_entry};
pub use read::{Journal, JournalLine, parse_journal, parse_journal_bytes};
pub use replay::{JournalState, TaskProgress, replay};
pub use state::{ParseTaskStateError, TaskState};

impl Journal {
    /// Replays the valid entries as of `as_of`; see [`replay`].
    pub fn replay(&self, forum: &crate::Forum, as_of: chrono::NaiveDate) -> JournalState {
        replay(forum, self.iter_entries(), as_of)
    }
}
