//! `decide`: the same decision path the GUI uses, for scripts and tests.

use super::state;
use crate::i18n::Msg;
use anyhow::Result;
use chrono::Utc;

use super::auth::sign_in;
use crate::domain::case::DecisionKind;
use crate::domain::reasons::parse_list;
use crate::store::{DecisionRequest, Store};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("decision").args(["approve", "reject", "escalate"])))]
pub struct Args {
    /// Submission id (see `queue`)
    #[arg(long, required_unless_present = "stdin", conflicts_with = "stdin")]
    submission: Option<i64>,
    /// Batch mode for scripts and desk tests: one decision a line on stdin
    /// (`<id|next> approve | reject CODES [note] | escalate`); each answer line
    /// (`ok <id> <decision> <state>`) is printed only after the decision has committed.
    #[arg(long, conflicts_with_all = ["approve", "reject", "escalate", "note"])]
    stdin: bool,
    /// Account that decides, signed in with the password in the `IDPHOTO_PASSWORD` environment
    /// variable (a batch tool cannot prompt; the variable keeps the password out of shell
    /// history). Approving or rejecting an escalated case needs a supervisor account.
    #[arg(long, value_name = "NAME")]
    reviewer: String,
    /// Approve the photo
    #[arg(long)]
    approve: bool,
    /// Reject with reason codes, comma-separated (e.g. `BLURRY,FACE_TOO_DARK`)
    #[arg(long, value_name = "CODES")]
    reject: Option<String>,
    /// Escalate to a supervisor
    #[arg(long)]
    escalate: bool,
    /// Note for the student (required with OTHER)
    #[arg(long)]
    note: Option<String>,
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    if args.stdin {
        return super::decide_batch::run(store, &args.reviewer);
    }
    let Some(submission_id) = args.submission else {
        return Err(Msg::new("cli-say-submission").into());
    };
    let (kind, reasons) = match (&args.reject, args.approve, args.escalate) {
        (Some(codes), _, _) => (DecisionKind::Reject, parse_list(codes)?),
        (None, true, _) => (DecisionKind::Approve, Vec::new()),
        (None, false, true) => (DecisionKind::Escalate, Vec::new()),
        (None, false, false) => return Err(Msg::new("cli-say-decision").into()),
    };
    let actor = sign_in(store, &args.reviewer)?;
    let req = DecisionRequest {
        submission_id,
        actor,
        kind,
        reasons,
        note: args.note.clone(),
    };
    let receipt = store.decide(&req, Utc::now())?;
    super::say(
        &Msg::new("cli-decided")
            .arg("submission", receipt.submission_id)
            .arg("from", state(receipt.from))
            .arg("to", state(receipt.to))
            .arg("decision", receipt.decision_id),
    );
    Ok(())
}
