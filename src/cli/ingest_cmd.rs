//! `ingest`: a folder of uploads into a campaign.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;
use chrono::Utc;

use super::auth::{AsArgs, require};
use crate::domain::role::Action;
use crate::ingest::{ingest, scan};
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Campaign name
    #[arg(long)]
    campaign: String,
    /// Folder with `<ID number>.jpg` files or a `manifest.csv` (`id_number,file,submitted_at`)
    dir: PathBuf,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let actor = require(store, &args.by.as_user, Action::RecordUpload)?;
    let (campaign_id, campaign) = store.campaign_by_name(&args.campaign)?;
    let (files, mut refused) = scan(&args.dir, campaign.timezone)
        .with_ctx(|| Msg::new("cli-cannot-read-folder").path("path", &args.dir))?;
    let report = ingest(store, campaign_id, &files, &actor, Utc::now())?;
    refused.extend(report.refused);
    for (file, receipt) in &report.recorded {
        let attempt = receipt
            .attempt
            .map_or_else(|| "recorded only".to_owned(), |a| format!("attempt {a}"));
        println!(
            "recorded  {file}: submission {} ({attempt})",
            receipt.submission_id
        );
    }
    for (file, why) in &report.warnings {
        eprintln!("warning   {file}: {why}");
    }
    for (file, why) in &refused {
        eprintln!("refused   {file}: {why}");
    }
    println!(
        "{} recorded, {} refused, {} warning(s)",
        report.recorded.len(),
        refused.len(),
        report.warnings.len()
    );
    Ok(())
}
