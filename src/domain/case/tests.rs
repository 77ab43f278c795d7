use chrono::{Duration, TimeZone};

use super::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 3, 25, 2, 0, 0).unwrap()
}

fn rules() -> CampaignRules {
    CampaignRules::default()
}

fn pending() -> CaseStatus {
    CaseStatus::first_upload(t0(), &rules())
}

fn rejected_at(at: DateTime<Utc>) -> CaseStatus {
    pending()
        .decide(DecisionKind::Reject, at, &rules())
        .unwrap()
}

#[test]
fn first_upload_is_pending_with_review_due_in_48h() {
    let c = pending();
    assert_eq!(c.state, CaseState::PendingReview);
    assert_eq!(c.attempts, 1);
    assert_eq!(c.review_due, Some(t0() + Duration::hours(48)));
}

#[test]
fn review_overdue_starts_one_second_after_48h() {
    let c = pending();
    assert!(!c.review_overdue(t0() + Duration::hours(48)));
    assert!(c.review_overdue(t0() + Duration::hours(48) + Duration::seconds(1)));
}

#[test]
fn escalated_cases_keep_their_review_clock() {
    let c = pending()
        .decide(DecisionKind::Escalate, t0(), &rules())
        .unwrap();
    assert_eq!(c.state, CaseState::Escalated);
    assert!(c.review_overdue(t0() + Duration::hours(49)));
}

#[test]
fn decided_cases_are_never_review_overdue() {
    let c = pending()
        .decide(DecisionKind::Approve, t0(), &rules())
        .unwrap();
    assert!(!c.review_overdue(t0() + Duration::days(30)));
}

#[test]
fn reject_sets_the_resubmission_clock_from_the_review_time() {
    let reviewed = t0() + Duration::hours(5);
    let c = rejected_at(reviewed);
    assert_eq!(c.state, CaseState::Rejected);
    assert_eq!(c.rejections, 1);
    assert_eq!(c.resubmission_due, Some(reviewed + Duration::hours(48)));
}

#[test]
fn upload_exactly_at_the_resubmission_due_time_is_in_time() {
    let c = rejected_at(t0());
    let (next, outcome) = c.upload(t0() + Duration::hours(48), &rules());
    assert_eq!(outcome, UploadOutcome::Resubmission);
    assert_eq!(next.state, CaseState::PendingReview);
    assert_eq!(next.attempts, 2);
    assert_eq!(next.review_due, Some(t0() + Duration::hours(96)));
    assert_eq!(next.resubmission_due, None);
}

#[test]
fn upload_one_second_late_is_recorded_but_the_collection_fails() {
    let c = rejected_at(t0());
    let (next, outcome) = c.upload(t0() + Duration::hours(48) + Duration::seconds(1), &rules());
    assert_eq!(outcome, UploadOutcome::TooLate);
    assert!(!outcome.starts_attempt());
    assert_eq!(next.state, CaseState::CollectionFailed);
    assert_eq!(next.attempts, 1);
}

#[test]
fn sweep_fails_only_after_the_due_time_and_is_idempotent() {
    let c = rejected_at(t0());
    assert_eq!(c.sweep(t0() + Duration::hours(48)), None);
    let failed = c
        .sweep(t0() + Duration::hours(48) + Duration::seconds(1))
        .unwrap();
    assert_eq!(failed.state, CaseState::CollectionFailed);
    assert_eq!(failed.sweep(t0() + Duration::days(9)), None);
}

#[test]
fn uploads_after_failure_or_approval_change_nothing() {
    let failed = rejected_at(t0()).sweep(t0() + Duration::days(3)).unwrap();
    let (after, outcome) = failed.upload(t0() + Duration::days(4), &rules());
    assert_eq!((after, outcome), (failed, UploadOutcome::TooLate));

    let approved = pending()
        .decide(DecisionKind::Approve, t0(), &rules())
        .unwrap();
    let (after, outcome) = approved.upload(t0() + Duration::hours(1), &rules());
    assert_eq!((after, outcome), (approved, UploadOutcome::AfterApproval));
}

#[test]
fn a_new_photo_before_review_replaces_the_pending_one() {
    let (next, outcome) = pending().upload(t0() + Duration::hours(2), &rules());
    assert_eq!(outcome, UploadOutcome::ReplacesPending);
    assert_eq!(next.attempts, 2);
    assert_eq!(next.review_due, Some(t0() + Duration::hours(50)));
}

#[test]
fn illegal_transitions_are_errors() {
    let approved = pending()
        .decide(DecisionKind::Approve, t0(), &rules())
        .unwrap();
    for kind in [
        DecisionKind::Approve,
        DecisionKind::Reject,
        DecisionKind::Escalate,
    ] {
        assert!(approved.decide(kind, t0(), &rules()).is_err());
        assert!(rejected_at(t0()).decide(kind, t0(), &rules()).is_err());
    }
    let escalated = pending()
        .decide(DecisionKind::Escalate, t0(), &rules())
        .unwrap();
    assert_eq!(
        escalated.decide(DecisionKind::Escalate, t0(), &rules()),
        Err(TransitionError::NotAllowed {
            action: "escalate",
            from: CaseState::Escalated
        })
    );
    assert!(
        pending()
            .reopen(t0(), &rules(), ReopenPhoto::Current)
            .is_err()
    );
}

