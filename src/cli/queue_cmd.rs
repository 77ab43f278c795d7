//! `queue`: counts by state, overdue counts, the next items.

use crate::i18n::Msg;
use anyhow::Result;
use chrono::{SecondsFormat, Utc};
use serde_json::json;

use super::auth::{AsArgs, audited};
use crate::domain::case::CaseState;
use crate::domain::clock::Countdown;
use crate::domain::role::Action;
use crate::store::{QueueSummary, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of a table
    #[arg(long)]
    json: bool,
    /// How many next items to list
    #[arg(long, default_value_t = 10)]
    limit: u32,
    #[command(flatten)]
    by: AsArgs,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let detail = json!({ "limit": args.limit });
    audited(store, &args.by, Action::ViewQueue, "queue.read", detail)?;
    let now = Utc::now();
    let summary = store.queue_summary(now, args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&to_json(&summary))?);
    } else {
        print_table(&summary, now);
    }
    Ok(())
}

/// The documented JSON shape other tools read.
pub fn to_json(s: &QueueSummary) -> serde_json::Value {
    let counts: serde_json::Map<_, _> = CaseState::ALL
        .iter()
        .map(|st| (st.code().to_owned(), json!(s.counts.get(*st))))
        .collect();
    json!({
        "counts": counts,
        "overdue_reviews": s.overdue_reviews,
        "overdue_resubmissions": s.overdue_resubmissions,
        "next": s.next.iter().map(|i| json!({
            "submission_id": i.submission_id,
            "state": i.state.code(),
            "student": i.student,
            "attempt": i.attempt,
            "review_due": i.review_due.to_rfc3339_opts(SecondsFormat::Secs, true),
        })).collect::<Vec<_>>(),
    })
}

fn print_table(s: &QueueSummary, now: chrono::DateTime<Utc>) {
    for state in CaseState::ALL {
        println!("{:<18} {:>7}", state.code(), s.counts.get(state));
    }
    println!("{:<18} {:>7}", "overdue_reviews", s.overdue_reviews);
    println!(
        "{:<18} {:>7}",
        "overdue_resubmissions", s.overdue_resubmissions
    );
    if s.next.is_empty() {
        println!();
        super::say(&Msg::new("cli-queue-empty"));
        return;
    }
    println!(
        "\n{:>10}  {:<15} {:<10} {:>7}  due",
        "submission", "state", "student", "attempt"
    );
    for i in &s.next {
        println!(
            "{:>10}  {:<15} {:<10} {:>7}  {}",
            i.submission_id,
            i.state.code(),
            i.student,
            i.attempt,
            Countdown::until(i.review_due, now).text(super::lang())
        );
    }
}
