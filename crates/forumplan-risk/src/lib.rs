//! Monte Carlo risk analysis of a forum's schedule: how likely the forum
//! is to be ready before the event day, and what drives the danger.
//!
//! Every open task with a three-point estimate (or the plan's default
//! spread) gets a random duration each iteration, PERT-Beta or triangular,
//! rounded to whole working days; each iteration runs the schedule's own
//! forward pass ([`forumplan_scheduler::ForwardPass`]) with those
//! durations. [`simulate`] returns P(on time) with its standard error, the
//! ready day's percentiles, per-task criticality, sensitivity and 80th
//! percentile finish, and per-workstream P(on time).
//!
//! Pure and reproducible: no I/O, no clock; the seed is an argument and
//! the result is the same byte for byte whatever the number of threads.

mod sampling;
mod simulation;
mod tally;

pub use sampling::{Distribution, Sampler, ThreePoint, has_estimates, round_days, seed_for};
pub use simulation::{
    Options, ReadyDays, ReadyForecast, RiskError, Simulation, TaskRisk, forecast_ready, simulate,
};
