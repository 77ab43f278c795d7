//! The background worker: owns the database connection, decodes photos (current, prefetched
//! and earlier attempts), holds this desk's claim, commits decisions and undos. The UI sends
//! requests over a bounded channel and polls results each frame.

use crate::i18n::{Localized, Msg, failure};
use crate::store::DbLocation;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TryRecvError, sync_channel};
use std::thread::JoinHandle;

use chrono::Utc;

use super::board::CaseAction;
use super::histogram::Histogram;
use crate::checks::phash::phash;
use crate::checks::result::Report;
use crate::domain::role::Actor;
use crate::ingest::ensure_checked;
use crate::store::{Board, BoardList, BoardRow, CaseFile, Stats};
use crate::store::{
    DecisionReceipt, DecisionRequest, QueueItem, Store, StoreError, SubmissionDetail, UndoReceipt,
};

/// Rows sent first, so the first photo does not wait for a long queue: a few screens of the
/// queue panel. Each row costs a few random page reads on a cold server (measured at 100 000
/// students: about 1 800 reads for 500 rows), so the head is kept short; the rest follows as
/// idle work.
const QUEUE_HEAD: u32 = 100;
/// How long the worker waits for the UI's next request before doing idle work (the rest of the
/// queue, the clock sweep).
const HEAD_GRACE: std::time::Duration = std::time::Duration::from_millis(50);
/// The same wait before the first photo has been asked for: the window's first frames may take
/// longer than [`HEAD_GRACE`] on a busy PC, and the whole queue (a second at 100 000 students on
/// a server) must not go before the first photo.
const FIRST_PHOTO_GRACE: std::time::Duration = std::time::Duration::from_secs(2);
/// How often an idle worker looks for other desks' commits: the news is on screen well within
/// the 2 s a studio expects.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(250);
/// Earlier photos decoded for the comparison view.
const EARLIER_SHOWN: usize = 2;

/// Work for the background thread.
#[derive(Debug)]
pub enum Request {
    /// The queue: its head first on the first call, then all of it.
    LoadQueue,
    /// Claim a submission's case for this desk, and load it unless the UI already has it.
    Open {
        submission: i64,
        case: i64,
        load: bool,
    },
    /// Load without claiming: the next photos in queue order.
    Prefetch(i64),
    /// Keep this desk's claim on a case alive.
    Renew(i64),
    Decide(DecisionRequest),
    Undo(i64),
    /// Decisions of this reviewer since a time (the status bar's "decided today").
    CountSince(chrono::DateTime<Utc>),
    /// The clock sweep: rejected cases past their resubmission time fail (idempotent).
    Sweep,
    /// Supervisor screens: the deadline board, one case file, the statistics, a CSV export.
    LoadBoard,
    LoadCase(i64),
    LoadStats,
    ExportBoard {
        path: PathBuf,
        list: BoardList,
        rows: Vec<BoardRow>,
    },
    /// A supervisor's action on a case, as this desk's account.
    CaseAction {
        case: i64,
        action: CaseAction,
    },
}

/// A decoded photo, ready to upload as a texture.
pub type Photo = Result<egui::ColorImage, Msg>;

/// An earlier attempt's photo for the comparison view.
pub struct EarlierLoaded {
    pub submission_id: i64,
    pub photo: Photo,
    pub phash: Option<u64>,
}

/// Everything shown for one submission, decoded off the UI thread.
pub struct Loaded {
    pub id: i64,
    pub detail: Result<SubmissionDetail, Msg>,
    pub photo: Photo,
    pub report: Option<Report>,
    pub histogram: Option<Histogram>,
    pub phash: Option<u64>,
    pub earlier: Vec<EarlierLoaded>,
}

