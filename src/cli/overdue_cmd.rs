//! `overdue`: the deadline board's lists as a table or a CSV file for spreadsheets.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Duration, SecondsFormat, Utc};

use super::auth::{AsArgs, audited};
use crate::domain::campaign::format_local;
use crate::domain::clock::Countdown;
use crate::domain::lang::Lang;
use crate::domain::role::Action;
use crate::export::Staged;
use crate::export::csv_safe::{UTF8_BOM, neutralise};
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
        Some(name) => vec![BoardList::from_code(name).with_context(|| {
            let known: Vec<&str> = BoardList::ALL.iter().map(|l| l.code()).collect();
            format!("unknown list {name:?}; use one of {}", known.join(", "))
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
            println!("{rows} row(s) written to {}", path.display());
        }
        None => print_lists(&sections, now),
    }
    Ok(())
}

/// Writes board lists to a new CSV file at `path` (see [`write_board_csv`]), the way exports
/// write: under a temporary owner-only name beside it, renamed into place once complete. An
/// existing file or a symlink at `path` is refused, never written through.
pub fn save_board_csv(
    path: &Path,
    sections: &[(BoardList, Vec<BoardRow>)],
    now: DateTime<Utc>,
) -> Result<()> {
    let (staged, file) = Staged::file(path)?;
    let mut out = std::io::BufWriter::new(file);
    write_board_csv(&mut out, sections, now)
        .and_then(|()| {
            let file = out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            Ok(file.sync_all()?)
        })
        .with_context(|| format!("cannot write the CSV file {}", path.display()))?;
    staged.finish()?;
    Ok(())
}

const HEADER: [&str; 17] = [
    "list",
    "case_id",
    "submission_id",
    "state",
    "name",
    "id_number",
    "student_no",
    "school",
    "programme",
    "phone",
    "mailing_batch",
    "attempts",
    "rejections",
    "submitted_at_local",
    "due_local",
    "due_utc",
    "remaining_minutes",
];

/// Board lists as CSV: UTF-8 with a BOM (so Excel reads the Chinese), one row per case with
/// the student's contact data; `remaining_minutes` is negative when overdue.
pub fn write_board_csv(
    out: impl Write,
    sections: &[(BoardList, Vec<BoardRow>)],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut out = out;
    out.write_all(UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for (list, rows) in sections {
        for r in rows {
            w.write_record(csv_record(*list, r, now))?;
        }
    }
    w.flush()?;
    Ok(())
}

fn csv_record(list: BoardList, r: &BoardRow, now: DateTime<Utc>) -> [String; 17] {
    // Only text typed by people goes through `cell`: our own numbers may be negative.
    let text = |s: &str| neutralise(s).into_owned();
    let opt = |s: &Option<String>| text(s.as_deref().unwrap_or_default());
    let local = |t: Option<DateTime<Utc>>| t.map(|t| format_local(t, r.timezone));
    [
        list.code().to_owned(),
        r.case_id.to_string(),
        r.submission_id.map(|s| s.to_string()).unwrap_or_default(),
        r.state.code().to_owned(),
        text(&r.student),
        text(&r.id_number),
        opt(&r.student_no),
        opt(&r.school),
        opt(&r.programme),
        opt(&r.phone),
        opt(&r.mailing_batch),
        r.attempts.to_string(),
        r.rejections.to_string(),
        local(r.submitted_at).unwrap_or_default(),
        local(r.due).unwrap_or_default(),
        r.due
            .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
            .unwrap_or_default(),
        r.due
            .map(|d| {
                Countdown::until(d, now)
                    .remaining_secs
                    .div_euclid(60)
                    .to_string()
            })
            .unwrap_or_default(),
    ]
}

fn print_lists(sections: &[(BoardList, Vec<BoardRow>)], now: DateTime<Utc>) {
    for (list, rows) in sections {
        println!("{} ({})", list.code(), rows.len());
        for r in rows {
            let due = r
                .due
                .map(|d| Countdown::until(d, now).text(Lang::En))
                .unwrap_or_default();
            println!(
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
