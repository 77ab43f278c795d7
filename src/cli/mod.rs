//! Command line: the GUI by default, plus batch commands for rosters, uploads and decisions.

mod backup_cmd;
mod bench_cmd;
mod bench_scale_cmd;
mod check_cmd;
mod decide_batch;
mod decide_cmd;
mod demo_cmd;
mod ingest_cmd;
mod queue_cmd;
mod restore_cmd;
mod roster_cmd;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "idphoto-review",
    version,
    about = "Review workstation for graduation ID photos"
)]
pub struct Cli {
    /// Database file [default: <user data dir>/idphoto-review/review.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language: zh (default) or en
    #[arg(long, global = true, value_name = "LANG", default_value = "zh")]
    pub lang: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a demo campaign with photos in every state, placed around now
    Demo(demo_cmd::Args),
    /// Import a school's roster (CSV in UTF-8 or GBK, or XLSX)
    ImportRoster(roster_cmd::Args),
    /// Add a folder of uploads (`<ID number>.jpg` files or a manifest.csv)
    Ingest(ingest_cmd::Args),
    /// Show counts by state, overdue counts and the next items to review
    Queue(queue_cmd::Args),
    /// Approve, reject or escalate a submission (the GUI's decision path)
    Decide(decide_cmd::Args),
    /// Run the automatic checks on photo files (exit 0 even when photos fail)
    Check(check_cmd::Args),
    /// Measure decode and check speed on the demo photos (release build)
    Bench(bench_cmd::Args),
    /// Build demo databases of 1 000 / 10 000 / 100 000 students and time the queue queries
    BenchScale(bench_scale_cmd::Args),
    /// Copy the database to a file while the app is in use (`SQLite` online backup)
    Backup(backup_cmd::Args),
    /// Replace the database with a backup (checked first; the old one is kept beside it)
    Restore(restore_cmd::Args),
    /// Fail rejected cases whose resubmission time has passed (idempotent)
    Sweep,
}

/// Parses the command line and runs it. Errors come back as one readable chain.
pub fn run() -> Result<()> {
    let cli = Cli::parse();
    let db = match &cli.db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    };
    match cli.command {
        None => run_gui(&db, &cli.lang),
        Some(Command::Demo(args)) => demo_cmd::run(&db, &args),
        Some(Command::ImportRoster(args)) => roster_cmd::run(&mut open(&db)?, &args),
        Some(Command::Ingest(args)) => ingest_cmd::run(&mut open(&db)?, &args),
        Some(Command::Queue(args)) => queue_cmd::run(&open(&db)?, &args),
        Some(Command::Decide(args)) => decide_cmd::run(&mut open(&db)?, &args),
        Some(Command::Check(args)) => check_cmd::run(&args),
        Some(Command::Bench(args)) => bench_cmd::run(&args),
        Some(Command::BenchScale(args)) => bench_scale_cmd::run(&args),
        Some(Command::Backup(args)) => backup_cmd::run(&open(&db)?, &args),
        Some(Command::Restore(args)) => restore_cmd::run(&db, &args),
        Some(Command::Sweep) => {
            let n = open(&db)?.sweep(chrono::Utc::now(), "sweep")?;
            println!("{n} case(s) moved to collection_failed");
            Ok(())
        }
    }
}

#[cfg(feature = "gui")]
fn run_gui(db: &std::path::Path, lang: &str) -> Result<()> {
    crate::app::run_gui(db, lang)
}

#[cfg(not(feature = "gui"))]
fn run_gui(_db: &std::path::Path, _lang: &str) -> Result<()> {
    anyhow::bail!(
        "this build has no review window (built without the `gui` feature); use a subcommand"
    )
}

/// `<user data dir>/idphoto-review/review.db`.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::BaseDirs::new()
        .context("cannot find the user's data directory; pass --db PATH")?;
    Ok(dirs.data_dir().join("idphoto-review").join("review.db"))
}

pub use demo_cmd::create_db;

fn open(db: &std::path::Path) -> Result<Store> {
    Store::open(db).context("cannot open the database")
}
