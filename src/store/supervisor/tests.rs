use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::campaign::Campaign;
use crate::domain::case::{CaseStatus, DecisionKind, UploadOutcome};
use crate::domain::id_number::{IdNumber, check_char};
use crate::domain::reasons::ReasonCode;
use crate::domain::role::Role;
use crate::domain::student::Student;
use crate::store::{DecisionRequest, NewUser, UploadRequest};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 3, 25, 2, 0, 0).unwrap()
}

fn h(n: i64) -> DateTime<Utc> {
    t0() + Duration::hours(n)
}

fn id(n: u32) -> String {
    let body = format!("110105199901{:02}{:03}", n % 28 + 1, n);
    format!("{body}{}", check_char(body.as_bytes()))
}

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    campaign: CampaignId,
    boss: Actor,
    li: Actor,
}

/// A campaign of three students, the supervisor `boss` and the reviewer `lijing`.
fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(dir.path().join("s.db")).unwrap();
    let mut add = |by: Option<&Actor>, name: &str, role| {
        let u = NewUser {
            name,
            display_name: "",
            role,
            password: "password",
        };
        store.add_user(by, &u, t0()).unwrap().actor()
    };
    let boss = add(None, "boss", Role::Supervisor);
    let li = add(Some(&boss), "lijing", Role::Reviewer);
    let campaign = store
        .create_campaign(&boss, &Campaign::seed("c", "school"), t0())
        .unwrap();
    let roster: Vec<Student> = (0..3)
        .map(|n| Student::mainland(&format!("学生{n}"), &IdNumber::parse(&id(n)).unwrap()))
        .collect();
    store
        .insert_students(&boss, campaign, &roster, "test", t0())
        .unwrap();
    Desk {
        _dir: dir,
        store,
        campaign,
        boss,
        li,
    }
}

impl Desk {
    fn upload(&mut self, n: u32, at: DateTime<Utc>) -> crate::store::UploadReceipt {
        let id = id(n);
        let bytes = format!("photo of {n} at {at}");
        let req = UploadRequest {
            campaign: self.campaign,
            id_number: &id,
            bytes: bytes.as_bytes(),
            original_name: "x.jpg",
            submitted_at: at,
            actor: &self.boss,
        };
        self.store.record_upload(&req, at).unwrap()
    }

    fn decide(&mut self, by: &Actor, sub: i64, kind: DecisionKind, at: DateTime<Utc>) {
        self.try_decide(by, sub, kind, at).unwrap();
    }

    fn try_decide(
        &mut self,
        by: &Actor,
        sub: i64,
        kind: DecisionKind,
        at: DateTime<Utc>,
    ) -> StoreResult<crate::store::DecisionReceipt> {
        let reasons = if kind == DecisionKind::Reject {
            vec![ReasonCode::Blurry]
        } else {
            vec![]
        };
        let req = DecisionRequest {
            submission_id: sub,
            actor: by.clone(),
            kind,
            reasons,
            note: None,
        };
        self.store.decide(&req, at)
    }

    /// Case of student `n`, rejected at `t0` (resubmission due at `h(48)`).
    fn rejected(&mut self, n: u32) -> i64 {
        let up = self.upload(n, t0());
        let li = self.li.clone();
        self.decide(&li, up.submission_id, DecisionKind::Reject, t0());
        up.case_id
    }

    fn state(&self, case_id: i64) -> CaseStatus {
        load_case(&self.store.conn, "id = ?1", case_id)
            .unwrap()
            .unwrap()
            .status
    }

    fn audit_len(&self) -> usize {
        self.store.audit_tail(10_000).unwrap().len()
    }
}

