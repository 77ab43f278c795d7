//! The whole check pipeline (decode, face models, pixel checks) on arbitrary bytes.
#![no_main]

use idphoto_review::checks::pipeline::run;
use idphoto_review::domain::spec::PhotoSpec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = run(data, &PhotoSpec::default());
    assert!(!report.checks.is_empty());
});
