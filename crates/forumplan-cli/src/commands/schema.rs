//! `forumplan schema`: the plan format (or the status report's JSON form)
//! as a JSON Schema.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::SchemaOf;
use crate::error::CliError;

pub(crate) fn run(of: SchemaOf) -> Result<ExitCode, CliError> {
    let schema = match of {
        SchemaOf::Plan => forumplan_core::plan::json_schema(),
        SchemaOf::Status => forumplan_reporter::status::json_schema(),
    };
    let mut stdout = anstream::stdout().lock();
    writeln!(stdout, "{schema}").map_err(|source| CliError::Write {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
