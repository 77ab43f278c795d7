//! Timestamps are stored as INTEGER unix seconds, UTC.

use chrono::{DateTime, Utc};

use super::error::{StoreError, StoreResult};

pub fn to_db(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub fn from_db(secs: i64) -> StoreResult<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("timestamp out of range: {secs}")))
}

pub fn opt_from_db(secs: Option<i64>) -> StoreResult<Option<DateTime<Utc>>> {
    secs.map(from_db).transpose()
}
