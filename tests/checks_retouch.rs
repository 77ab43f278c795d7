//! `retouch.smoothing` on real studio photographs (`tests/fixtures/real`): unretouched skin of
//! every tone and age passes, and the same faces through a beauty filter's skin smoothing (an
//! edge-preserving bilateral filter, the "surface blur" of photo editors) are flagged.

#![allow(clippy::unwrap_used)]

#[path = "common/real_photos.rs"]
mod real_photos;

use idphoto_review::checks::result::{CheckResult, Verdict};
use image::{Rgb, RgbImage};
use real_photos::{FACES_OF_EVERY_TONE, file, jpeg};

fn smoothing(bytes: &[u8]) -> CheckResult {
    real_photos::check(bytes, "retouch.smoothing")
}

/// At quality 95, so the encoder's own smoothing stays small beside the filter's.
fn encode(rgb: &RgbImage) -> Vec<u8> {
    jpeg(rgb, 95)
}

/// Bilateral filter: each pixel becomes the mean of its neighbours within `radius` whose
/// colour is within about `range` of its own, so skin texture goes and the edges of the eyes,
/// lips and face stay.
fn beauty_filter(rgb: &RgbImage, radius: i64, range: f32) -> RgbImage {
    let (w, h) = (i64::from(rgb.width()), i64::from(rgb.height()));
    let mut out = rgb.clone();
    let colour_scale = 2.0 * range * range;
    let space_scale = 2.0 * (radius as f32 / 2.0).powi(2);
    let at = |x: i64, y: i64| rgb.get_pixel(x as u32, y as u32).0.map(f32::from);
    for y in 0..h {
        for x in 0..w {
            let c = at(x, y);
            let (mut acc, mut wsum) = ([0.0f32; 3], 0.0f32);
            for ny in (y - radius).max(0)..=(y + radius).min(h - 1) {
                for nx in (x - radius).max(0)..=(x + radius).min(w - 1) {
                    let p = at(nx, ny);
                    let d2: f32 = p.iter().zip(&c).map(|(a, b)| (a - b).powi(2)).sum();
                    let r2 = ((nx - x).pow(2) + (ny - y).pow(2)) as f32;
                    let wt = (-d2 / colour_scale - r2 / space_scale).exp();
                    for (a, v) in acc.iter_mut().zip(p) {
                        *a += wt * v;
                    }
                    wsum += wt;
                }
            }
            out.put_pixel(
                x as u32,
                y as u32,
                Rgb(acc.map(|v| (v / wsum).round() as u8)),
            );
        }
    }
    out
}

#[test]
fn unretouched_skin_passes_and_beauty_smoothed_skin_warns_on_every_tone() {
    for (name, who) in FACES_OF_EVERY_TONE {
        // The file as delivered, then smoothed.
        let before = smoothing(&file(name));
        assert_eq!(before.verdict, Verdict::Pass, "{name} ({who}): {before:?}");
        let original = image::load_from_memory(&file(name)).unwrap().to_rgb8();
        let after = smoothing(&encode(&beauty_filter(&original, 7, 30.0)));
        assert_eq!(
            after.verdict,
            Verdict::Warn,
            "{name} ({who}) smoothed: {after:?}"
        );
        assert!(
            after.value.unwrap() < before.value.unwrap() / 2.0,
            "{name}: {} → {}",
            before.value.unwrap(),
            after.value.unwrap()
        );
    }
}
