//! Counts kept while iterating. Every one is an integer, so adding up the
//! threads' counts gives the same totals in any order: the output cannot
//! depend on how the iterations were shared out.

use forumplan_scheduler::workdays::Day;

/// How many iterations put something on each day, over a range of days
/// that grows as needed.
#[derive(Debug, Clone, Default)]
pub(crate) struct DayCounts {
    /// The first day of `counts`.
    base: Day,
    counts: Vec<u32>,
}

impl DayCounts {
    /// Counts one more on `day`.
    pub(crate) fn add(&mut self, day: Day) {
        self.add_n(day, 1);
    }

    fn add_n(&mut self, day: Day, n: u32) {
        if self.counts.is_empty() {
            self.base = day;
        } else if day < self.base {
            let grow = usize::try_from(self.base - day).unwrap_or(usize::MAX);
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.base = day;
        }
        let at = usize::try_from(day - self.base).unwrap_or(usize::MAX);
        if at >= self.counts.len() {
            self.counts.resize(at + 1, 0);
        }
        self.counts[at] += n;
    }

    /// Adds `other`'s counts to these.
    pub(crate) fn merge(&mut self, other: &DayCounts) {
        for (day, n) in other.days() {
            self.add_n(day, n);
        }
    }

    /// The days counted at least once, in order, with their counts.
    pub(crate) fn days(&self) -> impl Iterator<Item = (Day, u32)> + '_ {
        (self.base..)
            .zip(self.counts.iter().copied())
            .filter(|&(_, n)| n > 0)
    }

    /// The nearest-rank `q`-th percentile (`q` in 1–100): the smallest day
    /// on or before which at least ⌈q·N/100⌉ of the N counted lie.
    pub(crate) fn percentile(&self, q: u64) -> Option<Day> {
        let total: u64 = self.counts.iter().map(|&n| u64::from(n)).sum();
        let rank = (q * total).div_ceil(100).max(1);
        let mut seen = 0u64;
        self.days().find_map(|(day, n)| {
            seen += u64::from(n);
            (seen >= rank).then_some(day)
        })
    }
}

/// Ranks with ties averaged, doubled to stay whole: the value with `count`
/// draws after `below` smaller ones has the doubled rank `2·below + count + 1`.
pub(crate) fn doubled_ranks(counts: impl Iterator<Item = u32>) -> Vec<u64> {
    let mut below = 0u64;
    counts
        .map(|n| {
            let n = u64::from(n);
            let rank = 2 * below + n + 1;
            below += n;
            rank
        })
        .collect()
}

/// Spearman's rank correlation from ranked counts: `x_counts[v]` draws
/// took the v-th value of x, whose doubled rank is `x_ranks[v]`;
/// `xy[v]` is the sum of the doubled ranks of y over those draws; `y_sq`
/// the sum over all draws of y's doubled rank squared. Zero when either
/// side does not vary.
pub(crate) fn spearman(n: u64, x_counts: &[u32], x_ranks: &[u64], xy: &[u64], y_sq: u128) -> f64 {
    let n_f = n as f64;
    let mean = (n_f + 1.0) / 2.0;
    let x_sq: u128 = x_counts
        .iter()
        .zip(x_ranks)
        .map(|(&c, &r)| u128::from(c) * u128::from(r) * u128::from(r))
        .sum();
    let cross: u128 = x_ranks
        .iter()
        .zip(xy)
        .map(|(&r, &s)| u128::from(r) * u128::from(s))
        .sum();
    // Doubled ranks: each sum of products is four times the plain one.
    let var_x = x_sq as f64 / 4.0 / n_f - mean * mean;
    let var_y = y_sq as f64 / 4.0 / n_f - mean * mean;
    let cov = cross as f64 / 4.0 / n_f - mean * mean;
    // Ranks are multiples of a half: a variance below this is zero.
    let tiny = 1e-9 * mean * mean;
    if var_x <= tiny || var_y <= tiny {
        return 0.0;
    }
    (cov / (var_x * var_y).sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut counts = DayCounts::default();
        for day in [5, 3, 4, 4, 9, 3, 3, 4, 5, 10] {
            counts.add(day);
        }
        // Sorted: 3 3 3 4 4 4 5 5 9 10.
        assert_eq!(counts.percentile(50), Some(4));
        assert_eq!(counts.percentile(80), Some(5));
        assert_eq!(counts.percentile(95), Some(10));
        assert_eq!(counts.percentile(30), Some(3));
        assert_eq!(DayCounts::default().percentile(50), None);
    }

    #[test]
    fn merging_adds_counts_whatever_the_ranges() {
        let mut a = DayCounts::default();
        a.add(10);
        let mut b = DayCounts::default();
        b.add(7);
        b.add(12);
        b.add(10);
        a.merge(&b);
        assert_eq!(a.days().collect::<Vec<_>>(), vec![(7, 1), (10, 2), (12, 1)]);
    }

    /// Against the textbook formula on a small sample with ties: x = 1 1 2
    /// 3, y = 1 2 2 4 → ranks x 1.5 1.5 3 4, y 1 2.5 2.5 4; Pearson of the
    /// ranks = 3.75 / √(4.5 · 4.5) = 0.8333….
    #[test]
    fn spearman_matches_pearson_of_averaged_ranks() {
        let x_counts = [2, 1, 1];
        let x_ranks = doubled_ranks(x_counts.iter().copied());
        assert_eq!(x_ranks, vec![3, 6, 8]);
        let y_ranks = doubled_ranks([1, 2, 1].into_iter());
        assert_eq!(y_ranks, vec![2, 5, 8]);
        // Draws (x value index, y doubled rank): (0, 2) (0, 5) (1, 5) (2, 8).
        let xy = [2 + 5, 5, 8];
        let y_sq = [2u128, 5, 5, 8].iter().map(|r| r * r).sum();
        let rho = spearman(4, &x_counts, &x_ranks, &xy, y_sq);
        assert!((rho - 3.75 / 4.5).abs() < 1e-12, "{rho}");
    }
}
