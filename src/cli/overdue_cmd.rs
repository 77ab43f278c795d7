//! `overdue`: the deadline board's lists as a table or a CSV file for spreadsheets.

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, Duration, Utc};

use super::auth::{AsArgs, audited};
use super::output::outln;
use crate::domain::clock::Countdown;
use crate::domain::role::Action;
use crate::export::save_board_csv;
use crate::store::{BoardList, BoardRow, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the lists to FILE as CSV (UTF-8 with BOM, opens in Excel) instead of printing
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    // `help` rather than a doc comment: the list names are plain words in --help.
    #[arg(
        long,
        value_name = "NAME",
        help = "Only this list: reviews_overdue, reviews_due_soon, awaiting_resubmission, \
                collection_failed, repeat_rejections, escalated, print_withdrawn"
    )]
    list: Option<String>,
    /// What "due soon" means, in hours
    #[arg(long, default_value_t = 6, value_name = "HOURS")]
    due_soon_hours: u32,
    /// Read the clocks at this instant (RFC 3339) instead of now: reproducible reports, tests
    #[arg(long, hide = true)]
    now: Option<DateTime<Utc>>,
    #[command(flatten)]
    by: AsArgs,
}

/// Supervisors only, as the deadline board in the window: the lists carry phone numbers.
pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let lists = match &args.list {
        None => BoardList::ALL.to_vec(),
        Some(name) => vec![BoardList::from_code(name).with_ctx(|| {
            let known: Vec<&str> = BoardList::ALL.iter().map(|l| l.code()).collect();
            Msg::new("cli-unknown-list")
                .arg("value", name)
                .arg("known", known.join(", "))
        })?],
    };
    let detail = serde_json::json!({
        "lists": lists.iter().map(|l| l.code()).collect::<Vec<_>>(),
        "csv": args.csv.as_ref().map(|p| p.display().to_string()),
    });
    audited(store, &args.by, Action::ViewBoard, "board.read", detail)?;
    let now = args.now.unwrap_or_else(Utc::now);
    let soon = Duration::hours(i64::from(args.due_soon_hours));
    let mut sections = Vec::new();
    for list in lists {
        sections.push((list, store.board_list(list, now, soon)?));
    }
    match &args.csv {
        Some(path) => {
            save_board_csv(path, &sections, now)?;
            let rows: usize = sections.iter().map(|(_, r)| r.len()).sum();
            super::say(
                &Msg::new("cli-rows-written")
                    .arg("count", rows)
                    .path("path", path),
            );
        }
        None => print_lists(&sections, now),
    }
    Ok(())
}

fn print_lists(sections: &[(BoardList, Vec<BoardRow>)], now: DateTime<Utc>) {
    for (list, rows) in sections {
        outln!("{} ({})", list.code(), rows.len());
        for r in rows {
            let due = r
                .due
                .map(|d| Countdown::until(d, now).text(super::lang()))
                .unwrap_or_default();
            outln!(
                "  case {:>7}  {:<17}  {:<10} {:<20} {:<16} {}",
                r.case_id,
                r.state.code(),
                r.student,
                r.id_number,
                r.phone.as_deref().unwrap_or("-"),
                due
            );
        }
    }
}
