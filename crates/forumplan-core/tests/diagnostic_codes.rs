//! Every diagnostic code is documented and demonstrated: an entry in
//! `docs/diagnostics.md` and a fixture whose expected output shows it.

#![allow(
    clippy::disallowed_methods,
    reason = "tests read the docs and fixture files; the library itself does no I/O"
)]

use std::path::{Path, PathBuf};

use forumplan_core::Code;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The codes in the first column of the documentation's table.
fn documented() -> Vec<String> {
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).expect("docs");
    docs.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(code, _)| code.to_owned())
        .collect()
}

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let documented = documented();
    let codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    for code in &codes {
        assert!(
            documented.contains(code),
            "docs/diagnostics.md has no entry for `{code}`"
        );
    }
    for code in &documented {
        assert!(
            codes.contains(code),
            "docs/diagnostics.md documents `{code}`, which no longer exists"
        );
    }
}

#[test]
fn every_code_has_a_fixture_that_shows_it() {
    let mut snapshots = String::new();
    for folder in ["fixtures/invalid", "fixtures/warnings"] {
        for entry in std::fs::read_dir(root().join(folder)).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "snap") {
                snapshots += &std::fs::read_to_string(&path).expect("snapshot");
            }
        }
    }
    for code in Code::ALL {
        assert!(
            snapshots.contains(&format!("error[{code}]"))
                || snapshots.contains(&format!("warning[{code}]")),
            "no fixture under fixtures/invalid or fixtures/warnings shows `{code}`"
        );
    }
}
