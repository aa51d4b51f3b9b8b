//! The server's own state in SQLite, beside the plan (`<plan stem>.server.db`):
//! access grants, browser sessions and the log of digest sends. Opened in
//! WAL mode so `forumplan access` in another process can change grants
//! while a server reads them; every request looks its grant up here, so a
//! revoke takes effect at once. Secrets are stored only as SHA-256 hashes.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use crate::token;

/// What a grant may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every task (the leadership).
    All,
    /// The tasks of these workstreams (a department).
    Workstreams(Vec<String>),
}

/// One access grant, without its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Its row id.
    pub id: i64,
    /// Who holds it; written as `by` in the journal entries it records.
    pub name: String,
    /// What it may change.
    pub scope: Scope,
    /// It may read but never write.
    pub read_only: bool,
    /// Where the daily digest goes, if anywhere.
    pub email: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: String,
}

impl Grant {
    /// Whether this grant may record progress on a task of `workstream`.
    pub fn may_change(&self, workstream: &str) -> bool {
        !self.read_only
            && match &self.scope {
                Scope::All => true,
                Scope::Workstreams(ids) => ids.iter().any(|w| w == workstream),
            }
    }

    /// The workstreams it covers (`None`: all of them).
    pub fn workstreams(&self) -> Option<&[String]> {
        match &self.scope {
            Scope::All => None,
            Scope::Workstreams(ids) => Some(ids),
        }
    }
}

/// A grant to create.
#[derive(Debug, Clone)]
pub struct NewGrant {
    /// Who holds it.
    pub name: String,
    /// What it may change.
    pub scope: Scope,
    /// Read-only.
    pub read_only: bool,
    /// Where the digest goes.
    pub email: Option<String>,
}

/// A browser session: the grant behind it and its form token.
#[derive(Debug, Clone)]
pub struct Session {
    /// The grant that logged in.
    pub grant: Grant,
    /// The CSRF token its forms carry.
    pub csrf: String,
}

/// How a digest send ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered.
    Sent,
    /// Failed; retried later if attempts remain.
    Failed,
}

/// One logged send of the daily digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendRecord {
    /// The forum day it was for (`YYYY-MM-DD`).
    pub day: String,
    /// `archive`, `webhook` or `mail`.
    pub kind: String,
    /// The folder, URL or address.
    pub target: String,
    /// 1 for the first try.
    pub attempt: i64,
    /// `sent` or `failed`.
    pub outcome: String,
    /// Why it failed, or what was sent.
    pub detail: String,
}

/// A failure of the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite refused.
    #[error("server database {}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// Another active grant has this name.
    #[error("a grant named `{0}` already exists")]
    NameTaken(String),
    /// No active grant has this name.
    #[error("no grant is named `{0}`")]
    NoSuchGrant(String),
    /// No secret could be made.
    #[error(transparent)]
    Random(#[from] token::RandomError),
}

