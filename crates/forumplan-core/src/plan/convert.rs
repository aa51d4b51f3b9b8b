//! Turning a spanned document tree into a [`Plan`], reporting every type
//! error, unknown field, duplicate key and malformed value at once.
//!
//! A required value that is missing or malformed is replaced by an empty
//! placeholder (an empty string, `0d`) after it has been reported, so that
//! the rest of the plan can still be checked; validation skips empty
//! references because they have already been reported here.

use crate::code::Code;
use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;

use super::health::{HEALTH_FIELDS, HealthSettings};
use super::id::is_valid_id;
use super::{
    CalendarDef, DateSpec, DayError, Days, Estimate, ForumInfo, Id, Lag, Link, LinkType, Locale,
    Plan, Settings, Spread, Task, Weekday, Workstream, parse_day,
};
use crate::diagnostic::{Diagnostic, closest};
use crate::document::{Member, Node, Value};
use crate::span::Span;

const PLAN_FIELDS: &[&str] = &["forum", "settings", "calendars", "workstreams", "tasks"];
const FORUM_FIELDS: &[&str] = &[
    "id",
    "name",
    "date",
    "venue",
    "timezone",
    "calendar",
    "plan_start",
    "journal",
];
const SETTINGS_FIELDS: &[&str] = &[
    "at_risk_float",
    "lookahead_days",
    "list_limit",
    "locale",
    "risk_default_spread",
    "health",
];
const SPREAD_FIELDS: &[&str] = &["optimistic", "pessimistic"];
const CALENDAR_FIELDS: &[&str] = &["base", "weekdays", "holidays", "working_days_extra"];
const WORKSTREAM_FIELDS: &[&str] = &["id", "name", "lead", "focal_point"];
const TASK_FIELDS: &[&str] = &[
    "id",
    "workstream",
    "name",
    "duration",
    "after",
    "not_before",
    "due",
    "fixed_start",
    "calendar",
    "owner",
    "estimate",
    "notes",
];
const LINK_FIELDS: &[&str] = &["task", "type", "lag"];
const ESTIMATE_FIELDS: &[&str] = &["optimistic", "likely", "pessimistic"];

const ID_HINT: &str = "ids use lower-case letters, digits, `.`, `_` and `-`, and start with a letter or digit, e.g. `agenda-final`";

/// Converts the document; the plan is complete only when no error was reported.
pub(crate) fn convert_plan(root: &Value<'_>) -> (Plan, Vec<Diagnostic>) {
    let mut c = Converter {
        diagnostics: Vec::new(),
    };
    let plan = c.plan(root);
    (plan, c.diagnostics)
}

/// The members of an object whose fields have been checked.
#[derive(Clone, Copy)]
pub(crate) struct Object<'v, 'a> {
    value: &'v Value<'a>,
    members: &'v [Member<'a>],
    /// How to name the object in messages, e.g. "task `agenda-final`".
    what: &'v str,
}

impl<'v, 'a> Object<'v, 'a> {
    /// An optional field's value; `null` counts as absent (as the JSON
    /// Schema of an optional field allows).
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value<'a>> {
        self.get_even_null(key).filter(|v| v.node != Node::Null)
    }

    /// A field's value, `null` included (for required fields, where `null`
    /// is a type error rather than an absence).
    fn get_even_null(&self, key: &str) -> Option<&'v Value<'a>> {
        self.members.iter().find(|m| m.key == key).map(|m| &m.value)
    }
}

/// Turns document values into typed ones, collecting every problem (the
/// plan's reader, and the baseline file's).
pub(crate) struct Converter {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Converter {
    pub(crate) fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn wrong_type(
        &mut self,
        value: &Value<'_>,
        expected: &str,
        field: &str,
        hint: Option<&str>,
    ) {
        let found = value.node.kind_name();
        let mut d = Diagnostic::error(
            Code::WrongType,
            format!("`{field}` must be {expected}, found {found}"),
            value.span,
        )
        .with_label(format!("expected {expected}"));
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        self.error(d);
    }

