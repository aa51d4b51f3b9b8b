//! The progress journal: what has happened, day by day.
//!
//! The journal is a JSON Lines file next to the plan (see
//! `plan-format.md`, "Journal"). Each line is one [`JournalEntry`]; the file
//! is only ever appended to, never rewritten. This module does no I/O: it
//! parses text or bytes handed to it ([`parse_journal`],
//! [`parse_journal_bytes`]), formats one entry as one line
//! ([`format_entry`]) and replays entries into the state of every task as of
//! a given day ([`replay`]). Reading and appending the file, locking and
//! fsync live in the CLI crate.
//!
//! # Reading rules
//!
//! - Lines are separated by `\n`; a trailing `\r` (CRLF files) is tolerated.
//! - Lines holding only whitespace are skipped silently.
//! - A UTF-8 byte order mark is tolerated at the very start of the file only.
//! - Every other line that is not a valid entry is reported as a
//!   [`JournalLineError`] (line, character column, byte offset, message) and
//!   skipped; the valid lines around it are kept. One error is reported per
//!   bad line: the first problem found, left to right.
//! - A last line without a trailing newline is accepted if it is a valid
//!   entry (a hand-edited file); if it is not, it is reported as an
//!   incomplete last line, which is what a writer interrupted mid-write
//!   leaves behind.
//!
//! # Replay rules
//!
//! See [`replay`] for the exact rules, including how a missing `progress` is
//! carried over from earlier entries.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// The byte order mark, tolerated at the very start of a journal file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The valid state names, for error messages.
const STATE_NAMES: &str = "not_started, in_progress, done, blocked, cancelled";

/// The known entry fields, in output order, for error messages.
const FIELD_NAMES: &str = "id, date, task, state, progress, by, note, recorded_at";

/// The state of a task, as recorded in the journal and used by the scheduler.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Work has not begun (`not_started`).
    NotStarted,
    /// Work is under way (`in_progress`).
    InProgress,
    /// The task is finished (`done`); its progress is 100.
    Done,
    /// Work cannot go on until something outside the task is resolved
    /// (`blocked`).
    Blocked,
    /// The task will not be done (`cancelled`).
    Cancelled,
}

impl TaskState {
    /// Every state, in the order of the contract.
    pub const ALL: [TaskState; 5] = [
        TaskState::NotStarted,
        TaskState::InProgress,
        TaskState::Done,
        TaskState::Blocked,
        TaskState::Cancelled,
    ];

    /// The name used in journal files and on the command line
    /// (`not_started`, `in_progress`, `done`, `blocked`, `cancelled`).
    pub const fn as_str(self) -> &'static str {
        match self {
            TaskState::NotStarted => "not_started",
            TaskState::InProgress => "in_progress",
            TaskState::Done => "done",
            TaskState::Blocked => "blocked",
            TaskState::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string is not the name of a [`TaskState`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown state `{input}`; expected one of: {STATE_NAMES}")]
pub struct ParseTaskStateError {
    /// The text that was not recognised.
    pub input: String,
}

impl FromStr for TaskState {
    type Err = ParseTaskStateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TaskState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| ParseTaskStateError {
                input: s.to_owned(),
            })
    }
}

/// One journal line: a fact about one task, true on `date`.
///
/// Serialization writes the fields in the order `id, date, task, state,
/// progress, by, note, recorded_at` and omits the optional ones that are
/// `None`. Deserialization rejects unknown fields and applies the same rules
/// as [`parse_journal`] (strict `YYYY-MM-DD` date, known state, progress
/// 0–100, a `done` entry has progress 100 or none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalEntry {
    /// The entry's identifier (UUID v7), written by the tool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The day on which the fact is true (not the day it was recorded).
    pub date: NaiveDate,
    /// The id of the task in the plan.
    pub task: String,
    /// The task's state on `date`.
    pub state: TaskState,
    /// Percentage of the work done, 0–100; a `done` entry implies 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    /// Who reports the fact (a unit or a person).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When the entry was written, with the writer's UTC offset; written by
    /// the tool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<DateTime<FixedOffset>>,
}

