//! The small charts: completion by workstream (horizontal bars coloured by
//! the workstream's colour) and the handoff graph (workstreams as boxes on
//! an ellipse, one arrow per ordered pair, coloured by the worst pending
//! delivery).
//!
//! For `forumplan risk`: the histogram of the forecast ready days and the
//! S-curve of the chance of being ready by each day, on one day axis.
//!
//! No element here has a class beginning with `bar`: that class is the
//! Gantt chart's, one per task.

use std::fmt::Write as _;

use chrono::NaiveDate;
use forumplan_scheduler::Readiness;

use super::escape;
use crate::i18n::{self, Lang, Msg};
use crate::layout::truncate;
use crate::risk::RiskReport;
use crate::status::StatusReport;

const FONT: &str =
    "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
const INK: &str = "#1d2733";
const MUTED: &str = "#5b6675";

/// Colour and width of a handoff arrow.
fn flag_stroke(flag: Readiness) -> (&'static str, f64) {
    match flag {
        Readiness::Late => ("#c62828", 2.6),
        Readiness::AtRisk => ("#e09600", 2.2),
        Readiness::OnTrack => ("#2e7d32", 1.8),
        Readiness::Done => ("#d3d9e0", 1.0),
    }
}

/// Completion by workstream: one horizontal bar each, 0–100 %, under the
/// workstream's name (names above the bars keep the chart narrow enough to
/// read on a phone).
pub(super) fn completion(report: &StatusReport, lang: Lang) -> String {
    const WIDTH: f64 = 420.0;
    const LEFT: f64 = 4.0;
    const TRACK: f64 = 364.0;
    const ROW: f64 = 38.0;
    let height = report.workstreams.len() as f64 * ROW + 22.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg class="completion-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="100%" role="img" aria-label="{}" font-family="{FONT}" font-size="13">"#,
        escape(Msg::CompletionByWorkstream.text(lang))
    );
    for pct in [0, 25, 50, 75, 100] {
        let x = LEFT + TRACK * f64::from(pct) / 100.0;
        let anchor = match pct {
            0 => "start",
            100 => "end",
            _ => "middle",
        };
        let _ = writeln!(
            out,
            r##"<line x1="{x:.1}" y1="18" x2="{x:.1}" y2="{:.1}" stroke="#e3e8ee"/><text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" font-size="10" fill="{MUTED}">{pct}%</text>"##,
            height - 18.0,
            height - 5.0
        );
    }
    for (i, w) in report.workstreams.iter().enumerate() {
        let y = i as f64 * ROW;
        let (strong, light) = crate::colour::rag(w.rag);
        let width = TRACK * w.completion.clamp(0.0, 100.0) / 100.0;
        let _ = writeln!(
            out,
            r#"<g class="completion-row"><title>{}: {} ({}/{}) · {}</title><text x="{LEFT}" y="{:.1}" fill="{INK}">{}</text><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{strong}" font-weight="700">{}</text><rect class="ctrack" x="{LEFT}" y="{:.1}" width="{TRACK}" height="14" rx="3" fill="{light}"/><rect class="cbar" x="{LEFT}" y="{:.1}" width="{width:.1}" height="14" rx="3" fill="{strong}"/><text x="{:.1}" y="{:.1}" font-weight="700" fill="{INK}">{}</text></g>"#,
            escape(&w.name),
            i18n::percent(w.completion),
            w.done,
            w.total,
            escape(i18n::rag(lang, w.rag)),
            y + 14.0,
            escape(&truncate(&w.name, 44)),
            LEFT + TRACK,
            y + 14.0,
            escape(i18n::rag(lang, w.rag)),
            y + 19.0,
            y + 19.0,
            LEFT + TRACK + 6.0,
            y + 30.5,
            i18n::percent(w.completion),
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The handoff graph; empty when no workstream waits on another.
pub(super) fn handoffs(report: &StatusReport, lang: Lang) -> String {
    const WIDTH: f64 = 560.0;
    const HEIGHT: f64 = 470.0;
    const BOX_W: f64 = 168.0;
    const BOX_H: f64 = 62.0;
    if report.handoffs.is_empty() {
        return String::new();
    }
    let n = report.workstreams.len();
    let centre = |i: usize| -> (f64, f64) {
        if n <= 1 {
            return (WIDTH / 2.0, HEIGHT / 2.0);
        }
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
        (
            WIDTH / 2.0 + (WIDTH / 2.0 - BOX_W / 2.0 - 8.0) * angle.cos(),
            HEIGHT / 2.0 + (HEIGHT / 2.0 - BOX_H / 2.0 - 8.0) * angle.sin(),
        )
    };
    let index = |id: &str| report.workstreams.iter().position(|w| w.id == id);
    let name = |id| report.workstream_name(id);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg class="handoff-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{}" font-family="{FONT}" font-size="15">"#,
        escape(Msg::Handoffs.text(lang))
    );
    out.push_str("<defs>");
    for (key, flag) in [
        ("late", Readiness::Late),
        ("at-risk", Readiness::AtRisk),
        ("on-track", Readiness::OnTrack),
        ("done", Readiness::Done),
    ] {
        let (colour, _) = flag_stroke(flag);
        let _ = write!(
            out,
            r#"<marker id="handoff-arrow-{key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{colour}"/></marker>"#
        );
    }
    out.push_str("</defs>\n");
    // Arrows first (quiet ones under loud ones), boxes over them.
    let mut edges: Vec<_> = report.handoffs.iter().collect();
    edges.sort_by_key(|h| match h.flag {
        Readiness::Done => 0,
        Readiness::OnTrack => 1,
        Readiness::AtRisk => 2,
        Readiness::Late => 3,
    });
    let mut labels = String::new();
    for handoff in edges {
        let (Some(a), Some(b)) = (index(&handoff.from), index(&handoff.to)) else {
            continue;
        };
        let (ax, ay) = centre(a);
        let (bx, by) = centre(b);
        let (dx, dy) = (bx - ax, by - ay);
        let length = dx.hypot(dy).max(1.0);
        // Bend to the right of the direction of travel, so that the two
        // arrows of a pair never overlap.
        let bend = 0.12 * length;
        let (cx, cy) = (
            (ax + bx) / 2.0 - dy / length * bend,
            (ay + by) / 2.0 + dx / length * bend,
        );
        let (sx, sy) = box_exit((ax, ay), (cx, cy), BOX_W / 2.0 + 3.0, BOX_H / 2.0 + 3.0);
        let (ex, ey) = box_exit((bx, by), (cx, cy), BOX_W / 2.0 + 4.0, BOX_H / 2.0 + 4.0);
        let (colour, width) = flag_stroke(handoff.flag);
        let key = super::readiness_class(handoff.flag);
        let waiting = handoff.pending.len();
        if waiting == 0 {
            // Nothing left to hand over: a faint straight line in the
            // background, so that the arrows that matter stand out.
            let (sx, sy) = box_exit((ax, ay), (bx, by), BOX_W / 2.0, BOX_H / 2.0);
            let (ex, ey) = box_exit((bx, by), (ax, ay), BOX_W / 2.0, BOX_H / 2.0);
            let _ = writeln!(
                out,
                r#"<path class="edge {key}" d="M{sx:.1} {sy:.1}L{ex:.1} {ey:.1}" fill="none" stroke="{colour}" stroke-width="{width}"><title>{}: {} → {}</title></path>"#,
                escape(i18n::readiness(lang, handoff.flag)),
                escape(name(&handoff.from)),
                escape(name(&handoff.to)),
            );
            continue;
        }
        let title = format!(
            "{} {} {}: {waiting} {} ({})",
            name(&handoff.to),
            Msg::WaitsOn.text(lang),
            name(&handoff.from),
            Msg::Pending.text(lang),
            i18n::readiness(lang, handoff.flag)
        );
        let _ = writeln!(
            out,
            r#"<path class="edge {key}" d="M{sx:.1} {sy:.1}Q{cx:.1} {cy:.1} {ex:.1} {ey:.1}" fill="none" stroke="{colour}" stroke-width="{width}" marker-end="url(#handoff-arrow-{key})"><title>{}</title></path>"#,
            escape(&title)
        );
        {
            let (mx, my) = (
                0.25 * sx + 0.5 * cx + 0.25 * ex,
                0.25 * sy + 0.5 * cy + 0.25 * ey,
            );
            let _ = writeln!(
                labels,
                r##"<g class="edge-label"><title>{}</title><circle cx="{mx:.1}" cy="{my:.1}" r="11" fill="#fff" stroke="{colour}" stroke-width="1.5"/><text x="{mx:.1}" y="{:.1}" text-anchor="middle" font-size="13" font-weight="700" fill="{colour}">{waiting}</text></g>"##,
                escape(&title),
                my + 4.5
            );
        }
    }
    for (i, w) in report.workstreams.iter().enumerate() {
        let (x, y) = centre(i);
        let (strong, light) = crate::colour::rag(w.rag);
        let lines = wrap(&w.name, 18);
        let _ = write!(
            out,
            r#"<g class="node"><title>{}: {} · {}</title><rect x="{:.1}" y="{:.1}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="{light}" stroke="{strong}" stroke-width="1.8"/>"#,
            escape(&w.name),
            escape(i18n::rag(lang, w.rag)),
            i18n::percent(w.completion),
            x - BOX_W / 2.0,
            y - BOX_H / 2.0,
        );
        let first = if lines.len() > 1 { y - 13.0 } else { y - 2.0 };
        for (n, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="700" fill="{INK}">{}</text>"#,
                first + 17.0 * n as f64,
                escape(line)
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="12" font-weight="700" fill="{strong}">{} · {}</text></g>"#,
            y + 25.0,
            escape(i18n::rag(lang, w.rag)),
            i18n::percent(w.completion),
        );
    }
    out.push_str(&labels);
    out.push_str("</svg>\n");
    out.push_str(r#"<ul class="legend">"#);
    for flag in [
        Readiness::Late,
        Readiness::AtRisk,
        Readiness::OnTrack,
        Readiness::Done,
    ] {
        let (colour, width) = flag_stroke(flag);
        let key = super::readiness_class(flag);
        let head = if flag == Readiness::Done {
            String::new()
        } else {
            format!(r#" marker-end="url(#handoff-arrow-{key})""#)
        };
        let _ = write!(
            out,
            r#"<li><svg class="swatch" viewBox="0 0 30 12" width="30" height="12" aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" stroke="{colour}" stroke-width="{width}"{head}/></svg><span>{}</span></li>"#,
            escape(i18n::readiness(lang, flag))
        );
    }
    out.push_str("</ul>\n");
    out
}

/// Where the ray from a box's centre towards `towards` leaves the box of
/// half-width `hw` and half-height `hh`.
fn box_exit(centre: (f64, f64), towards: (f64, f64), hw: f64, hh: f64) -> (f64, f64) {
    let (dx, dy) = (towards.0 - centre.0, towards.1 - centre.1);
    if dx == 0.0 && dy == 0.0 {
        return centre;
    }
    let tx = if dx == 0.0 {
        f64::INFINITY
    } else {
        hw / dx.abs()
    };
    let ty = if dy == 0.0 {
        f64::INFINITY
    } else {
        hh / dy.abs()
    };
    let t = tx.min(ty);
    (centre.0 + dx * t, centre.1 + dy * t)
}

/// `text` in at most two lines of about `columns` columns, split between
/// words; the second line is cut with `…` when the text is longer.
fn wrap(text: &str, columns: usize) -> Vec<String> {
    if crate::layout::width(text) <= columns {
        return vec![text.to_owned()];
    }
    let mut first = String::new();
    let mut rest = text;
    for (at, _) in text.match_indices(' ') {
        if crate::layout::width(&text[..at]) > columns {
            break;
        }
        first = text[..at].to_owned();
        rest = text[at + 1..].trim_start();
    }
    if first.is_empty() {
        return vec![truncate(text, columns)];
    }
    vec![first, truncate(rest, columns)]
}

/// The plot area both risk charts share: one column per day from the first
/// to the last ready day of the iterations (the event day included), so
/// the histogram and the S-curve line up.
struct DayAxis {
    first: NaiveDate,
    days: i64,
}

impl DayAxis {
    const LEFT: f64 = 40.0;
    const WIDTH: f64 = 620.0;
    const PLOT: f64 = Self::WIDTH - Self::LEFT - 10.0;

    fn of(report: &RiskReport) -> Option<DayAxis> {
        let first = report.histogram.first()?.day.min(report.forum.date);
        let last = report.histogram.last()?.day.max(report.forum.date);
        Some(DayAxis {
            first,
            days: (last - first).num_days() + 1,
        })
    }

    /// The left edge of `day`'s column.
    fn x(&self, day: NaiveDate) -> f64 {
        Self::LEFT + Self::PLOT * (day - self.first).num_days() as f64 / self.days as f64
    }

    fn column(&self) -> f64 {
        Self::PLOT / self.days as f64
    }

    /// The event day's line and a few day labels under the plot at `base`.
    fn marks(&self, report: &RiskReport, lang: Lang, top: f64, base: f64) -> String {
        let mut out = String::new();
        let event = self.x(report.forum.date);
        let _ = writeln!(
            out,
            r##"<line class="event-line" x1="{event:.1}" y1="{top:.1}" x2="{event:.1}" y2="{base:.1}" stroke="#c62828" stroke-dasharray="4 3"/><text x="{event:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#c62828">{}</text>"##,
            top - 4.0,
            escape(Msg::EventDay.text(lang))
        );
        let step = (self.days / 6).max(1);
        let mut day = self.first;
        while day < self.first + chrono::Days::new(self.days as u64) {
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="{MUTED}">{}</text>"#,
                self.x(day) + self.column() / 2.0,
                base + 14.0,
                escape(&i18n::date(lang, day))
            );
            day = day + chrono::Days::new(step as u64);
        }
        out
    }
}

/// The histogram of the iterations' forecast ready days: one bar per day,
/// red from the event day on.
pub(super) fn ready_histogram(report: &RiskReport, lang: Lang) -> String {
    const HEIGHT: f64 = 200.0;
    const TOP: f64 = 18.0;
    const BASE: f64 = HEIGHT - 26.0;
    let Some(axis) = DayAxis::of(report) else {
        return String::new();
    };
    let most = report
        .histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg class="risk-histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {HEIGHT}" width="100%" role="img" aria-label="{}" font-family="{FONT}" font-size="12">"#,
        DayAxis::WIDTH,
        escape(Msg::ReadyDayChart.text(lang))
    );
    let _ = writeln!(
        out,
        r##"<line x1="{}" y1="{BASE}" x2="{}" y2="{BASE}" stroke="#c9d1da"/>"##,
        DayAxis::LEFT,
        DayAxis::LEFT + DayAxis::PLOT
    );
    for bar in &report.histogram {
        let height = (BASE - TOP) * f64::from(bar.count) / f64::from(most);
        let colour = if bar.day < report.forum.date {
            "#2e7d32"
        } else {
            "#c62828"
        };
        let _ = writeln!(
            out,
            r#"<rect class="day-bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{height:.1}" fill="{colour}"><title>{}: {}</title></rect>"#,
            axis.x(bar.day) + 0.5,
            BASE - height,
            (axis.column() - 1.0).max(1.0),
            escape(&i18n::date(lang, bar.day)),
            bar.count
        );
    }
    out.push_str(&axis.marks(report, lang, TOP, BASE));
    out.push_str("</svg>\n");
    out
}

/// The S-curve: the chance of being ready by each day, 0–100 %.
pub(super) fn s_curve(report: &RiskReport, lang: Lang) -> String {
    const HEIGHT: f64 = 200.0;
    const TOP: f64 = 18.0;
    const BASE: f64 = HEIGHT - 26.0;
    let Some(axis) = DayAxis::of(report) else {
        return String::new();
    };
    let y = |share: f64| BASE - (BASE - TOP) * share;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg class="risk-s-curve" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {HEIGHT}" width="100%" role="img" aria-label="{}" font-family="{FONT}" font-size="12">"#,
        DayAxis::WIDTH,
        escape(Msg::CumulativeChance.text(lang))
    );
    for pct in [0, 50, 80, 100] {
        let at = y(f64::from(pct) / 100.0);
        let _ = writeln!(
            out,
            r##"<line x1="{}" y1="{at:.1}" x2="{}" y2="{at:.1}" stroke="#e3e8ee"/><text x="{}" y="{:.1}" text-anchor="end" font-size="10" fill="{MUTED}">{pct}%</text>"##,
            DayAxis::LEFT,
            DayAxis::LEFT + DayAxis::PLOT,
            DayAxis::LEFT - 4.0,
            at + 3.0
        );
    }
    // A step up at the end of each day's column: ready by the end of it.
    let mut path = format!("M{:.1} {:.1}", DayAxis::LEFT, y(0.0));
    for (bar, share) in report.cumulative() {
        let right = axis.x(bar.day) + axis.column();
        let _ = write!(
            path,
            "L{:.1} {:.1}L{right:.1} {:.1}",
            axis.x(bar.day),
            y(share - f64::from(bar.count) / f64::from(report.iterations.max(1))),
            y(share)
        );
    }
    let _ = writeln!(
        out,
        r##"<path class="s-curve" d="{path}" fill="none" stroke="#0d2f5a" stroke-width="2"/>"##
    );
    out.push_str(&axis.marks(report, lang, TOP, BASE));
    out.push_str("</svg>\n");
    out
}