    /// Checks that `value` is an object with only `fields`, each once.
    pub(crate) fn object<'v, 'a>(
        &mut self,
        value: &'v Value<'a>,
        what: &'v str,
        field: &str,
        fields: &[&str],
    ) -> Option<Object<'v, 'a>> {
        let Node::Object(members) = &value.node else {
            self.wrong_type(value, "an object", field, None);
            return None;
        };
        for (i, member) in members.iter().enumerate() {
            if let Some(first) = members[..i].iter().find(|m| m.key == member.key) {
                self.error(
                    Diagnostic::error(
                        Code::DuplicateKey,
                        format!("`{}` is given twice in {what}", member.key),
                        member.key_span,
                    )
                    .with_label("second value")
                    .with_related(first.key_span, "first value")
                    .with_hint("keep only one of them"),
                );
            } else if !fields.contains(&member.key.as_ref()) {
                let hint = match closest(&member.key, fields.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the fields allowed here are: {}", fields.join(", ")),
                };
                self.error(
                    Diagnostic::error(
                        Code::UnknownField,
                        format!("unknown field `{}` in {what}", member.key),
                        member.key_span,
                    )
                    .with_label("unknown field")
                    .with_hint(hint),
                );
            }
        }
        Some(Object {
            value,
            members,
            what,
        })
    }

    /// The value of a required field, or an error on the object.
    pub(crate) fn required<'v, 'a>(
        &mut self,
        object: Object<'v, 'a>,
        key: &str,
    ) -> Option<&'v Value<'a>> {
        let value = object.get_even_null(key);
        // A misspelt key was reported as an unknown field whose hint names
        // this one; saying it is missing as well would only repeat that.
        let misspelt = || {
            object
                .members
                .iter()
                .any(|m| closest(&m.key, [key]).is_some() && m.key != key)
        };
        if value.is_none() && !misspelt() {
            let start = object.value.span.start;
            self.error(
                Diagnostic::error(
                    Code::MissingField,
                    format!("{} has no `{key}`", object.what),
                    Span::new(start, (start + 1).min(object.value.span.end)),
                )
                .with_label(format!("`{key}` is required here"))
                .with_hint(format!("add a `{key}` field to {}", object.what)),
            );
        }
        value
    }

    pub(crate) fn string(&mut self, value: &Value<'_>, field: &str) -> Option<String> {
        match &value.node {
            Node::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(
                    value,
                    "a string",
                    field,
                    Some("write text in double quotes"),
                );
                None
            }
        }
    }

    fn optional_string(&mut self, object: Object<'_, '_>, field: &str) -> Option<String> {
        object.get(field).and_then(|v| self.string(v, field))
    }

    /// A string parsed with `T::from_str`, whose error message is reported.
    fn parsed<T: FromStr<Err = String>>(
        &mut self,
        value: &Value<'_>,
        field: &str,
        code: Code,
        example: &str,
    ) -> Option<T> {
        let text = match &value.node {
            Node::String(s) => s,
            Node::Integer(n) => {
                let hint = format!("write it as text, e.g. \"{example}\"");
                let hint = if example.ends_with('d') {
                    format!("write \"{n}d\"")
                } else {
                    hint
                };
                self.wrong_type(value, "a string", field, Some(&hint));
                return None;
            }
            _ => {
                let hint = format!("write it as text, e.g. \"{example}\"");
                self.wrong_type(value, "a string", field, Some(&hint));
                return None;
            }
        };
        match text.parse() {
            Ok(parsed) => Some(parsed),
            Err(message) => {
                self.error(
                    Diagnostic::error(code, message, value.span)
                        .with_label(format!("invalid `{field}`"))
                        .with_hint(format!("for example \"{example}\"")),
                );
                None
            }
        }
    }

    fn date(&mut self, object: Object<'_, '_>, field: &str) -> Option<DateSpec> {
        object
            .get(field)
            .and_then(|v| self.parsed(v, field, Code::InvalidDate, "2022-09-18"))
    }

