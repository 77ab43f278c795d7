//! The CHSI package: every approved case's current photo as `<ID number>.jpg`, byte-identical
//! to the upload, plus `manifest.csv`; or the same sealed in `chsi.tar.age` for one recipient.

use std::collections::HashSet;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::csv_safe::SafeCsv;
use super::encrypt::{README_NAME, SEALED_NAME, SealedTar, parse_recipient, readme_text};
use super::package::{Staged, join_inside, photo_file_name, write_new};
use super::{ExportError, local_iso, utc_iso};
use crate::domain::role::{Action, Actor};
use crate::store::{ApprovedPhoto, ExportKind, ExportRecord, Store, photo_hash};

/// Name of the manifest in the package.
pub const MANIFEST_NAME: &str = "manifest.csv";

const MANIFEST_HEADER: [&str; 8] = [
    "id_number",
    "name",
    "school",
    "file",
    "sha256",
    "approved_at_local",
    "approved_at_utc",
    "reviewer",
];

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct ChsiOptions<'a> {
    /// The package folder to create; must not exist yet.
    pub out: &'a Path,
    /// One campaign by name, or every campaign.
    pub campaign: Option<&'a str>,
    /// An age X25519 public key (`age1…`): seal the package for this recipient.
    pub encrypt_to: Option<&'a str>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ChsiReport {
    pub out: PathBuf,
    pub photos: usize,
    /// Files in the package folder.
    pub files: Vec<String>,
    pub encrypted: bool,
}

/// One photo of the package, its file name checked and its bytes verified.
struct Entry<'a> {
    file: String,
    photo: &'a ApprovedPhoto,
}

/// Writes the CHSI package. Refuses an existing `out`, an invalid ID number and a photo whose
/// bytes do not match their hash; on any error nothing is left at `out` or beside it.
pub fn export_chsi(
    store: &mut Store,
    opts: &ChsiOptions<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ChsiReport, ExportError> {
    // Refused before a photo is read; the recording transaction checks again.
    store.check_account(actor, Action::Export)?;
    let recipient = opts.encrypt_to.map(parse_recipient).transpose()?;
    let campaign = opts
        .campaign
        .map(|name| store.campaign_by_name(name).map(|(id, _)| id))
        .transpose()?;
    let photos = store.approved_photos(campaign)?;
    if photos.is_empty() {
        return Err(ExportError::NothingApproved(
            opts.campaign.map(ToOwned::to_owned),
        ));
    }
    let entries = plan(&photos)?;
    let staged = Staged::dir(opts.out)?;
    let files = match &recipient {
        None => write_plain(store, staged.temp(), &entries)?,
        Some(r) => write_sealed(store, staged.temp(), &entries, r)?,
    };
    let out = staged.finish()?;
    let record = ExportRecord {
        kind: ExportKind::Chsi,
        campaign,
        actor: actor.clone(),
        target: out.display().to_string(),
        files: files.len(),
        rows: entries.len(),
        detail: serde_json::json!({
            "encrypted_to": recipient.as_ref().map(ToString::to_string),
        }),
    };
    if let Err(cause) = store.record_export(&record, now) {
        let _ = std::fs::remove_dir_all(&out);
        return Err(ExportError::NotRecorded { path: out, cause });
    }
    Ok(ChsiReport {
        out,
        photos: entries.len(),
        files,
        encrypted: recipient.is_some(),
    })
}

/// File names for every photo, refusing the whole export on one unsafe or duplicate ID number:
/// a package silently missing a student is worse than none.
fn plan(photos: &[ApprovedPhoto]) -> Result<Vec<Entry<'_>>, ExportError> {
    let mut seen = HashSet::new();
    photos
        .iter()
        .map(|photo| {
            let file = photo_file_name(&photo.id_number)?;
            if !seen.insert(file.clone()) {
                return Err(ExportError::DuplicateIdNumber(photo.id_number.clone()));
            }
            Ok(Entry { file, photo })
        })
        .collect()
}

