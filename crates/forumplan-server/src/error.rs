//! The errors the server answers with: `{"error": {"code", "message"}}`
//! (with a `hint` when there is one), in the request's language, always a
//! 4xx or 503, never a 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::server::ServerMsg;
use forumplan_reporter::request::Refusal;

/// A request the server will not or cannot answer.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    /// A stable machine-readable code.
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    /// Seconds to wait, for 429.
    pub(crate) retry_after: Option<u64>,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: &'static str,
        message: &ServerMsg,
        lang: Lang,
    ) -> Self {
        ApiError {
            status,
            code,
            message: message.text(lang),
            hint: None,
            retry_after: None,
        }
    }

    /// An update or a day refused by the same rule as on the command line.
    pub(crate) fn refused(refusal: &Refusal, lang: Lang) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "refused",
            message: refusal.message.text(lang),
            hint: Some(refusal.hint.text(lang)),
            retry_after: None,
        }
    }

    pub(crate) fn unauthorized(lang: Lang) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            &ServerMsg::SignInFirst,
            lang,
        )
    }

    pub(crate) fn unknown_forum(id: &str, lang: Lang) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "unknown_forum",
            &ServerMsg::UnknownForum { id: id.to_owned() },
            lang,
        )
    }

    /// A failure of the machine, not of the request (a journal that cannot
    /// be read, a database that is locked): 503, so that a client retries.
    pub(crate) fn unavailable(reason: impl std::fmt::Display, lang: Lang) -> Self {
        tracing::error!(%reason, "cannot answer a request");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            &ServerMsg::Unavailable {
                reason: reason.to_string(),
            },
            lang,
        )
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> serde_json::Value {
        let mut error = serde_json::json!({ "code": self.code, "message": self.message });
        if let Some(hint) = &self.hint {
            error["hint"] = hint.as_str().into();
        }
        serde_json::json!({ "error": error })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
