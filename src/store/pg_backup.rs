//! `backup` on `PostgreSQL`: `pg_dump` in its custom format, into an owner-only file, checked
//! with `pg_restore --list` before it replaces anything. The password reaches `pg_dump`
//! through its environment, never its command line.

use std::path::Path;
use std::process::Command;

use super::Store;
use super::backup::{BackupReport, replace, sibling};
use super::db::SqlExt;
use super::error::{StoreError, StoreResult};
use super::location::PgTarget;

impl Store {
    /// Dumps the server database to `out` with `pg_dump` (desks keep working: it reads one
    /// snapshot). Refuses to replace an existing file unless `force`.
    pub(super) fn pg_backup_to(
        &self,
        target: &PgTarget,
        out: &Path,
        force: bool,
    ) -> StoreResult<BackupReport> {
        if out.exists() && !force {
            return Err(StoreError::TargetExists(out.to_owned()));
        }
        let tmp = sibling(out, "partial");
        let _ = std::fs::remove_file(&tmp);
        // Owner-only before pg_dump writes into it: it holds personal data and password hashes.
        crate::private_fs::create_new_file(&tmp).map_err(|source| StoreError::Io {
            path: tmp.clone(),
            source,
        })?;
        let result = dump(target, &tmp).and_then(|()| {
            tool("pg_restore", target)
                .arg("--list")
                .arg(&tmp)
                .output()
                .map_err(|e| not_installed("pg_restore", &e))
                .and_then(|o| check("pg_restore --list", &o))
        });
        if let Err(e) = result.and_then(|()| replace(&tmp, out)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let count = |table: &str| -> StoreResult<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))?)
        };
        Ok(BackupReport {
            path: out.to_owned(),
            bytes: std::fs::metadata(out)
                .map_err(|source| StoreError::Io {
                    path: out.to_owned(),
                    source,
                })?
                .len(),
            schema_version: self.conn.query_row(
                "SELECT MAX(version) FROM idphoto_schema",
                (),
                |r| r.get(0),
            )?,
            decisions: count("decisions")?,
            audit_entries: count("audit_log")?,
            replaced_kept_at: None,
        })
    }
}

fn dump(target: &PgTarget, file: &Path) -> StoreResult<()> {
    let out = tool("pg_dump", target)
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(file)
        .arg("--dbname")
        .arg(target.dbname())
        .output()
        .map_err(|e| not_installed("pg_dump", &e))?;
    check("pg_dump", &out)
}

/// A `PostgreSQL` client tool pointed at the server, the password in its environment.
fn tool(name: &str, target: &PgTarget) -> Command {
    let mut c = Command::new(name);
    let (host, port, user, password) = target.connection_parts();
    c.args([
        "--host",
        &host,
        "--port",
        &port.to_string(),
        "--username",
        &user,
    ]);
    c.arg("--no-password");
    if let Some(pw) = password {
        c.env("PGPASSWORD", pw);
    }
    c
}

fn not_installed(tool: &str, e: &std::io::Error) -> StoreError {
    StoreError::ToolFailed {
        tool: tool.to_owned(),
        detail: if e.kind() == std::io::ErrorKind::NotFound {
            "not installed (Debian: apt-get install postgresql-client)".to_owned()
        } else {
            e.to_string()
        },
    }
}

/// A failed run becomes its first line of complaint (names the host, never the password).
fn check(tool: &str, out: &std::process::Output) -> StoreResult<()> {
    if out.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(StoreError::ToolFailed {
        tool: tool.to_owned(),
        detail: err.lines().next().unwrap_or("failed").trim().to_owned(),
    })
}