/// What the background thread sends back.
pub enum Reply {
    Queue(Result<Vec<QueueItem>, Msg>),
    /// A photo opened (claimed) or prefetched.
    Loaded {
        item: Box<Loaded>,
        prefetch: bool,
    },
    /// The claim on a case: `Some(holder)` when another desk has it.
    Claim {
        case: i64,
        holder: Option<String>,
    },
    Decided {
        request: DecisionRequest,
        result: Result<DecisionReceipt, Msg>,
    },
    Undone(Result<UndoReceipt, Msg>),
    /// Decisions this reviewer took since the time asked, or why they could not be counted.
    CountSince(Result<u64, Msg>),
    /// Cases the sweep moved to `collection_failed`.
    Swept(usize),
    Board(Result<Board, Msg>),
    /// The production list (per school and batch), fetched with the board.
    Production(Result<Vec<crate::production::BatchOverview>, Msg>),
    CaseFile(Result<CaseFile, Msg>),
    Stats(Box<Result<Stats, Msg>>),
    /// The file written, or why not.
    Exported(Result<PathBuf, Msg>),
    /// A supervisor's action on a case was carried out, or why not.
    CaseActed {
        case: i64,
        result: Result<(), Msg>,
    },
    /// Another desk committed something (a decision, claim, upload, sweep): reload what shows.
    Changed(crate::store::Change),
    Fatal(Msg),
}

pub struct Worker {
    tx: SyncSender<Request>,
    rx: Receiver<Reply>,
    _thread: JoinHandle<()>,
}

impl Worker {
    /// Starts the `db-worker` thread on the database at `db`, claiming and undoing as `actor`.
    pub fn start(db: DbLocation, actor: Actor, ctx: egui::Context) -> std::io::Result<Self> {
        let (tx, requests) = sync_channel::<Request>(64);
        let (replies, rx) = sync_channel::<Reply>(64);
        // Photos whose stored check results are out of date are checked when opened: load the
        // face models (~0.2 s) meanwhile, not on the first such photo. A failure here is kept
        // by `shared` and reported by the checks themselves, so nothing is lost by ignoring it.
        let _ = std::thread::Builder::new()
            .name("face-models".to_owned())
            .spawn(|| {
                let _ = crate::checks::face::FaceModels::shared();
            });
        let thread = std::thread::Builder::new()
            .name("db-worker".to_owned())
            .spawn(move || serve(&db, &actor, &requests, &replies, &ctx))?;
        Ok(Self {
            tx,
            rx,
            _thread: thread,
        })
    }

    /// Queues a request; returns false when the worker is gone or overloaded.
    pub fn send(&self, req: Request) -> bool {
        self.tx.try_send(req).is_ok()
    }

    /// The next reply, if one has arrived.
    pub fn poll(&self) -> Option<Reply> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Reply::Fatal(Msg::new("ui-worker-stopped"))),
        }
    }
}

fn serve(
    db: &DbLocation,
    actor: &Actor,
    requests: &Receiver<Request>,
    replies: &SyncSender<Reply>,
    ctx: &egui::Context,
) {
    let mut store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            let _ = replies.send(Reply::Fatal(e.msg()));
            ctx.request_repaint();
            return;
        }
    };
    let mut watching = watch(&mut store);
    let reviewer = actor.name.as_str();
    // After the head of the queue has gone out, the rest waits until the UI has asked for the
    // first photo, so the reviewer can start before a long queue has loaded. The clock sweep
    // waits likewise for a pause in the window's requests: the first one after a bulk load
    // may fail thousands of cases in one transaction (seconds on a server), and the first
    // photo must not queue behind it.
    let mut head_sent = false;
    let mut idle = IdleWork::default();
    let waiter = Waiter {
        requests,
        replies,
        ctx,
    };
    while let Some(job) = waiter.next(&mut store, &mut watching, &mut idle) {
        // The server went away (restart, network): connect again before this request, so the
        // desk carries on once it is back. Until then each request fails with why.
        if store.is_disconnected()
            && let Ok(fresh) = Store::open(db)
        {
            store = fresh;
            watching = watch(&mut store);
        }
        let req = match job {
            Job::Asked(Request::Sweep) => {
                idle.sweep = true;
                continue;
            }
            Job::Asked(req) => {
                idle.photo_asked |= matches!(req, Request::Open { .. });
                req
            }
            Job::RestOfQueue => Request::LoadQueue,
            Job::Sweep => Request::Sweep,
        };
        let out = match req {
            Request::LoadQueue if !head_sent => {
                head_sent = true;
                let head = store
                    .queue_at(Some(QUEUE_HEAD), Utc::now())
                    .map_err(|e| failure(&e));
                // A short queue is complete already.
                idle.rest_of_queue = head.as_ref().is_ok_and(|h| h.len() >= QUEUE_HEAD as usize);
                vec![Reply::Queue(head)]
            }
            Request::LoadQueue => vec![Reply::Queue(
                store.queue_at(None, Utc::now()).map_err(|e| failure(&e)),
            )],
            Request::Open {
                submission,
                case,
                load,
            } => open(&mut store, actor, submission, case, load),
            Request::Prefetch(id) => vec![Reply::Loaded {
                item: Box::new(load_submission(&mut store, id)),
                prefetch: true,
            }],
            Request::Renew(case) => match store.claim(case, actor, Utc::now()) {
                Ok(()) => Vec::new(),
                Err(e) => vec![claim_reply(case, Err(e))],
            },
            Request::Decide(request) => {
                let result = store.decide(&request, Utc::now()).map_err(|e| failure(&e));
                vec![Reply::Decided { request, result }]
            }
            Request::Undo(decision) => vec![Reply::Undone(
                store
                    .undo_decision(decision, actor, Utc::now())
                    .map_err(|e| failure(&e)),
            )],
            Request::CaseAction { case, action } => vec![Reply::CaseActed {
                case,
                result: act(&mut store, actor, case, action),
            }],
            Request::CountSince(since) => vec![Reply::CountSince(
                store
                    .decisions_since(reviewer, since)
                    .map_err(|e| failure(&e)),
            )],
            other => board_and_clock(&mut store, actor, other),
        };
        for reply in out {
            if replies.send(reply).is_err() {
                release_all(&mut store, actor);
                return;
            }
            ctx.request_repaint();
        }
    }
    // The window closed: let other desks have what this one held.
    release_all(&mut store, actor);
}

