//! The content of the status report, computed once and rendered by every
//! format, so the text, Markdown, HTML, JSON and CSV forms always carry the
//! same numbers. Serialized as is, this is the report's JSON form; its
//! shape is documented in `docs/status-json.md`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use forumplan_core::journal::TaskState;
use forumplan_core::{Forum, TaskId};
use forumplan_scheduler::baseline::BaselineComparison;
use forumplan_scheduler::{Assessment, Changes, Conflict, ForumSummary, Rag, Readiness, Schedule};
use schemars::JsonSchema;

use super::lists::ListLimit;
use crate::i18n::{self, Lang, Msg};
use crate::risk::ReadyChance;
use serde::Serialize;

/// Everything the status report says.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusReport {
    /// The event.
    pub forum: ForumInfo,
    /// The day reported on.
    pub as_of: NaiveDate,
    /// The workstreams this report is cut down to (`status --workstream`);
    /// empty for the whole forum.
    pub scope: Vec<String>,
    /// Section 1: the headline.
    pub headline: Headline,
    /// Section 2: one row per workstream, in plan order.
    pub workstreams: Vec<WorkstreamRow>,
    /// Section 3: late and blocked tasks, worst float first.
    pub late_and_blocked: Vec<TaskRow>,
    /// What makes the forum red or amber today, worst first (the check's
    /// causes): late, blocked critical, at risk, other blocked. The HTML
    /// summary starts with them, so that no colour is shown without its
    /// tasks; the JSON form carries each task's readiness in `tasks`.
    #[serde(skip)]
    pub causes: Vec<TaskRow>,
    /// Section 4: every tied critical path, first task to last (the
    /// scheduler's chains, as the contract lists them); none in post-event mode.
    pub critical_paths: Vec<Vec<TaskRow>>,
    /// Section 4 as printed: the chains merged into one list in working
    /// order, each step marked with the chains it lies on.
    pub critical_path: Vec<CriticalStep>,
    /// Section 5: unfinished tasks whose late finish is within the lookahead window.
    pub due_soon: Vec<TaskRow>,
    /// Section 5: tasks not started whose late start is today or earlier
    /// (overdue by `as_of − late_start` calendar days).
    pub must_start_today: Vec<TaskRow>,
    /// Section 6: who waits on whom.
    pub handoffs: Vec<Handoff>,
    /// Section 7: what changed since the previous day.
    pub changes: ChangesSection,
    /// Section 8, with a baseline only: what moved most since it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slippage: Option<SlippageSection>,
    /// Constraints the schedule could not obey.
    pub conflicts: Vec<ConflictRow>,
    /// Every task, plan order (for the CSV form and the Gantt chart).
    pub tasks: Vec<TaskRow>,
}

/// The event's identity.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForumInfo {
    /// `forum.id`.
    pub id: String,
    /// `forum.name`.
    pub name: String,
    /// The event day.
    pub date: NaiveDate,
    /// Where.
    pub venue: Option<String>,
}

/// The one-glance summary.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// Calendar days to the event (negative after it).
    pub days_left: i64,
    /// From the event day on: the forum has taken place, and only
    /// post-event work is scheduled, late or due.
    pub post_event: bool,
    /// Working days of the forum's calendar from the as-of day to the event.
    pub working_days_left: i64,
    /// `T-5`, `T`, `T+2`.
    pub t_minus: String,
    /// The forum's colour: the worst workstream's.
    pub rag: Rag,
    /// Weighted completion, 0–100, one decimal.
    pub completion: f64,
    /// The latest early finish of pre-event work (none in post-event mode).
    pub forecast_ready: Option<NaiveDate>,
    /// Whether that is before the event day.
    pub on_time: bool,
    /// Tasks that count toward completion (cancelled tasks aside, and
    /// post-event work before the event day).
    pub tasks_total: usize,
    /// Of those, done.
    pub tasks_done: usize,
    /// Tasks late (pre-event work before the event day, post-event work from it).
    pub tasks_late: usize,
    /// Tasks at risk (likewise).
    pub tasks_at_risk: usize,
    /// Tasks blocked (likewise).
    pub tasks_blocked: usize,
    /// Post-event tasks not counted yet (before the event day; 0 from it on).
    pub tasks_post_event: usize,
    /// The chance of being ready before the event day, when the plan has
    /// estimates (before the event day only; see `docs/risk.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_chance: Option<ReadyChance>,
}

