//! The desk role of `docs/postgres.md`: desks decide as usual, but cannot change or empty the
//! audit log, nor drop its triggers. Needs `IDPHOTO_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use chrono::Utc;
use idphoto_review::domain::case::DecisionKind;
use idphoto_review::store::{DbLocation, DecisionRequest, Store};

mod common;
use common::db::{Backend, TestDb, with_backend};

/// The statements the guide tells the studio to run, for role `role`.
fn desk_role_sql(role: &str) -> String {
    let guide = include_str!("../docs/postgres.md");
    let start = guide.find("CREATE ROLE idphoto_desk").unwrap();
    let end = start + guide[start..].find("```").unwrap();
    guide[start..end]
        .replace("idphoto_desk", role)
        .replace("'choose-one'", "'desk-pw'")
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn the_documented_desk_role_decides_but_cannot_touch_the_audit_log() {
    with_backend(Backend::Postgres, || {
        let db = TestDb::new();
        common::populated(&db.location, 3);
        let role = format!("desk_{}", std::process::id());
        let owner = Store::open(&db.location).unwrap();
        owner
            .execute_unchecked(&format!("DROP ROLE IF EXISTS {role}"), ())
            .unwrap_or(0);
        for statement in desk_role_sql(&role)
            .split(';')
            .filter(|s| !s.trim().is_empty())
        {
            owner.execute_unchecked(statement, ()).unwrap();
        }
        let url = db.arg();
        let (_, host) = url.rsplit_once('@').unwrap();
        let desk_url = format!("postgres://{role}:desk-pw@{host}");
        let mut desk = Store::open(DbLocation::parse(&desk_url).unwrap()).unwrap();

        // The desk's work goes through.
        let actor = common::desk(&desk, common::DESKS[0]);
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
