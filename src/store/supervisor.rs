//! Supervisor-only actions on cases: extensions, reopening, reassignment, make-up shoots.
//! Each is one IMMEDIATE transaction that re-checks the actor's role, applies the domain rule,
//! and appends an audit entry with who, when and why; a refusal changes nothing.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::campaigns::campaign_in;
use super::cases::{CaseRow, load_case, save_status};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::CampaignId;
use super::time::to_db;
use super::users::{enabled_user, verify_actor};
use crate::domain::case::{CaseState, ReopenPhoto, TransitionError};
use crate::domain::role::{Action, Actor};

/// What a supervisor action did to a case's clock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseChange {
    pub case_id: i64,
    pub from: CaseState,
    pub to: CaseState,
    pub review_due: Option<DateTime<Utc>>,
    pub resubmission_due: Option<DateTime<Utc>>,
    /// The submission now current (a reopen may bring a newer photo forward).
    pub submission_id: Option<i64>,
}

impl Store {
    /// Gives a rejected student until `new_due` to upload again; a failed collection becomes
    /// rejected again with that due time. `new_due` must be in the future and later than the
    /// current due time; `reason` is required.
    pub fn grant_extension(
        &mut self,
        by: &Actor,
        case_id: i64,
        new_due: DateTime<Utc>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<CaseChange> {
        let reason = required(reason, "reason-for-extension")?;
        let tx = self.write()?;
        let actor = verify_actor(&tx, by, Action::GrantExtension)?;
        let row = case_in(&tx, case_id)?;
        let next = row.status.extend(new_due, now)?;
        save_status(&tx, case_id, &next, now)?;
        tx.execute(
            "INSERT INTO extensions (case_id, granted_by, granted_at, from_state, old_due, new_due, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                case_id,
                actor.user_id,
                to_db(now),
                row.status.state.code(),
                row.status.resubmission_due.map(to_db),
                to_db(new_due),
                reason
            ],
        )?;
        let detail = serde_json::json!({
            "from": row.status.state.code(), "to": next.state.code(),
            "old_due": row.status.resubmission_due.map(to_db), "new_due": to_db(new_due),
            "reason": reason,
        });
        audit_case(&tx, &actor, "case.extension", &row, detail, now)?;
        tx.commit()?;
        Ok(change(&row, next, row.current_submission_id))
    }

