//! Store support for the review desk: undo, claims for several desks, the queue's verdict and
//! claim columns, earlier photos of a resubmission. Real temporary `SQLite` files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use chrono::{DateTime, Duration, TimeZone, Utc};
use idphoto_review::domain::campaign::Campaign;
use idphoto_review::domain::case::{CaseState, DecisionKind};
use idphoto_review::domain::id_number::IdNumber;
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::role::{Actor, Role};
use idphoto_review::domain::student::Student;
use idphoto_review::store::{
    CLAIM_SECS, CampaignId, DecisionRequest, NewUser, Store, StoreError, UploadRequest,
};

mod common;
use common::db::TestDb;
use common::id;

const PHOTO: &[u8] = include_bytes!("../assets/demo/fr__obama.jpg");
const OTHER_PHOTO: &[u8] = include_bytes!("../assets/demo/hivision__test1.jpg");

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 3, 25, 2, 0, 0).unwrap()
}

struct Desk {
    _dir: TestDb,
    store: Store,
    campaign: CampaignId,
    staff: Vec<Actor>,
}

fn desk(students: u32) -> Desk {
    let dir = TestDb::new();
    let mut store = Store::open_or_create(&dir.location).unwrap();
    // The first account must be a supervisor; the others are reviewers it adds.
    let mut staff: Vec<Actor> = Vec::new();
    for name in ["陈主管", "李静", "王芳", "desk-a", "desk-b"] {
        let role = if staff.is_empty() {
            Role::Supervisor
        } else {
            Role::Reviewer
        };
        let user = NewUser {
            name,
            display_name: "",
            role,
            password: "password",
        };
        let added = store.add_user(staff.first(), &user, t0()).unwrap();
        staff.push(added.actor());
    }
    let campaign = store
        .create_campaign(&staff[0], &Campaign::seed("c", "school"), t0())
        .unwrap();
    let roster: Vec<Student> = (0..students)
        .map(|n| Student::mainland(&format!("学生{n}"), &IdNumber::parse(&id(n)).unwrap()))
        .collect();
    store
        .insert_students(&staff[0], campaign, &roster, "test", t0())
        .unwrap();
    Desk {
        _dir: dir,
        store,
        campaign,
        staff,
    }
}

fn upload(d: &mut Desk, n: u32, bytes: &[u8], at: DateTime<Utc>) -> i64 {
    let id = id(n);
    let req = UploadRequest {
        campaign: d.campaign,
        id_number: &id,
        bytes,
        original_name: "x.jpg",
        submitted_at: at,
        actor: &d.staff[0],
    };
    d.store.record_upload(&req, at).unwrap().submission_id
}

fn decide(
    d: &mut Desk,
    sub: i64,
    who: &str,
    kind: DecisionKind,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let reasons = if kind == DecisionKind::Reject {
        vec![ReasonCode::Blurry, ReasonCode::FaceTooDark]
    } else {
        Vec::new()
    };
    let req = DecisionRequest {
        submission_id: sub,
        actor: d.actor(who),
        kind,
        reasons,
        note: None,
    };
    d.store.decide(&req, at).map(|r| r.decision_id)
}

impl Desk {
    fn actor(&self, name: &str) -> Actor {
        self.staff.iter().find(|a| a.name == name).unwrap().clone()
    }
}

fn state_of(d: &Desk, sub: i64) -> CaseState {
    d.store.submission_detail(sub).unwrap().state
}

