//! The seam between the store and its two backends.
//!
//! Every query of the store is written once, in the SQL both `SQLite` and `PostgreSQL` accept,
//! with `?N` placeholders, and runs through [`Sql`]: on a connection ([`Conn`]) or inside a
//! transaction ([`Tx`]). The business steps (the photo being current, the claim, the role
//! re-check, the audit entry) therefore exist once. What differs per backend stays in
//! `sqlite.rs` and `pg.rs`: opening, placeholders, value conversion, error kinds, locking.
//!
//! Write transactions are serial on both backends: `BEGIN IMMEDIATE` on `SQLite`, and on
//! `PostgreSQL` a transaction-scoped advisory lock taken first. Readers never wait. A desk's
//! decision is a few milliseconds, so one writer at a time costs nothing a studio can see
//! (`docs/reliability.md` has the figures), and every check a transaction makes still holds
//! when it commits.

mod error;
pub mod pg;
mod sqlite;
mod value;

pub use error::{DbError, DbResult, OptionalExtension};
pub use value::params;
pub use value::{FromValue, Params, Row, RowIndex, ToValue, Value};

/// What the store's modules use to run SQL.
pub mod prelude {
    pub use super::{
        Connection, DbError, DbResult, OptionalExtension, Row, SqlExt, Tx, Value, params,
    };
}

/// Which SQL the connection speaks, for the few statements that must differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// What a connection or a transaction can run. Object-safe, so helpers take `&dyn Sql`
/// (named [`Connection`]) and work on either.
pub trait Sql {
    fn dialect(&self) -> Dialect;
    /// Runs one statement, returning the rows it changed.
    fn exec_values(&self, sql: &str, params: Vec<Value>) -> DbResult<u64>;
    /// Runs one query, returning every row.
    fn query_values(&self, sql: &str, params: Vec<Value>) -> DbResult<Vec<Row>>;
    /// Runs several statements without parameters (migrations, schema set-up).
    fn batch(&self, sql: &str) -> DbResult<()>;
}

/// What helpers that run inside the caller's transaction (or on the connection) take.
pub type Connection<'a> = dyn Sql + 'a;

/// The typed conveniences over [`Sql`], for any connection or transaction.
pub trait SqlExt: Sql {
    /// A statement to run; both backends cache the prepared form per SQL text.
    fn prepare_cached(&self, sql: &str) -> DbResult<Stmt<'_, Self>> {
        Ok(Stmt {
            db: self,
            sql: sql.to_owned(),
        })
    }

    fn prepare(&self, sql: &str) -> DbResult<Stmt<'_, Self>> {
        self.prepare_cached(sql)
    }

    fn execute(&self, sql: &str, params: impl Params) -> DbResult<u64> {
        self.exec_values(sql, params.into_values())
    }

    /// The first row mapped through `f`; [`DbError::NoRows`] when there is none.
    fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> DbResult<T>,
    ) -> DbResult<T> {
        let rows = self.query_values(sql, params.into_values())?;
        rows.first().map_or(Err(DbError::NoRows), f)
    }
}

impl<S: Sql + ?Sized> SqlExt for S {}

/// One statement bound to a connection or transaction, used like rusqlite's.
pub struct Stmt<'a, S: ?Sized> {
    db: &'a S,
    sql: String,
}

impl<S: Sql + ?Sized> Stmt<'_, S> {
    pub fn execute(&mut self, params: impl Params) -> DbResult<u64> {
        self.db.exec_values(&self.sql, params.into_values())
    }

    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row) -> DbResult<T>,
    ) -> DbResult<T> {
        let rows = self.db.query_values(&self.sql, params.into_values())?;
        rows.first().map_or(Err(DbError::NoRows), f)
    }

    /// Every row mapped through `f`, as an iterator of results (collect it).
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row) -> DbResult<T>,
    ) -> DbResult<std::vec::IntoIter<DbResult<T>>> {
        let rows = self.db.query_values(&self.sql, params.into_values())?;
        Ok(rows.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }

    /// The rows themselves.
    pub fn query(&mut self, params: impl Params) -> DbResult<Vec<Row>> {
        self.db.query_values(&self.sql, params.into_values())
    }

    pub fn exists(&mut self, params: impl Params) -> DbResult<bool> {
        Ok(!self
            .db
            .query_values(&self.sql, params.into_values())?
            .is_empty())
    }
}

