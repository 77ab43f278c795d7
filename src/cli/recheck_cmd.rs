//! `recheck`: run the automatic checks again where the stored results are not those of the
//! current checks (after an upgrade that changed a check, or a campaign spec change), so the
//! queue's verdict marks are current before reviewers open the photos. Photos are checked in
//! parallel; results are stored as they come.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Result;
use chrono::Utc;
use rayon::prelude::*;

use crate::checks::pipeline;
use crate::store::{PhotoToCheck, Store};

/// Photos read and checked per batch: bounds memory, and progress is stored batch by batch.
const BATCH: usize = 64;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every upload ever received, not only the photos awaiting review
    #[arg(long)]
    all: bool,
    /// Check again even where the stored results are current
    #[arg(long)]
    force: bool,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    let specs: HashMap<_, _> = store
        .campaigns()?
        .into_iter()
        .map(|(id, c)| (id, c.rules.spec))
        .collect();
    let todo: Vec<PhotoToCheck> = store
        .photos_to_check(args.all)?
        .into_iter()
        .filter(|p| {
            args.force
                || specs
                    .get(&p.campaign)
                    .is_some_and(|spec| p.cached_version != Some(pipeline::cache_version(spec)))
        })
        .collect();
    let scope = if args.all {
        "uploads"
    } else {
        "photos awaiting review"
    };
    if todo.is_empty() {
        println!("0 {scope} to check: every stored result is current");
        return Ok(());
    }
    println!("{} {scope} to check …", todo.len());
    let start = Instant::now();
    let (mut done, mut unreadable) = (0usize, 0usize);
    for batch in todo.chunks(BATCH) {
        let mut loaded = Vec::with_capacity(batch.len());
        for p in batch {
            let Some(spec) = specs.get(&p.campaign) else {
                continue;
            };
            loaded.push((p, spec, store.photo_bytes(&p.sha256)?));
        }
        let reports: Vec<_> = loaded
            .par_iter()
            .map(|(p, spec, bytes)| (p, pipeline::cache_version(spec), pipeline::run(bytes, spec)))
            .collect();
        let now = Utc::now();
        for (p, version, report) in &reports {
            if report
                .checks
                .iter()
                .any(|c| c.id == "file.decode" && c.verdict == crate::checks::result::Verdict::Fail)
            {
                unreadable += 1;
            }
            store.save_check_report(&p.sha256, *version, report, now)?;
        }
        done += reports.len();
        eprint!("\r{done} / {}", todo.len());
    }
    let seconds = start.elapsed().as_secs_f64();
    eprintln!();
    println!(
        "checked {done} {scope} in {seconds:.1} s ({:.0} photos/s on {} threads); {unreadable} could not be decoded",
        done as f64 / seconds.max(1e-9),
        rayon::current_num_threads()
    );
    Ok(())
}
