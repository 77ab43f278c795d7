//! A stable-toolchain complement to `fuzz/` that runs in CI: thousands of mutations of the
//! corpus files (bit flips, truncations, spliced headers, inserted noise) through the file
//! checks and the roster parser. Nothing may panic; every photo gets its `file.*` verdicts.
//!
//! `MUTATIONS` (default 150 per file) and `MUTATION_SEED` size and replay a run.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::path::PathBuf;

use idphoto_review::checks::check_file;
use idphoto_review::domain::spec::PhotoSpec;
use idphoto_review::roster::{parse_roster_csv, parse_roster_spreadsheet};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn files(dir: &str, skip: &[&str]) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !skip.iter().any(|s| name.ends_with(s))
        })
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// One random mutation of `seed_bytes`.
fn mutate(rng: &mut fastrand::Rng, seed_bytes: &[u8]) -> Vec<u8> {
    let mut b = seed_bytes.to_vec();
    if b.is_empty() {
        return (0..rng.usize(1..64)).map(|_| rng.u8(..)).collect();
    }
    for _ in 0..rng.usize(1..4) {
        match rng.u8(0..5) {
            0 => {
                for _ in 0..rng.usize(1..16) {
                    let i = rng.usize(..b.len());
                    b[i] ^= 1 << rng.u8(0..8);
                }
            }
            1 => b.truncate(rng.usize(..=b.len())),
            2 => {
                let at = rng.usize(..=b.len());
                let noise: Vec<u8> = (0..rng.usize(1..32)).map(|_| rng.u8(..)).collect();
                b.splice(at..at, noise);
            }
            3 => {
                // Overwrite a run with an "interesting" value: 0x00, 0xFF, or a marker byte.
                let v = [0x00, 0xFF, 0xD8, 0xC0, 0x7F][rng.usize(..5)];
                let at = rng.usize(..b.len());
                let end = (at + rng.usize(1..8)).min(b.len());
                b[at..end].fill(v);
            }
            _ => {
                // Duplicate a slice (repeated segments, repeated rows).
                let at = rng.usize(..b.len());
                let end = (at + rng.usize(1..256)).min(b.len());
                let copy = b[at..end].to_vec();
                let to = rng.usize(..=b.len());
                b.splice(to..to, copy);
            }
        }
        if b.is_empty() {
            break;
        }
    }
    b
}

#[test]
fn mutated_photos_and_rosters_never_panic() {
    let per_file = env_or("MUTATIONS", 150);
    let seed = env_or("MUTATION_SEED", fastrand::u64(..));
    let mut rng = fastrand::Rng::with_seed(seed);
    let spec = PhotoSpec::default();
    let photos = files("tests/corpus/photos", &[".py", ".md"]);
    let rosters = files("tests/corpus/rosters", &[".py", ".md"]);
    // An empty or missing corpus would make this test pass while testing nothing.
    assert!(
        photos.len() >= 10,
        "photo corpus has {} files",
        photos.len()
    );
    assert!(
        rosters.len() >= 10,
        "roster corpus has {} files",
        rosters.len()
    );
    assert!(per_file > 0, "MUTATIONS must be at least 1");
    let (mut photo_runs, mut roster_runs) = (0u64, 0u64);
    for (name, bytes) in &photos {
        for _ in 0..per_file {
            let input = mutate(&mut rng, bytes);
            let (report, _) = check_file(&input, &spec);
            assert!(
                report.checks.iter().any(|c| c.id == "file.decode"),
                "{name} (seed {seed})"
            );
            photo_runs += 1;
        }
    }
    for (name, bytes) in &rosters {
        for _ in 0..per_file {
            let input = mutate(&mut rng, bytes);
            for parsed in [parse_roster_csv(&input), parse_roster_spreadsheet(&input)]
                .into_iter()
                .flatten()
            {
                for e in &parsed.errors {
                    assert!(
                        parsed.rows.iter().all(|r| r.line != e.line),
                        "{name}: line {} both valid and in error (seed {seed})",
                        e.line
                    );
                }
            }
            roster_runs += 1;
        }
    }
    println!(
        "mutation smoke (seed {seed}): {photo_runs} photo inputs from {} files, {roster_runs} roster inputs from {} files, no panic",
        photos.len(),
        rosters.len()
    );
}
