//! The Gantt chart: one SVG per workstream on a shared time scale, so that
//! each prints on one page and the whole reads as one chart on screen.
//!
//! Every task is exactly one element of class `bar` (a `<rect>`, or a
//! `<polygon>` diamond for a milestone), drawn from its early start to its
//! early finish (inclusive); the part done is a darker `progress` rect
//! inside it, the late finish a `late-marker` at the end of a thin `float`
//! line. Critical tasks carry the class `critical` (red outline, red label).
//! Vertical lines mark the as-of day (`today`) and the event day
//! (`event-day`).

use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use forumplan_core::journal::TaskState;
use forumplan_scheduler::Readiness;

use super::escape;
use crate::i18n::{self, Lang, Msg};
use crate::layout::truncate;
use crate::status::{StatusReport, TaskRow};

/// Width of the chart in SVG units.
const WIDTH: f64 = 1100.0;
/// Width of the task names' column.
const LABEL_WIDTH: f64 = 330.0;
/// Empty space right of the last day.
const RIGHT_PAD: f64 = 14.0;
/// Height of the header band (workstream name, date axis).
const HEADER: f64 = 40.0;
/// Height of one task row.
const ROW: f64 = 19.0;
/// Height of a bar.
const BAR: f64 = 12.0;
/// Columns of a task name before it is cut.
const LABEL_COLUMNS: usize = 50;

/// Fill, progress fill and text colour of a bar by readiness.
fn colours(readiness: Readiness) -> (&'static str, &'static str) {
    match readiness {
        Readiness::Done => ("#b9dfbb", "#43a047"),
        Readiness::OnTrack => ("#b3d4f5", "#1e73be"),
        Readiness::AtRisk => ("#ffe08a", "#e09600"),
        Readiness::Late => ("#f5b0ad", "#d32f2f"),
    }
}

const CRITICAL: &str = "#b71c1c";
const TODAY: &str = "#d32f2f";
const EVENT: &str = "#0d2f5a";
const GRID: &str = "#e3e8ee";
const MUTED: &str = "#5b6675";

/// The days the chart spans and how wide a day is.
struct Scale {
    first: NaiveDate,
    day_width: f64,
}

impl Scale {
    fn new(report: &StatusReport) -> Scale {
        let days = report
            .tasks
            .iter()
            .flat_map(|t| [t.early_start, t.early_finish, t.late_start, t.late_finish]);
        let fixed = [report.as_of, report.forum.date];
        let first = days.clone().chain(fixed).min().unwrap_or(report.as_of);
        let last = days.chain(fixed).max().unwrap_or(report.as_of) + Days::new(1);
        let span = (last - first).num_days().max(1) + 1;
        Scale {
            first,
            day_width: (WIDTH - LABEL_WIDTH - RIGHT_PAD) / span as f64,
        }
    }

    /// The x of the start of `day`.
    fn x(&self, day: NaiveDate) -> f64 {
        LABEL_WIDTH + (day - self.first).num_days() as f64 * self.day_width
    }

    /// The x of the end of `day`.
    fn end(&self, day: NaiveDate) -> f64 {
        self.x(day) + self.day_width
    }
}

/// The chart: one `<svg>` per workstream, in plan order; tasks of a
/// workstream the report does not list (none, in a valid plan) come last
/// under their workstream's id, so that every task has its bar.
pub(super) fn gantt(report: &StatusReport, lang: Lang) -> String {
    let scale = Scale::new(report);
    let mut groups: Vec<(String, String, Vec<&TaskRow>)> = report
        .workstreams
        .iter()
        .map(|w| {
            let summary = format!(
                "{} · {} {}/{}",
                i18n::percent(w.completion),
                Msg::Done.text(lang),
                w.done,
                w.total
            );
            (
                w.name.clone(),
                summary,
                report
                    .tasks
                    .iter()
                    .filter(|t| t.workstream == w.id)
                    .collect(),
            )
        })
        .collect();
    for t in &report.tasks {
        if !report.workstreams.iter().any(|w| w.id == t.workstream) {
            match groups
                .iter_mut()
                .find(|(name, summary, _)| summary.is_empty() && *name == t.workstream)
            {
                Some(group) => group.2.push(t),
                None => groups.push((t.workstream.clone(), String::new(), vec![t])),
            }
        }
    }
    let mut out = String::new();
    for (name, summary, tasks) in groups.iter().filter(|g| !g.2.is_empty()) {
        workstream_chart(&mut out, report, lang, &scale, name, summary, tasks);
    }
    out
}

