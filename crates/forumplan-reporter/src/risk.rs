//! The report of `forumplan risk`: how likely the forum is to be ready
//! before the event day, when, and what drives the danger. [`RiskReport`]
//! is computed once from a simulation; its serialization is the JSON form
//! (field names fixed by the contract), and the text and HTML forms render
//! it.

use std::io::{self, Write};

use chrono::NaiveDate;
use forumplan_core::Forum;
use forumplan_risk::{ReadyForecast, Simulation};
use serde::Serialize;

use crate::escape;
use crate::i18n::{self, Lang, Msg};
use crate::layout::{pad, shorten_beside, width};

/// How many tasks the text and HTML forms list as the top drivers (the
/// JSON lists every open task).
pub const TOP_DRIVERS: usize = 10;

/// How many iterations the chance in `status` and `check` takes.
pub const HEADLINE_ITERATIONS: u32 = 1000;

/// Plans with more tasks than this get no chance in `status` and `check`:
/// a thousand iterations of them would cost more than the report itself
/// (`forumplan risk` simulates any plan).
pub const HEADLINE_TASK_LIMIT: usize = 2000;

/// The drop of the chance, in points, that `check` reports.
pub const CHANCE_DROP_POINTS: f64 = 10.0;

/// The chance of being ready on time, as the headline of `status` and
/// `check` gives it (a short simulation: see `docs/risk.md`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReadyChance {
    /// P(ready before the event day), 0–1, four decimals.
    pub p_on_time: f64,
    /// The 80th percentile of the forecast ready day.
    pub p80: Option<NaiveDate>,
    /// How many iterations it took.
    pub iterations: u32,
    /// The seed they were drawn with (from the plan and the day).
    pub seed: u64,
}

impl ReadyChance {
    /// The headline's chance from `forecast`.
    pub fn new(forecast: &ReadyForecast) -> ReadyChance {
        ReadyChance {
            p_on_time: round4(forecast.p_on_time()),
            p80: forecast.ready.map(|r| r.p80),
            iterations: forecast.options.iterations,
            seed: forecast.options.seed,
        }
    }

    /// The headline's line: "Khả năng sẵn sàng trước ngày diễn ra: 87,4% ·
    /// Sẵn sàng (P80): 16/09/2022".
    pub fn line(&self, lang: Lang) -> String {
        let chance = format!(
            "{}: {}",
            Msg::ChanceOnTime.text(lang),
            i18n::percent1(lang, self.p_on_time * 100.0)
        );
        match self.p80 {
            Some(day) => format!(
                "{chance} · {}: {}",
                Msg::ReadyP80.text(lang),
                i18n::date(lang, day)
            ),
            None => chance,
        }
    }

    /// The check's shorter line, to fit a phone: "Khả năng kịp: 87,4% ·
    /// P80 16/09/2022".
    pub fn short_line(&self, lang: Lang) -> String {
        let chance = format!(
            "{}: {}",
            Msg::ChanceShort.text(lang),
            i18n::percent1(lang, self.p_on_time * 100.0)
        );
        match self.p80 {
            Some(day) => format!("{chance} · P80 {}", i18n::date(lang, day)),
            None => chance,
        }
    }
}

/// A fall of the chance since the day compared with, as `check` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChanceDrop {
    /// The chance on the earlier day.
    pub from: f64,
    /// The chance now.
    pub to: f64,
}

impl ChanceDrop {
    /// The drop from `before` to `now`, when it is at least
    /// [`CHANCE_DROP_POINTS`] points.
    pub fn between(before: &ReadyChance, now: &ReadyChance) -> Option<ChanceDrop> {
        ((before.p_on_time - now.p_on_time) * 100.0 >= CHANCE_DROP_POINTS - 1e-9).then_some(
            ChanceDrop {
                from: before.p_on_time,
                to: now.p_on_time,
            },
        )
    }

    /// "⚠ Khả năng kịp giảm 12,0 điểm: 50,6% → 38,6%".
    pub fn line(&self, lang: Lang) -> String {
        let points = i18n::percent1(lang, (self.from - self.to) * 100.0);
        let points = points.trim_end_matches('%');
        let (from, to) = (
            i18n::percent1(lang, self.from * 100.0),
            i18n::percent1(lang, self.to * 100.0),
        );
        let label = Msg::ChanceShort.text(lang);
        match lang {
            Lang::Vi => format!("⚠ {label} giảm {points} điểm: {from} → {to}"),
            Lang::En => format!("⚠ {label} fell {points} points: {from} → {to}"),
        }
    }
}

