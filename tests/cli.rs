//! The real binary: demo, queue --json, decide, import-roster, ingest, and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::path::Path;
use std::process::{Command, Output};

use idphoto_review::domain::id_number::check_char;

mod common;
use common::db::TestDb;

/// The binary, with English messages (the assertions read them), whatever this machine's
/// locale.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_idphoto-review"));
    c.env("LC_ALL", "en_US.UTF-8");
    c
}

fn run(args: &[&str], db: impl AsRef<std::ffi::OsStr>) -> Output {
    bin().args(args).arg("--db").arg(db).output().unwrap()
}

/// Runs as a signed-in account: the password goes in `IDPHOTO_PASSWORD`, as the help says.
fn run_as(args: &[&str], db: impl AsRef<std::ffi::OsStr>, password: &str) -> Output {
    bin()
        .args(args)
        .arg("--db")
        .arg(db)
        .env("IDPHOTO_PASSWORD", password)
        .output()
        .unwrap()
}

/// Runs as the demo supervisor (`--as supervisor`, the password `demo` prints).
fn run_sup(args: &[&str], db: impl AsRef<std::ffi::OsStr>) -> Output {
    let mut with_as = args.to_vec();
    with_as.extend(["--as", "supervisor"]);
    run_as(&with_as, db, "supervisor-demo")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn id(n: u32) -> String {
    let body = format!("3101041998{:02}01{:03}", n % 12 + 1, n);
    format!("{body}{}", check_char(body.as_bytes()))
}

/// Fails like a user would see it: non-zero, one line, no panic or backtrace.
fn assert_clean_failure(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "should fail: {err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(
        !err.contains("panicked") && !err.contains("stack backtrace"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line expected: {err}");
}

both_backends! {
    fn demo_populates_every_state_and_decide_round_trips_into_the_audit_log() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        let o = run(&["demo", "--students", "240"], &db);
        assert!(o.status.success(), "{}", stderr(&o));

        let o = run_sup(&["queue", "--json", "--limit", "5"], &db);
        assert!(o.status.success(), "{}", stderr(&o));
        let q: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        for state in [
            "pending_review",
            "escalated",
            "approved",
            "rejected",
            "collection_failed",
        ] {
            assert!(
                q["counts"][state].as_u64().unwrap() > 0,
                "{state} empty: {q}"
            );
        }
        assert!(q["overdue_reviews"].as_u64().unwrap() > 0, "{q}");
        assert!(q["overdue_resubmissions"].as_u64().unwrap() > 0, "{q}");
        let next = q["next"].as_array().unwrap();
        assert_eq!(next.len(), 5);
        for key in ["submission_id", "state", "student", "attempt", "review_due"] {
            assert!(!next[0][key].is_null(), "{key} missing");
        }

        let sub = next[0]["submission_id"].as_i64().unwrap().to_string();
        // The demo reviewer (password printed by `demo`); escalated cases need the supervisor.
        let (who, password) = if next[0]["state"] == "escalated" {
            ("supervisor", "supervisor-demo")
        } else {
            ("reviewer", "reviewer-demo")
        };
        let o = run_as(
            &[
                "decide",
                "--submission",
                &sub,
                "--reviewer",
                who,
                "--reject",
                "BLURRY,FACE_TOO_DARK",
            ],
            &db,
            password,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("-> rejected"), "{}", stdout(&o));

        // The same decision again is a conflict with a clear message, not an overwrite.
        let o = run_as(
            &[
                "decide",
                "--submission",
                &sub,
                "--reviewer",
                "supervisor",
                "--approve",
            ],
            &db,
            "supervisor-demo",
        );
        assert_clean_failure(&o, "already decided");

        let store = idphoto_review::store::Store::open(&tdb.location).unwrap();
        let tail = store.audit_tail(5).unwrap();
        let last = tail
            .iter()
            .rev()
            .find(|a| a.action == "decision.reject")
            .unwrap();
        assert_eq!(last.actor, who);
        assert_eq!(last.submission_id, Some(sub.parse().unwrap()));
        assert_eq!(
            last.detail["reasons"],
            serde_json::json!(["BLURRY", "FACE_TOO_DARK"])
        );
    }
}

both_backends! {
    fn unknown_reason_codes_are_refused() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "20"], &db).status.success());
        let o = run(
            &[
                "decide",
                "--submission",
                "1",
                "--reviewer",
                "r",
                "--reject",
                "UGLY",
            ],
            &db,
        );
        assert_clean_failure(&o, "UGLY");
    }
}

