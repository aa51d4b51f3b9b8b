//! The Monte Carlo loop: iterations shared out over rayon's threads, each
//! drawing its durations from a generator of its own and running the
//! schedule's forward pass; then the counts added up and turned into
//! probabilities, percentiles, criticality and sensitivity.
//!
//! Every iteration's generator is derived from the seed and the
//! iteration's number alone, so the result is the same however the
//! iterations are shared out: a small simulation runs on the calling
//! thread and never starts rayon's threads (the chance line of `status`
//! on a usual plan takes a couple of milliseconds, less than starting
//! them).

use chrono::NaiveDate;
use forumplan_core::journal::JournalState;
use forumplan_core::{Forum, TaskId};
use forumplan_scheduler::workdays::{Day, date_of, day_number};
use forumplan_scheduler::{ForwardPass, ScheduleError, Work};
use rayon::prelude::*;

use crate::sampling::{Distribution, TaskDraw, draws, rng_for};
use crate::tally::{DayCounts, doubled_ranks, spearman};

/// How to run a simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many iterations (at least 1).
    pub iterations: u32,
    /// The seed every iteration's generator is derived from.
    pub seed: u64,
    /// How three-point estimates are sampled.
    pub distribution: Distribution,
}

/// The forecast ready day's percentiles over the iterations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadyDays {
    /// Median.
    pub p50: NaiveDate,
    /// 80th percentile.
    pub p80: NaiveDate,
    /// 95th percentile.
    pub p95: NaiveDate,
}

/// One open task's risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskRisk {
    /// The task.
    pub task: TaskId,
    /// The share of iterations in which it lies on a driving chain ending
    /// at the iteration's latest-finishing pre-event task.
    pub criticality: f64,
    /// Spearman's rank correlation between its sampled working days and
    /// the forecast ready day (0 when its duration does not vary).
    pub sensitivity: f64,
    /// The 80th percentile of its early finish.
    pub finish_p80: NaiveDate,
}

/// What a simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// The options, P(on time) and the ready day's percentiles.
    pub forecast: ReadyForecast,
    /// The forecast ready day of the deterministic schedule.
    pub deterministic_ready: Option<NaiveDate>,
    /// Every day some iteration's forecast ready day fell on, in order,
    /// with how many did.
    pub histogram: Vec<(NaiveDate, u32)>,
    /// Per workstream ([`forumplan_core::WorkstreamId`] order), the share
    /// of iterations in which all its pre-event work finishes before the
    /// event day.
    pub workstreams: Vec<f64>,
    /// Every task still open (not done, not cancelled), in plan order.
    pub tasks: Vec<TaskRisk>,
}

/// The forecast ready day over the iterations, without the rest of a
/// [`Simulation`] (see [`forecast_ready`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadyForecast {
    /// The options it ran with.
    pub options: Options,
    /// Iterations whose forecast ready day falls before the event day (all
    /// of them when no pre-event work is left to count).
    pub on_time: u32,
    /// Percentiles of the forecast ready day (`None` without pre-event work).
    pub ready: Option<ReadyDays>,
}

impl ReadyForecast {
    /// P(on time): the share of iterations ready before the event day.
    pub fn p_on_time(&self) -> f64 {
        f64::from(self.on_time) / f64::from(self.options.iterations)
    }
}

impl Simulation {
    /// P(on time): the share of iterations ready before the event day.
    pub fn p_on_time(&self) -> f64 {
        self.forecast.p_on_time()
    }

    /// The standard error of [`Simulation::p_on_time`]: √(p(1 − p)/N).
    pub fn p_on_time_stderr(&self) -> f64 {
        let p = self.p_on_time();
        (p * (1.0 - p) / f64::from(self.forecast.options.iterations)).sqrt()
    }
}

