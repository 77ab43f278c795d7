//! Who runs a batch command: `--as NAME` (or `--reviewer NAME`) signed in with the password in
//! `IDPHOTO_PASSWORD`, so the audit log names a real, enabled account. Commands that only a
//! supervisor may run (extend, reopen, reassign, makeup, exports) call [`supervisor`], which
//! refuses a reviewer before any work starts; the store checks the role again when it writes.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result, bail};

use crate::domain::role::{Action, Actor};
use crate::store::Store;

/// Password of the person acting (`--as`, `--reviewer`). An environment variable rather than a
/// flag, so it stays out of shell history and process lists.
pub const PASSWORD_ENV: &str = "IDPHOTO_PASSWORD";
/// Password for a new account or a password change, when not given on standard input.
pub const NEW_PASSWORD_ENV: &str = "IDPHOTO_NEW_PASSWORD";

/// `--as NAME`: the supervisor running a command.
#[derive(Debug, Clone, clap::Args)]
pub struct AsArgs {
    /// Supervisor account running the command (password from the `IDPHOTO_PASSWORD` environment variable)
    #[arg(long = "as", value_name = "NAME")]
    pub as_user: String,
}

/// Signs `name` in with the password from [`PASSWORD_ENV`].
pub fn sign_in(store: &Store, name: &str) -> Result<Actor> {
    let password = std::env::var(PASSWORD_ENV)
        .with_context(|| format!("set {PASSWORD_ENV} to the password of {name}"))?;
    store
        .authenticate(name, &password)
        .with_context(|| format!("cannot sign in as {name}"))
}

/// Signs `name` in and checks up front that the account may take `action`.
pub fn require(store: &Store, name: &str, action: Action) -> Result<Actor> {
    let actor = sign_in(store, name)?;
    actor.require(action)?;
    Ok(actor)
}

/// Signs in a supervisor for a supervisor-only command.
pub fn supervisor(store: &Store, args: &AsArgs, action: Action) -> Result<Actor> {
    debug_assert!(action.supervisor_only());
    require(store, &args.as_user, action)
}

/// A new password: [`NEW_PASSWORD_ENV`] when set, else the first line of standard input
/// (a prompt is shown when it is a terminal; the typed text is visible there, so prefer the
/// variable or a pipe on a shared screen).
pub fn read_new_password(for_user: &str) -> Result<String> {
    if let Ok(pw) = std::env::var(NEW_PASSWORD_ENV) {
        return Ok(pw);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("new password for {for_user} (shown as typed): ");
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    if pw.is_empty() {
        bail!("no password given: set {NEW_PASSWORD_ENV} or pass it on standard input");
    }
    Ok(pw)
}