impl Headline {
    /// The counts line: "Đã xong: 94/127 · Chậm tiến độ: 1 · Nguy cơ
    /// chậm: 26 · Vướng mắc: 2".
    pub fn counts(&self, lang: Lang) -> String {
        format!(
            "{}: {}/{} · {}: {} · {}: {} · {}: {}",
            Msg::Done.text(lang),
            self.tasks_done,
            self.tasks_total,
            i18n::readiness(lang, Readiness::Late),
            self.tasks_late,
            i18n::readiness(lang, Readiness::AtRisk),
            self.tasks_at_risk,
            i18n::state(lang, TaskState::Blocked),
            self.tasks_blocked
        )
    }

    /// The headline of the forum's assessment; the morning check
    /// (`CheckReport`) copies its day counts, colour, completion and
    /// forecast from it, so that both say the same.
    pub fn new(summary: &ForumSummary) -> Headline {
        Headline {
            days_left: summary.days_left,
            post_event: summary.post_event,
            working_days_left: summary.working_days_left,
            t_minus: crate::i18n::t_minus(summary.days_left),
            rag: summary.rag,
            completion: one_decimal(summary.completion),
            forecast_ready: summary.forecast_ready,
            on_time: summary.on_time,
            tasks_total: summary.tasks_total,
            tasks_done: summary.tasks_done,
            tasks_late: summary.tasks_late,
            tasks_at_risk: summary.tasks_at_risk,
            tasks_blocked: summary.tasks_blocked,
            tasks_post_event: summary.post_event_apart,
            // A simulation, not the assessment's: the request adds it.
            ready_chance: None,
        }
    }
}

/// One workstream's line.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkstreamRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The lead unit.
    pub lead: Option<String>,
    /// The focal point.
    pub focal_point: Option<String>,
    /// Red, amber or green.
    pub rag: Rag,
    /// Weighted completion, 0–100, one decimal.
    pub completion: f64,
    /// Tasks done.
    pub done: usize,
    /// Tasks counted (cancelled aside).
    pub total: usize,
    /// Tasks late.
    pub late: usize,
    /// Tasks at risk.
    pub at_risk: usize,
    /// Tasks blocked.
    pub blocked: usize,
}

/// One task, with what every section may show of it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its workstream's id.
    pub workstream: String,
    /// Who does it (the task's owner, else the workstream's lead).
    pub owner: Option<String>,
    /// Working days (0: a milestone).
    pub duration: u32,
    /// Journal state.
    pub state: TaskState,
    /// Done, late, at risk, on track; `null` for a cancelled task, and
    /// from the event day on for preparation work left unfinished (history,
    /// not a forecast: no float, not critical).
    pub readiness: Option<Readiness>,
    /// Percentage done.
    pub progress: u8,
    /// Early start.
    pub early_start: NaiveDate,
    /// Early finish.
    pub early_finish: NaiveDate,
    /// Late start.
    pub late_start: NaiveDate,
    /// Late finish.
    pub late_finish: NaiveDate,
    /// Total float in working days (`None` when done or cancelled).
    pub total_float: Option<i64>,
    /// Free float in working days (`None` when done or cancelled).
    pub free_float: Option<i64>,
    /// Total float ≤ 0 (never when done or cancelled).
    pub critical: bool,
    /// First day worked.
    pub actual_start: Option<NaiveDate>,
    /// Day finished.
    pub actual_finish: Option<NaiveDate>,
    /// With a baseline that has the task: its baseline finish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_finish: Option<NaiveDate>,
    /// With a baseline that has the task: working days (its calendar) from
    /// the baseline finish to the early finish; positive is later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_variance: Option<i64>,
}

