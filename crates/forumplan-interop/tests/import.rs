//! Import, through the crate's public surface: every MSPDI sample and the
//! committee spreadsheets, checked against what the files contain, and the
//! plans loaded through core as `validate` would.

#![allow(
    clippy::disallowed_methods,
    reason = "tests read fixture files; the library itself does no I/O"
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use forumplan_core::journal::TaskState;
use forumplan_core::plan::{DateSpec, LinkType, Plan, plan_to_text};
use forumplan_core::{Format, load_plan};
use forumplan_interop::{ImportOptions, Imported, Place, Problem, ProblemCode, SourceKind, import};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/interop")
        .join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day")
}

fn options(date: Option<&str>) -> ImportOptions<'static> {
    ImportOptions {
        date: date.map(day),
        name: None,
        sheet: None,
        today: day("2023-03-20"),
    }
}

fn read(name: &str, options: &ImportOptions<'_>) -> Result<Imported, Vec<Problem>> {
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    let kind = SourceKind::from_file_name(name).expect("known kind");
    import(&bytes, kind, options)
}

/// The plan as written, loaded back through core: it must validate.
fn validated(plan: &Plan) -> String {
    let text = plan_to_text(plan, Format::Json).expect("serializes");
    if let Err(diagnostics) = load_plan(text.as_bytes(), Format::Json) {
        panic!("the imported plan does not validate: {diagnostics:#?}");
    }
    text
}

fn task<'p>(plan: &'p Plan, id: &str) -> &'p forumplan_core::plan::Task {
    plan.tasks
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no task {id}"))
}

fn absolute(text: &str) -> Option<DateSpec> {
    Some(DateSpec::Absolute(day(text)))
}

/// The journal entries, one line each.
fn journal(imported: &Imported) -> Vec<String> {
    imported
        .journal
        .iter()
        .map(|e| format!("{} {} {:?} {:?}", e.date, e.task, e.state, e.progress))
        .collect()
}

fn codes(problems: &[Problem]) -> Vec<ProblemCode> {
    problems.iter().map(|p| p.code).collect()
}

