//! Roster rows.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::StoreResult;
use super::model::CampaignId;
use super::time::to_db;
use super::users::verify_actor;
use crate::domain::role::{Action, Actor};
use crate::domain::student::{DocumentType, Sex, Student};

const STUDENT_FIELDS: [&str; 10] = [
    "name",
    "id_number",
    "doc_type",
    "student_no",
    "school",
    "degree",
    "programme",
    "sex",
    "phone",
    "mailing_batch",
];

/// Whether a query may read the students' contact data (their phone numbers): only the
/// supervisors' screens do. A reviewer's database role may not read that column on
/// `PostgreSQL`, so the review screen's queries leave it out on both backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Contact {
    Included,
    Withheld,
}

/// The columns [`student_from_row`] reads, qualified by a table alias; a withheld phone
/// number reads as none.
pub(super) fn student_columns(alias: &str, contact: Contact) -> String {
    STUDENT_FIELDS
        .map(|f| match (f, contact) {
            ("phone", Contact::Withheld) => "CAST(NULL AS TEXT)".to_owned(),
            _ => format!("{alias}.{f}"),
        })
        .join(", ")
}

impl Store {
    /// Adds roster rows to a campaign in one transaction: all rows or none.
    /// Callers check [`Store::existing_id_numbers`] first; a duplicate aborts the whole import.
    /// `by`'s account is re-read in the transaction and must be enabled.
    pub fn insert_students(
        &mut self,
        by: &Actor,
        campaign: CampaignId,
        students: &[Student],
        source: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, by, Action::ImportRoster)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO students (campaign_id, name, id_number, doc_type, student_no, school,
                     degree, programme, sex, phone, mailing_batch, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for s in students {
                stmt.execute(params![
                    campaign.0,
                    s.name,
                    s.id_number,
                    s.doc_type.code(),
                    s.student_no,
                    s.school,
                    s.degree,
                    s.programme,
                    s.sex.map(Sex::code),
                    s.phone,
                    s.mailing_batch,
                    to_db(now)
                ])?;
            }
        }
        let offline = students
            .iter()
            .filter(|s| s.doc_type.collected_offline())
            .count();
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: "roster.imported",
                campaign_id: Some(campaign.0),
                case_id: None,
                submission_id: None,
                detail: serde_json::json!({ "source": source, "rows": students.len(), "offline": offline }),
            },
        )?;
        tx.commit()?;
        Ok(students.len())
    }

    /// Which of `id_numbers` are already on the campaign's roster.
    pub fn existing_id_numbers(
        &self,
        campaign: CampaignId,
        id_numbers: &[&str],
    ) -> StoreResult<HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM students WHERE campaign_id = ?1 AND id_number = ?2")?;
        let mut found = HashSet::new();
        for id in id_numbers {
            if stmt.exists(params![campaign.0, id])? {
                found.insert((*id).to_owned());
            }
        }
        Ok(found)
    }

    /// Number of roster rows in a campaign.
    pub fn student_count(&self, campaign: CampaignId) -> StoreResult<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM students WHERE campaign_id = ?1",
            [campaign.0],
            |r| r.get(0),
        )?)
    }
}

/// Reads the [`student_columns`] starting at column `at`.
pub(super) fn student_from_row(r: &Row, at: usize) -> DbResult<Student> {
    Ok(Student {
        name: r.get(at)?,
        id_number: r.get(at + 1)?,
        doc_type: DocumentType::from_code(&r.get::<_, String>(at + 2)?),
        student_no: r.get(at + 3)?,
        school: r.get(at + 4)?,
        degree: r.get(at + 5)?,
        programme: r.get(at + 6)?,
        sex: r
            .get::<_, Option<String>>(at + 7)?
            .as_deref()
            .and_then(Sex::from_code),
        phone: r.get(at + 8)?,
        mailing_batch: r.get(at + 9)?,
    })
}
