//! The store on a real temporary `SQLite` file and a real `PostgreSQL` database: uploads, decisions, conflicts, sweep, audit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use chrono::{DateTime, Duration, TimeZone, Utc};
use idphoto_review::domain::campaign::Campaign;
use idphoto_review::domain::case::{CaseState, DecisionKind, UploadOutcome};
use idphoto_review::domain::id_number::IdNumber;
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::role::{Actor, Role};
use idphoto_review::domain::student::{DocumentType, Student};
use idphoto_review::store::{
    CampaignId, DecisionRequest, NewUser, Store, StoreError, UploadRequest,
};

mod common;
use common::db::TestDb;
use common::id;

const PHOTO: &[u8] = include_bytes!("../assets/demo/fr__obama.jpg");
const OTHER_PHOTO: &[u8] = include_bytes!("../assets/demo/hivision__test1.jpg");

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 3, 25, 2, 0, 0).unwrap()
}

struct Fixture {
    _db: TestDb,
    store: Store,
    campaign: CampaignId,
}

fn fixture(students: u32) -> Fixture {
    let db = TestDb::new();
    let mut store = Store::open_or_create(&db.location).unwrap();
    add_staff(&mut store);
    let campaign = store
        .create_campaign(&admin(), &Campaign::seed("c", "school"), t0())
        .unwrap();
    let mut roster: Vec<Student> = (0..students)
        .map(|n| Student::mainland(&format!("学生{n}"), &IdNumber::parse(&id(n)).unwrap()))
        .collect();
    let mut offline = Student::mainland("Alice", &IdNumber::parse(&id(999)).unwrap());
    offline.id_number = "E12345678".into();
    offline.doc_type = DocumentType::Passport;
    roster.push(offline);
    store
        .insert_students(&admin(), campaign, &roster, "test", t0())
        .unwrap();
    Fixture {
        _db: db,
        store,
        campaign,
    }
}

fn upload(f: &mut Fixture, n: u32, bytes: &[u8], at: DateTime<Utc>) -> i64 {
    let id = id(n);
    let admin = admin();
    let req = UploadRequest {
        campaign: f.campaign,
        id_number: &id,
        bytes,
        original_name: "x.jpg",
        submitted_at: at,
        actor: &admin,
    };
    f.store.record_upload(&req, at).unwrap().submission_id
}

/// The supervisor `admin` (account 1) and the reviewers 李静 (2) and 王磊 (3).
fn add_staff(store: &mut Store) {
    let accounts = [
        ("admin", Role::Supervisor),
        ("李静", Role::Reviewer),
        ("王磊", Role::Reviewer),
    ];
    let admin = admin();
    for (i, (name, role)) in (1..).zip(accounts) {
        let user = NewUser {
            name,
            display_name: "",
            role,
            password: "password",
        };
        let added = store
            .add_user((i > 1).then_some(&admin), &user, t0())
            .unwrap();
        assert_eq!(added.id, i);
    }
}

/// The supervisor `admin`, account 1, as signed in.
fn admin() -> Actor {
    Actor {
        user_id: 1,
        name: "admin".into(),
        display_name: "admin".into(),
        role: Role::Supervisor,
    }
}

fn reviewer(name: &str, user_id: i64) -> Actor {
    Actor {
        user_id,
        name: name.into(),
        display_name: name.into(),
        role: Role::Reviewer,
    }
}

fn decision(submission_id: i64, kind: DecisionKind, reasons: &[ReasonCode]) -> DecisionRequest {
    DecisionRequest {
        submission_id,
        actor: reviewer("李静", 2),
        kind,
        reasons: reasons.to_vec(),
        note: None,
    }
}

both_backends! {
    fn approve_is_committed_with_its_audit_entry() {
        let mut f = fixture(3);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let receipt = f
            .store
            .decide(
                &decision(sub, DecisionKind::Approve, &[]),
                t0() + Duration::hours(1),
            )
            .unwrap();
        assert_eq!(
            (receipt.from, receipt.to),
            (CaseState::PendingReview, CaseState::Approved)
        );
        let audit = f.store.audit_for_case(receipt.case_id).unwrap();
        let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(actions, ["upload.recorded", "decision.approve"]);
        assert_eq!(audit[1].actor, "李静");
        let detail = f.store.submission_detail(sub).unwrap();
        assert_eq!(detail.state, CaseState::Approved);
        assert_eq!(detail.history.len(), 1);
    }
}