#[test]
fn every_sample_imports_or_is_refused_with_its_reason() {
    // The MPXJ samples: what each holds, as the files say.
    let nulls = read("mspdi/mspdinulltasks.xml", &options(None)).expect("imports");
    let plan = &nulls.plan;
    validated(plan);
    // Project summary and blank rows skipped; two outline-1 summaries.
    assert_eq!(plan.forum.name, "Project1");
    assert_eq!(plan.forum.date, day("2008-11-14"), "the finish date");
    assert_eq!(plan.forum.plan_start, absolute("2008-11-03"));
    let streams: Vec<(&str, &str)> = plan
        .workstreams
        .iter()
        .map(|w| (w.id.as_str(), w.name.as_str()))
        .collect();
    assert_eq!(streams, [("task-1", "Task 1"), ("task-4", "Task 4")]);
    let tasks: Vec<(&str, &str, u32)> = plan
        .tasks
        .iter()
        .map(|t| (t.name.as_str(), t.workstream.as_str(), t.duration.0))
        .collect();
    // PT75H0M0S at 450 minutes a day is 10 days.
    assert_eq!(
        tasks,
        [
            ("Task 2", "task-1", 10),
            ("Task 3", "task-1", 10),
            ("Task 5", "task-4", 10)
        ]
    );
    assert!(
        plan.tasks.iter().all(|t| t.after.is_empty()),
        "the file has no links"
    );
    let standard = &plan.calendars["standard"];
    assert_eq!(standard.weekdays.as_ref().map(Vec::len), Some(5));
    assert!(standard.holidays.is_empty() && standard.working_days_extra.is_empty());
    assert!(nulls.warnings.is_empty(), "{:#?}", nulls.warnings);

    let dates = read(
        "mspdi/task-dates-project2019-mspdi.xml",
        &options(Some("2018-10-25")),
    )
    .expect("imports");
    validated(&dates.plan);
    assert_eq!(dates.plan.tasks.len(), 10);
    assert!(
        dates
            .plan
            .tasks
            .iter()
            .all(|t| t.duration.0 == 1 && t.workstream == "chung")
    );
    // Each task is scheduled manually: said once per task.
    assert_eq!(dates.warnings.len(), 10);
    assert!(
        dates
            .warnings
            .iter()
            .all(|w| w.code == ProblemCode::NotCarriedOver)
    );

    let calendars = read(
        "mspdi/calendar-calendars-project2016-mspdi.xml",
        &options(None),
    )
    .expect_err("no tasks");
    assert_eq!(codes(&calendars), [ProblemCode::NoTasks]);

    let primavera = read("mspdi/SuccessorCalendar.xml", &options(None)).expect_err("P6");
    assert_eq!(codes(&primavera), [ProblemCode::NotMspdi]);
    assert!(
        primavera[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("Primavera")
    );
}

#[test]
fn links_lags_constraints_calendars_and_progress_of_an_mspdi_file() {
    let imported = read("mspdi/forum-links.xml", &options(None)).expect("imports");
    let plan = &imported.plan;
    validated(plan);
    assert_eq!(plan.forum.name, "Diễn đàn Hợp tác & Đầu tư 2023");
    assert_eq!(plan.forum.date, day("2023-05-22"));
    assert_eq!(plan.forum.calendar.as_deref(), Some("standard"));
    // Outline level 1 summaries are workstreams; "Tham luận" (level 2)
    // flattens into "Nội dung" and is kept in its tasks' notes.
    let streams: Vec<&str> = plan.workstreams.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(streams, ["noi-dung", "hau-can", "chung"]);
    let order = task(plan, "dat-hang-tham-luan");
    assert_eq!(order.workstream, "noi-dung");
    assert_eq!(order.notes.as_deref(), Some("Tham luận"));
    assert_eq!(task(plan, "gui-giay-moi").workstream, "chung");
    // Durations: hours at 480 minutes a day.
    assert_eq!(order.duration.0, 10);
    assert_eq!(task(plan, "tong-duyet").duration.0, 0);
    assert_eq!(
        task(plan, "bao-cao-de-dan").duration.0,
        8,
        "7.5 days rounded"
    );
    // Links: type codes 0 FF, 1 FS, 2 SF, 3 SS; lags in tenths of minutes.
    for (id, n, predecessor, kind, lag) in [
        (
            "dat-hang-tham-luan",
            0,
            "xay-dung-de-cuong",
            LinkType::FinishToStart,
            1,
        ),
        (
            "bien-tap-ky-yeu",
            0,
            "dat-hang-tham-luan",
            LinkType::StartToStart,
            2,
        ),
        (
            "bao-cao-de-dan",
            0,
            "dat-hang-tham-luan",
            LinkType::FinishToFinish,
            -1,
        ),
        (
            "lap-dat-san-khau",
            0,
            "thue-hoi-truong",
            LinkType::StartToFinish,
            1,
        ),
        (
            "tong-duyet",
            1,
            "bao-cao-de-dan",
            LinkType::FinishToStart,
            3,
        ),
    ] {
        let link = &task(plan, id).after[n];
        assert_eq!(
            (link.task.as_str(), link.kind, link.lag.0),
            (predecessor, kind, lag),
            "{id}"
        );
    }
    assert_eq!(
        task(plan, "tong-duyet").after.len(),
        2,
        "the link from a summary is left out"
    );
    // Constraints.
    assert_eq!(
        task(plan, "xay-dung-de-cuong").not_before,
        absolute("2023-03-01")
    );
    assert_eq!(
        task(plan, "thue-hoi-truong").fixed_start,
        absolute("2023-04-03")
    );
    assert_eq!(task(plan, "bien-tap-ky-yeu").due, absolute("2023-05-10"));
    assert_eq!(
        task(plan, "tong-duyet").due,
        absolute("2023-05-19"),
        "MFO → due"
    );
    // FNET 12 May, 3 days → not before 10 May.
    assert_eq!(
        task(plan, "lap-dat-san-khau").not_before,
        absolute("2023-05-10")
    );
    // SNLT 8 May, 2 days on the printer's calendar → due 9 May.
    assert_eq!(task(plan, "in-tai-lieu").due, absolute("2023-05-09"));
    assert_eq!(
        task(plan, "in-tai-lieu").calendar.as_deref(),
        Some("nha-in")
    );
    assert_eq!(
        task(plan, "bao-cao-de-dan").due,
        absolute("2023-05-05"),
        "Deadline → due"
    );
    // Resources assigned are the owner.
    assert_eq!(
        task(plan, "thue-hoi-truong").owner.as_deref(),
        Some("Văn phòng, Vụ Tổng hợp")
    );
    // Calendar exceptions: holidays on worked days, a swapped Saturday.
    let standard = &plan.calendars["standard"];
    let days = |list: &[DateSpec]| list.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(
        days(&standard.holidays),
        ["2023-05-01", "2023-05-02", "2023-05-03"]
    );
    assert_eq!(days(&standard.working_days_extra), ["2023-05-06"]);
    let printer = &plan.calendars["nha-in"];
    assert_eq!(
        printer.weekdays.as_ref().map(Vec::len),
        Some(6),
        "works Saturdays"
    );
    assert!(days(&printer.holidays).contains(&"2023-04-29".to_owned()));
    // Progress.
    assert_eq!(
        journal(&imported),
        [
            "2023-03-01 xay-dung-de-cuong InProgress None",
            "2023-03-07 xay-dung-de-cuong Done None",
            "2023-03-09 dat-hang-tham-luan InProgress None",
            "2023-03-20 dat-hang-tham-luan InProgress Some(40)",
        ]
    );
    assert!(
        imported
            .journal
            .iter()
            .all(|e| e.state != TaskState::Blocked)
    );
    // What could not be carried over, each at its line.
    let text = std::fs::read_to_string(fixture("mspdi/forum-links.xml")).expect("fixture");
    let warnings: Vec<String> = imported
        .warnings
        .iter()
        .map(|w| {
            let Place::Text(span) = w.place else {
                panic!("located")
            };
            let line = text[..span.start].lines().count();
            format!("{line}: {} {}", w.code, w.message)
        })
        .collect();
    insta::assert_snapshot!(warnings.join("\n"));
}

#[test]
fn a_committee_spreadsheet_becomes_a_valid_plan() {
    let imported = read("ke-hoach-2022.xlsx", &options(Some("2022-09-18"))).expect("imports");
    let text = validated(&imported.plan);
    insta::assert_snapshot!("ke-hoach-2022", text);
    assert_eq!(
        journal(&imported),
        [
            "2023-03-20 xay-dung-de-cuong-dien-dan Done None",
            "2023-03-20 dat-hang-tham-luan-cua-chuyen-gia InProgress Some(60)",
            "2023-03-20 lua-chon-dia-diem-to-chuc Done None",
            "2023-03-20 xay-dung-ke-hoach-truyen-thong InProgress Some(30)",
        ]
    );
    // The signature block under the table is said, not dropped silently.
    assert_eq!(codes(&imported.warnings), [ProblemCode::NotCarriedOver]);

    let csv = read("ke-hoach-2022.csv", &options(Some("2022-09-18"))).expect("imports");
    validated(&csv.plan);
    let send = task(&csv.plan, "gui-giay-moi");
    let targets: Vec<&str> = send.after.iter().map(|l| l.task.as_str()).collect();
    // `II.1` is row 1 of section II; `3FS+2d` the only row 3.
    assert_eq!(
        targets,
        [
            "lua-chon-dia-diem",
            "hoan-thien-bao-cao-de-dan-gui-xin-y-kien"
        ]
    );
    assert_eq!(csv.journal.len(), 2);
}

#[test]
fn a_broken_spreadsheet_is_refused_with_every_problem_at_its_cell() {
    let problems = read("ke-hoach-loi.xlsx", &options(Some("2022-09-18"))).expect_err("broken");
    let shown: Vec<String> = problems
        .iter()
        .map(|p| {
            let Place::Cell(cell) = &p.place else {
                panic!("a cell")
            };
            format!("{cell} {:?} {}: {}", p.severity, p.code, p.message)
        })
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
    // Without the event day, a spreadsheet is refused.
    let undated = read("ke-hoach-2022.xlsx", &options(None)).expect_err("no date");
    assert!(codes(&undated).contains(&ProblemCode::NoForumDate));
    let sheet = ImportOptions {
        sheet: Some("Sheet9"),
        ..options(Some("2022-09-18"))
    };
    let missing = read("ke-hoach-2022.xlsx", &sheet).expect_err("no such sheet");
    assert_eq!(codes(&missing), [ProblemCode::UnknownSheet]);
    assert!(
        missing[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("Kế hoạch")
    );
}

#[test]
fn bytes_that_are_no_spreadsheet_or_project_are_refused_without_panic() {
    let options = options(Some("2022-09-18"));
    for (bytes, kind) in [
        (&b"PK\x03\x04garbage"[..], SourceKind::Workbook),
        (b"", SourceKind::Workbook),
        (b"\xff\xfe<\x00", SourceKind::Mspdi),
        (
            b"<Project><Tasks><Task><UID>x</UID></Task></Tasks>",
            SourceKind::Mspdi,
        ),
        (b"a,b\n\xff", SourceKind::Csv),
        (b"", SourceKind::Csv),
    ] {
        let problems = import(bytes, kind, &options).expect_err("refused");
        assert!(problems.iter().any(Problem::is_error));
    }
}

#[test]
fn every_problem_code_is_documented() {
    let docs = std::fs::read_to_string(fixture("../../docs/interop.md")).expect("docs");
    for code in ProblemCode::ALL {
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "docs/interop.md has no entry for `{code}`"
        );
    }
}