/// Why a [`JournalEntry`] cannot be written to (or was not read from) a
/// journal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EntryError {
    /// `progress` is above 100.
    #[error("progress must be an integer from 0 to 100, got {0}")]
    ProgressOutOfRange(u8),
    /// A `done` entry with a progress other than 100.
    #[error("a `done` entry must have progress 100 (or none), got {0}")]
    DoneNotComplete(u8),
    /// The task id is empty or only whitespace.
    #[error("`task` must not be empty")]
    EmptyTask,
    /// The date cannot be written as `YYYY-MM-DD` (year outside 0–9999).
    #[error("date {0} is outside the years 0000-9999")]
    DateOutOfRange(NaiveDate),
    /// `recorded_at` cannot be written as an RFC 3339 timestamp that reads
    /// back unchanged (year outside 0–9999, or an offset with seconds).
    #[error("`recorded_at` {0} cannot be written as an RFC 3339 timestamp")]
    RecordedAtUnrepresentable(DateTime<FixedOffset>),
}

impl EntryError {
    /// The field the error is about.
    fn field(&self) -> Field {
        match self {
            EntryError::ProgressOutOfRange(_) | EntryError::DoneNotComplete(_) => Field::Progress,
            EntryError::EmptyTask => Field::Task,
            EntryError::DateOutOfRange(_) => Field::Date,
            EntryError::RecordedAtUnrepresentable(_) => Field::RecordedAt,
        }
    }
}

impl JournalEntry {
    /// A new entry with only the required fields; the optional ones can be
    /// added with the `with_*` methods and [`JournalEntry::recorded`].
    pub fn new(date: NaiveDate, task: impl Into<String>, state: TaskState) -> Self {
        JournalEntry {
            id: None,
            date,
            task: task.into(),
            state,
            progress: None,
            by: None,
            note: None,
            recorded_at: None,
        }
    }

    /// Sets `progress`.
    #[must_use]
    pub fn with_progress(mut self, progress: u8) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Sets `by`.
    #[must_use]
    pub fn with_by(mut self, by: impl Into<String>) -> Self {
        self.by = Some(by.into());
        self
    }

    /// Sets `note`.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Sets the fields the tool writes: `id` (a UUID v7 generated by the
    /// caller) and `recorded_at` (the caller's clock; this crate never reads
    /// it).
    #[must_use]
    pub fn recorded(mut self, id: Uuid, recorded_at: DateTime<FixedOffset>) -> Self {
        self.id = Some(id);
        self.recorded_at = Some(recorded_at);
        self
    }

    /// Checks the rules a journal line must follow, so that a writer never
    /// appends a line that readers would reject: progress 0–100, a `done`
    /// entry has progress 100 or none, a non-empty task id, dates and
    /// timestamps that [`format_entry`] writes in a form that reads back
    /// unchanged.
    pub fn validate(&self) -> Result<(), EntryError> {
        if !(0..=9999).contains(&self.date.year()) {
            return Err(EntryError::DateOutOfRange(self.date));
        }
        if self.task.trim().is_empty() {
            return Err(EntryError::EmptyTask);
        }
        if let Some(progress) = self.progress {
            if progress > 100 {
                return Err(EntryError::ProgressOutOfRange(progress));
            }
            if self.state == TaskState::Done && progress != 100 {
                return Err(EntryError::DoneNotComplete(progress));
            }
        }
        if let Some(at) = self.recorded_at
            && (!(0..=9999).contains(&at.year()) || at.offset().local_minus_utc() % 60 != 0)
        {
            return Err(EntryError::RecordedAtUnrepresentable(at));
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for JournalEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let Value::Object(map) = Value::deserialize(deserializer)? else {
            return Err(D::Error::custom("a journal entry must be a JSON object"));
        };
        let mut partial = PartialEntry::default();
        for (key, value) in &map {
            let field = Field::from_key(key).ok_or_else(|| D::Error::custom(unknown_field(key)))?;
            partial.set(field, value).map_err(D::Error::custom)?;
        }
        partial
            .finish()
            .map_err(|fault| D::Error::custom(fault.message))
    }
}

/// Formats one entry as one journal line: compact JSON, no interior newline
/// (newlines in text are escaped), ending in exactly one `\n`.
///
/// The entry is not validated here; writers should call
/// [`JournalEntry::validate`] first.
pub fn format_entry(entry: &JournalEntry) -> String {
    // Serializing strings, dates, a UUID and an enum into a String cannot
    // fail: there is no map with non-string keys and no I/O.
    let mut line = serde_json::to_string(entry).expect("a journal entry always serializes");
    line.push('\n');
    line
}

/// A valid journal line and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalLine {
    /// The 1-based line number.
    pub line: usize,
    /// The entry on that line.
    pub entry: JournalEntry,
}