both_backends! {
    fn reject_stores_reasons_and_starts_the_resubmission_clock() {
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let at = t0() + Duration::hours(3);
        let reasons = [ReasonCode::Blurry, ReasonCode::FaceTooDark];
        let r = f
            .store
            .decide(&decision(sub, DecisionKind::Reject, &reasons), at)
            .unwrap();
        assert_eq!(r.resubmission_due, Some(at + Duration::hours(48)));
        let detail = f.store.submission_detail(sub).unwrap();
        let mut stored = detail.history[0].reasons.clone();
        stored.sort();
        let mut expected = reasons.to_vec();
        expected.sort();
        assert_eq!(stored, expected);
    }
}

both_backends! {
    fn an_invalid_decision_changes_nothing() {
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let before = f.store.audit_tail(100).unwrap().len();
        let err = f
            .store
            .decide(&decision(sub, DecisionKind::Reject, &[]), t0())
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidDecision(_)), "{err}");
        assert_eq!(f.store.audit_tail(100).unwrap().len(), before);
        assert_eq!(
            f.store.submission_detail(sub).unwrap().state,
            CaseState::PendingReview
        );
    }
}

both_backends! {
    fn a_second_reviewer_gets_a_clear_conflict_not_an_overwrite() {
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        f.store
            .decide(&decision(sub, DecisionKind::Approve, &[]), t0())
            .unwrap();
        let mut other = decision(sub, DecisionKind::Reject, &[ReasonCode::Blurry]);
        other.actor = reviewer("王磊", 3);
        let err = f
            .store
            .decide(&other, t0() + Duration::minutes(1))
            .unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, StoreError::AlreadyDecided { .. }), "{msg}");
        assert!(msg.contains("李静") && msg.contains("approved"), "{msg}");
        assert_eq!(
            f.store.submission_detail(sub).unwrap().state,
            CaseState::Approved
        );
    }
}

both_backends! {
    fn resubmission_becomes_attempt_two_and_the_old_photo_cannot_be_decided() {
        let mut f = fixture(1);
        let first = upload(&mut f, 0, PHOTO, t0());
        f.store
            .decide(
                &decision(first, DecisionKind::Reject, &[ReasonCode::Blurry]),
                t0(),
            )
            .unwrap();
        let second = upload(&mut f, 0, OTHER_PHOTO, t0() + Duration::hours(47));
        let detail = f.store.submission_detail(second).unwrap();
        assert_eq!(
            (detail.attempt, detail.state),
            (Some(2), CaseState::PendingReview)
        );
        assert_eq!(detail.review_due, Some(t0() + Duration::hours(95)));
        let err = f
            .store
            .decide(&decision(first, DecisionKind::Approve, &[]), t0())
            .unwrap_err();
        assert!(matches!(err, StoreError::NotCurrent { .. }), "{err}");
    }
}

both_backends! {
    fn late_upload_is_recorded_but_the_case_fails() {
        let mut f = fixture(1);
        let first = upload(&mut f, 0, PHOTO, t0());
        f.store
            .decide(
                &decision(first, DecisionKind::Reject, &[ReasonCode::Blurry]),
                t0(),
            )
            .unwrap();
        let id = id(0);
        let admin = admin();
        let late = t0() + Duration::hours(48) + Duration::seconds(1);
        let req = UploadRequest {
            campaign: f.campaign,
            id_number: &id,
            bytes: OTHER_PHOTO,
            original_name: "late.jpg",
            submitted_at: late,
            actor: &admin,
        };
        let r = f.store.record_upload(&req, late).unwrap();
        assert_eq!((r.outcome, r.attempt), (UploadOutcome::TooLate, None));
        let summary = f.store.queue_summary(late, 10).unwrap();
        assert_eq!(summary.counts.collection_failed, 1);
    }
}

both_backends! {
    fn sweep_fails_exactly_after_48_hours_once_and_audits_it() {
        let mut f = fixture(2);
        let sub = upload(&mut f, 0, PHOTO, t0());
        f.store
            .decide(
                &decision(sub, DecisionKind::Reject, &[ReasonCode::Blurry]),
                t0(),
            )
            .unwrap();
        assert_eq!(
            f.store.sweep(t0() + Duration::hours(48), &admin()).unwrap(),
            0
        );
        let summary = f
            .store
            .queue_summary(t0() + Duration::hours(48) + Duration::seconds(1), 0)
            .unwrap();
        assert_eq!(summary.overdue_resubmissions, 1);
        assert_eq!(
            f.store
                .sweep(t0() + Duration::hours(48) + Duration::seconds(1), &admin())
                .unwrap(),
            1
        );
        assert_eq!(
            f.store.sweep(t0() + Duration::hours(99), &admin()).unwrap(),
            0
        );
        let detail = f.store.submission_detail(sub).unwrap();
        assert_eq!(detail.state, CaseState::CollectionFailed);
        let audit = f.store.audit_for_case(detail.case_id).unwrap();
        assert_eq!(
            audit
                .iter()
                .filter(|a| a.action == "case.collection_failed")
                .count(),
            1
        );
    }
}

