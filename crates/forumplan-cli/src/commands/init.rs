//! `forumplan init PATH`: a starter plan with the six usual workstreams and
//! their typical tasks, every date relative to the event; or, with
//! `--from`, an earlier forum's plan re-anchored to a new event day.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use forumplan_core::plan::{DateSpec, FIRST_DAY, LAST_DAY, Plan, parse_day};
use forumplan_core::{Format, load_plan};

use crate::error::CliError;
use crate::plan_file;
use crate::write::create_atomically;

/// The starter plan, kept as data in `config/` (all dates relative).
const STARTER_PLAN: &str = include_str!("../../../../config/starter-plan.json");

/// The name of a new forum when `--name` is not given.
const DEFAULT_NAME: &str = "Diễn đàn Kinh tế - Xã hội Việt Nam";

/// How far ahead the event is when `--date` is not given.
const DEFAULT_LEAD_DAYS: u64 = 90;

pub(crate) fn run(
    path: &Path,
    date: Option<&str>,
    name: Option<&str>,
    from: Option<&Path>,
) -> Result<ExitCode, CliError> {
    if path.exists() {
        return Err(CliError::Exists {
            path: path.to_owned(),
        });
    }
    let date = match (date, from) {
        (Some(text), _) => parse_day(text).map_err(|error| CliError::Usage {
            message: error.to_string(),
            hint: format!(
                "write the event day as YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY}, e.g. --date 2026-09-18"
            ),
        })?,
        (None, Some(_)) => {
            return Err(CliError::Usage {
                message: "starting from an earlier plan needs the new event day".into(),
                hint: "add --date YYYY-MM-DD".into(),
            });
        }
        (None, None) => today_in_vietnam() + chrono::Days::new(DEFAULT_LEAD_DAYS),
    };
    let (plan, notes) = match from {
        Some(old) => reanchor(plan_file::load(old)?.forum.plan(), date, name),
        None => (starter(date, name)?, Vec::new()),
    };
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
                "the plan does not fit an event on {date}: {}",
                problems.join("; ")
            ),
            hint: "choose another event day, or fix these dates in the source plan first".into(),
        });
    }
    create_atomically(path, text.as_bytes())?;
    let mut stdout = anstream::stdout().lock();
    let _ = writeln!(
        stdout,
        "wrote {}: {} tasks in {} workstreams, event on {date}",
        path.display(),
        plan.tasks.len(),
        plan.workstreams.len(),
    );
    for note in notes {
        let _ = writeln!(stdout, "note: {note}");
    }
    let _ = writeln!(
        stdout,
        "next: edit it, then run `forumplan validate {}`",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The built-in starter plan for an event on `date`.
fn starter(date: NaiveDate, name: Option<&str>) -> Result<Plan, CliError> {
    let starter =
        load_plan(STARTER_PLAN.as_bytes(), Format::Json).map_err(|_| CliError::Usage {
            message: "the built-in starter plan is invalid".into(),
            hint: "report this as a bug".into(),
        })?;
    let mut plan = starter.forum.plan().clone();
    let name = name.unwrap_or(DEFAULT_NAME);
    plan.forum.name = name.to_owned();
    plan.forum.date = date;
    plan.forum.id = forum_id(name, date);
    Ok(plan)
}

/// Next year's plan from this year's: every task date is made relative to
/// the event (so it moves with it), the year in the name and id is updated,
/// and the journal is left behind. Calendars keep their absolute days (they
/// are one year's government decisions); the returned notes say which to
/// review.
fn reanchor(old: &Plan, date: NaiveDate, name: Option<&str>) -> (Plan, Vec<String>) {
    let mut plan = old.clone();
    let old_date = old.forum.date;
    let relative = |spec: &mut Option<DateSpec>| {
        if let Some(DateSpec::Absolute(day)) = *spec {
            *spec = Some(DateSpec::Relative((day - old_date).num_days() as i32));
        }
    };
    relative(&mut plan.forum.plan_start);
    for task in &mut plan.tasks {
        relative(&mut task.not_before);
        relative(&mut task.due);
        relative(&mut task.fixed_start);
    }
    let (old_year, new_year) = (
        old_date.format("%Y").to_string(),
        date.format("%Y").to_string(),
    );
    plan.forum.date = date;
    plan.forum.journal = None;
    plan.forum.name = name.map_or_else(
        || old.forum.name.replace(&old_year, &new_year),
        str::to_owned,
    );
    plan.forum.id = if old.forum.id.contains(&old_year) {
        old.forum.id.replace(&old_year, &new_year)
    } else {
        forum_id(&plan.forum.name, date)
    };
    let notes = plan
        .calendars
        .iter()
        .filter(|(_, c)| c.holidays.iter().chain(&c.working_days_extra).any(|d| matches!(d, DateSpec::Absolute(_))))
        .map(|(name, _)| format!("calendar `{name}` lists days of {old_year}: review its holidays and swapped working days for {new_year}"))
        .collect();
    (plan, notes)
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
