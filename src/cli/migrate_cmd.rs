//! `migrate`: moves a studio from its `SQLite` file to a `PostgreSQL` server.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;

use super::auth::{AsArgs, supervisor};
use crate::domain::role::Action;
use crate::store::{DbLocation, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The studio's `SQLite` database file
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// The new, empty `PostgreSQL` database (`postgres://user@host:port/dbname`)
    #[arg(long, value_name = "URL")]
    to: DbLocation,
    /// A supervisor of the `SQLite` database (password from `IDPHOTO_PASSWORD`)
    #[command(flatten)]
    by: AsArgs,
}

/// Copies everything, checks counts and photo hashes, and audits the move on the target.
pub fn run(args: &Args) -> Result<()> {
    let mut source = Store::open(&args.from).context("cannot open the database to migrate")?;
    let actor = supervisor(&mut source, &args.by, Action::Backup)?;
    let mut target = Store::open_or_create(&args.to).context("cannot open the target database")?;
    let started = std::time::Instant::now();
    let report = source
        .migrate_to(&mut target, &actor, Utc::now())
        .with_context(|| format!("migration to {} failed", args.to))?;
    let total: u64 = report.rows.iter().map(|(_, n)| n).sum();
    println!(
        "migrated {} into {}: {total} rows in {} tables, {} photos verified by SHA-256 ({:.1} s)",
        args.from.display(),
        args.to,
        report.rows.len(),
        report.photos_verified,
        started.elapsed().as_secs_f64()
    );
    for (table, n) in &report.rows {
        println!("  {table:<18} {n}");
    }
    // Server roles are per server and made from a password, which SQLite never had in clear.
    println!(
        "the accounts have no sign-in on the server yet: each gets one at its first sign-in over the owner's URL, or when a supervisor sets its password again (docs/postgres.md)"
    );
    Ok(())
}