fn workstream_chart(
    out: &mut String,
    report: &StatusReport,
    lang: Lang,
    scale: &Scale,
    name: &str,
    summary: &str,
    tasks: &[&TaskRow],
) {
    let height = HEADER + tasks.len() as f64 * ROW + 6.0;
    let bottom = height - 2.0;
    let _ = writeln!(
        out,
        r##"<svg class="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="100%" role="img" aria-label="{} — {}" font-family="system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif" font-size="11">"##,
        escape(Msg::Gantt.text(lang)),
        escape(name),
    );
    // Header band: the workstream, its summary, the week ticks.
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{HEADER}" fill="#eef2f7"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text class="ws-name" x="8" y="16" font-size="13" font-weight="700" fill="{EVENT}">{}</text>"##,
        escape(&truncate(name, 44))
    );
    if !summary.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="8" y="32" fill="{MUTED}">{}</text>"##,
            escape(summary)
        );
    }
    // Row stripes, then the week grid over them.
    for i in (1..tasks.len()).step_by(2) {
        let y = HEADER + i as f64 * ROW;
        let _ = writeln!(
            out,
            r##"<rect x="0" y="{y:.1}" width="{WIDTH}" height="{ROW}" fill="#f7f9fb"/>"##
        );
    }
    let last = scale.first
        + Days::new(((WIDTH - LABEL_WIDTH - RIGHT_PAD) / scale.day_width).round() as u64);
    let mut day = scale.first;
    while day.weekday() != Weekday::Mon {
        day = day + Days::new(1);
    }
    // Tick labels give way to the as-of and event-day lines.
    let lines = [scale.x(report.as_of), scale.x(report.forum.date)];
    while day < last {
        let x = scale.x(day);
        let label_clear = !lines.iter().any(|&line| line > x && line < x + 32.0);
        let label = match lang {
            Lang::Vi => day.format("%d/%m").to_string(),
            Lang::En => day.format("%m-%d").to_string(),
        };
        let _ = write!(
            out,
            r##"<line class="week" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{GRID}" stroke-width="1"/>"##,
            HEADER - 4.0,
        );
        if label_clear {
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="33" font-size="10" fill="{MUTED}">{label}</text>"##,
                x + 2.0
            );
        }
        out.push('\n');
        day = day + Days::new(7);
    }
    let _ = writeln!(
        out,
        r##"<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{bottom:.1}" stroke="#c9d2dc" stroke-width="1"/>"##
    );
    // The tasks.
    for (i, t) in tasks.iter().enumerate() {
        task_row(out, lang, scale, t, HEADER + i as f64 * ROW);
    }
    // The as-of day and the event day, over the bars.
    let today = scale.x(report.as_of);
    let event = scale.x(report.forum.date);
    let (today_anchor, today_dx, event_anchor, event_dx) = if today <= event {
        ("end", -3.0, "start", 3.0)
    } else {
        ("start", 3.0, "end", -3.0)
    };
    let _ = writeln!(
        out,
        r##"<line class="today" x1="{today:.1}" y1="6" x2="{today:.1}" y2="{bottom:.1}" stroke="{TODAY}" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{:.1}" y="15" text-anchor="{today_anchor}" font-size="10" font-weight="700" fill="{TODAY}">{}</text>"##,
        today + today_dx,
        escape(Msg::Today.text(lang)),
    );
    let _ = writeln!(
        out,
        r##"<line class="event-day" x1="{event:.1}" y1="6" x2="{event:.1}" y2="{bottom:.1}" stroke="{EVENT}" stroke-width="2"/><text x="{:.1}" y="15" text-anchor="{event_anchor}" font-size="10" font-weight="700" fill="{EVENT}">T {}</text>"##,
        event + event_dx,
        escape(&short_date(lang, report.forum.date)),
    );
    out.push_str("</svg>\n");
}

fn short_date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Vi => day.format("%d/%m").to_string(),
        Lang::En => day.format("%m-%d").to_string(),
    }
}