/// The database of one forum.
#[derive(Debug)]
pub struct Db {
    path: PathBuf,
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS grants (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    workstreams TEXT,
    read_only INTEGER NOT NULL,
    email TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS grants_active_name ON grants(name) WHERE revoked_at IS NULL;
CREATE TABLE IF NOT EXISTS sessions (
    hash TEXT PRIMARY KEY,
    grant_id INTEGER NOT NULL REFERENCES grants(id),
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sends (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_day ON sends(day, kind, target);
";

/// The default database of the plan at `plan`: `<plan stem>.server.db` beside it.
pub fn default_path(plan: &Path) -> PathBuf {
    let stem = plan
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    plan.parent()
        .unwrap_or(Path::new(""))
        .join(format!("{stem}.server.db"))
}

impl Db {
    /// Opens (creating if needed) the database at `path`, in WAL mode.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        let sqlite = |source| DbError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let conn = Connection::open(path).map_err(sqlite)?;
        // Another process (`forumplan access`) may hold the write lock for
        // a moment: wait rather than fail.
        conn.busy_timeout(Duration::from_secs(5)).map_err(sqlite)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sqlite)?;
        conn.execute_batch(SCHEMA).map_err(sqlite)?;
        Ok(Db {
            path: path.to_owned(),
            conn: Mutex::new(conn),
        })
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the connection leaves SQLite consistent
        // (each statement is atomic): go on with it.
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn sqlite(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        |source| DbError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Creates a grant, created at `now` (RFC 3339); returns it with its
    /// secret, which is not kept anywhere.
    pub fn add_grant(&self, new: &NewGrant, now: &str) -> Result<(Grant, String), DbError> {
        let secret = token::new_secret()?;
        let workstreams = match &new.scope {
            Scope::All => None,
            Scope::Workstreams(ids) => Some(serde_json::Value::from(ids.clone()).to_string()),
        };
        let conn = self.conn();
        let taken: bool = conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM grants WHERE name = ?1 AND revoked_at IS NULL)",
                [&new.name],
                |row| row.get(0),
            )
            .map_err(self.sqlite())?;
        if taken {
            return Err(DbError::NameTaken(new.name.clone()));
        }
        conn.execute(
            "INSERT INTO grants (name, token_hash, workstreams, read_only, email, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                new.name,
                token::hash(&secret),
                workstreams,
                new.read_only,
                new.email,
                now
            ],
        )
        .map_err(self.sqlite())?;
        let grant = Grant {
            id: conn.last_insert_rowid(),
            name: new.name.clone(),
            scope: new.scope.clone(),
            read_only: new.read_only,
            email: new.email.clone(),
            created_at: now.to_owned(),
        };
        Ok((grant, secret))
    }

    /// The active grants, oldest first.
    pub fn grants(&self) -> Result<Vec<Grant>, DbError> {
        let conn = self.conn();
        let mut statement = conn
            .prepare(&format!(
                "SELECT {GRANT_COLUMNS} FROM grants WHERE revoked_at IS NULL ORDER BY id"
            ))
            .map_err(self.sqlite())?;
        let rows = statement
            .query_map([], grant_from_row)
            .map_err(self.sqlite())?;
        rows.collect::<Result<_, _>>().map_err(self.sqlite())
    }

    /// Revokes the active grant named `name` at `now` and ends its sessions.
    pub fn revoke(&self, name: &str, now: &str) -> Result<(), DbError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(self.sqlite())?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM grants WHERE name = ?1 AND revoked_at IS NULL",
                [name],
                |row| row.get(0),
            )
            .optional()
            .map_err(self.sqlite())?;
        let Some(id) = id else {
            return Err(DbError::NoSuchGrant(name.to_owned()));
        };
        tx.execute(
            "UPDATE grants SET revoked_at = ?1 WHERE id = ?2",
            params![now, id],
        )
        .map_err(self.sqlite())?;
        tx.execute("DELETE FROM sessions WHERE grant_id = ?1", [id])
            .map_err(self.sqlite())?;
        tx.commit().map_err(self.sqlite())
    }

    /// The active grant whose secret is `secret`.
    pub fn grant_by_secret(&self, secret: &str) -> Result<Option<Grant>, DbError> {
        if !token::well_formed(secret) {
            return Ok(None);
        }
        let hash = token::hash(secret);
        let conn = self.conn();
        let found = conn
            .query_row(
                &format!(
                    "SELECT {GRANT_COLUMNS}, token_hash FROM grants
                     WHERE token_hash = ?1 AND revoked_at IS NULL"
                ),
                [&hash],
                |row| Ok((grant_from_row(row)?, row.get::<_, String>(7)?)),
            )
            .optional()
            .map_err(self.sqlite())?;
        // The index found the row; the comparison that decides is constant-time.
        Ok(found
            .filter(|(_, stored)| token::matches(secret, stored))
            .map(|(grant, _)| grant))
    }

    /// Opens a session for `grant` lasting until `expires_at` (RFC 3339);
    /// returns its id (the cookie) and its CSRF token.
    pub fn new_session(
        &self,
        grant: &Grant,
        expires_at: &str,
    ) -> Result<(String, String), DbError> {
        let id = token::new_secret()?;
        let csrf = token::new_secret()?;
        self.conn()
            .execute(
                "INSERT INTO sessions (hash, grant_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token::hash(&id), grant.id, csrf, expires_at],
            )
            .map_err(self.sqlite())?;
        Ok((id, csrf))
    }

    /// The live session `id` names at `now` (RFC 3339), if its grant is
    /// still active.
    pub fn session(&self, id: &str, now: &str) -> Result<Option<Session>, DbError> {
        if !token::well_formed(id) {
            return Ok(None);
        }
        let conn = self.conn();
        conn.query_row(
            &format!(
                "SELECT {}, sessions.csrf FROM sessions JOIN grants ON grants.id = sessions.grant_id
                 WHERE sessions.hash = ?1 AND sessions.expires_at > ?2 AND grants.revoked_at IS NULL",
                GRANT_COLUMNS
                    .split(", ")
                    .map(|c| format!("grants.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            params![token::hash(id), now],
            |row| {
                Ok(Session {
                    grant: grant_from_row(row)?,
                    csrf: row.get(7)?,
                })
            },
        )
        .optional()
        .map_err(self.sqlite())
    }

    /// Ends the session `id` (logout).
    pub fn end_session(&self, id: &str) -> Result<(), DbError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE hash = ?1", [token::hash(id)])
            .map(drop)
            .map_err(self.sqlite())
    }

    /// Logs one digest send.
    pub fn log_send(&self, record: &SendRecord, now: &str) -> Result<(), DbError> {
        self.conn()
            .execute(
                "INSERT INTO sends (day, kind, target, attempt, outcome, detail, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    record.day,
                    record.kind,
                    record.target,
                    record.attempt,
                    record.outcome,
                    record.detail,
                    now
                ],
            )
            .map(drop)
            .map_err(self.sqlite())
    }

    /// Whether the digest of `day` already reached `target` (`kind`).
    pub fn already_sent(&self, day: &str, kind: &str, target: &str) -> Result<bool, DbError> {
        self.conn()
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM sends
                 WHERE day = ?1 AND kind = ?2 AND target = ?3 AND outcome = 'sent')",
                params![day, kind, target],
                |row| row.get(0),
            )
            .map_err(self.sqlite())
    }

    /// Every logged send, oldest first.
    pub fn sends(&self) -> Result<Vec<SendRecord>, DbError> {
        let conn = self.conn();
        let mut statement = conn
            .prepare("SELECT day, kind, target, attempt, outcome, detail FROM sends ORDER BY id")
            .map_err(self.sqlite())?;
        let rows = statement
            .query_map([], |row| {
                Ok(SendRecord {
                    day: row.get(0)?,
                    kind: row.get(1)?,
                    target: row.get(2)?,
                    attempt: row.get(3)?,
                    outcome: row.get(4)?,
                    detail: row.get(5)?,
                })
            })
            .map_err(self.sqlite())?;
        rows.collect::<Result<_, _>>().map_err(self.sqlite())
    }
}

