//! The forum's calendar (`export --format ics`, RFC 5545): the event day
//! as an all-day event, each unfinished task's deadline as a to-do due
//! that day, and milestones as all-day events, each with a UID that stays
//! the same from one export to the next (`task-id@forum-id`), so a
//! calendar that re-subscribes updates its entries instead of doubling
//! them. Cut down to some workstreams, it is one department's calendar.
//!
//! A small writer rather than a crate: the builders at hand stamp every
//! component with the clock and a random UID when it is made, which this
//! pure crate must not do, and the format needs little more than three
//! rules, kept here: TEXT escaping, folding at 75 octets, CRLF.

use std::fmt::Write as _;

use chrono::NaiveDate;
use forumplan_core::Forum;
use forumplan_core::journal::TaskState;
use forumplan_core::plan::EVENT_ID;
use forumplan_reporter::i18n::{Lang, Msg};
use forumplan_reporter::status::{StatusReport, TaskRow};

use super::{scope_names, workstream_names};

/// The longest a line may be, in octets, its CRLF aside (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// The calendar of `report` (of `forum`, whose deadlines and workstream
/// names it reads) in `lang`.
///
/// `DTSTAMP`, which RFC 5545 asks of every component, is the day reported
/// on at 00:00 UTC rather than the moment of the export: the same morning
/// gives the same file, and this crate never reads the clock.
pub fn ics(forum: &Forum, report: &StatusReport, lang: Lang) -> String {
    let names = workstream_names(forum);
    let mut out = Calendar {
        text: String::new(),
        stamp: format!("{}T000000Z", compact(report.as_of)),
        forum_id: &report.forum.id,
    };
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!(
        "PRODID:-//forumplan//forumplan export//{}",
        lang.code().to_uppercase()
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    let mut name = report.forum.name.clone();
    if !report.scope.is_empty() {
        let _ = write!(name, " — {}", scope_names(&names, &report.scope));
    }
    out.property("X-WR-CALNAME", "", &name);
    out.event_day(report, lang);
    for task in &report.tasks {
        let category = names
            .get(task.workstream.as_str())
            .copied()
            .unwrap_or(&task.workstream);
        let details = task.details(lang, report.as_of).join(" · ");
        if task.duration == 0 {
            out.milestone(task, category, &details);
        } else if !matches!(task.state, TaskState::Done | TaskState::Cancelled) {
            let due = forum
                .task_id(&task.id)
                .and_then(|t| forum.tasks()[t].due)
                .unwrap_or(task.late_finish);
            out.deadline(task, due, category, &details);
        }
    }
    out.line("END:VCALENDAR");
    out.text
}

/// `20220918` for 18 September 2022 (the DATE form).
fn compact(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

struct Calendar<'a> {
    text: String,
    stamp: String,
    forum_id: &'a str,
}

impl Calendar<'_> {
    /// One content line, folded and ended with CRLF.
    fn line(&mut self, line: &str) {
        fold(&mut self.text, line);
    }

    /// `NAME;PARAMS:value` with `value` escaped as TEXT.
    fn property(&mut self, name: &str, params: &str, value: &str) {
        self.line(&format!("{name}{params}:{}", escape_text(value)));
    }

    /// The lines every component opens with.
    fn open(&mut self, kind: &str, id: &str) {
        self.line(&format!("BEGIN:{kind}"));
        // Ids are ASCII slugs (core checks them); escaped all the same.
        self.property("UID", "", &format!("{id}@{}", self.forum_id));
        let stamp = self.stamp.clone();
        self.line(&format!("DTSTAMP:{stamp}"));
    }

    /// An all-day event on `day` (DTEND is the next day: it is exclusive).
    fn all_day(&mut self, day: NaiveDate) {
        self.line(&format!("DTSTART;VALUE=DATE:{}", compact(day)));
        let next = day.succ_opt().unwrap_or(day);
        self.line(&format!("DTEND;VALUE=DATE:{}", compact(next)));
    }

    fn event_day(&mut self, report: &StatusReport, lang: Lang) {
        self.open("VEVENT", EVENT_ID);
        self.all_day(report.forum.date);
        self.property("SUMMARY", "", &report.forum.name);
        if let Some(venue) = &report.forum.venue {
            self.property("LOCATION", "", venue);
        }
        self.property("DESCRIPTION", "", Msg::EventDay.text(lang));
        self.line("TRANSP:OPAQUE");
        self.line("END:VEVENT");
    }

    /// A milestone on the day it is reached (or forecast to be); a
    /// cancelled one is left out.
    fn milestone(&mut self, task: &TaskRow, category: &str, details: &str) {
        if task.state == TaskState::Cancelled {
            return;
        }
        self.open("VEVENT", &task.id);
        self.all_day(task.actual_finish.unwrap_or(task.early_finish));
        self.property("SUMMARY", "", &task.name);
        self.property("CATEGORIES", "", category);
        self.property("DESCRIPTION", "", details);
        // A milestone marks a day; it does not take the day's time.
        self.line("TRANSP:TRANSPARENT");
        self.line("END:VEVENT");
    }

    /// An unfinished task's deadline.
    fn deadline(&mut self, task: &TaskRow, due: NaiveDate, category: &str, details: &str) {
        self.open("VTODO", &task.id);
        self.line(&format!("DUE;VALUE=DATE:{}", compact(due)));
        self.property("SUMMARY", "", &task.name);
        self.property("CATEGORIES", "", category);
        self.property("DESCRIPTION", "", details);
        let status = match task.state {
            TaskState::NotStarted => "NEEDS-ACTION",
            _ => "IN-PROCESS",
        };
        self.line(&format!("STATUS:{status}"));
        self.line(&format!("PERCENT-COMPLETE:{}", task.progress));
        if task.critical {
            // The highest priority (RFC 5545 §3.8.1.9): the critical path.
            self.line("PRIORITY:1");
        }
        self.line("END:VTODO");
    }
}

