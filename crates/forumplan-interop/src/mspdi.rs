//! What forumplan's MSPDI reader and writer agree on.

/// The field id of the task field `Text1`, where an exported file keeps
/// each task's and workstream's forumplan id.
pub(crate) const TEXT1_FIELD_ID: &str = "188743731";

/// The alias `Text1` gets in an exported file; the reader takes ids from
/// `Text1` only in a file that defines it.
pub(crate) const FORUMPLAN_ID_ALIAS: &str = "forumplan id";

/// The workstream of tasks outside any summary task.
pub(crate) const GENERAL_WORKSTREAM: &str = "chung";

/// The field id of the task field `Text2`, where an exported file marks a
/// blocked task (MS Project has no such state).
pub(crate) const TEXT2_FIELD_ID: &str = "188743734";

/// The alias `Text2` gets in an exported file.
pub(crate) const FORUMPLAN_STATE_ALIAS: &str = "forumplan state";

/// The `Text2` value of a blocked task.
pub(crate) const BLOCKED: &str = "blocked";
