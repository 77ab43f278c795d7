//! `restore`: replaces the database with a checked backup, keeping the old file beside it.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;

use crate::store::Credentials;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Backup file to restore from (made by `backup`)
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// Replace an existing database (it is kept as `<name>.replaced-<time>`)
    #[arg(long)]
    force: bool,
    /// Supervisor restoring (password from `IDPHOTO_PASSWORD`): of the database replaced, or
    /// of the backup when there is no database yet
    #[arg(long = "as", value_name = "NAME")]
    as_user: String,
}

pub fn run(db: &crate::store::DbLocation, args: &Args) -> Result<()> {
    let Some(db) = db.sqlite_path() else {
        anyhow::bail!(
            "restore replaces an SQLite file; on PostgreSQL, restore a `pg_dump --format=custom` backup with `pg_restore --clean --if-exists --dbname=URL FILE` ({db})"
        );
    };
    let password = super::auth::password().with_context(|| {
        format!(
            "set {} to the password of {}",
            super::auth::PASSWORD_ENV,
            args.as_user
        )
    })?;
    let who = Credentials {
        name: &args.as_user,
        password,
    };
    let report = crate::store::restore(&args.from, db, args.force, &who, Utc::now())
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
