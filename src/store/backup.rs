//! Online backup and restore with `SQLite`'s backup API.
//!
//! A backup copies every page in one step under a single read transaction: in WAL mode that
//! never blocks the desks still deciding, and the copy is exactly the database as of the moment
//! the step began. Both directions write a temporary file beside the target, check it, and only
//! then rename it into place, so a crash or a full disk never leaves a half-written database
//! under the real name.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::error::{StoreError, StoreResult};
use super::schema::{check_header, create_private, expected_schema, schema_objects};
use crate::domain::role::{Action, Actor};

/// Tables every database of ours has; a file without them is refused as a restore source.
const OUR_TABLES: [&str; 5] = ["campaigns", "students", "cases", "decisions", "audit_log"];

/// How long a backup step may keep meeting a lock (another connection mid-checkpoint).
const STEP_RETRIES: u32 = 200;

/// What a backup or restore produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: i64,
    pub decisions: u64,
    pub audit_entries: u64,
    /// Restore only: where the database that was replaced was kept.
    pub replaced_kept_at: Option<PathBuf>,
}

impl Store {
    /// Copies the open database to `out` while other connections keep writing. Refuses to
    /// replace an existing file unless `force`.
    pub fn backup_to(&self, out: &Path, force: bool) -> StoreResult<BackupReport> {
        if out.exists() && !force {
            return Err(StoreError::TargetExists(out.to_owned()));
        }
        if let super::DbLocation::Postgres(target) = &self.location {
            return self.pg_backup_to(target, out, force);
        }
        let Some(conn) = self.conn.sqlite() else {
            return Err(StoreError::Corrupt(
                "an SQLite location without SQLite".into(),
            ));
        };
        let tmp = sibling(out, "partial");
        let result = copy_checked(conn, &tmp).and_then(|()| replace(&tmp, out));
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result?;
        report(out, None)
    }
}

/// Who restores: a login name and its password. Restoring replaces every account and record,
/// so it takes a supervisor of the database being replaced, or, when there is none (a new
/// machine, or a file that is not a database any more), a supervisor of the backup itself.
#[derive(Clone, Copy)]
pub struct Credentials<'a> {
    pub name: &'a str,
    pub password: &'a str,
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Replaces the database at `db` with a copy of `from`, after checking that `from` is one of
/// our databases, intact, with exactly the schema of its version (no trigger dropped or added).
/// An existing `db` is refused unless `force`, and is then kept beside it as
/// `<name>.replaced-<time>` (with its -wal), never deleted. Refuses while another connection
/// has `db` open, and unless `who` signs in as a supervisor (see [`Credentials`]); nothing is
/// changed before that.
pub fn restore(
    from: &Path,
    db: &Path,
    force: bool,
    who: &Credentials<'_>,
    now: DateTime<Utc>,
) -> StoreResult<BackupReport> {
    let src = open_source(from)?;
    if db.exists() && !force {
        return Err(StoreError::TargetExists(db.to_owned()));
    }
    let current = match Store::open(db) {
        Ok(mut current) => Some(supervisor_in(&mut current, who, now)?),
        Err(StoreError::NotFound(_) | StoreError::NotADatabase(_)) => None,
        Err(e) => return Err(e),
    };
    let tmp = sibling(db, "restoring");
    let copied = copy_checked(&src, &tmp).and_then(|()| match current {
        Some(actor) => Ok(actor),
        // Nothing to sign in to here: the backup's own supervisor restores it.
        None => Store::open(&tmp).and_then(|mut copy| supervisor_in(&mut copy, who, now)),
    });
    let actor = match copied {
        Ok(actor) => actor,
        Err(e) => {
            remove_with_sides(&tmp);
            return Err(e);
        }
    };
    drop(src);
    let kept = match set_aside(db, now) {
        Ok(kept) => kept,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    replace(&tmp, db)?;
    // Opening migrates an older backup to this version; the restore itself is audited.
    let store = Store::open(db)?;
    append(
        &store.conn,
        &NewAudit {
            at: now,
            actor: &actor.name,
            action: "database.restore",
            campaign_id: None,
            case_id: None,
            submission_id: None,
            detail: serde_json::json!({
                "from": from.display().to_string(),
                "replaced_kept_at": kept.as_ref().map(|p| p.display().to_string()),
            }),
        },
    )?;
    drop(store);
    report(db, kept)
}

/// Signs `who` in on `store` and requires a supervisor (the sign-in is audited there).
fn supervisor_in(
    store: &mut Store,
    who: &Credentials<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Actor> {
    let actor = store.authenticate_at(who.name, who.password, now)?;
    actor.require(Action::Backup)?;
    Ok(actor)
}

fn remove_with_sides(path: &Path) {
    for p in [
        path.to_owned(),
        with_suffix(path, "-wal"),
        with_suffix(path, "-shm"),
    ] {
        let _ = std::fs::remove_file(p);
    }
}

/// Opens a restore source read-only and refuses anything that is not an intact database of
/// ours with the schema of its version.
fn open_source(from: &Path) -> StoreResult<Connection> {
    if !from.is_file() {
        return Err(StoreError::NotFound(from.into()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(from, flags)
        .map_err(|_| StoreError::NotADatabase(from.into()))?;
    let version = check_header(&conn, from, false)?;
    for table in OUR_TABLES {
        let found: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !found {
            return Err(StoreError::NotADatabase(from.into()));
        }
    }
    integrity(&conn, from)?;
    let found = schema_objects(&conn).map_err(|_| StoreError::NotADatabase(from.into()))?;
    if let Some(detail) = schema_difference(&expected_schema(version)?, &found) {
        return Err(StoreError::SchemaTampered {
            version,
            detail,
            path: from.to_owned(),
        });
    }
    Ok(conn)
}

/// The first difference between the expected and the found schema, in words.
fn schema_difference(
    expected: &[super::schema::SchemaObject],
    found: &[super::schema::SchemaObject],
) -> Option<String> {
    let describe = |(kind, name, ..): &super::schema::SchemaObject| format!("{kind} {name}");
    if let Some(missing) = expected.iter().find(|o| !found.contains(o)) {
        let changed = found
            .iter()
            .any(|f| (&f.0, &f.1) == (&missing.0, &missing.1));
        let how = if changed { "was changed" } else { "is missing" };
        return Some(format!("{} {how}", describe(missing)));
    }
    found
        .iter()
        .find(|o| !expected.contains(o))
        .map(|extra| format!("{} was added", describe(extra)))
}

/// Copies every page of `src` into a fresh file at `tmp`, checks it and syncs it to disk.
fn copy_checked(src: &Connection, tmp: &Path) -> StoreResult<()> {
    remove_if_present(tmp)?;
    // Owner-only before SQLite opens it: the copy holds personal data and password hashes.
    create_private(tmp)?;
    let mut dst = Connection::open(tmp)?;
    {
        let backup = Backup::new(src, &mut dst)?;
        let mut waits = 0;
        // -1: all pages in one step, under one read transaction, so the copy is a snapshot.
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if waits < STEP_RETRIES => {
                    waits += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                _ => return Err(StoreError::Busy),
            }
        }
    }
    integrity(&dst, tmp)?;
    // A self-contained file: no -wal beside the temporary name to lose in the rename.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| StoreError::from(e))?;
    File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|source| io(tmp, source))
}

fn integrity(conn: &Connection, path: &Path) -> StoreResult<()> {
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: result,
        })
    }
}

