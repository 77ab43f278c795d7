//! Crash durability: the real binary decides a stream of photos (`decide --stdin`) and is
//! killed with SIGKILL at random moments, many times, on an `SQLite` file and on a `PostgreSQL`
//! database. After every kill the database must pass `PRAGMA integrity_check` (`SQLite`), open
//! normally, and hold every decision the process acknowledged, each with its audit entry and
//! its case in the acknowledged state.
//!
//! `CRASH_KILLS` (default 30) sets the number of kills, `CRASH_SEED` the random seed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use idphoto_review::store::Store;
use idphoto_review::store::db::Value;

mod common;
use common::db::{Backend, TestDb};

/// A supervisor account of its own (the queue head may be an escalated case), added to the
/// demo database by the demo supervisor.
const REVIEWER: &str = "crash-desk";
const PASSWORD: &str = "crash-password";

/// The binary, with English messages whatever this machine's locale.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_idphoto-review"));
    c.env("LC_ALL", "en_US.UTF-8");
    c
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// An acknowledged decision: `ok <submission> <decision id> <state>`.
#[derive(Debug, Clone)]
struct Ack {
    submission: i64,
    decision: i64,
    state: String,
}

fn parse_ack(line: &str) -> Option<Ack> {
    let mut w = line.split_whitespace();
    (w.next()? == "ok").then_some(())?;
    Some(Ack {
        submission: w.next()?.parse().ok()?,
        decision: w.next()?.parse().ok()?,
        state: w.next()?.to_owned(),
    })
}

/// The first column of the first row of a query.
fn one<T: idphoto_review::store::db::FromValue>(store: &Store, sql: &str, params: Vec<Value>) -> T {
    store.query_unchecked(sql, params).unwrap()[0]
        .get(0)
        .unwrap()
}

fn awaiting(db: &TestDb) -> i64 {
    let store = Store::open(&db.location).unwrap();
    one(
        &store,
        "SELECT COUNT(*) FROM cases WHERE state IN ('pending_review', 'escalated')",
        vec![],
    )
}

/// The audit detail's `decision_id`, in the backend's JSON functions.
fn decision_id_of(detail: &str) -> String {
    match common::db::current() {
        Backend::Sqlite => format!("json_extract({detail}, '$.decision_id')"),
        Backend::Postgres => format!("CAST(CAST({detail} AS json) ->> 'decision_id' AS BIGINT)"),
    }
}

/// Starts a desk that decides the head of the queue as fast as it can, fed by a writer thread.
fn start_desk(db: &str, rng: &mut fastrand::Rng) -> (Child, std::thread::JoinHandle<()>) {
    let mut child = bin()
        .args(["decide", "--stdin", "--reviewer", REVIEWER, "--db"])
        .arg(db)
        .env("IDPHOTO_PASSWORD", PASSWORD)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let reject_every = rng.u32(2..5);
    let writer = std::thread::spawn(move || {
        for i in 0..10_000u32 {
            let line = if i % reject_every == 0 {
                "next reject BLURRY,FACE_TOO_DARK crash test\n"
            } else {
                "next approve\n"
            };
            // The pipe breaks when the process is killed: that is the point.
            if stdin.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
    });
    (child, writer)
}

/// Checks the database after a kill; returns how many acknowledged decisions were verified.
fn verify(db: &TestDb, acks: &[Ack]) -> usize {
    // The application itself opens it again (WAL recovery, schema checks).
    let c = Store::open(&db.location).unwrap();
    if common::db::current() == Backend::Sqlite {
        let ok: String = one(&c, "PRAGMA integrity_check", vec![]);
        assert_eq!(ok, "ok", "integrity_check after kill");
    }
    for a in acks {
        let rows = c
            .query_unchecked(
                "SELECT submission_id, to_state FROM decisions WHERE id = ?1",
                vec![Value::Int(a.decision)],
            )
            .unwrap();
        let row = rows
            .first()
            .unwrap_or_else(|| panic!("acknowledged decision {a:?} is missing"));
        let (sub, to): (i64, String) = (row.get(0).unwrap(), row.get(1).unwrap());
        assert_eq!(
            (sub, to.as_str()),
            (a.submission, a.state.as_str()),
            "{a:?}"
        );
        let audits: i64 = one(
            &c,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'decision.%' AND {} = ?1",
                decision_id_of("detail")
            ),
            vec![Value::Int(a.decision)],
        );
        assert_eq!(audits, 1, "audit entry of {a:?}");
        let state: String = one(
            &c,
            "SELECT c.state FROM cases c JOIN submissions s ON s.case_id = c.id WHERE s.id = ?1",
            vec![Value::Int(a.submission)],
        );
        assert_eq!(state, a.state, "case state of {a:?}");
    }
    // Atomicity beyond the acknowledged ones: no decision without its audit entry, none twice.
    let orphans: i64 = one(
        &c,
        &format!(
            "SELECT COUNT(*) FROM decisions d WHERE d.reviewer = ?1 AND NOT EXISTS (
               SELECT 1 FROM audit_log a WHERE {} = d.id)",
            decision_id_of("a.detail")
        ),
        vec![Value::Text(REVIEWER.into())],
    );
    assert_eq!(orphans, 0, "decisions without audit entry");
    let twice: i64 = one(
        &c,
        "SELECT COUNT(*) FROM (SELECT submission_id FROM decisions WHERE reviewer = ?1
           GROUP BY submission_id HAVING COUNT(*) > 1) AS t",
        vec![Value::Text(REVIEWER.into())],
    );
    assert_eq!(twice, 0, "a submission decided twice");
    c.queue(Some(1)).unwrap();
    acks.len()
}

