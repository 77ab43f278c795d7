//! Header recognition: registrars name the same column many ways (姓名 / 学生姓名 / Name …).

use super::{RawRow, RosterError, RowProblem};
use crate::i18n::Msg;

/// A roster column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    IdNumber,
    DocType,
    StudentNo,
    School,
    Degree,
    Programme,
    Sex,
    Phone,
    MailingBatch,
}

impl Field {
    pub const ALL: [Self; 10] = [
        Self::Name,
        Self::IdNumber,
        Self::DocType,
        Self::StudentNo,
        Self::School,
        Self::Degree,
        Self::Programme,
        Self::Sex,
        Self::Phone,
        Self::MailingBatch,
    ];

    /// Accepted header names, already in [`normalise`]d form.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Name => &["姓名", "学生姓名", "name", "studentname"],
            Self::IdNumber => &[
                "证件号码",
                "身份证号",
                "身份证号码",
                "证件号",
                "公民身份号码",
                "身份证件号",
                "身份证件号码",
                "idnumber",
                "id",
                "idno",
            ],
            Self::DocType => &["证件类型", "documenttype", "doctype", "idtype"],
            Self::StudentNo => &["学号", "studentnumber", "studentno"],
            Self::School => &["学院", "院系", "school", "faculty"],
            Self::Degree => &["培养层次", "学历层次", "学位类型", "degree", "level"],
            Self::Programme => &["专业", "programme", "program", "major"],
            Self::Sex => &["性别", "sex", "gender"],
            Self::Phone => &["手机号码", "手机号", "联系电话", "电话", "phone", "mobile"],
            Self::MailingBatch => &["邮寄批次", "批次", "mailingbatch", "batch"],
        }
    }

    /// How a missing required column is named in [`RosterError::MissingColumns`].
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name (姓名)",
            Self::IdNumber => "ID number (证件号码/身份证号)",
            Self::DocType => "document type (证件类型)",
            Self::StudentNo => "student number (学号)",
            Self::School => "school (学院)",
            Self::Degree => "degree (培养层次)",
            Self::Programme => "programme (专业)",
            Self::Sex => "sex (性别)",
            Self::Phone => "phone (手机号码)",
            Self::MailingBatch => "mailing batch (邮寄批次)",
        }
    }

    /// Recognises a header cell, e.g. `" 身份证号 "`, `"Student No"`, `"姓名（必填）"`.
    pub fn from_header(header: &str) -> Option<Self> {
        let lookup = |s: &str| {
            let n = normalise(s);
            Self::ALL
                .into_iter()
                .find(|f| f.aliases().contains(&n.as_str()))
        };
        let (outside, inside) = split_brackets(header);
        lookup(header)
            .or_else(|| lookup(&outside))
            .or_else(|| inside.iter().find_map(|s| lookup(s)))
    }
}

const OPEN: &[char] = &['(', '（', '[', '【', '〔', '<', '《'];
const CLOSE: &[char] = &[')', '）', ']', '】', '〕', '>', '》'];

/// Lower-case, without spaces, underscores, hyphens, required-marks (`*`), colons or brackets.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-' | '*' | '＊' | ':' | '：' | '.' | '\u{200B}' | '\u{FEFF}'
                )
                && !OPEN.contains(c)
                && !CLOSE.contains(c)
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits `"姓名（必填）"` into the text outside brackets and each bracketed part.
fn split_brackets(s: &str) -> (String, Vec<String>) {
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut depth = 0usize;
    for c in s.chars() {
        if OPEN.contains(&c) {
            if depth == 0 {
                inside.push(String::new());
            }
            depth += 1;
        } else if CLOSE.contains(&c) && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            outside.push(c);
        } else if let Some(last) = inside.last_mut() {
            last.push(c);
        }
    }
    (outside, inside)
}

/// Which column holds which field.
#[derive(Debug, Clone)]
pub(crate) struct HeaderMap {
    /// Line of the header row.
    pub line: usize,
    /// Header cells as written in the file (trimmed).
    headers: Vec<String>,
    columns: [Option<usize>; Field::ALL.len()],
    /// Non-empty headers that map to no field.
    unknown: Vec<String>,
    /// Headers naming a field an earlier column already holds.
    repeated: Vec<String>,
}

