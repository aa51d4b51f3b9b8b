//! Robustness of `load_plan` and of the journal reader: whatever the
//! bytes, they return (never panic), in JSON, in TOML and in journals, with
//! every problem located inside the text; and on plans that are well-formed but
//! wrong in every way a generator can think of, its answer is consistent
//! (errors exactly when it refuses, every span inside the text on character
//! boundaries, a well-formed graph when it accepts).

#![allow(
    clippy::disallowed_methods,
    reason = "tests read fixture files; the library itself does no I/O"
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use forumplan_core::journal::parse_journal_bytes;
use forumplan_core::{Diagnostic, Format, Forum, load_plan};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value, json};

// ------------------------------------------------------------------ helpers

type LoadResult = Result<forumplan_core::Loaded, Vec<Diagnostic>>;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The real plan files the mutations start from: the VESF 2022 plan, the
/// provincial forum (once it exists), and every invalid or warned fixture.
fn seed_files() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = fixtures_dir();
        let mut files = Vec::new();
        for path in [
            dir.join("vesf-2022/plan.json"),
            dir.join("provincial-forum/plan.toml"),
            dir.join("../config/starter-plan.json"),
        ] {
            if let Ok(bytes) = std::fs::read(&path) {
                files.push((path.display().to_string(), bytes));
            }
        }
        for sub in ["invalid", "warnings"] {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
                .expect("fixtures directory")
                .map(|entry| entry.expect("directory entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "toml"))
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path).expect("fixture");
                files.push((path.display().to_string(), bytes));
            }
        }
        assert!(
            files
                .iter()
                .any(|(p, _)| p.ends_with("vesf-2022/plan.json")),
            "fixtures/vesf-2022/plan.json is missing"
        );
        assert!(files.len() > 40, "only {} fixtures found", files.len());
        files
    })
}

/// Loads `bytes` in `format`; checks what must hold whatever the input:
/// an accepted plan carries no error, a refused one at least one.
fn load_consistently(bytes: &[u8], format: Format) -> Result<LoadResult, TestCaseError> {
    let result = load_plan(bytes, format);
    match &result {
        Ok(loaded) => prop_assert!(
            !loaded.warnings.iter().any(Diagnostic::is_error),
            "accepted with errors: {:?}",
            loaded.warnings
        ),
        Err(diagnostics) => prop_assert!(
            diagnostics.iter().any(Diagnostic::is_error),
            "refused without an error: {diagnostics:?}"
        ),
    }
    Ok(result)
}

/// Loads `bytes` as JSON and as TOML, checking both answers.
fn loads_both_ways(bytes: &[u8]) -> Result<(), TestCaseError> {
    // Either answer is fine, as long as it is consistent.
    let _ = load_consistently(bytes, Format::Json)?;
    let _ = load_consistently(bytes, Format::Toml)?;
    Ok(())
}

/// Every span of every diagnostic lies within `text`, on char boundaries.
fn check_spans(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        let spans = d.span.iter().chain(d.related.iter().map(|(s, _)| s));
        for span in spans {
            prop_assert!(
                span.start <= span.end && span.end <= text.len(),
                "span {span:?} outside the text ({} bytes): {d:?}",
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "span {span:?} splits a character: {d:?}"
            );
        }
    }
    Ok(())
}

