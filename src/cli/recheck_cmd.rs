//! `recheck`: run the automatic checks again where the stored results are out of date
//! ([`crate::recheck`]).

use crate::i18n::Msg;
use std::time::Instant;

use anyhow::Result;

use super::auth::{AsArgs, audited};
use crate::domain::role::Action;
use crate::recheck::{RecheckScope, out_of_date, recheck};
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every upload ever received, not only the photos awaiting review
    #[arg(long)]
    all: bool,
    /// Check again even where the stored results are current
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    by: AsArgs,
}

/// Supervisors only, as in the window's File menu: it reads every photo awaiting review.
pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let detail = serde_json::json!({ "all": args.all, "force": args.force });
    audited(store, &args.by, Action::Recheck, "checks.recheck", detail)?;
    let scope = RecheckScope {
        all: args.all,
        force: args.force,
    };
    let todo = out_of_date(store, scope)?;
    let scope = if args.all { "all" } else { "waiting" };
    if todo.is_empty() {
        super::say(&Msg::new("cli-recheck-none").arg("scope", scope));
        return Ok(());
    }
    super::say(
        &Msg::new("cli-recheck-start")
            .arg("count", todo.len())
            .arg("scope", scope),
    );
    let start = Instant::now();
    let report = recheck(store, &todo, |done| eprint!("\r{done} / {}", todo.len()))?;
    let seconds = start.elapsed().as_secs_f64();
    eprintln!();
    super::say(
        &Msg::new("cli-recheck-done")
            .arg("count", report.checked)
            .arg("scope", scope)
            .arg("secs", format!("{seconds:.1}"))
            .arg(
                "rate",
                format!("{:.0}", report.checked as f64 / seconds.max(1e-9)),
            )
            .arg("threads", rayon::current_num_threads())
            .arg("unreadable", report.unreadable),
    );
    Ok(())
}
