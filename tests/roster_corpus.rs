//! The bad-roster corpus (`tests/corpus/rosters/`, made by its `make_corpus.py`): every file
//! gets a clear message, nothing panics, and a refused file imports nothing: not a row, not
//! even the campaign it would have created.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::role::Role;
use idphoto_review::roster::parse_roster_file;
use idphoto_review::store::{NewUser, Store, StoreError};

/// What importing a corpus file must do.
enum Expect {
    /// Imports this many students, cleanly.
    Imports(u64),
    /// Parses, but rows have errors: (valid rows, error lines, text of an error).
    RowErrors(usize, &'static [usize], &'static str),
    /// The whole file is refused with this message.
    Refused(&'static str),
}

use Expect::{Imports, Refused, RowErrors};

const CORPUS: &[(&str, Expect)] = &[
    ("gbk.csv", Imports(5)),
    ("utf8_bom.csv", Imports(5)),
    ("utf16le_tab.txt", Imports(5)),
    ("gbk_with_utf8_bom.csv", Imports(5)),
    (
        "bad_checksums.csv",
        RowErrors(2, &[4, 5], "checksum does not match"),
    ),
    (
        "duplicate_ids.csv",
        RowErrors(3, &[5], "already appears on line 3"),
    ),
    (
        "formula_injection.csv",
        RowErrors(1, &[3, 4, 5, 6, 7], "spreadsheet formula"),
    ),
    ("long_fields.csv", RowErrors(1, &[3, 4, 5], "at most")),
    (
        "control_chars.csv",
        RowErrors(0, &[2, 3], "control character"),
    ),
    (
        "scientific_ids.csv",
        RowErrors(0, &[2], "lost its last digits"),
    ),
    (
        "missing_columns.csv",
        Refused("missing required column(s): ID number"),
    ),
    ("empty.csv", Refused("contains no student rows")),
    ("header_only.csv", Refused("contains no student rows")),
    (
        "garbage.csv",
        Refused("neither a spreadsheet nor a text table"),
    ),
    (
        "garbage.xlsx",
        Refused("neither a spreadsheet nor a text table"),
    ),
    ("truncated.xlsx", Refused("save it again as .xlsx")),
    ("zip_not_workbook.xlsx", Refused("save it again as .xlsx")),
    ("web_page.xls", Refused("is a web page")),
    (
        "xlsx_bomb_a1_xfd1048576.xlsx",
        Refused("spans 1048576 rows × 16384 columns (A1:XFD1048576)"),
    ),
    (
        "unclosed_quote.csv",
        Refused("opened on line 2 is never closed"),
    ),
];

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/rosters")
        .join(name)
}

#[test]
fn every_corpus_file_is_listed_here() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "make_corpus.py" && n != "README.md")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn parser_gives_each_file_a_clear_outcome() {
    for (name, expect) in CORPUS {
        let parsed = parse_roster_file(&corpus(name));
        match (expect, parsed) {
            (Imports(n), Ok(r)) => {
                assert!(r.errors.is_empty(), "{name}: {:?}", r.errors);
                assert_eq!(r.rows.len() as u64, *n, "{name}");
                assert!(
                    r.rows
                        .iter()
                        .all(|row| !row.student.name.contains('\u{FFFD}'))
                );
            }
            (RowErrors(valid, lines, needle), Ok(r)) => {
                assert_eq!(r.rows.len(), *valid, "{name}: {:?}", r.rows);
                let mut got: Vec<usize> = r.errors.iter().map(|e| e.line).collect();
                got.dedup();
                assert_eq!(&got, lines, "{name}: {:?}", r.errors);
                assert!(
                    r.errors
                        .iter()
                        .any(|e| e.message.render(Lang::En).contains(needle)),
                    "{name}: {:?}",
                    r.errors
                );
                for e in &r.errors {
                    assert!(
                        e.message.render(Lang::En).ends_with('.')
                            && e.message.render(Lang::En).len() < 200,
                        "{name}: {e:?}"
                    );
                    assert!(
                        r.rows.iter().all(|row| row.line != e.line),
                        "{name}: line {} both",
                        e.line
                    );
                }
            }
            (Refused(needle), Err(e)) => {
                let msg = e.to_string();
                assert!(msg.contains(needle), "{name}: {msg}");
                assert!(msg.len() < 300 && !msg.contains('\n'), "{name}: {msg}");
            }
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

fn student_count(db: &Path) -> Option<u64> {
    let store = Store::open(db).unwrap();
    match store.campaign_by_name("春季") {
        Ok((id, _)) => Some(store.student_count(id).unwrap()),
        Err(StoreError::UnknownCampaign(_)) => None,
        Err(e) => panic!("{e}"),
    }
}

/// Through the real binary: a refused file (or one with row errors) leaves the database as it
/// was, without even the campaign `--school/--window` would have created.
#[test]
fn import_roster_is_all_or_nothing_on_every_corpus_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expect) in CORPUS {
        let db = dir.path().join(format!("{name}.db"));
        let boss = NewUser {
            name: "boss",
            display_name: "",
            role: Role::Supervisor,
            password: "boss-password",
        };
        Store::open_or_create(&db)
            .unwrap()
            .add_user(None, &boss, chrono::Utc::now())
            .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_idphoto-review"))
            .env("LC_ALL", "en_US.UTF-8")
            .args([
                "import-roster",
                "--campaign",
                "春季",
                "--school",
                "示例大学",
                "--as",
                "boss",
            ])
            .env("IDPHOTO_PASSWORD", "boss-password")
            .args(["--window", "2026-03-24..2026-04-02", "--db"])
            .arg(&db)
            .arg(corpus(name))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        match expect {
            Imports(n) => {
                assert!(o.status.success(), "{name}: {stderr}");
                assert_eq!(student_count(&db), Some(*n), "{name}");
            }
            RowErrors(..) | Refused(_) => {
                assert!(!o.status.success(), "{name} should be refused");
                let last = stderr.trim().lines().last().unwrap_or_default();
                assert!(last.starts_with("error: "), "{name}: {stderr}");
                assert_eq!(student_count(&db), None, "{name}: partially imported");
            }
        }
    }
}
