//! End-to-end tests of the committee's daily routine with the `forumplan`
//! binary: the morning `check` replayed over the last two weeks of the 2022
//! forum, `update` under concurrency and when killed mid-write, atomic `-o`
//! report files, every refusal of `update`, `history`, and `init --from`.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Days, NaiveDate};
use forumplan_core::journal::{parse_journal, parse_journal_bytes};
use uuid::Uuid;

mod common;

use common::{command, forumplan, post_event_tasks, root, succeed, transcript};

/// The 2022 forum (event on 18 September 2022) and its journal.
const PLAN_2022: &str = "fixtures/vesf-2022/plan.json";
const JOURNAL_2022: &str = "fixtures/vesf-2022/plan.journal.jsonl";

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a YYYY-MM-DD day")
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A small deterministic PRNG (xorshift64*), so the kill moments repeat.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound
    }
}

// ---------------------------------------------------------------------------
// The journal, read independently of forumplan: the last entry in file order
// dated on or before a day decides a task's state that day.

/// `(date, task, state)` of every line of a journal, in file order.
fn journal_facts(text: &str) -> Vec<(NaiveDate, String, String)> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let field = |name: &str| value[name].as_str().expect(name).to_owned();
            (day(&field("date")), field("task"), field("state"))
        })
        .collect()
}

/// Each task's state as of `as_of`.
fn states_as_of(facts: &[(NaiveDate, String, String)], as_of: NaiveDate) -> BTreeMap<&str, &str> {
    let mut states = BTreeMap::new();
    for (date, task, state) in facts {
        if *date <= as_of {
            states.insert(task.as_str(), state.as_str());
        }
    }
    states
}

fn in_state<'a>(states: &BTreeMap<&'a str, &str>, wanted: &str) -> BTreeSet<&'a str> {
    states
        .iter()
        .filter(|(_, state)| **state == wanted)
        .map(|(task, _)| *task)
        .collect()
}

/// The ids listed under `key` in a check's JSON.
fn listed<'a>(json: &'a serde_json::Value, key: &str) -> BTreeSet<&'a str> {
    json[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is a list"))
        .iter()
        .map(|id| id.as_str().expect("an id"))
        .collect()
}

fn rag_exit_code(rag: &serde_json::Value) -> i32 {
    match rag.as_str() {
        Some("green") => 0,
        Some("amber") => 1,
        Some("red") => 2,
        other => panic!("unexpected rag {other:?}"),
    }
}

/// Runs `check --format json` and checks that the exit code is the colour.
fn check_json(extra: &[&str]) -> (i32, serde_json::Value, Output) {
    let mut args = vec!["check", PLAN_2022, "--format", "json"];
    args.extend_from_slice(extra);
    let output = forumplan(&args);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", transcript(&output)));
    let code = output.status.code().expect("an exit code");
    assert_eq!(
        code,
        rag_exit_code(&json["rag"]),
        "{args:?}: the exit code is the colour\n{}",
        transcript(&output)
    );
    (code, json, output)
}

/// The changes the journal alone shows between `since` and `as_of`.
fn assert_changes_match_the_journal(
    json: &serde_json::Value,
    facts: &[(NaiveDate, String, String)],
    as_of: NaiveDate,
    since: NaiveDate,
) {
    let now = states_as_of(facts, as_of);
    let before = states_as_of(facts, since);
    let done: BTreeSet<&str> = in_state(&now, "done")
        .difference(&in_state(&before, "done"))
        .copied()
        .collect();
    let blocked_now = in_state(&now, "blocked");
    let blocked_before = in_state(&before, "blocked");
    let newly_blocked: BTreeSet<&str> = blocked_now.difference(&blocked_before).copied().collect();
    let unblocked: BTreeSet<&str> = blocked_before.difference(&blocked_now).copied().collect();
    assert_eq!(listed(json, "newly_done"), done, "newly_done as of {as_of}");
    assert_eq!(
        listed(json, "newly_blocked"),
        newly_blocked,
        "newly_blocked as of {as_of}"
    );
    assert_eq!(
        listed(json, "unblocked"),
        unblocked,
        "unblocked as of {as_of}"
    );
}

/// The ids of a check's JSON list whose items are objects with an `id`.
fn listed_ids<'a>(json: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    json[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is a list"))
        .iter()
        .map(|item| item["id"].as_str().expect("an id"))
        .collect()
}

/// What the contract says a check must show about the colour: the causes
/// explain it (red: something late or blocked on the critical path; amber:
/// something at risk or blocked; green: nothing), worst first, and every
/// late task is among them.
fn assert_causes_explain_the_colour(json: &serde_json::Value, as_of: NaiveDate) {
    let causes = json["causes"].as_array().expect("causes");
    let severity = |c: &serde_json::Value| match c["cause"].as_str() {
        Some("late") => 0,
        Some("blocked_critical") => 1,
        Some("at_risk") => 2,
        Some("blocked") => 3,
        other => panic!("unknown cause {other:?}"),
    };
    let expected_rag = match causes.iter().map(severity).min() {
        Some(0 | 1) => "red",
        Some(_) => "amber",
        None => "green",
    };
    assert_eq!(
        json["rag"], expected_rag,
        "{as_of}: the causes explain the colour: {causes:?}"
    );
    assert!(
        causes
            .windows(2)
            .all(|w| severity(&w[0]) <= severity(&w[1])),
        "{as_of}: worst first: {causes:?}"
    );
    let late_causes: BTreeSet<&str> = causes
        .iter()
        .filter(|c| c["cause"] == "late")
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        listed(json, "late"),
        late_causes,
        "{as_of}: every late task is a cause"
    );
}

