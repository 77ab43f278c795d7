//! Where the database is: one `SQLite` file, or a `PostgreSQL` database on a server. This is
//! the one type that travels from the command line and the window into the store.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A database the store can open.
#[derive(Clone, PartialEq)]
pub enum DbLocation {
    /// An `SQLite` file on this machine (one desk, the demo).
    Sqlite(PathBuf),
    /// A `PostgreSQL` database, shared by the desks of several PCs.
    Postgres(PgTarget),
}

impl DbLocation {
    /// A path opens `SQLite`; `postgres://…` or `postgresql://…` opens `PostgreSQL`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if trimmed.starts_with("postgres://") || trimmed.starts_with("postgresql://") {
            PgTarget::parse(trimmed).map(Self::Postgres)
        } else {
            Ok(Self::Sqlite(PathBuf::from(text)))
        }
    }

    /// The `SQLite` file, if this is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Self::Sqlite(p) => Some(p),
            Self::Postgres(_) => None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

impl FromStr for DbLocation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

/// The path, or the server as `postgres://user@host:port/db`: never the password.
impl fmt::Display for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(p) => write!(f, "{}", p.display()),
            Self::Postgres(t) => f.write_str(&t.display()),
        }
    }
}

impl fmt::Debug for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbLocation({self})")
    }
}

impl From<&Path> for DbLocation {
    fn from(p: &Path) -> Self {
        Self::Sqlite(p.to_owned())
    }
}

impl From<PathBuf> for DbLocation {
    fn from(p: PathBuf) -> Self {
        Self::Sqlite(p)
    }
}

impl From<&PathBuf> for DbLocation {
    fn from(p: &PathBuf) -> Self {
        Self::Sqlite(p.clone())
    }
}

impl From<&DbLocation> for DbLocation {
    fn from(l: &DbLocation) -> Self {
        l.clone()
    }
}

/// How long connecting may take unless the URL says (`connect_timeout=`).
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A `PostgreSQL` server and database, parsed from a URL.
#[derive(Clone)]
pub struct PgTarget {
    /// Boxed: a configuration is large, and locations travel inside errors.
    config: Box<postgres::Config>,
}

impl fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PgTarget({})", self.display())
    }
}

impl FromStr for PgTarget {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

impl PartialEq for PgTarget {
    fn eq(&self, other: &Self) -> bool {
        self.display() == other.display()
    }
}

impl PgTarget {
    pub fn parse(url: &str) -> Result<Self, String> {
        let config = postgres::Config::from_str(url).map_err(|e| {
            // The parser's message never repeats the URL, so no password can leak through it.
            format!("not a valid PostgreSQL URL (postgres://user@host:port/dbname): {e}")
        })?;
        Ok(Self {
            config: Box::new(config),
        })
    }

    /// `postgres://user@host:port/db`, for messages and logs.
    pub fn display(&self) -> String {
        let config = self.effective();
        let host = config
            .get_hosts()
            .first()
            .map_or_else(|| "localhost".to_owned(), host_text);
        let port = config.get_ports().first().copied().unwrap_or(5432);
        format!(
            "postgres://{}@{host}:{port}/{}",
            config.get_user().unwrap_or(""),
            config.get_dbname().unwrap_or("")
        )
    }

    /// The database name (the user name when the URL gives none, as libpq does).
    pub fn dbname(&self) -> String {
        let config = self.effective();
        config.get_dbname().unwrap_or("").to_owned()
    }

    /// The same server, another database (tests create one per case).
    #[must_use]
    pub fn with_dbname(&self, name: &str) -> Self {
        let mut config = self.config.clone();
        config.dbname(name);
        Self { config }
    }

    /// The same server and database, signed in as `user` with `password` (an account's own
    /// role, after sign-in).
    #[must_use]
    pub(super) fn as_login(&self, user: &str, password: &str) -> Self {
        let mut config = self.effective();
        config.user(user);
        config.password(password);
        Self {
            config: Box::new(config),
        }
    }

    /// `(host, port, user, password)` for the client tools (`pg_dump`).
    pub(super) fn connection_parts(&self) -> (String, u16, String, Option<String>) {
        let config = self.config_with_password();
        (
            config
                .get_hosts()
                .first()
                .map_or_else(|| "localhost".to_owned(), host_text),
            config.get_ports().first().copied().unwrap_or(5432),
            config.get_user().unwrap_or("").to_owned(),
            config
                .get_password()
                .map(|p| String::from_utf8_lossy(p).into_owned()),
        )
    }

    /// The configuration with the defaults libpq applies: user from `PGUSER` or the login,
    /// database named like the user, host `localhost`.
    fn effective(&self) -> postgres::Config {
        let mut config = (*self.config).clone();
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".to_owned());
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let user = config.get_user().unwrap_or("postgres").to_owned();
            config.dbname(&user);
        }
        if config.get_hosts().is_empty() {
            config.host("localhost");
        }
        if config.get_connect_timeout().is_none() {
            // An unreachable server is reported in seconds, not after the system's TCP timeout
            // (minutes, with the window waiting).
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config
    }

    /// What to connect with: the password from the URL, else `PGPASSWORD`, else the first
    /// matching line of `~/.pgpass` (or `PGPASSFILE`).
    pub(super) fn config_with_password(&self) -> postgres::Config {
        let mut config = self.effective();
        if config.get_password().is_none() {
            if let Ok(pw) = std::env::var("PGPASSWORD") {
                config.password(pw);
            } else if let Some(pw) = pgpass_password(&config) {
                config.password(pw);
            }
        }
        config
    }
}

fn host_text(h: &postgres::config::Host) -> String {
    match h {
        postgres::config::Host::Tcp(name) => name.clone(),
        postgres::config::Host::Unix(path) => path.display().to_string(),
    }
}

fn pgpass_password(config: &postgres::Config) -> Option<String> {
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = config
        .get_hosts()
        .first()
        .map_or_else(|| "localhost".to_owned(), host_text);
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    pgpass_lookup(&text, wanted)
}

/// The password of the first `host:port:db:user:password` line matching `wanted` (`*` matches
/// anything; `\:` and `\\` are escapes), as libpq reads `~/.pgpass`.
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .find_map(|line| {
            let fields = split_pgpass(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w || (f == "localhost" && w == "127.0.0.1"));
            matches.then(|| fields[4].clone())
        })
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            _ => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_open_sqlite_and_urls_open_postgres_without_showing_the_password() {
        assert_eq!(
            DbLocation::parse("review.db").unwrap(),
            DbLocation::Sqlite("review.db".into())
        );
        let pg = DbLocation::parse("postgres://desk:s3cret@db.studio:5433/review").unwrap();
        assert!(pg.is_postgres());
        assert_eq!(pg.to_string(), "postgres://desk@db.studio:5433/review");
        assert!(!format!("{pg:?}").contains("s3cret"));
        let err = DbLocation::parse("postgres://desk:s3cret@db.studio:notaport/x").unwrap_err();
        assert!(!err.contains("s3cret"), "{err}");
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let text =
            "# comment\nother:5432:*:desk:no\ndb.studio:5433:review:desk:pa\\:ss\n*:*:*:*:any\n";
        assert_eq!(
            pgpass_lookup(text, ["db.studio", "5433", "review", "desk"]).as_deref(),
            Some("pa:ss")
        );
        assert_eq!(
            pgpass_lookup(text, ["x", "1", "y", "z"]).as_deref(),
            Some("any")
        );
        assert_eq!(pgpass_lookup("a:b:c\n", ["a", "b", "c", "d"]), None);
    }
}
