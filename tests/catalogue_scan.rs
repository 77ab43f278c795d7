//! No sentence for users is written into the window's or the command line's code: each comes
//! from the catalogue (`assets/i18n`). This scan reads `src/ui/` and `src/cli/` and fails on a
//! string literal that reads like prose (Chinese characters, or two English words) outside the
//! catalogue, test code, comments and the allow-list below.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::path::{Path, PathBuf};

/// Files whose literals are not for the studio's users.
const ALLOWED_FILES: &[(&str, &str)] = &[
    // Developer benchmarks: figures and column heads for the people tuning the program.
    ("src/cli/bench_cmd.rs", "benchmark report"),
    (
        "src/cli/bench_produce_cmd.rs",
        "benchmark report and its made-up roster",
    ),
    ("src/cli/bench_scale_cmd.rs", "benchmark report and its SQL"),
    // `timing key=value` lines for the log, read by scripts.
    ("src/ui/timings.rs", "log lines"),
];

/// Literals allowed anywhere in a file, by a piece of their text.
const ALLOWED_LITERALS: &[(&str, &str, &str)] = &[
    // clap's `--help` and its value errors: clap frames them in English itself.
    ("src/cli/mod.rs", "Review workstation", "clap about text"),
    ("src/cli/produce_cmd.rs", "for this run", "clap help text"),
    ("src/cli/user_cmd.rs", "is not a role", "clap value parser"),
    (
        "src/cli/produce_cmd.rs",
        "Writes, per school",
        "clap long help",
    ),
    (
        "src/cli/export_decisions_cmd.rs",
        "Writes FILE_BASE",
        "clap long help",
    ),
    (
        "src/cli/export_chsi_cmd.rs",
        "The package folder",
        "clap long help",
    ),
    ("src/cli/overdue_cmd.rs", "Only this list", "clap long help"),
    // The file dialog's filter name: the formats' own names.
    ("src/ui/bars.rs", "CSV / Excel", "file formats"),
    // `decide --stdin`'s summary line: a protocol for scripts, keys and numbers.
    ("src/cli/decide_batch.rs", "done decided=", "protocol line"),
    ("src/cli/decide_batch.rs", "gave up after", "protocol line"),
    (
        "src/cli/decide_batch.rs",
        "refused {submission_id}",
        "protocol line",
    ),
    (
        "src/cli/decide_batch.rs",
        "error {submission_id}",
        "protocol line",
    ),
    // A job kind that cannot reach the export step (a programming error, never shown).
    ("src/ui/jobs.rs", "not an export", "impossible job kind"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of one line of code (not of its trailing comment).
fn literals(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '/' && chars.peek().is_some_and(|(_, n)| *n == '/') {
            break;
        }
        if c == '\'' {
            // A char literal such as '"' must not open a string.
            let rest: String = line[i..].chars().take(4).collect();
            if rest.starts_with("'\"'") || rest.starts_with("'\\\"'") {
                for _ in 0..rest.find('\'').map_or(0, |_| 2) {
                    chars.next();
                }
            }
            continue;
        }
        if c == '"' {
            let mut text = String::new();
            while let Some((_, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    c => text.push(c),
                }
            }
            out.push((i, text));
        }
    }
    out
}

fn reads_like_prose(text: &str) -> bool {
    let cjk = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    // Placeholders (`{name}`, `{:.1}`) are not words.
    let mut bare = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let text = bare.as_str();
    let words = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .count();
    cjk || (words >= 2 && text.contains(' '))
}

/// What a literal may follow and still not be a sentence: a catalogue id, a log macro, an
/// environment variable name.
fn is_exempt(before: &str) -> bool {
    let before = before.trim_end();
    [
        "Msg::new(",
        "MissingReason(",
        "tracing::info!(",
        "tracing::warn!(",
        "tracing::error!(",
        "tracing::debug!(",
        "text(self.settings.lang,",
        ".env(",
    ]
    .iter()
    .any(|p| before.ends_with(p))
}

#[test]
fn no_user_sentence_is_written_outside_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    rust_files(&root.join("src/cli"), &mut files);
    let mut found = Vec::new();
    let mut scanned = 0;
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with("/tests.rs") || rel.contains("/tests/") {
            continue;
        }
        if ALLOWED_FILES.iter().any(|(f, _)| *f == rel) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("#[cfg(test)]") {
                break; // Test modules sit at the end of a file.
            }
            if t.starts_with("//") || t.starts_with("#[") {
                continue;
            }
            for (at, lit) in literals(line) {
                scanned += 1;
                if !reads_like_prose(&lit) || is_exempt(&line[..at]) {
                    continue;
                }
                if ALLOWED_LITERALS
                    .iter()
                    .any(|(f, piece, _)| *f == rel && lit.contains(piece))
                {
                    continue;
                }
                found.push(format!("{rel}:{}: {lit}", n + 1));
            }
        }
    }
    assert!(scanned > 200, "the scan read only {scanned} literals");
    assert!(
        found.is_empty(),
        "sentences outside the catalogue (move them to assets/i18n, or allow-list them with a reason):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_prose_and_ignores_ids() {
    assert!(reads_like_prose("cannot open the database"));
    assert!(reads_like_prose("无法打开"));
    assert!(!reads_like_prose("store-busy"));
    assert!(!reads_like_prose("{} / {}"));
    assert!(!reads_like_prose("{name} ({count})"));
    assert_eq!(
        literals(r#"x("a b", "c") // "not this""#),
        vec![(2, "a b".to_owned()), (9, "c".to_owned())]
    );
}
