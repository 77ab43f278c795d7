//! Production bookkeeping: the roster of a campaign with each student's standing for print,
//! and the record of every print run (tables `print_runs`, `prints`, `cases.printed_submission_id`).
//! Recording a run is one IMMEDIATE transaction that re-checks the account (supervisors only),
//! re-checks that every printed photo is still the approved one, and audits each case.

use chrono::{DateTime, Utc};

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::model::CampaignId;
use super::time::{from_db, opt_from_db, to_db};
use super::users::verify_actor;
use crate::checks::result::Overlay;
use crate::domain::case::CaseState;
use crate::domain::production::{CaseStanding, PrintMark, PrintSettings, RosterStanding};
use crate::domain::role::{Action, Actor};
use crate::domain::student::DocumentType;

/// One roster student of a campaign, with what production needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterEntry {
    pub campaign_id: CampaignId,
    pub name: String,
    /// The document number as stored (a validated ID number for mainland students).
    pub id_number: String,
    pub student_no: Option<String>,
    /// The student's school, or the campaign's when the roster has none.
    pub school: String,
    pub programme: Option<String>,
    pub mailing_batch: Option<String>,
    /// The current photo of the case, if any.
    pub photo_sha256: Option<String>,
    pub standing: RosterStanding,
}

/// One case printed by a run: the approved photo it printed.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedCase {
    pub case_id: i64,
    pub submission_id: i64,
    pub mailing_batch: Option<String>,
}

/// A print run to record.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintRun<'a> {
    pub campaign: CampaignId,
    /// The mailing batch asked for; `None`: every batch.
    pub batch: Option<&'a str>,
    /// The folder written, as the user gave it.
    pub target: &'a str,
    /// The print setting used (size, copies, paper), for the audit log.
    pub print: &'a PrintSettings,
    /// A reprint says why; a first print has none.
    pub reprint_reason: Option<&'a str>,
    pub printed: &'a [PrintedCase],
}

const ROSTER_SQL: &str = "
    SELECT st.campaign_id, st.name, st.id_number, st.doc_type, st.student_no,
           COALESCE(st.school, cp.school), st.programme, st.mailing_batch,
           c.id, c.state, c.current_submission_id, s.photo_sha256, c.resubmission_due,
           (SELECT max(booked_for) FROM makeup_shoots m WHERE m.case_id = c.id),
           p.submission_id, p.run_id, r.printed_at
    FROM students st
    JOIN campaigns cp ON cp.id = st.campaign_id
    LEFT JOIN cases c ON c.student_id = st.id
    LEFT JOIN submissions s ON s.id = c.current_submission_id
    LEFT JOIN prints p ON p.id = (SELECT max(id) FROM prints WHERE case_id = c.id)
    LEFT JOIN print_runs r ON r.id = p.run_id
    WHERE (CAST(?1 AS BIGINT) IS NULL OR st.campaign_id = ?1)
      AND (CAST(?2 AS TEXT) IS NULL OR st.mailing_batch = ?2)
    ORDER BY st.campaign_id, 6, st.mailing_batch, st.programme, st.student_no, st.id_number";

impl Store {
    /// Every roster student of `campaign` (all campaigns with `None`), limited to one mailing
    /// batch when given, ordered by campaign, school, batch, programme and student number.
    pub fn production_roster(
        &self,
        campaign: Option<CampaignId>,
        batch: Option<&str>,
    ) -> StoreResult<Vec<RosterEntry>> {
        let mut stmt = self.conn.prepare_cached(ROSTER_SQL)?;
        let rows = stmt.query_map(params![campaign.map(|c| c.0), batch], roster_row)?;
        rows.map(|r| r?).collect()
    }

    /// The horizontal centre of the face the checks found in a photo (the latest stored
    /// `face.count` box), for cutting the print around it; `None` when never checked.
    pub fn face_centre_x(&self, sha256: &str) -> StoreResult<Option<f64>> {
        let json: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT overlay_json FROM check_results WHERE photo_sha256 = ?1
                 AND check_id = 'face.count' ORDER BY computed_at DESC, spec_version DESC LIMIT 1",
            )?
            .query_row([sha256], |r| r.get(0))
            .optional()?;
        // A damaged overlay only loses the face centre: the print is then cut at the middle.
        let overlays: Vec<Overlay> = json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default();
        Ok(overlays.iter().find_map(|o| match o {
            Overlay::Rect { x, w, .. } => Some(f64::from(*x) + f64::from(*w) / 2.0),
            _ => None,
        }))
    }

    /// Records a print run: marks each case printed (run, photo, batch), appends an audit entry
    /// per case and one for the run, all in one transaction. Refused for a reviewer, for a case
    /// whose photo is no longer the approved one, and (unless it is a reprint) for a case whose
    /// photo another run printed meanwhile; a refusal records nothing.
    pub fn record_print_run(
        &mut self,
        by: &Actor,
        run: &PrintRun<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let reprint = match run.reprint_reason.map(str::trim) {
            Some("") => return Err(StoreError::MissingReason("reason-for-reprint")),
            other => other,
        };
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, by, Action::Produce)?;
        let copies = u64::from(run.print.copies) * run.printed.len() as u64;
        let run_id: i64 = tx
            .prepare_cached(
                "INSERT INTO print_runs (campaign_id, batch, printed_by, printed_at, target, students,
                                     copies, reprint_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            )?
            .query_row(params![
            run.campaign.0,
            run.batch,
            actor.user_id,
            to_db(now),
            run.target,
            i64::try_from(run.printed.len()).unwrap_or(i64::MAX),
            i64::try_from(copies).unwrap_or(i64::MAX),
            reprint
        ], |r| r.get(0))?;
        for printed in run.printed {
            mark_printed(&tx, &actor, run, run_id, printed, reprint, now)?;
        }
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: if reprint.is_some() {
                    "production.reprint"
                } else {
                    "production.print"
                },
                campaign_id: Some(run.campaign.0),
                case_id: None,
                submission_id: None,
                detail: serde_json::json!({
                    "run_id": run_id, "batch": run.batch, "target": run.target,
                    "students": run.printed.len(), "copies": copies, "reason": reprint,
                    "size_mm": [run.print.size.width_mm, run.print.size.height_mm],
                    "paper": run.print.paper.code(),
                }),
            },
        )?;
        tx.commit()?;
        Ok(run_id)
    }
}