/// The stored bytes of a photo, refused if they no longer match the hash they are filed under.
fn verified_bytes(store: &Store, photo: &ApprovedPhoto) -> Result<Vec<u8>, ExportError> {
    let bytes = store.photo_bytes(&photo.photo_sha256)?;
    if photo_hash(&bytes) != photo.photo_sha256 {
        return Err(ExportError::HashMismatch(photo.id_number.clone()));
    }
    Ok(bytes)
}

fn manifest_row(e: &Entry<'_>) -> [String; 8] {
    let p = e.photo;
    [
        p.id_number.clone(),
        p.name.clone(),
        p.school.clone(),
        e.file.clone(),
        p.photo_sha256.clone(),
        local_iso(p.approved_at, p.timezone),
        utc_iso(p.approved_at),
        p.reviewer.clone(),
    ]
}

fn manifest_bytes(entries: &[Entry<'_>]) -> Result<Vec<u8>, ExportError> {
    let to_io = |e: csv::Error| ExportError::io(Path::new(MANIFEST_NAME), e.into());
    let mut csv =
        SafeCsv::new(Vec::new()).map_err(|e| ExportError::io(Path::new(MANIFEST_NAME), e))?;
    csv.row(MANIFEST_HEADER).map_err(to_io)?;
    for e in entries {
        csv.row(manifest_row(e)).map_err(to_io)?;
    }
    csv.finish()
        .map_err(|e| ExportError::io(Path::new(MANIFEST_NAME), e))
}

/// Photos and manifest as plain files; each photo re-read from disk and checked against the
/// manifest's hash before the package is renamed into place.
fn write_plain(
    store: &Store,
    dir: &Path,
    entries: &[Entry<'_>],
) -> Result<Vec<String>, ExportError> {
    for e in entries {
        write_new(dir, &e.file, &verified_bytes(store, e.photo)?)?;
    }
    write_new(dir, MANIFEST_NAME, &manifest_bytes(entries)?)?;
    for e in entries {
        let path = join_inside(dir, &e.file)?;
        let written = std::fs::read(&path).map_err(|err| ExportError::io(&path, err))?;
        if photo_hash(&written) != e.photo.photo_sha256 {
            return Err(ExportError::HashMismatch(e.photo.id_number.clone()));
        }
    }
    let mut files: Vec<String> = entries.iter().map(|e| e.file.clone()).collect();
    files.push(MANIFEST_NAME.to_owned());
    Ok(files)
}

/// Photos and manifest in one age-encrypted tar, plus plain decryption instructions. The
/// plaintext never touches the disk; each photo is checked against its hash before sealing.
fn write_sealed(
    store: &Store,
    dir: &Path,
    entries: &[Entry<'_>],
    recipient: &age::x25519::Recipient,
) -> Result<Vec<String>, ExportError> {
    let path = join_inside(dir, SEALED_NAME)?;
    let io = |e| ExportError::io(&path, e);
    let file = crate::private_fs::create_new_file(&path).map_err(io)?;
    let mut sealed = SealedTar::new(BufWriter::new(file), recipient)?;
    for e in entries {
        let bytes = verified_bytes(store, e.photo)?;
        sealed
            .append(&e.file, &bytes, e.photo.approved_at)
            .map_err(io)?;
    }
    let newest = entries
        .iter()
        .map(|e| e.photo.approved_at)
        .max()
        .unwrap_or_default();
    sealed
        .append(MANIFEST_NAME, &manifest_bytes(entries)?, newest)
        .map_err(io)?;
    let file = sealed
        .finish()
        .and_then(|w| w.into_inner().map_err(std::io::IntoInnerError::into_error))
        .map_err(io)?;
    file.sync_all().map_err(io)?;
    write_new(dir, README_NAME, readme_text().as_bytes())?;
    Ok(vec![SEALED_NAME.to_owned(), README_NAME.to_owned()])
}
