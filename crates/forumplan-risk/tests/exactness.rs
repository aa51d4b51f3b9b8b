//! The simulation against the exact answer. On a series–parallel network
//! with triangular estimates on the every-day calendar, the time to finish
//! has an exact discrete distribution: each task's rounded duration has a
//! closed form (the triangular CDF between half days), series is a
//! convolution and parallel the maximum of independent finishes. P(on time)
//! must lie within four standard errors of it, and the P50/P80/P95 ready
//! days must equal the exact quantiles, or be one day off where the exact
//! CDF there is within 2 % of the quantile's level.

mod support;

use forumplan_risk::{Distribution, Options, simulate};
use proptest::prelude::*;
use support::{Task, day0, forum, no_journal, plus, rounded_triangular};

#[derive(Debug, Clone)]
enum Net {
    Leaf(u32, u32, u32),
    Series(Box<Net>, Box<Net>),
    Parallel(Box<Net>, Box<Net>),
}

fn net() -> impl Strategy<Value = Net> {
    let leaf =
        (1u32..5, 0u32..4, 0u32..5).prop_map(|(o, up, more)| Net::Leaf(o, o + up, o + up + more));
    leaf.prop_recursive(4, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Net::Series(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Net::Parallel(Box::new(a), Box::new(b))),
        ]
    })
}

/// Adds `net`'s tasks after `preds`; returns the tasks it ends with.
fn build(net: &Net, preds: &[String], tasks: &mut Vec<Task>) -> Vec<String> {
    match net {
        Net::Leaf(o, m, p) => {
            let id = format!("t{}", tasks.len());
            let after: Vec<&str> = preds.iter().map(String::as_str).collect();
            tasks.push(Task::new(&id, (*o, *m, *p), &after));
            vec![id]
        }
        Net::Series(a, b) => {
            let ends = build(a, preds, tasks);
            build(b, &ends, tasks)
        }
        Net::Parallel(a, b) => {
            let mut ends = build(a, preds, tasks);
            ends.extend(build(b, preds, tasks));
            ends
        }
    }
}

/// The exact distribution of the days `net` takes: `pmf[t]` = P(T = t).
fn exact(net: &Net) -> Vec<f64> {
    match net {
        Net::Leaf(o, m, p) => rounded_triangular(*o, *m, *p),
        Net::Series(a, b) => {
            let (x, y) = (exact(a), exact(b));
            let mut out = vec![0.0; x.len() + y.len()];
            for (i, &p) in x.iter().enumerate() {
                for (j, &q) in y.iter().enumerate() {
                    out[i + j] += p * q;
                }
            }
            out
        }
        Net::Parallel(a, b) => {
            let (x, y) = (cdf(&exact(a)), cdf(&exact(b)));
            let at = |c: &[f64], t: usize| c[t.min(c.len() - 1)];
            let len = x.len().max(y.len());
            let joint: Vec<f64> = (0..len).map(|t| at(&x, t) * at(&y, t)).collect();
            (0..len)
                .map(|t| joint[t] - if t == 0 { 0.0 } else { joint[t - 1] })
                .collect()
        }
    }
}

fn cdf(pmf: &[f64]) -> Vec<f64> {
    pmf.iter()
        .scan(0.0, |sum, &p| {
            *sum += p;
            Some(*sum)
        })
        .collect()
}

/// The smallest t with F(t) ≥ q (the nearest-rank quantile's limit).
fn quantile(cdf: &[f64], q: f64) -> usize {
    cdf.iter()
        .position(|&f| f >= q - 1e-12)
        .unwrap_or(cdf.len() - 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn simulation_matches_the_exact_distribution(net in net(), seed in any::<u64>(), level in 0.2f64..0.8) {
        let mut tasks = Vec::new();
        build(&net, &[], &mut tasks);
        let cdf = cdf(&exact(&net));
        // The event just after the day the exact CDF passes `level`.
        let deadline = quantile(&cdf, level);
        let forum = forum(&tasks, deadline as u64);
        let n = 4_000;
        let options = Options { iterations: n, seed, distribution: Distribution::Triangular };
        let result = simulate(&forum, &no_journal(), day0(), options).unwrap();
        let p = cdf[deadline];
        let se = (p * (1.0 - p) / f64::from(n)).sqrt();
        prop_assert!((result.p_on_time() - p).abs() <= 4.0 * se + 1e-12,
            "P(on time) {} vs exact {p} (se {se})", result.p_on_time());
        let ready = result.forecast.ready.unwrap();
        for (q, simulated) in [(0.5, ready.p50), (0.8, ready.p80), (0.95, ready.p95)] {
            let t = quantile(&cdf, q);
            // Ready on P + T − 1 for T days of work.
            let expected = plus(t as u64 - 1);
            if simulated != expected {
                let days = (simulated - expected).num_days();
                prop_assert!(days.abs() == 1, "P{}: {simulated} vs exact {expected}", q * 100.0);
                let between = t.min((t as i64 + days) as usize);
                prop_assert!((cdf[between] - q).abs() <= 0.02,
                    "P{}: {simulated} vs exact {expected}, F = {}", q * 100.0, cdf[between]);
            }
        }
    }
}
