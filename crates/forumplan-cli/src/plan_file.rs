//! Reading a plan file from disk and loading it, printing its diagnostics.

use std::io::Write;
use std::path::Path;

use forumplan_core::{Diagnostic, Format, Loaded, Locate, load_plan_locating};
use forumplan_reporter::i18n::{Lang, warnings_summary};

use crate::cli::{GlobalArgs, LangArg};
use crate::diagnostics::{SourceFile, render, summary};
use crate::error::CliError;
use crate::progress;

/// How a command shows the warnings of the plan it loads (errors are always
/// shown in full).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Warnings {
    /// Each one, located: `validate`, and any command with `-v`.
    Show,
    /// One line with their number, pointing to `validate`, in the report
    /// language (`--lang`, else the plan's): the default.
    Count(Option<LangArg>),
    /// Not at all: `-q`.
    Hide,
}

impl Warnings {
    /// What the global flags ask for.
    pub(crate) fn from_flags(global: &GlobalArgs) -> Warnings {
        match (global.quiet, global.verbose) {
            (true, _) => Warnings::Hide,
            (false, 0) => Warnings::Count(global.lang),
            (false, _) => Warnings::Show,
        }
    }

    /// `-q`: errors only, so no confirmation of what a command did either
    /// (its exit code says it).
    pub(crate) fn quiet(self) -> bool {
        self == Warnings::Hide
    }
}

/// Reads and loads the plan at `path`. Errors are printed to stderr in
/// full, warnings as `warnings` says; a plan with errors is
/// [`CliError::InvalidPlan`].
pub(crate) fn load(path: &Path, warnings: Warnings) -> Result<Loaded, CliError> {
    let bytes = std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    let format = Format::from_file_name(&path.to_string_lossy());
    tracing::info!(path = %path.display(), bytes = bytes.len(), ?format, "loading plan");
    let locate = match warnings {
        Warnings::Show => Locate::Everything,
        Warnings::Count(_) | Warnings::Hide => Locate::Errors,
    };
    let result = load_plan_locating(&bytes, format, locate);
    let (diagnostics, lang) = match (&result, warnings) {
        (Ok(loaded), Warnings::Count(lang)) => (
            loaded.warnings.as_slice(),
            progress::lang(&loaded.forum, lang),
        ),
        (Ok(loaded), _) => (loaded.warnings.as_slice(), Lang::En),
        // Without a forum there is no plan language: errors speak English.
        (Err(diagnostics), _) => (diagnostics.as_slice(), Lang::En),
    };
    let shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error() || warnings == Warnings::Show)
        .collect();
    print_rendered(path, &bytes, &shown);
    let mut stderr = anstream::stderr().lock();
    let hidden = diagnostics.len() - shown.len();
    if hidden > 0 && matches!(warnings, Warnings::Count(_)) {
        let _ = writeln!(
            stderr,
            "{}: {}",
            path.display(),
            warnings_summary(lang, hidden)
        );
    }
    if result.is_err() || (warnings == Warnings::Show && !diagnostics.is_empty()) {
        let _ = writeln!(stderr, "{}: {}", path.display(), summary(diagnostics));
    }
    result.map_err(|_| CliError::InvalidPlan)
}

/// Prints `diagnostics` about the file at `path` (whose content is `bytes`)
/// to stderr, with a closing count.
pub(crate) fn print_diagnostics(path: &Path, bytes: &[u8], diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    print_rendered(path, bytes, &diagnostics.iter().collect::<Vec<_>>());
    let _ = writeln!(
        anstream::stderr().lock(),
        "{}: {}",
        path.display(),
        summary(diagnostics)
    );
}

/// Renders each of `diagnostics` to stderr, over one line index of the file.
fn print_rendered(path: &Path, bytes: &[u8], diagnostics: &[&Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let text = text_keeping_offsets(bytes);
    let display = path.display().to_string();
    let file = SourceFile::new(&display, &text);
    // Colour is decided once, as anstream would for stderr, and the text
    // goes out through one buffer: anstream strips colour codes with a
    // write per piece of text between them, a million writes for 50,000
    // warnings.
    let stderr = std::io::stderr();
    let styled = anstream::AutoStream::choice(&stderr) != anstream::ColorChoice::Never;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stderr.lock());
    for diagnostic in diagnostics {
        let _ = writeln!(out, "{}\n", render(diagnostic, &file, styled));
    }
    let _ = out.flush();
}

/// The text of `bytes` for showing snippets: each byte that is not UTF-8
/// becomes one `?`, so that every byte offset the library reports (after a
/// bad byte too) still points at the same place. (A lossy decoding would
/// put three bytes where there was one, and shift every later caret.)
pub(crate) fn text_keeping_offsets(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(text) = forumplan_core::utf8::text(bytes) {
        return text.into();
    }
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text.into()
}

#[cfg(test)]
mod tests {
    use super::text_keeping_offsets;

    #[test]
    fn bad_bytes_keep_every_offset() {
        let bytes = b"a\xF4b\n\xFF\xFEc\xC3\xA9";
        let text = text_keeping_offsets(bytes);
        assert_eq!(text, "a?b\n??cé");
        assert_eq!(text.len(), bytes.len());
    }
}
