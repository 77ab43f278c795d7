//! Standard output of the batch commands. `println!` panics when its line cannot be written:
//! a pipe closed early (`idphoto-review check *.jpg | head -3`) or a full disk under a
//! redirect. Here a closed pipe ends the command quietly with exit status 141, as a Unix tool
//! stopped by `SIGPIPE` ends (so `set -o pipefail` sees that it did not finish): what was done
//! before stays done, since a line only reports work already saved, and the rest is not
//! started. Any other write error ends the command with a message on standard error in the
//! user's language and exit status 1.

use std::fmt;
use std::io::{self, Write};

use crate::i18n::Msg;

/// Writes one line to standard output (see the module docs for what happens when it cannot).
pub(crate) fn line(args: fmt::Arguments<'_>) {
    if let Err(e) = writeln!(io::stdout().lock(), "{args}") {
        stop(&e);
    }
}

/// The exit status of a process stopped by a closed pipe: 128 + `SIGPIPE` (13).
const CLOSED_PIPE_STATUS: i32 = 141;

/// Ends the process after a failed write to standard output.
fn stop(e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(CLOSED_PIPE_STATUS);
    }
    let msg = Msg::new("cli-output-failed").arg("error", e.to_string());
    // Standard error may be gone too; there is nothing left to tell then.
    let _ = writeln!(io::stderr().lock(), "{}", msg.render(super::lang()));
    std::process::exit(1);
}

/// `println!` for the batch commands: [`line`] with `format!` arguments.
macro_rules! outln {
    () => {
        $crate::cli::output::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::line(format_args!($($arg)*))
    };
}
pub(crate) use outln;
