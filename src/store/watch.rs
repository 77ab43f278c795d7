//! Live desks: noticing what other desks committed, so every desk shows a decision, claim,
//! upload or sweep made elsewhere within a second or two. `PostgreSQL` announces changes with
//! LISTEN/NOTIFY (the triggers of `pg/V9__schema.sql`); `SQLite` counts other connections'
//! commits in `PRAGMA data_version`. This desk's own writes are not news.

use chrono::{DateTime, Utc};

use super::Store;
use super::db::{Conn, SqlExt};
use super::error::StoreResult;

/// The channel the triggers notify.
const CHANNEL: &str = "idphoto_changes";

/// What a watching store remembers between polls.
#[derive(Debug, Default)]
pub(super) struct WatchState {
    /// `SQLite`: the data version seen last.
    data_version: Option<i64>,
    /// `PostgreSQL`: this connection's backend process, whose own notifications are skipped.
    own_pid: Option<i32>,
}

/// Another desk committed something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The tables that changed (`PostgreSQL`; empty on `SQLite`, which does not say).
    pub tables: Vec<String>,
    /// When the earliest of these changes was made, by the server's clock (`PostgreSQL`).
    pub made_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Starts noticing other desks' commits; [`Store::poll_changes`] then reports them.
    pub fn watch_changes(&mut self) -> StoreResult<()> {
        let state = match &self.conn {
            Conn::Sqlite(c) => WatchState {
                data_version: Some(c.pragma_query_value(None, "data_version", |r| r.get(0))?),
                own_pid: None,
            },
            Conn::Postgres(_) => {
                self.conn.execute(&format!("LISTEN {CHANNEL}"), ())?;
                let pid: i64 = self
                    .conn
                    .query_row("SELECT pg_backend_pid()", (), |r| r.get(0))?;
                WatchState {
                    data_version: None,
                    own_pid: i32::try_from(pid).ok(),
                }
            }
        };
        self.watch = Some(state);
        Ok(())
    }

    /// What other desks committed since the last poll, without waiting; `None`: nothing (or
    /// not watching).
    pub fn poll_changes(&mut self) -> StoreResult<Option<Change>> {
        let Some(state) = &mut self.watch else {
            return Ok(None);
        };
        match &self.conn {
            Conn::Sqlite(c) => {
                let now: i64 = c.pragma_query_value(None, "data_version", |r| r.get(0))?;
                let changed = state.data_version != Some(now);
                state.data_version = Some(now);
                Ok(changed.then(|| Change {
                    tables: Vec::new(),
                    made_at: None,
                }))
            }
            Conn::Postgres(pg) => {
                let own = state.own_pid;
                let mut change: Option<Change> = None;
                for (pid, payload) in pg.take_notifications()? {
                    if Some(pid) == own {
                        continue;
                    }
                    let mut words = payload.split(' ');
                    let table = words.next().unwrap_or_default().to_owned();
                    let at = words
                        .next()
                        .and_then(|ms| ms.parse::<i64>().ok())
                        .and_then(DateTime::from_timestamp_millis);
                    let c = change.get_or_insert_with(|| Change {
                        tables: Vec::new(),
                        made_at: None,
                    });
                    if !c.tables.contains(&table) {
                        c.tables.push(table);
                    }
                    c.made_at = match (c.made_at, at) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                Ok(change)
            }
        }
    }
}
