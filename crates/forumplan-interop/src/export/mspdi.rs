//! MS Project XML (MSPDI) that MS Project, ProjectLibre and MPXJ open:
//! workstreams as summary tasks, tasks with their durations, links,
//! constraints and deadlines, the calendars used with their exceptions for
//! the plan's years, and progress as of the day. `import` reads it back
//! into the same schedule (ids kept in the `Text1` field).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use forumplan_core::journal::TaskState;
use forumplan_core::plan::{EVENT_ID, LinkType};
use forumplan_core::{CalendarId, Forum, TaskId, WorkstreamId};
use forumplan_scheduler::Schedule;
use quick_xml::escape::escape;

use crate::mspdi::{
    BLOCKED, FORUMPLAN_ID_ALIAS, FORUMPLAN_STATE_ALIAS, TEXT1_FIELD_ID, TEXT2_FIELD_ID,
};

/// Minutes in a working day of the exported calendars (08:00–12:00,
/// 13:00–17:00).
const MINUTES_PER_DAY: u32 = 480;

/// The MSPDI text of `forum` scheduled as `schedule`, cut down to the
/// workstreams `scope` when it is not empty: only their tasks are written,
/// and a link from a task outside them becomes a "start no earlier than"
/// constraint on the day the whole forum's schedule gives (the later of it
/// and the task's own `not_before`; a fixed start stays as it is), so the
/// file shows the same dates without the other departments' work.
pub fn mspdi(forum: &Forum, schedule: &Schedule, scope: &[WorkstreamId]) -> String {
    Writer::new(forum, schedule, scope).write()
}

struct Writer<'f> {
    forum: &'f Forum,
    schedule: &'f Schedule,
    out: String,
    /// The calendars tasks use (and the forum's), in id order.
    calendars: Vec<CalendarId>,
    /// The years whose exceptions are written.
    years: (i32, i32),
    /// Whether each workstream is written.
    written: Vec<bool>,
}

fn uid_of_calendar(calendar: CalendarId) -> usize {
    calendar + 1
}

impl<'f> Writer<'f> {
    fn new(forum: &'f Forum, schedule: &'f Schedule, scope: &[WorkstreamId]) -> Self {
        let written: Vec<bool> = (0..forum.workstreams().len())
            .map(|w| scope.is_empty() || scope.contains(&w))
            .collect();
        let mut used: BTreeSet<CalendarId> = forum
            .tasks()
            .iter()
            .filter(|t| written[t.workstream])
            .map(|t| t.calendar)
            .collect();
        used.insert(forum.forum_calendar());
        let first = schedule
            .tasks
            .iter()
            .map(|t| t.actual_start.unwrap_or(t.early_start).min(t.late_start))
            .chain([schedule.as_of])
            .chain(forum.plan_start())
            .min()
            .unwrap_or(schedule.as_of);
        let last = schedule
            .tasks
            .iter()
            .map(|t| t.early_finish.max(t.late_finish))
            .chain([forum.event_date()])
            .max()
            .unwrap_or(schedule.as_of);
        Writer {
            forum,
            schedule,
            out: String::new(),
            calendars: used.into_iter().collect(),
            years: (first.year(), last.year() + 1),
            written,
        }
    }

    fn write(mut self) -> String {
        let forum = self.forum;
        let plan = forum.plan();
        // The plan's start is what `import` reads back as `plan_start`.
        let start = forum.plan_start().unwrap_or(self.schedule.as_of);
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        self.out
            .push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
        self.element(1, "SaveVersion", "14");
        self.element(1, "Name", &format!("{}.xml", plan.forum.id));
        self.element(1, "Title", &plan.forum.name);
        self.element(1, "ScheduleFromStart", "1");
        self.element(1, "StartDate", &morning(start));
        self.element(1, "FinishDate", &morning(forum.event_date()));
        self.element(
            1,
            "CalendarUID",
            &uid_of_calendar(forum.forum_calendar()).to_string(),
        );
        self.element(1, "DefaultStartTime", "08:00:00");
        self.element(1, "DefaultFinishTime", "17:00:00");
        self.element(1, "MinutesPerDay", &MINUTES_PER_DAY.to_string());
        self.element(1, "MinutesPerWeek", &(MINUTES_PER_DAY * 5).to_string());
        self.element(1, "DaysPerMonth", "20");
        self.element(1, "DurationFormat", "7");
        self.element(1, "CurrentDate", &morning(self.schedule.as_of));
        self.element(1, "StatusDate", &evening(self.schedule.as_of));
        self.out.push_str(&format!(
            "\t<ExtendedAttributes>\n\t\t<ExtendedAttribute>\n\t\t\t<FieldID>{TEXT1_FIELD_ID}</FieldID>\n\t\t\t<FieldName>Text1</FieldName>\n\t\t\t<Alias>{FORUMPLAN_ID_ALIAS}</Alias>\n\t\t</ExtendedAttribute>\n\t\t<ExtendedAttribute>\n\t\t\t<FieldID>{TEXT2_FIELD_ID}</FieldID>\n\t\t\t<FieldName>Text2</FieldName>\n\t\t\t<Alias>{FORUMPLAN_STATE_ALIAS}</Alias>\n\t\t</ExtendedAttribute>\n\t</ExtendedAttributes>\n"
        ));
        self.write_calendars();
        self.write_tasks();
        self.out.push_str("</Project>\n");
        self.out
    }

