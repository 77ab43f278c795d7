//! Supervisor statistics: throughput, approval rate, rejection reasons, time to review,
//! roster coverage and fee classes. SQL fetches counts; the arithmetic is in `domain::stats`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

mod queries;

use super::Store;
use super::db::prelude::*;
use super::error::StoreResult;
use super::time::to_db;
use crate::domain::campaign::FeeClass;
use crate::domain::reasons::ReasonCode;
use crate::domain::stats::{HourCount, HourSlot, hour_buckets};

/// How many rejection reasons the statistics list.
pub const TOP_REASONS: usize = 10;
/// Width of a bar of the time-to-review distribution.
pub const REVIEW_TIME_BUCKET_HOURS: i64 = 4;
/// Bars of the distribution; the last one holds everything longer (here: 72 h and more).
pub const REVIEW_TIME_BUCKETS: usize = 19;

/// Decisions of one reviewer in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewerCount {
    pub reviewer: String,
    pub approved: u64,
    pub rejected: u64,
    pub escalated: u64,
}

impl ReviewerCount {
    pub fn total(&self) -> u64 {
        self.approved + self.rejected + self.escalated
    }
}

/// Decisions of every kind since the start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DecisionTotals {
    pub approved: u64,
    pub rejected: u64,
    pub escalated: u64,
}

impl DecisionTotals {
    /// Approvals among approvals and rejections, in percent; `None` before any review.
    pub fn approval_rate(&self) -> Option<f64> {
        let reviewed = self.approved + self.rejected;
        (reviewed > 0).then(|| crate::domain::stats::percent(self.approved, reviewed))
    }
}

/// How long uploads waited for their first approve or reject. Escalating does not count:
/// it stops no clock, the photo still awaits a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewTime {
    pub reviewed: u64,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
    /// Reviewed within the campaign's promise (review hours, seed 48).
    pub within_promise: u64,
    /// The promise of the (first) campaign, for the chart's line.
    pub promise_hours: i64,
    /// Counts per [`REVIEW_TIME_BUCKET_HOURS`]-hour bar, the last bar open-ended.
    pub histogram: Vec<u64>,
}

/// Roster coverage of one school and programme (mainland students only: the others are
/// collected offline and never upload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    pub school: Option<String>,
    pub programme: Option<String>,
    pub roster: u64,
    pub uploaded: u64,
}

impl CoverageRow {
    /// Students with no upload yet.
    pub fn missing(&self) -> u64 {
        self.roster.saturating_sub(self.uploaded)
    }
}

/// Students of one fee class (the class of their first upload) and what they pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeeRow {
    pub class: FeeClass,
    pub students: u64,
    pub sum_fen: i64,
}

/// Everything the statistics screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub generated_at: DateTime<Utc>,
    /// Hours covered by `per_hour` and `per_reviewer`.
    pub window_hours: u32,
    pub per_hour: Vec<HourCount>,
    /// Busiest first.
    pub per_reviewer: Vec<ReviewerCount>,
    pub totals: DecisionTotals,
    /// Most frequent first, at most [`TOP_REASONS`].
    pub top_reasons: Vec<(ReasonCode, u64)>,
    pub review_time: ReviewTime,
    /// Most students missing first.
    pub coverage: Vec<CoverageRow>,
    /// In-window first, then late.
    pub fees: Vec<FeeRow>,
}

fn slot(kind: &str) -> Option<HourSlot> {
    match kind {
        "approve" => Some(HourSlot::Approved),
        "reject" => Some(HourSlot::Rejected),
        "escalate" => Some(HourSlot::Escalated),
        _ => None,
    }
}

impl Store {
    /// Statistics at `now`; throughput covers the last `window_hours` clock hours, the
    /// current one included.
    pub fn stats(&self, now: DateTime<Utc>, window_hours: u32) -> StoreResult<Stats> {
        // The window starts at the first whole hour the chart shows, so bars and the
        // per-reviewer counts add up to the same decisions.
        let hour_start = now - Duration::seconds(now.timestamp().rem_euclid(3600));
        let window_hours = window_hours.max(1);
        let since = hour_start - Duration::hours(i64::from(window_hours) - 1);
        let hourly = self.kind_counts(
            "SELECT decided_at / 3600, kind, COUNT(*) FROM decisions
             WHERE decided_at >= ?1 AND decided_at <= ?2 GROUP BY 1, 2",
            since,
            now,
        )?;
        let hourly: Vec<_> = hourly
            .into_iter()
            .filter_map(|(h, k, n)| Some((h.parse().ok()?, slot(&k)?, n)))
            .collect();
        let campaigns: HashMap<i64, crate::domain::campaign::Campaign> = self
            .campaigns()?
            .into_iter()
            .map(|(id, c)| (id.0, c))
            .collect();
        Ok(Stats {
            generated_at: now,
            window_hours,
            per_hour: hour_buckets(now, window_hours, &hourly),
            per_reviewer: self.per_reviewer(since, now)?,
            totals: self.totals()?,
            top_reasons: self.top_reasons()?,
            review_time: self.review_time(&campaigns)?,
            coverage: self.coverage()?,
            fees: self.fees(&campaigns)?,
        })
    }

    /// `(key, kind, count)` rows of a grouped decisions query over `[since, until]`.
    fn kind_counts(
        &self,
        sql: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, String, u64)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([to_db(since), to_db(until)], |r| {
            // The key is an hour number or a reviewer name; read both as text.
            let key: Value = r.get(0)?;
            let key = match key {
                Value::Int(i) => i.to_string(),
                Value::Text(s) => s,
                _ => String::new(),
            };
            Ok((key, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn per_reviewer(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<ReviewerCount>> {
        let rows = self.kind_counts(
            "SELECT reviewer, kind, COUNT(*) FROM decisions
             WHERE decided_at >= ?1 AND decided_at <= ?2 GROUP BY 1, 2",
            since,
            now,
        )?;
        let mut by: BTreeMap<String, ReviewerCount> = BTreeMap::new();
        for (reviewer, kind, n) in rows {
            let e = by.entry(reviewer.clone()).or_insert(ReviewerCount {
                reviewer,
                approved: 0,
                rejected: 0,
                escalated: 0,
            });
            match slot(&kind) {
                Some(HourSlot::Approved) => e.approved += n,
                Some(HourSlot::Rejected) => e.rejected += n,
                Some(HourSlot::Escalated) => e.escalated += n,
                None => {}
            }
        }
        let mut out: Vec<_> = by.into_values().collect();
        out.sort_by(|a, b| b.total().cmp(&a.total()).then(a.reviewer.cmp(&b.reviewer)));
        Ok(out)
    }

    fn totals(&self) -> StoreResult<DecisionTotals> {
        let mut t = DecisionTotals::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, COUNT(*) FROM decisions GROUP BY kind")?;
        let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?;
        for row in rows {
            let (kind, n) = row?;
            match slot(&kind) {
                Some(HourSlot::Approved) => t.approved = n,
                Some(HourSlot::Rejected) => t.rejected = n,
                Some(HourSlot::Escalated) => t.escalated = n,
                None => {}
            }
        }
        Ok(t)
    }

    fn top_reasons(&self) -> StoreResult<Vec<(ReasonCode, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, COUNT(*) FROM decision_reasons GROUP BY code ORDER BY 2 DESC, code",
        )?;
        let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (code, n) = row?;
            // A code this version does not know is skipped rather than failing the screen.
            if let Some(reason) = ReasonCode::parse(&code) {
                out.push((reason, n));
            }
        }
        out.truncate(TOP_REASONS);
        Ok(out)
    }
}
