//! Decision files for the mini-program: `<base>.csv` and `<base>.json` with every approve and
//! reject not yet exported, the student-facing reason texts, and the resubmission due time.
//! The decisions are marked exported in the same transaction that read them, committed only
//! after both files are in place, so nothing is sent twice and nothing unsent is marked.

use std::ffi::OsString;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::csv_safe::SafeCsv;
use super::package::Staged;
use super::{ExportError, local_iso, utc_iso};
use crate::domain::case::DecisionKind;
use crate::domain::lang::Lang;
use crate::domain::role::{Action, Actor};
use crate::store::{ExportKind, ExportRecord, ExportedDecision, Store};

const CSV_HEADER: [&str; 14] = [
    "decision_id",
    "campaign",
    "id_number",
    "name",
    "decision",
    "reason_codes",
    "message_zh",
    "message_en",
    "note",
    "reviewer",
    "decided_at_local",
    "decided_at_utc",
    "resubmission_due_local",
    "resubmission_due_utc",
];

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct DecisionsOptions<'a> {
    /// Files `<base>.csv` and `<base>.json` are written; neither may exist yet.
    pub out_base: &'a Path,
    /// One campaign by name, or every campaign.
    pub campaign: Option<&'a str>,
    /// Export every decision again, including those already exported.
    pub include_exported: bool,
}

/// What an export wrote; no files when there was nothing new.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionsReport {
    pub decisions: usize,
    pub approved: usize,
    pub rejected: usize,
    /// The CSV and JSON files, or empty when nothing new was decided.
    pub files: Vec<PathBuf>,
}

#[derive(Serialize)]
struct JsonReason {
    code: &'static str,
    text_zh: &'static str,
    text_en: &'static str,
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    decision_id: i64,
    campaign: &'a str,
    id_number: &'a str,
    name: &'a str,
    decision: &'static str,
    reasons: Vec<JsonReason>,
    note: Option<&'a str>,
    reviewer: &'a str,
    decided_at: String,
    decided_at_local: String,
    resubmission_due: Option<String>,
    resubmission_due_local: Option<String>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    exported_at: String,
    decisions: Vec<JsonDecision<'a>>,
}

/// Writes the decisions not yet exported (all with `include_exported`) and marks them.
pub fn export_decisions(
    store: &mut Store,
    opts: &DecisionsOptions<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<DecisionsReport, ExportError> {
    // Refused before a decision is read; the recording transaction checks again.
    store.check_account(actor, Action::Export)?;
    let csv_path = with_suffix(opts.out_base, ".csv");
    let json_path = with_suffix(opts.out_base, ".json");
    for path in [&csv_path, &json_path] {
        if path.exists() || path.is_symlink() {
            return Err(ExportError::TargetExists(path.clone()));
        }
    }
    let campaign = opts
        .campaign
        .map(|name| store.campaign_by_name(name).map(|(id, _)| id))
        .transpose()?;
    let batch = store.begin_decision_export(campaign, opts.include_exported)?;
    let rows = batch.rows();
    let mut report = DecisionsReport {
        decisions: rows.len(),
        approved: rows
            .iter()
            .filter(|r| r.kind == DecisionKind::Approve)
            .count(),
        rejected: rows
            .iter()
            .filter(|r| r.kind == DecisionKind::Reject)
            .count(),
        files: Vec::new(),
    };
    if rows.is_empty() {
        return Ok(report);
    }
    let [csv, json] = write_both(&csv_path, &json_path, rows, now)?;
    let record = ExportRecord {
        kind: ExportKind::Decisions,
        campaign,
        actor: actor.clone(),
        target: opts.out_base.display().to_string(),
        files: 2,
        rows: rows.len(),
        detail: serde_json::json!({ "approved": report.approved, "rejected": report.rejected }),
    };
    if let Err(cause) = batch.commit(&record, now) {
        let _ = std::fs::remove_file(&csv);
        let _ = std::fs::remove_file(&json);
        return Err(ExportError::NotRecorded {
            path: opts.out_base.to_owned(),
            cause,
        });
    }
    report.files = vec![csv, json];
    Ok(report)
}

/// Writes both files under temporary names, then renames them; either both land or neither.
fn write_both(
    csv_path: &Path,
    json_path: &Path,
    rows: &[ExportedDecision],
    now: DateTime<Utc>,
) -> Result<[PathBuf; 2], ExportError> {
    let csv = stage(csv_path, |w| write_csv(w, rows))?;
    let json = stage(json_path, |w| write_json(w, rows, now))?;
    let csv = csv.finish()?;
    match json.finish() {
        Ok(json) => Ok([csv, json]),
        Err(e) => {
            let _ = std::fs::remove_file(&csv);
            Err(e)
        }
    }
}

/// `base` with `suffix` appended (not replacing an extension: `decisions-2026.03` stays whole).
fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut s = OsString::from(base.as_os_str());
    s.push(suffix);
    PathBuf::from(s)
}

