//! `export-decisions`: decisions and student-facing reason texts for the mini-program.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use super::auth::{AsArgs, supervisor};
use crate::domain::role::Action;
use anyhow::Result;
use chrono::Utc;

use crate::export::{DecisionsOptions, export_decisions};
use crate::store::Store;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes FILE_BASE.csv (UTF-8 with BOM, so Excel on Chinese Windows opens \
it correctly; cells that look like formulas start with ') and FILE_BASE.json. Each decision is \
exported once: a second run writes nothing unless new decisions were made (or --all)."
)]
pub struct Args {
    /// File base: writes `FILE_BASE.csv` and `FILE_BASE.json` (neither may exist yet)
    #[arg(long, value_name = "FILE_BASE")]
    out: PathBuf,
    /// Export one campaign only (default: every campaign)
    #[arg(long, value_name = "NAME")]
    campaign: Option<String>,
    /// Export every approve/reject decision again, including those already exported
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    who: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    // Exports are supervisor-only: signed in and checked before anything is read.
    let actor = supervisor(store, &args.who, Action::Export)?;
    let opts = DecisionsOptions {
        out_base: &args.out,
        campaign: args.campaign.as_deref(),
        include_exported: args.all,
    };
    let report = export_decisions(store, &opts, &actor, Utc::now())
        .ctx(Msg::new("cli-decision-export-failed"))?;
    if report.files.is_empty() {
        super::say(&Msg::new("cli-no-new-decisions"));
        return Ok(());
    }
    let files: Vec<String> = report
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    super::say(
        &Msg::new("cli-decisions-exported")
            .arg("count", report.decisions)
            .arg("approved", report.approved)
            .arg("rejected", report.rejected)
            .arg("files", files.join(", ")),
    );
    Ok(())
}
