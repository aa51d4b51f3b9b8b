//! The progress journal through the public API: parsing, errors with
//! positions, replay rules, formatting, and robustness on arbitrary bytes.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use forumplan_core::journal::{
    EntryError, Journal, JournalEntry, TaskState, format_entry, parse_journal, parse_journal_bytes,
    replay,
};
use forumplan_core::{Format, Forum, load_plan};
use proptest::prelude::*;
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

const SAMPLE: &str = r#"{"id":"01890a5d-ac96-774b-bcce-b302099a8057","date":"2022-09-12","task":"agenda-final","state":"in_progress","progress":60,"by":"Vụ Kinh tế","note":"Chờ ý kiến Thường trực Ủy ban Kinh tế","recorded_at":"2022-09-12T16:30:05+07:00"}"#;

/// A journal problem where an editor shows it.
#[derive(Debug)]
struct Located {
    /// 1-based.
    line: usize,
    /// 1-based, in characters; a byte order mark at the start not counted.
    column: usize,
    byte_offset: usize,
    /// Without the "journal line N: " that starts every message.
    message: String,
}

/// Each of the journal's problems, located in `bytes` (what was parsed).
fn located(bytes: &[u8], journal: &Journal) -> Vec<Located> {
    journal
        .problems
        .iter()
        .map(|d| {
            assert_eq!(d.code, forumplan_core::Code::JournalLine);
            let at = d.span.expect("located").start;
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line_start = if line_start == 0 && bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                line_start
            };
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            let prefix = format!("journal line {line}: ");
            Located {
                line,
                column: String::from_utf8_lossy(&bytes[line_start..at])
                    .chars()
                    .count()
                    + 1,
                byte_offset: at,
                message: d
                    .message
                    .strip_prefix(&prefix)
                    .expect("line prefix")
                    .to_owned(),
            }
        })
        .collect()
}

/// Parses a journal that must have exactly one error, and returns it.
fn single_error(text: &str) -> Located {
    let journal = parse_journal(text);
    assert_eq!(journal.problems.len(), 1, "{journal:#?}");
    located(text.as_bytes(), &journal).remove(0)
}

/// A forum with tasks `a`, `b` and `c`, for replays.
fn forum() -> Forum {
    let plan = r#"{"forum": {"id": "f", "name": "F", "date": "2022-12-01"},
        "workstreams": [{"id": "w", "name": "W"}],
        "tasks": [{"id": "a", "workstream": "w", "name": "A", "duration": "1d"},
                  {"id": "b", "workstream": "w", "name": "B", "duration": "1d", "after": ["a"]},
                  {"id": "c", "workstream": "w", "name": "C", "duration": "1d", "after": ["b"]}]}"#;
    load_plan(plan.as_bytes(), Format::Json)
        .expect("plan")
        .forum
}

/// The index of task `id` in [`forum`].
fn task(id: &str) -> usize {
    forum().task_id(id).expect("task")
}

// ---------------------------------------------------------------- TaskState

#[test]
fn task_state_names_round_trip() {
    for state in TaskState::ALL {
        let name = state.to_string();
        assert_eq!(name.parse::<TaskState>().unwrap(), state);
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{name}\"")
        );
        assert_eq!(
            serde_json::from_str::<TaskState>(&format!("\"{name}\"")).unwrap(),
            state
        );
    }
    assert_eq!(TaskState::NotStarted.to_string(), "not_started");
    assert_eq!(TaskState::InProgress.as_str(), "in_progress");
}

#[test]
fn task_state_from_str_error_lists_valid_names() {
    let err = "finished".parse::<TaskState>().unwrap_err().to_string();
    assert_eq!(
        err,
        "unknown state `finished`; expected one of: not_started, in_progress, done, blocked, cancelled"
    );
    assert!("Done".parse::<TaskState>().is_err());
}

// ------------------------------------------------------------- good lines