/// Writes a temporary file with `write` and flushes it to disk; renamed later by the caller.
fn stage(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<Staged, ExportError> {
    let (staged, temp_file) = Staged::file(target)?;
    let mut w = BufWriter::new(temp_file);
    let io = |e| ExportError::io(staged.temp(), e);
    write(&mut w).map_err(io)?;
    let flushed = w.into_inner().map_err(|e| io(e.into_error()))?;
    flushed.sync_all().map_err(io)?;
    Ok(staged)
}

fn csv_row(d: &ExportedDecision) -> [String; 14] {
    [
        d.decision_id.to_string(),
        d.campaign.clone(),
        d.id_number.clone(),
        d.name.clone(),
        d.kind.code().to_owned(),
        d.reasons
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(";"),
        d.reasons
            .iter()
            .map(|r| r.student_text(Lang::Zh))
            .collect::<Vec<_>>()
            .join("\n"),
        d.reasons
            .iter()
            .map(|r| r.student_text(Lang::En))
            .collect::<Vec<_>>()
            .join("\n"),
        d.note.clone().unwrap_or_default(),
        d.reviewer.clone(),
        local_iso(d.decided_at, d.timezone),
        utc_iso(d.decided_at),
        d.resubmission_due
            .map(|t| local_iso(t, d.timezone))
            .unwrap_or_default(),
        d.resubmission_due.map(utc_iso).unwrap_or_default(),
    ]
}

fn write_csv(w: &mut impl Write, rows: &[ExportedDecision]) -> std::io::Result<()> {
    let mut csv = SafeCsv::new(w)?;
    csv.row(CSV_HEADER)?;
    for d in rows {
        csv.row(csv_row(d))?;
    }
    csv.finish()?;
    Ok(())
}

fn write_json(
    w: &mut impl Write,
    rows: &[ExportedDecision],
    now: DateTime<Utc>,
) -> std::io::Result<()> {
    let file = JsonFile {
        exported_at: utc_iso(now),
        decisions: rows.iter().map(json_decision).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &file)?;
    w.write_all(b"\n")
}

fn json_decision(d: &ExportedDecision) -> JsonDecision<'_> {
    JsonDecision {
        decision_id: d.decision_id,
        campaign: &d.campaign,
        id_number: &d.id_number,
        name: &d.name,
        decision: d.kind.code(),
        reasons: d
            .reasons
            .iter()
            .map(|r| JsonReason {
                code: r.code(),
                text_zh: r.student_text(Lang::Zh),
                text_en: r.student_text(Lang::En),
            })
            .collect(),
        note: d.note.as_deref(),
        reviewer: &d.reviewer,
        decided_at: utc_iso(d.decided_at),
        decided_at_local: local_iso(d.decided_at, d.timezone),
        resubmission_due: d.resubmission_due.map(utc_iso),
        resubmission_due_local: d.resubmission_due.map(|t| local_iso(t, d.timezone)),
    }
}