/// The invariants of an accepted forum.
fn check_forum(forum: &Forum) -> Result<(), TestCaseError> {
    let tasks = forum.tasks();
    prop_assert_eq!(tasks.len(), forum.plan().tasks.len());
    prop_assert!(forum.forum_calendar() < forum.calendars().len());
    for (i, task) in tasks.iter().enumerate() {
        prop_assert!(
            task.calendar < forum.calendars().len(),
            "task {i}: calendar {}",
            task.calendar
        );
        prop_assert!(
            task.workstream < forum.workstreams().len(),
            "task {i}: workstream {}",
            task.workstream
        );
        prop_assert_eq!(forum.task_id(&forum.task(i).id), Some(i));
        if !task.event_links.is_empty() {
            prop_assert!(task.post_event, "task {i} follows the event");
        }
        for (pred, dependency) in forum.predecessors(i) {
            prop_assert!(pred != i, "task {i} linked to itself");
            prop_assert!(forum.successors(pred).any(|s| s == (i, dependency)));
            if tasks[pred].post_event {
                prop_assert!(task.post_event, "task {i} follows post-event task {pred}");
            }
        }
        if !task.post_event {
            for date in [task.fixed_start, task.not_before].into_iter().flatten() {
                prop_assert!(date < forum.event_date(), "pre-event task {i} on {date}");
            }
        }
        if let Some(date) = task.fixed_start {
            prop_assert!(forum.calendars()[task.calendar].is_working_day(date));
        }
    }
    let order = forum.topological_order();
    prop_assert_eq!(order.len(), tasks.len());
    let mut position = vec![usize::MAX; tasks.len()];
    for (at, &task) in order.iter().enumerate() {
        prop_assert!(
            position[task] == usize::MAX,
            "task {task} twice in the order"
        );
        position[task] = at;
    }
    for task in 0..tasks.len() {
        for (succ, _) in forum.successors(task) {
            prop_assert!(
                position[task] < position[succ],
                "{task} → {succ} out of order"
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- mutations

/// Text that is likely to matter to a JSON or TOML parser (ASCII only).
const TOKENS: &[&str] = &[
    "\"",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "\n",
    "\\u",
    "\\",
    "null",
    "0",
    "-1",
    "1e999",
    "99999999999999999999",
    "true",
    "\"event\"",
    "\"T-99999\"",
    "\"T+36600\"",
    "\"0001-01-01\"",
    "\"9999-12-31\"",
    "\"-3d\"",
    "\"\"",
    "[[tasks]]\n",
    "[forum]\n",
    " = ",
    "#",
    "'''",
    "\"\"\"",
    ".",
    "\r",
    "\t",
    "\u{0}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete {
        at: Index,
        len: usize,
    },
    InsertBytes {
        at: Index,
        bytes: Vec<u8>,
    },
    InsertToken {
        at: Index,
        token: &'static str,
    },
    Duplicate {
        from: Index,
        len: usize,
        to: Index,
    },
    Replace {
        at: Index,
        byte: u8,
    },
    Truncate {
        at: Index,
    },
    Swap {
        a: Index,
        b: Index,
        len: usize,
    },
    Nest {
        at: Index,
        open: &'static str,
        depth: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::InsertBytes { at, bytes }),
        (any::<Index>(), prop::sample::select(TOKENS))
            .prop_map(|(at, token)| Mutation::InsertToken { at, token }),
        (any::<Index>(), 1usize..256, any::<Index>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        (any::<Index>(), any::<Index>(), 1usize..128).prop_map(|(a, b, len)| Mutation::Swap {
            a,
            b,
            len
        }),
        (
            any::<Index>(),
            prop::sample::select(&["[", "{\"a\":", "[{\"b\":", "{a=", "a=["][..]),
            prop_oneof![1usize..200, 200usize..5_000],
        )
            .prop_map(|(at, open, depth)| Mutation::Nest { at, open, depth }),
    ]
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let n = bytes.len();
        // A position in 0..=n (insertions may append).
        let pos = |i: &Index| i.index(n + 1);
        match self {
            Mutation::Delete { at, len } => {
                let start = pos(at);
                let end = (start + len).min(n);
                bytes.drain(start..end);
            }
            Mutation::InsertBytes { at, bytes: new } => {
                let at = pos(at);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::InsertToken { at, token } => {
                let at = pos(at);
                bytes.splice(at..at, token.bytes());
            }
            Mutation::Duplicate { from, len, to } => {
                let start = pos(from);
                let slice = bytes[start..(start + len).min(n)].to_vec();
                let to = pos(to);
                bytes.splice(to..to, slice);
            }
            Mutation::Replace { at, byte } => {
                if n > 0 {
                    bytes[at.index(n)] = *byte;
                }
            }
            Mutation::Truncate { at } => bytes.truncate(pos(at)),
            Mutation::Swap { a, b, len } => {
                let (a, b) = (pos(a), pos(b));
                let (a, b) = (a.min(b), a.max(b));
                let len = (*len).min(b - a).min(n - b);
                if len > 0 {
                    let (left, right) = bytes.split_at_mut(b);
                    left[a..a + len].swap_with_slice(&mut right[..len]);
                }
            }
            Mutation::Nest { at, open, depth } => {
                let at = pos(at);
                bytes.splice(at..at, open.repeat(*depth).into_bytes());
            }
        }
    }
}

// ------------------------------------------------------ generated plans

/// Ids for tasks: valid ones (repeated, so that duplicates, self-links and
/// cycles are common), the reserved `event`, and malformed ones.
const TASK_IDS: &[&str] = &[
    "a",
    "b",
    "c",
    "d",
    "a",
    "b",
    "event",
    "Bad Id",
    "x.y_z-9",
    "",
    "tổng-duyệt",
];
/// What `after` may name: the ids above, `event`, unknown tasks, and
/// malformed or empty references.
const LINK_TARGETS: &[&str] = &[
    "a", "b", "c", "d", "event", "event", "missing", "Bad Id", "",
];
const WORKSTREAM_IDS: &[&str] = &["content", "logistics", "finance", "content", "Bad WS", ""];
const WORKSTREAM_REFS: &[&str] = &["content", "logistics", "finance", "content", "missing", ""];
const CALENDAR_NAMES: &[&str] = &["vn", "every-day", "c1", "c2", "c1", "Bad Cal"];
const CALENDAR_REFS: &[&str] = &["vn", "every-day", "c1", "c2", "missing", ""];
const DURATIONS: &[&str] = &[
    "0d",
    "1d",
    "3d",
    "10d",
    "1d",
    "3d",
    "-2d",
    "3",
    "3 days",
    "d",
    "36600d",
    "36601d",
    "1.5d",
    "99999999999d",
    "",
];
const LAGS: &[&str] = &[
    "0d", "2d", "-1d", "-5d", "2d", "-36600d", "36600d", "36601d", "x", "--1d", "+1d",
];
const LINK_TYPES: &[&str] = &["FS", "SS", "FF", "SF", "FS", "SS", "XS", "fs", ""];
const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Dates: ordinary ones around the 2022 forum (weekends and holidays
/// included), relative ones near and far, the edges of the supported range
/// and beyond, and text that is no date.
const DATES: &[&str] = &[
    "2022-09-18",
    "2022-09-01",
    "2022-09-02",
    "2022-09-16",
    "2022-09-17",
    "2022-08-01",
    "2022-02-01",
    "2022-04-10",
    "2022-10-03",
    "T-10",
    "T-1",
    "T+3",
    "T-0",
    "T+0",
    "T-36600",
    "T+36600",
    "T-36601",
    "T-99999",
    "T+99999999999",
    "0001-01-01",
    "0000-01-01",
    "9999-12-31",
    "1969-12-31",
    "1970-01-01",
    "2100-12-31",
    "2101-01-01",
    "2022-02-30",
    "2022-13-01",
    "T-x",
    "Té",
    "Tổ",
    "T\u{301}-1",
    "T10",
    "T-",
    "T",
    "",
    "2022-9-1",
    "18/09/2022",
];

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::sample::select(items).prop_map(Value::from)
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(DATES).prop_map(String::from),
        2 => (0i32..=9999, 0u32..=13, 0u32..=32)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => (any::<bool>(), prop_oneof![0u64..=400, 36_000u64..=37_000, any::<u64>()])
            .prop_map(|(minus, n)| format!("T{}{n}", if minus { '-' } else { '+' })),
    ]
}

fn date() -> impl Strategy<Value = Value> {
    prop_oneof![
        10 => date_text().prop_map(Value::from),
        1 => Just(json!(20220918)),
    ]
}

fn event_date() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => prop::sample::select(&["2022-09-18", "2024-04-25", "2026-02-20", "2100-12-31"][..])
            .prop_map(Value::from),
        1 => date(),
    ]
}