#[test]
fn missing_corrupt_and_newer_databases_get_one_line_messages() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert_clean_failure(&run_sup(&["queue"], &missing), "not found");
    assert!(!missing.exists(), "queue must not create a database");

    let corrupt = dir.path().join("corrupt.db");
    std::fs::write(&corrupt, vec![0x42u8; 8192]).unwrap();
    assert_clean_failure(
        &run_sup(&["queue"], &corrupt),
        "not an idphoto-review database",
    );

    let newer = dir.path().join("newer.db");
    assert!(run(&["demo", "--students", "5"], &newer).status.success());
    let c = rusqlite::Connection::open(&newer).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    assert_clean_failure(&run_sup(&["queue", "--json"], &newer), "newer version");
}

both_backends! {
    fn roster_with_errors_imports_nothing_unless_told_to_skip() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "5"], &db).status.success());
        let csv = tdb.dir().join("roster.csv");
        let bad = format!("{}0", &id(2)[..17]);
        std::fs::write(
            &csv,
            format!(
                "姓名,身份证号,学院\n张三,{},计算机学院\n李四,{bad},计算机学院\n,{},计算机学院\n",
                id(1),
                id(3)
            ),
        )
        .unwrap();
        let args = [
            "import-roster",
            "--campaign",
            "春季",
            "--school",
            "示例大学",
            "--window",
            "2026-03-24..2026-04-02",
        ];
        let mut with_file: Vec<&str> = args.to_vec();
        let csv_s = csv.to_str().unwrap();
        with_file.push(csv_s);
        let o = run_sup(&with_file, &db);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(err.contains("line 3") && err.contains("line 4"), "{err}");
        assert!(err.contains("nothing was imported"), "{err}");

        with_file.insert(1, "--skip-invalid");
        let o = run_sup(&with_file, &db);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("imported 1 student"), "{}", stdout(&o));
    }
}

both_backends! {
    fn ingest_records_known_students_and_reports_everything_else() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "5"], &db).status.success());
        let csv = tdb.dir().join("roster.csv");
        std::fs::write(
            &csv,
            format!("name,id number\nZhang San,{}\nLi Si,{}\n", id(1), id(2)),
        )
        .unwrap();
        let o = run_sup(
            &[
                "import-roster",
                "--campaign",
                "c2",
                "--school",
                "s",
                "--window",
                "2026-03-24..2026-04-02",
                csv.to_str().unwrap(),
            ],
            &db,
        );
        assert!(o.status.success(), "{}", stderr(&o));

        let uploads = tdb.dir().join("uploads");
        std::fs::create_dir(&uploads).unwrap();
        let photo = include_bytes!("../assets/demo/fr__biden.jpg");
        std::fs::write(uploads.join(format!("{}.jpg", id(1))), photo).unwrap();
        std::fs::write(uploads.join(format!("{}.jpg", id(2))), b"not a jpeg").unwrap();
        std::fs::write(uploads.join(format!("{}.jpg", id(7))), photo).unwrap();
        std::fs::write(uploads.join("notes.txt"), b"hello").unwrap();
        let o = run_sup(
            &["ingest", "--campaign", "c2", uploads.to_str().unwrap()],
            &db,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(
            out.contains("2 recorded, 2 refused, 1 warning"),
            "{out}\n{err}"
        );
        assert!(err.contains("no student with ID number"), "{err}");
        assert!(err.contains("not a readable photo"), "{err}");
        assert!(err.contains("notes.txt"), "{err}");

        // A re-upload becomes the next attempt.
        let o = run_sup(
            &["ingest", "--campaign", "c2", uploads.to_str().unwrap()],
            &db,
        );
        assert!(stdout(&o).contains("attempt 2"), "{}", stdout(&o));
    }
}

both_backends! {
    fn unreadable_roster_file_is_a_clear_error() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "5"], &db).status.success());
        let o = run_sup(
            &[
                "import-roster",
                "--campaign",
                "示例大学2026届研究生",
                "/nonexistent/roster.csv",
            ],
            &db,
        );
        assert_clean_failure(&o, "roster.csv");
    }
}

/// `… | head -1` and `… > /dev/full`: a reader that stops early ends the command quietly,
/// with the status of a Unix tool stopped by `SIGPIPE` (141); a full disk is one line in the
/// user's language, not a panic.
#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_one_line() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, include_bytes!("../assets/demo/fr__obama.jpg")).unwrap();
    // Forty copies print far more than a pipe holds, so the writer meets the closed end.
    let photos = vec![photo.as_os_str(); 40];
    let mut child = bin()
        .arg("check")
        .args(&photos)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("photo.jpg"), "{first}");
    // The reader is dropped here: the pipe's reading end is closed.
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(141), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = bin()
        .args(["check"])
        .arg(&photo)
        .stdout(full)
        .output()
        .unwrap();
    assert_clean_failure(&o, "cannot write the output");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = bin()
        .args(["--lang", "zh", "check"])
        .arg(&photo)
        .stdout(full)
        .output()
        .unwrap();
    assert_clean_failure(&o, "无法写出输出");
}

