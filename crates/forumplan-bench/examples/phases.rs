//! Times each phase of `forumplan schedule --format json` separately, with
//! the process's resident memory after each:
//!
//! ```text
//! cargo run --release -p forumplan-bench --example phases -- /tmp/plan-1m.json 2031-03-03
//! ```
//!
//! The journal is read from `<plan stem>.journal.jsonl` beside the plan; the
//! JSON goes to `/dev/null` (or to a third argument).

use std::io::{BufWriter, Write as _};
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use forumplan_core::journal::parse_journal_bytes;
use forumplan_core::{Format, load_plan};
use forumplan_reporter::schedule::ScheduleView;

/// Resident and peak resident memory, in MB, from /proc (0 elsewhere).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// User and system CPU seconds and minor page faults so far, from /proc
/// (zeros elsewhere; assumes 100 clock ticks a second).
fn cpu() -> (f64, f64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let number = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (
        number(11) as f64 / 100.0,
        number(12) as f64 / 100.0,
        number(7),
    )
}

/// Where a phase started: wall clock and CPU counters.
struct Mark(Instant, (f64, f64, u64));

fn mark() -> Mark {
    Mark(Instant::now(), cpu())
}

fn report(phase: &str, started: Mark) -> Mark {
    let (rss, peak) = memory();
    let (user, system, faults) = cpu();
    let Mark(at, (user0, system0, faults0)) = started;
    let _ = writeln!(
        std::io::stderr(),
        "{phase:<28} {:>7.3} s wall {:>6.2} s user {:>6.2} s sys {:>8} faults   rss {rss:>6} MB   peak {peak:>6} MB",
        at.elapsed().as_secs_f64(),
        user - user0,
        system - system0,
        faults - faults0,
    );
    mark()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let plan = PathBuf::from(args.next().expect("usage: phases PLAN.json AS_OF [OUT]"));
    let as_of = NaiveDate::parse_from_str(&args.next().expect("AS_OF"), "%Y-%m-%d")
        .expect("AS_OF is YYYY-MM-DD");
    let out_path = args.next().unwrap_or_else(|| "/dev/null".into());
    let stem = plan
        .file_stem()
        .expect("plan file name")
        .to_string_lossy()
        .into_owned();
    let journal_path = plan.with_file_name(format!("{stem}.journal.jsonl"));
    let all = mark();

    let t = mark();
    let bytes = std::fs::read(&plan).expect("read plan");
    let t = report("read plan", t);
    let loaded = load_plan(&bytes, Format::Json).expect("plan loads");
    let forum = &loaded.forum;
    let t = report("load_plan (parse+validate)", t);
    let journal_bytes = std::fs::read(&journal_path).unwrap_or_default();
    let journal = parse_journal_bytes(&journal_bytes);
    let t = report("read + parse journal", t);
    let state = journal.replay(forum, as_of);
    let t = report("replay journal", t);
    let schedule = forumplan_scheduler::schedule(forum, &state, as_of).expect("schedules");
    let t = report("schedule", t);
    let assessment = forumplan_scheduler::assess(forum, &schedule);
    let t = report("assess", t);
    {
        let view = ScheduleView {
            forum,
            schedule: &schedule,
            assessment: &assessment,
            baseline: None,
        };
        let file = std::fs::File::create(&out_path).expect("create output");
        let mut out = BufWriter::new(file);
        view.write_json(&mut out, true).expect("write");
        out.flush().expect("flush");
    }
    let t = report("write JSON (pretty)", t);
    drop((assessment, schedule, state, journal, journal_bytes));
    drop(loaded);
    drop(bytes);
    report("drop everything", t);
    report("total", all);
}
