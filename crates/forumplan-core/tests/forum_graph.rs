//! The forum built from a valid plan: the dependency graph (link types and
//! lags), calendars resolved per task, post-event work, relative dates made
//! absolute, settings, the equivalence of JSON and TOML plans, and the
//! round trip of a plan through its serialization.

#![allow(
    clippy::disallowed_methods,
    reason = "tests read fixture files; the library itself does no I/O"
)]

use std::path::Path;

use LinkType::{
    FinishToFinish as FF, FinishToStart as FS, StartToFinish as SF, StartToStart as SS,
};
use chrono::NaiveDate;
use forumplan_core::plan::{LinkType, Locale};
use forumplan_core::{Dependency, EffectiveSettings, Format, Forum, Severity, TaskId, load_plan};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn dep(kind: LinkType, lag: i32) -> Dependency {
    Dependency { kind, lag }
}

/// Loads a plan that must be valid and draw no warning.
fn load_clean(text: &str, format: Format) -> Forum {
    match load_plan(text.as_bytes(), format) {
        Ok(loaded) => {
            assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
            loaded.forum
        }
        Err(diagnostics) => panic!("plan refused: {diagnostics:#?}"),
    }
}

fn id(forum: &Forum, name: &str) -> TaskId {
    forum
        .task_id(name)
        .unwrap_or_else(|| panic!("no task `{name}`"))
}

/// Links as (other task's id, dependency), sorted for comparison.
fn named(
    forum: &Forum,
    links: impl Iterator<Item = (TaskId, Dependency)>,
) -> Vec<(String, Dependency)> {
    let mut links: Vec<(String, Dependency)> = links
        .map(|(task, dependency)| (forum.task(task).id.to_string(), dependency))
        .collect();
    links.sort_by_key(|(task, d)| (task.clone(), d.kind.code(), d.lag));
    links
}

/// A link to or from the task named.
type Link = (&'static str, Dependency);

fn expected(links: &[Link]) -> Vec<(String, Dependency)> {
    let mut links: Vec<(String, Dependency)> =
        links.iter().map(|&(t, d)| (t.to_owned(), d)).collect();
    links.sort_by_key(|(task, d)| (task.clone(), d.kind.code(), d.lag));
    links
}

fn calendar_name(forum: &Forum, task: &str) -> String {
    let calendar = forum.tasks()[id(forum, task)].calendar;
    forum.calendars()[calendar].name().to_owned()
}

fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

// ------------------------------------------------------------ the graph

/// Every link type, positive and negative lags, a lag on the event link,
/// post-event work two levels deep, a derived calendar with a holiday and a
/// swapped working day (one of each written relative to the event), and
/// relative dates on tasks.
const GRAPH_PLAN: &str = r#"{
  "forum": {
    "id": "dien-dan-thu",
    "name": "Diễn đàn thử nghiệm",
    "date": "2022-09-18",
    "calendar": "vn-2022",
    "plan_start": "T-48"
  },
  "settings": { "at_risk_float": 5, "locale": "en" },
  "calendars": {
    "vn-2022": { "base": "vn", "holidays": ["2022-09-01", "T-25"], "working_days_extra": ["2022-09-17"] }
  },
  "workstreams": [
    { "id": "content", "name": "Nội dung" },
    { "id": "logistics", "name": "Hậu cần" },
    { "id": "finance", "name": "Kinh phí" }
  ],
  "tasks": [
    { "id": "themes", "workstream": "content", "name": "Chủ đề", "duration": "5d" },
    { "id": "agenda", "workstream": "content", "name": "Chương trình", "duration": "3d",
      "after": ["themes"], "due": "2022-09-05" },
    { "id": "invitations", "workstream": "content", "name": "Giấy mời", "duration": "4d",
      "after": [{ "task": "agenda", "type": "SS", "lag": "2d" }] },
    { "id": "venue", "workstream": "logistics", "name": "Địa điểm", "duration": "2d",
      "after": [{ "task": "agenda", "type": "FF", "lag": "-1d" }] },
    { "id": "printing", "workstream": "logistics", "name": "In ấn", "duration": "2d",
      "after": [{ "task": "invitations", "type": "SF", "lag": "1d" }, { "task": "venue", "lag": "-2d" }],
      "not_before": "T-10", "due": "T-3" },
    { "id": "rehearsal", "workstream": "logistics", "name": "Tổng duyệt", "duration": "1d",
      "after": ["printing"], "fixed_start": "T-1" },
    { "id": "stage", "workstream": "logistics", "name": "Sân khấu", "duration": "2d",
      "after": [{ "task": "printing", "type": "SS" }], "calendar": "every-day", "not_before": "2022-09-10" },
    { "id": "press", "workstream": "content", "name": "Thông cáo", "duration": "1d",
      "after": [{ "task": "themes", "type": "SS", "lag": "0d" }], "calendar": "vn" },
    { "id": "settlement", "workstream": "finance", "name": "Quyết toán", "duration": "10d",
      "after": [{ "task": "event", "lag": "2d" }] },
    { "id": "final-report", "workstream": "finance", "name": "Báo cáo", "duration": "5d",
      "after": ["settlement"] }
  ]
}"#;

