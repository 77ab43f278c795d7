//! Recording a student's upload: photo bytes stored once, a submission, the case clock.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Store;
use super::audit::{NewAudit, append};
use super::campaigns::campaign_in;
use super::cases::{load_case, save_status};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::CampaignId;
use super::time::to_db;
use super::users::verify_actor;
use crate::domain::campaign::FeeClass;
use crate::domain::case::{CaseStatus, UploadOutcome};
use crate::domain::role::{Action, Actor};
use crate::domain::student::DocumentType;

/// An upload to record.
#[derive(Debug, Clone)]
pub struct UploadRequest<'a> {
    pub campaign: CampaignId,
    pub id_number: &'a str,
    pub bytes: &'a [u8],
    pub original_name: &'a str,
    pub submitted_at: DateTime<Utc>,
    /// The signed-in account recording it (re-checked in the transaction).
    pub actor: &'a Actor,
}

/// What recording an upload did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadReceipt {
    pub case_id: i64,
    pub submission_id: i64,
    /// The attempt it started, or `None` when it was recorded only.
    pub attempt: Option<u32>,
    pub outcome: UploadOutcome,
    pub fee_class: FeeClass,
    pub sha256: String,
}

/// Lower-case hex SHA-256 of the photo bytes: the key of the photos table.
pub fn photo_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Store {
    /// Records an upload in one transaction. Every upload of a known, mainland student is kept,
    /// even one that arrives too late; the receipt says what it did to the case.
    pub fn record_upload(
        &mut self,
        req: &UploadRequest<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<UploadReceipt> {
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, req.actor, Action::RecordUpload)?;
        let campaign = campaign_in(&tx, req.campaign)?;
        let (student_id, doc_type) = tx
            .prepare_cached(
                "SELECT id, doc_type FROM students WHERE campaign_id = ?1 AND id_number = ?2",
            )?
            .query_row(params![req.campaign.0, req.id_number], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::UnknownStudent {
                campaign: campaign.name.clone(),
                id_number: req.id_number.to_owned(),
            })?;
        if DocumentType::from_code(&doc_type).collected_offline() {
            return Err(StoreError::CollectedOffline {
                id_number: req.id_number.to_owned(),
                doc_type,
            });
        }
        let sha = photo_hash(req.bytes);
        tx.prepare_cached(
            "INSERT INTO photos (sha256, byte_len, bytes) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            sha,
            i64::try_from(req.bytes.len()).unwrap_or(i64::MAX),
            req.bytes
        ])?;

        let rules = &campaign.rules;
        let existing = load_case(&tx, "student_id = ?1", student_id)?;
        let (case_id, status, outcome) = if let Some(row) = existing {
            let (status, outcome) = row.status.upload(req.submitted_at, rules);
            (row.id, status, outcome)
        } else {
            let status = CaseStatus::first_upload(req.submitted_at, rules);
            let id: i64 = tx
                .prepare_cached(
                    "INSERT INTO cases (campaign_id, student_id, state, attempts, rejections, updated_at)
                     VALUES (?1, ?2, 'pending_review', 0, 0, ?3) RETURNING id",
                )?
                .query_row(params![req.campaign.0, student_id, to_db(now)], |r| r.get(0))?;
            (id, status, UploadOutcome::FirstAttempt)
        };
        let attempt = outcome.starts_attempt().then_some(status.attempts);
        let fee_class = campaign.fee_class(req.submitted_at);
        let submission_id: i64 = tx
            .prepare_cached(
                "INSERT INTO submissions (case_id, attempt, submitted_at, received_at, photo_sha256,
                 original_name, fee_class, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            )?
            .query_row(params![
            case_id,
            attempt,
            to_db(req.submitted_at),
            to_db(now),
            sha,
            req.original_name,
            fee_class.code(),
            serde_json::to_value(outcome)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
        ], |r| r.get(0))?;
        save_status(&tx, case_id, &status, now)?;
        if attempt.is_some() {
            tx.prepare_cached("UPDATE cases SET current_submission_id = ?2 WHERE id = ?1")?
                .execute(params![case_id, submission_id])?;
        }
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: "upload.recorded",
                campaign_id: Some(req.campaign.0),
                case_id: Some(case_id),
                submission_id: Some(submission_id),
                detail: serde_json::json!({
                    "outcome": outcome,
                    "attempt": attempt,
                    "sha256": sha,
                    "file": req.original_name,
                    "submitted_at": to_db(req.submitted_at),
                }),
            },
        )?;
        tx.commit()?;
        Ok(UploadReceipt {
            case_id,
            submission_id,
            attempt,
            outcome,
            fee_class,
            sha256: sha,
        })
    }
}
