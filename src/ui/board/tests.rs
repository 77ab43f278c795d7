//! The board screen driven headless: tabs, sorting by header, filtering, clicks.
#![allow(clippy::unwrap_used)] // Tests may panic.

use chrono::{Duration, TimeZone};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::*;
use crate::domain::case::CaseState;
use crate::domain::student::Student;
use crate::store::CaseFile;

/// The screen, the commands it emitted, and whether the app fonts are installed yet.
type State = (BoardScreen, Vec<BoardCommand>, bool);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).unwrap()
}

fn row(case_id: i64, name: &str, school: &str, due_h: i64) -> BoardRow {
    BoardRow {
        case_id,
        submission_id: Some(case_id * 10),
        state: CaseState::PendingReview,
        student: name.into(),
        id_number: format!("1101051999010{case_id:05}"),
        student_no: Some(format!("2026{case_id:04}")),
        school: Some(school.into()),
        programme: Some("中文".into()),
        phone: Some("13800000000".into()),
        mailing_batch: None,
        attempts: 1,
        rejections: 0,
        submitted_at: Some(now() - Duration::hours(50)),
        due: Some(now() + Duration::hours(due_h)),
        timezone: chrono_tz::Asia::Shanghai,
    }
}

fn board() -> Board {
    let overdue = vec![
        row(1, "张三", "文学院", -2),
        row(2, "李四", "理学院", -9),
        row(3, "王五", "文学院", -5),
    ];
    Board {
        fetched_at: now(),
        due_soon_hours: 6,
        lists: BoardList::ALL
            .into_iter()
            .map(|l| {
                let rows = match l {
                    BoardList::ReviewsOverdue => overdue.clone(),
                    BoardList::ReviewsDueSoon => vec![row(4, "赵六", "法学院", 3)],
                    _ => vec![],
                };
                (l, rows)
            })
            .collect(),
    }
}

fn harness() -> Harness<'static, State> {
    harness_in(Lang::Zh)
}

fn harness_in(lang: Lang) -> Harness<'static, State> {
    let mut screen = BoardScreen::new();
    screen.set_board(board());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 700.0))
        .build_ui_state(
            move |ui, (screen, out, fonts): &mut State| {
                // The first frame only installs the CJK font: drawing before it would panic.
                if !std::mem::replace(fonts, true) {
                    crate::ui::fonts::install(ui.ctx());
                    return;
                }
                if let Some(cmd) = screen.ui(ui, lang, now()) {
                    out.push(cmd);
                }
            },
            (screen, Vec::new(), false),
        );
    h.run_steps(3);
    h
}

