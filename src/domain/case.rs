//! A case (one student in one campaign) and its state machine with the 48-hour clocks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::campaign::CampaignRules;
use super::lang::Lang;
use crate::i18n::{Localized, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 待审核: uploaded, waiting for the studio.
    PendingReview,
    /// 待主管复核: a reviewer was unsure; a supervisor decides.
    Escalated,
    /// 审核通过
    Approved,
    /// 审核不通过: the student has until the resubmission due time to upload again.
    Rejected,
    /// 采集不成功: rejected and no new photo in time.
    CollectionFailed,
}

impl CaseState {
    pub const ALL: [Self; 5] = [
        Self::PendingReview,
        Self::Escalated,
        Self::Approved,
        Self::Rejected,
        Self::CollectionFailed,
    ];

    /// Stable code shared with other tools (`pending_review`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::PendingReview => "pending_review",
            Self::Escalated => "escalated",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::CollectionFailed => "collection_failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::label(lang, self.label_id())
    }

    /// The catalogue id of [`Self::label`] (`state-label-<code>`), for messages that name a
    /// state and are rendered later.
    pub fn label_id(self) -> &'static str {
        crate::i18n::known_id(&format!("state-label-{}", self.code().replace('_', "-")))
            .unwrap_or("message-unknown")
    }

    /// States in which a photo waits for a studio decision.
    pub fn awaits_review(self) -> bool {
        matches!(self, Self::PendingReview | Self::Escalated)
    }
}

/// What a reviewer or supervisor decides about the current submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Approve,
    Reject,
    Escalate,
}

impl DecisionKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Escalate => "escalate",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Approve, Self::Reject, Self::Escalate]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    NotAllowed {
        /// What was tried: a decision code, or `undo`, `reopen`, `extend`, `reassign`, `makeup`.
        action: &'static str,
        from: CaseState,
    },
    DueNotInFuture {
        due: DateTime<Utc>,
    },
    DueNotLater {
        current: DateTime<Utc>,
    },
}

impl Localized for TransitionError {
    fn msg(&self) -> Msg {
        let utc = |t: &DateTime<Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
        match self {
            Self::NotAllowed { action, from } => Msg::new("transition-not-allowed")
                .arg("action", *action)
                .arg("state", Msg::new("case-state").arg("state", from.code())),
            Self::DueNotInFuture { due } => {
                Msg::new("transition-due-not-future").arg("due", utc(due))
            }
            Self::DueNotLater { current } => {
                Msg::new("transition-due-not-later").arg("current", utc(current))
            }
        }
    }
}

crate::english_display!(TransitionError);

/// Which photo a reopened case puts back into review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReopenPhoto {
    /// The photo that was decided.
    Current,
    /// A photo recorded after the decision (too late, or after approval): it becomes a new attempt.
    Newer,
}

/// What happened to an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadOutcome {
    /// First photo of the case.
    FirstAttempt,
    /// A new attempt after a rejection, in time.
    Resubmission,
    /// Replaces a photo that was not reviewed yet.
    ReplacesPending,
    /// Arrived after the resubmission due time: recorded, the collection has failed.
    TooLate,
    /// The case is already approved: recorded, nothing changes.
    AfterApproval,
}

impl UploadOutcome {
    /// Whether the upload becomes the submission under review.
    pub fn starts_attempt(self) -> bool {
        matches!(
            self,
            Self::FirstAttempt | Self::Resubmission | Self::ReplacesPending
        )
    }
}

/// The clock-relevant state of a case: everything the rules need, nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStatus {
    pub state: CaseState,
    /// Attempts started so far (1 for the first photo).
    pub attempts: u32,
    /// Rejections so far.
    pub rejections: u32,
    /// When the current submission must be reviewed by (studio SLA).
    pub review_due: Option<DateTime<Utc>>,
    /// When a rejected student must upload again by.
    pub resubmission_due: Option<DateTime<Utc>>,
}

impl CaseStatus {
    /// A new case created by the student's first upload.
    pub fn first_upload(at: DateTime<Utc>, rules: &CampaignRules) -> Self {
        Self {
            state: CaseState::PendingReview,
            attempts: 1,
            rejections: 0,
            review_due: Some(at + chrono::Duration::hours(rules.review_hours)),
            resubmission_due: None,
        }
    }

    /// Applies a review decision made at `now`.
    pub fn decide(
        self,
        kind: DecisionKind,
        now: DateTime<Utc>,
        rules: &CampaignRules,
    ) -> Result<Self, TransitionError> {
        let allowed = match kind {
            DecisionKind::Escalate => self.state == CaseState::PendingReview,
            DecisionKind::Approve | DecisionKind::Reject => self.state.awaits_review(),
        };
        if !allowed {
            return Err(TransitionError::NotAllowed {
                action: kind.code(),
                from: self.state,
            });
        }
        Ok(match kind {
            DecisionKind::Approve => Self {
                state: CaseState::Approved,
                ..self
            },
            DecisionKind::Escalate => Self {
                state: CaseState::Escalated,
                ..self
            },
            DecisionKind::Reject => Self {
                state: CaseState::Rejected,
                rejections: self.rejections + 1,
                resubmission_due: Some(now + chrono::Duration::hours(rules.resubmit_hours)),
                ..self
            },
        })
    }