#[test]
fn check_json_reports_every_file_and_exits_zero_on_failures() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jpg");
    std::fs::write(&good, include_bytes!("../assets/demo/fr__obama.jpg")).unwrap();
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, b"\xff\xd8\xff\xe0 truncated").unwrap();
    let missing = dir.path().join("missing.jpg");
    let o = bin()
        .args(["check", "--json"])
        .args([&good, &broken, &missing])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 3);
    for f in files {
        for key in [
            "file",
            "width",
            "height",
            "verdict",
            "checks",
            "suggested_reasons",
            "elapsed_ms",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    assert_eq!(files[0]["width"], 480);
    let decode = |f: &serde_json::Value| {
        f["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "file.decode")
            .unwrap()
            .clone()
    };
    assert_eq!(decode(&files[0])["verdict"], "pass");
    assert_eq!(decode(&files[1])["verdict"], "fail");
    assert_eq!(decode(&files[2])["verdict"], "fail");
    assert_eq!(
        files[1]["suggested_reasons"],
        serde_json::json!(["WRONG_FORMAT"])
    );
    // Other tools read the finding as text in both languages, rendered from the catalogue.
    for f in files {
        for c in f["checks"].as_array().unwrap() {
            for key in ["message_zh", "message_en"] {
                let text = c[key].as_str().unwrap_or_else(|| panic!("{key} in {c}"));
                assert!(!text.is_empty() && !text.contains("check-"), "{key}: {c}");
            }
        }
    }
    assert!(
        decode(&files[0])["message_en"]
            .as_str()
            .unwrap()
            .starts_with("Decoded: JPEG 480×640, colour, 8-bit"),
        "{}",
        decode(&files[0])
    );
    assert!(
        decode(&files[0])["message_zh"]
            .as_str()
            .unwrap()
            .starts_with("解码成功：JPEG 480×640，彩色，8 位"),
        "{}",
        decode(&files[0])
    );
    assert!(
        decode(&files[2])["message_en"]
            .as_str()
            .unwrap()
            .starts_with("Cannot read the file: "),
        "{}",
        decode(&files[2])
    );
}

both_backends! {
    fn ingest_stores_check_results_for_each_photo() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "30"], &db).status.success());
        let store = idphoto_review::store::Store::open(&tdb.location).unwrap();
        let item = &store.queue(Some(1)).unwrap()[0];
        let spec = idphoto_review::domain::spec::PhotoSpec::default();
        let report = store
            .check_report(
                &item.photo_sha256,
                idphoto_review::checks::pipeline::cache_version(&spec),
            )
            .unwrap()
            .expect("checks cached at ingest");
        assert!(report.get("file.decode").is_some());
        assert!(report.get("file.dimensions").is_some());
    }
}

both_backends! {
    fn cached_reports_cover_every_catalogue_check() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "10"], &db).status.success());
        let store = idphoto_review::store::Store::open(&tdb.location).unwrap();
        let item = &store.queue(Some(1)).unwrap()[0];
        let key = idphoto_review::checks::pipeline::cache_version(
            &idphoto_review::domain::spec::PhotoSpec::default(),
        );
        let report = store
            .check_report(&item.photo_sha256, key)
            .unwrap()
            .unwrap();
        for id in idphoto_review::checks::result::CHECK_IDS {
            assert!(
                report.get(id).is_some(),
                "{id} missing from the cached report"
            );
        }
    }
}

both_backends! {
    fn recheck_redoes_out_of_date_results_only() {
        use idphoto_review::store::Store;

        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "40"], &db).status.success());
        let o = run_sup(&["recheck"], &db);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stdout(&o).starts_with("0 photos awaiting review to check"),
            "{}",
            stdout(&o)
        );

        // Three photos awaiting review look checked by older checks.
        let current = common::make_checks_out_of_date(&tdb.location, 3);

        let o = run_sup(&["recheck"], &db);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.starts_with("3 photos awaiting review to check"),
            "{out}"
        );
        assert!(out.contains("checked 3 photos awaiting review"), "{out}");
        let store = Store::open(&tdb.location).unwrap();
        assert!(
            store
                .photos_to_check(true)
                .unwrap()
                .iter()
                .all(|p| p.cached_version == Some(current))
        );
    }
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

