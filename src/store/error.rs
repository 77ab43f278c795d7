//! Errors of the store: kinds with their data, rendered as sentences a user can act on from
//! the catalogue (`assets/i18n/*/errors.ftl`) in the language of whoever shows them. Every
//! sentence keeps to one rule: the path, host or database comes last, never a password.

use std::path::PathBuf;

use super::db::DbError;
use super::location::DbLocation;

use crate::domain::case::TransitionError;
use crate::domain::role::{AccountError, Forbidden};
use crate::i18n::{Localized, Msg};

#[derive(Debug)]
pub enum StoreError {
    NotFound(DbLocation),
    NotADatabase(DbLocation),
    TooNew {
        found: i64,
        known: i64,
        location: DbLocation,
    },
    Database(DbError),
    TargetNotEmpty {
        location: DbLocation,
        table: String,
    },
    ToolFailed {
        tool: String,
        detail: String,
    },
    /// `what` is a command, shown as it is; `instead` says what to do on `PostgreSQL`.
    SqliteOnly {
        what: &'static str,
        instead: Msg,
    },
    Busy,
    UnknownCampaign(String),
    DuplicateCampaign(String),
    UnknownSubmission(i64),
    UnknownCase(i64),
    UnknownStudent {
        campaign: String,
        id_number: String,
    },
    CollectedOffline {
        id_number: String,
        doc_type: String,
    },
    NotCurrent {
        submission: i64,
    },
    AlreadyDecided {
        submission: i64,
        /// The case's state code (`approved`, …).
        state: &'static str,
        /// Who took the last decision, and when (UTC, `YYYY-MM-DD HH:MM`).
        by: Option<(String, String)>,
    },
    Claimed {
        case: i64,
        by: String,
    },
    PrintChanged {
        case: i64,
    },
    AlreadyPrinted {
        case: i64,
    },
    NotUndoable {
        decision: i64,
        why: Msg,
    },
    Transition(TransitionError),
    InvalidDecision(crate::domain::decision::DecisionError),
    Forbidden(Forbidden),
    /// Deliberately the same sentence for an unknown name and a wrong password.
    LoginFailed,
    SignInThrottled {
        name: String,
        secs: u64,
    },
    AccountDisabled(String),
    UnknownUser(String),
    DuplicateUser(String),
    InvalidAccount(AccountError),
    SignInRequired,
    FirstAccountNotSupervisor,
    LastSupervisor(String),
    PasswordHash(String),
    UnknownCaseFor(String),
    AmbiguousCase(String),
    /// The catalogue id of what needs the reason (`reason-for-extension`, …).
    MissingReason(&'static str),
    TargetExists(PathBuf),
    InUse(PathBuf),
    SchemaTampered {
        version: i64,
        detail: String,
        path: PathBuf,
    },
    Damaged {
        path: PathBuf,
        detail: String,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Corrupt(String),
    Migration(rusqlite_migration::Error),
    NoDatabaseRole(String),
}

impl Localized for StoreError {
    #[allow(clippy::too_many_lines)] // One arm per kind, nothing else.
    fn msg(&self) -> Msg {
        match self {
            Self::NotFound(at) => Msg::new("store-not-found").arg("at", at.to_string()),
            Self::NotADatabase(at) => Msg::new("store-not-ours").arg("at", at.to_string()),
            Self::TooNew {
                found,
                known,
                location,
            } => Msg::new("store-too-new")
                .arg("found", *found)
                .arg("known", *known)
                .arg("at", location.to_string()),
            Self::Database(e) => e.msg(),
            Self::TargetNotEmpty { location, table } => Msg::new("store-target-not-empty")
                .arg("table", table)
                .arg("at", location.to_string()),
            Self::ToolFailed { tool, detail } => Msg::new("store-tool-failed")
                .arg("tool", tool)
                .arg("detail", detail),
            Self::SqliteOnly { what, instead } => Msg::new("store-sqlite-only")
                .arg("what", *what)
                .arg("instead", instead.clone()),
            Self::Busy => Msg::new("store-busy"),
            Self::UnknownCampaign(name) => Msg::new("store-unknown-campaign").arg("name", name),
            Self::DuplicateCampaign(name) => Msg::new("store-duplicate-campaign").arg("name", name),
            Self::UnknownSubmission(id) => Msg::new("store-unknown-submission").arg("id", *id),
            Self::UnknownCase(id) => Msg::new("store-unknown-case").arg("id", *id),
            Self::UnknownStudent {
                campaign,
                id_number,
            } => Msg::new("store-unknown-student")
                .arg("id_number", id_number)
                .arg("campaign", campaign),
            Self::CollectedOffline {
                id_number,
                doc_type,
            } => Msg::new("store-collected-offline")
                .arg("id_number", id_number)
                .arg("doc_type", doc_type),
            Self::NotCurrent { submission } => {
                Msg::new("store-not-current").arg("submission", *submission)
            }
            Self::AlreadyDecided {
                submission,
                state,
                by,
            } => {
                let state = Msg::new("case-state").arg("state", *state);
                match by {
                    Some((reviewer, at)) => Msg::new("store-already-decided-by")
                        .arg("submission", *submission)
                        .arg("state", state)
                        .arg("reviewer", reviewer)
                        .arg("at", at),
                    None => Msg::new("store-already-decided")
                        .arg("submission", *submission)
                        .arg("state", state),
                }
            }
            Self::Claimed { case, by } => {
                Msg::new("store-claimed").arg("case", *case).arg("by", by)
            }
            Self::PrintChanged { case } => Msg::new("store-print-changed").arg("case", *case),
            Self::AlreadyPrinted { case } => Msg::new("store-already-printed").arg("case", *case),
            Self::NotUndoable { decision, why } => Msg::new("store-not-undoable")
                .arg("decision", *decision)
                .arg("why", why.clone()),
            Self::Transition(e) => e.msg(),
            Self::InvalidDecision(why) => Msg::new("store-invalid-decision").arg("why", why.msg()),
            Self::Forbidden(e) => e.msg(),
            Self::LoginFailed => Msg::new("store-login-failed"),
            Self::SignInThrottled { name, secs } => Msg::new("store-sign-in-throttled")
                .arg("name", name)
                .arg("secs", *secs),
            Self::AccountDisabled(name) => Msg::new("store-account-disabled").arg("name", name),
            Self::UnknownUser(name) => Msg::new("store-unknown-user").arg("name", name),
            Self::DuplicateUser(name) => Msg::new("store-duplicate-user").arg("name", name),
            Self::InvalidAccount(e) => e.msg(),
            Self::SignInRequired => Msg::new("store-sign-in-required"),
            Self::FirstAccountNotSupervisor => Msg::new("store-first-account-not-supervisor"),
            Self::LastSupervisor(name) => Msg::new("store-last-supervisor").arg("name", name),
            Self::PasswordHash(detail) => Msg::new("store-password-hash").arg("detail", detail),
            Self::UnknownCaseFor(id_number) => {
                Msg::new("store-unknown-case-for").arg("id_number", id_number)
            }
            Self::AmbiguousCase(id_number) => {
                Msg::new("store-ambiguous-case").arg("id_number", id_number)
            }
            Self::MissingReason(what) => {
                Msg::new("store-missing-reason").arg("what", Msg::new(what))
            }
            Self::TargetExists(path) => Msg::new("store-target-exists").path("path", path),
            Self::InUse(path) => Msg::new("store-in-use").path("path", path),
            Self::SchemaTampered {
                version,
                detail,
                path,
            } => Msg::new("store-schema-tampered")
                .arg("version", *version)
                .arg("detail", detail)
                .path("path", path),
            Self::Damaged { path, detail } => Msg::new("store-damaged")
                .arg("detail", detail)
                .path("path", path),
            Self::Io { path, source } => Msg::new("store-io")
                .arg("detail", source.to_string())
                .path("path", path),
            Self::Corrupt(detail) => Msg::new("store-corrupt").arg("detail", detail),
            Self::Migration(e) => Msg::new("store-migration").arg("detail", e.to_string()),
            Self::NoDatabaseRole(name) => Msg::new("store-no-database-role").arg("name", name),
        }
    }
}

// No `source`: each sentence already carries its cause's detail, so a chain would repeat it.
crate::english_display!(StoreError);

impl From<TransitionError> for StoreError {
    fn from(e: TransitionError) -> Self {
        Self::Transition(e)
    }
}

impl From<Forbidden> for StoreError {
    fn from(e: Forbidden) -> Self {
        Self::Forbidden(e)
    }
}

impl From<AccountError> for StoreError {
    fn from(e: AccountError) -> Self {
        Self::InvalidAccount(e)
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        Self::Migration(e)
    }
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
