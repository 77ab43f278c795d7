//! The names of the deadline board's lists.

use serde::Serialize;

/// The lists of the deadline board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardList {
    /// Awaiting review past the review due time: the studio's breach.
    ReviewsOverdue,
    /// Awaiting review, due within the next hours.
    ReviewsDueSoon,
    /// Rejected; the student still has time to upload again.
    AwaitingResubmission,
    /// Rejected past the resubmission time, or already `collection_failed`: call the student.
    CollectionFailed,
    /// Rejected at least the campaign's threshold times and not approved.
    RepeatRejections,
    /// A reviewer asked a supervisor to settle the case.
    Escalated,
    /// A photo was printed and the case is no longer approved with it (reopened, decided
    /// again, or a newer photo approved): the print must be withdrawn from its envelope.
    PrintWithdrawn,
}

impl BoardList {
    pub const ALL: [Self; 7] = [
        Self::ReviewsOverdue,
        Self::ReviewsDueSoon,
        Self::AwaitingResubmission,
        Self::CollectionFailed,
        Self::RepeatRejections,
        Self::Escalated,
        Self::PrintWithdrawn,
    ];

    /// Stable name for the command line and CSV files (`reviews_overdue`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::ReviewsOverdue => "reviews_overdue",
            Self::ReviewsDueSoon => "reviews_due_soon",
            Self::AwaitingResubmission => "awaiting_resubmission",
            Self::CollectionFailed => "collection_failed",
            Self::RepeatRejections => "repeat_rejections",
            Self::Escalated => "escalated",
            Self::PrintWithdrawn => "print_withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}
