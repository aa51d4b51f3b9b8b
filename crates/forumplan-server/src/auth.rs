//! Who is asking: a grant's secret in `Authorization: Bearer`, or the
//! session cookie a login link set. Every request looks the grant up in the
//! database, so a revoke (from `forumplan access revoke` in another
//! process too) takes effect on the next request. Failed attempts are
//! counted per client address and, past a limit, refused for a while.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode, header};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::server::ServerMsg;

use crate::db::{Grant, Session};
use crate::error::ApiError;
use crate::forums::ForumState;

/// The session cookie's name.
pub(crate) const COOKIE: &str = "forumplan_session";

/// Failed attempts allowed per address within [`WINDOW`].
const MAX_FAILURES: u32 = 10;
/// How long failures are remembered.
const WINDOW: Duration = Duration::from_secs(60);

/// Failed sign-ins per client address.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl Limiter {
    /// Refuses `ip` while it is over the limit.
    pub(crate) fn check(&self, ip: Option<IpAddr>, lang: Lang) -> Result<(), ApiError> {
        let Some(ip) = ip else { return Ok(()) };
        let failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match failures.get(&ip) {
            Some((count, since)) if *count >= MAX_FAILURES && since.elapsed() < WINDOW => {
                let seconds = (WINDOW - since.elapsed()).as_secs().max(1);
                let mut error = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_failures",
                    &ServerMsg::TooManyFailures { seconds },
                    lang,
                );
                error.retry_after = Some(seconds);
                Err(error)
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt from `ip`.
    pub(crate) fn failed(&self, ip: Option<IpAddr>) {
        let Some(ip) = ip else { return };
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Forget stale entries so the table cannot grow without bound.
        if failures.len() > 10_000 {
            failures.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        let entry = failures.entry(ip).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
        tracing::info!(%ip, failures = entry.0, "failed sign-in");
    }
}

/// A signed-in caller.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub(crate) grant: Grant,
    /// Set when signed in through a browser session: its forms' token.
    pub(crate) csrf: Option<String>,
}

/// The session id in the request's cookies, if any.
pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The caller of a request to `forum`, or 401 (429 past the failure limit).
pub(crate) fn authenticate(
    forum: &ForumState,
    limiter: &Limiter,
    headers: &HeaderMap,
    ip: Option<IpAddr>,
    lang: Lang,
) -> Result<Caller, ApiError> {
    let given = bearer(headers)
        .map(|t| (t, true))
        .or(session_cookie(headers).map(|s| (s, false)));
    let Some((secret, is_bearer)) = given else {
        return Err(ApiError::unauthorized(lang));
    };
    limiter.check(ip, lang)?;
    let unavailable = |e| ApiError::unavailable(e, lang);
    let caller = if is_bearer {
        forum
            .db
            .grant_by_secret(secret)
            .map_err(unavailable)?
            .map(|grant| Caller { grant, csrf: None })
    } else {
        let now = forum.now().to_rfc3339();
        forum
            .db
            .session(secret, &now)
            .map_err(unavailable)?
            .map(|Session { grant, csrf }| Caller {
                grant,
                csrf: Some(csrf),
            })
    };
    caller.ok_or_else(|| {
        limiter.failed(ip);
        ApiError::unauthorized(lang)
    })
}
