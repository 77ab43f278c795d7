//! `backup`: a consistent copy of the database, taken while desks keep deciding.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;

use super::auth::{AsArgs, audited};
use crate::domain::role::Action;
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Backup file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    by: AsArgs,
}

/// Supervisors only: the copy holds every account's password hash. The backup is audited
/// before it is taken, so the copy records itself.
pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let detail = serde_json::json!({ "out": args.out.display().to_string() });
    audited(store, &args.by, Action::Backup, "database.backup", detail)?;
    let report = store
        .backup_to(&args.out, args.force)
        .with_ctx(|| Msg::new("cli-backup-failed").arg("at", store.location().to_string()))?;
    super::say(
        &Msg::new("cli-backup-written")
            .arg("bytes", report.bytes)
            .arg("version", report.schema_version)
            .arg("decisions", report.decisions)
            .arg("audit", report.audit_entries)
            .path("path", &report.path),
    );
    Ok(())
}
