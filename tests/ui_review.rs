//! The review window driven headless with `egui_kittest`: keys in, database rows out.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use idphoto_review::domain::case::{CaseState, DecisionKind};
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::role::Actor;
use idphoto_review::store::{DecisionRequest, Store};
use idphoto_review::ui::{AttemptFilter, Command, Filter, ReviewApp, Status};

mod common;

struct Desk {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ui.db");
    let mut store = Store::open_or_create(&db).unwrap();
    idphoto_review::demo::build(&mut store, 60, 11, Utc::now()).unwrap();
    Desk { _dir: dir, db }
}

/// Signs a demo account in (0: the supervisor, 1: the reviewer).
fn demo_actor(db: &Path, account: usize) -> Actor {
    let a = idphoto_review::demo::DEMO_ACCOUNTS[account];
    match Store::open(db) {
        Ok(mut store) => store.authenticate(a.name, a.password).unwrap(),
        // A database that cannot be opened: the window reports it (see the last tests).
        Err(_) => Actor {
            user_id: 2,
            name: a.name.into(),
            display_name: a.display_name.into(),
            role: a.role,
        },
    }
}

fn harness(db: &Path) -> Harness<'static, Option<ReviewApp>> {
    harness_as(db, 1)
}

fn app<'a>(h: &'a Harness<'static, Option<ReviewApp>>) -> &'a ReviewApp {
    h.state().as_ref().unwrap()
}

/// Steps frames until `done` holds: the worker thread answers asynchronously.
fn wait_for(
    h: &mut Harness<'static, Option<ReviewApp>>,
    what: &str,
    done: impl Fn(&ReviewApp) -> bool,
) {
    let start = Instant::now();
    while !done(app(h)) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
}

fn settled(a: &ReviewApp) -> bool {
    a.review.in_flight.is_none()
        && a.review.shown.as_ref().map(|s| s.detail.submission_id) == a.review.queue.selected
}

fn open(desk: &Desk) -> Harness<'static, Option<ReviewApp>> {
    let mut h = harness(&desk.db);
    wait_for(&mut h, "the first photo", |a| {
        a.review.shown.is_some() && settled(a)
    });
    h
}

fn shown_id(h: &Harness<'static, Option<ReviewApp>>) -> i64 {
    app(h).review.shown.as_ref().unwrap().detail.submission_id
}

fn state_in_db(db: &Path, submission: i64) -> CaseState {
    Store::open(db)
        .unwrap()
        .submission_detail(submission)
        .unwrap()
        .state
}

#[test]
fn opens_on_the_most_urgent_photo() {
    let d = desk();
    let h = open(&d);
    let a = app(&h);
    let expected = Store::open(&d.db).unwrap().queue(Some(1)).unwrap()[0].submission_id;
    assert_eq!(a.review.queue.selected_pos(), Some(0));
    assert_eq!(shown_id(&h), expected);
    assert!(
        a.review.shown.as_ref().unwrap().texture.is_some(),
        "photo decoded"
    );
}

#[test]
fn a_approves_and_advances() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let first = shown_id(&h);
    let queued = app(&h).review.queue.items.len();
    h.key_press(Key::A);
    wait_for(&mut h, "the approval", |a| {
        a.review.decided_today == base + 1 && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::Approved);
    assert_eq!(app(&h).review.queue.items.len(), queued - 1);
    assert_ne!(shown_id(&h), first, "advanced to the next photo");
    let detail = Store::open(&d.db)
        .unwrap()
        .submission_detail(first)
        .unwrap();
    assert_eq!(detail.history.last().unwrap().reviewer, "reviewer");
}

