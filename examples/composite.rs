//! Puts the people of real photos on the allowed backdrops, for screening the checks on
//! composites like the ones the studio's test set holds: `cargo run --release --example
//! composite -- OUT_DIR PHOTO...`.
//!
//! Each photo's person probability (the person model) is turned into a soft matte, the
//! photo's own backdrop is replaced by the notice's light blue (100, 197, 255) and by white,
//! and the two results are written as `<stem>_blue.jpg` and `<stem>_white.jpg`, JPEG quality 92.
//! The matte ramps from 0.3 to 0.7 probability, so hair edges stay soft, as a studio's cut-out
//! would be.

use std::path::Path;

use anyhow::Context;
use idphoto_review::checks::person::PersonModel;
use image::{Rgb, RgbImage};

const BACKDROPS: [(&str, [f32; 3]); 2] = [("blue", [100.0, 197.0, 255.0]), ("white", [255.0; 3])];

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0–255 after the clamp
fn blend(px: [u8; 3], bg: [f32; 3], alpha: f32) -> Rgb<u8> {
    Rgb([0, 1, 2].map(|c| {
        (f32::from(px[c]) * alpha + bg[c] * (1.0 - alpha))
            .round()
            .clamp(0.0, 255.0) as u8
    }))
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out_dir) = args.next() else {
        anyhow::bail!("usage: composite OUT_DIR PHOTO...");
    };
    let model = PersonModel::shared().map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for path in args {
        let rgb = image::open(&path).with_context(|| path.clone())?.to_rgb8();
        let (w, h) = rgb.dimensions();
        let prob = model
            .probability(&rgb, w, h)
            .map_err(|e| anyhow::anyhow!("{path}: {e:?}"))?;
        let stem = Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (tag, bg) in BACKDROPS {
            let out = RgbImage::from_fn(w, h, |x, y| {
                let p = prob.get((y * w + x) as usize).copied().unwrap_or(0.0);
                blend(rgb.get_pixel(x, y).0, bg, ((p - 0.3) / 0.4).clamp(0.0, 1.0))
            });
            let target = Path::new(&out_dir).join(format!("{stem}_{tag}.jpg"));
            let file =
                std::fs::File::create(&target).with_context(|| target.display().to_string())?;
            image::codecs::jpeg::JpegEncoder::new_with_quality(file, 92).encode_image(&out)?;
        }
        println!("{path}");
    }
    Ok(())
}
