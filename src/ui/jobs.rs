//! Long work from the File menu (importing a roster, ingesting a folder of photos, the
//! supervisor's exports) on its own named thread with its own connection, so the review screen
//! keeps working meanwhile.
//! Progress is shared through atomics; the result arrives once over a channel.

use crate::i18n::{Msg, failure};
use crate::store::DbLocation;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};

use chrono::Utc;

use crate::domain::lang::Lang;
use crate::domain::role::{Action, Actor};
use crate::export::{
    ChsiOptions, ChsiReport, DecisionsOptions, DecisionsReport, export_chsi, export_decisions,
};
use crate::ingest::{ingest, scan};
use crate::production::{ProduceOptions, ProduceReport, ProductionError, produce};
use crate::recheck::{RecheckReport, RecheckScope, out_of_date, recheck};
use crate::roster_import::{ImportError, ImportOutcome, ImportTarget, import_roster};
use crate::store::{CampaignId, Store, StoreError};

/// Photos ingested between two progress updates.
const INGEST_CHUNK: usize = 16;

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    ImportRoster(PathBuf),
    IngestFolder(PathBuf),
    /// The CHSI package folder to create (every campaign; see [`export_chsi`]), sealed for
    /// an age public key when one is given.
    ExportChsi {
        out: PathBuf,
        encrypt_to: Option<String>,
    },
    /// The base path of the decision files `<base>.csv` and `<base>.json`.
    ExportDecisions(PathBuf),
    /// Run the checks again on the photos awaiting review whose results are out of date.
    Recheck,
    /// Print sheets and packing lists into the new folder `out` for the job's campaign, one
    /// mailing batch or all.
    Produce {
        out: PathBuf,
        batch: Option<String>,
        /// Language of the sheets and packing lists (the window's).
        lang: Lang,
    },
}

/// How it ended.
#[derive(Debug)]
pub enum JobResult {
    Roster(ImportOutcome),
    /// Row errors: nothing imported.
    RosterRefused(ImportError),
    Ingest {
        recorded: usize,
        refused: Vec<(String, Msg)>,
        warnings: Vec<(String, Msg)>,
    },
    Chsi(ChsiReport),
    Decisions(DecisionsReport),
    Rechecked(RecheckReport),
    Produced(ProduceReport),
    /// Ended with nothing to do, and why (e.g. nothing new to print).
    Info(String),
    Failed(Msg),
}

/// A running or finished job.
pub struct Job {
    pub kind: JobKind,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    rx: Receiver<JobResult>,
    pub result: Option<JobResult>,
}

impl Job {
    /// Starts `kind` on the database at `db`, for `campaign` (by name; the only campaign when
    /// `None`).
    pub fn spawn(
        db: DbLocation,
        kind: JobKind,
        campaign: Option<String>,
        actor: Actor,
        ctx: egui::Context,
    ) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = sync_channel(1);
        let (d, t, k) = (done.clone(), total.clone(), kind.clone());
        let spawned = std::thread::Builder::new()
            .name("file-job".to_owned())
            .spawn(move || {
                let result = run(&db, &k, campaign.as_deref(), &actor, &d, &t);
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        let mut job = Self {
            kind,
            done,
            total,
            rx,
            result: None,
        };
        if let Err(e) = spawned {
            job.result = Some(JobResult::Failed(
                Msg::new("ui-thread-failed").arg("why", e.to_string()),
            ));
        }
        job
    }

    /// Takes the result when it has arrived; true once finished.
    pub fn poll(&mut self) -> bool {
        if self.result.is_none() {
            match self.rx.try_recv() {
                Ok(r) => self.result = Some(r),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.result = Some(JobResult::Failed(Msg::new("ui-job-stopped")));
                }
            }
        }
        self.result.is_some()
    }

    /// `(done, total)`; total is 0 while unknown.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

fn run(
    db: &DbLocation,
    kind: &JobKind,
    campaign: Option<&str>,
    actor: &Actor,
    done: &AtomicUsize,
    total: &AtomicUsize,
) -> JobResult {
    let mut store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => return JobResult::Failed(failure(&e)),
    };
    // The exports and the recheck cover every campaign; imports go to one.
    let path = match kind {
        JobKind::Recheck => return recheck_waiting(&mut store, actor, done, total),
        JobKind::ExportChsi { .. } | JobKind::ExportDecisions(_) => {
            total.store(1, Ordering::Relaxed);
            let result = export(&mut store, kind, actor);
            done.store(1, Ordering::Relaxed);
            return result;
        }
        JobKind::Produce { out, batch, lang } => {
            let target = (out.as_path(), batch.as_deref(), *lang);
            return produce_prints(&mut store, campaign, target, actor, done, total);
        }
        JobKind::ImportRoster(path) | JobKind::IngestFolder(path) => path,
    };
    let campaign_id = match pick_campaign(&store, campaign) {
        Ok(id) => id,
        Err(e) => return JobResult::Failed(e),
    };
    if matches!(kind, JobKind::ImportRoster(_)) {
        total.store(1, Ordering::Relaxed);
        let target = ImportTarget::Existing(campaign_id);
        let r = import_roster(&mut store, target, path, false, actor, Utc::now());
        done.store(1, Ordering::Relaxed);
        return match r {
            Ok(o) => JobResult::Roster(o),
            Err(e) => JobResult::RosterRefused(e),
        };
    }
    ingest_folder(&mut store, campaign_id, path, actor, done, total)
        .unwrap_or_else(|e| JobResult::Failed(failure(&e)))
}

