//! Command line: the GUI by default, plus batch commands for rosters, uploads and decisions.

pub mod auth;
mod backup_cmd;
mod bench_cmd;
mod bench_produce_cmd;
mod bench_scale_cmd;
mod case_arg;
mod check_cmd;
mod decide_batch;
mod decide_cmd;
mod demo_cmd;
mod export_chsi_cmd;
mod export_decisions_cmd;
mod extend_cmd;
mod ingest_cmd;
mod makeup_cmd;
mod migrate_cmd;
mod output;
mod overdue_cmd;
mod produce_cmd;
mod queue_cmd;
mod reassign_cmd;
mod recheck_cmd;
mod reopen_cmd;
mod restore_cmd;
mod roster_cmd;
mod user_cmd;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::domain::lang::Lang;
use crate::i18n::{Msg, MsgContext};

use crate::store::{DbLocation, Store};

#[derive(Debug, Parser)]
#[command(
    name = "idphoto-review",
    version,
    about = "Review workstation for graduation ID photos"
)]
pub struct Cli {
    /// Database: a file (`SQLite`) or `postgres://user@host:port/dbname` (password from the
    /// URL, `PGPASSWORD` or `~/.pgpass`) [default: <user data dir>/idphoto-review/review.db]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<DbLocation>,
    /// Language: zh or en [window: the last one used, else zh; commands: the locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else zh]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a demo campaign with photos in every state, placed around now
    Demo(demo_cmd::Args),
    /// Import a school's roster (CSV in UTF-8 or GBK, or XLSX)
    ImportRoster(roster_cmd::Args),
    /// Add a folder of uploads (`<ID number>.jpg` files or a manifest.csv)
    Ingest(ingest_cmd::Args),
    /// Show counts by state, overdue counts and the next items to review
    Queue(queue_cmd::Args),
    /// Approve, reject or escalate a submission (the GUI's decision path)
    Decide(decide_cmd::Args),
    /// Run the automatic checks on photo files (exit 0 even when photos fail)
    Check(check_cmd::Args),
    /// Measure decode and check speed on the demo photos (release build)
    Bench(bench_cmd::Args),
    /// Build demo databases of 1 000 / 10 000 / 100 000 students and time the queue queries
    BenchScale(bench_scale_cmd::Args),
    /// Copy the database to a file while the app is in use (`SQLite` online backup)
    Backup(backup_cmd::Args),
    /// Replace the database with a backup (checked first; the old one is kept beside it)
    Restore(restore_cmd::Args),
    /// Copy an `SQLite` database into an empty `PostgreSQL` one (checked: counts, photo hashes)
    Migrate(migrate_cmd::Args),
    /// Fail rejected cases whose resubmission time has passed (idempotent)
    Sweep(auth::AsArgs),
    /// Write the approved photos as <ID number>.jpg + manifest.csv for CHSI (optionally encrypted)
    ExportChsi(export_chsi_cmd::Args),
    /// Write decisions not yet exported (CSV + JSON) for the mini-program to notify students
    ExportDecisions(export_decisions_cmd::Args),
    /// Reviewer and supervisor accounts: add, list, disable, enable, passwd
    User(user_cmd::Args),
    /// Supervisor: give a rejected or failed student a new resubmission due time
    Extend(extend_cmd::Args),
    /// Supervisor: put a settled case back into review
    Reopen(reopen_cmd::Args),
    /// Supervisor: assign a case awaiting review to an account
    Reassign(reassign_cmd::Args),
    /// Supervisor: record the paid make-up shoot booked for a failed collection
    Makeup(makeup_cmd::Args),
    /// Print the deadline board's lists, or write them to a CSV file
    Overdue(overdue_cmd::Args),
    /// Run the automatic checks again where the stored results are out of date
    Recheck(recheck_cmd::Args),
    /// Supervisor: print sheets and packing lists per school and mailing batch (PDF, CSV)
    Produce(produce_cmd::Args),
    /// Time production (sheets and packing lists) for N approved students on one thread
    BenchProduce(bench_produce_cmd::Args),
}

/// Parses the command line, runs it, and prints an error as one line in the user's language:
/// `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Chinese.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let lang = message_lang(cli.lang.as_deref());
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let line = Msg::new("cli-error-line").arg("text", crate::i18n::render_error(&e, lang));
            eprintln!("{}", line.render(lang));
            std::process::ExitCode::FAILURE
        }
    }
}

