//! Read side: the review queue, counts, one submission's detail and its photo bytes.

use chrono::{DateTime, Utc};

use super::Store;
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::{
    EarlierPhoto, PastDecision, QueueItem, QueueSummary, StateCounts, SubmissionDetail,
};
use super::students::{Contact, student_columns, student_from_row};
use super::time::{from_db, opt_from_db, to_db};
use crate::checks::result::Verdict;
use crate::domain::campaign::FeeClass;
use crate::domain::case::{CaseState, DecisionKind};
use crate::domain::reasons::ReasonCode;

/// One reviewer's decisions since a time (`decisions_since`), from the index
/// `decisions_reviewer_time` alone.
const DECISIONS_SINCE_SQL: &str =
    "SELECT COUNT(*) FROM decisions WHERE reviewer = ?1 AND decided_at >= ?2";

/// Queue rows: cases awaiting review joined to their current submission. Served by the
/// partial index `cases_awaiting` (named, so the planner cannot pick a scan plus sort instead),
/// and never touches settled cases.
const QUEUE_SQL: &str = "
    SELECT s.id, c.id, c.state, st.name, st.id_number, st.school, s.attempt, c.review_due,
           s.photo_sha256, pv.worst, cl.reviewer
    FROM cases c INDEXED BY cases_awaiting
    JOIN submissions s ON s.id = c.current_submission_id
    JOIN students st ON st.id = c.student_id
    LEFT JOIN photo_verdicts pv ON pv.photo_sha256 = s.photo_sha256
    LEFT JOIN claims cl ON cl.case_id = c.id AND cl.expires_at > ?2
    WHERE c.state IN ('pending_review', 'escalated')
    ORDER BY c.review_due, c.id
    LIMIT ?1";

/// The "find a student" filter, in two index-driven parts: an exact document number (roster
/// key), then a name prefix walked in `students_name` order so `LIMIT` stops early.
const FIND_SELECT: &str = "
    SELECT s.id, c.id, c.state, st.name, st.id_number, st.school, s.attempt, c.review_due,
           s.photo_sha256, pv.worst, NULL
    FROM students st
    JOIN cases c ON c.student_id = st.id
    JOIN submissions s ON s.id = c.current_submission_id
    LEFT JOIN photo_verdicts pv ON pv.photo_sha256 = s.photo_sha256";

impl Store {
    /// Cases awaiting review, most urgent first (overdue ones have the earliest due times).
    pub fn queue(&self, limit: Option<u32>) -> StoreResult<Vec<QueueItem>> {
        self.queue_at(limit, Utc::now())
    }

    /// [`Store::queue`] with claims judged at `now`.
    pub fn queue_at(&self, limit: Option<u32>, now: DateTime<Utc>) -> StoreResult<Vec<QueueItem>> {
        let limit = limit.map_or(i64::MAX, i64::from); // no limit, on both backends
        let mut stmt = self.conn.prepare_cached(QUEUE_SQL)?;
        let rows = stmt.query_map(params![limit, to_db(now)], queue_row)?;
        rows.map(|r| r?).collect()
    }