fn duration() -> impl Strategy<Value = Value> {
    prop_oneof![10 => pick(DURATIONS), 1 => Just(json!(3))]
}

/// A JSON object from the fields that are present.
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    let map: Map<String, Value> = fields
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect();
    Value::Object(map)
}

fn link() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => pick(LINK_TARGETS),
        3 => (
            pick(LINK_TARGETS),
            prop::option::of(pick(LINK_TYPES)),
            prop::option::of(pick(LAGS)),
        )
            .prop_map(|(task, kind, lag)| object(vec![
                ("task", Some(task)),
                ("type", kind),
                ("lag", lag),
            ])),
        1 => Just(json!({ "type": "SS" })),
        1 => Just(json!(42)),
    ]
}

fn estimate() -> impl Strategy<Value = Value> {
    (duration(), duration(), duration()).prop_map(|(optimistic, likely, pessimistic)| {
        json!({ "optimistic": optimistic, "likely": likely, "pessimistic": pessimistic })
    })
}

fn task() -> impl Strategy<Value = Value> {
    (
        (
            pick(TASK_IDS),
            pick(WORKSTREAM_REFS),
            duration(),
            prop::collection::vec(link(), 0..4),
        ),
        (
            prop::option::weighted(0.2, date()),
            prop::option::weighted(0.2, date()),
            prop::option::weighted(0.2, date()),
            prop::option::weighted(0.3, pick(CALENDAR_REFS)),
            prop::option::weighted(0.2, estimate()),
        ),
    )
        .prop_map(
            |(
                (id, workstream, duration, after),
                (not_before, due, fixed_start, calendar, estimate),
            )| {
                object(vec![
                    ("id", Some(id)),
                    ("workstream", Some(workstream)),
                    ("name", Some(json!("Việc cần làm"))),
                    ("duration", Some(duration)),
                    (
                        "after",
                        Some(Value::from(after)).filter(|a| a != &json!([])),
                    ),
                    ("not_before", not_before),
                    ("due", due),
                    ("fixed_start", fixed_start),
                    ("calendar", calendar),
                    ("estimate", estimate),
                ])
            },
        )
}