impl TaskRow {
    /// Who, what state, until when, how much float: the facts printed
    /// under a task's name ("Vụ Hành chính · Đang thực hiện · hạn chót
    /// 15/09/2022 · dự báo trễ 1 ngày làm việc").
    pub fn details(&self, lang: Lang, as_of: NaiveDate) -> Vec<String> {
        let mut details = Vec::new();
        if let Some(owner) = &self.owner {
            details.push(owner.clone());
        }
        details.push(i18n::state(lang, self.state).to_owned());
        // Finished work passed no deadline, whatever the day.
        let as_of = if self.is_unfinished() {
            as_of
        } else {
            self.late_finish
        };
        details.push(i18n::deadline(lang, self.late_finish, as_of));
        if let Some(float) = self.total_float {
            details.push(i18n::float_phrase(lang, float));
        }
        details
    }

    /// Neither done nor cancelled.
    fn is_unfinished(&self) -> bool {
        is_unfinished(self.state)
    }

    /// Unfinished after its deadline (late finish) has passed.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        is_overdue(self.readiness, self.state, self.late_finish, as_of)
    }

    /// The word on the task's badge: its readiness, or "Trễ hạn"
    /// (overdue) once its deadline has passed unfinished.
    pub fn flag(&self, lang: Lang, as_of: NaiveDate) -> &'static str {
        i18n::flag(lang, self.readiness, self.state, self.is_overdue(as_of))
    }

    /// The readiness as a spreadsheet's cell shows it: its word, empty
    /// for a cancelled task (its state says it).
    pub fn readiness_cell(&self, lang: Lang) -> &'static str {
        match (self.readiness, self.state) {
            (None, TaskState::Cancelled) => "",
            (readiness, state) => i18n::task_readiness(lang, readiness, state),
        }
    }

    /// "Bắt đầu 13/09/2022 → Hoàn thành 15/09/2022" (the forecast dates).
    pub fn dates(&self, lang: Lang) -> String {
        i18n::dates(lang, self.early_start, self.early_finish)
    }
}

fn is_unfinished(state: TaskState) -> bool {
    !matches!(state, TaskState::Done | TaskState::Cancelled)
}

/// Whether a task in `state` whose deadline is `late_finish` is overdue
/// on `as_of`: unfinished after its deadline has passed. Negative float
/// alone is not overdue; it is behind schedule.
/// Without readiness there is no deadline left to miss: a cancelled task,
/// or preparation left unfinished when the event took place (history).
pub(crate) fn is_overdue(
    readiness: Option<Readiness>,
    state: TaskState,
    late_finish: NaiveDate,
    as_of: NaiveDate,
) -> bool {
    readiness.is_some() && is_unfinished(state) && late_finish < as_of
}

/// One step of the merged critical path.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriticalStep {
    /// The task (its early start and finish are the step's dates).
    pub task: TaskRow,
    /// The chains of `critical_paths` (numbered from 1) this step lies on;
    /// empty when it lies on every one (the trunk).
    pub branches: Vec<usize>,
}

/// One workstream waiting on another.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    /// The workstream that delivers.
    pub from: String,
    /// The workstream that waits.
    pub to: String,
    /// Links between them, in all.
    pub links: usize,
    /// The worst readiness among the unfinished deliveries.
    pub flag: Readiness,
    /// Unfinished tasks of `from` that tasks of `to` wait for, worst first.
    pub pending: Vec<PendingHandoff>,
}

/// One unfinished delivery across workstreams.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PendingHandoff {
    /// The delivering task.
    pub task: TaskRow,
    /// The ids of the waiting tasks in the other workstream.
    pub waiting: Vec<String>,
}

