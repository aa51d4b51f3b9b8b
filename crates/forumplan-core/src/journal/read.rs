//! Reading a journal's bytes: lines into entries, and damaged lines into
//! located [`Diagnostic`]s.
//!
//! A clean line is read by serde in one go. A line serde refuses is read
//! again with the same spanned JSON parser as plans ([`parse_json`]), which
//! says where the problem is; spans are byte offsets into the whole file.

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Suggestions};
use crate::document::{Node, parse_json};
use crate::forum::Forum;
use crate::span::Span;

use super::entry::JournalEntry;
use super::fields::{Field, PartialEntry, RawEntry, unknown_field};

/// The byte order mark, tolerated at the very start of a journal file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What every journal diagnostic tells the user to do.
const NEVER_REWRITTEN: &str = "reports skip this line; forumplan never rewrites the journal, so fix or remove the line by hand (or record a corrected entry with `forumplan update`)";

/// A valid journal line and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalLine {
    /// The 1-based line number.
    pub line: usize,
    /// The line's bytes in the file, without its newline.
    pub span: Span,
    /// The entry on that line.
    pub entry: JournalEntry,
}

/// The result of parsing a journal: the valid entries, and a located
/// problem for each line that was skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Journal {
    /// The valid entries, in file order.
    pub entries: Vec<JournalLine>,
    /// One error per damaged line (code `journal-line`), in file order;
    /// spans are byte offsets into the bytes that were parsed.
    pub problems: Vec<Diagnostic>,
}

impl Journal {
    /// The valid entries, in file order, without their line numbers.
    pub fn iter_entries(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter().map(|line| &line.entry)
    }

    /// An error (code `journal-unknown-task`) for each entry about a task
    /// the forum does not have, located at the entry's task in `bytes`
    /// (the bytes this journal was parsed from).
    pub fn unknown_tasks(&self, bytes: &[u8], forum: &Forum) -> Vec<Diagnostic> {
        let mut suggestions = Suggestions::new();
        self.entries
            .iter()
            .filter(|line| forum.task_id(&line.entry.task).is_none())
            .map(|line| {
                let task = &line.entry.task;
                let ids = forum.plan().tasks.iter().map(|t| t.id.as_str());
                let hint = suggestions.closest(task, ids).map_or_else(
                    || NEVER_REWRITTEN.to_owned(),
                    |near| format!("did you mean `{near}`? {NEVER_REWRITTEN}"),
                );
                Diagnostic::error(
                    Code::JournalUnknownTask,
                    format!("journal line {}: the plan has no task `{task}`", line.line),
                    task_span(bytes, line.span).unwrap_or(line.span),
                )
                .with_label("unknown task")
                .with_hint(hint)
            })
            .collect()
    }
}

/// Where the `task` value of the valid line at `line` is written.
fn task_span(bytes: &[u8], line: Span) -> Option<Span> {
    let text = std::str::from_utf8(bytes.get(line.range())?).ok()?;
    let value = parse_json(text).ok()?;
    let span = value.member("task")?.value.span;
    Some(Span::new(line.start + span.start, line.start + span.end))
}

/// Parses a journal held in a string. See the module documentation for the
/// rules; this never fails as a whole: bad lines are reported and skipped.
pub fn parse_journal(text: &str) -> Journal {
    parse_lines(text.as_bytes(), Some(text))
}

/// Parses a journal from raw bytes. A line that is not valid UTF-8 is
/// reported (at the first invalid byte) and skipped; the other lines are
/// parsed normally, and located by their bytes, whatever came before.
pub fn parse_journal_bytes(bytes: &[u8]) -> Journal {
    // Checked as a whole when it is all UTF-8 (nearly always), line by
    // line when it is not, so that one bad line costs only itself.
    parse_lines(bytes, crate::utf8::text(bytes).ok())
}

/// The shortest line that can hold an entry (`{"date":"2022-09-01",`
/// `"task":"a","state":"done"}` and its line break is 47 bytes): no more
/// entries than the file has bytes for this many.
const SHORTEST_ENTRY: usize = 40;