fn weekdays() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => prop::sample::subsequence(WEEKDAYS, 1..=7).prop_map(Value::from),
        1 => Just(json!([])),
        1 => Just(json!(["monday"])),
    ]
}

fn calendar_def() -> impl Strategy<Value = Value> {
    (
        prop::option::weighted(
            0.7,
            prop_oneof![4 => pick(CALENDAR_REFS), 1 => pick(CALENDAR_NAMES)],
        ),
        prop::option::weighted(0.3, weekdays()),
        prop::collection::vec(date(), 0..3),
        prop::collection::vec(date(), 0..3),
    )
        .prop_map(|(base, weekdays, holidays, extra)| {
            object(vec![
                ("base", base),
                ("weekdays", weekdays),
                (
                    "holidays",
                    Some(Value::from(holidays)).filter(|a| a != &json!([])),
                ),
                (
                    "working_days_extra",
                    Some(Value::from(extra)).filter(|a| a != &json!([])),
                ),
            ])
        })
}

fn settings() -> impl Strategy<Value = Value> {
    let number = prop::sample::select(&[0i64, 2, 7, 365, 366, -1][..]);
    (
        prop::option::of(number.clone()),
        prop::option::of(number),
        prop::option::of(prop::sample::select(&["vi", "en", "vn"][..])),
    )
        .prop_map(|(float, lookahead, locale)| {
            object(vec![
                ("at_risk_float", float.map(Value::from)),
                ("lookahead_days", lookahead.map(Value::from)),
                ("locale", locale.map(Value::from)),
            ])
        })
}

