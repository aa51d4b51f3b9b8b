//! Helpers shared by the end-to-end tests: running the binary from the
//! workspace root and showing what it did.

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
