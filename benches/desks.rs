//! Several desks draining one queue: 2, 4 and 8 `decide --stdin` processes of the release
//! binary on one database, on `SQLite` and (with `IDPHOTO_TEST_PG`) on `PostgreSQL`. Prints
//! decisions per second, conflicts refused and the p50 / p95 latency of a decision.
//!
//! `cargo bench --bench desks` (`DESK_ITEMS`, default 1200, sizes the queue).
#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark may panic.

use std::time::Instant;

#[path = "../tests/common/mod.rs"]
mod common;
use common::db::{Backend, TestDb};

struct Run {
    decided: u64,
    refused: u64,
    p50_us: Vec<u64>,
    p95_us: Vec<u64>,
}

fn drain(backend: Backend, desks: u32, items: u32) -> (Run, f64) {
    let db = TestDb::on(backend);
    common::populated(&db.location, items);
    let started = Instant::now();
    let children: Vec<_> = (0..desks)
        .map(|d| {
            let script = "next approve\n".repeat(items as usize + 1);
            common::spawn_desk(&db.arg(), common::DESKS[d as usize], script)
        })
        .collect();
    let mut run = Run {
        decided: 0,
        refused: 0,
        p50_us: Vec::new(),
        p95_us: Vec::new(),
    };
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let done = stdout.lines().last().unwrap();
        run.decided += common::done_field(done, "decided");
        run.refused += common::done_field(done, "refused");
        if common::done_field(done, "decided") > 0 {
            run.p50_us.push(common::done_field(done, "p50_us"));
            run.p95_us.push(common::done_field(done, "p95_us"));
        }
    }
    (run, started.elapsed().as_secs_f64())
}

fn main() {
    let items: u32 = std::env::var("DESK_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1200);
    let mut backends = vec![Backend::Sqlite];
    if common::db::pg_server().is_some() {
        backends.push(Backend::Postgres);
    } else {
        println!("PostgreSQL SKIPPED: set IDPHOTO_TEST_PG to measure it too");
    }
    println!("{items} uploads drained by N desks (release binary, one machine)\n");
    println!("| backend | desks | decisions/s | conflicts refused | p50 ms | p95 ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    for backend in backends {
        for desks in [2, 4, 8] {
            let (run, secs) = drain(backend, desks, items);
            assert_eq!(run.decided, u64::from(items), "every upload decided once");
            // The slowest desk's figure: what a reviewer at the busiest desk would feel.
            let ms = |v: &[u64]| v.iter().copied().max().unwrap_or(0) as f64 / 1e3;
            println!(
                "| {backend:?} | {desks} | {:.0} | {} | {:.1} | {:.1} |",
                f64::from(items) / secs,
                run.refused,
                ms(&run.p50_us),
                ms(&run.p95_us)
            );
        }
    }
}
