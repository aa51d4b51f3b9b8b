//! The plan file's model: what must be done, by whom, in what order, by when.
//!
//! These types mirror the file format of `shared/design/plan-format.md`
//! one to one. They serialize to that format (for `init`) and describe it
//! as a JSON Schema (for `schema`); reading goes through [`crate::load`],
//! which keeps source positions and reports every problem at once.

mod convert;
mod health;
mod id;
mod values;
mod write;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use convert::{Converter, convert_plan};
pub(crate) use health::HEALTH_FIELDS;
pub use health::{Health, HealthSettings};
pub use id::Id;
pub(crate) use id::is_valid_id;
use values::deserialize_event_day;
pub use values::{
    DateSpec, DayError, Days, FIRST_DAY, LAST_DAY, Lag, LinkType, Weekday, parse_day,
};
pub(crate) use values::{MAX_DAYS, date_in_supported_range};
pub(crate) use values::{deserialize_day, deserialize_optional_day, unique_entries};
pub use write::{WriteError, fold_vietnamese, forum_id, plan_to_text, slug};

/// A whole plan file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The event itself.
    pub forum: ForumInfo,
    /// Thresholds and report language; defaults come from `config/defaults.toml`.
    #[serde(default, skip_serializing_if = "Settings::is_empty")]
    pub settings: Settings,
    /// Named working calendars, in addition to the built-in `vn` and `every-day`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_calendars"
    )]
    pub calendars: BTreeMap<Id, CalendarDef>,
    /// The departments' lines of work (content, protocol, logistics…).
    pub workstreams: Vec<Workstream>,
    /// Everything that must be done.
    pub tasks: Vec<Task>,
}

/// The `forum` section: the event the whole plan leads up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForumInfo {
    /// Short identifier, e.g. `vesf-2022`.
    pub id: Id,
    /// Full name, e.g. "Diễn đàn Kinh tế - Xã hội Việt Nam 2022".
    pub name: String,
    /// The event day, `YYYY-MM-DD`.
    #[schemars(with = "DateSpec")]
    #[serde(deserialize_with = "deserialize_event_day")]
    pub date: NaiveDate,
    /// Where it takes place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// IANA time zone that decides what "today" is (default `Asia/Ho_Chi_Minh`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The forum's calendar (default `vn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Id>,
    /// The earliest day work may be scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_start: Option<DateSpec>,
    /// The progress journal, relative to the plan file (default `<plan stem>.journal.jsonl`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
}

/// The largest `settings.list_limit`.
pub(crate) const MAX_LIST_LIMIT: u32 = 1_000_000;

/// The `settings` section; each value left out takes its default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// A task with at most this many working days of float is at risk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_risk_float: Option<u32>,
    /// How many calendar days ahead "due soon" looks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lookahead_days: Option<u32>,
    /// How many tasks each list of a report for people shows, worst first
    /// (0: all of them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_limit: Option<u32>,
    /// Report language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// For risk analysis, the estimate of a task that has none, as factors
    /// of its duration (none by default: such a task keeps its duration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_default_spread: Option<Spread>,
    /// The thresholds of `forumplan health`.
    #[serde(default, skip_serializing_if = "HealthSettings::is_empty")]
    pub health: HealthSettings,
}

/// A default three-point spread: the optimistic and pessimistic durations
/// as factors of the planned one (which is the likely value).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spread {
    /// Factor for the best case, from 0 to 1 (e.g. 0.8).
    pub optimistic: f64,
    /// Factor for the worst case, from 1 to [`Spread::MAX`] (e.g. 1.5).
    pub pessimistic: f64,
}

impl Spread {
    /// The largest pessimistic factor; checked in validation.
    pub const MAX: f64 = 100.0;

    /// Whether the factors are in range: 0 ≤ optimistic ≤ 1 ≤ pessimistic ≤ [`Spread::MAX`].
    pub fn is_valid(&self) -> bool {
        (0.0..=1.0).contains(&self.optimistic) && (1.0..=Spread::MAX).contains(&self.pessimistic)
    }
}

impl Settings {
    /// The largest `at_risk_float` (a year of working days); checked in
    /// validation.
    pub const AT_RISK_FLOAT_MAX: u32 = 365;
    /// The largest `lookahead_days` (a year); checked in validation.
    pub const LOOKAHEAD_DAYS_MAX: u32 = 366;
    fn is_empty(&self) -> bool {
        *self == Settings::default()
    }
}

