//! The morning digest (`--daily-at HH:MM`, in each forum's time zone):
//! the day's status report archived as `YYYY-MM-DD.html` and `.json`, the
//! check's JSON posted to each webhook, and each grant with an email sent
//! its part. Every attempt is logged in the forum's database; a send that
//! succeeded for a day is never made again that day, across restarts; a
//! failed one is retried with doubling pauses. It all runs on its own tasks:
//! requests never wait for it.
//!
//! A server started after the hour sends that day's digest at once (what
//! was not sent yet): a restart in the morning does not skip a day.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};
use forumplan_reporter::i18n::{self, Lang};
use forumplan_reporter::request;
use forumplan_reporter::status::{ListLimit, StatusFormat};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::watch;

use crate::api::{check_bytes, status_bytes};
use crate::db::{Grant, Outcome, SendRecord};
use crate::forums::ForumState;

/// What the digest does, as `forumplan serve` was told.
#[derive(Debug, Clone)]
pub struct DigestConfig {
    /// When, in each forum's time zone.
    pub at: NaiveTime,
    /// Where the day's reports are archived.
    pub archive: Option<PathBuf>,
    /// Where the check's JSON is posted.
    pub webhooks: Vec<String>,
    /// The SMTP server (`smtp://host:port`, `smtps://…`,
    /// `smtp://…?tls=required`) and the sender, for mail.
    pub mail: Option<MailConfig>,
    /// The first pause before a retry; it doubles each time.
    pub first_retry: Duration,
}

/// Where mail goes out.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The SMTP server's URL.
    pub smtp: String,
    /// The sender.
    pub from: String,
}

/// How many times a send is tried in a day.
const ATTEMPTS: u32 = 5;

/// Why the digest cannot start.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    /// `--smtp` is not an SMTP URL.
    #[error("--smtp {url}: {reason}")]
    Smtp {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `--mail-from` is not a mail address.
    #[error("--mail-from {address}: {reason}")]
    From {
        /// The address given.
        address: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("cannot prepare the webhook client: {0}")]
    Client(String),
}

/// The senders, built once at start (so a bad `--smtp` stops the server
/// at once, not the next morning).
#[derive(Clone)]
pub(crate) struct Senders {
    config: DigestConfig,
    http: reqwest::Client,
    mail: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
}

impl Senders {
    pub(crate) fn new(config: DigestConfig) -> Result<Senders, DigestError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| DigestError::Client(e.to_string()))?;
        let mail = match &config.mail {
            None => None,
            Some(mail) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&mail.smtp)
                    .map_err(|e| DigestError::Smtp {
                        url: mail.smtp.clone(),
                        reason: e.to_string(),
                    })?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                let from = mail
                    .from
                    .parse::<Mailbox>()
                    .map_err(|e| DigestError::From {
                        address: mail.from.clone(),
                        reason: e.to_string(),
                    })?;
                Some((transport, from))
            }
        };
        Ok(Senders { config, http, mail })
    }
}

/// Runs the digest of `forum` every day at the hour until shutdown.
/// `archive` is the forum's own archive folder.
pub(crate) async fn run_daily(
    senders: Senders,
    forum: Arc<ForumState>,
    archive: Option<PathBuf>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut last_run: Option<NaiveDate> = None;
    loop {
        let now = forum.now().naive_local();
        let today = now.date();
        let due = today.and_time(senders.config.at);
        let next = if now >= due && last_run != Some(today) {
            last_run = Some(today);
            tracing::info!(forum = %forum.id, %today, "morning digest");
            run_day(&senders, &forum, archive.as_deref(), today, &shutdown);
            (today + chrono::Days::new(1)).and_time(senders.config.at)
        } else if now >= due {
            (today + chrono::Days::new(1)).and_time(senders.config.at)
        } else {
            due
        };
        // Wake at the hour (or every ten minutes, which also follows a
        // change of the clock or of daylight saving).
        let wait = (next - now)
            .to_std()
            .unwrap_or_default()
            .min(Duration::from_secs(600));
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = shutdown.wait_for(|down| *down) => return,
        }
    }
}

