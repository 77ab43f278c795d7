//! Pure statistics on fetched rows: percentiles, hourly buckets, histograms.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Nearest-rank percentile (`p` in 0..=100) of values sorted ascending; `None` when empty.
/// Nearest-rank returns a value that occurred, so "median 5 h 12 min" is a real review time.
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p.clamp(0.0, 100.0) / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted
        .get(rank.saturating_sub(1).min(sorted.len() - 1))
        .copied()
}

/// The median (50th percentile, nearest rank) of values sorted ascending.
pub fn median(sorted: &[i64]) -> Option<i64> {
    percentile(sorted, 50.0)
}

/// Decisions started in one clock hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HourCount {
    /// Start of the hour, UTC.
    pub start: DateTime<Utc>,
    pub approved: u64,
    pub rejected: u64,
    pub escalated: u64,
}

impl HourCount {
    pub fn total(&self) -> u64 {
        self.approved + self.rejected + self.escalated
    }
}

/// Which count of an hour a decision adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HourSlot {
    Approved,
    Rejected,
    Escalated,
}

/// The last `hours` whole clock hours up to and including the one containing `now`, oldest
/// first, every hour present (zero when nothing happened) so the chart has no gaps.
/// `counts` are `(unix hour = secs / 3600, slot, n)`; those outside the range are ignored.
pub fn hour_buckets(
    now: DateTime<Utc>,
    hours: u32,
    counts: &[(i64, HourSlot, u64)],
) -> Vec<HourCount> {
    let last = now.timestamp().div_euclid(3600);
    let first = last - i64::from(hours) + 1;
    let mut out: Vec<HourCount> = (first..=last)
        .filter_map(|h| DateTime::from_timestamp(h * 3600, 0))
        .map(|start| HourCount {
            start,
            approved: 0,
            rejected: 0,
            escalated: 0,
        })
        .collect();
    for &(hour, slot, n) in counts {
        let Some(bucket) = usize::try_from(hour - first)
            .ok()
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        match slot {
            HourSlot::Approved => bucket.approved += n,
            HourSlot::Rejected => bucket.rejected += n,
            HourSlot::Escalated => bucket.escalated += n,
        }
    }
    out
}

/// Counts of durations in buckets of `bucket_secs`; the last bucket also holds everything
/// longer (`buckets` ≥ 1). Negative durations (clock skew) count in the first bucket.
pub fn histogram(values: &[i64], bucket_secs: i64, buckets: usize) -> Vec<u64> {
    let mut out = vec![0; buckets.max(1)];
    let last = out.len() - 1;
    for &v in values {
        let i = usize::try_from(v.max(0) / bucket_secs.max(1)).unwrap_or(usize::MAX);
        out[i.min(last)] += 1;
    }
    out
}

/// Share in percent (0 when the total is zero).
pub fn percent(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn median_and_p90_nearest_rank() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(median(&v), Some(5));
        assert_eq!(percentile(&v, 90.0), Some(9));
        assert_eq!(percentile(&v, 100.0), Some(10));
        assert_eq!(percentile(&v, 0.0), Some(1));
        assert_eq!(median(&[7, 9, 30]), Some(9));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn hour_buckets_fill_gaps_and_drop_outsiders() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 10, 30, 0).unwrap();
        let h = now.timestamp() / 3600;
        let counts = [
            (h, HourSlot::Approved, 3),
            (h, HourSlot::Rejected, 1),
            (h - 2, HourSlot::Escalated, 2),
            (h - 3, HourSlot::Approved, 50), // outside a 3-hour range
            (h + 1, HourSlot::Approved, 50), // in the future
        ];
        let b = hour_buckets(now, 3, &counts);
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0].start,
            Utc.with_ymd_and_hms(2026, 11, 28, 8, 0, 0).unwrap()
        );
        assert_eq!((b[0].escalated, b[0].total()), (2, 2));
        assert_eq!(b[1].total(), 0);
        assert_eq!((b[2].approved, b[2].rejected), (3, 1));
    }

    #[test]
    fn histogram_clamps_both_ends() {
        let h = histogram(&[-5, 0, 3599, 3600, 7200, 99_999], 3600, 3);
        assert_eq!(h, vec![3, 1, 2]);
        assert_eq!(histogram(&[], 3600, 0), vec![0]);
    }

    #[test]
    fn percent_of_nothing_is_zero() {
        assert!((percent(1, 4) - 25.0).abs() < 1e-9);
        assert!(percent(3, 0).abs() < 1e-9);
    }
}