both_backends! {
    fn queue_puts_overdue_reviews_first_and_counts_them() {
        let mut f = fixture(3);
        let now = t0() + Duration::hours(60);
        upload(&mut f, 0, PHOTO, t0() + Duration::hours(30)); // due in 18 h
        let overdue = upload(&mut f, 1, PHOTO, t0()); // 12 h overdue
        upload(&mut f, 2, PHOTO, t0() + Duration::hours(50));
        let s = f.store.queue_summary(now, 10).unwrap();
        assert_eq!(s.next[0].submission_id, overdue);
        assert_eq!(s.overdue_reviews, 1);
        assert_eq!(s.counts.pending_review, 3);
        assert!(
            s.next
                .windows(2)
                .all(|w| w[0].review_due <= w[1].review_due)
        );
    }
}

both_backends! {
    fn escalated_cases_stay_in_the_queue_for_the_supervisor() {
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        f.store
            .decide(&decision(sub, DecisionKind::Escalate, &[]), t0())
            .unwrap();
        let s = f.store.queue_summary(t0(), 10).unwrap();
        assert_eq!((s.counts.escalated, s.next.len()), (1, 1));
        assert_eq!(s.next[0].state, CaseState::Escalated);
    }
}

both_backends! {
    fn unknown_and_offline_students_are_refused_with_a_reason() {
        let mut f = fixture(1);
        let admin = admin();
        let stranger = id(500);
        let mut req = UploadRequest {
            campaign: f.campaign,
            id_number: &stranger,
            bytes: PHOTO,
            original_name: "x.jpg",
            submitted_at: t0(),
            actor: &admin,
        };
        assert!(matches!(
            f.store.record_upload(&req, t0()),
            Err(StoreError::UnknownStudent { .. })
        ));
        req.id_number = "E12345678";
        assert!(matches!(
            f.store.record_upload(&req, t0()),
            Err(StoreError::CollectedOffline { .. })
        ));
    }
}

both_backends! {
    fn identical_photos_are_stored_once_and_come_back_byte_identical() {
        let mut f = fixture(2);
        let a = upload(&mut f, 0, PHOTO, t0());
        let b = upload(&mut f, 1, PHOTO, t0());
        let da = f.store.submission_detail(a).unwrap();
        let db = f.store.submission_detail(b).unwrap();
        assert_eq!(da.photo_sha256, db.photo_sha256);
        assert_eq!(f.store.photo_bytes(&da.photo_sha256).unwrap(), PHOTO);
    }
}

both_backends! {
    fn a_closed_and_reopened_file_keeps_everything() {
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        f.store
            .decide(&decision(sub, DecisionKind::Approve, &[]), t0())
            .unwrap();
        let path = f.store.location().clone();
        let Fixture { _db, store, .. } = f;
        drop(store);
        let reopened = Store::open(&path).unwrap();
        assert_eq!(
            reopened.submission_detail(sub).unwrap().state,
            CaseState::Approved
        );
        assert_eq!(reopened.queue_summary(t0(), 0).unwrap().counts.approved, 1);
    }
}

