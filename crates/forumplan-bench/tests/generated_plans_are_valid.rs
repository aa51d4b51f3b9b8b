//! Generated plans load without errors or warnings, and schedule.

use forumplan_bench::{
    PLAN_START, SUGGESTED_AS_OF, Variant, generate_journal, generate_plan, generate_plan_variant,
    minify_json,
};
use forumplan_core::journal::{JournalState, parse_journal};
use forumplan_core::{Code, Format, load_plan};

#[test]
fn generated_plans_load_and_schedule() {
    for seed in [1, 2, 3, 42] {
        let text = generate_plan(1000, seed);
        let loaded = match load_plan(text.as_bytes(), Format::Json) {
            Ok(loaded) => loaded,
            Err(diagnostics) => panic!(
                "seed {seed}: the plan does not load: {:#?}",
                &diagnostics[..diagnostics.len().min(5)]
            ),
        };
        assert!(
            loaded.warnings.is_empty(),
            "seed {seed}: warnings: {:#?}",
            loaded.warnings
        );
        let forum = &loaded.forum;
        assert_eq!(forum.tasks().len(), 1000);

        let journal = parse_journal(&generate_journal(1000, seed, SUGGESTED_AS_OF));
        assert!(
            journal.problems.is_empty(),
            "seed {seed}: journal errors: {:#?}",
            journal.problems
        );
        assert!(
            journal.entries.len() > 50,
            "seed {seed}: only {} journal entries",
            journal.entries.len()
        );
        assert!(
            journal
                .iter_entries()
                .all(|e| forum.task_id(&e.task).is_some() && e.date <= SUGGESTED_AS_OF)
        );
        let state = journal.replay(forum, SUGGESTED_AS_OF);

        let schedule = forumplan_scheduler::schedule(forum, &state, SUGGESTED_AS_OF)
            .unwrap_or_else(|error| panic!("seed {seed}: {error}"));
        assert_eq!(schedule.tasks.len(), 1000);
        // Mostly feasible: the work is forecast to be ready before the event.
        let ready = schedule.forecast_ready.expect("pre-event work");
        assert!(
            ready < forum.event_date(),
            "seed {seed}: ready {ready}, event {}",
            forum.event_date()
        );
        let assessment = forumplan_scheduler::assess(forum, &schedule);
        assert_eq!(assessment.tasks.len(), 1000);

        // As of the plan start, with nothing done, the plan is exactly tight:
        // ready the day before the event, along a critical path.
        let fresh = forumplan_scheduler::schedule(forum, &JournalState::default(), PLAN_START)
            .unwrap_or_else(|error| panic!("seed {seed}: {error}"));
        assert_eq!(
            fresh.forecast_ready.and_then(|d| d.succ_opt()),
            Some(forum.event_date())
        );
        assert!(
            !fresh.critical_paths.is_empty(),
            "seed {seed}: no critical path"
        );
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate_plan(500, 7), generate_plan(500, 7));
    assert_ne!(generate_plan(500, 7), generate_plan(500, 8));
    assert_eq!(
        generate_journal(500, 7, SUGGESTED_AS_OF),
        generate_journal(500, 7, SUGGESTED_AS_OF)
    );
}

#[test]
fn variants_add_isolated_tasks_and_minify_without_changing_the_plan() {
    let plain = generate_plan(1000, 5);
    let variant = Variant {
        isolated_percent: 3,
        minified: true,
        ..Variant::default()
    };
    let text = generate_plan_variant(1000, 5, variant);
    assert!(!text.contains('\n'));
    assert_eq!(
        minify_json(&plain),
        generate_plan_variant(
            1000,
            5,
            Variant {
                minified: true,
                ..Variant::default()
            }
        )
    );
    let minified = load_plan(minify_json(&plain).as_bytes(), Format::Json).expect("valid");
    let loaded = load_plan(text.as_bytes(), Format::Json).expect("warnings only");
    assert_eq!(loaded.forum.tasks().len(), 1030);
    assert_eq!(loaded.warnings.len(), 30);
    assert!(loaded.warnings.iter().all(|w| w.code == Code::IsolatedTask));
    let plain = load_plan(plain.as_bytes(), Format::Json).expect("valid");
    assert_eq!(plain.forum.plan(), minified.forum.plan());
    assert_eq!(plain.forum.event_date(), loaded.forum.event_date());
}

#[test]
fn all_estimates_gives_every_task_of_work_an_estimate_and_changes_nothing_else() {
    let plain = load_plan(generate_plan(500, 3).as_bytes(), Format::Json).expect("valid");
    let variant = Variant {
        all_estimates: true,
        ..Variant::default()
    };
    let text = generate_plan_variant(500, 3, variant);
    let estimated = load_plan(text.as_bytes(), Format::Json).expect("valid");
    let (plain, estimated) = (plain.forum.plan(), estimated.forum.plan());
    assert_eq!(plain.tasks.len(), estimated.tasks.len());
    for (a, b) in plain.tasks.iter().zip(&estimated.tasks) {
        assert_eq!(b.estimate.is_some(), b.duration.0 > 0, "{}", b.id);
        if a.estimate.is_some() {
            assert_eq!(a.estimate, b.estimate);
        }
        assert_eq!((&a.id, &a.after, a.duration), (&b.id, &b.after, b.duration));
    }
}