    /// Puts a settled case (approved, rejected, collection failed) back into review with a
    /// fresh review clock. When a photo arrived after the decision (too late, or after
    /// approval), that latest photo becomes the next attempt; otherwise the decided photo
    /// is reviewed again.
    pub fn reopen_case(
        &mut self,
        by: &Actor,
        case_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<CaseChange> {
        let reason = required(reason, "reason-for-reopen")?;
        let tx = self.write()?;
        let actor = verify_actor(&tx, by, Action::Reopen)?;
        let row = case_in(&tx, case_id)?;
        let rules = campaign_in(&tx, CampaignId(row.campaign_id))?.rules;
        let latest = latest_submission(&tx, case_id)?;
        let photo = if latest.is_some() && latest != row.current_submission_id {
            ReopenPhoto::Newer
        } else {
            ReopenPhoto::Current
        };
        let next = row.status.reopen(now, &rules, photo)?;
        save_status(&tx, case_id, &next, now)?;
        let current = if photo == ReopenPhoto::Newer {
            tx.execute(
                "UPDATE submissions SET attempt = ?2 WHERE id = ?1",
                params![latest, next.attempts],
            )?;
            tx.execute(
                "UPDATE cases SET current_submission_id = ?2 WHERE id = ?1",
                params![case_id, latest],
            )?;
            latest
        } else {
            row.current_submission_id
        };
        let detail = serde_json::json!({
            "from": row.status.state.code(), "to": next.state.code(), "reason": reason,
            "submission_id": current, "newer_photo": photo == ReopenPhoto::Newer,
        });
        audit_case(&tx, &actor, "case.reopen", &row, detail, now)?;
        tx.commit()?;
        Ok(change(&row, next, current))
    }

    /// Assigns a case awaiting review (pending or escalated) to the enabled account `to_user`.
    pub fn reassign(
        &mut self,
        by: &Actor,
        case_id: i64,
        to_user: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tx = self.write()?;
        let actor = verify_actor(&tx, by, Action::Reassign)?;
        let row = case_in(&tx, case_id)?;
        if !row.status.state.awaits_review() {
            return Err(TransitionError::NotAllowed {
                action: "reassign",
                from: row.status.state,
            }
            .into());
        }
        let target = enabled_user(&tx, to_user)?;
        let before = assignee_in(&tx, case_id)?;
        tx.execute(
            "UPDATE cases SET assigned_to = ?2, updated_at = ?3 WHERE id = ?1",
            params![case_id, target.id, to_db(now)],
        )?;
        let detail = serde_json::json!({ "from_user": before, "to_user": target.name });
        audit_case(&tx, &actor, "case.reassign", &row, detail, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Records the paid make-up shoot booked for a failed collection, at `booked_for`.
    pub fn record_makeup_shoot(
        &mut self,
        by: &Actor,
        case_id: i64,
        booked_for: DateTime<Utc>,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let tx = self.write()?;
        let actor = verify_actor(&tx, by, Action::RecordMakeupShoot)?;
        let row = case_in(&tx, case_id)?;
        if row.status.state != CaseState::CollectionFailed {
            return Err(TransitionError::NotAllowed {
                action: "makeup",
                from: row.status.state,
            }
            .into());
        }
        tx.execute(
            "INSERT INTO makeup_shoots (case_id, booked_for, note, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![case_id, to_db(booked_for), note, actor.user_id, to_db(now)],
        )?;
        let detail = serde_json::json!({ "booked_for": to_db(booked_for), "note": note });
        audit_case(&tx, &actor, "case.makeup_shoot", &row, detail, now)?;
        tx.commit()?;
        Ok(())
    }

    fn write(&mut self) -> StoreResult<Tx<'_>> {
        Ok(self.conn.write_tx()?)
    }
}

fn required<'a>(reason: &'a str, what: &'static str) -> StoreResult<&'a str> {
    Some(reason.trim())
        .filter(|r| !r.is_empty())
        .ok_or(StoreError::MissingReason(what))
}

pub(super) fn case_in(conn: &Connection, case_id: i64) -> StoreResult<CaseRow> {
    load_case(conn, "id = ?1", case_id)?.ok_or(StoreError::UnknownCase(case_id))
}

fn latest_submission(conn: &Connection, case_id: i64) -> StoreResult<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM submissions WHERE case_id = ?1
             ORDER BY submitted_at DESC, id DESC LIMIT 1",
        )?
        .query_row([case_id], |r| r.get(0))
        .optional()?)
}

pub(super) fn assignee_in(conn: &Connection, case_id: i64) -> StoreResult<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT u.name FROM cases c JOIN users u ON u.id = c.assigned_to WHERE c.id = ?1",
        )?
        .query_row([case_id], |r| r.get(0))
        .optional()?)
}

fn change(
    row: &CaseRow,
    next: crate::domain::case::CaseStatus,
    submission_id: Option<i64>,
) -> CaseChange {
    CaseChange {
        case_id: row.id,
        from: row.status.state,
        to: next.state,
        review_due: next.review_due,
        resubmission_due: next.resubmission_due,
        submission_id,
    }
}

fn audit_case(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    row: &CaseRow,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    append(
        conn,
        &NewAudit {
            at: now,
            actor: &actor.name,
            action,
            campaign_id: Some(row.campaign_id),
            case_id: Some(row.id),
            submission_id: row.current_submission_id,
            detail,
        },
    )
}

#[cfg(test)]
mod tests;
