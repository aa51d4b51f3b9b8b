//! The Gantt chart: one SVG per workstream on a shared time scale, so that
//! each prints on one page and the whole reads as one chart on screen,
//! after a first chart of the critical path with its dependency arrows.
//!
//! The chart spans the work, not the calendar: from a little before the
//! as-of day (so that the today line is near the left edge, in view on a
//! phone without scrolling sideways) to the last finish of the remaining
//! work, post-event work included. Work that finished before the window is
//! folded into one line per workstream; each workstream draws its worst
//! tasks up to the report's list limit and counts the rest. So the chart
//! grows with the work that matters, never with the span of the dates.
//!
//! Every task drawn in a workstream's chart is exactly one element of class
//! `bar` (a `<rect>`, or a `<polygon>` diamond for a milestone), from its
//! early start to its early finish (inclusive, cut at the window's edges);
//! the part done is a darker `progress` rect inside it, the late finish a
//! `late-marker` at the end of a thin `float` line. Critical tasks carry the
//! class `critical` (red outline, red label). The critical path chart draws
//! the same tasks as `path-bar`, joined by `dependency` arrows. Vertical
//! lines mark the as-of day (`today`) and the event day (`event-day`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use forumplan_core::journal::TaskState;
use forumplan_scheduler::Readiness;

use super::escape;
use crate::i18n::{self, Lang, Msg};
use crate::layout::truncate;
use crate::status::{ListLimit, StatusReport, TaskRow};

/// Width of the chart in SVG units.
const WIDTH: f64 = 1100.0;
/// Width of the task names' column.
const LABEL_WIDTH: f64 = 260.0;
/// Empty space right of the last day.
const RIGHT_PAD: f64 = 14.0;
/// Height of the header band (workstream name, date axis).
const HEADER: f64 = 40.0;
/// Height of one task row.
const ROW: f64 = 19.0;
/// Height of a bar.
const BAR: f64 = 12.0;
/// Columns of a task name before it is cut.
const LABEL_COLUMNS: usize = 40;
/// At most this many date ticks on the axis, whatever the window's length.
const MAX_TICKS: i64 = 14;

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

/// The window of days the chart shows and how wide a day is.
struct Scale {
    /// The first day shown.
    first: NaiveDate,
    /// How many days are shown.
    days: i64,
    day_width: f64,
}

impl Scale {
    /// From a little before the as-of day to the last early finish of the
    /// work not done yet (or the event day, if later), plus a day. Late
    /// finishes beyond it (post-event work with weeks of float) run off the
    /// edge: they would otherwise squeeze the weeks that need attention.
    fn new(report: &StatusReport) -> Scale {
        let as_of = report.as_of;
        let end = report
            .tasks
            .iter()
            .filter(|t| !matches!(t.state, TaskState::Done | TaskState::Cancelled))
            .map(|t| t.early_finish)
            .chain([report.forum.date, as_of])
            .max()
            .unwrap_or(as_of);
        let ahead = (end - as_of).num_days();
        // The days before today take about 8% of the width: enough to see
        // what just finished, little enough that today is in the first
        // screen on a phone.
        let before = (ahead as f64 * 0.08).round().clamp(2.0, 14.0) as u64;
        let first = as_of.checked_sub_days(Days::new(before)).unwrap_or(as_of);
        let days = (end - first).num_days() + 2;
        Scale {
            first,
            days,
            day_width: (WIDTH - LABEL_WIDTH - RIGHT_PAD) / days as f64,
        }
    }

    /// Days from the window's start to `day`, kept inside the window.
    fn offset(&self, day: NaiveDate) -> i64 {
        (day - self.first).num_days().clamp(0, self.days)
    }

    /// The x of the start of `day` (the window's edge for a day outside it).
    fn x(&self, day: NaiveDate) -> f64 {
        LABEL_WIDTH + self.offset(day) as f64 * self.day_width
    }

    /// The x of the end of `day` (the window's edge for a day outside it).
    fn end(&self, day: NaiveDate) -> f64 {
        LABEL_WIDTH + (self.offset(day) + 1).min(self.days) as f64 * self.day_width
    }

    /// Whether `day` is inside the window.
    fn shows(&self, day: NaiveDate) -> bool {
        (0..self.days).contains(&(day - self.first).num_days())
    }
}

