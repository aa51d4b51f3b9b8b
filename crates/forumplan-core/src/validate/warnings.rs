//! Plans that work but probably not as meant: empty workstreams and
//! tasks linked to nothing.

use crate::code::Code;
use foldhash::HashMap;

use super::{Index, Key, Validator};
use crate::diagnostic::Diagnostic;
use crate::forum::ForumTask;
use crate::graph::Graph;

impl Validator<'_, '_, '_> {
    pub(super) fn warnings(
        &mut self,
        tasks: &[ForumTask],
        graph: &Graph,
        workstreams: &HashMap<&str, usize>,
    ) {
        let plan = self.plan;
        let mut used = vec![false; plan.workstreams.len()];
        for task in tasks {
            if let Some(u) = used.get_mut(task.workstream) {
                *u = true;
            }
        }
        for (i, ws) in plan.workstreams.iter().enumerate() {
            // A duplicate was reported as an error; it owns no tasks by construction.
            let first_of_its_id = workstreams.get(ws.id.as_str()) == Some(&i);
            if !used[i] && first_of_its_id {
                let d = Diagnostic::warning(
                    Code::EmptyWorkstream,
                    format!("workstream `{}` has no tasks", ws.id),
                    self.span(&[Key("workstreams"), Index(i), Key("id")]),
                )
                .with_label("no task belongs here")
                .with_hint("add its tasks, or remove the workstream");
                self.push(d);
            }
        }
        for (i, task) in plan.tasks.iter().enumerate() {
            let linked = !graph.predecessors(i).is_empty() || !graph.successors(i).is_empty();
            // Links that were reported as errors (unknown, self) still count.
            if !linked && task.after.is_empty() && !task.id.is_empty() {
                let d = Diagnostic::warning(
                    Code::IsolatedTask,
                    format!("task `{}` has neither predecessor nor successor", task.id),
                    self.span(&[Key("tasks"), Index(i), Key("id")]),
                )
                .with_label("not linked to any task")
                .with_hint("link it with `after` so that delays reach the tasks that depend on it");
                self.push(d);
            }
        }
    }
}
