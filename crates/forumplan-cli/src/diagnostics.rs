//! Rendering the library's diagnostics for people: file:line:column, the
//! source line with a caret under the place, and the hint.
//!
//! Rendering stays linear in the number of diagnostics whatever the file:
//! the line index is built once per file, and each diagnostic hands the
//! snippet renderer only a bounded excerpt (its own lines, or a piece of a
//! long or minified line cut around the place, marked with `…`).

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use forumplan_core::{Diagnostic, Severity, Span};

/// Lines up to this many bytes are shown whole; longer ones are cut.
const LONG_LINE: usize = 1024;
/// Bytes kept on each side of the place on a cut line.
const CONTEXT: usize = 40;
/// At most this many bytes of the place itself are shown on a cut line.
const MAX_SHOWN_SPAN: usize = 40;
/// Whole lines are gathered around the place (for related places nearby)
/// up to this many bytes; places further away are listed as notes.
const WINDOW: usize = 8 * 1024;
/// Marks where a line was cut.
const CUT: &str = "…";

/// A source file as shown in diagnostics, with its line index.
pub(crate) struct SourceFile<'a> {
    /// The path as the user wrote it.
    path: &'a str,
    /// Its text (each byte that is not UTF-8 shown as `?`, so that byte
    /// offsets are unchanged).
    text: &'a str,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The last column counted, as (byte offset, characters before it on
    /// its line): diagnostics come in file order, so counting on from here
    /// keeps the columns of many places on one long line linear.
    last_column: Cell<(usize, usize)>,
}

impl<'a> SourceFile<'a> {
    /// Indexes the lines of `text` once.
    pub(crate) fn new(path: &'a str, text: &'a str) -> SourceFile<'a> {
        let line_starts = std::iter::once(0)
            .chain(newlines(text).map(|i| i + 1))
            .collect();
        SourceFile {
            path,
            text,
            line_starts,
            last_column: Cell::new((0, 0)),
        }
    }

    /// The line (from 0) that holds byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The bytes of line `line`, without its line break.
    fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }

    /// Characters between the start of `offset`'s line and `offset`.
    fn column(&self, offset: usize) -> usize {
        let line_start = self.line_starts[self.line_of(offset)];
        let (last, column) = self.last_column.get();
        let (from, before) = if line_start <= last && last <= offset {
            (last, column)
        } else {
            (line_start, 0)
        };
        let counted = before + self.text[from..offset].chars().count();
        self.last_column.set((offset, counted));
        counted
    }

    /// `span` as a range of whole characters inside the text.
    fn clamp(&self, span: Span) -> Range<usize> {
        let start = floor_char(self.text, span.start.min(self.text.len()));
        let end = ceil_char(self.text, span.end.clamp(start, self.text.len()));
        start..end
    }
}

/// Offsets of the line breaks in `text`.
fn newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The part of a file one diagnostic shows: what is handed to the renderer.
#[derive(Debug)]
pub(crate) struct Excerpt {
    /// The text shown: whole lines, or a cut piece of one long line.
    pub(crate) source: String,
    /// The number (from 1) of the excerpt's first line.
    line_number: usize,
    /// The place, inside `source`.
    primary: Range<usize>,
    /// Related places inside the excerpt: (range in `source`, index in
    /// the diagnostic's `related`).
    related: Vec<(Range<usize>, usize)>,
    /// Related places outside it: (line, column, index), both from 1.
    elsewhere: Vec<(usize, usize, usize)>,
    /// When the line was cut on the left, the column the renderer will
    /// print (counted in `source`) and the real one.
    column_fix: Option<(usize, usize)>,
}

