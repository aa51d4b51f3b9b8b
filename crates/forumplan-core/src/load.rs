//! The front door: bytes of a plan file in, a validated [`Forum`] (or every
//! problem in the file) out.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::document::{PathSegment, Value, parse_json, parse_toml, spans_at};
use crate::forum::Forum;
use crate::plan::{Plan, convert_plan};
use crate::span::Span;
use crate::validate::{Step, sort_in_file_order};

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

/// Which of a plan's problems [`load_plan`] must place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locate {
    /// Errors and warnings, each with its span: what `validate` shows.
    Everything,
    /// Errors only. Warnings are still found and returned, but may come
    /// without a span: enough for commands that only count them, and it
    /// keeps a plan whose only problems are warnings on the fast path.
    Errors,
}

/// A plan that loaded and validated, with the warnings it deserves.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated forum.
    pub forum: Forum,
    /// Problems that do not stop the plan from being used; without a span
    /// when the plan was loaded with [`Locate::Errors`] and took the fast path.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates a plan file's bytes, every problem located. On
/// failure, returns every error and warning found, in file order. Never
/// panics, whatever the bytes.
pub fn load_plan(bytes: &[u8], format: Format) -> Result<Loaded, Vec<Diagnostic>> {
    load_plan_locating(bytes, format, Locate::Everything)
}

/// [`load_plan`], saying whether the warnings of a plan that loads must be
/// located too (errors always are).
pub fn load_plan_locating(
    bytes: &[u8],
    format: Format,
    locate: Locate,
) -> Result<Loaded, Vec<Diagnostic>> {
    let text = utf8_text(
        bytes,
        "save the plan as UTF-8 (editors call it \"UTF-8\" or \"Unicode\"); Vietnamese text needs it",
    )?;
    if format == Format::Json
        && let Some(result) = load_fast_json(text, locate)
    {
        return result;
    }
    load_spanned(text, format)
}

/// The spanned path: the document tree, converted and validated, every
/// problem located from it.
fn load_spanned(text: &str, format: Format) -> Result<Loaded, Vec<Diagnostic>> {
    let root = parse(text, format)?;
    let (plan, diagnostics) = convert_plan(&root);
    let (forum, warnings) = crate::validate::validate(plan, &root, diagnostics)?;
    Ok(Loaded { forum, warnings })
}

/// The fast path for a JSON plan that serde can read: serde reads it
/// straight into the model, validation runs without the tree, and the
/// problems that must be shown are placed afterwards by walking the text
/// along their paths (without building the tree). `None` when serde or
/// the id syntax refuses the plan, or when validation needed the tree: the
/// caller then takes the spanned path, which reports everything with
/// positions. Whatever this returns, the spanned path returns too: the
/// same forum, and the same diagnostics where they are located (a test
/// holds them to it); warnings that need no place (`Locate::Errors`) come
/// without one.
fn load_fast_json(text: &str, locate: Locate) -> Option<Result<Loaded, Vec<Diagnostic>>> {
    // Ids check their own syntax as serde reads them (`Id`).
    let plan: Plan = serde_json::from_str(text).ok()?;
    let unplaced = crate::validate::validate_unplaced(plan);
    if unplaced.needs_tree {
        return None;
    }
    let shown = |d: &Diagnostic| d.is_error() || locate == Locate::Everything;
    Some(match unplaced.result {
        Ok((forum, mut warnings)) => {
            place(text, &mut warnings, &unplaced.paths, shown)?;
            Ok(Loaded { forum, warnings })
        }
        Err(mut diagnostics) => {
            place(text, &mut diagnostics, &unplaced.paths, shown)?;
            Err(diagnostics)
        }
    })
}

