//! Published examples of schedule risk analysis, each checked against its
//! published answer (within four standard errors of the simulation).

mod support;

use forumplan_risk::{Distribution, Options, Sampler, ThreePoint, round_days, simulate};
use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::SeedableRng;
use support::{Task, day0, forum, no_journal, rounded_triangular, within};

fn options(iterations: u32, distribution: Distribution) -> Options {
    Options {
        iterations,
        seed: 20_220_918,
        distribution,
    }
}

fn three(o: f64, m: f64, p: f64) -> ThreePoint {
    ThreePoint {
        optimistic: o,
        likely: m,
        pessimistic: p,
    }
}

/// The R package PRA (Project Risk Analysis, on CRAN), the example of its
/// schedule risk analysis `sra`: a fixed task of 2 days, then
/// B ~ Triangular(2, 3, 6). For continuous durations, P(finish ≤ 5) =
/// P(B ≤ 3) = (3 − 2)² / ((6 − 2)(3 − 2)) = 0.25 exactly, and the mean
/// finish is 2 + (2 + 3 + 6)/3 = 5.667. This checks the sampler alone.
#[test]
fn pra_sra_example_continuous_sampler() {
    let b = Sampler::new(three(2.0, 3.0, 6.0), Distribution::Triangular);
    let mut rng = Pcg64Mcg::seed_from_u64(7);
    let n = 200_000;
    let (mut within_5, mut sum, mut sum_sq) = (0u32, 0.0, 0.0);
    for _ in 0..n {
        let finish = 2.0 + b.sample(&mut rng);
        within_5 += u32::from(finish <= 5.0);
        sum += finish;
        sum_sq += finish * finish;
    }
    let n_f = f64::from(n);
    let p = f64::from(within_5) / n_f;
    assert!(
        within(p, 0.25, (0.25f64 * 0.75 / n_f).sqrt(), 4.0),
        "P(finish ≤ 5) = {p}"
    );
    let mean = sum / n_f;
    let sd = (sum_sq / n_f - mean * mean).sqrt();
    assert!(
        within(mean, 17.0 / 3.0, sd / n_f.sqrt(), 4.0),
        "mean = {mean}"
    );
}

/// The same example through the whole simulation, with the contract's
/// whole-day rounding: the plan finishes within 5 days when round(B) ≤ 3,
/// i.e. B < 3.5: P = 1 − (6 − 3.5)² / ((6 − 2)(6 − 3)) = 0.479166….
#[test]
fn pra_sra_example_rounded_to_whole_days() {
    let exact = 1.0 - 2.5f64.powi(2) / 12.0;
    // The rounding rule on its own: halves go up.
    assert_eq!(round_days(3.49, 1), 3);
    assert_eq!(round_days(3.5, 1), 4);
    let forum = forum(
        &[Task::fixed("a", 2, &[]), Task::new("b", (2, 3, 6), &["a"])],
        5,
    );
    let n = 20_000;
    let result = simulate(
        &forum,
        &no_journal(),
        day0(),
        options(n, Distribution::Triangular),
    )
    .unwrap();
    let se = (exact * (1.0 - exact) / f64::from(n)).sqrt();
    assert!(
        within(result.p_on_time(), exact, se, 4.0),
        "P = {}",
        result.p_on_time()
    );
    assert!((result.p_on_time_stderr() - se).abs() < 0.001);
    // The exact discrete distribution agrees too.
    let pmf = rounded_triangular(2, 3, 6);
    assert!((pmf[2] + pmf[3] - exact).abs() < 1e-12);
}

/// Merge bias: the probability that a merge point is on time is the
/// product of its independent paths' (D. T. Hulett, Practical Schedule
/// Risk Analysis, Gower 2009, on merge bias). Two paths late with
/// probabilities 1/4 and 3/10 make the merge late with probability
/// 1 − (3/4)(7/10) = 0.475, worse than either path.
///
/// Each path is one task half done: its remaining work is round(X/2), late
/// when X ≥ 9 (X/2 ≥ 4.5 rounds to 5 days or more with the event 4 days
/// ahead). For X ~ Triangular(o, 9, p), P(X ≥ 9) = (p − 9)/(p − o): 1/4
/// for (3, 9, 11), 3/10 for (2, 9, 12).
#[test]
fn merge_bias_of_two_paths() {
    let forum = forum(
        &[
            Task::new("first", (3, 9, 11), &[]).in_workstream("one"),
            Task::new("second", (2, 9, 12), &[]).in_workstream("two"),
        ],
        4,
    );
    let journal = half_done(&forum, &["first", "second"]);
    let n = 20_000;
    let result = simulate(
        &forum,
        &journal,
        day0(),
        options(n, Distribution::Triangular),
    )
    .unwrap();
    let se = |p: f64| (p * (1.0 - p) / f64::from(n)).sqrt();
    let late = 1.0 - result.p_on_time();
    assert!(
        within(late, 0.475, se(0.475), 4.0),
        "P(merge late) = {late}"
    );
    assert!(within(result.workstreams[0], 0.75, se(0.75), 4.0));
    assert!(within(result.workstreams[1], 0.7, se(0.7), 4.0));
}

/// Both tasks in progress at 50 %, as of day P.
fn half_done(
    forum: &forumplan_core::Forum,
    tasks: &[&str],
) -> forumplan_core::journal::JournalState {
    let lines: String = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{{\"id\":\"0190b0b0-0000-7000-8000-00000000000{i}\",\"date\":\"{}\",\"task\":\"{t}\",\"state\":\"in_progress\",\"progress\":50}}\n",
                day0()
            )
        })
        .collect();
    let journal = forumplan_core::journal::parse_journal(&lines);
    journal.replay(forum, day0())
}

