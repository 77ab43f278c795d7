//! Undo: a reviewer takes back their own latest decision on a case while nothing has happened
//! to the case since. The decision moves to `undone_decisions` (nothing is deleted for good)
//! and the undo is audited like any other action.

use crate::i18n::Msg;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::cases::{load_case, save_status};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::time::to_db;
use super::users::verify_actor;
use crate::domain::case::{CaseState, DecisionKind};
use crate::domain::role::{Action, Actor};

/// What an undo restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoReceipt {
    pub decision_id: i64,
    pub case_id: i64,
    pub submission_id: i64,
    pub kind: DecisionKind,
    /// The state the case is back in.
    pub state: CaseState,
}

struct DecisionRow {
    submission_id: i64,
    case_id: i64,
    kind: DecisionKind,
    reviewer: String,
    from: CaseState,
}

impl Store {
    /// Takes back decision `decision_id` for `actor` and claims the case for them again.
    /// Refused when the decision is someone else's, is not the latest on its case, or the case
    /// has moved on (a new upload, the clock sweep, an export).
    pub fn undo_decision(
        &mut self,
        decision_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<UndoReceipt> {
        let tx = self.conn.write_tx()?;
        let reviewer = verify_actor(&tx, actor, Action::Decide)?.name;
        let reviewer = reviewer.as_str();
        let refuse = |why: Msg| StoreError::NotUndoable {
            decision: decision_id,
            why,
        };
        let d =
            load_decision(&tx, decision_id)?.ok_or_else(|| refuse(Msg::new("undo-why-missing")))?;
        if d.reviewer != reviewer {
            return Err(refuse(
                Msg::new("undo-why-other-reviewer").arg("reviewer", &d.reviewer),
            ));
        }
        if already_sent(&tx, decision_id, &d)? {
            return Err(refuse(Msg::new("undo-why-exported")));
        }
        let latest: i64 = tx
            .prepare_cached("SELECT MAX(id) FROM decisions WHERE case_id = ?1")?
            .query_row([d.case_id], |r| r.get(0))?;
        if latest != decision_id {
            return Err(refuse(Msg::new("undo-why-later-decision")));
        }
        let row = load_case(&tx, "id = ?1", d.case_id)?
            .ok_or_else(|| StoreError::Corrupt(format!("decision {decision_id} has no case")))?;
        if row.current_submission_id != Some(d.submission_id) {
            return Err(refuse(Msg::new("undo-why-new-photo")));
        }
        let restored = row
            .status
            .undo(d.kind, d.from)
            .map_err(|_| refuse(Msg::new("undo-why-moved-on")))?;
        archive(&tx, decision_id, reviewer, now)?;
        save_status(&tx, d.case_id, &restored, now)?;
        // The case is back on this reviewer's screen: theirs again, not another desk's.
        super::claims::hold(&tx, d.case_id, reviewer, now)?;
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: reviewer,
                action: "decision.undo",
                campaign_id: Some(row.campaign_id),
                case_id: Some(d.case_id),
                submission_id: Some(d.submission_id),
                detail: serde_json::json!({
                    "decision_id": decision_id,
                    "kind": d.kind.code(),
                    "from": row.status.state.code(),
                    "to": restored.state.code(),
                }),
            },
        )?;
        tx.commit()?;
        Ok(UndoReceipt {
            decision_id,
            case_id: d.case_id,
            submission_id: d.submission_id,
            kind: d.kind,
            state: restored.state,
        })
    }
}

fn load_decision(tx: &Tx<'_>, id: i64) -> StoreResult<Option<DecisionRow>> {
    let raw = tx
        .prepare_cached(
            "SELECT submission_id, case_id, kind, reviewer, from_state FROM decisions WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    let Some((submission_id, case_id, kind, reviewer, from)) = raw else {
        return Ok(None);
    };
    let corrupt = |what: &str| StoreError::Corrupt(format!("decision {id} has unknown {what}"));
    Ok(Some(DecisionRow {
        submission_id,
        case_id,
        kind: DecisionKind::from_code(&kind).ok_or_else(|| corrupt("kind"))?,
        reviewer,
        from: CaseState::from_code(&from).ok_or_else(|| corrupt("state"))?,
    }))
}

/// Whether the decision went out: in a decision file for students, or (an approval) in a CHSI
/// package written after it.
fn already_sent(tx: &Tx<'_>, id: i64, d: &DecisionRow) -> StoreResult<bool> {
    let in_file: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM decision_exports WHERE decision_id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if in_file || d.kind != DecisionKind::Approve {
        return Ok(in_file);
    }
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM exports e, decisions x, cases c
                 WHERE x.id = ?1 AND c.id = x.case_id AND e.kind = 'chsi'
                   AND e.at >= x.decided_at
                   AND (e.campaign_id IS NULL OR e.campaign_id = c.campaign_id))",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// Moves the decision and its reasons to `undone_decisions`.
fn archive(tx: &Tx<'_>, id: i64, by: &str, now: DateTime<Utc>) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO undone_decisions (id, submission_id, case_id, kind, reviewer, decided_at,
             note, from_state, to_state, reasons, undone_at, undone_by)
         SELECT id, submission_id, case_id, kind, reviewer, decided_at, note, from_state,
                to_state,
                COALESCE((SELECT string_agg(code, ',') FROM decision_reasons WHERE decision_id = ?1), ''),
                ?2, ?3
         FROM decisions WHERE id = ?1",
    )?
    .execute(params![id, to_db(now), by])?;
    tx.prepare_cached("DELETE FROM decision_reasons WHERE decision_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM decisions WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