#[test]
fn reject_needs_a_reason_then_stores_both_ticked_reasons() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let first = shown_id(&h);
    // Start from no reasons, whatever the checks suggested for this photo.
    h.state_mut().as_mut().unwrap().review.draft.reasons.clear();
    h.key_press(Key::R);
    h.step();
    assert!(
        app(&h).review.draft.picker.is_some(),
        "R opens the reason picker"
    );
    h.key_press(Key::Enter);
    h.step();
    h.step();
    assert!(
        matches!(app(&h).view.status, Some(Status::Error(_))),
        "asks for a reason"
    );
    assert!(
        app(&h).review.draft.picker.is_some(),
        "the picker stays open"
    );
    assert_eq!(state_in_db(&d.db, first), CaseState::PendingReview);

    // Typing filters the catalogue; number keys tick the numbered rows.
    h.event(egui::Event::Text("模糊".into()));
    h.step();
    let listed = idphoto_review::ui::reason_picker::listed("模糊", &app(&h).suggested());
    assert_eq!(listed[0], ReasonCode::Blurry, "{listed:?}");
    h.key_press(Key::Num1);
    h.step();
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::ToggleReason(ReasonCode::FaceTooDark));
    h.step();
    assert_eq!(app(&h).review.draft.reasons.len(), 2);
    h.key_press(Key::Enter);
    wait_for(&mut h, "the rejection", |a| {
        a.review.decided_today == base + 1 && settled(a)
    });
    let detail = Store::open(&d.db)
        .unwrap()
        .submission_detail(first)
        .unwrap();
    assert_eq!(detail.state, CaseState::Rejected);
    let mut reasons = detail.history.last().unwrap().reasons.clone();
    reasons.sort();
    assert_eq!(reasons, [ReasonCode::FaceTooDark, ReasonCode::Blurry]);
}

#[test]
fn e_escalates_and_the_case_stays_for_the_supervisor() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let first = shown_id(&h);
    h.key_press(Key::E);
    wait_for(&mut h, "the escalation", |a| {
        a.review.decided_today == base + 1 && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::Escalated);
}

#[test]
fn j_and_k_move_without_wrapping() {
    let d = desk();
    let mut h = open(&d);
    h.key_press(Key::K);
    h.step();
    assert_eq!(
        app(&h).review.queue.selected_pos(),
        Some(0),
        "no wrap at the top"
    );
    h.key_press(Key::J);
    wait_for(&mut h, "the second photo", |a| {
        a.review.queue.selected_pos() == Some(1) && settled(a)
    });
    assert_eq!(
        shown_id(&h),
        app(&h).review.queue.at(1).unwrap().submission_id
    );
    h.key_press(Key::K);
    wait_for(&mut h, "the first photo again", |a| {
        a.review.queue.selected_pos() == Some(0) && settled(a)
    });
}

