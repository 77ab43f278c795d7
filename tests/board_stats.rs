//! The deadline board, the case file, the statistics and `overdue --csv` on a hand-built
//! campaign with injected clocks: every expected number below is worked out in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::process::Command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use idphoto_review::domain::campaign::{Campaign, FeeClass};
use idphoto_review::domain::case::{CaseState, DecisionKind, UploadOutcome};
use idphoto_review::domain::id_number::{IdNumber, check_char};
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::stats::HourCount;
use idphoto_review::domain::student::{DocumentType, Student};
use idphoto_review::store::{
    BoardList, CampaignId, DecisionRequest, Store, StoreError, UploadRequest,
};

mod common;
use common::db::TestDb;

const PHOTO: &[u8] = include_bytes!("../assets/demo/fr__obama.jpg");

/// The board is read at 2022-03-27 12:00 UTC. The window opens 2022-03-23 16:00 UTC, so uploads
/// 96 h or more before now are late (60 yuan), later ones in the window (15 yuan).
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 3, 27, 12, 0, 0).unwrap()
}

fn ago(hours: i64) -> DateTime<Utc> {
    now() - Duration::hours(hours)
}

fn id(n: u32) -> String {
    let body = format!("110105199901{:02}{:03}", n % 28 + 1, n);
    format!("{body}{}", check_char(body.as_bytes()))
}

struct Fixture {
    dir: TestDb,
    db: String,
    store: Store,
    campaign: CampaignId,
    cases: Vec<i64>,
    /// Accounts by login name.
    staff: Vec<idphoto_review::domain::role::Actor>,
}

impl Fixture {
    fn upload(&mut self, n: u32, hours_ago: i64) -> i64 {
        let id = id(n);
        let req = UploadRequest {
            campaign: self.campaign,
            id_number: &id,
            bytes: PHOTO,
            original_name: "p.jpg",
            submitted_at: ago(hours_ago),
            actor: &self.staff[0],
        };
        let r = self.store.record_upload(&req, ago(hours_ago)).unwrap();
        self.cases[n as usize] = r.case_id;
        r.submission_id
    }

    fn decide(&mut self, sub: i64, kind: DecisionKind, who: &str, hours_ago: i64) {
        let reasons = match kind {
            DecisionKind::Reject => vec![ReasonCode::Blurry],
            _ => vec![],
        };
        self.decide_with(sub, kind, who, hours_ago, &reasons);
    }

    fn decide_with(
        &mut self,
        sub: i64,
        kind: DecisionKind,
        who: &str,
        hours_ago: i64,
        reasons: &[ReasonCode],
    ) {
        let req = DecisionRequest {
            submission_id: sub,
            actor: self.staff.iter().find(|a| a.name == who).unwrap().clone(),
            kind,
            reasons: reasons.to_vec(),
            note: None,
        };
        self.store.decide(&req, ago(hours_ago)).unwrap();
    }
}

const LI: &str = "李静";
const WANG: &str = "王磊";

