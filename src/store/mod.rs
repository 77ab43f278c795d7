//! The store: `SQLite` (one file, one PC) or `PostgreSQL` (one server, several PCs), versioned
//! migrations, one transaction per decision.
//!
//! All SQL of the product lives in this module, written once for both backends through the
//! seam in `db/`. Its public surface takes and returns plain domain and model types only, so
//! the domain and the UI do not know which backend they run on.

mod audit;
mod backup;
mod board;
mod campaigns;
mod case_records;
mod cases;
mod check_results;
mod claims;
pub mod db;
mod decisions;
mod error;
mod exports;
mod location;
mod migrate;
mod model;
mod password;
mod pg_backup;
mod pg_roles;
mod pg_schema;
mod production;
mod queue;
mod schema;
mod sign_in;
mod stats;
mod students;
mod supervisor;
mod time;
mod undo;
mod uploads;
mod users;
mod watch;

use std::path::Path;

use db::{Conn, SqlExt};

pub use audit::AuditEntry;
pub use backup::{BackupReport, Credentials, restore};
pub use board::{AttemptRecord, Board, BoardList, BoardRow, CaseFile, DecisionRecord};
pub use case_records::{Extension, MakeupShoot};
pub use check_results::PhotoToCheck;
pub use claims::CLAIM_SECS;
pub use decisions::{DecisionReceipt, DecisionRequest};
pub use error::{StoreError, StoreResult};
pub use exports::{ApprovedPhoto, DecisionExportBatch, ExportKind, ExportRecord, ExportedDecision};
pub use location::{DbLocation, PgTarget};
pub use migrate::MigrateReport;
pub use model::{
    CampaignId, EarlierPhoto, PastDecision, QueueItem, QueueSummary, StateCounts, SubmissionDetail,
};
pub use pg_roles::account_role;
pub use production::{PrintRun, PrintedCase, RosterEntry};
pub use stats::{
    CoverageRow, DecisionTotals, FeeRow, REVIEW_TIME_BUCKET_HOURS, REVIEW_TIME_BUCKETS, ReviewTime,
    ReviewerCount, Stats, TOP_REASONS,
};
pub use supervisor::CaseChange;
pub use undo::UndoReceipt;
pub use uploads::photo_hash;
pub use uploads::{UploadReceipt, UploadRequest};
pub use users::{NewUser, UserInfo};
pub use watch::Change;

/// An open review database.
pub struct Store {
    conn: Conn,
    location: DbLocation,
    /// Decision transactions retried after `SQLITE_BUSY` (contention figures).
    busy_retries: u64,
    /// Set once [`Store::watch_changes`] has started watching other desks.
    watch: Option<watch::WatchState>,
    /// On `PostgreSQL`, once an account signed in: its own login, which the connection now
    /// uses. `location` stays what the database was opened with (the gate).
    session: Option<Session>,
}

/// An account's own server login after sign-in, kept to connect again as it (the window's
/// worker and jobs, and reconnecting after the server went away), never as the gate.
struct Session {
    target: PgTarget,
    /// The account's login role.
    role: String,
    user_id: i64,
}

impl Store {
    /// Opens an existing database: a missing file, or a server database without our tables,
    /// is an error.
    pub fn open(location: impl Into<DbLocation>) -> StoreResult<Self> {
        Self::connect(location.into(), false)
    }

    /// Opens a database, creating an empty one when the file does not exist (or filling an
    /// empty server database with the schema).
    pub fn open_or_create(location: impl Into<DbLocation>) -> StoreResult<Self> {
        Self::connect(location.into(), true)
    }

    fn connect(location: DbLocation, create: bool) -> StoreResult<Self> {
        let conn = match &location {
            DbLocation::Sqlite(path) => Conn::Sqlite(schema::open(path, create)?),
            DbLocation::Postgres(target) => pg_schema::open(target, create)?,
        };
        Ok(Self {
            conn,
            location,
            busy_retries: 0,
            watch: None,
            session: None,
        })
    }

    /// A bare connection to a `PostgreSQL` server's database, with no schema of ours checked or
    /// made: for creating and dropping databases in benchmarks and tests, nothing else.
    #[doc(hidden)]
    pub fn admin_connection(server: &PgTarget) -> StoreResult<Self> {
        Ok(Self {
            conn: Conn::Postgres(Box::new(db::pg::PgConn::connect(server)?)),
            location: DbLocation::Postgres(server.clone()),
            busy_retries: 0,
            watch: None,
            session: None,
        })
    }

    /// Runs one statement as it is, on either backend. For tests that must write rows the
    /// validated paths never would (damaged data, foreign values); not for the product.
    #[doc(hidden)]
    pub fn execute_unchecked(&self, sql: &str, params: impl db::Params) -> StoreResult<u64> {
        Ok(self.conn.execute(sql, params)?)
    }

    /// Runs one query as it is (tests).
    #[doc(hidden)]
    pub fn query_unchecked(&self, sql: &str, params: impl db::Params) -> StoreResult<Vec<db::Row>> {
        Ok(self.conn.prepare(sql)?.query(params)?)
    }

    /// Whether the connection to the server is gone (`PostgreSQL` restarted, network lost):
    /// the session cannot go on, and a new [`Store::open`] is needed. Never for `SQLite`.
    pub fn is_disconnected(&self) -> bool {
        match &self.conn {
            Conn::Sqlite(_) => false,
            Conn::Postgres(pg) => pg.is_closed(),
        }
    }

    /// Where this database is.
    pub fn location(&self) -> &DbLocation {
        &self.location
    }

    /// Where to open this database again as the signed-in account: on `PostgreSQL`, the
    /// account's own login (its role and password), so another connection, or a new one after
    /// the server went away, has the account's rights and not the gate's; otherwise
    /// [`Store::location`].
    pub fn session_location(&self) -> DbLocation {
        self.session.as_ref().map_or_else(
            || self.location.clone(),
            |s| DbLocation::Postgres(s.target.clone()),
        )
    }

    /// Keeps the session's login current when its own account's password changed.
    fn password_changed(&mut self, user_id: i64, password: &str) {
        if let Some(s) = self.session.as_mut().filter(|s| s.user_id == user_id) {
            s.target = s.target.as_login(&s.role, password);
        }
    }

    /// The `SQLite` file, when the database is one.
    pub fn path(&self) -> Option<&Path> {
        self.location.sqlite_path()
    }

    /// Trades durability for speed while generating bulk data (demo, benchmarks): commits no
    /// longer wait for the disk. Never used for reviewers' decisions.
    pub fn set_bulk_mode(&self, bulk: bool) -> StoreResult<()> {
        match &self.conn {
            Conn::Sqlite(c) => {
                c.pragma_update(None, "synchronous", if bulk { "OFF" } else { "FULL" })?;
            }
            Conn::Postgres(_) => {
                let mode = if bulk { "off" } else { "on" };
                self.conn
                    .execute(&format!("SET synchronous_commit = {mode}"), ())?;
            }
        }
        Ok(())
    }
}
