//! MS Project XML (MSPDI): tasks, summary tasks as workstreams, durations,
//! links, constraints, the calendars used, and progress.

mod calendars;
mod values;
mod xml;

use std::collections::HashMap;

use chrono::NaiveDate;
use forumplan_core::calendar::Calendar;
use forumplan_core::journal::{JournalEntry, TaskState};
use forumplan_core::plan::{
    DateSpec, Days, EVENT_ID, ForumInfo, Id, Lag, Link, LinkType, Plan, Settings, Task, Workstream,
    forum_id,
};

use self::values::{Reader, whole_days};
use self::xml::Element;
use super::ids::Ids;
use super::{Draft, ImportOptions};
use crate::mspdi::{
    BLOCKED, FORUMPLAN_ID_ALIAS, FORUMPLAN_STATE_ALIAS, GENERAL_WORKSTREAM, TEXT1_FIELD_ID,
    TEXT2_FIELD_ID,
};
use crate::problem::{Place, Problem, ProblemCode};

/// Minutes in a working day when the file does not say.
const DEFAULT_MINUTES_PER_DAY: u32 = 480;

/// Reads an MSPDI file into a draft plan, or the problem that stops it.
pub(crate) fn read(bytes: &[u8], options: &ImportOptions<'_>) -> Result<Draft, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = forumplan_core::utf8::text(bytes).map_err(|e| {
        Problem::error(
            ProblemCode::UnreadableSource,
            Place::Text(forumplan_core::Span::at(e.valid_up_to())),
            "the XML file is not UTF-8",
        )
        .with_hint("save it from MS Project as XML (UTF-8)")
    })?;
    let root = xml::parse(text)?;
    if root.name != "Project" {
        let hint = if root.name == "APIBusinessObjects" {
            "this is a Primavera P6 XML file: export it from P6 or MS Project as MS Project XML"
        } else {
            "save the plan from MS Project or ProjectLibre as \"XML Format (*.xml)\""
        };
        return Err(Problem::error(
            ProblemCode::NotMspdi,
            root.place(),
            format!(
                "this XML is not an MS Project file: its root element is <{}>, not <Project>",
                root.name
            ),
        )
        .with_hint(hint));
    }
    Ok(Importer::new(&root, options).run())
}

/// One task of the file, as read.
struct FileTask<'x> {
    element: &'x Element,
    uid: i64,
    level: u32,
    summary: bool,
    name: String,
}

/// What is gathered beside the plan.
#[derive(Default)]
struct Found {
    task_places: Vec<Place>,
    journal: Vec<JournalEntry>,
    problems: Vec<Problem>,
}

struct Importer<'x, 'o> {
    root: &'x Element,
    options: &'o ImportOptions<'o>,
    read: Reader,
    minutes_per_day: u32,
    /// The id to give a task or workstream by UID, from the `forumplan id`
    /// custom field of a file forumplan wrote.
    kept_ids: HashMap<i64, String>,
    /// Whether the file defines the `forumplan state` field (it marks
    /// blocked tasks).
    has_state_field: bool,
}

impl<'x, 'o> Importer<'x, 'o> {
    fn new(root: &'x Element, options: &'o ImportOptions<'o>) -> Self {
        let mut read = Reader::default();
        let minutes_per_day = root
            .child("MinutesPerDay")
            .and_then(|e| read.number::<u32>(e))
            .filter(|&m| m > 0)
            .unwrap_or(DEFAULT_MINUTES_PER_DAY);
        Importer {
            root,
            options,
            read,
            minutes_per_day,
            kept_ids: HashMap::new(),
            has_state_field: defines(root, TEXT2_FIELD_ID, FORUMPLAN_STATE_ALIAS),
        }
    }

