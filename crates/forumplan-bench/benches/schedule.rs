//! `cargo bench -p forumplan-bench`: loading, scheduling and assessing
//! synthetic plans of 10k, 100k and 1M tasks (see `BENCHMARKS.md`).
//!
//! Each plan (and its journal, as of [`SUGGESTED_AS_OF`]) is generated once
//! per size, outside the timed part. The 1M-task cases take few samples.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use divan::{Bencher, black_box};
use forumplan_bench::{SUGGESTED_AS_OF, generate_journal, generate_plan};
use forumplan_core::journal::{JournalState, parse_journal};
use forumplan_core::{Format, Forum, load_plan};
use forumplan_reporter::schedule::ScheduleView;
use forumplan_scheduler::{Assessment, Schedule, assess, schedule};

const SEED: u64 = 1;

fn main() {
    divan::main();
}

/// One size's plan text, journal text, and what loading and scheduling
/// them gives.
struct Fixture {
    plan: String,
    journal: String,
    forum: Forum,
    state: JournalState,
    schedule: Schedule,
    assessment: Assessment,
}

fn fixture(tasks: usize) -> Arc<Fixture> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Fixture>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Arc::clone(cache.entry(tasks).or_insert_with(|| {
        let plan = generate_plan(tasks, SEED);
        let journal = generate_journal(tasks, SEED, SUGGESTED_AS_OF);
        let forum = match load_plan(plan.as_bytes(), Format::Json) {
            Ok(loaded) => loaded.forum,
            Err(diagnostics) => panic!("generated plan does not load: {:?}", diagnostics.first()),
        };
        let state = parse_journal(&journal).replay(&forum, SUGGESTED_AS_OF);
        let schedule = schedule(&forum, &state, SUGGESTED_AS_OF).expect("generated plan schedules");
        let assessment = assess(&forum, &schedule);
        Arc::new(Fixture {
            plan,
            journal,
            forum,
            state,
            schedule,
            assessment,
        })
    }))
}

fn bench_load(bencher: Bencher<'_, '_>, tasks: usize) {
    let f = fixture(tasks);
    bencher
        .counter(divan::counter::BytesCount::new(f.plan.len()))
        .bench(|| {
            load_plan(black_box(f.plan.as_bytes()), Format::Json).map(|l| l.forum.tasks().len())
        });
}

fn bench_journal(bencher: Bencher<'_, '_>, tasks: usize) {
    let f = fixture(tasks);
    bencher.bench(|| parse_journal(black_box(&f.journal)).replay(&f.forum, SUGGESTED_AS_OF));
}

fn bench_schedule(bencher: Bencher<'_, '_>, tasks: usize) {
    let f = fixture(tasks);
    bencher.bench(|| schedule(black_box(&f.forum), black_box(&f.state), SUGGESTED_AS_OF));
}

fn bench_assess(bencher: Bencher<'_, '_>, tasks: usize) {
    let f = fixture(tasks);
    bencher.bench(|| assess(black_box(&f.forum), black_box(&f.schedule)));
}

fn bench_write_json(bencher: Bencher<'_, '_>, tasks: usize) {
    let f = fixture(tasks);
    let view = ScheduleView {
        forum: &f.forum,
        schedule: &f.schedule,
        assessment: &f.assessment,
        baseline: None,
    };
    bencher.bench(|| {
        let mut out = Vec::with_capacity(tasks * 400);
        view.write_json(&mut out, true).map(|()| out.len())
    });
}

/// `load_plan`: parse, convert and validate the plan text.
#[divan::bench_group]
mod load_validate {
    use super::*;

    #[divan::bench(args = [10_000, 100_000], sample_count = 10)]
    fn small(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_load(bencher, tasks);
    }

    #[divan::bench(args = [1_000_000], sample_count = 3, sample_size = 1)]
    fn large(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_load(bencher, tasks);
    }
}

/// `parse_journal` + `replay` of the generated journal.
#[divan::bench_group]
mod journal_replay {
    use super::*;

    #[divan::bench(args = [10_000, 100_000], sample_count = 10)]
    fn small(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_journal(bencher, tasks);
    }

    #[divan::bench(args = [1_000_000], sample_count = 3, sample_size = 1)]
    fn large(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_journal(bencher, tasks);
    }
}

/// `schedule`: the forward and backward passes, floats, critical paths,
/// on a pre-loaded forum and replayed journal.
#[divan::bench_group]
mod scheduling_passes {
    use super::*;

    #[divan::bench(args = [10_000, 100_000], sample_count = 20)]
    fn small(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_schedule(bencher, tasks);
    }

    #[divan::bench(args = [1_000_000], sample_count = 5, sample_size = 1)]
    fn large(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_schedule(bencher, tasks);
    }
}

/// `assess`: readiness per task, workstream and forum.
#[divan::bench_group]
mod readiness {
    use super::*;

    #[divan::bench(args = [10_000, 100_000], sample_count = 20)]
    fn small(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_assess(bencher, tasks);
    }

    #[divan::bench(args = [1_000_000], sample_count = 5, sample_size = 1)]
    fn large(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_assess(bencher, tasks);
    }
}

/// `ScheduleView::write_json` (pretty) into memory: what
/// `forumplan schedule --format json` writes.
#[divan::bench_group]
mod write_json {
    use super::*;

    #[divan::bench(args = [10_000, 100_000], sample_count = 10)]
    fn small(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_write_json(bencher, tasks);
    }

    #[divan::bench(args = [1_000_000], sample_count = 3, sample_size = 1)]
    fn large(bencher: Bencher<'_, '_>, tasks: usize) {
        bench_write_json(bencher, tasks);
    }
}