/// A journal line that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct JournalLineError {
    /// The 1-based line number.
    pub line: usize,
    /// The 1-based column of the error, counted in characters (not bytes),
    /// so that it matches what an editor shows on Vietnamese text. A byte
    /// order mark at the start of the file is not counted.
    pub column: usize,
    /// The absolute byte offset of the error location in the file, for
    /// diagnostics that draw a caret under the source.
    pub byte_offset: usize,
    /// What is wrong, without the position.
    pub message: String,
}

/// The result of parsing a journal: the valid entries, and the lines that
/// were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Journal {
    /// The valid entries, in file order.
    pub entries: Vec<JournalLine>,
    /// The bad lines, in file order.
    pub errors: Vec<JournalLineError>,
}

impl Journal {
    /// The valid entries, in file order, without their line numbers.
    pub fn iter_entries(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter().map(|line| &line.entry)
    }

    /// Replays the valid entries as of `as_of`; see [`replay`].
    pub fn replay(&self, as_of: NaiveDate) -> JournalState {
        replay(self.iter_entries(), as_of)
    }
}

/// Parses a journal held in a string. See the module documentation for the
/// rules; this never fails as a whole: bad lines are reported and skipped.
pub fn parse_journal(text: &str) -> Journal {
    parse_journal_bytes(text.as_bytes())
}

/// Parses a journal from raw bytes. A line that is not valid UTF-8 is
/// reported as an error (at the first invalid byte) and skipped; the other
/// lines are parsed normally.
pub fn parse_journal_bytes(bytes: &[u8]) -> Journal {
    let mut journal = Journal::default();
    let mut start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let mut line_number = 0;
    while start < bytes.len() {
        line_number += 1;
        let rest = &bytes[start..];
        let (raw, terminated) = match rest.iter().position(|&b| b == b'\n') {
            Some(end) => (&rest[..end], true),
            None => (rest, false),
        };
        match parse_line(raw, terminated) {
            Ok(None) => {}
            Ok(Some(entry)) => journal.entries.push(JournalLine {
                line: line_number,
                entry,
            }),
            Err(fault) => {
                let at = fault.at.min(raw.len());
                journal.errors.push(JournalLineError {
                    line: line_number,
                    column: String::from_utf8_lossy(&raw[..at]).chars().count() + 1,
                    byte_offset: start + at,
                    message: fault.message,
                });
            }
        }
        start += raw.len() + 1;
    }
    journal
}

/// A problem on one line: its byte index within the line, and the message.
struct LineFault {
    at: usize,
    message: String,
}

impl LineFault {
    fn new(at: usize, message: impl Into<String>) -> Self {
        LineFault {
            at,
            message: message.into(),
        }
    }
}

/// Parses one line (without its `\n`). `Ok(None)` for a blank line.
fn parse_line(raw: &[u8], terminated: bool) -> Result<Option<JournalEntry>, LineFault> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        let at = e.valid_up_to();
        let byte = raw.get(at).copied().unwrap_or_default();
        LineFault::new(
            at,
            format!("the line is not valid UTF-8 (unexpected byte 0x{byte:02X})"),
        )
    })?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    if text.starts_with('\u{FEFF}') {
        return Err(LineFault::new(
            0,
            "unexpected byte order mark (U+FEFF); it is only allowed at the very start of the file",
        ));
    }
    parse_entry_line(text).map(Some).map_err(|mut fault| {
        if !terminated {
            fault.message = format!(
                "incomplete last line (no newline at the end; was a write interrupted?): {}",
                fault.message
            );
        }
        fault
    })
}

/// Parses the text of one non-blank line into an entry.
fn parse_entry_line(text: &str) -> Result<JournalEntry, LineFault> {
    match parse_clean_line(text) {
        Some(entry) => Ok(entry),
        None => parse_entry_line_field_by_field(text),
    }
}