/// Students s0..s10 plus one collected offline; s0..s5 in 文学院, s6..s10 in 理学院.
fn fixture() -> Fixture {
    use DecisionKind::{Approve, Escalate, Reject};
    let dir = TestDb::new();
    let db = dir.arg();
    let mut store = Store::open_or_create(&dir.location).unwrap();
    // Both deciders are supervisors: they also settle escalated cases.
    let mut staff = Vec::new();
    for name in [LI, WANG] {
        let user = idphoto_review::store::NewUser {
            name,
            display_name: "",
            role: idphoto_review::domain::role::Role::Supervisor,
            password: "password",
        };
        staff.push(
            store
                .add_user(staff.first(), &user, ago(200))
                .unwrap()
                .actor(),
        );
    }
    let campaign = store
        .create_campaign(&staff[0], &Campaign::seed("c", "示例大学"), ago(200))
        .unwrap();
    let mut roster: Vec<Student> = (0..11)
        .map(|n| {
            let mut s = Student::mainland(&format!("学生{n}"), &IdNumber::parse(&id(n)).unwrap());
            s.school = Some(if n < 6 { "文学院" } else { "理学院" }.into());
            s.programme = Some(if n < 6 { "中文" } else { "物理" }.into());
            s.phone = Some(format!("+86 1380000{n:04}"));
            s.student_no = Some(format!("2026{n:04}"));
            s.mailing_batch = Some("第一批".into());
            s
        })
        .collect();
    let mut offline = Student::mainland("Alice", &IdNumber::parse(&id(99)).unwrap());
    offline.id_number = "E12345678".into();
    offline.doc_type = DocumentType::Passport;
    roster.push(offline);
    store
        .insert_students(&staff[0], campaign, &roster, "test", ago(200))
        .unwrap();
    let mut f = Fixture {
        dir,
        db,
        store,
        campaign,
        cases: vec![0; 11],
        staff,
    };
    f.upload(0, 50); // review due 2 h ago: overdue
    f.upload(1, 45); // due in 3 h: due soon
    f.upload(2, 10); // due in 38 h: on no list
    let s = f.upload(3, 60); // escalated, due 12 h ago: overdue and escalated
    f.decide(s, Escalate, LI, 58);
    let s = f.upload(4, 70); // rejected 20 h ago: 28 h left to upload again
    f.decide(s, Reject, WANG, 20);
    let s = f.upload(5, 99); // rejected 60 h ago: resubmission 12 h overdue, not swept
    f.decide_with(
        s,
        Reject,
        WANG,
        60,
        &[ReasonCode::Blurry, ReasonCode::HeadSize],
    );
    let s = f.upload(6, 98); // rejected 97 h ago, swept: collection failed
    f.decide(s, Reject, LI, 97);
    let s = f.upload(7, 90); // rejected twice, waiting: repeat rejection
    f.decide_with(s, Reject, LI, 80, &[ReasonCode::HeadSize]);
    let s = f.upload(7, 40);
    f.decide_with(s, Reject, WANG, 5, &[ReasonCode::HeadSize]);
    let s = f.upload(8, 30); // approved after 10 h
    f.decide(s, Approve, LI, 20);
    // s9 never uploads.
    let s = f.upload(10, 96); // rejected twice, then approved: no longer a concern
    f.decide(s, Reject, WANG, 95);
    let s = f.upload(10, 94);
    f.decide(s, Reject, WANG, 93);
    let s = f.upload(10, 92);
    f.decide(s, Approve, LI, 91);
    assert_eq!(f.store.sweep(ago(30), &f.staff[0]).unwrap(), 1); // s6 only
    f
}

fn names(f: &Fixture, list: BoardList) -> Vec<String> {
    f.store
        .board_list(list, now(), Duration::hours(6))
        .unwrap()
        .into_iter()
        .map(|r| r.student)
        .collect()
}

both_backends! {
    fn each_board_list_holds_exactly_its_cases() {
        let f = fixture();
        assert_eq!(names(&f, BoardList::ReviewsOverdue), ["学生3", "学生0"]);
        assert_eq!(names(&f, BoardList::ReviewsDueSoon), ["学生1"]);
        assert_eq!(
            names(&f, BoardList::AwaitingResubmission),
            ["学生4", "学生7"]
        );
        assert_eq!(names(&f, BoardList::CollectionFailed), ["学生6", "学生5"]);
        assert_eq!(names(&f, BoardList::RepeatRejections), ["学生7"]);
        assert_eq!(names(&f, BoardList::Escalated), ["学生3"]);
    }
}

both_backends! {
    fn board_rows_carry_the_clock_and_contact_data() {
        let f = fixture();
        let board = f.store.board(now(), Duration::hours(6)).unwrap();
        assert_eq!(board.lists.len(), BoardList::ALL.len());
        let failed = board.rows(BoardList::CollectionFailed);
        let (s6, s5) = (&failed[0], &failed[1]);
        assert_eq!(s6.state, CaseState::CollectionFailed);
        assert_eq!(s6.due, Some(ago(97) + Duration::hours(48)));
        assert_eq!(s5.state, CaseState::Rejected);
        assert_eq!(s5.due, Some(ago(12)));
        assert_eq!(s5.phone.as_deref(), Some("+86 13800000005"));
        assert_eq!(s5.student_no.as_deref(), Some("20260005"));
        assert_eq!(
            (s5.school.as_deref(), s5.programme.as_deref()),
            (Some("文学院"), Some("中文"))
        );
        assert_eq!(s5.mailing_batch.as_deref(), Some("第一批"));
        let overdue = board.rows(BoardList::ReviewsOverdue);
        assert_eq!(overdue[1].due, Some(ago(2)));
        assert_eq!(overdue[1].submitted_at, Some(ago(50)));
        assert_eq!(board.rows(BoardList::RepeatRejections)[0].rejections, 2);
    }
}

