//! The full history of one case: every upload, every decision with its reasons, the audit log.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::super::Store;
use super::super::audit::AuditEntry;
use super::super::error::{StoreError, StoreResult};
use super::super::students::{Contact, student_columns, student_from_row};
use super::super::time::{from_db, opt_from_db};
use crate::domain::campaign::FeeClass;
use crate::domain::case::{CaseState, DecisionKind, UploadOutcome};
use crate::domain::reasons::ReasonCode;
use crate::domain::student::Student;
use crate::store::db::prelude::*;

/// One uploaded photo of a case, in upload order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptRecord {
    pub submission_id: i64,
    /// `None`: recorded only (after approval, or too late).
    pub attempt: Option<u32>,
    pub submitted_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub photo_sha256: String,
    pub byte_len: u64,
    /// Pixel size, once the checks have decoded the photo.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub original_name: String,
    pub fee_class: FeeClass,
    pub outcome: UploadOutcome,
    pub is_current: bool,
}

/// One decision on a case, with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRecord {
    pub decision_id: i64,
    pub submission_id: i64,
    pub kind: DecisionKind,
    pub reviewer: String,
    pub decided_at: DateTime<Utc>,
    pub reasons: Vec<ReasonCode>,
    pub note: Option<String>,
    pub from: CaseState,
    pub to: CaseState,
}

/// Everything known about one case, for the supervisor's history view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFile {
    pub case_id: i64,
    pub campaign: String,
    #[serde(serialize_with = "super::tz_name")]
    pub timezone: Tz,
    pub state: CaseState,
    pub attempts: u32,
    pub rejections: u32,
    pub review_due: Option<DateTime<Utc>>,
    pub resubmission_due: Option<DateTime<Utc>>,
    pub student: Student,
    /// Uploads, oldest first.
    pub uploads: Vec<AttemptRecord>,
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionRecord>,
    /// Audit entries of the case, oldest first.
    pub audit: Vec<AuditEntry>,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

impl Store {
    /// The full history of a case; an unknown id is [`StoreError::UnknownCase`].
    pub fn case_file(&self, case_id: i64) -> StoreResult<CaseFile> {
        let sql = format!(
            "SELECT cp.name, cp.timezone, c.state, c.attempts, c.rejections, c.review_due,
                    c.resubmission_due, {}
             FROM cases c
             JOIN campaigns cp ON cp.id = c.campaign_id
             JOIN students st ON st.id = c.student_id
             WHERE c.id = ?1",
            student_columns("st", Contact::Included)
        );
        let head = self
            .conn
            .prepare_cached(&sql)?
            .query_row([case_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                    student_from_row(r, 7)?,
                ))
            })
            .optional()?
            .ok_or(StoreError::UnknownCase(case_id))?;
        let (campaign, tz, state, attempts, rejections, review_due, resub_due, student) = head;
        Ok(CaseFile {
            case_id,
            campaign,
            timezone: tz.parse().map_err(|_| corrupt("timezone", &tz))?,
            state: CaseState::from_code(&state).ok_or_else(|| corrupt("case state", &state))?,
            attempts,
            rejections,
            review_due: opt_from_db(review_due)?,
            resubmission_due: opt_from_db(resub_due)?,
            student,
            uploads: self.case_uploads(case_id)?,
            decisions: self.case_decisions(case_id)?,
            audit: self.audit_for_case(case_id)?,
        })
    }

    fn case_uploads(&self, case_id: i64) -> StoreResult<Vec<AttemptRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.attempt, s.submitted_at, s.received_at, s.photo_sha256, p.byte_len,
                    p.width, p.height, s.original_name, s.fee_class, s.outcome,
                    c.current_submission_id IS NOT DISTINCT FROM s.id
             FROM submissions s
             JOIN photos p ON p.sha256 = s.photo_sha256
             JOIN cases c ON c.id = s.case_id
             WHERE s.case_id = ?1 ORDER BY s.submitted_at, s.id",
        )?;
        let rows = stmt.query([case_id])?;
        let mut out = Vec::new();
        for r in &rows {
            let fee: String = r.get(9)?;
            let outcome: String = r.get(10)?;
            out.push(AttemptRecord {
                submission_id: r.get(0)?,
                attempt: r.get(1)?,
                submitted_at: from_db(r.get(2)?)?,
                received_at: from_db(r.get(3)?)?,
                photo_sha256: r.get(4)?,
                byte_len: r.get(5)?,
                width: r.get(6)?,
                height: r.get(7)?,
                original_name: r.get(8)?,
                fee_class: FeeClass::from_code(&fee).ok_or_else(|| corrupt("fee class", &fee))?,
                outcome: serde_json::from_value(serde_json::Value::String(outcome.clone()))
                    .map_err(|_| corrupt("upload outcome", &outcome))?,
                is_current: r.get(11)?,
            });
        }
        Ok(out)
    }

    /// Decisions reached through the case's submissions: `decisions` is indexed by submission.
    fn case_decisions(&self, case_id: i64) -> StoreResult<Vec<DecisionRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.submission_id, d.kind, d.reviewer, d.decided_at, d.note,
                    d.from_state, d.to_state,
                    (SELECT string_agg(code, ',') FROM decision_reasons WHERE decision_id = d.id)
             FROM decisions d
             WHERE d.submission_id IN (SELECT id FROM submissions WHERE case_id = ?1)
             ORDER BY d.id",
        )?;
        let rows = stmt.query([case_id])?;
        let mut out = Vec::new();
        for r in &rows {
            let kind: String = r.get(2)?;
            let (from, to): (String, String) = (r.get(6)?, r.get(7)?);
            let state = |s: &str| CaseState::from_code(s).ok_or_else(|| corrupt("case state", s));
            out.push(DecisionRecord {
                decision_id: r.get(0)?,
                submission_id: r.get(1)?,
                kind: DecisionKind::from_code(&kind)
                    .ok_or_else(|| corrupt("decision kind", &kind))?,
                reviewer: r.get(3)?,
                decided_at: from_db(r.get(4)?)?,
                note: r.get(5)?,
                from: state(&from)?,
                to: state(&to)?,
                reasons: r
                    .get::<_, Option<String>>(8)?
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(ReasonCode::parse)
                    .collect(),
            });
        }
        Ok(out)
    }
}
