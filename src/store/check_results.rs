//! Cached automatic check results, keyed by photo hash and photo-spec version. A result's
//! finding is stored as its catalogue message (`message_json`: id and arguments), not as
//! text, so it renders in the reader's language and with the wording of the reading version.

use chrono::{DateTime, Utc};

use super::Store;
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::time::to_db;
use crate::checks::result::{CHECK_IDS, CheckResult, Report, Verdict, known_check_id};
use crate::domain::reasons::ReasonCode;
use crate::i18n::Msg;

/// A stored photo and what its checks were last computed at ([`Store::photos_to_check`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoToCheck {
    pub sha256: String,
    pub campaign: super::model::CampaignId,
    pub cached_version: Option<u32>,
}

impl Store {
    /// Stores a report for a photo, replacing an earlier one for the same spec version.
    pub fn save_check_report(
        &mut self,
        sha256: &str,
        spec_version: u32,
        report: &Report,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tx = self.conn.write_tx()?;
        tx.execute(
            "DELETE FROM check_results WHERE photo_sha256 = ?1 AND spec_version = ?2",
            params![sha256, spec_version],
        )?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO check_results (photo_sha256, spec_version, check_id, verdict, value,
                     threshold, message_json, reasons, overlay_json, computed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for c in &report.checks {
                let reasons: Vec<&str> = c.reasons.iter().map(|r| r.code()).collect();
                let overlays = serde_json::to_string(&c.overlays)
                    .map_err(|e| StoreError::Corrupt(format!("overlay of {}: {e}", c.id)))?;
                let message = serde_json::to_string(&c.message)
                    .map_err(|e| StoreError::Corrupt(format!("message of {}: {e}", c.id)))?;
                stmt.execute(params![
                    sha256,
                    spec_version,
                    c.id,
                    c.verdict.code(),
                    c.value,
                    c.threshold,
                    message,
                    reasons.join(","),
                    overlays,
                    to_db(now)
                ])?;
            }
        }
        let worst = report.assessed_verdict().unwrap_or(Verdict::Error);
        let failed = report
            .checks
            .iter()
            .filter(|c| c.verdict == Verdict::Fail)
            .count();
        tx.execute(
            "INSERT INTO photo_verdicts (photo_sha256, cache_version, worst, failed)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (photo_sha256) DO UPDATE SET
                 cache_version = excluded.cache_version, worst = excluded.worst,
                 failed = excluded.failed",
            params![sha256, spec_version, worst.code(), failed],
        )?;
        tx.execute(
            "UPDATE photos SET width = ?2, height = ?3 WHERE sha256 = ?1",
            params![sha256, report.width, report.height],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The photos whose checks a campaign may need: the current upload of every case awaiting
    /// review (or, with `all`, every upload ever received), each with its campaign and the
    /// cache version its stored verdict was computed at (`None`: never checked).
    pub fn photos_to_check(&self, all: bool) -> StoreResult<Vec<PhotoToCheck>> {
        let sql = if all {
            "SELECT s.photo_sha256, c.campaign_id, pv.cache_version
             FROM submissions s JOIN cases c ON c.id = s.case_id
             LEFT JOIN photo_verdicts pv ON pv.photo_sha256 = s.photo_sha256
             GROUP BY s.photo_sha256, c.campaign_id, pv.cache_version
             ORDER BY MIN(s.id)"
        } else {
            "SELECT s.photo_sha256, c.campaign_id, pv.cache_version
             FROM cases c JOIN submissions s ON s.id = c.current_submission_id
             LEFT JOIN photo_verdicts pv ON pv.photo_sha256 = s.photo_sha256
             WHERE c.state IN ('pending_review', 'escalated')
             GROUP BY s.photo_sha256, c.campaign_id, pv.cache_version
             ORDER BY MIN(c.review_due)"
        };
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map((), |r| {
            Ok(PhotoToCheck {
                sha256: r.get(0)?,
                campaign: super::model::CampaignId(r.get(1)?),
                cached_version: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The cached report of a photo for a spec version, if its checks have run.
    pub fn check_report(&self, sha256: &str, spec_version: u32) -> StoreResult<Option<Report>> {
        let size: Option<(Option<u32>, Option<u32>)> = self
            .conn
            .prepare_cached("SELECT width, height FROM photos WHERE sha256 = ?1")?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((width, height)) = size else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT check_id, verdict, value, threshold, message_json, reasons, overlay_json
             FROM check_results WHERE photo_sha256 = ?1 AND spec_version = ?2",
        )?;
        let rows = stmt.query_map(params![sha256, spec_version], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut checks = Vec::new();
        for row in rows {
            let (id, verdict, value, threshold, message, reasons, overlays) = row?;
            // A check this version no longer knows is skipped rather than failing the photo.
            let Some(id) = known_check_id(&id) else {
                continue;
            };
            let verdict = Verdict::from_code(&verdict)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown verdict {verdict:?}")))?;
            let threshold = threshold.unwrap_or_default();
            // A message this version cannot read or does not know still says what was found.
            let message = serde_json::from_str::<Msg>(&message)
                .ok()
                .filter(|m| m.id() != "message-unknown")
                .unwrap_or_else(|| CheckResult::stored_finding(verdict, value, &threshold));
            checks.push(CheckResult {
                id,
                verdict,
                value,
                threshold,
                message,
                reasons: reasons.split(',').filter_map(ReasonCode::parse).collect(),
                overlays: serde_json::from_str(&overlays).unwrap_or_default(),
            });
        }
        if checks.is_empty() {
            return Ok(None);
        }
        // The catalogue's order, which is the order the pipeline runs them in.
        checks.sort_by_key(|c| CHECK_IDS.iter().position(|known| *known == c.id));
        Ok(Some(Report {
            width,
            height,
            checks,
        }))
    }
}
