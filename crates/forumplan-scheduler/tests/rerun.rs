//! A forward pass limited to the tasks that vary (`ForwardPass::vary_only`)
//! gives what whole passes give (every task's finish, the ready day, the
//! links that drive each start): on the 2022 forum at days across its
//! preparation (tasks done, under way and not started, fixed starts,
//! calendars, lags and post-event work), with random work set on random
//! open tasks, run after run.

use chrono::{Days, NaiveDate};
use forumplan_core::journal::{Journal, parse_journal};
use forumplan_core::{Format, Forum, TaskId, load_plan};
use forumplan_scheduler::{ForwardPass, Work};
use proptest::prelude::*;

fn fixture() -> &'static (Forum, Journal) {
    static FIXTURE: std::sync::OnceLock<(Forum, Journal)> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/vesf-2022/");
        #[allow(clippy::disallowed_methods)] // reads the fixture
        let read = |name: &str| std::fs::read(format!("{root}{name}")).unwrap();
        let forum = load_plan(&read("plan.json"), Format::Json).unwrap().forum;
        let journal = parse_journal(&String::from_utf8(read("plan.journal.jsonl")).unwrap());
        (forum, journal)
    })
}

/// The ready day and every task's finish of two passes are the same.
fn assert_same_dates(forum: &Forum, limited: &ForwardPass<'_>, whole: &ForwardPass<'_>) {
    assert_eq!(limited.ready_day(), whole.ready_day());
    for task in 0..forum.tasks().len() {
        assert_eq!(
            limited.finish_day(task),
            whole.finish_day(task),
            "task {task}"
        );
    }
}

/// The tasks whose work as of the pass's day is `kind`, in plan order.
fn tasks_where(pass: &ForwardPass<'_>, kind: impl Fn(Work) -> bool) -> Vec<TaskId> {
    (0..pass.forum().tasks().len())
        .filter(|&t| kind(pass.work(t)))
        .collect()
}

fn is_open(work: Work) -> bool {
    matches!(
        work,
        Work::Planned { .. } | Work::InProgress { .. } | Work::Milestone
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_limited_pass_gives_the_dates_of_a_whole_pass(
        day in 0u64..150,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..12),
        runs in prop::collection::vec(prop::collection::vec(1i64..30, 12), 1..5),
    ) {
        let (forum, journal) = fixture();
        let as_of = NaiveDate::from_ymd_opt(2022, 4, 25).unwrap() + Days::new(day);
        let state = journal.replay(forum, as_of);
        let mut whole = ForwardPass::new(forum, &state, as_of);
        let open = tasks_where(&whole, is_open);
        prop_assume!(!open.is_empty());
        let varied: Vec<TaskId> = picks.iter().map(|pick| *pick.get(&open)).collect();
        let mut limited = ForwardPass::new(forum, &state, as_of);
        limited.vary_only(varied.iter().copied()).unwrap();
        for work in &runs {
            for (&task, &days) in varied.iter().zip(work) {
                whole.set_work(task, days);
                limited.set_work(task, days);
            }
            whole.run().unwrap();
            limited.run().unwrap();
            prop_assert_eq!(limited.ready_day(), whole.ready_day());
            for task in 0..forum.tasks().len() {
                prop_assert_eq!(limited.finish_day(task), whole.finish_day(task), "task {}", task);
                prop_assert_eq!(
                    limited.driving_predecessors(task).collect::<Vec<_>>(),
                    whole.driving_predecessors(task).collect::<Vec<_>>(),
                    "task {}", task
                );
            }
        }
    }
}

#[test]
fn work_set_outside_the_limit_lifts_it() {
    let (forum, journal) = fixture();
    let as_of = NaiveDate::from_ymd_opt(2022, 7, 1).unwrap();
    let state = journal.replay(forum, as_of);
    let mut whole = ForwardPass::new(forum, &state, as_of);
    let open = tasks_where(&whole, |w| matches!(w, Work::Planned { .. }));
    // Limited to the last open task (in topological order), then work set
    // on the first: a task the limit does not cover.
    let order = forum.graph().order();
    let first = *order.iter().find(|t| open.contains(t)).unwrap();
    let last = *order.iter().rev().find(|t| open.contains(t)).unwrap();
    let mut limited = ForwardPass::new(forum, &state, as_of);
    limited.vary_only([last]).unwrap();
    let before = limited.finish_day(first);
    whole.set_work(first, 40);
    limited.set_work(first, 40);
    whole.run().unwrap();
    limited.run().unwrap();
    assert_ne!(
        limited.finish_day(first),
        before,
        "the new work moves its finish"
    );
    assert_same_dates(forum, &limited, &whole);
}

#[test]
fn done_tasks_and_delays_keep_the_passes_equal() {
    let (forum, journal) = fixture();
    let as_of = NaiveDate::from_ymd_opt(2022, 8, 15).unwrap();
    let state = journal.replay(forum, as_of);
    let mut whole = ForwardPass::new(forum, &state, as_of);
    let done = tasks_where(&whole, |w| w == Work::Done);
    let open = tasks_where(&whole, is_open);
    assert!(!done.is_empty() && open.len() > 2);
    // A task done among the varied ones changes nothing; a delay set on a
    // varied task is a change of its work like any other.
    let mut limited = ForwardPass::new(forum, &state, as_of);
    limited.vary_only([done[0], open[0], open[1]]).unwrap();
    for delay in [0, 3, 11] {
        whole.set_delay(open[0], delay);
        limited.set_delay(open[0], delay);
        whole.set_work(done[0], 9);
        limited.set_work(done[0], 9);
        whole.run().unwrap();
        limited.run().unwrap();
        assert_same_dates(forum, &limited, &whole);
    }
}
