//! Times `forumplan_risk::simulate` on a generated plan:
//!
//! ```text
//! cargo run --release -p forumplan-bench --example risk -- --tasks 1000 --iterations 10000
//! ```
//!
//! The plan and its journal come from the same generator as the other
//! benchmarks (about one task in ten has a three-point estimate;
//! `--all-estimates` gives every task of work one). Prints the
//! simulation's wall time, the threads used and P(on time) to stderr.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use forumplan_bench::{SUGGESTED_AS_OF, Variant, generate_journal, generate_plan_variant};
use forumplan_core::journal::parse_journal;
use forumplan_core::{Format, load_plan};
use forumplan_risk::{Distribution, Options, simulate};

const USAGE: &str = "usage: risk --tasks N --iterations I [--seed S] [--all-estimates]";

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
    let (mut tasks, mut iterations, mut seed) = (None, None, 1_u64);
    let mut variant = Variant::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--tasks" => {
                tasks = Some(
                    value()?
                        .parse::<usize>()
                        .map_err(|e| format!("--tasks: {e}"))?,
                )
            }
            "--iterations" => {
                iterations = Some(
                    value()?
                        .parse::<u32>()
                        .map_err(|e| format!("--iterations: {e}"))?,
                )
            }
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--all-estimates" => variant.all_estimates = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let tasks = tasks.ok_or("--tasks N is required")?;
    let iterations = iterations.ok_or("--iterations I is required")?;
    let plan = generate_plan_variant(tasks, seed, variant);
    let forum = load_plan(plan.as_bytes(), Format::Json)
        .map_err(|d| format!("generated plan refused: {d:?}"))?
        .forum;
    let journal = parse_journal(&generate_journal(tasks, seed, SUGGESTED_AS_OF))
        .replay(&forum, SUGGESTED_AS_OF);
    let options = Options {
        iterations,
        seed,
        distribution: Distribution::Pert,
    };
    let started = Instant::now();
    let result = simulate(&forum, &journal, SUGGESTED_AS_OF, options).map_err(|e| e.to_string())?;
    let _ = writeln!(
        std::io::stderr(),
        "{tasks} tasks × {iterations} iterations: {:.3} s on {} threads; P(on time) = {:.4}",
        started.elapsed().as_secs_f64(),
        rayon::current_num_threads(),
        result.p_on_time()
    );
    Ok(())
}
