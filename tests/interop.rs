//! End-to-end tests of `forumplan import` (and, as they land, `export`):
//! the committee's files in, a plan that validates out, every problem
//! located and shown by the diagnostics renderer, nothing written on error.

mod common;
#[path = "common/tools.rs"]
mod tools;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Datelike, NaiveDate};
use common::{forumplan, root, succeed, transcript};
use forumplan_core::plan::LinkType;

/// A run's transcript with the temporary folder's path made stable.
fn stable(output: &std::process::Output, dir: &std::path::Path) -> String {
    transcript(output).replace(&dir.display().to_string(), "[TMP]")
}

/// `forumplan --lang en import SOURCE -o PLAN` and more arguments.
fn import_en(source: &str, plan: &std::path::Path, more: &[&str]) -> std::process::Output {
    let plan = plan.to_str().expect("UTF-8 path");
    let mut args = vec!["--lang", "en", "import", source, "-o", plan];
    args.extend_from_slice(more);
    forumplan(&args)
}

#[test]
fn a_committee_spreadsheet_imports_into_a_plan_and_journal_that_validate() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path().join("ke-hoach.toml");
    let plan = plan.to_str().expect("UTF-8 path");
    let import = || {
        forumplan(&[
            "import",
            "fixtures/interop/ke-hoach-2022.xlsx",
            "-o",
            plan,
            "--date",
            "2022-09-18",
        ])
    };
    let output = import();
    insta::assert_snapshot!("import_xlsx", stable(&output, dir.path()));
    assert_eq!(output.status.code(), Some(0));
    let journal = dir.path().join("ke-hoach.journal.jsonl");
    assert_eq!(
        std::fs::read_to_string(&journal)
            .expect("journal")
            .lines()
            .count(),
        4
    );
    // The plan and its journal pass validation.
    let validate = forumplan(&["validate", plan]);
    assert_eq!(validate.status.code(), Some(0), "{}", transcript(&validate));
    // The report runs on the imported pair.
    succeed(&[
        "status",
        plan,
        "--as-of",
        "2022-08-01",
        "--journal",
        journal.to_str().expect("path"),
    ]);

    // A second import never replaces the plan.
    let again = import();
    assert_eq!(again.status.code(), Some(1));
    assert!(
        transcript(&again).contains("đã có"),
        "{}",
        transcript(&again)
    );
}

#[test]
fn a_broken_spreadsheet_shows_every_problem_at_its_cell_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path().join("plan.json");
    let output = import_en(
        "fixtures/interop/ke-hoach-loi.xlsx",
        &plan,
        &["--date", "2022-09-18"],
    );
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("import_xlsx_broken", stable(&output, dir.path()));
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("folder").count(),
        0,
        "nothing written"
    );
}

#[test]
fn an_mspdi_file_imports_with_its_warnings_located_by_line_and_column() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path().join("plan.json");
    let output = import_en("fixtures/interop/mspdi/forum-links.xml", &plan, &[]);
    insta::assert_snapshot!("import_mspdi", stable(&output, dir.path()));
    assert_eq!(output.status.code(), Some(0));
    let primavera = import_en(
        "fixtures/interop/mspdi/SuccessorCalendar.xml",
        &dir.path().join("p6.json"),
        &[],
    );
    assert_eq!(primavera.status.code(), Some(1));
    insta::assert_snapshot!("import_not_mspdi", stable(&primavera, dir.path()));
    assert!(!dir.path().join("p6.json").exists());
}

#[test]
fn import_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = dir.path().join("plan.json");
    let unknown = import_en("README.md", &plan, &[]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(transcript(&unknown).contains(".xlsx, .xls, .ods, .csv and .xml"));
    let elsewhere = root().join("elsewhere.jsonl");
    let outside = import_en(
        "fixtures/interop/ke-hoach-2022.csv",
        &plan,
        &[
            "--date",
            "2022-09-18",
            "--journal",
            elsewhere.to_str().expect("path"),
        ],
    );
    assert_eq!(outside.status.code(), Some(1));
    assert!(transcript(&outside).contains("must be in the plan's folder"));
    assert!(!plan.exists());
}

#[test]
fn the_2022_forum_exported_as_ms_project_xml_imports_back_whole() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let xml = dir.path().join("vesf-2022.xml");
    let xml_path = xml.to_str().expect("path");
    let plan = "fixtures/vesf-2022/plan.json";
    succeed(&[
        "export",
        plan,
        "--format",
        "mspdi",
        "--as-of",
        "2022-08-20",
        "-o",
        xml_path,
    ]);
    let text = std::fs::read_to_string(&xml).expect("exported");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""));
    assert!(text.contains("<Alias>forumplan id</Alias>"));
    // Stdout carries the same file.
    let stdout = succeed(&["export", plan, "--format", "mspdi", "--as-of", "2022-08-20"]);
    assert_eq!(String::from_utf8_lossy(&stdout.stdout), text);
    // Never over the plan.
    let refused = forumplan(&["export", plan, "--format", "mspdi", "-o", plan]);
    assert_eq!(refused.status.code(), Some(1), "{}", transcript(&refused));
    // Back in: every task, no warning, a plan that validates.
    let back = dir.path().join("back.json");
    let output = import_en(xml_path, &back, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
    succeed(&["validate", back.to_str().expect("path")]);
    let count = |path: &std::path::Path| {
        let plan: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("plan")).expect("JSON");
        plan["tasks"].as_array().expect("tasks").len()
    };
    assert_eq!(count(&back), count(&root().join(plan)));
}

