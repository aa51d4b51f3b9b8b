//! Writing a [`Plan`] back as a file: what `init` and `import` write, and
//! the slugs they derive ids from.

use chrono::NaiveDate;

use super::Plan;
use crate::load::Format;

/// Why a plan could not be written as text (a bug, not a user error:
/// every value of the model has a textual form).
#[derive(Debug, thiserror::Error)]
#[error("the plan cannot be written as {format:?}: {reason}")]
pub struct WriteError {
    /// The format asked for.
    pub format: Format,
    /// What the serializer said.
    pub reason: String,
}

/// The plan as a file of `format` holds it: pretty JSON ending in a
/// newline, or TOML.
pub fn plan_to_text(plan: &Plan, format: Format) -> Result<String, WriteError> {
    let written = match format {
        Format::Json => serde_json::to_string_pretty(plan)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string()),
        Format::Toml => toml::to_string_pretty(plan).map_err(|e| e.to_string()),
    };
    written.map_err(|reason| WriteError { format, reason })
}

/// A lower-case Vietnamese letter without its marks (`ệ` → `e`, `đ` → `d`);
/// any other character unchanged.
pub fn fold_vietnamese(c: char) -> char {
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

/// `text` lower-cased, its Vietnamese marks removed, every run of other
/// characters than ASCII letters and digits made one `-`, none at either
/// end: "Công tác Nội dung" → `cong-tac-noi-dung`. May be empty.
pub fn slug(text: &str) -> String {
    let mut id = String::new();
    for c in text
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
    while id.ends_with('-') {
        id.pop();
    }
    id
}

/// A forum's id from its name and year: "Diễn đàn Kinh tế 2026" →
/// `dien-dan-kinh-te-2026` (the year is added when the name lacks it).
pub fn forum_id(name: &str, date: NaiveDate) -> String {
    let mut id = slug(name);
    let year = date.format("%Y").to_string();
    if !id.ends_with(&year) {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&year);
    }
    id
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
        assert_eq!(slug("I. CÔNG TÁC NỘI DUNG"), "i-cong-tac-noi-dung");
        assert_eq!(slug("--Đường--"), "duong");
    }
}