/// One line of a chart.
enum Line<'a> {
    /// A task's bar.
    Task(&'a TaskRow),
    /// This many tasks finished before the window.
    Folded(usize),
    /// This many tasks left out at the list limit.
    Hidden(usize),
}

/// How bad a task's state is, for choosing which to draw: late first.
fn severity(t: &TaskRow) -> (u8, bool, i64, NaiveDate) {
    let rank = match t.readiness {
        Some(Readiness::Late) => 0,
        Some(Readiness::AtRisk) => 1,
        Some(Readiness::OnTrack) => 2,
        Some(Readiness::Done) | None => 3,
    };
    (
        rank,
        !t.critical,
        t.total_float.unwrap_or(i64::MAX),
        t.early_start,
    )
}

/// The lines of one workstream's chart: the work finished before the
/// window in one line, then its worst tasks up to `limit`, in plan order,
/// then how many were left out.
fn lines<'a>(scale: &Scale, limit: ListLimit, tasks: &[&'a TaskRow]) -> Vec<Line<'a>> {
    let (before, mut shown): (Vec<&TaskRow>, Vec<&TaskRow>) = tasks.iter().partition(|t| {
        t.early_finish < scale.first && t.actual_finish.is_none_or(|d| d < scale.first)
    });
    let mut hidden = 0;
    if let ListLimit::Worst(n) = limit
        && shown.len() > n
    {
        let mut order: Vec<usize> = (0..shown.len()).collect();
        order.sort_by_key(|&i| severity(shown[i]));
        let mut keep = vec![false; shown.len()];
        for &i in &order[..n] {
            keep[i] = true;
        }
        hidden = shown.len() - n;
        let mut i = 0;
        shown.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
    let mut lines = Vec::with_capacity(shown.len() + 2);
    if !before.is_empty() {
        lines.push(Line::Folded(before.len()));
    }
    lines.extend(shown.into_iter().map(Line::Task));
    if hidden > 0 {
        lines.push(Line::Hidden(hidden));
    }
    lines
}

/// The chart: the critical path first, then one `<svg>` per workstream,
/// in plan order; tasks of a workstream the report does not list (none, in
/// a valid plan) come last under their workstream's id.
pub(super) fn gantt(report: &StatusReport, lang: Lang, limit: ListLimit) -> String {
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
            (w.name.clone(), summary, Vec::new())
        })
        .collect();
    let index: HashMap<&str, usize> = report
        .workstreams
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.as_str(), i))
        .collect();
    let mut strays: HashMap<&str, usize> = HashMap::new();
    for t in &report.tasks {
        let group = match index.get(t.workstream.as_str()) {
            Some(&i) => i,
            None => *strays.entry(t.workstream.as_str()).or_insert_with(|| {
                groups.push((t.workstream.clone(), String::new(), Vec::new()));
                groups.len() - 1
            }),
        };
        groups[group].2.push(t);
    }
    let mut out = String::new();
    critical_chart(&mut out, report, lang, &scale, limit);
    for (name, summary, tasks) in groups.iter().filter(|g| !g.2.is_empty()) {
        let lines = lines(&scale, limit, tasks);
        let chart = Chart {
            report,
            lang,
            scale: &scale,
            name,
            summary,
            bar: "bar",
        };
        chart.draw(&mut out, &lines, &[]);
    }
    out
}

