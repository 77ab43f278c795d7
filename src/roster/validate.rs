//! Row validation shared by the CSV and spreadsheet sources.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::domain::id_number::IdNumber;
use crate::domain::student::{DocumentType, Sex, Student};
use crate::i18n::{Localized, Msg};

use super::headers::{self, Field, HeaderMap};
use super::{ParsedRoster, RawCell, RawRow, RosterError, RosterRow, RowProblem};

const MAX_NAME_CHARS: usize = 50;
const MAX_CELL_CHARS: usize = 200;

/// Locates the header, then validates every non-empty row after it.
pub(crate) fn build(
    rows: Vec<RawRow>,
    encoding: &'static str,
) -> Result<ParsedRoster, RosterError> {
    let (map, start) = headers::locate(&rows)?;
    let mut out = ParsedRoster {
        rows: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        encoding,
    };
    if let Some(first) = rows
        .iter()
        .find(|r| !r.is_empty())
        .filter(|r| r.line < map.line)
    {
        out.warnings.push(RowProblem {
            line: first.line,
            column: None,
            message: Msg::new("roster-title-skipped").arg("line", map.line),
        });
    }
    out.warnings.extend(map.warnings());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut data_rows = 0usize;
    for row in rows.into_iter().skip(start).filter(|r| !r.is_empty()) {
        let mut check = RowCheck {
            row: &row,
            map: &map,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        if check.is_repeated_header() {
            check.warn(None, Msg::new("roster-repeated-header"));
        } else {
            data_rows += 1;
            if let Some(student) = check.student(&mut seen) {
                out.rows.push(RosterRow {
                    line: row.line,
                    student,
                });
            }
        }
        out.errors.append(&mut check.errors);
        out.warnings.append(&mut check.warnings);
    }
    if data_rows == 0 {
        return Err(RosterError::Empty);
    }
    Ok(out)
}

struct RowCheck<'a> {
    row: &'a RawRow,
    map: &'a HeaderMap,
    errors: Vec<RowProblem>,
    warnings: Vec<RowProblem>,
}

