//! The background worker: owns the database connection, decodes photos, commits decisions.
//! The UI sends requests over a bounded channel and polls results each frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TryRecvError, sync_channel};
use std::thread::JoinHandle;

use chrono::Utc;

use crate::checks::result::Report;
use crate::ingest::ensure_checked;
use crate::store::{
    DecisionReceipt, DecisionRequest, QueueItem, Store, StoreError, SubmissionDetail,
};

/// Rows sent first, so the first photo does not wait for a long queue.
const QUEUE_HEAD: u32 = 500;
/// How long the worker waits for the UI's first requests before loading the rest of the queue.
const HEAD_GRACE: std::time::Duration = std::time::Duration::from_millis(50);

/// Work for the background thread.
#[derive(Debug)]
pub enum Request {
    LoadQueue,
    LoadSubmission(i64),
    Decide(DecisionRequest),
}

/// A decoded photo, ready to upload as a texture.
pub type Photo = Result<egui::ColorImage, String>;

/// What the background thread sends back.
pub enum Reply {
    Queue(Result<Vec<QueueItem>, String>),
    Submission {
        id: i64,
        detail: Box<Result<SubmissionDetail, String>>,
        photo: Photo,
        report: Option<Report>,
    },
    Decided {
        request: DecisionRequest,
        result: Result<DecisionReceipt, String>,
    },
    Fatal(String),
}

pub struct Worker {
    tx: SyncSender<Request>,
    rx: Receiver<Reply>,
    _thread: JoinHandle<()>,
}

impl Worker {
    /// Starts the `db-worker` thread on the database at `db`.
    pub fn start(db: PathBuf, ctx: egui::Context) -> std::io::Result<Self> {
        let (tx, requests) = sync_channel::<Request>(64);
        let (replies, rx) = sync_channel::<Reply>(64);
        let thread = std::thread::Builder::new()
            .name("db-worker".to_owned())
            .spawn(move || serve(&db, &requests, &replies, &ctx))?;
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
            Err(TryRecvError::Disconnected) => {
                Some(Reply::Fatal("background worker stopped".to_owned()))
            }
        }
    }
}

fn serve(
    db: &std::path::Path,
    requests: &Receiver<Request>,
    replies: &SyncSender<Reply>,
    ctx: &egui::Context,
) {
    let mut store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            let _ = replies.send(Reply::Fatal(e.to_string()));
            ctx.request_repaint();
            return;
        }
    };
    // After the head of the queue has gone out, the rest waits until the UI has asked for the
    // first photo, so the reviewer can start before a long queue has loaded.
    let mut head_sent = false;
    let mut rest_pending = false;
    loop {
        let req = if rest_pending {
            match requests.recv_timeout(HEAD_GRACE) {
                Ok(req) => req,
                Err(RecvTimeoutError::Timeout) => {
                    rest_pending = false;
                    Request::LoadQueue
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match requests.recv() {
                Ok(req) => req,
                Err(_) => return,
            }
        };
        let reply = match req {
            Request::LoadQueue if !head_sent => {
                head_sent = true;
                let head = store.queue(Some(QUEUE_HEAD)).map_err(|e| e.to_string());
                // A short queue is complete already.
                rest_pending = head.as_ref().is_ok_and(|h| h.len() >= QUEUE_HEAD as usize);
                Reply::Queue(head)
            }
            Request::LoadQueue => Reply::Queue(store.queue(None).map_err(|e| e.to_string())),
            Request::LoadSubmission(id) => load_submission(&mut store, id),
            Request::Decide(request) => {
                let result = store
                    .decide(&request, Utc::now())
                    .map_err(|e| e.to_string());
                Reply::Decided { request, result }
            }
        };
        if replies.send(reply).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

fn load_submission(store: &mut Store, id: i64) -> Reply {
    let loaded = (|| -> Result<_, StoreError> {
        let detail = store.submission_detail(id)?;
        let bytes = store.photo_bytes(&detail.photo_sha256)?;
        let spec = store.campaign_by_name(&detail.campaign)?.1.rules.spec;
        let report = ensure_checked(store, &detail.photo_sha256, &bytes, &spec, Utc::now())?;
        Ok((detail, bytes, report))
    })();
    match loaded {
        Ok((detail, bytes, report)) => Reply::Submission {
            id,
            detail: Box::new(Ok(detail)),
            photo: to_color_image(&bytes),
            report: Some(report),
        },
        Err(e) => Reply::Submission {
            id,
            detail: Box::new(Err(e.to_string())),
            photo: Err(e.to_string()),
            report: None,
        },
    }
}

/// Decodes photo bytes for display, with the same size limits as the checks.
pub fn to_color_image(bytes: &[u8]) -> Photo {
    let decoded = crate::checks::decode(bytes).map_err(|e| e.to_string())?;
    let rgb = &decoded.rgb;
    let size = [rgb.width() as usize, rgb.height() as usize];
    Ok(egui::ColorImage::from_rgb(size, rgb.as_raw()))
}
