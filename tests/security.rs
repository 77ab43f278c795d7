//! Regression tests of the security review (issue 16), through the real binary where the hole
//! was found: `demo` on a real database, ingest of links and special files, owner-only files,
//! sign-in on every command that reads personal data or writes, the overdue CSV and a symlink,
//! the no-echo password prompt.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use idphoto_review::domain::id_number::check_char;
use idphoto_review::store::Store;

mod common;
use common::db::TestDb;

const SUPERVISOR: (&str, &str) = ("supervisor", "supervisor-demo");
const REVIEWER: (&str, &str) = ("reviewer", "reviewer-demo");

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_idphoto-review"));
    c.env("LC_ALL", "en_US.UTF-8")
        .env_remove("IDPHOTO_PASSWORD")
        .env_remove("IDPHOTO_NEW_PASSWORD");
    c
}

/// Runs `args` on `db`, signed in as `who` (`--as NAME` and its password) when given.
fn run(
    args: &[&str],
    db: &(impl AsRef<std::ffi::OsStr> + ?Sized),
    who: Option<(&str, &str)>,
) -> Output {
    let mut c = bin();
    c.args(args).arg("--db").arg(db);
    if let Some((name, password)) = who {
        c.args(["--as", name]).env("IDPHOTO_PASSWORD", password);
    }
    c.output().unwrap()
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

/// Non-zero, one line, no panic.
fn assert_refused(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "should fail: {}", stdout(o));
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line expected: {err}");
}

fn demo(db: &(impl AsRef<std::ffi::OsStr> + ?Sized)) {
    assert_ok(&run(&["demo", "--students", "60"], db, None));
}

fn id(n: u32) -> String {
    let body = format!("3101041998{:02}01{:03}", n % 12 + 1, n);
    format!("{body}{}", check_char(body.as_bytes()))
}

fn audit_actions(db: &(impl AsRef<std::ffi::OsStr> + ?Sized), n: i64) -> Vec<String> {
    Store::open(common::db::loc(db))
        .unwrap()
        .audit_tail(n)
        .unwrap()
        .into_iter()
        .map(|a| format!("{} {}", a.actor, a.action))
        .collect()
}

// ---- Finding 1: demo on an existing database --------------------------------------------

#[test]
fn demo_refuses_a_database_that_has_accounts_or_campaigns() {
    let dir = tempfile::tempdir().unwrap();
    // A studio's real database: one supervisor account, nothing else yet.
    let db = dir.path().join("studio.db");
    let mut add = bin();
    add.args(["user", "add", "chen", "--role", "supervisor", "--db"])
        .arg(&db)
        .env("IDPHOTO_NEW_PASSWORD", "a long passphrase");
    assert_ok(&add.output().unwrap());
    let before = audit_actions(&db, 100);
    let o = run(&["demo", "--students", "5"], &db, None);
    assert_refused(&o, "already has accounts or campaigns");
    assert_eq!(audit_actions(&db, 100), before, "nothing written");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.list_users().unwrap().len(), 1, "no demo accounts");
    assert!(store.campaigns().unwrap().is_empty());
    drop(store);
    // A demo database is not built twice over either.
    let demo_db = dir.path().join("demo.db");
    demo(&demo_db);
    assert_refused(
        &run(&["demo", "--students", "5"], &demo_db, None),
        "already has accounts",
    );
    // A new, empty database is fine.
    demo(&dir.path().join("new.db"));
}

// ---- Finding 3: ingest follows links and reads special files ------------------------------

