//! `forumplan init PATH`: a starter plan with the six usual workstreams and
//! their typical tasks, every date relative to the event.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use forumplan_core::{Format, load_plan};

use crate::error::CliError;
use crate::write::create_atomically;

/// The starter plan, kept as data in `config/` (all dates relative).
const STARTER_PLAN: &str = include_str!("../../../../config/starter-plan.json");

/// How far ahead the event is when `--date` is not given.
const DEFAULT_LEAD_DAYS: u64 = 90;

pub(crate) fn run(path: &Path, date: Option<&str>, name: &str) -> Result<ExitCode, CliError> {
    if path.exists() {
        return Err(CliError::Exists {
            path: path.to_owned(),
        });
    }
    let date = match date {
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| CliError::Usage {
            message: format!("`{text}` is not a date"),
            hint: "write the event day as YYYY-MM-DD, e.g. --date 2026-09-18".to_owned(),
        })?,
        None => today_in_vietnam() + chrono::Days::new(DEFAULT_LEAD_DAYS),
    };
    let starter =
        load_plan(STARTER_PLAN.as_bytes(), Format::Json).map_err(|_| CliError::Usage {
            message: "the built-in starter plan is invalid".into(),
            hint: "report this as a bug".into(),
        })?;
    let mut plan = starter.forum.plan().clone();
    plan.forum.name = name.to_owned();
    plan.forum.date = date;
    plan.forum.id = forum_id(name, date);
    let format = Format::from_file_name(&path.to_string_lossy());
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&plan)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string()),
        Format::Toml => toml::to_string_pretty(&plan).map_err(|e| e.to_string()),
    }
    .map_err(|message| CliError::Usage {
        message: format!("cannot write the plan: {message}"),
        hint: "report this as a bug".into(),
    })?;
    // The re-anchored plan must still be valid (e.g. no fixed day landing on a holiday).
    if let Err(diagnostics) = load_plan(text.as_bytes(), format) {
        let problems: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        return Err(CliError::Usage {
            message: format!(
                "the starter plan does not fit an event on {date}: {}",
                problems.join("; ")
            ),
            hint: "choose another event day".into(),
        });
    }
    create_atomically(path, text.as_bytes())?;
    let mut stdout = anstream::stdout().lock();
    let _ = writeln!(
        stdout,
        "wrote {}: {} tasks in {} workstreams, event on {date}\nnext: edit it, then run `forumplan validate {}`",
        path.display(),
        plan.tasks.len(),
        plan.workstreams.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Today in Vietnam, where the forums are held (the plan does not exist yet,
/// so its time zone cannot be asked).
fn today_in_vietnam() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .date_naive()
}

/// An id from the forum's name and year: "Diễn đàn Kinh tế 2026" → `dien-dan-kinh-te-2026`.
fn forum_id(name: &str, date: NaiveDate) -> String {
    let mut id = String::new();
    for c in name
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_vietnamese)
    {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let year = date.format("%Y").to_string();
    if !id.ends_with(&year) {
        if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        id.push_str(&year);
    }
    id
}

/// A lower-case Vietnamese letter without its marks (`ệ` → `e`, `đ` → `d`).
fn fold_vietnamese(c: char) -> char {
    const GROUPS: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];
    GROUPS
        .iter()
        .find(|(_, marked)| marked.contains(c))
        .map_or(c, |(plain, _)| *plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forum_ids_fold_vietnamese_names() {
        let date = NaiveDate::from_ymd_opt(2026, 9, 18).unwrap();
        assert_eq!(
            forum_id("Diễn đàn Kinh tế - Xã hội Việt Nam", date),
            "dien-dan-kinh-te-xa-hoi-viet-nam-2026"
        );
        assert_eq!(forum_id("Forum 2026", date), "forum-2026");
        assert_eq!(forum_id("!!!", date), "2026");
    }
}
