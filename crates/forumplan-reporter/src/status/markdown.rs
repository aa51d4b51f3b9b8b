//! The Markdown form: pastes cleanly into a message or a document. The
//! workstream handoffs are drawn as a Mermaid graph.

use std::io::{self, Write};

use forumplan_scheduler::{Rag, Readiness};

use crate::escape::{self, markdown as md};
use crate::i18n::slippage::SlipMsg;
use crate::i18n::{self, Lang, Msg};
use crate::status::{ListLimit, Section, SlippageSection, StatusReport, TaskRow, join_some};

fn rag_badge(lang: Lang, rag: Rag) -> String {
    let dot = match rag {
        Rag::Red => "🔴",
        Rag::Amber => "🟡",
        Rag::Green => "🟢",
    };
    format!("{dot} {}", i18n::rag(lang, rag))
}

pub(super) fn render(
    report: &StatusReport,
    lang: Lang,
    limit: ListLimit,
    out: &mut dyn Write,
) -> io::Result<()> {
    let h = &report.headline;
    for part in Section::ALL {
        match part {
            Section::Headline => {
                writeln!(
                    out,
                    "# {}: {}",
                    Msg::ReportTitle.text(lang),
                    md(&report.forum.name)
                )?;
                writeln!(out)?;
                let mut event = format!(
                    "**{}:** {}",
                    Msg::EventDay.text(lang),
                    i18n::date(lang, report.forum.date)
                );
                if let Some(venue) = &report.forum.venue {
                    event.push_str(&format!(" · {}", md(venue)));
                }
                writeln!(out, "{event}  ")?;
                writeln!(
                    out,
                    "**{}:** {}  ",
                    Msg::AsOf.text(lang),
                    i18n::date(lang, report.as_of)
                )?;
                if !report.scope.is_empty() {
                    let names: Vec<String> =
                        report.workstreams.iter().map(|w| md(&w.name)).collect();
                    writeln!(
                        out,
                        "**{}:** {}  ",
                        Msg::ShownWorkstreams.text(lang),
                        names.join(", ")
                    )?;
                }
                writeln!(
                    out,
                    "**{}:** {}  ",
                    Msg::Countdown.text(lang),
                    i18n::countdown(lang, report.forum.date, h.days_left, h.working_days_left)
                )?;
                writeln!(
                    out,
                    "**{}:** {} · {} {}  ",
                    Msg::Overall.text(lang),
                    rag_badge(lang, h.rag),
                    Msg::Completion.text(lang),
                    i18n::percent(h.completion)
                )?;
                if let Some(forecast) = report.forecast(lang) {
                    writeln!(out, "**{}:** {forecast}  ", Msg::ForecastReady.text(lang))?;
                }
                if let Some(chance) = &h.ready_chance {
                    writeln!(out, "{}  ", chance.line(lang))?;
                }
                if h.tasks_post_event > 0 {
                    writeln!(
                        out,
                        "+ {} {}",
                        h.tasks_post_event,
                        Msg::PostEventApart.text(lang)
                    )?;
                }
            }
            Section::Workstreams => {
                writeln!(out, "\n## 1. {}\n", Msg::Workstreams.text(lang))?;
                writeln!(
                    out,
                    "| {} | {} | {} | {}/{} | {} | {} | {} | {} |",
                    Msg::Colour.text(lang),
                    Msg::Workstream.text(lang),
                    Msg::Completion.text(lang),
                    Msg::Done.text(lang),
                    Msg::Tasks.text(lang),
                    Msg::Late.text(lang),
                    Msg::AtRisk.text(lang),
                    Msg::Blocked.text(lang),
                    Msg::Lead.text(lang)
                )?;
                writeln!(out, "|---|---|--:|--:|--:|--:|--:|---|")?;
                for w in &report.workstreams {
                    writeln!(
                        out,
                        "| {} | {} | {} | {}/{} | {} | {} | {} | {} |",
                        rag_badge(lang, w.rag),
                        md(&w.name),
                        i18n::percent(w.completion),
                        w.done,
                        w.total,
                        w.late,
                        w.at_risk,
                        w.blocked,
                        md(w.lead.as_deref().unwrap_or(""))
                    )?;
                }
            }
            Section::LateAndBlocked => {
                writeln!(out, "\n## 2. {}\n", Msg::LateAndBlocked.text(lang))?;
                task_list(
                    out,
                    lang,
                    report,
                    limit,
                    &report.late_and_blocked,
                    Msg::NoneLateOrBlocked,
                    false,
                )?;
            }
            Section::CriticalPath => {
                writeln!(out, "\n## 3. {}\n", Msg::CriticalPath.text(lang))?;
                if report.critical_path.is_empty() {
                    writeln!(out, "{}", report.no_critical_path().text(lang))?;
                } else {
                    writeln!(
                        out,
                        "| # | {} | {} | {} | {} |",
                        Msg::Start.text(lang),
                        Msg::Finish.text(lang),
                        Msg::Task.text(lang),
                        Msg::BranchColumn.text(lang)
                    )?;
                    writeln!(out, "|--:|---|---|---|---|")?;
                }
                let (steps, rest) = limit.cut(&report.critical_path);
                for (i, step) in steps.iter().enumerate() {
                    let t = &step.task;
                    let branch = if step.branches.is_empty() {
                        "—".to_owned()
                    } else {
                        i18n::branches(lang, &step.branches)
                    };
                    writeln!(
                        out,
                        "| {} | {} | {} | {} (`{}`) | {branch} |",
                        i + 1,
                        i18n::date(lang, t.early_start),
                        i18n::date(lang, t.early_finish),
                        md(&t.name),
                        t.id
                    )?;
                }
                more(out, lang, rest)?;
            }
            Section::MustStartToday => {
                writeln!(out, "\n## 4. {}\n", Msg::MustStartToday.text(lang))?;
                task_list(
                    out,
                    lang,
                    report,
                    limit,
                    &report.must_start_today,
                    Msg::NothingMustStart,
                    true,
                )?;
            }
            Section::DueSoon => {
                writeln!(out, "\n## 5. {}\n", Msg::DueSoon.text(lang))?;
                task_list(
                    out,
                    lang,
                    report,
                    limit,
                    &report.due_soon,
                    Msg::NothingDueSoon,
                    false,
                )?;
            }
            Section::Handoffs => {
                writeln!(out, "\n## 6. {}\n", Msg::Handoffs.text(lang))?;
                handoffs(out, report, lang, limit)?;
            }
            Section::Changes => {
                let c = &report.changes;
                writeln!(
                    out,
                    "\n## 7. {} {}\n",
                    Msg::ChangesSince.text(lang),
                    i18n::date(lang, c.since)
                )?;
                if c.is_empty() {
                    writeln!(out, "{}", Msg::NoChanges.text(lang))?;
                }
                for (label, _, shown, rest) in c.shown_lists(limit) {
                    let mut names: Vec<String> = shown
                        .iter()
                        .map(|t| format!("{} (`{}`)", md(&t.name), t.id))
                        .collect();
                    if rest > 0 {
                        names.push(i18n::more_hidden(lang, rest));
                    }
                    writeln!(out, "- **{}:** {}", label.text(lang), names.join("; "))?;
                }
                if let Some((before, after)) = c.forecast_change(lang) {
                    writeln!(
                        out,
                        "- **{}:** {} → {}",
                        Msg::ForecastChange.text(lang),
                        before,
                        after
                    )?;
                }
            }
            Section::Slippage => {
                let Some(slip) = &report.slippage else {
                    continue;
                };
                writeln!(out, "\n## 8. {}\n", SlipMsg::Heading.text(lang))?;
                writeln!(out, "{}\n", slip.headline(lang))?;
                if slip.is_empty() {
                    writeln!(out, "{}", SlipMsg::NothingSlipped.text(lang))?;
                }
                if !slip.workstreams.is_empty() {
                    writeln!(out, "**{}:**\n", SlipMsg::Workstreams.text(lang))?;
                    for w in &slip.workstreams {
                        writeln!(out, "- {} (`{}`): {}", md(&w.name), w.id, w.moved(lang))?;
                    }
                    writeln!(out)?;
                }
                if !slip.tasks.is_empty() {
                    writeln!(
                        out,
                        "**{} ({}):**\n",
                        SlipMsg::Tasks.text(lang),
                        slip.tasks.len()
                    )?;
                    let (shown, rest) = limit.cut(&slip.tasks);
                    for t in shown {
                        let moved = SlippageSection::task_moved(lang, t).unwrap_or_default();
                        writeln!(out, "- {} (`{}`): {moved}", md(&t.name), t.id)?;
                    }
                    if rest > 0 {
                        writeln!(out, "- {}", i18n::more_hidden(lang, rest))?;
                    }
                }
            }
            Section::Conflicts => {
                if !report.conflicts.is_empty() {
                    writeln!(out, "\n### {}\n", Msg::Conflicts.text(lang))?;
                    for conflict in &report.conflicts {
                        let (what, days) = conflict.describe(lang);
                        writeln!(out, "- `{}`: {what} ({days})", conflict.task)?;
                    }
                }
            }
            // The task table is for spreadsheets and the HTML's Gantt chart;
            // a message lists what needs attention.
            Section::Tasks => {}
        }
    }
    Ok(())
}