#[test]
fn reviewers_are_refused_every_supervisor_action_and_nothing_changes() {
    let mut d = desk();
    let li = d.li.clone();
    let failed = d.rejected(0);
    d.store.sweep(h(49), &d.boss).unwrap();
    let escalated = d.upload(1, h(1));
    d.decide(&li, escalated.submission_id, DecisionKind::Escalate, h(2));
    let (failed_before, escalated_before) = (d.state(failed), d.state(escalated.case_id));
    let audit_before = d.audit_len();
    let now = h(50);
    let refusals = [
        d.store
            .grant_extension(&li, failed, h(80), "ill", now)
            .unwrap_err(),
        d.store
            .reopen_case(&li, failed, "mistake", now)
            .unwrap_err(),
        d.store
            .reassign(&li, escalated.case_id, "lijing", now)
            .unwrap_err(),
        d.store
            .record_makeup_shoot(&li, failed, h(70), None, now)
            .unwrap_err(),
        d.try_decide(&li, escalated.submission_id, DecisionKind::Approve, now)
            .unwrap_err(),
        d.try_decide(&li, escalated.submission_id, DecisionKind::Reject, now)
            .unwrap_err(),
    ];
    for err in &refusals {
        assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
        assert!(err.to_string().starts_with("lijing may not"), "{err}");
    }
    assert_eq!(d.state(failed), failed_before);
    assert_eq!(d.state(escalated.case_id), escalated_before);
    assert_eq!(d.audit_len(), audit_before, "no audit entry for a refusal");
    assert!(d.store.extensions(failed).unwrap().is_empty());
    assert!(d.store.makeup_shoots(failed).unwrap().is_empty());
    assert_eq!(d.store.case_assignee(escalated.case_id).unwrap(), None);
    // The supervisor settles the escalated case.
    let boss = d.boss.clone();
    d.decide(&boss, escalated.submission_id, DecisionKind::Approve, now);
    assert_eq!(d.state(escalated.case_id).state, CaseState::Approved);
}

#[test]
fn extension_moves_the_due_time_and_the_sweep_follows_it() {
    let mut d = desk();
    let boss = d.boss.clone();
    let case = d.rejected(0);
    // Before the due time the sweep leaves the case alone.
    assert_eq!(d.store.sweep(h(47), &d.boss).unwrap(), 0);
    assert_eq!(d.state(case).state, CaseState::Rejected);
    let change = d
        .store
        .grant_extension(&boss, case, h(72), "student in hospital", h(40))
        .unwrap();
    assert_eq!(
        (change.from, change.to, change.resubmission_due),
        (CaseState::Rejected, CaseState::Rejected, Some(h(72)))
    );
    // Past the old due time, inside the new one: still rejected.
    assert_eq!(d.store.sweep(h(60), &d.boss).unwrap(), 0);
    assert_eq!(d.state(case).state, CaseState::Rejected);
    // An upload after the old due time but before the new one starts attempt 2.
    let up = d.upload(0, h(70));
    assert_eq!(
        (up.outcome, up.attempt),
        (UploadOutcome::Resubmission, Some(2))
    );
    assert_eq!(d.state(case).state, CaseState::PendingReview);
    let ext = d.store.extensions(case).unwrap();
    assert_eq!(ext.len(), 1);
    assert_eq!(
        (ext[0].granted_by.as_str(), ext[0].old_due, ext[0].new_due),
        ("boss", Some(h(48)), h(72))
    );
    let audit = d.store.audit_for_case(case).unwrap();
    let entry = audit.iter().find(|a| a.action == "case.extension").unwrap();
    assert_eq!(entry.actor, "boss");
    assert_eq!(entry.at, h(40));
    assert_eq!(entry.detail["reason"], "student in hospital");
}

