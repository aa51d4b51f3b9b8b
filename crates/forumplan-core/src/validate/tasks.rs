//! Each task's references resolved (workstream, calendar, predecessors),
//! its dates made absolute and checked against each other and the event.

use crate::code::Code;
use chrono::NaiveDate;
use foldhash::HashMap;

use super::{Index, Key, Validator};
use crate::diagnostic::{Diagnostic, Suggestions};
use crate::forum::{CalendarId, Dependency, ForumTask, TaskId};
use crate::plan::EVENT_ID;
use crate::task_index::TaskIndex;

impl<'p> Validator<'p, '_, '_> {
    /// Resolves every task; returns them (with `post_event` still unset)
    /// and the links between them.
    pub(super) fn tasks(
        &mut self,
        workstreams: &HashMap<&str, usize>,
        task_ids: &TaskIndex,
        forum_calendar: Option<CalendarId>,
    ) -> (Vec<ForumTask>, Vec<(TaskId, TaskId, Dependency)>) {
        let plan = self.plan;
        let mut tasks = Vec::with_capacity(plan.tasks.len());
        let mut links = Vec::new();
        let mut workstream_hints = Suggestions::new();
        let mut task_hints = Suggestions::new();
        for (i, task) in plan.tasks.iter().enumerate() {
            let at = |field| [Key("tasks"), Index(i), Key(field)];
            let workstream = match workstreams.get(task.workstream.as_str()) {
                Some(&ws) => ws,
                None => {
                    if !task.workstream.is_empty() {
                        let hint = match workstream_hints
                            .closest(&task.workstream, workstreams.keys().copied())
                        {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => "declare it under `workstreams`".to_owned(),
                        };
                        let d = Diagnostic::error(
                            Code::UnknownWorkstream,
                            format!("unknown workstream `{}`", task.workstream),
                            self.span(&at("workstream")),
                        )
                        .with_label("no such workstream")
                        .with_hint(hint);
                        self.push(d);
                    }
                    usize::MAX
                }
            };
            let calendar = match task.calendar.as_deref() {
                Some(name) => self.calendar_reference(name, &at("calendar")),
                None => forum_calendar,
            };
            let not_before = self.date(task.not_before, &at("not_before"));
            let due = self.date(task.due, &at("due"));
            let fixed_start = self.date(task.fixed_start, &at("fixed_start"));
            let mut event_links = Vec::new();
            for (j, link) in task.after.iter().enumerate() {
                let path = [Key("tasks"), Index(i), Key("after"), Index(j)];
                let dependency = Dependency {
                    kind: link.kind,
                    lag: link.lag.0,
                };
                if link.task == EVENT_ID {
                    event_links.push(dependency);
                } else if link.task == task.id && !task.id.is_empty() {
                    let d = Diagnostic::error(
                        Code::SelfLink,
                        format!("task `{}` is linked to itself", task.id),
                        self.span(&path),
                    )
                    .with_label("links to its own task")
                    .with_hint("remove this link; a task cannot wait for itself");
                    self.push(d);
                } else if let Some(pred) = task_ids.get(&plan.tasks, &link.task) {
                    links.push((pred, i, dependency));
                } else if !link.task.is_empty() {
                    let known = (0..plan.tasks.len())
                        .filter(|&t| task_ids.names(&plan.tasks, t))
                        .map(|t| plan.tasks[t].id.as_str());
                    let hint = match task_hints.closest(&link.task, known) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => {
                            "name a task declared under `tasks`, or `event` for post-event work"
                                .to_owned()
                        }
                    };
                    let d = Diagnostic::error(
                        Code::UnknownTask,
                        format!("task `{}` depends on unknown task `{}`", task.id, link.task),
                        self.span(&path),
                    )
                    .with_label("no such task")
                    .with_hint(hint);
                    self.push(d);
                }
            }
            if let (Some(not_before), Some(due)) = (not_before, due)
                && due < not_before
            {
                let d = Diagnostic::error(
                    Code::DueBeforeNotBefore,
                    format!(
                        "task `{}` is due {due}, before it may start ({not_before})",
                        task.id
                    ),
                    self.span(&at("due")),
                )
                .with_label("earlier than `not_before`")
                .with_related(self.span(&at("not_before")), "may not start before this")
                .with_hint("move `due` later or `not_before` earlier");
                self.push(d);
            }
            if let Some(e) = &task.estimate
                && !(e.optimistic <= e.likely && e.likely <= e.pessimistic)
            {
                let d = Diagnostic::error(
                    Code::InvalidEstimate,
                    format!(
                        "the estimate of task `{}` is out of order: {}, {}, {}",
                        task.id, e.optimistic, e.likely, e.pessimistic
                    ),
                    self.span(&at("estimate")),
                )
                .with_label("optimistic ≤ likely ≤ pessimistic does not hold")
                .with_hint(
                    "the optimistic duration is the shortest and the pessimistic the longest",
                );
                self.push(d);
            }
            if let (Some(date), Some(calendar)) = (fixed_start, calendar) {
                self.check_fixed_start(i, date, calendar);
            }
            tasks.push(ForumTask {
                workstream,
                calendar: calendar.unwrap_or(usize::MAX),
                duration: task.duration.0,
                not_before,
                due,
                fixed_start,
                event_links,
                post_event: false,
            });
        }
        (tasks, links)
    }

    pub(super) fn check_event_bounds(&mut self, tasks: &[ForumTask], event: Option<NaiveDate>) {
        let Some(event) = event else { return };
        for (i, task) in tasks.iter().enumerate() {
            if task.post_event {
                continue;
            }
            for (field, date) in [
                ("fixed_start", task.fixed_start),
                ("not_before", task.not_before),
            ] {
                if let Some(date) = date.filter(|d| *d >= event) {
                    let d = Diagnostic::error(
                        Code::PreEventTaskAfterEvent,
                        format!("task `{}` must be done before the event ({event}) but its `{field}` is {date}", self.plan.tasks[i].id),
                        self.span(&[Key("tasks"), Index(i), Key(field)]),
                    )
                    .with_label("on or after the event day")
                    .with_hint("move the date before the event, or make it post-event work with `\"after\": [\"event\"]`");
                    self.push(d);
                }
            }
        }
    }
}