/// Marks one case printed by run `run_id`, after checking that its photo is still the approved
/// one and (unless `reprint`) not printed already; audits it.
fn mark_printed(
    tx: &Tx<'_>,
    actor: &Actor,
    run: &PrintRun<'_>,
    run_id: i64,
    printed: &PrintedCase,
    reprint: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (state, current, last): (String, Option<i64>, Option<i64>) = tx
        .prepare_cached(
            "SELECT state, current_submission_id, printed_submission_id FROM cases
             WHERE id = ?1 AND campaign_id = ?2",
        )?
        .query_row(params![printed.case_id, run.campaign.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or(StoreError::UnknownCase(printed.case_id))?;
    if state != CaseState::Approved.code() || current != Some(printed.submission_id) {
        return Err(StoreError::PrintChanged {
            case: printed.case_id,
        });
    }
    if reprint.is_none() && last == Some(printed.submission_id) {
        return Err(StoreError::AlreadyPrinted {
            case: printed.case_id,
        });
    }
    tx.prepare_cached(
        "INSERT INTO prints (run_id, case_id, submission_id, batch) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        run_id,
        printed.case_id,
        printed.submission_id,
        printed.mailing_batch
    ])?;
    tx.prepare_cached("UPDATE cases SET printed_submission_id = ?2 WHERE id = ?1")?
        .execute(params![printed.case_id, printed.submission_id])?;
    append(
        tx,
        &NewAudit {
            at: now,
            actor: &actor.name,
            action: if reprint.is_some() {
                "case.reprinted"
            } else {
                "case.printed"
            },
            campaign_id: Some(run.campaign.0),
            case_id: Some(printed.case_id),
            submission_id: Some(printed.submission_id),
            detail: serde_json::json!({
                "run_id": run_id, "batch": printed.mailing_batch,
                "copies": run.print.copies, "reason": reprint,
            }),
        },
    )
}

fn roster_row(r: &Row) -> DbResult<StoreResult<RosterEntry>> {
    let doc_type: String = r.get(3)?;
    let case_id: Option<i64> = r.get(8)?;
    let state: Option<String> = r.get(9)?;
    let times: (Option<i64>, Option<i64>, Option<i64>) = (r.get(12)?, r.get(13)?, r.get(16)?);
    let print: (Option<i64>, Option<i64>) = (r.get(14)?, r.get(15)?);
    let current: Option<i64> = r.get(10)?;
    let base = RosterEntry {
        campaign_id: CampaignId(r.get(0)?),
        name: r.get(1)?,
        id_number: r.get(2)?,
        student_no: r.get(4)?,
        school: r.get(5)?,
        programme: r.get(6)?,
        mailing_batch: r.get(7)?,
        photo_sha256: r.get(11)?,
        standing: RosterStanding {
            doc_type: DocumentType::from_code(&doc_type),
            case: None,
        },
    };
    Ok((|| {
        let (Some(case_id), Some(state)) = (case_id, state) else {
            return Ok(base);
        };
        let state = CaseState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown case state {state:?}")))?;
        let (due, makeup, printed_at) = times;
        let last_print = match (print, printed_at) {
            ((Some(submission_id), Some(run_id)), Some(at)) => Some(PrintMark {
                submission_id,
                run_id,
                printed_at: from_db(at)?,
            }),
            _ => None,
        };
        let case = CaseStanding {
            case_id,
            state,
            current_submission_id: current,
            resubmission_due: opt_from_db(due)?,
            makeup_at: opt_from_db(makeup)?,
            last_print,
        };
        Ok(RosterEntry {
            standing: RosterStanding {
                case: Some(case),
                ..base.standing
            },
            ..base
        })
    })())
}