const GRANT_COLUMNS: &str = "id, name, workstreams, read_only, email, created_at, revoked_at";

fn grant_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Grant> {
    let workstreams: Option<String> = row.get(2)?;
    let scope = match workstreams {
        None => Scope::All,
        // Written by `add_grant` only; an unreadable list grants nothing.
        Some(text) => Scope::Workstreams(serde_json::from_str(&text).unwrap_or_default()),
    };
    Ok(Grant {
        id: row.get(0)?,
        name: row.get(1)?,
        scope,
        read_only: row.get(3)?,
        email: row.get(4)?,
        created_at: row.get(5)?,
    })
}

impl Outcome {
    /// Its name in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Failed => "failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2022-11-20T08:00:00+07:00";

    #[test]
    fn grants_sessions_and_revokes() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("p.server.db")).unwrap();
        let new = NewGrant {
            name: "Ban Hậu cần".into(),
            scope: Scope::Workstreams(vec!["logistics".into()]),
            read_only: false,
            email: None,
        };
        let (grant, secret) = db.add_grant(&new, NOW).unwrap();
        assert!(matches!(
            db.add_grant(&new, NOW),
            Err(DbError::NameTaken(_))
        ));
        assert_eq!(db.grant_by_secret(&secret).unwrap(), Some(grant.clone()));
        assert!(grant.may_change("logistics") && !grant.may_change("media"));
        let (session, csrf) = db.new_session(&grant, "2099-01-01T00:00:00Z").unwrap();
        let found = db.session(&session, NOW).unwrap().unwrap();
        assert_eq!((found.grant, found.csrf), (grant.clone(), csrf));
        assert!(
            db.session(&session, "2100-01-01T00:00:00Z")
                .unwrap()
                .is_none()
        );

        // The secret itself is nowhere in the file.
        drop(db);
        let bytes = std::fs::read(dir.path().join("p.server.db")).unwrap();
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
        let db = Db::open(&dir.path().join("p.server.db")).unwrap();

        db.revoke("Ban Hậu cần", NOW).unwrap();
        assert!(db.grant_by_secret(&secret).unwrap().is_none());
        assert!(db.session(&session, NOW).unwrap().is_none());
        assert!(matches!(
            db.revoke("Ban Hậu cần", NOW),
            Err(DbError::NoSuchGrant(_))
        ));
        // The name is free again.
        db.add_grant(&new, NOW).unwrap();
    }
}
