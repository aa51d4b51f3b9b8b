//! Writes a synthetic plan and its journal:
//!
//! ```text
//! cargo run --release -p forumplan-bench --example generate -- \
//!     --tasks 100000 --seed 1 --out /tmp/plan-100k.json [--as-of 2031-03-03] \
//!     [--isolated-percent 3] [--minify]
//! ```
//!
//! `--isolated-percent P` appends P% more tasks linked to nothing (one
//! warning each); `--minify` writes the plan on one line.
//!
//! The journal goes beside the plan as `<stem>.journal.jsonl`, where
//! `forumplan schedule` looks for it by default.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use forumplan_bench::{Flags, PlanFlags, generate_journal, generate_plan_variant};

const USAGE: &str = "usage: generate --tasks N [--seed S] --out PLAN.json [--as-of YYYY-MM-DD] [--isolated-percent P] [--minify] [--all-estimates]";

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
    let mut out = None;
    let mut args = Flags::from_env();
    let mut plan = PlanFlags::default();
    while let Some(flag) = args.next_flag() {
        if plan.read(&flag, &mut args)? {
            continue;
        }
        match flag.as_str() {
            "--out" => out = Some(args.value::<PathBuf>(&flag)?),
            "-h" | "--help" => {
                let _ = writeln!(std::io::stdout(), "{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let PlanFlags {
        tasks,
        seed,
        as_of,
        variant,
    } = plan;
    let tasks = tasks
        .filter(|&n| n > 0)
        .ok_or("--tasks N (N > 0) is required")?;
    let out = out.ok_or("--out PLAN.json is required")?;
    let stem = out
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    let journal = out.with_file_name(format!("{stem}.journal.jsonl"));

    let plan_text = generate_plan_variant(tasks, seed, variant);
    std::fs::write(&out, &plan_text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let journal_text = generate_journal(tasks, seed, as_of);
    std::fs::write(&journal, &journal_text)
        .map_err(|e| format!("cannot write {}: {e}", journal.display()))?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} ({tasks} tasks and {} isolated, {} bytes) and {} ({} entries as of {as_of})",
        out.display(),
        tasks * variant.isolated_percent / 100,
        plan_text.len(),
        journal.display(),
        journal_text.lines().count()
    );
    Ok(())
}
