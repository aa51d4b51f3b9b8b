//! The front door: bytes of a plan file in, a validated [`Forum`] (or every
//! problem in the file) out.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::document::{Value, parse_json, parse_toml};
use crate::forum::Forum;
use crate::plan::{Plan, convert_plan, is_valid_id};
use crate::span::Span;

/// The syntax a plan file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (the default).
    Json,
    /// TOML, for files whose name ends in `.toml`.
    Toml,
}

impl Format {
    /// TOML when `file_name` ends in `.toml` (any case), JSON otherwise.
    pub fn from_file_name(file_name: &str) -> Format {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Format::Toml
        } else {
            Format::Json
        }
    }
}

/// A plan that loaded and validated, with the warnings it deserves.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated forum.
    pub forum: Forum,
    /// Problems that do not stop the plan from being used.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates a plan file's bytes. On failure, returns every error
/// and warning found, in file order. Never panics, whatever the bytes.
pub fn load_plan(bytes: &[u8], format: Format) -> Result<Loaded, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        vec![
            Diagnostic::error(Code::NotUtf8, "the file is not valid UTF-8 text", Span::new(at, at + 1))
                .with_label("this byte is not UTF-8")
                .with_hint("save the plan as UTF-8 (editors call it \"UTF-8\" or \"Unicode\"); Vietnamese text needs it"),
        ]
    })?;
    if format == Format::Json
        && let Some(loaded) = load_clean_json(text)
    {
        return Ok(loaded);
    }
    let root = parse(text, format)?;
    let (plan, diagnostics) = convert_plan(&root);
    let (forum, warnings) = crate::validate::validate(plan, Some(&root), diagnostics)?;
    Ok(Loaded { forum, warnings })
}

/// The fast path for the common case, a JSON plan without a single problem:
/// serde reads it straight into the model, and validation runs without
/// source positions. Any problem at all (a serde error, a malformed id, a
/// diagnostic from validation, even a warning) returns `None`, and the
/// caller takes the spanned path, which reports everything with positions.
/// The spanned path alone decides what is valid: this one only accepts
/// plans it would accept too, with the same result (a test holds them to it).
fn load_clean_json(text: &str) -> Option<Loaded> {
    let plan: Plan = serde_json::from_str(text).ok()?;
    if !is_well_formed(&plan) {
        return None;
    }
    match crate::validate::validate(plan, None, Vec::new()) {
        Ok((forum, warnings)) if warnings.is_empty() => Some(Loaded { forum, warnings }),
        _ => None,
    }
}

/// The checks the spanned conversion makes that serde's types do not:
/// id syntax (setting ranges and estimate order are validation's).
fn is_well_formed(plan: &Plan) -> bool {
    let id = |s: &str| is_valid_id(s);
    let optional = |s: &Option<String>| s.as_deref().is_none_or(id);
    id(&plan.forum.id)
        && optional(&plan.forum.calendar)
        && plan
            .calendars
            .iter()
            .all(|(name, c)| id(name) && optional(&c.base))
        && plan.workstreams.iter().all(|w| id(&w.id))
        && plan.tasks.iter().all(|t| {
            id(&t.id)
                && id(&t.workstream)
                && optional(&t.calendar)
                && t.after.iter().all(|link| id(&link.task))
        })
}

