//! Fixed starts the schedule cannot obey are reported as conflicts, not
//! obeyed silently (docs/scheduling.md).

use chrono::NaiveDate;
use forumplan_core::journal::parse_journal;
use forumplan_core::{Format, load_plan};
use forumplan_scheduler::{Conflict, schedule};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
}

/// `prep` (5 days, from Monday 5 September 2022) then `rehearsal`, fixed on
/// Thursday 8 September, on a calendar where every day works.
const PLAN: &str = r#"{
  "forum": { "id": "f", "name": "F", "date": "2022-09-18", "calendar": "every-day", "plan_start": "2022-09-05" },
  "workstreams": [{ "id": "logistics", "name": "Hậu cần" }],
  "tasks": [
    { "id": "prep", "workstream": "logistics", "name": "Chuẩn bị", "duration": "5d" },
    { "id": "rehearsal", "workstream": "logistics", "name": "Tổng duyệt", "duration": "1d",
      "fixed_start": "2022-09-08", "after": ["prep"] }
  ]
}"#;

#[test]
fn a_predecessor_that_would_push_a_fixed_start_is_a_conflict() {
    let forum = load_plan(PLAN.as_bytes(), Format::Json)
        .expect("valid")
        .forum;
    let as_of = day("2022-09-05");
    let result =
        schedule(&forum, &parse_journal("").replay(&forum, as_of), as_of).expect("schedules");
    let rehearsal = forum.task_id("rehearsal").expect("task");
    assert_eq!(
        result.conflicts,
        vec![Conflict::FixedStartPushed {
            task: rehearsal,
            fixed_start: day("2022-09-08"),
            earliest_allowed: day("2022-09-10")
        }]
    );
    // The fixed day is kept; the predecessor's late finish is bound by it.
    assert_eq!(result.tasks[rehearsal].early_start, day("2022-09-08"));
    let prep = forum.task_id("prep").expect("task");
    assert_eq!(result.tasks[prep].late_finish, day("2022-09-07"));
    assert_eq!(result.tasks[prep].total_float, Some(-2));
}

#[test]
fn a_fixed_start_that_passed_without_the_task_starting_is_late() {
    let forum = load_plan(PLAN.as_bytes(), Format::Json)
        .expect("valid")
        .forum;
    let as_of = day("2022-09-12");
    let journal = parse_journal("{\"date\":\"2022-09-09\",\"task\":\"prep\",\"state\":\"done\"}\n");
    let result = schedule(&forum, &journal.replay(&forum, as_of), as_of).expect("schedules");
    let rehearsal = forum.task_id("rehearsal").expect("task");
    assert_eq!(
        result.conflicts,
        vec![Conflict::FixedStartPassed {
            task: rehearsal,
            fixed_start: day("2022-09-08")
        }]
    );
    let task = &result.tasks[rehearsal];
    assert_eq!(
        task.early_start, as_of,
        "work cannot be scheduled in the past"
    );
    assert_eq!(
        task.late_start,
        day("2022-09-08"),
        "the fixed day stays the late start"
    );
    assert_eq!(task.total_float, Some(-4));
    assert!(task.critical);
}
