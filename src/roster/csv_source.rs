//! Delimited text rosters: encoding detection, delimiter sniffing, records with line numbers.

use std::borrow::Cow;

use encoding_rs::{Encoding, GBK, UTF_8};

use super::{RawCell, RawRow, RosterError, clean_cell};

/// Decodes `bytes` and splits them into cleaned rows (empty rows included; the caller skips
/// them). Returns the rows and the name of the encoding used.
pub(crate) fn read_rows(bytes: &[u8]) -> Result<(Vec<RawRow>, &'static str), RosterError> {
    let (text, encoding) = decode(bytes);
    if looks_binary(&text) {
        return Err(RosterError::UnsupportedFormat(
            "the file is neither a spreadsheet nor a text table (it holds binary data; a damaged \
             download or another kind of file?)"
                .to_owned(),
        ));
    }
    let delimiter = sniff_delimiter(&text);
    if let Some(line) = unclosed_quote(&text, delimiter) {
        return Err(RosterError::UnsupportedFormat(format!(
            "a quote (\") opened on line {line} is never closed, so the rest of the file would \
             be read as one cell; close the quote and import again"
        )));
    }
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
        // A lone CR (classic Mac files) ends a record for the csv reader, so it ends a line here
        // too; otherwise two records would share one line number.
        let newlines = (0..bytes.len())
            .filter(|&i| {
                bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            })
            .collect();
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
    // A UTF-8 BOM in front of GBK text (some converters add one blindly) is not a character.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, _) = GBK.decode_without_bom_handling(body);
    (text, "GBK")
}

/// Text whose characters are more than 5 % undecodable or control characters (other than
/// tab and line breaks) is not a roster; one stray character in a name is left to validation.
fn looks_binary(text: &str) -> bool {
    let (mut total, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\r' | '\n')) {
            odd += 1;
        }
    }
    odd > 2 && odd * 20 > total
}

/// The line of a quote that opens a cell and is never closed (the csv reader would silently
/// swallow the rest of the file into that cell), following the reader's rules: a quote opens
/// only at the start of a cell, and `""` inside a quoted cell is a literal quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let delimiter = char::from(delimiter);
    let (mut line, mut opened_on) = (1, None);
    let (mut in_quotes, mut at_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
        } else if c == '"' && at_start {
            in_quotes = true;
            opened_on = Some(line);
        }
        if c == '\n' {
            line += 1;
        }
        at_start = !in_quotes && (c == delimiter || c == '\n' || c == '\r');
    }
    if in_quotes { opened_on } else { None }
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

    #[test]
    fn binary_data_is_refused_as_a_whole() {
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let err = read_rows(&noise).unwrap_err().to_string();
        assert!(err.contains("binary data"), "{err}");
        // One stray control character is a row problem, not a binary file.
        assert!(read_rows("姓名,证件号码\n张\u{0}三,1\n".as_bytes()).is_ok());
    }

    #[test]
    fn unclosed_quote_is_reported_with_its_line() {
        assert_eq!(unclosed_quote("a,b\n\"x,1\ny,2\n", b','), Some(2));
        assert_eq!(unclosed_quote("a,b\n\"x\"\"y\",1\n", b','), None);
        assert_eq!(unclosed_quote("a,b\nsay \"hi,1\n", b','), None);
        assert_eq!(unclosed_quote("a\tb\n\"multi\nline\"\t1\n", b'\t'), None);
        let err = read_rows("姓名,证件号码\n\"张三,1\n李四,2\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn gbk_behind_a_utf8_bom_is_read_as_gbk() {
        let (text, _, _) = GBK.encode("姓名,证件号码\n张三,1\n");
        let bytes = [b"\xEF\xBB\xBF".as_slice(), &text].concat();
        let (rows, enc) = read_rows(&bytes).unwrap();
        assert_eq!(enc, "GBK");
        assert_eq!(texts(&rows)[0], ["姓名", "证件号码"]);
    }

    #[test]
    fn lone_carriage_returns_number_lines() {
        let (rows, _) = read_rows(b"a,b\rc,d\r\re,f\r\ng,h\n").unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
    }
}