    /// A strict `YYYY-MM-DD` day (no `T-N`): the baseline file's dates.
    pub(crate) fn day(&mut self, value: &Value<'_>, field: &str) -> Option<NaiveDate> {
        let text = self.string(value, field)?;
        parse_day(&text)
            .map_err(|error| {
                let code = match error {
                    DayError::OutOfRange(_) => Code::DateOutOfRange,
                    _ => Code::InvalidDate,
                };
                self.error(
                    Diagnostic::error(code, error.to_string(), value.span)
                        .with_label(format!("invalid `{field}`"))
                        .with_hint("for example \"2022-09-18\""),
                );
            })
            .ok()
    }

    fn days(&mut self, value: &Value<'_>, field: &str) -> Days {
        self.parsed(value, field, Code::InvalidDuration, "3d")
            .unwrap_or(Days(0))
    }

    /// An id: a string of the id alphabet. A malformed id is reported but
    /// kept, so references to it do not cascade into more errors.
    pub(crate) fn id(&mut self, value: &Value<'_>, field: &str) -> Option<Id> {
        let id = self.string(value, field)?;
        if !is_valid_id(&id) {
            self.error(
                Diagnostic::error(
                    Code::InvalidId,
                    format!("`{id}` is not a valid id"),
                    value.span,
                )
                .with_label("invalid id")
                .with_hint(ID_HINT),
            );
        }
        Some(id.into())
    }

    /// A reference to an id (a workstream, calendar or task). A malformed
    /// one is reported here and becomes an empty placeholder, so validation
    /// does not report it a second time as unknown.
    fn reference(&mut self, value: &Value<'_>, field: &str) -> Option<Id> {
        let id = self.string(value, field)?;
        if is_valid_id(&id) {
            return Some(id.into());
        }
        self.error(
            Diagnostic::error(
                Code::InvalidId,
                format!("`{id}` is not a valid id, so `{field}` cannot refer to anything"),
                value.span,
            )
            .with_label("invalid id")
            .with_hint(ID_HINT),
        );
        Some(Id::default())
    }

    /// A whole number of 0 or more (its upper bound, if any, is
    /// validation's).
    fn integer(&mut self, value: &Value<'_>, field: &str) -> Option<u32> {
        match value.node {
            Node::Integer(n) if (0..=i64::from(u32::MAX)).contains(&n) => Some(n as u32),
            Node::Integer(_) | Node::Float(_) => {
                self.error(
                    Diagnostic::error(
                        Code::OutOfRange,
                        format!("`{field}` must be a whole number, 0 or more"),
                        value.span,
                    )
                    .with_label("out of range"),
                );
                None
            }
            _ => {
                self.wrong_type(value, "a whole number", field, None);
                None
            }
        }
    }

