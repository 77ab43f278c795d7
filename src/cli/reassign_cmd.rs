//! `reassign`: a supervisor hands a case awaiting review to a named account.

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
    /// Account that takes the case (reviewer or supervisor)
    #[arg(long, value_name = "NAME")]
    to: String,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let actor = supervisor(store, &args.by, Action::Reassign)?;
    let case_id = args.case.resolve(store)?;
    store.reassign(&actor, case_id, &args.to, Utc::now())?;
    super::say(
        &Msg::new("cli-reassigned")
            .arg("case", case_id)
            .arg("to", &args.to),
    );
    Ok(())
}
