//! Accounts as database roles on `PostgreSQL` (schema version 11): each account signs in to the
//! server as its own login role, a member of its database's reviewer or supervisor group, so
//! the server itself holds a desk to its account's rights (`sql/pg/V11__account_roles.sql`).
//!
//! The program names the role before connecting ([`account_role`]); the server makes and
//! changes roles only in `idphoto_sync_account`, a function of the schema owner, which this
//! module calls inside the store's own write transactions. Nothing here runs on `SQLite`.

use std::fmt::Write;

use sha2::{Digest, Sha256};

use super::db::Dialect;
use super::db::prelude::*;
use super::error::StoreResult;

/// The login role of account `login` in database `dbname`: `idp_` and 16 hex digits of
/// SHA-256(database NUL login name with ASCII case folded). A hash, because login names may be
/// long or Chinese and role names are at most 63 bytes; the database is in it because roles
/// belong to the whole server, which may hold several studios' databases (and the tests' many).
/// The server's `idphoto_account_role` computes the same name.
pub fn account_role(dbname: &str, login: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(dbname.as_bytes());
    hasher.update([0]);
    hasher.update(login.to_ascii_lowercase().as_bytes());
    let digest = hasher.finalize();
    digest
        .iter()
        .take(8)
        .fold(String::from("idp_"), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The SCRAM-SHA-256 verifier of `password`, which is all the server stores and all the
/// program sends it: the password itself never reaches the server, its logs or
/// `pg_stat_activity`.
fn verifier(password: &str) -> String {
    postgres_protocol::password::scram_sha_256(password.as_bytes())
}

/// Brings the login role of account `user_id` in line with its row (created with `password`,
/// or given it; LOGIN unless disabled; in its role's group), inside the caller's transaction so
/// the row and the role change together. Without a password, an account that has no role yet
/// keeps none. A no-op on `SQLite`.
pub(super) fn sync_account(
    conn: &Connection,
    user_id: i64,
    password: Option<&str>,
) -> StoreResult<()> {
    if conn.dialect() != Dialect::Postgres {
        return Ok(());
    }
    let verifier = password.map(verifier);
    conn.query_row(
        "SELECT idphoto_sync_account(?1, ?2)",
        params![user_id, verifier],
        |_| Ok(()),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_fold_ascii_case_and_depend_on_the_database() {
        // The same as the server's idphoto_account_role('LiJing') in database "sqltry".
        assert_eq!(account_role("sqltry", "LiJing"), "idp_5cd6f069232fd6ff");
        assert_eq!(account_role("sqltry", "lijing"), "idp_5cd6f069232fd6ff");
        assert_ne!(
            account_role("other", "lijing"),
            account_role("sqltry", "lijing")
        );
        let chinese = account_role("idphoto", "李静");
        assert!(chinese.len() == 20 && chinese.is_ascii(), "{chinese}");
    }

    #[test]
    fn only_a_verifier_goes_to_the_server() {
        let v = verifier("correct horse");
        assert!(v.starts_with("SCRAM-SHA-256$4096:"), "{v}");
        assert!(!v.contains("correct horse"));
    }
}
