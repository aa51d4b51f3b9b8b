//! The front door: bytes of a plan file in, a validated [`Forum`] (or every
//! problem in the file) out.

use crate::diagnostic::Diagnostic;
use crate::document::{Value, parse_json, parse_toml};
use crate::forum::Forum;
use crate::plan::convert_plan;
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
            Diagnostic::error("not-utf8", "the file is not valid UTF-8 text", Span::new(at, at + 1))
                .with_label("this byte is not UTF-8")
                .with_hint("save the plan as UTF-8 (editors call it \"UTF-8\" or \"Unicode\"); Vietnamese text needs it"),
        ]
    })?;
    let root = parse(text, format)?;
    let (plan, diagnostics) = convert_plan(&root);
    let (forum, warnings) = crate::validate::validate(plan, &root, diagnostics)?;
    Ok(Loaded { forum, warnings })
}

fn parse(text: &str, format: Format) -> Result<Value<'_>, Vec<Diagnostic>> {
    let parsed = match format {
        Format::Json => parse_json(text),
        Format::Toml => parse_toml(text),
    };
    parsed.map_err(|error| {
        let mut d = Diagnostic::error("syntax", error.message, error.span).with_label("here");
        if let Some(hint) = error.hint {
            d = d.with_hint(hint);
        }
        vec![d]
    })
}
