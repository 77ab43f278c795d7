//! Adding a folder of uploads: files named `<ID number>.<ext>`, or listed in `manifest.csv`
//! (`id_number,file,submitted_at`). Every file is accounted for in the report.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::checks::pipeline;
use crate::checks::result::{Report, Verdict};
use crate::domain::case::UploadOutcome;
use crate::domain::id_number::IdNumber;
use crate::domain::role::Actor;
use crate::domain::spec::PhotoSpec;
use crate::i18n::{Localized, Msg};
use crate::store::{CampaignId, Store, StoreError, UploadReceipt, UploadRequest};

/// Photo extensions picked up from a folder without a manifest.
const PHOTO_EXTENSIONS: [&str; 7] = ["jpg", "jpeg", "png", "heic", "webp", "bmp", "gif"];

/// The largest upload or manifest read. Phone photos are a few MB; the mini-program's limit is
/// lower still. Anything larger is refused without being read.
pub const MAX_UPLOAD_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file in an upload folder is not read. Never quotes the file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnreadableUpload {
    Symlink,
    NotRegular,
    Empty,
    TooLarge,
    Changed,
    Io(String),
}

impl Localized for UnreadableUpload {
    fn msg(&self) -> Msg {
        match self {
            Self::Symlink => Msg::new("upload-symlink"),
            Self::NotRegular => Msg::new("upload-not-regular"),
            Self::Empty => Msg::new("upload-empty"),
            Self::TooLarge => {
                Msg::new("upload-too-large").arg("mb", MAX_UPLOAD_BYTES / (1024 * 1024))
            }
            Self::Changed => Msg::new("upload-changed"),
            Self::Io(why) => Msg::new("upload-io").arg("why", why),
        }
    }
}

crate::english_display!(UnreadableUpload);

/// Reads an upload: only a regular file, checked without following links (a link to a
/// private file, a pipe that never ends, `/dev/zero`), at most [`MAX_UPLOAD_BYTES`], read with
/// a limit so a file that grows meanwhile cannot exhaust memory.
pub fn read_upload(path: &Path) -> Result<Vec<u8>, UnreadableUpload> {
    use std::io::Read;
    let io = |e: std::io::Error| UnreadableUpload::Io(e.to_string());
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    if meta.file_type().is_symlink() {
        return Err(UnreadableUpload::Symlink);
    }
    if !meta.is_file() {
        return Err(UnreadableUpload::NotRegular);
    }
    if meta.len() > MAX_UPLOAD_BYTES {
        return Err(UnreadableUpload::TooLarge);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // The name may have been swapped for a link or another file since the check: what was
    // opened must be the regular file that was checked.
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() || !same_file(&meta, &opened) {
        return Err(UnreadableUpload::Changed);
    }
    let mut bytes = Vec::new();
    file.take(MAX_UPLOAD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    match u64::try_from(bytes.len()) {
        Ok(0) => Err(UnreadableUpload::Empty),
        Ok(n) if n <= MAX_UPLOAD_BYTES => Ok(bytes),
        _ => Err(UnreadableUpload::TooLarge),
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len()
}

/// One file to ingest.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub id_number: String,
    pub path: PathBuf,
    /// From the manifest, else the file's modification time.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Files found, and `(file, reason)` for each one that cannot be ingested.
pub type Scan = (Vec<Incoming>, Vec<(String, Msg)>);

/// What happened to each file.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub recorded: Vec<(String, UploadReceipt)>,
    /// Files not recorded, with the reason (unknown student, unreadable file…).
    pub refused: Vec<(String, Msg)>,
    /// Recorded but worth a look (not decodable as an image, recorded only…).
    pub warnings: Vec<(String, Msg)>,
}

/// Lists the uploads in `dir`: from `manifest.csv` when present, else by file name.
pub fn scan(dir: &Path, tz: Tz) -> Result<Scan, std::io::Error> {
    let manifest = dir.join("manifest.csv");
    if manifest.symlink_metadata().is_ok() {
        let bytes = read_upload(&manifest)
            .map_err(|e| std::io::Error::other(format!("manifest.csv {e}")))?;
        return Ok(read_manifest(&bytes, dir, tz));
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // The entry itself, not what a link points to: links and special files are reported.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            let why = if kind.is_symlink() {
                UnreadableUpload::Symlink
            } else {
                UnreadableUpload::NotRegular
            };
            skipped.push((name, why.msg()));
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if !ext
            .as_deref()
            .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e))
        {
            skipped.push((name, Msg::new("ingest-not-photo-name")));
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match IdNumber::parse(&stem) {
            Ok(id) => found.push(Incoming {
                id_number: id.as_str().to_owned(),
                path,
                submitted_at: None,
            }),
            Err(e) => skipped.push((name, Msg::new("ingest-name-not-id").arg("why", e.msg()))),
        }
    }
    Ok((found, skipped))
}

