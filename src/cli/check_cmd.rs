//! `check`: run the automatic checks on photo files, one report per file.

use crate::i18n::{Msg, MsgContext};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;
use serde_json::json;

use super::output::outln;
use crate::checks::pipeline;
use crate::checks::result::Report;
use crate::domain::spec::PhotoSpec;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print a JSON array (one object per file) instead of text
    #[arg(long)]
    json: bool,
    /// Photo spec as JSON (missing fields take the defaults of the notice)
    #[arg(long, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// Photos to check
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: &Args) -> Result<()> {
    let spec = match &args.spec {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_ctx(|| Msg::new("cli-cannot-read-spec").path("path", path))?;
            serde_json::from_str(&text)
                .with_ctx(|| Msg::new("cli-spec-not-json").path("path", path))?
        }
        None => PhotoSpec::default(),
    };
    let reports: Vec<_> = args.files.par_iter().map(|f| check_one(f, &spec)).collect();
    if args.json {
        let all: Vec<_> = reports
            .iter()
            .map(|(f, r, ms)| to_json(f, r, *ms))
            .collect();
        outln!("{}", serde_json::to_string_pretty(&all)?);
    } else {
        for (file, report, ms) in &reports {
            print_text(file, report, *ms);
        }
    }
    Ok(())
}

/// An unreadable file is a failing report, not a command error.
fn check_one(file: &Path, spec: &PhotoSpec) -> (PathBuf, Report, f64) {
    let start = Instant::now();
    // As ingest reads uploads: a regular file (not a link, pipe or device), size-capped.
    let report = match crate::ingest::read_upload(file) {
        Ok(bytes) => pipeline::run(&bytes, spec),
        Err(crate::ingest::UnreadableUpload::Empty) => pipeline::run(&[], spec),
        Err(e) => pipeline::unreadable(&e.to_string()),
    };
    (
        file.to_owned(),
        report,
        start.elapsed().as_secs_f64() * 1000.0,
    )
}

/// The documented per-file JSON object.
pub fn to_json(file: &Path, r: &Report, elapsed_ms: f64) -> serde_json::Value {
    json!({
        "file": file.display().to_string(),
        "width": r.width,
        "height": r.height,
        "verdict": r.verdict().code(),
        "checks": r.checks.iter().map(|c| json!({
            "id": c.id,
            "verdict": c.verdict.code(),
            "value": c.value,
            "threshold": c.threshold,
            "message_zh": c.message_zh(),
            "message_en": c.message_en(),
            "reasons": c.reasons.iter().map(|x| x.code()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "suggested_reasons": r.suggested_reasons().iter().map(|x| x.code()).collect::<Vec<_>>(),
        "elapsed_ms": (elapsed_ms * 100.0).round() / 100.0,
    })
}

fn print_text(file: &Path, r: &Report, elapsed_ms: f64) {
    outln!(
        "{}: {} ({elapsed_ms:.1} ms)",
        file.display(),
        r.verdict().code()
    );
    for c in &r.checks {
        let message = c.message(super::lang());
        outln!("  {:<5} {:<24} {message}", c.verdict.code(), c.id);
    }
    let reasons: Vec<_> = r.suggested_reasons().iter().map(|x| x.code()).collect();
    if !reasons.is_empty() {
        super::say(&Msg::new("cli-suggested-reasons").arg("codes", reasons.join(", ")));
    }
}
