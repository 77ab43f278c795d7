//! The `PostgreSQL` side of the seam (rust-postgres, sync): connecting with the password from
//! the usual places, `?N` placeholders as `$N`, values converted to the type the server
//! inferred, errors sorted into the same kinds as `SQLite`'s, and the writer lock.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::error::SqlState;
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, NoTls, Statement};

use super::error::{DbError, DbResult};
use super::value::{Row, Value};
use crate::store::location::PgTarget;

/// Key of the transaction-scoped advisory lock every write transaction takes first, so writers
/// run one at a time as on `SQLite` ("idph" in ASCII).
const WRITER_LOCK: i64 = 0x6964_7068;

/// An open connection to a `PostgreSQL` database.
pub struct PgConn {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
    /// `user@host:port/db`, for messages: never the password.
    host: String,
}

impl PgConn {
    /// Connects to `target`, taking the password from the URL, `PGPASSWORD` or `~/.pgpass`.
    pub fn connect(target: &PgTarget) -> DbResult<Self> {
        let config = target.config_with_password();
        let host = target.display();
        let client = config
            .connect(NoTls)
            .map_err(|e| connect_error(&e, &host))?;
        Ok(Self {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            host,
        })
    }

    fn statement(&self, sql: &str) -> DbResult<Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let translated = translate(sql);
        let stmt = self
            .client
            .borrow_mut()
            .prepare(&translated)
            .map_err(|e| self.error(&e))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }

    pub(super) fn exec(&self, sql: &str, params: &[Value]) -> DbResult<u64> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        self.client
            .borrow_mut()
            .execute(&stmt, &refs)
            .map_err(|e| self.error(&e))
    }

    pub(super) fn query(&self, sql: &str, params: &[Value]) -> DbResult<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        let rows = self
            .client
            .borrow_mut()
            .query(&stmt, &refs)
            .map_err(|e| self.error(&e))?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| r.try_get::<_, Value>(i).map_err(|e| self.error(&e)))
                    .collect::<DbResult<Vec<_>>>()
                    .map(Row::new)
            })
            .collect()
    }

    /// Runs several statements (migrations); no parameters.
    pub fn batch(&self, sql: &str) -> DbResult<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(|e| self.error(&e))
    }

    /// A write transaction: serial with every other writer from its first statement.
    pub(super) fn begin(&self) -> DbResult<PgTx<'_>> {
        self.batch("BEGIN")?;
        let tx = PgTx {
            conn: self,
            open: true,
        };
        tx.conn.exec(
            "SELECT pg_advisory_xact_lock(?1)",
            &[Value::Int(WRITER_LOCK)],
        )?;
        Ok(tx)
    }

    /// Whether the server connection is gone (the session cannot continue).
    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// The notifications that have arrived on the channels this connection listens to, as
    /// `(sending backend's process id, payload)`, waiting at most a millisecond for the
    /// socket (the non-waiting iterator only drains what was read already).
    pub fn take_notifications(&self) -> DbResult<Vec<(i32, String)>> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut client = self.client.borrow_mut();
        let mut out = Vec::new();
        {
            let mut notifications = client.notifications();
            let first = notifications
                .timeout_iter(std::time::Duration::from_millis(1))
                .next()
                .map_err(|e| classify(&e, &self.host))?;
            if let Some(n) = first {
                out.push((n.process_id(), n.payload().to_owned()));
                let mut queued = notifications.iter();
                while let Some(n) = queued.next().map_err(|e| classify(&e, &self.host))? {
                    out.push((n.process_id(), n.payload().to_owned()));
                }
            }
        }
        if client.is_closed() {
            return Err(DbError::Unreachable {
                host: self.host.clone(),
                detail: "the connection was closed".to_owned(),
            });
        }
        Ok(out)
    }

    fn error(&self, e: &postgres::Error) -> DbError {
        classify(e, &self.host)
    }
}

/// An open `PostgreSQL` transaction; rolled back when dropped uncommitted.
pub struct PgTx<'a> {
    conn: &'a PgConn,
    open: bool,
}

impl PgTx<'_> {
    pub(super) fn conn(&self) -> &PgConn {
        self.conn
    }

    pub(super) fn commit(mut self) -> DbResult<()> {
        self.open = false;
        self.conn.batch("COMMIT")
    }
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A failed rollback leaves the connection unusable, which the next statement reports.
            if let Err(e) = self.conn.batch("ROLLBACK") {
                tracing::warn!(error = %e, "rollback failed");
            }
        }
    }
}

/// `?N` placeholders as `$N`, outside quoted text. `SQLite`'s planner hints go: `INDEXED BY
/// name` is dropped, and `CROSS JOIN t ON …` (a join order for `SQLite`) is a plain join.
pub(crate) fn translate(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            None => out.push(c),
        }
    }
    strip_indexed_by(&out).replace("CROSS JOIN ", "JOIN ")
}

fn strip_indexed_by(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find("INDEXED BY ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "INDEXED BY ".len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn connect_error(e: &postgres::Error, host: &str) -> DbError {
    match e.code() {
        // A NOLOGIN role with the right password (pg_hba.conf refusals share the code, and
        // name the file whatever the server's language).
        Some(c)
            if *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                && !server_message(e).contains("pg_hba") =>
        {
            DbError::LoginNotPermitted {
                host: host.to_owned(),
                detail: server_message(e),
            }
        }
        Some(c) if *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
            DbError::RefusedByConfig {
                host: host.to_owned(),
                detail: server_message(e),
            }
        }
        Some(c) if *c == SqlState::INVALID_PASSWORD => DbError::AuthFailed {
            host: host.to_owned(),
        },
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => DbError::NoSuchDatabase {
            host: host.to_owned(),
        },
        Some(_) => classify(e, host),
        None if transport_message(e).contains("password missing") => DbError::NoPassword {
            host: host.to_owned(),
        },
        None => transport_error(e, host),
    }
}