/// The PERT network of Wikipedia's article "Program evaluation and review
/// technique" (its worked example; ids in lower case here): A(2,4,6), B(3,5,9), C(4,5,7)←A,
/// D(4,6,10)←A, E(4,5,7)←B,C, F(3,4,8)←D, G(3,5,8)←E. The article's
/// expected times te = (o + 4m + p)/6 are the PERT-Beta means: 4.00, 5.33,
/// 5.17, 6.33, 5.17, 4.50, 5.17; its critical path is A–C–E–G.
fn wikipedia_tasks() -> Vec<Task> {
    vec![
        Task::new("a", (2, 4, 6), &[]),
        Task::new("b", (3, 5, 9), &[]),
        Task::new("c", (4, 5, 7), &["a"]),
        Task::new("d", (4, 6, 10), &["a"]),
        Task::new("e", (4, 5, 7), &["b", "c"]),
        Task::new("f", (3, 4, 8), &["d"]),
        Task::new("g", (3, 5, 8), &["e"]),
    ]
}

#[test]
fn wikipedia_pert_expected_times_are_the_samplers_means() {
    let published = [
        ((2.0, 4.0, 6.0), 4.00),
        ((3.0, 5.0, 9.0), 5.33),
        ((4.0, 5.0, 7.0), 5.17),
        ((4.0, 6.0, 10.0), 6.33),
        ((3.0, 4.0, 8.0), 4.50),
        ((3.0, 5.0, 8.0), 5.17),
    ];
    let mut rng = Pcg64Mcg::seed_from_u64(11);
    let n = 100_000;
    for ((o, m, p), te) in published {
        let sampler = Sampler::new(three(o, m, p), Distribution::Pert);
        let draws: Vec<f64> = (0..n).map(|_| sampler.sample(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / f64::from(n);
        // PERT's standard deviation (p − o)/6; the article rounds te to
        // two decimals, which the tolerance allows for.
        let se = (p - o) / 6.0 / f64::from(n).sqrt();
        assert!(
            (mean - te).abs() <= 4.0 * se + 0.005,
            "({o}, {m}, {p}): mean {mean}, te {te}"
        );
        assert!(draws.iter().all(|&x| (o..=p).contains(&x)));
    }
}

/// The whole network, triangular, against its exact distribution: given
/// A = a, the finish is max(a + D + F, max(a + C, B) + E + G) with the rest
/// independent, so conditioning on A's few values gives it exactly.
#[test]
fn wikipedia_pert_network_matches_its_exact_distribution() {
    let pmf = |o, m, p| rounded_triangular(o, m, p);
    let (a, b, c, d, e, f, g) = (
        pmf(2, 4, 6),
        pmf(3, 5, 9),
        pmf(4, 5, 7),
        pmf(4, 6, 10),
        pmf(4, 5, 7),
        pmf(3, 4, 8),
        pmf(3, 5, 8),
    );
    let mut finish = vec![0.0; 64];
    for (av, &pa) in a.iter().enumerate().filter(|(_, p)| **p > 0.0) {
        let shifted_c = shift(&c, av);
        let upper = add(&add(&max(&shifted_c, &b), &e), &g);
        let lower = shift(&add(&d, &f), av);
        for (t, &p) in max(&upper, &lower).iter().enumerate() {
            finish[t] += pa * p;
        }
    }
    let cdf = |t: usize| finish[..=t].iter().sum::<f64>();
    let n = 20_000;
    for deadline in [18u64, 20, 22] {
        let forum = forum(&wikipedia_tasks(), deadline);
        let result = simulate(
            &forum,
            &no_journal(),
            day0(),
            options(n, Distribution::Triangular),
        )
        .unwrap();
        let exact = cdf(deadline as usize);
        let se = (exact * (1.0 - exact) / f64::from(n)).sqrt();
        assert!(
            within(result.p_on_time(), exact, se, 4.0),
            "T ≤ {deadline}: simulated {}, exact {exact}",
            result.p_on_time()
        );
    }
    // The critical path A–C–E–G drives most iterations; B, D, F fewer.
    let forum = forum(&wikipedia_tasks(), 20);
    let result = simulate(
        &forum,
        &no_journal(),
        day0(),
        options(5_000, Distribution::Pert),
    )
    .unwrap();
    let criticality = |id: &str| {
        let task = forum.task_id(id).unwrap();
        result
            .tasks
            .iter()
            .find(|t| t.task == task)
            .unwrap()
            .criticality
    };
    for on_path in ["a", "c", "e", "g"] {
        for off_path in ["b", "d", "f"] {
            assert!(
                criticality(on_path) > criticality(off_path),
                "{on_path} vs {off_path}"
            );
        }
    }
    assert!(
        (criticality("e") - criticality("g")).abs() < 1e-12,
        "G follows E alone"
    );
}

/// `pmf` moved `by` days later.
fn shift(pmf: &[f64], by: usize) -> Vec<f64> {
    let mut out = vec![0.0; by];
    out.extend_from_slice(pmf);
    out
}

/// The distribution of the sum of two independent durations.
fn add(x: &[f64], y: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; x.len() + y.len()];
    for (i, &p) in x.iter().enumerate() {
        for (j, &q) in y.iter().enumerate() {
            out[i + j] += p * q;
        }
    }
    out
}

/// The distribution of the later of two independent finishes.
fn max(x: &[f64], y: &[f64]) -> Vec<f64> {
    let len = x.len().max(y.len());
    let cdf = |d: &[f64], t: usize| d[..=t.min(d.len() - 1)].iter().sum::<f64>();
    (0..len)
        .map(|t| {
            let now = cdf(x, t) * cdf(y, t);
            let before = if t == 0 {
                0.0
            } else {
                cdf(x, t - 1) * cdf(y, t - 1)
            };
            now - before
        })
        .collect()
}
