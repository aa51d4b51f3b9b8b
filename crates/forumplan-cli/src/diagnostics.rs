//! Rendering the library's diagnostics for people: file:line:column, the
//! source line with a caret under the place, and the hint.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use forumplan_core::{Diagnostic, Severity};

/// A source file as shown in diagnostics.
pub(crate) struct SourceFile<'a> {
    /// The path as the user wrote it.
    pub(crate) path: &'a str,
    /// Its text (each byte that is not UTF-8 shown as `?`, so that byte
    /// offsets are unchanged).
    pub(crate) text: &'a str,
}

/// Renders one diagnostic; `styled` adds ANSI colours.
pub(crate) fn render(diagnostic: &Diagnostic, file: &SourceFile<'_>, styled: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.as_str());
    let mut group = match diagnostic.span {
        Some(span) => {
            // Spans may fall inside a character of lossily decoded text
            // (a non-UTF-8 file); widen them to whole characters.
            let clamp = |span: forumplan_core::Span| {
                let text = file.text;
                let mut start = span.start.min(text.len());
                let mut end = span.end.clamp(start, text.len());
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                start..end
            };
            let range = clamp(span);
            let mut primary = AnnotationKind::Primary.span(range);
            if let Some(label) = &diagnostic.label {
                primary = primary.label(label.as_str());
            }
            let mut snippet = Snippet::source(file.text)
                .path(file.path)
                .fold(true)
                .annotation(primary);
            for (span, label) in &diagnostic.related {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(clamp(*span))
                        .label(label.as_str()),
                );
            }
            title.element(snippet)
        }
        None => Group::with_title(title).element(Origin::path(file.path)),
    };
    if let Some(hint) = &diagnostic.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// "1 error, 2 warnings": the closing line of a report.
pub(crate) fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
