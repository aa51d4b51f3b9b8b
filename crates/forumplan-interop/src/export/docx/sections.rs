//! The report's sections as numbered parts of the document (I., II., …),
//! in the order and with the content of every other form: each section of
//! [`Section::ALL`] is matched without a wildcard, so a new one does not
//! compile until it is laid out here too.

use docx_rs::Docx;
use forumplan_reporter::i18n::official::OfficialMsg;
use forumplan_reporter::i18n::slippage::SlipMsg;
use forumplan_reporter::i18n::{self, Lang, Msg};
use forumplan_reporter::status::{
    ListLimit, Section, SlippageSection, StatusReport, TaskRow, join_some,
};

use super::blocks::{Cell, Column, body, item, labelled, run, section_heading, sub_heading, table};
use super::roman;

/// The numbered sections, each appended to `doc`.
pub(super) fn write(mut doc: Docx, report: &StatusReport, lang: Lang, limit: ListLimit) -> Docx {
    let mut number = 0;
    let mut heading = |doc: Docx, title: &str| {
        number += 1;
        doc.add_paragraph(section_heading(&roman(number), title))
    };
    for part in Section::ALL {
        match part {
            Section::Headline => {
                doc = heading(doc, OfficialMsg::Overview.text(lang));
                doc = overview(doc, report, lang);
            }
            Section::Workstreams => {
                doc = heading(doc, Msg::Workstreams.text(lang));
                doc = doc.add_table(workstreams(report, lang));
            }
            Section::LateAndBlocked => {
                doc = heading(doc, Msg::LateAndBlocked.text(lang));
                doc = tasks(
                    doc,
                    report,
                    lang,
                    limit,
                    &report.late_and_blocked,
                    Msg::NoneLateOrBlocked,
                    Deadline::Finish,
                );
            }
            Section::CriticalPath => {
                doc = heading(doc, Msg::CriticalPath.text(lang));
                doc = critical_path(doc, report, lang, limit);
            }
            Section::MustStartToday => {
                doc = heading(doc, Msg::MustStartToday.text(lang));
                doc = tasks(
                    doc,
                    report,
                    lang,
                    limit,
                    &report.must_start_today,
                    Msg::NothingMustStart,
                    Deadline::Start,
                );
            }
            Section::DueSoon => {
                doc = heading(doc, Msg::DueSoon.text(lang));
                doc = tasks(
                    doc,
                    report,
                    lang,
                    limit,
                    &report.due_soon,
                    Msg::NothingDueSoon,
                    Deadline::Finish,
                );
            }
            Section::Handoffs => {
                doc = heading(doc, Msg::Handoffs.text(lang));
                doc = handoffs(doc, report, lang, limit);
            }
            Section::Changes => {
                let since = i18n::date(lang, report.changes.since);
                doc = heading(doc, &format!("{} {since}", Msg::ChangesSince.text(lang)));
                doc = changes(doc, report, lang, limit);
            }
            Section::Slippage => {
                if let Some(slip) = &report.slippage {
                    doc = heading(doc, SlipMsg::Heading.text(lang));
                    doc = slippage(doc, slip, lang, limit);
                }
            }
            Section::Conflicts => {
                if !report.conflicts.is_empty() {
                    doc = heading(doc, Msg::Conflicts.text(lang));
                    for conflict in &report.conflicts {
                        let (what, days) = conflict.describe(lang);
                        doc =
                            doc.add_paragraph(item(&format!("{}: {what} ({days})", conflict.task)));
                    }
                }
            }
            // Every task is the workbook's and the HTML Gantt chart's; a
            // report sent up the chain lists what needs attention.
            Section::Tasks => {}
        }
    }
    doc
}

/// Section I: the event, the countdown, the colour, the forecast, the counts.
fn overview(mut doc: Docx, report: &StatusReport, lang: Lang) -> Docx {
    let h = &report.headline;
    let mut event = i18n::date(lang, report.forum.date);
    if let Some(venue) = &report.forum.venue {
        event.push_str(&format!(" · {venue}"));
    }
    doc = doc
        .add_paragraph(labelled(Msg::EventDay.text(lang), &event))
        .add_paragraph(labelled(
            Msg::Countdown.text(lang),
            &i18n::countdown(lang, report.forum.date, h.days_left, h.working_days_left),
        ))
        .add_paragraph(labelled(
            Msg::Overall.text(lang),
            &format!(
                "{} · {} {}",
                i18n::rag(lang, h.rag),
                Msg::Completion.text(lang),
                i18n::percent(h.completion)
            ),
        ));
    if let Some(forecast) = report.forecast(lang) {
        doc = doc.add_paragraph(labelled(Msg::ForecastReady.text(lang), &forecast));
    }
    if let Some(chance) = &h.ready_chance {
        doc = doc.add_paragraph(body([run(&chance.line(lang))]));
    }
    doc = doc.add_paragraph(body([run(&h.counts(lang))]));
    if h.tasks_post_event > 0 {
        doc = doc.add_paragraph(body([run(&format!(
            "+ {} {}",
            h.tasks_post_event,
            Msg::PostEventApart.text(lang)
        ))]));
    }
    doc
}

