//! Decode and the `file.*` checks on arbitrary upload bytes: must never panic.
#![no_main]

use idphoto_review::checks::check_file;
use idphoto_review::domain::spec::PhotoSpec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (report, _) = check_file(data, &PhotoSpec::default());
    assert!(!report.checks.is_empty());
});
