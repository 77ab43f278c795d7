//! Spreadsheet rosters (XLSX / XLSM / XLS) via calamine: first sheet, cells to text.

use std::io::Cursor;

use calamine::{Data, Reader, Xls, Xlsx, XlsxError, open_workbook_from_rs};
use chrono::{Days, NaiveDate};

use super::{RawCell, RawRow, RosterError, clean_cell};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Excel keeps 15 significant digits: an integer this large may have lost its last digits.
const EXACT_LIMIT: f64 = 1e15;

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
        (first_sheet(&mut book)?, "xlsx")
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
    fn garbage_is_not_a_workbook() {
        assert!(!is_spreadsheet(b"name,id\n"));
        assert!(matches!(
            read_rows(b"PK\x03\x04garbage"),
            Err(RosterError::Spreadsheet(_))
        ));
    }
}