/// A report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Vietnamese: dd/mm/yyyy dates.
    Vi,
    /// English: ISO dates.
    En,
}

/// A named working calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    /// A calendar to inherit days off and worked days from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Id>,
    /// Days of the week that are worked (default: the base's, else Monday–Friday).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekdays: Option<Vec<Weekday>>,
    /// Days off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<DateSpec>,
    /// Days worked although their weekday is not (government day swaps).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_days_extra: Vec<DateSpec>,
}

/// A line of work led by one unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workstream {
    /// Identifier, e.g. `content`.
    pub id: Id,
    /// Name, e.g. "Nội dung".
    pub name: String,
    /// The leading unit, e.g. "Vụ Kinh tế".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The person (or role) to call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focal_point: Option<String>,
}

/// One piece of work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Identifier, unique among tasks; `event` is reserved.
    pub id: Id,
    /// The workstream it belongs to.
    pub workstream: Id,
    /// What is to be done.
    pub name: String,
    /// Working days of work; `0d` is a milestone.
    pub duration: Days,
    /// Predecessors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<Link>,
    /// Start no earlier than.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<DateSpec>,
    /// Finish no later than.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<DateSpec>,
    /// Must start on this day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_start: Option<DateSpec>,
    /// The task's calendar (default: the forum's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Id>,
    /// Who does it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Three-point estimate for risk analysis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Estimate>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A dependency on a predecessor task (or on the event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The predecessor's id, or `event`.
    pub task: Id,
    /// Which ends the link ties together.
    pub kind: LinkType,
    /// Working days between them; negative is a lead.
    pub lag: Lag,
}

/// A three-point duration estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// Best case.
    pub optimistic: Days,
    /// Most likely.
    pub likely: Days,
    /// Worst case.
    pub pessimistic: Days,
}

/// Calendars by name, refusing a name given twice (a map would keep the
/// last one silently).
fn unique_calendars<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Id, CalendarDef>, D::Error> {
    Ok(unique_entries(deserializer, "named calendars")?
        .into_iter()
        .collect())
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Link, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            task: Id,
            #[serde(rename = "type", default = "finish_to_start")]
            kind: LinkType,
            #[serde(default)]
            lag: Lag,
        }
        fn finish_to_start() -> LinkType {
            LinkType::FinishToStart
        }
        // A visitor rather than an untagged enum: serde buffers an
        // untagged value and tries each variant in turn, which made links
        // a third of the time of reading a large plan.
        struct Written;
        impl<'de> serde::de::Visitor<'de> for Written {
            type Value = Link;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a task id, or an object with `task` and optional `type` and `lag`")
            }
            fn visit_str<E: serde::de::Error>(self, task: &str) -> Result<Link, E> {
                Ok(Link {
                    task: Id::deserialize(serde::de::value::StrDeserializer::new(task))?,
                    kind: LinkType::FinishToStart,
                    lag: Lag(0),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Link, A::Error> {
                let Full { task, kind, lag } =
                    Full::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Link { task, kind, lag })
            }
        }
        deserializer.deserialize_any(Written)
    }
}

/// The reserved id naming the event day in `after`.
pub const EVENT_ID: &str = "event";

impl Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.kind == LinkType::FinishToStart && self.lag.0 == 0 {
            return serializer.serialize_str(&self.task);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("task", &self.task)?;
        if self.kind != LinkType::FinishToStart {
            map.serialize_entry("type", &self.kind)?;
        }
        if self.lag.0 != 0 {
            map.serialize_entry("lag", &self.lag)?;
        }
        map.end()
    }
}

impl JsonSchema for Link {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Link".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let id = generator.subschema_for::<String>();
        let kind = generator.subschema_for::<LinkType>();
        let lag = generator.subschema_for::<Lag>();
        schemars::json_schema!({
            "description": "A predecessor: its id (a finish-to-start link with no lag), or an object with the link type and lag.",
            "oneOf": [
                id,
                {
                    "type": "object",
                    "properties": {
                        "task": { "type": "string", "description": "The predecessor's id, or `event`." },
                        "type": kind,
                        "lag": lag
                    },
                    "required": ["task"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The JSON Schema of plan files, pretty-printed (what `forumplan schema`
/// prints and `config/forumplan.schema.json` holds).
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert("title".into(), "forumplan plan file".into());
    schema.insert(
        "description".into(),
        "A forum's preparation plan: the event, working calendars, workstreams and the tasks that lead up to the event day. See docs/plan-format.md."
            .into(),
    );
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
