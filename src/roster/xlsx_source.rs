//! Spreadsheet rosters (XLSX / XLSM / XLS) via calamine: first sheet, cells to text.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, DataRef, Reader, Xls, Xlsx, XlsxError, open_workbook_from_rs};
use chrono::{Days, NaiveDate};

use super::{RawCell, RawRow, RosterError, clean_cell};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Excel keeps 15 significant digits: an integer this large may have lost its last digits.
const EXACT_LIMIT: f64 = 1e15;

/// The most rows a roster sheet may span (a school's graduates number thousands).
pub(crate) const MAX_SHEET_ROWS: u32 = 100_000;
/// The most columns a roster sheet may span.
pub(crate) const MAX_SHEET_COLUMNS: u32 = 256;
/// The most cells a roster sheet may span (rows × columns): about 64 MB laid out. Two stray
/// cells, A1 and XFD1048576, would otherwise make 17 billion.
pub(crate) const MAX_SHEET_CELLS: u64 = 2_000_000;

/// Whether `bytes` look like an XLSX (zip) or XLS (OLE compound file) workbook.
pub(crate) fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Reads the first sheet into cleaned rows numbered as Excel numbers them.
pub(crate) fn read_rows(bytes: &[u8]) -> Result<(Vec<RawRow>, &'static str), RosterError> {
    let cursor = Cursor::new(bytes);
    let (range, kind) = if bytes.starts_with(OLE_MAGIC) {
        // An encrypted .xlsx is also an OLE file; calamine's XLSX reader recognises it.
        if let Err(XlsxError::Password) = open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()) {
            return Err(password_protected());
        }
        let mut book: Xls<_> = open_workbook_from_rs(cursor).map_err(|e| {
            if matches!(e, calamine::XlsError::Password) {
                password_protected()
            } else {
                unreadable(&e)
            }
        })?;
        (first_sheet(&mut book)?, "xls")
    } else if bytes.starts_with(ZIP_MAGIC) {
        let mut book: Xlsx<_> = open_workbook_from_rs(cursor).map_err(|e| {
            if matches!(e, XlsxError::Password) {
                password_protected()
            } else {
                unreadable(&e)
            }
        })?;
        let rows = xlsx_first_sheet(&mut book)?;
        if rows.iter().all(RawRow::is_empty) {
            return Err(RosterError::Empty);
        }
        return Ok((rows, "xlsx"));
    } else {
        return Err(RosterError::Spreadsheet(
            "the file is not an Excel workbook (.xlsx or .xls)".to_owned(),
        ));
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let rows: Vec<RawRow> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| RawRow {
            line: first_row + i + 1,
            cells: cells.iter().map(convert).collect(),
        })
        .collect();
    if rows.iter().all(RawRow::is_empty) {
        return Err(RosterError::Empty);
    }
    Ok((rows, kind))
}

/// The first sheet of an XLSX workbook, read cell by cell: its extent is checked against the
/// limits above as each cell arrives, before anything is laid out (calamine's
/// `worksheet_range` would allocate the whole bounding box first).
fn xlsx_first_sheet<RS: Read + Seek>(book: &mut Xlsx<RS>) -> Result<Vec<RawRow>, RosterError> {
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(RosterError::Empty);
    };
    let mut reader = match book.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Err(RosterError::Empty),
        Err(e) => return Err(unreadable(&e)),
    };
    let mut cells: Vec<((u32, u32), Data)> = Vec::new();
    let mut extent: Option<Extent> = None;
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let pos = cell.get_position();
        let grown = extent.map_or(Extent { min: pos, max: pos }, |e| e.with(pos));
        grown.check(cells.len())?;
        extent = Some(grown);
        cells.push((pos, Data::from(cell.get_value().clone())));
    }
    let Some(extent) = extent else {
        return Err(RosterError::Empty);
    };
    let (first_row, first_col) = extent.min;
    let (rows, cols) = extent.size();
    let empty = || RawRow {
        line: 0,
        cells: vec![RawCell::Text(String::new()); cols as usize],
    };
    let mut out: Vec<RawRow> = (0..rows)
        .map(|i| RawRow {
            line: (first_row + i) as usize + 1,
            ..empty()
        })
        .collect();
    for ((r, c), value) in &cells {
        out[(r - first_row) as usize].cells[(c - first_col) as usize] = convert(value);
    }
    Ok(out)
}

/// The bounding box of a sheet's non-empty cells, as `(row, column)` from 0.
#[derive(Debug, Clone, Copy)]
struct Extent {
    min: (u32, u32),
    max: (u32, u32),
}

impl Extent {
    fn with(self, (r, c): (u32, u32)) -> Self {
        Self {
            min: (self.min.0.min(r), self.min.1.min(c)),
            max: (self.max.0.max(r), self.max.1.max(c)),
        }
    }

    /// `(rows, columns)` spanned.
    fn size(self) -> (u32, u32) {
        (self.max.0 - self.min.0 + 1, self.max.1 - self.min.1 + 1)
    }

