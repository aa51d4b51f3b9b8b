//! The HTML form: one self-contained page (inline CSS and SVG, nothing
//! fetched from the network) that reads on a phone and prints on A4.
//!
//! The page is a MiniJinja template, `templates/status.html`, compiled into
//! the binary and rendered with HTML autoescaping; the charts are SVG built
//! here (`gantt`, `charts`) and handed to the template as safe markup.

mod charts;
mod gantt;
pub(crate) mod risk_page;

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use chrono::NaiveDate;
use forumplan_core::journal::TaskState;
use forumplan_scheduler::{Rag, Readiness};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value, context, escape_formatter};

use crate::i18n::slippage::SlipMsg;
use crate::i18n::{self, Lang, Msg};
use crate::status::{
    ConflictRow, ListLimit, Section, SlippageSection, StatusReport, TaskRow, join_some,
};

/// The page template. Its `.html` name turns on HTML autoescaping.
const TEMPLATE: &str = include_str!("../templates/status.html");
/// The style sheet every page includes.
const STYLE: &str = include_str!("../templates/style.css");
/// Every page's `<head>`, titled by `page_title`.
const HEAD: &str = include_str!("../templates/head.html");

/// How many tasks the summary on the first page names under "needs action
/// this week": it must fit the page; the sections below list the rest.
const SUMMARY_ACTIONS: usize = 8;

/// Renders `report` as one HTML page in `lang`, each list cut at `limit`.
pub(crate) fn render(
    report: &StatusReport,
    lang: Lang,
    limit: ListLimit,
    out: &mut dyn Write,
) -> io::Result<()> {
    let env = environment()?;
    let page = env
        .get_template("status.html")
        .and_then(|t| t.render(page_context(report, lang, limit)))
        .map_err(template_error)?;
    out.write_all(page.as_bytes())
}

/// The templates' environment: every page and the style sheet they share,
/// with HTML autoescaping and strict undefined values.
fn environment() -> io::Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // MiniJinja's HTML escaping also writes `/` as `&#x2f;`; ours leaves it,
    // so that dates read 18/09/2022 in the file too (for search and tools).
    env.set_formatter(|out, state, value| {
        if matches!(state.auto_escape(), AutoEscape::Html)
            && !value.is_safe()
            && !value.is_undefined()
            && !value.is_none()
        {
            Ok(out.write_str(&escape(&value.to_string()))?)
        } else {
            escape_formatter(out, state, value)
        }
    });
    for (name, source) in [
        ("style.css", STYLE),
        ("head.html", HEAD),
        ("status.html", TEMPLATE),
        ("risk.html", risk_page::TEMPLATE),
    ] {
        env.add_template(name, source).map_err(template_error)?;
    }
    Ok(env)
}

fn template_error(error: minijinja::Error) -> io::Error {
    io::Error::other(format!("the HTML template failed: {error:#}"))
}

pub(crate) use crate::escape::html as escape;

/// The CSS class of a colour.
fn rag_class(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "red",
        Rag::Amber => "amber",
        Rag::Green => "green",
    }
}

/// The CSS class of a readiness.
fn readiness_class(readiness: Readiness) -> &'static str {
    match readiness {
        Readiness::Late => "late",
        Readiness::AtRisk => "at-risk",
        Readiness::OnTrack => "on-track",
        Readiness::Done => "done",
    }
}

/// The CSS class of a task's readiness: a cancelled task has none, nor
/// has preparation left unfinished when the event took place (history).
fn task_readiness_class(readiness: Option<Readiness>, state: TaskState) -> &'static str {
    match readiness {
        Some(readiness) => readiness_class(readiness),
        None if state == TaskState::Cancelled => "cancelled",
        None => "history",
    }
}

