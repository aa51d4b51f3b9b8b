//! Plan → MS Project XML → import: the same schedule, task by task, for
//! the bundled forums, their journals replayed as of days before, during
//! and after their preparation.

#![allow(
    clippy::disallowed_methods,
    reason = "tests read fixture files; the library itself does no I/O"
)]

use std::path::Path;

use chrono::NaiveDate;
use forumplan_core::journal::{JournalEntry, parse_journal_bytes};
use forumplan_core::plan::plan_to_text;
use forumplan_core::{Format, Forum, load_plan};
use forumplan_interop::{ImportOptions, SourceKind, import, mspdi};
use forumplan_scheduler::{Schedule, schedule};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day")
}

/// A fixture plan and the entries of its journal.
fn fixture(folder: &str, plan: &str) -> (Forum, Vec<JournalEntry>) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(folder);
    let bytes = std::fs::read(folder.join(plan)).expect("plan");
    let forum = load_plan(&bytes, Format::from_file_name(plan))
        .expect("valid")
        .forum;
    let journal = std::fs::read(folder.join("plan.journal.jsonl")).expect("journal");
    let entries = parse_journal_bytes(&journal)
        .iter_entries()
        .cloned()
        .collect();
    (forum, entries)
}

fn scheduled(forum: &Forum, entries: &[JournalEntry], as_of: NaiveDate) -> Schedule {
    let state = forumplan_core::journal::replay(forum, entries.iter(), as_of);
    schedule(forum, &state, as_of).expect("schedules")
}

/// Each task's id with its early start and finish.
fn dates(forum: &Forum, schedule: &Schedule) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut dates: Vec<_> = forum
        .plan()
        .tasks
        .iter()
        .zip(&schedule.tasks)
        .map(|(task, s)| (task.id.to_string(), s.early_start, s.early_finish))
        .collect();
    dates.sort();
    dates
}

fn round_trip(folder: &str, plan: &str, days: &[&str]) {
    let (forum, entries) = fixture(folder, plan);
    for as_of in days.iter().map(|d| day(d)) {
        let before = scheduled(&forum, &entries, as_of);
        let xml = mspdi(&forum, &before, &[]);
        let options = ImportOptions {
            date: None,
            name: None,
            sheet: None,
            today: as_of,
        };
        let imported = import(xml.as_bytes(), SourceKind::Mspdi, &options)
            .unwrap_or_else(|problems| panic!("{folder} as of {as_of}: {problems:#?}"));
        let text = plan_to_text(&imported.plan, Format::Json).expect("serializes");
        let back = load_plan(text.as_bytes(), Format::Json)
            .expect("validates")
            .forum;
        assert_eq!(back.event_date(), forum.event_date());
        assert_eq!(back.tasks().len(), forum.tasks().len());
        let after = scheduled(&back, &imported.journal, as_of);
        let (expected, got) = (dates(&forum, &before), dates(&back, &after));
        for (e, g) in expected.iter().zip(&got) {
            assert_eq!(e, g, "{folder} as of {as_of}");
        }
        assert_eq!(
            imported
                .warnings
                .iter()
                .map(|w| w.message.clone())
                .collect::<Vec<_>>(),
            Vec::<String>::new(),
            "{folder}: a forumplan file carries over whole"
        );
    }
}

#[test]
fn the_2022_forum_keeps_its_schedule_through_ms_project_xml() {
    round_trip(
        "vesf-2022",
        "plan.json",
        &["2022-06-01", "2022-08-20", "2022-09-13"],
    );
}

#[test]
fn the_provincial_forum_in_toml_keeps_its_schedule_through_ms_project_xml() {
    let (forum, _) = fixture("provincial-forum", "plan.toml");
    let event = forum.event_date();
    let before = (event - chrono::Days::new(20)).to_string();
    let start = (event - chrono::Days::new(90)).to_string();
    let after = (event + chrono::Days::new(10)).to_string();
    round_trip("provincial-forum", "plan.toml", &[&start, &before, &after]);
}