/// Runs `args` and kills it after `limit` (a FIFO used to hang ingest for good).
fn run_with_timeout(mut c: Command, limit: Duration) -> Output {
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// An ingest folder with the three cases the review found, one real photo and one file that is
/// not a photo but holds a secret; returns (folder, secret).
fn hostile_uploads(root: &Path) -> PathBuf {
    let uploads = root.join("uploads");
    std::fs::create_dir(&uploads).unwrap();
    let private = root.join("private-key.txt");
    std::fs::write(&private, "SECRET-TOKEN-4711 do not share").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&private, uploads.join(format!("{}.jpg", id(1)))).unwrap();
        std::os::unix::fs::symlink("/dev/zero", uploads.join(format!("{}.jpg", id(2)))).unwrap();
        let fifo = uploads.join(format!("{}.jpg", id(3)));
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo");
    }
    std::fs::write(
        uploads.join(format!("{}.jpg", id(4))),
        include_bytes!("../assets/demo/fr__biden.jpg"),
    )
    .unwrap();
    // A regular file that is no photo: recorded with a warning that must not quote it.
    std::fs::copy(&private, uploads.join(format!("{}.jpg", id(5)))).unwrap();
    uploads
}

#[cfg(unix)]
#[test]
fn ingest_refuses_links_pipes_and_devices_and_never_echoes_content() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("i.db");
    demo(&db);
    let roster = dir.path().join("roster.csv");
    let rows: Vec<String> = (1..=5).map(|n| format!("学生{n},{}", id(n))).collect();
    let rows = rows.join("\n") + "\n";
    std::fs::write(&roster, format!("姓名,身份证号\n{rows}")).unwrap();
    let window = "2026-03-24..2026-04-02";
    let o = run(
        &[
            "import-roster",
            "--campaign",
            "c2",
            "--school",
            "s",
            "--window",
            window,
            roster.to_str().unwrap(),
        ],
        &db,
        Some(SUPERVISOR),
    );
    assert_ok(&o);
    let uploads = hostile_uploads(dir.path());
    let limit = Duration::from_mins(1);
    let mut c = bin();
    c.args(["ingest", "--campaign", "c2", "--as", "supervisor", "--db"])
        .arg(&db)
        .arg(&uploads)
        .env("IDPHOTO_PASSWORD", SUPERVISOR.1);
    let o = run_with_timeout(c, limit);
    assert_ok(&o);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        out.contains("2 recorded, 3 refused, 1 warning"),
        "{out}\n{err}"
    );
    for (n, why) in [
        (1, "is a symbolic link"),
        (2, "is a symbolic link"),
        (3, "is not a regular file"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains("refused") && l.contains(&id(n)) && l.contains(why)),
            "{} should be refused as {why}: {err}",
            id(n)
        );
    }
    assert!(err.contains("not a readable photo"), "{err}");
    assert!(
        !out.contains("SECRET") && !err.contains("SECRET") && !err.contains("53 45 43"),
        "file content echoed: {err}"
    );
    // Nothing of the linked file went into the database.
    let store = Store::open(&db).unwrap();
    let hits: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM photos WHERE instr(bytes, 'SECRET') > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 1, "only the regular non-photo file is stored");
    drop(store);

    // The same folder through a manifest, and `check` on the same files, end too.
    let manifest: Vec<String> = (1..=3)
        .map(|n| format!("{},{}.jpg,", id(n), id(n)))
        .collect();
    let manifest = manifest.join("\n") + "\n";
    std::fs::write(
        uploads.join("manifest.csv"),
        format!("id_number,file,submitted_at\n{manifest}"),
    )
    .unwrap();
    let mut c = bin();
    c.args(["ingest", "--campaign", "c2", "--as", "supervisor", "--db"])
        .arg(&db)
        .arg(&uploads)
        .env("IDPHOTO_PASSWORD", SUPERVISOR.1);
    let o = run_with_timeout(c, limit);
    assert!(
        stdout(&o).contains("0 recorded, 3 refused"),
        "{}",
        stdout(&o)
    );
    let mut c = bin();
    c.arg("check")
        .args((1..=3).map(|n| uploads.join(format!("{}.jpg", id(n)))));
    let o = run_with_timeout(c, limit);
    assert_ok(&o);
    assert!(!stdout(&o).contains("SECRET"), "{}", stdout(&o));
}

