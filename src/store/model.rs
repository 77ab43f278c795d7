//! Plain read models returned by the store.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::campaign::FeeClass;
use crate::domain::case::{CaseState, DecisionKind};
use crate::domain::reasons::ReasonCode;

/// Database id of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CampaignId(pub i64);

/// Number of cases in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateCounts {
    pub pending_review: u64,
    pub escalated: u64,
    pub approved: u64,
    pub rejected: u64,
    pub collection_failed: u64,
}

impl StateCounts {
    pub fn get(&self, state: CaseState) -> u64 {
        match state {
            CaseState::PendingReview => self.pending_review,
            CaseState::Escalated => self.escalated,
            CaseState::Approved => self.approved,
            CaseState::Rejected => self.rejected,
            CaseState::CollectionFailed => self.collection_failed,
        }
    }

    pub(super) fn slot(&mut self, state: CaseState) -> &mut u64 {
        match state {
            CaseState::PendingReview => &mut self.pending_review,
            CaseState::Escalated => &mut self.escalated,
            CaseState::Approved => &mut self.approved,
            CaseState::Rejected => &mut self.rejected,
            CaseState::CollectionFailed => &mut self.collection_failed,
        }
    }

    pub fn total(&self) -> u64 {
        CaseState::ALL.iter().map(|s| self.get(*s)).sum()
    }
}

/// One row of the review queue: a case awaiting a decision and its current submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    pub submission_id: i64,
    pub case_id: i64,
    pub state: CaseState,
    pub student: String,
    pub id_number: String,
    pub school: Option<String>,
    pub attempt: u32,
    pub review_due: DateTime<Utc>,
    pub photo_sha256: String,
    /// Worst verdict of the photo's automatic checks that could decide; `None` before they ran.
    pub worst: Option<crate::checks::result::Verdict>,
    /// Reviewer holding an open claim on the case (this desk or another), if any.
    pub claimed_by: Option<String>,
}

/// Counts and the most urgent items, for `queue` and the status bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueSummary {
    pub counts: StateCounts,
    pub overdue_reviews: u64,
    pub overdue_resubmissions: u64,
    pub next: Vec<QueueItem>,
}

/// Everything the review screen shows about one submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubmissionDetail {
    pub submission_id: i64,
    pub case_id: i64,
    pub campaign: String,
    pub timezone: String,
    pub state: CaseState,
    pub is_current: bool,
    pub attempt: Option<u32>,
    pub attempts: u32,
    pub rejections: u32,
    pub student: crate::domain::student::Student,
    pub submitted_at: DateTime<Utc>,
    pub fee_class: FeeClass,
    pub review_due: Option<DateTime<Utc>>,
    pub resubmission_due: Option<DateTime<Utc>>,
    pub photo_sha256: String,
    pub original_name: String,
    /// Decisions on this case, oldest first.
    pub history: Vec<PastDecision>,
    /// Photos the student uploaded before this one, newest first.
    pub earlier: Vec<EarlierPhoto>,
}

/// A photo uploaded earlier on the same case (for side-by-side comparison).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierPhoto {
    pub submission_id: i64,
    /// `None` for an upload that was only recorded (too late, after approval).
    pub attempt: Option<u32>,
    pub photo_sha256: String,
    pub submitted_at: DateTime<Utc>,
}

/// A decision already taken on a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PastDecision {
    pub submission_id: i64,
    pub kind: DecisionKind,
    pub reviewer: String,
    pub decided_at: DateTime<Utc>,
    pub reasons: Vec<ReasonCode>,
    pub note: Option<String>,
}
