//! Times `forumplan_risk::simulate` on a generated plan:
//!
//! ```text
//! cargo run --release -p forumplan-bench --example risk -- --tasks 1000 --iterations 10000
//! ```
//!
//! The plan and its journal come from the same generator as the other
//! benchmarks (about one task in ten has a three-point estimate;
//! `--all-estimates` gives every task of work one), or from a plan file
//! (`--plan PATH --as-of YYYY-MM-DD`, its journal beside it as
//! `<stem>.journal.jsonl`: what `status` and `check` add on that plan with
//! `--iterations 1000`). Prints the simulation's wall time (the best of
//! `--repeat R` runs), the threads used and P(on time) to stderr.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use forumplan_bench::{Flags, PlanFlags, generate_journal, generate_plan_variant};
use forumplan_core::journal::parse_journal;
use forumplan_core::{Format, load_plan};
use forumplan_risk::{Distribution, Options, simulate};

const USAGE: &str = "usage: risk (--tasks N [--all-estimates] | --plan PATH --as-of D) --iterations I [--seed S] [--repeat R]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let (mut iterations, mut plan_path, mut repeat) = (None, None, 1_u32);
    let mut args = Flags::from_env();
    let mut generated = PlanFlags::default();
    while let Some(flag) = args.next_flag() {
        if generated.read(&flag, &mut args)? {
            continue;
        }
        match flag.as_str() {
            "--iterations" => iterations = Some(args.value::<u32>(&flag)?),
            "--plan" => plan_path = Some(args.value::<std::path::PathBuf>(&flag)?),
            "--repeat" => repeat = args.value(&flag)?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let PlanFlags {
        tasks,
        seed,
        as_of,
        variant,
    } = generated;
    let iterations = iterations.ok_or("--iterations I is required")?;
    let (plan, journal_text, label) = match plan_path {
        Some(path) => {
            let read = |p: &std::path::Path| {
                std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
            };
            let stem = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let journal =
                read(&path.with_file_name(format!("{stem}.journal.jsonl"))).unwrap_or_default();
            (read(&path)?, journal, path.display().to_string())
        }
        None => {
            let tasks = tasks.ok_or("--tasks N or --plan PATH is required")?;
            (
                generate_plan_variant(tasks, seed, variant),
                generate_journal(tasks, seed, as_of),
                format!("{tasks} tasks"),
            )
        }
    };
    let forum = load_plan(plan.as_bytes(), Format::Json)
        .map_err(|d| format!("plan refused: {d:?}"))?
        .forum;
    let journal = parse_journal(&journal_text).replay(&forum, as_of);
    let options = Options {
        iterations,
        seed,
        distribution: Distribution::Pert,
    };
    let mut best = f64::INFINITY;
    let mut p_on_time = 0.0;
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        let result = simulate(&forum, &journal, as_of, options).map_err(|e| e.to_string())?;
        best = best.min(started.elapsed().as_secs_f64());
        p_on_time = result.p_on_time();
    }
    let _ = writeln!(
        std::io::stderr(),
        "{label} × {iterations} iterations: {best:.4} s on {} threads; P(on time) = {p_on_time:.4}",
        rayon::current_num_threads(),
    );
    Ok(())
}
