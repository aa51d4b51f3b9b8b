//! `forumplan health` and `forumplan baseline` end to end: one fixture per
//! health check that fails exactly that check, report snapshots, and a
//! baseline saved, the plan changed, and the variance seen.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_report_snapshot, forumplan, root, transcript};

/// The day every fixture under `fixtures/health/` is checked as of.
const FIXTURE_DAY: &str = "2026-06-01";

/// `forumplan health` on `plan` as JSON, with its exit code.
fn health_json(plan: &Path, as_of: &str) -> (i32, serde_json::Value) {
    let plan = plan.to_string_lossy();
    let output = forumplan(&["-q", "health", &plan, "--as-of", as_of, "--format", "json"]);
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}", transcript(&output)));
    (output.status.code().unwrap_or(-1), json)
}

/// The numbers of the checks that fail.
fn failing(json: &serde_json::Value) -> Vec<u64> {
    checks(json)
        .iter()
        .filter(|c| c["pass"] == false)
        .map(|c| c["number"].as_u64().expect("number"))
        .collect()
}

fn checks(json: &serde_json::Value) -> &Vec<serde_json::Value> {
    json["checks"].as_array().expect("checks")
}

/// Each folder `fixtures/health/<nn>-<name>/` holds a plan (with its
/// journal and, for the checks that need one, a baseline) that fails
/// exactly check `nn`, whose JSON name is `<name>` with `_` for `-`;
/// `00-passing` passes every check, none skipped.
#[test]
fn every_health_fixture_fails_exactly_its_own_check() {
    let folder = root().join("fixtures/health");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("fixtures/health")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    fixtures.sort();
    assert_eq!(
        fixtures.len(),
        15,
        "one fixture per check and a passing one"
    );
    for fixture in fixtures {
        let name = fixture
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let (number, check) = name.split_once('-').expect("<nn>-<name>");
        let number: u64 = number.parse().expect("a check number");
        let (code, json) = health_json(&fixture.join("plan.json"), FIXTURE_DAY);
        let all = checks(&json);
        let numbers: Vec<u64> = all
            .iter()
            .map(|c| c["number"].as_u64().unwrap_or(0))
            .collect();
        assert_eq!(
            numbers,
            (1..=14).collect::<Vec<_>>(),
            "{name}: fourteen checks in order"
        );
        if number == 0 {
            assert_eq!((code, failing(&json)), (0, vec![]), "{name}: {json:#}");
            assert_eq!(json["pass"], true, "{name}");
            assert!(
                all.iter().all(|c| c["skipped"] == false),
                "{name}: every check measured: {json:#}"
            );
            continue;
        }
        assert_eq!(
            (code, failing(&json)),
            (1, vec![number]),
            "{name} must fail check {number} alone: {json:#}"
        );
        assert_eq!(json["pass"], false, "{name}");
        let failed = &all[number as usize - 1];
        assert_eq!(failed["name"], check.replace('-', "_"), "{name}");
        assert!(
            !failed["tasks"].as_array().expect("tasks").is_empty(),
            "{name}: the offending tasks are named"
        );
    }
}

/// The plan and journal in `folder` (under the workspace root) copied to
/// a folder of their own, where a baseline can be written.
fn plan_copy(folder: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    for file in ["plan.json", "plan.journal.jsonl"] {
        std::fs::copy(root().join(folder).join(file), dir.path().join(file)).expect("copy fixture");
    }
    let plan = dir.path().join("plan.json").to_string_lossy().into_owned();
    (dir, plan)
}

#[test]
fn health_of_the_2022_forum_with_and_without_a_baseline() {
    let plan = "fixtures/vesf-2022/plan.json";
    for lang in ["vi", "en"] {
        let output = forumplan(&["health", plan, "--as-of", "2022-08-20", "--lang", lang]);
        assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
        assert_report_snapshot(
            &format!("health-vesf-2022-2022-08-20.{lang}.txt"),
            &String::from_utf8_lossy(&output.stdout),
        );
    }
    let (dir, copy) = plan_copy("fixtures/vesf-2022");
    let saved = forumplan(&[
        "baseline",
        &copy,
        "--as-of",
        "2022-08-01",
        "--name",
        "approved",
    ]);
    assert_eq!(saved.status.code(), Some(0), "{}", transcript(&saved));
    for lang in ["vi", "en"] {
        let output = forumplan(&["health", &copy, "--as-of", "2022-08-20", "--lang", lang]);
        assert_report_snapshot(
            &format!("health-vesf-2022-2022-08-20.baseline.{lang}.txt"),
            &String::from_utf8_lossy(&output.stdout),
        );
    }
    let (code, json) = health_json(Path::new(&copy), "2022-08-20");
    assert_eq!(code, 1);
    assert_report_snapshot(
        "health-vesf-2022-2022-08-20.baseline.json",
        &serde_json::to_string_pretty(&json).expect("JSON"),
    );
    drop(dir);
}

