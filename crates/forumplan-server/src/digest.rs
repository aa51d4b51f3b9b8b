//! The daily digest (`--daily-at`).

use std::sync::Arc;

use tokio::sync::watch;

use crate::forums::ForumState;

/// What the digest does.
#[derive(Debug, Clone)]
pub struct DigestConfig {
    /// When, in each forum's time zone.
    pub at: chrono::NaiveTime,
}

pub(crate) async fn run_daily(
    _config: DigestConfig,
    _forums: Vec<Arc<ForumState>>,
    _shutdown: watch::Receiver<bool>,
) {
}
