//! Small plans for the tests: every task on the `every-day` calendar, so
//! working days are plain days, starting on day P with the event on P + K.
//! A task of d days started on P finishes on P + d − 1; a network taking T
//! days in all is ready on P + T − 1, which is before the event exactly
//! when T ≤ K.

#![allow(dead_code, unreachable_pub)]

use chrono::{Days, NaiveDate};
use forumplan_core::journal::JournalState;
use forumplan_core::{Format, Forum, load_plan};
use serde_json::{Value, json};

/// A task: id, workstream, duration, estimate (o, m, p), predecessors.
pub struct Task {
    pub id: String,
    pub workstream: &'static str,
    pub duration: u32,
    pub estimate: Option<(u32, u32, u32)>,
    pub after: Vec<String>,
}

impl Task {
    pub fn new(id: &str, estimate: (u32, u32, u32), after: &[&str]) -> Task {
        Task {
            id: id.to_owned(),
            workstream: "work",
            duration: estimate.1.max(1),
            estimate: Some(estimate),
            after: after.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    pub fn fixed(id: &str, duration: u32, after: &[&str]) -> Task {
        Task {
            estimate: None,
            duration,
            ..Task::new(id, (duration, duration, duration), after)
        }
    }

    pub fn in_workstream(mut self, workstream: &'static str) -> Task {
        self.workstream = workstream;
        self
    }
}

/// Day P, when work starts (and the day the simulation is run as of).
pub fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()
}

pub fn plus(days: u64) -> NaiveDate {
    day0().checked_add_days(Days::new(days)).unwrap()
}

/// The forum of `tasks` with the event on P + `event_after` days.
pub fn forum(tasks: &[Task], event_after: u64) -> Forum {
    let workstreams: Vec<&str> = {
        let mut seen = Vec::new();
        for t in tasks {
            if !seen.contains(&t.workstream) {
                seen.push(t.workstream);
            }
        }
        seen
    };
    let tasks: Vec<Value> = tasks
        .iter()
        .map(|t| {
            let mut task = json!({
                "id": t.id,
                "workstream": t.workstream,
                "name": t.id,
                "duration": format!("{}d", t.duration),
                "after": t.after,
            });
            if let Some((o, m, p)) = t.estimate {
                task["estimate"] =
                    json!({"optimistic": format!("{o}d"), "likely": format!("{m}d"), "pessimistic": format!("{p}d")});
            }
            task
        })
        .collect();
    let plan = json!({
        "forum": {
            "id": "test",
            "name": "Test",
            "date": plus(event_after).to_string(),
            "calendar": "every-day",
            "plan_start": day0().to_string(),
        },
        "workstreams": workstreams.iter().map(|w| json!({"id": w, "name": w})).collect::<Vec<_>>(),
        "tasks": tasks,
    })
    .to_string();
    match load_plan(plan.as_bytes(), Format::Json) {
        Ok(loaded) => loaded.forum,
        Err(diagnostics) => panic!("plan refused: {diagnostics:#?}\n{plan}"),
    }
}

/// No progress recorded.
pub fn no_journal() -> JournalState {
    JournalState::default()
}

/// Whether `estimate` is within `sigmas` standard errors `se` of `exact`.
pub fn within(estimate: f64, exact: f64, se: f64, sigmas: f64) -> bool {
    (estimate - exact).abs() <= sigmas * se
}

/// The triangular CDF.
pub fn triangular_cdf(o: f64, m: f64, p: f64, x: f64) -> f64 {
    if x <= o {
        0.0
    } else if x >= p {
        1.0
    } else if x <= m {
        (x - o).powi(2) / ((p - o) * (m - o))
    } else {
        1.0 - (p - x).powi(2) / ((p - o) * (p - m))
    }
}

/// The exact distribution of a triangular estimate rounded the contract's
/// way (nearest whole day, halves up, at least 1): `pmf[v]` = P(value v).
pub fn rounded_triangular(o: u32, m: u32, p: u32) -> Vec<f64> {
    let mut pmf = vec![0.0; p as usize + 1];
    if o == p {
        pmf[(o as usize).max(1)] = 1.0;
        return pmf;
    }
    let (o, m, p) = (f64::from(o), f64::from(m), f64::from(p));
    for (v, slot) in pmf.iter_mut().enumerate() {
        let v = v as f64;
        let low = if v <= 1.0 { f64::NEG_INFINITY } else { v - 0.5 };
        let mass = triangular_cdf(o, m, p, v + 0.5)
            - if low.is_finite() {
                triangular_cdf(o, m, p, low)
            } else {
                0.0
            };
        *slot = if v < 1.0 { 0.0 } else { mass };
    }
    pmf
}