both_backends! {
    fn undo_puts_each_kind_of_decision_back_and_is_audited() {
        let mut d = desk(3);
        let at = t0() + Duration::hours(1);
        for (n, kind) in [
            DecisionKind::Approve,
            DecisionKind::Reject,
            DecisionKind::Escalate,
        ]
        .into_iter()
        .enumerate()
        {
            let sub = upload(&mut d, n as u32, PHOTO, t0());
            let decision = decide(&mut d, sub, "李静", kind, at).unwrap();
            let receipt = d
                .store
                .undo_decision(decision, &d.actor("李静"), at)
                .unwrap();
            assert_eq!(receipt.state, CaseState::PendingReview);
            let detail = d.store.submission_detail(sub).unwrap();
            assert_eq!(detail.state, CaseState::PendingReview);
            assert_eq!(detail.rejections, 0, "{kind:?}");
            assert!(detail.resubmission_due.is_none());
            assert!(detail.history.is_empty(), "undone decision still in force");
            let audit = d.store.audit_for_case(detail.case_id).unwrap();
            let last = audit.last().unwrap();
            assert_eq!(last.action, "decision.undo");
            assert_eq!(last.actor, "李静");
            assert_eq!(last.detail["decision_id"], decision);
            // Back in the queue, and decidable again.
            assert!(
                d.store
                    .queue(None)
                    .unwrap()
                    .iter()
                    .any(|q| q.submission_id == sub)
            );
            decide(&mut d, sub, "李静", DecisionKind::Approve, at).unwrap();
            assert_eq!(state_of(&d, sub), CaseState::Approved);
        }
    }
}

both_backends! {
    fn undo_refuses_other_reviewers_and_cases_that_moved_on() {
        let mut d = desk(2);
        let at = t0() + Duration::hours(1);
        let sub = upload(&mut d, 0, PHOTO, t0());
        let decision = decide(&mut d, sub, "李静", DecisionKind::Reject, at).unwrap();
        let err = d
            .store
            .undo_decision(decision, &d.actor("王芳"), at)
            .unwrap_err();
        assert!(err.to_string().contains("李静"), "{err}");
        // The student uploads again: the rejection has done its work and cannot be taken back.
        upload(&mut d, 0, OTHER_PHOTO, at + Duration::hours(1));
        let err = d
            .store
            .undo_decision(decision, &d.actor("李静"), at)
            .unwrap_err();
        assert!(matches!(err, StoreError::NotUndoable { .. }), "{err}");
        // After the sweep failed a case, its rejection cannot be undone either.
        let sub2 = upload(&mut d, 1, PHOTO, t0());
        let decision2 = decide(&mut d, sub2, "李静", DecisionKind::Reject, at).unwrap();
        d.store
            .sweep(at + Duration::hours(49), &d.staff[0])
            .unwrap();
        assert!(
            d.store
                .undo_decision(decision2, &d.actor("李静"), at)
                .is_err()
        );
        assert_eq!(state_of(&d, sub2), CaseState::CollectionFailed);
        // Refusals changed nothing: no undo in the audit log.
        let case = d.store.submission_detail(sub2).unwrap().case_id;
        let actions: Vec<String> = d
            .store
            .audit_for_case(case)
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert!(!actions.iter().any(|a| a == "decision.undo"), "{actions:?}");
    }
}

both_backends! {
    fn a_claimed_case_cannot_be_decided_at_another_desk() {
        let mut d = desk(2);
        let sub = upload(&mut d, 0, PHOTO, t0());
        let case = d.store.submission_detail(sub).unwrap().case_id;
        let at = t0() + Duration::hours(1);
        d.store.claim(case, &d.actor("desk-a"), at).unwrap();
        let err = decide(&mut d, sub, "desk-b", DecisionKind::Approve, at).unwrap_err();
        assert!(
            matches!(&err, StoreError::Claimed { by, .. } if by == "desk-a"),
            "{err}"
        );
        assert_eq!(state_of(&d, sub), CaseState::PendingReview);
        // The queue shows who holds it while the claim is open.
        let item = &d.store.queue_at(None, at).unwrap()[0];
        assert_eq!(item.claimed_by.as_deref(), Some("desk-a"));
        // The holder decides; the claim goes with the decision.
        decide(&mut d, sub, "desk-a", DecisionKind::Approve, at).unwrap();
        assert!(d.store.claims_of_others("desk-b", at).unwrap().is_empty());
        // An expired claim blocks nobody.
        let sub2 = upload(&mut d, 1, PHOTO, t0());
        let case2 = d.store.submission_detail(sub2).unwrap().case_id;
        d.store.claim(case2, &d.actor("desk-a"), at).unwrap();
        let later = at + Duration::seconds(CLAIM_SECS + 1);
        decide(&mut d, sub2, "desk-b", DecisionKind::Approve, later).unwrap();
    }
}

