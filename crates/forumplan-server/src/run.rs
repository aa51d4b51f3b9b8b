//! Starting and stopping the server: one tokio runtime, one listener, a
//! journal watcher per forum, and a clean stop on SIGTERM or SIGINT (in-flight
//! requests finish, event streams end).

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::watch;

use crate::app::{App, router};
use crate::auth::Limiter;
use crate::db::{Db, DbError};
use crate::forums::{ForumFiles, ForumState};
use crate::watch::watch_journal;

/// What `forumplan serve` was asked to do.
#[derive(Debug)]
pub struct ServeConfig {
    /// The forums, loaded by the command line.
    pub forums: Vec<ForumFiles>,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The public address (for login links and the cookie's `Secure`).
    pub base_url: Option<String>,
    /// The morning digest, if asked for.
    pub digest: Option<crate::digest::DigestConfig>,
}

/// Why the server could not start or stopped on an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A database could not be opened.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Two plans have the same `forum.id`.
    #[error("two plans have the forum id `{0}`; each forum is addressed by its id")]
    DuplicateForum(String),
    /// The address could not be listened on, or the runtime failed.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The digest's settings are wrong.
    #[error(transparent)]
    Digest(#[from] crate::digest::DigestError),
    /// The runtime failed.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves until SIGTERM or SIGINT. `listening` is told the bound address
/// once the server accepts connections (port 0 picks a free port).
pub fn serve(config: ServeConfig, listening: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(config, listening))
}

async fn run(config: ServeConfig, listening: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let mut forums = Vec::new();
    for files in config.forums {
        let db = Db::open(&files.db)?;
        let forum = ForumState::new(files, db);
        if forums.iter().any(|f: &Arc<ForumState>| f.id == forum.id) {
            return Err(ServeError::DuplicateForum(forum.id));
        }
        forums.push(Arc::new(forum));
    }
    let senders = config
        .digest
        .clone()
        .map(crate::digest::Senders::new)
        .transpose()?;
    let (stop, shutdown) = watch::channel(false);
    let app = Arc::new(App {
        forums,
        limiter: Limiter::default(),
        secure_cookies: config
            .base_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://")),
        shutdown: shutdown.clone(),
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Listen {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr()?;
    for forum in &app.forums {
        tokio::spawn(watch_journal(Arc::clone(forum), shutdown.clone()));
        if let (Some(senders), Some(digest)) = (&senders, &config.digest) {
            // One forum archives into the folder; several, each into its own.
            let archive = digest.archive.as_ref().map(|dir| {
                if app.forums.len() > 1 {
                    dir.join(&forum.id)
                } else {
                    dir.clone()
                }
            });
            tokio::spawn(crate::digest::run_daily(
                senders.clone(),
                Arc::clone(forum),
                archive,
                shutdown.clone(),
            ));
        }
    }
    tracing::info!(%addr, forums = app.forums.len(), "serving");
    listening(addr);
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            stop_signal().await;
            tracing::info!("shutting down");
            let _ = stop.send(true);
        })
        .await?;
    Ok(())
}

/// Waits for SIGTERM or SIGINT.
async fn stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        // Without signal handlers the process still stops on a signal, only
        // less gracefully.
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
}
