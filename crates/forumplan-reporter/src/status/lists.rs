//! How long the lists of a report for people are: the worst N of each (a
//! plan setting, `settings.list_limit`, default 50) and a count of the
//! rest, so that a report grows with what needs attention, not with the
//! plan. The JSON and CSV forms are for tools and always list everything.

use crate::i18n::{self, Lang};

/// How many entries each list of the text, Markdown and HTML forms shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLimit {
    /// Every entry (`status --all`, or `settings.list_limit = 0`).
    All,
    /// The first (worst) this many; the rest are counted.
    Worst(usize),
}

impl ListLimit {
    /// The limit a plan's `settings.list_limit` asks for (0: all).
    pub fn from_setting(limit: u32) -> ListLimit {
        match limit {
            0 => ListLimit::All,
            n => ListLimit::Worst(n as usize),
        }
    }

    /// The entries to show (lists are kept worst first) and how many are
    /// left out.
    pub fn cut<T>(self, rows: &[T]) -> (&[T], usize) {
        match self {
            ListLimit::Worst(n) if rows.len() > n => (&rows[..n], rows.len() - n),
            _ => (rows, 0),
        }
    }
}

/// How many waiting tasks a handoff line names before it counts the rest:
/// the line says who waits, not a roll of every dependent task.
const WAITING_NAMED: usize = 5;

/// The first few of `names` joined by `separator`, then "and K more" for
/// the rest (the tasks waiting on one delivery).
pub fn join_some<'a>(
    lang: Lang,
    names: impl ExactSizeIterator<Item = String> + 'a,
    separator: &str,
) -> String {
    let total = names.len();
    let mut shown: Vec<String> = names.take(WAITING_NAMED).collect();
    if total > WAITING_NAMED {
        shown.push(i18n::more(lang, total - WAITING_NAMED));
    }
    shown.join(separator)
}

#[cfg(test)]
mod tests {
    use super::{ListLimit, join_some};
    use crate::i18n::Lang;

    #[test]
    fn cuts_after_the_worst_n_and_counts_the_rest() {
        let rows = [1, 2, 3, 4, 5];
        assert_eq!(ListLimit::Worst(2).cut(&rows), (&rows[..2], 3));
        assert_eq!(ListLimit::Worst(5).cut(&rows), (&rows[..], 0));
        assert_eq!(ListLimit::Worst(9).cut(&rows), (&rows[..], 0));
        assert_eq!(ListLimit::All.cut(&rows), (&rows[..], 0));
        assert_eq!(ListLimit::from_setting(0), ListLimit::All);
        assert_eq!(ListLimit::from_setting(3), ListLimit::Worst(3));
    }

    #[test]
    fn names_a_few_waiting_tasks_and_counts_the_rest() {
        let names = |n: usize| (0..n).map(|i| format!("t{i}")).collect::<Vec<_>>();
        assert_eq!(join_some(Lang::En, names(2).into_iter(), ", "), "t0, t1");
        assert_eq!(
            join_some(Lang::En, names(7).into_iter(), ", "),
            "t0, t1, t2, t3, t4, and 2 more"
        );
        assert_eq!(
            join_some(Lang::Vi, names(6).into_iter(), "; "),
            "t0; t1; t2; t3; t4; và 1 việc khác"
        );
    }
}
