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
        let m = match receipt.attempt {
            Some(a) => Msg::new("cli-ingest-recorded").arg("attempt", a),
            None => Msg::new("cli-ingest-recorded-only"),
        };
        super::say(&m.arg("file", file).arg("submission", receipt.submission_id));
    }
    for (file, why) in &report.warnings {
        super::warn(
            &Msg::new("cli-ingest-warning")
                .arg("file", file)
                .arg("why", why.clone()),
        );
    }
    for (file, why) in &refused {
        super::warn(
            &Msg::new("cli-ingest-refused")
                .arg("file", file)
                .arg("why", why.clone()),
        );
    }
    super::say(
        &Msg::new("cli-ingest-summary")
            .arg("recorded", report.recorded.len())
            .arg("refused", refused.len())
            .arg("warnings", report.warnings.len()),
    );
    Ok(())
}
