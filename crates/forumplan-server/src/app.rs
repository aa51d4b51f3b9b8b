//! The router: the JSON API, the pages and their static files, with the
//! headers every response carries.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::server::ServerMsg;
use tokio::sync::watch;

use crate::auth::Limiter;
use crate::error::ApiError;
use crate::forums::ForumState;
use crate::{api, pages};

/// The largest request body accepted.
pub(crate) const BODY_LIMIT: usize = 64 * 1024;

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct App {
    pub(crate) forums: Vec<Arc<ForumState>>,
    pub(crate) limiter: Limiter,
    /// Cookies get `Secure` when the public address is https.
    pub(crate) secure_cookies: bool,
    /// Turns true when the server is shutting down: open event streams end.
    pub(crate) shutdown: watch::Receiver<bool>,
}

impl App {
    pub(crate) fn forum(&self, id: &str) -> Option<&Arc<ForumState>> {
        self.forums.iter().find(|f| f.id == id)
    }
}

/// The whole site.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/api/forums", get(api::forums))
        .route("/api/forums/{id}/status", get(api::status))
        .route("/api/forums/{id}/schedule", get(api::schedule))
        .route("/api/forums/{id}/check", get(api::check))
        .route("/api/forums/{id}/history", get(api::history))
        .route(
            "/api/forums/{id}/updates",
            axum::routing::post(api::post_update),
        )
        .route("/api/forums/{id}/events", get(api::events))
        .route("/login", get(pages::login))
        .route("/logout", get(pages::logout).post(pages::logout))
        .route("/", get(pages::home))
        .route("/forums/{id}", get(pages::dashboard))
        .route(
            "/forums/{id}/update",
            get(pages::update_page).post(pages::post_update),
        )
        .route("/static/live.js", get(pages::live_js))
        .route("/static/server.css", get(pages::server_css))
        // No icon: an empty answer, so browsers log no failed load.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(not_found)
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

async fn not_found(request: Request) -> ApiError {
    let lang = query_lang(request.uri().query()).unwrap_or(Lang::Vi);
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        &ServerMsg::NoSuchPage,
        lang,
    )
}

/// The headers of every answer: only the page's own resources (inline
/// styles are the report's own; scripts only from this server), no framing,
/// no sniffing, no referrer (login links carry a secret).
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

/// The `lang` parameter of a query: `None` when absent, an error when not
/// a language. (Unknown values are refused, not guessed.)
pub(crate) fn parse_lang(text: Option<&str>, default: Lang) -> Result<Lang, ApiError> {
    match text {
        None | Some("") => Ok(default),
        Some("vi") => Ok(Lang::Vi),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_lang",
            &ServerMsg::NotALanguage {
                text: other.chars().take(40).collect(),
            },
            default,
        )),
    }
}

/// The language a query asks for, if it names a valid one.
pub(crate) fn query_lang(query: Option<&str>) -> Option<Lang> {
    let params = Params::parse(query);
    parse_lang(params.get("lang"), Lang::Vi).ok()
}

/// A query's or form's parameters, decoded (invalid percent-encoding is
/// decoded lossily rather than refused).
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn parse(query: Option<&str>) -> Params {
        Params::from_bytes(query.unwrap_or("").as_bytes())
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Params {
        Params(form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The client's address, when the server knows it (not in in-process tests).
pub(crate) fn client_ip(request: &axum::http::Extensions) -> Option<IpAddr> {
    request
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// The body of a request, up to [`BODY_LIMIT`]; 413 beyond.
pub(crate) async fn read_body(body: Body, lang: Lang) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            &ServerMsg::BodyTooLarge {
                limit_kib: BODY_LIMIT / 1024,
            },
            lang,
        )
    })
}

/// Runs `work` on a blocking thread (journal locks, file reads, reports).
pub(crate) async fn blocking<T: Send + 'static>(
    lang: Lang,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|error| Err(ApiError::unavailable(error, lang)))
}

/// Answers with `bytes` as JSON.
pub(crate) fn json_bytes(status: StatusCode, bytes: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response()
}

/// Gives handlers the shared state.
pub(crate) type AppState = State<Arc<App>>;
