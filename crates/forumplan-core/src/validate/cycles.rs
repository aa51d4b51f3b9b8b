//! Which tasks come after the event, and dependency cycles, each reported
//! once with every task on it.

use crate::code::Code;
use std::collections::{BTreeMap, HashSet, VecDeque};

use foldhash::{HashMap, HashMapExt};

use super::{Key, Validator};
use crate::diagnostic::Diagnostic;
use crate::document::PathSegment::Index;
use crate::forum::{Dependency, ForumTask, TaskId};
use crate::graph::Graph;

impl<'p> Validator<'p, '_, '_> {
    /// Which tasks come after the event: those linked to it, and everything
    /// after them.
    pub(super) fn post_event(&self, tasks: &[ForumTask], graph: &Graph) -> Vec<bool> {
        let mut post = vec![false; tasks.len()];
        let mut queue: VecDeque<TaskId> = (0..tasks.len())
            .filter(|&i| !tasks[i].event_links.is_empty())
            .collect();
        while let Some(i) = queue.pop_front() {
            if !std::mem::replace(&mut post[i], true) {
                queue.extend(graph.successors(i).iter().map(|link| link.task));
            }
        }
        post
    }

    /// Reports each dependency cycle once, naming every task on it in
    /// dependency order, starting from the one written first.
    pub(super) fn check_cycles(&mut self, links: &[(TaskId, TaskId, Dependency)], graph: &Graph) {
        let n = self.plan.tasks.len();
        // Almost every plan has no cycle: the graph's topological order
        // proves it in linear time, and only a plan without one is searched
        // for strongly connected components.
        if graph.is_acyclic() {
            return;
        }
        let mut graph = petgraph::graph::DiGraph::<(), usize, u32>::with_capacity(n, links.len());
        for _ in 0..n {
            graph.add_node(());
        }
        for (k, &(from, to, _)) in links.iter().enumerate() {
            graph.add_edge(
                petgraph::graph::NodeIndex::new(from),
                petgraph::graph::NodeIndex::new(to),
                k,
            );
        }
        let mut components = petgraph::algo::tarjan_scc(&graph);
        components.retain(|c| c.len() > 1);
        components.sort_by_key(|c| c.iter().map(|n| n.index()).min());
        for component in components {
            let members: HashSet<usize> = component.iter().map(|n| n.index()).collect();
            let Some(&start) = members.iter().min() else {
                continue;
            };
            let cycle = shortest_cycle(start, &members, links);
            self.report_cycle(&cycle, links);
        }
    }

    fn report_cycle(&mut self, cycle: &[usize], links: &[(TaskId, TaskId, Dependency)]) {
        // `cycle` holds link indexes: task a → b → … → a.
        let ids: Vec<&str> = cycle
            .iter()
            .map(|&k| self.plan.tasks[links[k].0].id.as_str())
            .collect();
        let first = ids[0];
        let closing = links[*cycle.last().unwrap_or(&0)];
        let link_span = |v: &Self, (from, to, _): (TaskId, TaskId, Dependency)| {
            let j = v.plan.tasks[to]
                .after
                .iter()
                .position(|l| l.task == v.plan.tasks[from].id)
                .unwrap_or(0);
            v.span(&[Key("tasks"), Index(to), Key("after"), Index(j)])
        };
        let mut d = Diagnostic::error(
            Code::DependencyCycle,
            format!("dependency cycle: {} → {first}", ids.join(" → ")),
            link_span(self, closing),
        )
        .with_label(format!(
            "`{first}` waits for `{}`, which waits for `{first}`",
            self.plan.tasks[closing.0].id
        ))
        .with_hint("remove or reverse one of these links: no task on a cycle could ever start");
        for &k in &cycle[..cycle.len() - 1] {
            let (from, to, _) = links[k];
            let label = format!(
                "`{}` waits for `{}`",
                self.plan.tasks[to].id, self.plan.tasks[from].id
            );
            d = d.with_related(link_span(self, links[k]), label);
        }
        self.push(d);
    }
}

/// The links (as indexes into `links`) of a shortest cycle through `start`
/// within `members`, in dependency order; breadth-first search.
fn shortest_cycle(
    start: usize,
    members: &HashSet<usize>,
    links: &[(TaskId, TaskId, Dependency)],
) -> Vec<usize> {
    let mut outgoing: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &(from, to, _)) in links.iter().enumerate() {
        if members.contains(&from) && members.contains(&to) {
            outgoing.entry(from).or_default().push(k);
        }
    }
    let mut via: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &k in outgoing.get(&node).map(Vec::as_slice).unwrap_or_default() {
            let next = links[k].1;
            if next == start {
                let mut path = vec![k];
                let mut at = node;
                while at != start {
                    let back = via[&at];
                    path.push(back);
                    at = links[back].0;
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = via.entry(next) {
                e.insert(k);
                queue.push_back(next);
            }
        }
    }
    Vec::new()
}
