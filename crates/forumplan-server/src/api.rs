//! The JSON API. The reports are the command line's, byte for byte: the
//! same builders (`forumplan_reporter::request`) and the same renderers.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use forumplan_core::journal::JournalEntry;
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::i18n::server::ServerMsg;
use forumplan_reporter::request::{self, UpdateRequest};
use forumplan_reporter::status::{ListLimit, StatusFormat};
use futures_util::StreamExt;
use serde::Deserialize;

use crate::app::{
    App, AppState, Params, blocking, client_ip, json_bytes, parse_lang, query_lang, read_body,
};
use crate::auth::{Caller, authenticate};
use crate::error::ApiError;
use crate::forums::ForumState;

/// A request to one forum, signed in.
pub(crate) struct Context {
    pub(crate) forum: Arc<ForumState>,
    pub(crate) lang: Lang,
    pub(crate) caller: Caller,
    pub(crate) params: Params,
}

/// Finds the forum (404), reads the language (400) and the caller (401).
pub(crate) fn context(
    app: &App,
    id: Result<Path<String>, PathRejection>,
    parts: &Parts,
) -> Result<Context, ApiError> {
    let params = Params::parse(parts.uri.query());
    let fallback = query_lang(parts.uri.query()).unwrap_or(Lang::Vi);
    let id = id.map_err(|_| ApiError::unknown_forum("?", fallback))?.0;
    let forum = app
        .forum(&id)
        .ok_or_else(|| ApiError::unknown_forum(&id, fallback))?
        .clone();
    let lang = parse_lang(params.get("lang"), forum.lang())?;
    let caller = authenticate(
        &forum,
        &app.limiter,
        &parts.headers,
        client_ip(&parts.extensions),
        lang,
    )?;
    Ok(Context {
        forum,
        lang,
        caller,
        params,
    })
}

/// `GET /api/forums`: the forums the caller may open.
pub(crate) async fn forums(axum::extract::State(app): AppState, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let lang = query_lang(parts.uri.query()).unwrap_or(Lang::Vi);
    let ip = client_ip(&parts.extensions);
    let mut open = Vec::new();
    let mut last_error = None;
    for forum in &app.forums {
        match authenticate(forum, &app.limiter, &parts.headers, ip, lang) {
            Ok(_) => open.push(serde_json::json!({
                "id": forum.id,
                "name": forum.forum.plan().forum.name,
                "date": forum.forum.event_date(),
            })),
            Err(error) => last_error = Some(error),
        }
    }
    match (open.is_empty(), last_error) {
        (true, Some(error)) => error.into_response(),
        _ => axum::Json(open).into_response(),
    }
}

/// `GET …/status?as_of=D&lang=L`: `status --format json`.
pub(crate) async fn status(
    axum::extract::State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    report(&app, id, request, |cx, as_of| {
        status_bytes(&cx.forum, as_of, StatusFormat::Json, cx.lang)
    })
    .await
}