impl Excerpt {
    /// The excerpt of `file` for a diagnostic at `span` with `related` places.
    pub(crate) fn of(file: &SourceFile<'_>, span: Span, related: &[(Span, String)]) -> Excerpt {
        let text = file.text;
        let primary = file.clamp(span);
        let line = file.line_of(primary.start);
        let line_range = file.line_range(line);
        if line_range.len() > LONG_LINE {
            return Excerpt::cut(file, line, line_range, primary, related);
        }
        // Whole lines, widened to nearby related places within the budget.
        let mut window = line_range.clone();
        let mut first_line = line;
        let mut inside = Vec::new();
        let mut elsewhere = Vec::new();
        for (index, (span, _)) in related.iter().enumerate() {
            let range = file.clamp(*span);
            let other = file.line_of(range.start);
            let other_range = file.line_range(other);
            let widened = window.start.min(other_range.start)..window.end.max(other_range.end);
            if other_range.len() <= LONG_LINE && widened.len() <= WINDOW {
                window = widened;
                first_line = first_line.min(other);
                inside.push((range, index));
            } else {
                elsewhere.push((other + 1, file.column(range.start) + 1, index));
            }
        }
        // Places are cut at the window's end (a span over many lines shows
        // its first line).
        let local = |range: &Range<usize>| {
            let end = range.end.min(window.end).max(range.start);
            range.start - window.start..end - window.start
        };
        Excerpt {
            source: visible(&text[window.clone()]).into_owned(),
            line_number: first_line + 1,
            primary: local(&primary),
            related: inside.iter().map(|(r, i)| (local(r), *i)).collect(),
            elsewhere,
            column_fix: None,
        }
    }

    /// A piece of a long line around the place: `CONTEXT` bytes either side.
    fn cut(
        file: &SourceFile<'_>,
        line: usize,
        line_range: Range<usize>,
        primary: Range<usize>,
        related: &[(Span, String)],
    ) -> Excerpt {
        let text = file.text;
        let shown_end = primary.end.min(primary.start + MAX_SHOWN_SPAN);
        let from = floor_char(
            text,
            primary.start.saturating_sub(CONTEXT).max(line_range.start),
        );
        let to = ceil_char(text, (shown_end + CONTEXT).min(line_range.end));
        let shown_end = floor_char(text, shown_end.min(to)).max(primary.start);
        let prefix = if from > line_range.start { CUT } else { "" };
        let suffix = if to < line_range.end { CUT } else { "" };
        let source = format!("{prefix}{}{suffix}", visible(&text[from..to]));
        let local = |at: usize| at - from + prefix.len();
        let mut inside = Vec::new();
        let mut elsewhere = Vec::new();
        for (index, (span, _)) in related.iter().enumerate() {
            let range = file.clamp(*span);
            if from <= range.start && range.end <= to {
                inside.push((local(range.start)..local(range.end), index));
            } else {
                let other = file.line_of(range.start);
                elsewhere.push((other + 1, file.column(range.start) + 1, index));
            }
        }
        let column_fix = (!prefix.is_empty()).then(|| {
            let shown = source[..local(primary.start)].chars().count() + 1;
            (shown, file.column(primary.start) + 1)
        });
        Excerpt {
            line_number: line + 1,
            primary: local(primary.start)..local(shown_end),
            related: inside,
            elsewhere,
            column_fix,
            source,
        }
    }
}

/// What stands for a C1 control character in rendered text.
const C1_STAND_IN: char = '¤';

/// `text` with every C1 control character (U+0080 to U+009F; U+009B is a
/// one-character CSI that some terminals obey) replaced by [`C1_STAND_IN`],
/// which has the same UTF-8 length (two bytes), so byte ranges into an
/// excerpt still point at the same characters and carets stay in place.
/// The renderer itself shows C0 controls as their visible pictures (ESC as
/// `␛`) and bidirectional controls as `�`, one column each; C1 controls it
/// would pass through raw.
fn visible(text: &str) -> Cow<'_, str> {
    let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !text.chars().any(is_c1) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_c1(c) { C1_STAND_IN } else { c })
            .collect(),
    )
}

