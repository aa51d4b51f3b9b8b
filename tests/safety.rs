//! End-to-end tests that no input makes `forumplan` panic, hang, or write
//! where the user did not say: strict days on the command line and in the
//! journal, exit codes of a bad `check` command line, `-o` refusals and
//! links, journals that are not regular files, a full disk under `update`,
//! a held journal lock, and interrupted report writes.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{command, forumplan, succeed, transcript};

const PLAN_2022: &str = "fixtures/vesf-2022/plan.json";

fn utf8(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Runs `forumplan` with its messages in English, which these tests read.
fn in_english(args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--lang", "en"]);
    forumplan(&all)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Waits for `child` at most `limit`; a process still running then has hung.
fn finish_within(mut child: Child, limit: Duration, what: &str) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("poll forumplan").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect output")
}

/// A copy of the 2022 plan in a fresh folder, so its journal is ours.
fn plan_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path().join("plan.json");
    fs::copy(common::root().join(PLAN_2022), &plan).expect("copy the plan");
    (dir, plan)
}

// ---------------------------------------------------------------------------
// Days

#[test]
fn days_on_the_command_line_are_strictly_iso_and_in_the_supported_years() {
    let bad = [
        " 2022-09-13",
        "2022-9-1",
        "0000-01-01",
        "-262143-01-01",
        "2101-01-01",
    ];
    for day in bad {
        let as_of = format!("--as-of={day}");
        let since = format!("--since={day}");
        let date = format!("--date={day}");
        let cases: [(&[&str], i32); 5] = [
            (&["schedule", PLAN_2022, &as_of], 1),
            (&["status", PLAN_2022, &as_of], 1),
            (&["check", PLAN_2022, &as_of], 3),
            (&["check", PLAN_2022, "--as-of", "2022-09-13", &since], 3),
            (&["init", "never-written.json", &date], 1),
        ];
        for (args, code) in cases {
            let output = in_english(args);
            let text = transcript(&output);
            assert_eq!(output.status.code(), Some(code), "{args:?}\n{text}");
            assert!(output.stdout.is_empty(), "{args:?}\n{text}");
            assert!(!text.contains("panicked"), "{args:?}\n{text}");
            assert!(
                text.contains(&format!("`{day}` is not a date"))
                    || text.contains(&format!("{} is outside the supported days", day.trim())),
                "{args:?}\n{text}"
            );
            assert!(
                text.contains("1970-01-01") && text.contains("2100-12-31"),
                "the accepted range is named: {args:?}\n{text}"
            );
        }
    }
    assert!(!common::root().join("never-written.json").exists());
}

#[test]
fn the_first_and_last_supported_days_are_reported_on() {
    for day in ["1970-01-01", "2100-12-31"] {
        for (command, codes) in [
            ("schedule", &[0][..]),
            ("status", &[0]),
            ("check", &[0, 1, 2]),
        ] {
            let output = forumplan(&[command, PLAN_2022, "--as-of", day]);
            let code = output.status.code().expect("an exit code");
            assert!(
                codes.contains(&code),
                "{command} {day}\n{}",
                transcript(&output)
            );
        }
    }
}