/// Names in the order they are drawn, top to bottom.
fn shown_names(h: &Harness<'static, State>) -> Vec<String> {
    let mut found: Vec<(f32, String)> = ["张三", "李四", "王五", "赵六"]
        .into_iter()
        .filter_map(|n| {
            h.query_by_label(n)
                .map(|node| (node.rect().min.y, n.to_owned()))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn tabs_show_counts_and_rows_start_most_urgent_first() {
    let h = harness();
    h.get_by_label("审核超时 (3)");
    h.get_by_label("即将到期 (1)");
    h.get_by_label("采集不成功 (0)");
    assert_eq!(shown_names(&h), ["李四", "王五", "张三"]);
    h.get_by_label("已超时 9 小时");
}

#[test]
fn clicking_a_header_sorts_and_clicking_again_reverses() {
    let mut h = harness();
    h.get_by_label("姓名").click();
    h.run_steps(2);
    // Unicode order of the names: 张 (U+5F20) < 李 (U+674E) < 王 (U+738B).
    assert_eq!(shown_names(&h), ["张三", "李四", "王五"]);
    h.get_by_label("姓名 ▲").click();
    h.run_steps(2);
    assert_eq!(shown_names(&h), ["王五", "李四", "张三"]);
}

#[test]
fn filter_narrows_the_list_and_export_sends_what_is_shown() {
    let mut h = harness();
    h.state_mut().0.set_filter("文学院");
    h.run_steps(2);
    assert_eq!(shown_names(&h), ["王五", "张三"]);
    h.get_by_label("导出 CSV").click();
    h.run_steps(1);
    let out = &h.state().1;
    let Some(BoardCommand::ExportCsv { list, rows }) = out.last() else {
        panic!("expected an export, got {out:?}");
    };
    assert_eq!(*list, BoardList::ReviewsOverdue);
    let ids: Vec<i64> = rows.iter().map(|r| r.case_id).collect();
    assert_eq!(ids, [3, 1]);
}

#[test]
fn clicking_a_row_opens_its_case_and_the_history_shows() {
    let mut h = harness();
    h.get_by_label("王五").click();
    h.run_steps(1);
    assert_eq!(h.state().1.last(), Some(&BoardCommand::OpenCase(3)));
    let id = crate::domain::id_number::IdNumber::parse(&valid_id()).unwrap();
    let mut student = Student::mainland("王五", &id);
    student.phone = Some("13800000003".into());
    h.state_mut().0.show_case(CaseFile {
        case_id: 3,
        campaign: "c".into(),
        timezone: chrono_tz::Asia::Shanghai,
        state: CaseState::PendingReview,
        attempts: 1,
        rejections: 0,
        review_due: Some(now() - Duration::hours(5)),
        resubmission_due: None,
        student,
        uploads: vec![],
        decisions: vec![],
        audit: vec![],
    });
    h.run_steps(2);
    h.get_by_label("案件记录 · 王五");
    h.get_by_label("13800000003");
    h.get_by_label("关闭").click();
    h.run_steps(2);
    assert!(h.state().0.case().is_none());
}

#[test]
fn switching_tabs_shows_the_other_list() {
    let mut h = harness();
    h.get_by_label("即将到期 (1)").click();
    h.run_steps(2);
    assert_eq!(shown_names(&h), ["赵六"]);
    assert_eq!(h.state().0.tab(), BoardList::ReviewsDueSoon);
    h.get_by_label("剩余 3 小时");
}

fn valid_id() -> String {
    let body = "11010519990101003";
    format!(
        "{body}{}",
        crate::domain::id_number::check_char(body.as_bytes())
    )
}

/// Sorting and filtering without a screen.
#[test]
fn sort_toggles_and_filter_ignores_case() {
    let rows = [
        row(1, "Zhang", "Law", 5),
        row(2, "An", "Science", 1),
        row(3, "Bo", "law", 3),
    ];
    assert_eq!(visible_rows(&rows, "", Sort::default()), [1, 2, 0]);
    let by_name = Sort::default().clicked(Column::Name);
    assert_eq!(visible_rows(&rows, "", by_name), [1, 2, 0]);
    let by_name_desc = by_name.clicked(Column::Name);
    assert!(by_name_desc.descending);
    assert_eq!(visible_rows(&rows, "", by_name_desc), [0, 2, 1]);
    assert_eq!(visible_rows(&rows, "LAW", by_name), [2, 0]);
    assert_eq!(visible_rows(&rows, "00002", by_name), [1]);
    assert!(visible_rows(&rows, "nobody", by_name).is_empty());
}

/// A case with one rejected upload, as the store would return it.
fn rejected_case() -> CaseFile {
    use crate::domain::campaign::FeeClass;
    use crate::domain::case::{DecisionKind, UploadOutcome};
    use crate::domain::reasons::ReasonCode;
    use crate::store::{AttemptRecord, AuditEntry, DecisionRecord};
    let id = crate::domain::id_number::IdNumber::parse(&valid_id()).unwrap();
    let at = now() - Duration::hours(60);
    CaseFile {
        case_id: 3,
        campaign: "c".into(),
        timezone: chrono_tz::Asia::Shanghai,
        state: CaseState::Rejected,
        attempts: 1,
        rejections: 1,
        review_due: Some(at + Duration::hours(48)),
        resubmission_due: Some(now() + Duration::hours(2)),
        student: Student::mainland("王五", &id),
        uploads: vec![AttemptRecord {
            submission_id: 30,
            attempt: Some(1),
            submitted_at: at,
            received_at: at,
            photo_sha256: "ab".repeat(32),
            byte_len: 35_000,
            width: Some(480),
            height: Some(640),
            original_name: "p.jpg".into(),
            fee_class: FeeClass::InWindow,
            outcome: UploadOutcome::FirstAttempt,
            is_current: true,
        }],
        decisions: vec![DecisionRecord {
            decision_id: 7,
            submission_id: 30,
            kind: DecisionKind::Reject,
            reviewer: "王磊".into(),
            decided_at: now() - Duration::hours(46),
            reasons: vec![ReasonCode::Blurry, ReasonCode::HeadSize],
            note: Some("请重拍".into()),
            from: CaseState::PendingReview,
            to: CaseState::Rejected,
        }],
        audit: vec![AuditEntry {
            id: 1,
            at,
            actor: "mini-program".into(),
            action: "upload.recorded".into(),
            campaign_id: Some(1),
            case_id: Some(3),
            submission_id: Some(30),
            detail: serde_json::json!({"attempt": 1}),
        }],
    }
}

#[test]
fn history_lists_uploads_and_decisions_with_reasons_in_the_screen_language() {
    let mut h = harness();
    h.state_mut().0.show_case(rejected_case());
    h.run_steps(2);
    // Uploaded 2026-11-25 14:00 UTC = 22:00 in Shanghai; rejected 46 h before now.
    h.get_by_label("2026-11-25 22:00");
    h.get_by_label("2026-11-26 12:00");
    h.get_by_label("原因: 面部模糊、头部大小不合适");
    h.get_by_label("说明: 请重拍");
    h.get_by_label("重新上传截止");
    h.get_by_label("2026-11-28 12:00  (剩余 2 小时)");
    h.get_by_label("操作日志").click();
    h.run_steps(2);
    h.get_by_label("upload.recorded");
    h.get_by_label("查看照片").click();
    h.run_steps(1);
    assert_eq!(h.state().1.last(), Some(&BoardCommand::OpenSubmission(30)));

    let mut en = harness_in(Lang::En);
    en.state_mut().0.show_case(rejected_case());
    en.run_steps(2);
    en.get_by_label("Reasons: Face blurry, Head too large or too small");
}

fn type_into(
    h: &mut Harness<'static, State>,
    role: egui::accesskit::Role,
    label: &str,
    text: &str,
) {
    h.get_by_role_and_label(role, label).focus();
    h.run_steps(1);
    h.get_by_role_and_label(role, label).type_text(text);
    h.run_steps(2);
}

fn acts(h: &Harness<'static, State>) -> Vec<BoardCommand> {
    h.state()
        .1
        .iter()
        .filter(|c| matches!(c, BoardCommand::Act { .. }))
        .cloned()
        .collect()
}

#[test]
fn a_rejected_case_can_be_extended_or_reopened_only_with_a_reason() {
    use egui::accesskit::Role;
    let mut h = harness();
    h.state_mut().0.show_case(rejected_case());
    h.run_steps(2);
    // A rejected case is neither awaiting review nor failed: no assignment, no make-up shoot.
    assert!(h.query_by_label("指派给").is_none());
    assert!(h.query_by_label("登记补拍").is_none());
    h.get_by_role_and_label(Role::Button, "延长重新上传期限")
        .click();
    h.run_steps(2);
    h.get_by_label("请填写原因");
    assert!(acts(&h).is_empty());

    type_into(
        &mut h,
        Role::MultilineTextInput,
        "原因（必填，记入日志）",
        "住院，延后",
    );
    // "24" is in the field: typing makes it "24h", not a number.
    type_into(&mut h, Role::TextInput, "延长重新上传期限", "h");
    h.get_by_role_and_label(Role::Button, "延长重新上传期限")
        .click();
    h.run_steps(2);
    h.get_by_label("小时数应为 1–720 的整数");
    assert!(acts(&h).is_empty());

    h.get_by_role_and_label(Role::TextInput, "延长重新上传期限")
        .focus();
    h.run_steps(1);
    h.key_press(egui::Key::Backspace);
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "延长重新上传期限")
        .click();
    h.run_steps(2);
    assert_eq!(
        acts(&h),
        [BoardCommand::Act {
            case: 3,
            action: CaseAction::Extend {
                hours: 24,
                reason: "住院，延后".into(),
            },
        }]
    );
    h.state_mut().1.clear();

    h.get_by_role_and_label(Role::Button, "重新打开审核")
        .click();
    h.run_steps(2);
    assert_eq!(
        acts(&h),
        [BoardCommand::Act {
            case: 3,
            action: CaseAction::Reopen {
                reason: "住院，延后".into()
            },
        }]
    );
}

#[test]
fn a_failed_collection_offers_an_extension_and_a_make_up_shoot_in_local_time() {
    use egui::accesskit::Role;
    let mut h = harness();
    let mut file = rejected_case();
    file.state = CaseState::CollectionFailed;
    h.state_mut().0.show_case(file);
    h.run_steps(2);
    type_into(
        &mut h,
        Role::TextInput,
        "补拍时间（YYYY-MM-DD HH:MM，学校当地时间）",
        "2026-12-01 14:30",
    );
    h.get_by_role_and_label(Role::Button, "登记补拍").click();
    h.run_steps(2);
    assert_eq!(
        acts(&h),
        [BoardCommand::Act {
            case: 3,
            action: CaseAction::Makeup {
                at: Utc.with_ymd_and_hms(2026, 12, 1, 6, 30, 0).unwrap(),
                note: None,
            },
        }]
    );
    h.get_by_role_and_label(Role::Button, "延长重新上传期限");
    assert!(h.query_by_label("指派给").is_none());
}