    /// Applies a new upload received at `at`. Every upload is recorded; the outcome says
    /// whether it starts a new attempt.
    pub fn upload(self, at: DateTime<Utc>, rules: &CampaignRules) -> (Self, UploadOutcome) {
        let restart = |s: Self, attempts| Self {
            state: CaseState::PendingReview,
            attempts,
            review_due: Some(at + chrono::Duration::hours(rules.review_hours)),
            resubmission_due: None,
            ..s
        };
        match self.state {
            CaseState::PendingReview | CaseState::Escalated => (
                restart(self, self.attempts + 1),
                UploadOutcome::ReplacesPending,
            ),
            CaseState::Rejected if !self.resubmission_overdue(at) => (
                restart(self, self.attempts + 1),
                UploadOutcome::Resubmission,
            ),
            CaseState::Rejected | CaseState::CollectionFailed => (
                Self {
                    state: CaseState::CollectionFailed,
                    ..self
                },
                UploadOutcome::TooLate,
            ),
            CaseState::Approved => (self, UploadOutcome::AfterApproval),
        }
    }

    /// Takes back a decision of `kind` that moved the case out of `from`: the status the case
    /// had before it. Refused unless the case is still where that decision left it.
    pub fn undo(self, kind: DecisionKind, from: CaseState) -> Result<Self, TransitionError> {
        let left_in = match kind {
            DecisionKind::Approve => CaseState::Approved,
            DecisionKind::Reject => CaseState::Rejected,
            DecisionKind::Escalate => CaseState::Escalated,
        };
        if self.state != left_in || !from.awaits_review() {
            return Err(TransitionError::NotAllowed {
                action: "undo",
                from: self.state,
            });
        }
        Ok(match kind {
            DecisionKind::Reject => Self {
                state: from,
                rejections: self.rejections.saturating_sub(1),
                resubmission_due: None,
                ..self
            },
            DecisionKind::Approve | DecisionKind::Escalate => Self {
                state: from,
                ..self
            },
        })
    }

    /// The clock sweep: a rejected case whose resubmission time has passed fails.
    /// Returns `None` when nothing changes, so running it twice is harmless.
    pub fn sweep(self, now: DateTime<Utc>) -> Option<Self> {
        (self.state == CaseState::Rejected && self.resubmission_overdue(now)).then_some(Self {
            state: CaseState::CollectionFailed,
            ..self
        })
    }

    /// A supervisor reopens a settled case: `photo` goes back to review with a fresh clock.
    pub fn reopen(
        self,
        now: DateTime<Utc>,
        rules: &CampaignRules,
        photo: ReopenPhoto,
    ) -> Result<Self, TransitionError> {
        if self.state.awaits_review() {
            return Err(TransitionError::NotAllowed {
                action: "reopen",
                from: self.state,
            });
        }
        Ok(Self {
            state: CaseState::PendingReview,
            attempts: match photo {
                ReopenPhoto::Current => self.attempts,
                ReopenPhoto::Newer => self.attempts + 1,
            },
            review_due: Some(now + chrono::Duration::hours(rules.review_hours)),
            resubmission_due: None,
            ..self
        })
    }

    /// A supervisor's extension: a rejected student gets until `new_due` to upload again, and a
    /// failed collection becomes a rejection waiting for that new due time. An extension only
    /// ever moves the due time later, and never into the past.
    pub fn extend(
        self,
        new_due: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Self, TransitionError> {
        if !matches!(
            self.state,
            CaseState::Rejected | CaseState::CollectionFailed
        ) {
            return Err(TransitionError::NotAllowed {
                action: "extend",
                from: self.state,
            });
        }
        if new_due <= now {
            return Err(TransitionError::DueNotInFuture { due: new_due });
        }
        if let Some(current) = self.resubmission_due.filter(|due| new_due <= *due) {
            return Err(TransitionError::DueNotLater { current });
        }
        Ok(Self {
            state: CaseState::Rejected,
            resubmission_due: Some(new_due),
            ..self
        })
    }

    /// The studio missed its review promise: strictly later than the due time.
    pub fn review_overdue(&self, now: DateTime<Utc>) -> bool {
        self.state.awaits_review() && self.review_due.is_some_and(|due| now > due)
    }

    /// The student missed the resubmission time (an upload exactly at the due time is in time).
    pub fn resubmission_overdue(&self, now: DateTime<Utc>) -> bool {
        self.state == CaseState::Rejected && self.resubmission_due.is_some_and(|due| now > due)
    }

    /// Rejected often enough to be flagged for supervisors. A case never rejected is never
    /// flagged, whatever the threshold (a threshold of 0 means "from the first rejection").
    pub fn repeatedly_rejected(&self, rules: &CampaignRules) -> bool {
        self.rejections > 0 && self.rejections >= rules.repeat_rejection_threshold
    }

    /// On the board's "repeat rejections" list: flagged, and not settled by an approval.
    pub fn on_repeat_rejection_list(&self, rules: &CampaignRules) -> bool {
        self.state != CaseState::Approved && self.repeatedly_rejected(rules)
    }
}

#[cfg(test)]
mod tests;
