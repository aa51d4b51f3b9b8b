//! End-to-end tests of the `forumplan` binary: fixture plans in, exit codes
//! and diagnostics out, compared with snapshots kept beside the fixtures.

mod common;

use common::{assert_report_snapshot, forumplan, post_event_tasks, root, succeed, transcript};

/// The plan files (`.json`, `.toml`) in a fixture folder, sorted.
fn plans_in(folder: &str) -> Vec<String> {
    let mut plans: Vec<String> = std::fs::read_dir(root().join(folder))
        .expect("fixture folder")
        .map(|entry| {
            entry
                .expect("fixture entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json") || name.ends_with(".toml"))
        .collect();
    plans.sort();
    plans
}

/// Validates every plan in `folder`, checks the exit code, and compares
/// the output with the snapshot beside each file (`<file>.snap`).
fn check_fixture_folder(folder: &str, expected_exit: i32) -> usize {
    let plans = plans_in(folder);
    for name in &plans {
        let path = format!("{folder}/{name}");
        let output = forumplan(&["validate", &path]);
        assert_eq!(
            output.status.code(),
            Some(expected_exit),
            "{path}:\n{}",
            transcript(&output)
        );
        insta::with_settings!({
            snapshot_path => root().join(folder),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("forumplan validate {path}"),
        }, {
            insta::assert_snapshot!(name.as_str(), transcript(&output));
        });
    }
    plans.len()
}

#[test]
fn invalid_plans_fail_with_their_expected_diagnostics() {
    let count = check_fixture_folder("fixtures/invalid", 1);
    assert!(count >= 25, "only {count} invalid fixtures");
}

#[test]
fn questionable_plans_pass_with_their_expected_warnings() {
    let count = check_fixture_folder("fixtures/warnings", 0);
    assert!(count >= 3, "only {count} warning fixtures");
}

#[test]
fn bundled_forum_plans_are_valid() {
    for plan in [
        "fixtures/vesf-2022/plan.json",
        "fixtures/vesf-2022-risk/plan.json",
        "fixtures/provincial-forum/plan.toml",
    ] {
        let output = succeed(&["validate", plan, "--lang", "en"]);
        assert!(String::from_utf8_lossy(&output.stdout).contains("valid"));
        let output = succeed(&["validate", plan, "--lang", "vi"]);
        assert!(String::from_utf8_lossy(&output.stdout).contains("hợp lệ"));
    }
}

#[test]
fn the_committed_schema_matches_the_code() {
    let output = forumplan(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    let committed = std::fs::read_to_string(root().join("config/forumplan.schema.json"))
        .expect("committed schema");
    assert!(
        committed == String::from_utf8_lossy(&output.stdout),
        "config/forumplan.schema.json is stale: run `cargo run -- schema > config/forumplan.schema.json`"
    );
}

#[test]
fn init_writes_a_valid_plan_in_json_and_toml() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for file in ["forum.json", "forum.toml"] {
        let path = dir.path().join(file);
        let path = path.to_str().expect("UTF-8 path");
        let output = forumplan(&[
            "init",
            path,
            "--allow-past",
            "--date",
            "2026-09-18",
            "--name",
            "Diễn đàn Kinh tế - Xã hội Việt Nam 2026",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        let text = std::fs::read_to_string(path).expect("written plan");
        assert!(
            text.contains("dien-dan-kinh-te-xa-hoi-viet-nam-2026"),
            "{text}"
        );
        assert!(
            text.contains("T-1"),
            "dates stay relative to the event:\n{text}"
        );
        succeed(&["validate", path]);
    }
}

#[test]
fn init_refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("plan.json");
    std::fs::write(&path, "keep me").expect("write");
    let output = forumplan(&[
        "init",
        path.to_str().expect("UTF-8 path"),
        "--date",
        "2026-09-18",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
}

#[test]
fn init_rejects_a_malformed_date() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("plan.json");
    let output = forumplan(&[
        "init",
        path.to_str().expect("UTF-8 path"),
        "--date",
        "18/09/2026",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
    assert!(!path.exists());
}

#[test]
fn a_missing_plan_file_is_a_clear_error() {
    let output = forumplan(&["validate", "fixtures/no-such-plan.json", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read `fixtures/no-such-plan.json`"),
        "{stderr}"
    );
    assert!(stderr.contains("help:"), "{stderr}");
}

#[test]
fn the_2022_forum_schedule_as_of_13_september() {
    let args = [
        "schedule",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--format",
        "json",
    ];
    let output = succeed(&args);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("schedule JSON");
    assert_eq!(json["as_of"], "2022-09-13");
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(138));
    assert_report_snapshot(
        "schedule-vesf-2022-2022-09-13.json",
        &String::from_utf8_lossy(&output.stdout),
    );
    for lang in ["vi", "en"] {
        let table = succeed(&[
            "schedule",
            "fixtures/vesf-2022/plan.json",
            "--as-of",
            "2022-09-13",
            "--lang",
            lang,
        ]);
        assert_report_snapshot(
            &format!("schedule-vesf-2022-2022-09-13.table.{lang}"),
            &String::from_utf8_lossy(&table.stdout),
        );
    }
}

#[test]
fn schedule_csv_has_one_row_per_task() {
    let output = forumplan(&[
        "schedule",
        "fixtures/provincial-forum/plan.toml",
        "--as-of",
        "2023-09-08",
        "--format",
        "csv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("\u{feff}id,workstream,name,duration,state"))
    );
    assert_eq!(lines.count(), 32);
}

/// The 2022 plan with names and owners a spreadsheet would run as
/// formulas, written to a temporary folder.
fn plan_with_formula_names(dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(root().join("fixtures/vesf-2022/plan.json")).expect("plan");
    let mut plan: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let tasks = plan["tasks"].as_array_mut().expect("tasks");
    for (task, (name, owner)) in tasks.iter_mut().zip(FORMULA_CELLS) {
        task["name"] = name.into();
        task["owner"] = owner.into();
    }
    // The journal beside it, where a plan without `forum.journal` finds it.
    plan["forum"]
        .as_object_mut()
        .expect("forum")
        .remove("journal");
    std::fs::copy(
        root().join("fixtures/vesf-2022/plan.journal.jsonl"),
        dir.join("plan.journal.jsonl"),
    )
    .expect("copy journal");
    let path = dir.join("plan.json");
    std::fs::write(&path, plan.to_string()).expect("write plan");
    path.to_string_lossy().into_owned()
}

/// Names and owners that start like a formula (OWASP's list).
const FORMULA_CELLS: [(&str, &str); 4] = [
    ("=HYPERLINK(\"http://x\",\"Bấm\")", "@Vụ Kinh tế"),
    ("+84 24 3828", "-Cục Quản trị"),
    ("-2+3", "\tVụ Hành chính"),
    ("@SUM(A1)", "\rVụ Thông tin"),
];

/// Reads `bytes` as CSV with the `csv` crate after checking and removing
/// the byte order mark: (headers, rows).
fn read_csv(bytes: &[u8], separator: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a UTF-8 byte order mark first");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(body);
    let headers = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[test]
fn csv_opens_in_a_spreadsheet_without_running_formulas() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = plan_with_formula_names(dir.path());
    for (sep, byte) in [(",", b','), (";", b';')] {
        let status = succeed(&[
            "status",
            &plan,
            "--as-of",
            "2022-09-13",
            "--format",
            "csv",
            "--lang",
            "en",
            "--csv-sep",
            sep,
        ]);
        let schedule = succeed(&[
            "schedule",
            &plan,
            "--as-of",
            "2022-09-13",
            "--format",
            "csv",
            "--csv-sep",
            sep,
        ]);
        for (what, bytes, name_column, owner_column) in [
            ("status", &status.stdout, "Task", Some("Owner")),
            ("schedule", &schedule.stdout, "name", None),
        ] {
            let (headers, rows) = read_csv(bytes, byte);
            assert_eq!(rows.len(), 138, "{what} {sep}");
            assert!(
                rows.iter().all(|r| r.len() == headers.len()),
                "{what} {sep}"
            );
            let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
            for (row, (name, owner)) in rows.iter().zip(FORMULA_CELLS) {
                assert_eq!(row[column(name_column)], format!("'{name}"), "{what} {sep}");
                if let Some(owner_column) = owner_column {
                    assert_eq!(
                        row[column(owner_column)],
                        format!("'{owner}"),
                        "{what} {sep}"
                    );
                }
            }
            // Numbers stay numbers, negative floats included.
            let float = column(if what == "status" {
                "Total float"
            } else {
                "total_float"
            });
            let id = column(if what == "status" { "Id" } else { "id" });
            let late = rows
                .iter()
                .find(|r| r[id] == "streaming-contract")
                .expect("streaming-contract");
            assert_eq!(late[float], "-3", "{what} {sep}");
        }
    }
}

#[test]
fn the_csv_separator_is_comma_or_semicolon_only() {
    let output = forumplan(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--format",
        "csv",
        "--csv-sep",
        "|",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(output.stdout.is_empty());
}

/// The status report's text form as of `day` in `lang`.
fn status_text(day: &str, lang: &str) -> String {
    let output = succeed(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        day,
        "--lang",
        lang,
    ]);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The two lines of a task's entry in the text report: badge and name,
/// then the details starting with its id.
fn entry(report: &str, id: &str) -> (String, String) {
    let lines: Vec<&str> = report.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&format!("{id} ·")))
        .unwrap_or_else(|| panic!("no entry for {id}:\n{report}"));
    let end = (at + 2).min(lines.len());
    (lines[at - 1].to_owned(), lines[at..end].join(" "))
}

#[test]
fn behind_schedule_is_not_overdue_until_the_deadline_has_passed() {
    // streaming-contract: deadline (late finish) 8 September 2022, negative float.
    for (lang, behind, overdue, forecast, passed) in [
        (
            "vi",
            "[Chậm tiến độ]",
            "[Trễ hạn]",
            "dự báo trễ",
            "(đã quá 1 ngày)",
        ),
        (
            "en",
            "[Behind schedule]",
            "[Overdue]",
            "working days late",
            "(passed yesterday)",
        ),
    ] {
        let on_the_day = status_text("2022-09-08", lang);
        let (badge, details) = entry(&on_the_day, "streaming-contract");
        assert!(badge.contains(behind), "{badge}");
        assert!(
            !on_the_day.contains(overdue),
            "nothing is overdue yet:\n{on_the_day}"
        );
        assert!(details.contains(forecast), "{details}");
        let day_after = status_text("2022-09-09", lang);
        let (badge, details) = entry(&day_after, "streaming-contract");
        assert!(badge.contains(overdue), "{badge}");
        assert!(details.contains(passed), "{details}");
    }
}

#[test]
fn task_ids_are_never_cut_in_the_text_report() {
    let report = status_text("2022-09-13", "vi");
    for id in ["leadership-site-survey", "survey-follow-up", "av-install"] {
        assert!(report.contains(&format!("({id})")), "{id} whole:\n{report}");
    }
    assert!(!report.contains("(av…"), "{report}");
}

#[test]
fn command_line_messages_follow_lang() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let journal = dir.path().join("empty.journal.jsonl");
    let journal = journal.to_str().expect("UTF-8 path");
    let plan = "fixtures/vesf-2022/plan.json";
    let cases: [&[&str]; 9] = [
        &[
            "update",
            plan,
            "docs-prnt",
            "--state",
            "done",
            "--journal",
            journal,
        ],
        &[
            "update",
            plan,
            "docs-print",
            "--state",
            "finished",
            "--journal",
            journal,
        ],
        &[
            "update",
            plan,
            "docs-print",
            "--state",
            "done",
            "--progress",
            "50",
            "--journal",
            journal,
        ],
        &[
            "check",
            plan,
            "--as-of",
            "2022-09-10",
            "--since",
            "2022-09-12",
        ],
        &["status", plan, "--as-of", "13/09/2022"],
        &["validate", "fixtures/provincial-forum/plan.toml"],
        &["history", plan, "docs-print"],
        &["history", plan, "--journal", journal],
        &["schedule", "fixtures/no-such-plan.json"],
    ];
    for lang in ["vi", "en"] {
        let mut shown = String::new();
        for case in cases {
            let mut args = case.to_vec();
            args.extend(["--lang", lang]);
            let output = forumplan(&args);
            shown.push_str(&format!(
                "=== forumplan {}\n{}\n",
                case.join(" "),
                transcript(&output)
            ));
        }
        let shown = shown.replace(journal, "<journal>");
        assert_report_snapshot(&format!("messages.{lang}"), &shown);
    }
}

#[test]
fn schedule_rejects_a_malformed_as_of_day() {
    let output = forumplan(&[
        "schedule",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "13/09/2022",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_damaged_journal_line_is_reported_and_skipped() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let journal = dir.path().join("journal.jsonl");
    let good = r#"{"date":"2022-06-07","task":"org-plan-draft","state":"done"}"#;
    std::fs::write(
        &journal,
        format!("{good}\n{{\"date\":\"2022-06-08\",\"task\":\n"),
    )
    .expect("write journal");
    let journal = journal.to_str().expect("UTF-8 path");
    let output = forumplan(&[
        "schedule",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-06-09",
        "--journal",
        journal,
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(":2:") && stderr.contains("line skipped"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("schedule JSON");
    assert_eq!(json["tasks"][0]["state"], "done");
}

#[test]
fn validate_locates_journal_lines_after_a_line_that_is_not_utf8() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let journal = dir.path().join("journal.jsonl");
    // Line 1 holds two Latin-1 bytes; line 2 names a task the plan lacks.
    let mut bytes =
        b"{\"date\":\"2022-06-08\",\"task\":\"T\xf4ng duy\xeat\",\"state\":\"done\"}\n".to_vec();
    bytes.extend_from_slice(
        b"{\"date\":\"2022-06-08\",\"task\":\"no-such-task\",\"state\":\"done\"}\n",
    );
    std::fs::write(&journal, bytes).expect("write journal");
    let journal = journal.to_str().expect("UTF-8 path");
    let output = forumplan(&[
        "validate",
        "fixtures/vesf-2022/plan.json",
        "--journal",
        journal,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // 1:31 is the first bad byte; 2:29 the opening quote of
    // "no-such-task", with the caret under the whole quoted id.
    assert!(stderr.contains(&format!("{journal}:1:31")), "{stderr}");
    assert!(stderr.contains(&format!("{journal}:2:29")), "{stderr}");
    assert!(
        stderr.contains(&format!("  {} unknown task", "^".repeat(14))),
        "{stderr}"
    );
}

/// The days the status snapshots are taken: T-30, T-5, T-1 and T+2 of the
/// 2022 forum (event on 18 September 2022).
const STATUS_DAYS: [(&str, &str); 4] = [
    ("t-30", "2022-08-19"),
    ("t-5", "2022-09-13"),
    ("t-1", "2022-09-17"),
    ("t+2", "2022-09-20"),
];

#[test]
fn status_reports_in_every_format_and_language_match_their_snapshots() {
    for (label, day) in STATUS_DAYS {
        for lang in ["vi", "en"] {
            for (format, extension) in [
                ("text", "txt"),
                ("markdown", "md"),
                ("html", "html"),
                ("json", "json"),
                ("csv", "csv"),
            ] {
                let args = [
                    "status",
                    "fixtures/vesf-2022/plan.json",
                    "--as-of",
                    day,
                    "--lang",
                    lang,
                    "--format",
                    format,
                ];
                let output = succeed(&args);
                let name = format!("status-vesf-2022-{label}.{lang}.{extension}");
                assert_report_snapshot(&name, &String::from_utf8_lossy(&output.stdout));
            }
        }
    }
}

#[test]
fn status_text_fits_80_columns_and_has_no_colour_in_a_pipe() {
    for (_, day) in STATUS_DAYS {
        let output = forumplan(&[
            "status",
            "fixtures/vesf-2022/plan.json",
            "--as-of",
            day,
            "--color",
            "auto",
        ]);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!text.contains('\u{1b}'), "colour codes in a pipe");
        for line in text.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{width} columns: {line}");
        }
    }
    let forced = forumplan(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--color",
        "always",
    ]);
    assert!(
        String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'),
        "--color always colours"
    );
}

#[test]
fn status_output_file_is_written_whole() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("report.md");
    std::fs::write(&path, "yesterday's report").expect("write");
    let target = path.to_str().expect("UTF-8 path");
    let args = [
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--format",
        "markdown",
        "-o",
        target,
    ];
    let output = forumplan(&args);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("report");
    let direct = forumplan(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--format",
        "markdown",
    ]);
    assert_eq!(written, String::from_utf8_lossy(&direct.stdout));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

/// The 2022 fixture copied into a temporary folder with its settings
/// replaced by `settings` (a JSON object); returns the folder and the plan.
fn fixture_with_settings(settings: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = std::fs::read_to_string(root().join("fixtures/vesf-2022/plan.json")).expect("plan");
    let plan = plan.replace(
        r#""settings": {"at_risk_float": 2, "lookahead_days": 7, "locale": "vi"}"#,
        &format!(r#""settings": {settings}"#),
    );
    assert!(plan.contains(settings), "the fixture's settings moved");
    std::fs::write(dir.path().join("plan.json"), plan).expect("write plan");
    std::fs::copy(
        root().join("fixtures/vesf-2022/plan.journal.jsonl"),
        dir.path().join("plan.journal.jsonl"),
    )
    .expect("copy journal");
    let path = dir
        .path()
        .join("plan.json")
        .to_str()
        .expect("UTF-8")
        .to_owned();
    (dir, path)
}

#[test]
fn status_lists_for_people_stop_at_the_limit_and_all_shows_everything() {
    let (_dir, plan) = fixture_with_settings(r#"{"list_limit": 3}"#);
    let status = |extra: &[&str]| {
        let mut args = vec![
            "status",
            plan.as_str(),
            "--as-of",
            "2022-09-13",
            "--lang",
            "en",
        ];
        args.extend_from_slice(extra);
        String::from_utf8_lossy(&succeed(&args).stdout).into_owned()
    };
    let cut = status(&[]);
    assert!(cut.contains("(add --all to see every one)"), "{cut}");
    let every = status(&["--all"]);
    assert!(!every.contains("--all"), "{every}");
    assert!(every.len() > cut.len());
    for format in ["markdown", "html"] {
        assert!(status(&["--format", format]).contains("(add --all to see every one)"));
        assert!(!status(&["--format", format, "--all"]).contains("add --all"));
    }
    // The forms for tools list everything either way.
    for format in ["json", "csv"] {
        assert_eq!(
            status(&["--format", format]),
            status(&["--format", format, "--all"])
        );
    }
    // 0 means no limit.
    let (_dir, unlimited) = fixture_with_settings(r#"{"list_limit": 0}"#);
    let output = succeed(&[
        "status",
        unlimited.as_str(),
        "--as-of",
        "2022-09-13",
        "--lang",
        "en",
    ]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), every);
}

#[test]
fn status_for_one_workstream_is_that_department_s_page() {
    let output = succeed(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--workstream",
        "logistics",
    ]);
    assert_report_snapshot(
        "status-vesf-2022-t-5.logistics.vi.txt",
        &String::from_utf8_lossy(&output.stdout),
    );
    let json = succeed(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--workstream",
        "logistics",
        "--workstream",
        "media",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(json["scope"], serde_json::json!(["logistics", "media"]));
    let workstreams: Vec<&str> = json["workstreams"]
        .as_array()
        .expect("workstreams")
        .iter()
        .map(|w| w["id"].as_str().expect("id"))
        .collect();
    assert_eq!(workstreams, ["logistics", "media"]);
    for list in ["tasks", "late_and_blocked", "due_soon", "must_start_today"] {
        for task in json[list].as_array().expect("a list") {
            let workstream = task["workstream"].as_str().expect("workstream");
            assert!(
                ["logistics", "media"].contains(&workstream),
                "{list}: {task}"
            );
        }
    }
    assert!(!json["tasks"].as_array().expect("tasks").is_empty());
}

#[test]
fn status_for_an_unknown_workstream_names_the_known_ones() {
    let output = forumplan(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-13",
        "--workstream",
        "catering",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no workstream `catering`"), "{stderr}");
    assert!(
        stderr.contains("content, protocol, logistics, media, security, finance"),
        "{stderr}"
    );
}

#[test]
fn the_status_json_follows_its_documented_schema() {
    let committed = std::fs::read_to_string(root().join("docs/status-report.schema.json"))
        .expect("committed schema");
    let generated = forumplan(&["schema", "--of", "status"]);
    assert!(
        committed == String::from_utf8_lossy(&generated.stdout),
        "docs/status-report.schema.json is stale: run `cargo run -- schema --of status > docs/status-report.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for (_, day) in STATUS_DAYS {
        for lang in ["vi", "en"] {
            let output = forumplan(&[
                "status",
                "fixtures/vesf-2022/plan.json",
                "--as-of",
                day,
                "--lang",
                lang,
                "--format",
                "json",
            ]);
            let report: serde_json::Value =
                serde_json::from_slice(&output.stdout).expect("status JSON");
            let errors: Vec<String> = validator
                .iter_errors(&report)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{day} {lang}: {errors:#?}");
        }
    }
}

#[test]
fn commands_other_than_validate_count_warnings_in_one_line() {
    let plan = "fixtures/warnings/task-without-links.json";
    let stderr = |args: &[&str]| {
        let output = forumplan(args);
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    // In the report language: the plan's locale (vi), or --lang.
    let schedule = ["schedule", plan, "--as-of", "2022-09-01", "--format", "csv"];
    assert_eq!(
        stderr(&schedule),
        format!("{plan}: 1 cảnh báo: chạy `forumplan validate` để xem\n")
    );
    assert_eq!(
        stderr(&[&schedule[..], &["--lang", "en"]].concat()),
        format!("{plan}: 1 warning: run `forumplan validate`\n")
    );
    let status = ["status", plan, "--as-of", "2022-09-01", "--format", "json"];
    assert_eq!(
        stderr(&[&status[..], &["--lang", "vi"]].concat()),
        format!("{plan}: 1 cảnh báo: chạy `forumplan validate` để xem\n")
    );
    assert_eq!(
        stderr(&[&status[..], &["--lang", "en"]].concat()),
        format!("{plan}: 1 warning: run `forumplan validate`\n")
    );
    let shown = stderr(&[&schedule[..], &["-v"]].concat());
    assert!(shown.contains("warning[isolated-task]"), "{shown}");
    assert!(shown.contains(&format!("--> {plan}:35:13")), "{shown}");
    assert_eq!(stderr(&[&schedule[..], &["-q"]].concat()), "");
}

/// `press-conference` is cancelled on 2022-09-08 in the fixture's journal:
/// from then on it has no readiness, no float and is never critical, in
/// every format of `schedule`, `status` and `check`.
#[test]
fn a_cancelled_task_has_no_readiness_float_or_critical_flag_anywhere() {
    const TASK: &str = "press-conference";
    let run = |args: &[&str]| {
        let mut all = vec![
            args[0],
            "fixtures/vesf-2022/plan.json",
            "--as-of",
            "2022-09-13",
        ];
        all.extend_from_slice(&args[1..]);
        String::from_utf8(succeed_or_colour(&all).stdout).expect("UTF-8")
    };
    let json_task = |text: &str, path: &str| -> serde_json::Value {
        let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
        value[path]
            .as_array()
            .expect("tasks")
            .iter()
            .find(|t| t["id"] == TASK)
            .cloned()
            .expect("the cancelled task")
    };
    for text in [
        run(&["schedule", "--format", "json"]),
        run(&["status", "--format", "json"]),
    ] {
        let task = json_task(&text, "tasks");
        assert_eq!(task["state"], "cancelled");
        assert!(task["readiness"].is_null(), "{task}");
        assert!(task["total_float"].is_null(), "{task}");
        assert!(task["free_float"].is_null(), "{task}");
        assert_eq!(task["critical"], false, "{task}");
    }
    let status: serde_json::Value =
        serde_json::from_str(&run(&["status", "--format", "json"])).expect("JSON");
    for section in ["late_and_blocked", "due_soon", "must_start_today"] {
        assert!(
            status[section]
                .as_array()
                .expect("a list")
                .iter()
                .all(|t| t["id"] != TASK),
            "{section}"
        );
    }
    let check: serde_json::Value =
        serde_json::from_str(&run(&["check", "--format", "json"])).expect("JSON");
    assert!(
        check["causes"]
            .as_array()
            .expect("causes")
            .iter()
            .all(|c| c["id"] != TASK),
        "a cancelled task colours nothing"
    );
    for (text, readiness, critical) in [
        (run(&["schedule", "--format", "csv"]), 15, 14),
        (run(&["status", "--format", "csv", "--lang", "en"]), 6, 14),
    ] {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader
            .records()
            .map(|r| r.expect("a CSV row"))
            .find(|r| &r[0] == TASK)
            .expect("the cancelled task's row");
        assert_eq!(&row[readiness], "", "no readiness: {row:?}");
        assert_eq!((&row[12], &row[13]), ("", ""), "no float: {row:?}");
        assert!(
            matches!(&row[critical], "false" | "No"),
            "not critical: {row:?}"
        );
    }
    for args in [
        &["status", "--lang", "en"][..],
        &["status", "--format", "markdown", "--lang", "en"],
        &["status", "--format", "html", "--lang", "en"],
    ] {
        let text = run(args);
        let critical_path = text
            .split("Critical path")
            .nth(1)
            .and_then(|rest| rest.split("Must start today").next())
            .expect("a critical path section");
        assert!(
            !critical_path.contains(TASK),
            "{args:?}: never on the critical path"
        );
    }
}

/// Runs `forumplan`, which must print a report (exit 0, or the check's colour).
fn succeed_or_colour(args: &[&str]) -> std::process::Output {
    let output = forumplan(args);
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "{args:?}\n{}",
        transcript(&output)
    );
    output
}

/// Two days after the event the status report is in post-event mode: the
/// headline says the forum took place, no forecast and no critical path
/// for preparation, and only post-event work is late, at risk or must start.
#[test]
fn status_after_the_event_reports_post_event_work_only() {
    let output = succeed(&[
        "status",
        "fixtures/vesf-2022/plan.json",
        "--as-of",
        "2022-09-20",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let headline = &report["headline"];
    assert_eq!(headline["post_event"], true);
    assert!(headline["forecast_ready"].is_null());
    assert_eq!(headline["tasks_late"], 0, "preparation is no longer late");
    assert!(
        report["critical_paths"]
            .as_array()
            .expect("a list")
            .is_empty()
    );
    assert!(
        report["critical_path"]
            .as_array()
            .expect("a list")
            .is_empty()
    );
    let post_event = post_event_tasks("fixtures/vesf-2022/plan.json");
    for section in ["late_and_blocked", "due_soon", "must_start_today"] {
        for task in report[section].as_array().expect("a list") {
            let id = task["id"].as_str().expect("id");
            assert!(
                post_event.contains(id),
                "{section}: {id} is preparation work"
            );
        }
    }
    assert_eq!(
        headline["rag"], "amber",
        "post-event work at risk colours the day"
    );
    assert!(headline["tasks_at_risk"].as_u64() >= Some(1));
    for (lang, took_place) in [
        ("vi", "Diễn đàn đã diễn ra ngày 18/09/2022 (T+2)"),
        ("en", "The forum took place on 2022-09-18 (T+2)"),
    ] {
        let text = succeed(&[
            "status",
            "fixtures/vesf-2022/plan.json",
            "--as-of",
            "2022-09-20",
            "--lang",
            lang,
        ]);
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains(took_place), "{lang}\n{text}");
    }
}
