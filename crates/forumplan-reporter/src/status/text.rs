//! The terminal form: fits 80 columns, and reads the same without colour
//! (every colour is also a word in brackets).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use forumplan_scheduler::{Rag, Readiness};

use crate::i18n::slippage::SlipMsg;
use crate::i18n::{self, Lang, Msg};
use crate::layout::{pad, pad_left, shorten_beside, truncate, width, wrap};
use crate::status::{ListLimit, Section, SlippageSection, StatusReport, TaskRow, join_some};

/// The report's width in columns.
const WIDTH: usize = 80;

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn heading(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    /// The colour as a bracketed word, padded to `columns` (0: no padding).
    fn rag(&self, lang: Lang, rag: Rag, columns: usize) -> String {
        let word = format!("[{}]", i18n::rag(lang, rag));
        let word = if columns == 0 {
            word
        } else {
            pad(&word, columns)
        };
        let colour = match rag {
            Rag::Red => AnsiColor::Red,
            Rag::Amber => AnsiColor::Yellow,
            Rag::Green => AnsiColor::Green,
        };
        self.paint(Style::new().bold().fg_color(Some(colour.into())), &word)
    }

    /// A badge: `word` in brackets, coloured as `readiness` (grey for a
    /// cancelled task, which has none).
    fn badge(&self, word: &str, readiness: Option<Readiness>) -> String {
        let word = format!("[{word}]");
        let colour = match readiness {
            Some(Readiness::Late) => AnsiColor::Red,
            Some(Readiness::AtRisk) => AnsiColor::Yellow,
            Some(Readiness::OnTrack | Readiness::Done) => AnsiColor::Green,
            None => AnsiColor::BrightBlack,
        };
        self.paint(Style::new().fg_color(Some(colour.into())), &word)
    }
}

