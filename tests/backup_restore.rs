//! Online backup while another connection keeps deciding, and restore round trips.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use idphoto_review::domain::case::DecisionKind;
use idphoto_review::store::{Credentials, DecisionRequest, Store, StoreError, restore};
use rusqlite::Connection;

mod common;

use common::{PASSWORD, populated, t0};

/// The supervisor of [`populated`] databases.
const ADMIN: Credentials<'static> = Credentials {
    name: "admin",
    password: PASSWORD,
};

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
        restore(&backup, &db, false, &ADMIN, t0()),
        Err(StoreError::TargetExists(_))
    ));
    let err = restore(&backup, &db, true, &ADMIN, t0()).unwrap_err();
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    drop(store);

    let report = restore(&backup, &db, true, &ADMIN, t0()).unwrap();
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
        restore(&backup, &fresh, false, &ADMIN, t0())
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
        let err = restore(bad, &db, true, &ADMIN, t0()).unwrap_err();
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

#[test]
fn restore_refuses_a_backup_whose_schema_was_tampered_with() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    populated(&db, 3);
    let backup = dir.path().join("b.db");
    Store::open(&db).unwrap().backup_to(&backup, false).unwrap();
    // What the review found: the append-only triggers dropped and one trigger added.
    let tampered = dir.path().join("tampered.db");
    std::fs::copy(&backup, &tampered).unwrap();
    Connection::open(&tampered)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
             CREATE TRIGGER promote AFTER INSERT ON decisions
             BEGIN UPDATE users SET role = 'supervisor'; END;",
        )
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let err = restore(&tampered, &db, true, &ADMIN, t0()).unwrap_err();
    assert!(matches!(err, StoreError::SchemaTampered { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("trigger audit_log_no_delete is missing") && text.ends_with("tampered.db"),
        "{text}"
    );
    // Only an added object is caught too, and a changed one.
    let added = dir.path().join("added.db");
    std::fs::copy(&backup, &added).unwrap();
    Connection::open(&added)
        .unwrap()
        .execute_batch("CREATE VIEW hashes AS SELECT password_hash FROM users;")
        .unwrap();
    let err = restore(&added, &db, true, &ADMIN, t0()).unwrap_err();
    assert!(err.to_string().contains("view hashes was added"), "{err}");
    let changed = dir.path().join("changed.db");
    std::fs::copy(&backup, &changed).unwrap();
    Connection::open(&changed)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER audit_log_no_delete;
             CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT 1; END;",
        )
        .unwrap();
    let err = restore(&changed, &db, true, &ADMIN, t0()).unwrap_err();
    assert!(
        err.to_string()
            .contains("trigger audit_log_no_delete was changed"),
        "{err}"
    );
    // Nothing was touched, and the untouched backup still restores.
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("restoring") && !n.contains("replaced")),
        "{names:?}"
    );
    restore(&backup, &db, true, &ADMIN, t0()).unwrap();
}

#[test]
fn restore_takes_a_supervisor_of_the_database_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    populated(&db, 3);
    let backup = dir.path().join("b.db");
    Store::open(&db).unwrap().backup_to(&backup, false).unwrap();
    let wrong = Credentials {
        name: "admin",
        password: "not the password",
    };
    let err = restore(&backup, &db, true, &wrong, t0()).unwrap_err();
    assert!(matches!(err, StoreError::LoginFailed), "{err}");
    let reviewer = Credentials {
        name: "desk-0",
        password: PASSWORD,
    };
    let err = restore(&backup, &db, true, &reviewer, t0()).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    assert!(err.to_string().contains("supervisors only"), "{err}");
    // The failed sign-in is in the audit log of the database that stayed.
    let store = Store::open(&db).unwrap();
    let tail = store.audit_tail(5).unwrap();
    assert!(
        tail.iter()
            .any(|e| e.action == "auth.failed" && e.detail["name"] == "admin"),
        "{tail:?}"
    );
    drop(store);
    // Onto a new machine: the backup's own supervisor, named in the restored audit log.
    let fresh = dir.path().join("fresh.db");
    assert!(restore(&backup, &fresh, false, &reviewer, t0()).is_err());
    assert!(!fresh.exists());
    restore(&backup, &fresh, false, &ADMIN, t0()).unwrap();
    let tail = Store::open(&fresh).unwrap().audit_tail(1).unwrap();
    assert_eq!(
        (tail[0].actor.as_str(), tail[0].action.as_str()),
        ("admin", "database.restore")
    );
}
