//! Reading a plan file from disk and loading it, printing its diagnostics.

use std::io::Write;
use std::path::Path;

use forumplan_core::{Diagnostic, Format, Loaded, load_plan};

use crate::diagnostics::{SourceFile, render, summary};
use crate::error::CliError;

/// Reads and loads the plan at `path`. Warnings (and, on failure, errors)
/// are printed to stderr; a plan with errors is [`CliError::InvalidPlan`].
pub(crate) fn load(path: &Path) -> Result<Loaded, CliError> {
    let bytes = std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    let format = Format::from_file_name(&path.to_string_lossy());
    tracing::info!(path = %path.display(), bytes = bytes.len(), ?format, "loading plan");
    let result = load_plan(&bytes, format);
    let diagnostics = match &result {
        Ok(loaded) => loaded.warnings.as_slice(),
        Err(diagnostics) => diagnostics.as_slice(),
    };
    print_diagnostics(path, &bytes, diagnostics);
    result.map_err(|_| CliError::InvalidPlan)
}

/// Prints `diagnostics` about the file at `path` (whose content is `bytes`)
/// to stderr, with a closing count.
pub(crate) fn print_diagnostics(path: &Path, bytes: &[u8], diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let text = text_keeping_offsets(bytes);
    let display = path.display().to_string();
    let file = SourceFile {
        path: &display,
        text: &text,
    };
    let mut stderr = anstream::stderr().lock();
    for diagnostic in diagnostics {
        let _ = writeln!(stderr, "{}\n", render(diagnostic, &file, true));
    }
    let _ = writeln!(stderr, "{display}: {}", summary(diagnostics));
}

/// The text of `bytes` for showing snippets: each byte that is not UTF-8
/// becomes one `?`, so that every byte offset the library reports (after a
/// bad byte too) still points at the same place. (A lossy decoding would
/// put three bytes where there was one, and shift every later caret.)
fn text_keeping_offsets(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
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
