//! Signing in: on `SQLite` against the account's argon2 hash; on `PostgreSQL` by connecting as
//! the account's own database role with the typed password, so the server checks it and every
//! statement after sign-in runs with that account's rights. Failures are counted and audited
//! the same way on both, and throttled per typed name whichever desk tries.

use chrono::{DateTime, Utc};

use super::audit::{NewAudit, append};
use super::db::pg::PgConn;
use super::db::prelude::*;
use super::db::{Conn, Dialect, Sql};
use super::error::{StoreError, StoreResult};
use super::location::{DbLocation, PgTarget};
use super::password::{dummy_hash, verify_password};
use super::pg_roles::{account_role, sync_account};
use super::time::to_db;
use super::users::role_of;
use super::{Session, Store};
use crate::domain::role::{Actor, sign_in_delay_secs};

/// Typed names are cut to this length before they are counted or audited.
const MAX_FAILURE_KEY_CHARS: usize = 64;

impl Store {
    /// Signs in at the wall clock's time (see [`Store::authenticate_at`]).
    pub fn authenticate(&mut self, name: &str, password: &str) -> StoreResult<Actor> {
        self.authenticate_at(name, password, Utc::now())
    }

    /// Signs in. An unknown name and a wrong password get the same error (and take the same
    /// time), so the message does not tell which accounts exist; a disabled account is named
    /// only after its password was right. Every failure is audited (`auth.failed`). After
    /// repeated failures on one name, that name must wait [`sign_in_delay_secs`] before the
    /// next try, whichever desk or process tries: the count lives in the database, and is kept
    /// for unknown names too so the wait tells nothing either. A success clears the count.
    ///
    /// On `PostgreSQL` the store then works over the account's own connection: everything
    /// after sign-in runs with that account's rights on the server, and
    /// [`Store::session_location`] reconnects as it.
    pub fn authenticate_at(
        &mut self,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Actor> {
        // Counted per name as it compares: ASCII case folded, as login names are.
        let key: String = name
            .chars()
            .take(MAX_FAILURE_KEY_CHARS)
            .collect::<String>()
            .to_ascii_lowercase();
        let failures = self.wait_if_throttled(&key, now)?;
        match self.location.clone() {
            DbLocation::Postgres(target) => {
                self.sign_in_as_role(&target, &key, failures, name, password, now)
            }
            DbLocation::Sqlite(_) => self.sign_in_with_hash(&key, failures, name, password, now),
        }
    }

    /// Refuses (and audits) a try that comes before the name's wait is over; returns the
    /// name's failures so far.
    fn wait_if_throttled(&self, key: &str, now: DateTime<Utc>) -> StoreResult<u32> {
        let (failures, last_failed_ms) = failures_of(&self.conn, key)?;
        let wait_ms = i64::try_from(sign_in_delay_secs(failures))
            .unwrap_or(i64::MAX)
            .saturating_mul(1000);
        let ready_ms = last_failed_ms.saturating_add(wait_ms);
        if now.timestamp_millis() < ready_ms {
            let left_ms = ready_ms - now.timestamp_millis();
            self.sign_in_failed(key, failures, "throttled", false, now)?;
            return Err(StoreError::SignInThrottled {
                name: key.to_owned(),
                // Rounded up: "wait 0 s" would invite an immediate retry.
                secs: u64::try_from((left_ms + 999) / 1000).unwrap_or(u64::MAX),
            });
        }
        Ok(failures)
    }

    fn sign_in_with_hash(
        &self,
        key: &str,
        failures: u32,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Actor> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, name, role, disabled, password_hash, display_name FROM users
                 WHERE lower(name) = lower(?1)",
            )?
            .query_row([name], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .optional()?;
        let Some((user_id, name, role, disabled, hash, display_name)) = found else {
            let _ = verify_password(password, dummy_hash());
            self.sign_in_failed(key, failures, "wrong name or password", true, now)?;
            return Err(StoreError::LoginFailed);
        };
        if !verify_password(password, &hash) {
            self.sign_in_failed(key, failures, "wrong name or password", true, now)?;
            return Err(StoreError::LoginFailed);
        }
        self.conn
            .prepare_cached("DELETE FROM sign_in_failures WHERE name = ?1")?
            .execute([key])?;
        if disabled {
            self.sign_in_failed(key, 0, "account disabled", false, now)?;
            return Err(StoreError::AccountDisabled(name));
        }
        Ok(Actor {
            user_id,
            name,
            display_name,
            role: role_of(&role)?,
        })
    }

    /// Connects as the account's role with the typed password: the server checks it (a
    /// missing role and a wrong password are the same refusal, as they take the same time
    /// there), and a disabled account's role may not log in at all.
    fn sign_in_as_role(
        &mut self,
        target: &PgTarget,
        key: &str,
        failures: u32,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Actor> {
        let role = account_role(&target.dbname(), name);
        let login = target.as_login(&role, password);
        let conn = match PgConn::connect(&login) {
            Ok(c) => Conn::Postgres(Box::new(c)),
            Err(DbError::LoginNotPermitted { .. }) => {
                self.sign_in_failed(key, failures, "account disabled", false, now)?;
                return Err(StoreError::AccountDisabled(name.to_owned()));
            }
            // The server's configuration refuses account roles (pg_hba.conf names only the
            // gate): not the password's fault, so neither counted nor shown as one.
            Err(e @ DbError::RefusedByConfig { .. }) => {
                return Err(e.into());
            }
            Err(DbError::AuthFailed { .. }) => {
                let without_role: bool = self.conn.query_row(
                    "SELECT idphoto_account_without_role(?1)",
                    [name],
                    |r| r.get(0),
                )?;
                if without_role && self.adopt_account(name, password)? {
                    Conn::Postgres(Box::new(PgConn::connect(&login)?))
                } else {
                    let why = if without_role {
                        "no database role"
                    } else {
                        "wrong name or password"
                    };
                    self.sign_in_failed(key, failures, why, true, now)?;
                    return Err(if without_role {
                        StoreError::NoDatabaseRole(name.to_owned())
                    } else {
                        StoreError::LoginFailed
                    });
                }
            }
            Err(e) => return Err(e.into()),
        };
        let found = conn
            .query_row(
                "SELECT id, name, role, disabled, display_name FROM users
                 WHERE db_role = session_user::text",
                (),
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, bool>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        // A role of this name whose account does not record it (a database restored under
        // another name) is not the account's until its password is set again here.
        let Some((user_id, name, role_code, disabled, display_name)) = found else {
            return Err(StoreError::NoDatabaseRole(name.to_owned()));
        };
        if disabled {
            self.sign_in_failed(key, failures, "account disabled", false, now)?;
            return Err(StoreError::AccountDisabled(name));
        }
        conn.query_row("SELECT idphoto_signed_in()", (), |_| Ok(()))?;
        let actor = Actor {
            user_id,
            name,
            display_name,
            role: role_of(&role_code)?,
        };
        self.conn = conn;
        self.watch = None;
        self.session = Some(Session {
            target: login,
            role,
            user_id,
        });
        Ok(actor)
    }

    /// Gives an account that has no role yet (made before version 11, or migrated from
    /// `SQLite`) its role, with the password it has: only over the owner's connection, the one
    /// that may read the argon2 hash and make roles. Returns whether it did; the gate never
    /// can (nor can anyone who does not know the account's password).
    fn adopt_account(&mut self, name: &str, password: &str) -> StoreResult<bool> {
        // The owner's connection only: on any other the statement is refused.
        let owner: bool = self.conn.query_row(
            "SELECT pg_has_role(session_user, (SELECT tableowner FROM pg_tables
                 WHERE schemaname = 'public' AND tablename = 'users'), 'MEMBER')",
            (),
            |r| r.get(0),
        )?;
        if !owner {
            return Ok(false);
        }
        let tx = self.conn.write_tx()?;
        let row = tx
            .query_row(
                "SELECT id, password_hash FROM users WHERE lower(name) = lower(?1) AND disabled = 0",
                [name],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?;
        let Some((user_id, _)) = row.filter(|(_, h)| verify_password(password, h)) else {
            return Ok(false);
        };
        sync_account(&tx, user_id, Some(password))?;
        tx.commit()?;
        Ok(true)
    }

    /// Audits a failed sign-in and, when `count` is set, adds it to the name's failures. On
    /// `PostgreSQL` through the gate's functions: the connection before sign-in may write no
    /// table itself.
    fn sign_in_failed(
        &self,
        key: &str,
        failures: u32,
        why: &str,
        count: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tx = self.conn.write_tx_shared()?;
        if tx.dialect() == Dialect::Postgres {
            tx.query_row(
                "SELECT idphoto_sign_in_failed(?1, ?2, ?3, ?4, ?5)",
                params![key, why, count, to_db(now), now.timestamp_millis()],
                |_| Ok(()),
            )?;
            tx.commit()?;
            return Ok(());
        }
        let failures = if count {
            tx.prepare_cached(
                "INSERT INTO sign_in_failures (name, failures, last_failed_at) VALUES (?1, 1, ?2)
                 ON CONFLICT (name) DO UPDATE SET
                     failures = sign_in_failures.failures + 1, last_failed_at = excluded.last_failed_at",
            )?
            .execute(params![key, now.timestamp_millis()])?;
            failures.saturating_add(1)
        } else {
            failures
        };
        append(
            &tx,
            &NewAudit {
                at: now,
                // Nobody signed in: the typed name goes in the detail, never as the actor.
                actor: "-",
                action: "auth.failed",
                campaign_id: None,
                case_id: None,
                submission_id: None,
                detail: serde_json::json!({ "name": key, "why": why, "failures": failures }),
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// `(consecutive failures, unix milliseconds of the last one)` for a typed login name.
fn failures_of(conn: &Connection, key: &str) -> StoreResult<(u32, i64)> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => "SELECT failures, last_failed_at FROM sign_in_failures WHERE name = ?1",
        Dialect::Postgres => "SELECT failures, last_failed_at FROM idphoto_sign_in_failures(?1)",
    };
    let row = conn
        .prepare_cached(sql)?
        .query_row([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .optional()?;
    Ok(row.map_or((0, 0), |(n, at)| (u32::try_from(n).unwrap_or(u32::MAX), at)))
}
