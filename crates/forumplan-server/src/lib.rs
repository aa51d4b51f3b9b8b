//! `forumplan serve`: the committee's shared dashboard, progress desk and
//! morning digest, over the same plan and journal files as the command line.
//!
//! This crate and the cli are the only ones that do I/O. It knows nothing
//! of clap: the cli builds a [`ServeConfig`] and calls [`serve`].

pub mod db;
pub mod journal_file;
pub mod token;