#[test]
fn links_become_edges_with_their_type_and_lag() {
    let forum = load_clean(GRAPH_PLAN, Format::Json);
    // (task, its predecessors, its successors)
    let cases: &[(&str, &[Link], &[Link])] = &[
        (
            "themes",
            &[],
            &[("agenda", dep(FS, 0)), ("press", dep(SS, 0))],
        ),
        (
            "agenda",
            &[("themes", dep(FS, 0))],
            &[("invitations", dep(SS, 2)), ("venue", dep(FF, -1))],
        ),
        (
            "invitations",
            &[("agenda", dep(SS, 2))],
            &[("printing", dep(SF, 1))],
        ),
        (
            "venue",
            &[("agenda", dep(FF, -1))],
            &[("printing", dep(FS, -2))],
        ),
        (
            "printing",
            &[("invitations", dep(SF, 1)), ("venue", dep(FS, -2))],
            &[("rehearsal", dep(FS, 0)), ("stage", dep(SS, 0))],
        ),
        ("rehearsal", &[("printing", dep(FS, 0))], &[]),
        ("stage", &[("printing", dep(SS, 0))], &[]),
        ("press", &[("themes", dep(SS, 0))], &[]),
        ("settlement", &[], &[("final-report", dep(FS, 0))]),
        ("final-report", &[("settlement", dep(FS, 0))], &[]),
    ];
    assert_eq!(cases.len(), forum.tasks().len());
    for &(task, preds, succs) in cases {
        let i = id(&forum, task);
        assert_eq!(
            named(&forum, forum.predecessors(i)),
            expected(preds),
            "into {task}"
        );
        assert_eq!(
            named(&forum, forum.successors(i)),
            expected(succs),
            "out of {task}"
        );
    }
    // The event is no node: only the nine links between tasks are edges.
    assert_eq!(forum.graph().task_count(), 10);
    assert_eq!(forum.graph().link_count(), 9);
}

#[test]
fn event_links_and_post_event_work() {
    let forum = load_clean(GRAPH_PLAN, Format::Json);
    for (i, task) in forum.tasks().iter().enumerate() {
        let name = forum.task(i).id.as_str();
        let (links, post): (&[Dependency], bool) = match name {
            "settlement" => (&[dep(FS, 2)], true),
            // After a post-event task, without a link to the event itself.
            "final-report" => (&[], true),
            _ => (&[], false),
        };
        assert_eq!(task.event_links, links, "{name}");
        assert_eq!(task.post_event, post, "{name}");
    }
}

