//! `backup`: a consistent copy of the database, taken while desks keep deciding.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Backup file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(store: &Store, args: &Args) -> Result<()> {
    let report = store
        .backup_to(&args.out, args.force)
        .with_context(|| format!("backup of {} failed", store.path().display()))?;
    println!(
        "backup written to {}: {} bytes, schema {}, {} decisions, {} audit entries (integrity ok)",
        report.path.display(),
        report.bytes,
        report.schema_version,
        report.decisions,
        report.audit_entries
    );
    Ok(())
}