/// An open database connection.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<pg::PgConn>),
}

impl Conn {
    /// A transaction that writes: serial with every other writer, from its first statement.
    pub fn write_tx(&mut self) -> DbResult<Tx<'_>> {
        match self {
            Self::Sqlite(c) => Ok(Tx::Sqlite(
                c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
            )),
            Self::Postgres(c) => Ok(Tx::Postgres(c.begin()?)),
        }
    }

    /// A write transaction from a shared borrow, for the rare `&self` method that must
    /// write (sign-in failures).
    pub fn write_tx_shared(&self) -> DbResult<Tx<'_>> {
        match self {
            Self::Sqlite(c) => Ok(Tx::Sqlite(rusqlite::Transaction::new_unchecked(
                c,
                rusqlite::TransactionBehavior::Immediate,
            )?)),
            Self::Postgres(c) => Ok(Tx::Postgres(c.begin()?)),
        }
    }

    /// The `SQLite` connection, for what only `SQLite` has (backup, pragmas, query plans).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Self::Sqlite(c) => Some(c),
            Self::Postgres(_) => None,
        }
    }
}

/// The connection a statement runs on, whether or not inside a transaction.
#[derive(Clone, Copy)]
enum Link<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(&'a pg::PgConn),
}

impl Link<'_> {
    fn dialect(self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    fn exec(self, sql: &str, params: &[Value]) -> DbResult<u64> {
        match self {
            Self::Sqlite(c) => sqlite::exec(c, sql, params),
            Self::Postgres(c) => c.exec(sql, params),
        }
    }

    fn query(self, sql: &str, params: &[Value]) -> DbResult<Vec<Row>> {
        match self {
            Self::Sqlite(c) => sqlite::query(c, sql, params),
            Self::Postgres(c) => c.query(sql, params),
        }
    }

    fn batch(self, sql: &str) -> DbResult<()> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Self::Postgres(c) => c.batch(sql),
        }
    }
}

/// A connection or a transaction: whatever statements run on.
trait Linked {
    fn link(&self) -> Link<'_>;
}

impl<T: Linked> Sql for T {
    fn dialect(&self) -> Dialect {
        self.link().dialect()
    }

    fn exec_values(&self, sql: &str, params: Vec<Value>) -> DbResult<u64> {
        self.link().exec(sql, &params)
    }

    fn query_values(&self, sql: &str, params: Vec<Value>) -> DbResult<Vec<Row>> {
        self.link().query(sql, &params)
    }

    fn batch(&self, sql: &str) -> DbResult<()> {
        self.link().batch(sql)
    }
}

impl Linked for Conn {
    fn link(&self) -> Link<'_> {
        match self {
            Self::Sqlite(c) => Link::Sqlite(c),
            Self::Postgres(c) => Link::Postgres(c),
        }
    }
}

/// An open transaction; dropping it without [`Tx::commit`] rolls back.
pub enum Tx<'a> {
    Sqlite(rusqlite::Transaction<'a>),
    Postgres(pg::PgTx<'a>),
}

impl Tx<'_> {
    pub fn commit(self) -> DbResult<()> {
        match self {
            Self::Sqlite(t) => Ok(t.commit()?),
            Self::Postgres(t) => t.commit(),
        }
    }
}

impl Linked for Tx<'_> {
    fn link(&self) -> Link<'_> {
        match self {
            Self::Sqlite(t) => Link::Sqlite(t),
            Self::Postgres(t) => Link::Postgres(t.conn()),
        }
    }
}
