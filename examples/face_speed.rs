//! Times the face models on the demo photos and prints what they measure:
//! `cargo run --release --example face_speed [runs]` (default 100 runs over the seven photos).

use std::time::Instant;

use anyhow::Context;
use idphoto_review::checks::face::measure::{Measures, MeshMeasures};
use idphoto_review::checks::face::{FaceModels, analyse};
use idphoto_review::demo::photos::BASE_PHOTOS;

fn main() -> anyhow::Result<()> {
    let runs: usize = match std::env::args().nth(1) {
        Some(n) => n.parse().context("usage: face_speed [runs]")?,
        None => 100,
    };
    let started = Instant::now();
    let models = FaceModels::load()?;
    println!(
        "models loaded in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let photos = BASE_PHOTOS
        .iter()
        .map(|p| Ok((p.name, image::load_from_memory(p.jpeg)?.to_rgb8())))
        .collect::<anyhow::Result<Vec<_>>>()?;

    println!(
        "photo                               faces  width  box_w  eye_y  centre  roll  yaw   eyes  mouth  top~"
    );
    for (name, rgb) in &photos {
        let geom = analyse(&models, rgb)?;
        let Some(m) = Measures::of(&geom) else {
            println!("{name:36} no face");
            continue;
        };
        let mm = MeshMeasures::of(&geom);
        let (yaw, eyes, mouth) = mm.map_or((f32::NAN, f32::NAN, f32::NAN), |mm| {
            let (r, l) = mm.eye_open_ratios();
            (mm.yaw_deg(), r.min(l), mm.mouth_gap_ratio())
        });
        println!(
            "{name:36} {:5}  {:5.1}  {:5.1}  {:5.1}  {:+6.1}  {:+4.1}  {:+4.1}  {:.2}  {:.3}  {:5.1}",
            geom.detections.len(),
            m.face_width(),
            m.detection.face.w,
            m.eye_line_y(),
            m.centre_x - rgb.width() as f32 / 2.0,
            m.roll_deg,
            yaw,
            eyes,
            mouth,
            m.estimated_head_top()
                .map_or(f32::NAN, |(hi, lo)| f32::midpoint(hi, lo)),
        );
    }

    // YuNet alone: a photo without a face skips the mesh.
    let flat = image::RgbImage::from_pixel(480, 640, image::Rgb([100, 197, 255]));
    let started = Instant::now();
    for _ in 0..runs {
        analyse(&models, &flat)?;
    }
    let detector = started.elapsed().as_secs_f64() * 1e3 / runs.max(1) as f64;
    println!("detector only (no face): {detector:.1} ms per photo");

    // Warm up, then time.
    for (_, rgb) in &photos {
        analyse(&models, rgb)?;
    }
    let started = Instant::now();
    for i in 0..runs {
        analyse(&models, &photos[i % photos.len()].1)?;
    }
    let per = started.elapsed().as_secs_f64() * 1e3 / runs.max(1) as f64;
    println!("analyse: {per:.1} ms per photo ({runs} runs, one thread)");
    Ok(())
}