/// The language of the command line's messages.
pub fn message_lang(flag: Option<&str>) -> Lang {
    match flag {
        Some(l) if l.eq_ignore_ascii_case("en") => Lang::En,
        Some(_) => Lang::Zh,
        None => crate::i18n::lang_from_locale(|k| std::env::var(k).ok()).unwrap_or_default(),
    }
}

static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language of this run's messages, set once from `--lang` or the locale.
pub(crate) fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A case state's name, for the messages that report a change.
pub(crate) fn state(state: crate::domain::case::CaseState) -> Msg {
    Msg::new("case-state").arg("state", state.code())
}

/// Prints a message on standard output, in this run's language.
pub(crate) fn say(msg: &Msg) {
    output::line(format_args!("{}", msg.render(lang())));
}

/// Prints a message on standard error (warnings, progress), in this run's language.
pub(crate) fn warn(msg: &Msg) {
    eprintln!("{}", msg.render(lang()));
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let lang = message_lang(cli.lang.as_deref());
    let _ = LANG.set(lang);
    let db = match &cli.db {
        Some(p) => p.clone(),
        None => DbLocation::Sqlite(default_db_path()?),
    };
    match cli.command {
        None => run_gui(&db, cli.lang.as_deref()),
        Some(Command::Demo(args)) => demo_cmd::run(&db, &args),
        Some(Command::ImportRoster(args)) => roster_cmd::run(&mut open(&db)?, &args),
        Some(Command::Ingest(args)) => ingest_cmd::run(&mut open(&db)?, &args),
        Some(Command::Queue(args)) => queue_cmd::run(&mut open(&db)?, &args),
        Some(Command::Decide(args)) => decide_cmd::run(&mut open(&db)?, &args),
        Some(Command::Check(args)) => check_cmd::run(&args),
        Some(Command::Bench(args)) => bench_cmd::run(&args),
        Some(Command::ExportChsi(args)) => export_chsi_cmd::run(&mut open(&db)?, &args),
        Some(Command::ExportDecisions(args)) => export_decisions_cmd::run(&mut open(&db)?, &args),
        Some(Command::Overdue(args)) => overdue_cmd::run(&mut open(&db)?, &args),
        Some(Command::BenchScale(args)) => bench_scale_cmd::run(&args),
        Some(Command::Backup(args)) => backup_cmd::run(&mut open(&db)?, &args),
        Some(Command::Restore(args)) => restore_cmd::run(&db, &args),
        Some(Command::Migrate(args)) => migrate_cmd::run(&args),
        Some(Command::Sweep(by)) => {
            let mut store = open(&db)?;
            let actor = auth::require(
                &mut store,
                &by.as_user,
                crate::domain::role::Action::RunSweep,
            )?;
            let n = store.sweep(chrono::Utc::now(), &actor)?;
            say(&Msg::new("cli-swept").arg("count", n));
            Ok(())
        }
        Some(Command::User(args)) => user_cmd::run(&db, &args),
        Some(Command::Extend(args)) => extend_cmd::run(&mut open(&db)?, &args),
        Some(Command::Reopen(args)) => reopen_cmd::run(&mut open(&db)?, &args),
        Some(Command::Reassign(args)) => reassign_cmd::run(&mut open(&db)?, &args),
        Some(Command::Makeup(args)) => makeup_cmd::run(&mut open(&db)?, &args),
        Some(Command::Recheck(args)) => recheck_cmd::run(&mut open(&db)?, &args),
        Some(Command::BenchProduce(args)) => bench_produce_cmd::run(&args),
        Some(Command::Produce(args)) => produce_cmd::run(&mut open(&db)?, &args, lang),
    }
}

#[cfg(feature = "gui")]
fn run_gui(db: &DbLocation, lang: Option<&str>) -> Result<()> {
    crate::app::run_gui(db, lang)
}

#[cfg(not(feature = "gui"))]
fn run_gui(_db: &DbLocation, _lang: Option<&str>) -> Result<()> {
    Err(crate::i18n::Msg::new("cli-no-gui").into())
}

/// `<user data dir>/idphoto-review/review.db`.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::BaseDirs::new().ctx(Msg::new("cli-no-data-dir"))?;
    Ok(dirs.data_dir().join("idphoto-review").join("review.db"))
}

pub use demo_cmd::create_db;

fn open(db: &DbLocation) -> Result<Store> {
    Store::open(db).ctx(Msg::new("cli-cannot-open-db"))
}