/// The photos awaiting review whose stored check results are out of date, checked again.
fn recheck_waiting(
    store: &mut Store,
    actor: &Actor,
    done: &AtomicUsize,
    total: &AtomicUsize,
) -> JobResult {
    let scope = RecheckScope::default();
    let detail = serde_json::json!({ "all": scope.all, "force": scope.force });
    if let Err(e) =
        store.record_access(actor, Action::Recheck, "checks.recheck", detail, Utc::now())
    {
        return JobResult::Failed(failure(&e));
    }
    let result = out_of_date(store, scope).and_then(|todo| {
        total.store(todo.len(), Ordering::Relaxed);
        recheck(store, &todo, |n| done.store(n, Ordering::Relaxed))
    });
    result.map_or_else(|e| JobResult::Failed(failure(&e)), JobResult::Rechecked)
}

/// The supervisor's exports, every campaign. The exports re-read the account from the
/// database: only an enabled supervisor exports, as on the command line.
fn export(store: &mut Store, kind: &JobKind, actor: &Actor) -> JobResult {
    let now = Utc::now();
    let result = match kind {
        JobKind::ExportChsi { out, encrypt_to } => {
            let opts = ChsiOptions {
                out,
                campaign: None,
                encrypt_to: encrypt_to.as_deref(),
            };
            export_chsi(store, &opts, actor, now).map(JobResult::Chsi)
        }
        JobKind::ExportDecisions(out_base) => {
            let opts = DecisionsOptions {
                out_base,
                campaign: None,
                include_exported: false,
            };
            export_decisions(store, &opts, actor, now).map(JobResult::Decisions)
        }
        JobKind::ImportRoster(_)
        | JobKind::IngestFolder(_)
        | JobKind::Recheck
        | JobKind::Produce { .. } => {
            return JobResult::Failed(Msg::plain("not an export"));
        }
    };
    result.unwrap_or_else(|e| JobResult::Failed(failure(&e)))
}

/// Production for the job's campaign. The store checks the account's role again when it
/// records the run; a reviewer is refused before anything is written.
fn produce_prints(
    store: &mut Store,
    campaign: Option<&str>,
    (out, batch, lang): (&std::path::Path, Option<&str>, Lang),
    actor: &Actor,
    done: &AtomicUsize,
    total: &AtomicUsize,
) -> JobResult {
    let campaign = pick_campaign(store, campaign)
        .and_then(|id| Ok(store.campaign(id).map_err(|e| failure(&e))?.name));
    let campaign = match campaign {
        Ok(name) => name,
        Err(e) => return JobResult::Failed(e),
    };
    let opts = ProduceOptions {
        out,
        campaign: &campaign,
        batch,
        reprint: None,
        only: &[],
        lang,
        print: None,
    };
    let mut progress = |n: usize, of: usize| {
        done.store(n, Ordering::Relaxed);
        total.store(of, Ordering::Relaxed);
    };
    match produce(store, &opts, actor, Utc::now(), &mut progress) {
        Ok(report) => JobResult::Produced(report),
        Err(e @ ProductionError::NothingToPrint { .. }) => JobResult::Info(e.to_string()),
        Err(e) => JobResult::Failed(failure(&e)),
    }
}

/// The campaign to work on: the named one, else the only one in the database.
fn pick_campaign(store: &Store, name: Option<&str>) -> Result<CampaignId, Msg> {
    if let Some(name) = name {
        return store
            .campaign_by_name(name)
            .map(|(id, _)| id)
            .map_err(|e| failure(&e));
    }
    let all = store.campaigns().map_err(|e| failure(&e))?;
    match all.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(Msg::new("ui-no-campaign")),
        _ => Err(Msg::new("ui-several-campaigns")),
    }
}

fn ingest_folder(
    store: &mut Store,
    campaign: CampaignId,
    dir: &std::path::Path,
    actor: &Actor,
    done: &AtomicUsize,
    total: &AtomicUsize,
) -> Result<JobResult, StoreError> {
    let tz = store.campaign(campaign)?.timezone;
    let (files, mut refused) = match scan(dir, tz) {
        Ok(s) => s,
        Err(e) => {
            return Ok(JobResult::Failed(
                Msg::new("ui-cannot-read-folder")
                    .arg("why", e.to_string())
                    .path("path", dir),
            ));
        }
    };
    total.store(files.len(), Ordering::Relaxed);
    let (mut recorded, mut warnings) = (0, Vec::new());
    for chunk in files.chunks(INGEST_CHUNK) {
        let report = ingest(store, campaign, chunk, actor, Utc::now())?;
        recorded += report.recorded.len();
        refused.extend(report.refused);
        warnings.extend(report.warnings);
        done.fetch_add(chunk.len(), Ordering::Relaxed);
    }
    Ok(JobResult::Ingest {
        recorded,
        refused,
        warnings,
    })
}
