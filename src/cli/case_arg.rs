//! Naming a case on the command line: by case id, or by the student's ID number.

use crate::i18n::{Msg, MsgContext};
use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::store::Store;

/// `--case ID` or `--id-number NUMBER` (one of them).
#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct CaseArg {
    /// Case id (`queue --json` shows `case_id`)
    #[arg(long = "case", value_name = "ID")]
    pub case_id: Option<i64>,
    /// The student's ID number, when only one campaign has a case for it
    #[arg(long, value_name = "NUMBER")]
    pub id_number: Option<String>,
}

impl CaseArg {
    /// The case id, looking the ID number up when that was given.
    pub fn resolve(&self, store: &Store) -> Result<i64> {
        match (&self.case_id, &self.id_number) {
            (Some(id), _) => Ok(*id),
            (None, Some(n)) => store
                .case_id_for(n.trim())
                .ctx(Msg::new("cli-cannot-find-case")),
            (None, None) => Err(Msg::new("cli-say-case").into()),
        }
    }
}

/// Parses an RFC 3339 time with its offset, e.g. `2026-12-01T18:00:00+08:00`.
pub fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .with_ctx(|| Msg::new("cli-bad-time").arg("value", text))
}
