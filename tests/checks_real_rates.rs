//! Issue 12's budget on the repository's real photos (`tests/fixtures/real`, labelled by eye):
//! no compliant photo fails, no check warns on more than 5 % of the compliant photos, at most
//! 10 % of them get any warning, and the faults found stay at or above the 85 % measured on
//! 2026-12-04 with the fine-detail half of `sharpness.face` (less a photo or two of slack, so a
//! better check elsewhere can move one). The same
//! tally as `idphoto-review bench --rates --labelled tests/fixtures/real`.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::Report;
use idphoto_review::demo::labelled::read_folder;
use idphoto_review::demo::variants::rates::{summarise, tally_labels};
use idphoto_review::domain::spec::PhotoSpec;
use rayon::prelude::*;

#[test]
fn the_real_photos_keep_the_warning_budget_and_the_detection_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let photos = read_folder(&dir).unwrap();
    let spec = PhotoSpec::default();
    let reports: Vec<Report> = photos
        .par_iter()
        .map(|p| pipeline::run(&std::fs::read(&p.path).unwrap(), &spec))
        .collect();
    let rows = || {
        photos
            .iter()
            .zip(&reports)
            .map(|(p, r)| (p.faults.clone(), p.faults.clone(), r))
    };

    for (id, rate) in tally_labels(rows()).values() {
        assert_eq!(rate.false_fails, 0, "{id} fails a compliant photo");
        assert!(
            rate.false_alarms * 20 <= rate.compliant,
            "{id} flags {} of {} compliant photos (budget 5 %)",
            rate.false_alarms,
            rate.compliant
        );
    }
    let s = summarise(rows());
    assert!(s.compliant >= 25, "{} compliant photos", s.compliant);
    assert_eq!(s.compliant_failed, 0);
    assert!(
        s.compliant_flagged * 10 <= s.compliant,
        "{} of {} compliant photos get a warning (budget 10 %)",
        s.compliant_flagged,
        s.compliant
    );
    assert!(
        s.faults_flagged * 100 >= s.faults * 83,
        "{} of {} faults flagged with their reason (floor 83 %)",
        s.faults_flagged,
        s.faults
    );
}