fn parse(text: &str, format: Format) -> Result<Value<'_>, Vec<Diagnostic>> {
    let parsed = match format {
        Format::Json => parse_json(text),
        Format::Toml => parse_toml(text),
    };
    parsed.map_err(|error| {
        let mut d = Diagnostic::error(Code::Syntax, error.message, error.span).with_label("here");
        if let Some(hint) = error.hint {
            d = d.with_hint(hint);
        }
        vec![d]
    })
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests read fixture files; the library itself does no I/O"
)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value as Json, json};

    use super::*;

    /// The spanned path alone, as `load_plan` runs it when the fast path declines.
    fn load_spanned(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
        let root = parse(text, Format::Json)?;
        let (plan, diagnostics) = convert_plan(&root);
        let (forum, warnings) = crate::validate::validate(plan, Some(&root), diagnostics)?;
        Ok(Loaded { forum, warnings })
    }

    /// Whenever the fast path accepts a plan, the spanned path accepts it
    /// too, without a warning, and builds the same forum.
    fn assert_paths_agree(text: &str) {
        let Some(fast) = load_clean_json(text) else {
            return;
        };
        let spanned = load_spanned(text)
            .unwrap_or_else(|d| panic!("fast path accepted, spanned refused: {d:?}\n{text}"));
        assert!(
            spanned.warnings.is_empty(),
            "fast path accepted a plan with warnings: {:?}",
            spanned.warnings
        );
        assert_eq!(fast.forum.plan(), spanned.forum.plan());
        assert_eq!(fast.forum.tasks(), spanned.forum.tasks());
        let names = |l: &Loaded| {
            l.forum
                .calendars()
                .iter()
                .map(|c| c.name().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&fast), names(&spanned));
    }

    fn fixture(path: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path);
        std::fs::read_to_string(path).expect("fixture")
    }

    #[test]
    fn the_fast_path_takes_the_bundled_plans() {
        let text = fixture("fixtures/vesf-2022/plan.json");
        assert!(
            load_clean_json(&text).is_some(),
            "the 2022 plan has no problem and should load fast"
        );
        assert_paths_agree(&text);
        assert_paths_agree(&fixture("config/starter-plan.json"));
    }

    #[test]
    fn the_fast_path_declines_every_invalid_or_questionable_fixture() {
        for folder in ["fixtures/invalid", "fixtures/warnings"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(folder);
            for entry in std::fs::read_dir(dir).expect("folder") {
                let path = entry.expect("entry").path();
                // A valid plan whose journal beside it is what is broken.
                if path.with_extension("journal.jsonl").exists() {
                    continue;
                }
                let bytes = std::fs::read(&path).expect("read");
                // Bytes that are not UTF-8 never reach either path.
                if let (Some("json"), Ok(text)) = (
                    path.extension().and_then(|e| e.to_str()),
                    std::str::from_utf8(&bytes),
                ) {
                    assert!(load_clean_json(text).is_none(), "{}", path.display());
                }
            }
        }
    }

    /// Values that break plans in the ways the two paths could disagree on.
    fn odd_value() -> impl Strategy<Value = Json> {
        prop::sample::select(vec![
            Json::Null,
            json!(""),
            json!("Bad Id"),
            json!("content"),
            json!("event"),
            json!("vn"),
            json!("every-day"),
            json!("3d"),
            json!("-1d"),
            json!("T-3"),
            json!("2022-09-02"),
            json!("2022-09-17"),
            json!("1969-12-31"),
            json!("FF"),
            json!("mon"),
            json!(3),
            json!(-1),
            json!(400),
            json!(2.5),
            json!([]),
            json!(["agenda-final"]),
            json!({"task": "agenda-final", "type": "SS", "lag": "2d"}),
            json!({"optimistic": "3d", "likely": "2d", "pessimistic": "4d"}),
            json!({}),
        ])
    }

    const FIELDS: [&str; 16] = [
        "id",
        "workstream",
        "name",
        "duration",
        "after",
        "not_before",
        "due",
        "fixed_start",
        "calendar",
        "owner",
        "estimate",
        "notes",
        "base",
        "lead",
        "extra",
        "type",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_two_paths_agree_on_edited_plans(
            edits in prop::collection::vec((0usize..200, prop::sample::select(FIELDS.to_vec()), odd_value()), 1..4),
            settings in prop::option::of((0u32..400, 0u32..400)),
        ) {
            let mut plan: Json = serde_json::from_str(&fixture("fixtures/vesf-2022/plan.json")).expect("JSON");
            for (index, field, value) in edits {
                let tasks = plan["tasks"].as_array_mut().expect("tasks");
                let n = tasks.len();
                let task = &mut tasks[index % n];
                match field {
                    "base" => { plan["calendars"]["final-days"]["base"] = value; }
                    "lead" => { plan["workstreams"][index % 6]["lead"] = value; }
                    _ => { task[field] = value; }
                }
            }
            if let Some((risk, ahead)) = settings {
                plan["settings"]["at_risk_float"] = json!(risk);
                plan["settings"]["lookahead_days"] = json!(ahead);
            }
            assert_paths_agree(&serde_json::to_string(&plan).expect("text"));
        }
    }
}