/// What changed since the previous day.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangesSection {
    /// The earlier day.
    pub since: NaiveDate,
    /// Tasks done since.
    pub newly_done: Vec<TaskRow>,
    /// Tasks late since.
    pub newly_late: Vec<TaskRow>,
    /// Tasks at risk since.
    pub newly_at_risk: Vec<TaskRow>,
    /// Tasks blocked since.
    pub newly_blocked: Vec<TaskRow>,
    /// Tasks no longer blocked.
    pub unblocked: Vec<TaskRow>,
    /// The forecast ready day then.
    pub forecast_before: Option<NaiveDate>,
    /// The forecast ready day now.
    pub forecast_after: Option<NaiveDate>,
}

impl ChangesSection {
    /// The five lists of changed tasks with their headings, in report order.
    pub fn lists(&self) -> [(Msg, &[TaskRow]); 5] {
        [
            (Msg::NewlyDone, &self.newly_done),
            (Msg::NewlyLate, &self.newly_late),
            (Msg::NewlyAtRisk, &self.newly_at_risk),
            (Msg::NewlyBlocked, &self.newly_blocked),
            (Msg::Unblocked, &self.unblocked),
        ]
    }

    /// The non-empty lists as the text and Markdown forms show them: the
    /// heading, how many changed, the first ones within `limit` and how
    /// many of the rest are hidden.
    pub fn shown_lists(
        &self,
        limit: ListLimit,
    ) -> impl Iterator<Item = (Msg, usize, &[TaskRow], usize)> {
        self.lists()
            .into_iter()
            .filter(|(_, tasks)| !tasks.is_empty())
            .map(move |(label, tasks)| {
                let (shown, rest) = limit.cut(tasks);
                (label, tasks.len(), shown, rest)
            })
    }

    /// The forecast ready day then and now, as the language writes them
    /// ("—" for none), when it changed.
    pub fn forecast_change(&self, lang: Lang) -> Option<(String, String)> {
        let show = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_owned(), |d| i18n::date(lang, d));
        (self.forecast_before != self.forecast_after)
            .then(|| (show(self.forecast_before), show(self.forecast_after)))
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.newly_done.is_empty()
            && self.newly_late.is_empty()
            && self.newly_at_risk.is_empty()
            && self.newly_blocked.is_empty()
            && self.unblocked.is_empty()
            && self.forecast_before == self.forecast_after
    }
}

/// What moved most since the baseline (section 8).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlippageSection {
    /// The baseline's name.
    pub baseline: String,
    /// The day it was taken as of.
    pub baseline_as_of: NaiveDate,
    /// Its forecast ready day.
    pub baseline_ready: Option<NaiveDate>,
    /// Working days (forum calendar) from its forecast ready day to
    /// today's; positive is later.
    pub ready_variance: Option<i64>,
    /// The workstreams whose last finish moved later, most first.
    pub workstreams: Vec<WorkstreamSlipRow>,
    /// The tasks that finish later than in the baseline, most first (each
    /// row carries `baseline_finish` and `finish_variance`).
    pub tasks: Vec<TaskRow>,
}

impl SlippageSection {
    /// The baseline, its day and how far the forecast ready day moved.
    pub fn headline(&self, lang: Lang) -> String {
        crate::i18n::slippage::baseline_line(
            lang,
            &self.baseline,
            self.baseline_as_of,
            self.baseline_ready,
            self.ready_variance,
        )
    }

    /// How far a slipped task's finish moved, as the language says it
    /// (`None` for a row without baseline dates).
    pub fn task_moved(lang: Lang, task: &TaskRow) -> Option<String> {
        let (from, days) = task.baseline_finish.zip(task.finish_variance)?;
        Some(crate::i18n::slippage::moved_between(
            lang,
            days,
            from,
            task.early_finish,
        ))
    }

