//! The stable names of the rules a diagnostic can report.

use std::fmt;

/// A rule a [`Diagnostic`](crate::Diagnostic) reports, by its stable name
/// (shown as `error[name]`; each has an entry in `docs/diagnostics.md` and
/// a fixture under `fixtures/invalid` or `fixtures/warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Code {
    /// `not-utf8`: the file is not UTF-8 text.
    NotUtf8,
    /// `syntax`: not valid JSON or TOML.
    Syntax,
    /// `wrong-type`: a value of the wrong kind.
    WrongType,
    /// `missing-field`: a required field is absent.
    MissingField,
    /// `unknown-field`: a field the format does not have.
    UnknownField,
    /// `duplicate-key`: the same key twice in one object.
    DuplicateKey,
    /// `invalid-id`: an id outside the id pattern.
    InvalidId,
    /// `reserved-id`: a task named `event`.
    ReservedId,
    /// `duplicate-id`: two tasks, workstreams or calendars with one id.
    DuplicateId,
    /// `unknown-workstream`: a task's workstream is not declared.
    UnknownWorkstream,
    /// `unknown-calendar`: a task, the forum or a `base` names no calendar.
    UnknownCalendar,
    /// `calendar-cycle`: calendars inherit from each other in a loop.
    CalendarCycle,
    /// `invalid-weekday`: a weekday other than `mon` … `sun`.
    InvalidWeekday,
    /// `unknown-task`: a link to a task that does not exist.
    UnknownTask,
    /// `self-link`: a task linked to itself.
    SelfLink,
    /// `dependency-cycle`: tasks waiting for each other in a loop.
    DependencyCycle,
    /// `invalid-duration`: a duration that is not `Nd`.
    InvalidDuration,
    /// `invalid-lag`: a lag that is not `Nd` or `-Nd`.
    InvalidLag,
    /// `invalid-link-type`: a link type other than FS, SS, FF, SF.
    InvalidLinkType,
    /// `invalid-date`: a date that is not `YYYY-MM-DD` or `T±N`.
    InvalidDate,
    /// `date-out-of-range`: a date outside 1970–2100.
    DateOutOfRange,
    /// `plan-start-after-event`: `plan_start` on or after the event day.
    PlanStartAfterEvent,
    /// `fixed-start-not-working-day`: `fixed_start` on a day off of the task's calendar.
    FixedStartNotWorkingDay,
    /// `due-before-not-before`: `due` earlier than `not_before`.
    DueBeforeNotBefore,
    /// `pre-event-task-after-event`: pre-event work fixed or held until on or after the event day.
    PreEventTaskAfterEvent,
    /// `invalid-estimate`: an estimate not ordered optimistic ≤ likely ≤ pessimistic.
    InvalidEstimate,
    /// `invalid-locale`: `settings.locale` other than `vi` or `en`.
    InvalidLocale,
    /// `out-of-range`: a setting outside its range.
    OutOfRange,
    /// `unknown-timezone`: `forum.timezone` is not an IANA time zone.
    UnknownTimezone,
    /// `journal-path`: `forum.journal` is not a file in the plan's folder.
    JournalPath,
    /// `journal-unreadable`: the file `forum.journal` names cannot be read
    /// as a journal (a folder, a FIFO, the plan itself, no permission).
    /// Found by the command line, which alone touches files.
    JournalUnreadable,
    /// `calendar-without-working-weekday`: a used calendar works no day of the week.
    CalendarWithoutWorkingWeekday,
    /// `plan-too-long`: a chain of work longer than a plan may span.
    PlanTooLong,
    /// `empty-workstream`: a workstream with no tasks.
    EmptyWorkstream,
    /// `isolated-task`: a task with neither predecessor nor successor.
    IsolatedTask,
    /// `calendar-without-working-day`: a task's calendar has no working day in its window.
    CalendarWithoutWorkingDay,
    /// `journal-line`: a journal line that is not a valid entry.
    JournalLine,
    /// `journal-unknown-task`: a journal entry for a task the plan lacks.
    JournalUnknownTask,
}

impl Code {
    /// Every code, in the order of `docs/diagnostics.md`.
    pub const ALL: [Code; 38] = [
        Code::NotUtf8,
        Code::Syntax,
        Code::WrongType,
        Code::MissingField,
        Code::UnknownField,
        Code::DuplicateKey,
        Code::InvalidId,
        Code::ReservedId,
        Code::DuplicateId,
        Code::UnknownWorkstream,
        Code::UnknownCalendar,
        Code::CalendarCycle,
        Code::InvalidWeekday,
        Code::UnknownTask,
        Code::SelfLink,
        Code::DependencyCycle,
        Code::InvalidDuration,
        Code::InvalidLag,
        Code::InvalidLinkType,
        Code::InvalidDate,
        Code::DateOutOfRange,
        Code::PlanStartAfterEvent,
        Code::FixedStartNotWorkingDay,
        Code::DueBeforeNotBefore,
        Code::PreEventTaskAfterEvent,
        Code::InvalidEstimate,
        Code::InvalidLocale,
        Code::OutOfRange,
        Code::UnknownTimezone,
        Code::JournalPath,
        Code::JournalUnreadable,
        Code::CalendarWithoutWorkingWeekday,
        Code::PlanTooLong,
        Code::EmptyWorkstream,
        Code::IsolatedTask,
        Code::CalendarWithoutWorkingDay,
        Code::JournalLine,
        Code::JournalUnknownTask,
    ];

    /// The stable name, e.g. `unknown-task`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::NotUtf8 => "not-utf8",
            Code::Syntax => "syntax",
            Code::WrongType => "wrong-type",
            Code::MissingField => "missing-field",
            Code::UnknownField => "unknown-field",
            Code::DuplicateKey => "duplicate-key",
            Code::InvalidId => "invalid-id",
            Code::ReservedId => "reserved-id",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownWorkstream => "unknown-workstream",
            Code::UnknownCalendar => "unknown-calendar",
            Code::CalendarCycle => "calendar-cycle",
            Code::InvalidWeekday => "invalid-weekday",
            Code::UnknownTask => "unknown-task",
            Code::SelfLink => "self-link",
            Code::DependencyCycle => "dependency-cycle",
            Code::InvalidDuration => "invalid-duration",
            Code::InvalidLag => "invalid-lag",
            Code::InvalidLinkType => "invalid-link-type",
            Code::InvalidDate => "invalid-date",
            Code::DateOutOfRange => "date-out-of-range",
            Code::PlanStartAfterEvent => "plan-start-after-event",
            Code::FixedStartNotWorkingDay => "fixed-start-not-working-day",
            Code::DueBeforeNotBefore => "due-before-not-before",
            Code::PreEventTaskAfterEvent => "pre-event-task-after-event",
            Code::InvalidEstimate => "invalid-estimate",
            Code::InvalidLocale => "invalid-locale",
            Code::OutOfRange => "out-of-range",
            Code::UnknownTimezone => "unknown-timezone",
            Code::JournalPath => "journal-path",
            Code::JournalUnreadable => "journal-unreadable",
            Code::CalendarWithoutWorkingWeekday => "calendar-without-working-weekday",
            Code::PlanTooLong => "plan-too-long",
            Code::EmptyWorkstream => "empty-workstream",
            Code::IsolatedTask => "isolated-task",
            Code::CalendarWithoutWorkingDay => "calendar-without-working-day",
            Code::JournalLine => "journal-line",
            Code::JournalUnknownTask => "journal-unknown-task",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
