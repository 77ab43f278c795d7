//! `extend`: a supervisor gives a rejected (or failed) student more time to upload again.

use super::state;
use crate::i18n::Msg;
use anyhow::Result;
use chrono::{Duration, Utc};

use super::auth::{AsArgs, supervisor};
use super::case_arg::{CaseArg, parse_time};
use crate::domain::role::Action;
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    case: CaseArg,
    /// New resubmission due time, RFC 3339 with offset (e.g. 2026-12-01T18:00:00+08:00)
    #[arg(long, value_name = "TIME", conflicts_with = "hours")]
    due: Option<String>,
    /// New resubmission due time as hours from now
    #[arg(long, value_name = "N")]
    hours: Option<u32>,
    /// Why (kept in the audit log)
    #[arg(long)]
    reason: String,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let now = Utc::now();
    let new_due = match (&args.due, args.hours) {
        (Some(t), _) => parse_time(t)?,
        (None, Some(h)) => now + Duration::hours(i64::from(h)),
        (None, None) => return Err(Msg::new("cli-say-due").into()),
    };
    let actor = supervisor(store, &args.by, Action::GrantExtension)?;
    let case_id = args.case.resolve(store)?;
    let change = store.grant_extension(&actor, case_id, new_due, &args.reason, now)?;
    super::say(
        &Msg::new("cli-extended")
            .arg("case", change.case_id)
            .arg("from", state(change.from))
            .arg("to", state(change.to))
            .arg("due", new_due.to_rfc3339()),
    );
    Ok(())
}
