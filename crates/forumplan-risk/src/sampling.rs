//! What each task's duration is in one iteration: a three-point estimate
//! drawn from (PERT-Beta or triangular, from `rand_distr`), rounded to
//! whole working days the contract's way, or the schedule's own fixed work.

use forumplan_core::plan::Spread;
use forumplan_core::{Forum, TaskId};
use forumplan_scheduler::Work;
use rand_distr::{Distribution as _, Pert, Triangular};
use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::SeedableRng;

/// The distribution a three-point estimate is sampled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distribution {
    /// PERT-Beta with λ = 4: α = 1 + 4(m − o)/(p − o), β = 1 + 4(p − m)/(p − o).
    #[default]
    Pert,
    /// Triangular(o, m, p).
    Triangular,
}

impl Distribution {
    /// Its name in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Distribution::Pert => "pert",
            Distribution::Triangular => "triangular",
        }
    }
}

/// A three-point estimate in working days (o ≤ m ≤ p).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThreePoint {
    /// Optimistic.
    pub optimistic: f64,
    /// Most likely.
    pub likely: f64,
    /// Pessimistic.
    pub pessimistic: f64,
}

/// A three-point estimate ready to draw from.
#[derive(Debug, Clone, Copy)]
pub enum Sampler {
    /// PERT-Beta.
    Pert(Pert<f64>),
    /// Triangular.
    Triangular(Triangular<f64>),
    /// A degenerate estimate (o = p): always this value.
    Constant(f64),
}

impl Sampler {
    /// The sampler of `estimate` under `distribution`.
    pub fn new(estimate: ThreePoint, distribution: Distribution) -> Sampler {
        let ThreePoint {
            optimistic: o,
            likely: m,
            pessimistic: p,
        } = estimate;
        let built = match distribution {
            Distribution::Pert => Pert::new(o, p).with_mode(m).ok().map(Sampler::Pert),
            Distribution::Triangular => Triangular::new(o, p, m).ok().map(Sampler::Triangular),
        };
        // Only o = p (or values validation rules out) fail to build: the
        // estimate then has a single value.
        built.unwrap_or(Sampler::Constant(m))
    }

    /// One draw, in (fractional) working days.
    pub fn sample(&self, rng: &mut Pcg64Mcg) -> f64 {
        match self {
            Sampler::Pert(d) => d.sample(rng),
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Constant(x) => *x,
        }
    }
}

/// `x` working days rounded to the nearest whole day, halves up, and at
/// least `floor` (1 for work, so that work never becomes a milestone).
pub fn round_days(x: f64, floor: i64) -> i64 {
    // `as` saturates: an absurd draw cannot wrap around.
    ((x + 0.5).floor() as i64).max(floor)
}

/// How one task's work is decided in an iteration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TaskDraw {
    pub(crate) task: TaskId,
    pub(crate) sampler: Sampler,
    /// The share of the drawn duration still ahead: (100 − q) / 100.
    pub(crate) remaining: f64,
    /// The smallest and largest values a draw can round to.
    pub(crate) range: (i64, i64),
}

impl TaskDraw {
    /// The working days of one draw.
    pub(crate) fn draw(&self, rng: &mut Pcg64Mcg) -> i64 {
        round_days(self.sampler.sample(rng) * self.remaining, 1)
    }
}

/// The tasks whose work varies, in plan order, each with its sampler: open
/// work with an `estimate`, or with the plan's default spread. Milestones,
/// work done and cancelled tasks never vary; neither does work without an
/// estimate when there is no spread (it keeps the schedule's own work, so a
/// plan without estimates reproduces the deterministic schedule).
pub(crate) fn draws(
    forum: &Forum,
    work: impl Fn(TaskId) -> Work,
    distribution: Distribution,
) -> Vec<TaskDraw> {
    let spread = forum.settings().risk_default_spread;
    (0..forum.tasks().len())
        .filter_map(|task| {
            let (duration, remaining) = match work(task) {
                Work::Planned { duration } => (duration, 1.0),
                Work::InProgress {
                    duration, progress, ..
                } => (duration, f64::from(100 - progress.min(100)) / 100.0),
                Work::Done | Work::Cancelled | Work::Milestone => return None,
            };
            let estimate = estimate_of(forum, task, duration, spread)?;
            let range = (
                round_days(estimate.optimistic * remaining, 1),
                round_days(estimate.pessimistic * remaining, 1),
            );
            Some(TaskDraw {
                task,
                sampler: Sampler::new(estimate, distribution),
                remaining,
                range,
            })
        })
        .collect()
}

/// The task's own estimate, else the default spread around its duration.
fn estimate_of(
    forum: &Forum,
    task: TaskId,
    duration: u32,
    spread: Option<Spread>,
) -> Option<ThreePoint> {
    if let Some(e) = &forum.task(task).estimate {
        return Some(ThreePoint {
            optimistic: f64::from(e.optimistic.0),
            likely: f64::from(e.likely.0),
            pessimistic: f64::from(e.pessimistic.0),
        });
    }
    let spread = spread?;
    let d = f64::from(duration);
    Some(ThreePoint {
        optimistic: d * spread.optimistic,
        likely: d,
        pessimistic: d * spread.pessimistic,
    })
}

/// Whether any open task of the forum has a random duration (an estimate,
/// or the default spread), i.e. whether a simulation can tell more than
/// the schedule.
pub fn has_estimates(forum: &Forum) -> bool {
    let spread = forum.settings().risk_default_spread.is_some();
    (0..forum.tasks().len())
        .any(|t| forum.tasks()[t].duration > 0 && (spread || forum.task(t).estimate.is_some()))
}

/// The random generator of iteration `iteration`: a stream of its own,
/// seeded from the run's seed and the iteration's index alone, so that
/// no iteration depends on which thread ran it or what ran before.
pub(crate) fn rng_for(seed: u64, iteration: u64) -> Pcg64Mcg {
    Pcg64Mcg::seed_from_u64(splitmix64(seed ^ splitmix64(iteration)))
}

/// SplitMix64's finaliser: a bijective mix of 64 bits.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed from the plan and the as-of day: FNV-1a (stable across
/// platforms and versions) over the plan as JSON and the day, so the same
/// plan on the same morning gives the same numbers, whichever front end
/// asks (the command line or the server) and whether the plan was written
/// in JSON or TOML. Kept below 2^53 so that tools reading the JSON's
/// `seed` as a double (JavaScript) get it back exactly.
pub fn seed_for(forum: &Forum, as_of: chrono::NaiveDate) -> u64 {
    // The plan model always serializes; an empty text would only make
    // every plan share one seed per day.
    let plan = serde_json::to_vec(forum.plan()).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let day = as_of.to_string();
    for &byte in plan.iter().chain([0u8].iter()).chain(day.as_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash & ((1 << 53) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_to_the_nearest_day_halves_up_and_at_least_the_floor() {
        assert_eq!(round_days(2.49, 1), 2);
        assert_eq!(round_days(2.5, 1), 3);
        assert_eq!(round_days(0.2, 1), 1);
        assert_eq!(round_days(0.2, 0), 0);
        assert_eq!(round_days(f64::MAX, 1), i64::MAX);
    }

    #[test]
    fn a_degenerate_estimate_is_a_constant() {
        let flat = ThreePoint {
            optimistic: 3.0,
            likely: 3.0,
            pessimistic: 3.0,
        };
        let mut rng = rng_for(1, 0);
        for distribution in [Distribution::Pert, Distribution::Triangular] {
            assert_eq!(Sampler::new(flat, distribution).sample(&mut rng), 3.0);
        }
    }
}
