//! Errors the command line reports itself (as opposed to plan diagnostics),
//! written in the user's language through the message catalogue.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::request::Refusal;
use forumplan_reporter::status::UnknownWorkstream;

use forumplan_server::journal_file::JournalWriteError;

/// A failure that ends a command.
#[derive(Debug)]
pub(crate) enum CliError {
    /// A file could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file could not be written.
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The plan has errors; they were already printed.
    InvalidPlan,
    /// A command-line value is wrong, or a request makes no sense.
    /// (Boxed: a message is large next to the other failures.)
    Usage(Refusal),
    /// The journal could not be locked or appended to; the message says
    /// what was left in it.
    Journal(forumplan_server::journal_file::JournalWriteError),
    /// `init` would overwrite a file.
    Exists { path: PathBuf },
    /// The server or its database failed.
    Server(String),
}

/// A refusal: what is wrong and how to put it right.
pub(crate) fn refuse(message: CliMsg, hint: CliMsg) -> CliError {
    CliError::Usage(forumplan_reporter::request::refuse(message, hint))
}

impl From<Refusal> for CliError {
    fn from(refusal: Refusal) -> CliError {
        CliError::Usage(refusal)
    }
}

/// The message in English (for logs and tests); users read [`CliError::report`].
impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().0.text(Lang::En))
    }
}

/// A `--workstream` the plan does not have: refused, naming the plan's.
impl From<UnknownWorkstream> for CliError {
    fn from(unknown: UnknownWorkstream) -> CliError {
        refuse(
            CliMsg::UnknownWorkstream {
                workstream: unknown.id,
            },
            CliMsg::HintWorkstreams {
                known: unknown.known.join(", "),
            },
        )
    }
}

impl From<JournalWriteError> for CliError {
    fn from(error: JournalWriteError) -> CliError {
        CliError::Journal(error)
    }
}

/// What a failed journal append says.
fn journal_message(error: &JournalWriteError) -> CliMsg {
    match error {
        JournalWriteError::InvalidEntry { source, .. } => CliMsg::InvalidEntry {
            reason: source.to_string(),
        },
        JournalWriteError::Io {
            path,
            operation,
            source,
        } => CliMsg::JournalFailed {
            path: path.display().to_string(),
            operation: (*operation).to_owned(),
            reason: source.to_string(),
        },
        JournalWriteError::Append {
            path,
            source,
            removed,
        } => CliMsg::JournalAppendFailed {
            path: path.display().to_string(),
            reason: source.to_string(),
            removed: *removed,
        },
    }
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

    /// What went wrong and, when there is one, the hint.
    fn message(&self) -> (CliMsg, Option<CliMsg>) {
        match self {
            CliError::Read { path, source } => (
                CliMsg::CannotRead {
                    path: path.display().to_string(),
                    reason: source.to_string(),
                },
                (source.kind() == std::io::ErrorKind::NotFound).then_some(CliMsg::HintMissingFile),
            ),
            CliError::Write { path, source } => (
                CliMsg::CannotWrite {
                    path: path.display().to_string(),
                    reason: source.to_string(),
                },
                None,
            ),
            CliError::InvalidPlan => (CliMsg::PlanHasErrors, None),
            CliError::Usage(refusal) => (refusal.message.clone(), Some(refusal.hint.clone())),
            CliError::Journal(error) => (journal_message(error), None),
            CliError::Server(reason) => (
                CliMsg::ServerFailed {
                    reason: reason.clone(),
                },
                None,
            ),
            CliError::Exists { path } => (
                CliMsg::Exists {
                    path: path.display().to_string(),
                },
                Some(CliMsg::HintOtherPath),
            ),
        }
    }

    /// Prints the error and its hint to stderr, in `lang`.
    pub(crate) fn report(&self, lang: Lang) {
        if matches!(self, CliError::InvalidPlan) {
            return;
        }
        let (message, hint) = self.message();
        let style = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Red.into()));
        let mut stderr = anstream::stderr().lock();
        let _ = writeln!(
            stderr,
            "{style}{}{style:#}: {}",
            CliMsg::ErrorLabel.text(lang),
            message.text(lang)
        );
        if let Some(hint) = hint {
            let help = anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::Cyan.into()));
            let _ = writeln!(
                stderr,
                "  {help}{}{help:#}: {}",
                CliMsg::HelpLabel.text(lang),
                hint.text(lang)
            );
        }
    }
}
