//! Versioned migrations for `PostgreSQL`, numbered like `SQLite`'s so one version number means
//! one schema on both backends. The version lives in the table `idphoto_schema`.

use super::db::pg::PgConn;
use super::db::{Conn, Sql, SqlExt};
use super::error::{StoreError, StoreResult};
use super::location::{DbLocation, PgTarget};
use super::schema::latest_version;

/// `(version, SQL)`: each migration brings the schema to its version. The first one creates
/// the whole schema of `SQLite` version 9 at once.
const MIGRATIONS: &[(i64, &str)] = &[
    (9, include_str!("sql/pg/V9__schema.sql")),
    (10, include_str!("sql/pg/V10__decision_once.sql")),
    (11, include_str!("sql/pg/V11__account_roles.sql")),
    (12, include_str!("sql/pg/V12__check_findings.sql")),
];

/// Connects and brings an empty or older database of ours to the latest version. A database
/// with other tables is not ours; an empty one is filled only when `create` is set.
pub fn open(target: &PgTarget, create: bool) -> StoreResult<Conn> {
    let location = DbLocation::Postgres(target.clone());
    let mut conn = Conn::Postgres(Box::new(PgConn::connect(target)?));
    // Migrations run in one transaction under the writer lock, so two desks starting at once
    // cannot both migrate.
    {
        let tx = conn.write_tx()?;
        let version = version_of(&tx, &location, create)?;
        for (to, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > version) {
            tx.batch(sql)?;
            tx.execute("DELETE FROM idphoto_schema", ())?;
            tx.execute("INSERT INTO idphoto_schema (version) VALUES (?1)", [*to])?;
        }
        tx.commit()?;
    }
    Ok(conn)
}

/// The schema version of the database, 0 for an empty one we may fill.
fn version_of(tx: &dyn Sql, location: &DbLocation, create: bool) -> StoreResult<i64> {
    let ours: bool = tx.query_row(
        "SELECT to_regclass('idphoto_schema') IS NOT NULL",
        (),
        |r| r.get(0),
    )?;
    if !ours {
        let tables: i64 = tx.query_row(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            (),
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotADatabase(location.clone()));
        }
        if !create {
            return Err(StoreError::NotFound(location.clone()));
        }
        tx.execute("CREATE TABLE idphoto_schema (version BIGINT NOT NULL)", ())?;
        return Ok(0);
    }
    let version: Option<i64> =
        tx.query_row("SELECT MAX(version) FROM idphoto_schema", (), |r| r.get(0))?;
    let version = version.unwrap_or(0);
    if version > latest_version() {
        return Err(StoreError::TooNew {
            found: version,
            known: latest_version(),
            location: location.clone(),
        });
    }
    Ok(version)
}

/// The latest version the `PostgreSQL` migrations reach; must equal `SQLite`'s.
#[cfg(test)]
fn pg_latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_migrations_reach_the_sqlite_version() {
        assert_eq!(pg_latest_version(), latest_version());
    }
}