#[test]
fn parses_the_contract_example() {
    let journal = parse_journal(&format!("{SAMPLE}\n"));
    assert!(journal.problems.is_empty(), "{:?}", journal.problems);
    assert_eq!(journal.entries.len(), 1);
    let line = &journal.entries[0];
    assert_eq!(line.line, 1);
    let expected = JournalEntry::new(day("2022-09-12"), "agenda-final", TaskState::InProgress)
        .with_progress(60)
        .with_by("Vụ Kinh tế")
        .with_note("Chờ ý kiến Thường trực Ủy ban Kinh tế")
        .recorded(
            Uuid::parse_str("01890a5d-ac96-774b-bcce-b302099a8057").unwrap(),
            at("2022-09-12T16:30:05+07:00"),
        );
    assert_eq!(line.entry, expected);
}

#[test]
fn minimal_lines_blank_lines_crlf_and_leading_bom() {
    let text = "\u{FEFF}{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"not_started\"}\n\
                \n   \t \n\
                { \"state\" : \"done\" , \"task\" : \"b\", \"date\" : \"2022-09-02\" }\r\n\
                \r\n\
                {\"date\":\"2022-09-03\",\"task\":\"c\",\"state\":\"blocked\",\"progress\":null,\"by\":null}";
    let journal = parse_journal(text);
    assert!(journal.problems.is_empty(), "{:?}", journal.problems);
    let lines: Vec<(usize, &str, TaskState)> = journal
        .entries
        .iter()
        .map(|l| (l.line, l.entry.task.as_str(), l.entry.state))
        .collect();
    assert_eq!(
        lines,
        [
            (1, "a", TaskState::NotStarted),
            (4, "b", TaskState::Done),
            (6, "c", TaskState::Blocked),
        ]
    );
    assert_eq!(journal.entries[2].entry.progress, None);
    assert_eq!(journal.entries[2].entry.by, None);
}

#[test]
fn empty_input_is_an_empty_journal() {
    assert_eq!(parse_journal(""), Journal::default());
    assert_eq!(parse_journal("\u{FEFF}"), Journal::default());
    assert_eq!(parse_journal("\n\n  \n"), Journal::default());
}

#[test]
fn done_with_progress_100_is_fine() {
    let journal = parse_journal(
        "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\",\"progress\":100}\n",
    );
    assert!(journal.problems.is_empty());
    assert_eq!(journal.entries[0].entry.progress, Some(100));
}

// --------------------------------------------------------------- bad lines

#[test]
fn malformed_json_after_vietnamese_text_reports_char_column() {
    // "Vụ Kinh tế" has multi-byte characters before the error; the column is
    // in characters, the byte offset in bytes (absolute in the file).
    let good = "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\"}\n";
    let bad = "{\"by\":\"Vụ Kinh tế\" \"date\":\"2022-09-02\"}\n";
    let err = single_error(&format!("{good}{bad}"));
    assert_eq!(err.line, 2);
    let expected_col = "{\"by\":\"Vụ Kinh tế\" ".chars().count() + 1;
    assert_eq!(err.column, expected_col);
    assert_eq!(
        err.byte_offset,
        good.len() + "{\"by\":\"Vụ Kinh tế\" ".len()
    );
    assert_eq!(&format!("{good}{bad}")[err.byte_offset..][..1], "\"");
    assert_eq!(err.message, "expected `,` or `}` after an object member");
}

#[test]
fn not_an_object() {
    let err = single_error("  [1, 2]\n");
    assert_eq!((err.line, err.column, err.byte_offset), (1, 3, 2));
    assert_eq!(err.message, "expected a JSON object {...}, found an array");
}

