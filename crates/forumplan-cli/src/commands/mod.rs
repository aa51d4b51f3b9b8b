//! One module per subcommand.

pub(crate) mod access;
pub(crate) mod baseline;
pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod health;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod risk;
pub(crate) mod schedule;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod status;
pub(crate) mod update;
pub(crate) mod validate;
