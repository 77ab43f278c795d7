//! Shared fixtures of the reliability tests: a database with many uploads waiting for review.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // Tests may panic.

pub mod db;

use chrono::{DateTime, TimeZone, Utc};
use idphoto_review::domain::campaign::Campaign;
use idphoto_review::domain::id_number::{IdNumber, check_char};
use idphoto_review::domain::role::{Actor, Role};
use idphoto_review::domain::student::Student;
use idphoto_review::store::{DbLocation, NewUser, Store, UploadRequest};

const PHOTO: &[u8] = include_bytes!("../../assets/demo/fr__obama.jpg");

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 25, 2, 0, 0).unwrap()
}

pub fn id(n: u32) -> String {
    let body = format!("110105199901{:02}{:03}", n % 28 + 1, n % 1000);
    format!("{body}{}", check_char(body.as_bytes()))
}

/// A database with `n` uploads waiting for review; returns their submission ids.
pub fn populated(path: impl Into<DbLocation>, n: u32) -> Vec<i64> {
    let mut store = Store::open_or_create(path).unwrap();
    store.set_bulk_mode(true).unwrap();
    // Desk accounts (password `PASSWORD`), added by the first account, a supervisor.
    let admin = store
        .add_user(None, &new_user("admin", Role::Supervisor), t0())
        .unwrap()
        .actor();
    for name in DESKS {
        store
            .add_user(Some(&admin), &new_user(name, Role::Reviewer), t0())
            .unwrap();
    }
    let campaign = store
        .create_campaign(&admin, &Campaign::seed("c", "school"), t0())
        .unwrap();
    let roster: Vec<Student> = (0..n)
        .map(|k| Student::mainland(&format!("学生{k}"), &IdNumber::parse(&id(k)).unwrap()))
        .collect();
    store
        .insert_students(&admin, campaign, &roster, "test", t0())
        .unwrap();
    let subs = (0..n)
        .map(|k| {
            let id = id(k);
            let req = UploadRequest {
                campaign,
                id_number: &id,
                bytes: PHOTO,
                original_name: "x.jpg",
                submitted_at: t0(),
                actor: &admin,
            };
            store.record_upload(&req, t0()).unwrap().submission_id
        })
        .collect();
    store.set_bulk_mode(false).unwrap();
    subs
}

/// Password of every test account.
pub const PASSWORD: &str = "password";

/// Reviewer accounts of [`populated`] databases.
pub const DESKS: [&str; 8] = [
    "desk-0", "desk-1", "desk-2", "desk-3", "desk-4", "desk-5", "desk-6", "desk-7",
];

fn new_user(name: &str, role: Role) -> NewUser<'_> {
    NewUser {
        name,
        display_name: "",
        role,
        password: PASSWORD,
    }
}

/// A desk account of a [`populated`] database, signed in.
pub fn desk(store: &Store, name: &str) -> Actor {
    store.user(name).unwrap().actor()
}

/// Makes the first `n` photos awaiting review look checked by older checks (their verdicts
/// stored at an older cache version); returns the current version.
pub fn make_checks_out_of_date(db: &DbLocation, n: usize) -> u32 {
    use idphoto_review::checks::pipeline::cache_version;
    use idphoto_review::domain::spec::PhotoSpec;
    let current = cache_version(&PhotoSpec::default());
    let mut store = Store::open(db).unwrap();
    let stale: Vec<_> = store
        .photos_to_check(false)
        .unwrap()
        .into_iter()
        .take(n)
        .collect();
    assert_eq!(stale.len(), n);
    for p in &stale {
        assert_eq!(p.cached_version, Some(current));
        let report = store.check_report(&p.sha256, current).unwrap().unwrap();
        store
            .save_check_report(&p.sha256, current - 1, &report, Utc::now())
            .unwrap();
    }
    current
}

/// The number after `key=` in the `done …` line that ends a `decide --stdin` stream.
pub fn done_field(done: &str, key: &str) -> u64 {
    done.split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{key} missing in {done:?}"))
}

/// Starts the real binary as desk `reviewer` in `decide --stdin` mode on `db`, feeding it
/// `script` (one decision a line) from a thread.
pub fn spawn_desk(db: &str, reviewer: &str, script: String) -> std::process::Child {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["decide", "--stdin", "--reviewer", reviewer, "--db", db])
        .env("IDPHOTO_PASSWORD", PASSWORD)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || stdin.write_all(script.as_bytes()).unwrap());
    child
}