/// Answers a report request: the context, the `as_of` day, then `render`
/// on a blocking thread; its bytes as JSON.
async fn report(
    app: &App,
    id: Result<Path<String>, PathRejection>,
    request: Request,
    render: impl FnOnce(&Context, chrono::NaiveDate) -> Result<Vec<u8>, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    let (parts, _) = request.into_parts();
    let cx = context(app, id, &parts)?;
    let bytes = blocking(cx.lang, move || {
        let as_of = cx.forum.day(cx.params.get("as_of"), cx.lang)?;
        render(&cx, as_of)
    })
    .await?;
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// The status report of `forum` as of `as_of` in `format`, as
/// `forumplan status` renders it (the plan's list limit, the whole forum).
pub(crate) fn status_bytes(
    forum: &ForumState,
    as_of: chrono::NaiveDate,
    format: StatusFormat,
    lang: Lang,
) -> Result<Vec<u8>, ApiError> {
    let journal = forum.read_journal(lang)?;
    // The latest baseline, as `status` without `--baseline` measures against.
    let baseline = forum.baseline(lang)?;
    let since = as_of - chrono::Days::new(1);
    let report = request::status_report(&forum.forum, &journal, as_of, since, baseline.as_ref())
        .map_err(|r| ApiError::refused(&r, lang))?;
    let limit = ListLimit::from_setting(forum.forum.settings().list_limit);
    let mut out = Vec::new();
    report
        .render(format, lang, limit, &mut out)
        .map_err(|e| ApiError::unavailable(e, lang))?;
    Ok(out)
}

/// `GET …/schedule?as_of=D`: `schedule --format json`.
pub(crate) async fn schedule(
    axum::extract::State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    report(&app, id, request, |cx, as_of| {
        let journal = cx.forum.read_journal(cx.lang)?;
        // The latest baseline, as `schedule` without `--baseline` uses.
        let baseline = cx.forum.baseline(cx.lang)?;
        let day = request::schedule_of_day(&cx.forum.forum, &journal, as_of, baseline.as_ref())
            .map_err(|r| ApiError::refused(&r, cx.lang))?;
        let mut out = Vec::new();
        day.view(&cx.forum.forum)
            .write_json(&mut out, true)
            .map_err(|e| ApiError::unavailable(e, cx.lang))?;
        Ok(out)
    })
    .await
}

/// `GET …/check?as_of=D&since=D′`: `check --format json`.
pub(crate) async fn check(
    axum::extract::State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    report(&app, id, request, |cx, as_of| {
        check_bytes(&cx.forum, as_of, cx.params.get("since"), cx.lang)
    })
    .await
}

/// The check of `forum` as of `as_of` since `since`, as `check --format json`.
pub(crate) fn check_bytes(
    forum: &ForumState,
    as_of: chrono::NaiveDate,
    since: Option<&str>,
    lang: Lang,
) -> Result<Vec<u8>, ApiError> {
    let since =
        request::since_day(since, as_of, forum.today()).map_err(|r| ApiError::refused(&r, lang))?;
    let journal = forum.read_journal(lang)?;
    // The latest baseline, as `check` measures against.
    let baseline = forum.baseline(lang)?;
    let report = request::check_report(&forum.forum, &journal, as_of, since, baseline.as_ref())
        .map_err(|r| ApiError::refused(&r, lang))?;
    let mut out = Vec::new();
    report
        .write_json(&mut out)
        .map_err(|e| ApiError::unavailable(e, lang))?;
    Ok(out)
}

/// `GET …/history?task=T`: the journal's entries, oldest first.
pub(crate) async fn history(
    axum::extract::State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, _) = request.into_parts();
    let cx = context(&app, id, &parts)?;
    let entries = blocking(cx.lang, move || {
        let task = cx.params.get("task").filter(|t| !t.is_empty());
        if let Some(task) = task {
            request::task(&cx.forum.forum, task).map_err(|r| ApiError::refused(&r, cx.lang))?;
        }
        let journal = cx.forum.read_journal(cx.lang)?;
        let entries: Vec<JournalEntry> = journal
            .iter_entries()
            .filter(|e| task.is_none_or(|t| e.task == t))
            .cloned()
            .collect();
        Ok(entries)
    })
    .await?;
    Ok(axum::Json(entries).into_response())
}

/// The body of `POST …/updates`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody {
    task: String,
    state: String,
    progress: Option<i64>,
    date: Option<String>,
    note: Option<String>,
}

/// `POST …/updates`: records one entry, `by` the grant's name; 201 with it.
pub(crate) async fn post_update(
    axum::extract::State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let cx = context(&app, id, &parts)?;
    let bytes = read_body(body, cx.lang).await?;
    let body: UpdateBody = serde_json::from_slice(&bytes).map_err(|error| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_body",
            &ServerMsg::NotJson {
                reason: error.to_string(),
            },
            cx.lang,
        )
    })?;
    let update = UpdateRequest {
        task: body.task,
        state: body.state,
        progress: body.progress,
        date: body.date.unwrap_or_else(|| "today".to_owned()),
        by: None,
        note: body.note,
    };
    let lang = cx.lang;
    let entry = blocking(lang, move || {
        cx.forum.record(&cx.caller.grant, &update, cx.lang)
    })
    .await?;
    Ok((StatusCode::CREATED, axum::Json(entry)).into_response())
}

/// `GET …/events`: a `journal` event for every line appended to the
/// journal, by this server or anyone else.
pub(crate) async fn events(
    axum::extract::State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, _) = request.into_parts();
    let cx = context(&app, id, &parts)?;
    let lines = tokio_stream_from(cx.forum.events.subscribe());
    let mut shutdown = app.shutdown.clone();
    let stop = async move {
        let _ = shutdown.wait_for(|down| *down).await;
    };
    let stream = lines
        .map(|line| Ok::<_, Infallible>(Event::default().event("journal").data(&*line)))
        .take_until(Box::pin(stop));
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// The lines a broadcast receiver gets, as a stream; a receiver that fell
/// behind skips what it missed rather than ending.
fn tokio_stream_from(
    receiver: tokio::sync::broadcast::Receiver<Arc<str>>,
) -> impl futures_util::Stream<Item = Arc<str>> {
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(line) => return Some((line, receiver)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "an event stream fell behind");
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}
