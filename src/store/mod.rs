//! The `SQLite` store: one file, versioned migrations, one transaction per decision.
//!
//! All SQL of the product lives in this module. Its public surface takes and returns plain
//! domain and model types only, so another backend (`PostgreSQL` for studios with several PCs)
//! can implement the same methods without touching the domain or the UI.

mod audit;
mod backup;
mod board;
mod campaigns;
mod case_records;
mod cases;
mod check_results;
mod claims;
mod decisions;
mod error;
mod exports;
mod model;
mod password;
mod production;
mod queue;
mod schema;
mod stats;
mod students;
mod supervisor;
mod time;
mod undo;
mod uploads;
mod users;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use audit::AuditEntry;
pub use backup::{BackupReport, Credentials, restore};
pub use board::{AttemptRecord, Board, BoardList, BoardRow, CaseFile, DecisionRecord};
pub use case_records::{Extension, MakeupShoot};
pub use check_results::PhotoToCheck;
pub use claims::CLAIM_SECS;
pub use decisions::{DecisionReceipt, DecisionRequest};
pub use error::{StoreError, StoreResult};
pub use exports::{ApprovedPhoto, DecisionExportBatch, ExportKind, ExportRecord, ExportedDecision};
pub use model::{
    CampaignId, EarlierPhoto, PastDecision, QueueItem, QueueSummary, StateCounts, SubmissionDetail,
};
pub use production::{PrintRun, PrintedCase, RosterEntry};
pub use stats::{
    CoverageRow, DecisionTotals, FeeRow, REVIEW_TIME_BUCKET_HOURS, REVIEW_TIME_BUCKETS, ReviewTime,
    ReviewerCount, Stats, TOP_REASONS,
};
pub use supervisor::CaseChange;
pub use undo::UndoReceipt;
pub use uploads::photo_hash;
pub use uploads::{UploadReceipt, UploadRequest};
pub use users::{NewUser, UserInfo};

/// An open review database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Decision transactions retried after `SQLITE_BUSY` (contention figures).
    busy_retries: u64,
}

impl Store {
    /// Opens an existing database; a missing file is an error.
    pub fn open(path: &Path) -> StoreResult<Self> {
        Ok(Self {
            conn: schema::open(path, false)?,
            path: path.to_owned(),
            busy_retries: 0,
        })
    }

    /// Opens a database, creating an empty one when the file does not exist.
    pub fn open_or_create(path: &Path) -> StoreResult<Self> {
        Ok(Self {
            conn: schema::open(path, true)?,
            path: path.to_owned(),
            busy_retries: 0,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Trades durability for speed while generating bulk data (demo, benchmarks): commits no
    /// longer wait for the disk. Never used for reviewers' decisions.
    pub fn set_bulk_mode(&self, bulk: bool) -> StoreResult<()> {
        self.conn
            .pragma_update(None, "synchronous", if bulk { "OFF" } else { "FULL" })?;
        Ok(())
    }
}
