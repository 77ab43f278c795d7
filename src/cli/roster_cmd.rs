//! `import-roster`: a school's roster into a campaign, all rows or none.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, Utc};

use crate::domain::campaign::{Campaign, CampaignRules};
use crate::roster::{RowProblem, parse_roster_file};
use crate::store::{CampaignId, Store, StoreError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Campaign name
    #[arg(long)]
    campaign: String,
    /// Import the valid rows even when some rows have errors
    #[arg(long)]
    skip_invalid: bool,
    /// School name, to create the campaign when it does not exist yet
    #[arg(long)]
    school: Option<String>,
    /// Collection window START..END (local dates), to create the campaign
    #[arg(long, value_name = "START..END")]
    window: Option<String>,
    /// Timezone of a new campaign
    #[arg(long, default_value = "Asia/Shanghai")]
    timezone: String,
    /// Roster file (.csv in UTF-8 or GBK, .xlsx)
    file: PathBuf,
}

/// The campaign to import into: one that exists, or one to create once the roster is known good.
enum Target {
    Existing(CampaignId),
    New(Box<Campaign>),
}

pub fn run(store: &mut Store, args: &Args) -> Result<()> {
    // Everything is checked before anything is written: a refused roster leaves no empty
    // campaign behind.
    let target = campaign_for(store, args)?;
    let parsed = parse_roster_file(&args.file)
        .with_context(|| format!("cannot import {}", args.file.display()))?;
    let mut errors = parsed.errors.clone();
    let ids: Vec<&str> = parsed
        .rows
        .iter()
        .map(|r| r.student.id_number.as_str())
        .collect();
    let existing = match &target {
        Target::Existing(campaign) => store.existing_id_numbers(*campaign, &ids)?,
        Target::New(_) => std::collections::HashSet::default(),
    };
    for row in parsed
        .rows
        .iter()
        .filter(|r| existing.contains(&r.student.id_number))
    {
        errors.push(RowProblem {
            line: row.line,
            column: None,
            message: format!(
                "ID number {} is already on this campaign's roster",
                row.student.id_number
            ),
        });
    }
    errors.sort_by_key(|e| e.line);
    for w in &parsed.warnings {
        eprintln!("warning: {}", describe(w));
    }
    for e in &errors {
        eprintln!("error: {}", describe(e));
    }
    let bad_lines: std::collections::HashSet<usize> = errors.iter().map(|e| e.line).collect();
    if !errors.is_empty() && !args.skip_invalid {
        bail!(
            "{} row(s) have errors; nothing was imported (fix them, or pass --skip-invalid to import the {} valid rows)",
            bad_lines.len(),
            parsed
                .rows
                .iter()
                .filter(|r| !bad_lines.contains(&r.line))
                .count()
        );
    }
    let students: Vec<_> = parsed
        .rows
        .iter()
        .filter(|r| !bad_lines.contains(&r.line))
        .map(|r| r.student.clone())
        .collect();
    let campaign = match target {
        Target::Existing(id) => id,
        Target::New(c) => store.create_campaign(&c, "import-roster", Utc::now())?,
    };
    let source = args.file.display().to_string();
    let n = store.insert_students(campaign, &students, &source, "import-roster", Utc::now())?;
    let offline = students
        .iter()
        .filter(|s| s.doc_type.collected_offline())
        .count();
    println!(
        "imported {n} student(s) ({offline} collected offline) from {} [{}]; {} row(s) skipped",
        args.file.display(),
        parsed.encoding,
        bad_lines.len()
    );
    Ok(())
}

fn campaign_for(store: &Store, args: &Args) -> Result<Target> {
    match store.campaign_by_name(&args.campaign) {
        Ok((id, _)) => Ok(Target::Existing(id)),
        Err(StoreError::UnknownCampaign(_)) => {
            let (Some(school), Some(window)) = (&args.school, &args.window) else {
                bail!(
                    "no campaign named {:?}; to create it, also give --school NAME --window START..END",
                    args.campaign
                );
            };
            let (start, end) = parse_window(window)?;
            let campaign = Campaign {
                name: args.campaign.clone(),
                school: school.clone(),
                window_start: start,
                window_end: end,
                timezone: args
                    .timezone
                    .parse()
                    .map_err(|_| anyhow::anyhow!("unknown timezone {:?}", args.timezone))?,
                rules: CampaignRules::default(),
            };
            Ok(Target::New(Box::new(campaign)))
        }
        Err(e) => Err(e.into()),
    }
}

fn parse_window(s: &str) -> Result<(NaiveDate, NaiveDate)> {
    let (a, b) = s
        .split_once("..")
        .context("window must look like 2026-03-24..2026-04-02")?;
    let start: NaiveDate = a
        .trim()
        .parse()
        .with_context(|| format!("bad start date {a:?}"))?;
    let end: NaiveDate = b
        .trim()
        .parse()
        .with_context(|| format!("bad end date {b:?}"))?;
    if end < start {
        bail!("window ends before it starts: {s}");
    }
    Ok((start, end))
}

fn describe(p: &RowProblem) -> String {
    match &p.column {
        Some(col) => format!("line {} ({col}): {}", p.line, p.message),
        None => format!("line {}: {}", p.line, p.message),
    }
}
