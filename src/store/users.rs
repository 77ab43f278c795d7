//! Accounts: salted argon2 password hashes, roles, signing in, and the role check every
//! restricted store call makes inside its own transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::password::{dummy_hash, hash_password, verify_password};
use super::time::{from_db, to_db};
use crate::domain::role::{
    Action, Actor, Role, check_login_name, check_password, sign_in_delay_secs,
};

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub name: &'a str,
    /// Shown in the window and in histories (e.g. 李静); defaults to the login name when empty.
    pub display_name: &'a str,
    pub role: Role,
    pub password: &'a str,
}

/// An account as listed (never its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserInfo {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl UserInfo {
    /// This account as the one acting, for callers that already know who acts (the demo
    /// builder, tests). Grants nothing by itself: every write re-checks the stored account.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            name: self.name.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
        }
    }
}

const USER_COLUMNS: &str = "id, name, display_name, role, disabled, created_at";

impl Store {
    /// Adds an account. `by` is the supervisor adding it; `None` is accepted only for the first
    /// account of a database, which must be a supervisor (so someone can manage the rest).
    pub fn add_user(
        &mut self,
        by: Option<&Actor>,
        user: &NewUser<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<UserInfo> {
        check_login_name(user.name)?;
        check_password(user.password)?;
        // Hash before the write lock: argon2 is deliberately slow.
        let hash = hash_password(user.password)?;
        let tx = self.conn.write_tx()?;
        let actor_name = if let Some(actor) = by {
            verify_actor(&tx, actor, Action::ManageUsers)?.name
        } else {
            let any: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM users)", (), |r| r.get(0))?;
            if any {
                return Err(StoreError::SignInRequired);
            }
            if user.role != Role::Supervisor {
                return Err(StoreError::FirstAccountNotSupervisor);
            }
            user.name.to_owned()
        };
        if user_in(&tx, user.name)?.is_some() {
            return Err(StoreError::DuplicateUser(user.name.to_owned()));
        }
        let display = Some(user.display_name.trim())
            .filter(|d| !d.is_empty())
            .unwrap_or(user.name);
        let id: i64 = tx.query_row(
            "INSERT INTO users (name, display_name, role, password_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            params![user.name, display, user.role.code(), hash, to_db(now)],
            |r| r.get(0),
        )?;
        append(
            &tx,
            &NewAudit {
                at: now,
                actor: &actor_name,
                action: "user.add",
                campaign_id: None,
                case_id: None,
                submission_id: None,
                detail: serde_json::json!({
                    "user_id": id, "name": user.name, "display_name": display,
                    "role": user.role.code(), "first_account": by.is_none(),
                }),
            },
        )?;
        tx.commit()?;
        self.user(user.name)
    }

