//! The background worker: owns the database connection, decodes photos, commits decisions.
//! The UI sends requests over a bounded channel and polls results each frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};
use std::thread::JoinHandle;

use chrono::Utc;

use crate::store::{DecisionReceipt, DecisionRequest, QueueItem, Store, SubmissionDetail};

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
    for req in requests {
        let reply = match req {
            Request::LoadQueue => Reply::Queue(store.queue(None).map_err(|e| e.to_string())),
            Request::LoadSubmission(id) => load_submission(&store, id),
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

fn load_submission(store: &Store, id: i64) -> Reply {
    let detail = store.submission_detail(id).map_err(|e| e.to_string());
    let photo = match &detail {
        Ok(d) => store
            .photo_bytes(&d.photo_sha256)
            .map_err(|e| e.to_string())
            .and_then(|b| decode(&b)),
        Err(e) => Err(e.clone()),
    };
    Reply::Submission {
        id,
        detail: Box::new(detail),
        photo,
    }
}

/// Decodes photo bytes into an egui image. Refuses absurd sizes before allocating.
pub fn decode(bytes: &[u8]) -> Photo {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut reader = reader;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(8000);
    limits.max_image_height = Some(8000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| e.to_string())?.to_rgba8();
    let size = [img.width() as usize, img.height() as usize];
    Ok(egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()))
}
