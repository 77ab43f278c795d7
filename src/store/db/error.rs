//! Database errors, the same kinds whichever backend raised them.

use crate::i18n::{Localized, Msg};

#[derive(Debug)]
pub enum DbError {
    /// Another writer holds the lock, or `PostgreSQL` aborted the transaction to keep it
    /// serial (serialization failure, deadlock): the whole transaction may be retried.
    Busy,
    /// `query_row` found nothing.
    NoRows,
    /// A unique key or constraint refused the write.
    Constraint(String),
    /// A column did not hold the type the program reads it as.
    Conversion(String),
    /// The server cannot be reached, or went away mid-session. Names the host, never the
    /// password; `detail` is the system's or server's own words, shown in brackets.
    Unreachable {
        host: String,
        detail: String,
    },
    /// The connection attempt was refused: nothing listens at that address and port.
    Refused {
        host: String,
    },
    /// The server did not answer in time.
    TimedOut {
        host: String,
    },
    /// Sign-in to the server failed: wrong user name or password (the server does not say
    /// which, and neither do we).
    AuthFailed {
        host: String,
    },
    /// No password in the URL, `PGPASSWORD` or `~/.pgpass`, and the server wants one.
    NoPassword {
        host: String,
    },
    /// The server has no database of that name.
    NoSuchDatabase {
        host: String,
    },
    /// The password was right but the role may not log in (an account's role after the
    /// account was disabled: `NOLOGIN`).
    LoginNotPermitted {
        host: String,
        detail: String,
    },
    /// The server's `pg_hba.conf` does not let this login in from here: its configuration,
    /// not the password (`detail` is the server's words).
    RefusedByConfig {
        host: String,
        detail: String,
    },
    Sqlite(rusqlite::Error),
    Postgres(String),
}

impl Localized for DbError {
    fn msg(&self) -> Msg {
        match self {
            Self::Busy => Msg::new("store-busy"),
            Self::NoRows => Msg::new("db-no-rows"),
            Self::Constraint(detail) => Msg::new("db-constraint").arg("detail", detail),
            Self::Conversion(detail) => Msg::new("db-conversion").arg("detail", detail),
            Self::Unreachable { host, detail } => Msg::new("db-unreachable")
                .arg("detail", detail)
                .arg("host", host),
            Self::Refused { host } => Msg::new("db-refused").arg("host", host),
            Self::TimedOut { host } => Msg::new("db-timed-out").arg("host", host),
            Self::AuthFailed { host } => Msg::new("db-auth-failed").arg("host", host),
            Self::NoPassword { host } => Msg::new("db-no-password").arg("host", host),
            Self::NoSuchDatabase { host } => Msg::new("db-no-such-database").arg("host", host),
            Self::LoginNotPermitted { host, detail } => Msg::new("db-login-not-permitted")
                .arg("detail", detail)
                .arg("host", host),
            Self::RefusedByConfig { host, detail } => Msg::new("db-refused-by-config")
                .arg("detail", detail)
                .arg("host", host),
            Self::Sqlite(e) => Msg::new("db-error").arg("detail", e.to_string()),
            Self::Postgres(detail) => Msg::new("db-error").arg("detail", detail),
        }
    }
}

crate::english_display!(DbError);

pub type DbResult<T> = Result<T, DbError>;

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            Some(ErrorCode::ConstraintViolation) => Self::Constraint(e.to_string()),
            _ if matches!(e, rusqlite::Error::QueryReturnedNoRows) => Self::NoRows,
            _ => Self::Sqlite(e),
        }
    }
}

/// `query_row(..).optional()`: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> DbResult<Option<T>>;
}

impl<T> OptionalExtension<T> for DbResult<T> {
    fn optional(self) -> DbResult<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
