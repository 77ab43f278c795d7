//! What makes a decision well-formed, before it touches any case.

use super::case::DecisionKind;
use super::reasons::ReasonCode;
use crate::i18n::{Localized, Msg};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionError {
    RejectWithoutReason,
    OtherWithoutNote,
    ApproveWithReasons,
    NoReviewer,
}

impl Localized for DecisionError {
    fn msg(&self) -> Msg {
        Msg::new(match self {
            Self::RejectWithoutReason => "decision-reject-without-reason",
            Self::OtherWithoutNote => "decision-other-without-note",
            Self::ApproveWithReasons => "decision-approve-with-reasons",
            Self::NoReviewer => "decision-no-reviewer",
        })
    }
}

crate::english_display!(DecisionError);

/// Checks the shape of a decision: reasons match the kind, OTHER has its note.
pub fn validate(
    kind: DecisionKind,
    reviewer: &str,
    reasons: &[ReasonCode],
    note: Option<&str>,
) -> Result<(), DecisionError> {
    if reviewer.trim().is_empty() {
        return Err(DecisionError::NoReviewer);
    }
    let has_note = note.is_some_and(|n| !n.trim().is_empty());
    match kind {
        DecisionKind::Reject if reasons.is_empty() => Err(DecisionError::RejectWithoutReason),
        DecisionKind::Approve if !reasons.is_empty() => Err(DecisionError::ApproveWithReasons),
        _ if reasons.iter().any(|r| r.requires_note()) && !has_note => {
            Err(DecisionError::OtherWithoutNote)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reject_needs_a_reason() {
        assert_eq!(
            validate(DecisionKind::Reject, "r", &[], None),
            Err(DecisionError::RejectWithoutReason)
        );
        assert!(validate(DecisionKind::Reject, "r", &[ReasonCode::Blurry], None).is_ok());
    }

    #[test]
    fn other_needs_a_note() {
        let other = [ReasonCode::Other];
        assert_eq!(
            validate(DecisionKind::Reject, "r", &other, Some("  ")),
            Err(DecisionError::OtherWithoutNote)
        );
        assert!(validate(DecisionKind::Reject, "r", &other, Some("请重拍")).is_ok());
    }

    #[test]
    fn approve_has_no_reasons_and_a_reviewer_is_named() {
        assert_eq!(
            validate(DecisionKind::Approve, "r", &[ReasonCode::Blurry], None),
            Err(DecisionError::ApproveWithReasons)
        );
        assert!(validate(DecisionKind::Approve, "r", &[], None).is_ok());
        assert_eq!(
            validate(DecisionKind::Escalate, " ", &[], None),
            Err(DecisionError::NoReviewer)
        );
    }
}