/// The tasks of `schedule --format json`, by id.
fn scheduled(plan: &str, extra: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let mut args = vec![
        "-q",
        "schedule",
        plan,
        "--as-of",
        FIXTURE_DAY,
        "--format",
        "json",
    ];
    args.extend(extra);
    let output = forumplan(&args);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    json["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| (t["id"].as_str().unwrap_or_default().to_owned(), t.clone()))
        .collect()
}

/// Rewrites the plan at `plan` through `change`.
fn edit_plan(plan: &str, change: impl FnOnce(&mut serde_json::Value)) {
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(plan).expect("plan")).expect("JSON");
    change(&mut json);
    std::fs::write(plan, serde_json::to_string_pretty(&json).expect("JSON")).expect("write plan");
}

#[test]
fn a_baseline_saved_then_the_plan_changed_shows_the_variance() {
    let (dir, plan) = plan_copy("fixtures/health/00-passing");
    let baselines = dir.path().join("plan.baseline.json");
    // Without a baseline, no baseline fields at all.
    let before = scheduled(&plan, &[]);
    assert!(before["a"].get("baseline_finish").is_none());

    let saved = forumplan(&["baseline", &plan, "--as-of", FIXTURE_DAY, "--lang", "en"]);
    assert_eq!(saved.status.code(), Some(0), "{}", transcript(&saved));
    assert!(saved.stdout.is_empty(), "stdout carries reports only");
    assert!(
        String::from_utf8_lossy(&saved.stderr).contains("saved baseline `2026-06-01`"),
        "{}",
        transcript(&saved)
    );
    let unchanged = scheduled(&plan, &[]);
    for task in ["kickoff", "a", "b", "c", "d"] {
        assert_eq!(unchanged[task]["finish_variance"], 0, "{task}");
        assert_eq!(
            unchanged[task]["baseline_finish"], unchanged[task]["early_finish"],
            "{task}"
        );
    }

    // Review takes two days more; a new task joins; a task leaves.
    edit_plan(&plan, |json| {
        let tasks = json["tasks"].as_array_mut().expect("tasks");
        for task in tasks.iter_mut() {
            if task["id"] == "b" {
                task["duration"] = "9d".into();
            }
        }
        tasks.push(serde_json::json!({
            "id": "briefing", "workstream": "content", "name": "Briefing",
            "duration": "1d", "after": ["d"], "owner": "Secretariat"
        }));
    });
    let moved = scheduled(&plan, &[]);
    let variance = |task: &str| moved[task]["finish_variance"].clone();
    assert_eq!(variance("a"), 0);
    for task in ["b", "c", "d"] {
        assert_eq!(variance(task), 2, "{task} finishes two working days later");
    }
    assert_eq!(
        moved["briefing"]["baseline_finish"],
        serde_json::Value::Null
    );
    assert_eq!(variance("briefing"), serde_json::Value::Null);

    // A named baseline taken now is the latest; the first stays by name.
    let named = forumplan(&[
        "-q",
        "baseline",
        &plan,
        "--as-of",
        FIXTURE_DAY,
        "--name",
        "replanned",
    ]);
    assert_eq!(named.status.code(), Some(0), "{}", transcript(&named));
    assert_eq!(scheduled(&plan, &[])["d"]["finish_variance"], 0);
    assert_eq!(
        scheduled(&plan, &["--baseline", "2026-06-01"])["d"]["finish_variance"],
        2
    );
    let unknown = forumplan(&["schedule", &plan, "--baseline", "replaned", "--lang", "en"]);
    assert_eq!(unknown.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("has no baseline called `replaned`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `replanned`?"), "{stderr}");

    // The health checks that need a baseline now measure against it.
    let (_, json) = health_json(Path::new(&plan), FIXTURE_DAY);
    assert!(
        checks(&json).iter().all(|c| c["skipped"] == false),
        "{json:#}"
    );
    assert!(baselines.exists());
}

