//! `makeup`: a supervisor records the paid make-up shoot booked for a failed collection.

use crate::i18n::Msg;
use anyhow::Result;
use chrono::Utc;

use super::auth::{AsArgs, supervisor};
use super::case_arg::{CaseArg, parse_time};
use crate::domain::role::Action;
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    case: CaseArg,
    /// When the shoot is booked, RFC 3339 with offset (e.g. 2026-12-03T10:30:00+08:00)
    #[arg(long, value_name = "TIME")]
    at: String,
    /// Note (studio, fee paid, …)
    #[arg(long)]
    note: Option<String>,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let booked_for = parse_time(&args.at)?;
    let actor = supervisor(store, &args.by, Action::RecordMakeupShoot)?;
    let case_id = args.case.resolve(store)?;
    store.record_makeup_shoot(
        &actor,
        case_id,
        booked_for,
        args.note.as_deref(),
        Utc::now(),
    )?;
    super::say(
        &Msg::new("cli-makeup")
            .arg("case", case_id)
            .arg("at", booked_for.to_rfc3339()),
    );
    Ok(())
}
