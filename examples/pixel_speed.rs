//! Times `pixel_checks` over the demo photos: `cargo run --release --example pixel_speed`.
//! Uses the real face detector once per photo (outside the timing) when the models load.

use std::time::Instant;

use idphoto_review::checks::face::{FaceModels, analyse};
use idphoto_review::checks::segment::{pixel_checks, segment};
use idphoto_review::demo::photos::BASE_PHOTOS;
use idphoto_review::domain::spec::PhotoSpec;

const RUNS: u32 = 100;

fn main() -> anyhow::Result<()> {
    let spec = PhotoSpec::default();
    let models = FaceModels::shared().ok();
    let mut photos = Vec::new();
    for photo in &BASE_PHOTOS {
        let rgb = image::load_from_memory(photo.jpeg)?.to_rgb8();
        let face = models
            .and_then(|m| analyse(m, &rgb).ok())
            .and_then(|g| g.primary().copied());
        photos.push((photo.name, rgb, face));
    }
    if let Some((_, rgb, face)) = photos.first() {
        let start = Instant::now();
        for _ in 0..RUNS {
            std::hint::black_box(segment(rgb, face.as_ref()));
        }
        println!(
            "segmentation alone: {:.2} ms/photo",
            start.elapsed().as_secs_f64() * 1000.0 / f64::from(RUNS)
        );
    }
    let mut total = 0.0f64;
    for (name, rgb, face) in &photos {
        let start = Instant::now();
        let mut checks = 0;
        for _ in 0..RUNS {
            checks += std::hint::black_box(pixel_checks(rgb, face.as_ref(), &spec))
                .1
                .len();
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(RUNS);
        total += ms;
        println!(
            "{name:<34} {ms:6.2} ms/photo ({} checks, face {})",
            checks / RUNS as usize,
            if face.is_some() {
                "detected"
            } else {
                "missing"
            }
        );
    }
    println!(
        "mean {:.2} ms/photo over {} photos × {RUNS} runs",
        total / photos.len() as f64,
        photos.len()
    );
    Ok(())
}