both_backends! {
    fn board_moves_with_the_injected_clock() {
        let f = fixture();
        // Three hours later s1's review is late too; nothing is due in the next hour.
        let later = now() + Duration::hours(3) + Duration::seconds(1);
        let overdue = f
            .store
            .board_list(BoardList::ReviewsOverdue, later, Duration::hours(1))
            .unwrap();
        assert_eq!(overdue.len(), 3);
        let soon = f
            .store
            .board_list(BoardList::ReviewsDueSoon, later, Duration::hours(1))
            .unwrap();
        assert!(soon.is_empty());
    }
}

both_backends! {
    fn case_file_tells_the_whole_story() {
        let f = fixture();
        let file = f.store.case_file(f.cases[7]).unwrap();
        assert_eq!(file.student.name, "学生7");
        assert_eq!(
            (file.state, file.attempts, file.rejections),
            (CaseState::Rejected, 2, 2)
        );
        assert_eq!(file.uploads.len(), 2);
        let (first, second) = (&file.uploads[0], &file.uploads[1]);
        assert_eq!(first.attempt, Some(1));
        assert_eq!(second.outcome, UploadOutcome::Resubmission);
        assert!(second.is_current && !first.is_current);
        assert_eq!(first.byte_len, PHOTO.len() as u64);
        assert_eq!(first.photo_sha256, idphoto_review::store::photo_hash(PHOTO));
        assert_eq!(file.decisions.len(), 2);
        let d = &file.decisions[1];
        assert_eq!((d.reviewer.as_str(), d.decided_at), (WANG, ago(5)));
        assert_eq!(d.reasons, [ReasonCode::HeadSize]);
        assert_eq!(d.submission_id, second.submission_id);
        assert_eq!(
            (d.from, d.to),
            (CaseState::PendingReview, CaseState::Rejected)
        );
        let actions: Vec<&str> = file.audit.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "upload.recorded",
                "decision.reject",
                "upload.recorded",
                "decision.reject"
            ]
        );
        assert!(matches!(
            f.store.case_file(987_654),
            Err(StoreError::UnknownCase(987_654))
        ));
    }
}

both_backends! {
    fn statistics_on_the_hand_built_campaign() {
        let f = fixture();
        let s = f.store.stats(now(), 48).unwrap();
        // In the last 48 h: s4 reject and s8 approve (20 h ago), s7's second reject (5 h ago).
        assert_eq!(s.per_hour.len(), 48);
        assert_eq!(s.per_hour.iter().map(HourCount::total).sum::<u64>(), 3);
        let twenty = s.per_hour.iter().find(|h| h.start == ago(20)).unwrap();
        assert_eq!((twenty.approved, twenty.rejected), (1, 1));
        let reviewers: Vec<(&str, u64)> = s
            .per_reviewer
            .iter()
            .map(|r| (r.reviewer.as_str(), r.total()))
            .collect();
        assert_eq!(reviewers, [(WANG, 2), (LI, 1)]);
        // All time: approvals s8, s10; rejections s4, s5, s6, s7 x2, s10 x2; one escalation.
        assert_eq!(
            (s.totals.approved, s.totals.rejected, s.totals.escalated),
            (2, 7, 1)
        );
        let rate = s.totals.approval_rate().unwrap();
        assert!((rate - 200.0 / 9.0).abs() < 1e-9, "{rate}");
        assert_eq!(
            s.top_reasons,
            [(ReasonCode::Blurry, 5), (ReasonCode::HeadSize, 3)]
        );
        // Waits to the first approve/reject, in hours: 1 (s6), 1, 1, 1 (s10 x3), 10 (s7 first),
        // 10 (s8), 35 (s7 second), 39 (s5), 50 (s4). Nearest-rank median = 5th, p90 = 9th.
        let rt = &s.review_time;
        assert_eq!(rt.reviewed, 9);
        assert_eq!(rt.median_secs, Some(10 * 3600));
        assert_eq!(rt.p90_secs, Some(50 * 3600));
        assert_eq!((rt.within_promise, rt.promise_hours), (8, 48));
        assert_eq!(rt.histogram.iter().sum::<u64>(), 9);
        assert_eq!(
            (rt.histogram[0], rt.histogram[2], rt.histogram[12]),
            (4, 2, 1)
        );
        // Coverage: 理学院 misses s9; the passport holder is not counted.
        let cov: Vec<(&str, u64, u64, u64)> = s
            .coverage
            .iter()
            .map(|c| {
                (
                    c.school.as_deref().unwrap(),
                    c.roster,
                    c.uploaded,
                    c.missing(),
                )
            })
            .collect();
        assert_eq!(cov, [("理学院", 5, 4, 1), ("文学院", 6, 6, 0)]);
        // Fees by first upload: s5 (99 h), s6 (98 h), s10 (96 h) are late.
        let fees: Vec<(FeeClass, u64, i64)> = s
            .fees
            .iter()
            .map(|r| (r.class, r.students, r.sum_fen))
            .collect();
        assert_eq!(
            fees,
            [
                (FeeClass::InWindow, 7, 7 * 1500),
                (FeeClass::Late, 3, 3 * 6000)
            ]
        );
    }
}