/// The forum, as the report names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForumRef {
    /// `forum.id`.
    pub id: String,
    /// `forum.name`.
    pub name: String,
    /// The event day.
    pub date: NaiveDate,
}

/// The forecast ready day's percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReadyPercentiles {
    /// Median.
    pub p50: NaiveDate,
    /// 80th percentile.
    pub p80: NaiveDate,
    /// 95th percentile.
    pub p95: NaiveDate,
}

/// One workstream's chance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkstreamRisk {
    /// Its id.
    pub id: String,
    /// Its name (not in the JSON, whose fields the contract fixes).
    #[serde(skip)]
    pub name: String,
    /// P(its last pre-event task finishes before the event day).
    pub p_on_time: f64,
}

/// One open task's risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRiskRow {
    /// Its id.
    pub id: String,
    /// Its name (not in the JSON).
    #[serde(skip)]
    pub name: String,
    /// Share of iterations with the task on the driving chain to the finish.
    pub criticality: f64,
    /// Spearman correlation of its duration with the ready day.
    pub sensitivity: f64,
    /// 80th percentile of its early finish.
    pub finish_p80: NaiveDate,
}

/// One bar of the histogram of forecast ready days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HistogramBar {
    /// The day.
    pub day: NaiveDate,
    /// How many iterations were ready on it.
    pub count: u32,
}

/// Everything `forumplan risk` says. Serialized as is, this is its JSON form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskReport {
    /// The forum.
    pub forum: ForumRef,
    /// The day simulated from.
    pub as_of: NaiveDate,
    /// How many iterations.
    pub iterations: u32,
    /// The seed they were drawn with.
    pub seed: u64,
    /// `pert` or `triangular`.
    pub distribution: &'static str,
    /// The deterministic schedule's forecast ready day.
    pub deterministic_ready: Option<NaiveDate>,
    /// Share of iterations ready before the event day (four decimals).
    pub p_on_time: f64,
    /// Its standard error (four decimals).
    pub p_on_time_stderr: f64,
    /// The forecast ready day at P50, P80 and P95 (none without pre-event work).
    pub ready: Option<ReadyPercentiles>,
    /// Per workstream, in plan order.
    pub workstreams: Vec<WorkstreamRisk>,
    /// Every open task, in plan order.
    pub tasks: Vec<TaskRiskRow>,
    /// Every day some iteration was ready on, in order.
    pub histogram: Vec<HistogramBar>,
}