/// The pinned MPXJ and JPype versions (also in `.ci/run`).
const MPXJ_INSTALL: &str = "pip install mpxj==16.10.0 JPype1==1.7.1";

/// Python with MPXJ (an independent reader of MS Project files, run on
/// the machine's Java through JPype), or `None` with a note on a machine
/// without it; under CI a missing reader fails the test.
fn mpxj() -> Option<PathBuf> {
    let python = tools::installed("python3", "python3")?;
    tools::installed("java", "default-jre-headless")?;
    let probe = Command::new(&python)
        .args(["-c", "import jpype, mpxj"])
        .output()
        .expect("run python3");
    if !probe.status.success() {
        assert!(
            std::env::var_os("CI").is_none(),
            "MPXJ is not installed, and CI is set: the test cannot be skipped ({MPXJ_INSTALL})"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("note: MPXJ is not installed; skipping ({MPXJ_INSTALL})");
        }
        return None;
    }
    Some(python)
}

/// What MPXJ read from an MSPDI file (`tests/mpxj/read_mspdi.py`).
fn read_with_mpxj(python: &Path, xml: &Path) -> serde_json::Value {
    let output = Command::new(python)
        .arg(root().join("tests/mpxj/read_mspdi.py"))
        .arg(xml)
        .output()
        .expect("run the MPXJ reader");
    assert!(
        output.status.success(),
        "MPXJ could not read {}:\n{}",
        xml.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the reader's JSON")
}

fn day(value: &serde_json::Value) -> NaiveDate {
    value
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| panic!("a day: {value}"))
}

/// MPXJ's name of a link type.
fn mpxj_link_type(kind: LinkType) -> &'static str {
    match kind {
        LinkType::FinishToStart => "FINISH_START",
        LinkType::StartToStart => "START_START",
        LinkType::FinishToFinish => "FINISH_FINISH",
        LinkType::StartToFinish => "START_FINISH",
    }
}

