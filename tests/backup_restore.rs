//! Online backup while another connection keeps deciding, and restore round trips.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use idphoto_review::domain::case::DecisionKind;
use idphoto_review::store::{DecisionRequest, Store, StoreError, restore};
use rusqlite::Connection;

mod common;

use common::{populated, t0};

fn scalar(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn backup_taken_while_another_desk_decides_is_a_consistent_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let subs = populated(&db, 1500);
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let writer = {
        let (db, stop) = (db.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let actor = common::desk(&store, "desk-2");
            for (k, sub) in subs.into_iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let req = DecisionRequest {
                    submission_id: sub,
                    actor: actor.clone(),
                    kind: DecisionKind::Approve,
                    reasons: Vec::new(),
                    note: None,
                };
                let r = store.decide(
                    &req,
                    t0() + chrono::Duration::seconds(i64::try_from(k).unwrap()),
                );
                tx.send(r.unwrap().decision_id).unwrap();
            }
        })
    };
    // Let the other desk get going, then note what is committed before the backup starts.
    for _ in 0..50 {
        rx.recv().unwrap();
    }
    let reader = Connection::open(&db).unwrap();
    let before = scalar(&reader, "SELECT MAX(id) FROM decisions");
    let store = Store::open(&db).unwrap();
    let out = dir.path().join("backup.db");
    let report = store.backup_to(&out, false).unwrap();
    let during = rx.try_iter().count();
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    let after = scalar(&reader, "SELECT MAX(id) FROM decisions");
    println!(
        "backup of {} bytes; {during} decisions committed by the other desk during it; {} decisions in the copy",
        report.bytes, report.decisions
    );
    assert!(after > before, "the other desk kept deciding");

    let copy = Connection::open(&out).unwrap();
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(scalar(&copy, "PRAGMA user_version"), report.schema_version);
    assert_eq!(
        report.schema_version,
        scalar(&reader, "PRAGMA user_version")
    );
    let missing = scalar(
        &copy,
        &format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {before})
             SELECT COUNT(*) FROM n WHERE i NOT IN (SELECT id FROM decisions)"
        ),
    );
    assert_eq!(
        missing, 0,
        "decisions committed before the backup are in it"
    );
    // A snapshot: every decision in it has its audit entry and its case state.
    let torn = scalar(
        &copy,
        "SELECT COUNT(*) FROM decisions d JOIN cases c ON c.id = d.case_id
         WHERE c.state <> d.to_state OR NOT EXISTS (SELECT 1 FROM audit_log a
               WHERE json_extract(a.detail, '$.decision_id') = d.id)",
    );
    assert_eq!(torn, 0);
    // Refuses to overwrite without force.
    assert!(matches!(
        store.backup_to(&out, false),
        Err(StoreError::TargetExists(_))
    ));
    store.backup_to(&out, true).unwrap();
}

#[test]
fn restore_round_trip_keeps_the_replaced_database_and_refuses_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let subs = populated(&db, 20);
    let mut store = Store::open(&db).unwrap();
    let actor = common::desk(&store, "desk-1");
    let approve = |sub| DecisionRequest {
        submission_id: sub,
        actor: actor.clone(),
        kind: DecisionKind::Approve,
        reasons: Vec::new(),
        note: None,
    };
    store.decide(&approve(subs[0]), t0()).unwrap();
    let backup = dir.path().join("b.db");
    store.backup_to(&backup, false).unwrap();
    store.decide(&approve(subs[1]), t0()).unwrap(); // after the backup: not in it

    // Refused while the database is open, and without --force; nothing changes.
    assert!(matches!(
        restore(&backup, &db, false, "admin", t0()),
        Err(StoreError::TargetExists(_))
    ));
    let err = restore(&backup, &db, true, "admin", t0()).unwrap_err();
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    drop(store);

    let report = restore(&backup, &db, true, "admin", t0()).unwrap();
    assert_eq!(report.decisions, 1);
    let kept = report.replaced_kept_at.unwrap();
    let old = Connection::open(&kept).unwrap();
    assert_eq!(
        scalar(&old, "SELECT COUNT(*) FROM decisions"),
        2,
        "old one kept whole"
    );
    let store = Store::open(&db).unwrap();
    let tail = store.audit_tail(1).unwrap();
    assert_eq!(tail[0].action, "database.restore");
    drop(store);

    // Into a new path, no force needed.
    let fresh = dir.path().join("fresh.db");
    assert_eq!(
        restore(&backup, &fresh, false, "admin", t0())
            .unwrap()
            .decisions,
        1
    );

    // Foreign sources are refused before anything is touched.
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"not a database".repeat(500)).unwrap();
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
        .unwrap();
    for bad in [&garbage, &foreign, &dir.path().join("missing.db")] {
        let err = restore(bad, &db, true, "admin", t0()).unwrap_err();
        assert!(
            matches!(err, StoreError::NotADatabase(_) | StoreError::NotFound(_)),
            "{err}"
        );
    }
    assert_eq!(
        Store::open(&db).unwrap().audit_tail(1).unwrap()[0].action,
        "database.restore"
    );
}
