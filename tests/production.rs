//! Production on a real temporary `SQLite` file with real photos: the print sheets read back
//! as PDF (page count, photo boxes at the print size within 0.1 mm, nothing stretched, the
//! font embedded with every glyph of rare names), packing lists whose totals equal the roster,
//! printing twice, an audited reprint, a reviewer refused, and a reopened printed case flagged.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use idphoto_review::domain::campaign::Campaign;
use idphoto_review::domain::case::DecisionKind;
use idphoto_review::domain::id_number::IdNumber;
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::production::{CaseStanding, Paper, PrintSize};
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::role::{Actor, Role};
use idphoto_review::domain::student::{DocumentType, Student};
use idphoto_review::production::{ProduceOptions, ProduceReport, ProductionError, produce};
use idphoto_review::store::{
    BoardList, CampaignId, DecisionRequest, NewUser, PrintRun, PrintedCase, Store, StoreError,
    UploadRequest,
};
use lopdf::content::Content;

mod common;
use common::db::TestDb;
use common::id;

const PHOTOS: [&[u8]; 3] = [
    include_bytes!("../assets/demo/fr__obama.jpg"),
    include_bytes!("../assets/demo/hivision__test1.jpg"),
    include_bytes!("../assets/demo/skimage__astronaut_eileen_collins.jpg"),
];
/// Names with characters rare enough to be missing from small CJK fonts, and a formula.
const NAMES: [&str; 8] = [
    "欧阳喆",
    "李昇",
    "王珺",
    "=SUM(A1)",
    "赵堃",
    "钱镕",
    "孙旻",
    "周翀",
];

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 25, 2, 0, 0).unwrap()
}

struct Fixture {
    dir: TestDb,
    store: Store,
    campaign: CampaignId,
    supervisor: Actor,
    reviewer: Actor,
    /// Case id by student number.
    cases: HashMap<u32, i64>,
}

/// Students 0–7 in batch 第1批 of 计算机学院, 8–9 in batch 第2批; 10 is a passport holder
/// (collected offline) and 11 never uploads, both in 第1批. 0, 1, 2, 3, 8, 9 are approved,
/// 4 rejected (waiting), 5 pending, 6 escalated, 7 failed with a make-up shoot booked.
impl Fixture {
    fn new() -> Self {
        let dir = TestDb::new();
        let mut store = Store::open_or_create(&dir.location).unwrap();
        let user = |name, role| NewUser {
            name,
            display_name: "",
            role,
            password: "password",
        };
        let supervisor = store
            .add_user(None, &user("chen", Role::Supervisor), t0())
            .unwrap()
            .actor();
        let reviewer = store
            .add_user(Some(&supervisor), &user("lijing", Role::Reviewer), t0())
            .unwrap()
            .actor();
        let campaign = store
            .create_campaign(&supervisor, &Campaign::seed("c", "示例大学"), t0())
            .unwrap();
        let roster: Vec<Student> = (0..12)
            .map(|i| {
                let name = NAMES
                    .get(i as usize)
                    .map_or(format!("学生{i}"), |n| (*n).to_owned());
                let mut s = Student::mainland(&name, &IdNumber::parse(&id(i)).unwrap());
                if i == 10 {
                    s.doc_type = DocumentType::Passport;
                    s.id_number = "E12345678".into();
                }
                s.student_no = Some(format!("2023{i:04}"));
                s.school = Some("计算机学院".into());
                s.programme = Some("软件工程".into());
                s.mailing_batch = Some(
                    if (8..10).contains(&i) {
                        "第2批"
                    } else {
                        "第1批"
                    }
                    .into(),
                );
                s
            })
            .collect();
        store
            .insert_students(&supervisor, campaign, &roster, "test", t0())
            .unwrap();
        let mut f = Self {
            dir,
            store,
            campaign,
            supervisor,
            reviewer,
            cases: HashMap::new(),
        };
        for n in [0, 1, 2, 3, 8, 9] {
            f.upload_and(n, Some(DecisionKind::Approve));
        }
        f.upload_and(4, Some(DecisionKind::Reject));
        f.upload_and(5, None);
        f.upload_and(6, Some(DecisionKind::Escalate));
        f.upload_and(7, Some(DecisionKind::Reject));
        let late = t0() + Duration::days(5);
        f.store.sweep(late, &f.supervisor.clone()).unwrap();
        let case7 = f.cases[&7];
        f.store
            .record_makeup_shoot(&f.supervisor, case7, late + Duration::days(1), None, late)
            .unwrap();
        f
    }

