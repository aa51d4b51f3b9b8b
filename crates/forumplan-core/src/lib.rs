//! The forum model: plan files loaded and validated into a dependency graph,
//! working calendars, and the progress journal.