both_backends! {
    /// A finding with nested messages, numbers and empty fragments comes back from the store
    /// as the same message, rendered the same in both languages.
    fn check_findings_round_trip_as_messages() {
        use idphoto_review::checks::{CheckResult, Report, Verdict};
        use idphoto_review::i18n::Msg;
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let sha = f.store.submission_detail(sub).unwrap().photo_sha256;
        let report = Report {
            width: Some(480),
            height: Some(640),
            checks: vec![
                CheckResult::new(
                    "face.count",
                    Verdict::Fail,
                    "= 1",
                    Msg::new("check-face-count-many").arg("count", 3),
                )
                .with_value(3.0)
                .with_reasons(&[ReasonCode::BackgroundObjects]),
                CheckResult::new(
                    "face.size",
                    Verdict::Pass,
                    "180–300 px",
                    Msg::new("check-face-size")
                        .arg("width", "235")
                        .arg("how", Msg::new("check-face-size-estimated"))
                        .arg("threshold", "180–300 px"),
                )
                .with_value(235.2),
                CheckResult::not_assessed(
                    "pose.shoulders",
                    "≤ 5°",
                    Msg::new("check-why-segmentation-failed").arg("error", "no model"),
                ),
            ],
        };
        f.store.save_check_report(&sha, 1, &report, t0()).unwrap();
        let back = f.store.check_report(&sha, 1).unwrap().unwrap();
        assert_eq!(back, report);
        let zh: Vec<_> = back.checks.iter().map(|c| c.message(Lang::Zh)).collect();
        let en: Vec<_> = back.checks.iter().map(|c| c.message(Lang::En)).collect();
        assert_eq!(
            zh,
            [
                "检测到 3 张人脸（应恰好 1 张）",
                "脸宽 235 px（按检测框估计），要求 180–300 px",
                "未评估：人像分割模型无法运行：no model",
            ]
        );
        assert_eq!(
            en,
            [
                "3 faces found (exactly 1 required)",
                "Face width 235 px (estimated from the detector box); required 180–300 px",
                "Not assessed: the person segmentation model cannot run: no model",
            ]
        );
    }
}

both_backends! {
    /// Schema version 12 on a database of version 11 whose results hold sentences: each row
    /// becomes the generic finding of its own verdict, value and threshold.
    fn v12_turns_stored_sentences_into_the_generic_finding() {
        use idphoto_review::checks::{CheckResult, Verdict};
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let sha = f.store.submission_detail(sub).unwrap().photo_sha256;
        let Fixture { _db: db, store, .. } = f;
        drop(store);
        // Back to version 11's columns, with one result as version 11 wrote it.
        let insert = format!(
            "INSERT INTO check_results (photo_sha256, spec_version, check_id, verdict, value,
                 threshold, message_zh, message_en, reasons, overlay_json, computed_at)
             VALUES ('{sha}', 1, 'face.size', 'fail', 150.5, '180–300 px',
                     '脸宽 150 px，要求 180–300 px', 'Face width 150 px; required 180–300 px',
                     'HEAD_SIZE', '[]', 0),
                    ('{sha}', 1, 'file.decode', 'pass', NULL, 'decodes', '解码成功', 'Decoded',
                     '', '[]', 0)"
        );
        match common::db::current() {
            common::db::Backend::Sqlite => {
                let c = rusqlite::Connection::open(db.location.sqlite_path().unwrap()).unwrap();
                c.execute_batch(&format!(
                    "ALTER TABLE check_results DROP COLUMN message_json;
                     ALTER TABLE check_results ADD COLUMN message_zh TEXT NOT NULL DEFAULT '';
                     ALTER TABLE check_results ADD COLUMN message_en TEXT NOT NULL DEFAULT '';
                     {insert};
                     PRAGMA user_version = 11;"
                ))
                .unwrap();
            }
            common::db::Backend::Postgres => {
                let mut c = postgres::Client::connect(&db.arg(), postgres::NoTls).unwrap();
                c.batch_execute(&format!(
                    "ALTER TABLE check_results DROP COLUMN message_json,
                         ADD COLUMN message_zh TEXT NOT NULL DEFAULT '',
                         ADD COLUMN message_en TEXT NOT NULL DEFAULT '';
                     {insert};
                     DELETE FROM idphoto_schema;
                     INSERT INTO idphoto_schema (version) VALUES (11);"
                ))
                .unwrap();
            }
        }
        let store = Store::open(&db.location).unwrap();
        let report = store.check_report(&sha, 1).unwrap().unwrap();
        let size = report.get("face.size").unwrap();
        assert_eq!(
            (size.verdict, size.value, size.reasons.as_slice()),
            (Verdict::Fail, Some(150.5), &[ReasonCode::HeadSize][..])
        );
        assert_eq!(
            size.message,
            CheckResult::stored_finding(Verdict::Fail, Some(150.5), "180–300 px")
        );
        assert_eq!(
            size.message(Lang::Zh),
            "不合格：测得 150.5，要求 180–300 px（旧版本保存的结果，重新检查可见详情）"
        );
        assert_eq!(
            size.message(Lang::En),
            "Fail: measured 150.5; required 180–300 px (stored by an earlier version; recheck for details)"
        );
        assert_eq!(
            report.get("file.decode").unwrap().message(Lang::En),
            "Pass: required decodes (stored by an earlier version; recheck for details)"
        );
    }
}

