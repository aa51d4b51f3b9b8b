//! `forumplan serve`: the committee's shared dashboard, progress desk and
//! morning digest, over the same plan and journal files as the command line.
//!
//! This crate and the cli are the only ones that do I/O. It knows nothing
//! of clap: the cli builds a [`ServeConfig`] and calls [`serve`]; `forumplan
//! access` works on the [`db::Db`] directly.

mod api;
mod app;
mod appender;
mod auth;
pub mod db;
pub mod digest;
mod error;
mod forums;
pub mod journal_file;
mod pages;
mod run;
pub mod token;
mod watch;

pub use forums::ForumFiles;
pub use run::{ServeConfig, ServeError, serve};
