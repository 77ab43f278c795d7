//! Importing a roster file into a campaign: all rows or none (unless the caller asks to skip
//! the invalid ones). Shared by `import-roster` and the GUI's File menu.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::campaign::Campaign;
use crate::domain::lang::Lang;
use crate::domain::role::Actor;
use crate::i18n::Msg;
use crate::roster::{RosterError, RowProblem, parse_roster_file};
use crate::store::{CampaignId, Store, StoreError};

/// Where the students go: a campaign that exists, or one to create once the roster is valid
/// (so a refused roster leaves no empty campaign behind).
#[derive(Debug, Clone)]
pub enum ImportTarget {
    Existing(CampaignId),
    New(Box<Campaign>),
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    pub imported: usize,
    /// Of those, students collected offline (never queued).
    pub offline: usize,
    /// Rows left out because they had errors (only with `skip_invalid`).
    pub skipped: usize,
    pub warnings: Vec<RowProblem>,
    pub errors: Vec<RowProblem>,
    /// How the file was read (`UTF-8`, `GBK`, `xlsx`…).
    pub encoding: &'static str,
}

#[derive(Debug)]
pub enum ImportError {
    Roster(RosterError),
    Store(StoreError),
    RowErrors {
        errors: Vec<RowProblem>,
        warnings: Vec<RowProblem>,
        bad_rows: usize,
        valid: usize,
    },
}

impl crate::i18n::Localized for ImportError {
    fn msg(&self) -> crate::i18n::Msg {
        match self {
            Self::Roster(e) => e.msg(),
            Self::Store(e) => e.msg(),
            Self::RowErrors {
                bad_rows, valid, ..
            } => crate::i18n::Msg::new("import-row-errors")
                .arg("bad", *bad_rows)
                .arg("valid", *valid),
        }
    }
}

crate::english_display!(ImportError);

impl From<RosterError> for ImportError {
    fn from(e: RosterError) -> Self {
        Self::Roster(e)
    }
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

/// One problem as a line for people: `第 7 行（身份证号）：…` / `line 7 (身份证号): …`.
pub fn describe(p: &RowProblem, lang: Lang) -> String {
    let m = match &p.column {
        Some(col) => Msg::new("roster-problem-in-column").arg("column", col),
        None => Msg::new("roster-problem"),
    };
    m.arg("line", p.line)
        .arg("text", p.message.clone())
        .render(lang)
}

/// Parses `path` and adds its students to `campaign` in one transaction. Rows whose ID number
/// is already on the campaign's roster count as errors.
pub fn import_roster(
    store: &mut Store,
    target: ImportTarget,
    path: &Path,
    skip_invalid: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ImportOutcome, ImportError> {
    let parsed = parse_roster_file(path)?;
    let mut errors = parsed.errors.clone();
    let ids: Vec<&str> = parsed
        .rows
        .iter()
        .map(|r| r.student.id_number.as_str())
        .collect();
    let existing = match &target {
        ImportTarget::Existing(campaign) => store.existing_id_numbers(*campaign, &ids)?,
        ImportTarget::New(_) => HashSet::default(),
    };
    for row in parsed
        .rows
        .iter()
        .filter(|r| existing.contains(&r.student.id_number))
    {
        errors.push(RowProblem {
            line: row.line,
            column: None,
            message: Msg::new("roster-already-on-roster").arg("id", &row.student.id_number),
        });
    }
    errors.sort_by_key(|e| e.line);
    let bad_lines: HashSet<usize> = errors.iter().map(|e| e.line).collect();
    let students: Vec<_> = parsed
        .rows
        .iter()
        .filter(|r| !bad_lines.contains(&r.line))
        .map(|r| r.student.clone())
        .collect();
    if !errors.is_empty() && !skip_invalid {
        return Err(ImportError::RowErrors {
            errors,
            warnings: parsed.warnings,
            bad_rows: bad_lines.len(),
            valid: students.len(),
        });
    }
    let campaign = match target {
        ImportTarget::Existing(id) => id,
        ImportTarget::New(c) => store.create_campaign(actor, &c, now)?,
    };
    let source = path.display().to_string();
    let imported = store.insert_students(actor, campaign, &students, &source, now)?;
    Ok(ImportOutcome {
        imported,
        offline: students
            .iter()
            .filter(|s| s.doc_type.collected_offline())
            .count(),
        skipped: bad_lines.len(),
        warnings: parsed.warnings,
        errors,
        encoding: parsed.encoding,
    })
}