#[test]
fn without_an_upload_the_sweep_fails_the_case_after_the_new_due_time_once() {
    let mut d = desk();
    let boss = d.boss.clone();
    let case = d.rejected(0);
    d.store
        .grant_extension(&boss, case, h(72), "courier strike", h(10))
        .unwrap();
    assert_eq!(d.store.sweep(h(72), &d.boss).unwrap(), 0);
    assert_eq!(
        d.store
            .sweep(h(72) + Duration::seconds(1), &d.boss)
            .unwrap(),
        1
    );
    assert_eq!(d.store.sweep(h(90), &d.boss).unwrap(), 0, "idempotent");
    assert_eq!(d.state(case).state, CaseState::CollectionFailed);
    let failures = d
        .store
        .audit_for_case(case)
        .unwrap()
        .into_iter()
        .filter(|a| a.action == "case.collection_failed")
        .count();
    assert_eq!(failures, 1);
}

#[test]
fn extension_revives_a_failed_collection_and_the_next_upload_is_attempt_two() {
    let mut d = desk();
    let boss = d.boss.clone();
    let case = d.rejected(0);
    assert_eq!(d.store.sweep(h(49), &d.boss).unwrap(), 1);
    let change = d
        .store
        .grant_extension(&boss, case, h(100), "school asked", h(80))
        .unwrap();
    assert_eq!(
        (change.from, change.to),
        (CaseState::CollectionFailed, CaseState::Rejected)
    );
    assert_eq!(d.store.sweep(h(90), &d.boss).unwrap(), 0);
    let up = d.upload(0, h(95));
    assert_eq!(
        (up.outcome, up.attempt),
        (UploadOutcome::Resubmission, Some(2))
    );
}

