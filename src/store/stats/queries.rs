//! The statistics that read whole tables: time to review, roster coverage, fee classes.

use std::collections::HashMap;

use super::super::Store;
use super::super::error::{StoreError, StoreResult};
use super::{CoverageRow, FeeRow, REVIEW_TIME_BUCKET_HOURS, REVIEW_TIME_BUCKETS, ReviewTime};
use crate::domain::campaign::{Campaign, CampaignRules, FeeClass};
use crate::domain::stats::{histogram, median, percentile};
use crate::store::db::prelude::*;

impl Store {
    /// First approve or reject of every reviewed submission, against its campaign's promise.
    pub(super) fn review_time(
        &self,
        campaigns: &HashMap<i64, Campaign>,
    ) -> StoreResult<ReviewTime> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.campaign_id, s.submitted_at, MIN(d.decided_at)
             FROM decisions d
             JOIN submissions s ON s.id = d.submission_id
             JOIN cases c ON c.id = s.case_id
             WHERE d.kind IN ('approve', 'reject')
             GROUP BY s.id, c.campaign_id, s.submitted_at",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let default_rules = CampaignRules::default();
        let hours = |id: i64| {
            campaigns
                .get(&id)
                .map_or(default_rules.review_hours, |c| c.rules.review_hours)
        };
        let mut waits = Vec::new();
        let mut within_promise = 0;
        for row in rows {
            let (campaign, submitted, decided) = row?;
            let wait = decided - submitted;
            if wait <= hours(campaign) * 3600 {
                within_promise += 1;
            }
            waits.push(wait);
        }
        waits.sort_unstable();
        let promise_hours = campaigns
            .keys()
            .min()
            .map_or(default_rules.review_hours, |id| hours(*id));
        Ok(ReviewTime {
            reviewed: waits.len() as u64,
            median_secs: median(&waits),
            p90_secs: percentile(&waits, 90.0),
            within_promise,
            promise_hours,
            histogram: histogram(&waits, REVIEW_TIME_BUCKET_HOURS * 3600, REVIEW_TIME_BUCKETS),
        })
    }

    /// Mainland students per school and programme, and how many have uploaded.
    pub(super) fn coverage(&self) -> StoreResult<Vec<CoverageRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT st.school, st.programme, COUNT(*), COUNT(c.id)
             FROM students st LEFT JOIN cases c ON c.student_id = st.id
             WHERE st.doc_type = 'mainland_id'
             GROUP BY st.school, st.programme",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok(CoverageRow {
                school: r.get(0)?,
                programme: r.get(1)?,
                roster: r.get(2)?,
                uploaded: r.get(3)?,
            })
        })?;
        let mut out: Vec<CoverageRow> = rows.collect::<Result<_, _>>()?;
        out.sort_by(|a, b| {
            b.missing()
                .cmp(&a.missing())
                .then_with(|| (&a.school, &a.programme).cmp(&(&b.school, &b.programme)))
        });
        Ok(out)
    }

    /// Students by the fee class of their first upload, with the campaign's fee for it.
    pub(super) fn fees(&self, campaigns: &HashMap<i64, Campaign>) -> StoreResult<Vec<FeeRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.campaign_id,
                    (SELECT s.fee_class FROM submissions s WHERE s.case_id = c.id
                     ORDER BY s.submitted_at, s.id LIMIT 1) AS fee,
                    COUNT(*)
             FROM cases c GROUP BY 1, 2",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, u64>(2)?,
            ))
        })?;
        let mut out = [FeeClass::InWindow, FeeClass::Late].map(|class| FeeRow {
            class,
            students: 0,
            sum_fen: 0,
        });
        for row in rows {
            let (campaign, fee, n) = row?;
            let Some(fee) = fee else { continue }; // a case always has an upload; be lenient
            let class = FeeClass::from_code(&fee)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown fee class {fee:?}")))?;
            let fen = campaigns.get(&campaign).map_or(0, |c| c.fee_fen(class));
            let slot = &mut out[usize::from(class == FeeClass::Late)];
            slot.students += n;
            slot.sum_fen += fen * i64::try_from(n).unwrap_or(i64::MAX);
        }
        Ok(out.to_vec())
    }
}