#[test]
fn unknown_field_points_at_the_key() {
    let err = single_error(
        "{\"note\":\"Đã gửi công văn\",\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\",\"owner\":\"x\"}\n",
    );
    let prefix =
        "{\"note\":\"Đã gửi công văn\",\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\",";
    assert_eq!(err.column, prefix.chars().count() + 1);
    assert_eq!(err.byte_offset, prefix.len());
    assert!(
        err.message.starts_with("unknown field `owner`"),
        "{}",
        err.message
    );
    assert!(err.message.contains("recorded_at"));
}

#[test]
fn duplicate_field_points_at_the_second_key() {
    let text = "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\",\"task\":\"b\"}\n";
    let err = single_error(text);
    assert_eq!(err.byte_offset, text.rfind("\"task\"").unwrap());
    assert_eq!(err.message, "duplicate field `task`");
}

#[test]
fn bad_dates() {
    for bad in [
        "2022-13-01",
        "2022-02-30",
        "22-09-01",
        "2022-9-1",
        "2022-09-01T00:00",
        " 2022-09-01",
        "+2022-09-01",
        "0000-01-01",
        "1969-12-31",
        "2101-01-01",
    ] {
        let text = format!(
            "{{\"by\":\"Ban Tổ chức\",\"date\":\"{bad}\",\"task\":\"a\",\"state\":\"done\"}}\n"
        );
        let err = single_error(&text);
        let prefix = "{\"by\":\"Ban Tổ chức\",\"date\":";
        assert_eq!(err.column, prefix.chars().count() + 1, "{bad}");
        assert_eq!(err.byte_offset, prefix.len(), "{bad}");
        assert!(err.message.contains(bad), "{bad}: {}", err.message);
        assert!(
            err.message.contains("YYYY-MM-DD")
                || err.message.contains("not a day of the calendar")
                || err.message.contains("1970-01-01 … 2100-12-31"),
            "{bad}: {}",
            err.message
        );
    }
    let err = single_error("{\"date\":20220901,\"task\":\"a\",\"state\":\"done\"}\n");
    assert_eq!(err.message, "`date` must be a string, found a number");
}

#[test]
fn unknown_state_names_the_valid_states() {
    let text = "{\"date\":\"2022-09-01\",\"task\":\"hội-trường\",\"state\":\"finished\"}\n";
    let err = single_error(text);
    let prefix = "{\"date\":\"2022-09-01\",\"task\":\"hội-trường\",\"state\":";
    assert_eq!(err.column, prefix.chars().count() + 1);
    assert_eq!(err.byte_offset, prefix.len());
    assert_eq!(
        err.message,
        "unknown state `finished`; expected one of: not_started, in_progress, done, blocked, cancelled"
    );
}

#[test]
fn progress_out_of_range_is_an_error_not_a_panic() {
    for (bad, message) in [
        ("101", "progress must be an integer from 0 to 100, got 101"),
        ("256", "progress must be an integer from 0 to 100, got 256"),
        (
            "18446744073709551616",
            "progress must be an integer from 0 to 100, got 18446744073709551616",
        ),
        ("-1", "progress must be an integer from 0 to 100, got -1"),
        (
            "50.5",
            "progress must be an integer from 0 to 100, got 50.5",
        ),
        (
            "\"50\"",
            "`progress` must be an integer from 0 to 100, found a string",
        ),
    ] {
        let text = format!(
            "{{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"in_progress\",\"progress\":{bad}}}\n"
        );
        let err = single_error(&text);
        assert_eq!(err.message, message, "{bad}");
        assert_eq!(err.byte_offset, text.find(bad).unwrap(), "{bad}");
    }
}

#[test]
fn done_with_progress_other_than_100() {
    let text = "{\"date\":\"2022-09-01\",\"task\":\"a\",\"progress\":60,\"state\":\"done\"}\n";
    let err = single_error(text);
    assert_eq!(err.byte_offset, text.find("60").unwrap());
    assert_eq!(
        err.message,
        "a `done` entry must have progress 100 (or none), got 60"
    );
}

