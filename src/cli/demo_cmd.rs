//! `demo`: a demo campaign with every state populated, placed around now.

use crate::i18n::{Msg, MsgContext};
use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use chrono::Utc;

use super::output::outln;
use crate::demo::{DEMO_ACCOUNTS, DEMO_CAMPAIGN, build};
use crate::store::{DbLocation, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Roster size
    #[arg(long, default_value_t = 240)]
    students: usize,
    /// Random seed (same seed, same roster and story)
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

pub fn run(db: &DbLocation, args: &Args) -> Result<()> {
    let started = Instant::now();
    let mut store = create_db(db)?;
    // Refused before anything is written unless the database is new and empty (no accounts,
    // no campaigns): the demo's accounts have public passwords.
    let report = build(&mut store, args.students, args.seed, Utc::now())
        .with_ctx(|| Msg::new("cli-cannot-build-demo").arg("at", db.to_string()))?;
    let summary = store.queue_summary(Utc::now(), 0)?;
    super::say(
        &Msg::new("cli-demo-built")
            .arg("campaign", DEMO_CAMPAIGN)
            .arg("students", report.students)
            .arg("uploads", report.uploads)
            .arg("decisions", report.decisions)
            .arg("secs", format!("{:.1}", started.elapsed().as_secs_f64()))
            .arg("at", db.to_string()),
    );
    outln!("{}", serde_json::to_string(&summary.counts)?);
    super::say(&Msg::new("cli-demo-accounts"));
    for a in DEMO_ACCOUNTS {
        outln!(
            "  {:<11} {:<10} / {:<16} {}",
            a.role.code(),
            a.name,
            a.password,
            a.display_name
        );
    }
    Ok(())
}

/// Opens or creates the database (a file: making its folder first; a server database: filling
/// an empty one with the schema).
pub fn create_db(db: &DbLocation) -> Result<Store> {
    if let Some(dir) = db
        .sqlite_path()
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
    {
        crate::private_fs::create_dir_all(dir)
            .with_ctx(|| Msg::new("cli-cannot-create-folder").path("path", dir))?;
    }
    Store::open_or_create(db).ctx(Msg::new("cli-cannot-open-db"))
}