both_backends! {
    fn acknowledged_decisions_survive_sigkill() {
        survive_kills();
    }
}

fn survive_kills() {
    let kills = env_or("CRASH_KILLS", 30);
    let seed = env_or("CRASH_SEED", fastrand::u64(..));
    let mut rng = fastrand::Rng::with_seed(seed);
    let template = TestDb::new();
    let o = bin()
        .args(["demo", "--students", "240", "--db"])
        .arg(template.arg())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let supervisor = idphoto_review::demo::DEMO_ACCOUNTS[0];
    let o = bin()
        .args([
            "user",
            "add",
            REVIEWER,
            "--role",
            "supervisor",
            "--as",
            supervisor.name,
        ])
        .args(["--db"])
        .arg(template.arg())
        .env("IDPHOTO_PASSWORD", supervisor.password)
        .env("IDPHOTO_NEW_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut db: Option<TestDb> = None;
    let started = Instant::now();
    let (mut checked, mut all_acks, mut resets, mut mid_stream) = (0, Vec::new(), 0, 0);
    let (mut distinct, mut unacked, mut unacked_current) = (0, 0, 0);
    for _ in 0..kills {
        if db.as_ref().is_none_or(|db| awaiting(db) < 15) {
            // Fresh queue: verified history of the previous database is done with.
            db = Some(template.copy());
            all_acks.clear();
            unacked += unacked_current;
            resets += 1;
        }
        let db = db.as_ref().unwrap();
        let (mut child, writer) = start_desk(&db.arg(), &mut rng);
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(rng.u64(5..400)));
        child.kill().unwrap(); // SIGKILL on Unix.
        child.wait().unwrap();
        writer.join().unwrap();
        let lines = reader.join().unwrap();
        let acks: Vec<Ack> = lines.iter().filter_map(|l| parse_ack(l)).collect();
        assert!(
            lines.iter().all(|l| !l.starts_with("error")),
            "errors: {lines:?}"
        );
        if !acks.is_empty() && !lines.iter().any(|l| l.starts_with("done")) {
            mid_stream += 1;
        }
        distinct += acks.len();
        all_acks.extend(acks);
        checked += verify(db, &all_acks);
        // Committed but killed before the `ok` line: allowed (never acknowledged), and counted
        // to show kills landing between the commit and the acknowledgement.
        let in_db: usize = one(
            &Store::open(&db.location).unwrap(),
            "SELECT COUNT(*) FROM decisions WHERE reviewer = ?1",
            vec![Value::Text(REVIEWER.into())],
        );
        unacked_current = in_db - all_acks.len();
    }
    println!(
        "crash durability on {:?} (seed {seed}): {kills} SIGKILLs survived, {mid_stream} mid-stream, \
         {distinct} acknowledged decisions, {checked} re-checks after kills, \
         {} committed but killed before the acknowledgement, \
         {resets} fresh databases, {:.1} s",
        common::db::current(),
        unacked + unacked_current,
        started.elapsed().as_secs_f64()
    );
    assert!(checked > 0, "no decision was acknowledged before any kill");
    assert!(
        mid_stream > 0,
        "no kill landed while decisions were flowing"
    );
}
