//! One department's page: the status report cut down to some workstreams
//! (`status --workstream W`, repeatable).
//!
//! The headline stays the forum's (the countdown and the forum's colour are
//! everyone's business) and so does the critical path (the chain every
//! department hangs on); every other list keeps only the tasks of the
//! chosen workstreams, and the handoffs only those that involve them.

use std::collections::HashSet;

use forumplan_core::{Forum, WorkstreamId};

use crate::status::StatusReport;

/// A `--workstream` the plan does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the plan has no workstream `{id}`")]
pub struct UnknownWorkstream {
    /// The id asked for.
    pub id: String,
    /// The plan's workstream ids, in plan order.
    pub known: Vec<String>,
}

/// The workstreams `ids` names, in the order given, or the first id the
/// plan does not have. What `--workstream` means for every command (the
/// same rule as [`StatusReport::retain_workstreams`], for a command that
/// has no report to cut).
pub fn chosen_workstreams(
    forum: &Forum,
    ids: &[String],
) -> Result<Vec<WorkstreamId>, UnknownWorkstream> {
    let known = || forum.workstreams().iter().map(|w| w.id.as_str());
    ids.iter().map(|id| position_among(known, id)).collect()
}

/// Where `id` stands among the workstream ids `known` lists, or the
/// refusal naming them all: the one rule behind every `--workstream`.
fn position_among<'k, I: Iterator<Item = &'k str>>(
    known: impl Fn() -> I,
    id: &str,
) -> Result<usize, UnknownWorkstream> {
    known()
        .position(|w| w == id)
        .ok_or_else(|| UnknownWorkstream {
            id: id.to_owned(),
            known: known().map(str::to_owned).collect(),
        })
}

impl StatusReport {
    /// Keeps only what concerns the workstreams `ids`; an empty `ids` keeps
    /// the whole forum. Fails on the first id the plan does not have.
    pub fn retain_workstreams(&mut self, ids: &[String]) -> Result<(), UnknownWorkstream> {
        if ids.is_empty() {
            return Ok(());
        }
        // The report has a row for each of the plan's workstreams.
        for id in ids {
            position_among(|| self.workstreams.iter().map(|w| w.id.as_str()), id)?;
        }
        let keep: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let in_scope: HashSet<String> = self
            .tasks
            .iter()
            .filter(|t| keep.contains(t.workstream.as_str()))
            .map(|t| t.id.clone())
            .collect();
        let mine = |workstream: &str| keep.contains(workstream);
        self.workstreams.retain(|w| mine(&w.id));
        self.tasks.retain(|t| mine(&t.workstream));
        self.late_and_blocked.retain(|t| mine(&t.workstream));
        self.causes.retain(|t| mine(&t.workstream));
        self.due_soon.retain(|t| mine(&t.workstream));
        self.must_start_today.retain(|t| mine(&t.workstream));
        self.handoffs.retain(|h| mine(&h.from) || mine(&h.to));
        let c = &mut self.changes;
        for list in [
            &mut c.newly_done,
            &mut c.newly_late,
            &mut c.newly_at_risk,
            &mut c.newly_blocked,
            &mut c.unblocked,
        ] {
            list.retain(|t| mine(&t.workstream));
        }
        if let Some(slippage) = &mut self.slippage {
            slippage.workstreams.retain(|w| mine(&w.id));
            slippage.tasks.retain(|t| mine(&t.workstream));
        }
        self.conflicts.retain(|c| in_scope.contains(&c.task));
        self.scope = ids.to_vec();
        Ok(())
    }
}
