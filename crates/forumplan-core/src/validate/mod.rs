//! Logical checks on a converted plan, and the building of the [`Forum`].
//!
//! Every check runs even when earlier ones failed, so a file's problems
//! are all reported in one go. Empty ids and references are placeholders
//! for values the conversion already reported, and are skipped here.

mod calendars;
mod cycles;
mod ids;
mod journal_path;
mod reach;
mod tasks;
mod warnings;

use std::cell::{Cell, RefCell};

use crate::code::Code;
use foldhash::HashMap;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::diagnostic::{Diagnostic, closest};
use crate::document::{PathSegment, Value};
use crate::forum::{CalendarId, Forum, ForumParts, ForumTask};
use crate::graph::Graph;
use crate::plan::{DateSpec, Id, Plan, Settings, Spread};
use crate::span::Span;

use PathSegment::{Index, Key};

/// The time zone of a plan that names none.
pub const DEFAULT_TIMEZONE: &str = "Asia/Ho_Chi_Minh";
/// The calendar of a plan that names none.
pub const DEFAULT_CALENDAR: &str = "vn";

/// Checks `plan` (converted from `root`) and builds the forum, returning the
/// warnings beside it; or every error and warning, in file order.
pub(crate) fn validate(
    plan: Plan,
    root: &Value<'_>,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<(Forum, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (parts, _) = check(&plan, Places::Tree(root), &mut diagnostics);
    sort_in_file_order(&mut diagnostics);
    finish(plan, parts, diagnostics)
}

/// What [`validate_unplaced`] found: the forum or the problems, whose
/// spans are not places yet but tickets, each the index of its path in
/// `paths`; [`crate::load`] walks the text along the paths it needs.
pub(crate) struct Unplaced {
    /// The forum and its warnings, or every problem, in the order found.
    pub(crate) result: Result<(Forum, Vec<Diagnostic>), Vec<Diagnostic>>,
    /// The path of each ticket.
    pub(crate) paths: Vec<Vec<Step>>,
    /// Whether a check needed to know what comes first in the file (which
    /// of the calendars of a loop is written first): only the spanned
    /// tree can say, so the tickets do not describe its result.
    pub(crate) needs_tree: bool,
}

/// [`validate`] without the tree, for a plan serde read: diagnostics are
/// located afterwards, only those that need a place.
pub(crate) fn validate_unplaced(plan: Plan) -> Unplaced {
    let mut diagnostics = Vec::new();
    let places = Places::Later {
        paths: RefCell::default(),
        needs_tree: Cell::new(false),
    };
    let (parts, places) = check(&plan, places, &mut diagnostics);
    let (paths, needs_tree) = match places {
        Places::Later { paths, needs_tree } => (paths.into_inner(), needs_tree.get()),
        Places::Tree(_) => (Vec::new(), false),
    };
    Unplaced {
        result: finish(plan, parts, diagnostics),
        paths,
        needs_tree,
    }
}

/// The order diagnostics are reported in: by place, errors before
/// warnings at one place, otherwise as found.
pub(crate) fn sort_in_file_order(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.map(|s| s.start), d.severity));
}

fn check<'r, 'a>(
    plan: &Plan,
    places: Places<'r, 'a>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<ForumParts>, Places<'r, 'a>) {
    let mut v = Validator {
        places,
        plan,
        diagnostics,
        calendars: Calendars::default(),
    };
    let parts = v.run();
    (parts, v.places)
}

fn finish(
    plan: Plan,
    parts: Option<ForumParts>,
    diagnostics: Vec<Diagnostic>,
) -> Result<(Forum, Vec<Diagnostic>), Vec<Diagnostic>> {
    match parts {
        Some(parts) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok((Forum::new(plan, parts), diagnostics))
        }
        _ => Err(diagnostics),
    }
}

/// One step of a path kept after the diagnostic that needed it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A member of an object.
    Key(Box<str>),
    /// An element of an array.
    Index(usize),
}

impl Step {
    /// The step as a path segment.
    pub(crate) fn segment(&self) -> PathSegment<'_> {
        match self {
            Step::Key(key) => Key(key),
            Step::Index(i) => Index(*i),
        }
    }
}

