//! Accounts: salted argon2 password hashes, roles, signing in, and the role check every
//! restricted store call makes inside its own transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Store;
use super::audit::{NewAudit, append};
use super::db::prelude::*;
use super::error::{StoreError, StoreResult};
use super::password::hash_password;
use super::pg_roles::sync_account;
use super::time::{from_db, to_db};
use crate::domain::role::{Action, Actor, Role, check_login_name, check_password};

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
        // On PostgreSQL the account's own login role, in the same transaction as its row.
        sync_account(&tx, id, Some(user.password))?;
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
        // A disabled account's role may no longer log in at all.
        sync_account(&tx, target.id, None)?;
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
        // Also makes the login role of an account that had none (made before version 11,
        // migrated from SQLite).
        sync_account(&tx, target.id, Some(password))?;
        let detail = serde_json::json!({});
        audit_user(&tx, &actor.name, "user.set_password", &target, detail, now)?;
        tx.commit()?;
        self.password_changed(target.id, password);
        Ok(())
    }

    /// Re-reads `by`'s account and checks `action` against its stored role, without writing:
    /// for refusing early, before slow work whose writing transaction checks again.
    pub fn check_account(&self, by: &Actor, action: Action) -> StoreResult<Actor> {
        verify_actor(&self.conn, by, action)
    }
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

pub(super) fn role_of(code: &str) -> StoreResult<Role> {
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