#[test]
fn missing_fields_and_empty_task() {
    let err = single_error("  {\"date\":\"2022-09-01\"}\n");
    assert_eq!((err.column, err.byte_offset), (3, 2));
    assert_eq!(err.message, "missing required fields `task`, `state`");
    let err = single_error("{\"date\":\"2022-09-01\",\"task\":\"a\"}\n");
    assert_eq!(err.message, "missing required field `state`");
    let err = single_error("{\"date\":\"2022-09-01\",\"task\":\" \",\"state\":\"done\"}\n");
    assert_eq!(err.message, "`task` must not be empty");
}

#[test]
fn other_bad_values() {
    let err = single_error(
        "{\"id\":\"not-a-uuid\",\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\"}\n",
    );
    assert_eq!(err.message, "invalid id `not-a-uuid`: expected a UUID");
    assert_eq!(err.column, 7);
    let err = single_error(
        "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\",\"recorded_at\":\"2022-09-01 10:00\"}\n",
    );
    assert!(
        err.message.starts_with("invalid `recorded_at`"),
        "{}",
        err.message
    );
    let err =
        single_error("{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\",\"note\":5}\n");
    assert_eq!(err.message, "`note` must be a string, found a number");
}

#[test]
fn bad_lines_are_skipped_and_good_ones_kept() {
    let text = "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"in_progress\"}\n\
                garbage\n\
                {\"date\":\"2022-09-02\",\"task\":\"a\",\"state\":\"done\"}\n\
                {\"date\":\"2022-09-02\",\"task\":\"b\",\"state\":\"exploded\"}\n";
    let journal = parse_journal(text);
    assert_eq!(
        journal.entries.iter().map(|l| l.line).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(
        located(text.as_bytes(), &journal)
            .iter()
            .map(|e| e.line)
            .collect::<Vec<_>>(),
        [2, 4]
    );
    assert_eq!(located(text.as_bytes(), &journal)[0].column, 1);
}

#[test]
fn truncated_last_line_is_an_incomplete_line_error() {
    let good = format!("{SAMPLE}\n");
    let partial = &SAMPLE[..SAMPLE.find("Thường").unwrap()];
    let text = format!("{good}{partial}");
    let err = single_error(&text);
    assert_eq!(err.line, 2);
    // The cut falls inside the note: the caret is on its opening quote, the
    // string that never closes.
    let quote = partial.rfind('"').unwrap();
    assert_eq!(err.byte_offset, good.len() + quote);
    assert_eq!(err.column, partial[..quote].chars().count() + 1);
    assert!(
        err.message.starts_with("incomplete last line"),
        "{}",
        err.message
    );
    assert_eq!(parse_journal(&text).entries.len(), 1);
}

#[test]
fn valid_last_line_without_newline_is_accepted() {
    let journal = parse_journal(SAMPLE);
    assert!(journal.problems.is_empty());
    assert_eq!(journal.entries.len(), 1);
}

#[test]
fn bom_elsewhere_is_an_error() {
    let text = format!("{SAMPLE}\n\u{FEFF}{SAMPLE}\n");
    let err = single_error(&text);
    assert_eq!((err.line, err.column), (2, 1));
    assert!(err.message.contains("byte order mark"));
    // At the start of the file the BOM is not counted in columns but is
    // counted in byte offsets.
    let err = single_error("\u{FEFF}{\"date\":1}\n");
    assert_eq!((err.line, err.column, err.byte_offset), (1, 9, 11));
}

#[test]
fn invalid_utf8_is_reported_per_line() {
    let mut bytes = format!("{SAMPLE}\n").into_bytes();
    let line2_start = bytes.len();
    bytes.extend_from_slice("{\"note\":\"Hà Nội ".as_bytes());
    let bad_at = bytes.len();
    bytes.extend_from_slice(
        b"\xFF\xFE\",\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"done\"}\n",
    );
    bytes.extend_from_slice(format!("{SAMPLE}\n").as_bytes());
    let journal = parse_journal_bytes(&bytes);
    assert_eq!(
        journal.entries.iter().map(|l| l.line).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(journal.problems.len(), 1);
    let err = &located(&bytes, &journal)[0];
    assert_eq!(err.line, 2);
    assert_eq!(err.byte_offset, bad_at);
    assert_eq!(err.column, "{\"note\":\"Hà Nội ".chars().count() + 1);
    assert!(bad_at > line2_start);
    assert_eq!(
        err.message,
        "the line is not valid UTF-8 (unexpected byte 0xFF)"
    );
}

// ----------------------------------------------------------------- replay

fn entry(date: &str, task: &str, state: TaskState, progress: Option<u8>) -> JournalEntry {
    let mut entry = JournalEntry::new(day(date), task, state);
    entry.progress = progress;
    entry
}

use TaskState::{Blocked, Cancelled, Done, InProgress, NotStarted};

#[test]
fn replay_filters_by_as_of_day() {
    let entries = [
        entry("2022-09-10", "a", InProgress, Some(20)),
        entry("2022-09-12", "a", InProgress, Some(60)),
        entry("2022-09-14", "a", Done, None),
        entry("2022-09-20", "b", InProgress, Some(10)),
    ];
    let before = replay(&forum(), &entries, day("2022-09-09"));
    assert!(before.is_empty());

    let state = replay(&forum(), &entries, day("2022-09-12"));
    assert_eq!(state.len(), 1);
    assert!(state.get(task("b")).is_none());
    let a = state.get(task("a")).unwrap();
    assert_eq!(a.state, InProgress);
    assert_eq!(a.progress, 60);
    assert_eq!(a.actual_start, Some(day("2022-09-10")));
    assert_eq!(a.actual_finish, None);
    assert_eq!(a.as_of_entry_date, day("2022-09-12"));

    let a = *replay(&forum(), &entries, day("2022-09-13"))
        .get(task("a"))
        .unwrap();
    assert_eq!((a.progress, a.as_of_entry_date), (60, day("2022-09-12")));

    let a = *replay(&forum(), &entries, day("2022-09-14"))
        .get(task("a"))
        .unwrap();
    assert_eq!(a.state, Done);
    assert_eq!(a.progress, 100);
    assert_eq!(a.actual_start, Some(day("2022-09-10")));
    assert_eq!(a.actual_finish, Some(day("2022-09-14")));
}

#[test]
fn replay_last_in_file_order_wins_even_with_an_earlier_date() {
    let entries = [
        entry("2022-09-12", "a", Done, None),
        // A correction recorded later, about an earlier day.
        entry("2022-09-11", "a", InProgress, Some(80)),
    ];
    let a = *replay(&forum(), &entries, day("2022-09-15"))
        .get(task("a"))
        .unwrap();
    assert_eq!(a.state, InProgress);
    assert_eq!(a.progress, 80);
    assert_eq!(a.actual_finish, None);
    assert_eq!(a.as_of_entry_date, day("2022-09-11"));
    assert_eq!(a.actual_start, Some(day("2022-09-12")));

    // As of the 11th the done line (dated the 12th) is ignored entirely.
    let a = *replay(&forum(), &entries, day("2022-09-11"))
        .get(task("a"))
        .unwrap();
    assert_eq!((a.state, a.progress), (InProgress, 80));
    assert_eq!(a.actual_start, Some(day("2022-09-11")));

    let reversed = [
        entry("2022-09-11", "a", InProgress, Some(80)),
        entry("2022-09-12", "a", Done, None),
    ];
    let a = *replay(&forum(), &reversed, day("2022-09-15"))
        .get(task("a"))
        .unwrap();
    assert_eq!(a.state, Done);
    assert_eq!(a.actual_finish, Some(day("2022-09-12")));
}

#[test]
fn replay_progress_carry_rule() {
    let entries = [
        entry("2022-09-01", "a", InProgress, Some(40)),
        entry("2022-09-02", "a", Blocked, None),
        entry("2022-09-03", "a", InProgress, None),
    ];
    let state = replay(&forum(), &entries, day("2022-09-02"));
    assert_eq!(state.get(task("a")).unwrap().state, Blocked);
    assert_eq!(state.get(task("a")).unwrap().progress, 40);
    assert_eq!(
        replay(&forum(), &entries, day("2022-09-03"))
            .get(task("a"))
            .unwrap()
            .progress,
        40
    );

    // not_started without progress resets to 0, and the reset is carried.
    let entries = [
        entry("2022-09-01", "a", InProgress, Some(40)),
        entry("2022-09-02", "a", NotStarted, None),
    ];
    let a = *replay(&forum(), &entries, day("2022-09-05"))
        .get(task("a"))
        .unwrap();
    assert_eq!((a.state, a.progress), (NotStarted, 0));
    assert_eq!(a.actual_start, Some(day("2022-09-01")));
    let mut more = entries.to_vec();
    more.push(entry("2022-09-03", "a", InProgress, None));
    assert_eq!(
        replay(&forum(), &more, day("2022-09-05"))
            .get(task("a"))
            .unwrap()
            .progress,
        0
    );

    // An explicit progress on the deciding entry wins.
    let entries = [
        entry("2022-09-01", "a", InProgress, Some(40)),
        entry("2022-09-02", "a", InProgress, Some(10)),
    ];
    assert_eq!(
        replay(&forum(), &entries, day("2022-09-05"))
            .get(task("a"))
            .unwrap()
            .progress,
        10
    );

    // No information at all: 0.
    let entries = [entry("2022-09-01", "a", InProgress, None)];
    let a = *replay(&forum(), &entries, day("2022-09-05"))
        .get(task("a"))
        .unwrap();
    assert_eq!((a.progress, a.actual_start), (0, Some(day("2022-09-01"))));

    // Reopened after done: carries 100 until told otherwise.
    let entries = [
        entry("2022-09-01", "a", Done, None),
        entry("2022-09-02", "a", InProgress, None),
    ];
    let a = *replay(&forum(), &entries, day("2022-09-05"))
        .get(task("a"))
        .unwrap();
    assert_eq!(
        (a.state, a.progress, a.actual_finish),
        (InProgress, 100, None)
    );
}

#[test]
fn replay_actual_start_rules() {
    let entries = [
        entry("2022-09-01", "a", NotStarted, None),
        entry("2022-09-02", "a", Blocked, None),
        entry("2022-09-03", "a", Blocked, Some(5)),
        entry("2022-09-04", "a", InProgress, Some(30)),
        entry("2022-09-01", "b", NotStarted, None),
        entry("2022-09-05", "c", Done, None),
    ];
    let state = replay(&forum(), &entries, day("2022-09-10"));
    assert_eq!(
        state.get(task("a")).unwrap().actual_start,
        Some(day("2022-09-03"))
    );
    assert_eq!(state.get(task("b")).unwrap().actual_start, None);
    assert_eq!(state.get(task("b")).unwrap().progress, 0);
    let c = state.get(task("c")).unwrap();
    assert_eq!(
        (c.actual_start, c.actual_finish),
        (Some(day("2022-09-05")), Some(day("2022-09-05")))
    );
    assert_eq!(
        state.iter().map(|(task, _)| task).collect::<Vec<_>>(),
        [task("a"), task("b"), task("c")]
    );
}

#[test]
fn replay_cancelled() {
    let entries = [
        entry("2022-09-01", "a", InProgress, Some(30)),
        entry("2022-09-02", "a", Cancelled, None),
    ];
    let a = *replay(&forum(), &entries, day("2022-09-05"))
        .get(task("a"))
        .unwrap();
    assert_eq!(a.state, Cancelled);
    assert_eq!(a.progress, 30);
    assert_eq!(a.actual_start, Some(day("2022-09-01")));
    assert_eq!(a.actual_finish, None);
    assert_eq!(a.as_of_entry_date, day("2022-09-02"));
}

#[test]
fn journal_replay_uses_only_valid_lines() {
    let text = "{\"date\":\"2022-09-01\",\"task\":\"a\",\"state\":\"in_progress\",\"progress\":50}\n\
                {\"date\":\"2022-09-02\",\"task\":\"a\",\"state\":\"done\",\"progress\":90}\n";
    let journal = parse_journal(text);
    let a = *journal
        .replay(&forum(), day("2022-09-05"))
        .get(task("a"))
        .unwrap();
    assert_eq!((a.state, a.progress), (InProgress, 50));
}

// ------------------------------------------------------------- formatting

#[test]
fn format_entry_field_order_and_omitted_fields() {
    let full = JournalEntry::new(day("2022-09-12"), "agenda-final", InProgress)
        .with_progress(60)
        .with_by("Vụ Kinh tế")
        .with_note("Chờ ý kiến Thường trực Ủy ban Kinh tế")
        .recorded(
            Uuid::parse_str("01890a5d-ac96-774b-bcce-b302099a8057").unwrap(),
            at("2022-09-12T16:30:05+07:00"),
        );
    assert_eq!(format_entry(&full), format!("{SAMPLE}\n"));

    let minimal = JournalEntry::new(day("2022-09-12"), "a", Done);
    assert_eq!(
        format_entry(&minimal),
        "{\"date\":\"2022-09-12\",\"task\":\"a\",\"state\":\"done\"}\n"
    );
}

#[test]
fn format_entry_escapes_newlines() {
    let entry =
        JournalEntry::new(day("2022-09-12"), "a", Blocked).with_note("dòng 1\ndòng 2\r\n\u{2028}");
    let line = format_entry(&entry);
    assert!(line.ends_with('\n'));
    assert_eq!(line.matches('\n').count(), 1);
    assert!(!line.contains('\r'));
    let journal = parse_journal(&line);
    assert_eq!(journal.entries[0].entry, entry);
}

#[test]
fn serde_deserialize_applies_the_same_rules() {
    let entry: JournalEntry = serde_json::from_str(SAMPLE).unwrap();
    assert_eq!(entry.progress, Some(60));
    for bad in [
        r#"{"date":"2022-09-12","task":"a","state":"done","extra":1}"#,
        r#"{"date":"2022-09-12","task":"a","state":"done","progress":50}"#,
        r#"{"date":"2022-09-12","task":"a","state":"in_progress","progress":300}"#,
        r#"{"date":"2022-9-12","task":"a","state":"done"}"#,
        r#"{"date":"2022-09-12","task":"a","state":"finished"}"#,
        r#"{"date":"2022-09-12","task":"a"}"#,
    ] {
        assert!(serde_json::from_str::<JournalEntry>(bad).is_err(), "{bad}");
    }
}

#[test]
fn validate_rejects_what_readers_would_reject() {
    let base = JournalEntry::new(day("2022-09-12"), "a", InProgress);
    assert_eq!(base.validate(), Ok(()));
    assert_eq!(
        base.clone().with_progress(101).validate(),
        Err(EntryError::ProgressOutOfRange(101))
    );
    let done = JournalEntry::new(day("2022-09-12"), "a", Done);
    assert_eq!(done.validate(), Ok(()));
    assert_eq!(
        done.clone().with_progress(99).validate(),
        Err(EntryError::DoneNotComplete(99))
    );
    assert_eq!(
        JournalEntry::new(day("2022-09-12"), "", Done).validate(),
        Err(EntryError::EmptyTask)
    );
    let odd_offset = FixedOffset::east_opt(7 * 3600 + 30).unwrap();
    let recorded = odd_offset.with_ymd_and_hms(2022, 9, 12, 10, 0, 0).unwrap();
    assert!(matches!(
        base.recorded(Uuid::nil(), recorded).validate(),
        Err(EntryError::RecordedAtUnrepresentable(_))
    ));
}

// --------------------------------------------------------------- properties

fn arb_state() -> impl Strategy<Value = TaskState> {
    prop::sample::select(TaskState::ALL.to_vec())
}

prop_compose! {
    fn arb_entry()(
        days in 0_i64..(130 * 365),
        task in "[a-z0-9][a-z0-9._-]{0,20}",
        state in arb_state(),
        progress in prop::option::of(0_u8..=100),
        by in prop::option::of("\\PC{0,12}"),
        note in prop::option::of(any::<String>()),
        id in prop::option::of(any::<u128>()),
        recorded in prop::option::of((0_i64..4_000_000_000, -14 * 60_i32..=14 * 60, 0_u32..1_000_000_000)),
    ) -> JournalEntry {
        let date = day("1970-01-01") + chrono::Duration::days(days);
        let mut entry = JournalEntry::new(date, task, state);
        entry.progress = if state == TaskState::Done { progress.map(|_| 100) } else { progress };
        entry.by = by;
        entry.note = note;
        entry.id = id.map(Uuid::from_u128);
        entry.recorded_at = recorded.map(|(secs, offset_minutes, nanos)| {
            let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
            DateTime::from_timestamp(secs, nanos).unwrap().with_timezone(&offset)
        });
        entry
    }
}

fn check_invariants(bytes: &[u8], journal: &Journal) {
    let line_count = bytes.split(|&b| b == b'\n').count();
    let mut lines: Vec<usize> = journal
        .entries
        .iter()
        .map(|l| l.line)
        .chain(located(bytes, journal).iter().map(|e| e.line))
        .collect();
    let total = lines.len();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), total, "one result per line");
    for err in &located(bytes, journal) {
        assert!(err.line >= 1 && err.line <= line_count);
        assert!(err.column >= 1);
        assert!(err.byte_offset <= bytes.len());
        assert!(!err.message.is_empty());
    }
    for line in &journal.entries {
        assert_eq!(line.entry.validate(), Ok(()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn format_then_parse_round_trips(entries in prop::collection::vec(arb_entry(), 0..8)) {
        let text: String = entries.iter().map(format_entry).collect();
        let journal = parse_journal(&text);
        prop_assert!(journal.problems.is_empty(), "{:?}", journal.problems);
        let parsed: Vec<JournalEntry> = journal.iter_entries().cloned().collect();
        prop_assert_eq!(parsed, entries.clone());
        for (i, line) in journal.entries.iter().enumerate() {
            prop_assert_eq!(line.line, i + 1);
        }
        // serde's Deserialize agrees with the line parser.
        for entry in &entries {
            let line = format_entry(entry);
            prop_assert_eq!(line.matches('\n').count(), 1);
            let back: JournalEntry = serde_json::from_str(&line).unwrap();
            prop_assert_eq!(&back, entry);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let journal = parse_journal_bytes(&bytes);
        check_invariants(&bytes, &journal);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*(\n\\PC*){0,4}") {
        let journal = parse_journal(&text);
        check_invariants(text.as_bytes(), &journal);
    }

    #[test]
    fn mutated_journals_never_panic(
        entries in prop::collection::vec(arb_entry(), 1..5),
        mutations in prop::collection::vec((any::<prop::sample::Index>(), 0_u8..4, any::<u8>()), 1..6),
    ) {
        let mut bytes: Vec<u8> = entries.iter().map(format_entry).collect::<String>().into_bytes();
        for (index, op, byte) in mutations {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            let i = index.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 => { bytes.remove(i); }
                _ => bytes.truncate(i),
            }
        }
        let journal = parse_journal_bytes(&bytes);
        check_invariants(&bytes, &journal);
    }
}
