//! What supervisors recorded on a case, read back for its history: extensions, make-up
//! shoots, the assignee; and finding a case by the student's ID number.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::supervisor::{assignee_in, case_in};
use super::time::{from_db, opt_from_db};
use crate::domain::case::CaseState;

/// A granted extension, as read back for a case's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
    pub from_state: CaseState,
    pub old_due: Option<DateTime<Utc>>,
    pub new_due: DateTime<Utc>,
    pub reason: String,
}

/// A booked make-up shoot, as read back for a case's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MakeupShoot {
    pub booked_for: DateTime<Utc>,
    pub note: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl Store {
    /// Login name of the account a case is assigned to, if any.
    pub fn case_assignee(&self, case_id: i64) -> StoreResult<Option<String>> {
        case_in(&self.conn, case_id)?;
        assignee_in(&self.conn, case_id)
    }

    /// The case of a student by ID number; an error when none or several campaigns have one.
    pub fn case_id_for(&self, id_number: &str) -> StoreResult<i64> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT c.id FROM cases c JOIN students s ON s.id = c.student_id
                 WHERE s.id_number = ?1",
            )?
            .query_map([id_number], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match ids[..] {
            [id] => Ok(id),
            [] => Err(StoreError::UnknownCaseFor(id_number.to_owned())),
            _ => Err(StoreError::AmbiguousCase(id_number.to_owned())),
        }
    }

    /// Extensions granted on a case, oldest first.
    pub fn extensions(&self, case_id: i64) -> StoreResult<Vec<Extension>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.name, e.granted_at, e.from_state, e.old_due, e.new_due, e.reason
             FROM extensions e JOIN users u ON u.id = e.granted_by
             WHERE e.case_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([case_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (granted_by, at, from, old, new, reason) = row?;
            Ok(Extension {
                granted_by,
                granted_at: from_db(at)?,
                from_state: CaseState::from_code(&from)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown state {from:?}")))?,
                old_due: opt_from_db(old)?,
                new_due: from_db(new)?,
                reason,
            })
        })
        .collect()
    }

    /// Make-up shoots recorded for a case, oldest first.
    pub fn makeup_shoots(&self, case_id: i64) -> StoreResult<Vec<MakeupShoot>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.booked_for, m.note, u.name, m.recorded_at
             FROM makeup_shoots m JOIN users u ON u.id = m.recorded_by
             WHERE m.case_id = ?1 ORDER BY m.id",
        )?;
        let rows = stmt.query_map([case_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (booked, note, recorded_by, at) = row?;
            Ok(MakeupShoot {
                booked_for: from_db(booked)?,
                note,
                recorded_by,
                recorded_at: from_db(at)?,
            })
        })
        .collect()
    }
}
