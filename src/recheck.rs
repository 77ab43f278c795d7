//! Running the automatic checks again where the stored results are not those of the current
//! checks (after an upgrade that changed a check, or a campaign spec change), so the queue's
//! verdict marks are current before reviewers open the photos. Photos are checked in parallel
//! (rayon) and stored batch by batch; used by the `recheck` command and the File menu.

use std::collections::HashMap;

use chrono::Utc;
use rayon::prelude::*;

use crate::checks::pipeline;
use crate::checks::result::Verdict;
use crate::store::{PhotoToCheck, Store, StoreError};

/// Photos read and checked per batch: bounds memory, and progress is stored batch by batch.
const BATCH: usize = 64;

/// Which photos to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecheckScope {
    /// Every upload ever received, not only the current photos awaiting review.
    pub all: bool,
    /// Check again even where the stored results are current.
    pub force: bool,
}

/// What a recheck did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecheckReport {
    pub checked: usize,
    /// Photos whose `file.decode` failed (kept, and shown to the reviewer as such).
    pub unreadable: usize,
}

/// The photos in `scope` whose stored results are out of date (all of them with `force`).
pub fn out_of_date(store: &Store, scope: RecheckScope) -> Result<Vec<PhotoToCheck>, StoreError> {
    let versions: HashMap<_, _> = store
        .campaigns()?
        .into_iter()
        .map(|(id, c)| (id, pipeline::cache_version(&c.rules.spec)))
        .collect();
    Ok(store
        .photos_to_check(scope.all)?
        .into_iter()
        .filter(|p| {
            versions
                .get(&p.campaign)
                .is_some_and(|v| scope.force || p.cached_version != Some(*v))
        })
        .collect())
}

/// Checks `photos` again and stores the results; `progress(done)` after every batch.
pub fn recheck(
    store: &mut Store,
    photos: &[PhotoToCheck],
    mut progress: impl FnMut(usize),
) -> Result<RecheckReport, StoreError> {
    let specs: HashMap<_, _> = store
        .campaigns()?
        .into_iter()
        .map(|(id, c)| (id, c.rules.spec))
        .collect();
    let mut report = RecheckReport::default();
    for batch in photos.chunks(BATCH) {
        let mut loaded = Vec::with_capacity(batch.len());
        for p in batch {
            if let Some(spec) = specs.get(&p.campaign) {
                loaded.push((p, spec, store.photo_bytes(&p.sha256)?));
            }
        }
        let results: Vec<_> = loaded
            .par_iter()
            .map(|(p, spec, bytes)| {
                let version = pipeline::cache_version(spec);
                (p, version, pipeline::run(bytes, spec))
            })
            .collect();
        let now = Utc::now();
        for (p, version, result) in &results {
            let unreadable = result
                .get("file.decode")
                .is_some_and(|c| c.verdict == Verdict::Fail);
            report.unreadable += usize::from(unreadable);
            store.save_check_report(&p.sha256, *version, result, now)?;
        }
        report.checked += results.len();
        progress(report.checked);
    }
    Ok(report)
}