#[test]
fn a_damaged_baseline_file_is_a_located_error_and_is_never_overwritten() {
    let (dir, plan) = plan_copy("fixtures/health/00-passing");
    let path = dir.path().join("plan.baseline.json");
    let damaged = "{\n  \"forum\": \"health-check\",\n  \"baselines\": [\n    { \"name\": \"x\", \"as_of\": \"2026-13-01\", \"tasks\": {} }\n  ]\n}\n";
    std::fs::write(&path, damaged).expect("write");
    for args in [
        vec!["validate", plan.as_str(), "--lang", "en"],
        vec!["schedule", plan.as_str(), "--lang", "en"],
        vec!["health", plan.as_str(), "--lang", "en"],
        vec!["baseline", plan.as_str(), "--lang", "en"],
    ] {
        let output = forumplan(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}\n{}",
            transcript(&output)
        );
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("error[invalid-date]"), "{stderr}");
        assert!(
            stderr.contains("plan.baseline.json:4:"),
            "located: {stderr}"
        );
    }
    let refused = forumplan(&["baseline", &plan, "--lang", "en"]);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("not overwriting it"),
        "{}",
        transcript(&refused)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), damaged);
    let bad_name = forumplan(&["baseline", &plan, "--name", "Bad Name", "--lang", "en"]);
    assert_eq!(bad_name.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_name.stderr).contains("cannot name a baseline"));
}

/// `check --format json` and the English text, as of the fixture's day.
fn check_of(plan: &str) -> (serde_json::Value, String) {
    let json = forumplan(&["check", plan, "--as-of", FIXTURE_DAY, "--format", "json"]);
    let text = forumplan(&["check", plan, "--as-of", FIXTURE_DAY, "--lang", "en"]);
    (
        serde_json::from_slice(&json.stdout).expect("check JSON"),
        String::from_utf8_lossy(&text.stdout).into_owned(),
    )
}

#[test]
fn check_mentions_the_slip_behind_the_latest_baseline_only_when_it_slipped() {
    let (_dir, plan) = plan_copy("fixtures/health/00-passing");
    let (json, _) = check_of(&plan);
    assert!(json.get("slippage").is_none(), "no baseline: {json:#}");
    let saved = forumplan(&["-q", "baseline", &plan, "--as-of", FIXTURE_DAY]);
    assert_eq!(saved.status.code(), Some(0), "{}", transcript(&saved));
    let (json, text) = check_of(&plan);
    assert!(json.get("slippage").is_none(), "on the baseline: {json:#}");
    assert!(!text.contains("2026-06-01"), "{text}");
    // Review takes two days more: the forecast ready day moves two working days.
    edit_plan(&plan, |json| {
        for task in json["tasks"].as_array_mut().expect("tasks") {
            if task["id"] == "b" {
                task["duration"] = "9d".into();
            }
        }
    });
    let (json, text) = check_of(&plan);
    assert_eq!(json["slippage"]["baseline"], "2026-06-01", "{json:#}");
    assert_eq!(json["slippage"]["ready_variance"], 2, "{json:#}");
    assert!(
        text.lines()
            .any(|l| l == "Baseline `2026-06-01`: 2 working days later (was 2026-06-29)"),
        "{text}"
    );
}