/// What a rendered problem shows: a core [`Diagnostic`] about a plan or
/// journal, or an import problem about a file of another tool.
pub(crate) struct Shown<'d> {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// The rule's stable name.
    pub(crate) code: &'d str,
    /// What is wrong.
    pub(crate) message: &'d str,
    /// Where, in the file's text.
    pub(crate) span: Option<Span>,
    /// The remark under the caret.
    pub(crate) label: Option<&'d str>,
    /// How to fix it.
    pub(crate) hint: Option<&'d str>,
    /// Other places that explain it.
    pub(crate) related: &'d [(Span, String)],
    /// Where it is when it has no place in a text (a spreadsheet cell:
    /// `plan.xlsx: Kế hoạch!E6`); the file's path otherwise.
    pub(crate) origin: Option<&'d str>,
}

impl<'d> From<&'d Diagnostic> for Shown<'d> {
    fn from(d: &'d Diagnostic) -> Shown<'d> {
        Shown {
            severity: d.severity,
            code: d.code.as_str(),
            message: &d.message,
            span: d.span,
            label: d.label.as_deref(),
            hint: d.hint.as_deref(),
            related: &d.related,
            origin: None,
        }
    }
}

/// Renders one diagnostic; `styled` adds ANSI colours.
pub(crate) fn render(diagnostic: &Diagnostic, file: &SourceFile<'_>, styled: bool) -> String {
    render_shown(&Shown::from(diagnostic), file, styled)
}

/// Renders one problem of `file`; `styled` adds ANSI colours.
pub(crate) fn render_shown(diagnostic: &Shown<'_>, file: &SourceFile<'_>, styled: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(visible(diagnostic.message))
        .id(diagnostic.code);
    let excerpt = diagnostic
        .span
        .map(|span| Excerpt::of(file, span, diagnostic.related));
    let mut group = match &excerpt {
        Some(excerpt) => {
            let mut primary = AnnotationKind::Primary.span(excerpt.primary.clone());
            if let Some(label) = diagnostic.label {
                primary = primary.label(visible(label));
            }
            let mut snippet = Snippet::source(excerpt.source.as_str())
                .path(file.path)
                .line_start(excerpt.line_number)
                .fold(true)
                .annotation(primary);
            for (range, index) in &excerpt.related {
                let label = visible(&diagnostic.related[*index].1);
                snippet =
                    snippet.annotation(AnnotationKind::Context.span(range.clone()).label(label));
            }
            let mut group = title.element(snippet);
            for (line, column, index) in &excerpt.elsewhere {
                let label = visible(&diagnostic.related[*index].1);
                group = group.element(
                    Level::NOTE.message(format!("{}:{line}:{column}: {label}", file.path)),
                );
            }
            group
        }
        None => Group::with_title(title).element(Origin::path(
            diagnostic
                .origin
                .map_or_else(|| visible(file.path), visible),
        )),
    };
    if let Some(hint) = diagnostic.hint {
        group = group.element(Level::HELP.message(visible(hint)));
    }
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(&[group]);
    match excerpt
        .as_ref()
        .and_then(|e| Some((e.line_number, e.column_fix?)))
    {
        // The renderer counted the column in the cut piece: put the real
        // one in the `--> file:line:column` header.
        Some((line, (shown, real))) => {
            let needle = format!("{}:{line}:{shown}", file.path);
            let header = rendered.find("-->").unwrap_or(0);
            match rendered[header..].find(&needle) {
                Some(at) => {
                    let at = header + at;
                    format!(
                        "{}{}:{line}:{real}{}",
                        &rendered[..at],
                        file.path,
                        &rendered[at + needle.len()..]
                    )
                }
                None => rendered,
            }
        }
        None => rendered,
    }
}

/// "1 error, 2 warnings": the closing line of a report.
pub(crate) fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    counts(errors, diagnostics.len() - errors)
}