/// Why a simulation could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskError {
    /// Zero iterations were asked for.
    #[error("a simulation needs at least one iteration")]
    NoIterations,
    /// An iteration's durations could not be scheduled.
    #[error("iteration {iteration}: {source}")]
    Schedule {
        /// The iteration (from 0).
        iteration: u64,
        /// What the forward pass reported.
        source: ScheduleError,
    },
    /// A forecast fell beyond the dates that can be represented.
    #[error("a forecast falls beyond the year 262000: check the estimates")]
    OutOfRange,
}

/// Simulates `forum` as of `as_of` with progress from `journal`.
///
/// The result depends only on the inputs and `options`: each iteration
/// draws from a generator seeded by (seed, iteration), and the threads'
/// counts are whole numbers added up, so any number of threads gives the
/// same answer.
pub fn simulate(
    forum: &Forum,
    journal: &JournalState,
    as_of: NaiveDate,
    options: Options,
) -> Result<Simulation, RiskError> {
    simulate_keeping(forum, journal, as_of, options, MAX_KEPT_BYTES, None)
}

/// [`simulate`], keeping at most `max_kept` bytes of drawn values for the
/// sensitivity, and on rayon's threads or not as `parallel` says (by
/// default, by size): the tests compare each way of getting the result.
fn simulate_keeping(
    forum: &Forum,
    journal: &JournalState,
    as_of: NaiveDate,
    options: Options,
    max_kept: usize,
    parallel: Option<bool>,
) -> Result<Simulation, RiskError> {
    let mut setup = Setup::new(forum, journal, as_of, options)?;
    setup.parallel = parallel.unwrap_or(setup.parallel);
    let deterministic_ready = setup.base.ready_day().map(date).transpose()?;
    let n = options.iterations as usize;
    let mut ready = vec![0 as Day; n];
    let mut drawn = Drawn::new(&setup.draws, n, max_kept);
    let tally = setup.first_phase(&mut ready, &mut drawn)?;
    let sensitivity = setup.sensitivity(&ready, &drawn, &tally);
    setup.finish(tally, &ready, sensitivity, deterministic_ready)
}

/// The forecast ready day alone, as [`simulate`] finds it with the same
/// options: P(on time) and the percentiles, equal to the simulation's,
/// without the per-task counts, criticality and sensitivity (about a
/// third of the work). What the headline of `status` and `check` shows.
pub fn forecast_ready(
    forum: &Forum,
    journal: &JournalState,
    as_of: NaiveDate,
    options: Options,
) -> Result<ReadyForecast, RiskError> {
    let setup = Setup::new(forum, journal, as_of, options)?;
    let mut ready = vec![0 as Day; options.iterations as usize];
    let piece = setup.piece(ready.len());
    setup
        .each_piece(ready.chunks_mut(piece).collect(), |k, out| {
            let mut work = setup.workspace();
            for (j, slot) in out.iter_mut().enumerate() {
                *slot = setup.iterate(&mut work, None, (k * piece + j) as u64)?;
            }
            Ok(())
        })
        .into_iter()
        .collect::<Result<(), RiskError>>()?;
    setup.forecast(&ready).map(|(forecast, _)| forecast)
}

/// Everything the iterations share, computed once.
struct Setup<'a> {
    forum: &'a Forum,
    options: Options,
    /// The deterministic pass, already run and limited to the drawn tasks
    /// and what they can move (`ForwardPass::vary_only`).
    base: ForwardPass<'a>,
    /// The tasks whose duration varies.
    draws: Vec<TaskDraw>,
    /// The tasks still open, reported on.
    open: Vec<TaskId>,
    event: Day,
    /// Whether any task counts for the ready day.
    has_ready: bool,
    /// Whether the iterations are shared out over rayon's threads.
    parallel: bool,
}

/// The size (tasks × iterations) from which a simulation runs on rayon's
/// threads; below it, about 10 ms of work or less, starting them costs
/// more than they save.
const PARALLEL_FROM: u64 = 1_000_000;

