//! `bench-scale`: builds demo databases of growing size and times the queries the review
//! screen runs, to show how they grow (release build; the 100 000-student build takes a while).

use std::path::{Path, PathBuf};

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{Duration, Utc};

use super::output::outln;
use crate::demo::{DEMO_REVIEWERS, build};
use crate::store::{DbLocation, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Roster sizes to build, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    sizes: Vec<usize>,
    /// Folder for the databases (kept, so they can be opened in the GUI afterwards)
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,
    /// Time an existing `scale-N.db` in DIR instead of building it again
    #[arg(long)]
    reuse: bool,
    /// Timed repetitions of each query (the median is reported)
    #[arg(long, default_value_t = 31)]
    runs: usize,
    /// Build them on this `PostgreSQL` server instead, as databases `idphoto_scale_N` (replaced
    /// unless --reuse; the account needs CREATEDB)
    #[arg(long, value_name = "URL")]
    pg: Option<crate::store::PgTarget>,
}

/// Timings of one database, in milliseconds (medians).
struct Row {
    students: usize,
    build_s: f64,
    bytes: u64,
    awaiting: usize,
    queue_50: f64,
    queue_all: f64,
    summary: f64,
    find: f64,
    decided_today: f64,
}

pub fn run(args: &Args) -> Result<()> {
    crate::private_fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let mut rows: Vec<Row> = Vec::new();
    outln!(
        "| students | build s | DB MB | awaiting | queue(50) ms | queue(all) ms | summary ms | find ms | decided-today ms |"
    );
    outln!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &args.sizes {
        let row = one_size(args, n)?;
        outln!(
            "| {} | {:.1} | {:.1} | {} | {:.2} | {:.1} | {:.2} | {:.2} | {:.2} |",
            row.students,
            row.build_s,
            row.bytes as f64 / 1e6,
            row.awaiting,
            row.queue_50,
            row.queue_all,
            row.summary,
            row.find,
            row.decided_today
        );
        rows.push(row);
    }
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let g = |x: f64, y: f64| if x > 0.0 { y / x } else { f64::NAN };
        outln!(
            "{} -> {} students (x{:.0}): size x{:.1}, queue(50) x{:.1}, queue(all) x{:.1}, summary x{:.1}, find x{:.1}",
            a.students,
            b.students,
            g(a.students as f64, b.students as f64),
            g(a.bytes as f64, b.bytes as f64),
            g(a.queue_50, b.queue_50),
            g(a.queue_all, b.queue_all),
            g(a.summary, b.summary),
            g(a.find, b.find)
        );
    }
    Ok(())
}

fn one_size(args: &Args, n: usize) -> Result<Row> {
    let (runs, reuse) = (args.runs.max(1), args.reuse);
    let (location, build_s) = match &args.pg {
        None => {
            let path = args.dir.join(format!("scale-{n}.db"));
            let build_s = if reuse && path.exists() {
                0.0
            } else {
                build_db(&path, n)?
            };
            (DbLocation::Sqlite(path), build_s)
        }
        Some(server) => {
            let name = format!("idphoto_scale_{n}");
            let location = DbLocation::Postgres(server.with_dbname(&name));
            let build_s = if reuse {
                0.0
            } else {
                fresh_pg_database(server, &name)?;
                let started = Instant::now();
                let mut store = Store::open_or_create(&location)?;
                store.set_bulk_mode(true)?;
                build(&mut store, n, 2026, Utc::now()).context("cannot build the demo database")?;
                // What autovacuum does on a server shortly after a bulk load: statistics and
                // the visibility map, so counts can come from the indexes.
                store.execute_unchecked("VACUUM ANALYZE", ())?;
                started.elapsed().as_secs_f64()
            };
            (location, build_s)
        }
    };
    // A fresh connection, as the GUI has after start-up.
    let store = Store::open(&location)?;
    let now = Utc::now();
    let awaiting = store.queue(None)?.len();
    let bytes = match &location {
        DbLocation::Sqlite(path) => ["", "-wal"]
            .iter()
            .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
            .map(|m| m.len())
            .sum(),
        DbLocation::Postgres(_) => store
            .query_unchecked("SELECT pg_database_size(current_database())", ())?
            .first()
            .map_or(Ok(0), |r| r.get::<_, u64>(0))?,
    };
    Ok(Row {
        students: n,
        build_s,
        bytes,
        awaiting,
        queue_50: median_ms(runs, || store.queue(Some(50)).map(drop))?,
        queue_all: median_ms(runs.min(7), || store.queue(None).map(drop))?,
        summary: median_ms(runs, || store.queue_summary(now, 50).map(drop))?,
        find: median_ms(runs, || store.find_cases("王", 50).map(drop))?,
        decided_today: median_ms(runs, || {
            store
                .decisions_since(DEMO_REVIEWERS[0], now - Duration::hours(24))
                .map(drop)
        })?,
    })
}

/// Drops and creates database `name` on `server` (benchmarks only).
fn fresh_pg_database(server: &crate::store::PgTarget, name: &str) -> Result<()> {
    let admin = Store::admin_connection(server)?;
    admin.execute_unchecked(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), ())?;
    admin.execute_unchecked(&format!("CREATE DATABASE {name}"), ())?;
    Ok(())
}

/// Builds the demo database at `path` from scratch; returns the seconds it took.
fn build_db(path: &Path, n: usize) -> Result<f64> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    let started = Instant::now();
    let mut store = super::create_db(&path.into())?;
    build(&mut store, n, 2026, Utc::now()).context("cannot build the demo database")?;
    Ok(started.elapsed().as_secs_f64())
}

fn median_ms<E: std::error::Error + Send + Sync + 'static>(
    runs: usize,
    mut f: impl FnMut() -> Result<(), E>,
) -> Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}
