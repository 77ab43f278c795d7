//! Who runs a batch command: `--as NAME` (or `--reviewer NAME`) signed in with the password in
//! `IDPHOTO_PASSWORD`, so the audit log names a real, enabled account. Every command that reads
//! personal data or writes signs in; the only exceptions are `check` on loose files, the `bench`
//! commands, the first `user add` of a new database and `demo` into a new, empty one. Commands
//! that only a supervisor may run call [`supervisor`], which refuses a reviewer before any work
//! starts; the store checks the role again when it writes. Reads are recorded with
//! [`audited`].

use crate::i18n::{Msg, MsgContext};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::OnceLock;

use anyhow::Result;
use chrono::Utc;

use crate::domain::role::{Action, Actor};
use crate::store::Store;

/// Password of the person acting (`--as`, `--reviewer`). An environment variable rather than a
/// flag, so it stays out of shell history and process lists.
pub const PASSWORD_ENV: &str = "IDPHOTO_PASSWORD";
/// Password for a new account or a password change, when not given on standard input.
pub const NEW_PASSWORD_ENV: &str = "IDPHOTO_NEW_PASSWORD";

/// `--as NAME`: the account running a command.
#[derive(Debug, Clone, clap::Args)]
pub struct AsArgs {
    /// Account running the command (password from the `IDPHOTO_PASSWORD` environment variable)
    #[arg(long = "as", value_name = "NAME")]
    pub as_user: String,
}

static PASSWORD: OnceLock<Option<String>> = OnceLock::new();

/// Reads [`PASSWORD_ENV`] once; `main` calls this first thing, and everything else asks
/// [`password`], never the environment.
///
/// Why the variable stays in the environment: removing it (`std::env::remove_var`) is an
/// `unsafe` function since edition 2024, because another thread reading the environment at the
/// same time is undefined behaviour, and this crate forbids `unsafe` code (`unsafe_code =
/// "forbid"` in Cargo.toml, which no `allow` can lift). Even done at the start of `main`, it
/// would not hide the password from someone who can read this process's memory or
/// `/proc/<pid>/environ` (the kernel shows the environment the process started with, whatever
/// `unsetenv` does later); those readers are the same user or root, who can read the database
/// anyway. What removal would add is keeping it from child processes, so the one child the
/// product starts (`stty`, for the no-echo prompt) is started without it.
pub fn take_password_from_env() {
    let _ = password();
}

/// The password from [`PASSWORD_ENV`], as read at start-up.
pub fn password() -> Option<&'static str> {
    PASSWORD
        .get_or_init(|| std::env::var(PASSWORD_ENV).ok())
        .as_deref()
}

/// Signs `name` in with the password from [`PASSWORD_ENV`].
pub fn sign_in(store: &mut Store, name: &str) -> Result<Actor> {
    let password = password().with_ctx(|| {
        Msg::new("cli-password-env-missing")
            .arg("env", PASSWORD_ENV)
            .arg("name", name)
    })?;
    store
        .authenticate(name, password)
        .with_ctx(|| Msg::new("cli-cannot-sign-in").arg("name", name))
}

/// Signs `name` in and checks up front that the account may take `action`.
pub fn require(store: &mut Store, name: &str, action: Action) -> Result<Actor> {
    let actor = sign_in(store, name)?;
    actor.require(action)?;
    Ok(actor)
}

/// Signs in a supervisor for a supervisor-only command.
pub fn supervisor(store: &mut Store, args: &AsArgs, action: Action) -> Result<Actor> {
    debug_assert!(action.supervisor_only());
    require(store, &args.as_user, action)
}

/// Signs `args` in for a command that reads personal data, and records the reading in the
/// audit log (`what`, e.g. `queue.read`) before anything is shown.
pub fn audited(
    store: &mut Store,
    args: &AsArgs,
    action: Action,
    what: &str,
    detail: serde_json::Value,
) -> Result<Actor> {
    let actor = require(store, &args.as_user, action)?;
    Ok(store.record_access(&actor, action, what, detail, Utc::now())?)
}

/// A new password: [`NEW_PASSWORD_ENV`] when set, else the first line of standard input. On a
/// terminal the prompt does not echo what is typed; where echo cannot be turned off, a
/// terminal is refused (use the variable or a pipe).
pub fn read_new_password(for_user: &str) -> Result<String> {
    if let Ok(pw) = std::env::var(NEW_PASSWORD_ENV) {
        return Ok(pw);
    }
    let stdin = std::io::stdin();
    let line = if stdin.is_terminal() {
        read_without_echo(
            &Msg::new("cli-new-password-prompt")
                .arg("name", for_user)
                .render(super::lang()),
        )?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .ctx(Msg::new("cli-cannot-read-password-stdin"))?;
        line
    };
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    if pw.is_empty() {
        return Err(Msg::new("cli-no-new-password")
            .arg("env", NEW_PASSWORD_ENV)
            .into());
    }
    Ok(pw)
}

/// Prompts on standard error and reads one line from the terminal with echo off (`stty -echo`,
/// a separate program: turning echo off in-process needs `unsafe` terminal calls), turning it
/// back on whatever happens.
fn read_without_echo(prompt: &str) -> Result<String> {
    if !stty("-echo") {
        return Err(Msg::new("cli-cannot-hide-password")
            .arg("env", NEW_PASSWORD_ENV)
            .into());
    }
    eprint!("{prompt}");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    let restored = stty("echo");
    eprintln!();
    read.ctx(Msg::new("cli-cannot-read-password-terminal"))?;
    if !restored {
        super::warn(&Msg::new("cli-echo-not-restored"));
    }
    Ok(line)
}

/// Runs `stty SETTING` on the terminal that is standard input; true when it worked.
fn stty(setting: &str) -> bool {
    std::process::Command::new("stty")
        .arg(setting)
        .env_remove(PASSWORD_ENV)
        .env_remove(NEW_PASSWORD_ENV)
        .stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
