//! Export bookkeeping: the approved photos that make a CHSI package, the decisions not yet sent
//! to students, and the record of every export written (table `exports`, `decision_exports`).

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::CampaignId;
use super::time::{from_db, opt_from_db, to_db};
use super::users::verify_actor;
use crate::domain::campaign::CampaignRules;
use crate::domain::case::DecisionKind;
use crate::domain::reasons::ReasonCode;
use crate::domain::role::{Action, Actor};

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Approved photos for the national register (CHSI).
    Chsi,
    /// Decisions and reason texts for the mini-program to notify students.
    Decisions,
}

impl ExportKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Chsi => "chsi",
            Self::Decisions => "decisions",
        }
    }
}

/// One export as recorded in the `exports` table and the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRecord {
    pub kind: ExportKind,
    /// `None`: every campaign.
    pub campaign: Option<CampaignId>,
    /// The signed-in account exporting: re-read in the recording transaction, which refuses
    /// anyone but an enabled supervisor. The audit log names it.
    pub actor: Actor,
    /// The folder or file base written, as the user gave it.
    pub target: String,
    pub files: usize,
    pub rows: usize,
    /// Extra facts for the audit entry (e.g. the encryption recipient).
    pub detail: serde_json::Value,
}

/// An approved case's current photo, as it goes into a CHSI package. `id_number` is the raw
/// roster value: the exporter validates it before using it as a file name.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovedPhoto {
    pub case_id: i64,
    pub submission_id: i64,
    pub campaign: String,
    pub timezone: Tz,
    pub id_number: String,
    pub name: String,
    /// The student's school, or the campaign's when the roster has none.
    pub school: String,
    pub photo_sha256: String,
    pub approved_at: DateTime<Utc>,
    pub reviewer: String,
}

/// An approve or reject decision, as the mini-program needs it to notify the student.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedDecision {
    pub decision_id: i64,
    pub campaign: String,
    pub timezone: Tz,
    pub id_number: String,
    pub name: String,
    pub kind: DecisionKind,
    pub reasons: Vec<ReasonCode>,
    pub note: Option<String>,
    pub reviewer: String,
    pub decided_at: DateTime<Utc>,
    /// For a rejection: when the new photo is due (the case's current due time, which a
    /// supervisor may have extended, or decision time + the campaign's resubmission hours).
    pub resubmission_due: Option<DateTime<Utc>>,
}

const APPROVED_SQL: &str = "
    SELECT c.id, s.id, cp.name, cp.timezone, st.id_number, st.name, COALESCE(st.school, cp.school),
           s.photo_sha256, d.reviewer, d.decided_at
    FROM cases c
    JOIN submissions s ON s.id = c.current_submission_id
    JOIN students st ON st.id = c.student_id
    JOIN campaigns cp ON cp.id = c.campaign_id
    LEFT JOIN decisions d ON d.id =
        (SELECT max(id) FROM decisions WHERE submission_id = s.id AND kind = 'approve')
    WHERE c.state = 'approved' AND (CAST(?1 AS BIGINT) IS NULL OR c.campaign_id = ?1)
    ORDER BY cp.id, st.id_number";

const DECISIONS_SQL: &str = "
    SELECT d.id, cp.rules_json, cp.name, cp.timezone,
           st.id_number, st.name, d.kind,
           (SELECT string_agg(code, ',') FROM decision_reasons WHERE decision_id = d.id),
           d.note, d.reviewer, d.decided_at,
           CASE WHEN c.state = 'rejected' AND c.current_submission_id = d.submission_id
                THEN c.resubmission_due END
    FROM decisions d
    JOIN cases c ON c.id = d.case_id
    JOIN students st ON st.id = c.student_id
    JOIN campaigns cp ON cp.id = c.campaign_id
    WHERE d.kind IN ('approve', 'reject')
      AND (CAST(?1 AS BIGINT) IS NULL OR c.campaign_id = ?1)
      AND (?2 OR d.id NOT IN (SELECT decision_id FROM decision_exports))
    ORDER BY d.id";

impl Store {
    /// Every approved case's current photo (metadata only; bytes via [`Store::photo_bytes`]),
    /// ordered by campaign and ID number.
    pub fn approved_photos(&self, campaign: Option<CampaignId>) -> StoreResult<Vec<ApprovedPhoto>> {
        let mut stmt = self.conn.prepare_cached(APPROVED_SQL)?;
        let rows = stmt.query_map([campaign.map(|c| c.0)], approved_row)?;
        rows.map(|r| r?).collect()
    }

    /// Records a written export (kind, target, counts) with its audit entry, in one transaction.
    pub fn record_export(&mut self, record: &ExportRecord, now: DateTime<Utc>) -> StoreResult<i64> {
        let tx = self.conn.write_tx()?;
        let id = insert_export(&tx, record, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Starts a decision export: locks out other writers (so two desks cannot send the same
    /// decision) and reads the approve/reject decisions not yet exported (all of them with
    /// `include_exported`). Nothing is marked until [`DecisionExportBatch::commit`]; dropping
    /// the batch marks nothing.
    pub fn begin_decision_export(
        &mut self,
        campaign: Option<CampaignId>,
        include_exported: bool,
    ) -> StoreResult<DecisionExportBatch<'_>> {
        let tx = self.conn.write_tx()?;
        let rows = decision_rows(&tx, campaign, include_exported)?;
        Ok(DecisionExportBatch { tx, rows })
    }

    /// Whether a decision has gone out to students in a decision export (undo must refuse it).
    pub fn is_decision_exported(&self, decision_id: i64) -> StoreResult<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM decision_exports WHERE decision_id = ?1)",
            )?
            .query_row([decision_id], |r| r.get(0))?)
    }
}

