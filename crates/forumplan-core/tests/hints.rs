//! "Did you mean …?" hints stay linear in the number of unknown names:
//! each hint is a pass over every task, so only the first 100 unknown
//! names of a file get one (20,000 unknown links used to mean 20,000
//! passes over the tasks), and the others the plain hint.

use forumplan_core::journal::parse_journal;
use forumplan_core::{Code, Format, Locate, load_plan_locating};
use serde_json::json;

const HINTED: usize = 100;

/// 200 tasks `agenda-K`, and 200 more each after 100 unknown tasks
/// `agenda-Kx` (one letter from a real one): 20,000 unknown links.
fn plan(unknown_per_task: usize) -> Vec<u8> {
    let real = (0..200).map(
        |k| json!({"id": format!("agenda-{k}"), "workstream": "w", "name": "A", "duration": "1d"}),
    );
    let waiting = (0..200).map(|i| {
        let after: Vec<String> = (0..unknown_per_task)
            .map(|k| format!("agenda-{k}x"))
            .collect();
        json!({"id": format!("u{i}"), "workstream": "w", "name": "U", "duration": "1d", "after": after})
    });
    let plan = json!({
        "forum": {"id": "f", "name": "F", "date": "2030-06-10", "plan_start": "2030-01-02"},
        "workstreams": [{"id": "w", "name": "W"}],
        "tasks": real.chain(waiting).collect::<Vec<_>>(),
    });
    serde_json::to_vec(&plan).expect("JSON")
}

#[test]
fn only_the_first_unknown_links_get_a_did_you_mean() {
    let Err(diagnostics) = load_plan_locating(&plan(100), Format::Json, Locate::Errors) else {
        panic!("unknown links are errors");
    };
    let unknown: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownTask)
        .collect();
    assert_eq!(unknown.len(), 20_000);
    let hinted = |d: &&&forumplan_core::Diagnostic| {
        d.hint
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `agenda-"))
    };
    assert_eq!(unknown.iter().filter(hinted).count(), HINTED);
    // The first ones in the file, and each names the task one letter away.
    for d in &unknown[..HINTED] {
        let task = d.message.rsplit('`').nth(1).expect("the unknown id");
        let near = task.strip_suffix('x').expect("agenda-Kx");
        assert_eq!(
            d.hint.as_deref(),
            Some(format!("did you mean `{near}`?").as_str())
        );
    }
    for d in &unknown[HINTED..] {
        assert_eq!(
            d.hint.as_deref(),
            Some("name a task declared under `tasks`, or `event` for post-event work")
        );
    }
}

#[test]
fn only_the_first_unknown_journal_tasks_get_a_did_you_mean() {
    let plan = plan(0);
    let loaded = load_plan_locating(&plan, Format::Json, Locate::Errors).expect("valid");
    let lines: String = (0..300)
        .map(|k| {
            format!(
                "{{\"date\":\"2030-01-03\",\"task\":\"agenda-{}x\",\"state\":\"done\"}}\n",
                k % 200
            )
        })
        .collect();
    let journal = parse_journal(&lines);
    assert_eq!(journal.entries.len(), 300);
    let unknown = journal.unknown_tasks(lines.as_bytes(), &loaded.forum);
    assert_eq!(unknown.len(), 300);
    let hinted = unknown
        .iter()
        .filter(|d| {
            d.hint
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean"))
        })
        .count();
    assert_eq!(hinted, HINTED);
    assert!(unknown[..HINTED].iter().all(|d| {
        d.hint
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean"))
    }));
}
