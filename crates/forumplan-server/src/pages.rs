//! The pages: login by link, the live dashboard (the report of
//! `status --format html` with a bar and a script added) and the
//! phone-first progress desk. Every page works without JavaScript; all
//! user text goes through minijinja's HTML escaping (or the reporter's).

use std::sync::{Arc, LazyLock};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use forumplan_core::TaskId;
use forumplan_core::journal::TaskState;
use forumplan_reporter::i18n::server::ServerMsg;
use forumplan_reporter::i18n::{self, Lang};
use forumplan_reporter::request::{self, UpdateRequest};
use forumplan_reporter::status::StatusFormat;
use minijinja::{Environment, context};

use crate::api::{Context, context, status_bytes};
use crate::app::{App, AppState, Params, blocking, client_ip, query_lang, read_body};
use crate::auth::{COOKIE, session_cookie};
use crate::error::ApiError;
use crate::token;

/// How long a browser session lasts.
const SESSION_DAYS: u64 = 30;

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    // Names ending in .html are escaped for HTML by minijinja.
    for (name, source) in [
        ("page.html", include_str!("../templates/page.html")),
        ("nav.html", include_str!("../templates/nav.html")),
    ] {
        if let Err(error) = env.add_template(name, source) {
            tracing::error!(%error, name, "a page template does not compile");
        }
    }
    env
});

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// Renders page.html; a template failure (a bug) is a 503, never a 500.
fn page(status: StatusCode, values: minijinja::Value, lang: Lang) -> Response {
    match TEMPLATES
        .get_template("page.html")
        .and_then(|t| t.render(values))
    {
        Ok(body) => html(status, body),
        Err(error) => ApiError::unavailable(error, lang).into_response(),
    }
}

/// An error as a page, in the request's language.
fn error_page(error: &ApiError, lang: Lang) -> Response {
    let mut response = page(
        error.status,
        context! { lang => lang_code(lang), title => error.message.clone(), message => error.hint.clone(), error => true },
        lang,
    );
    if let Some(seconds) = error.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

fn other_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "en",
        Lang::En => "vi",
    }
}

/// The bar above every signed-in page.
fn nav(cx: &Context) -> minijinja::Value {
    let lang = cx.lang;
    context! {
        dashboard => ServerMsg::Dashboard.text(lang),
        record => ServerMsg::RecordProgress.text(lang),
        sign_out => ServerMsg::SignOut.text(lang),
        who => ServerMsg::SignedInAs { name: cx.caller.grant.name.clone() }.text(lang),
        read_only => cx.caller.grant.read_only,
        other_lang => other_lang(lang),
    }
}

fn session_cookie_header(app: &App, value: &str, max_age: u64) -> HeaderValue {
    let secure = if app.secure_cookies { "; Secure" } else { "" };
    let cookie =
        format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `GET /login?token=…`: opens a session for the grant whose secret the
/// link carries. The answer is a page that moves on to the forum by itself
/// (a redirect would not carry a SameSite=Strict cookie when the link was
/// opened from a mail or a chat).
pub(crate) async fn login(State(app): AppState, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let params = Params::parse(parts.uri.query());
    let lang = query_lang(parts.uri.query()).unwrap_or(Lang::Vi);
    let ip = client_ip(&parts.extensions);
    if let Err(error) = app.limiter.check(ip, lang) {
        return error_page(&error, lang);
    }
    let secret = params.get("token").unwrap_or("").to_owned();
    let found = blocking(lang, {
        let app = Arc::clone(&app);
        move || {
            for forum in &app.forums {
                let grant = forum
                    .db
                    .grant_by_secret(&secret)
                    .map_err(|e| ApiError::unavailable(e, lang))?;
                if let Some(grant) = grant {
                    let expires = forum.now() + chrono::Days::new(SESSION_DAYS);
                    let (session, _) = forum
                        .db
                        .new_session(&grant, &expires.to_rfc3339())
                        .map_err(|e| ApiError::unavailable(e, lang))?;
                    return Ok(Some((forum.id.clone(), forum.lang(), session)));
                }
            }
            Ok(None)
        }
    })
    .await;
    match found {
        Ok(Some((forum_id, forum_lang, session))) => {
            let lang = query_lang(parts.uri.query()).unwrap_or(forum_lang);
            let target = format!("/forums/{forum_id}?lang={}", lang_code(lang));
            let mut response = page(
                StatusCode::OK,
                context! {
                    lang => lang_code(lang),
                    title => ServerMsg::Dashboard.text(lang),
                    refresh => target,
                    refresh_label => ServerMsg::Dashboard.text(lang),
                },
                lang,
            );
            response.headers_mut().insert(
                header::SET_COOKIE,
                session_cookie_header(&app, &session, SESSION_DAYS * 86_400),
            );
            response
        }
        Ok(None) => {
            app.limiter.failed(ip);
            error_page(
                &ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "bad_login_link",
                    &ServerMsg::BadLoginLink,
                    lang,
                ),
                lang,
            )
        }
        Err(error) => error_page(&error, lang),
    }
}