/// The critical path as a chart of its own, its tasks by start day, each
/// link between two of them drawn as an arrow; nothing when there is none.
fn critical_chart(
    out: &mut String,
    report: &StatusReport,
    lang: Lang,
    scale: &Scale,
    limit: ListLimit,
) {
    // Each task once, however many chains it lies on.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut tasks: Vec<&TaskRow> = report
        .critical_paths
        .iter()
        .flatten()
        .filter(|t| seen.insert(t.id.as_str()))
        .collect();
    if tasks.is_empty() {
        return;
    }
    tasks.sort_by_key(|t| (t.early_start, t.early_finish));
    let (shown, hidden) = limit.cut(&tasks);
    let row_of: HashMap<&str, usize> = shown
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut links: Vec<(usize, usize)> = report
        .critical_paths
        .iter()
        .flat_map(|path| path.windows(2))
        .filter_map(|pair| {
            Some((
                *row_of.get(pair[0].id.as_str())?,
                *row_of.get(pair[1].id.as_str())?,
            ))
        })
        .collect();
    links.sort_unstable();
    links.dedup();
    let mut lines: Vec<Line<'_>> = shown.iter().map(|&t| Line::Task(t)).collect();
    if hidden > 0 {
        lines.push(Line::Hidden(hidden));
    }
    let summary = format!("{} {}", tasks.len(), Msg::Tasks.text(lang).to_lowercase());
    let chart = Chart {
        report,
        lang,
        scale,
        name: Msg::CriticalPath.text(lang),
        summary: &summary,
        bar: "path-bar",
    };
    chart.draw(out, &lines, &links);
}

/// What one `<svg>` of the chart shows, and how.
struct Chart<'a> {
    report: &'a StatusReport,
    lang: Lang,
    scale: &'a Scale,
    name: &'a str,
    summary: &'a str,
    /// The class of the task bars: `bar` in a workstream's chart,
    /// `path-bar` in the critical path's (so that `bar` counts each task once).
    bar: &'a str,
}

