//! CSV that is safe to open in Excel: formula injection neutralised, UTF-8 with a BOM.
//!
//! Every CSV the product writes goes through [`SafeCsv`]. A cell that a spreadsheet would
//! read as a formula (`=HYPERLINK(...)`, `+1`, `-1`, `@SUM`, or one starting with a tab or
//! carriage return) gets a leading `'`, which Excel and `LibreOffice` show as text. The BOM makes
//! Excel on Chinese Windows read the file as UTF-8 instead of GBK.

use std::borrow::Cow;
use std::io::Write;

/// The UTF-8 byte-order mark Excel looks for.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as text a spreadsheet will not evaluate.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV writer that writes the BOM first and neutralises every cell.
pub struct SafeCsv<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> SafeCsv<W> {
    /// Writes the BOM and returns a writer for the rows.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(UTF8_BOM)?;
        Ok(Self {
            inner: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
        })
    }

    /// Writes one row (the header is a row like any other).
    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.inner.write_record(&cells)
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> std::io::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| std::io::Error::other(e.error().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_quote() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\tcmd",
            "\r=1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn ordinary_cells_are_untouched() {
        for cell in ["张三", "11010519491231002X", "a=b", "", "'quoted", " =1"] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    #[test]
    fn writer_puts_bom_first_and_quotes_formulas() {
        let mut w = SafeCsv::new(Vec::new()).unwrap();
        w.row(["name", "note"]).unwrap();
        w.row(["=HYPERLINK(\"http://x\",\"y\")", "a,b"]).unwrap();
        let bytes = w.finish().unwrap();
        assert!(bytes.starts_with(UTF8_BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(
            text,
            "name,note\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"a,b\"\r\n"
        );
    }
}