    /// `<name>text</name>` at `depth` tabs, the text escaped.
    fn element(&mut self, depth: usize, name: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "{}<{name}>{}</{name}>",
            "\t".repeat(depth),
            escape(text)
        );
    }

    fn open(&mut self, depth: usize, name: &str) {
        let _ = writeln!(self.out, "{}<{name}>", "\t".repeat(depth));
    }

    fn close(&mut self, depth: usize, name: &str) {
        let _ = writeln!(self.out, "{}</{name}>", "\t".repeat(depth));
    }

    fn write_calendars(&mut self) {
        self.open(1, "Calendars");
        for id in self.calendars.clone() {
            let calendar = &self.forum.calendars()[id];
            self.open(2, "Calendar");
            self.element(3, "UID", &uid_of_calendar(id).to_string());
            self.element(3, "Name", calendar.name());
            self.element(3, "IsBaseCalendar", "1");
            self.element(3, "BaseCalendarUID", "-1");
            self.open(3, "WeekDays");
            let weekdays = calendar.weekdays();
            // MSPDI numbers days from Sunday (1) to Saturday (7).
            for day_type in 1..=7usize {
                let worked = weekdays[(day_type + 5) % 7];
                self.open(4, "WeekDay");
                self.element(5, "DayType", &day_type.to_string());
                self.element(5, "DayWorking", if worked { "1" } else { "0" });
                if worked {
                    self.working_times(5);
                }
                self.close(4, "WeekDay");
            }
            self.close(3, "WeekDays");
            let (first, last) = self.years;
            let exceptions: Vec<(NaiveDate, bool)> = calendar
                .exceptions()
                .iter()
                .copied()
                .filter(|(day, _)| (first..=last).contains(&day.year()))
                .collect();
            if !exceptions.is_empty() {
                self.open(3, "Exceptions");
                for (day, worked) in exceptions {
                    self.open(4, "Exception");
                    self.element(5, "EnteredByOccurrences", "0");
                    self.open(5, "TimePeriod");
                    self.element(6, "FromDate", &format!("{day}T00:00:00"));
                    self.element(6, "ToDate", &format!("{day}T23:59:00"));
                    self.close(5, "TimePeriod");
                    self.element(5, "Occurrences", "1");
                    let name = if worked {
                        "Ngày làm bù"
                    } else {
                        "Ngày nghỉ"
                    };
                    self.element(5, "Name", &format!("{name} {}", day.format("%d/%m/%Y")));
                    self.element(5, "Type", "1");
                    self.element(5, "DayWorking", if worked { "1" } else { "0" });
                    if worked {
                        self.working_times(5);
                    }
                    self.close(4, "Exception");
                }
                self.close(3, "Exceptions");
            }
            self.close(2, "Calendar");
        }
        self.close(1, "Calendars");
    }

    fn working_times(&mut self, depth: usize) {
        self.open(depth, "WorkingTimes");
        for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
            self.open(depth + 1, "WorkingTime");
            self.element(depth + 2, "FromTime", from);
            self.element(depth + 2, "ToTime", to);
            self.close(depth + 1, "WorkingTime");
        }
        self.close(depth, "WorkingTimes");
    }

    fn write_tasks(&mut self) {
        let forum = self.forum;
        let plan = forum.plan();
        let tasks = forum.tasks();
        // UIDs: 0 the project, then each workstream's summary followed by
        // its tasks, in the plan's order; the event last.
        let mut uids = vec![0usize; tasks.len()];
        let mut order: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
        let mut next = 1;
        for (w, _) in forum.workstreams().iter().enumerate() {
            if !self.written[w] {
                continue;
            }
            let members: Vec<usize> = (0..tasks.len())
                .filter(|&i| tasks[i].workstream == w)
                .collect();
            next += 1;
            for &i in &members {
                uids[i] = next;
                next += 1;
            }
            order.push((Some(w), members));
        }
        let event_uid = next;
        self.open(1, "Tasks");
        self.summary(
            0,
            0,
            &plan.forum.name,
            None,
            "",
            (self.schedule.as_of, forum.event_date()),
        );
        let mut id = 1;
        let mut uid = 1;
        for (w, (workstream, members)) in order.iter().enumerate() {
            let Some(workstream) = workstream else {
                continue;
            };
            let stream = &forum.workstreams()[*workstream];
            let span = members
                .iter()
                .map(|&i| {
                    let t = &self.schedule.tasks[i];
                    (t.actual_start.unwrap_or(t.early_start), t.early_finish)
                })
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
                .unwrap_or((self.schedule.as_of, self.schedule.as_of));
            self.summary(
                uid,
                id,
                &stream.name,
                Some(&stream.id),
                &(w + 1).to_string(),
                span,
            );
            uid += 1;
            id += 1;
            for (n, &i) in members.iter().enumerate() {
                self.task(
                    i,
                    uid,
                    id,
                    &format!("{}.{}", w + 1, n + 1),
                    &uids,
                    event_uid,
                );
                uid += 1;
                id += 1;
            }
        }
        self.event(event_uid, id, order.len() + 1);
        self.close(1, "Tasks");
    }

    fn summary(
        &mut self,
        uid: usize,
        id: usize,
        name: &str,
        forumplan_id: Option<&str>,
        outline: &str,
        span: (NaiveDate, NaiveDate),
    ) {
        self.open(2, "Task");
        self.element(3, "UID", &uid.to_string());
        self.element(3, "ID", &id.to_string());
        self.element(3, "Name", name);
        if !outline.is_empty() {
            self.element(3, "OutlineNumber", outline);
        }
        self.element(3, "OutlineLevel", if uid == 0 { "0" } else { "1" });
        self.element(3, "Start", &morning(span.0));
        self.element(3, "Finish", &evening(span.1));
        self.element(3, "Summary", "1");
        if let Some(fid) = forumplan_id {
            self.text1(3, fid);
        }
        self.close(2, "Task");
    }

    fn text1(&mut self, depth: usize, value: &str) {
        self.custom_field(depth, TEXT1_FIELD_ID, value);
    }

    fn custom_field(&mut self, depth: usize, field: &str, value: &str) {
        self.open(depth, "ExtendedAttribute");
        self.element(depth + 1, "FieldID", field);
        self.element(depth + 1, "Value", value);
        self.close(depth, "ExtendedAttribute");
    }

    fn task(
        &mut self,
        task: TaskId,
        uid: usize,
        id: usize,
        outline: &str,
        uids: &[usize],
        event_uid: usize,
    ) {
        let forum = self.forum;
        let plan_task = forum.task(task);
        let model = &forum.tasks()[task];
        let scheduled = &self.schedule.tasks[task];
        self.open(2, "Task");
        self.element(3, "UID", &uid.to_string());
        self.element(3, "ID", &id.to_string());
        self.element(3, "Name", &plan_task.name);
        self.element(3, "Manual", "0");
        self.element(3, "OutlineNumber", outline);
        self.element(3, "OutlineLevel", "2");
        let start = scheduled.actual_start.unwrap_or(scheduled.early_start);
        let finish = scheduled.actual_finish.unwrap_or(scheduled.early_finish);
        self.element(3, "Start", &morning(start));
        self.element(3, "Finish", &evening(finish.max(start)));
        self.element(3, "Duration", &hours(model.duration));
        self.element(3, "DurationFormat", "7");
        self.element(3, "Milestone", if model.duration == 0 { "1" } else { "0" });
        self.element(3, "Summary", "0");
        if scheduled.state == TaskState::Cancelled {
            self.element(3, "Active", "0");
        }
        if model.calendar != forum.forum_calendar() {
            self.element(
                3,
                "CalendarUID",
                &uid_of_calendar(model.calendar).to_string(),
            );
        }
        // Tasks left out of the file have UID 0: their links become the
        // day they allow.
        let outside = forum.predecessors(task).any(|(p, _)| uids[p] == 0);
        let not_before = if outside {
            model.not_before.max(Some(scheduled.early_start))
        } else {
            model.not_before
        };
        let (constraint, date) = match (model.fixed_start, not_before) {
            (Some(day), _) => ("2", Some(day)),
            (None, Some(day)) => ("4", Some(day)),
            (None, None) => ("0", None),
        };
        self.element(3, "ConstraintType", constraint);
        if let Some(day) = date {
            self.element(3, "ConstraintDate", &morning(day));
        }
        if let Some(due) = model.due {
            self.element(3, "Deadline", &evening(due));
        }
        let percent = match scheduled.state {
            TaskState::Done => 100,
            _ => scheduled.progress,
        };
        self.element(3, "PercentComplete", &percent.to_string());
        if let Some(day) = scheduled.actual_start {
            self.element(3, "ActualStart", &morning(day));
        }
        if let Some(day) = scheduled.actual_finish {
            self.element(3, "ActualFinish", &evening(day));
        }
        if let Some(notes) = &plan_task.notes {
            self.element(3, "Notes", notes);
        }
        if let Some(owner) = &plan_task.owner {
            // MS Project shows it in a text column; resources are not made up.
            self.element(3, "Contact", owner);
        }
        for (predecessor, dependency) in forum.predecessors(task) {
            if uids[predecessor] != 0 {
                self.link(uids[predecessor], dependency.kind, dependency.lag);
            }
        }
        for dependency in model.event_links.clone() {
            self.link(event_uid, dependency.kind, dependency.lag);
        }
        self.text1(3, &plan_task.id);
        if scheduled.state == TaskState::Blocked {
            self.custom_field(3, TEXT2_FIELD_ID, BLOCKED);
        }
        self.close(2, "Task");
    }

    fn link(&mut self, predecessor: usize, kind: LinkType, lag: i32) {
        let code = match kind {
            LinkType::FinishToFinish => "0",
            LinkType::FinishToStart => "1",
            LinkType::StartToFinish => "2",
            LinkType::StartToStart => "3",
        };
        self.open(3, "PredecessorLink");
        self.element(4, "PredecessorUID", &predecessor.to_string());
        self.element(4, "Type", code);
        self.element(4, "CrossProject", "0");
        self.element(
            4,
            "LinkLag",
            &(i64::from(lag) * i64::from(MINUTES_PER_DAY) * 10).to_string(),
        );
        self.element(4, "LagFormat", "7");
        self.close(3, "PredecessorLink");
    }

    /// The event day, as a milestone fixed on it: what post-event work
    /// follows.
    fn event(&mut self, uid: usize, id: usize, outline: usize) {
        let day = self.forum.event_date();
        self.open(2, "Task");
        self.element(3, "UID", &uid.to_string());
        self.element(3, "ID", &id.to_string());
        self.element(3, "Name", &self.forum.plan().forum.name.clone());
        self.element(3, "Manual", "0");
        self.element(3, "OutlineNumber", &outline.to_string());
        self.element(3, "OutlineLevel", "1");
        self.element(3, "Start", &morning(day));
        self.element(3, "Finish", &morning(day));
        self.element(3, "Duration", "PT0H0M0S");
        self.element(3, "DurationFormat", "7");
        self.element(3, "Milestone", "1");
        self.element(3, "Summary", "0");
        self.element(3, "ConstraintType", "2");
        self.element(3, "ConstraintDate", &morning(day));
        self.text1(3, EVENT_ID);
        self.close(2, "Task");
    }
}

fn morning(day: NaiveDate) -> String {
    format!("{day}T08:00:00")
}

fn evening(day: NaiveDate) -> String {
    format!("{day}T17:00:00")
}

/// `PT16H0M0S` for two working days.
fn hours(days: u32) -> String {
    format!(
        "PT{}H0M0S",
        u64::from(days) * u64::from(MINUTES_PER_DAY) / 60
    )
}