/// Every label the template uses, by a snake_case key.
fn labels(lang: Lang) -> Value {
    let pairs = [
        ("report_title", Msg::ReportTitle),
        ("event_day", Msg::EventDay),
        ("venue", Msg::Venue),
        ("as_of", Msg::AsOf),
        ("countdown", Msg::Countdown),
        ("overall", Msg::Overall),
        ("completion", Msg::Completion),
        ("forecast_ready", Msg::ForecastReady),
        ("workstreams", Msg::Workstreams),
        ("workstream", Msg::Workstream),
        ("lead", Msg::Lead),
        ("colour", Msg::Colour),
        ("done", Msg::Done),
        ("tasks", Msg::Tasks),
        ("late", Msg::Late),
        ("at_risk", Msg::AtRisk),
        ("blocked", Msg::Blocked),
        ("late_and_blocked", Msg::LateAndBlocked),
        ("none_late_or_blocked", Msg::NoneLateOrBlocked),
        ("task", Msg::Task),
        ("owner", Msg::Owner),
        ("state", Msg::State),
        ("float", Msg::Float),
        ("late_finish", Msg::LateFinish),
        ("late_start", Msg::LateStart),
        ("start", Msg::Start),
        ("finish", Msg::Finish),
        ("branch", Msg::BranchColumn),
        ("post_event_apart", Msg::PostEventApart),
        ("critical_path", Msg::CriticalPath),
        ("due_soon", Msg::DueSoon),
        ("nothing_due_soon", Msg::NothingDueSoon),
        ("must_start_today", Msg::MustStartToday),
        ("nothing_must_start", Msg::NothingMustStart),
        ("handoffs", Msg::Handoffs),
        ("no_handoffs", Msg::NoHandoffs),
        ("waits_on", Msg::WaitsOn),
        ("pending", Msg::Pending),
        ("changes_since", Msg::ChangesSince),
        ("forecast_change", Msg::ForecastChange),
        ("no_changes", Msg::NoChanges),
        ("conflicts", Msg::Conflicts),
        ("gantt", Msg::Gantt),
        ("completion_by_workstream", Msg::CompletionByWorkstream),
        ("legend", Msg::Legend),
        ("swipe", Msg::SwipeForMore),
        ("summary", Msg::Summary),
        ("needs_action", Msg::NeedsAction),
        ("nothing_needs_action", Msg::NothingNeedsAction),
        ("see_below", Msg::SeeBelow),
        ("page", Msg::Page),
        ("shown_workstreams", Msg::ShownWorkstreams),
    ];
    pairs
        .into_iter()
        .map(|(key, msg)| (key, Value::from(msg.text(lang))))
        .collect::<BTreeMap<_, _>>()
        .into()
}

