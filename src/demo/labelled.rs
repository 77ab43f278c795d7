//! A folder of labelled photos for measuring the checks (`bench --rates --labelled DIR`): the
//! photos and a `labels.csv` with the header `file,faults[,note]`, where `faults` holds the
//! space-separated rejection-reason codes (domain.md) a careful reviewer would reject the photo
//! for; empty means compliant. `tests/fixtures/real/` is such a folder.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::reasons::ReasonCode;

/// One labelled photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledPhoto {
    pub path: PathBuf,
    /// Reason codes, as written (all known to [`ReasonCode::parse`]).
    pub faults: Vec<String>,
    /// The labeller's note (skin tone, age, hair, glasses, backdrop and light); may be empty.
    pub note: String,
}

impl LabelledPhoto {
    pub fn is_compliant(&self) -> bool {
        self.faults.is_empty()
    }

    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

#[derive(Debug, Error)]
pub enum LabelError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} line {line}: {message}")]
    Row {
        path: PathBuf,
        line: u64,
        message: String,
    },
}

/// Reads `dir/labels.csv`; every listed file must exist and every code be known.
pub fn read_folder(dir: &Path) -> Result<Vec<LabelledPhoto>, LabelError> {
    let path = dir.join("labels.csv");
    let file = std::fs::File::open(&path).map_err(|source| LabelError::Read {
        path: path.clone(),
        source,
    })?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let row_error = |line: u64, message: String| LabelError::Row {
        path: path.clone(),
        line,
        message,
    };
    let mut photos = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            row_error(line, e.to_string())
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let name = record.get(0).unwrap_or("").trim();
        if name.is_empty() {
            return Err(row_error(line, "no file name".to_owned()));
        }
        let faults: Vec<String> = record
            .get(1)
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if let Some(bad) = faults.iter().find(|c| ReasonCode::parse(c).is_none()) {
            return Err(row_error(line, format!("unknown reason code {bad:?}")));
        }
        let photo = dir.join(name);
        if !photo.is_file() {
            return Err(row_error(line, format!("{name} is not in the folder")));
        }
        photos.push(LabelledPhoto {
            path: photo,
            faults,
            note: record.get(2).unwrap_or("").trim().to_owned(),
        });
    }
    Ok(photos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_fixture_folder_reads_with_compliant_and_faulty_photos() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
        let photos = read_folder(&dir).unwrap();
        let compliant = photos.iter().filter(|p| p.is_compliant()).count();
        assert!(compliant >= 20, "{compliant} compliant");
        assert!(photos.len() - compliant >= 20);
        // Every colour photo's note names a skin tone, and compliant photos span them all.
        let unnamed: Vec<String> = photos
            .iter()
            .filter(|p| crate::demo::skin_tone::SkinTone::from_note(&p.note).is_none())
            .map(LabelledPhoto::name)
            .collect();
        assert!(unnamed.len() <= 2, "{unnamed:?}");
        for tone in crate::demo::skin_tone::SkinTone::ALL {
            let n = photos
                .iter()
                .filter(|p| p.is_compliant())
                .filter(|p| crate::demo::skin_tone::SkinTone::from_note(&p.note) == Some(tone))
                .count();
            assert!(n >= 3, "{n} compliant photos of {tone:?} skin");
        }
    }

    #[test]
    fn unknown_codes_and_missing_files_are_refused_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.jpg"), b"x").unwrap();
        std::fs::write(
            dir.path().join("labels.csv"),
            "file,faults\na.jpg,GLASSES\nb.jpg,\n",
        )
        .unwrap();
        let err = read_folder(dir.path()).unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("b.jpg"), "{err}");
        std::fs::write(
            dir.path().join("labels.csv"),
            "file,faults\na.jpg,NO_SUCH\n",
        )
        .unwrap();
        let err = read_folder(dir.path()).unwrap_err().to_string();
        assert!(err.contains("NO_SUCH"), "{err}");
        assert!(read_folder(&dir.path().join("none")).is_err());
    }
}
