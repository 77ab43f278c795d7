//! Reading and writing the clock state of a case; the clock sweep.

use chrono::{DateTime, Utc};

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::time::{opt_from_db, to_db};
use super::users::verify_actor;
use crate::domain::case::{CaseState, CaseStatus};
use crate::domain::role::{Action, Actor};

/// A case row as the rules need it.
pub(super) struct CaseRow {
    pub id: i64,
    pub campaign_id: i64,
    pub current_submission_id: Option<i64>,
    pub status: CaseStatus,
    /// Bumped by every change of state; a decision records the one it was taken against.
    pub version: i64,
}

const CASE_COLUMNS: &str = "id, campaign_id, current_submission_id, state, attempts, rejections, \
     review_due, resubmission_due, version";

pub(super) fn load_case(
    conn: &Connection,
    condition: &str,
    arg: i64,
) -> StoreResult<Option<CaseRow>> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE {condition}");
    conn.prepare_cached(&sql)?
        .query_row([arg], raw_case)
        .optional()?
        .map(case_row)
        .transpose()
}

/// Every case matching `condition`, in one query.
fn load_cases(conn: &Connection, condition: &str, arg: i64) -> StoreResult<Vec<CaseRow>> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE {condition}");
    conn.prepare_cached(&sql)?
        .query_map([arg], raw_case)?
        .map(|raw| case_row(raw?))
        .collect()
}

/// The columns of [`CASE_COLUMNS`], as read.
type RawCase = (
    i64,
    i64,
    Option<i64>,
    String,
    u32,
    u32,
    Option<i64>,
    Option<i64>,
    i64,
);

fn raw_case(r: &Row) -> DbResult<RawCase> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn case_row(raw: RawCase) -> StoreResult<CaseRow> {
    let (id, campaign_id, current, state, attempts, rejections, review_due, resub_due, version) =
        raw;
    let state = CaseState::from_code(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("case {id} has unknown state {state:?}")))?;
    Ok(CaseRow {
        id,
        campaign_id,
        current_submission_id: current,
        status: CaseStatus {
            state,
            attempts,
            rejections,
            review_due: opt_from_db(review_due)?,
            resubmission_due: opt_from_db(resub_due)?,
        },
        version,
    })
}

pub(super) fn save_status(
    conn: &Connection,
    case_id: i64,
    status: &CaseStatus,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE cases SET state = ?2, attempts = ?3, rejections = ?4, review_due = ?5,
             resubmission_due = ?6, updated_at = ?7, version = version + 1 WHERE id = ?1",
    )?
    .execute(params![
        case_id,
        status.state.code(),
        status.attempts,
        status.rejections,
        status.review_due.map(to_db),
        status.resubmission_due.map(to_db),
        to_db(now)
    ])?;
    Ok(())
}

impl Store {
    /// The lowest case id in `state`, if any (demo data, tests).
    pub fn first_case_in(&self, state: CaseState) -> StoreResult<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT MIN(id) FROM cases WHERE state = ?1")?
            .query_row([state.code()], |r| r.get(0))?)
    }

    /// Moves every rejected case whose resubmission time has passed to `collection_failed`.
    /// Idempotent; each change is audited under `by`, a signed-in account (re-checked in the
    /// transaction). Returns how many cases failed.
    pub fn sweep(&mut self, now: DateTime<Utc>, by: &Actor) -> StoreResult<usize> {
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, by, Action::RunSweep)?;
        // The cases in one query: the first sweep after a bulk load may fail thousands.
        let due = load_cases(
            &tx,
            "state = 'rejected' AND resubmission_due < ?1",
            to_db(now),
        )?;
        let mut failed = 0;
        for row in due {
            let Some(next) = row.status.sweep(now) else {
                continue;
            };
            let id = row.id;
            save_status(&tx, id, &next, now)?;
            append(
                &tx,
                &NewAudit {
                    at: now,
                    actor: &actor.name,
                    action: "case.collection_failed",
                    campaign_id: Some(row.campaign_id),
                    case_id: Some(id),
                    submission_id: row.current_submission_id,
                    detail: serde_json::json!({
                        "resubmission_due": row.status.resubmission_due.map(to_db),
                    }),
                },
            )?;
            failed += 1;
        }
        tx.commit()?;
        Ok(failed)
    }
}