    /// Counts by state, overdue counts and the `next` most urgent items.
    pub fn queue_summary(&self, now: DateTime<Utc>, next: u32) -> StoreResult<QueueSummary> {
        let mut counts = StateCounts::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT state, COUNT(*) FROM cases GROUP BY state")?;
        let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?;
        for row in rows {
            let (state, n) = row?;
            *counts.slot(state_of(&state)?) = n;
        }
        let count = |sql: &str| -> StoreResult<u64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row([to_db(now)], |r| r.get(0))?)
        };
        Ok(QueueSummary {
            counts,
            overdue_reviews: count(
                "SELECT COUNT(*) FROM cases WHERE state IN ('pending_review', 'escalated') AND review_due < ?1",
            )?,
            overdue_resubmissions: count(
                "SELECT COUNT(*) FROM cases WHERE state = 'rejected' AND resubmission_due < ?1",
            )?,
            next: self.queue(Some(next))?,
        })
    }

    /// Cases of any state whose student's name starts with `text` or whose document number is
    /// exactly `text` (the "find a student" filter), by name. Served by `students_name` and the
    /// roster's unique key, so it does not grow with the number of cases.
    pub fn find_cases(&self, text: &str, limit: u32) -> StoreResult<Vec<QueueItem>> {
        let by_id = format!(
            "{FIND_SELECT} WHERE st.id_number = ?1 AND st.campaign_id IN (SELECT id FROM campaigns)
             ORDER BY st.id LIMIT ?2"
        );
        let mut found: Vec<QueueItem> = self
            .conn
            .prepare_cached(&by_id)?
            .query_map(params![text.to_uppercase(), limit], queue_row)?
            .map(|r| r?)
            .collect::<StoreResult<_>>()?;
        let by_name = format!(
            "{FIND_SELECT} WHERE st.name >= ?1 AND st.name < ?2 ORDER BY st.name, st.id LIMIT ?3"
        );
        let upper = format!("{text}\u{10FFFF}");
        let rest = limit.saturating_sub(u32::try_from(found.len()).unwrap_or(u32::MAX));
        let mut stmt = self.conn.prepare_cached(&by_name)?;
        for item in stmt.query_map(params![text, upper, rest], queue_row)? {
            let item = item??;
            if !found.iter().any(|f| f.case_id == item.case_id) {
                found.push(item);
            }
        }
        Ok(found)
    }

    /// Everything the review screen shows about one submission.
    pub fn submission_detail(&self, submission_id: i64) -> StoreResult<SubmissionDetail> {
        let sql = format!(
            "SELECT s.id, c.id, cp.name, cp.timezone, c.state, c.current_submission_id = s.id,
                    s.attempt, c.attempts, c.rejections, s.submitted_at, s.fee_class, c.review_due,
                    c.resubmission_due, s.photo_sha256, s.original_name, {}
             FROM submissions s
             JOIN cases c ON c.id = s.case_id
             JOIN campaigns cp ON cp.id = c.campaign_id
             JOIN students st ON st.id = c.student_id
             WHERE s.id = ?1",
            student_columns("st", Contact::Withheld)
        );
        let detail = self
            .conn
            .prepare_cached(&sql)?
            .query_row([submission_id], detail_row)
            .optional()?
            .ok_or(StoreError::UnknownSubmission(submission_id))??;
        Ok(SubmissionDetail {
            history: self.case_history(detail.case_id)?,
            earlier: self.earlier_photos(detail.case_id, detail.submission_id)?,
            ..detail
        })
    }

    fn earlier_photos(&self, case_id: i64, before: i64) -> StoreResult<Vec<EarlierPhoto>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, attempt, photo_sha256, submitted_at FROM submissions
             WHERE case_id = ?1 AND id < ?2 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([case_id, before], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)?))
        })?;
        rows.map(|row| {
            let (submission_id, attempt, photo_sha256, at) = row?;
            Ok(EarlierPhoto {
                submission_id,
                attempt,
                photo_sha256,
                submitted_at: from_db(at)?,
            })
        })
        .collect()
    }

    /// The stored bytes of a photo, exactly as uploaded.
    pub fn photo_bytes(&self, sha256: &str) -> StoreResult<Vec<u8>> {
        self.conn
            .prepare_cached("SELECT bytes FROM photos WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Corrupt(format!("photo {sha256} is missing")))
    }

    /// Decisions a reviewer made since `since` (for "decided today").
    pub fn decisions_since(&self, reviewer: &str, since: DateTime<Utc>) -> StoreResult<u64> {
        Ok(self
            .conn
            .prepare_cached(DECISIONS_SINCE_SQL)?
            .query_row(params![reviewer, to_db(since)], |r| r.get(0))?)
    }

    fn case_history(&self, case_id: i64) -> StoreResult<Vec<PastDecision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.submission_id, d.kind, d.reviewer, d.decided_at, d.note,
                    (SELECT string_agg(code, ',') FROM decision_reasons WHERE decision_id = d.id)
             FROM decisions d WHERE d.case_id = ?1 ORDER BY d.id",
        )?;
        let rows = stmt.query_map([case_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (submission_id, kind, reviewer, at, note, reasons) = row?;
            Ok(PastDecision {
                submission_id,
                kind: DecisionKind::from_code(&kind).ok_or_else(|| {
                    StoreError::Corrupt(format!("unknown decision kind {kind:?}"))
                })?,
                reviewer,
                decided_at: from_db(at)?,
                reasons: reasons
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(ReasonCode::parse)
                    .collect(),
                note,
            })
        })
        .collect()
    }
}