impl Chart<'_> {
    /// Draws the chart of `lines`, with an arrow for each `(from, to)` pair
    /// of line numbers.
    fn draw(&self, out: &mut String, lines: &[Line<'_>], links: &[(usize, usize)]) {
        let Chart {
            report,
            lang,
            scale,
            name,
            summary,
            ..
        } = *self;
        let height = HEADER + lines.len() as f64 * ROW + 6.0;
        let bottom = height - 2.0;
        let _ = writeln!(
            out,
            r##"<svg class="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="100%" role="img" aria-label="{} — {}" font-family="system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif" font-size="11">"##,
            escape(Msg::Gantt.text(lang)),
            escape(name),
        );
        if !links.is_empty() {
            let _ = writeln!(
                out,
                r##"<defs><marker id="dependency-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L10 5L0 10z" fill="{CRITICAL}"/></marker></defs>"##
            );
        }
        // Header band: the workstream, its summary, the date ticks.
        let _ = writeln!(
            out,
            r##"<rect x="0" y="0" width="{WIDTH}" height="{HEADER}" fill="#eef2f7"/>"##
        );
        let _ = writeln!(
            out,
            r##"<text class="ws-name" x="8" y="16" font-size="13" font-weight="700" fill="{EVENT}">{}</text>"##,
            escape(&truncate(name, 34))
        );
        if !summary.is_empty() {
            let _ = writeln!(
                out,
                r##"<text x="8" y="32" fill="{MUTED}">{}</text>"##,
                escape(summary)
            );
        }
        // Row stripes, then the date grid over them.
        for i in (1..lines.len()).step_by(2) {
            let y = HEADER + i as f64 * ROW;
            let _ = writeln!(
                out,
                r##"<rect x="0" y="{y:.1}" width="{WIDTH}" height="{ROW}" fill="#f7f9fb"/>"##
            );
        }
        self.ticks(out, bottom);
        let _ = writeln!(
            out,
            r##"<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{bottom:.1}" stroke="#c9d2dc" stroke-width="1"/>"##
        );
        for (i, line) in lines.iter().enumerate() {
            let y = HEADER + i as f64 * ROW;
            match *line {
                Line::Task(t) => task_row(out, lang, scale, t, y, self.bar),
                Line::Folded(count) => {
                    let _ = writeln!(
                        out,
                        r##"<text class="folded" x="8" y="{:.1}" fill="{MUTED}">✓ {count} {} {}</text>"##,
                        y + 13.5,
                        escape(Msg::FinishedBefore.text(lang)),
                        escape(&i18n::date(lang, scale.first)),
                    );
                }
                Line::Hidden(count) => {
                    let _ = writeln!(
                        out,
                        r##"<text class="hidden-tasks" x="8" y="{:.1}" fill="{MUTED}" font-style="italic">… {count} {}</text>"##,
                        y + 13.5,
                        escape(Msg::MoreTasksHidden.text(lang)),
                    );
                }
            }
        }
        for &(from, to) in links {
            let (Line::Task(a), Line::Task(b)) = (&lines[from], &lines[to]) else {
                continue;
            };
            dependency(
                out,
                scale,
                a,
                HEADER + from as f64 * ROW,
                b,
                HEADER + to as f64 * ROW,
            );
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
        if scale.shows(report.forum.date) {
            let _ = writeln!(
                out,
                r##"<line class="event-day" x1="{event:.1}" y1="6" x2="{event:.1}" y2="{bottom:.1}" stroke="{EVENT}" stroke-width="2"/><text x="{:.1}" y="15" text-anchor="{event_anchor}" font-size="10" font-weight="700" fill="{EVENT}">T {}</text>"##,
                event + event_dx,
                escape(&short_date(lang, report.forum.date)),
            );
        }
        out.push_str("</svg>\n");
    }

    /// The date grid: at most `MAX_TICKS` lines, a whole number of weeks
    /// apart, on Mondays; labels give way to the today and event lines.
    fn ticks(&self, out: &mut String, bottom: f64) {
        let Chart {
            report,
            lang,
            scale,
            ..
        } = *self;
        let weeks = (scale.days / 7 / MAX_TICKS + 1).max(1);
        let long = scale.days > 330;
        let lines = [scale.x(report.as_of), scale.x(report.forum.date)];
        let mut day = scale.first;
        while day.weekday() != Weekday::Mon {
            day = day + Days::new(1);
        }
        while scale.shows(day) {
            let x = scale.x(day);
            let label_clear = !lines.iter().any(|&line| line > x && line < x + 40.0);
            let label = match (lang, long) {
                (Lang::Vi, false) => day.format("%d/%m").to_string(),
                (Lang::En, false) => day.format("%m-%d").to_string(),
                (Lang::Vi, true) => day.format("%m/%Y").to_string(),
                (Lang::En, true) => day.format("%Y-%m").to_string(),
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
            let Some(next) = day.checked_add_days(Days::new(7 * weeks as u64)) else {
                break;
            };
            day = next;
        }
    }
}

/// An arrow from the end of `a`'s bar (row top `ya`) to the start of `b`'s
/// (row top `yb`): out to the right, down or up, then into `b`.
fn dependency(out: &mut String, scale: &Scale, a: &TaskRow, ya: f64, b: &TaskRow, yb: f64) {
    let x1 = scale.end(a.early_finish);
    let x2 = scale.x(b.early_start);
    let (y1, y2) = (ya + ROW / 2.0, yb + ROW / 2.0);
    let bend = (x1 + 4.0).min(x2 - 3.0).max(LABEL_WIDTH + 1.0);
    let _ = writeln!(
        out,
        r##"<path class="dependency" d="M{x1:.1} {y1:.1}H{bend:.1}V{y2:.1}H{x2:.1}" fill="none" stroke="{CRITICAL}" stroke-width="1.2" marker-end="url(#dependency-arrow)"/>"##
    );
}

fn short_date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Vi => day.format("%d/%m").to_string(),
        Lang::En => day.format("%m-%d").to_string(),
    }
}

fn task_row(out: &mut String, lang: Lang, scale: &Scale, t: &TaskRow, y: f64, bar: &str) {
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
        (true, true) => format!("{bar} milestone critical"),
        (true, false) => format!("{bar} milestone"),
        (false, true) => format!("{bar} critical"),
        (false, false) => bar.to_owned(),
    };
    // The float: a thin line from the early finish to the late finish,
    // ending in the late-finish marker (not for work done or dropped).
    let finish = if milestone {
        scale.x(t.early_finish) + scale.day_width / 2.0
    } else {
        scale.end(t.early_finish)
    };
    // Nor for work with no forecast: preparation left unfinished at the
    // event is history, drawn grey without a late finish.
    if !matches!(t.state, TaskState::Done | TaskState::Cancelled) && t.readiness.is_some() {
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
        let marker = if !scale.shows(t.late_finish) {
            // The late finish is outside the window: no marker at its edge.
            ""
        } else if t.total_float.is_some_and(|f| f < 0) {
            TODAY
        } else {
            "#37474f"
        };
        if !marker.is_empty() {
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
        i18n::task_readiness(lang, t.readiness, t.state),
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
