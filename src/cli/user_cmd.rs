//! `user`: accounts of reviewers and supervisors.
//!
//! Who acts signs in with `--as NAME` and the password in `IDPHOTO_PASSWORD`. A new password
//! (for `add` and `passwd`) comes from `IDPHOTO_NEW_PASSWORD` or the first line of standard
//! input. The first account of a new database is added without `--as` and must be a supervisor;
//! that `user add` creates the database file when it does not exist yet.

use crate::i18n::{Msg, MsgContext};
use anyhow::Result;
use chrono::Utc;

use super::auth::{AsArgs, audited, read_new_password, sign_in, supervisor};
use super::output::outln;
use crate::domain::role::{Action, Role};
use crate::store::{NewUser, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Debug, clap::Subcommand)]
enum UserCommand {
    /// Add an account; password from `IDPHOTO_NEW_PASSWORD` or the first line of standard input
    Add {
        /// Login name (no spaces)
        name: String,
        /// reviewer or supervisor
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Name shown in the window and histories, e.g. 李静 [default: the login name]
        #[arg(long, value_name = "NAME", default_value = "")]
        display: String,
        /// Supervisor adding the account (password from `IDPHOTO_PASSWORD`); not needed for the
        /// first account of a new database
        #[arg(long = "as", value_name = "NAME")]
        as_user: Option<String>,
    },
    /// List accounts (never their passwords); supervisors only
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        by: AsArgs,
    },
    /// Disable an account: it can no longer sign in; its history stays
    Disable {
        name: String,
        #[command(flatten)]
        by: AsArgs,
    },
    /// Enable a disabled account again
    Enable {
        name: String,
        #[command(flatten)]
        by: AsArgs,
    },
    /// Set a new password (your own, or anyone's as a supervisor); new password as for `add`
    Passwd {
        name: String,
        /// Who changes it (password from `IDPHOTO_PASSWORD`)
        #[arg(long = "as", value_name = "NAME")]
        as_user: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_code(&s.trim().to_ascii_lowercase())
        .ok_or_else(|| format!("{s:?} is not a role: say reviewer or supervisor"))
}

pub fn run(db: &crate::store::DbLocation, args: &Args) -> Result<()> {
    let first_account = matches!(args.command, UserCommand::Add { as_user: None, .. });
    let mut store = if first_account {
        super::create_db(db)?
    } else {
        Store::open(db).ctx(Msg::new("cli-cannot-open-db"))?
    };
    let store = &mut store;
    let now = Utc::now();
    match &args.command {
        UserCommand::Add {
            name,
            role,
            display,
            as_user,
        } => {
            let by = match as_user {
                Some(n) => Some(sign_in(store, n)?),
                None => None,
            };
            let password = read_new_password(name)?;
            let user = NewUser {
                name,
                display_name: display,
                role: *role,
                password: &password,
            };
            let added = store
                .add_user(by.as_ref(), &user, now)
                .with_ctx(|| Msg::new("cli-cannot-add-account").arg("name", name))?;
            super::say(
                &Msg::new("cli-user-added")
                    .arg("role", added.role.code())
                    .arg("name", &added.name)
                    .arg("display", &added.display_name),
            );
        }
        UserCommand::List { json, by } => {
            audited(
                store,
                by,
                Action::ManageUsers,
                "user.list",
                serde_json::json!({}),
            )?;
            list(store, *json)?;
        }
        UserCommand::Disable { name, by } => {
            let actor = supervisor(store, by, Action::ManageUsers)?;
            store.disable_user(&actor, name, now)?;
            super::say(&Msg::new("cli-user-disabled").arg("name", name));
        }
        UserCommand::Enable { name, by } => {
            let actor = supervisor(store, by, Action::ManageUsers)?;
            store.enable_user(&actor, name, now)?;
            super::say(&Msg::new("cli-user-enabled").arg("name", name));
        }
        UserCommand::Passwd { name, as_user } => {
            let actor = sign_in(store, as_user)?;
            let password = read_new_password(name)?;
            store.set_password(&actor, name, &password, now)?;
            super::say(&Msg::new("cli-user-password").arg("name", name));
        }
    }
    Ok(())
}

fn list(store: &Store, json: bool) -> Result<()> {
    let users = store.list_users()?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&users)?);
        return Ok(());
    }
    for u in &users {
        outln!(
            "{:<20} {:<11} {:<9} {}",
            u.name,
            u.role.code(),
            if u.disabled { "disabled" } else { "enabled" },
            u.display_name
        );
    }
    if users.is_empty() {
        super::say(&Msg::new("cli-no-accounts"));
    }
    Ok(())
}
