//! `migrate`: a studio's `SQLite` database moved into an empty `PostgreSQL` database, checked, and
//! working there; a target that holds anything is refused. Needs `IDPHOTO_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::process::{Command, Output};

use idphoto_review::store::Store;

mod common;
use common::db::{Backend, TestDb, with_backend};

fn run(args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .env("IDPHOTO_PASSWORD", password)
        .output()
        .unwrap()
}

fn queue_json(db: &str) -> serde_json::Value {
    let o = run(
        &["queue", "--json", "--as", "supervisor", "--db", db],
        "supervisor-demo",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn a_studio_moves_to_postgres_with_everything_and_carries_on_there() {
    with_backend(Backend::Postgres, || {
        let from = TestDb::on(Backend::Sqlite);
        let to = TestDb::on(Backend::Postgres);
        let o = run(&["demo", "--students", "80", "--db", &from.arg()], "");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

        let migrate = [
            "migrate",
            "--from",
            &from.arg(),
            "--to",
            &to.arg(),
            "--as",
            "supervisor",
        ];
        let o = run(&migrate, "supervisor-demo");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(out.contains("photos verified by SHA-256"), "{out}");
        // Migrated accounts have no server roles: the first sign-in over the owner's URL (the
        // queue read below) makes one from the password the account already has.
        assert!(out.contains("no sign-in on the server yet"), "{out}");
        assert!(
            !out.contains("idphoto-test-password"),
            "password printed: {out}"
        );

        // The tables it filled were analyzed: the first desks to open the database get plans
        // from statistics, not from an empty table's guesses while autovacuum catches up.
        let analyzed: Vec<String> = Store::open(&to.location)
            .unwrap()
            .query_unchecked(
                "SELECT relname FROM pg_stat_user_tables
                 WHERE relname IN ('students', 'cases', 'submissions', 'decisions', 'audit_log')
                   AND last_analyze IS NOT NULL
                 ORDER BY relname",
                (),
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0).unwrap())
            .collect();
        assert_eq!(
            analyzed,
            ["audit_log", "cases", "decisions", "students", "submissions"]
        );

        // The same queue, the same photos, the same accounts and audit trail.
        let (a, b) = (queue_json(&from.arg()), queue_json(&to.arg()));
        assert_eq!(a["counts"], b["counts"]);
        let (src, dst) = (
            Store::open(&from.location).unwrap(),
            Store::open(&to.location).unwrap(),
        );
        for item in src.queue(None).unwrap() {
            assert_eq!(
                src.photo_bytes(&item.photo_sha256).unwrap(),
                dst.photo_bytes(&item.photo_sha256).unwrap()
            );
        }
        // The copied trail, then the move itself; one queue read since on each side.
        let audit = dst.audit_tail(500).unwrap();
        assert_eq!(audit.len(), src.audit_tail(500).unwrap().len() + 1);
        assert!(
            audit
                .iter()
                .any(|e| e.actor == "supervisor" && e.action == "database.migrated"),
            "{audit:?}"
        );
        drop((src, dst));

        // Ids continue after the copied ones: a decision on the server works.
        let mut store = Store::open(&to.location).unwrap();
        let reviewer = store.user("reviewer").unwrap().actor();
        let sub = store
            .claim_next(&reviewer, chrono::Utc::now())
            .unwrap()
            .unwrap();
        let receipt = store
            .decide(
                &idphoto_review::store::DecisionRequest {
                    submission_id: sub,
                    actor: reviewer,
                    kind: idphoto_review::domain::case::DecisionKind::Approve,
                    reasons: Vec::new(),
                    note: None,
                },
                chrono::Utc::now(),
            )
            .unwrap();
        assert!(receipt.decision_id > 0);
        drop(store);

        // A second run finds the target full and changes nothing.
        let o = run(&migrate, "supervisor-demo");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success());
        assert!(err.contains("not empty"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(!err.contains("idphoto-test-password"), "{err}");
    });
}
