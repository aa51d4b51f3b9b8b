//! Tasks by id, without a second copy of the ids.
//!
//! A map from `String` to task number would copy every id of the plan
//! (a million strings for a million tasks, about 60 MB with the map); this
//! table keeps only the numbers and hashes and compares through the ids
//! the plan already holds. Validation builds it once and the forum keeps it.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::forum::TaskId;
use crate::plan::Task;

/// Task numbers, found by the id of the task in the plan's list.
#[derive(Debug, Clone, Default)]
pub(crate) struct TaskIndex {
    table: HashTable<TaskId>,
    hasher: foldhash::fast::RandomState,
}

impl TaskIndex {
    /// An empty index with room for `tasks` tasks.
    pub(crate) fn with_capacity(tasks: usize) -> TaskIndex {
        TaskIndex {
            table: HashTable::with_capacity(tasks),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// Adds task `task` of `tasks` under its id; if a task with that id is
    /// there already, leaves it and returns its number.
    pub(crate) fn insert(&mut self, tasks: &[Task], task: TaskId) -> Result<(), TaskId> {
        let id = tasks[task].id.as_str();
        let hasher = &self.hasher;
        match self.table.entry(
            hasher.hash_one(id),
            |&other| tasks[other].id == id,
            |&other| hasher.hash_one(tasks[other].id.as_str()),
        ) {
            Entry::Occupied(first) => Err(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(task);
                Ok(())
            }
        }
    }

    /// The number of the task with id `id` in `tasks` (the list the index
    /// was built from).
    pub(crate) fn get(&self, tasks: &[Task], id: &str) -> Option<TaskId> {
        self.table
            .find(self.hasher.hash_one(id), |&task| tasks[task].id == id)
            .copied()
    }

    /// Whether `task` is the one its id names (not a later duplicate, nor
    /// a task left out).
    pub(crate) fn names(&self, tasks: &[Task], task: TaskId) -> bool {
        self.get(tasks, &tasks[task].id) == Some(task)
    }
}
