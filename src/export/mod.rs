//! Safe exports: the CHSI photo package (optionally sealed with age) and the decision files the
//! mini-program uses to notify students.
//!
//! Every export is written under a temporary sibling name and renamed into place only once
//! complete and verified, so a full disk or a read-only target leaves no half-written package.
//! File names come only from validated ID numbers and are checked to stay inside the folder.
//! Every CSV goes through [`csv_safe`]. Each export is audited with the actor's name; who may
//! export (supervisors) is decided by the caller.

mod board_csv;
mod chsi;
pub mod csv_safe;
mod decisions;
pub mod encrypt;
mod package;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use thiserror::Error;

use crate::store::StoreError;

pub use board_csv::{save_board_csv, write_board_csv};
pub use chsi::{ChsiOptions, ChsiReport, MANIFEST_NAME, export_chsi};
pub use decisions::{DecisionsOptions, DecisionsReport, export_decisions};
pub use package::{Staged, join_inside, photo_file_name, write_new};

/// Why an export was refused or failed. Nothing is left half-written in any of these cases.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("refusing to overwrite an existing export; choose a new name: {}", .0.display())]
    TargetExists(PathBuf),
    #[error("the export needs a file or folder name, not a root or `..`: {}", .0.display())]
    BadTarget(PathBuf),
    #[error("the folder to write into does not exist: {}", .0.display())]
    NoParent(PathBuf),
    // `cause`, not `source`: the message already says it, so an error chain must not repeat it.
    #[error("cannot write the export ({cause}); nothing was exported: {}", .path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "a roster ID number is not a valid ID number, so it cannot name a photo file; fix the roster row: {0}"
    )]
    UnsafeIdNumber(String),
    #[error("refusing to write a file outside the export folder: {0}")]
    Outside(String),
    #[error(
        "ID number {0} is approved in more than one campaign; export one campaign with --campaign"
    )]
    DuplicateIdNumber(String),
    #[error(
        "the stored photo of {0} does not match its recorded SHA-256 (damaged database or disk); nothing was exported"
    )]
    HashMismatch(String),
    #[error("no approved photos to export{0}")]
    NothingApproved(String),
    #[error("not an age public key (expected age1… as printed by age-keygen): {0}")]
    BadRecipient(String),
    #[error("encryption failed: {0}")]
    Encrypt(String),
    #[error(
        "the export was written but could not be recorded ({cause}), so it was removed again: {}",
        .path.display()
    )]
    NotRecorded { path: PathBuf, cause: StoreError },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ExportError {
    fn io(path: &Path, cause: std::io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            cause,
        }
    }
}

/// An instant as UTC ISO 8601, e.g. `2026-03-24T08:00:00Z`.
fn utc_iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An instant in the campaign's timezone with its offset, e.g. `2026-03-24T16:00:00+08:00`.
fn local_iso(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_written_in_utc_and_campaign_time() {
        let at = Utc.with_ymd_and_hms(2026, 3, 24, 8, 0, 0).unwrap();
        assert_eq!(utc_iso(at), "2026-03-24T08:00:00Z");
        assert_eq!(
            local_iso(at, chrono_tz::Asia::Shanghai),
            "2026-03-24T16:00:00+08:00"
        );
    }
}
