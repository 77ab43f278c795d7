//! Delimited text rosters: encoding detection, delimiter sniffing, records with line numbers.

use std::borrow::Cow;

use encoding_rs::{Encoding, GBK, UTF_8};

use super::{RawCell, RawRow, RosterError, clean_cell};

/// Decodes `bytes` and splits them into cleaned rows (empty rows included; the caller skips
/// them). Returns the rows and the name of the encoding used.
pub(crate) fn read_rows(bytes: &[u8]) -> Result<(Vec<RawRow>, &'static str), RosterError> {
    let (text, encoding) = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let lines = LineIndex::new(&text);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(rows.len() + 1, |p| lines.line_of(to_usize(p.byte())));
                let cells = record
                    .iter()
                    .map(|c| RawCell::Text(clean_cell(c)))
                    .collect();
                rows.push(RawRow { line, cells });
            }
            Ok(false) => break,
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| format!(" near line {}", p.line()))
                    .unwrap_or_default();
                return Err(RosterError::UnsupportedFormat(format!(
                    "the file could not be read as CSV{at}: {e}"
                )));
            }
        }
    }
    if rows.iter().all(RawRow::is_empty) {
        return Err(RosterError::Empty);
    }
    Ok((rows, encoding))
}

/// Maps byte offsets to 1-based line numbers. The csv crate skips blank lines but reports
/// a record's position from the start of those blank lines, so they are skipped here too.
struct LineIndex<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let newlines = (0..bytes.len()).filter(|&i| bytes[i] == b'\n').collect();
        Self { bytes, newlines }
    }

    fn line_of(&self, mut byte: usize) -> usize {
        while matches!(self.bytes.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        self.newlines.partition_point(|&n| n < byte) + 1
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// UTF-16 when a UTF-16 byte-order mark says so; UTF-8 (BOM stripped) when the bytes are
/// valid UTF-8; otherwise GBK, whose decoder accepts the whole of GB 18030.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes)
        && enc != UTF_8
    {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, "UTF-16");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (
            Cow::Borrowed(text.strip_prefix('\u{FEFF}').unwrap_or(text)),
            "UTF-8",
        );
    }
    // Undecodable bytes become U+FFFD; names holding one are refused during validation.
    let (text, _) = GBK.decode_without_bom_handling(bytes);
    (text, "GBK")
}

/// Comma unless the first non-empty line has more tabs or semicolons.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use super::*;

    fn texts(rows: &[RawRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(RawCell::text).collect())
            .collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (rows, enc) = read_rows("姓名,学号\n张三,1\n".as_bytes()).unwrap();
        assert_eq!(enc, "UTF-8");
        assert_eq!(texts(&rows), vec![vec!["姓名", "学号"], vec!["张三", "1"]]);
        let (rows, enc) = read_rows("\u{FEFF}姓名,学号\n张三,1\n".as_bytes()).unwrap();
        assert_eq!(enc, "UTF-8");
        assert_eq!(texts(&rows)[0], vec!["姓名", "学号"]);
    }

    #[test]
    fn gbk_and_gb18030() {
        let (bytes, _, _) = GBK.encode("姓名,学号\r\n王喆,1\r\n");
        let (rows, enc) = read_rows(&bytes).unwrap();
        assert_eq!(enc, "GBK");
        assert_eq!(texts(&rows)[1], vec!["王喆", "1"]);
        // 䶮 (CJK extension A) needs GB 18030's four-byte form.
        let (bytes, _, _) = encoding_rs::GB18030.encode("姓名\n刘䶮\n");
        let (rows, _) = read_rows(&bytes).unwrap();
        assert_eq!(texts(&rows)[1], vec!["刘䶮"]);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "姓名\t学号\r\n张三\t1\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (rows, enc) = read_rows(&bytes).unwrap();
        assert_eq!(enc, "UTF-16");
        assert_eq!(texts(&rows)[1], vec!["张三", "1"]);
    }

    #[test]
    fn line_numbers_follow_the_file() {
        let (rows, _) = read_rows(b"a,b\n\n\"x\ny\",2\nz,3\n").unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        // The blank line is skipped; a quoted line break keeps the record's first line.
        assert_eq!(lines, vec![1, 3, 5]);
        let (rows, _) = read_rows(b"a\r\n\r\n\r\nb\r\n").unwrap();
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("姓名\t身份证号\t学号,x"), b'\t');
        assert_eq!(sniff_delimiter("\n姓名;身份证号;学号"), b';');
        assert_eq!(sniff_delimiter("姓名,身份证号"), b',');
    }

    #[test]
    fn blank_file_is_empty() {
        assert!(matches!(read_rows(b"\n , \n"), Err(RosterError::Empty)));
        assert!(matches!(read_rows(b""), Err(RosterError::Empty)));
    }
}