    /// Whether nothing moved later.
    pub fn is_empty(&self) -> bool {
        self.workstreams.is_empty() && self.tasks.is_empty()
    }
}

/// A workstream whose last finish moved since the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkstreamSlipRow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How many of its tasks finish later than in the baseline.
    pub tasks_later: usize,
    /// The largest finish variance among them, in working days.
    pub worst_variance: i64,
    /// The latest baseline finish of its tasks.
    pub baseline_finish: NaiveDate,
    /// The latest early finish of the same tasks now.
    pub finish: NaiveDate,
    /// Working days (forum calendar) between them; positive is later.
    pub variance: i64,
}

impl WorkstreamSlipRow {
    /// How far it moved, as the language says it: its tasks later and by
    /// how much at most, and its last finish.
    pub fn moved(&self, lang: Lang) -> String {
        crate::i18n::slippage::workstream_moved(
            lang,
            self.tasks_later,
            self.worst_variance,
            &crate::i18n::slippage::moved_between(
                lang,
                self.variance,
                self.baseline_finish,
                self.finish,
            ),
        )
    }
}

/// A constraint the schedule could not obey.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConflictRow {
    /// `fixed_start_pushed` or `fixed_start_passed`.
    pub kind: &'static str,
    /// The task.
    pub task: String,
    /// Its fixed start.
    pub fixed_start: NaiveDate,
    /// The earliest start its predecessors allow, when pushed.
    pub earliest_allowed: Option<NaiveDate>,
}

impl ConflictRow {
    /// The row of a conflict of `forum`'s schedule.
    pub fn new(forum: &Forum, conflict: &Conflict) -> ConflictRow {
        match *conflict {
            Conflict::FixedStartPushed {
                task,
                fixed_start,
                earliest_allowed,
            } => ConflictRow {
                kind: "fixed_start_pushed",
                task: forum.task(task).id.to_string(),
                fixed_start,
                earliest_allowed: Some(earliest_allowed),
            },
            Conflict::FixedStartPassed { task, fixed_start } => ConflictRow {
                kind: "fixed_start_passed",
                task: forum.task(task).id.to_string(),
                fixed_start,
                earliest_allowed: None,
            },
        }
    }

    /// What went wrong, in words, and the day or days concerned
    /// ("17/09/2022 → 19/09/2022" when the fixed start was pushed).
    pub fn describe(&self, lang: Lang) -> (&'static str, String) {
        match self.earliest_allowed {
            Some(day) => (
                Msg::FixedStartPushed.text(lang),
                format!(
                    "{} → {}",
                    i18n::date(lang, self.fixed_start),
                    i18n::date(lang, day)
                ),
            ),
            None => (
                Msg::FixedStartPassed.text(lang),
                i18n::date(lang, self.fixed_start),
            ),
        }
    }
}

/// The inputs of a status report.
#[derive(Debug, Clone, Copy)]
pub struct StatusInput<'a> {
    /// The forum.
    pub forum: &'a Forum,
    /// Its schedule as of the day.
    pub schedule: &'a Schedule,
    /// Readiness as of the day.
    pub assessment: &'a Assessment,
    /// Changes since the previous day.
    pub changes: &'a Changes,
    /// The schedule against a baseline, when there is one (section 8).
    pub baseline: Option<&'a BaselineComparison>,
}

impl StatusReport {
    /// The handoffs with work still waiting on them, in report order (what
    /// section 6 of the text, Markdown and HTML forms lists).
    pub fn waiting_handoffs(&self) -> Vec<&Handoff> {
        self.handoffs
            .iter()
            .filter(|h| !h.pending.is_empty())
            .collect()
    }