impl<'a> Setup<'a> {
    /// The shared set-up of `options`' iterations.
    fn new(
        forum: &'a Forum,
        journal: &'a JournalState,
        as_of: NaiveDate,
        options: Options,
    ) -> Result<Setup<'a>, RiskError> {
        if options.iterations == 0 {
            return Err(RiskError::NoIterations);
        }
        let mut base = ForwardPass::new(forum, journal, as_of);
        let draws = draws(forum, |t| base.work(t), options.distribution);
        // The deterministic pass, run whole, then limited to what the draws
        // can move: each share of the iterations starts from a copy.
        base.vary_only(draws.iter().map(|draw| draw.task))
            .map_err(|source| RiskError::Schedule {
                iteration: 0,
                source,
            })?;
        Ok(Setup {
            forum,
            options,
            draws,
            open: (0..forum.tasks().len())
                .filter(|&t| {
                    matches!(
                        base.work(t),
                        Work::Planned { .. } | Work::InProgress { .. } | Work::Milestone
                    )
                })
                .collect(),
            event: day_number(forum.event_date()),
            has_ready: !base.counted().is_empty(),
            parallel: (forum.tasks().len() as u64).saturating_mul(u64::from(options.iterations))
                >= PARALLEL_FROM,
            base,
        })
    }
}

/// The counts of a share of the iterations.
struct Tally {
    /// Per task: iterations on a driving chain to the latest finish.
    critical: Vec<u32>,
    /// Per workstream: iterations with all its pre-event work before the event.
    workstream_on_time: Vec<u32>,
    /// Per open task: its early finish days.
    finishes: Vec<DayCounts>,
    /// Per draw: how often each value (from its range's start) came out.
    durations: Vec<Vec<u32>>,
}

impl Tally {
    fn new(setup: &Setup<'_>) -> Tally {
        Tally {
            critical: vec![0; setup.forum.tasks().len()],
            workstream_on_time: vec![0; setup.forum.workstreams().len()],
            finishes: vec![DayCounts::default(); setup.open.len()],
            durations: setup.draws.iter().map(|d| vec![0; range_len(d)]).collect(),
        }
    }

    fn merge(mut self, other: Tally) -> Tally {
        add(&mut self.critical, &other.critical);
        add(&mut self.workstream_on_time, &other.workstream_on_time);
        for (mine, theirs) in self.finishes.iter_mut().zip(&other.finishes) {
            mine.merge(theirs);
        }
        for (mine, theirs) in self.durations.iter_mut().zip(&other.durations) {
            add(mine, theirs);
        }
        self
    }
}

fn add(into: &mut [u32], from: &[u32]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

/// How many values a draw can take.
fn range_len(draw: &TaskDraw) -> usize {
    usize::try_from(draw.range.1 - draw.range.0 + 1).unwrap_or(1)
}

/// Where value `days` of `draw` is counted.
fn slot(draw: &TaskDraw, days: i64) -> usize {
    let last = range_len(draw) - 1;
    usize::try_from(days - draw.range.0).map_or(0, |i| i.min(last))
}

/// The most bytes of drawn values kept for the sensitivity: a simulation
/// that would keep more draws them again instead.
const MAX_KEPT_BYTES: usize = 1 << 27;

/// Every iteration's drawn values (as [`slot`]s, one byte each when every
/// range fits in one, else two), kept by the first phase for Spearman's
/// ranks, which can only be summed once every iteration's ready day is
/// known. Keeping them halves the sampling, the dearest part of an
/// iteration; when they would take too much memory (more than the bytes
/// allowed, or a range wider than two bytes count) `values` stays empty
/// and the second phase draws them again from the same generators, which
/// gives the same values.
struct Drawn {
    /// Bytes per value: 1 or 2, or 0 when not kept.
    size: usize,
    /// Bytes per iteration: the number of draws × `size`.
    width: usize,
    /// Iteration i's values at `i·width ..`, little-endian.
    values: Vec<u8>,
}

impl Drawn {
    fn new(draws: &[TaskDraw], iterations: usize, max_bytes: usize) -> Drawn {
        let widest = draws.iter().map(range_len).max().unwrap_or(0);
        let size = match widest {
            0..=256 => 1,
            257..=65_536 => 2,
            _ => 0,
        };
        let width = draws.len() * size;
        let width = if width.saturating_mul(iterations) <= max_bytes {
            width
        } else {
            0
        };
        Drawn {
            size: if width == 0 { 0 } else { size },
            width,
            values: vec![0; width * iterations],
        }
    }

    /// The values of `piece` iterations at a time, one (maybe empty) slice
    /// per piece of `ready`.
    fn pieces(&mut self, piece: usize, count: usize) -> Vec<&mut [u8]> {
        if self.width == 0 {
            return (0..count).map(|_| <&mut [u8]>::default()).collect();
        }
        self.values.chunks_mut(piece * self.width).collect()
    }
}

/// One thread's scratch space, reused from iteration to iteration.
struct Workspace<'a> {
    pass: ForwardPass<'a>,
    /// `mark[t] == stamp`: task t is on this iteration's driving chains.
    mark: Vec<u64>,
    stack: Vec<TaskId>,
    late: Vec<bool>,
    /// Each task's early finish day in the iteration.
    finish: Vec<Day>,
}

