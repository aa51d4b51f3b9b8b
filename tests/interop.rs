//! End-to-end tests of `forumplan import` (and, as they land, `export`):
//! the committee's files in, a plan that validates out, every problem
//! located and shown by the diagnostics renderer, nothing written on error.

mod common;

use common::{forumplan, root, succeed, transcript};

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