/// A plan that parses: right shape, random and often wrong content.
fn plan() -> impl Strategy<Value = Value> {
    let forum = (
        event_date(),
        prop::option::weighted(0.5, date()),
        prop::option::weighted(0.3, pick(CALENDAR_REFS)),
        prop::option::weighted(
            0.2,
            pick(&[
                "Asia/Ho_Chi_Minh",
                "Europe/Paris",
                "Asia/Saigon",
                "Mars/Olympus",
            ]),
        ),
    )
        .prop_map(|(date, plan_start, calendar, timezone)| {
            object(vec![
                ("id", Some(json!("dien-dan"))),
                ("name", Some(json!("Diễn đàn"))),
                ("date", Some(date)),
                ("plan_start", plan_start),
                ("calendar", calendar),
                ("timezone", timezone),
            ])
        });
    let calendars =
        prop::collection::vec((prop::sample::select(CALENDAR_NAMES), calendar_def()), 0..4);
    let workstreams = prop::collection::vec(pick(WORKSTREAM_IDS), 0..4);
    (
        forum,
        prop::option::weighted(0.3, settings()),
        calendars,
        workstreams,
        prop::collection::vec(task(), 0..6),
    )
        .prop_map(|(forum, settings, calendars, workstreams, tasks)| {
            let calendars: Map<String, Value> = calendars
                .into_iter()
                .map(|(name, def)| (name.to_owned(), def))
                .collect();
            let workstreams: Vec<Value> = workstreams
                .into_iter()
                .map(|id| json!({ "id": id, "name": "Nội dung" }))
                .collect();
            object(vec![
                ("forum", Some(forum)),
                ("settings", settings),
                (
                    "calendars",
                    Some(Value::Object(calendars)).filter(|c| c != &json!({})),
                ),
                ("workstreams", Some(Value::from(workstreams))),
                ("tasks", Some(Value::from(tasks))),
            ])
        })
}

/// A plan that is mostly right: valid values, links only to earlier tasks
/// (or the event); what can still go wrong is a fixed start on a day off,
/// a date on the wrong side of the event, `due` before `not_before`.
fn tame_plan() -> impl Strategy<Value = Value> {
    let relative = || {
        prop_oneof![
            (1u32..=60).prop_map(|n| format!("T-{n}")),
            (0u32..=30).prop_map(|n| format!("T+{n}")),
            (1u32..=28).prop_map(|d| format!("2022-09-{d:02}")),
        ]
        .prop_map(Value::from)
    };
    let link = (
        any::<Index>(),
        prop::sample::select(&["FS", "SS", "FF", "SF"][..]),
        -5i32..=5,
    );
    let task = (
        (
            0usize..2,
            0u32..=10,
            prop::collection::vec(link, 0..3),
            prop::bool::weighted(0.15),
        ),
        (
            prop::option::weighted(0.15, relative()),
            prop::option::weighted(0.15, relative()),
            prop::option::weighted(0.1, relative()),
            prop::option::weighted(
                0.3,
                prop::sample::select(&["vn", "every-day", "c1", "c2"][..]),
            ),
        ),
    );
    let calendar = (
        prop::option::of(prop::sample::select(&["vn", "every-day"][..])),
        prop::option::weighted(0.3, prop::sample::subsequence(WEEKDAYS, 1..=7)),
        prop::collection::vec(1u32..=30, 0..3),
        prop::collection::vec(1u32..=30, 0..3),
    );
    (
        prop::option::of(prop::sample::select(&["2022-06-01", "T-60"][..])),
        prop::option::of(prop::sample::select(&["vn", "every-day", "c1", "c2"][..])),
        calendar,
        prop::bool::weighted(0.2),
        prop::collection::vec(task, 0..8),
    )
        .prop_map(
            |(plan_start, forum_calendar, c1, spare_workstream, tasks)| {
                let (base, weekdays, holidays, extra) = c1;
                let day = |d: u32| Value::from(format!("2022-08-{d:02}"));
                let c1 = object(vec![
                    ("base", base.map(Value::from)),
                    ("weekdays", weekdays.map(Value::from)),
                    ("holidays", Some(holidays.into_iter().map(day).collect())),
                    (
                        "working_days_extra",
                        Some(extra.into_iter().map(day).collect()),
                    ),
                ]);
                let mut workstreams = vec![
                    json!({ "id": "content", "name": "Nội dung" }),
                    json!({ "id": "logistics", "name": "Hậu cần" }),
                ];
                if spare_workstream {
                    workstreams.push(json!({ "id": "finance", "name": "Kinh phí" }));
                }
                let tasks: Vec<Value> = tasks
                    .into_iter()
                    .enumerate()
                    .map(|(i, ((ws, duration, links, after_event), dates))| {
                        let (not_before, due, fixed_start, calendar) = dates;
                        let mut after: Vec<Value> = Vec::new();
                        if i > 0 {
                            for (to, kind, lag) in links {
                                let task = format!("t{}", to.index(i));
                                after.push(
                                    json!({ "task": task, "type": kind, "lag": format!("{lag}d") }),
                                );
                            }
                        }
                        if after_event {
                            after.push(json!({ "task": "event", "lag": "1d" }));
                        }
                        object(vec![
                            ("id", Some(Value::from(format!("t{i}")))),
                            ("workstream", Some(json!(["content", "logistics"][ws]))),
                            ("name", Some(json!("Việc"))),
                            ("duration", Some(Value::from(format!("{duration}d")))),
                            ("after", Some(Value::from(after))),
                            ("not_before", not_before),
                            ("due", due),
                            ("fixed_start", fixed_start),
                            ("calendar", calendar.map(Value::from)),
                        ])
                    })
                    .collect();
                object(vec![
                    (
                        "forum",
                        Some(object(vec![
                            ("id", Some(json!("dien-dan"))),
                            ("name", Some(json!("Diễn đàn"))),
                            ("date", Some(json!("2022-09-18"))),
                            ("plan_start", plan_start.map(Value::from)),
                            ("calendar", forum_calendar.map(Value::from)),
                        ])),
                    ),
                    (
                        "calendars",
                        Some(json!({ "c1": c1, "c2": { "base": "c1" } })),
                    ),
                    ("workstreams", Some(Value::from(workstreams))),
                    ("tasks", Some(Value::from(tasks))),
                ])
            },
        )
}

