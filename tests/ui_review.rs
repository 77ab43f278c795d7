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
use idphoto_review::ui::{Command, ReviewApp, Status};

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
        Ok(store) => store.authenticate(a.name, a.password).unwrap(),
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
    let actor = demo_actor(db, 1);
    let db = db.to_owned();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            move |ui, app: &mut Option<ReviewApp>| {
                let app = app.get_or_insert_with(|| {
                    ReviewApp::new(ui.ctx(), db.clone(), Lang::Zh, actor.clone())
                });
                app.logic(ui.ctx());
                app.ui(ui);
            },
            None,
        );
    h.step();
    h
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
    a.in_flight.is_none()
        && a.shown.as_ref().map(|s| s.detail.submission_id)
            == a.selected
                .and_then(|i| a.queue.get(i))
                .map(|q| q.submission_id)
}

fn open(desk: &Desk) -> Harness<'static, Option<ReviewApp>> {
    let mut h = harness(&desk.db);
    wait_for(&mut h, "the first photo", |a| {
        a.shown.is_some() && settled(a)
    });
    h
}

fn shown_id(h: &Harness<'static, Option<ReviewApp>>) -> i64 {
    app(h).shown.as_ref().unwrap().detail.submission_id
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
    assert_eq!(a.selected, Some(0));
    assert_eq!(shown_id(&h), expected);
    assert!(a.shown.as_ref().unwrap().texture.is_some(), "photo decoded");
}

#[test]
fn a_approves_and_advances() {
    let d = desk();
    let mut h = open(&d);
    let first = shown_id(&h);
    let queued = app(&h).queue.len();
    h.key_press(Key::A);
    wait_for(&mut h, "the approval", |a| {
        a.decided_count == 1 && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::Approved);
    assert_eq!(app(&h).queue.len(), queued - 1);
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
    let first = shown_id(&h);
    // Start from no reasons, whatever the checks suggested for this photo.
    h.state_mut().as_mut().unwrap().reasons.clear();
    h.key_press(Key::R);
    h.step();
    h.step();
    assert!(
        matches!(app(&h).status, Some(Status::Error(_))),
        "asks for a reason"
    );
    assert_eq!(state_in_db(&d.db, first), CaseState::PendingReview);

    let a = h.state_mut().as_mut().unwrap();
    a.push(Command::ToggleReason(ReasonCode::Blurry));
    a.push(Command::ToggleReason(ReasonCode::FaceTooDark));
    h.step();
    h.key_press(Key::R);
    wait_for(&mut h, "the rejection", |a| {
        a.decided_count == 1 && settled(a)
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
    let first = shown_id(&h);
    h.key_press(Key::E);
    wait_for(&mut h, "the escalation", |a| {
        a.decided_count == 1 && settled(a)
    });
    assert_eq!(state_in_db(&d.db, first), CaseState::Escalated);
}

#[test]
fn j_and_k_move_without_wrapping() {
    let d = desk();
    let mut h = open(&d);
    h.key_press(Key::K);
    h.step();
    assert_eq!(app(&h).selected, Some(0), "no wrap at the top");
    h.key_press(Key::J);
    wait_for(&mut h, "the second photo", |a| {
        a.selected == Some(1) && settled(a)
    });
    assert_eq!(shown_id(&h), app(&h).queue[1].submission_id);
    h.key_press(Key::K);
    wait_for(&mut h, "the first photo again", |a| {
        a.selected == Some(0) && settled(a)
    });
}

#[test]
fn a_decision_taken_at_another_desk_is_reported_not_overwritten() {
    let d = desk();
    let mut h = open(&d);
    let first = shown_id(&h);
    let mut other = Store::open(&d.db).unwrap();
    let req = DecisionRequest {
        submission_id: first,
        actor: demo_actor(&d.db, 0),
        kind: DecisionKind::Reject,
        reasons: vec![ReasonCode::Blurry],
        note: None,
    };
    other.decide(&req, Utc::now()).unwrap();
    h.key_press(Key::A);
    wait_for(&mut h, "the refusal", |a| {
        a.in_flight.is_none() && a.status.is_some()
    });
    match &app(&h).status {
        Some(Status::Error(msg)) => assert!(msg.contains("supervisor"), "{msg}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(state_in_db(&d.db, first), CaseState::Rejected);
    assert_eq!(app(&h).decided_count, 0);
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
        matches!(a.status, Some(Status::Error(_)))
    });
    for _ in 0..5 {
        h.step();
    }
    match &app(&h).status {
        Some(Status::Error(msg)) => assert!(msg.contains("not found"), "{msg}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert!(app(&h).queue.is_empty());
}

#[test]
fn moving_down_the_queue_keeps_the_selection_in_view() {
    let d = desk();
    let mut h = open(&d);
    let last = app(&h).queue.len() - 1;
    assert!(last > 20, "the demo queue should be longer than one screen");
    for _ in 0..last {
        h.key_press(Key::J);
        h.step();
    }
    wait_for(&mut h, "the last photo", |a| {
        a.selected == Some(last) && settled(a)
    });
    h.step();
    // The queue row, not the student card, which shows the name too.
    let name = format!("{}  ·  ", app(&h).queue[last].student);
    assert!(
        h.query_all_by_label_contains(&name).next().is_some(),
        "row of {name} should be rendered after moving to it"
    );
}