fn page_context(report: &StatusReport, lang: Lang, limit: ListLimit) -> Value {
    let date = |day: NaiveDate| i18n::date(lang, day);
    let h = &report.headline;
    let (forecast, forecast_note, forecast_class) = match h.forecast_ready {
        Some(day) if h.on_time => (date(day), Msg::OnTime.text(lang), "ok"),
        Some(day) => (date(day), Msg::NotOnTime.text(lang), "bad"),
        None => ("—".to_owned(), Msg::NothingLeft.text(lang), "ok"),
    };
    let headline = context! {
        countdown => i18n::countdown(lang, report.forum.date, h.days_left, h.working_days_left),
        post_event => h.post_event,
        post_event_apart => h.tasks_post_event,
        t_minus => &h.t_minus,
        rag => i18n::rag(lang, h.rag),
        rag_class => rag_class(h.rag),
        completion => i18n::percent(h.completion),
        completion_width => h.completion.clamp(0.0, 100.0),
        forecast,
        forecast_note,
        forecast_class,
        chance => h.ready_chance.map(|c| c.line(lang)),
        done => h.tasks_done,
        total => h.tasks_total,
        late => h.tasks_late,
        at_risk => h.tasks_at_risk,
        blocked => h.tasks_blocked,
    };
    let workstream_name = |id| report.workstream_name(id);
    // Names by id, built once: the handoffs name every waiting task.
    let names = report.task_names();
    let task_name = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
    let workstreams: Vec<Value> = report
        .workstreams
        .iter()
        .map(|w| {
            context! {
                name => &w.name,
                lead => w.lead.as_deref().unwrap_or(""),
                focal_point => w.focal_point.as_deref().unwrap_or(""),
                rag => i18n::rag(lang, w.rag),
                rag_class => rag_class(w.rag),
                completion => i18n::percent(w.completion),
                completion_width => w.completion.clamp(0.0, 100.0),
                done => w.done,
                total => w.total,
                late => w.late,
                at_risk => w.at_risk,
                blocked => w.blocked,
            }
        })
        .collect();
    // A list of tasks as the page shows it.
    let list =
        |rows: &[TaskRow]| cut_list(lang, limit, rows, |t| task_value(lang, report.as_of, t));
    // Worst first: late, then at risk, then on track.
    let mut waiting = report.waiting_handoffs();
    waiting.sort_by_key(|handoff| match handoff.flag {
        Readiness::Late => 0,
        Readiness::AtRisk => 1,
        Readiness::OnTrack => 2,
        Readiness::Done => 3,
    });
    let handoffs: Vec<Value> = waiting
        .into_iter()
        .map(|handoff| {
            let (shown, rest) = limit.cut(&handoff.pending);
            let pending: Vec<Value> = shown
                .iter()
                .map(|p| {
                    let waiting = join_some(lang, p.waiting.iter().map(|id| task_name(id)), "; ");
                    context! { task => task_value(lang, report.as_of, &p.task), waiting }
                })
                .collect();
            context! {
                from => workstream_name(&handoff.from),
                to => workstream_name(&handoff.to),
                count => handoff.pending.len(),
                flag => i18n::readiness(lang, handoff.flag),
                flag_class => readiness_class(handoff.flag),
                pending,
                more => (rest > 0).then(|| i18n::more_hidden(lang, rest)),
            }
        })
        .collect();
    let scope = if report.scope.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = report.workstreams.iter().map(|w| w.name.as_str()).collect();
        names.join(", ")
    };
    let c = &report.changes;
    let groups: Vec<Value> = [
        (Msg::NewlyDone, &c.newly_done, "done"),
        (Msg::NewlyLate, &c.newly_late, "late"),
        (Msg::NewlyAtRisk, &c.newly_at_risk, "at-risk"),
        (Msg::NewlyBlocked, &c.newly_blocked, "late"),
        (Msg::Unblocked, &c.unblocked, "on-track"),
    ]
    .into_iter()
    .filter(|(_, rows, _)| !rows.is_empty())
    .map(|(label, rows, class)| context! { label => label.text(lang), class, list => list(rows) })
    .collect();
    let forecast_change = c
        .forecast_change(lang)
        .map(|(before, after)| context! { before, after });
    let changes = context! {
        since => date(c.since),
        empty => c.is_empty(),
        groups,
        forecast_change,
    };
    let conflicts: Vec<Value> = report
        .conflicts
        .iter()
        .map(|conflict| conflict_value(lang, conflict, &task_name))
        .collect();
    let mut page: BTreeMap<&str, Value> =
        BTreeMap::from([("lang", Value::from(lang.code())), ("l", labels(lang))]);
    let safe = Value::from_safe_string;
    for part in Section::ALL {
        let values: Vec<(&str, Value)> = match part {
            Section::Headline => vec![
                ("forum_name", Value::from(report.forum.name.as_str())),
                ("event_day", Value::from(date(report.forum.date))),
                (
                    "venue",
                    Value::from(report.forum.venue.as_deref().unwrap_or("")),
                ),
                ("as_of", Value::from(date(report.as_of))),
                ("headline", headline.clone()),
                ("scope", Value::from(scope.clone())),
                // The summary's "needs action this week" draws on the lists below.
                ("actions", actions(report, lang)),
            ],
            Section::Workstreams => vec![
                ("workstreams", Value::from(workstreams.clone())),
                ("completion_svg", safe(charts::completion(report, lang))),
            ],
            Section::LateAndBlocked => vec![("late_and_blocked", list(&report.late_and_blocked))],
            Section::CriticalPath => vec![
                (
                    "critical_path",
                    cut_list(lang, limit, &report.critical_path, |step| {
                        context! {
                            task => task_value(lang, report.as_of, &step.task),
                            branch => if step.branches.is_empty() {
                                String::new()
                            } else {
                                i18n::branches(lang, &step.branches)
                            },
                        }
                    }),
                ),
                (
                    "no_critical_path",
                    Value::from(report.no_critical_path().text(lang)),
                ),
            ],
            // Each says how late its start is.
            Section::MustStartToday => vec![(
                "must_start_today",
                cut_list(lang, limit, &report.must_start_today, |t| {
                    context! {
                        overdue => i18n::overdue(lang, report.overdue_days(t)),
                        ..task_value(lang, report.as_of, t)
                    }
                }),
            )],
            Section::DueSoon => vec![("due_soon", list(&report.due_soon))],
            Section::Handoffs => vec![
                ("has_handoffs", Value::from(!report.handoffs.is_empty())),
                ("handoffs", Value::from(handoffs.clone())),
                ("handoffs_svg", safe(charts::handoffs(report, lang))),
            ],
            Section::Changes => vec![("changes", changes.clone())],
            // Only with a baseline; the template leaves it out otherwise.
            Section::Slippage => vec![("slippage", slippage(report, lang, limit))],
            Section::Conflicts => vec![("conflicts", Value::from(conflicts.clone()))],
            Section::Tasks => vec![
                ("gantt_svg", safe(gantt::gantt(report, lang, limit))),
                ("gantt_legend", safe(gantt::legend(lang))),
            ],
        };
        page.extend(values);
    }
    Value::from(page)
}