/// Loads a generated plan's text and checks everything that must hold.
fn check_generated(text: &str, format: Format) -> Result<bool, TestCaseError> {
    match load_consistently(text.as_bytes(), format)? {
        Ok(loaded) => {
            check_spans(text, &loaded.warnings)?;
            check_forum(&loaded.forum)?;
            Ok(true)
        }
        Err(diagnostics) => {
            check_spans(text, &diagnostics)?;
            Ok(false)
        }
    }
}

// --------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        loads_both_ways(&bytes)?;
    }

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        loads_both_ways(text.as_bytes())?;
    }

    #[test]
    fn plan_like_strings(
        text in "[{}\\[\\]\",:= \n0-9a-zT+\\-.\\\\#ổé]{0,300}",
    ) {
        loads_both_ways(text.as_bytes())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn mutated_fixtures(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let files = seed_files();
        let (_, original) = &files[file.index(files.len())];
        let mut bytes = original.clone();
        for m in &mutations {
            m.apply(&mut bytes);
        }
        loads_both_ways(&bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn generated_plans_are_judged_consistently(
        plan in prop_oneof![plan(), tame_plan()],
    ) {
        let json = serde_json::to_string_pretty(&plan).expect("a JSON value prints");
        check_generated(&json, Format::Json)?;
        // The same plan in TOML, where TOML can say it.
        if let Ok(toml) = toml::to_string(&plan) {
            check_generated(&toml, Format::Toml)?;
        }
    }
}

// ------------------------------------------------ TOML and journals

/// Every syntax error in TOML text points inside it, on character
/// boundaries (the toml crate gives some errors no position: they must
/// still be located, not left at 1:1 by default).
fn toml_errors_are_located(text: &str) -> Result<(), TestCaseError> {
    if let Err(diagnostics) = load_consistently(text.as_bytes(), Format::Toml)? {
        check_spans(text, &diagnostics)?;
    }
    Ok(())
}

/// The 2022 forum and its journal, for journal properties.
fn forum_2022() -> &'static (Forum, Vec<u8>) {
    static FORUM: OnceLock<(Forum, Vec<u8>)> = OnceLock::new();
    FORUM.get_or_init(|| {
        let dir = fixtures_dir().join("vesf-2022");
        let plan = std::fs::read(dir.join("plan.json")).expect("plan");
        let forum = load_plan(&plan, Format::Json)
            .expect("the 2022 plan loads")
            .forum;
        let journal = std::fs::read(dir.join("plan.journal.jsonl")).expect("journal");
        (forum, journal)
    })
}

/// Whatever the bytes: one result per line at most, every problem located
/// inside the bytes, at the start of a character of its line, and the same
/// for the entries about tasks the plan lacks; replay never fails.
fn journal_is_read_consistently(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (forum, _) = forum_2022();
    let journal = parse_journal_bytes(bytes);
    let problems = journal
        .problems
        .iter()
        .chain(&journal.unknown_tasks(bytes, forum))
        .cloned()
        .collect::<Vec<_>>();
    for d in &problems {
        let span = d.span.expect("journal problems are located");
        prop_assert!(
            span.start <= span.end && span.end <= bytes.len(),
            "{span:?} outside {} bytes: {d:?}",
            bytes.len()
        );
        let line_start = bytes[..span.start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line_end = bytes[span.start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| span.start + i);
        prop_assert!(span.end <= line_end, "{span:?} runs past its line: {d:?}");
        if let Ok(line) = std::str::from_utf8(&bytes[line_start..line_end]) {
            prop_assert!(
                line.is_char_boundary(span.start - line_start),
                "{span:?} splits a character: {d:?}"
            );
        }
    }
    let mut lines: Vec<usize> = journal.entries.iter().map(|l| l.line).collect();
    lines.extend(
        journal
            .problems
            .iter()
            .filter_map(|d| d.span)
            .map(|s| 1 + bytes[..s.start].iter().filter(|&&b| b == b'\n').count()),
    );
    let count = lines.len();
    lines.sort_unstable();
    lines.dedup();
    prop_assert_eq!(lines.len(), count, "two results for one line");
    let _ = journal.replay(forum, forum.event_date());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn toml_like_strings(
        text in "([a-z]{1,3}(\\.[a-z]{1,3}){0,100} ?= ?(\"[a-zổ ]{0,4}\"|[0-9]{1,4}|\\[|\\{|\\}|\\]|true|2022-09-18)|\\[{1,2}[a-z.]{0,200}\\]{0,2}|#[a-z ]{0,5}|\n){0,40}",
    ) {
        toml_errors_are_located(&text)?;
    }

    #[test]
    fn mutated_toml_plan(mutations in prop::collection::vec(mutation(), 1..5)) {
        let plan = std::fs::read_to_string(fixtures_dir().join("provincial-forum/plan.toml")).expect("TOML plan");
        let mut bytes = plan.into_bytes();
        for m in &mutations {
            m.apply(&mut bytes);
        }
        if let Ok(text) = String::from_utf8(bytes) {
            toml_errors_are_located(&text)?;
        }
    }

    #[test]
    fn arbitrary_journal_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        journal_is_read_consistently(&bytes)?;
    }

    #[test]
    fn mutated_journal(mutations in prop::collection::vec(mutation(), 1..5), lines in 1usize..40) {
        let (_, journal) = forum_2022();
        // A few lines of the real journal, then damage.
        let end = journal.iter().enumerate().filter(|&(_, &b)| b == b'\n').nth(lines).map_or(journal.len(), |(i, _)| i + 1);
        let mut bytes = journal[..end].to_vec();
        for m in &mutations {
            m.apply(&mut bytes);
        }
        journal_is_read_consistently(&bytes)?;
    }
}

// ------------------------------------------------------- fixed examples

#[test]
fn unmutated_seed_files_load_consistently() {
    for (path, bytes) in seed_files() {
        let format = Format::from_file_name(path);
        let result = load_plan(bytes, format);
        match &result {
            Ok(loaded) => assert!(!loaded.warnings.iter().any(Diagnostic::is_error), "{path}"),
            Err(diagnostics) => assert!(diagnostics.iter().any(Diagnostic::is_error), "{path}"),
        }
        // A fixture with a journal beside it is a valid plan whose journal
        // is broken.
        let journal = Path::new(path).with_extension("journal.jsonl");
        let invalid = path.contains("/invalid/") && !journal.exists();
        assert_eq!(result.is_err(), invalid, "{path}");
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let cases = [
        (Format::Json, "", "["),
        (Format::Json, "", "{\"a\":"),
        (Format::Json, "{\"tasks\": ", "[{\"after\": "),
        (Format::Toml, "a = ", "["),
        (Format::Toml, "a = ", "{ b = "),
        (Format::Toml, "a = ", "[{ b = "),
    ];
    for (format, prefix, open) in cases {
        for depth in [1, 127, 128, 129, 1_000, 200_000] {
            let text = format!("{prefix}{}", open.repeat(depth));
            assert!(
                load_plan(text.as_bytes(), format).is_err(),
                "{format:?} {open:?} × {depth}"
            );
        }
    }
}

/// Regressions found by the properties above, kept as plain tests.
mod regressions {
    use super::*;

    const PLAN: &str = r#"{"forum": {"id": "f", "name": "F", "date": "2022-09-18"},
        "workstreams": [{"id": "w", "name": "W"}],
        "tasks": [{"id": "a", "workstream": "w", "name": "A", "duration": "1d"},
                  {"id": "b", "workstream": "w", "name": "B", "duration": "1d", "after": ["a"]}]}"#;

    #[test]
    fn a_t_followed_by_a_non_ascii_letter_is_an_invalid_date() {
        for value in ["Té", "Tổ", "T\u{301}-1"] {
            let text = PLAN.replace(
                r#""duration": "1d"}"#,
                &format!(r#""duration": "1d", "fixed_start": "{value}"}}"#),
            );
            let errors = load_plan(text.as_bytes(), Format::Json).expect_err(value);
            assert!(
                errors
                    .iter()
                    .any(|d| d.code == forumplan_core::Code::InvalidDate),
                "{value}: {errors:?}"
            );
        }
    }

    #[test]
    fn empty_references_are_errors() {
        for (from, to) in [
            (
                r#""date": "2022-09-18""#,
                r#""date": "2022-09-18", "calendar": """#,
            ),
            (
                r#""workstream": "w", "name": "A""#,
                r#""workstream": "", "name": "A""#,
            ),
            (
                r#""name": "A", "duration": "1d""#,
                r#""name": "A", "duration": "1d", "calendar": """#,
            ),
            (r#""after": ["a"]"#, r#""after": ["a", ""]"#),
            (r#""after": ["a"]"#, r#""after": [{"task": ""}]"#),
        ] {
            let errors = load_plan(PLAN.replace(from, to).as_bytes(), Format::Json).expect_err(to);
            assert!(
                errors
                    .iter()
                    .any(|d| d.is_error() && d.code == forumplan_core::Code::InvalidId),
                "{to}: {errors:?}"
            );
        }
    }

    #[test]
    fn spans_stay_inside_the_text_and_on_character_boundaries() {
        for d in load_plan(b"", Format::Toml).expect_err("empty TOML") {
            assert_eq!(d.span.map(|s| s.end), Some(0), "{d:?}");
        }
        let text = "{\"a\": \"\\u12\u{1ed5}\"}";
        let span = load_plan(text.as_bytes(), Format::Json).expect_err("bad escape")[0]
            .span
            .expect("span");
        assert!(text.is_char_boundary(span.end), "{span:?}");
    }

    #[test]
    fn post_event_work_is_checked_against_the_post_event_window() {
        // `b` follows `a`, which follows the event: both are post-event, and
        // their calendar works Saturdays, but has every Saturday of the year
        // after the event off.
        let event = chrono::NaiveDate::from_ymd_opt(2022, 9, 18).expect("date");
        let saturdays_off: Vec<String> = event
            .iter_days()
            .take(367)
            .filter(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Sat)
            .map(|d| format!("\"{d}\""))
            .collect();
        let calendars = format!(
            r#""date": "2022-09-18", "plan_start": "2022-08-01"}}, "calendars": {{"x": {{"weekdays": ["sat"], "holidays": [{}]}}}}"#,
            saturdays_off.join(", ")
        );
        let text = PLAN
            .replace(r#""date": "2022-09-18"}"#, &calendars)
            .replace(
                r#""name": "A", "duration": "1d""#,
                r#""name": "A", "duration": "1d", "after": ["event"], "calendar": "x""#,
            )
            .replace(
                r#""name": "B", "duration": "1d""#,
                r#""name": "B", "duration": "1d", "calendar": "x""#,
            );
        let loaded = load_plan(text.as_bytes(), Format::Json).expect("valid with warnings");
        let warned: Vec<&str> = loaded
            .warnings
            .iter()
            .filter(|d| d.code == forumplan_core::Code::CalendarWithoutWorkingDay)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(warned.len(), 2, "{warned:?}");
        assert!(
            warned.iter().all(|m| m.contains("from 2022-09-18")),
            "{warned:?}"
        );
    }
}