#[test]
fn a_decision_taken_at_another_desk_is_reported_not_overwritten() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let first = shown_id(&h);
    let mut other = Store::open(&d.db).unwrap();
    let req = DecisionRequest {
        submission_id: first,
        actor: demo_actor(&d.db, 0),
        kind: DecisionKind::Reject,
        reasons: vec![ReasonCode::Blurry],
        note: None,
    };
    // Only once this desk's claim has lapsed (a desk gone quiet) can another desk decide.
    let later = Utc::now() + chrono::Duration::seconds(idphoto_review::store::CLAIM_SECS + 1);
    other.decide(&req, later).unwrap();
    h.key_press(Key::A);
    // Other notices (the clock sweep) may come first: wait for the refusal itself.
    wait_for(&mut h, "the refusal", |a| {
        a.review.in_flight.is_none() && matches!(a.view.status, Some(Status::Error(_)))
    });
    match &app(&h).view.status {
        Some(Status::Error(msg)) => {
            let en = msg.render(Lang::En);
            assert!(en.contains("supervisor"), "{en}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(state_in_db(&d.db, first), CaseState::Rejected);
    assert_eq!(app(&h).review.decided_today, base);
}

#[test]
fn language_switches_at_runtime() {
    let d = desk();
    let mut h = open(&d);
    h.state_mut().as_mut().unwrap().push(Command::ToggleLang);
    h.step();
    h.step();
    assert_eq!(app(&h).lang, Lang::En);
    assert!(h.query_by_label("Approve (A)").is_some());
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_without_freezing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("missing.db"));
    wait_for(&mut h, "the error", |a| {
        matches!(a.view.status, Some(Status::Error(_)))
    });
    for _ in 0..5 {
        h.step();
    }
    match &app(&h).view.status {
        Some(Status::Error(msg)) => {
            // Rendered in the window's language when drawn: Chinese by default, English after
            // a switch, the path last in both.
            let (zh, en) = (msg.render(Lang::Zh), msg.render(Lang::En));
            assert!(
                zh.contains("找不到数据库文件") && !zh.contains("not found"),
                "{zh}"
            );
            assert!(en.contains("not found"), "{en}");
            assert!(
                zh.ends_with("missing.db") && en.ends_with("missing.db"),
                "{zh} / {en}"
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
    assert!(app(&h).review.queue.items.is_empty());
}

#[test]
fn moving_down_the_queue_keeps_the_selection_in_view() {
    let d = desk();
    let mut h = open(&d);
    let last = app(&h).review.queue.view.len() - 1;
    assert!(last > 20, "the demo queue should be longer than one screen");
    for _ in 0..last {
        h.key_press(Key::J);
        h.step();
    }
    wait_for(&mut h, "the last photo", |a| {
        a.review.queue.selected_pos() == Some(last) && settled(a)
    });
    h.step();
    // The queue row (its text starts with the verdict mark), not the student card.
    let item = app(&h).review.queue.at(last).unwrap();
    let mark = match item.worst {
        Some(v) => idphoto_review::ui::theme::verdict_mark(v),
        None => "？",
    };
    let name = format!("{mark} {}", item.student);
    assert!(
        h.query_all_by_label_contains(&name).next().is_some(),
        "row of {name} should be rendered after moving to it"
    );
}

#[test]
fn ctrl_z_undoes_the_last_decision_and_shows_the_photo_again() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let first = shown_id(&h);
    h.key_press(Key::A);
    wait_for(&mut h, "the approval", |a| {
        a.review.decided_today == base + 1 && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::Approved);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    wait_for(&mut h, "the undo", |a| {
        a.review.decided_today == base && a.review.queue.selected == Some(first) && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::PendingReview);
    let store = Store::open(&d.db).unwrap();
    let case = store.submission_detail(first).unwrap().case_id;
    let audit = store.audit_for_case(case).unwrap();
    assert_eq!(audit.last().unwrap().action, "decision.undo");
    assert_eq!(audit.last().unwrap().actor, "reviewer");
    // Nothing more to undo: said, not silently ignored.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.step();
    assert!(matches!(app(&h).view.status, Some(Status::Info(_))));
}

#[test]
fn filters_and_search_narrow_the_queue_and_keep_a_valid_selection() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let total = app(&h).review.queue.items.len();
    let resubmissions = app(&h)
        .review
        .queue
        .items
        .iter()
        .filter(|q| q.attempt >= 2)
        .count();
    assert!(resubmissions > 0, "demo has resubmissions");
    let filter = Filter {
        attempt: AttemptFilter::Resubmission,
        ..Filter::default()
    };
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::SetFilter(filter));
    wait_for(&mut h, "a resubmission on screen", |a| {
        settled(a)
            && a.review
                .shown
                .as_ref()
                .is_some_and(|s| s.detail.attempt >= Some(2))
    });
    assert_eq!(app(&h).review.queue.view.len(), resubmissions);
    assert_eq!(app(&h).review.queue.counts.resubmissions, resubmissions);
    // Search by part of a name from the queue: `/` focuses the field, typing narrows.
    let name = app(&h).review.queue.items[total / 2].student.clone();
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::SetFilter(Filter::default()));
    h.step();
    h.key_press(Key::Slash);
    h.step();
    h.event(egui::Event::Text(name.clone()));
    h.step();
    h.step();
    let a = app(&h);
    assert!(!a.review.queue.view.is_empty() && a.review.queue.view.len() < total);
    assert!(
        a.review
            .queue
            .view
            .iter()
            .all(|&i| a.review.queue.items[i].student.contains(&name))
    );
    // Keys typed into the search field never decide anything.
    assert_eq!(a.review.decided_today, base);
}

#[test]
fn question_mark_shows_every_shortcut() {
    let d = desk();
    let mut h = open(&d);
    h.key_press(Key::Questionmark);
    h.step();
    h.step();
    assert!(app(&h).view.show_help);
    assert!(h.query_by_label("Ctrl+Z").is_some());
    assert!(h.query_by_label("J / ↓ / Space").is_some());
    h.key_press(Key::Escape);
    h.step();
    assert!(!app(&h).view.show_help);
}

#[test]
fn a_photo_open_at_another_desk_is_view_only_and_skipped_when_advancing() {
    let d = desk();
    let (first_case, second, third) = {
        let store = Store::open(&d.db).unwrap();
        let q = store.queue(Some(3)).unwrap();
        (q[0].case_id, q[1].clone(), q[2].submission_id)
    };
    // Another desk holds the second photo.
    let other_desk = demo_actor(&d.db, 2);
    Store::open(&d.db)
        .unwrap()
        .claim(second.case_id, &other_desk, Utc::now())
        .unwrap();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    wait_for(&mut h, "the claim to show", |a| {
        a.review
            .queue
            .items
            .iter()
            .any(|q| q.claimed_by.as_deref() == Some("reviewer2"))
    });
    // This desk holds the first photo.
    let mine = Store::open(&d.db)
        .unwrap()
        .claims_of_others("reviewer2", Utc::now())
        .unwrap();
    assert!(
        mine.contains(&(first_case, "reviewer".to_owned())),
        "{mine:?}"
    );
    h.key_press(Key::A);
    wait_for(&mut h, "the approval", |a| {
        a.review.decided_today == base + 1 && settled(a)
    });
    assert_eq!(
        shown_id(&h),
        third,
        "skipped the photo open at the other desk"
    );
    // Opening it by hand shows it, read-only.
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::Select(second.submission_id));
    wait_for(&mut h, "the held photo", |a| {
        settled(a) && a.review.held_by.is_some()
    });
    h.key_press(Key::A);
    h.step();
    h.step();
    assert_eq!(
        state_in_db(&d.db, second.submission_id),
        CaseState::PendingReview
    );
}

#[test]
fn keys_still_work_after_clicking_a_button_and_space_does_not_press_it_again() {
    let d = desk();
    let mut h = open(&d);
    let base = app(&h).review.decided_today;
    let first = shown_id(&h);
    h.get_by_label("提交主管 (E)").click();
    wait_for(&mut h, "the escalation", |a| {
        a.review.decided_today == base + 1 && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::Escalated);
    let second = shown_id(&h);
    h.key_press(Key::Space);
    wait_for(&mut h, "the next photo", |a| {
        settled(a) && a.review.shown.as_ref().map(|s| s.detail.submission_id) != Some(second)
    });
    assert_eq!(
        app(&h).review.decided_today,
        base + 1,
        "Space moved on, it did not escalate again"
    );
    assert_eq!(state_in_db(&d.db, second), CaseState::PendingReview);
}

fn harness_as(db: &Path, account: usize) -> Harness<'static, Option<ReviewApp>> {
    let actor = demo_actor(db, account);
    let db = db.to_owned();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            move |ui, app: &mut Option<ReviewApp>| {
                let app = app.get_or_insert_with(|| {
                    ReviewApp::new(ui.ctx(), db.clone().into(), Lang::Zh, actor.clone())
                });
                app.logic(ui.ctx());
                app.ui(ui);
            },
            None,
        );
    h.step();
    h
}