/// How many pieces the iterations are cut into per thread: a little more
/// than one evens out threads that start late.
const PIECES_PER_THREAD: usize = 2;

impl Setup<'_> {
    /// A pass of its own for a share of the iterations.
    fn workspace(&self) -> Workspace<'_> {
        Workspace {
            pass: self.base.clone(),
            mark: vec![0; self.forum.tasks().len()],
            stack: Vec::new(),
            late: vec![false; self.forum.workstreams().len()],
            finish: vec![0; self.forum.tasks().len()],
        }
    }

    /// How many iterations each piece runs: all of them when the
    /// simulation runs on the calling thread.
    fn piece(&self, n: usize) -> usize {
        let pieces = if self.parallel {
            rayon::current_num_threads() * PIECES_PER_THREAD
        } else {
            1
        };
        n.div_ceil(pieces).max(1)
    }

    /// `f` of each piece (with its number), in order: on rayon's threads
    /// when the simulation is parallel, else on the calling thread.
    fn each_piece<P: Send, T: Send>(
        &self,
        pieces: Vec<P>,
        f: impl Fn(usize, P) -> T + Sync + Send,
    ) -> Vec<T> {
        if self.parallel {
            pieces
                .into_par_iter()
                .enumerate()
                .map(|(k, piece)| f(k, piece))
                .collect()
        } else {
            pieces
                .into_iter()
                .enumerate()
                .map(|(k, piece)| f(k, piece))
                .collect()
        }
    }

    /// Runs every iteration, writing its forecast ready day into `ready`
    /// (by iteration index) and its drawn values into `drawn` when kept,
    /// and returning the added-up counts.
    fn first_phase(&self, ready: &mut [Day], drawn: &mut Drawn) -> Result<Tally, RiskError> {
        let piece = self.piece(ready.len());
        let (width, size) = (drawn.width, drawn.size);
        let kept = drawn.pieces(piece, ready.len().div_ceil(piece));
        let pieces: Vec<_> = ready.chunks_mut(piece).zip(kept).collect();
        self.each_piece(pieces, |k, (out, kept)| {
            let mut work = self.workspace();
            let mut tally = Tally::new(self);
            for (j, slot) in out.iter_mut().enumerate() {
                let iteration = (k * piece + j) as u64;
                let keep = kept.get_mut(j * width..(j + 1) * width).unwrap_or_default();
                *slot = self.iterate(&mut work, Some((&mut tally, keep, size)), iteration)?;
            }
            Ok(tally)
        })
        .into_iter()
        .try_fold(Tally::new(self), |all, piece| Ok(all.merge(piece?)))
    }

    /// One iteration: draw, schedule, count. Returns the ready day. With
    /// no tally, only the ready day is worked out; with one, the drawn
    /// values go into `keep`'s bytes too (`size` bytes each) unless it is
    /// empty.
    fn iterate(
        &self,
        work: &mut Workspace<'_>,
        mut tally: Option<(&mut Tally, &mut [u8], usize)>,
        iteration: u64,
    ) -> Result<Day, RiskError> {
        let mut rng = rng_for(self.options.seed, iteration);
        for (k, draw) in self.draws.iter().enumerate() {
            let days = draw.draw(&mut rng);
            work.pass.set_work(draw.task, days);
            if let Some((tally, keep, size)) = &mut tally {
                let value = slot(draw, days);
                tally.durations[k][value] += 1;
                if let Some(kept) = keep.get_mut(k * *size..(k + 1) * *size) {
                    // The low bytes: `Drawn::new` chose a size every slot fits.
                    kept.copy_from_slice(&value.to_le_bytes()[..*size]);
                }
            }
        }
        work.pass
            .run()
            .map_err(|source| RiskError::Schedule { iteration, source })?;
        let pass = &work.pass;
        let Some((tally, _, _)) = tally else {
            // As below: the day before the event stands for "no pre-event
            // work left".
            return Ok(pass.ready_day().unwrap_or(self.event - 1));
        };
        // Each finish day once: the counts below read it several times.
        let finish = &mut work.finish;
        for (task, day) in finish.iter_mut().enumerate() {
            *day = pass.finish_day(task);
        }
        for (counts, &task) in tally.finishes.iter_mut().zip(&self.open) {
            counts.add(finish[task]);
        }
        let Some(ready) = pass.counted().iter().map(|&t| finish[t]).max() else {
            // No pre-event work is left to count: every workstream is on
            // time, and the day returned stands for "before the event"
            // (`finish` does not read it).
            for count in &mut tally.workstream_on_time {
                *count += 1;
            }
            return Ok(self.event - 1);
        };
        // Workstreams: late when any of their counted work finishes on or
        // after the event day.
        work.late.fill(false);
        for &task in pass.counted() {
            if finish[task] >= self.event {
                work.late[self.forum.tasks()[task].workstream] = true;
            }
        }
        for (count, &late) in tally.workstream_on_time.iter_mut().zip(&work.late) {
            *count += u32::from(!late);
        }
        // Criticality: every task on a driving chain back from each task
        // that finishes last.
        let stamp = iteration + 1;
        work.stack.clear();
        for &task in pass.counted() {
            if finish[task] == ready {
                work.mark[task] = stamp;
                work.stack.push(task);
            }
        }
        while let Some(task) = work.stack.pop() {
            tally.critical[task] += 1;
            for pred in pass.driving_predecessors(task) {
                if work.mark[pred] != stamp {
                    work.mark[pred] = stamp;
                    work.stack.push(pred);
                }
            }
        }
        Ok(ready)
    }

    /// Spearman's correlation of each draw with the ready day. The ready
    /// day's ranks are known only once every iteration has run: they are
    /// summed per drawn value from the values the first phase kept, or
    /// drawn again (the same draws: same generators) when it kept none.
    fn sensitivity(&self, ready: &[Day], drawn: &Drawn, tally: &Tally) -> Vec<f64> {
        if self.draws.is_empty() || !self.has_ready {
            return vec![0.0; self.draws.len()];
        }
        let mut days = DayCounts::default();
        for &day in ready {
            days.add(day);
        }
        let counted: Vec<(Day, u32)> = days.days().collect();
        let ranks = doubled_ranks(counted.iter().map(|&(_, n)| n));
        let first = counted.first().map_or(0, |&(d, _)| d);
        let mut rank_of_day =
            vec![0u64; counted.last().map_or(0, |&(d, _)| (d - first + 1) as usize)];
        for (&(day, _), &rank) in counted.iter().zip(&ranks) {
            rank_of_day[(day - first) as usize] = rank;
        }
        let y_sq: u128 = counted
            .iter()
            .zip(&ranks)
            .map(|(&(_, n), &r)| u128::from(n) * u128::from(r) * u128::from(r))
            .sum();
        let piece = self.piece(ready.len());
        let xy = self
            .each_piece(ready.chunks(piece).collect(), |k, part| {
                let mut sums: Vec<Vec<u64>> =
                    self.draws.iter().map(|d| vec![0; range_len(d)]).collect();
                for (j, &day) in part.iter().enumerate() {
                    let rank = rank_of_day[(day - first) as usize];
                    let iteration = k * piece + j;
                    let kept = drawn
                        .values
                        .get(iteration * drawn.width..(iteration + 1) * drawn.width)
                        .unwrap_or_default();
                    if kept.is_empty() {
                        let mut rng = rng_for(self.options.seed, iteration as u64);
                        for (draw, sum) in self.draws.iter().zip(&mut sums) {
                            sum[slot(draw, draw.draw(&mut rng))] += rank;
                        }
                    } else if drawn.size == 1 {
                        for (&value, sum) in kept.iter().zip(&mut sums) {
                            sum[usize::from(value)] += rank;
                        }
                    } else {
                        for (value, sum) in kept.chunks_exact(2).zip(&mut sums) {
                            sum[usize::from(u16::from_le_bytes([value[0], value[1]]))] += rank;
                        }
                    }
                }
                sums
            })
            .into_iter()
            .reduce(|mut a, b| {
                for (x, y) in a.iter_mut().zip(&b) {
                    for (p, q) in x.iter_mut().zip(y) {
                        *p += q;
                    }
                }
                a
            })
            .unwrap_or_default();
        let n = ready.len() as u64;
        self.draws
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let counts = &tally.durations[k];
                let x_ranks = doubled_ranks(counts.iter().copied());
                spearman(n, counts, &x_ranks, &xy[k], y_sq)
            })
            .collect()
    }

    /// Turns the counts into the result.
    fn finish(
        &self,
        tally: Tally,
        ready: &[Day],
        sensitivity: Vec<f64>,
        deterministic_ready: Option<NaiveDate>,
    ) -> Result<Simulation, RiskError> {
        let n = f64::from(self.options.iterations);
        let (forecast, days) = self.forecast(ready)?;
        let histogram = days
            .days()
            .map(|(day, count)| Ok((date(day)?, count)))
            .collect::<Result<_, RiskError>>()?;
        let mut sensitivity_of = vec![0.0; self.forum.tasks().len()];
        for (draw, s) in self.draws.iter().zip(sensitivity) {
            sensitivity_of[draw.task] = s;
        }
        let tasks = self
            .open
            .iter()
            .zip(&tally.finishes)
            .map(|(&task, finishes)| {
                Ok(TaskRisk {
                    task,
                    criticality: f64::from(tally.critical[task]) / n,
                    sensitivity: sensitivity_of[task],
                    finish_p80: date(finishes.percentile(80).ok_or(RiskError::OutOfRange)?)?,
                })
            })
            .collect::<Result<_, RiskError>>()?;
        Ok(Simulation {
            forecast,
            deterministic_ready,
            histogram,
            workstreams: tally
                .workstream_on_time
                .iter()
                .map(|&c| f64::from(c) / n)
                .collect(),
            tasks,
        })
    }

    /// P(on time) and the percentiles of the iterations' ready days, with
    /// the days counted.
    fn forecast(&self, ready: &[Day]) -> Result<(ReadyForecast, DayCounts), RiskError> {
        let mut days = DayCounts::default();
        let mut on_time = 0u32;
        if self.has_ready {
            for &day in ready {
                days.add(day);
                on_time += u32::from(day < self.event);
            }
        } else {
            on_time = self.options.iterations;
        }
        let ready = match (
            days.percentile(50),
            days.percentile(80),
            days.percentile(95),
        ) {
            (Some(p50), Some(p80), Some(p95)) => Some(ReadyDays {
                p50: date(p50)?,
                p80: date(p80)?,
                p95: date(p95)?,
            }),
            _ => None,
        };
        let forecast = ReadyForecast {
            options: self.options,
            on_time,
            ready,
        };
        Ok((forecast, days))
    }
}

