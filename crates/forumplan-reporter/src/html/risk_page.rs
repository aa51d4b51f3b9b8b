//! The HTML form of `forumplan risk`: one self-contained page with the
//! chance, the ready days, the histogram and S-curve (SVG), the
//! workstreams and the top drivers; the status page's style sheet.

use std::collections::BTreeMap;
use std::io::{self, Write};

use minijinja::{Value, context};

use super::{charts, environment, template_error};
use crate::i18n::{self, Lang, Msg};
use crate::risk::{RiskReport, TOP_DRIVERS};

/// The page template.
pub(super) const TEMPLATE: &str = include_str!("../../templates/risk.html");

/// Renders `report` as one HTML page in `lang`.
pub(crate) fn render(report: &RiskReport, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let env = environment()?;
    let date = |d| i18n::date(lang, d);
    let percent = |p: f64| i18n::percent1(lang, p * 100.0);
    let ready = report.ready.map(|r| {
        context! { p50 => date(r.p50), p80 => date(r.p80), p95 => date(r.p95) }
    });
    let workstreams: Vec<Value> = report
        .workstreams
        .iter()
        .map(|w| {
            context! {
                id => &w.id, name => &w.name, p => percent(w.p_on_time),
                width => format!("{:.1}", (w.p_on_time * 100.0).clamp(0.0, 100.0)),
            }
        })
        .collect();
    let drivers: Vec<Value> = report
        .top_drivers(TOP_DRIVERS)
        .into_iter()
        .map(|t| {
            context! {
                id => &t.id, name => &t.name,
                criticality => percent(t.criticality),
                sensitivity => i18n::correlation(lang, t.sensitivity),
                finish_p80 => date(t.finish_p80),
            }
        })
        .collect();
    let page = env
        .get_template("risk.html")
        .and_then(|t| {
            t.render(context! {
                lang => lang.code(),
                l => labels(lang),
                forum_name => &report.forum.name,
                event_day => date(report.forum.date),
                as_of => date(report.as_of),
                run => i18n::simulation_run(lang, report.iterations, report.distribution, report.seed),
                p_on_time => percent(report.p_on_time),
                stderr => percent(report.p_on_time_stderr),
                good => report.p_on_time >= 0.8,
                deterministic => report.deterministic_ready.map(date),
                ready => ready,
                histogram_svg => Value::from_safe_string(charts::ready_histogram(report, lang)),
                s_curve_svg => Value::from_safe_string(charts::s_curve(report, lang)),
                workstreams => workstreams,
                drivers => drivers,
            })
        })
        .map_err(template_error)?;
    out.write_all(page.as_bytes())
}

/// Every label the template uses, by a snake_case key.
fn labels(lang: Lang) -> Value {
    let pairs = [
        ("title", Msg::RiskTitle),
        ("event_day", Msg::EventDay),
        ("as_of", Msg::AsOf),
        ("chance", Msg::ChanceOnTime),
        ("deterministic", Msg::DeterministicForecast),
        ("ready_p80", Msg::ReadyP80),
        ("histogram", Msg::ReadyDayChart),
        ("s_curve", Msg::CumulativeChance),
        ("workstreams", Msg::Workstreams),
        ("workstream", Msg::Workstream),
        ("drivers", Msg::TopDrivers),
        ("no_drivers", Msg::NoDrivers),
        ("task", Msg::Task),
        ("criticality", Msg::Criticality),
        ("sensitivity", Msg::Sensitivity),
        ("finish_p80", Msg::FinishP80),
        // The style sheet numbers printed pages.
        ("page", Msg::Page),
    ];
    pairs
        .into_iter()
        .map(|(key, msg)| (key, Value::from(msg.text(lang))))
        .collect::<BTreeMap<_, _>>()
        .into()
}