    fn upload_and(&mut self, n: u32, kind: Option<DecisionKind>) -> i64 {
        let sid = id(n);
        // Student 7 is decided early enough for the sweep to fail it; the others stay fresh.
        let at = if n == 7 {
            t0()
        } else {
            t0() + Duration::days(4)
        } + Duration::minutes(n.into());
        let req = UploadRequest {
            campaign: self.campaign,
            id_number: &sid,
            bytes: PHOTOS[n as usize % PHOTOS.len()],
            original_name: "x.jpg",
            submitted_at: at,
            actor: &self.supervisor,
        };
        let receipt = self.store.record_upload(&req, at).unwrap();
        self.cases.insert(n, receipt.case_id);
        if let Some(kind) = kind {
            let reasons = if kind == DecisionKind::Reject {
                vec![ReasonCode::Blurry]
            } else {
                Vec::new()
            };
            self.decide(
                receipt.submission_id,
                kind,
                reasons,
                at + Duration::hours(1),
            );
        }
        receipt.submission_id
    }

    fn decide(
        &mut self,
        submission_id: i64,
        kind: DecisionKind,
        reasons: Vec<ReasonCode>,
        at: DateTime<Utc>,
    ) {
        self.store
            .decide(
                &DecisionRequest {
                    submission_id,
                    actor: self.reviewer.clone(),
                    kind,
                    reasons,
                    note: None,
                },
                at,
            )
            .unwrap();
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn produce(
        &mut self,
        out: &Path,
        batch: Option<&str>,
        reprint: Option<&str>,
        who: &Actor,
    ) -> Result<ProduceReport, ProductionError> {
        let opts = ProduceOptions {
            out,
            campaign: "c",
            batch,
            reprint,
            only: &[],
            lang: Lang::Zh,
            print: None,
        };
        produce(&mut self.store, &opts, who, now(), &mut |_, _| {})
    }

    fn set_print(&self, size: PrintSize, paper: Paper, copies: u32) {
        let rows = self
            .store
            .query_unchecked("SELECT rules_json FROM campaigns WHERE name = 'c'", ())
            .unwrap();
        let json: String = rows[0].get(0).unwrap();
        let mut rules: serde_json::Value = serde_json::from_str(&json).unwrap();
        rules["print"] = serde_json::json!({
            "size": {"width_mm": size.width_mm, "height_mm": size.height_mm},
            "copies": copies,
            "paper": paper.code(),
        });
        self.store
            .execute_unchecked(
                "UPDATE campaigns SET rules_json = ?1 WHERE name = 'c'",
                [rules.to_string()],
            )
            .unwrap();
    }
}

fn now() -> DateTime<Utc> {
    t0() + Duration::days(6)
}

/// Every photo box of a PDF page, in mm: the clip rectangle drawn before each image, with the
/// image's matrix (width and height in pt).
fn photo_boxes(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<((f64, f64), (f64, f64))> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let num = |o: &lopdf::Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|i| i as f64))
            .unwrap()
    };
    let mut boxes = Vec::new();
    let mut last_rect = None;
    let mut last_cm = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "re" => last_rect = Some((num(&op.operands[2]), num(&op.operands[3]))),
            "cm" => last_cm = Some((num(&op.operands[0]), num(&op.operands[3]))),
            "Do" => boxes.push((last_rect.take().unwrap(), last_cm.take().unwrap())),
            _ => {}
        }
    }
    let mm = |pt: f64| pt * 25.4 / 72.0;
    boxes
        .into_iter()
        .map(|((w, h), (iw, ih))| ((mm(w), mm(h)), (mm(iw), mm(ih))))
        .collect()
}

fn file(report: &ProduceReport, ends: &str) -> Vec<u8> {
    let name = report.envelopes[0]
        .files
        .iter()
        .find(|f| f.ends_with(ends))
        .unwrap();
    std::fs::read(report.out.join(name)).unwrap()
}

both_backends! {
    fn sheets_hold_every_copy_at_the_print_size_and_nothing_is_stretched() {
        let mut f = Fixture::new();
        for (size, paper, copies, per_sheet) in [
            (PrintSize::SMALL_TWO_INCH, Paper::SixInch, 4, 4),
            (PrintSize::TWO_INCH, Paper::A4, 3, 20),
        ] {
            f.set_print(size, paper, copies);
            let out = f.out(&format!("prints-{}", paper.code()));
            let reason = (paper == Paper::A4).then_some("A4 proof for the school");
            let report = f
                .produce(&out, Some("第1批"), reason, &f.supervisor.clone())
                .unwrap();
            // Batch 第1批 has 4 approved students (0–3).
            assert_eq!(report.students, 4);
            assert_eq!(report.copies, 4 * copies as usize);
            let doc = lopdf::Document::load_mem(&file(&report, "-sheets.pdf")).unwrap();
            let pages = doc.get_pages();
            // A student's copies never split across sheets when they fit on one.
            let students_per_sheet = per_sheet / copies as usize;
            assert_eq!(
                pages.len(),
                4usize.div_ceil(students_per_sheet),
                "{paper:?}"
            );
            assert_eq!(report.sheets, pages.len());
            let mut seen = 0;
            for page in pages.values() {
                for ((w, h), (iw, ih)) in photo_boxes(&doc, *page) {
                    assert!((w - size.width_mm).abs() < 0.1, "box width {w} mm");
                    assert!((h - size.height_mm).abs() < 0.1, "box height {h} mm");
                    // The 480×640 photo keeps its 3:4 shape and covers the box.
                    assert!((iw / ih - 0.75).abs() < 1e-3, "stretched: {iw}×{ih}");
                    assert!(ih >= h - 1e-6 && iw >= w - 1e-6);
                    seen += 1;
                }
            }
            assert_eq!(seen, report.copies);
        }
    }
}

