//! Draws what the iris model finds, to check the landmark indices by eye:
//! `cargo run --release --example draw_eyes PHOTO OUT.png`. The output is the eye region,
//! enlarged 4×: outer corners (contour 0) blue, inner corners (8) cyan, lower lid (1–7) red,
//! upper lid (9–15) green, the other contour points grey, iris centre yellow, iris edge magenta.

use anyhow::Context;
use idphoto_review::checks::face::iris::{INNER_CORNER, LOWER_LID, OUTER_CORNER, UPPER_LID};
use idphoto_review::checks::face::{FaceModels, analyse};
use image::{Rgb, RgbImage, imageops};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: draw_eyes PHOTO OUT.png");
    };
    let rgb = image::open(&input)
        .with_context(|| format!("cannot read {input}"))?
        .to_rgb8();
    let models = FaceModels::load()?;
    let geom = analyse(&models, &rgb)?;
    let eyes = geom.eyes.context("no eyes found")?;
    let xs = eyes.iter().flat_map(|e| e.contour.iter().map(|p| p.x));
    let ys = eyes.iter().flat_map(|e| e.contour.iter().map(|p| p.y));
    let (x0, x1) = xs.fold((f32::MAX, f32::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (y0, y1) = ys.fold((f32::MAX, f32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    let (x0, y0) = ((x0 - 10.0).max(0.0) as u32, (y0 - 10.0).max(0.0) as u32);
    let (w, h) = (
        (x1 - x0 as f32 + 20.0) as u32,
        (y1 - y0 as f32 + 20.0) as u32,
    );
    let k = 4u32;
    let crop = imageops::crop_imm(&rgb, x0, y0, w, h).to_image();
    let mut big = imageops::resize(&crop, w * k, h * k, imageops::FilterType::Triangle);
    let mut dot = |x: f32, y: f32, c: [u8; 3]| {
        let (cx, cy) = (
            ((x - x0 as f32) * k as f32) as i64,
            ((y - y0 as f32) * k as f32) as i64,
        );
        for dy in -2..=2 {
            for dx in -2..=2 {
                let (px, py) = (cx + dx, cy + dy);
                if px >= 0 && py >= 0 && (px as u32) < big.width() && (py as u32) < big.height() {
                    big.put_pixel(px as u32, py as u32, Rgb(c));
                }
            }
        }
    };
    for eye in &eyes {
        for (i, p) in eye.contour.iter().enumerate() {
            let c = match i {
                OUTER_CORNER => [0, 0, 255],
                INNER_CORNER => [0, 255, 255],
                _ if LOWER_LID.contains(&i) => [255, 0, 0],
                _ if UPPER_LID.contains(&i) => [0, 255, 0],
                _ => [128, 128, 128],
            };
            dot(p.x, p.y, c);
        }
        for (i, p) in eye.iris.iter().enumerate() {
            dot(p.x, p.y, if i == 0 { [255, 255, 0] } else { [255, 0, 255] });
        }
    }
    RgbImage::save(&big, &output).with_context(|| format!("cannot write {output}"))?;
    println!("{output}: {}×{}", big.width(), big.height());
    Ok(())
}
