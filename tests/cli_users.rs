//! Accounts and supervisor commands through the real binary: `user add/list/disable/enable`,
//! sign-in with `IDPHOTO_PASSWORD`, and `extend`, `reopen`, `reassign`, `makeup` refused to
//! reviewers and audited for supervisors.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use idphoto_review::domain::case::CaseState;
use idphoto_review::store::Store;

mod common;
use common::db::TestDb;

/// Runs the binary on `db` with `env` set and `stdin` piped in.
fn run(
    args: &[&str],
    db: &(impl AsRef<std::ffi::OsStr> + ?Sized),
    env: &[(&str, &str)],
    stdin: &str,
) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("IDPHOTO_PASSWORD")
        .env_remove("IDPHOTO_NEW_PASSWORD")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn as_boss(args: &[&str], db: &(impl AsRef<std::ffi::OsStr> + ?Sized)) -> Output {
    run(args, db, &[("IDPHOTO_PASSWORD", "boss-password")], "")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_ok(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Fails like a user would see it: non-zero, one line, no panic.
fn assert_clean_failure(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "should fail: {err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line expected: {err}");
}

both_backends! {
    fn accounts_are_added_listed_disabled_and_enabled_by_a_supervisor() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        // The first account of a new database: no sign-in, password on standard input.
        let o = run(
            &[
                "user",
                "add",
                "boss",
                "--role",
                "supervisor",
                "--display",
                "陈主管",
            ],
            &db,
            &[],
            "boss-password\n",
        );
        assert_ok(&o);
        assert!(stdout(&o).contains("added supervisor boss (陈主管)"));

        // Later accounts need a signed-in supervisor.
        let add_li = [
            "user",
            "add",
            "lijing",
            "--role",
            "reviewer",
            "--display",
            "李静",
        ];
        let o = run(&add_li, &db, &[], "li-password\n");
        assert_clean_failure(&o, "sign in as a supervisor");
        let mut with_as = add_li.to_vec();
        with_as.extend(["--as", "boss"]);
        let o = run(
            &with_as,
            &db,
            &[("IDPHOTO_PASSWORD", "wrong-password")],
            "li-password\n",
        );
        assert_clean_failure(&o, "unknown user name or wrong password");
        let o = run(&with_as, &db, &[], "li-password\n");
        assert_clean_failure(&o, "IDPHOTO_PASSWORD");
        let o = run(
            &with_as,
            &db,
            &[
                ("IDPHOTO_PASSWORD", "boss-password"),
                ("IDPHOTO_NEW_PASSWORD", "li-password"),
            ],
            "",
        );
        assert_ok(&o);
        disable_and_enable(&db);
    }
}

/// Continues on the database with `boss` and `lijing`.
fn disable_and_enable(db: &(impl AsRef<std::ffi::OsStr> + ?Sized)) {
    // A reviewer cannot manage accounts.
    let o = run(
        &["user", "disable", "boss", "--as", "lijing"],
        db,
        &[("IDPHOTO_PASSWORD", "li-password")],
        "",
    );
    assert_clean_failure(&o, "lijing may not manage accounts: supervisors only");

    let o = as_boss(&["user", "disable", "lijing", "--as", "boss"], db);
    assert_ok(&o);
    // Listing accounts is a supervisor's too, and audited.
    let o = run(&["user", "list"], db, &[], "");
    assert!(
        !o.status.success() && stderr(&o).contains("--as"),
        "{}",
        stderr(&o)
    );
    let o = as_boss(&["user", "list", "--as", "boss"], db);
    assert_ok(&o);
    let list = stdout(&o);
    assert!(
        list.lines()
            .any(|l| l.starts_with("lijing") && l.contains("disabled") && l.contains("李静")),
        "{list}"
    );
    let mut store = Store::open(common::db::loc(db)).unwrap();
    let err = store.authenticate("lijing", "li-password").unwrap_err();
    assert!(err.to_string().contains("disabled"), "{err}");

    let o = as_boss(&["user", "enable", "lijing", "--as", "boss"], db);
    assert_ok(&o);
    let o = as_boss(&["user", "list", "--json", "--as", "boss"], db);
    let users: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<(&str, &str, bool)> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap(),
                u["role"].as_str().unwrap(),
                u["disabled"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("boss", "supervisor", false), ("lijing", "reviewer", false)]
    );
    assert!(
        !stdout(&o).contains("argon2"),
        "hashes never leave the store"
    );
    let actions: Vec<String> = store
        .audit_tail(20)
        .unwrap()
        .into_iter()
        .map(|a| format!("{} {}", a.actor, a.action))
        .collect();
    // Failed sign-ins (the wrong password, the disabled account) are audited without an actor.
    assert_eq!(
        actions,
        [
            "boss user.add",
            "- auth.failed",
            "boss user.add",
            "boss user.disable",
            "boss user.list",
            "- auth.failed",
            "boss user.enable",
            "boss user.list"
        ]
    );
}

