//! Review decisions: decision row + reasons + case state + audit entry, all in one transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::campaigns::campaign_in;
use super::cases::{load_case, save_status};
use super::claims::{held_by_other, release_in};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::CampaignId;
use super::time::{from_db, to_db};
use super::users::verify_actor;
use crate::domain::case::{CaseState, DecisionKind};
use crate::domain::decision::validate;
use crate::domain::reasons::ReasonCode;
use crate::domain::role::{Action, Actor};

/// A decision on one submission, as the GUI and the `decide` command make it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRequest {
    pub submission_id: i64,
    /// Who decides; the decision and its audit entry carry this account's login name.
    pub actor: Actor,
    pub kind: DecisionKind,
    pub reasons: Vec<ReasonCode>,
    pub note: Option<String>,
}

/// What a committed decision did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionReceipt {
    pub decision_id: i64,
    pub case_id: i64,
    pub submission_id: i64,
    pub from: CaseState,
    pub to: CaseState,
    pub resubmission_due: Option<DateTime<Utc>>,
}

/// Retries of a decision transaction after `SQLITE_BUSY`, on top of the busy timeout.
const BUSY_RETRIES: u32 = 5;

impl Store {
    /// Commits a decision durably, or changes nothing. A decision on a case someone else has
    /// already settled, or on a photo that is no longer current, is refused with a clear error,
    /// and so is a reviewer's approval or rejection of an escalated case (supervisors only).
    ///
    /// The busy timeout already waits for another desk's write; should `SQLITE_BUSY` still
    /// escape (WAL recovery, a checkpoint holding a lock), the whole transaction is retried a
    /// few times before the user is told, so "database is locked" is a last resort.
    pub fn decide(
        &mut self,
        req: &DecisionRequest,
        now: DateTime<Utc>,
    ) -> StoreResult<DecisionReceipt> {
        validate(req.kind, &req.actor.name, &req.reasons, req.note.as_deref())
            .map_err(StoreError::InvalidDecision)?;
        let mut attempt = 0;
        loop {
            match self.decide_once(req, now) {
                Err(StoreError::Busy) if attempt < BUSY_RETRIES => {
                    attempt += 1;
                    self.busy_retries += 1;
                    // Back off a little more each time so desks do not retry in lockstep.
                    std::thread::sleep(std::time::Duration::from_millis(25 * u64::from(attempt)));
                }
                other => return other,
            }
        }
    }

    /// How many times `decide` retried a transaction after `SQLITE_BUSY` on this connection.
    pub fn busy_retries(&self) -> u64 {
        self.busy_retries
    }

    fn decide_once(
        &mut self,
        req: &DecisionRequest,
        now: DateTime<Utc>,
    ) -> StoreResult<DecisionReceipt> {
        let tx = self.conn.write_tx()?;
        let case_id: i64 = tx
            .prepare_cached("SELECT case_id FROM submissions WHERE id = ?1")?
            .query_row([req.submission_id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::UnknownSubmission(req.submission_id))?;
        let row = load_case(&tx, "id = ?1", case_id)?.ok_or_else(|| {
            StoreError::Corrupt(format!("submission {} has no case", req.submission_id))
        })?;
        if row.current_submission_id != Some(req.submission_id) {
            return Err(StoreError::NotCurrent {
                submission: req.submission_id,
            });
        }
        if let Some(holder) = held_by_other(&tx, case_id, &req.actor.name, now)? {
            return Err(StoreError::Claimed {
                case: case_id,
                by: holder.reviewer,
            });
        }
        release_in(&tx, case_id)?;
        let rules = campaign_in(&tx, CampaignId(row.campaign_id))?.rules;
        let Ok(next) = row.status.decide(req.kind, now, &rules) else {
            return Err(already_decided(&tx, req.submission_id, row.status.state)?);
        };
        let actor = verify_actor(&tx, &req.actor, Action::for_decision(row.status.state))?;
        let decision_id: i64 = tx
            .prepare_cached(
                "INSERT INTO decisions (submission_id, case_id, kind, reviewer, decided_at, note,
                     from_state, to_state, case_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
            )?
            .query_row(
                params![
                    req.submission_id,
                    case_id,
                    req.kind.code(),
                    actor.name,
                    to_db(now),
                    req.note,
                    row.status.state.code(),
                    next.state.code(),
                    row.version
                ],
                |r| r.get(0),
            )?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO decision_reasons (decision_id, code) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?;
            for reason in &req.reasons {
                stmt.execute(params![decision_id, reason.code()])?;
            }
        }
        save_status(&tx, case_id, &next, now)?;
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: decision_action(req.kind),
                campaign_id: Some(row.campaign_id),
                case_id: Some(case_id),
                submission_id: Some(req.submission_id),
                detail: serde_json::json!({
                    "decision_id": decision_id,
                    "from": row.status.state.code(),
                    "to": next.state.code(),
                    "reasons": req.reasons.iter().map(|r| r.code()).collect::<Vec<_>>(),
                    "note": req.note,
                }),
            },
        )?;
        tx.commit()?;
        Ok(DecisionReceipt {
            decision_id,
            case_id,
            submission_id: req.submission_id,
            from: row.status.state,
            to: next.state,
            resubmission_due: next.resubmission_due,
        })
    }
}

fn decision_action(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Approve => "decision.approve",
        DecisionKind::Reject => "decision.reject",
        DecisionKind::Escalate => "decision.escalate",
    }
}

/// The refusal for a case that is not open to this decision, naming who settled it.
fn already_decided(
    conn: &Connection,
    submission_id: i64,
    state: CaseState,
) -> StoreResult<StoreError> {
    let last = conn
        .prepare_cached(
            "SELECT reviewer, decided_at FROM decisions WHERE submission_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([submission_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .optional()?;
    let by = match last {
        Some((reviewer, at)) => Some((reviewer, from_db(at)?.format("%Y-%m-%d %H:%M").to_string())),
        None => None,
    };
    Ok(StoreError::AlreadyDecided {
        submission: submission_id,
        state: state.code(),
        by,
    })
}