#[test]
fn a_supervisor_opens_the_deadline_board_and_statistics_a_reviewer_cannot() {
    use idphoto_review::ui::supervisor::Screen;
    let d = desk();
    let mut h = harness_as(&d.db, 0);
    wait_for(&mut h, "the queue", |a| a.review.queue.loaded);
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::ShowScreen(Screen::Board));
    wait_for(&mut h, "the board", |a| {
        a.supervisor.board.board().is_some()
    });
    let overdue = app(&h)
        .supervisor
        .board
        .board()
        .unwrap()
        .rows(idphoto_review::store::BoardList::ReviewsOverdue)
        .len();
    assert!(overdue > 0, "the demo has overdue reviews");
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::ShowScreen(Screen::Stats));
    wait_for(&mut h, "the statistics", |a| {
        a.supervisor.stats.stats().is_some()
    });
    // A reviewer's window has no such screens.
    let mut r = harness(&d.db);
    wait_for(&mut r, "the queue", |a| a.review.queue.loaded);
    r.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::ShowScreen(Screen::Board));
    r.step();
    assert_eq!(app(&r).supervisor.screen, Screen::Review);
}

/// The reviewer rejects the first photo awaiting review (not escalated) at `at`; returns its
/// submission id.
fn reject_first_pending(db: &Path, at: chrono::DateTime<Utc>) -> i64 {
    let mut store = Store::open(db).unwrap();
    let item = store
        .queue(None)
        .unwrap()
        .into_iter()
        .find(|q| q.state == CaseState::PendingReview)
        .unwrap();
    let req = DecisionRequest {
        submission_id: item.submission_id,
        actor: demo_actor(db, 1),
        kind: DecisionKind::Reject,
        reasons: vec![ReasonCode::Blurry],
        note: None,
    };
    store.decide(&req, at).unwrap();
    item.submission_id
}