#[test]
fn supervisors_settle_escalated_cases() {
    let escalated = pending()
        .decide(DecisionKind::Escalate, t0(), &rules())
        .unwrap();
    assert_eq!(
        escalated
            .decide(DecisionKind::Approve, t0(), &rules())
            .unwrap()
            .state,
        CaseState::Approved
    );
    assert_eq!(
        escalated
            .decide(DecisionKind::Reject, t0(), &rules())
            .unwrap()
            .state,
        CaseState::Rejected
    );
}

#[test]
fn reopen_puts_a_failed_case_back_into_review() {
    let failed = rejected_at(t0()).sweep(t0() + Duration::days(3)).unwrap();
    let now = t0() + Duration::days(5);
    let reopened = failed.reopen(now, &rules(), ReopenPhoto::Current).unwrap();
    assert_eq!(reopened.state, CaseState::PendingReview);
    assert_eq!(reopened.review_due, Some(now + Duration::hours(48)));
}

#[test]
fn repeat_rejection_flag_from_the_second_rejection() {
    let once = rejected_at(t0());
    assert!(!once.repeatedly_rejected(&rules()));
    let (again, _) = once.upload(t0() + Duration::hours(1), &rules());
    let twice = again
        .decide(DecisionKind::Reject, t0() + Duration::hours(2), &rules())
        .unwrap();
    assert_eq!(twice.attempts, 2);
    assert!(twice.repeatedly_rejected(&rules()));
}

#[test]
fn state_codes_round_trip() {
    for s in CaseState::ALL {
        assert_eq!(CaseState::from_code(s.code()), Some(s));
    }
    assert_eq!(CaseState::from_code("done"), None);
}

#[test]
fn undo_restores_the_status_before_each_kind_of_decision() {
    let r = rules();
    let now = t0() + chrono::Duration::hours(3);
    for kind in [
        DecisionKind::Approve,
        DecisionKind::Reject,
        DecisionKind::Escalate,
    ] {
        let before = pending();
        let after = before.decide(kind, now, &r).unwrap();
        assert_eq!(after.undo(kind, before.state), Ok(before), "{kind:?}");
    }
    // A supervisor's decision on an escalated case goes back to escalated.
    let escalated = pending().decide(DecisionKind::Escalate, now, &r).unwrap();
    let approved = escalated.decide(DecisionKind::Approve, now, &r).unwrap();
    assert_eq!(
        approved.undo(DecisionKind::Approve, CaseState::Escalated),
        Ok(escalated)
    );
}

#[test]
fn undo_is_refused_once_the_case_has_moved_on() {
    let r = rules();
    let rejected = pending().decide(DecisionKind::Reject, t0(), &r).unwrap();
    let failed = rejected.sweep(t0() + chrono::Duration::hours(49)).unwrap();
    assert!(
        failed
            .undo(DecisionKind::Reject, CaseState::PendingReview)
            .is_err()
    );
    let (resubmitted, _) = rejected.upload(t0() + chrono::Duration::hours(1), &r);
    assert!(
        resubmitted
            .undo(DecisionKind::Reject, CaseState::PendingReview)
            .is_err()
    );
    // A decision never leaves a case pending, so there is nothing to undo there.
    assert!(
        pending()
            .undo(DecisionKind::Approve, CaseState::PendingReview)
            .is_err()
    );
}

#[test]
fn reopen_with_a_newer_photo_starts_the_next_attempt() {
    let failed = rejected_at(t0()).sweep(t0() + Duration::days(3)).unwrap();
    let reopened = failed
        .reopen(t0() + Duration::days(4), &rules(), ReopenPhoto::Newer)
        .unwrap();
    assert_eq!((reopened.attempts, reopened.rejections), (2, 1));
    assert_eq!(reopened.resubmission_due, None);
}

#[test]
fn extension_moves_the_due_time_of_a_rejected_case() {
    let c = rejected_at(t0());
    let new_due = t0() + Duration::hours(72);
    let extended = c.extend(new_due, t0() + Duration::hours(1)).unwrap();
    assert_eq!(extended.state, CaseState::Rejected);
    assert_eq!(extended.resubmission_due, Some(new_due));
    // The sweep and uploads follow the new due time.
    assert_eq!(extended.sweep(t0() + Duration::hours(60)), None);
    let (next, outcome) = extended.upload(t0() + Duration::hours(70), &rules());
    assert_eq!((outcome, next.attempts), (UploadOutcome::Resubmission, 2));
}

#[test]
fn extension_revives_a_failed_collection() {
    let failed = rejected_at(t0()).sweep(t0() + Duration::days(3)).unwrap();
    let now = t0() + Duration::days(4);
    let extended = failed.extend(now + Duration::hours(24), now).unwrap();
    assert_eq!(extended.state, CaseState::Rejected);
    assert!(!extended.resubmission_overdue(now));
}

#[test]
fn extension_refuses_past_or_earlier_due_times_and_open_cases() {
    let c = rejected_at(t0());
    let now = t0() + Duration::hours(1);
    assert_eq!(
        c.extend(now, now),
        Err(TransitionError::DueNotInFuture { due: now })
    );
    assert_eq!(
        c.extend(t0() + Duration::hours(30), now),
        Err(TransitionError::DueNotLater {
            current: t0() + Duration::hours(48)
        })
    );
    assert!(pending().extend(t0() + Duration::days(9), now).is_err());
    let approved = pending()
        .decide(DecisionKind::Approve, t0(), &rules())
        .unwrap();
    assert!(approved.extend(t0() + Duration::days(9), now).is_err());
}
