//! Bad input on `PostgreSQL`: an unreachable server, a wrong or missing password, a database
//! of another program, an empty one. Each is one line that names the server, never the
//! password, and nothing is written. Needs `IDPHOTO_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::process::Command;

mod common;
use common::db::{Backend, TestDb, with_backend};

/// Runs `queue` on `url` and returns its one-line error.
fn refused(url: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["queue", "--as", "supervisor", "--db", url])
        .env("IDPHOTO_PASSWORD", "supervisor-demo")
        .env_remove("PGPASSWORD")
        .env("PGPASSFILE", "/nonexistent")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "should fail: {url}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// The test server's password, from its URL.
fn server_password() -> String {
    let url = std::env::var("IDPHOTO_TEST_PG").unwrap();
    let (userinfo, _) = url.rsplit_once('@').unwrap();
    userinfo.rsplit_once(':').unwrap().1.to_owned()
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn server_problems_are_one_line_that_names_the_host_and_never_the_password() {
    with_backend(Backend::Postgres, || {
        let password = server_password();
        let unreachable = refused("postgres://desk:s3cret-pw@127.0.0.1:1/review");
        assert!(
            unreachable.contains("cannot reach the database server"),
            "{unreachable}"
        );
        assert!(unreachable.contains("127.0.0.1:1"), "{unreachable}");
        assert!(!unreachable.contains("s3cret-pw"), "{unreachable}");

        let db = TestDb::new();
        let with_wrong = db.arg().replace(&password, "not-the-password");
        let wrong = refused(&with_wrong);
        assert!(wrong.contains("refused the sign-in"), "{wrong}");
        assert!(
            !wrong.contains("not-the-password") && !wrong.contains(&password),
            "{wrong}"
        );

        let missing = refused(&db.arg().replace(&format!(":{password}@"), "@"));
        assert!(missing.contains("no password given"), "{missing}");

        // An empty database is not silently filled by a command that only reads.
        let empty = refused(&db.arg());
        assert!(empty.contains("no idphoto-review tables"), "{empty}");
        assert!(!empty.contains(&password), "{empty}");

        // Another program's database is refused, and left alone.
        let mut client = postgres::Client::connect(&db.arg(), postgres::NoTls).unwrap();
        client
            .batch_execute("CREATE TABLE invoices (id INT); INSERT INTO invoices VALUES (1)")
            .unwrap();
        let foreign = refused(&db.arg());
        assert!(
            foreign.contains("not an idphoto-review database"),
            "{foreign}"
        );
        let tables: i64 = client
            .query_one(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(tables, 1, "nothing created in a foreign database");
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn a_session_the_server_dropped_fails_the_decision_cleanly_and_a_new_one_carries_on() {
    use chrono::Utc;
    use idphoto_review::domain::case::DecisionKind;
    use idphoto_review::store::{DecisionRequest, Store};
    with_backend(Backend::Postgres, || {
        let db = TestDb::new();
        common::populated(&db.location, 3);
        let mut desk = Store::open(&db.location).unwrap();
        let actor = common::desk(&desk, common::DESKS[0]);
        let sub = desk.claim_next(&actor, Utc::now()).unwrap().unwrap();
        let pid: i64 = desk.query_unchecked("SELECT pg_backend_pid()", ()).unwrap()[0]
            .get(0)
            .unwrap();
        // The server ends this desk's session (a restart, a network cut, an administrator).
        let admin = Store::open(&db.location).unwrap();
        admin
            .query_unchecked(&format!("SELECT pg_terminate_backend({pid})"), ())
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
        let request = DecisionRequest {
            submission_id: sub,
            actor: actor.clone(),
            kind: DecisionKind::Approve,
            reasons: Vec::new(),
            note: None,
        };
        let err = desk.decide(&request, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("127.0.0.1"), "names the server: {err}");
        assert!(!err.contains(&server_password()), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(desk.is_disconnected());
        // Nothing was saved...
        let decided: i64 = admin
            .query_unchecked("SELECT COUNT(*) FROM decisions", ())
            .unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(decided, 0);
        // ...and a new session decides the same photo.
        let mut again = Store::open(&db.location).unwrap();
        again.decide(&request, Utc::now()).unwrap();
    });
}