#[test]
fn ingest_refuses_a_file_over_the_size_limit_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jpg");
    let f = std::fs::File::create(&big).unwrap();
    // Sparse: 20 MB + 1 byte on disk costs nothing.
    f.set_len(idphoto_review::ingest::MAX_UPLOAD_BYTES + 1)
        .unwrap();
    let err = idphoto_review::ingest::read_upload(&big).unwrap_err();
    assert_eq!(err, idphoto_review::ingest::UnreadableUpload::TooLarge);
    assert!(err.to_string().contains("larger than 20 MB"), "{err}");
    f.set_len(idphoto_review::ingest::MAX_UPLOAD_BYTES).unwrap();
    assert!(idphoto_review::ingest::read_upload(&big).is_ok());
}

// ---- Finding 4: files 0600, folders 0700 ---------------------------------------------------

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

/// Every file and folder under `root`, with its mode.
#[cfg(unix)]
fn modes(root: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        out.push((path.clone(), mode(&path)));
        if path.is_dir() {
            out.extend(modes(&path));
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn every_file_the_product_writes_is_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // Everything the product writes goes under `out`; the usual umask would give 0644 / 0755.
    let db = out.join("data/nested/review.db");
    demo(&db);
    let sup = Some(SUPERVISOR);
    let path = |p: &str| out.join(p).to_str().unwrap().to_owned();
    assert_ok(&run(&["backup", "--out", &path("backup.db")], &db, sup));
    assert_ok(&run(&["export-chsi", "--out", &path("chsi")], &db, sup));
    let key = age::x25519::Identity::generate().to_public().to_string();
    let sealed = [
        "export-chsi",
        "--out",
        &path("sealed"),
        "--encrypt-to",
        &key,
    ];
    assert_ok(&run(&sealed, &db, sup));
    assert_ok(&run(
        &["export-decisions", "--out", &path("decisions")],
        &db,
        sup,
    ));
    assert_ok(&run(&["overdue", "--csv", &path("overdue.csv")], &db, sup));
    let campaign = idphoto_review::demo::DEMO_CAMPAIGN;
    let produce = ["produce", "--campaign", campaign, "--out", &path("prints")];
    assert_ok(&run(&produce, &db, sup));
    let restore = ["restore", "--from", &path("backup.db"), "--force"];
    assert_ok(&run(&restore, &db, sup));
    // The window's board CSV, and a restore onto a new machine.
    idphoto_review::export::save_board_csv(&out.join("board.csv"), &[], chrono::Utc::now())
        .unwrap();
    let fresh = ["restore", "--from", &path("backup.db")];
    assert_ok(&run(&fresh, &out.join("fresh.db"), sup));
    // The database's -wal and -shm exist while it is open.
    let store = Store::open(&db).unwrap();
    store.audit_tail(1).unwrap();

    let all = modes(&out);
    let names: Vec<String> = all
        .iter()
        .map(|(p, _)| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    for expected in [
        "data",
        "data/nested",
        "data/nested/review.db",
        "data/nested/review.db-wal",
        "data/nested/review.db-shm",
        "backup.db",
        "chsi",
        "chsi/manifest.csv",
        "sealed/chsi.tar.age",
        "sealed/README.txt",
        "decisions.csv",
        "decisions.json",
        "overdue.csv",
        "board.csv",
        "fresh.db",
        "prints",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not written: {names:?}"
        );
    }
    assert!(names.iter().any(|n| n.contains(".replaced-")), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("prints/") && n.ends_with("-sheets.pdf"))
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("chsi/") && Path::new(n).extension().is_some_and(|e| e == "jpg"))
    );
    for (p, m) in &all {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*m, want, "{} is {m:o}", p.display());
    }
    drop(store);
}

// ---- Finding 5: every command that reads personal data or writes signs in ------------------

