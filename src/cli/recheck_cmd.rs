//! `recheck`: run the automatic checks again where the stored results are out of date
//! ([`crate::recheck`]).

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
    let what = if args.all {
        "uploads"
    } else {
        "photos awaiting review"
    };
    if todo.is_empty() {
        println!("0 {what} to check: every stored result is current");
        return Ok(());
    }
    println!("{} {what} to check …", todo.len());
    let start = Instant::now();
    let report = recheck(store, &todo, |done| eprint!("\r{done} / {}", todo.len()))?;
    let seconds = start.elapsed().as_secs_f64();
    eprintln!();
    println!(
        "checked {} {what} in {seconds:.1} s ({:.0} photos/s on {} threads); {} could not be decoded",
        report.checked,
        report.checked as f64 / seconds.max(1e-9),
        rayon::current_num_threads(),
        report.unreadable
    );
    Ok(())
}