    /// Refuses a sheet beyond the limits; `cells` counts the cells read so far (a damaged
    /// file may repeat one cell without end).
    fn check(self, cells: usize) -> Result<(), RosterError> {
        let (rows, cols) = self.size();
        let area = u64::from(rows) * u64::from(cols);
        if rows <= MAX_SHEET_ROWS
            && cols <= MAX_SHEET_COLUMNS
            && area <= MAX_SHEET_CELLS
            && (cells as u64) < MAX_SHEET_CELLS
        {
            return Ok(());
        }
        Err(RosterError::Spreadsheet(format!(
            "the first sheet spans {rows} rows × {cols} columns ({}:{}), more than a roster may \
             ({MAX_SHEET_ROWS} rows, {MAX_SHEET_COLUMNS} columns, {MAX_SHEET_CELLS} cells); \
             delete the stray cells far below or to the right of the table in Excel and save it again",
            cell_name(self.min),
            cell_name(self.max)
        )))
    }
}

/// A cell's name as Excel shows it: `(0, 0)` is A1, `(1048575, 16383)` is XFD1048576.
fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

fn first_sheet<RS, R>(book: &mut R) -> Result<calamine::Range<Data>, RosterError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    match book.worksheet_range_at(0) {
        Some(Ok(range)) => Ok(range),
        Some(Err(e)) => Err(unreadable(&e)),
        None => Err(RosterError::Empty),
    }
}

fn password_protected() -> RosterError {
    RosterError::Spreadsheet(
        "the workbook is password-protected; remove the password in Excel and save it again"
            .to_owned(),
    )
}

fn unreadable(e: &dyn std::fmt::Display) -> RosterError {
    RosterError::Spreadsheet(format!("{e}; open it in Excel and save it again as .xlsx"))
}

/// One cell as text. Integers print without exponent or `.0`; integers of 16 digits or more
/// are marked [`RawCell::LossyNumber`] because Excel has already rounded them.
fn convert(cell: &Data) -> RawCell {
    match cell {
        Data::Empty => RawCell::Text(String::new()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            RawCell::Text(clean_cell(s))
        }
        Data::Float(f) => float_cell(*f),
        Data::Int(i) => {
            if i.unsigned_abs() >= 1_000_000_000_000_000 {
                RawCell::LossyNumber(i.to_string())
            } else {
                RawCell::Text(i.to_string())
            }
        }
        Data::Bool(b) => RawCell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(dt) if dt.is_datetime() => RawCell::Text(excel_date(dt.as_f64())),
        Data::DateTime(dt) => RawCell::Text(dt.to_string()),
        Data::Error(e) => RawCell::Text(e.to_string()),
    }
}

fn float_cell(f: f64) -> RawCell {
    if f.is_finite() && f.fract() == 0.0 {
        let digits = format!("{f:.0}");
        if f.abs() >= EXACT_LIMIT {
            RawCell::LossyNumber(digits)
        } else {
            RawCell::Text(digits)
        }
    } else {
        RawCell::Text(f.to_string())
    }
}

/// A 1900-system serial date as `YYYY-MM-DD` (time of day dropped), or the number itself.
fn excel_date(serial: f64) -> String {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30);
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return serial.to_string();
    }
    epoch
        .and_then(|e| e.checked_add_days(Days::new(days as u64)))
        .map_or_else(|| serial.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use super::*;

    #[test]
    fn numbers_become_plain_digits() {
        assert_eq!(float_cell(2_024_001.0), RawCell::Text("2024001".into()));
        assert_eq!(
            float_cell(13_800_138_000.0),
            RawCell::Text("13800138000".into())
        );
        assert_eq!(float_cell(3.5), RawCell::Text("3.5".into()));
        assert_eq!(
            float_cell(1.101_051_949_123_1e17),
            RawCell::LossyNumber("110105194912310000".into())
        );
        assert!(matches!(
            convert(&Data::Int(110_105_194_912_310_021)),
            RawCell::LossyNumber(_)
        ));
        assert_eq!(
            convert(&Data::String(" '12 ".into())),
            RawCell::Text("12".into())
        );
    }

    #[test]
    fn serial_dates() {
        assert_eq!(excel_date(45_458.0), "2024-06-15");
        assert_eq!(excel_date(45_458.75), "2024-06-15");
    }

    #[test]
    fn cell_names_are_excel_names() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((9, 25)), "Z10");
        assert_eq!(cell_name((0, 26)), "AA1");
        assert_eq!(cell_name((1_048_575, 16_383)), "XFD1048576");
    }

    #[test]
    fn a_sheet_too_large_is_refused_by_its_extent() {
        let tall = Extent {
            min: (0, 0),
            max: (MAX_SHEET_ROWS, 3),
        };
        assert!(tall.check(2).is_err());
        let fits = Extent {
            min: (5, 0),
            max: (5 + 9_999, 19),
        };
        assert!(fits.check(1000).is_ok());
        assert!(
            fits.check(MAX_SHEET_CELLS as usize).is_err(),
            "endless cells"
        );
        let wide = Extent {
            min: (0, 0),
            max: (10, MAX_SHEET_COLUMNS),
        };
        assert!(wide.check(2).is_err());
        let area = Extent {
            min: (0, 0),
            max: (MAX_SHEET_ROWS - 1, 200),
        };
        assert!(area.check(2).is_err());
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        assert!(!is_spreadsheet(b"name,id\n"));
        assert!(matches!(
            read_rows(b"PK\x03\x04garbage"),
            Err(RosterError::Spreadsheet(_))
        ));
    }
}
