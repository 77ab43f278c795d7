//! Database errors, the same kinds whichever backend raised them.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum DbError {
    /// Another writer holds the lock, or `PostgreSQL` aborted the transaction to keep it
    /// serial (serialization failure, deadlock): the whole transaction may be retried.
    #[error("database is busy (another desk is writing); try again")]
    Busy,
    /// `query_row` found nothing.
    #[error("query returned no rows")]
    NoRows,
    /// A unique key or constraint refused the write.
    #[error("the database refused a duplicate or invalid row ({0})")]
    Constraint(String),
    /// A column did not hold the type the program reads it as.
    #[error("unexpected column type: {0}")]
    Conversion(String),
    /// The server cannot be reached, or went away mid-session. Names the host, never the
    /// password.
    #[error("cannot reach the database server {host}: {detail}")]
    Unreachable { host: String, detail: String },
    /// Sign-in to the server failed.
    #[error("the database server {host} refused the sign-in (user name or password): {detail}")]
    AuthFailed { host: String, detail: String },
    /// The password was right but the role may not log in (an account's role after the
    /// account was disabled: `NOLOGIN`).
    #[error("the database server {host} does not let this login in: {detail}")]
    LoginNotPermitted { host: String, detail: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("database error: {0}")]
    Postgres(String),
}

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
