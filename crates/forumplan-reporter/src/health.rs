//! The output of `forumplan health`: the fourteen checks as text or JSON.
//!
//! The JSON field names are a stable interface (`shared/design/risk.md`):
//! `{ "pass", "checks": [ { "number", "name", "metric", "threshold",
//! "pass", "skipped", "tasks" } ] }`, the checks in order. A share or an
//! index is a number rounded to four decimals, a count a whole number; a
//! skipped check has a `null` metric and passes.

use std::io::{self, Write};

use forumplan_core::Forum;
use forumplan_scheduler::health::{Check, CheckResult, HealthReport, Metric, Threshold};
use serde::Serialize;

use crate::escape::terminal;
use crate::i18n::health::{HealthMsg, check_title, failed_count, skip_note};
use crate::i18n::{self, Lang, Msg};

/// A health report with the forum it is about.
#[derive(Debug, Clone, Copy)]
pub struct HealthView<'a> {
    /// The forum checked.
    pub forum: &'a Forum,
    /// The checks.
    pub report: &'a HealthReport,
}

#[derive(Serialize)]
struct JsonHealth<'a> {
    pass: bool,
    checks: Vec<JsonCheck<'a>>,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    number: u8,
    name: &'static str,
    metric: Option<Number>,
    threshold: Number,
    pass: bool,
    skipped: bool,
    tasks: Vec<&'a str>,
}

/// A share or index (a fraction), or a count (a whole number).
#[derive(Serialize)]
#[serde(untagged)]
enum Number {
    Fraction(f64),
    Whole(u64),
}

impl Number {
    fn metric(metric: Metric) -> Number {
        match metric {
            Metric::Count(n) => Number::Whole(n),
            share => Number::Fraction((share.value() * 10_000.0).round() / 10_000.0),
        }
    }

    fn threshold(threshold: Threshold) -> Number {
        match threshold {
            Threshold::AtMost(n) => Number::Whole(u64::from(n)),
            share => Number::Fraction(share.value()),
        }
    }
}

impl HealthView<'_> {
    fn ids(&self, check: &CheckResult) -> Vec<&str> {
        check
            .tasks
            .iter()
            .map(|&t| self.forum.task(t).id.as_str())
            .collect()
    }

    /// Writes the report as pretty JSON, ending in a newline.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let document = JsonHealth {
            pass: self.report.pass(),
            checks: self
                .report
                .checks
                .iter()
                .map(|check| JsonCheck {
                    number: check.check.number(),
                    name: check.check.name(),
                    metric: check.metric.map(Number::metric),
                    threshold: Number::threshold(check.threshold),
                    pass: check.pass(),
                    skipped: check.skipped.is_some(),
                    tasks: self.ids(check),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }

    /// Writes the report for people: one line per check (metric,
    /// threshold, outcome), the offending tasks under a failing one (the
    /// first `list_limit`, 0 for all), the skip note under a skipped one.
    pub fn write_text(&self, out: &mut dyn Write, lang: Lang, list_limit: usize) -> io::Result<()> {
        let info = &self.forum.plan().forum;
        writeln!(out, "{}", HealthMsg::Title.text(lang))?;
        writeln!(
            out,
            "{} ({}), {} {}",
            terminal(&info.name),
            terminal(&info.id),
            Msg::AsOf.text(lang).to_lowercase(),
            i18n::date(lang, self.report.as_of)
        )?;
        writeln!(
            out,
            "{}: {}",
            HealthMsg::HighBound.text(lang),
            self.report.high_bound
        )?;
        writeln!(out)?;
        let width = Check::ALL
            .iter()
            .map(|&c| crate::layout::width(check_title(lang, c)))
            .max()
            .unwrap_or_default();
        for check in &self.report.checks {
            let title = check_title(lang, check.check);
            let metric = check
                .metric
                .map_or_else(|| "-".to_owned(), |m| shown(lang, check.check, m));
            let outcome = match (check.skipped, check.pass()) {
                (Some(_), _) => HealthMsg::Skipped,
                (None, true) => HealthMsg::Pass,
                (None, false) => HealthMsg::Fail,
            };
            writeln!(
                out,
                "{:>2}  {}  {:>7}  {:<8}  {}",
                check.check.number(),
                crate::layout::pad(title, width),
                metric,
                limit(lang, check.check, check.threshold),
                outcome.text(lang)
            )?;
            if let Some(skip) = check.skipped {
                writeln!(out, "    {}", skip_note(lang, skip))?;
            } else if !check.pass() && !check.tasks.is_empty() {
                let ids = self.ids(check);
                let shown = if list_limit == 0 {
                    ids.len()
                } else {
                    list_limit.min(ids.len())
                };
                // `wrap` makes the ids safe for the terminal.
                let mut line = ids[..shown].join(", ");
                if shown < ids.len() {
                    line = format!("{line} {}", i18n::more(lang, ids.len() - shown));
                }
                // Wrapped to the terminal's 80 columns, under the check.
                let line = format!("{}: {line}", HealthMsg::Tasks.text(lang));
                for part in crate::layout::wrap(&line, 76) {
                    writeln!(out, "    {part}")?;
                }
            }
        }
        writeln!(out)?;
        let failed = self.report.checks.iter().filter(|c| !c.pass()).count();
        if failed == 0 {
            writeln!(out, "{}", HealthMsg::AllPass.text(lang))
        } else {
            writeln!(out, "{}", failed_count(lang, failed))
        }
    }
}

/// A number with the language's decimal mark.
fn decimal(lang: Lang, text: String) -> String {
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A metric for people: a share in percent, an index with two decimals, a count.
fn shown(lang: Lang, check: Check, metric: Metric) -> String {
    match (check, metric) {
        (_, Metric::Count(n)) => n.to_string(),
        (Check::Cpli | Check::Bei, index) => decimal(lang, format!("{:.2}", index.value())),
        (_, share) => decimal(lang, format!("{:.1}%", share.value() * 100.0)),
    }
}

/// A threshold for people: "≤ 5%", "≥ 0.95", "≤ 0".
fn limit(lang: Lang, check: Check, threshold: Threshold) -> String {
    match (check, threshold) {
        (_, Threshold::AtMost(n)) => format!("≤ {n}"),
        (Check::Cpli | Check::Bei, t) => decimal(lang, format!("≥ {:.2}", t.value())),
        (_, Threshold::AtLeastPercent(p)) => format!("≥ {p}%"),
        (_, Threshold::AtMostPercent(p)) => format!("≤ {p}%"),
    }
}