/// "1 error, 2 warnings".
pub(crate) fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use forumplan_core::{Format, load_plan};

    use super::*;

    /// The 2022 plan on one line, with `isolated` more tasks linked to
    /// nothing (one warning each), named in Vietnamese so that columns and
    /// bytes differ.
    fn minified_plan_with_warnings(isolated: usize) -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/vesf-2022/plan.json"
        );
        let mut plan: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
        let workstream = plan["workstreams"][0]["id"].clone();
        let tasks = plan["tasks"].as_array_mut().expect("tasks");
        for i in 0..isolated {
            tasks.push(serde_json::json!({
                "id": format!("viec-le-{i}"),
                "workstream": workstream,
                "name": format!("Việc lẻ số {i}: chuẩn bị tài liệu"),
                "duration": "1d",
            }));
        }
        serde_json::to_string(&plan).expect("text")
    }

    fn warnings_of(text: &str) -> Vec<Diagnostic> {
        load_plan(text.as_bytes(), Format::Json)
            .expect("warnings do not refuse a plan")
            .warnings
    }

    #[test]
    fn each_diagnostic_hands_the_renderer_a_bounded_excerpt_of_a_minified_plan() {
        for isolated in [100, 2_000] {
            let text = minified_plan_with_warnings(isolated);
            let warnings = warnings_of(&text);
            assert!(warnings.len() >= isolated);
            let file = SourceFile::new("plan.json", &text);
            let handed: Vec<usize> = warnings
                .iter()
                .map(|w| {
                    Excerpt::of(&file, w.span.expect("located"), &w.related)
                        .source
                        .len()
                })
                .collect();
            let bound = 2 * CONTEXT + MAX_SHOWN_SPAN + 2 * CUT.len();
            assert!(handed.iter().all(|&bytes| bytes <= bound), "{handed:?}");
            // Linear: the bytes per diagnostic do not grow with the file.
            assert!(handed.iter().sum::<usize>() <= warnings.len() * bound);
            assert!(text.len() > 100 * bound);
        }
    }

    #[test]
    fn a_cut_line_keeps_the_real_column_and_the_caret_under_the_place() {
        let text = minified_plan_with_warnings(300);
        let file = SourceFile::new("plan.json", &text);
        for warning in warnings_of(&text) {
            let span = warning.span.expect("located");
            let rendered = render(&warning, &file, false);
            let column = text[..span.start].chars().count() + 1;
            assert!(
                rendered.contains(&format!("--> plan.json:1:{column}\n")),
                "{rendered}"
            );
            // The caret line's `^` sits under the first character of the place.
            let lines: Vec<&str> = rendered.lines().collect();
            let caret = lines.iter().position(|l| l.contains('^')).expect("caret");
            let shown: Vec<char> = lines[caret - 1].chars().collect();
            let at = lines[caret].chars().position(|c| c == '^').expect("caret");
            let place = text[span.start..].chars().next().expect("place");
            assert_eq!(shown.get(at), Some(&place), "{rendered}");
            assert!(lines[caret - 1].contains(CUT), "{rendered}");
        }
    }

    #[test]
    fn short_lines_are_shown_whole_and_far_related_places_become_notes() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";
        let file = SourceFile::new("x.json", text);
        let at = |needle: &str| {
            let start = text.find(needle).expect("needle");
            Span::new(start, start + needle.len())
        };
        let near = Excerpt::of(&file, at("\"b\""), &[(at("\"a\""), "here".into())]);
        assert_eq!(near.source, "  \"a\": 1,\n  \"b\": 2");
        assert_eq!(near.line_number, 2);
        assert!(near.elsewhere.is_empty());

        let long = format!("{{\n  \"a\": 1,\n{}\n  \"b\": 2\n}}\n", " ".repeat(WINDOW));
        let file = SourceFile::new("x.json", &long);
        let start = long.find("\"b\"").expect("b");
        let a = long.find("\"a\"").expect("a");
        let far = Excerpt::of(
            &file,
            Span::new(start, start + 3),
            &[(Span::new(a, a + 3), "here".into())],
        );
        assert_eq!(far.source, "  \"b\": 2");
        assert_eq!(far.elsewhere, vec![(2, 3, 0)]);
    }
}
