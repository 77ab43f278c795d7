//! `reopen`: a supervisor puts a settled case back into review.

use super::state;
use crate::i18n::Msg;
use anyhow::Result;
use chrono::Utc;

use super::auth::{AsArgs, supervisor};
use super::case_arg::CaseArg;
use crate::domain::role::Action;
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    case: CaseArg,
    /// Why (kept in the audit log)
    #[arg(long)]
    reason: String,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let actor = supervisor(store, &args.by, Action::Reopen)?;
    let case_id = args.case.resolve(store)?;
    let change = store.reopen_case(&actor, case_id, &args.reason, Utc::now())?;
    super::say(
        &Msg::new("cli-reopened")
            .arg("case", change.case_id)
            .arg("from", state(change.from))
            .arg("to", state(change.to))
            .arg(
                "submission",
                change
                    .submission_id
                    .map_or_else(|| "-".to_owned(), |s| s.to_string()),
            ),
    );
    Ok(())
}