/// Decisions read for export inside an open write transaction.
pub struct DecisionExportBatch<'a> {
    tx: Tx<'a>,
    rows: Vec<ExportedDecision>,
}

impl DecisionExportBatch<'_> {
    /// The decisions to write, oldest first.
    pub fn rows(&self) -> &[ExportedDecision] {
        &self.rows
    }

    /// Marks every row exported, records the export and its audit entry, and commits. Call
    /// only once the files are safely in place.
    pub fn commit(self, record: &ExportRecord, now: DateTime<Utc>) -> StoreResult<i64> {
        let export_id = insert_export(&self.tx, record, now)?;
        {
            let mut stmt = self.tx.prepare_cached(
                "INSERT INTO decision_exports (decision_id, export_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?;
            for row in &self.rows {
                stmt.execute(params![row.decision_id, export_id])?;
            }
        }
        self.tx.commit()?;
        Ok(export_id)
    }
}

fn insert_export(tx: &Tx<'_>, record: &ExportRecord, now: DateTime<Utc>) -> StoreResult<i64> {
    let actor = verify_actor(tx, &record.actor, Action::Export)?;
    let campaign_id = record.campaign.map(|c| c.0);
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let export_id: i64 = tx
        .prepare_cached(
            "INSERT INTO exports (kind, campaign_id, actor, at, target, files, rows)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        )?
        .query_row(
            params![
                record.kind.code(),
                campaign_id,
                actor.name,
                to_db(now),
                record.target,
                count(record.files),
                count(record.rows)
            ],
            |r| r.get(0),
        )?;
    append(
        tx,
        &NewAudit {
            at: now,
            actor: &actor.name,
            action: match record.kind {
                ExportKind::Chsi => "export.chsi",
                ExportKind::Decisions => "export.decisions",
            },
            campaign_id,
            case_id: None,
            submission_id: None,
            detail: serde_json::json!({
                "export_id": export_id,
                "target": record.target,
                "files": record.files,
                "rows": record.rows,
                "detail": record.detail,
            }),
        },
    )?;
    Ok(export_id)
}

fn parse_tz(campaign: &str, tz: &str) -> StoreResult<Tz> {
    tz.parse()
        .map_err(|_| StoreError::Corrupt(format!("campaign {campaign:?} has an invalid timezone")))
}

fn approved_row(r: &Row) -> DbResult<StoreResult<ApprovedPhoto>> {
    let campaign: String = r.get(2)?;
    let tz: String = r.get(3)?;
    let id_number: String = r.get(4)?;
    let reviewer: Option<String> = r.get(8)?;
    let approved_at: Option<i64> = r.get(9)?;
    let base = (r.get(0)?, r.get(1)?, r.get(5)?, r.get(6)?, r.get(7)?);
    Ok((|| {
        let (Some(reviewer), Some(at)) = (reviewer, approved_at) else {
            return Err(StoreError::Corrupt(format!(
                "approved case of {id_number:?} has no approve decision"
            )));
        };
        let (case_id, submission_id, name, school, photo_sha256) = base;
        Ok(ApprovedPhoto {
            case_id,
            submission_id,
            timezone: parse_tz(&campaign, &tz)?,
            campaign,
            id_number,
            name,
            school,
            photo_sha256,
            approved_at: from_db(at)?,
            reviewer,
        })
    })())
}

fn decision_rows(
    tx: &Tx<'_>,
    campaign: Option<CampaignId>,
    include_exported: bool,
) -> StoreResult<Vec<ExportedDecision>> {
    let mut stmt = tx.prepare_cached(DECISIONS_SQL)?;
    let rows = stmt.query_map(
        params![campaign.map(|c| c.0), include_exported],
        decision_row,
    )?;
    rows.map(|r| r?).collect()
}

fn decision_row(r: &Row) -> DbResult<StoreResult<ExportedDecision>> {
    let id: i64 = r.get(0)?;
    let rules_json: String = r.get(1)?;
    let (campaign, tz): (String, String) = (r.get(2)?, r.get(3)?);
    let kind: String = r.get(6)?;
    let reasons: Option<String> = r.get(7)?;
    let (decided_at, due): (i64, Option<i64>) = (r.get(10)?, r.get(11)?);
    let base = (r.get(4)?, r.get(5)?, r.get(8)?, r.get(9)?);
    Ok((|| {
        let kind = DecisionKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown decision kind {kind:?}")))?;
        let reasons = reasons
            .unwrap_or_default()
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| {
                ReasonCode::parse(c).ok_or_else(|| {
                    StoreError::Corrupt(format!("unknown reason code {c:?} in decision {id}"))
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let decided_at = from_db(decided_at)?;
        // The case's own due time when it still waits on this rejection (a supervisor may
        // have extended it); otherwise the campaign's rule.
        let hours = serde_json::from_str::<serde_json::Value>(&rules_json)
            .ok()
            .and_then(|v| v.get("resubmit_hours").and_then(serde_json::Value::as_i64))
            .unwrap_or(CampaignRules::default().resubmit_hours);
        let resubmission_due = match kind {
            DecisionKind::Reject => {
                Some(opt_from_db(due)?.unwrap_or(decided_at + Duration::hours(hours)))
            }
            _ => None,
        };
        let (id_number, name, note, reviewer) = base;
        Ok(ExportedDecision {
            decision_id: id,
            timezone: parse_tz(&campaign, &tz)?,
            campaign,
            id_number,
            name,
            kind,
            reasons,
            note,
            reviewer,
            decided_at,
            resubmission_due,
        })
    })())
}
