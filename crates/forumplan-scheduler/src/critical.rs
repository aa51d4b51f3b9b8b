//! Critical paths: chains of critical tasks through driving links, ending
//! at the latest-finishing pre-event task.

use forumplan_core::TaskId;

use crate::TaskSchedule;
use crate::passes::Passes;

/// At most this many tied paths are reported; a plan with more ties than
/// this has no single story to tell, and listing them all could take
/// exponential time.
const MAX_PATHS: usize = 100;

/// Every tied critical path, each in order from first task to last.
pub(crate) fn critical_paths(p: &Passes<'_>, tasks: &[TaskSchedule]) -> Vec<Vec<TaskId>> {
    let counted = |t: usize| p.counts_for_ready(t);
    let Some(latest) = (0..tasks.len())
        .filter(|&t| counted(t))
        .map(|t| p.early_end[t])
        .max()
    else {
        return Vec::new();
    };
    let ends =
        (0..tasks.len()).filter(|&t| counted(t) && p.early_end[t] == latest && tasks[t].critical);
    let mut paths: Vec<Vec<TaskId>> = Vec::new();
    for end in ends {
        walk_back(p, tasks, end, &mut paths);
        if paths.len() >= MAX_PATHS {
            break;
        }
    }
    // A tied end that drives another (work and the milestone marking its
    // end) gives a chain that is the start of a longer one: keep the longer.
    let is_prefix = |short: &Vec<TaskId>| {
        paths
            .iter()
            .any(|long| long.len() > short.len() && long.starts_with(short))
    };
    let kept: Vec<bool> = paths.iter().map(|path| !is_prefix(path)).collect();
    paths
        .into_iter()
        .zip(kept)
        .filter_map(|(path, keep)| keep.then_some(path))
        .collect()
}

/// The critical predecessors of `task` whose links drive its early start.
fn driving_preds(p: &Passes<'_>, tasks: &[TaskSchedule], task: usize) -> Vec<usize> {
    let mut preds: Vec<usize> = p
        .graph
        .predecessors(task)
        .iter()
        .filter(|link| tasks[link.task].critical && p.drives(link, task))
        .map(|link| link.task)
        .collect();
    preds.sort_unstable();
    preds.dedup();
    preds
}

/// Depth-first, without recursion (chains can be a million tasks long):
/// every chain of driving critical links that ends at `end`.
fn walk_back(p: &Passes<'_>, tasks: &[TaskSchedule], end: usize, paths: &mut Vec<Vec<TaskId>>) {
    let emit = |paths: &mut Vec<Vec<TaskId>>, first: usize, stack: &[(usize, Vec<usize>)]| {
        paths.push(
            std::iter::once(first)
                .chain(stack.iter().rev().map(|(t, _)| *t))
                .collect(),
        );
    };
    let preds = driving_preds(p, tasks, end);
    if preds.is_empty() {
        emit(paths, end, &[]);
        return;
    }
    // Each frame: a task on the current chain and its driving predecessors
    // still to explore (popped from the back, so stored in reverse).
    let mut stack = vec![(end, reversed(preds))];
    while let Some((_, pending)) = stack.last_mut() {
        let Some(pred) = pending.pop() else {
            stack.pop();
            continue;
        };
        let preds = driving_preds(p, tasks, pred);
        if preds.is_empty() {
            emit(paths, pred, &stack);
            if paths.len() >= MAX_PATHS {
                return;
            }
        } else {
            stack.push((pred, reversed(preds)));
        }
    }
}

fn reversed(mut tasks: Vec<usize>) -> Vec<usize> {
    tasks.reverse();
    tasks
}
