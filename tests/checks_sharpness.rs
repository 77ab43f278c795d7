//! `sharpness.face` on real studio photographs (`tests/fixtures/real`): faces of every tone and
//! age pass as delivered and after a coarse JPEG save; the same faces enlarged from a smaller
//! copy, or blurred by a pixel, are flagged; and the real set's enlarged sources are flagged.

#![allow(clippy::unwrap_used)]

use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::{CheckResult, Verdict};
use idphoto_review::demo::variants::edits::enlarge;
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::spec::PhotoSpec;
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn sharpness(jpeg: &[u8]) -> CheckResult {
    pipeline::run(jpeg, &PhotoSpec::default())
        .get("sharpness.face")
        .unwrap()
        .clone()
}

fn encode(rgb: &RgbImage, quality: u8) -> Vec<u8> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode_image(rgb)
        .unwrap();
    jpeg
}

fn flagged(c: &CheckResult) -> bool {
    matches!(c.verdict, Verdict::Warn | Verdict::Fail) && c.reasons.contains(&ReasonCode::Blurry)
}

const FACES: [(&str, &str); 7] = [
    ("londonset__083_neutral", "very fair, 21, flash"),
    ("londonset__108_neutral", "dark-brown, 22"),
    ("londonset__140_neutral", "fair, 42, vitiligo"),
    ("londonset__044_neutral", "fair, 23, stubble"),
    ("londonset__119_neutral", "East Asian, 39"),
    ("londonset__061_neutral", "very dark, 40"),
    ("londonset__137_neutral", "very dark, 21"),
];

#[test]
fn sharp_faces_of_every_tone_pass_and_their_enlargements_and_blurs_are_flagged() {
    for (name, who) in FACES {
        let delivered = sharpness(&file(name));
        assert_eq!(
            delivered.verdict,
            Verdict::Pass,
            "{name} ({who}): {delivered:?}"
        );
        let rgb = image::load_from_memory(&file(name)).unwrap().to_rgb8();
        let coarse = sharpness(&encode(&rgb, 50));
        assert_eq!(
            coarse.verdict,
            Verdict::Pass,
            "{name} ({who}) at q50: {coarse:?}"
        );
        let by_half = sharpness(&encode(&enlarge(&rgb, 1.5), 90));
        assert!(
            flagged(&by_half),
            "{name} ({who}) enlarged 1.5×: {by_half:?}"
        );
        let doubled = sharpness(&encode(&enlarge(&rgb, 2.0), 90));
        assert_eq!(
            doubled.verdict,
            Verdict::Fail,
            "{name} ({who}) enlarged 2×: {doubled:?}"
        );
        let blurred = sharpness(&encode(&imageops::blur(&rgb, 1.0), 90));
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
    let c = sharpness(&encode(&big, 92));
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
