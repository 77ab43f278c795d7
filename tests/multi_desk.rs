//! Several desks at once: separate processes of the real binary take the head of the same
//! queue on the same database (an `SQLite` file, and a `PostgreSQL` database) as fast as they
//! can. The store must refuse every conflict
//! (the desk moves on), never decide a submission twice, lose no acknowledged decision, and
//! never surface "database is locked".
//!
//! `DESKS` (default 4) and `DESK_ITEMS` (default 600) size the run.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::collections::HashSet;
use std::process::Child;
use std::time::Instant;

use idphoto_review::store::Store;

mod common;
use common::db::{Backend, TestDb};

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one desk printed.
struct DeskRun {
    acks: Vec<(i64, i64)>,
    refused: u64,
    busy_retries: u64,
    empties: usize,
}

/// Starts desk `d` with `items` lines: together the desks over-ask.
fn spawn_desk(db: &str, d: u32, items: u32) -> Child {
    let script: String = (0..items)
        .map(|k| {
            if (k + d).is_multiple_of(3) {
                "next reject BLURRY\n"
            } else {
                "next approve\n"
            }
        })
        .collect();
    common::spawn_desk(db, &format!("desk-{d}"), script)
}

/// Waits for a desk and reads its answers; any error or lock message fails the test.
fn collect(child: Child) -> DeskRun {
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "desk failed: {stderr}\n{stdout}");
    for bad in ["locked", "database is busy", "\nerror"] {
        assert!(
            !stdout.contains(bad) && !stderr.contains(bad),
            "{bad:?}: {stdout}{stderr}"
        );
    }
    let done = stdout.lines().last().unwrap();
    DeskRun {
        acks: stdout
            .lines()
            .filter_map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                (w.first() == Some(&"ok")).then(|| (w[1].parse().unwrap(), w[2].parse().unwrap()))
            })
            .collect(),
        refused: common::done_field(done, "refused"),
        busy_retries: common::done_field(done, "busy_retries"),
        empties: stdout.lines().filter(|l| *l == "empty").count(),
    }
}

both_backends! {
    fn desks_deciding_the_same_queue_never_double_decide_or_lose_a_decision() {
        drain(env_or("DESKS", 4), env_or("DESK_ITEMS", 600));
    }
}

fn drain(desks: u32, items: u32) {
    let tdb = TestDb::new();
    let db = tdb.arg();
    common::populated(&tdb.location, items);

    let started = Instant::now();
    // One line more than there are items: every desk ends on `empty`, however the work split.
    let children: Vec<_> = (0..desks).map(|d| spawn_desk(&db, d, items + 1)).collect();
    let runs: Vec<DeskRun> = children.into_iter().map(collect).collect();
    let seconds = started.elapsed().as_secs_f64();

    let acks: Vec<(i64, i64)> = runs.iter().flat_map(|r| r.acks.clone()).collect();
    let subs: HashSet<i64> = acks.iter().map(|a| a.0).collect();
    assert_eq!(
        subs.len(),
        acks.len(),
        "a submission was acknowledged twice"
    );
    assert_eq!(
        acks.len(),
        items as usize,
        "every item decided exactly once"
    );
    assert!(
        runs.iter().all(|r| r.empties > 0),
        "every desk drained the queue"
    );

    let store = Store::open(&tdb.location).unwrap();
    let one = |sql: &str, params: Vec<idphoto_review::store::db::Value>| -> i64 {
        store.query_unchecked(sql, params).unwrap()[0]
            .get(0)
            .unwrap()
    };
    if common::db::current() == Backend::Sqlite {
        let ok: String = store.query_unchecked("PRAGMA integrity_check", ()).unwrap()[0]
            .get(0)
            .unwrap();
        assert_eq!(ok, "ok");
    }
    let decisions = one("SELECT COUNT(*) FROM decisions", vec![]);
    let distinct = one(
        "SELECT COUNT(DISTINCT submission_id) FROM decisions",
        vec![],
    );
    assert_eq!((decisions, distinct), (i64::from(items), i64::from(items)));
    for (sub, decision) in &acks {
        use idphoto_review::store::db::Value::Int;
        let found = one(
            "SELECT COUNT(*) FROM decisions WHERE id = ?1 AND submission_id = ?2",
            vec![Int(*decision), Int(*sub)],
        );
        assert_eq!(found, 1, "acknowledged decision {decision} on {sub}");
    }
    let awaiting = one(
        "SELECT COUNT(*) FROM cases WHERE state IN ('pending_review', 'escalated')",
        vec![],
    );
    assert_eq!(awaiting, 0);

    let per_desk: Vec<usize> = runs.iter().map(|r| r.acks.len()).collect();
    println!(
        "{:?}: {desks} desks, {items} items: decided per desk {per_desk:?}, {} conflicts refused, \
         {} busy retries, {seconds:.2} s, {:.0} decisions/s",
        common::db::current(),
        runs.iter().map(|r| r.refused).sum::<u64>(),
        runs.iter().map(|r| r.busy_retries).sum::<u64>(),
        f64::from(items) / seconds
    );
}
