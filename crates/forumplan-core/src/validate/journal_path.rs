//! `forum.journal`: a file inside the plan's folder, nowhere else.
//!
//! The journal is read by every report and appended to by `update`; a plan
//! that could name any path (`/etc/…`, `../../x`) would have forumplan
//! write where its user never meant to.

use super::{Key, Validator};
use crate::code::Code;
use crate::diagnostic::Diagnostic;

impl Validator<'_, '_, '_> {
    /// Reports a `forum.journal` that is not a relative path to a file in
    /// the plan's folder or below it.
    pub(super) fn check_journal_path(&mut self) {
        let Some(path) = self.plan.forum.journal.as_deref() else {
            return;
        };
        let Some(problem) = journal_path_problem(path) else {
            return;
        };
        let d = Diagnostic::error(
            Code::JournalPath,
            format!("`forum.journal` `{path}` {problem}"),
            self.span(&[Key("forum"), Key("journal")]),
        )
        .with_label("not a file in the plan's folder")
        .with_hint("name a file in the plan's folder or below it, such as `forum.journal.jsonl` or `journal/forum.jsonl`; or leave `journal` out for `<plan>.journal.jsonl`");
        self.push(d);
    }
}

/// What is wrong with `path` as a journal location, if anything. Checked
/// on the text, the same on every system: both `/` and `\` separate parts.
fn journal_path_problem(path: &str) -> Option<&'static str> {
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    if path.starts_with(['/', '\\']) || has_drive {
        Some("is an absolute path")
    } else if parts.contains(&"..") {
        Some("leads out of the plan's folder (`..`)")
    } else if path.chars().any(char::is_control) {
        Some("holds a control character")
    } else if parts
        .last()
        .is_none_or(|last| last.is_empty() || *last == ".")
    {
        Some("names a folder, not a file")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::journal_path_problem;

    #[test]
    fn only_files_inside_the_folder_pass() {
        for good in [
            "forum.jsonl",
            "journal/forum.jsonl",
            "./forum.jsonl",
            "a..b.jsonl",
        ] {
            assert_eq!(journal_path_problem(good), None, "{good}");
        }
        for bad in [
            "/etc/passwd",
            "\\\\server\\share\\j.jsonl",
            "C:journal.jsonl",
            "../journal.jsonl",
            "logs/../../journal.jsonl",
            "logs\\..\\..\\journal.jsonl",
            "",
            ".",
            "logs/",
            "line\nbreak.jsonl",
        ] {
            assert!(journal_path_problem(bad).is_some(), "{bad:?}");
        }
    }
}
