//! One module per subcommand.

pub(crate) mod init;
pub(crate) mod schedule;
pub(crate) mod schema;
pub(crate) mod status;
pub(crate) mod validate;
