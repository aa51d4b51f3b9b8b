//! `forumplan access add|list|revoke PLAN`: who may open the server. The
//! grants live in the server's database beside the plan; a running server
//! reads them on every request, so changes take effect at once.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use forumplan_reporter::i18n::cli::CliMsg;
use forumplan_reporter::status::chosen_workstreams;
use forumplan_server::db::{Db, DbError, NewGrant, Scope};

use crate::cli::{AccessAction, LangArg};
use crate::error::{CliError, refuse};
use crate::plan_file::{self, Warnings};
use crate::progress;

pub(crate) fn run(
    action: AccessAction,
    lang: Option<LangArg>,
    warnings: Warnings,
) -> Result<ExitCode, CliError> {
    let plan = match &action {
        AccessAction::Add { plan, .. }
        | AccessAction::List { plan, .. }
        | AccessAction::Revoke { plan, .. } => plan.clone(),
    };
    let loaded = plan_file::load(&plan, warnings)?;
    let forum = &loaded.forum;
    let lang = progress::lang(forum, lang);
    let now = crate::clock::now_in(forum.timezone()).to_rfc3339();
    let open = |db: Option<&Path>| {
        let path = db.map_or_else(|| forumplan_server::db::default_path(&plan), Path::to_owned);
        Db::open(&path).map_err(db_error)
    };
    let mut out = anstream::stdout().lock();
    let mut say = |message: CliMsg| {
        writeln!(out, "{}", message.text(lang)).map_err(|source| CliError::Write {
            path: "<stdout>".into(),
            source,
        })
    };
    match action {
        AccessAction::Add {
            name,
            workstreams,
            all,
            read_only,
            email,
            base_url,
            db,
            ..
        } => {
            let name = name.trim().to_owned();
            if name.is_empty() {
                return Err(refuse(CliMsg::EmptyGrantName, CliMsg::HintGrantName));
            }
            chosen_workstreams(forum, &workstreams)?;
            let scope = if all {
                Scope::All
            } else {
                Scope::Workstreams(workstreams)
            };
            let new = NewGrant {
                name,
                scope,
                read_only,
                email,
            };
            let (grant, secret) = open(db.as_deref())?
                .add_grant(&new, &now)
                .map_err(db_error)?;
            let link = format!("{}/login?token={secret}", base_url.trim_end_matches('/'));
            say(CliMsg::GrantCreated {
                name: grant.name,
                secret,
                link,
            })?;
        }
        AccessAction::List { db, .. } => {
            let grants = open(db.as_deref())?.grants().map_err(db_error)?;
            if grants.is_empty() {
                say(CliMsg::NoGrants)?;
            }
            for grant in grants {
                let scope = grant
                    .workstreams()
                    .map_or_else(|| CliMsg::AllWorkstreams.text(lang), |ids| ids.join(","));
                say(CliMsg::GrantLine {
                    name: forumplan_reporter::escape::terminal(&grant.name).into_owned(),
                    scope,
                    read_only: grant.read_only,
                    email: grant.email.unwrap_or_default(),
                    created: grant.created_at,
                })?;
            }
        }
        AccessAction::Revoke { name, db, .. } => {
            open(db.as_deref())?.revoke(&name, &now).map_err(db_error)?;
            say(CliMsg::GrantRevoked { name })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn db_error(error: DbError) -> CliError {
    match error {
        DbError::NameTaken(name) => refuse(CliMsg::GrantNameTaken { name }, CliMsg::HintGrantName),
        DbError::NoSuchGrant(name) => refuse(CliMsg::NoSuchGrant { name }, CliMsg::HintAccessList),
        other => CliError::Server(other.to_string()),
    }
}