/// The tasks of one section, worst first, cut at the list limit;
/// `start_delay` adds how late each one's start is (must start today).
fn task_list(
    out: &mut dyn Write,
    lang: Lang,
    report: &StatusReport,
    limit: ListLimit,
    tasks: &[TaskRow],
    empty: Msg,
    start_delay: bool,
) -> io::Result<()> {
    if tasks.is_empty() {
        return writeln!(out, "{}", empty.text(lang));
    }
    let (shown, rest) = limit.cut(tasks);
    for t in shown {
        let mut details = t.details(lang, report.as_of);
        if start_delay {
            details.push(i18n::overdue(lang, report.overdue_days(t)));
        }
        writeln!(
            out,
            "- **{}** {} (`{}`) — {}",
            t.flag(lang, report.as_of),
            md(&t.name),
            t.id,
            md(&details.join(" · "))
        )?;
    }
    more(out, lang, rest)
}

/// "… and 12 more" under a list cut short (nothing when none was left out).
fn more(out: &mut dyn Write, lang: Lang, rest: usize) -> io::Result<()> {
    if rest == 0 {
        return Ok(());
    }
    writeln!(out, "\n*{}*", i18n::more_hidden(lang, rest))
}

fn handoffs(
    out: &mut dyn Write,
    report: &StatusReport,
    lang: Lang,
    limit: ListLimit,
) -> io::Result<()> {
    if report.handoffs.is_empty() {
        return writeln!(out, "{}", Msg::NoHandoffs.text(lang));
    }
    let name = |id| md(report.workstream_name(id));
    // Mermaid node ids must be plain words; workstream ids may hold `-` or `.`.
    let node = |id: &str| format!("ws_{}", id.replace(['-', '.'], "_"));
    writeln!(out, "```mermaid\ngraph LR")?;
    for w in &report.workstreams {
        writeln!(
            out,
            "  {}[\"{}\"]",
            node(&w.id),
            escape::mermaid_label(&w.name)
        )?;
    }
    for handoff in &report.handoffs {
        writeln!(
            out,
            "  {} -->|{}| {}",
            node(&handoff.from),
            handoff.pending.len(),
            node(&handoff.to)
        )?;
    }
    for (i, handoff) in report.handoffs.iter().enumerate() {
        let colour = match handoff.flag {
            Readiness::Late => "#d32f2f",
            Readiness::AtRisk => "#f9a825",
            Readiness::OnTrack | Readiness::Done => "#2e7d32",
        };
        writeln!(out, "  linkStyle {i} stroke:{colour},stroke-width:2px")?;
    }
    writeln!(out, "```\n")?;
    let waiting = report.waiting_handoffs();
    if waiting.is_empty() {
        writeln!(out, "{}", Msg::NoHandoffs.text(lang))?;
    }
    for handoff in waiting {
        writeln!(
            out,
            "- **{}** {} **{}** — {} {} ({})",
            name(&handoff.to),
            Msg::WaitsOn.text(lang),
            name(&handoff.from),
            handoff.pending.len(),
            Msg::Pending.text(lang),
            i18n::readiness(lang, handoff.flag)
        )?;
        let (shown, rest) = limit.cut(&handoff.pending);
        for pending in shown {
            writeln!(
                out,
                "  - {} (`{}`, {}) → {}",
                md(&pending.task.name),
                pending.task.id,
                pending.task.flag(lang, report.as_of),
                join_some(lang, pending.waiting.iter().map(|w| format!("`{w}`")), ", ")
            )?;
        }
        if rest > 0 {
            writeln!(out, "  - *{}*", i18n::more_hidden(lang, rest))?;
        }
    }
    Ok(())
}