both_backends! {
    fn commands_that_read_personal_data_or_write_need_an_account() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        demo(&db);
        let backup = tdb.dir().join("b.db");
        let backup_s = backup.to_str().unwrap();
        let csv = tdb.dir().join("o.csv");
        let roster = tdb.dir().join("r.csv");
        std::fs::write(&roster, format!("姓名,身份证号\n张三,{}\n", id(9))).unwrap();
        let uploads = tdb.dir().join("up");
        std::fs::create_dir(&uploads).unwrap();
        let campaign = idphoto_review::demo::DEMO_CAMPAIGN;
        let commands: Vec<Vec<&str>> = vec![
            vec!["queue", "--json"],
            vec!["overdue", "--csv", csv.to_str().unwrap()],
            vec!["backup", "--out", backup_s],
            vec!["user", "list"],
            vec!["sweep"],
            vec!["recheck"],
            vec![
                "import-roster",
                "--campaign",
                campaign,
                roster.to_str().unwrap(),
            ],
            vec!["ingest", "--campaign", campaign, uploads.to_str().unwrap()],
            vec!["restore", "--from", backup_s, "--force"],
        ];
        // Without --as: refused by the command line itself, before the database is read.
        for cmd in &commands {
            let o = run(cmd, &db, None);
            assert!(!o.status.success(), "{cmd:?} ran without an account");
            assert!(stderr(&o).contains("--as"), "{cmd:?}: {}", stderr(&o));
        }
        // `restore --actor` took free text; it is gone.
        let o = run(&["restore", "--from", backup_s, "--actor", "x"], &db, None);
        assert!(!o.status.success());
        assert!(!backup.exists() && !csv.exists());

        // A wrong password: refused and audited, without naming an actor.
        let o = run(&["queue"], &db, Some(("supervisor", "wrong-password")));
        assert_refused(&o, "unknown user name or wrong password");
        assert_eq!(audit_actions(&db, 1), ["- auth.failed"]);

        // A reviewer does the desk's work, and nothing of a supervisor's.
        for cmd in &commands[..6] {
            let o = run(cmd, &db, Some(REVIEWER));
            let reviewer_may = matches!(cmd[0], "queue" | "sweep");
            assert_eq!(o.status.success(), reviewer_may, "{cmd:?}: {}", stderr(&o));
            if !reviewer_may {
                assert!(
                    stderr(&o).contains("supervisors only"),
                    "{cmd:?}: {}",
                    stderr(&o)
                );
            }
        }
        assert!(
            !backup.exists() && !csv.exists(),
            "nothing written for a reviewer"
        );

        // A supervisor: each one audited under the account.
        for cmd in &commands[..8] {
            assert_ok(&run(cmd, &db, Some(SUPERVISOR)));
        }
        let actions = audit_actions(&db, 200);
        for expected in [
            "reviewer queue.read",
            "supervisor queue.read",
            "supervisor board.read",
            "supervisor database.backup",
            "supervisor user.list",
            "supervisor checks.recheck",
            "supervisor roster.imported",
        ] {
            assert!(
                actions.iter().any(|a| a == expected),
                "{expected}: {actions:?}"
            );
        }
        let o = run(&commands[8], &db, Some(REVIEWER));
        if common::db::current() == common::db::Backend::Postgres {
            // A server database is restored with the server's tools; the command says how.
            assert_refused(&o, "pg_restore");
            return;
        }
        assert_refused(&o, "supervisors only");
        assert_ok(&run(&commands[8], &db, Some(SUPERVISOR)));
        assert_eq!(audit_actions(&db, 1), ["supervisor database.restore"]);
    }
}

both_backends! {
    fn repeated_failed_sign_ins_on_one_account_must_wait() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        demo(&db);
        // The free failures and one more: the wait is then 2 s (clocks count whole seconds).
        for _ in 0..idphoto_review::domain::role::FREE_SIGN_IN_FAILURES {
            let o = run(&["queue"], &db, Some(("reviewer", "guess-guess")));
            assert_refused(&o, "wrong password");
        }
        // One more failure, placed by hand just after the 1 s wait, so the 2 s wait it costs
        // outlasts starting the binary on a busy machine.
        let mut store = Store::open(&tdb.location).unwrap();
        let after_wait = chrono::Utc::now() + chrono::Duration::milliseconds(1100);
        let e = store
            .authenticate_at("reviewer", "guess-guess", after_wait)
            .unwrap_err();
        assert!(e.to_string().contains("wrong password"), "{e}");
        drop(store);
        // Even the right password waits now.
        let o = run(&["queue"], &db, Some(REVIEWER));
        assert_refused(&o, "too many failed sign-ins");
        let failed = audit_actions(&db, 10)
            .iter()
            .filter(|a| a.as_str() == "- auth.failed")
            .count();
        assert_eq!(failed, 5);
        // Another account is not held up.
        assert_ok(&run(&["queue"], &db, Some(SUPERVISOR)));
    }
}

