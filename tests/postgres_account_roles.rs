//! Accounts as database roles (schema version 11): an account signs in as its own role, and
//! that role, used directly as psql would, is refused everything outside the account's rights.
//! Needs `IDPHOTO_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use chrono::Utc;
use idphoto_review::domain::case::DecisionKind;
use idphoto_review::domain::role::{Actor, Role};
use idphoto_review::store::{
    DbLocation, DecisionRequest, NewUser, Store, StoreError, account_role,
};

mod common;
use common::db::{Backend, TestDb, with_backend};
use common::{DESKS, PASSWORD};

/// Runs `body` on a fresh `PostgreSQL` database (a no-op without a test server).
fn on_postgres(body: impl FnOnce()) {
    with_backend(Backend::Postgres, body);
}

/// The test database's name on the server.
fn dbname(db: &TestDb) -> String {
    match &db.location {
        DbLocation::Postgres(t) => t.dbname(),
        DbLocation::Sqlite(_) => unreachable!("PostgreSQL only"),
    }
}

/// A raw connection, as psql would make, as `user` with `password`.
fn psql(db: &TestDb, user: &str, password: &str) -> Result<postgres::Client, postgres::Error> {
    let url = db.arg();
    let (_, host_and_db) = url.rsplit_once('@').unwrap();
    postgres::Client::connect(
        &format!("postgres://{user}:{password}@{host_and_db}"),
        postgres::NoTls,
    )
}

/// The server's message when `sql` is refused (fails the test when it runs).
fn refused(client: &mut postgres::Client, sql: &str) -> String {
    match client.batch_execute(sql) {
        Ok(()) => panic!("not refused: {sql}"),
        Err(e) => e
            .as_db_error()
            .map_or_else(|| e.to_string(), |d| d.message().to_owned()),
    }
}

/// The single text value of `sql`, read as the test server's owner.
fn owner_text(db: &TestDb, sql: &str) -> String {
    let owner = Store::open(&db.location).unwrap();
    let rows = owner.query_unchecked(sql, ()).unwrap();
    rows[0].get::<_, String>(0).unwrap()
}

fn approve(store: &mut Store, actor: &Actor) -> i64 {
    let sub = store.claim_next(actor, Utc::now()).unwrap().unwrap();
    store
        .decide(
            &DecisionRequest {
                submission_id: sub,
                actor: actor.clone(),
                kind: DecisionKind::Approve,
                reasons: Vec::new(),
                note: None,
            },
            Utc::now(),
        )
        .unwrap()
        .decision_id
}

/// What a reviewer's own role tries straight from psql, and the refusal each must get.
const REVIEWER_ATTACKS: &[(&str, &str)] = &[
    (
        "UPDATE users SET role = 'supervisor' WHERE name = 'desk-0'",
        "permission denied",
    ),
    ("SELECT password_hash FROM users", "permission denied"),
    (
        "INSERT INTO users (name, display_name, role, password_hash, created_at)
         VALUES ('evil', 'evil', 'supervisor', 'x', 0)",
        "permission denied",
    ),
    (
        "UPDATE users SET password_hash = 'x' WHERE name = 'admin'",
        "only a supervisor may change another account",
    ),
    ("UPDATE audit_log SET actor = 'x'", "permission denied"),
    ("DELETE FROM audit_log", "permission denied"),
    ("TRUNCATE audit_log", "permission denied"),
    ("SELECT actor FROM audit_log", "permission denied"),
    (
        "DROP TRIGGER audit_log_no_update ON audit_log",
        "must be owner",
    ),
    ("DROP TRIGGER decisions_actor ON decisions", "must be owner"),
    ("ALTER TABLE decisions DISABLE TRIGGER ALL", "must be owner"),
    ("DROP TABLE decisions", "must be owner"),
    ("CREATE TABLE mine (x INT)", "permission denied"),
    ("CREATE ROLE mine LOGIN", "permission denied"),
    // What only the supervisors' screens and exports read.
    ("SELECT phone FROM students", "permission denied"),
    ("SELECT * FROM students", "permission denied"),
    ("SELECT target FROM exports", "permission denied"),
    ("SELECT * FROM print_runs", "permission denied"),
    ("SELECT * FROM sign_in_failures", "permission denied"),
    // The account-management functions.
    (
        "SELECT idphoto_sync_account((SELECT id FROM users WHERE name = 'admin'),
             'SCRAM-SHA-256$4096:x')",
        "only a supervisor may manage accounts",
    ),
    (
        "SELECT idphoto_sync_account((SELECT id FROM users WHERE name = 'desk-1'), NULL)",
        "only a supervisor may manage accounts",
    ),
    ("SELECT idphoto_grant_roles()", "permission denied"),
    (
        "SELECT * FROM idphoto_session_account()",
        "permission denied",
    ),
];