/// The fast path for a line without any problem: serde reads it in one
/// go. Anything unusual (a syntax or type error, a bad value, a duplicate
/// or unknown field) returns `None`, and the field-by-field parser, which
/// alone decides what is valid and says where a problem is, takes over.
fn parse_clean_line(text: &str) -> Option<JournalEntry> {
    use std::borrow::Cow;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Line<'a> {
        #[serde(default, borrow)]
        id: Option<Cow<'a, str>>,
        #[serde(borrow)]
        date: Cow<'a, str>,
        task: String,
        #[serde(borrow)]
        state: Cow<'a, str>,
        #[serde(default)]
        progress: Option<u8>,
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        note: Option<String>,
        #[serde(default, borrow)]
        recorded_at: Option<Cow<'a, str>>,
    }
    let line: Line<'_> = serde_json::from_str(text).ok()?;
    if line.task.trim().is_empty() || line.progress.is_some_and(|p| p > 100) {
        return None;
    }
    let partial = PartialEntry {
        id: line.id.map(|id| parse_id(&id)).transpose().ok()?,
        date: Some(parse_date(&line.date).ok()?),
        task: Some(line.task),
        state: Some(line.state.parse().ok()?),
        progress: line.progress,
        by: line.by,
        note: line.note,
        recorded_at: line
            .recorded_at
            .map(|at| parse_recorded_at(&at))
            .transpose()
            .ok()?,
    };
    partial.finish().ok()
}

/// Parses one line field by field, to report exactly where a problem is.
fn parse_entry_line_field_by_field(text: &str) -> Result<JournalEntry, LineFault> {
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_fault(text, &e))?;
    let object_start = text.len() - text.trim_start_matches(is_json_ws).len();
    if !value.is_object() {
        return Err(LineFault::new(
            object_start,
            format!(
                "expected a JSON object {{...}}, found {}",
                json_kind(&value)
            ),
        ));
    }
    // The text is valid JSON, so the scanner cannot fail; stay panic-free
    // anyway.
    let members = scan_object(text)
        .ok_or_else(|| LineFault::new(object_start, "cannot read the JSON object"))?;

    let mut partial = PartialEntry::default();
    let mut value_at = [None::<usize>; Field::COUNT];
    for member in members {
        let field = Field::from_key(&member.key)
            .ok_or_else(|| LineFault::new(member.key_start, unknown_field(&member.key)))?;
        if value_at[field as usize].is_some() {
            return Err(LineFault::new(
                member.key_start,
                format!("duplicate field `{}`", field.name()),
            ));
        }
        value_at[field as usize] = Some(member.value_start);
        let value: Value = text
            .get(member.value_start..member.value_end)
            .and_then(|raw| serde_json::from_str(raw).ok())
            .ok_or_else(|| LineFault::new(member.value_start, "cannot read the value"))?;
        partial
            .set(field, &value)
            .map_err(|message| LineFault::new(member.value_start, message))?;
    }
    partial.finish().map_err(|fault| {
        let at = fault
            .field
            .and_then(|field| value_at[field as usize])
            .unwrap_or(object_start);
        LineFault::new(at, fault.message)
    })
}

/// Whitespace as JSON defines it.
fn is_json_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns a serde_json syntax error on one line into a fault at a byte index.
fn syntax_fault(text: &str, error: &serde_json::Error) -> LineFault {
    // serde_json counts columns in bytes, 1-based, pointing at the offending
    // byte; at the end of input it points at the last byte, and we point
    // just past it instead.
    let mut at = if error.classify() == serde_json::error::Category::Eof {
        text.len()
    } else {
        error.column().saturating_sub(1).min(text.len())
    };
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    LineFault::new(at, message)
}

/// A top-level member of a JSON object, with byte positions in the line.
struct Member {
    key: String,
    key_start: usize,
    value_start: usize,
    value_end: usize,
}

