//! Same inputs, same answer: whatever the number of threads; and a plan
//! without estimates gives the deterministic schedule back.

mod support;

use forumplan_core::{Format, load_plan};
use forumplan_risk::{Distribution, Options, simulate};
use support::{Task, day0, forum, no_journal};

/// 200,000 iterations of the five tasks below: a million task-iterations,
/// the size from which a simulation shares its iterations over rayon's
/// threads (smaller ones run on the calling thread).
fn options(seed: u64) -> Options {
    Options {
        iterations: 200_000,
        seed,
        distribution: Distribution::Pert,
    }
}

#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let tasks = vec![
        Task::new("a", (2, 4, 9), &[]),
        Task::new("b", (1, 3, 8), &["a"]),
        Task::new("c", (2, 2, 6), &["a"]).in_workstream("other"),
        Task::fixed("d", 2, &["b", "c"]),
        Task::new("e", (3, 5, 12), &[]).in_workstream("other"),
    ];
    let forum = forum(&tasks, 14);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| simulate(&forum, &no_journal(), day0(), options(5)).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert_eq!(one, run(8));
    // And the seed matters.
    let other = simulate(&forum, &no_journal(), day0(), options(6)).unwrap();
    assert_ne!(one.histogram, other.histogram);
    // Sensitivity: the long chain a–b drives the finish more than d, which never varies.
    let sensitivity = |id: &str| one.tasks[forum.task_id(id).unwrap()].sensitivity;
    assert!(sensitivity("a") > 0.2, "{}", sensitivity("a"));
    assert_eq!(sensitivity("d"), 0.0);
}

#[test]
#[allow(clippy::disallowed_methods)] // reads the fixture
fn a_plan_without_estimates_reproduces_the_schedule() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/vesf-2022");
    // The 2022 plan with its estimates taken out.
    let mut plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("plan.json")).unwrap()).unwrap();
    for task in plan["tasks"].as_array_mut().unwrap() {
        task.as_object_mut().unwrap().remove("estimate");
    }
    let forum = load_plan(plan.to_string().as_bytes(), Format::Json)
        .unwrap()
        .forum;
    assert!(!forumplan_risk::has_estimates(&forum));
    let text = std::fs::read_to_string(root.join("plan.journal.jsonl")).unwrap();
    let journal = forumplan_core::journal::parse_journal(&text);
    for as_of in ["2022-07-15", "2022-09-13", "2022-09-16"] {
        let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
        let state = journal.replay(&forum, as_of);
        let schedule = forumplan_scheduler::schedule(&forum, &state, as_of).unwrap();
        let result = simulate(
            &forum,
            &state,
            as_of,
            Options {
                iterations: 200,
                ..options(1)
            },
        )
        .unwrap();
        let forecast = schedule.forecast_ready.unwrap();
        assert_eq!(result.deterministic_ready, Some(forecast));
        assert!(
            result.forecast.on_time == 0 || result.forecast.on_time == 200,
            "{as_of}: {result:?}"
        );
        assert_eq!(
            result.forecast.on_time == 200,
            forecast < forum.event_date()
        );
        let ready = result.forecast.ready.unwrap();
        assert_eq!([ready.p50, ready.p80, ready.p95], [forecast; 3]);
        assert_eq!(result.histogram, vec![(forecast, 200)]);
        for task in &result.tasks {
            assert_eq!(task.finish_p80, schedule.tasks[task.task].early_finish);
            assert_eq!(task.sensitivity, 0.0);
            // Criticality is 0 or 1, and 1 on the schedule's critical paths.
            assert!(task.criticality == 0.0 || task.criticality == 1.0);
        }
        for path in &schedule.critical_paths {
            for &task in path {
                if let Some(risk) = result.tasks.iter().find(|t| t.task == task) {
                    assert_eq!(risk.criticality, 1.0, "{}", forum.task(task).id);
                }
            }
        }
    }
}