/// The journal in `bytes`, which are `text` when known to be UTF-8.
fn parse_lines(bytes: &[u8], text: Option<&str>) -> Journal {
    let mut journal = Journal::default();
    let mut start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    // Room for every entry at once (no regrowth copies of a large
    // journal), but never more than the bytes could hold: a file of blank
    // or broken lines must not reserve memory for entries it lacks.
    let lines = memchr::memchr_iter(b'\n', &bytes[start..]).count() + 1;
    journal
        .entries
        .reserve(lines.min(bytes.len() / SHORTEST_ENTRY));
    let mut line_number = 0;
    while start < bytes.len() {
        line_number += 1;
        let rest = &bytes[start..];
        let (raw, terminated) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], true),
            None => (rest, false),
        };
        // A line ends before a `\n` or at the end: a character boundary.
        let line = match text.and_then(|text| text.get(start..start + raw.len())) {
            Some(line) => parse_text_line(line, terminated),
            None => parse_line(raw, terminated),
        };
        match line {
            Ok(None) => {}
            Ok(Some(entry)) => journal.entries.push(JournalLine {
                line: line_number,
                span: Span::new(start, start + raw.len()),
                entry,
            }),
            Err(fault) => journal
                .problems
                .push(fault.diagnostic(line_number, start, raw)),
        }
        start += raw.len() + 1;
    }
    journal
}

/// A problem on one line: its bytes within the line, and the message.
struct LineFault {
    span: Span,
    message: String,
}

impl LineFault {
    fn at(at: usize, message: impl Into<String>) -> Self {
        LineFault {
            span: Span::at(at),
            message: message.into(),
        }
    }

    /// The located diagnostic, for the line starting at byte `start`.
    fn diagnostic(self, line: usize, start: usize, raw: &[u8]) -> Diagnostic {
        let from = self.span.start.min(raw.len());
        // Point at one character at least, unless at the end of the line.
        let width = match std::str::from_utf8(&raw[from..]) {
            Ok(rest) => rest.chars().next().map_or(0, char::len_utf8),
            Err(_) => usize::from(from < raw.len()),
        };
        let to = self.span.end.clamp(from + width, raw.len().max(from));
        Diagnostic::error(
            Code::JournalLine,
            format!("journal line {line}: {}", self.message),
            Span::new(start + from, start + to),
        )
        .with_label("here")
        .with_hint(NEVER_REWRITTEN)
    }
}

/// Parses one line (without its `\n`). `Ok(None)` for a blank line.
fn parse_line(raw: &[u8], terminated: bool) -> Result<Option<JournalEntry>, LineFault> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        let at = e.valid_up_to();
        let byte = raw.get(at).copied().unwrap_or_default();
        LineFault {
            span: Span::new(at, at + 1),
            message: format!("the line is not valid UTF-8 (unexpected byte 0x{byte:02X})"),
        }
    })?;
    parse_text_line(text, terminated)
}

/// [`parse_line`] for a line known to be UTF-8.
fn parse_text_line(text: &str, terminated: bool) -> Result<Option<JournalEntry>, LineFault> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    if text.starts_with('\u{FEFF}') {
        return Err(LineFault::at(
            0,
            "unexpected byte order mark (U+FEFF); it is only allowed at the very start of the file",
        ));
    }
    parse_entry_line(text).map(Some).map_err(|mut fault| {
        if !terminated {
            fault.message = format!(
                "incomplete last line (no newline at the end; was a write interrupted?): {}",
                fault.message
            );
        }
        fault
    })
}

/// Parses the text of one non-blank line into an entry.
fn parse_entry_line(text: &str) -> Result<JournalEntry, LineFault> {
    match parse_clean_line(text) {
        Some(entry) => Ok(entry),
        None => parse_entry_line_spanned(text),
    }
}

/// The fast path for a line without any problem: serde reads it in one go
/// and the field rules run on it. Anything unusual returns `None`, and the
/// spanned reader, which alone decides what is valid and says where a
/// problem is, takes over.
fn parse_clean_line(text: &str) -> Option<JournalEntry> {
    serde_json::from_str::<RawEntry<'_>>(text)
        .ok()?
        .into_entry()
        .ok()
}

