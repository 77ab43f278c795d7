//! Roster import (CSV / XLSX).
//!
//! A pure parse-and-validate step: bytes in, [`ParsedRoster`] out. Every row problem is
//! collected with its line number (never stopping at the first); only file-level problems
//! (unreadable file, missing required columns, no rows) are returned as [`RosterError`].
//! Rows with errors are left out of [`ParsedRoster::rows`]; rows with warnings are kept.

mod csv_source;
mod headers;
mod validate;
mod xlsx_source;

use std::path::{Path, PathBuf};

use crate::i18n::{Localized, Msg};

use crate::domain::student::Student;

/// A valid roster row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// 1-based line (CSV) or spreadsheet row number, as the user sees it.
    pub line: usize,
    pub student: Student,
}

/// An error or warning about one row (or the header row).
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// 1-based line (CSV) or spreadsheet row number.
    pub line: usize,
    /// The column's header as written in the file, when the problem concerns one cell.
    pub column: Option<String>,
    /// What is wrong, one sentence (`roster-…` in the catalogue).
    pub message: Msg,
}

/// The result of parsing a roster: valid rows plus every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRoster {
    pub rows: Vec<RosterRow>,
    pub errors: Vec<RowProblem>,
    pub warnings: Vec<RowProblem>,
    /// How the file was read: `"UTF-8"`, `"UTF-16"`, `"GBK"` (CSV) or `"xlsx"` / `"xls"`.
    pub encoding: &'static str,
}

/// File-level problems: nothing could be imported.
#[derive(Debug)]
pub enum RosterError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    UnsupportedFormat(String),
    TooLarge(PathBuf),
    NotAFile(PathBuf),
    MissingColumns {
        missing: Vec<&'static str>,
        found: Vec<String>,
    },
    Empty,
    Spreadsheet(String),
}

impl Localized for RosterError {
    fn msg(&self) -> Msg {
        match self {
            Self::Io { path, source } => Msg::new("roster-io")
                .arg("why", source.to_string())
                .path("path", path),
            Self::UnsupportedFormat(what) => Msg::new("roster-unsupported").arg("what", what),
            Self::TooLarge(path) => Msg::new("roster-too-large")
                .arg("max_mb", MAX_ROSTER_BYTES / (1024 * 1024))
                .path("path", path),
            Self::NotAFile(path) => Msg::new("roster-not-a-file").path("path", path),
            Self::MissingColumns { missing, found } => Msg::new("roster-missing-columns")
                .arg("missing", missing.join(", "))
                .arg("found", found.join(", "))
                .arg("found_count", found.len()),
            Self::Empty => Msg::new("roster-empty"),
            Self::Spreadsheet(why) => Msg::new("roster-spreadsheet").arg("why", why),
        }
    }
}

crate::english_display!(RosterError);

/// One cell as delivered by a source, already cleaned by [`clean_cell`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawCell {
    Text(String),
    /// A spreadsheet number too large to be exact (Excel keeps 15 significant digits),
    /// formatted as digits. Fine for a phone number, fatal for an ID number.
    LossyNumber(String),
}

impl RawCell {
    fn text(&self) -> &str {
        match self {
            Self::Text(s) | Self::LossyNumber(s) => s,
        }
    }
}

/// One non-header row from a source, with its user-visible line number.
#[derive(Debug, Clone)]
pub(crate) struct RawRow {
    pub line: usize,
    pub cells: Vec<RawCell>,
}

impl RawRow {
    fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.text().is_empty())
    }
}

/// The largest roster file read: 100 000 students take a few MB as CSV or XLSX.
pub const MAX_ROSTER_BYTES: u64 = 20 * 1024 * 1024;

/// The file's bytes: only a regular file (a pipe would never end), at most
/// [`MAX_ROSTER_BYTES`], read with that limit.
fn read_capped(path: &Path) -> Result<Vec<u8>, RosterError> {
    use std::io::Read;
    let io = |source| RosterError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(RosterError::NotAFile(path.to_owned()));
    }
    if meta.len() > MAX_ROSTER_BYTES {
        return Err(RosterError::TooLarge(path.to_owned()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_ROSTER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_ROSTER_BYTES {
        return Err(RosterError::TooLarge(path.to_owned()));
    }
    Ok(bytes)
}

/// Reads a roster file, choosing the reader from the file's content and extension:
/// `.csv` / `.txt` / `.tsv` as delimited text, `.xlsx` / `.xlsm` / `.xls` as a spreadsheet
/// (first sheet). A spreadsheet saved with a `.csv` name, or text saved as `.xls`, is
/// recognised by its first bytes.
pub fn parse_roster_file(path: &Path) -> Result<ParsedRoster, RosterError> {
    let bytes = read_capped(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if xlsx_source::is_spreadsheet(&bytes) {
        return parse_roster_spreadsheet(&bytes);
    }
    match ext.as_str() {
        "csv" | "txt" | "tsv" => parse_roster_csv(&bytes),
        "xlsx" | "xlsm" | "xls" => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
            if head.trim_start().starts_with('<') {
                Err(RosterError::UnsupportedFormat(format!(
                    "{} is a web page saved with a .{ext} name; open it in Excel and save it as .xlsx",
                    file_name(path)
                )))
            } else {
                // Some registrar systems write tab-separated text with an .xls name.
                parse_roster_csv(&bytes)
            }
        }
        _ => Err(RosterError::UnsupportedFormat(format!(
            "{} is not a CSV, TXT, XLSX or XLS file",
            file_name(path)
        ))),
    }
}

/// Parses delimited text (comma, tab or semicolon), UTF-8 with or without BOM, UTF-16 with
/// BOM, or else GBK / GB 18030.
pub fn parse_roster_csv(bytes: &[u8]) -> Result<ParsedRoster, RosterError> {
    let (rows, encoding) = csv_source::read_rows(bytes)?;
    validate::build(rows, encoding)
}

/// Parses the first sheet of an XLSX / XLSM / XLS workbook held in memory.
pub fn parse_roster_spreadsheet(bytes: &[u8]) -> Result<ParsedRoster, RosterError> {
    let (rows, encoding) = xlsx_source::read_rows(bytes)?;
    validate::build(rows, encoding)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Trims a cell (including full-width and zero-width spaces) and removes the wrappers Excel
/// exports put around long numbers: a leading apostrophe (`'110105…`) or a text formula
/// (`="110105…"`).
pub(crate) fn clean_cell(raw: &str) -> String {
    let is_blank = |c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}');
    let mut s = raw.trim_matches(is_blank);
    if let Some(rest) = s.strip_prefix('\'') {
        s = rest.trim_matches(is_blank);
    }
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"'))
        && !inner.contains('"')
    {
        s = inner.trim_matches(is_blank);
    }
    s.to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_and_unwrapped() {
        assert_eq!(clean_cell("  张三\u{3000}"), "张三");
        assert_eq!(clean_cell("'110105"), "110105");
        assert_eq!(clean_cell("=\"110105\""), "110105");
        assert_eq!(
            clean_cell(" =\" 11010519491231002X \" "),
            "11010519491231002X"
        );
        assert_eq!(clean_cell("\u{FEFF}姓名"), "姓名");
        // A real formula is left alone, so the name check can refuse it.
        assert_eq!(
            clean_cell("=HYPERLINK(\"http://x\",\"a\")"),
            "=HYPERLINK(\"http://x\",\"a\")"
        );
    }
}