fn read_manifest(manifest: &[u8], dir: &Path, tz: Tz) -> Scan {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(manifest);
    let mut found = Vec::new();
    let mut bad = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = format!("manifest.csv:{}", i + 2);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                bad.push((
                    line,
                    Msg::new("ingest-row-unreadable").arg("why", e.to_string()),
                ));
                continue;
            }
        };
        let (id, file, at) = (
            record.get(0).unwrap_or(""),
            record.get(1).unwrap_or(""),
            record.get(2),
        );
        let id = match IdNumber::parse(id) {
            Ok(id) => id,
            Err(e) => {
                bad.push((
                    line,
                    Msg::new("ingest-row-bad-id")
                        .arg("id", id)
                        .arg("why", e.msg()),
                ));
                continue;
            }
        };
        if file.is_empty()
            || Path::new(file)
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            bad.push((line, Msg::new("ingest-row-bad-file").arg("file", file)));
            continue;
        }
        let submitted_at = match at.filter(|s| !s.is_empty()).map(|s| parse_time(s, tz)) {
            Some(Some(t)) => Some(t),
            Some(None) => {
                bad.push((
                    line,
                    Msg::new("ingest-row-bad-time").arg("time", at.unwrap_or("")),
                ));
                continue;
            }
            None => None,
        };
        found.push(Incoming {
            id_number: id.as_str().to_owned(),
            path: dir.join(file),
            submitted_at,
        });
    }
    (found, bad)
}

/// RFC 3339, or a local `YYYY-MM-DD HH:MM[:SS]` in the campaign's timezone.
pub fn parse_time(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .and_then(|naive| tz.from_local_datetime(&naive).earliest())
    .map(|t| t.with_timezone(&Utc))
}

/// Records every listed file; problems with one file never stop the others.
pub fn ingest(
    store: &mut Store,
    campaign: CampaignId,
    files: &[Incoming],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<IngestReport, StoreError> {
    let mut report = IngestReport::default();
    let spec = store.campaign(campaign)?.rules.spec;
    for file in files {
        let label = file.path.file_name().map_or_else(
            || file.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let bytes = match read_upload(&file.path) {
            Ok(b) => b,
            Err(e) => {
                report.refused.push((label, e.msg()));
                continue;
            }
        };
        let submitted_at = file
            .submitted_at
            .or_else(|| modified_time(&file.path))
            .unwrap_or(now);
        let req = UploadRequest {
            campaign,
            id_number: &file.id_number,
            bytes: &bytes,
            original_name: &label,
            submitted_at,
            actor,
        };
        match store.record_upload(&req, now) {
            Ok(receipt) => {
                let checks = ensure_checked(store, &receipt.sha256, &bytes, &spec, now)?;
                if let Some(problem) = decode_problem(&checks) {
                    report.warnings.push((label.clone(), problem));
                }
                if !receipt.outcome.starts_attempt() {
                    let why = match receipt.outcome {
                        UploadOutcome::AfterApproval => "ingest-recorded-after-approval",
                        _ => "ingest-recorded-too-late",
                    };
                    report.warnings.push((label.clone(), Msg::new(why)));
                }
                report.recorded.push((label, receipt));
            }
            Err(e @ (StoreError::UnknownStudent { .. } | StoreError::CollectedOffline { .. })) => {
                report.refused.push((label, e.msg()));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

/// The check report of a photo: from the cache for this spec and pipeline version, else
/// computed and stored.
pub fn ensure_checked(
    store: &mut Store,
    sha256: &str,
    bytes: &[u8],
    spec: &PhotoSpec,
    now: DateTime<Utc>,
) -> Result<Report, StoreError> {
    let version = pipeline::cache_version(spec);
    if let Some(report) = store.check_report(sha256, version)? {
        return Ok(report);
    }
    let report = pipeline::run(bytes, spec);
    store.save_check_report(sha256, version, &report, now)?;
    Ok(report)
}

/// Why a photo cannot be read, when `file.decode` failed.
fn decode_problem(report: &Report) -> Option<Msg> {
    report
        .get("file.decode")
        .filter(|c| c.verdict == Verdict::Fail)
        .map(|c| Msg::new("ingest-recorded-unreadable").arg("why", c.message.clone()))
}

fn modified_time(path: &Path) -> Option<DateTime<Utc>> {
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from)
}