/// Where diagnostics get their spans.
enum Places<'r, 'a> {
    /// From the spanned tree, at once.
    Tree(&'r Value<'a>),
    /// Later, from the text: each span is a ticket (see [`Unplaced`]).
    Later {
        paths: RefCell<Vec<Vec<Step>>>,
        needs_tree: Cell<bool>,
    },
}

/// Calendars resolved so far, by name.
#[derive(Default)]
struct Calendars {
    list: Vec<Calendar>,
    by_name: HashMap<String, Option<CalendarId>>,
}

struct Validator<'p, 'r, 'a> {
    places: Places<'r, 'a>,
    plan: &'p Plan,
    diagnostics: &'p mut Vec<Diagnostic>,
    calendars: Calendars,
}

impl<'p> Validator<'p, '_, '_> {
    /// The place of the value at `path`: its span in the tree, or a
    /// ticket to be placed later.
    fn span(&self, path: &[PathSegment<'_>]) -> Span {
        match &self.places {
            Places::Tree(root) => root.span_at(path),
            Places::Later { paths, .. } => {
                let mut paths = paths.borrow_mut();
                paths.push(
                    path.iter()
                        .map(|segment| match segment {
                            Key(key) => Step::Key((*key).into()),
                            Index(i) => Step::Index(*i),
                        })
                        .collect(),
                );
                Span::at(paths.len() - 1)
            }
        }
    }

    /// Where the value at `path` starts, to decide what the file says
    /// first. Only the tree knows: without it, the result is a guess and
    /// the plan must be checked again over the tree.
    fn file_position(&self, path: &[PathSegment<'_>]) -> usize {
        match &self.places {
            Places::Tree(root) => root.span_at(path).start,
            Places::Later { needs_tree, .. } => {
                needs_tree.set(true);
                0
            }
        }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The event day as written, unless the conversion could not read it.
    fn event_as_written(&self) -> Option<NaiveDate> {
        Some(self.plan.forum.date).filter(|d| *d != NaiveDate::MIN)
    }

    /// The event day, when it is usable: read, and within the supported
    /// years. An event day out of range is reported once, by [`Self::run`];
    /// dates relative to it are then left alone rather than reported again.
    fn event(&self) -> Option<NaiveDate> {
        self.event_as_written()
            .filter(|d| crate::plan::date_in_supported_range(*d))
    }

    /// Resolves a plan date; reports one outside 1970–2100.
    fn date(&mut self, spec: Option<DateSpec>, path: &[PathSegment<'_>]) -> Option<NaiveDate> {
        let spec = spec?;
        let date = match spec {
            DateSpec::Absolute(date) => Some(date),
            DateSpec::Relative(_) => spec.resolve(self.event()?),
        };
        match date.filter(|d| crate::plan::date_in_supported_range(*d)) {
            Some(date) => Some(date),
            None => {
                let shown = date.map_or_else(|| spec.to_string(), |d| d.to_string());
                let d = Diagnostic::error(
                    Code::DateOutOfRange,
                    format!("{shown} is outside the years 1970–2100"),
                    self.span(path),
                )
                .with_label("out of range")
                .with_hint("plans may use days from 1970-01-01 to 2100-12-31; check the year");
                self.push(d);
                None
            }
        }
    }

    fn run(&mut self) -> Option<ForumParts> {
        if let Some(event) = self.event_as_written()
            && !crate::plan::date_in_supported_range(event)
        {
            let d = Diagnostic::error(
                Code::DateOutOfRange,
                format!("{event} is outside the years 1970–2100"),
                self.span(&[Key("forum"), Key("date")]),
            )
            .with_label("out of range")
            .with_hint("plans may use days from 1970-01-01 to 2100-12-31; check the year (dates written `T-N` count from this day)");
            self.push(d);
        }
        let event = self.event();
        let timezone = self.timezone();
        self.check_settings();
        self.check_journal_path();
        let mut plan_start = self.date(
            self.plan.forum.plan_start,
            &[Key("forum"), Key("plan_start")],
        );
        if let (Some(start), Some(event)) = (plan_start, event)
            && start >= event
        {
            // Reported once here; later checks go on without it.
            plan_start = None;
            let d = Diagnostic::error(
                Code::PlanStartAfterEvent,
                format!("`plan_start` {start} is not before the event day {event}"),
                self.span(&[Key("forum"), Key("plan_start")]),
            )
            .with_label("on or after the event")
            .with_hint(
                "`plan_start` is the first day of preparation; it must come before `forum.date`",
            );
            self.push(d);
        }
        let names: Vec<&Id> = self.plan.calendars.keys().collect();
        for name in names {
            self.resolve_calendar(name, &mut Vec::new());
        }
        let forum_calendar_name = self
            .plan
            .forum
            .calendar
            .as_deref()
            .unwrap_or(DEFAULT_CALENDAR);
        let forum_calendar =
            self.calendar_reference(forum_calendar_name, &[Key("forum"), Key("calendar")]);
        let workstreams = self.workstream_ids();
        let task_ids = self.task_ids();
        let (tasks, links) = self.tasks(&workstreams, &task_ids, forum_calendar);
        let graph = Graph::new(tasks.len(), &links);
        let post_event = self.post_event(&tasks, &graph);
        let tasks: Vec<ForumTask> = tasks
            .into_iter()
            .zip(post_event)
            .map(|(t, post_event)| ForumTask { post_event, ..t })
            .collect();
        self.check_cycles(&links, &graph);
        self.check_event_bounds(&tasks, event);
        self.check_working_weekdays(&tasks);
        self.check_calendar_windows(&tasks, event, plan_start);
        self.check_reach(&tasks, &graph);
        self.warnings(&tasks, &graph, &workstreams);
        Some(ForumParts {
            event: event?,
            plan_start,
            timezone: timezone?,
            calendars: std::mem::take(&mut self.calendars.list),
            forum_calendar: forum_calendar?,
            tasks,
            task_index: task_ids,
            graph,
        })
    }

    /// Reports settings above their range.
    fn check_settings(&mut self) {
        let settings = &self.plan.settings;
        for (field, value, max) in [
            (
                "at_risk_float",
                settings.at_risk_float,
                Settings::AT_RISK_FLOAT_MAX,
            ),
            (
                "lookahead_days",
                settings.lookahead_days,
                Settings::LOOKAHEAD_DAYS_MAX,
            ),
            (
                "list_limit",
                settings.list_limit,
                crate::plan::MAX_LIST_LIMIT,
            ),
        ] {
            if value.is_some_and(|v| v > max) {
                let d = Diagnostic::error(
                    Code::OutOfRange,
                    format!("`{field}` must be a whole number from 0 to {max}"),
                    self.span(&[Key("settings"), Key(field)]),
                )
                .with_label("out of range");
                self.push(d);
            }
        }
        if let Some(spread) = settings.risk_default_spread
            && !spread.is_valid()
        {
            let d = Diagnostic::error(
                Code::OutOfRange,
                format!(
                    "`risk_default_spread` must have an optimistic factor from 0 to 1 and a pessimistic one from 1 to {}",
                    Spread::MAX
                ),
                self.span(&[Key("settings"), Key("risk_default_spread")]),
            )
            .with_label("out of range")
            .with_hint("for example { \"optimistic\": 0.8, \"pessimistic\": 1.5 }");
            self.push(d);
        }
        let health = settings.health.values();
        for (&(field, min, max), value) in crate::plan::HEALTH_FIELDS.iter().zip(health) {
            if value.is_some_and(|v| !(min..=max).contains(&v)) {
                let d = Diagnostic::error(
                    Code::OutOfRange,
                    format!("`health.{field}` must be a whole number from {min} to {max}"),
                    self.span(&[Key("settings"), Key("health"), Key(field)]),
                )
                .with_label("out of range")
                .with_hint("shares are written in whole percent: 5 for 5%");
                self.push(d);
            }
        }
    }

    fn timezone(&mut self) -> Option<chrono_tz::Tz> {
        let name = self
            .plan
            .forum
            .timezone
            .as_deref()
            .unwrap_or(DEFAULT_TIMEZONE);
        match name.parse::<chrono_tz::Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
                let hint = match closest(name, names) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("use an IANA time zone name such as `{DEFAULT_TIMEZONE}`"),
                };
                let d = Diagnostic::error(
                    Code::UnknownTimezone,
                    format!("unknown time zone `{name}`"),
                    self.span(&[Key("forum"), Key("timezone")]),
                )
                .with_label("not a time zone")
                .with_hint(hint);
                self.push(d);
                None
            }
        }
    }
}