#[test]
fn update_refuses_a_day_outside_the_supported_years() {
    let (dir, plan) = plan_copy();
    let output = in_english(&[
        "update",
        utf8(&plan),
        "docs-print",
        "--state",
        "done",
        "--date",
        "0000-01-01",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert!(
        stderr(&output)
            .contains("0000-01-01 is outside the supported days 1970-01-01 … 2100-12-31")
    );
    assert!(
        !dir.path().join("plan.journal.jsonl").exists(),
        "nothing recorded"
    );
}

#[test]
fn a_journal_line_dated_outside_the_supported_years_is_skipped_with_a_warning() {
    let (dir, plan) = plan_copy();
    let journal = dir.path().join("plan.journal.jsonl");
    fs::write(
        &journal,
        "{\"date\":\"0000-01-01\",\"task\":\"docs-print\",\"state\":\"done\"}\n\
         {\"date\":\"2022-9-1\",\"task\":\"docs-print\",\"state\":\"done\"}\n",
    )
    .expect("write journal");
    let output = forumplan(&["status", utf8(&plan), "--as-of", "2022-09-13"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(
        text.contains(":1:") && text.contains("outside the supported days"),
        "{text}"
    );
    assert!(
        text.contains(":2:") && text.contains("`2022-9-1` is not a date"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// Panics

#[test]
fn the_schedule_table_takes_task_ids_of_any_length() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let id = "a".repeat(70_000);
    let plan = serde_json::json!({
        "forum": { "id": "long-ids", "name": "Long ids", "date": "2022-09-18" },
        "workstreams": [{ "id": "content", "name": "Content" }],
        "tasks": [
            { "id": id, "workstream": "content", "name": "Long", "duration": "1d" },
            { "id": "b", "workstream": "content", "name": "Short", "duration": "1d", "after": [id] }
        ]
    });
    let path = dir.path().join("plan.json");
    fs::write(&path, plan.to_string()).expect("write plan");
    let output = forumplan(&[
        "schedule",
        utf8(&path),
        "--as-of",
        "2022-09-01",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    let mut rows = table.lines();
    let header = rows.next().expect("header");
    let first = rows.next().expect("a row");
    assert!(header.starts_with("TASK ") && first.starts_with(&id));
    // The columns after the id line up.
    assert_eq!(header.find("  START"), Some(70_000));
    assert_eq!(rows.next().expect("a row").find("  2022"), Some(70_000));
}

// ---------------------------------------------------------------------------
// `check` exit codes

#[test]
fn a_bad_check_command_line_is_unknown_whatever_the_global_flags() {
    let unknown: [&[&str]; 6] = [
        &["check", "--bogus"],
        &["-v", "check", "--bogus"],
        &["--color", "never", "check", "--bogus"],
        &["--wait", "5", "check", PLAN_2022, "--bogus"],
        &["-q", "check"],
        &["check", PLAN_2022, "--format", "xml", "--color", "never"],
    ];
    for args in unknown {
        let output = forumplan(args);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{args:?}\n{}",
            transcript(&output)
        );
    }
    let output = forumplan(&["--color", "never", "schedule", "--bogus"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "other commands keep clap's 2"
    );
}

// ---------------------------------------------------------------------------
// `-o`

fn status_to(plan: &Path, output: &Path) -> Output {
    in_english(&[
        "status",
        utf8(plan),
        "--as-of",
        "2022-09-13",
        "-o",
        utf8(output),
    ])
}

#[test]
fn status_output_never_replaces_the_plan_the_journal_or_a_non_regular_file() {
    let (dir, plan) = plan_copy();
    let journal = dir.path().join("plan.journal.jsonl");
    let plan_bytes = fs::read(&plan).expect("plan");
    let to_plan = dir.path().join("to-plan.json");
    std::os::unix::fs::symlink(&plan, &to_plan).expect("link");
    let dangling = dir.path().join("dangling.html");
    std::os::unix::fs::symlink("nowhere.html", &dangling).expect("link");
    let cases: [(PathBuf, &str); 7] = [
        (plan.clone(), "it is the plan"),
        (dir.path().join(".").join("plan.json"), "it is the plan"),
        (to_plan, "it is the plan"),
        (journal.clone(), "it is the journal"),
        (dir.path().to_owned(), "not a regular file"),
        (PathBuf::from("/dev/null"), "not a regular file"),
        (dangling.clone(), "a symbolic link to nothing"),
    ];
    for (target, why) in &cases {
        let output = status_to(&plan, target);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{target:?}\n{}",
            transcript(&output)
        );
        assert!(
            stderr(&output).contains(why),
            "{target:?}\n{}",
            transcript(&output)
        );
    }
    // A journal that exists is protected by identity, not spelling.
    fs::write(&journal, "").expect("journal");
    let output = status_to(
        &plan,
        &dir.path()
            .join("..")
            .join(dir.path().file_name().unwrap())
            .join("plan.journal.jsonl"),
    );
    assert!(
        stderr(&output).contains("it is the journal"),
        "{}",
        transcript(&output)
    );
    assert_eq!(fs::read(&plan).expect("plan"), plan_bytes);
    assert!(fs::read(&journal).expect("journal").is_empty());
    assert!(
        fs::symlink_metadata(&dangling)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(!dir.path().join("nowhere.html").exists());
    assert!(
        Path::new("/dev/null")
            .metadata()
            .expect("/dev/null")
            .file_type()
            .is_char_device()
    );
}

#[test]
fn status_output_through_a_symbolic_link_replaces_its_target_and_keeps_the_link() {
    let (dir, plan) = plan_copy();
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).expect("folder");
    let report = reports.join("2022-09-13.txt");
    fs::write(&report, "yesterday's report").expect("report");
    let latest = dir.path().join("latest.txt");
    std::os::unix::fs::symlink("reports/2022-09-13.txt", &latest).expect("link");

    let output = status_to(&plan, &latest);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(
        fs::symlink_metadata(&latest)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(&latest).expect("link"),
        Path::new("reports/2022-09-13.txt")
    );
    let written = fs::read_to_string(&report).expect("report");
    assert_ne!(written, "yesterday's report");
    let stdout = succeed(&[
        "status",
        utf8(&plan),
        "--as-of",
        "2022-09-13",
        "--lang",
        "en",
    ])
    .stdout;
    assert_eq!(written.as_bytes(), stdout, "the same report as on stdout");
    let names: Vec<_> = fs::read_dir(&reports)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["2022-09-13.txt"], "no temporary file left");
}

// ---------------------------------------------------------------------------
// The journal file

#[test]
fn a_journal_that_is_not_a_regular_file_is_refused_at_once() {
    let (dir, plan) = plan_copy();
    let fifo = dir.path().join("fifo.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for (journal, kind) in [
        (fifo.as_path(), "a FIFO"),
        (Path::new("/dev/zero"), "a device"),
        (dir.path(), "a folder"),
    ] {
        for (mut all, code) in journal_readers(utf8(&plan)) {
            all.extend_from_slice(&["--journal", utf8(journal)]);
            let child = command(&all)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start forumplan");
            let output = finish_within(child, Duration::from_secs(20), &format!("{all:?}"));
            let text = stderr(&output);
            assert_eq!(
                output.status.code(),
                Some(code),
                "{all:?}\n{}",
                transcript(&output)
            );
            assert!(
                text.contains(utf8(journal)) && text.contains(kind),
                "{all:?}\n{text}"
            );
        }
    }
}

#[test]
fn an_update_that_runs_out_of_space_removes_its_partial_line() {
    let (dir, plan) = plan_copy();
    let journal = dir.path().join("plan.journal.jsonl");
    // One valid line of 1,000 bytes; the file size limit below is 1,024.
    let line = |note: &str| {
        format!(
            "{{\"date\":\"2022-09-01\",\"task\":\"docs-print\",\"state\":\"in_progress\",\"note\":\"{note}\"}}\n"
        )
    };
    let padding = 1000 - line("").len();
    let original = line(&"x".repeat(padding));
    assert_eq!(original.len(), 1000);
    fs::write(&journal, &original).expect("journal");
    // bash counts `ulimit -f` in KiB; SIGXFSZ is ignored so the write fails with EFBIG.
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec '{}' update '{}' docs-print --state done --date 2022-09-13 --note 'long enough to cross the limit' --lang en",
        env!("CARGO_BIN_EXE_forumplan"),
        utf8(&plan)
    );
    let output = std::process::Command::new("bash")
        .args(["-c", &script])
        .env("NO_COLOR", "1")
        .output()
        .expect("run bash");
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert!(
        stderr(&output).contains("the partial line was removed, nothing was recorded"),
        "{}",
        transcript(&output)
    );
    assert_eq!(fs::read_to_string(&journal).expect("journal"), original);
}

#[test]
fn a_held_journal_lock_is_waited_for_then_given_up_with_a_message() {
    let (dir, plan) = plan_copy();
    let journal = dir.path().join("plan.journal.jsonl");
    fs::write(&journal, "").expect("journal");
    let held = fs::File::open(&journal).expect("open");
    held.lock().expect("lock");

    let started = Instant::now();
    let child = command(&[
        "--wait",
        "1",
        "update",
        utf8(&plan),
        "docs-print",
        "--state",
        "done",
        "--date",
        "2022-09-13",
        "--lang",
        "en",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("start forumplan");
    let output = finish_within(child, Duration::from_secs(20), "update on a locked journal");
    assert!(started.elapsed() >= Duration::from_secs(1), "it waited");
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert!(
        text.contains("waiting for journal") && text.contains("another process holds its lock"),
        "{text}"
    );
    assert!(text.contains("--wait"), "{text}");
    assert!(fs::read(&journal).expect("journal").is_empty());

    // A reader waits too, saying so in the plan's language (Vietnamese),
    // and goes on once the lock is released.
    let child = command(&["check", utf8(&plan), "--as-of", "2022-09-13"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start forumplan");
    std::thread::sleep(Duration::from_millis(1500));
    drop(held);
    let output = finish_within(
        child,
        Duration::from_secs(20),
        "check after the lock is released",
    );
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "{}",
        transcript(&output)
    );
    assert!(
        stderr(&output).contains("đang chờ nhật ký"),
        "{}",
        transcript(&output)
    );
}

// ---------------------------------------------------------------------------
// Interrupted writes

/// A plan of `tasks` tasks in a binary tree of links (shallow, so the
/// schedule stays within a few weeks), whose JSON report takes a while to write.
fn large_plan(dir: &Path, tasks: usize) -> PathBuf {
    let tasks: Vec<serde_json::Value> = (0..tasks)
        .map(|i| {
            let mut task = serde_json::json!({
                "id": format!("t{i}"), "workstream": "content",
                "name": format!("Việc số {i}"), "duration": "1d",
            });
            if i > 0 {
                task["after"] = serde_json::json!([format!("t{}", (i - 1) / 2)]);
            }
            task
        })
        .collect();
    let plan = serde_json::json!({
        "forum": { "id": "large", "name": "Large", "date": "2030-06-03", "plan_start": "2030-01-02" },
        "workstreams": [{ "id": "content", "name": "Nội dung" }],
        "tasks": tasks,
    });
    let path = dir.join("large.json");
    fs::write(&path, plan.to_string()).expect("write plan");
    path
}

#[test]
fn an_interrupted_report_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = large_plan(dir.path(), 4_000);
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).expect("folder");
    let report = reports.join("status.json");
    fs::write(&report, "yesterday's report").expect("report");
    let names = || -> Vec<String> {
        fs::read_dir(&reports)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    let mut caught_writing = 0;
    for (run, signal) in ["TERM", "INT", "HUP", "TERM", "INT", "HUP"]
        .iter()
        .enumerate()
    {
        let mut child = command(&[
            "status",
            utf8(&plan),
            "--as-of",
            "2030-03-01",
            "--format",
            "json",
            "-o",
            utf8(&report),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start forumplan");
        // Signal the moment the temporary file appears.
        while child.try_wait().expect("poll").is_none() && names().len() == 1 {
            std::thread::sleep(Duration::from_micros(200));
        }
        let writing = names().len() > 1;
        let _ = std::process::Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status();
        let status = child.wait().expect("wait");
        caught_writing += usize::from(writing && !status.success());
        assert_eq!(
            names(),
            ["status.json"],
            "run {run}, SIG{signal} ({status})"
        );
        let kept = fs::read(&report).expect("report");
        assert!(
            kept == b"yesterday's report"
                || serde_json::from_slice::<serde_json::Value>(&kept).is_ok(),
            "run {run}: the report is the old one or a whole new one"
        );
        fs::write(&report, "yesterday's report").expect("report");
    }
    assert!(caught_writing > 0, "no run was interrupted while writing");
}

// ---------------------------------------------------------------------------
// User text in reports

/// Text that would run, reformat or reprogram something if passed through.
const HOSTILE: &str =
    "\u{1b}[2J\u{9b}31m\u{7}<img src=x onerror=alert(1)>\n# injected\r\n\"]; click x\u{202e}|*x*";

/// The 2022 plan with hostile text in every name, lead, owner and venue,
/// and a journal entry with a hostile `by` and note.
fn hostile_plan() -> (tempfile::TempDir, PathBuf) {
    let (dir, plan) = plan_copy();
    let mut json: serde_json::Value =
        serde_json::from_slice(&fs::read(&plan).expect("plan")).expect("JSON");
    let spoil = |value: &mut serde_json::Value| {
        let text = value.as_str().unwrap_or_default().to_owned();
        *value = serde_json::Value::String(format!("{text}{HOSTILE}"));
    };
    spoil(&mut json["forum"]["name"]);
    spoil(&mut json["forum"]["venue"]);
    for workstream in json["workstreams"].as_array_mut().expect("workstreams") {
        spoil(&mut workstream["name"]);
        spoil(&mut workstream["lead"]);
    }
    for task in json["tasks"].as_array_mut().expect("tasks") {
        spoil(&mut task["name"]);
        spoil(&mut task["owner"]);
    }
    fs::write(&plan, json.to_string()).expect("write plan");
    let journal = dir
        .path()
        .join(json["forum"]["journal"].as_str().expect("journal name"));
    let mut lines =
        fs::read_to_string(common::root().join("fixtures/vesf-2022/plan.journal.jsonl"))
            .expect("journal");
    let entry = serde_json::json!({
        "date": "2022-09-12", "task": "docs-print", "state": "in_progress",
        "by": HOSTILE, "note": HOSTILE,
    });
    lines.push_str(&format!("{entry}\n"));
    fs::write(journal, lines).expect("write journal");
    (dir, plan)
}

/// Fails if `output` carries a control character other than a line break,
/// a bidirectional override, or a line the user's text started.
fn assert_plain(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    assert!(!text.is_empty(), "{what}: no output");
    if let Some(c) = text
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || c == '\u{202e}')
    {
        panic!("{what}: control character {c:?} in\n{text}");
    }
    assert!(
        // Wrapped lines are indented; a raw line break would start at column 0.
        !text.lines().any(|l| l.starts_with("# injected")),
        "{what}: a line break in user text started a line\n{text}"
    );
}

#[test]
fn user_text_cannot_reach_the_terminal_as_control_characters() {
    let (_dir, plan) = hostile_plan();
    let plan = utf8(&plan);
    let runs: [&[&str]; 6] = [
        &["status", plan, "--as-of", "2022-09-13"],
        &["status", plan, "--as-of", "2022-09-13", "--lang", "en"],
        &["check", plan, "--as-of", "2022-09-13"],
        &["check", plan, "--as-of", "2022-09-17", "--lang", "en"],
        &["history", plan],
        &["history", plan, "docs-print"],
    ];
    for args in runs {
        let output = forumplan(args);
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{args:?}\n{}",
            transcript(&output)
        );
        assert_plain(&format!("{args:?}"), &output.stdout);
    }
}

#[test]
fn markdown_shows_user_text_without_running_it() {
    let (_dir, plan) = hostile_plan();
    for lang in ["vi", "en"] {
        for as_of in ["2022-09-13", "2022-09-17"] {
            let output = succeed(&[
                "status",
                utf8(&plan),
                "--as-of",
                as_of,
                "--format",
                "markdown",
                "--lang",
                lang,
            ]);
            assert_plain(&format!("markdown {lang} {as_of}"), &output.stdout);
            let text = String::from_utf8(output.stdout).expect("UTF-8");
            assert!(!text.contains("<img"), "raw HTML passed:\n{text}");
            assert!(
                text.contains("&lt;img src=x onerror=alert(1)&gt;"),
                "{text}"
            );
            assert!(
                text.contains("\\|\\*x\\*"),
                "table and emphasis characters escaped"
            );
            let mermaid = text
                .split("```mermaid")
                .nth(1)
                .and_then(|rest| rest.split("```").next())
                .expect("a Mermaid block");
            for line in mermaid.lines().filter(|l| l.contains('[')) {
                assert_eq!(line.matches('"').count(), 2, "a label closed early: {line}");
                assert!(!line.contains('<'), "HTML in a Mermaid label: {line}");
            }
        }
    }
}

#[test]
fn the_plan_file_is_never_used_as_its_own_journal() {
    let (dir, plan) = plan_copy();
    let mut json: serde_json::Value =
        serde_json::from_slice(&fs::read(&plan).expect("plan")).expect("JSON");
    json["forum"]["journal"] = serde_json::Value::String("plan.json".into());
    fs::write(&plan, json.to_string()).expect("write plan");
    let before = fs::read(&plan).expect("plan");
    let other = dir.path().join("other.json");
    std::os::unix::fs::symlink("plan.json", &other).expect("link");
    let runs: [(&[&str], i32); 5] = [
        (
            &[
                "update",
                utf8(&plan),
                "docs-print",
                "--state",
                "done",
                "--date",
                "2022-09-13",
            ],
            1,
        ),
        (&["status", utf8(&plan), "--as-of", "2022-09-13"], 1),
        (&["check", utf8(&plan), "--as-of", "2022-09-13"], 3),
        (&["history", utf8(&plan), "--journal", utf8(&other)], 1),
        (
            &[
                "update",
                utf8(&plan),
                "docs-print",
                "--state",
                "done",
                "--journal",
                utf8(&other),
            ],
            1,
        ),
    ];
    for (args, code) in runs {
        let output = in_english(args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}\n{}",
            transcript(&output)
        );
        assert!(
            stderr(&output).contains("is the plan file itself"),
            "{args:?}\n{}",
            transcript(&output)
        );
    }
    assert_eq!(fs::read(&plan).expect("plan"), before);
}

#[test]
fn a_journal_the_plan_names_that_cannot_be_used_is_pointed_at_in_the_plan() {
    let (dir, plan) = plan_copy();
    fs::create_dir(dir.path().join("folder.jsonl")).expect("folder");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.jsonl"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let original: serde_json::Value =
        serde_json::from_slice(&fs::read(&plan).expect("plan")).expect("JSON");
    for (name, reason) in [
        ("folder.jsonl", "a folder"),
        ("fifo.jsonl", "a FIFO"),
        ("plan.json", "is the plan file itself"),
    ] {
        let mut json = original.clone();
        json["forum"]["journal"] = serde_json::Value::String(name.into());
        let text = serde_json::to_string_pretty(&json).expect("JSON");
        fs::write(&plan, &text).expect("write plan");
        // Where the value is: line and column (1-based) of its opening quote.
        let (line, column) = text
            .lines()
            .enumerate()
            .find_map(|(i, l)| l.find("\"journal\": \"").map(|c| (i + 1, c + 12)))
            .expect("journal member");
        let place = format!("{}:{line}:{column}", utf8(&plan));
        let runs = journal_readers(utf8(&plan))
            .into_iter()
            .filter(|(all, _)| !matches!(all[0], "schedule" | "check"));
        for (all, code) in runs {
            let child = command(&[all.as_slice(), &["--lang", "en"]].concat())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start forumplan");
            let output = finish_within(child, Duration::from_secs(20), &format!("{all:?}"));
            let text = stderr(&output);
            assert_eq!(output.status.code(), Some(code), "{all:?}\n{text}");
            for wanted in [
                "error[journal-unreadable]",
                place.as_str(),
                reason,
                "journal named here",
                "help: make `journal` name a regular file",
            ] {
                assert!(text.contains(wanted), "{all:?}: no {wanted:?} in\n{text}");
            }
        }
    }
}

/// Fails if `stderr` carries a raw ESC, C1 control or bidirectional control.
fn assert_no_raw_controls(what: &str, stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    if let Some(c) = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        panic!("{what}: control character {c:?} in\n{text}");
    }
}

#[test]
fn diagnostics_show_control_characters_of_the_files_as_visible_stand_ins() {
    let (dir, plan) = plan_copy();
    let text = fs::read_to_string(&plan).expect("plan");
    let journal = dir.path().join("plan.journal.jsonl");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json["forum"]["journal"] = serde_json::Value::String("plan.journal.jsonl".into());
    fs::write(&plan, serde_json::to_string_pretty(&json).expect("JSON")).expect("write");
    // A damaged journal line holding raw ESC, a C1 CSI and a bidi override
    // (a raw control in a string is the line's problem), and an unknown
    // task whose id holds them escaped (shown in the message).
    let prefix = "{\"date\":\"2022-09-12\",\"task\":\"docs-print\",\"note\":\"\u{1b}[31m\u{9b}31m\u{202e}x\",\"progress\":";
    let lines = format!(
        "{prefix}\"40\"}}\n{{\"date\":\"2022-09-12\",\"task\":\"a\\u001b[31m\\u009b\",\"state\":\"done\"}}\n"
    );
    fs::write(&journal, &lines).expect("journal");
    let output = in_english(&["validate", utf8(&plan)]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert_no_raw_controls("journal", &output.stderr);
    let shown = stderr(&output);
    // The caret stays under the string that holds them, in the header's
    // column and on the caret line.
    let column = prefix.find("\"\u{1b}").expect("note") + 1;
    assert!(
        shown.contains(&format!("plan.journal.jsonl:1:{column}")),
        "{shown}"
    );
    let source = shown
        .lines()
        .find(|l| l.contains("\"note\":"))
        .expect("source line");
    let caret = shown
        .lines()
        .skip_while(|l| !l.contains("\"note\":"))
        .nth(1)
        .expect("caret line");
    let at = |line: &str, needle: &str| line[..line.find(needle).expect(needle)].chars().count();
    assert_eq!(at(source, "\"␛"), at(caret, "^"), "{shown}");
    assert!(shown.contains('␛') && shown.contains('¤'), "{shown}");

    // A plan string holding a raw ESC is a syntax error shown over it.
    let spoiled = fs::read_to_string(&plan).expect("plan").replacen(
        "\"name\": \"",
        "\"name\": \"\u{1b}[31m\u{9b}",
        1,
    );
    fs::write(&plan, spoiled).expect("write");
    let output = in_english(&["validate", utf8(&plan)]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert_no_raw_controls("plan", &output.stderr);
    assert!(stderr(&output).contains('␛'), "{}", stderr(&output));
}

/// The journal-reading commands on `plan`, each with the exit code it gives
/// when the journal cannot be read.
fn journal_readers(plan: &str) -> Vec<(Vec<&str>, i32)> {
    let runs: [(&[&str], i32); 6] = [
        (&["validate"], 1),
        (&["schedule", "--as-of", "2022-09-13"], 1),
        (&["status", "--as-of", "2022-09-13"], 1),
        (&["check", "--as-of", "2022-09-13"], 3),
        (&["history"], 1),
        (
            &[
                "update",
                "docs-print",
                "--state",
                "done",
                "--date",
                "2022-09-13",
            ],
            1,
        ),
    ];
    runs.into_iter()
        .map(|(args, code)| {
            let mut all = vec![args[0], plan];
            all.extend_from_slice(&args[1..]);
            (all, code)
        })
        .collect()
}