#[test]
fn an_extension_needs_a_reason_and_a_later_future_due_time() {
    let mut d = desk();
    let boss = d.boss.clone();
    let case = d.rejected(0);
    let before = (d.state(case), d.audit_len());
    let errors = [
        d.store
            .grant_extension(&boss, case, h(72), "  ", h(1))
            .unwrap_err(),
        d.store
            .grant_extension(&boss, case, h(1), "why", h(2))
            .unwrap_err(),
        d.store
            .grant_extension(&boss, case, h(30), "why", h(2))
            .unwrap_err(),
        d.store
            .grant_extension(&boss, 999, h(72), "why", h(2))
            .unwrap_err(),
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(messages[0].contains("needs a reason"), "{messages:?}");
    assert!(messages[1].contains("not in the future"), "{messages:?}");
    assert!(messages[2].contains("later than"), "{messages:?}");
    assert!(messages[3].contains("no case with id 999"), "{messages:?}");
    assert_eq!((d.state(case), d.audit_len()), before);
    // Nothing to extend on a case awaiting review.
    let pending = d.upload(1, h(1)).case_id;
    assert!(
        d.store
            .grant_extension(&boss, pending, h(72), "why", h(2))
            .is_err()
    );
}

#[test]
fn reopen_reviews_the_decided_photo_again_or_a_newer_one() {
    let mut d = desk();
    let (boss, li) = (d.boss.clone(), d.li.clone());
    // An approval reopened: the same photo goes back to review with a fresh clock.
    let up = d.upload(0, t0());
    d.decide(&li, up.submission_id, DecisionKind::Approve, h(1));
    let change = d
        .store
        .reopen_case(&boss, up.case_id, "wrong person", h(5))
        .unwrap();
    assert_eq!(
        (change.to, change.submission_id, change.review_due),
        (
            CaseState::PendingReview,
            Some(up.submission_id),
            Some(h(53))
        )
    );
    d.decide(&li, up.submission_id, DecisionKind::Reject, h(6));

    // A failed collection with a late photo: the late photo becomes attempt 2.
    let case = d.rejected(1);
    let late = d.upload(1, h(50));
    assert_eq!((late.outcome, late.attempt), (UploadOutcome::TooLate, None));
    let change = d
        .store
        .reopen_case(&boss, case, "courier delay", h(51))
        .unwrap();
    assert_eq!(change.submission_id, Some(late.submission_id));
    let detail = d.store.submission_detail(late.submission_id).unwrap();
    assert_eq!(
        (detail.state, detail.is_current, detail.attempt),
        (CaseState::PendingReview, true, Some(2))
    );
    d.decide(&li, late.submission_id, DecisionKind::Approve, h(52));
    let audit = d.store.audit_for_case(case).unwrap();
    let reopen = audit.iter().find(|a| a.action == "case.reopen").unwrap();
    assert_eq!(
        (reopen.actor.as_str(), &reopen.detail["reason"]),
        ("boss", &serde_json::json!("courier delay"))
    );
    // A case awaiting review is not settled: nothing to reopen; a reason is required.
    let pending = d.upload(2, h(1)).case_id;
    assert!(d.store.reopen_case(&boss, pending, "why", h(2)).is_err());
    assert!(matches!(
        d.store.reopen_case(&boss, case, "", h(60)),
        Err(StoreError::MissingReason(_))
    ));
}

#[test]
fn reassign_hands_a_waiting_case_to_an_enabled_account() {
    let mut d = desk();
    let (boss, li) = (d.boss.clone(), d.li.clone());
    let up = d.upload(0, t0());
    d.decide(&li, up.submission_id, DecisionKind::Escalate, h(1));
    d.store.reassign(&boss, up.case_id, "boss", h(2)).unwrap();
    assert_eq!(
        d.store.case_assignee(up.case_id).unwrap().as_deref(),
        Some("boss")
    );
    d.store.reassign(&boss, up.case_id, "LIJING", h(3)).unwrap();
    assert_eq!(
        d.store.case_assignee(up.case_id).unwrap().as_deref(),
        Some("lijing")
    );
    let last = d.store.audit_for_case(up.case_id).unwrap().pop().unwrap();
    assert_eq!(last.action, "case.reassign");
    assert_eq!(last.detail["from_user"], "boss");
    assert_eq!(last.detail["to_user"], "lijing");

    assert!(matches!(
        d.store.reassign(&boss, up.case_id, "ghost", h(4)),
        Err(StoreError::UnknownUser(_))
    ));
    d.store.disable_user(&boss, "lijing", h(4)).unwrap();
    d.store.reassign(&boss, up.case_id, "boss", h(4)).unwrap();
    assert!(matches!(
        d.store.reassign(&boss, up.case_id, "lijing", h(5)),
        Err(StoreError::AccountDisabled(_))
    ));
    d.decide(&boss, up.submission_id, DecisionKind::Approve, h(6));
    assert!(d.store.reassign(&boss, up.case_id, "boss", h(7)).is_err());
}

#[test]
fn makeup_shoots_are_recorded_for_failed_collections_only() {
    let mut d = desk();
    let boss = d.boss.clone();
    let case = d.rejected(0);
    let err = d
        .store
        .record_makeup_shoot(&boss, case, h(100), None, h(10))
        .unwrap_err();
    assert!(err.to_string().contains("rejected"), "{err}");
    d.store.sweep(h(49), &d.boss).unwrap();
    d.store
        .record_makeup_shoot(&boss, case, h(100), Some(" 已缴费 "), h(60))
        .unwrap();
    let shoots = d.store.makeup_shoots(case).unwrap();
    assert_eq!(shoots.len(), 1);
    assert_eq!(
        (
            shoots[0].booked_for,
            shoots[0].note.as_deref(),
            shoots[0].recorded_by.as_str()
        ),
        (h(100), Some("已缴费"), "boss")
    );
    assert_eq!(d.state(case).state, CaseState::CollectionFailed);
    let last = d.store.audit_for_case(case).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.at),
        ("case.makeup_shoot", h(60))
    );
}

#[test]
fn cases_are_found_by_id_number() {
    let mut d = desk();
    let case = d.upload(0, t0()).case_id;
    assert_eq!(d.store.case_id_for(&id(0)).unwrap(), case);
    assert!(matches!(
        d.store.case_id_for(&id(1)),
        Err(StoreError::UnknownCaseFor(_))
    ));
}