/// Exports `plan` as MSPDI as of `as_of`, reads it back with MPXJ, and
/// checks it against the plan (loaded by core) and its schedule
/// (`forumplan schedule --format json`): tasks and names, workstreams as
/// summary tasks, dates, milestones, progress, links with types and
/// lags, and the calendars' exceptions.
fn check_with_mpxj(python: &Path, plan: &str, as_of: &str) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let xml = dir.path().join("plan.xml");
    succeed(&[
        "export",
        plan,
        "--format",
        "mspdi",
        "--as-of",
        as_of,
        "-o",
        xml.to_str().expect("UTF-8 path"),
    ]);
    let read = read_with_mpxj(python, &xml);
    let bytes = std::fs::read(root().join(plan)).expect("plan");
    let format = if plan.ends_with(".toml") {
        forumplan_core::Format::Toml
    } else {
        forumplan_core::Format::Json
    };
    let forum = forumplan_core::load_plan(&bytes, format)
        .unwrap_or_else(|e| panic!("{plan}: {e:?}"))
        .forum;
    let schedule: serde_json::Value = serde_json::from_slice(
        &succeed(&["schedule", plan, "--as-of", as_of, "--format", "json"]).stdout,
    )
    .expect("schedule JSON");
    let context = format!("{plan} as of {as_of}");

    assert_eq!(read["title"], forum.plan().forum.name, "{context}");
    let tasks = read["tasks"].as_array().expect("tasks");
    // Workstreams: the outline-1 summary tasks, in plan order.
    let summaries: Vec<&str> = tasks
        .iter()
        .filter(|t| t["summary"] == true)
        .map(|t| {
            assert_eq!(t["outline_level"], 1, "{context}: {t}");
            t["name"].as_str().expect("name")
        })
        .collect();
    let workstreams: Vec<&str> = forum
        .workstreams()
        .iter()
        .map(|w| w.name.as_str())
        .collect();
    assert_eq!(summaries, workstreams, "{context}");
    let ws_name: HashMap<&str, &str> = forum
        .workstreams()
        .iter()
        .map(|w| (w.id.as_str(), w.name.as_str()))
        .collect();

    // Every task once, by the id kept in Text1, plus the event milestone.
    let by_id: HashMap<&str, &serde_json::Value> = tasks
        .iter()
        .filter(|t| t["summary"] == false)
        .map(|t| (t["id"].as_str().expect("forumplan id in Text1"), t))
        .collect();
    assert_eq!(by_id.len(), forum.plan().tasks.len() + 1, "{context}");
    let uid_to_id: HashMap<i64, &str> = tasks
        .iter()
        .filter_map(|t| Some((t["uid"].as_i64()?, t["id"].as_str()?)))
        .collect();
    let event = by_id["event"];
    assert!(
        event["milestone"] == true && event["parent"].is_null(),
        "{event}"
    );
    assert_eq!(day(&event["start"]), forum.plan().forum.date);

    let scheduled = schedule["tasks"].as_array().expect("scheduled tasks");
    assert_eq!(scheduled.len(), forum.plan().tasks.len());
    for (task, row) in forum.plan().tasks.iter().zip(scheduled) {
        let id = task.id.as_str();
        assert_eq!(row["id"], id);
        let read = by_id
            .get(id)
            .unwrap_or_else(|| panic!("{context}: MPXJ did not read {id}"));
        assert_eq!(read["name"], task.name, "{context}: {id}");
        assert_eq!(
            read["parent"],
            ws_name[task.workstream.as_str()],
            "{context}: {id}"
        );
        assert_eq!(read["outline_level"], 2, "{context}: {id}");
        // The days worked when known, else the forecast (docs/interop.md).
        let known = |actual: &str, early: &str| {
            if row[actual].is_null() {
                day(&row[early])
            } else {
                day(&row[actual])
            }
        };
        assert_eq!(
            (day(&read["start"]), day(&read["finish"])),
            (
                known("actual_start", "early_start"),
                known("actual_finish", "early_finish")
            ),
            "{context}: {id}'s dates"
        );
        assert_eq!(read["milestone"], task.duration.0 == 0, "{context}: {id}");
        assert_eq!(
            read["duration_days"],
            f64::from(task.duration.0),
            "{context}: {id}"
        );
        assert_eq!(read["duration_units"], "DAYS", "{context}: {id}");
        assert_eq!(read["percent_complete"], row["progress"], "{context}: {id}");
        // Links: each predecessor with its type and lag in working days.
        let mut links: Vec<(String, String, i64)> = read["links"]
            .as_array()
            .expect("links")
            .iter()
            .map(|l| {
                assert_eq!(l["lag_units"], "DAYS", "{context}: {id} {l}");
                let predecessor = l["predecessor"].as_i64().expect("predecessor uid");
                (
                    uid_to_id[&predecessor].to_owned(),
                    l["type"].as_str().expect("type").to_owned(),
                    l["lag"].as_f64().expect("lag") as i64,
                )
            })
            .collect();
        let mut expected: Vec<(String, String, i64)> = task
            .after
            .iter()
            .map(|l| {
                (
                    l.task.to_string(),
                    mpxj_link_type(l.kind).to_owned(),
                    i64::from(l.lag.0),
                )
            })
            .collect();
        links.sort();
        expected.sort();
        assert_eq!(links, expected, "{context}: {id}'s links");
    }

    // Calendars: each exception is a day the plan's calendar treats
    // against its weekly rule, and in the event's year every such day is
    // an exception.
    for calendar in read["calendars"].as_array().expect("calendars") {
        let name = calendar["name"].as_str().expect("calendar name");
        let Some(ours) = forum.calendars().iter().find(|c| c.name() == name) else {
            panic!("{context}: a calendar {name} the plan does not have");
        };
        let weekly = ours.weekdays();
        let rule = |d: NaiveDate| weekly[d.weekday().num_days_from_monday() as usize];
        let mut days = BTreeSet::new();
        for exception in calendar["exceptions"].as_array().expect("exceptions") {
            let (from, to) = (day(&exception["from"]), day(&exception["to"]));
            for d in from.iter_days().take_while(|d| *d <= to) {
                assert_eq!(
                    exception["working"],
                    ours.is_working_day(d),
                    "{context}: {name} {d}"
                );
                assert_ne!(rule(d), ours.is_working_day(d), "{context}: {name} {d}");
                days.insert(d);
            }
        }
        let year = forum.plan().forum.date.year();
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
        let differing: BTreeSet<NaiveDate> = first
            .iter_days()
            .take_while(|d| d.year() == year)
            .filter(|&d| rule(d) != ours.is_working_day(d))
            .collect();
        assert!(
            differing.is_subset(&days),
            "{context}: {name}: {differing:?} ⊄ {days:?}"
        );
    }
}

#[test]
fn ms_project_xml_reads_back_in_mpxj_with_the_same_schedule() {
    let Some(python) = mpxj() else {
        return;
    };
    for (plan, days) in [
        (
            "fixtures/vesf-2022/plan.json",
            ["2022-06-01", "2022-09-13", "2022-09-20"],
        ),
        (
            "fixtures/provincial-forum/plan.toml",
            ["2023-07-03", "2023-09-15", "2023-10-05"],
        ),
    ] {
        for as_of in days {
            check_with_mpxj(&python, plan, as_of);
        }
    }
}