#[test]
fn tasks_get_their_calendar() {
    let forum = load_clean(GRAPH_PLAN, Format::Json);
    let forum_calendar = &forum.calendars()[forum.forum_calendar()];
    assert_eq!(forum_calendar.name(), "vn-2022");
    for task in ["themes", "agenda", "printing", "rehearsal", "settlement"] {
        assert_eq!(calendar_name(&forum, task), "vn-2022", "{task}");
    }
    assert_eq!(calendar_name(&forum, "stage"), "every-day");
    assert_eq!(calendar_name(&forum, "press"), "vn");

    let calendar = |task: &str| &forum.calendars()[forum.tasks()[id(&forum, task)].calendar];
    let vn_2022 = calendar("agenda");
    // Its own holidays: a Thursday, and T-25 = Wednesday 24 August.
    assert!(!vn_2022.is_working_day(day("2022-09-01")));
    assert!(!vn_2022.is_working_day(day("2022-08-24")));
    // Its extra working day: Saturday 17 September.
    assert!(vn_2022.is_working_day(day("2022-09-17")));
    // Inherited from `vn`: National Day, and ordinary weekends.
    assert!(!vn_2022.is_working_day(day("2022-09-02")));
    assert!(!vn_2022.is_working_day(day("2022-09-10")));
    assert!(vn_2022.is_working_day(day("2022-08-31")));
    // The base itself is untouched.
    let vn = calendar("press");
    assert!(vn.is_working_day(day("2022-09-01")));
    assert!(vn.is_working_day(day("2022-08-24")));
    assert!(!vn.is_working_day(day("2022-09-17")));
    assert!(!vn.is_working_day(day("2022-09-02")));
    let every_day = calendar("stage");
    for d in ["2022-09-01", "2022-09-02", "2022-09-10", "2022-09-17"] {
        assert!(every_day.is_working_day(day(d)), "{d}");
    }
}

#[test]
fn dates_are_resolved_against_the_event() {
    let forum = load_clean(GRAPH_PLAN, Format::Json);
    assert_eq!(forum.event_date(), day("2022-09-18"));
    assert_eq!(forum.plan_start(), Some(day("2022-08-01")));
    assert_eq!(forum.timezone().name(), "Asia/Ho_Chi_Minh");
    let task = |name: &str| forum.tasks()[id(&forum, name)].clone();
    assert_eq!(task("agenda").due, Some(day("2022-09-05")));
    assert_eq!(task("printing").not_before, Some(day("2022-09-08")));
    assert_eq!(task("printing").due, Some(day("2022-09-15")));
    assert_eq!(task("rehearsal").fixed_start, Some(day("2022-09-17")));
    assert_eq!(task("stage").not_before, Some(day("2022-09-10")));
    assert_eq!(task("themes").not_before, None);
    assert_eq!(task("themes").due, None);
    assert_eq!(task("themes").fixed_start, None);
    assert_eq!(task("settlement").duration, 10);
    assert_eq!(task("agenda").duration, 3);
    let workstream = |name: &str| forum.workstreams()[task(name).workstream].id.clone();
    assert_eq!(workstream("venue"), "logistics");
    assert_eq!(workstream("settlement"), "finance");
    // The plan as written keeps the relative dates.
    let rehearsal = forum.task(id(&forum, "rehearsal"));
    assert_eq!(
        rehearsal.fixed_start.map(|d| d.to_string()).as_deref(),
        Some("T-1")
    );
}

#[test]
fn topological_order_respects_every_edge() {
    let forum = load_clean(GRAPH_PLAN, Format::Json);
    let order = forum.topological_order();
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..forum.tasks().len()).collect::<Vec<_>>());
    let position = |task: TaskId| order.iter().position(|&t| t == task).unwrap();
    let mut edges = 0;
    for task in 0..forum.tasks().len() {
        for (succ, _) in forum.successors(task) {
            assert!(position(task) < position(succ), "{task} → {succ}");
            edges += 1;
        }
    }
    assert_eq!(edges, 9);
}

#[test]
fn settings_override_the_defaults() {
    let defaults = EffectiveSettings::defaults();
    assert_eq!(
        defaults,
        EffectiveSettings {
            at_risk_float: 2,
            lookahead_days: 7,
            list_limit: 50,
            locale: Locale::Vi,
            risk_default_spread: None,
            health: defaults.health,
        }
    );
    let forum = load_clean(GRAPH_PLAN, Format::Json);
    assert_eq!(
        forum.settings(),
        EffectiveSettings {
            at_risk_float: 5,
            lookahead_days: defaults.lookahead_days,
            list_limit: defaults.list_limit,
            locale: Locale::En,
            risk_default_spread: None,
            health: defaults.health,
        }
    );
    // Without a `settings` section, the defaults.
    let forum = load_clean(SMALL_PLAN_JSON, Format::Json);
    assert_eq!(forum.settings(), defaults);
}