#[test]
fn the_window_runs_the_clock_sweep_at_start() {
    let d = desk();
    // Rejected 49 hours ago: the student's 48 hours ran out an hour ago.
    let sub = reject_first_pending(&d.db, Utc::now() - chrono::Duration::hours(49));
    assert_eq!(state_in_db(&d.db, sub), CaseState::Rejected);
    let mut h = harness(&d.db);
    wait_for(&mut h, "the sweep", |_| {
        state_in_db(&d.db, sub) == CaseState::CollectionFailed
    });
    let store = Store::open(&d.db).unwrap();
    let case = store.submission_detail(sub).unwrap().case_id;
    let last = store.audit_for_case(case).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.actor.as_str()),
        ("case.collection_failed", "reviewer")
    );
}

#[test]
fn a_supervisor_extends_a_rejected_case_from_its_case_file_a_reviewer_is_refused() {
    use idphoto_review::ui::board::{BoardCommand, CaseAction};
    let d = desk();
    let sub = reject_first_pending(&d.db, Utc::now());
    let case = Store::open(&d.db)
        .unwrap()
        .submission_detail(sub)
        .unwrap()
        .case_id;
    let extend = |reason: &str| {
        Command::Board(BoardCommand::Act {
            case,
            action: CaseAction::Extend {
                hours: 72,
                reason: reason.into(),
            },
        })
    };
    let extensions = || Store::open(&d.db).unwrap().extensions(case).unwrap();

    // The reviewer's desk sends it anyway (no such screen there): the store refuses.
    let mut r = harness(&d.db);
    wait_for(&mut r, "the queue", |a| a.review.queue.loaded);
    r.state_mut()
        .as_mut()
        .unwrap()
        .push(extend("from a reviewer"));
    wait_for(&mut r, "the refusal", |a| {
        matches!(a.view.status, Some(Status::Error(_)))
    });
    assert!(extensions().is_empty());

    let mut h = harness_as(&d.db, 0);
    wait_for(&mut h, "the queue", |a| a.review.queue.loaded);
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(extend("student in hospital"));
    wait_for(&mut h, "the extension", |_| !extensions().is_empty());
    let granted = extensions();
    assert_eq!(granted.len(), 1);
    assert_eq!(granted[0].reason, "student in hospital");
    assert_eq!(granted[0].granted_by, "supervisor");
    let hours = (granted[0].new_due - Utc::now()).num_minutes() as f64 / 60.0;
    assert!((71.9..=72.0).contains(&hours), "{hours}");
    // The case file on screen is fetched again and shows the change.
    wait_for(&mut h, "the case file", |a| {
        a.supervisor.board.case().is_some_and(|c| {
            c.file()
                .audit
                .iter()
                .any(|e| e.action.contains("extension"))
        })
    });
}