both_backends! {
    fn bad_account_input_is_refused_in_one_line() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        let o = run(
            &["user", "add", "boss", "--role", "admin"],
            &db,
            &[],
            "boss-password\n",
        );
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("reviewer or supervisor"),
            "{}",
            stderr(&o)
        );
        let o = run(
            &["user", "add", "boss", "--role", "supervisor"],
            &db,
            &[],
            "short\n",
        );
        assert_clean_failure(&o, "shorter than 8");
        let o = run(
            &["user", "add", "boss", "--role", "supervisor"],
            &db,
            &[],
            "",
        );
        assert_clean_failure(&o, "no password given");
        let o = as_boss(
            &["user", "list", "--as", "boss"],
            &tdb.dir().join("none.db"),
        );
        assert_clean_failure(&o, "not found");
    }
}

both_backends! {
    fn supervisor_commands_are_refused_to_reviewers_and_audited_for_supervisors() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        let o = run(&["demo", "--students", "60"], &db, &[], "");
        assert_ok(&o);
        assert!(
            stdout(&o).contains("supervisor-demo"),
            "demo prints passwords"
        );
        let store = Store::open(&tdb.location).unwrap();
        let failed = store
            .first_case_in(CaseState::CollectionFailed)
            .unwrap()
            .unwrap()
            .to_string();
        let escalated = store
            .first_case_in(CaseState::Escalated)
            .unwrap()
            .unwrap()
            .to_string();
        let reviewer = [("IDPHOTO_PASSWORD", "reviewer-demo")];
        let supervisor = [("IDPHOTO_PASSWORD", "supervisor-demo")];
        let commands: [Vec<&str>; 4] = [
            vec![
                "makeup",
                "--case",
                &failed,
                "--at",
                "2030-01-02T10:00:00+08:00",
                "--note",
                "到店补拍",
            ],
            vec![
                "extend",
                "--case",
                &failed,
                "--hours",
                "24",
                "--reason",
                "学生住院",
            ],
            vec!["reopen", "--case", &failed, "--reason", "快递延误"],
            vec!["reassign", "--case", &escalated, "--to", "reviewer2"],
        ];
        let audit_before = store.audit_tail(10_000).unwrap().len();
        for cmd in &commands {
            let mut args = cmd.clone();
            args.extend(["--as", "reviewer"]);
            let o = run(&args, &db, &reviewer, "");
            assert_clean_failure(&o, "supervisors only");
        }
        assert_eq!(store.audit_tail(10_000).unwrap().len(), audit_before);

        for cmd in &commands {
            let mut args = cmd.clone();
            args.extend(["--as", "supervisor"]);
            let o = run(&args, &db, &supervisor, "");
            assert_ok(&o);
        }
        let case: i64 = failed.parse().unwrap();
        let actions: Vec<String> = store
            .audit_for_case(case)
            .unwrap()
            .into_iter()
            .filter(|a| a.actor == "supervisor" && a.action.starts_with("case."))
            .map(|a| a.action)
            .filter(|a| a != "case.collection_failed")
            .collect();
        // The demo itself booked a shoot for the first failed case (and, as its only account able
        // to, recorded the uploads and ran the sweep).
        assert_eq!(
            actions,
            [
                "case.makeup_shoot",
                "case.makeup_shoot",
                "case.extension",
                "case.reopen"
            ]
        );
        assert_eq!(store.extensions(case).unwrap()[0].reason, "学生住院");
        let assignee = store.case_assignee(escalated.parse().unwrap()).unwrap();
        assert_eq!(assignee.as_deref(), Some("reviewer2"));

        // Clear one-line refusals for bad input.
        let o = run(
            &[
                "extend",
                "--case",
                "999999",
                "--hours",
                "5",
                "--reason",
                "x",
                "--as",
                "supervisor",
            ],
            &db,
            &supervisor,
            "",
        );
        assert_clean_failure(&o, "no case with id 999999");
        bad_time_is_refused(&db, &failed);
    }
}

fn bad_time_is_refused(db: &(impl AsRef<std::ffi::OsStr> + ?Sized), failed: &str) {
    let supervisor = [("IDPHOTO_PASSWORD", "supervisor-demo")];
    let o = run(
        &[
            "makeup",
            "--case",
            failed,
            "--at",
            "tomorrow",
            "--as",
            "supervisor",
        ],
        db,
        &supervisor,
        "",
    );
    assert_clean_failure(&o, "RFC 3339");
}
