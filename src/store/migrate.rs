//! `migrate`: a studio's `SQLite` database copied into an empty `PostgreSQL` one, in one
//! transaction on the target, then checked: the same rows in every table and every photo's
//! bytes hashing to its SHA-256.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::db::{Row, Sql, SqlExt, Value};
use super::error::{StoreError, StoreResult};
use super::uploads::photo_hash;
use super::users::verify_actor;
use crate::domain::role::{Action, Actor};

/// Tables in an order that respects every foreign key (`cases` and `submissions` point at
/// each other: cases go first without their submission links, which follow the submissions).
const TABLES: &[&str] = &[
    "campaigns",
    "users",
    "students",
    "photos",
    "cases",
    "submissions",
    "decisions",
    "decision_reasons",
    "check_results",
    "photo_verdicts",
    "audit_log",
    "claims",
    "undone_decisions",
    "extensions",
    "makeup_shoots",
    "exports",
    "decision_exports",
    "print_runs",
    "prints",
    "sign_in_failures",
];

/// Tables whose `id` is generated: their sequences continue after the copied ids.
const GENERATED_IDS: &[&str] = &[
    "campaigns",
    "users",
    "students",
    "cases",
    "submissions",
    "decisions",
    "audit_log",
    "extensions",
    "makeup_shoots",
    "exports",
    "print_runs",
    "prints",
];

/// The links from a case to submissions, set once the submissions are in.
const CASE_LINKS: &[&str] = &["current_submission_id", "printed_submission_id"];

/// What a migration copied and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrateReport {
    /// Rows per table, equal on both sides.
    pub rows: Vec<(String, u64)>,
    /// Photos whose bytes were hashed again on the target.
    pub photos_verified: u64,
}

impl Store {
    /// Copies this (`SQLite`) database into `target`, an empty database of ours, as the
    /// signed-in supervisor `by` of this one. Refuses a target that holds anything; a
    /// failure leaves it empty. The target's audit log records the migration.
    pub fn migrate_to(
        &self,
        target: &mut Store,
        by: &Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<MigrateReport> {
        let actor = verify_actor(&self.conn, by, Action::Backup)?;
        if self.conn.sqlite().is_none() {
            return Err(StoreError::SqliteOnly {
                what: "migrate --from",
                instead: crate::i18n::Msg::new("sqlite-only-migrate"),
            });
        }
        let tx = target.conn.write_tx()?;
        for table in TABLES {
            if count(&tx, table)? > 0 {
                return Err(StoreError::TargetNotEmpty {
                    location: target.location.clone(),
                    table: (*table).to_owned(),
                });
            }
        }
        for table in TABLES {
            copy_table(&self.conn, &tx, table)?;
        }
        for link in CASE_LINKS {
            let rows = self
                .conn
                .prepare(&format!(
                    "SELECT id, {link} FROM cases WHERE {link} IS NOT NULL"
                ))?
                .query(())?;
            for r in &rows {
                tx.execute(
                    &format!("UPDATE cases SET {link} = ?2 WHERE id = ?1"),
                    vec![r.get::<_, Value>(0)?, r.get::<_, Value>(1)?],
                )?;
            }
        }
        if tx.dialect() == super::db::Dialect::Postgres {
            for table in GENERATED_IDS {
                tx.execute(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                       COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    ),
                    (),
                )?;
            }
        }
        let mut rows = Vec::new();
        for table in TABLES {
            let (a, b) = (count(&self.conn, table)?, count(&tx, table)?);
            if a != b {
                return Err(StoreError::Corrupt(format!(
                    "{table}: {a} rows in the source, {b} copied; nothing was kept"
                )));
            }
            rows.push(((*table).to_owned(), a));
        }
        let photos_verified = verify_photos(&tx)?;
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor.name,
                action: "database.migrated",
                campaign_id: None,
                case_id: None,
                submission_id: None,
                detail: serde_json::json!({
                    "from": self.location.to_string(),
                    "rows": rows.iter().map(|(t, n)| (t.clone(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
                    "photos_verified": photos_verified,
                }),
            },
        )?;
        tx.commit()?;
        // Planner statistics for the tables just filled, so the first desks to open the
        // database get the plans the data calls for rather than waiting for autovacuum.
        if target.conn.dialect() == super::db::Dialect::Postgres {
            target
                .conn
                .execute(&format!("ANALYZE {}", TABLES.join(", ")), ())?;
        }
        Ok(MigrateReport {
            rows,
            photos_verified,
        })
    }
}

fn count(conn: &dyn Sql, table: &str) -> StoreResult<u64> {
    Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))?)
}

/// The columns of a source table, by name (the two backends order them differently).
fn columns(source: &dyn Sql, table: &str) -> StoreResult<Vec<String>> {
    let rows = source
        .prepare(&format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        ))?
        .query(())?;
    rows.iter().map(|r| Ok(r.get::<_, String>(0)?)).collect()
}

/// Copies every row of `table`, photos one at a time (their bytes are large).
fn copy_table(source: &dyn Sql, target: &dyn Sql, table: &str) -> StoreResult<()> {
    let cols: Vec<String> = columns(source, table)?
        .into_iter()
        .filter(|c| table != "cases" || !CASE_LINKS.contains(&c.as_str()))
        .collect();
    let list = cols.join(", ");
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let insert = format!("INSERT INTO {table} ({list}) VALUES ({marks})");
    let copy = |row: &Row| -> StoreResult<()> {
        let values = (0..cols.len())
            .map(|i| row.get::<_, Value>(i))
            .collect::<Result<Vec<_>, _>>()?;
        target.execute(&insert, values)?;
        Ok(())
    };
    if table == "photos" {
        let keys = source
            .prepare("SELECT sha256 FROM photos ORDER BY sha256")?
            .query(())?;
        let one = format!("SELECT {list} FROM photos WHERE sha256 = ?1");
        for key in &keys {
            let sha: String = key.get(0)?;
            for row in &source.prepare(&one)?.query([sha])? {
                copy(row)?;
            }
        }
        return Ok(());
    }
    for row in &source
        .prepare(&format!("SELECT {list} FROM {table} ORDER BY 1"))?
        .query(())?
    {
        copy(row)?;
    }
    Ok(())
}

/// Every photo on the target hashes to its key; returns how many were checked.
fn verify_photos(target: &dyn Sql) -> StoreResult<u64> {
    let keys = target
        .prepare("SELECT sha256 FROM photos ORDER BY sha256")?
        .query(())?;
    for key in &keys {
        let sha: String = key.get(0)?;
        let bytes: Vec<u8> =
            target.query_row("SELECT bytes FROM photos WHERE sha256 = ?1", [&sha], |r| {
                r.get(0)
            })?;
        if photo_hash(&bytes) != sha {
            return Err(StoreError::Corrupt(format!(
                "photo {sha} changed on the way; nothing was kept"
            )));
        }
    }
    Ok(keys.len() as u64)
}