/// From the event day on, the check is in post-event mode: no forecast, and
/// only post-event work among the causes, the late, must-start and due
/// lists; before it, no post-event work there. A task that must start today
/// is overdue by the days since its late start.
fn assert_post_event_mode(json: &serde_json::Value, as_of: NaiveDate, post: &BTreeSet<String>) {
    let after_event = as_of >= day("2022-09-18");
    assert_eq!(json["post_event"], after_event, "{as_of}");
    let named: Vec<&str> = ["causes", "must_start_today", "due_soon"]
        .iter()
        .flat_map(|key| listed_ids(json, key))
        .chain(listed(json, "late"))
        .collect();
    for id in named {
        assert_eq!(
            post.contains(id),
            after_event,
            "{as_of}: `{id}` is named; post-event work is named from the event day on, and only then"
        );
    }
    if after_event {
        assert!(
            json["forecast_ready"].is_null(),
            "{as_of}: no forecast after the event"
        );
    }
    for task in json["must_start_today"].as_array().expect("a list") {
        let late_start = day(task["late_start"].as_str().expect("late_start"));
        assert!(late_start <= as_of, "{as_of}: {task}");
        assert_eq!(
            task["overdue_days"],
            (as_of - late_start).num_days(),
            "{as_of}: overdue days of {task}"
        );
    }
}

/// The check's text fits a phone: a headline first, at most 40 lines of at
/// most 60 columns.
fn assert_fits_a_phone(text: &str, what: &str) {
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        (3..=40).contains(&lines.len()),
        "{what}: {} lines\n{text}",
        lines.len()
    );
    assert!(lines[0].starts_with('['), "{what}: headline first\n{text}");
    for line in lines {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 60, "{what}: {width} columns: {line}");
    }
}