/// `/logout`: ends the session and forgets the cookie.
pub(crate) async fn logout(State(app): AppState, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let lang = query_lang(parts.uri.query()).unwrap_or(Lang::Vi);
    if let Some(session) = session_cookie(&parts.headers).map(str::to_owned) {
        let app = Arc::clone(&app);
        let _ = blocking(lang, move || {
            for forum in &app.forums {
                forum
                    .db
                    .end_session(&session)
                    .map_err(|e| ApiError::unavailable(e, lang))?;
            }
            Ok(())
        })
        .await;
    }
    let mut response = page(
        StatusCode::OK,
        context! { lang => lang_code(lang), title => ServerMsg::SignedOut.text(lang) },
        lang,
    );
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie_header(&app, "", 0));
    response
}

/// `/`: the forum of the session, or how to sign in.
pub(crate) async fn home(State(app): AppState, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let lang = query_lang(parts.uri.query()).unwrap_or(Lang::Vi);
    for forum in &app.forums {
        let path = Ok(Path(forum.id.clone()));
        if context(&app, path, &parts).is_ok() {
            let target = format!("/forums/{}?lang={}", forum.id, lang_code(lang));
            return (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response();
        }
    }
    error_page(&ApiError::unauthorized(lang), lang)
}

/// The request's forum, grant and language for a page; when there is
/// none, the error page to answer, in the language the query asks for.
fn page_context(
    app: &App,
    id: Result<Path<String>, PathRejection>,
    parts: &axum::http::request::Parts,
) -> Result<Context, Box<Response>> {
    context(app, id, parts).map_err(|error| {
        Box::new(error_page(
            &error,
            query_lang(parts.uri.query()).unwrap_or(Lang::Vi),
        ))
    })
}

/// `GET /forums/{id}`: the status report as `status --format html` renders
/// it, with the bar and the live-update script.
pub(crate) async fn dashboard(
    State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let cx = match page_context(&app, id, &parts) {
        Ok(cx) => cx,
        Err(page) => return *page,
    };
    let lang = cx.lang;
    let nav = TEMPLATES.get_template("nav.html").and_then(|t| {
        t.render(
            context! { forum_id => cx.forum.id.clone(), lang => lang_code(lang), nav => nav(&cx) },
        )
    });
    let forum = Arc::clone(&cx.forum);
    let forum_id = forum.id.clone();
    let report = blocking(lang, move || {
        let as_of = forum.day(cx.params.get("as_of"), lang)?;
        status_bytes(&forum, as_of, StatusFormat::Html, lang)
    })
    .await;
    let (report, nav) = match (report, nav) {
        (Ok(report), Ok(nav)) => (report, nav),
        (Err(error), _) => return error_page(&error, lang),
        (_, Err(error)) => return error_page(&ApiError::unavailable(error, lang), lang),
    };
    let report = String::from_utf8_lossy(&report);
    let events = format!("/api/forums/{}/events", escape_attr(&forum_id));
    let head = "<link rel=\"stylesheet\" href=\"/static/server.css\">\n</head>";
    let script = format!(
        "<script src=\"/static/live.js\" data-events=\"{events}\" defer></script>\n</body>"
    );
    let body = report
        .replacen("</head>", head, 1)
        .replacen("<body>", &format!("<body>\n{nav}"), 1)
        .replacen("</body>", &script, 1);
    html(StatusCode::OK, body)
}

fn escape_attr(text: &str) -> String {
    forumplan_reporter::escape::html(text)
}

/// A group of tasks on the desk (`kind`, `title`, `tasks`), most urgent
/// group first; each task has `id`, `name`, `workstream`, `state`,
/// `state_name`, `progress`, `finish`.
type DeskGroup = minijinja::Value;

/// The tasks `cx`'s grant may change, grouped most urgent first: late,
/// must start today, due soon, blocked, the rest, then finished ones.
fn desk(cx: &Context) -> Result<(Vec<DeskGroup>, chrono::NaiveDate), ApiError> {
    let lang = cx.lang;
    let forum = &cx.forum.forum;
    let today = cx.forum.today();
    let journal = cx.forum.read_journal(lang)?;
    let (schedule, assessment) =
        request::assess_day(forum, &journal, today).map_err(|r| ApiError::refused(&r, lang))?;
    let grant = &cx.caller.grant;
    let mine = |t: &TaskId| {
        let workstream = &forum.task(*t).workstream;
        grant.read_only
            || grant
                .workstreams()
                .is_none_or(|ids| ids.iter().any(|id| id == workstream))
    };
    let finished = |t: &TaskId| {
        matches!(
            schedule.tasks[*t].state,
            TaskState::Done | TaskState::Cancelled
        )
    };
    let everything: Vec<TaskId> = (0..forum.tasks().len()).collect();
    let unfinished: Vec<TaskId> = everything
        .iter()
        .copied()
        .filter(|t| !finished(t))
        .collect();
    let done: Vec<TaskId> = everything.iter().copied().filter(|t| finished(t)).collect();
    let lists: [(&'static str, ServerMsg, &[TaskId]); 6] = [
        ("late", ServerMsg::Late, &assessment.late),
        (
            "today",
            ServerMsg::MustStartToday,
            &assessment.must_start_today,
        ),
        ("soon", ServerMsg::DueSoon, &assessment.due_soon),
        ("blocked", ServerMsg::Blocked, &assessment.blocked),
        ("other", ServerMsg::Other, &unfinished),
        ("done", ServerMsg::Finished, &done),
    ];
    let mut shown = vec![false; forum.tasks().len()];
    let mut groups = Vec::new();
    for (kind, title, ids) in lists {
        let tasks: Vec<minijinja::Value> = ids
            .iter()
            .filter(|t| mine(t) && !std::mem::replace(&mut shown[**t], true))
            .map(|t| {
                let task = forum.task(*t);
                let scheduled = &schedule.tasks[*t];
                let workstream = forum
                    .plan()
                    .workstreams
                    .iter()
                    .find(|w| w.id == task.workstream)
                    .map_or_else(|| task.workstream.to_string(), |w| w.name.clone());
                context! {
                    id => task.id.to_string(),
                    name => task.name.clone(),
                    workstream,
                    state => scheduled.state.to_string(),
                    state_name => i18n::state(lang, scheduled.state),
                    progress => (scheduled.progress > 0).then_some(scheduled.progress),
                    finish => ServerMsg::LateFinish {
                        date: i18n::date(lang, scheduled.late_finish),
                    }
                    .text(lang),
                }
            })
            .collect();
        if !tasks.is_empty() {
            groups.push(context! { kind, title => title.text(lang), tasks });
        }
    }
    Ok((groups, today))
}

/// Renders the desk for `cx`, with `message` on top.
fn desk_page(cx: &Context, status: StatusCode, message: Option<(String, bool)>) -> Response {
    let lang = cx.lang;
    let (groups, today) = match desk(cx) {
        Ok(desk) => desk,
        Err(error) => return error_page(&error, lang),
    };
    let states: Vec<_> = [
        TaskState::NotStarted,
        TaskState::InProgress,
        TaskState::Done,
        TaskState::Blocked,
        TaskState::Cancelled,
    ]
    .into_iter()
    .map(|s| context! { value => s.to_string(), name => i18n::state(lang, s) })
    .collect();
    let (message, error) = message.map_or((None, false), |(m, e)| (Some(m), e));
    page(
        status,
        context! {
            lang => lang_code(lang),
            title => ServerMsg::RecordProgress.text(lang),
            forum_id => cx.forum.id.clone(),
            nav => nav(cx),
            message => message,
            error => error,
            groups => groups,
            read_only => cx.caller.grant.read_only,
            csrf => cx.caller.csrf.clone().unwrap_or_default(),
            today => today.to_string(),
            states => states,
            words => context! {
                read_only => ServerMsg::ReadOnlyNotice.text(lang),
                nothing => ServerMsg::NothingToUpdate.text(lang),
                state => ServerMsg::State.text(lang),
                progress => ServerMsg::Progress.text(lang),
                note => ServerMsg::Note.text(lang),
                save => ServerMsg::Save.text(lang),
            },
        },
        lang,
    )
}

/// `GET /forums/{id}/update`: the progress desk.
pub(crate) async fn update_page(
    State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let cx = match page_context(&app, id, &parts) {
        Ok(cx) => cx,
        Err(page) => return *page,
    };
    let lang = cx.lang;
    let saved = cx.params.get("saved").map(|task| {
        (
            ServerMsg::Saved {
                task: task.chars().take(200).collect(),
            }
            .text(lang),
            false,
        )
    });
    blocking(lang, move || Ok(desk_page(&cx, StatusCode::OK, saved)))
        .await
        .unwrap_or_else(|error| error_page(&error, lang))
}

/// `POST /forums/{id}/update`: one form of the desk; on success back to
/// the desk (post, redirect, get), else the desk with the refusal.
pub(crate) async fn post_update(
    State(app): AppState,
    id: Result<Path<String>, PathRejection>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let cx = match page_context(&app, id, &parts) {
        Ok(cx) => cx,
        Err(page) => return *page,
    };
    let lang = cx.lang;
    let bytes = match read_body(body, lang).await {
        Ok(bytes) => bytes,
        Err(error) => return error_page(&error, lang),
    };
    let form = Params::from_bytes(&bytes);
    let csrf_ok = match (&cx.caller.csrf, form.get("csrf")) {
        (Some(expected), Some(given)) => token::same(expected, given),
        _ => false,
    };
    if !csrf_ok {
        let error = ApiError::new(
            StatusCode::FORBIDDEN,
            "bad_form_token",
            &ServerMsg::BadFormToken,
            lang,
        );
        return error_page(&error, lang);
    }
    let progress = form
        .get("progress")
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let progress = match progress.map(str::parse::<i64>) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(_)) => Some(-1),
    };
    let update = UpdateRequest {
        task: form.get("task").unwrap_or("").to_owned(),
        state: form.get("state").unwrap_or("").to_owned(),
        progress,
        date: form
            .get("date")
            .filter(|d| !d.is_empty())
            .unwrap_or("today")
            .to_owned(),
        by: None,
        note: form.get("note").map(str::to_owned),
    };
    blocking(lang, move || {
        Ok(match cx.forum.record(&cx.caller.grant, &update, lang) {
            Ok(entry) => {
                let target = format!(
                    "/forums/{}/update?lang={}&saved={}",
                    cx.forum.id,
                    lang_code(lang),
                    form_urlencoded::byte_serialize(entry.task.as_bytes()).collect::<String>()
                );
                (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response()
            }
            Err(error) => {
                let message = match &error.hint {
                    Some(hint) => format!("{} ({hint})", error.message),
                    None => error.message.clone(),
                };
                desk_page(&cx, error.status, Some((message, true)))
            }
        })
    })
    .await
    .unwrap_or_else(|error| error_page(&error, lang))
}

/// The dashboard's live-update script.
pub(crate) async fn live_js() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/live.js"),
    )
}

/// The style of the server's own pages.
pub(crate) async fn server_css() -> Response {
    static_file(
        "text/css; charset=utf-8",
        include_str!("../static/server.css"),
    )
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}