fn state_of(code: &str) -> StoreResult<CaseState> {
    CaseState::from_code(code)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown case state {code:?}")))
}

fn queue_row(r: &Row) -> DbResult<StoreResult<QueueItem>> {
    let state: String = r.get(2)?;
    let due: Option<i64> = r.get(7)?;
    let item = (|| {
        Ok(QueueItem {
            submission_id: r.get(0)?,
            case_id: r.get(1)?,
            state: state_of(&state)?,
            student: r.get(3)?,
            id_number: r.get(4)?,
            school: r.get(5)?,
            attempt: r.get::<_, Option<u32>>(6)?.unwrap_or(1),
            review_due: from_db(due.unwrap_or_default())?,
            photo_sha256: r.get(8)?,
            worst: r
                .get::<_, Option<String>>(9)?
                .as_deref()
                .and_then(Verdict::from_code),
            claimed_by: r.get(10)?,
        })
    })();
    Ok(item)
}

fn detail_row(r: &Row) -> DbResult<StoreResult<SubmissionDetail>> {
    let state: String = r.get(4)?;
    let fee: String = r.get(10)?;
    let submitted_at: i64 = r.get(9)?;
    let review_due: Option<i64> = r.get(11)?;
    let resubmission_due: Option<i64> = r.get(12)?;
    let student = student_from_row(r, 15)?;
    let base = (
        r.get::<_, i64>(0)?,
        r.get::<_, i64>(1)?,
        r.get::<_, String>(2)?,
        r.get::<_, String>(3)?,
        r.get::<_, bool>(5)?,
        r.get::<_, Option<u32>>(6)?,
        r.get::<_, u32>(7)?,
        r.get::<_, u32>(8)?,
        r.get::<_, String>(13)?,
        r.get::<_, String>(14)?,
    );
    Ok((|| {
        let (
            submission_id,
            case_id,
            campaign,
            timezone,
            is_current,
            attempt,
            attempts,
            rejections,
            sha,
            name,
        ) = base;
        Ok(SubmissionDetail {
            submission_id,
            case_id,
            campaign,
            timezone,
            state: state_of(&state)?,
            is_current,
            attempt,
            attempts,
            rejections,
            student,
            submitted_at: from_db(submitted_at)?,
            fee_class: FeeClass::from_code(&fee)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown fee class {fee:?}")))?,
            review_due: opt_from_db(review_due)?,
            resubmission_due: opt_from_db(resubmission_due)?,
            photo_sha256: sha,
            original_name: name,
            history: Vec::new(),
            earlier: Vec::new(),
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query plan `SQLite` chooses for `sql` with `params`, one line per step.
    fn plan(store: &Store, sql: &str, params: impl crate::store::db::Params) -> String {
        let steps: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map(params, |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        steps.join("\n")
    }

    /// "Decided today" is counted from the (reviewer, time) index alone.
    #[test]
    fn decisions_since_is_answered_by_the_reviewer_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path().join("d.db")).unwrap();
        let plan = plan(&store, DECISIONS_SINCE_SQL, params!["reviewer", 0_i64]);
        assert!(
            plan.contains("COVERING INDEX decisions_reviewer_time"),
            "{plan}"
        );
    }

    /// The queue must be served by the partial index, never by a scan of every case.
    #[test]
    fn queue_query_uses_the_awaiting_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path().join("q.db")).unwrap();
        let plan = plan(&store, QUEUE_SQL, [10, 0]);
        assert!(plan.contains("cases_awaiting"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "queue must not sort: {plan}");
    }
}