/// Lists the members of the JSON object that `text` holds, in order,
/// duplicates included. `text` must already be known to be valid JSON;
/// `None` if it is not an object after all.
fn scan_object(text: &str) -> Option<Vec<Member>> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if *b.get(i)? != b'{' {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut members = Vec::new();
    if *b.get(i)? == b'}' {
        return Some(members);
    }
    loop {
        let key_start = i;
        let key_end = scan_string(b, i)?;
        let key: String = serde_json::from_str(text.get(key_start..key_end)?).ok()?;
        i = skip_ws(b, key_end);
        if *b.get(i)? != b':' {
            return None;
        }
        let value_start = skip_ws(b, i + 1);
        let value_end = scan_value(b, value_start)?;
        members.push(Member {
            key,
            key_start,
            value_start,
            value_end,
        });
        i = skip_ws(b, value_end);
        match *b.get(i)? {
            b',' => i = skip_ws(b, i + 1),
            b'}' => return Some(members),
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The index just past the JSON string starting at `i`.
fn scan_string(b: &[u8], i: usize) -> Option<usize> {
    if *b.get(i)? != b'"' {
        return None;
    }
    let mut j = i + 1;
    loop {
        match *b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The index just past the JSON value starting at `i`.
fn scan_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => scan_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0_usize;
            let mut j = i;
            loop {
                match *b.get(j)? {
                    b'"' => {
                        j = scan_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while let Some(&c) = b.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The fields of an entry, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Date,
    Task,
    State,
    Progress,
    By,
    Note,
    RecordedAt,
}

impl Field {
    const COUNT: usize = 8;
    const ALL: [Field; Field::COUNT] = [
        Field::Id,
        Field::Date,
        Field::Task,
        Field::State,
        Field::Progress,
        Field::By,
        Field::Note,
        Field::RecordedAt,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Date => "date",
            Field::Task => "task",
            Field::State => "state",
            Field::Progress => "progress",
            Field::By => "by",
            Field::Note => "note",
            Field::RecordedAt => "recorded_at",
        }
    }

    fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.name() == key)
    }
}

fn unknown_field(key: &str) -> String {
    format!("unknown field `{key}`; expected one of: {FIELD_NAMES}")
}

/// An entry whose fields are being read one by one; shared by the line
/// parser and the `Deserialize` impl so both apply the same rules.
#[derive(Default)]
struct PartialEntry {
    id: Option<Uuid>,
    date: Option<NaiveDate>,
    task: Option<String>,
    state: Option<TaskState>,
    progress: Option<u8>,
    by: Option<String>,
    note: Option<String>,
    recorded_at: Option<DateTime<FixedOffset>>,
}

/// Why a [`PartialEntry`] cannot become an entry, and which field to point
/// at (`None`: the object as a whole).
struct FinishFault {
    field: Option<Field>,
    message: String,
}

impl PartialEntry {
    /// Reads one field's value; the message does not repeat the position.
    fn set(&mut self, field: Field, value: &Value) -> Result<(), String> {
        match field {
            Field::Id => self.id = optional_string(field, value)?.map(parse_id).transpose()?,
            Field::Date => self.date = Some(parse_date(required_string(field, value)?)?),
            Field::Task => {
                let task = required_string(field, value)?;
                if task.trim().is_empty() {
                    return Err(EntryError::EmptyTask.to_string());
                }
                self.task = Some(task.to_owned());
            }
            Field::State => {
                let state = value.as_str().ok_or_else(|| {
                    format!(
                        "`state` must be a string, one of: {STATE_NAMES}; found {}",
                        json_kind(value)
                    )
                })?;
                self.state = Some(
                    state
                        .parse()
                        .map_err(|e: ParseTaskStateError| e.to_string())?,
                );
            }
            Field::Progress => self.progress = parse_progress(value)?,
            Field::By => self.by = optional_string(field, value)?.map(str::to_owned),
            Field::Note => self.note = optional_string(field, value)?.map(str::to_owned),
            Field::RecordedAt => {
                self.recorded_at = optional_string(field, value)?
                    .map(parse_recorded_at)
                    .transpose()?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<JournalEntry, FinishFault> {
        let (Some(date), Some(task), Some(state)) = (self.date, self.task.clone(), self.state)
        else {
            let missing: Vec<String> = [
                (self.date.is_none(), Field::Date),
                (self.task.is_none(), Field::Task),
                (self.state.is_none(), Field::State),
            ]
            .into_iter()
            .filter(|(missing, _)| *missing)
            .map(|(_, field)| format!("`{}`", field.name()))
            .collect();
            let plural = if missing.len() > 1 { "s" } else { "" };
            return Err(FinishFault {
                field: None,
                message: format!("missing required field{plural} {}", missing.join(", ")),
            });
        };
        let entry = JournalEntry {
            id: self.id,
            date,
            task,
            state,
            progress: self.progress,
            by: self.by,
            note: self.note,
            recorded_at: self.recorded_at,
        };
        entry.validate().map_err(|e| FinishFault {
            field: Some(e.field()),
            message: e.to_string(),
        })?;
        Ok(entry)
    }
}

fn required_string(field: Field, value: &Value) -> Result<&str, String> {
    value.as_str().ok_or_else(|| {
        format!(
            "`{}` must be a string, found {}",
            field.name(),
            json_kind(value)
        )
    })
}

fn optional_string(field: Field, value: &Value) -> Result<Option<&str>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        other => Err(format!(
            "`{}` must be a string, found {}",
            field.name(),
            json_kind(other)
        )),
    }
}

fn parse_id(text: &str) -> Result<Uuid, String> {
    Uuid::parse_str(text).map_err(|_| format!("invalid id `{text}`: expected a UUID"))
}

/// A day as [`crate::plan::parse_day`] reads it everywhere.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::plan::parse_day(text).map_err(|error| error.to_string())
}

fn parse_progress(value: &Value) -> Result<Option<u8>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Number(number) => match number.as_u64() {
            Some(p) if p <= 100 => Ok(Some(p as u8)),
            _ => Err(format!(
                "progress must be an integer from 0 to 100, got {number}"
            )),
        },
        other => Err(format!(
            "`progress` must be an integer from 0 to 100, found {}",
            json_kind(other)
        )),
    }
}

fn parse_recorded_at(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|_| {
        format!(
            "invalid `recorded_at` `{text}`: expected an RFC 3339 timestamp such as 2022-09-12T16:30:05+07:00"
        )
    })
}

/// The replayed state of one task as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskProgress {
    /// The state of the deciding entry: the last one in file order dated on
    /// or before the as-of day.
    pub state: TaskState,
    /// Percentage done, 0–100; see [`replay`] for how it is derived.
    pub progress: u8,
    /// The date of the first entry (in file order, dated on or before the
    /// as-of day) that is `in_progress` or `done` or has progress > 0.
    pub actual_start: Option<NaiveDate>,
    /// The date of the deciding entry when it is `done`; `None` otherwise.
    pub actual_finish: Option<NaiveDate>,
    /// The date of the deciding entry.
    pub as_of_entry_date: NaiveDate,
}