both_backends! {
    /// Results stored before the catalogue hold the guides' labels as bilingual prose
    /// (`"头顶 / head top"`); they still load, as the guides they named, with every other
    /// overlay of the check, and are drawn in the reader's language.
    fn guide_labels_stored_as_prose_still_load() {
        use idphoto_review::checks::{CheckResult, Guide, Overlay, Report, Verdict};
        use idphoto_review::i18n::Msg;
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let sha = f.store.submission_detail(sub).unwrap().photo_sha256;
        let report = Report {
            width: Some(480),
            height: Some(640),
            checks: vec![CheckResult::new(
                "face.position",
                Verdict::Warn,
                "",
                Msg::new("check-face-head-top-unknown"),
            )],
        };
        f.store.save_check_report(&sha, 1, &report, t0()).unwrap();
        // The overlays as the version before the catalogue wrote them.
        let old = r#"[{"kind":"h_band","y0":50.0,"y1":110.0,"label":"头顶 / head top"},
            {"kind":"h_band","y0":300.0,"y1":330.0,"label":"眼线 / eye line"},
            {"kind":"v_line","x":240.0,"label":"中线 / centre"},
            {"kind":"point","x":241.0,"y":310.0,"verdict":"pass"},
            {"kind":"h_line","y":80.0,"label":"头顶（估计）/ head top (estimated)"}]"#;
        let update = format!(
            "UPDATE check_results SET overlay_json = '{old}' WHERE check_id = 'face.position'"
        );
        let Fixture {
            _db: db, mut store, ..
        } = f;
        match common::db::current() {
            common::db::Backend::Sqlite => {
                let c = rusqlite::Connection::open(db.location.sqlite_path().unwrap()).unwrap();
                assert_eq!(c.execute(&update, []).unwrap(), 1);
            }
            common::db::Backend::Postgres => {
                let mut c = postgres::Client::connect(&db.arg(), postgres::NoTls).unwrap();
                assert_eq!(c.execute(update.as_str(), &[]).unwrap(), 1);
            }
        }
        let back = store.check_report(&sha, 1).unwrap().unwrap();
        let overlays = &back.get("face.position").unwrap().overlays;
        assert_eq!(overlays.len(), 5, "{overlays:?}");
        let labels: Vec<Guide> = overlays
            .iter()
            .filter_map(Overlay::guide)
            .collect();
        assert_eq!(
            labels,
            [Guide::HeadTop, Guide::EyeLine, Guide::Centre, Guide::HeadTopEstimated]
        );
        let zh: Vec<&str> = labels.iter().map(|g| g.label(Lang::Zh)).collect();
        assert_eq!(zh, ["头顶", "眼线", "中线", "头顶（估计）"]);
        // Saved again (now as ids), they read back the same.
        store.save_check_report(&sha, 1, &back, t0()).unwrap();
        assert_eq!(store.check_report(&sha, 1).unwrap().unwrap(), back);
    }
}

both_backends! {
    fn check_reports_round_trip_per_spec_version() {
        use idphoto_review::checks::pipeline;
        use idphoto_review::domain::spec::PhotoSpec;
        let mut f = fixture(1);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let sha = f.store.submission_detail(sub).unwrap().photo_sha256;
        assert_eq!(f.store.check_report(&sha, 1).unwrap(), None);
        let report = pipeline::run(PHOTO, &PhotoSpec::default());
        f.store.save_check_report(&sha, 1, &report, t0()).unwrap();
        let back = f.store.check_report(&sha, 1).unwrap().unwrap();
        assert_eq!(back, report);
        // The findings are stored as messages, and render the same after reloading.
        for (stored, made) in back.checks.iter().zip(&report.checks) {
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(stored.message(lang), made.message(lang), "{}", made.id);
            }
        }
        assert_eq!(
            f.store.check_report(&sha, 2).unwrap(),
            None,
            "another spec version is not cached"
        );
        f.store.save_check_report(&sha, 1, &report, t0()).unwrap();
        assert_eq!(
            f.store.check_report(&sha, 1).unwrap().unwrap().checks.len(),
            report.checks.len()
        );
    }
}