/// A reviewer's window starts the supervisor-only `kind` from the File menu and is refused.
fn a_reviewer_is_refused(d: &Desk, kind: idphoto_review::ui::JobKind) {
    use idphoto_review::ui::JobResult;
    let mut r = harness(&d.db);
    wait_for(&mut r, "the queue", |a| a.review.queue.loaded);
    r.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(kind));
    wait_for(&mut r, "the refusal", |a| {
        a.menu.job.as_ref().is_some_and(|j| j.result.is_some())
    });
    let result = &app(&r).menu.job.as_ref().unwrap().result;
    assert!(
        matches!(result, Some(JobResult::Failed(e)) if e.render(Lang::En).contains("supervisors only")
            && e.render(Lang::Zh).contains("仅限主管")),
        "{result:?}"
    );
}

#[test]
fn a_supervisor_exports_from_the_file_menu_a_reviewer_cannot() {
    use idphoto_review::ui::{JobKind, JobResult};
    let d = desk();
    let out = tempfile::tempdir().unwrap();
    let finished = |a: &ReviewApp| a.menu.job.as_ref().is_some_and(|j| j.result.is_some());

    let refused = out.path().join("by-reviewer");
    a_reviewer_is_refused(
        &d,
        JobKind::ExportChsi {
            out: refused.clone(),
            encrypt_to: None,
        },
    );
    assert!(!refused.exists());

    let mut h = harness_as(&d.db, 0);
    wait_for(&mut h, "the queue", |a| a.review.queue.loaded);
    let package = out.path().join("chsi");
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(JobKind::ExportChsi {
            out: package.clone(),
            encrypt_to: None,
        }));
    wait_for(&mut h, "the CHSI export", finished);
    match &app(&h).menu.job.as_ref().unwrap().result {
        Some(JobResult::Chsi(report)) => assert!(report.photos > 0),
        other => panic!("{other:?}"),
    }
    assert!(package.join("manifest.csv").exists());

    h.state_mut().as_mut().unwrap().push(Command::DismissJob);
    let base = out.path().join("decisions");
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(JobKind::ExportDecisions(base.clone())));
    wait_for(&mut h, "the decisions export", |a| {
        a.menu
            .job
            .as_ref()
            .is_some_and(|j| matches!(j.kind, JobKind::ExportDecisions(_)) && j.result.is_some())
    });
    match &app(&h).menu.job.as_ref().unwrap().result {
        Some(JobResult::Decisions(report)) => assert!(report.decisions > 0),
        other => panic!("{other:?}"),
    }
    assert!(out.path().join("decisions.csv").exists());
    assert!(out.path().join("decisions.json").exists());

    // Sealed for the school's key: only the encrypted tar and its README are written.
    h.state_mut().as_mut().unwrap().push(Command::DismissJob);
    let key = age::x25519::Identity::generate();
    let sealed = out.path().join("sealed");
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(JobKind::ExportChsi {
            out: sealed.clone(),
            encrypt_to: Some(key.to_public().to_string()),
        }));
    wait_for(&mut h, "the sealed export", |a| {
        a.menu.job.as_ref().is_some_and(|j| {
            matches!(&j.kind, JobKind::ExportChsi { out, .. } if *out == sealed)
                && j.result.is_some()
        })
    });
    match &app(&h).menu.job.as_ref().unwrap().result {
        Some(JobResult::Chsi(report)) => assert!(report.encrypted),
        other => panic!("{other:?}"),
    }
    assert!(sealed.join("chsi.tar.age").exists());
    assert!(!sealed.join("manifest.csv").exists());
}

#[test]
fn recheck_from_the_file_menu_redoes_out_of_date_results() {
    use idphoto_review::ui::{JobKind, JobResult};
    let d = desk();
    let current = common::make_checks_out_of_date(&d.db.clone().into(), 2);
    let mut h = harness_as(&d.db, 0);
    wait_for(&mut h, "the queue", |a| a.review.queue.loaded);
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(JobKind::Recheck));
    wait_for(&mut h, "the recheck", |a| {
        a.menu.job.as_ref().is_some_and(|j| j.result.is_some())
    });
    match &app(&h).menu.job.as_ref().unwrap().result {
        Some(JobResult::Rechecked(r)) => assert_eq!((r.checked, r.unreadable), (2, 0)),
        other => panic!("{other:?}"),
    }
    let store = Store::open(&d.db).unwrap();
    assert!(
        store
            .photos_to_check(false)
            .unwrap()
            .iter()
            .all(|p| p.cached_version == Some(current))
    );
}

