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

use crate::store::StoreError;

pub use board_csv::{save_board_csv, write_board_csv};
pub use chsi::{ChsiOptions, ChsiReport, MANIFEST_NAME, export_chsi};
pub use decisions::{DecisionsOptions, DecisionsReport, export_decisions};
pub use package::{Staged, join_inside, photo_file_name, write_new};

/// Why an export was refused or failed. Nothing is left half-written in any of these cases.
#[derive(Debug)]
pub enum ExportError {
    TargetExists(PathBuf),
    BadTarget(PathBuf),
    NoParent(PathBuf),
    // `cause`, not `source`: the message already says it, so an error chain must not repeat it.
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    UnsafeIdNumber(String),
    Outside(String),
    DuplicateIdNumber(String),
    HashMismatch(String),
    /// In the named campaign, or in any.
    NothingApproved(Option<String>),
    BadRecipient(String),
    Encrypt(String),
    NotRecorded {
        path: PathBuf,
        cause: StoreError,
    },
    Store(StoreError),
}

impl crate::i18n::Localized for ExportError {
    fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::TargetExists(p) => Msg::new("export-target-exists").path("path", p),
            Self::BadTarget(p) => Msg::new("export-bad-target").path("path", p),
            Self::NoParent(p) => Msg::new("export-no-parent").path("path", p),
            Self::Io { path, cause } => Msg::new("export-io")
                .arg("why", cause.to_string())
                .path("path", path),
            Self::UnsafeIdNumber(id) => Msg::new("export-unsafe-id-number").arg("id_number", id),
            Self::Outside(name) => Msg::new("export-outside").arg("name", name),
            Self::DuplicateIdNumber(id) => {
                Msg::new("export-duplicate-id-number").arg("id_number", id)
            }
            Self::HashMismatch(id) => Msg::new("export-hash-mismatch").arg("id_number", id),
            Self::NothingApproved(None) => Msg::new("export-nothing-approved"),
            Self::NothingApproved(Some(c)) => {
                Msg::new("export-nothing-approved-in").arg("campaign", c)
            }
            Self::BadRecipient(r) => Msg::new("export-bad-recipient").arg("value", r),
            Self::Encrypt(why) => Msg::new("export-encrypt").arg("why", why),
            Self::NotRecorded { path, cause } => Msg::new("export-not-recorded")
                .arg("why", crate::i18n::Localized::msg(cause))
                .path("path", path),
            Self::Store(e) => crate::i18n::Localized::msg(e),
        }
    }
}

crate::english_display!(ExportError);

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
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
