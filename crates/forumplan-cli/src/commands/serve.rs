//! `forumplan serve PLAN...`: the shared dashboard and progress desk
//! (crates/forumplan-server). The plans are loaded and checked here, as by
//! every command; the server gets them ready to serve.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_server::digest::{DigestConfig, MailConfig};
use forumplan_server::{ForumFiles, ServeConfig, db};

use crate::cli::{DigestArgs, LangArg};
use crate::error::{CliError, refuse};
use crate::plan_file::Warnings;
use crate::{plan_file, progress};

/// `serve`'s options beside the plans.
pub(crate) struct Options {
    pub(crate) addr: SocketAddr,
    pub(crate) base_url: Option<String>,
    pub(crate) db: Option<PathBuf>,
    pub(crate) digest: DigestArgs,
}

/// The first pause before a failed digest send is retried; it doubles.
/// `FORUMPLAN_DIGEST_RETRY_MS` shortens it, for tests.
const FIRST_RETRY: Duration = Duration::from_secs(60);

pub(crate) fn run(
    plans: &[PathBuf],
    options: Options,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let Options {
        addr,
        base_url,
        db,
        digest,
    } = options;
    if db.is_some() && plans.len() > 1 {
        return Err(refuse(CliMsg::DbWithSeveralPlans, CliMsg::HintDbPerPlan));
    }
    let mut forums = Vec::new();
    for plan in plans {
        forums.push(forum_files(plan, db.as_deref(), lang, warnings)?);
    }
    let message_lang = progress::message_lang(lang);
    let config = ServeConfig {
        forums,
        addr,
        base_url: base_url.clone(),
        digest: digest.daily_at.map(|at| DigestConfig {
            at,
            archive: digest.archive,
            webhooks: digest.webhooks,
            mail: digest
                .smtp
                .zip(digest.mail_from)
                .map(|(smtp, from)| MailConfig { smtp, from }),
            first_retry: std::env::var("FORUMPLAN_DIGEST_RETRY_MS")
                .ok()
                .and_then(|ms| ms.parse().ok())
                .map_or(FIRST_RETRY, Duration::from_millis),
        }),
    };
    forumplan_server::serve(config, |bound| {
        let url = base_url.unwrap_or_else(|| format!("http://{bound}"));
        let _ = writeln!(
            anstream::stderr(),
            "{}",
            CliMsg::Listening { url }.text(message_lang)
        );
    })
    .map_err(|error| CliError::Server(error.to_string()))?;
    Ok(ExitCode::SUCCESS)
}

/// Loads the plan at `plan` and finds its journal and database.
pub(crate) fn forum_files(
    plan: &Path,
    db: Option<&Path>,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ForumFiles, CliError> {
    let loaded = plan_file::load(plan, warnings)?;
    let journal = progress::journal_path(
        plan,
        &loaded.forum,
        None,
        progress::lang(&loaded.forum, lang),
    )?;
    Ok(ForumFiles {
        plan: plan.to_owned(),
        journal: journal.path,
        db: db.map_or_else(|| db::default_path(plan), Path::to_owned),
        forum: loaded.forum,
    })
}
