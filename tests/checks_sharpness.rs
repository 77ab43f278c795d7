//! `sharpness.face` on real studio photographs (`tests/fixtures/real`): faces of every tone and
//! age pass as delivered and after a coarse JPEG save; the same faces enlarged from a smaller
//! copy, or blurred by a pixel, are flagged; and the real set's enlarged sources are flagged.

#![allow(clippy::unwrap_used)]

#[path = "common/real_photos.rs"]
mod real_photos;

use idphoto_review::checks::result::{CheckResult, Verdict};
use idphoto_review::demo::variants::edits::enlarge;
use idphoto_review::domain::reasons::ReasonCode;
use image::imageops::{self, FilterType};
use real_photos::{FACES_OF_EVERY_TONE, file, jpeg};

fn sharpness(bytes: &[u8]) -> CheckResult {
    real_photos::check(bytes, "sharpness.face")
}

fn flagged(c: &CheckResult) -> bool {
    matches!(c.verdict, Verdict::Warn | Verdict::Fail) && c.reasons.contains(&ReasonCode::Blurry)
}

#[test]
fn sharp_faces_of_every_tone_pass_and_their_enlargements_and_blurs_are_flagged() {
    for (name, who) in FACES_OF_EVERY_TONE {
        let delivered = sharpness(&file(name));
        assert_eq!(
            delivered.verdict,
            Verdict::Pass,
            "{name} ({who}): {delivered:?}"
        );
        let rgb = image::load_from_memory(&file(name)).unwrap().to_rgb8();
        let coarse = sharpness(&jpeg(&rgb, 50));
        assert_eq!(
            coarse.verdict,
            Verdict::Pass,
            "{name} ({who}) at q50: {coarse:?}"
        );
        let by_half = sharpness(&jpeg(&enlarge(&rgb, 1.5), 90));
        assert!(
            flagged(&by_half),
            "{name} ({who}) enlarged 1.5×: {by_half:?}"
        );
        let doubled = sharpness(&jpeg(&enlarge(&rgb, 2.0), 90));
        assert_eq!(
            doubled.verdict,
            Verdict::Fail,
            "{name} ({who}) enlarged 2×: {doubled:?}"
        );
        let blurred = sharpness(&jpeg(&imageops::blur(&rgb, 1.0), 90));
        assert_eq!(
            blurred.verdict,
            Verdict::Fail,
            "{name} ({who}) blurred: {blurred:?}"
        );
    }
}

#[test]
fn a_full_size_upload_is_judged_at_the_size_it_is_delivered() {
    // A sharp photo saved at twice the spec's size has fine detail at 480 px, not at its own
    // pixels; it is judged at 480 px (its size is `file.dimensions`' business).
    let rgb = image::load_from_memory(&file("londonset__061_neutral"))
        .unwrap()
        .to_rgb8();
    let big = imageops::resize(&rgb, 960, 1280, FilterType::Lanczos3);
    let c = sharpness(&jpeg(&big, 92));
    assert_eq!(c.verdict, Verdict::Pass, "{c:?}");
}

#[test]
fn the_real_sets_enlarged_sources_are_flagged() {
    for (name, who) in [
        ("18f__carpenter_malaika", "dark skin, enlarged 2.3×"),
        ("18f__tranovich_james", "grainy monochrome, enlarged 1.65×"),
        ("maxfr__luciano", "olive skin, enlarged 2×"),
    ] {
        let c = sharpness(&file(name));
        assert!(flagged(&c), "{name} ({who}): {c:?}");
    }
}
