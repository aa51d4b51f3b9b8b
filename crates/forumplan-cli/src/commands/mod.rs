//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod history;
pub(crate) mod risk;
pub(crate) mod init;
pub(crate) mod schedule;
pub(crate) mod schema;
pub(crate) mod status;
pub(crate) mod update;
pub(crate) mod validate;
