//! Roster parsing (CSV in any encoding, XLSX / XLS) on arbitrary bytes: an error or a parse,
//! never a panic; rows with errors never come back as valid rows.
#![no_main]

use idphoto_review::roster::{parse_roster_csv, parse_roster_spreadsheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for parsed in [parse_roster_csv(data), parse_roster_spreadsheet(data)]
        .into_iter()
        .flatten()
    {
        for row in &parsed.rows {
            assert!(
                parsed.errors.iter().all(|e| e.line != row.line),
                "row {} is both valid and in error",
                row.line
            );
        }
    }
});