/// A failure below the protocol: refused and timed-out connections get their own kinds (and
/// sentences); anything else keeps the system's words.
fn transport_error(e: &postgres::Error, host: &str) -> DbError {
    let host = host.to_owned();
    let io_kind = e
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    match io_kind {
        Some(std::io::ErrorKind::ConnectionRefused) => DbError::Refused { host },
        Some(std::io::ErrorKind::TimedOut) => DbError::TimedOut { host },
        _ if transport_message(e).contains("timed out") => DbError::TimedOut { host },
        _ => DbError::Unreachable {
            host,
            detail: transport_message(e),
        },
    }
}

fn classify(e: &postgres::Error, host: &str) -> DbError {
    let Some(code) = e.code() else {
        if e.is_closed() || e.source().is_some_and(<dyn StdError>::is::<std::io::Error>) {
            return transport_error(e, host);
        }
        return DbError::Postgres(e.to_string());
    };
    if *code == SqlState::T_R_SERIALIZATION_FAILURE
        || *code == SqlState::T_R_DEADLOCK_DETECTED
        || *code == SqlState::LOCK_NOT_AVAILABLE
    {
        DbError::Busy
    } else if code.code().starts_with("23") || *code == SqlState::RAISE_EXCEPTION {
        DbError::Constraint(server_message(e))
    } else if code.code().starts_with("08") || code.code().starts_with("57P") {
        DbError::Unreachable {
            host: host.to_owned(),
            detail: server_message(e),
        }
    } else {
        DbError::Postgres(server_message(e))
    }
}

fn server_message(e: &postgres::Error) -> String {
    e.as_db_error()
        .map_or_else(|| e.to_string(), |d| d.message().to_owned())
}

/// The transport failure in one line ("Connection refused (os error 111)").
fn transport_message(e: &postgres::Error) -> String {
    e.source()
        .map_or_else(|| e.to_string(), ToString::to_string)
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Self::Null => Ok(IsNull::Yes),
            Self::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ => i.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            Self::Real(f) => match *ty {
                #[allow(clippy::cast_possible_truncation)]
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => f.to_sql(&Type::FLOAT8, out),
            },
            Self::Text(s) => s.as_str().to_sql(&Type::TEXT, out),
            Self::Blob(b) => b.as_slice().to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(match *ty {
            Type::INT8 => Self::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Self::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Self::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::OID => Self::Int(i64::from(u32::from_sql(ty, raw)?)),
            Type::BOOL => Self::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::FLOAT8 => Self::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Self::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Self::Blob(raw.to_vec()),
            _ => Self::Text(String::from_utf8(raw.to_vec())?),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Self::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC in binary form (what `SUM` and `AVG` of integers return): an integer when it has
/// no fraction and fits, a real number otherwise.
fn numeric(raw: &[u8]) -> Result<Value, Box<dyn StdError + Sync + Send>> {
    let word = |i: usize| -> Result<u16, Box<dyn StdError + Sync + Send>> {
        raw.get(i * 2..i * 2 + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "truncated NUMERIC".into())
    };
    let ndigits = usize::from(word(0)?);
    let weight = i32::from(word(1)?.cast_signed());
    let sign = word(2)?;
    let dscale = word(3)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let mut int: Option<i64> = (dscale == 0).then_some(0);
    let mut real = 0.0_f64;
    for i in 0..ndigits {
        let digit = i64::from(word(4 + i)?);
        let power = weight - i32::try_from(i)?;
        real += digit as f64 * 10_000_f64.powi(power);
        int = int.and_then(|acc| {
            let scale = u32::try_from(power)
                .ok()
                .and_then(|p| 10_000_i64.checked_pow(p))?;
            acc.checked_add(digit.checked_mul(scale)?)
        });
    }
    let negative = sign == 0x4000;
    Ok(match int {
        Some(i) => Value::Int(if negative { -i } else { i }),
        None => Value::Real(if negative { -real } else { real }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes_and_planner_hints_go() {
        assert_eq!(
            translate(
                "SELECT '?1', x FROM t INDEXED BY t_x CROSS JOIN u ON u.id = t.u WHERE a = ?1 AND b = ?12"
            ),
            "SELECT '?1', x FROM t  JOIN u ON u.id = t.u WHERE a = $1 AND b = $12"
        );
        assert_eq!(translate("SELECT ? FROM t"), "SELECT ? FROM t");
    }

    #[test]
    fn numerics_decode_as_integers_or_reals() {
        // 12345 = digits [1, 2345], weight 1, scale 0.
        let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0, 1, 0x09, 0x29];
        assert_eq!(numeric(&raw).unwrap(), Value::Int(12_345));
        // -2.5 = digits [2, 5000], weight 0, negative, scale 1.
        let raw = [0, 2, 0, 0, 0x40, 0, 0, 1, 0, 2, 0x13, 0x88];
        assert_eq!(numeric(&raw).unwrap(), Value::Real(-2.5));
        // Zero has no digits.
        assert_eq!(numeric(&[0, 0, 0, 0, 0, 0, 0, 0]).unwrap(), Value::Int(0));
        assert!(numeric(&[0, 2, 0]).is_err());
    }
}