// ------------------------------------------------- JSON and TOML alike

const SMALL_PLAN_JSON: &str = r#"{
  "forum": {
    "id": "dien-dan-thu",
    "name": "Diễn đàn thử nghiệm",
    "date": "2022-09-18",
    "venue": "Trung tâm Hội nghị Quốc gia, Hà Nội",
    "plan_start": "2022-08-01"
  },
  "calendars": {
    "vn-2022": { "base": "vn", "holidays": ["2022-09-01"], "working_days_extra": ["2022-09-17"] },
    "final-days": { "base": "vn-2022", "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }
  },
  "workstreams": [
    { "id": "content", "name": "Nội dung", "lead": "Vụ Kinh tế", "focal_point": "Phó Vụ trưởng" },
    { "id": "finance", "name": "Kinh phí" }
  ],
  "tasks": [
    { "id": "themes", "workstream": "content", "name": "Chủ đề", "duration": "5d" },
    { "id": "agenda", "workstream": "content", "name": "Chốt chương trình", "duration": "3d",
      "after": ["themes"], "not_before": "2022-08-15", "due": "T-20", "owner": "Vụ Kinh tế",
      "estimate": { "optimistic": "2d", "likely": "3d", "pessimistic": "6d" }, "notes": "Chờ ý kiến" },
    { "id": "rehearsal", "workstream": "content", "name": "Tổng duyệt", "duration": "1d",
      "after": [{ "task": "agenda", "type": "SS", "lag": "-2d" }, "themes"],
      "fixed_start": "T-1", "calendar": "final-days" },
    { "id": "settlement", "workstream": "finance", "name": "Quyết toán", "duration": "10d",
      "after": [{ "task": "event", "type": "FF", "lag": "3d" }, "rehearsal"] }
  ]
}"#;

/// The same plan in TOML: `[[tables]]`, inline-table links, and dates
/// written as TOML dates (unquoted) where they are absolute.
const SMALL_PLAN_TOML: &str = r#"
[forum]
id = "dien-dan-thu"
name = "Diễn đàn thử nghiệm"
date = 2022-09-18
venue = "Trung tâm Hội nghị Quốc gia, Hà Nội"
plan_start = 2022-08-01

[calendars.vn-2022]
base = "vn"
holidays = [2022-09-01]
working_days_extra = [2022-09-17]

[calendars.final-days]
base = "vn-2022"
weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

[[workstreams]]
id = "content"
name = "Nội dung"
lead = "Vụ Kinh tế"
focal_point = "Phó Vụ trưởng"

[[workstreams]]
id = "finance"
name = "Kinh phí"

[[tasks]]
id = "themes"
workstream = "content"
name = "Chủ đề"
duration = "5d"

[[tasks]]
id = "agenda"
workstream = "content"
name = "Chốt chương trình"
duration = "3d"
after = ["themes"]
not_before = 2022-08-15
due = "T-20"
owner = "Vụ Kinh tế"
estimate = { optimistic = "2d", likely = "3d", pessimistic = "6d" }
notes = "Chờ ý kiến"

[[tasks]]
id = "rehearsal"
workstream = "content"
name = "Tổng duyệt"
duration = "1d"
after = [{ task = "agenda", type = "SS", lag = "-2d" }, "themes"]
fixed_start = "T-1"
calendar = "final-days"

[[tasks]]
id = "settlement"
workstream = "finance"
name = "Quyết toán"
duration = "10d"
after = [{ task = "event", type = "FF", lag = "3d" }, "rehearsal"]
"#;

