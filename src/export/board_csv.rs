//! The deadline board's lists as CSV, for the `overdue` command and the window's export
//! button: UTF-8 with a BOM, formula-safe, written like every export (staged, owner-only,
//! never through a symlink).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};

use super::ExportError;
use super::csv_safe::{UTF8_BOM, neutralise};
use super::package::Staged;
use crate::domain::campaign::format_local;
use crate::domain::clock::Countdown;
use crate::store::{BoardList, BoardRow};

/// Writes board lists to a new CSV file at `path` (see [`write_board_csv`]), the way exports
/// write: under a temporary owner-only name beside it, renamed into place once complete. An
/// existing file or a symlink at `path` is refused, never written through.
pub fn save_board_csv(
    path: &Path,
    sections: &[(BoardList, Vec<BoardRow>)],
    now: DateTime<Utc>,
) -> Result<(), ExportError> {
    let (staged, file) = Staged::file(path)?;
    let mut out = std::io::BufWriter::new(file);
    write_board_csv(&mut out, sections, now)
        .and_then(|()| {
            let file = out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            file.sync_all()
        })
        .map_err(|e| ExportError::io(path, e))?;
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
) -> std::io::Result<()> {
    let mut out = out;
    out.write_all(UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for (list, rows) in sections {
        for r in rows {
            w.write_record(csv_record(*list, r, now))?;
        }
    }
    w.flush()
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
