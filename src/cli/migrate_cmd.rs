//! `migrate`: moves a studio from its `SQLite` file to a `PostgreSQL` server.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;
use chrono::Utc;

use super::auth::{AsArgs, supervisor};
use super::output::outln;
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
    let mut source = Store::open(&args.from).ctx(Msg::new("cli-cannot-open-migrate-source"))?;
    let actor = supervisor(&mut source, &args.by, Action::Backup)?;
    let mut target =
        Store::open_or_create(&args.to).ctx(Msg::new("cli-cannot-open-migrate-target"))?;
    let started = std::time::Instant::now();
    let report = source
        .migrate_to(&mut target, &actor, Utc::now())
        .with_ctx(|| Msg::new("cli-migration-failed").arg("at", args.to.to_string()))?;
    let total: u64 = report.rows.iter().map(|(_, n)| n).sum();
    super::say(
        &Msg::new("cli-migrated")
            .path("from", &args.from)
            .arg("to", args.to.to_string())
            .arg("rows", total)
            .arg("tables", report.rows.len())
            .arg("photos", report.photos_verified)
            .arg("secs", format!("{:.1}", started.elapsed().as_secs_f64())),
    );
    for (table, n) in &report.rows {
        outln!("  {table:<18} {n}");
    }
    // Server roles are per server and made from a password, which SQLite never had in clear.
    super::say(&Msg::new("cli-migrated-accounts"));
    Ok(())
}
