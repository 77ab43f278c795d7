//! Prints `sharpness.face`'s fine detail (`checks::pixel_detail`) of each photo as given and
//! after the changes its limits are set from: `cargo run --release --example fine_detail --
//! PHOTO...`. Columns: as delivered, saved at JPEG quality 50, enlarged 1.5× from a copy of
//! two thirds the size, enlarged 2× and sharpened (unsharp mask σ = 2), blurred (σ = 1 px);
//! every changed photo is saved at quality 90 (50 for the second column).

use anyhow::Context;
use idphoto_review::checks::face::{FaceModels, analyse};
use idphoto_review::checks::pixel_detail::fine_detail;
use idphoto_review::demo::variants::edits::enlarge;
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;
use image::imageops;

fn saved(rgb: &RgbImage, quality: u8) -> anyhow::Result<RgbImage> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, quality).encode_image(rgb)?;
    Ok(image::load_from_memory(&jpeg)?.to_rgb8())
}

fn main() -> anyhow::Result<()> {
    let models = FaceModels::load()?;
    println!("photo                                     given   q50  ×1.5  ×2+sharp  blur1");
    for path in std::env::args().skip(1) {
        let rgb = image::open(&path)
            .with_context(|| format!("reading {path}"))?
            .to_rgb8();
        let variants = [
            rgb.clone(),
            saved(&rgb, 50)?,
            saved(&enlarge(&rgb, 1.5), 90)?,
            saved(&imageops::unsharpen(&enlarge(&rgb, 2.0), 2.0, 2), 90)?,
            saved(&imageops::blur(&rgb, 1.0), 90)?,
        ];
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let mut line = format!("{name:40}");
        for v in &variants {
            let face = analyse(&models, v)?.detections.first().copied();
            let detail = face.and_then(|f| fine_detail(v, &f, 480));
            line += &detail.map_or_else(|| "     -".to_owned(), |d| format!("  {d:4.2}"));
        }
        println!("{line}");
    }
    Ok(())
}
