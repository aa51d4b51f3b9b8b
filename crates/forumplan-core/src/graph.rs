//! The dependency graph of a forum's tasks, built once in validation and
//! read by everything after it (scheduler passes, reports).
//!
//! Links are kept as compressed rows in both directions (each task's
//! predecessors, and its successors, side by side in one array), with a
//! topological order: flat, cache-friendly, and linear to build even for a
//! million tasks.

use crate::forum::{Dependency, TaskId};

/// A link seen from one of its ends: the task at the other end, and how
/// the two are tied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The task at the other end (the predecessor when listed among a
    /// task's predecessors, the successor otherwise).
    pub task: TaskId,
    /// The link's type and lag.
    pub dependency: Dependency,
}

/// Adjacency in both directions and, for a graph without cycles, an order
/// where every predecessor comes before its successors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    pred_start: Vec<usize>,
    preds: Vec<Link>,
    succ_start: Vec<usize>,
    succs: Vec<Link>,
    order: Vec<TaskId>,
}

impl Graph {
    /// The graph of `tasks` tasks joined by `links` (predecessor,
    /// successor, dependency). The order is empty when there is a cycle.
    pub(crate) fn new(tasks: usize, links: &[(TaskId, TaskId, Dependency)]) -> Graph {
        let (pred_start, preds) = rows(tasks, links.iter().map(|&(from, to, d)| (to, from, d)));
        let (succ_start, succs) = rows(tasks, links.iter().copied());
        let mut graph = Graph {
            pred_start,
            preds,
            succ_start,
            succs,
            order: Vec::new(),
        };
        graph.order = graph.topological_order();
        graph
    }

    /// How many tasks the graph has.
    pub fn task_count(&self) -> usize {
        self.pred_start.len().saturating_sub(1)
    }

    /// How many links it has.
    pub fn link_count(&self) -> usize {
        self.succs.len()
    }

    /// The links into `task`, from its predecessors, in plan order of the
    /// successor's `after` list.
    pub fn predecessors(&self, task: TaskId) -> &[Link] {
        &self.preds[self.pred_start[task]..self.pred_start[task + 1]]
    }

    /// The links out of `task`, to its successors.
    pub fn successors(&self, task: TaskId) -> &[Link] {
        &self.succs[self.succ_start[task]..self.succ_start[task + 1]]
    }

    /// Every link as (predecessor, successor, dependency), grouped by
    /// predecessor.
    pub fn links(&self) -> impl Iterator<Item = (TaskId, TaskId, Dependency)> + '_ {
        (0..self.task_count()).flat_map(move |from| {
            self.successors(from)
                .iter()
                .map(move |link| (from, link.task, link.dependency))
        })
    }

    /// Every task, predecessors before successors (plan order among tasks
    /// that could go either way). Empty for a graph with a cycle, which
    /// validation never lets through.
    pub fn order(&self) -> &[TaskId] {
        &self.order
    }

    /// Whether the graph has no cycle.
    pub(crate) fn is_acyclic(&self) -> bool {
        self.order.len() == self.task_count()
    }

    /// Kahn's algorithm, first in first out; shorter than the task count
    /// when there is a cycle (and then cleared).
    fn topological_order(&self) -> Vec<TaskId> {
        let n = self.task_count();
        let mut waiting: Vec<usize> = (0..n).map(|i| self.predecessors(i).len()).collect();
        let mut order: Vec<TaskId> = (0..n).filter(|&i| waiting[i] == 0).collect();
        let mut next = 0;
        while next < order.len() {
            let task = order[next];
            next += 1;
            for link in self.successors(task) {
                let w = &mut waiting[link.task];
                *w -= 1;
                if *w == 0 {
                    order.push(link.task);
                }
            }
        }
        if order.len() < n {
            order.clear();
        }
        order
    }
}

/// Compressed rows: for each task, the links whose first element is that
/// task, in the order given.
fn rows(
    tasks: usize,
    links: impl Iterator<Item = (TaskId, TaskId, Dependency)> + Clone,
) -> (Vec<usize>, Vec<Link>) {
    let mut start = vec![0; tasks + 1];
    for (from, _, _) in links.clone() {
        start[from + 1] += 1;
    }
    for i in 1..=tasks {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut row = vec![
        Link {
            task: 0,
            dependency: Dependency {
                kind: crate::plan::LinkType::FinishToStart,
                lag: 0,
            },
        };
        start[tasks]
    ];
    for (from, to, dependency) in links {
        row[fill[from]] = Link {
            task: to,
            dependency,
        };
        fill[from] += 1;
    }
    (start, row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::LinkType;

    const FS: Dependency = Dependency {
        kind: LinkType::FinishToStart,
        lag: 0,
    };

    #[test]
    fn both_directions_and_an_order() {
        // 2 → 0 → 1, and 2 → 1.
        let graph = Graph::new(3, &[(2, 0, FS), (0, 1, FS), (2, 1, FS)]);
        let tasks = |links: &[Link]| links.iter().map(|l| l.task).collect::<Vec<_>>();
        assert_eq!(tasks(graph.predecessors(1)), [0, 2]);
        assert_eq!(tasks(graph.successors(2)), [0, 1]);
        assert_eq!(graph.order(), [2, 0, 1]);
        assert_eq!(graph.links().count(), 3);
        assert!(graph.is_acyclic());
    }

    #[test]
    fn a_cycle_has_no_order() {
        let graph = Graph::new(3, &[(0, 1, FS), (1, 0, FS)]);
        assert!(graph.order().is_empty());
        assert!(!graph.is_acyclic());
    }
}