/// Section 8 as the page shows it (`none` without a baseline): the
/// baseline's line, the workstreams and the tasks that moved most.
fn slippage(report: &StatusReport, lang: Lang, limit: ListLimit) -> Value {
    let Some(slip) = &report.slippage else {
        return Value::from(());
    };
    let workstreams: Vec<Value> = slip
        .workstreams
        .iter()
        .map(|w| context! { name => &w.name, id => &w.id, moved => w.moved(lang) })
        .collect();
    context! {
        heading => SlipMsg::Heading.text(lang),
        workstreams_label => SlipMsg::Workstreams.text(lang),
        tasks_label => SlipMsg::Tasks.text(lang),
        nothing => SlipMsg::NothingSlipped.text(lang),
        headline => slip.headline(lang),
        empty => slip.is_empty(),
        workstreams,
        tasks => cut_list(lang, limit, &slip.tasks, |t| {
            context! {
                moved => SlippageSection::task_moved(lang, t).unwrap_or_default(),
                ..task_value(lang, report.as_of, t)
            }
        }),
    }
}

/// A list as the page shows it: the worst entries (cut at `limit`), each
/// made a value by `row`, how many in all, and the line that counts the rest.
fn cut_list<T>(lang: Lang, limit: ListLimit, all: &[T], row: impl Fn(&T) -> Value) -> Value {
    let (shown, rest) = limit.cut(all);
    context! {
        rows => shown.iter().map(row).collect::<Vec<Value>>(),
        total => all.len(),
        more => (rest > 0).then(|| i18n::more_hidden(lang, rest)),
    }
}

/// What needs action this week, for the summary on the first page: what
/// makes the forum red or amber (late, blocked, at risk), then the tasks
/// that must start today, then those due soon, each task once, the first
/// few of them.
fn actions(report: &StatusReport, lang: Lang) -> Value {
    let mut seen = HashSet::new();
    let all: Vec<&TaskRow> = report
        .causes
        .iter()
        .chain(&report.must_start_today)
        .chain(&report.due_soon)
        .filter(|t| seen.insert(t.id.as_str()))
        .collect();
    let rows: Vec<Value> = all
        .iter()
        .take(SUMMARY_ACTIONS)
        .map(|t| task_value(lang, report.as_of, t))
        .collect();
    let rest = all.len().saturating_sub(SUMMARY_ACTIONS);
    context! {
        rows,
        total => all.len(),
        more => (rest > 0).then(|| i18n::more(lang, rest)),
    }
}

fn task_value(lang: Lang, as_of: chrono::NaiveDate, t: &TaskRow) -> Value {
    context! {
        id => &t.id,
        name => &t.name,
        owner => t.owner.as_deref().unwrap_or(""),
        state => i18n::state(lang, t.state),
        readiness => t.flag(lang, as_of),
        readiness_class => task_readiness_class(t.readiness, t.state),
        early_start => i18n::date(lang, t.early_start),
        late_start => i18n::date(lang, t.late_start),
        late_finish => i18n::date(lang, t.late_finish),
        early_finish => i18n::date(lang, t.early_finish),
        float => t.total_float.map(|f| i18n::float_days(lang, f)).unwrap_or_default(),
        negative_float => t.total_float.is_some_and(|f| f < 0),
        critical => t.critical,
        progress => t.progress,
    }
}

fn conflict_value(lang: Lang, conflict: &ConflictRow, task_name: &dyn Fn(&str) -> String) -> Value {
    let (what, day) = conflict.describe(lang);
    context! { id => &conflict.task, name => task_name(&conflict.task), what, day }
}
