//! Versioned migrations and opening a database file safely.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::error::{StoreError, StoreResult};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("sql/V1__init.sql")),
    M::up(include_str!("sql/V2__photo_size.sql")),
    M::up(include_str!("sql/V3__review_desk.sql")),
    M::up(include_str!("sql/V4__users.sql")),
    M::up(include_str!("sql/V5__exports.sql")),
    M::up(include_str!("sql/V6__board.sql")),
    M::up(include_str!("sql/V7__decisions_by_reviewer.sql")),
    M::up(include_str!("sql/V8__production.sql")),
    M::up(include_str!("sql/V9__security.sql")),
    M::up(include_str!("sql/V10__decision_once.sql")),
    M::up(include_str!("sql/V11__account_roles.sql")),
    M::up(include_str!("sql/V12__check_findings.sql")),
];

/// Schema version this build writes.
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Opens `path`, creating the file when `create` is set; refuses a missing file otherwise.
pub fn open(path: &Path, create: bool) -> StoreResult<Connection> {
    if !create && !path.exists() {
        return Err(StoreError::NotFound(path.into()));
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        create_private(path)?;
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn =
        Connection::open_with_flags(path, flags).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ffi::ErrorCode::CannotOpen) if !create => {
                StoreError::NotFound(path.into())
            }
            _ => StoreError::from(e),
        })?;
    check_header(&conn, path, create)?;
    configure(&conn)?;
    Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
    Ok(conn)
}

/// Creates an empty database file, owner-only, when there is none: `SQLite` gives its -wal and
/// -shm files the mode of the database file, so they come out owner-only too.
pub(super) fn create_private(path: &Path) -> StoreResult<()> {
    match crate::private_fs::create_new_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// One schema object as `sqlite_master` lists it: type, name, table, SQL text.
pub(super) type SchemaObject = (String, String, String, Option<String>);

/// Every table, index, trigger and view of `conn`, sorted.
pub(super) fn schema_objects(conn: &Connection) -> StoreResult<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name, tbl_name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The schema a database of ours has at `version`: the migrations up to it, run on an empty
/// database in memory.
pub(super) fn expected_schema(version: i64) -> StoreResult<Vec<SchemaObject>> {
    let mut conn = Connection::open_in_memory()?;
    let target = usize::try_from(version)
        .map_err(|_| StoreError::Corrupt(format!("schema version {version} is not a version")))?;
    Migrations::from_slice(MIGRATIONS).to_version(&mut conn, target)?;
    schema_objects(&conn)
}

/// Refuses a file that is not one of our databases (not `SQLite`, another program's tables, or
/// an empty file we were not asked to create) or that a newer version wrote; returns its schema
/// version. Reads only: safe on a file that is about to be restored.
pub fn check_header(conn: &Connection, path: &Path, create: bool) -> StoreResult<i64> {
    let not_db = |_| StoreError::NotADatabase(path.into());
    // Reading the header is the first thing that fails on a file that is not SQLite.
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_db)?;
    let has_tables: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master)", [], |r| {
            r.get(0)
        })
        .map_err(not_db)?;
    if version > latest_version() {
        return Err(StoreError::TooNew {
            found: version,
            known: latest_version(),
            location: path.into(),
        });
    }
    if version == 0 && has_tables {
        return Err(StoreError::NotADatabase(path.into()));
    }
    if version == 0 && !create {
        // An empty SQLite file that we did not make: not ours to fill silently.
        return Err(StoreError::NotADatabase(path.into()));
    }
    Ok(version)
}