/// One send of the digest: its kind, its target, and how to make it.
#[derive(Clone)]
enum Send {
    Archive(PathBuf),
    Webhook(String),
    Mail(Grant),
}

impl Send {
    fn kind(&self) -> &'static str {
        match self {
            Send::Archive(_) => "archive",
            Send::Webhook(_) => "webhook",
            Send::Mail(_) => "mail",
        }
    }

    fn target(&self) -> String {
        match self {
            Send::Archive(dir) => dir.display().to_string(),
            Send::Webhook(url) => url.clone(),
            Send::Mail(grant) => grant.email.clone().unwrap_or_default(),
        }
    }
}

/// Starts every send of `day` that has not succeeded yet, each on its own task.
fn run_day(
    senders: &Senders,
    forum: &Arc<ForumState>,
    archive: Option<&Path>,
    day: NaiveDate,
    shutdown: &watch::Receiver<bool>,
) {
    let mut sends: Vec<Send> = archive
        .map(|dir| Send::Archive(dir.to_owned()))
        .into_iter()
        .collect();
    sends.extend(senders.config.webhooks.iter().cloned().map(Send::Webhook));
    if senders.mail.is_some() {
        match forum.db.grants() {
            Ok(grants) => sends.extend(
                grants
                    .into_iter()
                    .filter(|g| g.email.is_some())
                    .map(Send::Mail),
            ),
            Err(error) => tracing::error!(%error, "cannot read the grants for the digest"),
        }
    }
    for send in sends {
        tokio::spawn(attempt(
            senders.clone(),
            Arc::clone(forum),
            day,
            send,
            shutdown.clone(),
        ));
    }
}

/// Tries `send` until it succeeds or runs out of attempts, logging each try.
async fn attempt(
    senders: Senders,
    forum: Arc<ForumState>,
    day: NaiveDate,
    send: Send,
    mut shutdown: watch::Receiver<bool>,
) {
    let (kind, target) = (send.kind(), send.target());
    let day_text = day.to_string();
    let sent_already = {
        let forum = Arc::clone(&forum);
        let (day_text, target) = (day_text.clone(), target.clone());
        tokio::task::spawn_blocking(move || forum.db.already_sent(&day_text, kind, &target)).await
    };
    match sent_already {
        Ok(Ok(false)) => {}
        Ok(Ok(true)) => return,
        Ok(Err(error)) => return tracing::error!(%error, "cannot read the send log"),
        Err(error) => return tracing::error!(%error, "cannot read the send log"),
    }
    let mut pause = senders.config.first_retry;
    for number in 1..=ATTEMPTS {
        let result = deliver(&senders, &forum, day, &send).await;
        let (outcome, detail) = match &result {
            Ok(detail) => (Outcome::Sent, detail.clone()),
            Err(reason) => (Outcome::Failed, reason.clone()),
        };
        let record = SendRecord {
            day: day_text.clone(),
            kind: kind.to_owned(),
            target: target.clone(),
            attempt: i64::from(number),
            outcome: outcome.as_str().to_owned(),
            detail,
        };
        let logged = {
            let forum = Arc::clone(&forum);
            tokio::task::spawn_blocking(move || {
                let now = forum.now().to_rfc3339();
                forum.db.log_send(&record, &now)
            })
            .await
        };
        if !matches!(logged, Ok(Ok(()))) {
            tracing::error!(kind, %target, "cannot log a digest send");
        }
        match result {
            Ok(_) => {
                tracing::info!(kind, %target, attempt = number, "digest sent");
                return;
            }
            Err(reason) => {
                tracing::warn!(kind, %target, attempt = number, %reason, "digest send failed")
            }
        }
        if number == ATTEMPTS {
            return;
        }
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = shutdown.wait_for(|down| *down) => return,
        }
        pause *= 2;
    }
}

