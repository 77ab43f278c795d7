//! `pose.shoulders` on real people put on the allowed backdrops, as the studio's composites
//! are: the person model's probability of a real photo (`tests/fixtures/real`, the London set's
//! white T-shirts) as a soft matte over light blue and over white. On blue the T-shirt's edge
//! is in the photo and the shoulders are measured level; on white little or none of it is, and
//! the check must measure what edge is left or say it cannot see them, rather than read the
//! neck's skin or a lock of hair as a shoulder (both photos warned that way before).

#![allow(clippy::unwrap_used)]

use idphoto_review::checks::person::PersonModel;
use idphoto_review::checks::pipeline;
use idphoto_review::checks::result::{CheckResult, Verdict};
use idphoto_review::domain::spec::PhotoSpec;
use image::{Rgb, RgbImage};

const LIGHT_BLUE: [f32; 3] = [100.0, 197.0, 255.0];
const WHITE: [f32; 3] = [255.0; 3];

/// `name` from the real fixtures with its backdrop replaced by `backdrop`, as a JPEG.
fn composite(name: &str, backdrop: [f32; 3]) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    );
    let rgb = image::open(path).unwrap().to_rgb8();
    let (w, h) = rgb.dimensions();
    let prob = PersonModel::shared()
        .unwrap()
        .probability(&rgb, w, h)
        .unwrap();
    let out = RgbImage::from_fn(w, h, |x, y| {
        let alpha = ((prob[(y * w + x) as usize] - 0.3) / 0.4).clamp(0.0, 1.0);
        let px = rgb.get_pixel(x, y).0;
        Rgb([0, 1, 2].map(|c| {
            (f32::from(px[c]) * alpha + backdrop[c] * (1.0 - alpha))
                .round()
                .clamp(0.0, 255.0) as u8
        }))
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .encode_image(&out)
        .unwrap();
    bytes
}

fn shoulders(jpeg: &[u8]) -> CheckResult {
    let report = pipeline::run(jpeg, &PhotoSpec::default());
    report
        .checks
        .into_iter()
        .find(|c| c.id == "pose.shoulders")
        .unwrap()
}

#[test]
fn shoulders_on_light_blue_are_measured_level() {
    for name in ["londonset__006_neutral", "londonset__129_neutral"] {
        let r = shoulders(&composite(name, LIGHT_BLUE));
        assert_eq!(r.verdict, Verdict::Pass, "{name}: {r:?}");
        assert!(r.value.unwrap() < 4.0, "{name}: {r:?}");
    }
}

#[test]
fn a_white_t_shirt_on_white_is_not_read_as_uneven_shoulders() {
    for name in ["londonset__006_neutral", "londonset__129_neutral"] {
        let r = shoulders(&composite(name, WHITE));
        // Not assessed where no edge shows, or measured where enough of one does.
        match r.verdict {
            Verdict::Error => assert!(r.reasons.is_empty(), "{name}: {r:?}"),
            Verdict::Pass => assert!(r.value.unwrap() < 4.0, "{name}: {r:?}"),
            _ => panic!("{name}: {r:?}"),
        }
    }
    // Where the T-shirt's edge vanishes on both sides, the check says so.
    let r = shoulders(&composite("londonset__006_neutral", WHITE));
    assert_eq!(r.verdict, Verdict::Error, "{r:?}");
}
