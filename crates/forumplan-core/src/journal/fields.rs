//! The fields of a journal entry and the rule for each value, written once
//! and applied both by serde (the fast path, and `Deserialize`) and by the
//! spanned reader that says where a damaged line goes wrong.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use super::entry::JournalEntry;
use super::state::{ParseTaskStateError, STATE_NAMES, TaskState};
use crate::document::{Node, Value};
use crate::plan::Id;

/// The known entry fields, in output order, for error messages.
const FIELD_NAMES: &str = "id, date, task, state, progress, by, note, recorded_at";

/// The fields of an entry, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
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
    pub(super) const COUNT: usize = 8;
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

    pub(super) fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.name() == key)
    }
}

pub(super) fn unknown_field(key: &str) -> String {
    format!("unknown field `{key}`; expected one of: {FIELD_NAMES}")
}

/// A line as serde reads it, before the value rules: the fast path for
/// clean lines, and `Deserialize for JournalEntry`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntry<'a> {
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    date: Cow<'a, str>,
    #[serde(borrow)]
    task: Cow<'a, str>,
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

impl RawEntry<'_> {
    /// Applies the value rules; the message of the first one broken.
    pub(super) fn into_entry(self) -> Result<JournalEntry, String> {
        let partial = PartialEntry {
            id: self.id.as_deref().map(parse_id).transpose()?,
            date: Some(parse_date(&self.date)?),
            task: Some(Id::new(&self.task)),
            state: Some(parse_state(&self.state)?),
            progress: self
                .progress
                .map(|p| check_progress(p.into(), || p.to_string()))
                .transpose()?,
            by: self.by,
            note: self.note,
            recorded_at: self
                .recorded_at
                .as_deref()
                .map(parse_recorded_at)
                .transpose()?,
        };
        partial.finish().map_err(|fault| fault.message)
    }
}

/// An entry whose fields are being read one by one from the spanned tree.
#[derive(Default)]
pub(super) struct PartialEntry {
    id: Option<Uuid>,
    date: Option<NaiveDate>,
    task: Option<Id>,
    state: Option<TaskState>,
    progress: Option<u8>,
    by: Option<String>,
    note: Option<String>,
    recorded_at: Option<DateTime<FixedOffset>>,
}

/// Why a [`PartialEntry`] cannot become an entry, and which field to point
/// at (`None`: the object as a whole).
pub(super) struct FinishFault {
    pub(super) field: Option<Field>,
    pub(super) message: String,
}

impl PartialEntry {
    /// Reads one field's value (`text` is the line, for the value's own
    /// spelling in messages); the message does not repeat the position.
    pub(super) fn set(
        &mut self,
        field: Field,
        value: &Value<'_>,
        text: &str,
    ) -> Result<(), String> {
        match field {
            Field::Id => self.id = optional_string(field, value)?.map(parse_id).transpose()?,
            Field::Date => self.date = Some(parse_date(required_string(field, value)?)?),
            Field::Task => self.task = Some(Id::new(required_string(field, value)?)),
            Field::State => {
                let Node::String(state) = &value.node else {
                    return Err(format!(
                        "`state` must be a string, one of: {STATE_NAMES}; found {}",
                        value.node.kind_name()
                    ));
                };
                self.state = Some(parse_state(state)?);
            }
            Field::Progress => {
                let spelled = text.get(value.span.range()).unwrap_or_default();
                self.progress = match value.node {
                    Node::Null => None,
                    Node::Integer(p) => Some(check_progress(p, || spelled.to_owned())?),
                    Node::Float(_) => Some(check_progress(-1, || spelled.to_owned())?),
                    _ => {
                        return Err(format!(
                            "`progress` must be an integer from 0 to 100, found {}",
                            value.node.kind_name()
                        ));
                    }
                };
            }
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

    pub(super) fn finish(self) -> Result<JournalEntry, FinishFault> {
        let (Some(date), Some(_), Some(state)) = (self.date, self.task.as_ref(), self.state) else {
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
            // Present (checked above): moved, not copied.
            task: self.task.unwrap_or_default(),
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

fn required_string<'v>(field: Field, value: &'v Value<'_>) -> Result<&'v str, String> {
    match &value.node {
        Node::String(s) => Ok(s),
        other => Err(format!(
            "`{}` must be a string, found {}",
            field.name(),
            other.kind_name()
        )),
    }
}

fn optional_string<'v>(field: Field, value: &'v Value<'_>) -> Result<Option<&'v str>, String> {
    match &value.node {
        Node::Null => Ok(None),
        _ => required_string(field, value).map(Some),
    }
}

fn parse_id(text: &str) -> Result<Uuid, String> {
    Uuid::parse_str(text).map_err(|_| format!("invalid id `{text}`: expected a UUID"))
}

fn parse_state(text: &str) -> Result<TaskState, String> {
    text.parse().map_err(|e: ParseTaskStateError| e.to_string())
}

/// A progress of 0–100; `spelled` gives how the line wrote it, for the
/// message (only spelled out when the value is refused).
fn check_progress(progress: i64, spelled: impl FnOnce() -> String) -> Result<u8, String> {
    u8::try_from(progress)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| {
            format!(
                "progress must be an integer from 0 to 100, got {}",
                spelled()
            )
        })
}

/// A day as [`crate::plan::parse_day`] reads it everywhere.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::plan::parse_day(text).map_err(|error| error.to_string())
}

fn parse_recorded_at(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|_| {
        format!(
            "invalid `recorded_at` `{text}`: expected an RFC 3339 timestamp such as 2022-09-12T16:30:05+07:00"
        )
    })
}