pub(super) fn render(
    report: &StatusReport,
    lang: Lang,
    color: bool,
    limit: ListLimit,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Painter { color };
    let h = &report.headline;
    for part in Section::ALL {
        match part {
            Section::Headline => {
                let title = format!(
                    "{} — {}",
                    Msg::ReportTitle.text(lang).to_uppercase(),
                    report.forum.name
                );
                writeln!(out, "{}", p.heading(&truncate(&title, WIDTH)))?;
                let mut event = format!(
                    "{}: {}",
                    Msg::EventDay.text(lang),
                    i18n::date(lang, report.forum.date)
                );
                if let Some(venue) = &report.forum.venue {
                    event.push_str(&format!(" · {venue}"));
                }
                writeln!(out, "{}", truncate(&event, WIDTH))?;
                writeln!(
                    out,
                    "{}: {}",
                    Msg::AsOf.text(lang),
                    i18n::date(lang, report.as_of)
                )?;
                if !report.scope.is_empty() {
                    let names: Vec<&str> =
                        report.workstreams.iter().map(|w| w.name.as_str()).collect();
                    indented(
                        out,
                        &format!("{}: {}", Msg::ShownWorkstreams.text(lang), names.join(", ")),
                        0,
                    )?;
                }
                writeln!(
                    out,
                    "{}",
                    p.heading(&i18n::countdown(
                        lang,
                        report.forum.date,
                        h.days_left,
                        h.working_days_left
                    ))
                )?;
                writeln!(
                    out,
                    "{}: {} · {} {}",
                    Msg::Overall.text(lang),
                    p.rag(lang, h.rag, 0),
                    Msg::Completion.text(lang),
                    i18n::percent(h.completion)
                )?;
                if let Some(forecast) = report.forecast(lang) {
                    writeln!(out, "{}: {forecast}", Msg::ForecastReady.text(lang))?;
                }
                if let Some(chance) = &h.ready_chance {
                    writeln!(out, "{}", chance.line(lang))?;
                }
                writeln!(out, "{}", h.counts(lang))?;
                if h.tasks_post_event > 0 {
                    let apart = format!(
                        "+ {} {}",
                        h.tasks_post_event,
                        Msg::PostEventApart.text(lang)
                    );
                    writeln!(out, "{}", truncate(&apart, WIDTH))?;
                }
            }
            Section::Workstreams => {
                section(out, &p, 1, Msg::Workstreams.text(lang))?;
                writeln!(
                    out,
                    "  {} {} {} {} {} {} {}",
                    pad(Msg::Colour.text(lang), 7),
                    pad(Msg::Workstream.text(lang), 24),
                    pad_left("%", 4),
                    pad_left(Msg::DoneOfTotal.text(lang), 10),
                    pad_left(Msg::Late.text(lang), 6),
                    pad_left(Msg::AtRisk.text(lang), 7),
                    pad_left(Msg::Blocked.text(lang), 6),
                )?;
                for w in &report.workstreams {
                    writeln!(
                        out,
                        "  {} {} {} {} {} {} {}",
                        p.rag(lang, w.rag, 7),
                        pad(&w.name, 24),
                        pad_left(&i18n::percent(w.completion), 4),
                        pad_left(&format!("{}/{}", w.done, w.total), 10),
                        pad_left(&w.late.to_string(), 6),
                        pad_left(&w.at_risk.to_string(), 7),
                        pad_left(&w.blocked.to_string(), 6),
                    )?;
                    if let Some(lead) = &w.lead {
                        writeln!(
                            out,
                            "          {}",
                            truncate(&format!("{}: {lead}", Msg::Lead.text(lang)), WIDTH - 10)
                        )?;
                    }
                }
            }
            Section::LateAndBlocked => {
                section(out, &p, 2, Msg::LateAndBlocked.text(lang))?;
                if report.late_and_blocked.is_empty() {
                    writeln!(out, "  {}", Msg::NoneLateOrBlocked.text(lang))?;
                }
                task_entries(out, &p, lang, limit, report.as_of, &report.late_and_blocked)?;
            }
            Section::CriticalPath => {
                section(out, &p, 3, Msg::CriticalPath.text(lang))?;
                if report.critical_path.is_empty() {
                    writeln!(out, "  {}", report.no_critical_path().text(lang))?;
                }
                let (steps, rest) = limit.cut(&report.critical_path);
                for step in steps {
                    let t = &step.task;
                    let (mark, branch) = if step.branches.is_empty() {
                        ("│", String::new())
                    } else {
                        ("├", format!(" · {}", i18n::branches(lang, &step.branches)))
                    };
                    let kept = format!("({}){branch}", t.id);
                    writeln!(
                        out,
                        "  {mark} {} {kept}",
                        shorten_beside(&t.name, &kept, WIDTH - 5)
                    )?;
                    writeln!(out, "  │   {}", t.dates(lang))?;
                }
                more(out, lang, rest, 4)?;
            }
            Section::MustStartToday => {
                section(out, &p, 4, Msg::MustStartToday.text(lang))?;
                if report.must_start_today.is_empty() {
                    writeln!(out, "  {}", Msg::NothingMustStart.text(lang))?;
                }
                // Each says how late its start is, under its details.
                let (shown, rest) = limit.cut(&report.must_start_today);
                for t in shown {
                    task_entry(out, &p, lang, report.as_of, t)?;
                    indented(out, &i18n::overdue(lang, report.overdue_days(t)), 6)?;
                }
                more(out, lang, rest, 2)?;
            }
            Section::DueSoon => {
                section(out, &p, 5, Msg::DueSoon.text(lang))?;
                if report.due_soon.is_empty() {
                    writeln!(out, "  {}", Msg::NothingDueSoon.text(lang))?;
                }
                task_entries(out, &p, lang, limit, report.as_of, &report.due_soon)?;
            }
            Section::Handoffs => {
                section(out, &p, 6, Msg::Handoffs.text(lang))?;
                let waiting = report.waiting_handoffs();
                if waiting.is_empty() {
                    writeln!(out, "  {}", Msg::NoHandoffs.text(lang))?;
                }
                for handoff in waiting {
                    let name = |id| report.workstream_name(id);
                    let line = format!(
                        "{} {} {}: {} {}",
                        name(&handoff.to),
                        Msg::WaitsOn.text(lang),
                        name(&handoff.from),
                        handoff.pending.len(),
                        Msg::Pending.text(lang)
                    );
                    writeln!(
                        out,
                        "  {}",
                        p.badge(i18n::readiness(lang, handoff.flag), Some(handoff.flag))
                    )?;
                    indented(out, &line, 4)?;
                    let (shown, rest) = limit.cut(&handoff.pending);
                    for pending in shown {
                        let line = format!(
                            "- {} ({}) → {}",
                            pending.task.name,
                            pending.task.id,
                            join_some(lang, pending.waiting.iter().cloned(), ", ")
                        );
                        indented(out, &line, 6)?;
                    }
                    more(out, lang, rest, 6)?;
                }
            }
            Section::Changes => {
                let c = &report.changes;
                section(
                    out,
                    &p,
                    7,
                    &format!(
                        "{} {}",
                        Msg::ChangesSince.text(lang),
                        i18n::date(lang, c.since)
                    ),
                )?;
                if c.is_empty() {
                    writeln!(out, "  {}", Msg::NoChanges.text(lang))?;
                }
                for (label, total, shown, rest) in c.shown_lists(limit) {
                    writeln!(out, "  {} ({}):", label.text(lang), total)?;
                    for t in shown {
                        named_entry(out, t)?;
                    }
                    more(out, lang, rest, 4)?;
                }
                if let Some((before, after)) = c.forecast_change(lang) {
                    writeln!(
                        out,
                        "  {}: {} → {}",
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
                section(out, &p, 8, SlipMsg::Heading.text(lang))?;
                indented(out, &slip.headline(lang), 2)?;
                if slip.is_empty() {
                    writeln!(out, "  {}", SlipMsg::NothingSlipped.text(lang))?;
                }
                if !slip.workstreams.is_empty() {
                    writeln!(out, "  {}:", SlipMsg::Workstreams.text(lang))?;
                    for w in &slip.workstreams {
                        writeln!(out, "    - {}", truncate(&w.name, WIDTH - 6))?;
                        indented(out, &w.moved(lang), 6)?;
                    }
                }
                if !slip.tasks.is_empty() {
                    writeln!(
                        out,
                        "  {} ({}):",
                        SlipMsg::Tasks.text(lang),
                        slip.tasks.len()
                    )?;
                    let (shown, rest) = limit.cut(&slip.tasks);
                    for t in shown {
                        named_entry(out, t)?;
                        if let Some(moved) = SlippageSection::task_moved(lang, t) {
                            indented(out, &moved, 6)?;
                        }
                    }
                    more(out, lang, rest, 4)?;
                }
            }
            Section::Conflicts => {
                if !report.conflicts.is_empty() {
                    writeln!(out)?;
                    writeln!(out, "{}", p.heading(Msg::Conflicts.text(lang)))?;
                    for conflict in &report.conflicts {
                        let (what, days) = conflict.describe(lang);
                        indented(out, &format!("- {}: {what} ({days})", conflict.task), 2)?;
                    }
                }
            }
            // The task table is for spreadsheets and the Gantt chart; the
            // terminal lists what needs attention.
            Section::Tasks => {}
        }
    }
    Ok(())
}

fn section(out: &mut dyn Write, p: &Painter, number: usize, title: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", p.heading(&format!("{number}. {title}")))
}

/// The tasks of a list, up to `limit`, then how many were left out.
fn task_entries(
    out: &mut dyn Write,
    p: &Painter,
    lang: Lang,
    limit: ListLimit,
    as_of: NaiveDate,
    tasks: &[TaskRow],
) -> io::Result<()> {
    let (shown, rest) = limit.cut(tasks);
    for t in shown {
        task_entry(out, p, lang, as_of, t)?;
    }
    more(out, lang, rest, 2)
}

/// "… and 12 more" under a list cut short (nothing when none was left out).
fn more(out: &mut dyn Write, lang: Lang, rest: usize, indent: usize) -> io::Result<()> {
    if rest == 0 {
        return Ok(());
    }
    indented(out, &i18n::more_hidden(lang, rest), indent)
}

/// Two lines per task: what and who, then when and how much float.
fn task_entry(
    out: &mut dyn Write,
    p: &Painter,
    lang: Lang,
    as_of: NaiveDate,
    t: &TaskRow,
) -> io::Result<()> {
    let flag = t.flag(lang, as_of);
    let readiness = if t.is_overdue(as_of) {
        Some(Readiness::Late)
    } else {
        t.readiness
    };
    let badge = p.badge(flag, readiness);
    let badge_width = width(flag) + 3;
    writeln!(
        out,
        "  {badge} {}",
        truncate(&t.name, WIDTH - 3 - badge_width)
    )?;
    let mut details = vec![t.id.clone()];
    details.extend(t.details(lang, as_of));
    indented(out, &details.join(" · "), 6)
}

/// One line for a task in a list of changes: "    - name (id)", the name
/// shortened to fit beside its id.
fn named_entry(out: &mut dyn Write, t: &TaskRow) -> io::Result<()> {
    let id = format!("({})", t.id);
    writeln!(
        out,
        "    - {} {id}",
        shorten_beside(&t.name, &id, WIDTH - 7)
    )
}

/// `text` wrapped to the report's width, each line indented by `indent`.
fn indented(out: &mut dyn Write, text: &str, indent: usize) -> io::Result<()> {
    for line in wrap(text, WIDTH - indent) {
        writeln!(out, "{}{line}", " ".repeat(indent))?;
    }
    Ok(())
}