/// Work the worker does when the window has not asked for anything for a moment.
#[derive(Debug, Default)]
struct IdleWork {
    /// The rest of the queue, after its head.
    rest_of_queue: bool,
    /// The clock sweep the window asked for.
    sweep: bool,
    /// Whether the window has asked for a photo yet.
    photo_asked: bool,
}

/// What the worker does next.
enum Job {
    Asked(Request),
    RestOfQueue,
    Sweep,
}

/// Where the worker waits for the window's next request, looking for other desks' changes
/// meanwhile.
struct Waiter<'a> {
    requests: &'a Receiver<Request>,
    replies: &'a SyncSender<Reply>,
    ctx: &'a egui::Context,
}

impl Waiter<'_> {
    /// The next job; `None` once the window has gone. Idle work (the rest of the queue, then
    /// the sweep) is done after a short grace without requests; while idle, changes are polled.
    fn next(&self, store: &mut Store, watching: &mut bool, idle: &mut IdleWork) -> Option<Job> {
        loop {
            if idle.rest_of_queue || idle.sweep {
                let grace = if idle.photo_asked {
                    HEAD_GRACE
                } else {
                    FIRST_PHOTO_GRACE
                };
                return match self.requests.recv_timeout(grace) {
                    Ok(req) => Some(Job::Asked(req)),
                    Err(RecvTimeoutError::Timeout) if idle.rest_of_queue => {
                        idle.rest_of_queue = false;
                        Some(Job::RestOfQueue)
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        idle.sweep = false;
                        Some(Job::Sweep)
                    }
                    Err(RecvTimeoutError::Disconnected) => None,
                };
            }
            if !*watching {
                return self.requests.recv().ok().map(Job::Asked);
            }
            match self.requests.recv_timeout(WATCH_EVERY) {
                Ok(req) => return Some(Job::Asked(req)),
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(change) = poll(store, watching) {
                        self.replies.send(Reply::Changed(change)).ok()?;
                        self.ctx.request_repaint();
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

/// Starts noticing other desks' commits; without that the desk still refreshes on its timer.
fn watch(store: &mut Store) -> bool {
    match store.watch_changes() {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!("not watching other desks' changes: {e}");
            false
        }
    }
}

/// Another desk's change, if one arrived. A failure stops the watching (the timer refresh
/// remains) until the connection is made again.
fn poll(store: &mut Store, watching: &mut bool) -> Option<crate::store::Change> {
    match store.poll_changes() {
        Ok(change) => change,
        Err(e) => {
            tracing::warn!("stopped watching other desks' changes: {e}");
            *watching = false;
            None
        }
    }
}

/// Gives up every claim of this desk as the window closes. Nobody is left to show a failure
/// to, so it is logged; the claims then simply expire after their five minutes.
fn release_all(store: &mut Store, actor: &Actor) {
    if let Err(e) = store.release_claims(actor, None) {
        tracing::warn!("claims not released at exit (they expire on their own): {e}");
    }
}

/// Carries out a supervisor's action; the store re-checks the account's role and the case.
fn act(store: &mut Store, actor: &Actor, case: i64, action: CaseAction) -> Result<(), Msg> {
    let now = Utc::now();
    match action {
        CaseAction::Extend { hours, reason } => store
            .grant_extension(
                actor,
                case,
                now + chrono::Duration::hours(i64::from(hours)),
                &reason,
                now,
            )
            .map(|_| ()),
        CaseAction::Reopen { reason } => store.reopen_case(actor, case, &reason, now).map(|_| ()),
        CaseAction::Reassign { to } => store.reassign(actor, case, &to, now),
        CaseAction::Makeup { at, note } => {
            store.record_makeup_shoot(actor, case, at, note.as_deref(), now)
        }
    }
    .map_err(|e| failure(&e))
}

/// The clock sweep and the supervisor screens' requests.
fn board_and_clock(store: &mut Store, actor: &Actor, req: Request) -> Vec<Reply> {
    match req {
        Request::Sweep => match store.sweep(Utc::now(), actor) {
            Ok(0) => Vec::new(),
            Ok(n) => vec![Reply::Swept(n)],
            // Another desk may be sweeping at this moment; the next minute catches up.
            Err(e) => {
                tracing::warn!("clock sweep: {e}");
                Vec::new()
            }
        },
        Request::LoadBoard => vec![
            Reply::Board(
                store
                    .board(
                        Utc::now(),
                        chrono::Duration::hours(super::supervisor::DUE_SOON_HOURS),
                    )
                    .map_err(|e| failure(&e)),
            ),
            Reply::Production(
                store
                    .production_roster(None, None)
                    .map(|roster| crate::production::overview(&roster))
                    .map_err(|e| failure(&e)),
            ),
        ],
        Request::LoadCase(case) => vec![Reply::CaseFile(
            store.case_file(case).map_err(|e| failure(&e)),
        )],
        Request::LoadStats => vec![Reply::Stats(Box::new(
            store
                .stats(Utc::now(), super::supervisor::STATS_WINDOW_HOURS)
                .map_err(|e| failure(&e)),
        ))],
        Request::ExportBoard { path, list, rows } => vec![Reply::Exported(
            crate::export::save_board_csv(&path, &[(list, rows)], Utc::now())
                .map(|()| path)
                .map_err(|e| Msg::plain(format!("{e:#}"))),
        )],
        // The review requests are answered in `serve`.
        _ => Vec::new(),
    }
}

/// Claims the case (dropping this desk's other claims), then loads the photo if asked. A case
/// another desk holds is still loaded, to look at: the claim reply tells the UI not to decide.
fn open(store: &mut Store, actor: &Actor, submission: i64, case: i64, load: bool) -> Vec<Reply> {
    let claim = store
        .release_claims(actor, Some(case))
        .and_then(|()| store.claim(case, actor, Utc::now()));
    let mut out = vec![claim_reply(case, claim)];
    if load {
        out.push(Reply::Loaded {
            item: Box::new(load_submission(store, submission)),
            prefetch: false,
        });
    }
    out
}

fn claim_reply(case: i64, claim: Result<(), StoreError>) -> Reply {
    let holder = match claim {
        Ok(()) => None,
        Err(StoreError::Claimed { by, .. }) => Some(by),
        // Claims are a courtesy between desks; the store still refuses conflicting decisions.
        Err(e) => {
            tracing::warn!("claim of case {case} failed: {e}");
            None
        }
    };
    Reply::Claim { case, holder }
}

fn load_submission(store: &mut Store, id: i64) -> Loaded {
    let loaded = (|| -> Result<_, StoreError> {
        let detail = store.submission_detail(id)?;
        let bytes = store.photo_bytes(&detail.photo_sha256)?;
        let spec = store.campaign_by_name(&detail.campaign)?.1.rules.spec;
        let report = ensure_checked(store, &detail.photo_sha256, &bytes, &spec, Utc::now())?;
        let earlier: Vec<(i64, Result<Vec<u8>, StoreError>)> = detail
            .earlier
            .iter()
            .take(EARLIER_SHOWN)
            .map(|e| (e.submission_id, store.photo_bytes(&e.photo_sha256)))
            .collect();
        Ok((detail, bytes, report, earlier))
    })();
    match loaded {
        Ok((detail, bytes, report, earlier)) => {
            let decoded = crate::checks::decode(&bytes).map_err(|e| failure(&e));
            let (photo, histogram, hash) = match decoded {
                Ok(d) => (
                    Ok(to_color_image(&d.rgb)),
                    Some(Histogram::of(&d.rgb)),
                    Some(phash(&d.rgb)),
                ),
                Err(e) => (Err(e), None, None),
            };
            Loaded {
                id,
                detail: Ok(detail),
                photo,
                report: Some(report),
                histogram,
                phash: hash,
                earlier: earlier
                    .into_iter()
                    .map(|(submission_id, bytes)| decode_earlier(submission_id, bytes))
                    .collect(),
            }
        }
        Err(e) => Loaded {
            id,
            detail: Err(e.msg()),
            photo: Err(e.msg()),
            report: None,
            histogram: None,
            phash: None,
            earlier: Vec::new(),
        },
    }
}

fn decode_earlier(submission_id: i64, bytes: Result<Vec<u8>, StoreError>) -> EarlierLoaded {
    let decoded = bytes
        .map_err(|e| failure(&e))
        .and_then(|b| crate::checks::decode(&b).map_err(|e| failure(&e)));
    match decoded {
        Ok(d) => EarlierLoaded {
            submission_id,
            photo: Ok(to_color_image(&d.rgb)),
            phash: Some(phash(&d.rgb)),
        },
        Err(e) => EarlierLoaded {
            submission_id,
            photo: Err(e),
            phash: None,
        },
    }
}

fn to_color_image(rgb: &image::RgbImage) -> egui::ColorImage {
    let size = [rgb.width() as usize, rgb.height() as usize];
    egui::ColorImage::from_rgb(size, rgb.as_raw())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

    use super::*;

    /// The window's start (queue, today's count, sweep) with the first photo asked at once:
    /// the photo comes first and the sweep after, though the sweep was asked before it. After
    /// a bulk load the first sweep fails thousands of cases, seconds on a server.
    #[test]
    fn the_first_photo_does_not_wait_for_the_clock_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let db = DbLocation::Sqlite(dir.path().join("w.db"));
        let mut store = Store::open_or_create(&db).unwrap();
        // The demo leaves rejected cases past their time for the first sweep to fail.
        crate::demo::build(&mut store, 240, 5, Utc::now()).unwrap();
        let actor = store.authenticate("supervisor", "supervisor-demo").unwrap();
        let first = store.queue(Some(1)).unwrap().remove(0);
        drop(store);

        let worker = Worker::start(db, actor, egui::Context::default()).unwrap();
        for req in [
            Request::LoadQueue,
            Request::CountSince(Utc::now()),
            Request::Sweep,
            Request::Open {
                submission: first.submission_id,
                case: first.case_id,
                load: true,
            },
        ] {
            assert!(worker.send(req));
        }
        let mut order = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_mins(1);
        while !order.contains(&"swept") {
            assert!(std::time::Instant::now() < deadline, "replies: {order:?}");
            match worker.poll() {
                Some(Reply::Loaded {
                    prefetch: false, ..
                }) => order.push("photo"),
                Some(Reply::Swept(n)) => {
                    assert!(n > 0);
                    order.push("swept");
                }
                Some(Reply::Fatal(m)) => panic!("{}", m.render(crate::domain::lang::Lang::En)),
                Some(_) => {}
                None => std::thread::sleep(std::time::Duration::from_millis(5)),
            }
        }
        assert_eq!(order, ["photo", "swept"]);
    }
}
