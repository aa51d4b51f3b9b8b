//! Helpers shared by the end-to-end tests: running the binary from the
//! workspace root and showing what it did.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root, where fixture paths start.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// A `forumplan` command run in the workspace root, without colour.
pub(crate) fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_forumplan"));
    command
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("FORUMPLAN_LOG");
    command
}

/// Runs `forumplan` to the end.
#[allow(dead_code)] // The README test runs its examples in a folder of its own.
pub(crate) fn forumplan(args: &[&str]) -> Output {
    command(args).output().expect("run forumplan")
}

/// Exit code, stdout and stderr in one text, for snapshots and messages.
pub(crate) fn transcript(output: &Output) -> String {
    format!(
        "exit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        output
            .status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    )
}

/// Runs `forumplan`, which must succeed without a word on stderr.
#[allow(dead_code)] // Not every test binary needs it.
pub(crate) fn succeed(args: &[&str]) -> Output {
    let output = forumplan(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}\n{}",
        transcript(&output)
    );
    assert!(
        output.stderr.is_empty(),
        "{args:?}\n{}",
        transcript(&output)
    );
    output
}

/// The ids of the plan's post-event tasks: after `event`, directly or
/// through other tasks (read from the plan file, not from forumplan).
#[allow(dead_code)] // Not every test binary reads plans this way.
pub(crate) fn post_event_tasks(plan: &str) -> BTreeSet<String> {
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(plan)).expect("plan"))
            .expect("JSON");
    let tasks = plan["tasks"].as_array().expect("tasks");
    let preds = |task: &serde_json::Value| -> Vec<String> {
        task["after"]
            .as_array()
            .map(|after| {
                after
                    .iter()
                    .filter_map(|link| link.as_str().or_else(|| link["task"].as_str()))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut post: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = post.len();
        for task in tasks {
            if preds(task).iter().any(|p| p == "event" || post.contains(p)) {
                post.insert(task["id"].as_str().expect("id").to_owned());
            }
        }
        if post.len() == before {
            return post;
        }
    }
}

/// Snapshots of whole reports, kept in `tests/snapshots/`.
#[allow(dead_code)] // Not every test binary takes report snapshots.
pub(crate) fn assert_report_snapshot(name: &str, report: &str) {
    insta::with_settings!({
        snapshot_path => root().join("tests/snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, report);
    });
}