fn task_row(out: &mut String, lang: Lang, scale: &Scale, t: &TaskRow, y: f64) {
    let cancelled = t.state == TaskState::Cancelled;
    let milestone = t.duration == 0;
    let mut classes = vec!["task"];
    if t.critical && !cancelled {
        classes.push("critical");
    }
    if cancelled {
        classes.push("cancelled");
    }
    let opacity = if cancelled {
        r##" opacity="0.45""##
    } else {
        ""
    };
    let _ = writeln!(out, r##"<g class="{}"{opacity}>"##, classes.join(" "));
    let _ = writeln!(out, "<title>{}</title>", escape(&tooltip(lang, t)));
    let label_fill = if t.critical && !cancelled {
        CRITICAL
    } else {
        "#1d2733"
    };
    let weight = if t.critical && !cancelled {
        r##" font-weight="700""##
    } else {
        ""
    };
    let decoration = if cancelled {
        r##" text-decoration="line-through""##
    } else {
        ""
    };
    let _ = writeln!(
        out,
        r##"<text class="label" x="8" y="{:.1}" fill="{label_fill}"{weight}{decoration}>{}</text>"##,
        y + 13.5,
        escape(&truncate(&t.name, LABEL_COLUMNS))
    );
    let (fill, dark) = match t.readiness {
        Some(readiness) if !cancelled => colours(readiness),
        _ => ("#e0e0e0", "#9e9e9e"),
    };
    let mid = y + ROW / 2.0;
    let (stroke, stroke_width, dash) = if t.critical && !cancelled {
        (CRITICAL, 1.6, "")
    } else if t.state == TaskState::Blocked {
        ("#4a148c", 1.4, r##" stroke-dasharray="3 2""##)
    } else if cancelled {
        ("#9e9e9e", 1.0, r##" stroke-dasharray="3 2""##)
    } else {
        (dark, 0.8, "")
    };
    let bar_class = match (milestone, t.critical && !cancelled) {
        (true, true) => "bar milestone critical",
        (true, false) => "bar milestone",
        (false, true) => "bar critical",
        (false, false) => "bar",
    };
    // The float: a thin line from the early finish to the late finish,
    // ending in the late-finish marker (not for work done or dropped).
    let finish = if milestone {
        scale.x(t.early_finish) + scale.day_width / 2.0
    } else {
        scale.end(t.early_finish)
    };
    if !matches!(t.state, TaskState::Done | TaskState::Cancelled) {
        let late = if milestone {
            scale.x(t.late_finish) + scale.day_width / 2.0
        } else {
            scale.end(t.late_finish)
        };
        if late > finish + 0.5 {
            let _ = writeln!(
                out,
                r##"<line class="float" x1="{finish:.1}" y1="{mid:.1}" x2="{late:.1}" y2="{mid:.1}" stroke="#8a96a3" stroke-width="1" stroke-dasharray="2 2"/>"##
            );
        }
        let marker = if t.total_float.is_some_and(|f| f < 0) {
            TODAY
        } else {
            "#37474f"
        };
        let _ = writeln!(
            out,
            r##"<path class="late-marker" d="M{late:.1} {:.1}V{:.1}M{:.1} {:.1}H{:.1}" stroke="{marker}" stroke-width="1.6" fill="none"/>"##,
            y + 2.5,
            y + ROW - 2.5,
            late - 3.0,
            y + 2.5,
            late,
        );
    }
    if milestone {
        let cx = finish;
        let r = 6.5;
        let _ = writeln!(
            out,
            r##"<polygon class="{bar_class}" points="{cx:.1},{:.1} {:.1},{mid:.1} {cx:.1},{:.1} {:.1},{mid:.1}" fill="{}" stroke="{stroke}" stroke-width="{stroke_width}"{dash}/>"##,
            mid - r,
            cx + r,
            mid + r,
            cx - r,
            if t.progress >= 100 { dark } else { fill },
        );
    } else {
        let x = scale.x(t.early_start);
        let width = (scale.end(t.early_finish) - x).max(2.0);
        let top = mid - BAR / 2.0;
        let _ = writeln!(
            out,
            r##"<rect class="{bar_class}" x="{x:.1}" y="{top:.1}" width="{width:.1}" height="{BAR}" rx="2" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{dash}/>"##
        );
        if t.progress > 0 {
            let done = width * f64::from(t.progress.min(100)) / 100.0;
            let _ = writeln!(
                out,
                r##"<rect class="progress" x="{x:.1}" y="{:.1}" width="{done:.1}" height="{:.1}" rx="1.5" fill="{dark}"/>"##,
                top + 2.5,
                BAR - 5.0
            );
        }
        if t.progress > 0 && t.progress < 100 && x - LABEL_WIDTH > 24.0 {
            // The percentage beside the bar, where it never covers another.
            let _ = writeln!(
                out,
                r##"<text class="pct" x="{:.1}" y="{:.1}" text-anchor="end" font-size="9" fill="{MUTED}">{}%</text>"##,
                x - 3.0,
                mid + 3.0,
                t.progress
            );
        }
    }
    out.push_str("</g>\n");
}

fn tooltip(lang: Lang, t: &TaskRow) -> String {
    let mut text = format!("{} ({})\n", t.name, t.id);
    if t.duration == 0 {
        text.push_str(&format!(
            "{}: {}",
            Msg::Milestone.text(lang),
            i18n::date(lang, t.early_finish)
        ));
    } else {
        text.push_str(&format!(
            "{} → {}",
            i18n::date(lang, t.early_start),
            i18n::date(lang, t.early_finish)
        ));
    }
    text.push_str(&format!(
        " · {}: {}",
        Msg::LateFinish.text(lang),
        i18n::date(lang, t.late_finish)
    ));
    text.push_str(&format!(
        "\n{} · {} · {}%",
        i18n::state(lang, t.state),
        i18n::task_readiness(lang, t.readiness),
        t.progress
    ));
    if let Some(float) = t.total_float {
        text.push_str(&format!(
            " · {}: {}",
            Msg::Float.text(lang),
            i18n::float_days(lang, float)
        ));
    }
    if let Some(owner) = &t.owner {
        text.push_str(&format!("\n{}: {owner}", Msg::Owner.text(lang)));
    }
    text
}

/// The chart's key, as HTML with small inline SVG swatches.
pub(super) fn legend(lang: Lang) -> String {
    let mut items: Vec<(String, String)> = Vec::new();
    let swatch = |fill: &str, stroke: &str, extra: &str| {
        format!(
            r##"<svg class="swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true"><rect x="1" y="1" width="20" height="10" rx="2" fill="{fill}" stroke="{stroke}" stroke-width="1.2"{extra}/></svg>"##
        )
    };
    for readiness in [
        Readiness::OnTrack,
        Readiness::AtRisk,
        Readiness::Late,
        Readiness::Done,
    ] {
        let (fill, dark) = colours(readiness);
        items.push((
            swatch(fill, dark, ""),
            i18n::readiness(lang, readiness).to_owned(),
        ));
    }
    let (fill, dark) = colours(Readiness::OnTrack);
    items.push((
        format!(
            r##"<svg class="swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true"><rect x="1" y="1" width="20" height="10" rx="2" fill="{fill}" stroke="{dark}" stroke-width="0.8"/><rect x="1" y="3.5" width="12" height="5" fill="{dark}"/></svg>"##
        ),
        Msg::Progress.text(lang).to_owned(),
    ));
    items.push((
        swatch("#ffe08a", CRITICAL, r##" stroke-width="1.8""##),
        Msg::CriticalTask.text(lang).to_owned(),
    ));
    items.push((
        swatch("#ffe08a", "#4a148c", r##" stroke-dasharray="3 2""##),
        i18n::state(lang, TaskState::Blocked).to_owned(),
    ));
    items.push((
        r##"<svg class="swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true"><polygon points="11,0.5 16.5,6 11,11.5 5.5,6" fill="#b3d4f5" stroke="#1e73be"/></svg>"##.to_owned(),
        Msg::Milestone.text(lang).to_owned(),
    ));
    items.push((
        r##"<svg class="swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true"><line x1="1" y1="6" x2="18" y2="6" stroke="#8a96a3" stroke-dasharray="2 2"/><path d="M18 1V11M15 1H18" stroke="#37474f" stroke-width="1.6" fill="none"/></svg>"##.to_owned(),
        format!("{} · {}", Msg::Float.text(lang), Msg::LateFinish.text(lang)),
    ));
    items.push((
        format!(
            r##"<svg class="swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true"><line x1="11" y1="0" x2="11" y2="12" stroke="{TODAY}" stroke-width="1.5" stroke-dasharray="3 2"/></svg>"##
        ),
        Msg::Today.text(lang).to_owned(),
    ));
    items.push((
        format!(
            r##"<svg class="swatch" viewBox="0 0 22 12" width="22" height="12" aria-hidden="true"><line x1="11" y1="0" x2="11" y2="12" stroke="{EVENT}" stroke-width="2"/></svg>"##
        ),
        format!("T · {}", Msg::EventDay.text(lang)),
    ));
    let mut out = String::from(r##"<ul class="legend">"##);
    for (icon, text) in items {
        let _ = write!(out, "<li>{icon}<span>{}</span></li>", escape(&text));
    }
    out.push_str("</ul>");
    out
}