    /// Every account, by login name.
    pub fn list_users(&self) -> StoreResult<Vec<UserInfo>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map((), user_row)?;
        rows.map(|r| r?).collect()
    }

    /// One account by login name (any case).
    pub fn user(&self, name: &str) -> StoreResult<UserInfo> {
        user_in(&self.conn, name)?.ok_or_else(|| StoreError::UnknownUser(name.to_owned()))
    }

    /// Disables an account: it can no longer sign in or act. Its history stays.
    pub fn disable_user(&mut self, by: &Actor, name: &str, now: DateTime<Utc>) -> StoreResult<()> {
        self.set_disabled(by, name, true, now)
    }

    /// Enables a disabled account again.
    pub fn enable_user(&mut self, by: &Actor, name: &str, now: DateTime<Utc>) -> StoreResult<()> {
        self.set_disabled(by, name, false, now)
    }

    fn set_disabled(
        &mut self,
        by: &Actor,
        name: &str,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tx = self.conn.write_tx()?;
        let actor = verify_actor(&tx, by, Action::ManageUsers)?;
        let target = user_in(&tx, name)?.ok_or_else(|| StoreError::UnknownUser(name.to_owned()))?;
        if disabled && target.role == Role::Supervisor && !target.disabled {
            let supervisors: i64 = tx.query_row(
                "SELECT COUNT(*) FROM users WHERE role = 'supervisor' AND disabled = 0",
                (),
                |r| r.get(0),
            )?;
            if supervisors <= 1 {
                return Err(StoreError::LastSupervisor(target.name));
            }
        }
        tx.execute(
            "UPDATE users SET disabled = ?2 WHERE id = ?1",
            params![target.id, disabled],
        )?;
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        audit_user(
            &tx,
            &actor.name,
            action,
            &target,
            serde_json::json!({}),
            now,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Sets a new password: a supervisor for anyone, everyone for their own account.
    pub fn set_password(
        &mut self,
        by: &Actor,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        check_password(password)?;
        let hash = hash_password(password)?;
        let tx = self.conn.write_tx()?;
        let target = user_in(&tx, name)?.ok_or_else(|| StoreError::UnknownUser(name.to_owned()))?;
        let actor = if target.id == by.user_id {
            verify_actor(&tx, by, Action::Decide)?
        } else {
            verify_actor(&tx, by, Action::ManageUsers)?
        };
        tx.execute(
            "UPDATE users SET password_hash = ?2 WHERE id = ?1",
            params![target.id, hash],
        )?;
        let detail = serde_json::json!({});
        audit_user(&tx, &actor.name, "user.set_password", &target, detail, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Re-reads `by`'s account and checks `action` against its stored role, without writing:
    /// for refusing early, before slow work whose writing transaction checks again.
    pub fn check_account(&self, by: &Actor, action: Action) -> StoreResult<Actor> {
        verify_actor(&self.conn, by, action)
    }

    /// Signs in at the wall clock's time (see [`Store::authenticate_at`]).
    pub fn authenticate(&self, name: &str, password: &str) -> StoreResult<Actor> {
        self.authenticate_at(name, password, Utc::now())
    }

    /// Signs in. An unknown name and a wrong password get the same error (and take the same
    /// time), so the message does not tell which accounts exist; a disabled account is named
    /// only after its password was right. Every failure is audited (`auth.failed`). After
    /// repeated failures on one name, that name must wait [`sign_in_delay_secs`] before the
    /// next try, whichever desk or process tries: the count lives in the database, and is kept
    /// for unknown names too so the wait tells nothing either. A success clears the count.
    pub fn authenticate_at(
        &self,
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
        let (failures, last_failed_ms) = failures_of(&self.conn, &key)?;
        let wait_ms = i64::try_from(sign_in_delay_secs(failures))
            .unwrap_or(i64::MAX)
            .saturating_mul(1000);
        let ready_ms = last_failed_ms.saturating_add(wait_ms);
        if now.timestamp_millis() < ready_ms {
            let left_ms = ready_ms - now.timestamp_millis();
            self.sign_in_failed(&key, failures, "throttled", false, now)?;
            return Err(StoreError::SignInThrottled {
                name: key,
                // Rounded up: "wait 0 s" would invite an immediate retry.
                secs: u64::try_from((left_ms + 999) / 1000).unwrap_or(u64::MAX),
            });
        }
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
            self.sign_in_failed(&key, failures, "wrong name or password", true, now)?;
            return Err(StoreError::LoginFailed);
        };
        if !verify_password(password, &hash) {
            self.sign_in_failed(&key, failures, "wrong name or password", true, now)?;
            return Err(StoreError::LoginFailed);
        }
        self.conn
            .prepare_cached("DELETE FROM sign_in_failures WHERE name = ?1")?
            .execute([&key])?;
        if disabled {
            self.sign_in_failed(&key, 0, "account disabled", false, now)?;
            return Err(StoreError::AccountDisabled(name));
        }
        let role = role_of(&role)?;
        Ok(Actor {
            user_id,
            name,
            display_name,
            role,
        })
    }

    /// Audits a failed sign-in and, when `count` is set, adds it to the name's failures.
    fn sign_in_failed(
        &self,
        key: &str,
        failures: u32,
        why: &str,
        count: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tx = self.conn.write_tx_shared()?;
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

/// Typed names are cut to this length before they are counted or audited.
const MAX_FAILURE_KEY_CHARS: usize = 64;

/// `(consecutive failures, unix milliseconds of the last one)` for a typed login name.
fn failures_of(conn: &Connection, key: &str) -> StoreResult<(u32, i64)> {
    let row = conn
        .prepare_cached("SELECT failures, last_failed_at FROM sign_in_failures WHERE name = ?1")?
        .query_row([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .optional()?;
    Ok(row.map_or((0, 0), |(n, at)| (u32::try_from(n).unwrap_or(u32::MAX), at)))
}

/// Re-reads the acting account inside the caller's transaction and checks `action` against its
/// stored role: an account disabled or demoted since sign-in can no longer act, and an
/// [`Actor`] built by hand gains nothing.
pub(super) fn verify_actor(conn: &Connection, actor: &Actor, action: Action) -> StoreResult<Actor> {
    let row = conn
        .prepare_cached("SELECT name, role, disabled, display_name FROM users WHERE id = ?1")?
        .query_row([actor.user_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .optional()?;
    let Some((name, role, disabled, display_name)) =
        row.filter(|(n, ..)| n.eq_ignore_ascii_case(&actor.name))
    else {
        return Err(StoreError::UnknownUser(actor.name.clone()));
    };
    if disabled {
        return Err(StoreError::AccountDisabled(name));
    }
    let fresh = Actor {
        user_id: actor.user_id,
        name,
        display_name,
        role: role_of(&role)?,
    };
    fresh.require(action)?;
    Ok(fresh)
}

/// An enabled account by name, inside the caller's transaction.
pub(super) fn enabled_user(conn: &Connection, name: &str) -> StoreResult<UserInfo> {
    match user_in(conn, name)? {
        Some(u) if u.disabled => Err(StoreError::AccountDisabled(u.name)),
        Some(u) => Ok(u),
        None => Err(StoreError::UnknownUser(name.to_owned())),
    }
}

fn user_in(conn: &Connection, name: &str) -> StoreResult<Option<UserInfo>> {
    // Login names compare with ASCII case folded (`COLLATE NOCASE` on SQLite, an index on
    // `lower(name)` on PostgreSQL).
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE lower(name) = lower(?1)");
    conn.prepare_cached(&sql)?
        .query_row([name], user_row)
        .optional()?
        .transpose()
}

fn user_row(r: &Row) -> DbResult<StoreResult<UserInfo>> {
    let role: String = r.get(3)?;
    let created: i64 = r.get(5)?;
    let (id, name, display_name, disabled) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(4)?);
    Ok((|| {
        Ok(UserInfo {
            id,
            name,
            display_name,
            role: role_of(&role)?,
            disabled,
            created_at: from_db(created)?,
        })
    })())
}

fn role_of(code: &str) -> StoreResult<Role> {
    Role::from_code(code).ok_or_else(|| StoreError::Corrupt(format!("unknown role {code:?}")))
}

fn audit_user(
    conn: &Connection,
    actor: &str,
    action: &str,
    target: &UserInfo,
    mut detail: serde_json::Value,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    detail["user_id"] = target.id.into();
    detail["name"] = target.name.clone().into();
    append(
        conn,
        &NewAudit {
            at: now,
            actor,
            action,
            campaign_id: None,
            case_id: None,
            submission_id: None,
            detail,
        },
    )
}

#[cfg(test)]
mod tests;