both_backends! {
    /// Finding 6 of the security review: every write takes the signed-in account, not a name,
    /// and re-reads it in its transaction; a refused write leaves nothing, not even an audit entry.
    fn writes_take_a_real_account_and_recheck_its_role_in_the_transaction() {
        use idphoto_review::store::{ExportKind, ExportRecord};
        let mut f = fixture(2);
        let audit_len = |s: &Store| s.audit_tail(10_000).unwrap().len();
        let before = audit_len(&f.store);
        let forged = Actor {
            user_id: 99,
            name: "import-roster".into(),
            display_name: "import-roster".into(),
            role: Role::Supervisor,
        };
        // The account the name would be, with a supervisor's role claimed by the caller.
        let li_as_boss = Actor {
            role: Role::Supervisor,
            ..reviewer("李静", 2)
        };
        let campaign = Campaign::seed("c2", "school");
        let roster = [Student::mainland(
            "新生",
            &IdNumber::parse(&id(50)).unwrap(),
        )];
        let record = |actor: &Actor| ExportRecord {
            kind: ExportKind::Chsi,
            campaign: None,
            actor: actor.clone(),
            target: "x".into(),
            files: 0,
            rows: 0,
            detail: serde_json::json!({}),
        };
        let id0 = id(0);
        let li = reviewer("李静", 2);
        let up_li = UploadRequest {
            campaign: f.campaign,
            id_number: &id0,
            bytes: PHOTO,
            original_name: "x.jpg",
            submitted_at: t0(),
            actor: &li,
        };
        let up_forged = UploadRequest {
            actor: &forged,
            ..up_li.clone()
        };
        for who in [&forged, &li_as_boss] {
            let e = f.store.create_campaign(who, &campaign, t0()).unwrap_err();
            assert!(
                matches!(e, StoreError::UnknownUser(_) | StoreError::Forbidden(_)),
                "{e}"
            );
            let e = f.store.record_export(&record(who), t0()).unwrap_err();
            assert!(
                matches!(e, StoreError::UnknownUser(_) | StoreError::Forbidden(_)),
                "{e}"
            );
        }
        let e = f
            .store
            .insert_students(&forged, f.campaign, &roster, "x", t0())
            .unwrap_err();
        assert!(matches!(e, StoreError::UnknownUser(_)), "{e}");
        let e = f.store.record_upload(&up_forged, t0()).unwrap_err();
        assert!(matches!(e, StoreError::UnknownUser(_)), "{e}");
        let e = f.store.sweep(t0(), &forged).unwrap_err();
        assert!(matches!(e, StoreError::UnknownUser(_)), "{e}");
        assert_eq!(audit_len(&f.store), before, "refused writes leave no trace");

        // A reviewer records uploads and adds roster rows, under the account's own name.
        f.store.record_upload(&up_li, t0()).unwrap();
        f.store
            .insert_students(&reviewer("李静", 2), f.campaign, &roster, "x", t0())
            .unwrap();
        let tail = f.store.audit_tail(2).unwrap();
        assert!(tail.iter().all(|a| a.actor == "李静"), "{tail:?}");
        // Disabled since signing in: refused.
        f.store.disable_user(&admin(), "李静", t0()).unwrap();
        let e = f.store.record_upload(&up_li, t0()).unwrap_err();
        assert!(matches!(e, StoreError::AccountDisabled(_)), "{e}");
    }
}

both_backends! {
    /// Even a write that bypassed every check in the code could not decide one version of a
    /// case twice: the schema refuses it.
    fn the_schema_refuses_a_second_decision_on_the_same_version_of_a_case() {
        let mut f = fixture(2);
        let sub = upload(&mut f, 0, PHOTO, t0());
        let receipt = f
            .store
            .decide(&decision(sub, DecisionKind::Approve, &[]), t0())
            .unwrap();
        let twin = "INSERT INTO decisions (submission_id, case_id, kind, reviewer, decided_at,
                        from_state, to_state, case_version)
                    SELECT submission_id, case_id, 'reject', 'x', decided_at, from_state,
                           'rejected', case_version
                    FROM decisions WHERE id = ?1";
        let err = f
            .store
            .execute_unchecked(twin, [receipt.decision_id])
            .unwrap_err();
        assert!(
            err.to_string().contains("duplicate") || err.to_string().contains("UNIQUE"),
            "{err}"
        );
        // Other cases take their decisions as usual.
        let second = upload(&mut f, 1, PHOTO, t0());
        f.store
            .decide(&decision(second, DecisionKind::Reject, &[ReasonCode::Blurry]), t0())
            .unwrap();
    }
}