both_backends! {
    fn rare_names_render_with_the_font_embedded() {
        let mut f = Fixture::new();
        let report = f
            .produce(&f.out("p"), Some("第1批"), None, &f.supervisor.clone())
            .unwrap();
        assert!(
            report.missing_glyphs.is_empty(),
            "{:?}",
            report.missing_glyphs
        );
        for ends in ["-sheets.pdf", "-packing.pdf"] {
            let bytes = file(&report, ends);
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            let mut font_file = None;
            let mut to_unicode = String::new();
            for obj in doc.objects.values() {
                let Ok(stream) = obj.as_stream() else {
                    continue;
                };
                if stream
                    .dict
                    .get(b"Subtype")
                    .ok()
                    .and_then(|s| s.as_name().ok())
                    == Some(b"CIDFontType0C")
                {
                    font_file = Some(stream.decompressed_content().unwrap());
                }
                let plain = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                if plain.windows(9).any(|w| w == b"beginbfch") {
                    to_unicode.push_str(&String::from_utf8_lossy(&plain));
                }
            }
            let cff = font_file.expect("the font is embedded");
            // A subset (a few dozen glyphs), not the 9 MB font; CFF version 1.
            assert!(cff.len() < 150_000 && cff[0] == 1, "{} bytes", cff.len());
            let to_unicode = to_unicode.to_uppercase();
            for name in &NAMES[..3] {
                for c in name.chars() {
                    let hex = format!("<{:04X}>", u32::from(c));
                    assert!(
                        to_unicode.contains(&hex),
                        "{c} ({hex}) has no glyph in {ends}"
                    );
                }
            }
        }
    }
}

both_backends! {
    fn packing_list_totals_equal_the_roster_and_name_every_reason() {
        let mut f = Fixture::new();
        let report = f
            .produce(&f.out("p"), None, None, &f.supervisor.clone())
            .unwrap();
        assert_eq!(report.envelopes.len(), 2);
        let first = &report.envelopes[0];
        assert_eq!(first.batch.as_deref(), Some("第1批"));
        assert_eq!(first.totals.roster, 10);
        assert_eq!(first.totals.in_envelope, 4);
        let not_in: usize = first.totals.not_in.iter().map(|(_, n)| n).sum();
        assert_eq!(first.totals.in_envelope + not_in, first.totals.roster);
        assert_eq!(report.envelopes[1].totals.roster, 2);

        let csv = file(&report, "-packing.csv");
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
        let mut reader = csv::Reader::from_reader(&csv[3..]);
        let header = reader.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 10, "one row per roster student");
        let status_of = |name: &str| {
            let row = rows.iter().find(|r| &r[col("name")] == name).unwrap();
            (row[col("status")].to_owned(), row[col("detail")].to_owned())
        };
        assert_eq!(status_of("欧阳喆").0, "in_envelope");
        // The formula name stays text.
        assert_eq!(status_of("'=SUM(A1)").0, "in_envelope");
        let (rejected, due) = status_of("赵堃");
        assert_eq!(rejected, "rejected_waiting");
        assert!(due.contains("2026-03-31"), "{due}");
        assert_eq!(status_of("钱镕").0, "awaiting_review");
        assert_eq!(status_of("孙旻").0, "awaiting_review");
        let (failed, makeup) = status_of("周翀");
        assert_eq!(failed, "collection_failed");
        assert!(
            makeup.contains("2026-03-31"),
            "make-up shoot shown: {makeup}"
        );
        assert_eq!(status_of("学生10").0, "collected_offline");
        assert_eq!(status_of("学生11").0, "no_upload");
        let masked = rows.iter().find(|r| &r[col("name")] == "学生10").unwrap();
        assert_eq!(&masked[col("id_number_masked")], "E1*****78");
        assert!(
            !String::from_utf8_lossy(&csv).contains(&id(0)),
            "full ID numbers never printed"
        );
    }
}