/// `text` as an RFC 5545 TEXT value: backslash, semicolon, comma and line
/// breaks escaped; other control characters, which TEXT cannot hold,
/// become spaces.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` to `out` folded as RFC 5545 §3.1 asks: no physical line
/// longer than 75 octets, each continuation starting with a space, never
/// inside a multibyte character; then CRLF.
fn fold(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if octets + len > LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{LINE_OCTETS, escape_text, fold};

    /// The physical lines of folded text, and the line they unfold to.
    fn unfold(folded: &str) -> (Vec<&str>, String) {
        let physical: Vec<&str> = folded
            .strip_suffix("\r\n")
            .expect("ends with CRLF")
            .split("\r\n")
            .collect();
        let line = physical
            .iter()
            .enumerate()
            .map(|(n, p)| if n == 0 { *p } else { &p[1..] })
            .collect();
        (physical, line)
    }

    proptest! {
        /// Any text, escaped and folded, gives physical lines of at most 75
        /// octets (split on character boundaries, or `&p[1..]` would
        /// panic) that unfold to the escaped line, which holds no line
        /// break or other control character but the tab.
        #[test]
        fn any_text_folds_within_75_octets_and_unfolds_back(text in "\\PC*|[\\s\\S]{0,400}") {
            let line = format!("DESCRIPTION:{}", escape_text(&text));
            prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'));
            let mut out = String::new();
            fold(&mut out, &line);
            let (physical, unfolded) = unfold(&out);
            for part in &physical {
                prop_assert!(part.len() <= LINE_OCTETS);
            }
            prop_assert_eq!(unfolded, line);
        }
    }

    #[test]
    fn text_values_escape_what_rfc_5545_reserves() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}h"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng h"
        );
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let line = format!(
            "SUMMARY:{}",
            "Hội nghị Diễn đàn Kinh tế – Xã hội ".repeat(9)
        );
        let mut out = String::new();
        fold(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        let (physical, unfolded) = unfold(&out);
        assert!(physical.len() > 1);
        for (n, part) in physical.iter().enumerate() {
            assert!(part.len() <= LINE_OCTETS, "{part:?}");
            assert_eq!(n > 0, part.starts_with(' '));
        }
        assert_eq!(unfolded, line);
    }
}