/// Turns the tickets of the diagnostics that `shown` picks into their
/// spans in `text`, in one walk; the others lose their place (a position
/// found without the text would be made up). Then sorts them in file
/// order. `None` if the walk cannot follow the text.
fn place(
    text: &str,
    diagnostics: &mut [Diagnostic],
    paths: &[Vec<Step>],
    shown: impl Fn(&Diagnostic) -> bool,
) -> Option<()> {
    let tickets: Vec<usize> = diagnostics
        .iter()
        .filter(|d| shown(d))
        .flat_map(|d| d.span.iter().chain(d.related.iter().map(|(span, _)| span)))
        .map(|ticket| ticket.start)
        .collect();
    let wanted: Vec<Vec<PathSegment<'_>>> = tickets
        .iter()
        .map(|&t| paths.get(t).map(|p| p.iter().map(Step::segment).collect()))
        .collect::<Option<_>>()?;
    let wanted: Vec<&[PathSegment<'_>]> = wanted.iter().map(Vec::as_slice).collect();
    let mut spans = vec![None; paths.len()];
    // Nothing to place (a valid plan, or only warnings nobody shows): no
    // walk, which would otherwise go through the whole text for nothing.
    if !wanted.is_empty() {
        for (ticket, span) in tickets.into_iter().zip(spans_at(text, &wanted)?) {
            spans[ticket] = Some(span);
        }
    }
    let at = |ticket: Span| spans.get(ticket.start).copied().flatten();
    for d in diagnostics.iter_mut() {
        if shown(d) {
            d.span = match d.span {
                Some(ticket) => Some(at(ticket)?),
                None => None,
            };
            for (span, _) in &mut d.related {
                *span = at(*span)?;
            }
        } else {
            d.span = None;
            d.related.clear();
        }
    }
    sort_in_file_order(diagnostics);
    Some(())
}

/// The span of the value at `path` in a plan's bytes, or `None` when the
/// bytes do not parse. For problems found outside the library about a value
/// of a valid plan: the command line, which alone touches files, points at
/// `forum.journal` when the file it names cannot be read.
pub fn value_span(bytes: &[u8], format: Format, path: &[PathSegment<'_>]) -> Option<Span> {
    let text = crate::utf8::text(bytes).ok()?;
    if format == Format::Json
        && let Some(spans) = spans_at(text, &[path])
    {
        return spans.first().copied();
    }
    Some(parse(text, format).ok()?.span_at(path))
}

/// `bytes` as text, or a `not-utf8` error at the first byte that is not
/// UTF-8, with `hint` saying how to fix the file.
pub(crate) fn utf8_text<'b>(bytes: &'b [u8], hint: &str) -> Result<&'b str, Vec<Diagnostic>> {
    crate::utf8::text(bytes).map_err(|error| {
        let at = error.valid_up_to();
        vec![
            Diagnostic::error(
                Code::NotUtf8,
                "the file is not valid UTF-8 text",
                Span::new(at, at + 1),
            )
            .with_label("this byte is not UTF-8")
            .with_hint(hint),
        ]
    })
}