both_backends! {
    fn overdue_csv_has_a_bom_contact_data_and_no_formulas() {
        let f = fixture();
        let out = f.dir.path().join("overdue.csv");
        let o = Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
        .env("LC_ALL", "en_US.UTF-8")
            .args([
                "overdue",
                "--list",
                "collection_failed",
                "--now",
                "2022-03-27T12:00:00Z",
                "--as",
                LI,
            ])
            .env("IDPHOTO_PASSWORD", "password")
            .arg("--csv")
            .arg(&out)
            .arg("--db")
            .arg(&f.db)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM expected");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("list,case_id,"), "{}", lines[0]);
        assert!(
            lines[1].contains("学生6") && lines[2].contains("学生5"),
            "{text}"
        );
        // "+86 …" would be read as a formula by a spreadsheet: it is quoted with a leading '.
        assert!(lines[2].contains("'+86 13800000005"), "{}", lines[2]);

        let bad = Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
        .env("LC_ALL", "en_US.UTF-8")
            .args(["overdue", "--list", "nope", "--as", LI, "--db"])
            .arg(&f.db)
            .env("IDPHOTO_PASSWORD", "password")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(!bad.status.success());
        assert!(
            err.contains("reviews_overdue"),
            "names the valid lists: {err}"
        );
    }
}

/// Timings on a large database (not run by default):
/// `IDPHOTO_BENCH_DB=/tmp/x.db cargo test --test board_stats -- --ignored --nocapture`
#[test]
#[ignore = "needs a large demo database in IDPHOTO_BENCH_DB"]
fn timings_on_a_large_database() {
    let Ok(path) = std::env::var("IDPHOTO_BENCH_DB") else {
        return;
    };
    let store = Store::open(std::path::Path::new(&path)).unwrap();
    let now = Utc::now();
    for list in BoardList::ALL {
        let start = std::time::Instant::now();
        let rows = store.board_list(list, now, Duration::hours(6)).unwrap();
        println!(
            "{:<22} {:>6} rows {:>8.1} ms",
            list.code(),
            rows.len(),
            ms(start)
        );
    }
    let start = std::time::Instant::now();
    let board = store.board(now, Duration::hours(6)).unwrap();
    println!("board (all lists)      {:>8.1} ms", ms(start));
    let case = board.rows(BoardList::RepeatRejections)[0].case_id;
    let start = std::time::Instant::now();
    let file = store.case_file(case).unwrap();
    println!(
        "case_file ({} uploads, {} audit) {:>8.1} ms",
        file.uploads.len(),
        file.audit.len(),
        ms(start)
    );
    let start = std::time::Instant::now();
    let stats = store.stats(now, 48).unwrap();
    println!(
        "stats ({} reviewed, {} coverage rows) {:>8.1} ms",
        stats.review_time.reviewed,
        stats.coverage.len(),
        ms(start)
    );
}

fn ms(start: std::time::Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