    /// The name of the workstream `id`, or `id` itself when the report
    /// has no such workstream (a handoff always names known ones).
    pub fn workstream_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.workstreams
            .iter()
            .find(|w| w.id == id)
            .map_or(id, |w| w.name.as_str())
    }

    /// Task names by id, built once for lists that name many tasks by id
    /// (the tasks waiting on a handoff).
    pub fn task_names(&self) -> HashMap<&str, &str> {
        self.tasks
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str()))
            .collect()
    }

    /// Calendar days a task of `must_start_today` is overdue (0: today is
    /// its late start).
    pub fn overdue_days(&self, task: &TaskRow) -> i64 {
        (self.as_of - task.late_start).num_days().max(0)
    }

    /// The forecast ready day with its verdict, as the language writes it;
    /// `None` in post-event mode (it speaks of pre-event work).
    pub fn forecast(&self, lang: Lang) -> Option<String> {
        let h = &self.headline;
        if h.post_event {
            return None;
        }
        Some(match h.forecast_ready {
            Some(day) => {
                let verdict = if h.on_time {
                    Msg::OnTime
                } else {
                    Msg::NotOnTime
                };
                format!("{} ({})", i18n::date(lang, day), verdict.text(lang))
            }
            None => Msg::NothingLeft.text(lang).to_owned(),
        })
    }

    /// Why the critical path is empty: the event has passed, or the latest
    /// work has float.
    pub fn no_critical_path(&self) -> Msg {
        if self.headline.post_event {
            Msg::NoCriticalPathAfterEvent
        } else {
            Msg::NoCriticalPath
        }
    }

    /// Builds the report's content.
    pub fn new(input: StatusInput<'_>) -> StatusReport {
        let StatusInput {
            forum,
            schedule,
            assessment,
            changes,
            baseline,
        } = input;
        let row = |t: TaskId| task_row(input, t);
        let rows = |ids: &[TaskId]| ids.iter().map(|&t| row(t)).collect::<Vec<_>>();
        let info = &forum.plan().forum;
        let summary = &assessment.forum;
        let mut late_and_blocked: Vec<TaskId> = assessment.late.clone();
        late_and_blocked.extend(
            assessment
                .blocked
                .iter()
                .filter(|t| !assessment.late.contains(t)),
        );
        late_and_blocked.sort_by_key(|&t| (schedule.tasks[t].total_float.unwrap_or(i64::MAX), t));
        // The critical path leads to the event: once it has taken place,
        // there is none to show.
        let critical_paths: &[Vec<TaskId>] = if summary.post_event {
            &[]
        } else {
            &schedule.critical_paths
        };
        StatusReport {
            forum: ForumInfo {
                id: info.id.to_string(),
                name: info.name.clone(),
                date: info.date,
                venue: info.venue.clone(),
            },
            as_of: schedule.as_of,
            scope: Vec::new(),
            headline: Headline::new(summary),
            workstreams: assessment
                .workstreams
                .iter()
                .map(|w| {
                    let ws = &forum.workstreams()[w.workstream];
                    WorkstreamRow {
                        id: ws.id.to_string(),
                        name: ws.name.clone(),
                        lead: ws.lead.clone(),
                        focal_point: ws.focal_point.clone(),
                        rag: w.rag,
                        completion: one_decimal(w.completion),
                        done: w.done,
                        total: w.total,
                        late: w.late,
                        at_risk: w.at_risk,
                        blocked: w.blocked,
                    }
                })
                .collect(),
            late_and_blocked: rows(&late_and_blocked),
            causes: rows(&assessment.causes),
            critical_paths: critical_paths.iter().map(|p| rows(p)).collect(),
            critical_path: merge_chains(critical_paths)
                .into_iter()
                .map(|(task, branches)| CriticalStep {
                    task: row(task),
                    branches,
                })
                .collect(),
            due_soon: rows(&assessment.due_soon),
            must_start_today: rows(&assessment.must_start_today),
            handoffs: handoffs(input),
            changes: ChangesSection {
                since: changes.since,
                newly_done: rows(&changes.newly_done),
                newly_late: rows(&changes.newly_late),
                newly_at_risk: rows(&changes.newly_at_risk),
                newly_blocked: rows(&changes.newly_blocked),
                unblocked: rows(&changes.unblocked),
                forecast_before: changes.forecast_before,
                forecast_after: changes.forecast_after,
            },
            slippage: baseline.map(|b| SlippageSection {
                baseline: b.name.clone(),
                baseline_as_of: b.as_of,
                baseline_ready: b.baseline_ready,
                ready_variance: b.ready_variance,
                workstreams: b
                    .slipped_workstreams()
                    .into_iter()
                    .map(|w| {
                        let ws = &forum.workstreams()[w.workstream];
                        WorkstreamSlipRow {
                            id: ws.id.to_string(),
                            name: ws.name.clone(),
                            tasks_later: w.tasks_later,
                            worst_variance: w.worst,
                            baseline_finish: w.baseline_finish,
                            finish: w.finish,
                            variance: w.variance,
                        }
                    })
                    .collect(),
                tasks: rows(&b.slipped_tasks(schedule)),
            }),
            // After the event, a pre-event fixed start that could not be
            // kept is history: only post-event work's conflicts are listed.
            conflicts: schedule
                .conflicts
                .iter()
                .filter(|c| !summary.post_event || forum.tasks()[c.task()].post_event)
                .map(|c| ConflictRow::new(forum, c))
                .collect(),
            tasks: (0..schedule.tasks.len()).map(row).collect(),
        }
    }
}