/// Writes an audit row, a decision and a claim in `other`'s name, as a reviewer's own role; the
/// server puts that reviewer's account in instead (also through the group role
/// and with a temporary `users` table shadowing the real one); returns the case used.
fn forge_in_another_name(raw: &mut postgres::Client, db: &TestDb, sub: i64, other: &str) -> i64 {
    let case: i64 = raw
        .query_one("SELECT case_id FROM submissions WHERE id = $1", &[&sub])
        .unwrap()
        .get(0);
    raw.batch_execute(&format!(
        "INSERT INTO audit_log (at, actor, action, detail) VALUES (0, 'admin', 'forged', '{{}}');
         INSERT INTO decisions (submission_id, case_id, kind, reviewer, decided_at, from_state, to_state)
             VALUES ({sub}, {case}, 'escalate', '{other}', 0, 'pending_review', 'escalated');
         INSERT INTO claims (case_id, reviewer, claimed_at, expires_at)
             VALUES ({case}, '{other}', 0, 1)
             ON CONFLICT (case_id) DO UPDATE SET reviewer = '{other}';
         UPDATE claims SET reviewer = '{other}' WHERE case_id = {case};"
    ))
    .unwrap();
    // Neither through the group role, nor with a temporary table shadowing `users`.
    raw.batch_execute(&format!(
        "SET ROLE \"{db}_reviewer\";
         INSERT INTO audit_log (at, actor, action) VALUES (0, 'admin', 'forged.set_role');
         RESET ROLE;
         CREATE TEMP TABLE users (id BIGINT, name TEXT, role TEXT, disabled BIGINT, db_role TEXT);
         INSERT INTO users VALUES (1, 'admin', 'supervisor', 0, session_user);
         INSERT INTO audit_log (at, actor, action) VALUES (0, 'admin', 'forged.temp');",
        db = dbname(db)
    ))
    .unwrap();
    case
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn a_reviewers_own_role_is_refused_everything_outside_its_rights() {
    on_postgres(|| {
        let db = TestDb::new();
        let subs = common::populated(&db.location, 4);
        let (me, other) = (DESKS[0], DESKS[1]);
        let role = account_role(&dbname(&db), me);

        // Signing in through the store moves it onto the account's own role.
        let mut store = Store::open(&db.location).unwrap();
        let actor = store.authenticate(me, PASSWORD).unwrap();
        assert!(
            store.session_location().to_string().contains(&role),
            "{}",
            store.session_location()
        );
        let session_user: String = store
            .query_unchecked("SELECT session_user::text", ())
            .unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(session_user, role);
        approve(&mut store, &actor);
        let mut theirs = Store::open(&db.location).unwrap();
        let their_actor = theirs.authenticate(other, PASSWORD).unwrap();
        let their_decision = approve(&mut theirs, &their_actor);
        drop(theirs);
        // The audit row of the store's own decision names the account and the server login.
        assert_eq!(
            owner_text(
                &db,
                "SELECT actor || ' ' || db_user FROM audit_log WHERE action = 'decision.approve'
                 ORDER BY id LIMIT 1"
            ),
            format!("{me} {role}")
        );

        // The same role, straight from psql.
        let mut raw = psql(&db, &role, PASSWORD).unwrap();
        let their_delete = format!("DELETE FROM decisions WHERE id = {their_decision}");
        let attacks = REVIEWER_ATTACKS.iter().copied().chain([(
            their_delete.as_str(),
            "only the reviewer who took a decision may take it back",
        )]);
        for (attack, expected) in attacks {
            let err = refused(&mut raw, attack);
            assert!(err.contains(expected), "{attack}: {err}");
        }

        let case = forge_in_another_name(&mut raw, &db, subs[3], other);
        drop(raw);
        assert_eq!(
            owner_text(
                &db,
                "SELECT string_agg(actor || '/' || db_user, ' ' ORDER BY id) FROM audit_log
                 WHERE action LIKE 'forged%'"
            ),
            format!("{me}/{role} {me}/{role} {me}/{role}")
        );
        assert_eq!(
            owner_text(
                &db,
                &format!("SELECT reviewer FROM decisions WHERE case_id = {case}")
            ),
            me
        );
        assert_eq!(
            owner_text(
                &db,
                &format!("SELECT reviewer FROM claims WHERE case_id = {case}")
            ),
            me
        );
        // Nobody was promoted, nothing left the audit log.
        assert_eq!(
            owner_text(&db, "SELECT role FROM users WHERE name = 'desk-0'"),
            "reviewer"
        );
        assert_eq!(
            owner_text(
                &db,
                &format!("SELECT name FROM users WHERE db_role = '{role}'")
            ),
            me
        );
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn a_supervisor_adds_a_reviewer_who_signs_in_decides_and_can_be_disabled() {
    on_postgres(|| {
        let db = TestDb::new();
        common::populated(&db.location, 3);
        let mut boss_store = Store::open(&db.location).unwrap();
        let boss = boss_store.authenticate("admin", PASSWORD).unwrap();
        // A supervisor's role manages accounts only through the owner's function: it cannot
        // make or change roles itself.
        let boss_role = account_role(&dbname(&db), "admin");
        let mut raw_boss = psql(&db, &boss_role, PASSWORD).unwrap();
        for attack in [
            "CREATE ROLE mine LOGIN",
            &format!(
                "ALTER ROLE {} PASSWORD 'x'",
                account_role(&dbname(&db), "desk-0")
            ),
            "SELECT password_hash FROM users",
        ] {
            let err = refused(&mut raw_boss, attack);
            assert!(err.contains("permission denied"), "{attack}: {err}");
        }
        // What only supervisors read, they do.
        raw_boss
            .batch_execute("SELECT phone FROM students")
            .unwrap();
        drop(raw_boss);

        let name = "新人";
        boss_store
            .add_user(
                Some(&boss),
                &NewUser {
                    name,
                    display_name: "新 人",
                    role: Role::Reviewer,
                    password: "first-password",
                },
                Utc::now(),
            )
            .unwrap();
        let mut desk = Store::open(&db.location).unwrap();
        let newcomer = desk.authenticate(name, "first-password").unwrap();
        let decision = approve(&mut desk, &newcomer);
        assert_eq!(
            owner_text(
                &db,
                &format!("SELECT reviewer FROM decisions WHERE id = {decision}")
            ),
            name
        );
        // The session location reconnects as the account, not as the URL's user.
        let again = Store::open(desk.session_location()).unwrap();
        let who: String = again
            .query_unchecked("SELECT session_user::text", ())
            .unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(who, account_role(&dbname(&db), name));
        drop((desk, again));

        // Disabled: the role may not log in, whatever the password.
        boss_store.disable_user(&boss, name, Utc::now()).unwrap();
        let mut desk = Store::open(&db.location).unwrap();
        let err = desk.authenticate(name, "first-password").unwrap_err();
        assert!(matches!(err, StoreError::AccountDisabled(_)), "{err}");
        let err = psql(&db, &account_role(&dbname(&db), name), "first-password")
            .err()
            .unwrap();
        assert!(
            err.as_db_error()
                .is_some_and(|d| d.message().contains("not permitted to log in")),
            "{err}"
        );
        // Enabled again with a new password: only the new one works.
        boss_store.enable_user(&boss, name, Utc::now()).unwrap();
        boss_store
            .set_password(&boss, name, "second-password", Utc::now())
            .unwrap();
        let err = desk.authenticate(name, "first-password").unwrap_err();
        assert!(matches!(err, StoreError::LoginFailed), "{err}");
        desk.authenticate(name, "second-password").unwrap();
        // A reviewer changes its own password, and the session follows it.
        let me = desk.authenticate(DESKS[2], PASSWORD).unwrap();
        desk.set_password(&me, DESKS[2], "my-own-password", Utc::now())
            .unwrap();
        Store::open(desk.session_location())
            .unwrap()
            .queue_at(Some(1), Utc::now())
            .unwrap();
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn a_wrong_password_is_a_failed_sign_in_audited_and_throttled() {
    on_postgres(|| {
        let db = TestDb::new();
        common::populated(&db.location, 1);
        // Each try on a fresh connection, as each desk and command has (a signed-in session
        // that tries again is audited under its own account).
        let timed = |name: &str, pw: &str| {
            let mut store = Store::open(&db.location).unwrap();
            let started = std::time::Instant::now();
            let r = store.authenticate(name, pw);
            (r, started.elapsed())
        };
        let (ok, ok_time) = timed(DESKS[0], PASSWORD);
        ok.unwrap();
        let (wrong, wrong_time) = timed(DESKS[1], "not-the-password");
        assert!(matches!(wrong, Err(StoreError::LoginFailed)), "{wrong:?}");
        let (unknown, unknown_time) = timed("nobody", "not-the-password");
        assert!(
            matches!(unknown, Err(StoreError::LoginFailed)),
            "{unknown:?}"
        );
        eprintln!(
            "timing pg_sign_in ok_ms={} wrong_password_ms={} unknown_name_ms={}",
            ok_time.as_millis(),
            wrong_time.as_millis(),
            unknown_time.as_millis()
        );
        assert_eq!(
            owner_text(
                &db,
                "SELECT string_agg(actor || ' ' || (detail::json->>'name') || ' '
                     || (detail::json->>'why'), ', ' ORDER BY id)
                 FROM audit_log WHERE action = 'auth.failed'"
            ),
            "- desk-1 wrong name or password, - nobody wrong name or password"
        );
        let mut store = Store::open(&db.location).unwrap();
        // The third failure in a row on one name makes it wait.
        let t = Utc::now();
        for k in 0..2 {
            let e = store
                .authenticate_at(
                    DESKS[1],
                    "still-wrong",
                    t + chrono::Duration::milliseconds(k),
                )
                .unwrap_err();
            assert!(matches!(e, StoreError::LoginFailed), "{e}");
        }
        let e = store
            .authenticate_at(DESKS[1], PASSWORD, t + chrono::Duration::milliseconds(10))
            .unwrap_err();
        assert!(matches!(e, StoreError::SignInThrottled { .. }), "{e}");
        // After the wait, the right password clears the count.
        let later = t + chrono::Duration::seconds(2);
        store.authenticate_at(DESKS[1], PASSWORD, later).unwrap();
        assert_eq!(
            owner_text(&db, "SELECT COUNT(*)::text FROM sign_in_failures"),
            "1" // "nobody" keeps its failure.
        );
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn an_account_without_a_role_signs_in_once_its_password_is_set_again() {
    on_postgres(|| {
        let db = TestDb::new();
        common::populated(&db.location, 1);
        // As an account from before version 11 (or migrated from SQLite): a row, no role.
        let owner = Store::open(&db.location).unwrap();
        owner
            .execute_unchecked(
                "INSERT INTO users (name, display_name, role, password_hash, created_at)
                 VALUES ('legacy', 'legacy', 'reviewer', 'x', 0)",
                (),
            )
            .unwrap();
        drop(owner);
        let mut store = Store::open(&db.location).unwrap();
        let err = store.authenticate("legacy", "legacy-password").unwrap_err();
        assert!(matches!(err, StoreError::NoDatabaseRole(_)), "{err}");
        assert!(err.to_string().contains("set its password again"), "{err}");
        let boss = store.authenticate("admin", PASSWORD).unwrap();
        store
            .set_password(&boss, "legacy", "legacy-password", Utc::now())
            .unwrap();
        let mut desk = Store::open(&db.location).unwrap();
        let legacy = desk.authenticate("legacy", "legacy-password").unwrap();
        approve(&mut desk, &legacy);

        // An account that has its argon2 hash but lost its role (as after `migrate`): the
        // owner's connection makes the role from the password typed, once it matches the hash.
        let role = account_role(&dbname(&db), DESKS[3]);
        let owner = Store::open(&db.location).unwrap();
        owner
            .execute_unchecked(
                "UPDATE users SET db_role = NULL WHERE name = ?1",
                [DESKS[3]],
            )
            .unwrap();
        owner
            .execute_unchecked(&format!("DROP ROLE {role}"), ())
            .unwrap();
        let mut by_owner = Store::open(&db.location).unwrap();
        let err = by_owner
            .authenticate(DESKS[3], "a-wrong-password")
            .unwrap_err();
        assert!(matches!(err, StoreError::NoDatabaseRole(_)), "{err}");
        by_owner.authenticate(DESKS[3], PASSWORD).unwrap();
        assert_eq!(
            owner_text(
                &db,
                &format!("SELECT db_role FROM users WHERE name = '{}'", DESKS[3])
            ),
            role
        );
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn the_gate_opens_the_database_and_signs_in_but_reads_nothing() {
    on_postgres(|| {
        let db = TestDb::new();
        common::populated(&db.location, 2);
        let gate = format!("{}_gate", dbname(&db));
        let owner = Store::open(&db.location).unwrap();
        owner
            .execute_unchecked(&format!("CREATE ROLE {gate} LOGIN PASSWORD 'gate-pw'"), ())
            .unwrap();
        drop(owner);
        let url = db.arg();
        let (_, host_and_db) = url.rsplit_once('@').unwrap();
        let gate_url =
            DbLocation::parse(&format!("postgres://{gate}:gate-pw@{host_and_db}")).unwrap();

        let mut raw = psql(&db, &gate, "gate-pw").unwrap();
        for attack in [
            "SELECT name FROM users",
            "SELECT * FROM students",
            "SELECT * FROM sign_in_failures",
            "INSERT INTO audit_log (at, actor, action) VALUES (0, 'x', 'y')",
            "SELECT idphoto_signed_in()",
            "SELECT idphoto_sync_account(1, NULL)",
        ] {
            let err = refused(&mut raw, attack);
            assert!(err.contains("permission denied"), "{attack}: {err}");
        }
        drop(raw);

        let mut store = Store::open(&gate_url).unwrap();
        assert!(store.queue_at(Some(5), Utc::now()).is_err());
        let err = store.authenticate(DESKS[0], "wrong-password").unwrap_err();
        assert!(matches!(err, StoreError::LoginFailed), "{err}");
        store.authenticate(DESKS[0], PASSWORD).unwrap();
        assert_eq!(store.queue_at(Some(5), Utc::now()).unwrap().len(), 2);
        assert_eq!(
            owner_text(
                &db,
                "SELECT db_user FROM audit_log WHERE action = 'auth.failed' ORDER BY id DESC LIMIT 1"
            ),
            gate
        );
        drop(store);
        let server = common::db::pg_server().unwrap();
        drop(db);
        Store::admin_connection(&server)
            .unwrap()
            .execute_unchecked(&format!("DROP ROLE {gate}"), ())
            .unwrap();
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn the_review_windows_work_runs_as_a_reviewers_role() {
    use idphoto_review::domain::id_number::IdNumber;
    use idphoto_review::domain::student::Student;
    use idphoto_review::store::UploadRequest;
    on_postgres(|| {
        let db = TestDb::new();
        let subs = common::populated(&db.location, 3);
        let owner = Store::open(&db.location).unwrap();
        owner
            .execute_unchecked("UPDATE students SET phone = '13800138000'", ())
            .unwrap();
        drop(owner);
        let mut gate = Store::open(&db.location).unwrap();
        let me = gate.authenticate(DESKS[0], PASSWORD).unwrap();
        // The worker opens its own store at the session location, as the account.
        let mut store = Store::open(gate.session_location()).unwrap();
        drop(gate);
        store.watch_changes().unwrap();
        assert_eq!(store.queue_at(None, Utc::now()).unwrap().len(), 3);
        let detail = store.submission_detail(subs[0]).unwrap();
        // The card never needs the phone number, and the reviewer's role may not read it.
        assert_eq!(detail.student.phone, None);
        assert!(!store.photo_bytes(&detail.photo_sha256).unwrap().is_empty());
        let sub = store.claim_next(&me, Utc::now()).unwrap().unwrap();
        let receipt = store
            .decide(
                &DecisionRequest {
                    submission_id: sub,
                    actor: me.clone(),
                    kind: DecisionKind::Escalate,
                    reasons: Vec::new(),
                    note: Some("unsure".to_owned()),
                },
                Utc::now(),
            )
            .unwrap();
        store
            .undo_decision(receipt.decision_id, &me, Utc::now())
            .unwrap();
        store.release_claims(&me, None).unwrap();
        store.poll_changes().unwrap();
        // A reviewer imports roster rows and ingests uploads into an existing campaign.
        let (campaign, _) = store.campaign_by_name("c").unwrap();
        let id = common::id(900);
        let student = Student::mainland("新同学", &IdNumber::parse(&id).unwrap());
        store
            .insert_students(&me, campaign, &[student], "test", Utc::now())
            .unwrap();
        store
            .record_upload(
                &UploadRequest {
                    campaign,
                    id_number: &id,
                    bytes: include_bytes!("../assets/demo/fr__biden.jpg"),
                    original_name: "x.jpg",
                    submitted_at: Utc::now(),
                    actor: &me,
                },
                Utc::now(),
            )
            .unwrap();
        store.sweep(Utc::now(), &me).unwrap();
        assert_eq!(store.queue_at(None, Utc::now()).unwrap().len(), 4);
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn the_supervisors_work_runs_as_a_supervisors_role() {
    use idphoto_review::domain::reasons::ReasonCode;
    on_postgres(|| {
        let db = TestDb::new();
        let subs = common::populated(&db.location, 3);
        let mut store = Store::open(&db.location).unwrap();
        let boss = store.authenticate("admin", PASSWORD).unwrap();
        let now = Utc::now();
        let case_of = |store: &Store, sub: i64| store.submission_detail(sub).unwrap().case_id;
        store
            .reassign(&boss, case_of(&store, subs[0]), DESKS[1], now)
            .unwrap();
        let approved = approve(&mut store, &boss);
        let reopened = store
            .query_unchecked("SELECT case_id FROM decisions WHERE id = ?1", [approved])
            .unwrap()[0]
            .get::<_, i64>(0)
            .unwrap();
        store
            .reopen_case(&boss, reopened, "wrong photo", now)
            .unwrap();
        let sub = store.claim_next(&boss, now).unwrap().unwrap();
        store
            .decide(
                &DecisionRequest {
                    submission_id: sub,
                    actor: boss.clone(),
                    kind: DecisionKind::Reject,
                    reasons: vec![ReasonCode::Blurry],
                    note: None,
                },
                now,
            )
            .unwrap();
        let rejected = case_of(&store, sub);
        store
            .grant_extension(
                &boss,
                rejected,
                now + chrono::Duration::hours(72),
                "ill",
                now,
            )
            .unwrap();
        store
            .sweep(now + chrono::Duration::days(30), &boss)
            .unwrap();
        store
            .record_makeup_shoot(&boss, rejected, now + chrono::Duration::days(31), None, now)
            .unwrap();
        let board = store.board(now, chrono::Duration::hours(6)).unwrap();
        assert!(!board.lists.is_empty());
        let file = store.case_file(rejected).unwrap();
        assert!(!file.audit.is_empty());
        store.stats(now, 24).unwrap();
        assert_eq!(store.extensions(rejected).unwrap().len(), 1);
        assert_eq!(store.makeup_shoots(rejected).unwrap().len(), 1);
        // Everything after sign-in was written by the supervisor's own login (the rest by the
        // owner setting the database up).
        let role = account_role(&dbname(&db), "admin");
        assert_eq!(
            owner_text(
                &db,
                "SELECT string_agg(DISTINCT actor || '/' || db_user, ' ') FROM audit_log
                 WHERE db_user <> session_user"
            ),
            format!("admin/{role}")
        );
    });
}

#[test]
#[cfg_attr(
    not(idphoto_test_pg),
    ignore = "needs PostgreSQL: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
)]
fn dropping_a_test_database_drops_the_roles_it_made() {
    on_postgres(|| {
        let db = TestDb::new();
        common::populated(&db.location, 1);
        let name = dbname(&db);
        let mut roles: Vec<String> = DESKS.iter().map(|d| account_role(&name, d)).collect();
        roles.push(account_role(&name, "admin"));
        roles.push(format!("{name}_reviewer"));
        roles.push(format!("{name}_supervisor"));
        let server = common::db::pg_server().unwrap();
        let count = |roles: &[String]| -> i64 {
            let admin = Store::admin_connection(&server).unwrap();
            let list = roles
                .iter()
                .map(|r| format!("'{r}'"))
                .collect::<Vec<_>>()
                .join(", ");
            admin
                .query_unchecked(
                    &format!("SELECT COUNT(*) FROM pg_roles WHERE rolname IN ({list})"),
                    (),
                )
                .unwrap()[0]
                .get(0)
                .unwrap()
        };
        assert_eq!(count(&roles), i64::try_from(roles.len()).unwrap());
        drop(db);
        assert_eq!(count(&roles), 0);
    });
}