// ---- Finding 8: the overdue CSV and a symlink ---------------------------------------------

#[cfg(unix)]
both_backends! {
    fn the_overdue_csv_never_writes_through_a_symlink_or_over_a_file() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        demo(&db);
        let victim = tdb.dir().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let link = tdb.dir().join("overdue.csv");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let o = run(
            &["overdue", "--csv", link.to_str().unwrap()],
            &db,
            Some(SUPERVISOR),
        );
        assert_refused(&o, "refusing to overwrite");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(link.is_symlink());
        // A dangling link is refused too (it would create the file it points to).
        let dangling = tdb.dir().join("dangling.csv");
        std::os::unix::fs::symlink(tdb.dir().join("elsewhere.csv"), &dangling).unwrap();
        let o = run(
            &["overdue", "--csv", dangling.to_str().unwrap()],
            &db,
            Some(SUPERVISOR),
        );
        assert_refused(&o, "refusing to overwrite");
        assert!(!tdb.dir().join("elsewhere.csv").exists());
        let o = run(
            &["overdue", "--csv", victim.to_str().unwrap()],
            &db,
            Some(SUPERVISOR),
        );
        assert_refused(&o, "refusing to overwrite");
        // Nothing left half-written beside them.
        let names: Vec<String> = std::fs::read_dir(tdb.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    }
}

// ---- Finding 9: the new-password prompt does not echo --------------------------------------

/// Types `typed` at a real terminal (a pty from util-linux `script`) once the prompt shows,
/// and returns everything the terminal showed.
#[cfg(target_os = "linux")]
fn on_a_terminal(command: &str, prompt: &str, typed: &str) -> String {
    use std::sync::{Arc, Mutex};
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", command, "/dev/null"])
        .env_remove("IDPHOTO_PASSWORD")
        .env_remove("IDPHOTO_NEW_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut out = child.stdout.take().unwrap();
    let reader = {
        let shown = Arc::clone(&shown);
        std::thread::spawn(move || {
            let mut buf = [0u8; 256];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shown.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let start = Instant::now();
    while !String::from_utf8_lossy(&shown.lock().unwrap()).contains(prompt) {
        assert!(start.elapsed() < Duration::from_secs(30), "no prompt");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The prompt is out, so echo is already off (or never will be): type now.
    std::thread::sleep(Duration::from_millis(200));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(typed.as_bytes()).unwrap();
    stdin.flush().unwrap();
    assert!(child.wait().unwrap().success());
    drop(stdin);
    reader.join().unwrap();
    String::from_utf8_lossy(&shown.lock().unwrap()).into_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn the_new_password_prompt_does_not_echo_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let command = format!(
        "LC_ALL=en_US.UTF-8 '{}' --db '{}' user add chen --role supervisor",
        env!("CARGO_BIN_EXE_idphoto-review"),
        db.display()
    );
    let shown = on_a_terminal(&command, "new password for chen", "typed-secret-77\n");
    assert!(!shown.contains("typed-secret-77"), "echoed: {shown:?}");
    assert!(shown.contains("added supervisor chen"), "{shown:?}");
    let mut store = Store::open(&db).unwrap();
    store.authenticate("chen", "typed-secret-77").unwrap();
    // The terminal's echo is back on afterwards (the shell would otherwise stay blind):
    // checked by `stty` itself inside the same terminal.
    let check = format!("{command}; stty -a | grep -o ' echo '");
    let db2 = dir.path().join("t2.db");
    let check = check.replace(&db.display().to_string(), &db2.display().to_string());
    let shown = on_a_terminal(&check, "new password for chen", "typed-secret-88\n");
    assert!(shown.contains(" echo "), "echo left off: {shown:?}");
}
