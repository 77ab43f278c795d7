//! Claims: the case a desk has on screen is held for that reviewer for a few minutes, renewed
//! while it stays open, so two desks on one database do not review the same photo. A claim
//! that is not renewed expires by itself (a desk that crashed blocks nothing for long).

use chrono::{DateTime, Duration, Utc};

use super::Store;
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::time::{from_db, to_db};
use super::users::verify_actor;
use crate::domain::role::{Action, Actor};

/// How long a claim lasts without renewal.
pub const CLAIM_SECS: i64 = 300;

/// Someone else's open claim on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimHolder {
    pub reviewer: String,
    pub expires_at: DateTime<Utc>,
}

/// The open claim on `case_id` held by anyone but `reviewer`, inside the caller's transaction.
pub(super) fn held_by_other(
    conn: &Connection,
    case_id: i64,
    reviewer: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<ClaimHolder>> {
    let row = conn
        .prepare_cached(
            "SELECT reviewer, expires_at FROM claims
             WHERE case_id = ?1 AND reviewer <> ?2 AND expires_at > ?3",
        )?
        .query_row(params![case_id, reviewer, to_db(now)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .optional()?;
    row.map(|(reviewer, until)| {
        Ok(ClaimHolder {
            reviewer,
            expires_at: from_db(until)?,
        })
    })
    .transpose()
}

/// Claims or renews `case_id` for `reviewer` until `now + CLAIM_SECS`, inside the caller's
/// transaction (the caller has checked that nobody else holds it).
pub(super) fn hold(
    conn: &Connection,
    case_id: i64,
    reviewer: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO claims (case_id, reviewer, claimed_at, expires_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (case_id) DO UPDATE SET
             reviewer = excluded.reviewer,
             claimed_at = CASE WHEN claims.reviewer = excluded.reviewer
                               THEN claims.claimed_at ELSE excluded.claimed_at END,
             expires_at = excluded.expires_at",
    )?
    .execute(params![
        case_id,
        reviewer,
        to_db(now),
        to_db(now + Duration::seconds(CLAIM_SECS))
    ])?;
    Ok(())
}

/// Drops the claim on `case_id` (after a decision settled it).
pub(super) fn release_in(conn: &Connection, case_id: i64) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM claims WHERE case_id = ?1")?
        .execute([case_id])?;
    Ok(())
}

impl Store {
    /// Claims (or renews the claim on) a case for the signed-in `by` until `now + CLAIM_SECS`.
    /// Refused with [`StoreError::Claimed`] while another reviewer's claim is open, and for an
    /// account that is unknown or disabled (re-read in the transaction).
    pub fn claim(&mut self, case_id: i64, by: &Actor, now: DateTime<Utc>) -> StoreResult<()> {
        let tx = self.conn.write_tx()?;
        let reviewer = &verify_actor(&tx, by, Action::Decide)?.name;
        if let Some(holder) = held_by_other(&tx, case_id, reviewer, now)? {
            return Err(StoreError::Claimed {
                case: case_id,
                by: holder.reviewer,
            });
        }
        hold(&tx, case_id, reviewer, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Takes the most urgent case awaiting review that no other desk holds, and claims it for
    /// `by`, in one write transaction: two desks asking at once get different cases. Returns
    /// its current submission, or `None` when every awaiting case is held or there is none.
    pub fn claim_next(&mut self, by: &Actor, now: DateTime<Utc>) -> StoreResult<Option<i64>> {
        let tx = self.conn.write_tx()?;
        let reviewer = &verify_actor(&tx, by, Action::Decide)?.name;
        let next = tx
            .prepare_cached(
                "SELECT c.id, c.current_submission_id FROM cases c INDEXED BY cases_awaiting
                 LEFT JOIN claims cl
                     ON cl.case_id = c.id AND cl.expires_at > ?1 AND cl.reviewer <> ?2
                 WHERE c.state IN ('pending_review', 'escalated')
                   AND c.current_submission_id IS NOT NULL AND cl.case_id IS NULL
                 ORDER BY c.review_due, c.id LIMIT 1",
            )?
            .query_row(params![to_db(now), reviewer], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .optional()?;
        let Some((case_id, submission_id)) = next else {
            return Ok(None);
        };
        hold(&tx, case_id, reviewer, now)?;
        tx.commit()?;
        Ok(Some(submission_id))
    }

    /// Gives up the claims of the signed-in `by` (the desk moved on or closed); other claims
    /// stay.
    pub fn release_claims(&mut self, by: &Actor, except_case: Option<i64>) -> StoreResult<()> {
        let tx = self.conn.write_tx()?;
        let reviewer = verify_actor(&tx, by, Action::Decide)?.name;
        tx.prepare_cached(
            "DELETE FROM claims WHERE reviewer = ?1 AND case_id IS DISTINCT FROM ?2",
        )?
        .execute(params![reviewer, except_case])?;
        tx.commit()?;
        Ok(())
    }

    /// Open claims of other reviewers, as `(case id, reviewer)`, for marking the queue.
    pub fn claims_of_others(
        &self,
        reviewer: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, reviewer FROM claims WHERE reviewer <> ?1 AND expires_at > ?2",
        )?;
        let rows = stmt.query_map(params![reviewer, to_db(now)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Desks {
        _dir: tempfile::TempDir,
        store: Store,
        case: i64,
        a: Actor,
        b: Actor,
    }

    /// A demo database; desk A is `reviewer`, desk B `reviewer2`.
    fn store_with_case() -> Desks {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_or_create(dir.path().join("c.db")).unwrap();
        let now = Utc::now();
        crate::demo::build(&mut store, 12, 7, now).unwrap();
        let case = store.queue(Some(1)).unwrap()[0].case_id;
        let a = store.user("reviewer").unwrap().actor();
        let b = store.user("reviewer2").unwrap().actor();
        Desks {
            _dir: dir,
            store,
            case,
            a,
            b,
        }
    }

    #[test]
    fn a_claim_keeps_other_desks_out_until_it_expires() {
        let Desks {
            mut store,
            case,
            a,
            b,
            ..
        } = store_with_case();
        let t0 = Utc::now();
        store.claim(case, &a, t0).unwrap();
        // Renewing one's own claim is fine; another desk is refused with the holder's name.
        store.claim(case, &a, t0 + Duration::seconds(10)).unwrap();
        let err = store.claim(case, &b, t0 + Duration::seconds(20));
        assert!(
            matches!(&err, Err(StoreError::Claimed { by, .. }) if by == "reviewer"),
            "{err:?}"
        );
        assert_eq!(
            store.claims_of_others("reviewer2", t0).unwrap(),
            vec![(case, "reviewer".to_owned())]
        );
        // Not renewed: expired, and the other desk may take it.
        let later = t0 + Duration::seconds(10 + CLAIM_SECS + 1);
        assert!(
            store
                .claims_of_others("reviewer2", later)
                .unwrap()
                .is_empty()
        );
        store.claim(case, &b, later).unwrap();
        assert!(store.claim(case, &a, later).is_err());
    }

    #[test]
    fn releasing_keeps_the_case_on_screen_and_other_desks_claims() {
        let Desks {
            mut store,
            case,
            a,
            b,
            ..
        } = store_with_case();
        let other = store.queue(Some(2)).unwrap()[1].case_id;
        let now = Utc::now();
        store.claim(case, &a, now).unwrap();
        store.claim(other, &b, now).unwrap();
        store.release_claims(&a, Some(case)).unwrap();
        assert_eq!(store.claims_of_others("x", now).unwrap().len(), 2);
        store.release_claims(&a, None).unwrap();
        assert_eq!(
            store.claims_of_others("x", now).unwrap(),
            vec![(other, "reviewer2".to_owned())]
        );
    }

    #[test]
    fn claims_take_a_real_enabled_account_not_a_name() {
        let Desks {
            mut store, case, a, ..
        } = store_with_case();
        let now = Utc::now();
        // A made-up desk name is no account at all.
        let forged = Actor {
            user_id: 999,
            name: "desk-x".into(),
            display_name: "desk-x".into(),
            role: crate::domain::role::Role::Supervisor,
        };
        let err = store.claim(case, &forged, now).unwrap_err();
        assert!(matches!(err, StoreError::UnknownUser(_)), "{err:?}");
        // An account disabled since it signed in can neither claim nor release.
        let sup = store.user("supervisor").unwrap().actor();
        store.disable_user(&sup, "reviewer", now).unwrap();
        let err = store.claim(case, &a, now).unwrap_err();
        assert!(matches!(err, StoreError::AccountDisabled(_)), "{err:?}");
        assert!(store.release_claims(&a, None).is_err());
        assert!(store.claims_of_others("x", now).unwrap().is_empty());
    }
}
