//! `queue`: counts by state, overdue counts, the next items.

use crate::i18n::Msg;
use anyhow::Result;
use chrono::{SecondsFormat, Utc};
use serde_json::json;

use super::auth::{AsArgs, audited};
use super::output::outln;
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
        outln!("{}", serde_json::to_string_pretty(&to_json(&summary))?);
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

/// The counts and the head of the queue in this run's language (`--json` keeps the codes).
fn print_table(s: &QueueSummary, now: chrono::DateTime<Utc>) {
    let lang = super::lang();
    let text = |id: &'static str| Msg::new(id).render(lang);
    let mut counts: Vec<(String, u64)> = CaseState::ALL
        .iter()
        .map(|st| (super::state(*st).render(lang), s.counts.get(*st)))
        .collect();
    counts.push((text("cli-queue-overdue-reviews"), s.overdue_reviews));
    counts.push((
        text("cli-queue-overdue-resubmissions"),
        s.overdue_resubmissions,
    ));
    for (label, n) in &counts {
        outln!("{} {n:>7}", pad(label, 22));
    }
    if s.next.is_empty() {
        outln!();
        super::say(&Msg::new("cli-queue-empty"));
        return;
    }
    outln!(
        "\n{}  {} {} {}  {}",
        pad_left(&text("cli-queue-col-submission"), 10),
        pad(&text("cli-queue-col-state"), 15),
        pad(&text("cli-queue-col-student"), 10),
        pad_left(&text("cli-queue-col-attempt"), 7),
        text("cli-queue-col-due"),
    );
    for i in &s.next {
        outln!(
            "{:>10}  {} {} {:>7}  {}",
            i.submission_id,
            pad(&super::state(i.state).render(lang), 15),
            pad(&i.student, 10),
            i.attempt,
            Countdown::until(i.review_due, now).text(lang)
        );
    }
}

/// `text` padded with spaces on the right to `width` terminal columns (a Chinese character
/// takes two).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", spaces(text, width))
}

/// `text` right-aligned in `width` terminal columns.
fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", spaces(text, width))
}

fn spaces(text: &str, width: usize) -> String {
    " ".repeat(width.saturating_sub(unicode_width::UnicodeWidthStr::width(text)))
}
