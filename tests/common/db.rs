//! One test, both backends: `both_backends!` runs a test body on a fresh `SQLite` file and on a
//! fresh `PostgreSQL` database of the server in `IDPHOTO_TEST_PG`. Without that variable (when
//! the tests were built) the `PostgreSQL` half is reported as ignored, and says on the terminal
//! that it was skipped.

use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};

use idphoto_review::store::{DbLocation, PgTarget};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

thread_local! {
    static CURRENT: Cell<Backend> = const { Cell::new(Backend::Sqlite) };
}

/// The backend the running test is on (`SQLite` outside `both_backends!`).
pub fn current() -> Backend {
    CURRENT.with(Cell::get)
}

/// The server the `PostgreSQL` half runs on, if any.
pub fn pg_server() -> Option<PgTarget> {
    let url = std::env::var("IDPHOTO_TEST_PG").ok()?;
    Some(PgTarget::parse(&url).expect("IDPHOTO_TEST_PG is not a postgres:// URL"))
}

/// Runs `body` on `backend`; the `PostgreSQL` half without a server reports the skip.
pub fn with_backend(backend: Backend, body: impl FnOnce()) {
    if backend == Backend::Postgres && pg_server().is_none() {
        static NOTE: Once = Once::new();
        NOTE.call_once(|| {
            // Straight to the terminal: the test harness would swallow println!.
            let _ = writeln!(
                std::io::stderr(),
                "NOTE: PostgreSQL half of these tests SKIPPED: set IDPHOTO_TEST_PG=postgres://user:password@host:port/db (tools/pg-test-cluster start prints one)"
            );
        });
        return;
    }
    CURRENT.with(|c| c.set(backend));
    body();
}

/// A fresh, empty database on the current backend, plus a scratch folder. A `PostgreSQL`
/// database is created on the server and dropped again when this is dropped.
pub struct TestDb {
    pub location: DbLocation,
    dir: tempfile::TempDir,
    /// The database's name on the test server, when it is one.
    pg: Option<String>,
}

impl TestDb {
    pub fn new() -> Self {
        Self::on(current())
    }

    pub fn on(backend: Backend) -> Self {
        Self::create(backend, None)
    }

    /// A copy of this database as it is now (a file copy; `CREATE DATABASE … TEMPLATE`).
    /// Nothing may be connected to it meanwhile.
    pub fn copy(&self) -> Self {
        match &self.pg {
            None => {
                let copy = Self::create(Backend::Sqlite, None);
                std::fs::copy(self.location.sqlite_path().unwrap(), copy.sqlite_path()).unwrap();
                copy
            }
            Some(name) => {
                let copy = Self::create(Backend::Postgres, Some(name));
                // Roles are named after the database: a copy needs its own groups, as a
                // database restored under another name does (docs/postgres.md). Its accounts
                // get their roles at their first sign-in over the owner's URL.
                sql_on(
                    copy.pg.as_ref().unwrap(),
                    "DO $$ BEGIN IF to_regproc('idphoto_grant_roles') IS NOT NULL THEN
                         PERFORM idphoto_grant_roles();
                     END IF; END $$",
                );
                copy
            }
        }
    }

    fn create(backend: Backend, template: Option<&str>) -> Self {
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let dir = tempfile::tempdir().unwrap();
        match backend {
            Backend::Sqlite => Self {
                location: DbLocation::Sqlite(dir.path().join("review.db")),
                dir,
                pg: None,
            },
            Backend::Postgres => {
                let server = pg_server().expect("IDPHOTO_TEST_PG");
                let name = format!(
                    "idphoto_t{}_{}_{}",
                    std::process::id(),
                    SEQ.fetch_add(1, Ordering::Relaxed),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .subsec_nanos()
                );
                let from = template.map_or_else(String::new, |t| format!(" TEMPLATE {t}"));
                admin_sql(&format!("CREATE DATABASE {name}{from}"));
                Self {
                    location: DbLocation::Postgres(server.with_dbname(&name)),
                    dir,
                    pg: Some(name),
                }
            }
        }
    }

    /// What `--db` takes: the file path or the URL.
    pub fn arg(&self) -> String {
        match &self.location {
            DbLocation::Sqlite(p) => p.display().to_string(),
            DbLocation::Postgres(_) => std::env::var("IDPHOTO_TEST_PG")
                .map(|url| with_dbname(&url, self.pg.as_ref().unwrap()))
                .unwrap(),
        }
    }

    /// A scratch folder that lives as long as the database.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The `SQLite` file (panics on `PostgreSQL`: for SQLite-only tests).
    pub fn sqlite_path(&self) -> PathBuf {
        self.location.sqlite_path().unwrap().to_owned()
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = &self.pg {
            admin_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            admin_sql(&drop_roles_sql(name));
        }
    }
}

/// Drops the roles a test database made (schema version 11): roles belong to the whole server,
/// so they outlive the database. Its two groups are named after it, and every account's login
/// role is a member of one of them.
fn drop_roles_sql(db: &str) -> String {
    let groups = format!("'{db}_reviewer', '{db}_supervisor'");
    format!(
        "DO $$ DECLARE r TEXT; BEGIN
            FOR r IN SELECT DISTINCT m.rolname FROM pg_auth_members a
                     JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
                     WHERE g.rolname IN ({groups}) AND m.rolname NOT IN ({groups}) LOOP
                EXECUTE format('DROP ROLE %I', r);
            END LOOP;
            DROP ROLE IF EXISTS {db}_supervisor;
            DROP ROLE IF EXISTS {db}_reviewer;
        END $$"
    )
}

/// The URL with its database name replaced.
fn with_dbname(url: &str, name: &str) -> String {
    let (base, _) = url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// Runs `sql` on test database `name`, as the test server's owner.
fn sql_on(name: &str, sql: &str) {
    let url = with_dbname(&std::env::var("IDPHOTO_TEST_PG").unwrap(), name);
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client.batch_execute(sql).unwrap();
}

/// Runs `sql` on the test server's own database (creating and dropping test databases).
fn admin_sql(sql: &str) {
    let url = std::env::var("IDPHOTO_TEST_PG").unwrap();
    let mut client = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test server of IDPHOTO_TEST_PG: {e}"));
    client.batch_execute(sql).unwrap();
}

/// Declares each test twice: `NAME::sqlite` and `NAME::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($(#[doc = $doc:literal])* fn $name:ident() $body:block)*) => {$(
        $(#[doc = $doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[test]
            fn sqlite() {
                $crate::common::db::with_backend($crate::common::db::Backend::Sqlite, || $body);
            }
            #[test]
            #[cfg_attr(
                not(idphoto_test_pg),
                ignore = "PostgreSQL half: set IDPHOTO_TEST_PG (tools/pg-test-cluster start)"
            )]
            fn postgres() {
                $crate::common::db::with_backend($crate::common::db::Backend::Postgres, || $body);
            }
        }
    )*};
}

/// The location a `--db` argument names (a test helper's path or URL).
pub fn loc(db: &(impl AsRef<std::ffi::OsStr> + ?Sized)) -> DbLocation {
    DbLocation::parse(db.as_ref().to_str().expect("UTF-8 --db argument")).unwrap()
}

impl TestDb {
    /// The scratch folder, as a `TempDir` would name it (fixtures that kept one).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}
