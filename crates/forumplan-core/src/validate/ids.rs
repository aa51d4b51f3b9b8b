//! Workstream and task ids: reserved and duplicate ones.

use crate::code::Code;
use foldhash::{HashMap, HashMapExt};

use super::{Index, Key, PathSegment, Validator};
use crate::diagnostic::Diagnostic;
use crate::plan::EVENT_ID;
use crate::task_index::TaskIndex;

impl<'p> Validator<'p, '_, '_> {
    pub(super) fn workstream_ids(&mut self) -> HashMap<&'p str, usize> {
        let mut ids = HashMap::new();
        let plan = self.plan;
        for (i, ws) in plan.workstreams.iter().enumerate() {
            if ws.id.is_empty() {
                continue;
            }
            if let Some(&first) = ids.get(ws.id.as_str()) {
                self.duplicate(
                    "workstream",
                    &ws.id,
                    &[Key("workstreams"), Index(first), Key("id")],
                    &[Key("workstreams"), Index(i), Key("id")],
                );
            } else {
                ids.insert(ws.id.as_str(), i);
            }
        }
        ids
    }

    pub(super) fn task_ids(&mut self) -> TaskIndex {
        let mut ids = TaskIndex::with_capacity(self.plan.tasks.len());
        let plan = self.plan;
        for (i, task) in plan.tasks.iter().enumerate() {
            let path = [Key("tasks"), Index(i), Key("id")];
            if task.id.is_empty() {
                continue;
            }
            if task.id == EVENT_ID {
                let d = Diagnostic::error(Code::ReservedId, "`event` is reserved for the event day and cannot name a task", self.span(&path))
                    .with_label("reserved id")
                    .with_hint("rename the task, e.g. `event-day`; other tasks use `after: [\"event\"]` for post-event work");
                self.push(d);
                continue;
            }
            if let Err(first) = ids.insert(&plan.tasks, i) {
                self.duplicate(
                    "task",
                    &task.id,
                    &[Key("tasks"), Index(first), Key("id")],
                    &path,
                );
            }
        }
        ids
    }

    fn duplicate(
        &mut self,
        kind: &str,
        id: &str,
        first: &[PathSegment<'_>],
        second: &[PathSegment<'_>],
    ) {
        let d = Diagnostic::error(
            Code::DuplicateId,
            format!("{kind} id `{id}` is used twice"),
            self.span(second),
        )
        .with_label("second use")
        .with_related(self.span(first), "first use")
        .with_hint(format!("each {kind} needs its own id: rename one of them"));
        self.push(d);
    }
}