/// Reads one line through the spanned JSON parser, to report exactly where
/// its first problem (left to right) is.
fn parse_entry_line_spanned(text: &str) -> Result<JournalEntry, LineFault> {
    let value = parse_json(text).map_err(|error| {
        let message = match error.message.as_str() {
            // A line is not a whole plan: say so in the journal's terms.
            "the file is empty" => "the line is empty".to_owned(),
            _ => error.message,
        };
        LineFault {
            span: error.span,
            message,
        }
    })?;
    let Node::Object(members) = &value.node else {
        return Err(LineFault {
            span: value.span,
            message: format!(
                "expected a JSON object {{...}}, found {}",
                value.node.kind_name()
            ),
        });
    };
    let mut partial = PartialEntry::default();
    let mut value_at = [None::<Span>; Field::COUNT];
    for member in members {
        let field = Field::from_key(&member.key).ok_or_else(|| LineFault {
            span: member.key_span,
            message: unknown_field(&member.key),
        })?;
        if value_at[field as usize].is_some() {
            return Err(LineFault {
                span: member.key_span,
                message: format!("duplicate field `{}`", member.key),
            });
        }
        value_at[field as usize] = Some(member.value.span);
        partial
            .set(field, &member.value, text)
            .map_err(|message| LineFault {
                span: member.value.span,
                message,
            })?;
    }
    partial.finish().map_err(|fault| LineFault {
        span: fault
            .field
            .and_then(|field| value_at[field as usize])
            .unwrap_or(Span::at(value.span.start)),
        message: fault.message,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Field texts, good and bad, for lines the two readers must agree on.
    fn member() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            r#""id":"01890a5d-ac96-774b-bcce-b302099a8057""#,
            r#""id":"not-a-uuid""#,
            r#""id":null"#,
            r#""date":"2022-09-12""#,
            r#""date":"2022-9-12""#,
            r#""date":"+2022-09-12""#,
            r#""date":null"#,
            r#""task":"docs-print""#,
            r#""task":"  ""#,
            r#""task":"in \"ấn\"""#,
            r#""state":"in_progress""#,
            r#""state":"done""#,
            r#""state":"finished""#,
            r#""progress":60"#,
            r#""progress":100"#,
            r#""progress":101"#,
            r#""progress":60.0"#,
            r#""progress":-1"#,
            r#""progress":null"#,
            r#""by":"Vụ Kinh tế""#,
            r#""by":3"#,
            r#""note":"Chờ ý kiến""#,
            r#""note":null"#,
            r#""recorded_at":"2022-09-12T16:30:05+07:00""#,
            r#""recorded_at":"2022-09-12 16:30""#,
            r#""extra":1"#,
        ])
        .prop_map(str::to_owned)
    }

    #[test]
    fn room_for_entries_is_bounded_by_the_bytes() {
        // A megabyte of blank lines: a million lines, no entry. Room for
        // a million entries would be over 100 MB.
        let journal = parse_journal(&"\n".repeat(1 << 20));
        assert!(journal.entries.is_empty() && journal.problems.is_empty());
        assert!(journal.entries.capacity() <= (1 << 20) / SHORTEST_ENTRY);
        // The shortest entry really is that long.
        let shortest = "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\"}\n";
        assert!(shortest.len() >= SHORTEST_ENTRY);
        assert_eq!(parse_journal(&shortest.repeat(3)).entries.len(), 3);
    }

    #[test]
    fn a_clean_line_takes_the_fast_path_and_a_damaged_one_does_not() {
        let clean = r#"{"date":"2022-09-12","task":"docs-print","state":"in_progress","progress":60,"by":"Vụ Hành chính"}"#;
        assert_eq!(
            parse_clean_line(clean),
            parse_entry_line_spanned(clean).ok()
        );
        assert!(parse_clean_line(clean).is_some());
        for damaged in [
            r#"{"date":"2022-09-12","task":"docs-print","state":"done","progress":60}"#,
            r#"{"date":"2022-09-12","task":"docs-print","state":"done","date":"2022-09-13"}"#,
            r#"{"date":"2022-9-12","task":"docs-print","state":"done"}"#,
        ] {
            assert!(parse_clean_line(damaged).is_none(), "{damaged}");
            assert!(parse_entry_line_spanned(damaged).is_err(), "{damaged}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The fast path and the spanned reader accept exactly the same
        /// lines, as the same entries.
        #[test]
        fn the_fast_path_agrees_with_the_spanned_reader(members in prop::collection::vec(member(), 0..8)) {
            let line = format!("{{{}}}", members.join(","));
            let slow = parse_entry_line_spanned(&line).ok();
            prop_assert_eq!(parse_clean_line(&line), slow, "{}", line);
        }
    }
}