/// Keeps the database about to be replaced (and any -wal/-shm) under a dated name. Switching it
/// out of WAL first needs every other connection closed, so a database in use is refused, and
/// it folds the -wal into the file so nothing of it is left to apply to the restored copy.
fn set_aside(db: &Path, now: DateTime<Utc>) -> StoreResult<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    if let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE) {
        conn.busy_timeout(Duration::from_secs(2))?;
        // Not SQLite at all (forced over a damaged file): nothing to fold, just keep the bytes.
        if conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok()
        {
            let mode: String = conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
                .map_err(|_| StoreError::InUse(db.to_owned()))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(StoreError::InUse(db.to_owned()));
            }
        }
    }
    let kept = sibling_named(db, &format!("replaced-{}", now.format("%Y%m%dT%H%M%SZ")));
    std::fs::hard_link(db, &kept)
        .or_else(|_| std::fs::copy(db, &kept).map(|_| ()))
        .map_err(|source| io(&kept, source))?;
    // A database made before files were owner-only keeps its old mode; its copy does not.
    crate::private_fs::restrict(&kept).map_err(|source| io(&kept, source))?;
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(db, suffix);
        if side.exists() {
            let moved = with_suffix(&kept, suffix);
            std::fs::rename(&side, &moved).map_err(|source| io(&side, source))?;
            crate::private_fs::restrict(&moved).map_err(|source| io(&moved, source))?;
        }
    }
    Ok(Some(kept))
}

/// Renames `tmp` over `target` (atomic on one file system) and syncs the folder entry.
pub(super) fn replace(tmp: &Path, target: &Path) -> StoreResult<()> {
    std::fs::rename(tmp, target).map_err(|source| io(target, source))?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Best effort: not every platform can open a directory to sync it.
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

fn report(path: &Path, replaced_kept_at: Option<PathBuf>) -> StoreResult<BackupReport> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    let count = |table: &str| -> StoreResult<u64> {
        Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(BackupReport {
        path: path.to_owned(),
        bytes: std::fs::metadata(path)
            .map_err(|source| io(path, source))?
            .len(),
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        decisions: count("decisions")?,
        audit_entries: count("audit_log")?,
        replaced_kept_at,
    })
}

fn remove_if_present(path: &Path) -> StoreResult<()> {
    for p in [path.to_owned(), with_suffix(path, "-journal")] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&p, e)),
            _ => {}
        }
    }
    Ok(())
}

/// `.<name>.<tag>-<pid>` beside `path`: same folder, so the final rename stays atomic.
pub(super) fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "review.db".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

fn sibling_named(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "review.db".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!("{name}.{tag}"))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_owned(),
        source,
    }
}
