//! Problems found in a plan, located in its source text.
//!
//! The library only describes a problem (what, where, how to fix it);
//! rendering it with carets and colour is the command line's job.

use crate::code::Code;
use crate::span::Span;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The plan cannot be used until this is fixed.
    Error,
    /// The plan works, but probably not as its author meant.
    Warning,
}

/// One problem in a plan file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The rule, with a stable name such as `unknown-task` (see
    /// docs/diagnostics.md).
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// Where, when the problem has a place in the file.
    pub span: Option<Span>,
    /// A short remark printed under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
    /// Other places that explain the problem (e.g. the rest of a cycle).
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    /// An error about the text at `span`.
    pub fn error(code: Code, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message, Some(span))
    }

    /// A warning about the text at `span`.
    pub fn warning(code: Code, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message, Some(span))
    }

    /// A problem of any severity, optionally located.
    pub fn new(
        severity: Severity,
        code: Code,
        message: impl Into<String>,
        span: Option<Span>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span,
            label: None,
            hint: None,
            related: Vec::new(),
        }
    }

    /// Adds the remark printed under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds another place that explains the problem.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// "Did you mean …?" hints for the unknown names of one file, where the
/// names to choose from may be many (tasks): each hint is a pass over all
/// of them, so only the first [`Suggestions::LIMIT`] unknown names get
/// one and the rest the plain hint. A file with 20,000 unknown links thus
/// costs as many passes as one with 100, not 20,000 passes over its tasks.
#[derive(Debug)]
pub(crate) struct Suggestions {
    left: usize,
}

impl Suggestions {
    /// How many unknown names of a file get a "did you mean" hint.
    pub(crate) const LIMIT: usize = 100;

    pub(crate) fn new() -> Self {
        Suggestions {
            left: Suggestions::LIMIT,
        }
    }

    /// [`closest`], while the budget lasts; `None` after.
    pub(crate) fn closest<'c>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        self.left = self.left.checked_sub(1)?;
        closest(word, candidates)
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// likely typo (used for "did you mean …?" hints).
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        // Ties go to the first in alphabetical order, so the hint does not
        // depend on the order the candidates come in (the fast and the
        // spanned loading paths list them differently).
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let fields = ["duration", "due", "after", "name"];
        assert_eq!(closest("duraton", fields), Some("duration"));
        assert_eq!(closest("aftr", fields), Some("after"));
        assert_eq!(closest("colour", fields), None);
    }
}