#[test]
fn every_morning_from_t_minus_109_to_t_plus_14_replayed_day_by_day() {
    let facts = journal_facts(&fs::read_to_string(root().join(JOURNAL_2022)).expect("journal"));
    let post = post_event_tasks(PLAN_2022);
    let event = day("2022-09-18");
    let mut summary = String::new();
    let mut mornings = String::new();
    let mut total_done = 0;
    for offset in -109_i64..=14 {
        let as_of = event + chrono::Duration::days(offset);
        let yesterday = as_of - Days::new(1);
        let (code, json, output) = check_json(&["--as-of", &as_of.to_string()]);
        assert!(output.stderr.is_empty(), "{}", transcript(&output));
        assert_eq!(json["as_of"], as_of.to_string());
        assert_eq!(
            json["since"],
            yesterday.to_string(),
            "since defaults to the day before"
        );
        assert_changes_match_the_journal(&json, &facts, as_of, yesterday);
        assert_causes_explain_the_colour(&json, as_of);
        assert_post_event_mode(&json, as_of, &post);
        total_done += listed(&json, "newly_done").len();
        let causes = json["causes"].as_array().expect("causes");
        let first: Vec<String> = causes
            .iter()
            .take(3)
            .map(|c| {
                format!(
                    "{} ({})",
                    c["id"].as_str().expect("id"),
                    c["cause"].as_str().expect("cause")
                )
            })
            .collect();
        summary.push_str(&format!(
            "{as_of} {:>5} exit {code} {:<5} causes {:>2}: {}\n",
            json["t_minus"].as_str().expect("t_minus"),
            json["rag"].as_str().expect("rag"),
            causes.len(),
            first.join(", ")
        ));
        let text = forumplan(&["check", PLAN_2022, "--as-of", &as_of.to_string()]);
        assert_eq!(
            text.status.code(),
            Some(code),
            "text and JSON agree on {as_of}"
        );
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        assert_fits_a_phone(&text, &format!("check --as-of {as_of}"));
        if (-15..=-2).contains(&offset) || (0..=2).contains(&offset) {
            mornings.push_str(&format!(
                "=== check --as-of {as_of}: exit code {code}\n{text}"
            ));
        }
    }
    assert!(total_done > 100, "the replay sees the work being finished");
    let snapshot = |name: &str, description: &str, content: &str| {
        insta::with_settings!({
            snapshot_path => root().join("tests/snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => description,
        }, {
            insta::assert_snapshot!(name, content);
        });
    };
    snapshot(
        "check-vesf-2022-replay-t-109-to-t+14",
        "forumplan check fixtures/vesf-2022/plan.json --as-of D --format json, D = 2022-06-01 … 2022-10-02: colour and first causes",
        &summary,
    );
    snapshot(
        "check-vesf-2022-replay-09-03-to-09-16",
        "forumplan check fixtures/vesf-2022/plan.json --as-of D, D = 2022-09-03 … 2022-09-16 and 2022-09-18 … 2022-09-20",
        &mornings,
    );
}

/// The day the problem was seen: red, and the check must say why.
#[test]
fn check_names_the_late_task_that_makes_the_forum_red() {
    for (lang, heading) in [("vi", "Việc cần xử lý ngay"), ("en", "Needs action now")] {
        let args = ["check", PLAN_2022, "--as-of", "2022-09-13", "--lang", lang];
        let output = forumplan(&args);
        assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
        let text = String::from_utf8_lossy(&output.stdout);
        let (_, causes) = text
            .split_once(heading)
            .unwrap_or_else(|| panic!("a causes section\n{text}"));
        let first = causes.lines().nth(1).expect("a first cause");
        assert!(
            first.contains("streaming-contract"),
            "{lang}: worst first\n{text}"
        );
    }
    let (code, json, _) = check_json(&["--as-of", "2022-09-13"]);
    assert_eq!(code, 2);
    assert_eq!(json["causes"][0]["id"], "streaming-contract");
    assert_eq!(json["causes"][0]["cause"], "late");
    insta::with_settings!({
        snapshot_path => root().join("tests/snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => "forumplan check fixtures/vesf-2022/plan.json --as-of 2022-09-13 --format json",
    }, {
        insta::assert_snapshot!(
            "check-vesf-2022-2022-09-13.json",
            serde_json::to_string_pretty(&json).expect("JSON")
        );
    });
}

/// After the event: the headline says it took place, preparation work is
/// no longer "must start today", and the exit code follows post-event work.
#[test]
fn check_after_the_event_speaks_of_post_event_work_only() {
    let post = post_event_tasks(PLAN_2022);
    let (code, json, _) = check_json(&["--as-of", "2022-09-20"]);
    assert_eq!(json["t_minus"], "T+2");
    let must_start = listed_ids(&json, "must_start_today");
    assert!(must_start.iter().all(|id| post.contains(*id)), "{json}");
    let causes = listed_ids(&json, "causes");
    assert!(
        !causes.is_empty() && causes.iter().all(|id| post.contains(*id)),
        "{json}"
    );
    assert_eq!(code, 1, "post-event work at risk makes the day amber");
    for (lang, took_place) in [
        ("vi", "Diễn đàn đã diễn ra ngày 18/09/2022 (T+2)"),
        ("en", "The forum took place on 2022-09-18 (T+2)"),
    ] {
        let output = forumplan(&["check", PLAN_2022, "--as-of", "2022-09-20", "--lang", lang]);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains(took_place), "{lang}\n{text}");
        assert!(
            !text.contains("rehearsal"),
            "{lang}: preparation work is over\n{text}"
        );
    }
}

/// The HTML report's first-page summary ("needs action this week") names
/// what makes the forum red or amber: every cause the check names that
/// fits in the summary (at T+2 the only cause, post-event work at risk
/// but neither late, blocked nor due soon, was once missing, so the page
/// was amber with nothing to act on).
#[test]
fn the_html_summary_names_the_causes_of_the_colour() {
    for as_of in ["2022-09-13", "2022-09-17", "2022-09-20"] {
        let (_, json, _) = check_json(&["--as-of", as_of]);
        let causes = listed_ids(&json, "causes");
        assert!(!causes.is_empty(), "{as_of}: {json}");
        let html = succeed(&["status", PLAN_2022, "--as-of", as_of, "--format", "html"]);
        let html = String::from_utf8_lossy(&html.stdout);
        let start = html
            .find("<section class=\"actions\">")
            .expect("the summary");
        let summary = &html[start..start + html[start..].find("</section>").expect("its end")];
        assert!(!summary.contains("class=\"empty\""), "{as_of}\n{summary}");
        for id in causes.iter().take(3) {
            assert!(
                summary.contains(&format!("<span class=\"id\">{id}</span>")),
                "{as_of}: the summary does not name `{id}`\n{summary}"
            );
        }
    }
}

/// A fresh plan from `init` is green from its first day, and stays green
/// until the late start of its first task comes within the lookahead
/// window; on that late start day it must start, and the colour says so.
#[test]
fn a_fresh_plan_stays_green_until_its_first_late_start_is_near() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.json");
    let plan = utf8(&plan);
    succeed(&["init", plan, "--date", "2027-09-18", "--allow-past"]);
    let first_day = day("2027-09-18") - Days::new(291);
    let output = forumplan(&[
        "schedule",
        plan,
        "--as-of",
        &first_day.to_string(),
        "--format",
        "json",
    ]);
    let schedule: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let first_late_start = schedule["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| day(t["late_start"].as_str().expect("late_start")))
        .min()
        .expect("tasks");
    // The starter plan's settings.lookahead_days.
    let enters_window = first_late_start - Days::new(7);
    let check = |as_of: NaiveDate| {
        let output = forumplan(&[
            "check",
            plan,
            "--as-of",
            &as_of.to_string(),
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(
            output.status.code(),
            Some(rag_exit_code(&json["rag"])),
            "{as_of}"
        );
        json
    };
    assert_eq!(check(first_day)["t_minus"], "T-291");
    let mut as_of = first_day;
    while as_of < enters_window {
        let json = check(as_of);
        assert_eq!(json["rag"], "green", "{as_of}: {}", json["causes"]);
        as_of = as_of + Days::new(1);
    }
    let on_the_day = check(first_late_start);
    assert_ne!(
        on_the_day["rag"], "green",
        "on its late start day the first task is flagged: {on_the_day}"
    );
    assert!(
        listed_ids(&on_the_day, "must_start_today").contains(&"plan-approved"),
        "{on_the_day}"
    );
}

#[test]
fn check_since_a_week_earlier_lists_the_whole_weeks_changes() {
    let facts = journal_facts(&fs::read_to_string(root().join(JOURNAL_2022)).expect("journal"));
    let (as_of, since) = (day("2022-09-16"), day("2022-09-09"));
    let (daily_code, daily, _) = check_json(&["--as-of", "2022-09-16"]);
    let (code, json, output) = check_json(&["--as-of", "2022-09-16", "--since", "2022-09-09"]);
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
    assert_eq!(code, daily_code, "the colour does not depend on --since");
    assert_eq!(json["rag"], daily["rag"]);
    assert_eq!(json["since"], "2022-09-09");
    assert_changes_match_the_journal(&json, &facts, as_of, since);
    assert!(
        listed(&json, "newly_done").len() > listed(&daily, "newly_done").len(),
        "a week holds more finished work than a day"
    );
}

#[test]
fn check_since_after_as_of_is_unknown() {
    let output = forumplan(&[
        "check",
        PLAN_2022,
        "--as-of",
        "2022-09-10",
        "--since",
        "2022-09-12",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", transcript(&output));
    assert!(
        stderr(&output).contains("--since 2022-09-12 is after --as-of 2022-09-10"),
        "{}",
        transcript(&output)
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn check_is_unknown_when_the_plan_cannot_be_read_or_is_invalid() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let cases = [
        ("fixtures/no-such-plan.json", "cannot read"),
        (utf8(dir.path()), "cannot read"),
        ("fixtures/invalid/cycle-three-tasks.json", "cycle"),
        ("fixtures/invalid/not-utf8.json", "UTF-8"),
    ];
    for (plan, message) in cases {
        let output = forumplan(&["check", plan, "--as-of", "2022-09-13", "--lang", "en"]);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{plan}\n{}",
            transcript(&output)
        );
        assert!(stderr(&output).contains(message), "{}", transcript(&output));
        assert!(output.stdout.is_empty(), "{}", transcript(&output));
    }
}

#[test]
fn check_is_unknown_when_the_journal_cannot_be_read() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let journal = utf8(dir.path());
    let output = forumplan(&[
        "check",
        PLAN_2022,
        "--as-of",
        "2022-09-13",
        "--journal",
        journal,
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", transcript(&output));
    let message = stderr(&output);
    assert!(
        message.contains("cannot read") && message.contains(journal),
        "{message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn check_skips_a_damaged_journal_line_with_a_warning() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let original = fs::read_to_string(root().join(JOURNAL_2022)).expect("journal");
    let mut lines: Vec<&str> = original.lines().collect();
    lines.insert(100, r#"{"date":"2022-08-1"#);
    let journal = dir.path().join("damaged.jsonl");
    fs::write(&journal, lines.join("\n") + "\n").expect("write journal");
    let journal = utf8(&journal);
    for as_of in ["2022-09-13", "2022-09-16"] {
        let (code, json, output) =
            check_json(&["--as-of", as_of, "--journal", journal, "--lang", "en"]);
        let (clean_code, clean, _) = check_json(&["--as-of", as_of]);
        assert_eq!(code, clean_code, "{}", transcript(&output));
        assert_eq!(json, clean, "the damaged line is only skipped");
        let warning = stderr(&output);
        assert!(
            warning.contains(&format!("{journal}:101:")) && warning.contains("line skipped"),
            "{warning}"
        );
    }
}

// ---------------------------------------------------------------------------
// Concurrency and crash safety of the journal.

#[test]
fn eight_processes_appending_200_updates_each_lose_nothing() {
    const WORKERS: usize = 8;
    const UPDATES: usize = 200;
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path().join("plan.toml");
    fs::copy(root().join("fixtures/provincial-forum/plan.toml"), &plan).expect("copy plan");
    let journal = dir.path().join("shared.journal.jsonl");
    let tasks = [
        "project-list-draft",
        "agenda-draft",
        "project-profiles",
        "mou-prep",
    ];
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..WORKERS {
            let (plan, journal) = (&plan, &journal);
            scope.spawn(move || {
                for i in 0..UPDATES {
                    let progress = (i % 100).to_string();
                    let by = format!("worker-{worker}");
                    let args = [
                        "update",
                        utf8(plan),
                        tasks[(worker + i) % tasks.len()],
                        "--state",
                        "in_progress",
                        "--progress",
                        &progress,
                        "--date",
                        "2023-08-01",
                        "--by",
                        &by,
                        "--journal",
                        utf8(journal),
                    ];
                    let output = forumplan(&args);
                    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
                }
            });
        }
    });
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(300), "took {elapsed:?}");

    let text = fs::read_to_string(&journal).expect("journal");
    assert!(text.ends_with('\n'));
    assert_eq!(text.lines().count(), WORKERS * UPDATES);
    let parsed = parse_journal(&text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems.first());
    assert_eq!(parsed.entries.len(), WORKERS * UPDATES);
    let mut ids = HashSet::new();
    for entry in parsed.iter_entries() {
        let id = entry.id.expect("an id");
        assert_eq!(id.get_version_num(), 7, "{id} is a UUID v7");
        assert!(ids.insert(id), "{id} is used twice");
        assert!(entry.recorded_at.is_some(), "recorded_at is written");
    }
    // Each worker's entries are all there, in the order it wrote them.
    for worker in 0..WORKERS {
        let by = format!("worker-{worker}");
        let written: Vec<(String, u8)> = parsed
            .iter_entries()
            .filter(|e| e.by.as_deref() == Some(by.as_str()))
            .map(|e| (e.task.to_string(), e.progress.expect("progress")))
            .collect();
        let expected: Vec<(String, u8)> = (0..UPDATES)
            .map(|i| {
                let progress = u8::try_from(i % 100).expect("below 100");
                (tasks[(worker + i) % tasks.len()].to_owned(), progress)
            })
            .collect();
        assert_eq!(written, expected, "{by}");
    }
}

/// Checks a journal after a writer was killed: the original lines are intact
/// at the start, and a damaged line is only ever one that was left
/// unterminated at the very end by a killed writer (`damaged` collects
/// those; a later writer closes it off with a newline and moves on).
fn assert_only_whole_lines_after(original: &[u8], bytes: &[u8], damaged: &mut Vec<usize>) {
    assert!(
        bytes.starts_with(original),
        "the lines before are byte-for-byte intact"
    );
    let journal = parse_journal_bytes(bytes);
    let lines = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    for line in problem_lines(bytes, &journal) {
        if damaged.contains(&line) {
            continue;
        }
        assert!(
            !bytes.ends_with(b"\n") && line == lines,
            "only an unterminated last line may be damaged: line {line} of {:?}",
            journal.problems
        );
        damaged.push(line);
    }
}

#[test]
fn a_writer_killed_at_any_moment_never_breaks_earlier_lines() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("journal.jsonl");
    let fixture = fs::read_to_string(root().join(JOURNAL_2022)).expect("journal");
    let original: String = fixture.lines().take(5).map(|l| format!("{l}\n")).collect();
    fs::write(&path, &original).expect("write journal");
    let journal = utf8(&path);

    let mut rng = Rng(0x5EED_2022_0918);
    let (mut completed, mut killed) = (0, 0);
    let mut damaged = Vec::new();
    for i in 0..100 {
        let progress = (i % 100).to_string();
        let mut child = command(&[
            "update",
            PLAN_2022,
            "docs-print",
            "--state",
            "in_progress",
            "--progress",
            &progress,
            "--date",
            "2022-09-10",
            "--journal",
            journal,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start forumplan");
        std::thread::sleep(Duration::from_millis(rng.below(31)));
        // The process may already have finished; then there is nothing to kill.
        let _ = child.kill();
        let status = child.wait().expect("wait for forumplan");
        match (status.code(), status.signal()) {
            (Some(0), _) => completed += 1,
            (_, Some(9)) => killed += 1,
            _ => panic!("update failed: {status}"),
        }
        let bytes = fs::read(&path).expect("journal");
        assert_only_whole_lines_after(original.as_bytes(), &bytes, &mut damaged);
    }
    assert_eq!(completed + killed, 100);

    let before = fs::read(&path).expect("journal");
    let added = parse_journal_bytes(&before).entries.len() - 5;
    let unterminated = !before.ends_with(b"\n");
    assert!(
        added >= completed && added <= 100,
        "{added} lines for {completed} completed and {killed} killed writers"
    );
    let output = forumplan(&[
        "update",
        PLAN_2022,
        "docs-print",
        "--state",
        "done",
        "--date",
        "2022-09-16",
        "--journal",
        journal,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let after = fs::read(&path).expect("journal");
    assert!(after.starts_with(&before));
    if unterminated {
        assert_eq!(
            after[before.len()],
            b'\n',
            "a partial last line is closed off"
        );
    }
    let parsed = parse_journal_bytes(&after);
    let lines = problem_lines(&after, &parsed);
    assert_eq!(lines, damaged, "only the partial lines are damaged");
    let last = &parsed.entries.last().expect("an entry").entry;
    assert_eq!(
        (last.task.as_str(), last.date),
        ("docs-print", day("2022-09-16"))
    );
}

#[test]
fn an_update_after_a_crash_mid_line_isolates_the_damaged_line() {
    let fixture = fs::read(root().join(JOURNAL_2022)).expect("journal");
    let mut lines = fixture.split_inclusive(|b| *b == b'\n');
    let whole: Vec<u8> = lines.by_ref().take(4).flatten().copied().collect();
    let fifth = lines.next().expect("a fifth line");
    // Cut inside the ASCII id, and in the middle of a Vietnamese letter
    // (leaving invalid UTF-8), as a crash can cut anywhere.
    let multibyte = (0..fifth.len())
        .find(|&i| fifth[i] >= 0x80)
        .expect("a non-ASCII byte")
        + 1;
    for cut in [40, multibyte] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("journal.jsonl");
        let original = [&whole[..], &fifth[..cut]].concat();
        fs::write(&path, &original).expect("write journal");
        assert_crash_mid_line_is_isolated(&path, &original);
    }
}

fn assert_crash_mid_line_is_isolated(path: &Path, original: &[u8]) {
    let journal = utf8(path);
    let output = forumplan(&[
        "update",
        PLAN_2022,
        "docs-print",
        "--state",
        "in_progress",
        "--progress",
        "20",
        "--date",
        "2022-09-13",
        "--journal",
        journal,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let bytes = fs::read(path).expect("journal");
    assert!(bytes.starts_with(original), "nothing is rewritten");
    assert_eq!(
        bytes[original.len()],
        b'\n',
        "the damaged line is closed off"
    );
    let parsed = parse_journal_bytes(&bytes);
    assert_eq!(problem_lines(&bytes, &parsed), [5], "{:?}", parsed.problems);
    assert_eq!(parsed.entries.len(), 5);
    let last = parsed.entries.last().expect("the new entry");
    assert_eq!((last.line, last.entry.task.as_str()), (6, "docs-print"));
    let at_line = format!("{journal}:5:");
    for args in [
        [
            "status",
            PLAN_2022,
            "--as-of",
            "2022-09-13",
            "--journal",
            journal,
        ],
        [
            "check",
            PLAN_2022,
            "--as-of",
            "2022-09-13",
            "--journal",
            journal,
        ],
    ] {
        let output = forumplan(&args);
        let code = output.status.code().expect("an exit code");
        assert!((0..=2).contains(&code), "{args:?}\n{}", transcript(&output));
        assert!(!output.stdout.is_empty());
        let warning = stderr(&output);
        assert!(
            warning.contains(&at_line) && warning.contains("bỏ qua dòng này"),
            "{args:?}\n{warning}"
        );
    }
    let output = forumplan(&["validate", PLAN_2022, "--journal", journal]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert!(
        stderr(&output).contains("journal line 5:"),
        "{}",
        transcript(&output)
    );
}

#[test]
fn a_report_file_is_the_old_one_or_a_whole_new_one_when_killed() {
    let days = [
        "2022-09-12",
        "2022-09-13",
        "2022-09-14",
        "2022-09-15",
        "2022-09-16",
    ];
    let reference_dir = tempfile::tempdir().expect("temporary folder");
    let mut durations = Vec::new();
    let references: Vec<Vec<u8>> = days
        .iter()
        .map(|as_of| {
            let path = reference_dir.path().join(format!("{as_of}.html"));
            let started = Instant::now();
            let output = forumplan(&[
                "status",
                PLAN_2022,
                "--as-of",
                as_of,
                "--format",
                "html",
                "-o",
                utf8(&path),
            ]);
            durations.push(started.elapsed());
            assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
            fs::read(&path).expect("report")
        })
        .collect();
    // Kill anywhere from the start to a little after a typical run's end,
    // so that some kills land while the report is being written.
    durations.sort();
    let typical = u64::try_from(durations[durations.len() / 2].as_millis()).expect("ms");
    let window = typical * 3 / 2 + 1;

    let dir = tempfile::tempdir().expect("temporary folder");
    let report = dir.path().join("report.html");
    fs::write(&report, "yesterday's report").expect("write");
    let mut rng = Rng(0x0018_0920_22AB_CDEF);
    let mut outcomes = BTreeMap::new();
    for i in 0..60 {
        let which = i % days.len();
        let before = fs::read(&report).expect("report");
        let mut child = command(&[
            "status",
            PLAN_2022,
            "--as-of",
            days[which],
            "--format",
            "html",
            "-o",
            utf8(&report),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start forumplan");
        std::thread::sleep(Duration::from_millis(rng.below(window)));
        let _ = child.kill();
        let status = child.wait().expect("wait for forumplan");
        let after = fs::read(&report).expect("report");
        let outcome = if after == references[which] {
            "new"
        } else if after == before {
            "old"
        } else {
            panic!("run {i}: the report is neither the old one nor the new one ({status})")
        };
        *outcomes.entry((outcome, status.success())).or_insert(0) += 1;
        if status.success() {
            assert_eq!(outcome, "new", "a finished run leaves the new report");
        }
    }
    assert_eq!(outcomes.values().sum::<i32>(), 60, "{outcomes:?}");
    // Killed runs may leave their temporary files; nothing else appears.
    for entry in fs::read_dir(dir.path()).expect("list") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            name == "report.html" || name.starts_with(".forumplan-"),
            "unexpected file {name}"
        );
    }
}

// ---------------------------------------------------------------------------
// `update`: refusals and the happy path.

/// Runs a refused update against an existing and a missing journal, and
/// checks the message and that the journal is untouched.
fn assert_refused(args: &[&str], messages: &[&str]) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let existing = dir.path().join("journal.jsonl");
    let fixture = fs::read(root().join(JOURNAL_2022)).expect("journal");
    fs::write(&existing, &fixture).expect("write journal");
    let missing = dir.path().join("new.journal.jsonl");
    for journal in [&existing, &missing] {
        let mut all = vec!["update", PLAN_2022];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--journal", utf8(journal), "--lang", "en"]);
        let output = forumplan(&all);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{all:?}\n{}",
            transcript(&output)
        );
        for message in messages {
            assert!(
                stderr(&output).contains(message),
                "{all:?}: expected {message:?}\n{}",
                transcript(&output)
            );
        }
        assert!(output.stdout.is_empty(), "{}", transcript(&output));
        if journal == &existing {
            assert!(
                fs::read(journal).expect("journal") == fixture,
                "{all:?}: the journal is byte-for-byte unchanged"
            );
        } else {
            assert!(!journal.exists(), "{all:?}: no journal is created");
        }
    }
    let files = fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(files, 1, "{args:?}: nothing else is written");
}

#[test]
fn update_refuses_an_unknown_task() {
    assert_refused(
        &["docs-prnt", "--state", "done"],
        &[
            "the plan has no task `docs-prnt`",
            "did you mean `docs-print`?",
        ],
    );
}

#[test]
fn update_refuses_an_unknown_state() {
    assert_refused(
        &["docs-print", "--state", "finished"],
        &[
            "`finished` is not a state",
            "not_started, in_progress, done, blocked or cancelled",
        ],
    );
}

#[test]
fn update_refuses_progress_outside_0_to_100() {
    assert_refused(
        &[
            "docs-print",
            "--state",
            "in_progress",
            "--progress",
            "101",
            "--date",
            "2022-09-10",
        ],
        &["progress 101 is outside 0–100"],
    );
    assert_refused(
        &[
            "docs-print",
            "--state",
            "in_progress",
            "--progress=-1",
            "--date",
            "2022-09-10",
        ],
        &["progress -1 is outside 0–100"],
    );
}

#[test]
fn update_refuses_a_day_after_today() {
    assert_refused(
        &["docs-print", "--state", "done", "--date", "2100-12-31"],
        &[
            "2100-12-31 is after today",
            "give today's date or an earlier one",
        ],
    );
}

#[test]
fn update_refuses_a_malformed_date() {
    assert_refused(
        &["docs-print", "--state", "done", "--date", "13/09/2022"],
        &["`13/09/2022` is not a date", "YYYY-MM-DD"],
    );
}

#[test]
fn update_refuses_progress_that_contradicts_the_state() {
    let cases: [(&str, &str, &[&str]); 4] = [
        ("done", "50", &["a done task is 100% done, not 50%"]),
        (
            "in_progress",
            "100",
            &["work 100% done is done", "--state done"],
        ),
        (
            "not_started",
            "30",
            &["a task not started cannot be 30% done"],
        ),
        ("cancelled", "10", &["a cancelled task has no progress"]),
    ];
    for (state, progress, messages) in cases {
        assert_refused(
            &[
                "docs-print",
                "--state",
                state,
                "--progress",
                progress,
                "--date",
                "2022-09-10",
            ],
            messages,
        );
    }
}

#[test]
fn update_appends_one_line_with_a_fresh_uuid_v7() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("journal.jsonl");
    let fixture = fs::read(root().join(JOURNAL_2022)).expect("journal");
    fs::write(&path, &fixture).expect("write journal");
    let start = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock");
    let output = forumplan(&[
        "update",
        PLAN_2022,
        "docs-print",
        "--state",
        "in_progress",
        "--progress",
        "90",
        "--date",
        "2022-09-16",
        "--by",
        "Vụ Hành chính",
        "--note",
        "In xong phần chương trình",
        "--journal",
        utf8(&path),
    ]);
    let end = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock");
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("16/09/2022 docs-print Đang thực hiện 90%"),
        "{}",
        transcript(&output)
    );
    let after = fs::read(&path).expect("journal");
    assert!(after.starts_with(&fixture));
    let added = std::str::from_utf8(&after[fixture.len()..]).expect("UTF-8");
    assert_eq!(added.matches('\n').count(), 1, "{added}");
    assert!(added.ends_with('\n'));
    let value: serde_json::Value = serde_json::from_str(added).expect("a JSON line");
    assert_eq!(value["task"], "docs-print");
    assert_eq!(value["state"], "in_progress");
    assert_eq!(value["progress"], 90);
    assert_eq!(value["date"], "2022-09-16");
    assert_eq!(value["by"], "Vụ Hành chính");
    assert_eq!(value["note"], "In xong phần chương trình");

    let slack = Duration::from_secs(2);
    let id: Uuid = value["id"].as_str().expect("id").parse().expect("a UUID");
    assert_eq!(id.get_version_num(), 7, "{id}");
    let (secs, nanos) = id.get_timestamp().expect("a v7 timestamp").to_unix();
    let stamped = Duration::new(secs, nanos);
    assert!(
        stamped + slack >= start && stamped <= end + slack,
        "{id} was made at {stamped:?}, not between {start:?} and {end:?}"
    );
    let text = value["recorded_at"].as_str().expect("recorded_at");
    let recorded = DateTime::parse_from_rfc3339(text).expect("RFC 3339");
    assert_eq!(recorded.offset().local_minus_utc(), 7 * 3600, "{text}");
    assert!(text.ends_with("+07:00"), "{text}");
    let recorded =
        Duration::from_millis(u64::try_from(recorded.timestamp_millis()).expect("after 1970"));
    assert!(
        recorded + slack >= start && recorded <= end + slack,
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// `history` and `init --from`.

#[test]
fn history_lists_one_tasks_entries_in_file_order() {
    let output = forumplan(&["history", PLAN_2022, "docs-print", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    let shown: Vec<(String, String)> = text
        .lines()
        .filter(|line| {
            line.get(..10)
                .is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        })
        .map(|line| {
            assert!(line.contains("docs-print"), "{line}");
            let (date, rest) = line.split_at(10);
            // "In progress 20%  docs-print — …": the state's name, then the progress.
            let state = rest.trim_start().split("  ").next().expect("state");
            let state = state.trim_end_matches(|c: char| c.is_ascii_digit() || c == '%');
            (date.to_owned(), state.trim_end().to_owned())
        })
        .collect();
    let journal = fs::read_to_string(root().join(JOURNAL_2022)).expect("journal");
    let name = |code: &str| match code {
        "not_started" => "Not started",
        "in_progress" => "In progress",
        "done" => "Done",
        "blocked" => "Blocked",
        "cancelled" => "Cancelled",
        other => panic!("unknown state {other}"),
    };
    let expected: Vec<(String, String)> = journal_facts(&journal)
        .into_iter()
        .filter(|(_, task, _)| task == "docs-print")
        .map(|(date, _, state)| (date.to_string(), name(&state).to_owned()))
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    assert_eq!(shown, expected, "\n{text}");
    assert!(text.contains("40%") && text.contains("80%"), "{text}");
}

#[test]
fn history_refuses_an_unknown_task_with_a_hint() {
    let output = forumplan(&["history", PLAN_2022, "docs-prnt", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let message = stderr(&output);
    assert!(
        message.contains("the plan has no task `docs-prnt`"),
        "{message}"
    );
    assert!(message.contains("did you mean `docs-print`?"), "{message}");
    assert!(output.stdout.is_empty());
}

/// The `fixed_start` of every task that has one, as days from the event.
fn fixed_offsets(plan: &serde_json::Value) -> BTreeMap<String, i64> {
    let event = day(plan["forum"]["date"].as_str().expect("forum.date"));
    plan["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|task| {
            let fixed = task["fixed_start"].as_str()?;
            let offset = match fixed.strip_prefix('T') {
                Some(relative) => relative.parse().expect("T±N"),
                None => (day(fixed) - event).num_days(),
            };
            Some((task["id"].as_str().expect("id").to_owned(), offset))
        })
        .collect()
}

#[test]
fn init_from_last_years_plan_reanchors_it_and_leaves_the_journal() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("vesf-2023.json");
    let new = utf8(&path);
    let output = forumplan(&[
        "init",
        new,
        "--from",
        PLAN_2022,
        "--date",
        "2023-09-24",
        "--allow-past",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));

    let output = forumplan(&["validate", new]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));

    let text = fs::read_to_string(&path).expect("new plan");
    let plan: serde_json::Value = serde_json::from_str(&text).expect("JSON plan");
    let old: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join(PLAN_2022)).expect("old plan"))
            .expect("JSON plan");
    assert_eq!(plan["forum"]["id"], "vesf-2023");
    assert_eq!(plan["forum"]["date"], "2023-09-24");
    assert!(
        plan["forum"]
            .get("journal")
            .is_none_or(serde_json::Value::is_null),
        "no journal: {}",
        plan["forum"]
    );
    assert!(
        !text.contains("plan.journal.jsonl"),
        "the old journal is left behind"
    );
    assert_eq!(
        plan["tasks"].as_array().map(Vec::len),
        old["tasks"].as_array().map(Vec::len)
    );

    let offsets = fixed_offsets(&old);
    assert_eq!(
        fixed_offsets(&plan),
        offsets,
        "fixed starts keep their distance from the event"
    );
    assert_eq!(
        offsets.get("rehearsal"),
        Some(&-1),
        "the rehearsal is the day before"
    );

    // The new forum's schedule from its first day: nothing done, fixed tasks on their days.
    let event = day("2023-09-24");
    let start = plan["forum"]["plan_start"].as_str().expect("plan_start");
    let start = match start.strip_prefix("T") {
        Some(relative) => event
            .checked_add_signed(chrono::Duration::days(relative.parse().expect("T±N")))
            .expect("a day"),
        None => day(start),
    };
    assert_eq!(
        start,
        day("2023-06-07"),
        "plan_start keeps its distance too"
    );
    let output = succeed(&[
        "schedule",
        new,
        "--as-of",
        &start.to_string(),
        "--format",
        "json",
    ]);
    let schedule: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for task in schedule["tasks"].as_array().expect("tasks") {
        let id = task["id"].as_str().expect("id");
        assert_eq!(task["state"], "not_started", "{id} starts afresh");
        if let Some(offset) = offsets.get(id) {
            let expected = event
                .checked_add_signed(chrono::Duration::days(*offset))
                .expect("a day");
            assert_eq!(task["early_start"], expected.to_string(), "{id}");
        }
    }
    let rehearsal = schedule["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["id"] == "rehearsal")
        .expect("a rehearsal");
    assert_eq!(rehearsal["early_start"], "2023-09-23");
}

#[test]
fn init_from_needs_the_new_date() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("next.json");
    let output = forumplan(&["init", utf8(&path), "--from", PLAN_2022, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let message = stderr(&output);
    assert!(message.contains("needs the new event day"), "{message}");
    assert!(message.contains("--date YYYY-MM-DD"), "{message}");
    assert!(!path.exists());
}

/// A snapshot of `text` in `tests/snapshots/`.
fn assert_text_snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => root().join("tests/snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn init_from_moves_fixed_starts_off_non_working_days_and_lists_every_move() {
    // 2027-09-22 is a Wednesday: last year's Wednesday meeting at T-102
    // falls on a Saturday and the Thursday site survey at T-3 on a Sunday.
    for lang in ["vi", "en"] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("vesf-2027.json");
        let new = utf8(&path);
        let args = [
            "init",
            new,
            "--from",
            PLAN_2022,
            "--date",
            "2027-09-22",
            "--allow-past",
            "--lang",
            lang,
        ];
        let output = succeed(&args);
        let shown = String::from_utf8_lossy(&output.stdout).replace(new, "<new plan>");
        assert_text_snapshot(&format!("init-from-2022-to-2027-09-22.{lang}"), &shown);
        succeed(&["validate", new]);

        let plan: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("new plan")).expect("JSON");
        let offsets = fixed_offsets(&plan);
        let event = day("2027-09-22");
        let on = |id: &str| event.checked_add_signed(chrono::Duration::days(offsets[id]));
        assert_eq!(
            on("steering-meeting-1"),
            Some(day("2027-06-11")),
            "Friday before"
        );
        assert_eq!(
            on("leadership-site-survey"),
            Some(day("2027-09-17")),
            "Friday before"
        );
        assert_eq!(
            on("briefing-sep"),
            Some(day("2027-09-17")),
            "already a Friday"
        );
        assert_eq!(on("rehearsal"), Some(day("2027-09-21")), "kept");
        for id in ["steering-meeting-1", "leadership-site-survey"] {
            assert!(shown.contains(id), "{id} is listed:\n{shown}");
        }
        assert!(
            !shown.contains("briefing-sep"),
            "only moved days are listed"
        );
    }
}

#[test]
fn init_refuses_an_event_day_in_the_past_unless_allowed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old.json");
    let new = utf8(&path);
    for (lang, words) in [("vi", "đã qua"), ("en", "has passed")] {
        for from in [&[][..], &["--from", PLAN_2022]] {
            let mut args = vec!["init", new, "--date", "2023-09-24", "--lang", lang];
            args.extend_from_slice(from);
            let output = forumplan(&args);
            assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
            let message = stderr(&output);
            assert!(message.contains(words), "{message}");
            assert!(message.contains("--allow-past"), "{message}");
            assert!(!path.exists());
        }
    }
    succeed(&["init", new, "--date", "2023-09-24", "--allow-past"]);
    assert!(path.exists());
    // A day ahead needs no flag.
    let ahead = dir.path().join("ahead.json");
    let next_year = chrono::Utc::now().date_naive() + Days::new(400);
    succeed(&["init", utf8(&ahead), "--date", &next_year.to_string()]);
}

/// Regressions found while writing the tests above.
mod regressions {
    use super::*;

    #[test]
    fn a_negative_progress_written_with_a_space_is_refused_like_any_other() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let journal = dir.path().join("j.jsonl");
        let journal = journal.to_str().expect("UTF-8 path");
        let args = [
            "update",
            "fixtures/vesf-2022/plan.json",
            "docs-print",
            "--state",
            "in_progress",
            "--progress",
            "-1",
            "--date",
            "2022-09-10",
            "--journal",
            journal,
            "--lang",
            "en",
        ];
        let output = forumplan(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stderr).contains("outside 0–100"));
        assert!(!Path::new(journal).exists());
    }

    #[test]
    fn a_wrong_check_command_line_is_unknown_not_red() {
        for args in [
            &["check", "fixtures/vesf-2022/plan.json", "--format", "yaml"][..],
            &["check", "--bogus"],
            &["check"],
        ] {
            let output = forumplan(args);
            assert_eq!(output.status.code(), Some(3), "{args:?}");
        }
        // Other commands keep clap's usual code for usage errors.
        assert_eq!(forumplan(&["status", "--bogus"]).status.code(), Some(2));
    }

    #[test]
    fn reports_written_with_o_keep_the_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("report.md");
        for mode in [0o644, 0o640] {
            std::fs::write(&path, "old").expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
            let target = path.to_str().expect("UTF-8 path");
            let output = forumplan(&[
                "status",
                "fixtures/vesf-2022/plan.json",
                "--as-of",
                "2022-09-13",
                "--format",
                "markdown",
                "-o",
                target,
            ]);
            assert_eq!(output.status.code(), Some(0));
            let now = std::fs::metadata(&path)
                .expect("report")
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(now, mode);
        }
        let plan = dir.path().join("new.json");
        let output = forumplan(&[
            "init",
            plan.to_str().expect("UTF-8 path"),
            "--allow-past",
            "--date",
            "2026-09-18",
        ]);
        assert_eq!(output.status.code(), Some(0));
        // A new plan gets the permissions any new file gets (0666 less the umask).
        let ordinary = dir.path().join("ordinary");
        std::fs::write(&ordinary, "").expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("file").permissions().mode() & 0o777;
        assert_eq!(mode(&plan), mode(&ordinary));
    }
}

/// The 1-based line of each of the journal's problems, from its span in
/// `bytes` (the bytes it was parsed from).
fn problem_lines(bytes: &[u8], journal: &forumplan_core::journal::Journal) -> Vec<usize> {
    journal
        .problems
        .iter()
        .map(|d| {
            let at = d.span.expect("journal problems are located").start;
            1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
        })
        .collect()
}

#[test]
fn quiet_records_an_update_without_a_word() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let journal = folder.path().join("journal.jsonl");
    let journal = utf8(&journal);
    let args = ["update", PLAN_2022, "docs-print", "--state", "done"];
    let args = [&args[..], &["--date", "2022-09-16", "--journal", journal]].concat();
    let quiet = forumplan(&[&["-q"], &args[..]].concat());
    assert_eq!(quiet.status.code(), Some(0), "{}", transcript(&quiet));
    assert!(
        quiet.stdout.is_empty() && quiet.stderr.is_empty(),
        "{}",
        transcript(&quiet)
    );
    let told = forumplan(&args);
    assert_eq!(told.status.code(), Some(0), "{}", transcript(&told));
    assert!(
        !told.stdout.is_empty(),
        "without -q the update is confirmed"
    );
    let lines = fs::read_to_string(journal).expect("journal");
    assert_eq!(lines.lines().count(), 2, "both were recorded:\n{lines}");
}
