//! The forums a server serves: each plan loaded once, its journal, its
//! database, and the channel its new journal lines go out on.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use forumplan_core::Forum;
use forumplan_core::baseline::{Baseline, BaselineFile};
use forumplan_core::journal::{Journal, JournalEntry, parse_journal_bytes};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::request::{self, Refusal, UpdateRequest};
use tokio::sync::{Notify, broadcast};

use crate::appender::Appender;
use crate::db::{Db, Grant};
use crate::error::ApiError;
use crate::journal_file::read_journal_bytes;

/// One plan to serve, as the command line loaded it.
#[derive(Debug)]
pub struct ForumFiles {
    /// The plan file (read-only to the server).
    pub plan: PathBuf,
    /// Its journal.
    pub journal: PathBuf,
    /// Its server database.
    pub db: PathBuf,
    /// The validated plan.
    pub forum: Forum,
}

/// A served forum.
#[derive(Debug)]
pub(crate) struct ForumState {
    /// `forum.id`, its address in URLs.
    pub(crate) id: String,
    pub(crate) forum: Forum,
    pub(crate) journal: PathBuf,
    /// The plan's baseline file (it may not exist).
    pub(crate) baselines: PathBuf,
    pub(crate) db: Db,
    /// Every journal line appended, by anyone, as JSON.
    pub(crate) events: broadcast::Sender<Arc<str>>,
    /// Wakes the journal watcher at once after the server's own append.
    pub(crate) nudge: Notify,
    /// This server's appends, gathered into group commits; other
    /// processes still meet it at the journal's file lock.
    appender: Appender,
}

impl ForumState {
    pub(crate) fn new(files: ForumFiles, db: Db) -> ForumState {
        let (events, _) = broadcast::channel(1024);
        ForumState {
            id: files.forum.plan().forum.id.to_string(),
            forum: files.forum,
            appender: Appender::new(files.journal.clone()),
            journal: files.journal,
            baselines: crate::journal_file::baseline_location(&files.plan),
            db,
            events,
            nudge: Notify::new(),
        }
    }

    /// The plan's language (`settings.locale`): the default of its pages
    /// and answers, as on the command line.
    pub(crate) fn lang(&self) -> Lang {
        self.forum.settings().locale.into()
    }

    /// Now, in the forum's time zone.
    pub(crate) fn now(&self) -> DateTime<FixedOffset> {
        chrono::Utc::now()
            .with_timezone(&self.forum.timezone())
            .fixed_offset()
    }

    /// Today, in the forum's time zone.
    pub(crate) fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// A day of a request (`YYYY-MM-DD`, `today`, `yesterday`; absent is today).
    pub(crate) fn day(&self, text: Option<&str>, lang: Lang) -> Result<NaiveDate, ApiError> {
        request::day(text.unwrap_or("today"), self.today()).map_err(|r| ApiError::refused(&r, lang))
    }

    /// The journal as it is now. Damaged lines and entries for unknown
    /// tasks are skipped, as the command line skips them (it prints them;
    /// the server logs how many). Blocking: call from a blocking thread.
    pub(crate) fn read_journal(&self, lang: Lang) -> Result<Journal, ApiError> {
        let bytes = read_journal_bytes(&self.journal, lang)
            .map_err(|error| ApiError::unavailable(error, lang))?;
        let Some(bytes) = bytes else {
            return Ok(Journal::default());
        };
        let journal = parse_journal_bytes(&bytes);
        if !journal.problems.is_empty() {
            tracing::warn!(
                journal = %self.journal.display(),
                problems = journal.problems.len(),
                "journal lines skipped (`forumplan validate` shows them)"
            );
        }
        Ok(journal)
    }

    /// The latest baseline of the plan (`forumplan baseline`), which the
    /// command line measures against by default; read on every report, so
    /// a baseline saved while the server runs is used at once. Blocking.
    pub(crate) fn baseline(&self, lang: Lang) -> Result<Option<Baseline>, ApiError> {
        let bytes = match std::fs::read(&self.baselines) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(ApiError::unavailable(
                    format!("{}: {error}", self.baselines.display()),
                    lang,
                ));
            }
        };
        let mut file = BaselineFile::parse(&bytes).map_err(|problems| {
            ApiError::unavailable(
                format!(
                    "{}: {} problem(s); `forumplan validate` shows them",
                    self.baselines.display(),
                    problems.len()
                ),
                lang,
            )
        })?;
        // The command line refuses another forum's baselines the same way.
        let expected = &self.forum.plan().forum.id;
        if !file.is_of_forum(expected) {
            use forumplan_reporter::i18n::cli::CliMsg;
            let refused = CliMsg::BaselineOfAnotherForum {
                path: self.baselines.display().to_string(),
                found: std::mem::take(&mut file.forum),
                expected: expected.to_string(),
            };
            let hint = CliMsg::HintBaselineOfAnotherForum;
            return Err(ApiError::unavailable(
                format!("{}: {}", refused.text(lang), hint.text(lang)),
                lang,
            ));
        }
        Ok(file.baselines.pop())
    }

    /// Records `update` for `grant` as `forumplan update` does: the same
    /// rules and refusals, `by` = the grant's name, appended under the
    /// journal's lock. Blocking: call from a blocking thread.
    pub(crate) fn record(
        &self,
        grant: &Grant,
        update: &UpdateRequest,
        lang: Lang,
    ) -> Result<JournalEntry, ApiError> {
        use axum::http::StatusCode;
        use forumplan_reporter::i18n::server::ServerMsg;
        if grant.read_only {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "read_only",
                &ServerMsg::ReadOnlyGrant,
                lang,
            ));
        }
        let refused = |r: Refusal| ApiError::refused(&r, lang);
        let task = request::task(&self.forum, &update.task).map_err(refused)?;
        let workstream = &self.forum.task(task).workstream;
        if !grant.may_change(workstream) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "outside_grant",
                &ServerMsg::OutsideGrant {
                    task: update.task.clone(),
                    workstream: workstream.to_string(),
                },
                lang,
            ));
        }
        let update = UpdateRequest {
            by: Some(grant.name.clone()),
            ..update.clone()
        };
        let now = self.now();
        let entry = request::update_entry(&self.forum, &update, now.date_naive())
            .map_err(refused)?
            .recorded(uuid::Uuid::now_v7(), now);
        // Checked here, before it joins a batch, so that one request's
        // invalid entry never fails the others'.
        entry.validate().map_err(|source| {
            ApiError::refused(
                &request::refuse(
                    forumplan_reporter::i18n::cli::CliMsg::InvalidEntry {
                        reason: source.to_string(),
                    },
                    forumplan_reporter::i18n::cli::CliMsg::HintCheckValues,
                ),
                lang,
            )
        })?;
        self.appender
            .append(entry.clone(), lang)
            .map_err(|error| ApiError::unavailable(error, lang))?;
        self.nudge.notify_one();
        Ok(entry)
    }
}