both_backends! {
    fn produce_prints_once_refuses_a_reviewer_and_reprints_only_with_a_reason() {
        let tdb = TestDb::new();
        let db = tdb.arg();
        assert!(run(&["demo", "--students", "60"], &db).status.success());
        let campaign = idphoto_review::demo::DEMO_CAMPAIGN;
        let out = tdb.dir().join("prints");
        let args = |out: &Path, who: &str| -> Vec<String> {
            [
                "produce",
                "--campaign",
                campaign,
                "--out",
                &out.display().to_string(),
                "--as",
                who,
            ]
            .map(str::to_owned)
            .to_vec()
        };

        let o = run_as(&refs(&args(&out, "reviewer")), &db, "reviewer-demo");
        assert_clean_failure(&o, "supervisors only");
        assert!(!out.exists());

        let o = run_as(&refs(&args(&out, "supervisor")), &db, "supervisor-demo");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("student(s)"), "{}", stdout(&o));
        let files: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            files.iter().any(|f| f.ends_with("-sheets.pdf")),
            "{files:?}"
        );
        assert!(
            files.iter().any(|f| f.ends_with("-packing.csv")),
            "{files:?}"
        );

        let again = tdb.dir().join("again");
        let o = run_as(&refs(&args(&again, "supervisor")), &db, "supervisor-demo");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("nothing new to print"),
            "{}",
            stdout(&o)
        );
        assert!(!again.exists());

        let mut reprint = args(&again, "supervisor");
        reprint.push("--reprint".into());
        let o = run_as(&refs(&reprint), &db, "supervisor-demo");
        assert!(!o.status.success(), "a reprint without a reason is refused");
        reprint.extend(["--reason".into(), "prints damaged".into()]);
        let o = run_as(&refs(&reprint), &db, "supervisor-demo");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(again.exists());

        // An A4 proof at 二寸, two copies each: this run only, recorded with the run.
        let proof = tdb.dir().join("proof");
        let mut a4 = args(&proof, "supervisor");
        a4.extend(
            [
                "--reprint",
                "--reason",
                "proof for the school",
                "--paper",
                "a4",
                "--size",
                "二寸",
                "--copies",
                "2",
            ]
            .map(str::to_owned),
        );
        let o = run_as(&refs(&a4), &db, "supervisor-demo");
        assert!(o.status.success(), "{}", stderr(&o));
        let store = idphoto_review::store::Store::open(&tdb.location).unwrap();
        let run = store
            .audit_tail(500)
            .unwrap()
            .into_iter()
            .rev()
            .find(|a| a.action == "production.reprint")
            .unwrap();
        assert_eq!(run.detail["paper"], "a4");
        assert_eq!(run.detail["size_mm"], serde_json::json!([35.0, 49.0]));
        for (flag, bad) in [("--size", "huge"), ("--paper", "letter"), ("--copies", "0")] {
            let mut wrong = args(&tdb.dir().join("wrong"), "supervisor");
            wrong.extend(["--reprint", "--reason", "x", flag, bad].map(str::to_owned));
            assert_clean_failure(&run_as(&refs(&wrong), &db, "supervisor-demo"), flag);
        }
    }
}

/// Errors are kinds rendered in the user's language: `--lang`, else the locale, else Chinese.
#[test]
fn errors_speak_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let stderr_of = |c: &mut Command| {
        let o = c
            .args(["queue", "--as", "x", "--db"])
            .arg(&missing)
            .output()
            .unwrap();
        assert!(!o.status.success());
        String::from_utf8_lossy(&o.stderr).trim().to_owned()
    };
    let zh_flag = stderr_of(bin().args(["--lang", "zh"]));
    let zh_locale = stderr_of(bin().env("LC_ALL", "zh_CN.UTF-8"));
    let no_locale = stderr_of(
        Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG"),
    );
    let en = stderr_of(&mut bin());
    for zh in [&zh_flag, &zh_locale, &no_locale] {
        assert!(
            zh.starts_with("错误：无法打开数据库：找不到数据库文件"),
            "{zh}"
        );
        assert!(
            zh.ends_with(&missing.display().to_string()),
            "path last: {zh}"
        );
        assert!(!zh.contains("cannot") && !zh.contains("not found"), "{zh}");
    }
    assert!(
        en.starts_with("error: cannot open the database: database file not found"),
        "{en}"
    );
    assert!(
        en.ends_with(&missing.display().to_string()),
        "path last: {en}"
    );
}
