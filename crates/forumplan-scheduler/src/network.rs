//! The dependency graph as compact arrays, in topological order.
//!
//! petgraph holds the model; the passes want flat, cache-friendly
//! adjacency lists (compressed sparse rows) and an order to sweep.

use forumplan_core::plan::LinkType;
use forumplan_core::{Dependency, Forum};

/// One link as the passes see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    /// The task at the other end.
    pub(crate) task: u32,
    pub(crate) kind: LinkType,
    pub(crate) lag: i64,
}

/// Adjacency in both directions and a topological order.
pub(crate) struct Network {
    pred_start: Vec<u32>,
    preds: Vec<Edge>,
    succ_start: Vec<u32>,
    succs: Vec<Edge>,
    /// Every task, predecessors before successors (plan order among equals).
    pub(crate) order: Vec<u32>,
}

impl Network {
    pub(crate) fn new(forum: &Forum) -> Network {
        let n = forum.tasks().len();
        let graph = forum.graph();
        let mut pred_count = vec![0u32; n + 1];
        let mut succ_count = vec![0u32; n + 1];
        for edge in graph.raw_edges() {
            pred_count[edge.target().index() + 1] += 1;
            succ_count[edge.source().index() + 1] += 1;
        }
        let prefix = |counts: &mut Vec<u32>| {
            for i in 1..counts.len() {
                counts[i] += counts[i - 1];
            }
        };
        prefix(&mut pred_count);
        prefix(&mut succ_count);
        let blank = Edge {
            task: 0,
            kind: LinkType::FinishToStart,
            lag: 0,
        };
        let mut preds = vec![blank; graph.edge_count()];
        let mut succs = vec![blank; graph.edge_count()];
        let mut pred_fill = pred_count.clone();
        let mut succ_fill = succ_count.clone();
        for edge in graph.raw_edges() {
            let (from, to) = (edge.source().index(), edge.target().index());
            let Dependency { kind, lag } = edge.weight;
            preds[pred_fill[to] as usize] = Edge {
                task: from as u32,
                kind,
                lag: i64::from(lag),
            };
            pred_fill[to] += 1;
            succs[succ_fill[from] as usize] = Edge {
                task: to as u32,
                kind,
                lag: i64::from(lag),
            };
            succ_fill[from] += 1;
        }
        let mut network = Network {
            pred_start: pred_count,
            preds,
            succ_start: succ_count,
            succs,
            order: Vec::new(),
        };
        network.order = network.topological_order(n);
        network
    }

    pub(crate) fn preds(&self, task: usize) -> &[Edge] {
        &self.preds[self.pred_start[task] as usize..self.pred_start[task + 1] as usize]
    }

    pub(crate) fn succs(&self, task: usize) -> &[Edge] {
        &self.succs[self.succ_start[task] as usize..self.succ_start[task + 1] as usize]
    }

    /// Kahn's algorithm; validation has ruled out cycles.
    fn topological_order(&self, n: usize) -> Vec<u32> {
        let mut waiting: Vec<u32> = (0..n).map(|i| self.preds(i).len() as u32).collect();
        let mut order: Vec<u32> = (0..n as u32)
            .filter(|&i| waiting[i as usize] == 0)
            .collect();
        let mut next = 0;
        while next < order.len() {
            let task = order[next] as usize;
            next += 1;
            for edge in self.succs(task) {
                let w = &mut waiting[edge.task as usize];
                *w -= 1;
                if *w == 0 {
                    order.push(edge.task);
                }
            }
        }
        order
    }
}
