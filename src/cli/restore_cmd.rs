//! `restore`: replaces the database with a checked backup, keeping the old file beside it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Utc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Backup file to restore from (made by `backup`)
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// Replace an existing database (it is kept as `<name>.replaced-<time>`)
    #[arg(long)]
    force: bool,
    /// Who restores, for the audit log
    #[arg(long, default_value = "restore")]
    actor: String,
}

pub fn run(db: &Path, args: &Args) -> Result<()> {
    let report = crate::store::restore(&args.from, db, args.force, &args.actor, Utc::now())
        .with_context(|| format!("cannot restore {}", args.from.display()))?;
    println!(
        "restored {} into {}: schema {}, {} decisions, {} audit entries",
        args.from.display(),
        report.path.display(),
        report.schema_version,
        report.decisions,
        report.audit_entries
    );
    if let Some(kept) = &report.replaced_kept_at {
        println!("the previous database is kept at {}", kept.display());
    }
    Ok(())
}
