//! The gate of `docs/postgres.md`, set up with the guide's own statements: desks open the
//! database with it and sign in as their accounts' roles, which decide as usual but cannot
//! change or empty the audit log, nor drop its triggers; the gate itself reads nothing.
//! Needs `IDPHOTO_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use chrono::Utc;
use idphoto_review::domain::case::DecisionKind;
use idphoto_review::store::{DbLocation, DecisionRequest, Store};

mod common;
use common::db::{Backend, TestDb, with_backend};

/// The statements the guide tells the studio to run, for gate `role` and database `db`.
fn gate_sql(role: &str, db: &str) -> String {
    let guide = include_str!("../docs/postgres.md");
    let start = guide.find("CREATE ROLE idphoto_gate").unwrap();
    let end = start + guide[start..].find("```").unwrap();
    guide[start..end]
        .replace("idphoto_gate", role)
        .replace("'choose-one'", "'gate-pw'")
        .replace("DATABASE idphoto ", &format!("DATABASE {db} "))
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn the_documented_gate_signs_desks_in_who_decide_but_cannot_touch_the_audit_log() {
    with_backend(Backend::Postgres, || {
        let db = TestDb::new();
        common::populated(&db.location, 3);
        let DbLocation::Postgres(target) = &db.location else {
            unreachable!()
        };
        let role = format!("gate_{}", std::process::id());
        let owner = Store::open(&db.location).unwrap();
        owner
            .execute_unchecked(&format!("DROP ROLE IF EXISTS {role}"), ())
            .unwrap_or(0);
        for statement in gate_sql(&role, &target.dbname())
            .split(';')
            .filter(|s| !s.trim().is_empty() && !s.trim().starts_with("--"))
        {
            owner.execute_unchecked(statement, ()).unwrap();
        }
        let url = db.arg();
        let (_, host) = url.rsplit_once('@').unwrap();
        let gate_url = format!("postgres://{role}:gate-pw@{host}");
        let mut desk = Store::open(DbLocation::parse(&gate_url).unwrap()).unwrap();
        // Before sign-in: nothing to read.
        let err = desk.queue_at(None, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("permission denied"), "{err}");

        // Signed in, the desk's work goes through, as the account's role (which may connect
        // although PUBLIC may not).
        let actor = desk
            .authenticate(common::DESKS[0], common::PASSWORD)
            .unwrap();
        let sub = desk.claim_next(&actor, Utc::now()).unwrap().unwrap();
        desk.decide(
            &DecisionRequest {
                submission_id: sub,
                actor,
                kind: DecisionKind::Approve,
                reasons: Vec::new(),
                note: None,
            },
            Utc::now(),
        )
        .unwrap();

        // The audit log: no change, no emptying, no dropping its guard.
        for attack in [
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "DROP TRIGGER audit_log_no_update ON audit_log",
        ] {
            let err = desk.execute_unchecked(attack, ()).unwrap_err().to_string();
            assert!(
                err.contains("permission denied") || err.contains("must be owner"),
                "{attack}: {err}"
            );
        }
        // Even the owner cannot rewrite history while the triggers stand.
        let err = owner
            .execute_unchecked("UPDATE audit_log SET actor = 'x'", ())
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        drop((desk, owner));
        let server = common::db::pg_server().unwrap();
        drop(db);
        let admin = Store::admin_connection(&server).unwrap();
        admin
            .execute_unchecked(&format!("DROP ROLE {role}"), ())
            .unwrap();
    });
}