/// The tied critical chains merged into one list in working order, each
/// task with the chains (from 1) it lies on, or none when it lies on all of
/// them. The order is topological over the chains' links; among the tasks
/// ready to be listed, the one from the earliest chain (then the earliest
/// place in it) goes first, so each branch reads as a run of lines rather
/// than being interleaved with the others by date.
fn merge_chains(paths: &[Vec<TaskId>]) -> Vec<(TaskId, Vec<usize>)> {
    let mut on: BTreeMap<TaskId, Vec<usize>> = BTreeMap::new();
    // Where each task first appears: (chain, position).
    let mut first: BTreeMap<TaskId, (usize, usize)> = BTreeMap::new();
    let mut next: BTreeMap<TaskId, Vec<TaskId>> = BTreeMap::new();
    let mut waiting: BTreeMap<TaskId, usize> = BTreeMap::new();
    for (n, path) in paths.iter().enumerate() {
        for (i, &task) in path.iter().enumerate() {
            first.entry(task).or_insert((n, i));
            let chains = on.entry(task).or_default();
            if chains.last() != Some(&(n + 1)) {
                chains.push(n + 1);
            }
            waiting.entry(task).or_default();
            if let Some(&after) = path.get(i + 1) {
                let succs = next.entry(task).or_default();
                if !succs.contains(&after) {
                    succs.push(after);
                    *waiting.entry(after).or_default() += 1;
                }
            }
        }
    }
    let key = |t: TaskId| (first[&t], t);
    let mut ready: std::collections::BTreeSet<_> = waiting
        .iter()
        .filter(|&(_, &n)| n == 0)
        .map(|(&t, _)| key(t))
        .collect();
    let mut merged = Vec::with_capacity(on.len());
    while let Some(next_up) = ready.pop_first() {
        let task = next_up.1;
        for &succ in next.get(&task).map_or(&[][..], Vec::as_slice) {
            let left = waiting.entry(succ).or_default();
            *left -= 1;
            if *left == 0 {
                ready.insert(key(succ));
            }
        }
        let mut chains = on.remove(&task).unwrap_or_default();
        if chains.len() == paths.len() {
            chains.clear();
        }
        merged.push((task, chains));
    }
    merged
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn task_row(input: StatusInput<'_>, task: TaskId) -> TaskRow {
    let plan_task = input.forum.task(task);
    let s = &input.schedule.tasks[task];
    let lead = input
        .forum
        .workstreams()
        .get(input.forum.tasks()[task].workstream)
        .and_then(|w| w.lead.clone());
    // A task without readiness (cancelled, or preparation left unfinished
    // at the event) has no float and is not critical: nothing is forecast.
    let readiness = input.assessment.shown_readiness(input.forum, task);
    let forecast = readiness.is_some();
    let baseline = input.baseline.and_then(|b| b.tasks[task]);
    TaskRow {
        id: plan_task.id.to_string(),
        name: plan_task.name.clone(),
        workstream: plan_task.workstream.to_string(),
        owner: plan_task.owner.clone().or(lead),
        duration: plan_task.duration.0,
        state: s.state,
        readiness,
        progress: s.progress,
        early_start: s.early_start,
        early_finish: s.early_finish,
        late_start: s.late_start,
        late_finish: s.late_finish,
        total_float: s.total_float.filter(|_| forecast),
        free_float: s.free_float.filter(|_| forecast),
        critical: s.critical && forecast,
        actual_start: s.actual_start,
        actual_finish: s.actual_finish,
        baseline_finish: baseline.map(|b| b.finish),
        finish_variance: baseline.map(|b| b.finish_variance),
    }
}

/// The links from one workstream to another.
#[derive(Default)]
struct PairLinks {
    /// How many.
    links: usize,
    /// Unfinished delivering task → the unfinished tasks waiting for it.
    pending: BTreeMap<TaskId, Vec<TaskId>>,
}

/// For each ordered pair of workstreams linked by tasks: how many links,
/// and which deliveries are still unfinished, flagged by the worst.
fn handoffs(input: StatusInput<'_>) -> Vec<Handoff> {
    let forum = input.forum;
    let tasks = forum.tasks();
    let mut pairs: BTreeMap<(usize, usize), PairLinks> = BTreeMap::new();
    for (from, to, _) in forum.graph().links() {
        let (a, b) = (tasks[from].workstream, tasks[to].workstream);
        if a == b {
            continue;
        }
        let entry = pairs.entry((a, b)).or_default();
        entry.links += 1;
        // Work still ahead: unfinished and forecast (not cancelled, and not
        // preparation left unfinished when the event took place: history).
        let ahead = |t: usize| {
            input.schedule.tasks[t].state != TaskState::Done
                && input.assessment.shown_readiness(input.forum, t).is_some()
        };
        if ahead(from) && ahead(to) {
            entry.pending.entry(from).or_default().push(to);
        }
    }
    let severity = |r: Option<Readiness>| match r {
        Some(Readiness::Late) => 0,
        Some(Readiness::AtRisk) => 1,
        Some(Readiness::OnTrack) => 2,
        Some(Readiness::Done) | None => 3,
    };
    pairs
        .into_iter()
        .map(|((a, b), PairLinks { links, pending })| {
            let mut pending: Vec<PendingHandoff> = pending
                .into_iter()
                .map(|(task, mut waiting)| {
                    waiting.sort_unstable();
                    waiting.dedup();
                    PendingHandoff {
                        task: task_row(input, task),
                        waiting: waiting
                            .iter()
                            .map(|&t| forum.task(t).id.to_string())
                            .collect(),
                    }
                })
                .collect();
            pending.sort_by_key(|p| {
                (
                    severity(p.task.readiness),
                    p.task.total_float.unwrap_or(i64::MAX),
                    p.task.id.clone(),
                )
            });
            let flag = pending
                .first()
                .and_then(|p| p.task.readiness)
                .unwrap_or(Readiness::Done);
            Handoff {
                from: forum.workstreams()[a].id.to_string(),
                to: forum.workstreams()[b].id.to_string(),
                links,
                flag,
                pending,
            }
        })
        .collect()
}

/// The JSON Schema of the status report's JSON form (`docs/status-report.schema.json`).
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(StatusReport);
    schema.insert("title".into(), "forumplan status report".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