/// The state of every task mentioned in the journal, as of a day.
///
/// Tasks that no entry (dated on or before the day) mentions are absent:
/// for the scheduler they are not started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalState {
    tasks: BTreeMap<String, TaskProgress>,
}

impl JournalState {
    /// The state of a task, if the journal mentions it.
    pub fn get(&self, task: &str) -> Option<&TaskProgress> {
        self.tasks.get(task)
    }

    /// Every task the journal mentions, by task id (sorted).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &TaskProgress)> {
        self.tasks
            .iter()
            .map(|(task, progress)| (task.as_str(), progress))
    }

    /// The number of tasks the journal mentions.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether no task is mentioned.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }
}

/// Replays journal entries, in file order, into the state of every task as
/// of `as_of`.
///
/// Entries dated after `as_of` are ignored entirely. For each task:
/// - **state**: that of the *deciding entry*, the last entry in file order
///   dated on or before `as_of`. File order, not date order: a later line
///   with an earlier date (a correction) still overrides an earlier line.
/// - **progress**: 100 when the state is `done`. Otherwise the deciding
///   entry's `progress` if it gives one. If it omits it, the progress is
///   carried from the most recent earlier entry (file order, dated on or
///   before `as_of`) that gives one, where an entry without `progress`
///   counts as giving 100 if it is `done` and 0 if it is `not_started` (so
///   a `not_started` entry resets the progress, and a task reopened after
///   `done` carries 100 until told otherwise). A `not_started` deciding
///   entry without progress therefore gives 0; with no information at all
///   the progress is 0.
/// - **actual start**: the date of the first entry in file order (dated on
///   or before `as_of`) that is `in_progress` or `done` or has progress > 0,
///   whatever the current state.
/// - **actual finish**: the date of the deciding entry when it is `done`;
///   `None` otherwise (a `cancelled` task has no actual finish).
pub fn replay<'a>(
    entries: impl IntoIterator<Item = &'a JournalEntry>,
    as_of: NaiveDate,
) -> JournalState {
    struct Acc<'a> {
        deciding: &'a JournalEntry,
        carried_progress: Option<u8>,
        actual_start: Option<NaiveDate>,
    }

    let mut tasks: HashMap<&'a str, Acc<'a>> = HashMap::new();
    for entry in entries {
        if entry.date > as_of {
            continue;
        }
        let acc = tasks.entry(entry.task.as_str()).or_insert(Acc {
            deciding: entry,
            carried_progress: None,
            actual_start: None,
        });
        acc.deciding = entry;
        let given = match (entry.progress, entry.state) {
            (Some(p), _) => Some(p.min(100)),
            (None, TaskState::Done) => Some(100),
            (None, TaskState::NotStarted) => Some(0),
            (None, _) => None,
        };
        if given.is_some() {
            acc.carried_progress = given;
        }
        let started = matches!(entry.state, TaskState::InProgress | TaskState::Done)
            || entry.progress.is_some_and(|p| p > 0);
        if acc.actual_start.is_none() && started {
            acc.actual_start = Some(entry.date);
        }
    }

    let tasks = tasks
        .into_iter()
        .map(|(task, acc)| {
            let state = acc.deciding.state;
            let progress = if state == TaskState::Done {
                100
            } else {
                acc.carried_progress.unwrap_or(0)
            };
            let progress = TaskProgress {
                state,
                progress,
                actual_start: acc.actual_start,
                actual_finish: (state == TaskState::Done).then_some(acc.deciding.date),
                as_of_entry_date: acc.deciding.date,
            };
            (task.to_owned(), progress)
        })
        .collect();
    JournalState { tasks }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Field texts, good and bad, for lines the two parsers must agree on.
    fn member() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            r#""id":"01890a5d-ac96-774b-bcce-b302099a8057""#,
            r#""id":"not-a-uuid""#,
            r#""id":null"#,
            r#""date":"2022-09-12""#,
            r#""date":"2022-9-12""#,
            r#""date":"+2022-09-12""#,
            r#""date":null"#,
            r#""task":"docs-print""#,
            r#""task":"  ""#,
            r#""task":"in \"ấn\"""#,
            r#""state":"in_progress""#,
            r#""state":"done""#,
            r#""state":"finished""#,
            r#""progress":60"#,
            r#""progress":100"#,
            r#""progress":101"#,
            r#""progress":60.0"#,
            r#""progress":-1"#,
            r#""progress":null"#,
            r#""by":"Vụ Kinh tế""#,
            r#""by":3"#,
            r#""note":"Chờ ý kiến""#,
            r#""note":null"#,
            r#""recorded_at":"2022-09-12T16:30:05+07:00""#,
            r#""recorded_at":"2022-09-12 16:30""#,
            r#""extra":1"#,
        ])
        .prop_map(str::to_owned)
    }

    #[test]
    fn a_clean_line_takes_the_fast_path_and_a_damaged_one_does_not() {
        let clean = r#"{"date":"2022-09-12","task":"docs-print","state":"in_progress","progress":60,"by":"Vụ Hành chính"}"#;
        assert_eq!(
            parse_clean_line(clean),
            parse_entry_line_field_by_field(clean).ok()
        );
        assert!(parse_clean_line(clean).is_some());
        for damaged in [
            r#"{"date":"2022-09-12","task":"docs-print","state":"done","progress":60}"#,
            r#"{"date":"2022-09-12","task":"docs-print","state":"done","date":"2022-09-13"}"#,
            r#"{"date":"2022-9-12","task":"docs-print","state":"done"}"#,
        ] {
            assert!(parse_clean_line(damaged).is_none(), "{damaged}");
            assert!(
                parse_entry_line_field_by_field(damaged).is_err(),
                "{damaged}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the fast path accepts, the field-by-field parser accepts
        /// as the very same entry.
        #[test]
        fn the_fast_path_agrees_with_the_field_by_field_parser(members in prop::collection::vec(member(), 0..8)) {
            let line = format!("{{{}}}", members.join(","));
            if let Some(fast) = parse_clean_line(&line) {
                let slow = parse_entry_line_field_by_field(&line).map_err(|f| f.message);
                prop_assert_eq!(Ok(fast), slow, "{}", line);
            }
        }
    }
}
