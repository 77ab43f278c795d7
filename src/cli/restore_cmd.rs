//! `restore`: replaces the database with a checked backup, keeping the old file beside it.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;
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
        return Err(Msg::new("cli-restore-sqlite-only")
            .arg("at", db.to_string())
            .into());
    };
    let password = super::auth::password().with_ctx(|| {
        Msg::new("cli-password-env-missing")
            .arg("env", super::auth::PASSWORD_ENV)
            .arg("name", &args.as_user)
    })?;
    let who = Credentials {
        name: &args.as_user,
        password,
    };
    let report = crate::store::restore(&args.from, db, args.force, &who, Utc::now())
        .with_ctx(|| Msg::new("cli-cannot-restore").path("path", &args.from))?;
    super::say(
        &Msg::new("cli-restored")
            .path("from", &args.from)
            .arg("version", report.schema_version)
            .arg("decisions", report.decisions)
            .arg("audit", report.audit_entries)
            .path("path", &report.path),
    );
    if let Some(kept) = &report.replaced_kept_at {
        super::say(&Msg::new("cli-previous-kept").path("path", kept));
    }
    Ok(())
}
