//! Errors of the store, as sentences a user can act on.

use std::path::PathBuf;

use thiserror::Error;

use super::db::DbError;
use super::location::DbLocation;

use crate::domain::case::TransitionError;
use crate::domain::role::{AccountError, Forbidden};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "database file not found, or a server database with no idphoto-review tables yet (create one with `idphoto-review demo --db …` or `user add`): {0}"
    )]
    NotFound(DbLocation),
    #[error("not an idphoto-review database (damaged, or another program's data): {0}")]
    NotADatabase(DbLocation),
    #[error(
        "database was written by a newer version of idphoto-review (schema {found}, this version knows {known}); update the program: {location}"
    )]
    TooNew {
        found: i64,
        known: i64,
        location: DbLocation,
    },
    #[error("{0}")]
    Database(DbError),
    #[error(
        "the target database is not empty (table {table} has rows): migrate only into a new, empty database: {location}"
    )]
    TargetNotEmpty { location: DbLocation, table: String },
    #[error("{tool} failed: {detail}")]
    ToolFailed { tool: String, detail: String },
    #[error("{what} needs the SQLite backend; on PostgreSQL, {instead}")]
    SqliteOnly {
        what: &'static str,
        instead: &'static str,
    },
    #[error("database is busy (another desk is writing); try again")]
    Busy,
    #[error("no campaign named {0:?}")]
    UnknownCampaign(String),
    #[error("a campaign named {0:?} already exists")]
    DuplicateCampaign(String),
    #[error("no submission with id {0}")]
    UnknownSubmission(i64),
    #[error("no case with id {0}")]
    UnknownCase(i64),
    #[error("no student with ID number {id_number} in campaign {campaign:?}")]
    UnknownStudent { campaign: String, id_number: String },
    #[error(
        "student {id_number} is collected offline (document type {doc_type}); uploads are not accepted"
    )]
    CollectedOffline { id_number: String, doc_type: String },
    #[error(
        "submission {submission} is no longer the current photo of its case (a newer photo arrived)"
    )]
    NotCurrent { submission: i64 },
    #[error("submission {submission} was already decided: the case is {state}{by}")]
    AlreadyDecided {
        submission: i64,
        state: &'static str,
        by: String,
    },
    #[error("case {case} is open at another desk ({by}); it is skipped until that desk moves on")]
    Claimed { case: i64, by: String },
    #[error(
        "case {case} is no longer approved with the photo that was printed (reopened or decided again meanwhile); nothing was recorded, run production again"
    )]
    PrintChanged { case: i64 },
    #[error(
        "case {case} was printed by another run meanwhile; nothing was recorded, run production again (or reprint with a reason)"
    )]
    AlreadyPrinted { case: i64 },
    #[error("cannot undo decision {decision}: {why}")]
    NotUndoable { decision: i64, why: String },
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("invalid decision: {0}")]
    InvalidDecision(String),
    #[error("{0}")]
    Forbidden(#[from] Forbidden),
    /// Deliberately the same sentence for an unknown name and a wrong password.
    #[error("unknown user name or wrong password")]
    LoginFailed,
    #[error(
        "too many failed sign-ins for {name:?}; wait {secs} s before trying again (the wait grows with each failure)"
    )]
    SignInThrottled { name: String, secs: u64 },
    #[error("account {0:?} is disabled; a supervisor can enable it again")]
    AccountDisabled(String),
    #[error("no account named {0:?}")]
    UnknownUser(String),
    #[error("an account named {0:?} already exists")]
    DuplicateUser(String),
    #[error("{0}")]
    InvalidAccount(#[from] AccountError),
    #[error(
        "accounts exist already: sign in as a supervisor to add one (the first account of a new database needs no sign-in and must be a supervisor)"
    )]
    SignInRequired,
    #[error("the first account of a database must be a supervisor, who can then add reviewers")]
    FirstAccountNotSupervisor,
    #[error("cannot disable {0:?}: it is the last enabled supervisor account")]
    LastSupervisor(String),
    #[error("cannot hash the password: {0}")]
    PasswordHash(String),
    #[error("no case for ID number {0}")]
    UnknownCaseFor(String),
    #[error("ID number {0} has cases in several campaigns; give the case id instead")]
    AmbiguousCase(String),
    #[error("{0} needs a reason, for the audit log")]
    MissingReason(&'static str),
    #[error("{} already exists; choose another name or pass --force to replace it", .0.display())]
    TargetExists(PathBuf),
    #[error("{} is in use by another program or desk; close it first", .0.display())]
    InUse(PathBuf),
    #[error(
        "the backup's tables, indexes or triggers are not those of schema {version} ({detail}): it was changed outside idphoto-review, so it is not restored: {}",
        .path.display()
    )]
    SchemaTampered {
        version: i64,
        detail: String,
        path: PathBuf,
    },
    #[error("{} is damaged (integrity check: {detail}); nothing was changed", .path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "account {0:?} has no sign-in on this database server yet: a supervisor or the database owner must set its password again (`user passwd`)"
    )]
    NoDatabaseRole(String),
}

impl From<DbError> for StoreError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Busy => Self::Busy,
            other => Self::Database(other),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::from(e).into()
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
