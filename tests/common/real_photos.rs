//! The real photographs of `tests/fixtures/real` for the checks' tests: a file's bytes, a
//! JPEG save of changed pixels, and one check's result on the whole pipeline. Included with
//! `#[path]` (not through `common`, whose database helpers these tests do not need).

use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::CheckResult;
use idphoto_review::domain::spec::PhotoSpec;
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;

/// The bytes of `tests/fixtures/real/<name>.jpg`.
pub fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// `rgb` saved as a JPEG at `quality`.
pub fn jpeg(rgb: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(rgb)
        .unwrap();
    bytes
}

/// The result of check `id` on the photo `bytes`, with the default spec.
pub fn check(bytes: &[u8], id: &str) -> CheckResult {
    pipeline::run(bytes, &PhotoSpec::default())
        .get(id)
        .unwrap()
        .clone()
}

/// Seven London studio faces from very fair to very dark, of several ages, with who they are.
pub const FACES_OF_EVERY_TONE: [(&str, &str); 7] = [
    (
        "londonset__083_neutral",
        "very fair, 21, flash: the smoothest real skin here",
    ),
    ("londonset__108_neutral", "dark-brown, 22"),
    ("londonset__140_neutral", "fair, 42, vitiligo"),
    ("londonset__044_neutral", "fair, 23, stubble"),
    ("londonset__119_neutral", "East Asian, 39"),
    ("londonset__061_neutral", "very dark, 40"),
    ("londonset__137_neutral", "very dark, 21"),
];
