//! `exposure.brightness` is fair to every skin tone: correctly lit very dark and very fair faces
//! pass, and the same photos under- and over-exposed (a gain in linear light, as a camera's
//! exposure works) are flagged with the right reason. Real photos: the London set's studio
//! shots on a real light-grey backdrop (`tests/fixtures/real`) and the demo photos on light
//! blue (`assets/demo`).

#![allow(clippy::unwrap_used)]

use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::{Report, Verdict};
use idphoto_review::domain::spec::PhotoSpec;
use image::RgbImage;

fn real(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn demo(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/assets/demo/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The photo exposed `ev` stops more (negative: less), in linear light, clipping at white.
fn exposed(jpeg: &[u8], ev: f32) -> Vec<u8> {
    let rgb = image::load_from_memory(jpeg).unwrap().to_rgb8();
    let gain = 2f32.powf(ev);
    let to_linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let to_srgb = |l: f32| {
        let l = l.clamp(0.0, 1.0);
        let c = if l <= 0.003_130_8 {
            12.92 * l
        } else {
            1.055 * l.powf(1.0 / 2.4) - 0.055
        };
        (c * 255.0).round() as u8
    };
    let out = RgbImage::from_fn(rgb.width(), rgb.height(), |x, y| {
        image::Rgb(rgb.get_pixel(x, y).0.map(|c| to_srgb(to_linear(c) * gain)))
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .encode_image(&out)
        .unwrap();
    bytes
}

fn brightness(report: &Report) -> (Verdict, Vec<&'static str>, String) {
    let c = report.get("exposure.brightness").unwrap();
    (
        c.verdict,
        c.reasons.iter().map(|r| r.code()).collect(),
        c.message_en(),
    )
}

/// Very dark (061, 096, 137) and very fair (034, 102, 108) faces of the London set.
const DARK: [&str; 3] = [
    "londonset__061_neutral",
    "londonset__096_neutral",
    "londonset__137_neutral",
];
const FAIR: [&str; 3] = [
    "londonset__034_neutral",
    "londonset__102_neutral",
    "londonset__108_neutral",
];

#[test]
fn correctly_lit_dark_and_fair_faces_pass() {
    let spec = PhotoSpec::default();
    for name in DARK.iter().chain(&FAIR) {
        let (verdict, _, message) = brightness(&pipeline::run(&real(name), &spec));
        assert_eq!(verdict, Verdict::Pass, "{name}: {message}");
    }
    for name in [
        "fr__obama",
        "skimage__astronaut_eileen_collins",
        "hivision__test3",
    ] {
        let (verdict, _, message) = brightness(&pipeline::run(&demo(name), &spec));
        assert_eq!(verdict, Verdict::Pass, "{name}: {message}");
    }
}

#[test]
fn under_exposed_dark_and_fair_faces_are_too_dark() {
    let spec = PhotoSpec::default();
    for name in DARK.iter().chain(&FAIR) {
        let (verdict, reasons, message) =
            brightness(&pipeline::run(&exposed(&real(name), -1.5), &spec));
        assert_eq!(verdict, Verdict::Fail, "{name}: {message}");
        assert!(reasons.contains(&"FACE_TOO_DARK"), "{name}: {reasons:?}");
    }
    for name in ["fr__obama", "skimage__astronaut_eileen_collins"] {
        let (verdict, reasons, message) =
            brightness(&pipeline::run(&exposed(&demo(name), -1.5), &spec));
        assert_eq!(verdict, Verdict::Fail, "{name}: {message}");
        assert!(reasons.contains(&"FACE_TOO_DARK"), "{name}: {reasons:?}");
    }
}

/// A correctly exposed photo on a grey backdrop darker than light grey (the London set's
/// `024`, labelled `BACKGROUND_COLOUR`): the backdrop reads about 0.7 EV under light grey,
/// but the photo's highlights (the white T-shirt) reach the top of the range, so the backdrop
/// is a darker surface, which `background.colour` reports, and not an under-exposure. The
/// same photo 1.25 stops darker moves its highlights too, and is too dark.
#[test]
fn a_darker_grey_backdrop_is_not_an_under_exposed_face() {
    let spec = PhotoSpec::default();
    let photo = real("londonset__024_neutral");
    let report = pipeline::run(&photo, &spec);
    let (verdict, _, message) = brightness(&report);
    assert_eq!(verdict, Verdict::Pass, "{message}");
    let colour = report.get("background.colour").unwrap();
    assert!(colour.verdict >= Verdict::Warn, "{}", colour.message_en());
    for ev in [-1.25, -1.5] {
        let (verdict, reasons, message) = brightness(&pipeline::run(&exposed(&photo, ev), &spec));
        assert!(verdict >= Verdict::Warn, "{ev} EV: {message}");
        assert!(reasons.contains(&"FACE_TOO_DARK"), "{ev} EV: {reasons:?}");
    }
}

#[test]
fn over_exposed_dark_and_fair_faces_are_too_bright() {
    let spec = PhotoSpec::default();
    // On light blue the backdrop is the reference whatever the skin: over-exposed, two of its
    // channels blow out. (On white or light grey a blown-out backdrop is just white, so there
    // only the face's own clipping tells, which a dark face may not show.)
    for name in [
        "fr__obama",
        "skimage__astronaut_eileen_collins",
        "hivision__test3",
    ] {
        let (verdict, reasons, message) =
            brightness(&pipeline::run(&exposed(&demo(name), 1.5), &spec));
        assert_eq!(verdict, Verdict::Fail, "{name}: {message}");
        assert!(reasons.contains(&"FACE_TOO_BRIGHT"), "{name}: {reasons:?}");
    }
    // On light grey, whose blown-out backdrop is just white, the face's own clipping is the
    // evidence: 2 EV over, a fair face clips.
    for name in FAIR {
        let (verdict, reasons, message) =
            brightness(&pipeline::run(&exposed(&real(name), 2.0), &spec));
        assert_ne!(verdict, Verdict::Pass, "{name}: {message}");
        assert!(reasons.contains(&"FACE_TOO_BRIGHT"), "{name}: {reasons:?}");
    }
}