fn date(day: Day) -> Result<NaiveDate, RiskError> {
    date_of(day).ok_or(RiskError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use forumplan_core::journal::parse_journal;
    use forumplan_core::{Format, load_plan};

    use super::*;

    /// Keeping the drawn values (one byte each, or two when a range is
    /// wider than 256 days) or drawing them again gives the same
    /// sensitivities, and so the same simulation.
    #[test]
    fn kept_and_redrawn_values_give_the_same_result() {
        let plan = include_str!("../../../fixtures/vesf-2022-risk/plan.json");
        let journal = include_str!("../../../fixtures/vesf-2022-risk/plan.journal.jsonl");
        // The same plan with every estimate stretched past 256 days.
        let mut wide: serde_json::Value = serde_json::from_str(plan).unwrap();
        for task in wide["tasks"].as_array_mut().unwrap() {
            if task.get("estimate").is_some() {
                task["estimate"]["pessimistic"] = "400d".into();
            }
        }
        let as_of = NaiveDate::from_ymd_opt(2022, 9, 1).unwrap();
        let options = Options {
            iterations: 500,
            seed: 3,
            distribution: Distribution::Pert,
        };
        for (text, size) in [(plan.to_owned(), 1), (wide.to_string(), 2)] {
            let forum = load_plan(text.as_bytes(), Format::Json).unwrap().forum;
            let state = parse_journal(journal).replay(&forum, as_of);
            let run = |max_kept| {
                simulate_keeping(&forum, &state, as_of, options, max_kept, None).unwrap()
            };
            let setup_draws = draws(
                &forum,
                |t| ForwardPass::new(&forum, &state, as_of).work(t),
                options.distribution,
            );
            assert_eq!(Drawn::new(&setup_draws, 500, MAX_KEPT_BYTES).size, size);
            let kept = run(MAX_KEPT_BYTES);
            assert!(kept.tasks.iter().any(|t| t.sensitivity > 0.1));
            assert_eq!(kept, run(0));
        }
    }

    /// A small simulation runs on the calling thread, a large one on
    /// rayon's: both give the same result, on any number of threads; and
    /// the forecast alone is the simulation's own.
    #[test]
    fn the_calling_thread_and_rayons_give_the_same_result() {
        let plan = include_str!("../../../fixtures/vesf-2022-risk/plan.json");
        let journal = include_str!("../../../fixtures/vesf-2022-risk/plan.journal.jsonl");
        let forum = load_plan(plan.as_bytes(), Format::Json).unwrap().forum;
        let as_of = NaiveDate::from_ymd_opt(2022, 8, 20).unwrap();
        let state = parse_journal(journal).replay(&forum, as_of);
        let options = Options {
            iterations: 300,
            seed: 11,
            distribution: Distribution::Pert,
        };
        let run = |parallel, threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    simulate_keeping(&forum, &state, as_of, options, MAX_KEPT_BYTES, parallel)
                        .unwrap()
                })
        };
        let alone = run(Some(false), 1);
        assert!(alone.forecast.on_time > 0 && alone.forecast.on_time < options.iterations);
        assert_eq!(alone, run(None, 2), "this size runs alone by default");
        for threads in [1, 2, 5] {
            assert_eq!(alone, run(Some(true), threads), "{threads} threads");
        }
        let forecast = forecast_ready(&forum, &state, as_of, options).unwrap();
        assert_eq!(forecast, alone.forecast);
    }
}