/// Section II: one row per workstream, its colour as the cell's fill.
fn workstreams(report: &StatusReport, lang: Lang) -> docx_rs::Table {
    let columns = [
        Column::centred(OfficialMsg::RowNumber.text(lang), 7),
        Column::text(Msg::Workstream.text(lang), 20),
        Column::text(Msg::Lead.text(lang), 18),
        Column::centred(Msg::Colour.text(lang), 9),
        Column::centred(Msg::Completion.text(lang), 11),
        Column::centred(Msg::DoneOfTotal.text(lang), 9),
        Column::centred(Msg::Late.text(lang), 8),
        Column::centred(Msg::AtRisk.text(lang), 9),
        Column::centred(Msg::Blocked.text(lang), 9),
    ];
    let rows = report
        .workstreams
        .iter()
        .enumerate()
        .map(|(i, w)| {
            vec![
                Cell::from((i + 1).to_string()),
                Cell::from(w.name.as_str()),
                Cell::from(w.lead.as_deref().unwrap_or("")),
                Cell {
                    text: i18n::rag(lang, w.rag).to_owned(),
                    fill: Some(forumplan_reporter::colour::rag(w.rag).1),
                },
                Cell::from(i18n::percent(w.completion)),
                Cell::from(format!("{}/{}", w.done, w.total)),
                Cell::from(w.late.to_string()),
                Cell::from(w.at_risk.to_string()),
                Cell::from(w.blocked.to_string()),
            ]
        })
        .collect();
    table(&columns, rows)
}

/// Which deadline a task list shows: the late finish (late, due soon) or
/// the late start and how overdue it is (must start today).
#[derive(Clone, Copy)]
enum Deadline {
    Finish,
    Start,
}

/// A list of tasks as a table, worst first, cut at the list limit; the
/// sentence `empty` when there are none.
fn tasks(
    doc: Docx,
    report: &StatusReport,
    lang: Lang,
    limit: ListLimit,
    rows: &[TaskRow],
    empty: Msg,
    deadline: Deadline,
) -> Docx {
    if rows.is_empty() {
        return doc.add_paragraph(body([run(empty.text(lang))]));
    }
    let (shown, rest) = limit.cut(rows);
    let (deadline_title, float_title) = match deadline {
        Deadline::Finish => (Msg::LateFinish, Msg::Float.text(lang).to_owned()),
        Deadline::Start => (Msg::LateStart, Msg::Overdue.text(lang).to_owned()),
    };
    let columns = [
        Column::centred(OfficialMsg::RowNumber.text(lang), 7),
        Column::text(Msg::Task.text(lang), 33),
        Column::text(Msg::Owner.text(lang), 19),
        Column::centred(Msg::State.text(lang), 13),
        Column::centred(deadline_title.text(lang), 14),
        Column::centred(&float_title, 14),
    ];
    let body_rows = shown
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (day, last) = match deadline {
                Deadline::Finish => (
                    t.late_finish,
                    t.total_float
                        .map_or_else(|| "—".to_owned(), |f| i18n::float_days(lang, f)),
                ),
                Deadline::Start => (t.late_start, i18n::overdue(lang, report.overdue_days(t))),
            };
            vec![
                Cell::from((i + 1).to_string()),
                Cell::from(t.name.as_str()),
                Cell::from(t.owner.as_deref().unwrap_or("")),
                Cell::from(t.flag(lang, report.as_of)),
                Cell::from(i18n::date(lang, day)),
                Cell::from(last),
            ]
        })
        .collect();
    more(doc.add_table(table(&columns, body_rows)), lang, rest)
}