/// `x` rounded to four decimals: what a report needs, and stable to read.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl RiskReport {
    /// The report of `simulation`, run on `forum` as of `as_of`.
    pub fn new(forum: &Forum, as_of: NaiveDate, simulation: &Simulation) -> RiskReport {
        let info = &forum.plan().forum;
        RiskReport {
            forum: ForumRef {
                id: info.id.to_string(),
                name: info.name.clone(),
                date: forum.event_date(),
            },
            as_of,
            iterations: simulation.forecast.options.iterations,
            seed: simulation.forecast.options.seed,
            distribution: simulation.forecast.options.distribution.name(),
            deterministic_ready: simulation.deterministic_ready,
            p_on_time: round4(simulation.p_on_time()),
            p_on_time_stderr: round4(simulation.p_on_time_stderr()),
            ready: simulation.forecast.ready.map(|r| ReadyPercentiles {
                p50: r.p50,
                p80: r.p80,
                p95: r.p95,
            }),
            workstreams: forum
                .workstreams()
                .iter()
                .zip(&simulation.workstreams)
                .map(|(w, &p)| WorkstreamRisk {
                    id: w.id.to_string(),
                    name: w.name.clone(),
                    p_on_time: round4(p),
                })
                .collect(),
            tasks: simulation
                .tasks
                .iter()
                .map(|t| TaskRiskRow {
                    id: forum.task(t.task).id.to_string(),
                    name: forum.task(t.task).name.clone(),
                    criticality: round4(t.criticality),
                    sensitivity: round4(t.sensitivity),
                    finish_p80: t.finish_p80,
                })
                .collect(),
            histogram: simulation
                .histogram
                .iter()
                .map(|&(day, count)| HistogramBar { day, count })
                .collect(),
        }
    }

    /// The tasks that drive the danger most: criticality first, then the
    /// size of the sensitivity, then plan order; tasks that never drive
    /// the finish and whose duration does not move it are left out.
    pub fn top_drivers(&self, count: usize) -> Vec<&TaskRiskRow> {
        let mut rows: Vec<&TaskRiskRow> = self
            .tasks
            .iter()
            .filter(|t| t.criticality > 0.0 || t.sensitivity != 0.0)
            .collect();
        rows.sort_by(|a, b| {
            b.criticality
                .total_cmp(&a.criticality)
                .then(b.sensitivity.abs().total_cmp(&a.sensitivity.abs()))
        });
        rows.truncate(count);
        rows
    }

    /// The histogram with each day's cumulative share (the S-curve).
    pub fn cumulative(&self) -> Vec<(HistogramBar, f64)> {
        let mut seen = 0u64;
        self.histogram
            .iter()
            .map(|&bar| {
                seen += u64::from(bar.count);
                (bar, seen as f64 / f64::from(self.iterations.max(1)))
            })
            .collect()
    }

    /// Writes the HTML form: one self-contained page.
    pub fn write_html(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        crate::html::risk_page::render(self, lang, out)
    }

    /// Writes the JSON form.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }

    /// Writes the text form: the chance, the days, a bar chart of the
    /// ready days, the workstreams and the top drivers.
    pub fn write_text(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        const BAR: usize = 32;
        writeln!(
            out,
            "{} — {}",
            Msg::RiskTitle.text(lang),
            escape::terminal(&self.forum.name)
        )?;
        writeln!(
            out,
            "{}: {} · {}: {}",
            Msg::EventDay.text(lang),
            i18n::date(lang, self.forum.date),
            Msg::AsOf.text(lang),
            i18n::date(lang, self.as_of)
        )?;
        writeln!(
            out,
            "{}",
            i18n::simulation_run(lang, self.iterations, self.distribution, self.seed)
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "{}: {} (± {})",
            Msg::ChanceOnTime.text(lang),
            i18n::percent1(lang, self.p_on_time * 100.0),
            i18n::percent1(lang, self.p_on_time_stderr * 100.0)
        )?;
        if let Some(day) = self.deterministic_ready {
            writeln!(
                out,
                "{}: {}",
                Msg::DeterministicForecast.text(lang),
                i18n::date(lang, day)
            )?;
        }
        if let Some(r) = self.ready {
            writeln!(
                out,
                "P50 {} · P80 {} · P95 {}",
                i18n::date(lang, r.p50),
                i18n::date(lang, r.p80),
                i18n::date(lang, r.p95)
            )?;
        }
        if !self.histogram.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", Msg::ReadyDayDistribution.text(lang))?;
            let most = self.histogram.iter().map(|b| b.count).max().unwrap_or(1);
            for (bar, cumulative) in self.cumulative() {
                let length = (bar.count as usize * BAR).div_ceil(most as usize);
                let glyph = if bar.day < self.forum.date {
                    "█"
                } else {
                    "▒"
                };
                writeln!(
                    out,
                    "{}  {:<BAR$} {:>6} {:>7}",
                    i18n::date(lang, bar.day),
                    glyph.repeat(length),
                    bar.count,
                    i18n::percent1(lang, cumulative * 100.0)
                )?;
            }
            writeln!(out, "{}", Msg::HistogramLegend.text(lang))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", Msg::Workstreams.text(lang))?;
        let name_width = self
            .workstreams
            .iter()
            .map(|w| width(&w.name))
            .max()
            .unwrap_or(0)
            .min(40);
        for w in &self.workstreams {
            writeln!(
                out,
                "  {}  {:>7}",
                pad(&w.name, name_width),
                i18n::percent1(lang, w.p_on_time * 100.0)
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}", Msg::TopDrivers.text(lang))?;
        let drivers = self.top_drivers(TOP_DRIVERS);
        if drivers.is_empty() {
            writeln!(out, "  {}", Msg::NoDrivers.text(lang))?;
        }
        for t in drivers {
            writeln!(
                out,
                "  {} ({})\n    {} {} · {} {} · {} {}",
                shorten_beside(&t.name, &t.id, 70),
                escape::terminal(&t.id),
                Msg::Criticality.text(lang),
                i18n::percent1(lang, t.criticality * 100.0),
                Msg::Sensitivity.text(lang),
                i18n::correlation(lang, t.sensitivity),
                Msg::FinishP80.text(lang),
                i18n::date(lang, t.finish_p80)
            )?;
        }
        Ok(())
    }
}
