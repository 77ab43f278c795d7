//! `export-chsi`: the approved photos for the national register (CHSI), optionally sealed.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use super::auth::{AsArgs, supervisor};
use crate::domain::role::Action;
use anyhow::Result;
use chrono::Utc;

use crate::export::{ChsiOptions, export_chsi};
use crate::store::Store;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The package folder holds <ID number>.jpg (byte-identical to the upload) and \
manifest.csv (UTF-8 with BOM, so Excel on Chinese Windows opens it correctly; cells that look \
like formulas start with '). With --encrypt-to it holds chsi.tar.age and README.txt instead; \
the school opens it with `age -d -i key.txt -o chsi.tar chsi.tar.age && tar -xf chsi.tar`."
)]
pub struct Args {
    /// Package folder to create (must not exist yet)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Export one campaign only (default: every campaign)
    #[arg(long, value_name = "NAME")]
    campaign: Option<String>,
    /// Seal the package for this age public key (`age1…`, from `age-keygen`)
    #[arg(long, value_name = "RECIPIENT")]
    encrypt_to: Option<String>,
    #[command(flatten)]
    who: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    // Exports are supervisor-only: signed in and checked before anything is read.
    let actor = supervisor(store, &args.who, Action::Export)?;
    let opts = ChsiOptions {
        out: &args.out,
        campaign: args.campaign.as_deref(),
        encrypt_to: args.encrypt_to.as_deref(),
    };
    let report =
        export_chsi(store, &opts, &actor, Utc::now()).ctx(Msg::new("cli-chsi-export-failed"))?;
    super::say(
        &Msg::new("cli-chsi-exported")
            .arg("count", report.photos)
            .arg("sealed", if report.encrypted { "yes" } else { "no" })
            .arg("files", report.files.len())
            .path("path", &report.out),
    );
    Ok(())
}