fn configure(conn: &Connection) -> StoreResult<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn missing_file_is_not_created_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.db");
        assert!(matches!(open(&path, false), Err(StoreError::NotFound(_))));
        assert!(!path.exists());
        open(&path, true).unwrap();
        open(&path, false).unwrap();
    }

    #[test]
    fn garbage_file_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.db");
        std::fs::write(
            &path,
            b"this is not a database at all, just some text".repeat(100),
        )
        .unwrap();
        assert!(matches!(
            open(&path, false),
            Err(StoreError::NotADatabase(_))
        ));
    }

    #[test]
    fn foreign_sqlite_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t (x)").unwrap();
        drop(c);
        assert!(matches!(
            open(&path, true),
            Err(StoreError::NotADatabase(_))
        ));
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(open(&path, true).unwrap());
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        drop(c);
        let err = open(&path, false).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer version"));
    }

    #[test]
    fn the_schema_of_a_new_database_is_the_expected_one_and_older_versions_differ() {
        let dir = tempfile::tempdir().unwrap();
        let c = open(&dir.path().join("s.db"), true).unwrap();
        let latest = expected_schema(latest_version()).unwrap();
        assert_eq!(schema_objects(&c).unwrap(), latest);
        assert!(latest.iter().any(|(t, ..)| t == "trigger"), "{latest:?}");
        assert_ne!(expected_schema(latest_version() - 1).unwrap(), latest);
    }

    /// Version 12: a result stored as sentences by version 11 reads back as the generic
    /// finding of its own verdict, value and threshold, in both languages; the sentence
    /// columns are gone.
    #[test]
    fn v12_turns_stored_sentences_into_the_generic_finding() {
        use crate::domain::lang::Lang;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v11.db");
        let mut c = Connection::open(&path).unwrap();
        Migrations::from_slice(MIGRATIONS)
            .to_version(&mut c, 11)
            .unwrap();
        c.execute_batch(
            "INSERT INTO photos (sha256, byte_len, bytes, width, height)
                 VALUES ('abc', 3, x'010203', 480, 640);
             INSERT INTO check_results (photo_sha256, spec_version, check_id, verdict, value,
                 threshold, message_zh, message_en, reasons, overlay_json, computed_at)
             VALUES ('abc', 7, 'face.size', 'fail', 150.5, '180–300 px',
                     '脸宽 150 px，要求 180–300 px', 'Face width 150 px; required 180–300 px',
                     'HEAD_SIZE', '[]', 0),
                    ('abc', 7, 'file.decode', 'pass', NULL, 'decodes',
                     '解码成功', 'Decoded', '', '[]', 0);",
        )
        .unwrap();
        drop(c);
        let store = crate::store::Store::open(path.as_path()).unwrap();
        let report = store.check_report("abc", 7).unwrap().unwrap();
        let size = report.get("face.size").unwrap();
        assert_eq!(size.value, Some(150.5));
        assert_eq!(
            size.message(Lang::Zh),
            "不合格：测得 150.5，要求 180–300 px（旧版本保存的结果，重新检查可见详情）"
        );
        assert_eq!(
            size.message(Lang::En),
            "Fail: measured 150.5; required 180–300 px (stored by an earlier version; recheck for details)"
        );
        assert_eq!(
            size.message,
            crate::checks::CheckResult::stored_finding(
                crate::checks::Verdict::Fail,
                Some(150.5),
                "180–300 px"
            )
        );
        let decode = report.get("file.decode").unwrap();
        assert_eq!(
            decode.message(Lang::En),
            "Pass: required decodes (stored by an earlier version; recheck for details)"
        );
        drop(store);
        let c = Connection::open(&path).unwrap();
        let columns: Vec<String> = c
            .prepare("SELECT name FROM pragma_table_info('check_results')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(columns.contains(&"message_json".to_owned()), "{columns:?}");
        assert!(
            !columns
                .iter()
                .any(|c| c == "message_zh" || c == "message_en"),
            "{columns:?}"
        );
    }

    #[test]
    fn pragmas_are_set() {
        let dir = tempfile::tempdir().unwrap();
        let c = open(&dir.path().join("p.db"), true).unwrap();
        let mode: String = c
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let fk: i64 = c
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        let sync: i64 = c
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), fk, sync), ("wal", 1, 2));
    }
}