#[test]
fn a_baseline_file_of_another_forum_is_refused_and_kept() {
    let (dir, plan) = plan_copy("fixtures/health/00-passing");
    let path = dir.path().join("plan.baseline.json");
    let theirs = "{\n  \"forum\": \"someone-else\",\n  \"baselines\": [\n    { \"name\": \"x\", \"as_of\": \"2026-01-05\", \"forecast_ready\": null, \"tasks\": {} }\n  ]\n}\n";
    std::fs::write(&path, theirs).expect("write");
    for command in ["validate", "schedule", "health", "status", "baseline"] {
        let output = forumplan(&[command, &plan, "--lang", "en"]);
        assert_ne!(
            output.status.code(),
            Some(0),
            "{command}\n{}",
            transcript(&output)
        );
        assert!(output.stdout.is_empty(), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("plan.baseline.json` holds the baselines of forum `someone-else`, not of this plan's forum `health-check`"),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("rename that file to keep it"),
            "{command}: {stderr}"
        );
    }
    let vi = forumplan(&["schedule", &plan, "--lang", "vi"]);
    assert!(
        String::from_utf8_lossy(&vi.stderr)
            .contains("chứa kế hoạch gốc của diễn đàn `someone-else`"),
        "{}",
        transcript(&vi)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
}

/// The part of a status report that is the slippage section, in `format`.
fn slippage_section(format: &str, report: &str) -> String {
    let between = |start: &str, end: &str| -> String {
        let from = report
            .find(start)
            .unwrap_or_else(|| panic!("no `{start}` in\n{report}"));
        let rest = &report[from..];
        let to = rest[start.len()..]
            .find(end)
            .map_or(rest.len(), |i| i + start.len());
        rest[..to].to_owned()
    };
    match format {
        "text" => between("\n8. ", "\n\n"),
        "markdown" => between("\n## 8. ", "\n## "),
        "html" => between("<section class=\"slippage\">", "</section>"),
        "json" => {
            let json: serde_json::Value = serde_json::from_str(report).expect("JSON");
            serde_json::to_string_pretty(&json["slippage"]).expect("JSON")
        }
        // Every row carries its baseline finish and variance: the header,
        // and the rows of the tasks that moved.
        _ => report
            .lines()
            .enumerate()
            .filter(|(i, line)| *i == 0 || !(line.ends_with(",0") || line.ends_with(',')))
            .map(|(_, line)| format!("{line}\n"))
            .collect(),
    }
}

#[test]
fn status_has_a_slippage_section_in_every_format_and_language() {
    let (dir, plan) = plan_copy("fixtures/vesf-2022");
    let saved = forumplan(&[
        "baseline",
        &plan,
        "--as-of",
        "2022-08-01",
        "--name",
        "approved",
    ]);
    assert_eq!(saved.status.code(), Some(0), "{}", transcript(&saved));
    for format in ["text", "markdown", "html", "json", "csv"] {
        // The JSON form says the same in both languages.
        let langs: &[&str] = if format == "json" {
            &["en"]
        } else {
            &["vi", "en"]
        };
        for &lang in langs {
            let args = [
                "-q",
                "status",
                &plan,
                "--as-of",
                "2022-09-13",
                "--format",
                format,
                "--lang",
                lang,
            ];
            let output = forumplan(&args);
            assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
            let report = String::from_utf8_lossy(&output.stdout);
            assert_report_snapshot(
                &format!("status-slippage-vesf-2022-t-5.{lang}.{format}"),
                &slippage_section(format, &report),
            );
        }
    }
    // One department's page keeps only its own slippage.
    let status_json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "-q",
            "status",
            &plan,
            "--as-of",
            "2022-09-13",
            "--format",
            "json",
        ];
        args.extend(extra);
        serde_json::from_slice(&forumplan(&args).stdout).expect("JSON")
    };
    let json = status_json(&["--workstream", "media"]);
    let slippage = &json["slippage"];
    assert!(
        slippage["workstreams"]
            .as_array()
            .expect("workstreams")
            .iter()
            .all(|w| w["id"] == "media")
    );
    assert!(
        slippage["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .all(|t| t["workstream"] == "media")
    );
    // Without a baseline file, no section at all (the existing snapshots).
    std::fs::remove_file(dir.path().join("plan.baseline.json")).expect("remove");
    assert!(status_json(&[]).get("slippage").is_none());
}

#[test]
fn quiet_saves_a_baseline_without_a_word() {
    let (dir, plan) = plan_copy("fixtures/health/00-passing");
    let saved = forumplan(&["-q", "baseline", &plan, "--as-of", FIXTURE_DAY]);
    assert_eq!(saved.status.code(), Some(0), "{}", transcript(&saved));
    assert!(
        saved.stdout.is_empty() && saved.stderr.is_empty(),
        "{}",
        transcript(&saved)
    );
    assert!(dir.path().join("plan.baseline.json").is_file());
}
