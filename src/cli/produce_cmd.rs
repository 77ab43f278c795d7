//! `produce`: print sheets and packing lists per school and mailing batch (supervisors only).

use crate::i18n::{Msg, MsgContext};
use std::path::PathBuf;

use anyhow::Result;
use chrono::Utc;

use super::auth::{AsArgs, supervisor};
use crate::domain::lang::Lang;
use crate::domain::production::{Paper, PrintSettings, PrintSize};
use crate::domain::role::Action;
use crate::production::{ProduceOptions, ProductionError, produce};
use crate::store::Store;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes, per school and mailing batch, NN-<school>-<batch>-sheets.pdf (every \
copy at the campaign's print size, with cut marks and a label for sorting), and \
NN-<school>-<batch>-packing.pdf / .csv (who is in the envelope, and every other roster student \
of the batch with the reason). Each case printed is recorded and audited; a second run prints \
only what is new. The print setting is the campaign's `print` rule (default 小二寸 33×48 mm, 4 \
copies, 6-inch photo paper)."
)]
pub struct Args {
    /// Campaign to produce
    #[arg(long, value_name = "NAME")]
    campaign: String,
    /// One mailing batch (邮寄批次) only [default: every batch]
    #[arg(long, value_name = "B")]
    batch: Option<String>,
    /// Folder to create for the PDFs and CSVs (must not exist yet)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Print again photos already printed (needs --reason; audited)
    #[arg(long, requires = "reason")]
    reprint: bool,
    /// Why the reprint is needed (lost envelope, damaged print …)
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    // `help` rather than doc comments: the values are plain words in --help.
    #[arg(
        long,
        value_name = "SIZE",
        help = "Print size for this run: 小二寸, 二寸, 一寸 or WxH in mm [default: the campaign's]"
    )]
    size: Option<String>,
    /// Copies per student for this run [default: the campaign's]
    #[arg(long, value_name = "N")]
    copies: Option<u32>,
    #[arg(
        long,
        value_name = "PAPER",
        help = "Paper for this run: six_inch or a4 [default: the campaign's]"
    )]
    paper: Option<String>,
    /// With --reprint: only this student (repeatable) [default: every approved student]
    #[arg(long = "id-number", value_name = "N", requires = "reprint")]
    id_numbers: Vec<String>,
    #[command(flatten)]
    who: AsArgs,
}

pub fn run(store: &mut Store, args: &Args, lang: Lang) -> Result<()> {
    let actor = supervisor(store, &args.who, Action::Produce)?;
    let print = run_print(store, args)?;
    let opts = ProduceOptions {
        out: &args.out,
        campaign: &args.campaign,
        batch: args.batch.as_deref(),
        reprint: if args.reprint {
            args.reason.as_deref()
        } else {
            None
        },
        only: &args.id_numbers,
        lang,
        print,
    };
    let started = std::time::Instant::now();
    let report = match produce(store, &opts, &actor, Utc::now(), &mut |_, _| {}) {
        Err(e @ ProductionError::NothingToPrint { .. }) => {
            super::say(&crate::i18n::Localized::msg(&e));
            return Ok(());
        }
        other => other.ctx(Msg::new("cli-production-failed"))?,
    };
    for env in &report.envelopes {
        let t = &env.totals;
        super::say(
            &Msg::new("cli-envelope")
                .arg("school", &env.school)
                .arg("batch", env.batch.as_deref().unwrap_or("-"))
                .arg("students", env.students)
                .arg("copies", env.copies)
                .arg("sheets", env.sheets)
                .arg("roster", t.roster)
                .arg("inside", t.in_envelope)
                .arg("outside", t.roster - t.in_envelope),
        );
    }
    if !report.missing_glyphs.is_empty() {
        let chars: String = report.missing_glyphs.iter().collect();
        super::warn(&Msg::new("cli-missing-glyphs").arg("chars", chars));
    }
    super::say(
        &Msg::new("cli-produced")
            .arg("students", report.students)
            .arg("copies", report.copies)
            .arg("sheets", report.sheets)
            .arg("secs", format!("{:.1}", started.elapsed().as_secs_f64()))
            .arg("run", report.run_id)
            .path("path", &report.out),
    );
    Ok(())
}

/// The campaign's print setting with this run's `--size`, `--copies` and `--paper` over it;
/// `None` when none is given.
fn run_print(store: &Store, args: &Args) -> Result<Option<PrintSettings>> {
    if args.size.is_none() && args.copies.is_none() && args.paper.is_none() {
        return Ok(None);
    }
    let mut print = store.campaign_by_name(&args.campaign)?.1.rules.print;
    if let Some(size) = &args.size {
        print.size = PrintSize::parse(size)
            .with_ctx(|| Msg::new("cli-bad-print-size").arg("value", size))?;
    }
    if let Some(copies) = args.copies {
        if !(1..=50).contains(&copies) {
            return Err(Msg::new("cli-bad-copies").arg("value", copies).into());
        }
        print.copies = copies;
    }
    if let Some(paper) = &args.paper {
        print.paper =
            Paper::from_code(paper).with_ctx(|| Msg::new("cli-bad-paper").arg("value", paper))?;
    }
    Ok(Some(print))
}