both_backends! {
    fn printing_twice_prints_nothing_new_and_a_reprint_is_explicit_and_audited() {
        let mut f = Fixture::new();
        let sup = f.supervisor.clone();
        f.produce(&f.out("first"), None, None, &sup).unwrap();
        let again = f.produce(&f.out("second"), None, None, &sup);
        assert!(
            matches!(
                again,
                Err(ProductionError::NothingToPrint { already: 6, .. })
            ),
            "{again:?}"
        );
        assert!(!f.out("second").exists(), "nothing written");
        assert!(matches!(
            f.produce(&f.out("r"), None, Some("  "), &sup),
            Err(ProductionError::ReprintReason)
        ));
        let reprint = f
            .produce(
                &f.out("r"),
                Some("第2批"),
                Some("envelope lost in the post"),
                &sup,
            )
            .unwrap();
        assert_eq!(reprint.students, 2);
        let audit = f.store.audit_tail(50).unwrap();
        let run = audit
            .iter()
            .find(|a| a.action == "production.reprint")
            .unwrap();
        assert_eq!(run.actor, "chen");
        assert_eq!(run.detail["reason"], "envelope lost in the post");
        assert_eq!(
            audit
                .iter()
                .filter(|a| a.action == "case.reprinted")
                .count(),
            2
        );
        assert_eq!(
            audit.iter().filter(|a| a.action == "case.printed").count(),
            6
        );

        // A student approved later is printed by the next run, alone.
        let roster = f.store.production_roster(None, None).unwrap();
        let pending = roster.iter().find(|e| e.name == "钱镕").unwrap();
        let sub = pending
            .standing
            .case
            .as_ref()
            .unwrap()
            .current_submission_id
            .unwrap();
        f.decide(sub, DecisionKind::Approve, Vec::new(), now());
        let later = f.produce(&f.out("later"), None, None, &sup).unwrap();
        assert_eq!(later.students, 1);
    }
}

both_backends! {
    fn a_reviewer_is_refused_and_nothing_is_recorded() {
        let mut f = Fixture::new();
        let reviewer = f.reviewer.clone();
        let refused = f.produce(&f.out("p"), None, None, &reviewer);
        assert!(
            matches!(refused, Err(ProductionError::Forbidden(_))),
            "{refused:?}"
        );
        assert!(!f.out("p").exists());
        // Straight to the store, with a hand-made supervisor actor of the reviewer's account.
        let forged = Actor {
            role: Role::Supervisor,
            ..reviewer
        };
        let printed = [PrintedCase {
            case_id: f.cases[&0],
            submission_id: 1,
            mailing_batch: None,
        }];
        let run = PrintRun {
            campaign: f.campaign,
            batch: None,
            target: "x",
            print: &idphoto_review::domain::production::PrintSettings::default(),
            reprint_reason: None,
            printed: &printed,
        };
        let err = f.store.record_print_run(&forged, &run, now()).unwrap_err();
        assert!(matches!(err, StoreError::Forbidden(_)), "{err:?}");
        assert!(
            f.store
                .audit_tail(100)
                .unwrap()
                .iter()
                .all(|a| !a.action.starts_with("production"))
        );
    }
}

both_backends! {
    fn a_case_reopened_after_printing_is_flagged_on_the_board() {
        let mut f = Fixture::new();
        let sup = f.supervisor.clone();
        f.produce(&f.out("p"), None, None, &sup).unwrap();
        let withdrawn = |f: &Fixture| -> Vec<i64> {
            f.store
                .board_list(BoardList::PrintWithdrawn, now(), Duration::hours(6))
                .unwrap()
                .iter()
                .map(|r| r.case_id)
                .collect()
        };
        assert!(withdrawn(&f).is_empty());
        let case = f.cases[&1];
        f.store
            .reopen_case(&sup, case, "student asked for a new photo", now())
            .unwrap();
        assert_eq!(withdrawn(&f), [case]);
        // The board's SQL and the domain rule agree on every roster student.
        let roster = f.store.production_roster(None, None).unwrap();
        for e in &roster {
            let domain = e
                .standing
                .case
                .as_ref()
                .is_some_and(CaseStanding::print_withdrawn);
            let on_board = e
                .standing
                .case
                .as_ref()
                .is_some_and(|c| withdrawn(&f).contains(&c.case_id));
            assert_eq!(domain, on_board, "{}", e.name);
        }
        let overview = idphoto_review::production::overview(&roster);
        let first = overview
            .iter()
            .find(|o| o.batch.as_deref() == Some("第1批"))
            .unwrap();
        assert_eq!(
            (first.roster, first.approved, first.printed, first.withdrawn),
            (10, 3, 3, 1)
        );
        assert_eq!(first.missing.len(), 7);
    }
}