both_backends! {
    fn queue_rows_carry_the_worst_verdict_once_checks_ran() {
        let dir = TestDb::new();
        let mut store = Store::open_or_create(&dir.location).unwrap();
        idphoto_review::demo::build(&mut store, 40, 3, Utc::now()).unwrap();
        let queue = store.queue(None).unwrap();
        assert!(!queue.is_empty());
        assert!(
            queue.iter().all(|q| q.worst.is_some()),
            "demo runs the checks"
        );
        assert!(
            queue
                .iter()
                .any(|q| q.worst == Some(idphoto_review::checks::result::Verdict::Fail)),
            "demo has faulty photos"
        );
    }
}

both_backends! {
    fn a_resubmission_lists_the_earlier_photo() {
        let mut d = desk(1);
        let first = upload(&mut d, 0, PHOTO, t0());
        decide(
            &mut d,
            first,
            "李静",
            DecisionKind::Reject,
            t0() + Duration::hours(1),
        )
        .unwrap();
        let second = upload(&mut d, 0, OTHER_PHOTO, t0() + Duration::hours(2));
        let detail = d.store.submission_detail(second).unwrap();
        assert_eq!(detail.attempt, Some(2));
        assert_eq!(detail.earlier.len(), 1);
        assert_eq!(detail.earlier[0].submission_id, first);
        assert_eq!(detail.earlier[0].attempt, Some(1));
        assert_eq!(
            detail.earlier[0].photo_sha256,
            idphoto_review::store::photo_hash(PHOTO)
        );
        assert!(d.store.submission_detail(first).unwrap().earlier.is_empty());
    }
}

#[test]
fn a_decision_sent_to_students_or_chsi_cannot_be_undone() {
    use idphoto_review::export::{ChsiOptions, DecisionsOptions, export_chsi, export_decisions};
    let mut d = desk(3);
    let at = t0() + Duration::hours(1);
    let rejected = upload(&mut d, 0, PHOTO, t0());
    let reject = decide(&mut d, rejected, "李静", DecisionKind::Reject, at).unwrap();
    let out = tempfile::tempdir().unwrap();
    let opts = DecisionsOptions {
        out_base: &out.path().join("decisions"),
        campaign: None,
        include_exported: false,
    };
    let boss = d.actor("陈主管");
    export_decisions(&mut d.store, &opts, &boss, at).unwrap();
    let err = d
        .store
        .undo_decision(reject, &d.actor("李静"), at)
        .unwrap_err();
    assert!(err.to_string().contains("exported"), "{err}");
    assert_eq!(state_of(&d, rejected), CaseState::Rejected);
    // An approval that went out in a CHSI package is settled too; a later one is not.
    let approved = upload(&mut d, 1, OTHER_PHOTO, t0());
    let approve = decide(&mut d, approved, "李静", DecisionKind::Approve, at).unwrap();
    let chsi = ChsiOptions {
        out: &out.path().join("chsi"),
        campaign: None,
        encrypt_to: None,
    };
    export_chsi(&mut d.store, &chsi, &boss, at + Duration::minutes(1)).unwrap();
    assert!(
        d.store
            .undo_decision(approve, &d.actor("李静"), at)
            .is_err()
    );
    let later = upload(&mut d, 2, PHOTO, t0());
    let approve_later = decide(
        &mut d,
        later,
        "李静",
        DecisionKind::Approve,
        at + Duration::hours(1),
    )
    .unwrap();
    d.store
        .undo_decision(approve_later, &d.actor("李静"), at + Duration::hours(1))
        .unwrap();
}