#[test]
fn a_supervisor_produces_prints_from_the_file_menu_and_sees_them_on_the_board() {
    use idphoto_review::ui::supervisor::Screen;
    use idphoto_review::ui::{JobKind, JobResult};
    let d = desk();
    let out = tempfile::tempdir().unwrap();
    let job = |out: PathBuf| JobKind::Produce {
        out,
        batch: None,
        lang: Lang::Zh,
    };
    let finished = |a: &ReviewApp| a.menu.job.as_ref().is_some_and(|j| j.result.is_some());

    let refused = out.path().join("by-reviewer");
    a_reviewer_is_refused(&d, job(refused.clone()));
    assert!(!refused.exists());

    let mut h = harness_as(&d.db, 0);
    wait_for(&mut h, "the queue", |a| a.review.queue.loaded);
    let prints = out.path().join("prints");
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(job(prints.clone())));
    wait_for(&mut h, "the production run", finished);
    let students = match &app(&h).menu.job.as_ref().unwrap().result {
        Some(JobResult::Produced(report)) => {
            assert!(report.students > 0 && report.sheets > 0, "{report:?}");
            report.students
        }
        other => panic!("{other:?}"),
    };
    assert!(std::fs::read_dir(&prints).unwrap().count() >= 3);

    // The board's production list counts them printed; a second run has nothing new.
    h.state_mut().as_mut().unwrap().push(Command::DismissJob);
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::ShowScreen(Screen::Board));
    wait_for(&mut h, "the production list", |a| {
        a.supervisor.board.production().is_some()
    });
    let printed: usize = app(&h)
        .supervisor
        .board
        .production()
        .unwrap()
        .iter()
        .map(|b| b.printed)
        .sum();
    assert_eq!(printed, students);
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::StartJob(job(out.path().join("again"))));
    wait_for(&mut h, "the second run", finished);
    let again = &app(&h).menu.job.as_ref().unwrap().result;
    assert!(matches!(again, Some(JobResult::Info(_))), "{again:?}");
    assert!(!out.path().join("again").exists());
}

/// File → Open checks the new database off the UI thread: a database that cannot be opened
/// is reported and the desk keeps its own; one that opens takes over.
#[test]
fn opening_another_database_never_freezes_the_window_and_keeps_the_desk_on_failure() {
    let d = desk();
    let mut h = open(&d);
    let before = shown_id(&h);
    let missing = d.db.with_file_name("missing.db");
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::OpenDatabase(missing.display().to_string()));
    // The frame that applies the command returns at once: the opening runs on a thread.
    let started = Instant::now();
    h.step();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "the frame waited"
    );
    wait_for(&mut h, "the refusal", |a| {
        matches!(a.view.status, Some(Status::Error(_)))
    });
    assert_eq!(shown_id(&h), before, "still on the first database");
    assert_eq!(app(&h).session.db.to_string(), d.db.display().to_string());

    let other = desk();
    h.state_mut()
        .as_mut()
        .unwrap()
        .push(Command::OpenDatabase(other.db.display().to_string()));
    wait_for(&mut h, "the other database", |a| {
        a.session.db.to_string() == other.db.display().to_string()
            && a.review.shown.is_some()
            && settled(a)
    });
}

/// A server database opened from the File menu asks for a sign-in there: on `PostgreSQL` the
/// account works as its own database role, which only its password opens, so the window does
/// not carry on with the URL's login.
#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn opening_a_server_database_from_the_menu_asks_to_sign_in_there() {
    use common::db::{Backend, TestDb, with_backend};
    with_backend(Backend::Postgres, || {
        let d = desk();
        let server = TestDb::new();
        common::populated(&server.location, 1);
        let mut h = open(&d);
        h.state_mut()
            .as_mut()
            .unwrap()
            .push(Command::OpenDatabase(server.arg()));
        wait_for(&mut h, "the sign-in request", |a| {
            a.session.sign_in_at.is_some()
        });
        assert_eq!(app(&h).session.sign_in_at.as_ref(), Some(&server.location));
    });
}
