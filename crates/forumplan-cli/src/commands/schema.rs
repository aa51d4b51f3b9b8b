//! `forumplan schema`: the plan format as a JSON Schema.

use std::io::Write;
use std::process::ExitCode;

use crate::error::CliError;

pub(crate) fn run() -> Result<ExitCode, CliError> {
    let schema = forumplan_core::plan::json_schema();
    let mut stdout = anstream::stdout().lock();
    writeln!(stdout, "{schema}").map_err(|source| CliError::Write {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
