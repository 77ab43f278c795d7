//! `decide --stdin`: a stream of decisions, one a line, each acknowledged only after it has
//! committed. Scripts and the crash / several-desk tests rely on that: a printed `ok` line is
//! a promise that the decision is on disk.
//!
//! Input lines: `<submission id | next> approve`, `… reject CODE[,CODE] [note]`, `… escalate`.
//! `next` claims the most urgent case of the queue that no other desk holds (so desks draining
//! one queue take different cases), moving on when another desk decided it first. Output lines:
//! - `ok <submission> <decision id> <new state>` once committed;
//! - `refused <submission> <reason>` when the store refuses (decided elsewhere, not current);
//! - `empty` when `next` finds nothing left to review;
//! - `error <line> <message>` for a line that cannot be done; the stream goes on;
//! - at the end `done decided=… refused=… errors=… busy_retries=… p50_us=… p95_us=…`, the
//!   last two the latency of the committed decisions (from asking the store to its commit).

use crate::i18n::{Msg, MsgContext};
use std::io::{BufRead, Write};

use anyhow::Result;
use chrono::Utc;

use crate::domain::case::DecisionKind;
use crate::domain::reasons::{ReasonCode, parse_list};
use crate::domain::role::Actor;
use crate::domain::stats::percentile;
use crate::store::{DecisionRequest, Store, StoreError};

/// How many cases `next` tries before giving up on one line (each refusal moves on).
const NEXT_ATTEMPTS: usize = 10_000;

#[derive(Debug, Default)]
struct Tally {
    decided: u64,
    refused: u64,
    errors: u64,
    /// Microseconds each committed decision took.
    latencies_us: Vec<i64>,
}

/// One parsed input line.
#[derive(Debug, PartialEq)]
struct Line {
    target: Option<i64>,
    kind: DecisionKind,
    reasons: Vec<ReasonCode>,
    note: Option<String>,
}

pub fn run(store: &mut Store, reviewer: &str) -> Result<()> {
    // Signed in once for the whole stream (password from `IDPHOTO_PASSWORD`).
    let actor = super::auth::sign_in(store, reviewer)?;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut tally = Tally::default();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.ctx(Msg::new("cli-cannot-read-stream"))?;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        match parse_line(&line) {
            Ok(parsed) => one(store, &actor, &parsed, &mut tally, &mut out)?,
            Err(e) => {
                tally.errors += 1;
                writeln!(out, "error {} {e:#}", n + 1)?;
            }
        }
        out.flush()?;
    }
    tally.latencies_us.sort_unstable();
    let pct = |p| percentile(&tally.latencies_us, p).unwrap_or(0);
    writeln!(
        out,
        "done decided={} refused={} errors={} busy_retries={} p50_us={} p95_us={}",
        tally.decided,
        tally.refused,
        tally.errors,
        store.busy_retries(),
        pct(50.0),
        pct(95.0)
    )?;
    out.flush()?;
    if tally.errors > 0 {
        return Err(Msg::new("cli-stream-failed")
            .arg("count", tally.errors)
            .into());
    }
    Ok(())
}

fn parse_line(line: &str) -> Result<Line> {
    let mut words = line.split_whitespace();
    let target = match words.next() {
        Some("next") => None,
        Some(w) => Some(
            w.parse::<i64>()
                .ok()
                .with_ctx(|| Msg::new("cli-stream-bad-target").arg("value", w))?,
        ),
        None => return Err(Msg::new("cli-stream-empty-line").into()),
    };
    let (kind, reasons) = match words.next() {
        Some("approve") => (DecisionKind::Approve, Vec::new()),
        Some("escalate") => (DecisionKind::Escalate, Vec::new()),
        Some("reject") => {
            let codes = words
                .next()
                .ctx(Msg::new("cli-stream-reject-needs-codes"))?;
            (DecisionKind::Reject, parse_list(codes)?)
        }
        other => {
            return Err(Msg::new("cli-stream-bad-kind")
                .arg("value", other.unwrap_or(""))
                .into());
        }
    };
    let note = words.collect::<Vec<_>>().join(" ");
    Ok(Line {
        target,
        kind,
        reasons,
        note: (!note.is_empty()).then_some(note),
    })
}

fn one(
    store: &mut Store,
    actor: &Actor,
    line: &Line,
    tally: &mut Tally,
    out: &mut impl Write,
) -> Result<()> {
    for _ in 0..NEXT_ATTEMPTS {
        let submission_id = if let Some(id) = line.target {
            id
        } else {
            let Some(submission_id) = store.claim_next(actor, Utc::now())? else {
                writeln!(out, "empty")?;
                return Ok(());
            };
            submission_id
        };
        let req = DecisionRequest {
            submission_id,
            actor: actor.clone(),
            kind: line.kind,
            reasons: line.reasons.clone(),
            note: line.note.clone(),
        };
        let asked = std::time::Instant::now();
        match store.decide(&req, Utc::now()) {
            Ok(r) => {
                tally.decided += 1;
                tally
                    .latencies_us
                    .push(i64::try_from(asked.elapsed().as_micros()).unwrap_or(i64::MAX));
                writeln!(
                    out,
                    "ok {} {} {}",
                    r.submission_id,
                    r.decision_id,
                    r.to.code()
                )?;
                return Ok(());
            }
            Err(e @ (StoreError::AlreadyDecided { .. } | StoreError::NotCurrent { .. })) => {
                tally.refused += 1;
                writeln!(out, "refused {submission_id} {e}")?;
                if line.target.is_some() {
                    return Ok(());
                }
            }
            Err(e) => {
                tally.errors += 1;
                writeln!(out, "error {submission_id} {e}")?;
                return Ok(());
            }
        }
    }
    tally.errors += 1;
    writeln!(out, "error next: gave up after {NEXT_ATTEMPTS} refusals")?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_bad_lines_are_explained() {
        let l = parse_line("12 reject BLURRY,WRONG_SIZE too soft").unwrap();
        assert_eq!(l.target, Some(12));
        assert_eq!(l.kind, DecisionKind::Reject);
        assert_eq!(l.reasons.len(), 2);
        assert_eq!(l.note.as_deref(), Some("too soft"));
        assert_eq!(parse_line("next approve").unwrap().target, None);
        assert!(
            parse_line("x approve")
                .unwrap_err()
                .to_string()
                .contains("not a submission")
        );
        assert!(parse_line("3 reject").is_err());
        assert!(parse_line("3 frobnicate").is_err());
        assert!(parse_line("3 reject NOT_A_CODE").is_err());
    }
}