    fn run(mut self) -> Draft {
        let root = self.root;
        self.kept_ids = self.forumplan_ids();
        let tasks: Vec<FileTask<'x>> = root
            .child("Tasks")
            .into_iter()
            .flat_map(|t| t.all("Task"))
            .filter_map(|element| self.file_task(element))
            .collect();
        let event = self.event_day();
        let name = self
            .options
            .name
            .map(str::to_owned)
            .or_else(|| root.text_of("Title").map(str::to_owned))
            .or_else(|| {
                root.text_of("Name")
                    .map(|n| n.trim_end_matches(".xml").to_owned())
            })
            .unwrap_or_else(|| "MS Project".to_owned());
        let date = event.unwrap_or_default();
        let project_calendar = root
            .child("CalendarUID")
            .and_then(|e| self.read.number::<i64>(e));
        let mut calendars = calendars::Calendars::read(root, &mut self.read);
        let forum_calendar = project_calendar.and_then(|uid| calendars.use_calendar(uid));
        let plan_start = root
            .child("StartDate")
            .and_then(|e| self.read.date(e))
            .filter(|&start| start < date)
            .map(DateSpec::Absolute);
        let mut plan = Plan {
            forum: ForumInfo {
                id: forum_id(&name, date).into(),
                name,
                date,
                venue: None,
                timezone: None,
                calendar: forum_calendar.clone().map(Id::from),
                plan_start,
                journal: None,
            },
            settings: Settings::default(),
            calendars: Default::default(),
            workstreams: Vec::new(),
            tasks: Vec::new(),
        };
        let mut found = Found::default();
        if event.is_none() {
            found.problems.push(
                Problem::error(
                    ProblemCode::NoForumDate,
                    root.place(),
                    "the file has no finish date to take as the event day",
                )
                .with_hint("give the event day with --date YYYY-MM-DD"),
            );
        }
        let owners = self.owners();
        let mut ids = Ids::default();
        for id in self.kept_ids.values() {
            ids.keep(id);
        }
        // Summary tasks become workstreams: the outermost level under the
        // project; deeper ones are remembered as the path of their tasks.
        let mut workstream_of: HashMap<i64, usize> = HashMap::new();
        let mut task_index: HashMap<i64, usize> = HashMap::new();
        let mut outline: Vec<(u32, String)> = Vec::new();
        let mut current: Option<usize> = None;
        let mut general: Option<usize> = None;
        let mut links: Vec<(usize, &'x Element)> = Vec::new();
        // The event day's milestone of a file forumplan wrote: links from
        // it are links from `event`.
        let event_uid = self
            .kept_ids
            .iter()
            .find(|(_, id)| id.as_str() == EVENT_ID)
            .map(|(uid, _)| *uid);
        for task in &tasks {
            if Some(task.uid) == event_uid {
                continue;
            }
            outline.retain(|(level, _)| *level < task.level);
            if task.summary {
                if task.level <= 1 {
                    let id = self.id_for(task, &mut ids);
                    plan.workstreams.push(Workstream {
                        id: id.into(),
                        name: task.name.clone(),
                        lead: None,
                        focal_point: None,
                    });
                    current = Some(plan.workstreams.len() - 1);
                    outline.clear();
                } else {
                    outline.push((task.level, task.name.clone()));
                }
                workstream_of.insert(task.uid, current.unwrap_or(0));
                if task.element.child("PredecessorLink").is_some() {
                    found.problems.push(Problem::warning(
                        ProblemCode::NotCarriedOver,
                        task.element.place(),
                        format!(
                            "links of the summary task \"{}\" are left out: forumplan links tasks, not workstreams",
                            task.name
                        ),
                    ).with_hint("link the tasks inside the summary instead"));
                }
                continue;
            }
            if task.level <= 1 {
                current = None;
            }
            let workstream = match current {
                Some(w) => w,
                None => *general.get_or_insert_with(|| {
                    plan.workstreams.push(Workstream {
                        id: GENERAL_WORKSTREAM.into(),
                        name: "Chung".to_owned(),
                        lead: None,
                        focal_point: None,
                    });
                    ids.keep(GENERAL_WORKSTREAM);
                    plan.workstreams.len() - 1
                }),
            };
            let id = self.id_for(task, &mut ids);
            let imported = self.task(
                task,
                id,
                &plan.workstreams[workstream].id,
                &outline,
                &owners,
                &calendars,
                date,
                &mut found.problems,
            );
            let mut imported = imported;
            if let Some(uid) = task
                .element
                .text_of("CalendarUID")
                .and_then(|t| t.parse::<i64>().ok())
                && uid >= 0
                && Some(uid) != project_calendar
            {
                imported.calendar = calendars.use_calendar(uid).map(Id::from);
            }
            self.progress(task, &imported.id, &mut found);
            task_index.insert(task.uid, plan.tasks.len());
            plan.tasks.push(imported);
            found.task_places.push(task.element.place());
            links.extend(
                task.element
                    .all("PredecessorLink")
                    .map(|l| (plan.tasks.len() - 1, l)),
            );
        }
        for (successor, link) in links {
            if let Some(link) = self.link(
                link,
                &task_index,
                &workstream_of,
                event_uid,
                &plan,
                &mut found.problems,
            ) {
                plan.tasks[successor].after.push(link);
            }
        }
        if plan.tasks.is_empty() {
            found.problems.push(
                Problem::error(ProblemCode::NoTasks, root.place(), "the file has no task")
                    .with_hint("export the project with its tasks"),
            );
        }
        plan.calendars = calendars
            .into_used(&mut found.problems)
            .into_iter()
            .map(|(name, calendar)| (Id::from(name), calendar))
            .collect();
        found.problems.append(&mut self.read.problems);
        found.problems.sort_by_key(|p| match p.place {
            Place::Text(span) => span.start,
            _ => 0,
        });
        Draft {
            plan,
            task_places: found.task_places,
            journal: found.journal,
            problems: found.problems,
        }
    }

    /// UID → the `forumplan id` text field, when the file defines it.
    fn forumplan_ids(&self) -> HashMap<i64, String> {
        if !defines(self.root, TEXT1_FIELD_ID, FORUMPLAN_ID_ALIAS) {
            return HashMap::new();
        }
        let mut ids = HashMap::new();
        for task in self
            .root
            .child("Tasks")
            .into_iter()
            .flat_map(|t| t.all("Task"))
        {
            let Some(uid) = task.text_of("UID").and_then(|u| u.parse().ok()) else {
                continue;
            };
            let value = custom_field(task, TEXT1_FIELD_ID);
            if let Some(id) = value.filter(|v| forumplan_core::plan::slug(v) == **v) {
                ids.insert(uid, id.to_owned());
            }
        }
        ids
    }

    fn id_for(&self, task: &FileTask<'_>, ids: &mut Ids) -> String {
        match self.kept_ids.get(&task.uid) {
            Some(id) => id.clone(),
            None => ids.make(&task.name, &format!("task-{}", task.uid)),
        }
    }

    /// A task element as read, or `None` for the project summary (UID 0)
    /// and blank rows.
    fn file_task(&mut self, element: &'x Element) -> Option<FileTask<'x>> {
        let uid = element
            .child("UID")
            .and_then(|e| self.read.number::<i64>(e))?;
        if uid == 0 || element.text_of("IsNull") == Some("1") {
            return None;
        }
        let level = element
            .child("OutlineLevel")
            .and_then(|e| self.read.number::<u32>(e))
            .unwrap_or(1);
        Some(FileTask {
            element,
            uid,
            level,
            summary: element.text_of("Summary") == Some("1"),
            name: element
                .text_of("Name")
                .map_or_else(|| format!("Task {uid}"), str::to_owned),
        })
    }

    /// The event day: `--date`, else the project's finish date.
    fn event_day(&mut self) -> Option<NaiveDate> {
        self.options.date.or_else(|| {
            let finish = self.root.child("FinishDate")?;
            self.read.date(finish)
        })
    }

    /// Task UID → the names of the resources assigned to it.
    fn owners(&self) -> HashMap<i64, String> {
        let names: HashMap<&str, &str> = self
            .root
            .child("Resources")
            .into_iter()
            .flat_map(|r| r.all("Resource"))
            .filter_map(|r| Some((r.text_of("UID")?, r.text_of("Name")?)))
            .collect();
        let mut owners: HashMap<i64, String> = HashMap::new();
        for assignment in self
            .root
            .child("Assignments")
            .into_iter()
            .flat_map(|a| a.all("Assignment"))
        {
            let task = assignment
                .text_of("TaskUID")
                .and_then(|t| t.parse::<i64>().ok());
            let name = assignment.text_of("ResourceUID").and_then(|r| names.get(r));
            if let (Some(task), Some(name)) = (task, name) {
                let owner = owners.entry(task).or_default();
                if !owner.is_empty() {
                    owner.push_str(", ");
                }
                owner.push_str(name);
            }
        }
        owners
    }

    #[allow(clippy::too_many_arguments, reason = "one task's inputs, read once")]
    fn task(
        &mut self,
        task: &FileTask<'_>,
        id: String,
        workstream: &str,
        outline: &[(u32, String)],
        owners: &HashMap<i64, String>,
        calendars: &calendars::Calendars,
        event: NaiveDate,
        problems: &mut Vec<Problem>,
    ) -> Task {
        let element = task.element;
        let duration = element
            .child("Duration")
            .and_then(|d| self.read.duration_days(d, self.minutes_per_day))
            .unwrap_or(0);
        let mut notes = Vec::new();
        if !outline.is_empty() {
            let path: Vec<&str> = outline.iter().map(|(_, n)| n.as_str()).collect();
            notes.push(path.join(" / "));
        }
        if let Some(text) = element.text_of("Notes") {
            notes.push(text.to_owned());
        }
        if element.text_of("Manual") == Some("1") {
            problems.push(Problem::warning(
                ProblemCode::NotCarriedOver,
                element.place(),
                format!("\"{}\" is scheduled manually in the file: its dates are not kept, forumplan schedules it from its links", task.name),
            ));
        }
        let mut imported = Task {
            id: id.into(),
            workstream: workstream.into(),
            name: task.name.clone(),
            duration: Days(duration),
            owner: owners
                .get(&task.uid)
                .cloned()
                .or_else(|| element.text_of("Contact").map(str::to_owned)),
            notes: (!notes.is_empty()).then(|| notes.join("\n")),
            ..Task::default()
        };
        let calendar = calendars.resolved(
            element
                .text_of("CalendarUID")
                .and_then(|t| t.parse::<i64>().ok())
                .filter(|&uid| uid >= 0),
        );
        self.constraint(task, &mut imported, &calendar, problems);
        if let Some(deadline) = element.child("Deadline").and_then(|d| self.read.date(d)) {
            imported.due = Some(DateSpec::Absolute(match imported.due {
                Some(DateSpec::Absolute(due)) => due.min(deadline),
                _ => deadline,
            }));
        }
        let _ = event;
        imported
    }

    /// The task's constraint, mapped as docs/interop.md says.
    fn constraint(
        &mut self,
        task: &FileTask<'_>,
        imported: &mut Task,
        calendar: &Calendar,
        problems: &mut Vec<Problem>,
    ) {
        let element = task.element;
        let kind = element
            .child("ConstraintType")
            .and_then(|e| self.read.number::<u8>(e))
            .unwrap_or(0);
        if kind <= 1 {
            return;
        }
        let Some(date) = element
            .child("ConstraintDate")
            .and_then(|e| self.read.date(e))
        else {
            problems.push(Problem::warning(
                ProblemCode::NotCarriedOver,
                element.place(),
                format!(
                    "\"{}\" has a constraint without a date: left out",
                    task.name
                ),
            ));
            return;
        };
        let duration = imported.duration.0;
        let nearest = |what: &str, to: &str| {
            Problem::warning(
                ProblemCode::Approximated,
                element.place(),
                format!(
                    "\"{}\": \"{what}\" has no equivalent; taken as {to}",
                    task.name
                ),
            )
        };
        match kind {
            2 => imported.fixed_start = Some(DateSpec::Absolute(date)),
            3 => {
                problems.push(nearest("must finish on", "`due` (finish no later than)"));
                imported.due = Some(DateSpec::Absolute(date));
            }
            4 => imported.not_before = Some(DateSpec::Absolute(date)),
            5 => {
                let due = values::add_working_days(calendar, date, duration.saturating_sub(1));
                imported.due = Some(DateSpec::Absolute(due));
            }
            6 => {
                problems.push(nearest(
                    "finish no earlier than",
                    "`not_before` its duration earlier",
                ));
                let start = values::sub_working_days(calendar, date, duration.saturating_sub(1));
                imported.not_before = Some(DateSpec::Absolute(start));
            }
            7 => imported.due = Some(DateSpec::Absolute(date)),
            _ => problems.push(Problem::warning(
                ProblemCode::NotCarriedOver,
                element.place(),
                format!(
                    "\"{}\" has an unknown constraint type {kind}: left out",
                    task.name
                ),
            )),
        }
    }

    /// One `PredecessorLink`, or `None` (with a warning) when it cannot be
    /// carried over.
    fn link(
        &mut self,
        element: &Element,
        tasks: &HashMap<i64, usize>,
        summaries: &HashMap<i64, usize>,
        event_uid: Option<i64>,
        plan: &Plan,
        problems: &mut Vec<Problem>,
    ) -> Option<Link> {
        let uid = element
            .child("PredecessorUID")
            .and_then(|e| self.read.number::<i64>(e))?;
        let predecessor = tasks.get(&uid).map(|&i| plan.tasks[i].id.clone());
        let predecessor = predecessor.or_else(|| (Some(uid) == event_uid).then(|| EVENT_ID.into()));
        let Some(predecessor) = predecessor else {
            let why = if summaries.contains_key(&uid) {
                "it is a summary task"
            } else {
                "the file has no such task"
            };
            problems.push(
                Problem::warning(
                    ProblemCode::NotCarriedOver,
                    element.place(),
                    format!("the link from task UID {uid} is left out: {why}"),
                )
                .with_hint("link the tasks inside the summary instead"),
            );
            return None;
        };
        let kind = match element
            .child("Type")
            .and_then(|e| self.read.number::<u8>(e))
            .unwrap_or(1)
        {
            0 => LinkType::FinishToFinish,
            2 => LinkType::StartToFinish,
            3 => LinkType::StartToStart,
            _ => LinkType::FinishToStart,
        };
        let tenths = element
            .child("LinkLag")
            .and_then(|e| self.read.number::<i64>(e))
            .unwrap_or(0);
        let format = element
            .text_of("LagFormat")
            .and_then(|f| f.parse::<u8>().ok());
        let place = element.place();
        let lag = if matches!(format, Some(19 | 20 | 51 | 52)) {
            problems.push(
                Problem::warning(
                    ProblemCode::NotCarriedOver,
                    place,
                    "a lag given as a percentage of the predecessor is left out (lag 0d)",
                )
                .with_hint("give the lag in days"),
            );
            0
        } else {
            let (days, whole) = whole_days(tenths, u64::from(self.minutes_per_day) * 10);
            if !whole {
                problems.push(Problem::warning(
                    ProblemCode::Approximated,
                    place.clone(),
                    format!(
                        "a lag of {} minutes is not a whole number of working days: rounded to {days}d",
                        tenths as f64 / 10.0
                    ),
                ));
            }
            if matches!(format, Some(4 | 6 | 8 | 10 | 12)) {
                problems.push(Problem::warning(
                    ProblemCode::Approximated,
                    place,
                    format!("an elapsed-time lag is taken as {days} working days"),
                ));
            }
            days
        };
        Some(Link {
            task: predecessor,
            kind,
            lag: Lag(i32::try_from(lag).unwrap_or(0)),
        })
    }

    /// `PercentComplete`, `ActualStart` and `ActualFinish` as journal
    /// entries; days after the import day are left out with a warning.
    fn progress(&mut self, task: &FileTask<'_>, id: &str, found: &mut Found) {
        let element = task.element;
        let percent = element
            .child("PercentComplete")
            .and_then(|e| self.read.number::<u8>(e))
            .unwrap_or(0)
            .min(100);
        let started = element.child("ActualStart").and_then(|e| self.read.date(e));
        let finished = element
            .child("ActualFinish")
            .and_then(|e| self.read.date(e));
        let today = self.options.today;
        let mut entries = Vec::new();
        if element.text_of("Active") == Some("0") {
            // An inactive task no longer counts: forumplan's cancelled.
            entries.push(JournalEntry::new(today, id, TaskState::Cancelled));
        } else if let Some(day) = started {
            entries.push(JournalEntry::new(day, id, TaskState::InProgress));
        }
        match finished {
            _ if element.text_of("Active") == Some("0") => {}
            Some(day) => entries.push(JournalEntry::new(day, id, TaskState::Done)),
            None if percent == 100 => entries.push(JournalEntry::new(today, id, TaskState::Done)),
            None if percent > 0 => entries
                .push(JournalEntry::new(today, id, TaskState::InProgress).with_progress(percent)),
            None => {}
        }
        if self.has_state_field && custom_field(element, TEXT2_FIELD_ID) == Some(BLOCKED) {
            entries.push(JournalEntry::new(today, id, TaskState::Blocked));
        }
        for entry in entries {
            if entry.date > today {
                found.problems.push(Problem::warning(
                    ProblemCode::NotCarriedOver,
                    element.place(),
                    format!(
                        "\"{}\": progress dated {} is after the import day {today}: left out of the journal",
                        task.name, entry.date
                    ),
                ));
            } else {
                found.journal.push(entry);
            }
        }
    }
}

/// Whether the project defines the custom task field `field` with `alias`.
fn defines(root: &Element, field: &str, alias: &str) -> bool {
    root.child("ExtendedAttributes")
        .into_iter()
        .flat_map(|e| e.all("ExtendedAttribute"))
        .any(|a| a.text_of("FieldID") == Some(field) && a.text_of("Alias") == Some(alias))
}

/// A task's value of the custom field `field`.
fn custom_field<'e>(task: &'e Element, field: &str) -> Option<&'e str> {
    task.all("ExtendedAttribute")
        .find(|a| a.text_of("FieldID") == Some(field))
        .and_then(|a| a.text_of("Value"))
}
