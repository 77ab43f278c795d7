//! `import-roster`: a school's roster into a campaign, all rows or none.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;
use chrono::{NaiveDate, Utc};

use super::auth::{AsArgs, require};
use crate::domain::campaign::{Campaign, CampaignRules};
use crate::domain::role::Action;
use crate::roster::RowProblem;
use crate::roster_import::{ImportError, ImportTarget as Target, describe, import_roster};
use crate::store::{Store, StoreError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Campaign name
    #[arg(long)]
    campaign: String,
    /// Import the valid rows even when some rows have errors
    #[arg(long)]
    skip_invalid: bool,
    /// School name, to create the campaign when it does not exist yet
    #[arg(long)]
    school: Option<String>,
    /// Collection window START..END (local dates), to create the campaign
    #[arg(long, value_name = "START..END")]
    window: Option<String>,
    /// Timezone of a new campaign
    #[arg(long, default_value = "Asia/Shanghai")]
    timezone: String,
    /// Roster file (.csv in UTF-8 or GBK, .xlsx)
    file: PathBuf,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    // Everything is checked before anything is written: a refused roster leaves no empty
    // campaign behind.
    let actor = require(store, &args.by.as_user, Action::ImportRoster)?;
    let target = campaign_for(store, args)?;
    if matches!(target, Target::New(_)) {
        actor.require(Action::CreateCampaign)?;
    }
    let outcome = import_roster(
        store,
        target,
        &args.file,
        args.skip_invalid,
        &actor,
        Utc::now(),
    );
    let outcome = match outcome {
        Ok(o) => o,
        Err(ImportError::RowErrors {
            errors,
            warnings,
            bad_rows,
            valid,
        }) => {
            print_problems(&warnings, &errors);
            return Err(Msg::new("cli-roster-row-errors")
                .arg("bad", bad_rows)
                .arg("valid", valid)
                .into());
        }
        Err(e) => {
            return Err(e).with_ctx(|| Msg::new("cli-cannot-import").path("path", &args.file));
        }
    };
    print_problems(&outcome.warnings, &outcome.errors);
    super::say(
        &Msg::new("cli-roster-imported")
            .arg("imported", outcome.imported)
            .arg("offline", outcome.offline)
            .arg("encoding", outcome.encoding)
            .arg("skipped", outcome.skipped)
            .path("path", &args.file),
    );
    Ok(())
}

fn print_problems(warnings: &[RowProblem], errors: &[RowProblem]) {
    for w in warnings {
        super::warn(&Msg::new("cli-warning-line").arg("text", describe(w, super::lang())));
    }
    for e in errors {
        super::warn(&Msg::new("cli-error-line").arg("text", describe(e, super::lang())));
    }
}

fn campaign_for(store: &Store, args: &Args) -> Result<Target> {
    match store.campaign_by_name(&args.campaign) {
        Ok((id, _)) => Ok(Target::Existing(id)),
        Err(StoreError::UnknownCampaign(_)) => {
            let (Some(school), Some(window)) = (&args.school, &args.window) else {
                return Err(Msg::new("cli-campaign-needs-school")
                    .arg("name", &args.campaign)
                    .into());
            };
            let (start, end) = parse_window(window)?;
            let campaign =
                Campaign {
                    name: args.campaign.clone(),
                    school: school.clone(),
                    window_start: start,
                    window_end: end,
                    timezone: args.timezone.parse().ok().with_ctx(|| {
                        Msg::new("cli-unknown-timezone").arg("value", &args.timezone)
                    })?,
                    rules: CampaignRules::default(),
                };
            Ok(Target::New(Box::new(campaign)))
        }
        Err(e) => Err(e.into()),
    }
}

fn parse_window(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let (a, b) = s
        .split_once("..")
        .ctx(Msg::new("cli-bad-window").arg("value", s))?;
    let start: NaiveDate = a
        .trim()
        .parse()
        .with_ctx(|| Msg::new("cli-bad-start-date").arg("value", a))?;
    let end: NaiveDate = b
        .trim()
        .parse()
        .with_ctx(|| Msg::new("cli-bad-end-date").arg("value", b))?;
    if end < start {
        return Err(Msg::new("cli-window-reversed").arg("value", s).into());
    }
    Ok((start, end))
}