/// The document tree of `text`, or its syntax error as a located diagnostic.
pub(crate) fn parse(text: &str, format: Format) -> Result<Value<'_>, Vec<Diagnostic>> {
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

    /// Whenever the fast path answers, the spanned path gives the same
    /// answer: the same forum, and the same diagnostics, with the same
    /// spans, in the same order, where the fast path places them; those
    /// it needs not place (warnings, with `Locate::Errors`) are the same
    /// ones, without a place.
    fn assert_paths_agree(text: &str) {
        let spanned = load_spanned(text, Format::Json);
        for locate in [Locate::Everything, Locate::Errors] {
            let Some(fast) = load_fast_json(text, locate) else {
                continue;
            };
            let (fast_diagnostics, spanned_diagnostics) = match (&fast, &spanned) {
                (Ok(fast), Ok(spanned)) => {
                    assert_same_forum(fast, spanned);
                    (&fast.warnings, &spanned.warnings)
                }
                (Err(fast), Err(spanned)) => (fast, spanned),
                _ => panic!("the two paths disagree on whether the plan is valid:\n{text}"),
            };
            assert_same_diagnostics(fast_diagnostics, spanned_diagnostics, locate);
        }
    }

    fn assert_same_forum(fast: &Loaded, spanned: &Loaded) {
        assert_eq!(fast.forum.plan(), spanned.forum.plan());
        assert_eq!(fast.forum.tasks(), spanned.forum.tasks());
        let names = |l: &Loaded| {
            l.forum
                .calendars()
                .iter()
                .map(|c| c.name().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(fast), names(spanned));
    }

    fn assert_same_diagnostics(fast: &[Diagnostic], spanned: &[Diagnostic], locate: Locate) {
        if locate == Locate::Everything {
            assert_eq!(fast, spanned, "the two paths found different problems");
            return;
        }
        let errors = |all: &[Diagnostic]| {
            all.iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            errors(fast),
            errors(spanned),
            "the two paths found different errors"
        );
        let unplaced = |all: &[Diagnostic]| {
            let mut warnings: Vec<_> = all
                .iter()
                .filter(|d| !d.is_error())
                .map(|w| (w.code, w.message.clone(), w.hint.clone()))
                .collect();
            warnings.sort();
            warnings
        };
        assert_eq!(
            unplaced(fast),
            unplaced(spanned),
            "the two paths found different warnings"
        );
        assert!(
            fast.iter()
                .filter(|d| !d.is_error())
                .all(|w| w.span.is_none() && w.related.is_empty()),
            "a warning placed without need"
        );
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
            matches!(load_fast_json(&text, Locate::Everything), Some(Ok(_))),
            "the 2022 plan has no problem and should load fast"
        );
        assert_paths_agree(&text);
        assert_paths_agree(&fixture("config/starter-plan.json"));
    }

    #[test]
    fn every_invalid_or_questionable_fixture_gets_the_same_diagnostics_from_either_path() {
        let mut answered = 0;
        for folder in ["fixtures/invalid", "fixtures/warnings"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(folder);
            for entry in std::fs::read_dir(dir).expect("folder") {
                let path = entry.expect("entry").path();
                // A valid plan whose journal beside it is what is broken (a
                // file, or a folder where the journal should be: not a plan).
                if !path.is_file() || path.with_extension("journal.jsonl").exists() {
                    continue;
                }
                let bytes = std::fs::read(&path).expect("read");
                // Bytes that are not UTF-8 never reach either path.
                if let (Some("json"), Ok(text)) = (
                    path.extension().and_then(|e| e.to_str()),
                    std::str::from_utf8(&bytes),
                ) {
                    if folder == "fixtures/invalid" {
                        assert!(
                            !matches!(load_fast_json(text, Locate::Errors), Some(Ok(_))),
                            "the fast path accepted {}",
                            path.display()
                        );
                    }
                    answered += usize::from(load_fast_json(text, Locate::Everything).is_some());
                    assert_paths_agree(text);
                }
            }
        }
        // Most problems are found by validation, which the fast path places
        // itself; the rest (syntax, types) go to the spanned path.
        assert!(
            answered >= 20,
            "the fast path answered only {answered} fixtures"
        );
    }

    #[test]
    fn warnings_are_placed_only_when_they_are_shown() {
        let text = fixture("fixtures/warnings/task-without-links.json");
        let Some(Ok(counted)) = load_fast_json(&text, Locate::Errors) else {
            panic!("warnings only");
        };
        assert!(!counted.warnings.is_empty());
        assert!(counted.warnings.iter().all(|w| w.span.is_none()));
        let Some(Ok(shown)) = load_fast_json(&text, Locate::Everything) else {
            panic!("warnings only");
        };
        assert!(shown.warnings.iter().all(|w| w.span.is_some()));
        assert_paths_agree(&text);
    }

    #[test]
    fn a_calendar_loop_takes_the_spanned_path_which_knows_which_calendar_comes_first() {
        let plan = json!({
            "forum": {"id": "f", "name": "F", "date": "2030-06-03"},
            "calendars": {"b": {"base": "a"}, "a": {"base": "b"}},
            "workstreams": [{"id": "w", "name": "W"}],
            "tasks": [{"id": "t", "workstream": "w", "name": "T", "duration": "1d"}]
        });
        let text = serde_json::to_string(&plan).expect("text");
        assert!(load_fast_json(&text, Locate::Errors).is_none());
        assert!(load_plan(text.as_bytes(), Format::Json).is_err());
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