/// Makes one send; what was sent, or why it failed.
async fn deliver(
    senders: &Senders,
    forum: &Arc<ForumState>,
    day: NaiveDate,
    send: &Send,
) -> Result<String, String> {
    let lang = forum.lang();
    match send {
        Send::Archive(dir) => {
            let (forum, dir) = (Arc::clone(forum), dir.clone());
            tokio::task::spawn_blocking(move || archive(&forum, &dir, day, lang))
                .await
                .map_err(|e| e.to_string())?
        }
        Send::Webhook(url) => {
            let body = {
                let forum = Arc::clone(forum);
                tokio::task::spawn_blocking(move || check_bytes(&forum, day, None, lang))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| e.message)?
            };
            let response = senders
                .http
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status();
            if status.is_success() {
                Ok(format!("HTTP {}", status.as_u16()))
            } else {
                Err(format!("HTTP {}", status.as_u16()))
            }
        }
        Send::Mail(grant) => {
            let Some((transport, from)) = &senders.mail else {
                return Err("no --smtp".to_owned());
            };
            let to = grant
                .email
                .as_deref()
                .unwrap_or_default()
                .parse::<Mailbox>()
                .map_err(|e| e.to_string())?;
            let (subject, body) = {
                let (forum, grant) = (Arc::clone(forum), grant.clone());
                tokio::task::spawn_blocking(move || mail_text(&forum, &grant, day, lang))
                    .await
                    .map_err(|e| e.to_string())??
            };
            let message = Message::builder()
                .from(from.clone())
                .to(to)
                .subject(subject)
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(body)
                .map_err(|e| e.to_string())?;
            transport.send(message).await.map_err(|e| e.to_string())?;
            Ok("mail accepted".to_owned())
        }
    }
}

/// Writes the day's status report as `DIR/YYYY-MM-DD.html` and `.json`
/// (each written to a temporary name, then renamed).
fn archive(forum: &ForumState, dir: &Path, day: NaiveDate, lang: Lang) -> Result<String, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (format, extension) in [(StatusFormat::Html, "html"), (StatusFormat::Json, "json")] {
        let bytes = status_bytes(forum, day, format, lang).map_err(|e| e.message)?;
        let path = dir.join(format!("{day}.{extension}"));
        let temporary = dir.join(format!(".{day}.{extension}.partial"));
        std::fs::write(&temporary, bytes)
            .and_then(|()| std::fs::rename(&temporary, &path))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written.join(", "))
}

/// The subject and text of `grant`'s mail: the whole check for a grant on
/// every workstream; the status report of its workstreams otherwise (the
/// check has no per-workstream form; `status --workstream` does).
fn mail_text(
    forum: &ForumState,
    grant: &Grant,
    day: NaiveDate,
    lang: Lang,
) -> Result<(String, String), String> {
    let journal = forum.read_journal(lang).map_err(|e| e.message)?;
    let since = day - chrono::Days::new(1);
    let baseline = forum.baseline(lang).map_err(|e| e.message)?;
    let check = request::check_report(&forum.forum, &journal, day, since, baseline.as_ref())
        .map_err(|r| r.message.text(lang))?;
    let subject = format!(
        "{} {} — {}: {}",
        forum.forum.plan().forum.name,
        check.t_minus,
        i18n::date(lang, day),
        i18n::rag(lang, check.rag)
    );
    let mut body = Vec::new();
    match grant.workstreams() {
        None => check
            .write_text(lang, &mut body)
            .map_err(|e| e.to_string())?,
        Some(ids) => {
            let baseline = forum.baseline(lang).map_err(|e| e.message)?;
            let mut report =
                request::status_report(&forum.forum, &journal, day, since, baseline.as_ref())
                    .map_err(|r| r.message.text(lang))?;
            report
                .retain_workstreams(ids)
                .map_err(|unknown| format!("unknown workstream {}", unknown.id))?;
            let limit = ListLimit::from_setting(forum.forum.settings().list_limit);
            report
                .render(StatusFormat::Text { color: false }, lang, limit, &mut body)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok((subject, String::from_utf8_lossy(&body).into_owned()))
}