impl RowCheck<'_> {
    fn cell(&self, field: Field) -> Option<&RawCell> {
        self.map.column(field).and_then(|i| self.row.cells.get(i))
    }

    fn text(&self, field: Field) -> &str {
        self.cell(field).map_or("", RawCell::text)
    }

    fn optional(&self, field: Field) -> Option<String> {
        Some(self.text(field))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    fn problem(&self, field: Option<Field>, message: Msg) -> RowProblem {
        let column = field.and_then(|f| self.map.header(f)).map(str::to_owned);
        RowProblem {
            line: self.row.line,
            column,
            message,
        }
    }

    fn error(&mut self, field: Field, message: Msg) {
        let p = self.problem(Some(field), message);
        self.errors.push(p);
    }

    fn warn(&mut self, field: Option<Field>, message: Msg) {
        let p = self.problem(field, message);
        self.warnings.push(p);
    }

    fn is_repeated_header(&self) -> bool {
        self.map.header(Field::Name) == Some(self.text(Field::Name))
            && self.map.header(Field::IdNumber) == Some(self.text(Field::IdNumber))
    }

    /// Validates the row; `None` when it has errors. `seen` maps ID numbers to first lines.
    fn student(&mut self, seen: &mut HashMap<String, usize>) -> Option<Student> {
        for field in Field::ALL.into_iter().filter(|f| *f != Field::Name) {
            let n = self.text(field).chars().count();
            if n > MAX_CELL_CHARS {
                self.error(
                    field,
                    Msg::new("roster-cell-too-long")
                        .arg("chars", n)
                        .arg("max", MAX_CELL_CHARS),
                );
            }
        }
        let name = self.name();
        let doc_type = DocumentType::parse_cell(self.text(Field::DocType));
        let id = self.id_number(&doc_type);
        if let Some((number, _)) = &id {
            match seen.entry(number.clone()) {
                Entry::Occupied(first) => {
                    let message = Msg::new("roster-duplicate-id").arg("first", *first.get());
                    self.error(Field::IdNumber, message);
                }
                Entry::Vacant(slot) => {
                    slot.insert(self.row.line);
                }
            }
        }
        let sex = self.sex(id.as_ref().and_then(|(_, s)| *s));
        let (Some(name), Some((id_number, _)), true) = (name, id, self.errors.is_empty()) else {
            return None;
        };
        Some(Student {
            name,
            id_number,
            doc_type,
            student_no: self.optional(Field::StudentNo),
            school: self.optional(Field::School),
            degree: self.optional(Field::Degree),
            programme: self.optional(Field::Programme),
            sex,
            phone: self.optional(Field::Phone),
            mailing_batch: self.optional(Field::MailingBatch),
        })
    }

    fn name(&mut self) -> Option<String> {
        let raw = self.text(Field::Name);
        let chars = raw.chars().count();
        let message = if raw.is_empty() {
            Msg::new("roster-name-missing")
        } else if raw.starts_with(['=', '+', '-', '@']) {
            Msg::new("roster-name-formula")
        } else if chars > MAX_NAME_CHARS {
            Msg::new("roster-name-too-long")
                .arg("chars", chars)
                .arg("max", MAX_NAME_CHARS)
        } else if raw.contains('\u{FFFD}') {
            Msg::new("roster-name-undecodable")
        } else if raw.chars().any(char::is_control) {
            Msg::new("roster-name-control")
        } else {
            return Some(tidy_name(raw));
        };
        self.error(Field::Name, message);
        None
    }

    /// The normalised document number and, for mainland IDs, the sex it encodes.
    fn id_number(&mut self, doc_type: &DocumentType) -> Option<(String, Option<Sex>)> {
        let cell = self.cell(Field::IdNumber).cloned();
        let message = match cell {
            None => Msg::new("roster-id-missing"),
            Some(RawCell::Text(t)) if t.is_empty() => Msg::new("roster-id-missing"),
            Some(RawCell::LossyNumber(_)) => Msg::new("roster-id-lost-digits"),
            Some(RawCell::Text(t)) if *doc_type != DocumentType::MainlandId => {
                return Some((t.to_uppercase(), None));
            }
            Some(RawCell::Text(t)) if looks_scientific(&t) => Msg::new("roster-id-lost-digits"),
            Some(RawCell::Text(t)) => match IdNumber::parse(&normalise_mainland(&t)) {
                Ok(id) => return Some((id.as_str().to_owned(), Some(id.sex()))),
                Err(_) if t.len() == 15 && t.bytes().all(|b| b.is_ascii_digit()) => {
                    Msg::new("roster-id-old-number")
                }
                Err(e) => Msg::new("roster-id-invalid").arg("why", e.msg()),
            },
        };
        self.error(Field::IdNumber, message);
        None
    }

    /// Sex from the ID number when there is one (warning if the column disagrees), else
    /// from the column.
    fn sex(&mut self, from_id: Option<Sex>) -> Option<Sex> {
        let raw = self.text(Field::Sex).to_owned();
        let from_column = if raw.is_empty() {
            None
        } else {
            let parsed = Sex::parse_cell(&raw);
            if parsed.is_none() {
                self.warn(
                    Some(Field::Sex),
                    Msg::new("roster-sex-unknown").arg("value", &raw),
                );
            }
            parsed
        };
        match (from_id, from_column) {
            (Some(id_sex), Some(col_sex)) if id_sex != col_sex => {
                let message = Msg::new("roster-sex-mismatch")
                    .arg("value", &raw)
                    .arg("sex", Msg::new("sex").arg("sex", id_sex.code()));
                self.warn(Some(Field::Sex), message);
                Some(id_sex)
            }
            (Some(id_sex), _) => Some(id_sex),
            (None, col) => col,
        }
    }
}

/// `1.10105E+17`: what Excel writes to CSV for a long number in a General-format column.
fn looks_scientific(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// Removes spaces and maps full-width digits and look-alikes of `X` (Ｘ, ×) to ASCII.
fn normalise_mainland(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            'Ｘ' | 'ｘ' | '×' => 'X',
            _ => c,
        })
        .collect()
}

/// Registrars pad two-character Chinese names for alignment (`张　三`); remove spaces from
/// names written only in Chinese characters. Other names keep their spaces.
fn tidy_name(name: &str) -> String {
    let han = |c: char| matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF);
    if name.chars().all(|c| c.is_whitespace() || han(c)) {
        name.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use super::*;

    #[test]
    fn scientific_notation_is_spotted() {
        assert!(looks_scientific("1.10105E+17"));
        assert!(looks_scientific("1.10105e17"));
        assert!(!looks_scientific("E12345678"));
        assert!(!looks_scientific("11010519491231002X"));
    }

    #[test]
    fn mainland_numbers_are_normalised() {
        assert_eq!(
            normalise_mainland(" １１０１０５ 19491231002ｘ"),
            "11010519491231002X"
        );
        assert_eq!(
            normalise_mainland("11010519491231002×"),
            "11010519491231002X"
        );
    }

    #[test]
    fn padded_chinese_names_are_closed_up() {
        assert_eq!(tidy_name("张\u{3000}三"), "张三");
        assert_eq!(tidy_name("John Smith"), "John Smith");
        assert_eq!(tidy_name("阿依古丽·买买提"), "阿依古丽·买买提");
    }
}
