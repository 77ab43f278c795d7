//! The append-only audit log: every change to campaigns, rosters, uploads and cases.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::db::prelude::*;
use super::error::StoreResult;
use super::time::{from_db, to_db};
use super::users::verify_actor;
use crate::domain::role::{Action, Actor};

/// One audit entry, as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub campaign_id: Option<i64>,
    pub case_id: Option<i64>,
    pub submission_id: Option<i64>,
    pub detail: serde_json::Value,
}

/// What to append; `detail` is free-form JSON.
pub(super) struct NewAudit<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub action: &'a str,
    pub campaign_id: Option<i64>,
    pub case_id: Option<i64>,
    pub submission_id: Option<i64>,
    pub detail: serde_json::Value,
}

/// Appends inside the caller's transaction, so the entry commits with the change it records.
pub(super) fn append(conn: &Connection, e: &NewAudit<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, campaign_id, case_id, submission_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        to_db(e.at),
        e.actor,
        e.action,
        e.campaign_id,
        e.case_id,
        e.submission_id,
        e.detail.to_string()
    ])?;
    Ok(())
}

impl Store {
    /// Records that the signed-in `by` read or copied personal data (the queue, the deadline
    /// board, the account list, a backup): the account is re-read and `action` checked in the
    /// transaction, so a reviewer, a disabled account or a made-up actor is refused and nothing
    /// is written. Returns the account as re-read. Call it before showing anything.
    pub fn record_access(
        &mut self,
        by: &Actor,
        action: Action,
        what: &str,
        detail: serde_json::Value,
        now: DateTime<Utc>,
    ) -> StoreResult<Actor> {
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, by, action)?;
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: what,
                campaign_id: None,
                case_id: None,
                submission_id: None,
                detail,
            },
        )?;
        tx.commit()?;
        Ok(actor)
    }

    /// Audit entries of one case, oldest first.
    pub fn audit_for_case(&self, case_id: i64) -> StoreResult<Vec<AuditEntry>> {
        self.audit_where("case_id = ?1", case_id)
    }

    /// The latest `limit` audit entries, oldest first.
    pub fn audit_tail(&self, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        let mut v = self.audit_where(
            "id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT ?1)",
            limit,
        )?;
        v.sort_by_key(|e| e.id);
        Ok(v)
    }

    fn audit_where(&self, condition: &str, arg: i64) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT id, at, actor, action, campaign_id, case_id, submission_id, detail
             FROM audit_log WHERE {condition} ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([arg], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        rows.map(|row| {
            let (id, at, actor, action, campaign_id, case_id, submission_id, detail) = row?;
            Ok(AuditEntry {
                id,
                at: from_db(at)?,
                actor,
                action,
                campaign_id,
                case_id,
                submission_id,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
            })
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_log_refuses_update_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path().join("a.db")).unwrap();
        let entry = NewAudit {
            at: Utc::now(),
            actor: "tester",
            action: "test.entry",
            campaign_id: None,
            case_id: None,
            submission_id: None,
            detail: serde_json::json!({"k": 1}),
        };
        append(&store.conn, &entry).unwrap();
        let upd = store.conn.execute("UPDATE audit_log SET actor = 'x'", ());
        assert!(upd.unwrap_err().to_string().contains("append-only"));
        let del = store.conn.execute("DELETE FROM audit_log", ());
        assert!(del.unwrap_err().to_string().contains("append-only"));
        let tail = store.audit_tail(10).unwrap();
        assert_eq!(tail.len(), 1);
        assert_eq!(tail[0].actor, "tester");
        assert_eq!(tail[0].detail["k"], 1);
    }
}
