//! How far a chain of tasks reaches, so that no plan validation accepts
//! can take the schedule beyond the dates it can represent.

use super::{Index, Key, Validator};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::forum::ForumTask;
use crate::graph::Graph;
use crate::plan::MAX_DAYS;

impl Validator<'_, '_, '_> {
    /// Reports the first task (in dependency order) at which a chain of
    /// durations and lags adds up to more than [`MAX_DAYS`] working days,
    /// about a century: each duration and lag is bounded, but a long chain
    /// of them could still carry dates past what the scheduler can
    /// represent. One report for the whole plan: every task after it
    /// reaches further by the same cause.
    pub(super) fn check_reach(&mut self, tasks: &[ForumTask], graph: &Graph) {
        let limit = u64::from(MAX_DAYS);
        let mut reach = vec![0u64; tasks.len()];
        for &task in graph.order() {
            let lag = |d: crate::forum::Dependency| u64::from(d.lag.unsigned_abs());
            let before = graph
                .predecessors(task)
                .iter()
                .map(|link| reach[link.task] + lag(link.dependency))
                .chain(tasks[task].event_links.iter().map(|&d| lag(d)))
                .max()
                .unwrap_or(0);
            reach[task] = before + u64::from(tasks[task].duration);
            if reach[task] > limit {
                let id = &self.plan.tasks[task].id;
                let d = Diagnostic::error(
                    Code::PlanTooLong,
                    format!(
                        "the chain of tasks leading to `{id}` takes {} working days, more than the {limit} a plan may span",
                        reach[task]
                    ),
                    self.span(&[Key("tasks"), Index(task), Key("duration")]),
                )
                .with_label("the chain passes this many working days here")
                .with_hint("check the durations and lags of this task and those before it: one of them is likely written in the wrong unit");
                self.push(d);
                return;
            }
        }
    }
}