#[test]
fn toml_and_json_plans_are_the_same_plan() {
    let json = load_clean(SMALL_PLAN_JSON, Format::Json);
    let toml = load_clean(SMALL_PLAN_TOML, Format::Toml);
    assert_eq!(json.plan(), toml.plan());
    assert_eq!(json.tasks(), toml.tasks());
    assert_eq!(json.calendars(), toml.calendars());
    assert_eq!(json.settings(), toml.settings());
    // And the contents are what was written.
    let settlement = id(&toml, "settlement");
    assert_eq!(toml.tasks()[settlement].event_links, vec![dep(FF, 3)]);
    assert!(toml.tasks()[settlement].post_event);
    let rehearsal = id(&toml, "rehearsal");
    assert_eq!(
        named(&toml, toml.predecessors(rehearsal)),
        expected(&[("agenda", dep(SS, -2)), ("themes", dep(FS, 0))])
    );
    assert_eq!(toml.tasks()[rehearsal].fixed_start, Some(day("2022-09-17")));
    assert_eq!(calendar_name(&toml, "rehearsal"), "final-days");
    assert_eq!(
        toml.tasks()[id(&toml, "agenda")].not_before,
        Some(day("2022-08-15"))
    );
    assert_eq!(
        toml.tasks()[id(&toml, "agenda")].due,
        Some(day("2022-08-29"))
    );
    assert_eq!(toml.plan_start(), Some(day("2022-08-01")));
}

// ------------------------------------------------------------ round trip

/// load → serialize the plan as JSON → load again: the same plan.
fn assert_round_trip(text: &str, format: Format, what: &str) {
    let first = load_plan(text.as_bytes(), format)
        .unwrap_or_else(|d| panic!("{what} refused: {d:#?}"))
        .forum;
    let json = serde_json::to_string_pretty(first.plan()).expect("a plan serializes");
    let second = load_plan(json.as_bytes(), Format::Json)
        .unwrap_or_else(|d| panic!("{what}, serialized, refused: {d:#?}\n{json}"))
        .forum;
    assert_eq!(first.plan(), second.plan(), "{what}");
    assert_eq!(first.tasks(), second.tasks(), "{what}");
    assert_eq!(first.settings(), second.settings(), "{what}");
}

#[test]
#[allow(clippy::print_stderr)] // The note on a fixture not written yet.
fn fixtures_survive_a_round_trip() {
    let mut checked = 0;
    for (path, format) in [
        ("fixtures/vesf-2022/plan.json", Format::Json),
        ("fixtures/provincial-forum/plan.toml", Format::Toml),
    ] {
        let Ok(text) = std::fs::read_to_string(fixture(path)) else {
            eprintln!("note: {path} does not exist yet; its round trip is skipped");
            continue;
        };
        assert_round_trip(&text, format, path);
        checked += 1;
    }
    assert!(checked >= 1, "fixtures/vesf-2022/plan.json is missing");
}

#[test]
fn inline_plans_survive_a_round_trip() {
    assert_round_trip(GRAPH_PLAN, Format::Json, "GRAPH_PLAN");
    assert_round_trip(SMALL_PLAN_TOML, Format::Toml, "SMALL_PLAN_TOML");
}

// --------------------------------------------------------------- others

#[test]
fn starter_plan_loads_clean() {
    let text = std::fs::read_to_string(fixture("config/starter-plan.json")).expect("starter plan");
    let forum = load_clean(&text, Format::Json);
    assert!(!forum.tasks().is_empty());
    assert_round_trip(&text, Format::Json, "config/starter-plan.json");
}

#[test]
fn warnings_do_not_block() {
    let text = SMALL_PLAN_JSON.replace(
        r#"{ "id": "finance", "name": "Kinh phí" }"#,
        r#"{ "id": "finance", "name": "Kinh phí" },
    { "id": "media", "name": "Thông tin tuyên truyền" }"#,
    );
    let loaded = load_plan(text.as_bytes(), Format::Json).expect("warnings do not refuse a plan");
    assert_eq!(loaded.warnings.len(), 1, "{:#?}", loaded.warnings);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.code, forumplan_core::Code::EmptyWorkstream);
    assert_eq!(warning.severity, Severity::Warning);
    let span = warning.span.expect("located");
    assert!(
        text[span.range()].contains("media"),
        "{:?}",
        &text[span.range()]
    );
    assert_eq!(loaded.forum.workstreams().len(), 3);
    assert_eq!(loaded.forum.tasks().len(), 4);
}