impl HeaderMap {
    fn from_row(row: &RawRow) -> Self {
        let headers: Vec<String> = row.cells.iter().map(|c| c.text().to_owned()).collect();
        let mut columns = [None; Field::ALL.len()];
        let (mut unknown, mut repeated) = (Vec::new(), Vec::new());
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            match Field::from_header(h) {
                Some(f) if columns[f as usize].is_none() => columns[f as usize] = Some(i),
                Some(_) => repeated.push(h.clone()),
                None => unknown.push(h.clone()),
            }
        }
        Self {
            line: row.line,
            headers,
            columns,
            unknown,
            repeated,
        }
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field as usize]
    }

    /// The header of `field`'s column as written in the file.
    pub fn header(&self, field: Field) -> Option<&str> {
        self.column(field)
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
    }

    fn missing_required(&self) -> Vec<&'static str> {
        [Field::Name, Field::IdNumber]
            .into_iter()
            .filter(|f| self.column(*f).is_none())
            .map(Field::label)
            .collect()
    }

    /// Warnings about the header row itself: ignored columns.
    pub fn warnings(&self) -> Vec<RowProblem> {
        let mut out = Vec::new();
        let mut warn = |message: Msg| {
            out.push(RowProblem {
                line: self.line,
                column: None,
                message,
            });
        };
        if !self.unknown.is_empty() {
            warn(Msg::new("roster-columns-unknown").arg("columns", self.unknown.join(", ")));
        }
        if !self.repeated.is_empty() {
            warn(Msg::new("roster-columns-repeated").arg("columns", self.repeated.join(", ")));
        }
        out
    }
}

/// How many non-empty rows may precede the header (a title such as "2024届毕业生名单").
const MAX_TITLE_ROWS: usize = 5;

/// Finds the header row: the first non-empty row, or, when that row lacks the required
/// columns, one of the next few rows that has them (title rows above the table are common).
/// Returns the header map and the index in `rows` of the first row after the header.
pub(crate) fn locate(rows: &[RawRow]) -> Result<(HeaderMap, usize), RosterError> {
    let mut first: Option<HeaderMap> = None;
    for (i, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .take(MAX_TITLE_ROWS + 1)
    {
        let map = HeaderMap::from_row(row);
        if map.missing_required().is_empty() {
            return Ok((map, i + 1));
        }
        first.get_or_insert(map);
    }
    let first = first.ok_or(RosterError::Empty)?;
    Err(RosterError::MissingColumns {
        missing: first.missing_required(),
        found: first
            .headers
            .iter()
            .filter(|h| !h.is_empty())
            .take(MAX_FOUND_SHOWN)
            .map(|h| shorten(h))
            .collect(),
    })
}

/// The error lists at most this many of the columns found, each cut to a readable length:
/// a wrong file can have thousands of "columns" of noise.
const MAX_FOUND_SHOWN: usize = 12;
const MAX_HEADER_SHOWN: usize = 30;

fn shorten(h: &str) -> String {
    if h.chars().count() > MAX_HEADER_SHOWN {
        format!("{}…", h.chars().take(MAX_HEADER_SHOWN).collect::<String>())
    } else {
        h.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use super::*;
    use crate::roster::RawCell;

    #[test]
    fn chinese_and_english_variants() {
        for (h, f) in [
            ("姓名", Field::Name),
            (" 学生姓名 ", Field::Name),
            ("Student Name", Field::Name),
            ("身份证号", Field::IdNumber),
            ("公民身份号码", Field::IdNumber),
            ("ID_Number", Field::IdNumber),
            ("ID", Field::IdNumber),
            ("证件类型", Field::DocType),
            ("student_no", Field::StudentNo),
            ("院系", Field::School),
            ("学历层次", Field::Degree),
            ("Major", Field::Programme),
            ("性别", Field::Sex),
            ("联系电话", Field::Phone),
            ("Mailing Batch", Field::MailingBatch),
            ("姓名（必填）", Field::Name),
            ("*身份证号码", Field::IdNumber),
            ("Name (姓名)", Field::Name),
            ("证件号码(身份证)", Field::IdNumber),
            ("【学号】", Field::StudentNo),
        ] {
            assert_eq!(Field::from_header(h), Some(f), "{h}");
        }
        assert_eq!(Field::from_header("序号"), None);
        assert_eq!(Field::from_header("备注"), None);
    }

    fn row(line: usize, cells: &[&str]) -> RawRow {
        RawRow {
            line,
            cells: cells
                .iter()
                .map(|c| RawCell::Text((*c).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let rows = [
            row(1, &["2024届毕业生名单", ""]),
            row(2, &["姓名", "身份证号", "序号"]),
        ];
        let (map, next) = locate(&rows).unwrap();
        assert_eq!((map.line, next), (2, 2));
        assert_eq!(map.header(Field::IdNumber), Some("身份证号"));
        assert_eq!(map.warnings().len(), 1);
    }

    #[test]
    fn repeated_fields_keep_the_first_column() {
        let rows = [row(1, &["姓名", "学生姓名", "身份证号"])];
        let (map, _) = locate(&rows).unwrap();
        assert_eq!(map.header(Field::Name), Some("姓名"));
        let w = map.warnings();
        assert!(
            w.len() == 1
                && w[0]
                    .message
                    .render(crate::domain::lang::Lang::En)
                    .contains("repeat an earlier column and were ignored: 学生姓名"),
            "{w:?}"
        );
    }

    #[test]
    fn missing_required_columns_are_listed_with_what_was_found() {
        let rows = [row(1, &["学号", "姓名"]), row(2, &["1", "张三"])];
        match locate(&rows) {
            Err(RosterError::MissingColumns { missing, found }) => {
                assert_eq!(missing, vec![Field::IdNumber.label()]);
                assert_eq!(found, vec!["学号", "姓名"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
