//! `bench-produce`: builds a throwaway database of N approved students (the demo photos) and
//! times production on this thread: roster query, print sheets, packing lists, recording.

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{Duration, TimeZone, Utc};

use super::output::outln;
use crate::demo::photos::BASE_PHOTOS;
use crate::domain::campaign::Campaign;
use crate::domain::case::DecisionKind;
use crate::domain::id_number::{IdNumber, check_char};
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::domain::student::Student;
use crate::production::{ProduceOptions, produce};
use crate::store::{DecisionRequest, NewUser, Store, UploadRequest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Approved students to print
    #[arg(long, default_value_t = 1000)]
    students: u32,
    /// Mailing batches the students are spread over
    #[arg(long, default_value_t = 4)]
    batches: u32,
}

pub fn run(args: &Args) -> Result<()> {
    let dir = tempfile_dir()?;
    let db = dir.join("bench.db");
    let started = Instant::now();
    let mut store = Store::open_or_create(&db)?;
    let supervisor = populate(&mut store, args.students.max(1), args.batches.max(1))?;
    let build_s = started.elapsed().as_secs_f64();
    let out = dir.join("prints");
    let opts = ProduceOptions {
        out: &out,
        campaign: "bench",
        batch: None,
        reprint: None,
        only: &[],
        lang: Lang::Zh,
        print: None,
    };
    let t = Instant::now();
    let report = produce(&mut store, &opts, &supervisor, Utc::now(), &mut |_, _| {})
        .context("production failed")?;
    let secs = t.elapsed().as_secs_f64();
    let bytes: u64 = std::fs::read_dir(&report.out)?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    outln!(
        "database of {} approved students built in {build_s:.1} s",
        args.students
    );
    outln!(
        "produce: {} students, {} prints on {} sheets, {} envelopes, {:.1} MB in {secs:.2} s ({:.1} ms per student, one thread)",
        report.students,
        report.copies,
        report.sheets,
        report.envelopes.len(),
        bytes as f64 / 1e6,
        secs * 1000.0 / f64::from(args.students.max(1)),
    );
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("idphoto-bench-produce-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// N students spread over the batches, each with a demo photo, approved.
fn populate(store: &mut Store, n: u32, batches: u32) -> Result<crate::domain::role::Actor> {
    let t0 = Utc
        .with_ymd_and_hms(2026, 3, 25, 2, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    store.set_bulk_mode(true)?;
    let user = NewUser {
        name: "bench",
        display_name: "",
        role: Role::Supervisor,
        password: "bench-password",
    };
    let actor = store.add_user(None, &user, t0)?.actor();
    let campaign = store.create_campaign(&actor, &Campaign::seed("bench", "示例大学"), t0)?;
    let ids: Vec<String> = (0..n)
        .map(|k| {
            let body = format!(
                "1101051999{:02}{:02}{:03}",
                k / 28_000 % 12 + 1,
                k / 1000 % 28 + 1,
                k % 1000
            );
            format!("{body}{}", check_char(body.as_bytes()))
        })
        .collect();
    let roster: Vec<Student> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let parsed = IdNumber::parse(id).map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut s = Student::mainland(&format!("学生{k}"), &parsed);
            s.student_no = Some(format!("2026{k:05}"));
            s.school = Some(format!("学院{}", k % 3 + 1));
            s.programme = Some("软件工程".to_owned());
            s.mailing_batch = Some(format!("第{}批", k as u32 % batches + 1));
            Ok(s)
        })
        .collect::<Result<_>>()?;
    store.insert_students(&actor, campaign, &roster, "bench", t0)?;
    for (k, id) in ids.iter().enumerate() {
        let req = UploadRequest {
            campaign,
            id_number: id,
            bytes: BASE_PHOTOS[k % BASE_PHOTOS.len()].jpeg,
            original_name: "x.jpg",
            submitted_at: t0,
            actor: &actor,
        };
        let sub = store.record_upload(&req, t0)?.submission_id;
        let decision = DecisionRequest {
            submission_id: sub,
            actor: actor.clone(),
            kind: DecisionKind::Approve,
            reasons: Vec::new(),
            note: None,
        };
        store.decide(&decision, t0 + Duration::hours(1))?;
    }
    store.set_bulk_mode(false)?;
    Ok(actor)
}
