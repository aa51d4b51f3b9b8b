//! Errors the command line reports itself (as opposed to plan diagnostics).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// A failure that ends a command.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// A file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The plan has errors; they were already printed.
    #[error("the plan has errors")]
    InvalidPlan,
    /// A command-line value is wrong.
    #[error("{message}")]
    Usage { message: String, hint: String },
    /// The journal could not be locked or appended to; the message says
    /// what was left in it.
    #[error(transparent)]
    Journal(#[from] crate::journal_file::JournalWriteError),
    /// `init` would overwrite a file.
    #[error("`{path}` already exists")]
    Exists { path: PathBuf },
}

impl CliError {
    /// The exit status for this failure (see `shared/design/cli.md`).
    pub(crate) fn exit_code(&self) -> ExitCode {
        ExitCode::from(1)
    }

    /// Whether this is a write to a pipe whose reader has gone.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// Prints the error and its hint to stderr.
    pub(crate) fn report(&self) {
        if matches!(self, CliError::InvalidPlan) {
            return;
        }
        let hint = match self {
            CliError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Some("check the path; `forumplan init PATH` writes a new plan".to_owned())
            }
            CliError::Usage { hint, .. } => Some(hint.clone()),
            CliError::Exists { .. } => {
                Some("choose another path, or remove the file first".to_owned())
            }
            _ => None,
        };
        let style = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Red.into()));
        let mut stderr = anstream::stderr().lock();
        let _ = writeln!(stderr, "{style}error{style:#}: {self}");
        if let Some(hint) = hint {
            let help = anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::Cyan.into()));
            let _ = writeln!(stderr, "  {help}help{help:#}: {hint}");
        }
    }
}