/// The critical path, first task to last, each step with its chains.
fn critical_path(doc: Docx, report: &StatusReport, lang: Lang, limit: ListLimit) -> Docx {
    if report.critical_path.is_empty() {
        return doc.add_paragraph(body([run(report.no_critical_path().text(lang))]));
    }
    let (steps, rest) = limit.cut(&report.critical_path);
    let columns = [
        Column::centred(OfficialMsg::RowNumber.text(lang), 7),
        Column::centred(Msg::Start.text(lang), 14),
        Column::centred(Msg::Finish.text(lang), 14),
        Column::text(Msg::Task.text(lang), 45),
        Column::centred(Msg::BranchColumn.text(lang), 20),
    ];
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let t = &step.task;
            let branch = if step.branches.is_empty() {
                "—".to_owned()
            } else {
                i18n::branches(lang, &step.branches)
            };
            vec![
                Cell::from((i + 1).to_string()),
                Cell::from(i18n::date(lang, t.early_start)),
                Cell::from(i18n::date(lang, t.early_finish)),
                Cell::from(t.name.as_str()),
                Cell::from(branch),
            ]
        })
        .collect();
    more(doc.add_table(table(&columns, rows)), lang, rest)
}

/// Who waits on whom: a line per pair with work still waiting, and the
/// deliveries under it.
fn handoffs(mut doc: Docx, report: &StatusReport, lang: Lang, limit: ListLimit) -> Docx {
    let waiting = report.waiting_handoffs();
    if waiting.is_empty() {
        return doc.add_paragraph(body([run(Msg::NoHandoffs.text(lang))]));
    }
    let name = |id| report.workstream_name(id);
    let task_names = report.task_names();
    for handoff in waiting {
        doc = doc.add_paragraph(sub_heading(&format!(
            "{} {} {}: {} {} ({})",
            name(&handoff.to),
            Msg::WaitsOn.text(lang),
            name(&handoff.from),
            handoff.pending.len(),
            Msg::Pending.text(lang),
            i18n::readiness(lang, handoff.flag)
        )));
        let (shown, rest) = limit.cut(&handoff.pending);
        for pending in shown {
            // The waiting tasks by name: a document read by people, not
            // ids typed into commands.
            let waiting = pending.waiting.iter().map(|id| {
                task_names
                    .get(id.as_str())
                    .map_or_else(|| id.clone(), |n| (*n).to_owned())
            });
            doc = doc.add_paragraph(item(&format!(
                "{} ({}) → {}",
                pending.task.name,
                pending.task.flag(lang, report.as_of),
                join_some(lang, waiting, "; ")
            )));
        }
        doc = more(doc, lang, rest);
    }
    doc
}

/// What changed since the day before.
fn changes(mut doc: Docx, report: &StatusReport, lang: Lang, limit: ListLimit) -> Docx {
    let c = &report.changes;
    if c.is_empty() {
        return doc.add_paragraph(body([run(Msg::NoChanges.text(lang))]));
    }
    for (label, _, shown, rest) in c.shown_lists(limit) {
        let mut names: Vec<String> = shown.iter().map(|t| t.name.clone()).collect();
        if rest > 0 {
            names.push(i18n::more(lang, rest));
        }
        doc = doc.add_paragraph(labelled(label.text(lang), &names.join("; ")));
    }
    if let Some((before, after)) = c.forecast_change(lang) {
        doc = doc.add_paragraph(labelled(
            Msg::ForecastChange.text(lang),
            &format!("{before} → {after}"),
        ));
    }
    doc
}

/// What moved most since the baseline.
fn slippage(mut doc: Docx, slip: &SlippageSection, lang: Lang, limit: ListLimit) -> Docx {
    doc = doc.add_paragraph(body([run(&slip.headline(lang))]));
    if slip.is_empty() {
        return doc.add_paragraph(body([run(SlipMsg::NothingSlipped.text(lang))]));
    }
    if !slip.workstreams.is_empty() {
        doc = doc.add_paragraph(sub_heading(SlipMsg::Workstreams.text(lang)));
        for w in &slip.workstreams {
            doc = doc.add_paragraph(item(&format!("{}: {}", w.name, w.moved(lang))));
        }
    }
    if !slip.tasks.is_empty() {
        doc = doc.add_paragraph(sub_heading(&format!(
            "{} ({})",
            SlipMsg::Tasks.text(lang),
            slip.tasks.len()
        )));
        let (shown, rest) = limit.cut(&slip.tasks);
        for t in shown {
            let moved = SlippageSection::task_moved(lang, t).unwrap_or_default();
            doc = doc.add_paragraph(item(&format!("{}: {moved}", t.name)));
        }
        doc = more(doc, lang, rest);
    }
    doc
}

/// "và 12 việc khác" under a list cut at the limit.
fn more(doc: Docx, lang: Lang, rest: usize) -> Docx {
    if rest == 0 {
        return doc;
    }
    doc.add_paragraph(body([run(&i18n::more(lang, rest)).italic()]))
}