    fn array<'v, 'a>(&mut self, value: &'v Value<'a>, field: &str) -> &'v [Value<'a>] {
        match &value.node {
            Node::Array(items) => items,
            _ => {
                self.wrong_type(
                    value,
                    "an array",
                    field,
                    Some(&format!("write `{field}` as a list: [ ... ]")),
                );
                &[]
            }
        }
    }

    fn plan(&mut self, root: &Value<'_>) -> Plan {
        let empty_forum = ForumInfo {
            id: Id::default(),
            name: String::new(),
            date: chrono::NaiveDate::MIN,
            venue: None,
            timezone: None,
            calendar: None,
            plan_start: None,
            journal: None,
        };
        let mut plan = Plan {
            forum: empty_forum,
            settings: Settings::default(),
            calendars: BTreeMap::new(),
            workstreams: Vec::new(),
            tasks: Vec::new(),
        };
        let Node::Object(_) = root.node else {
            self.error(
                Diagnostic::error(
                    Code::WrongType,
                    format!("a plan must be an object, found {}", root.node.kind_name()),
                    Span::new(root.span.start, root.span.start + 1),
                )
                .with_label("expected `{`")
                .with_hint("a plan is an object with `forum`, `workstreams` and `tasks`: start from `forumplan init`"),
            );
            return plan;
        };
        let Some(object) = self.object(root, "the plan", "plan", PLAN_FIELDS) else {
            return plan;
        };
        if let Some(forum) = self.required(object, "forum") {
            plan.forum = self.forum(forum).unwrap_or(plan.forum);
        }
        if let Some(settings) = object.get("settings") {
            plan.settings = self.settings(settings);
        }
        if let Some(calendars) = object.get("calendars") {
            plan.calendars = self.calendars(calendars);
        }
        if let Some(workstreams) = self.required(object, "workstreams") {
            for (i, ws) in self.array(workstreams, "workstreams").iter().enumerate() {
                plan.workstreams.push(self.workstream(ws, i));
            }
        }
        if let Some(tasks) = self.required(object, "tasks") {
            for (i, task) in self.array(tasks, "tasks").iter().enumerate() {
                plan.tasks.push(self.task(task, i));
            }
        }
        plan
    }

    fn forum(&mut self, value: &Value<'_>) -> Option<ForumInfo> {
        let object = self.object(value, "the forum", "forum", FORUM_FIELDS)?;
        let id = self.required(object, "id").and_then(|v| self.id(v, "id"));
        let name = self
            .required(object, "name")
            .and_then(|v| self.string(v, "name"));
        let date = self.required(object, "date").and_then(|v| {
            match self.parsed::<DateSpec>(v, "date", Code::InvalidDate, "2022-09-18")? {
                DateSpec::Absolute(date) => Some(date),
                DateSpec::Relative(_) => {
                    self.error(
                        Diagnostic::error(
                            Code::InvalidDate,
                            "the event day cannot be relative to itself",
                            v.span,
                        )
                        .with_label("relative date")
                        .with_hint("write the event day as `YYYY-MM-DD`"),
                    );
                    None
                }
            }
        });
        Some(ForumInfo {
            id: id.unwrap_or_default(),
            name: name.unwrap_or_default(),
            date: date.unwrap_or(chrono::NaiveDate::MIN),
            venue: self.optional_string(object, "venue"),
            timezone: self.optional_string(object, "timezone"),
            calendar: object
                .get("calendar")
                .and_then(|v| self.reference(v, "calendar")),
            plan_start: self.date(object, "plan_start"),
            journal: self.optional_string(object, "journal"),
        })
    }

    fn settings(&mut self, value: &Value<'_>) -> Settings {
        let Some(object) = self.object(value, "the settings", "settings", SETTINGS_FIELDS) else {
            return Settings::default();
        };
        let locale = object.get("locale").and_then(|v| match &v.node {
            Node::String(s) if s == "vi" => Some(Locale::Vi),
            Node::String(s) if s == "en" => Some(Locale::En),
            Node::String(s) => {
                self.error(
                    Diagnostic::error(
                        Code::InvalidLocale,
                        format!("`{s}` is not a report language"),
                        v.span,
                    )
                    .with_label("unknown language")
                    .with_hint("use \"vi\" (Vietnamese) or \"en\" (English)"),
                );
                None
            }
            _ => {
                self.wrong_type(v, "a string", "locale", Some("use \"vi\" or \"en\""));
                None
            }
        });
        Settings {
            at_risk_float: object
                .get("at_risk_float")
                .and_then(|v| self.integer(v, "at_risk_float")),
            lookahead_days: object
                .get("lookahead_days")
                .and_then(|v| self.integer(v, "lookahead_days")),
            list_limit: object
                .get("list_limit")
                .and_then(|v| self.integer(v, "list_limit")),
            locale,
            risk_default_spread: object
                .get("risk_default_spread")
                .and_then(|v| self.spread(v)),
            health: object
                .get("health")
                .map(|v| self.health_settings(v))
                .unwrap_or_default(),
        }
    }

    /// `settings.risk_default_spread`: two factors (their range is
    /// validation's).
    fn spread(&mut self, value: &Value<'_>) -> Option<Spread> {
        let object = self.object(
            value,
            "the default spread",
            "risk_default_spread",
            SPREAD_FIELDS,
        )?;
        let mut get = |field| {
            let v = self.required(object, field)?;
            match v.node {
                Node::Integer(n) => Some(n as f64),
                Node::Float(x) => Some(x),
                _ => {
                    self.wrong_type(v, "a number", field, Some("write a factor such as 0.8"));
                    None
                }
            }
        };
        let (optimistic, pessimistic) = (get("optimistic"), get("pessimistic"));
        Some(Spread {
            optimistic: optimistic?,
            pessimistic: pessimistic?,
        })
    }

    /// `settings.health`: whole numbers by name (their ranges are
    /// validation's, as for the other settings).
    fn health_settings(&mut self, value: &Value<'_>) -> HealthSettings {
        let mut health = HealthSettings::default();
        let fields: Vec<&str> = HEALTH_FIELDS.iter().map(|(name, ..)| *name).collect();
        let Some(object) = self.object(value, "`settings.health`", "health", &fields) else {
            return health;
        };
        for name in &fields {
            if let Some(v) = object.get(name) {
                let value = self.integer(v, name);
                health.set(name, value);
            }
        }
        health
    }

    fn calendars(&mut self, value: &Value<'_>) -> BTreeMap<Id, CalendarDef> {
        let mut calendars = BTreeMap::new();
        let Node::Object(members) = &value.node else {
            self.wrong_type(
                value,
                "an object",
                "calendars",
                Some("name each calendar: { \"vn-2022\": { ... } }"),
            );
            return calendars;
        };
        for (i, member) in members.iter().enumerate() {
            if !is_valid_id(&member.key) {
                self.error(
                    Diagnostic::error(
                        Code::InvalidId,
                        format!("`{}` is not a valid calendar name", member.key),
                        member.key_span,
                    )
                    .with_label("invalid name")
                    .with_hint(ID_HINT),
                );
            }
            if members[..i].iter().any(|m| m.key == member.key) {
                self.error(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("calendar `{}` is declared twice", member.key),
                        member.key_span,
                    )
                    .with_label("second declaration")
                    .with_hint("merge the two declarations or rename one"),
                );
                continue;
            }
            let what = format!("calendar `{}`", member.key);
            let Some(object) = self.object(&member.value, &what, "calendar", CALENDAR_FIELDS)
            else {
                continue;
            };
            let weekdays = object.get("weekdays").map(|v| {
                let items = self.array(v, "weekdays");
                items
                    .iter()
                    .filter_map(|d| {
                        self.parsed::<Weekday>(d, "weekdays", Code::InvalidWeekday, "mon")
                    })
                    .collect()
            });
            let mut dates = |field: &str| -> Vec<DateSpec> {
                let Some(v) = object.get(field) else {
                    return Vec::new();
                };
                let items = self.array(v, field);
                items
                    .iter()
                    .filter_map(|d| self.parsed(d, field, Code::InvalidDate, "2022-09-02"))
                    .collect()
            };
            let holidays = dates("holidays");
            let working_days_extra = dates("working_days_extra");
            let base = object.get("base").and_then(|v| self.reference(v, "base"));
            calendars.insert(
                Id::new(&member.key),
                CalendarDef {
                    base,
                    weekdays,
                    holidays,
                    working_days_extra,
                },
            );
        }
        calendars
    }

    /// A workstream; one that is not even an object is kept as an empty
    /// placeholder so that indexes match the file's.
    fn workstream(&mut self, value: &Value<'_>, index: usize) -> Workstream {
        let mut workstream = Workstream::default();
        let what = describe(value, "workstream", index);
        let Some(object) = self.object(value, &what, "workstreams", WORKSTREAM_FIELDS) else {
            return workstream;
        };
        workstream.id = self
            .required(object, "id")
            .and_then(|v| self.id(v, "id"))
            .unwrap_or_default();
        workstream.name = self
            .required(object, "name")
            .and_then(|v| self.string(v, "name"))
            .unwrap_or_default();
        workstream.lead = self.optional_string(object, "lead");
        workstream.focal_point = self.optional_string(object, "focal_point");
        workstream
    }

    /// A task; like workstreams, kept as a placeholder when unusable.
    fn task(&mut self, value: &Value<'_>, index: usize) -> Task {
        let what = describe(value, "task", index);
        let Some(object) = self.object(value, &what, "tasks", TASK_FIELDS) else {
            return Task::default();
        };
        let id = self
            .required(object, "id")
            .and_then(|v| self.id(v, "id"))
            .unwrap_or_default();
        let what = object.what;
        let workstream = self
            .required(object, "workstream")
            .and_then(|v| self.reference(v, "workstream"));
        let name = self
            .required(object, "name")
            .and_then(|v| self.string(v, "name"));
        let duration = self
            .required(object, "duration")
            .map(|v| self.days(v, "duration"));
        let after = match object.get("after") {
            Some(v) => self
                .array(v, "after")
                .iter()
                .map(|link| self.link(link))
                .collect(),
            None => Vec::new(),
        };
        let estimate = object.get("estimate").and_then(|v| self.estimate(v, what));
        Task {
            id,
            workstream: workstream.unwrap_or_default(),
            name: name.unwrap_or_default(),
            duration: duration.unwrap_or(Days(0)),
            after,
            not_before: self.date(object, "not_before"),
            due: self.date(object, "due"),
            fixed_start: self.date(object, "fixed_start"),
            calendar: object
                .get("calendar")
                .and_then(|v| self.reference(v, "calendar")),
            owner: self.optional_string(object, "owner"),
            estimate,
            notes: self.optional_string(object, "notes"),
        }
    }

    fn link(&mut self, value: &Value<'_>) -> Link {
        let mut link = Link {
            task: Id::default(),
            kind: LinkType::FinishToStart,
            lag: Lag(0),
        };
        match &value.node {
            Node::String(_) => link.task = self.reference(value, "after").unwrap_or_default(),
            Node::Object(_) => {
                if let Some(object) = self.object(value, "a link", "after", LINK_FIELDS) {
                    if let Some(task) = self.required(object, "task").and_then(|v| self.reference(v, "task")) {
                        link.task = task;
                    }
                    if let Some(kind) = object.get("type") {
                        link.kind = self.parsed(kind, "type", Code::InvalidLinkType, "SS").unwrap_or(link.kind);
                    }
                    if let Some(lag) = object.get("lag") {
                        link.lag = self.parsed(lag, "lag", Code::InvalidLag, "2d").unwrap_or(link.lag);
                    }
                }
            }
            _ => self.wrong_type(
                value,
                "a task id or a link object",
                "after",
                Some("write \"task-id\", or { \"task\": \"task-id\", \"type\": \"SS\", \"lag\": \"2d\" }"),
            ),
        }
        link
    }

    fn estimate(&mut self, value: &Value<'_>, task: &str) -> Option<Estimate> {
        let what = format!("the estimate of {task}");
        let object = self.object(value, &what, "estimate", ESTIMATE_FIELDS)?;
        let mut get = |field| self.required(object, field).map(|v| self.days(v, field));
        let (optimistic, likely, pessimistic) =
            (get("optimistic")?, get("likely")?, get("pessimistic")?);
        Some(Estimate {
            optimistic,
            likely,
            pessimistic,
        })
    }
}

/// How messages name the `index`-th object of a list: by its id when it
/// has a string one ("task `agenda`"), else by position ("task #3").
fn describe(value: &Value<'_>, kind: &str, index: usize) -> String {
    match value.member("id").map(|m| &m.value.node) {
        Some(Node::String(id)) => format!("{kind} `{id}`"),
        _ => format!("{kind} #{}", index + 1),
    }
}
