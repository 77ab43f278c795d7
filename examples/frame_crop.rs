//! Frames source portraits the way `tests/fixtures/real` was framed, for screening photos the
//! checks have never seen: `cargo run --release --example frame_crop -- OUT_DIR PHOTO...`.
//!
//! Each photo is cropped and scaled uniformly (no rotation, stretch or padding) to 480×640:
//! face width (Face Mesh, cheek to cheek) 235 px, eye line 255 px from the top, face centred;
//! the scale drops so the head top (person model) stays about 65 px from the top, and the box
//! stays inside the source, so a source too tight or too low gives a photo that `face.position`
//! rightly fails. Written as JPEG quality 92, one line per photo on stdout.

use std::path::Path;

use anyhow::Context;
use idphoto_review::checks::face::{FaceModels, analyse, measure::Measures};
use idphoto_review::checks::segment::segment;
use image::RgbImage;
use image::imageops::{FilterType, crop_imm, resize};

/// The framing targets, in output pixels.
const FACE_WIDTH: f32 = 235.0;
const EYE_LINE: f32 = 255.0;
/// Eye line minus head top, at most: the head top then sits at about 65 px.
const EYE_TO_TOP_MAX: f32 = 190.0;
const OUT: (u32, u32) = (480, 640);

/// The source box `(x, y, width, height)` of scale `s` (output per source pixel).
#[allow(clippy::cast_precision_loss, clippy::many_single_char_names)] // pixel maths
fn source_box(rgb: &RgbImage, m: &Measures, s: f32) -> (f32, f32, f32, f32) {
    let (w, h) = (OUT.0 as f32 / s, OUT.1 as f32 / s);
    let x = (m.centre_x - w / 2.0).clamp(0.0, (rgb.width() as f32 - w).max(0.0));
    let y = (m.eye_line_y() - EYE_LINE / s).clamp(0.0, (rgb.height() as f32 - h).max(0.0));
    (x, y, w, h)
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // in-photo pixel boxes
fn cut(rgb: &RgbImage, (x, y, w, h): (f32, f32, f32, f32)) -> RgbImage {
    let part = crop_imm(rgb, x as u32, y as u32, w as u32, h as u32).to_image();
    resize(&part, OUT.0, OUT.1, FilterType::Lanczos3)
}

#[allow(clippy::cast_precision_loss)] // photo sizes fit f32
fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out_dir) = args.next() else {
        anyhow::bail!("usage: frame_crop OUT_DIR PHOTO...");
    };
    let models = FaceModels::shared().map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for path in args {
        let rgb = image::open(&path).with_context(|| path.clone())?.to_rgb8();
        let geometry = analyse(models, &rgb).map_err(|e| anyhow::anyhow!("{path}: {e:?}"))?;
        let Some(m) = Measures::of(&geometry) else {
            eprintln!("{path}: no face");
            continue;
        };
        // The smallest scale at which the box still fits the source.
        let floor = (OUT.1 as f32 / rgb.height() as f32).max(OUT.0 as f32 / rgb.width() as f32);
        let mut s = (FACE_WIDTH / m.face_width()).max(floor);
        let first = cut(&rgb, source_box(&rgb, &m, s));
        let face = analyse(models, &first).ok().and_then(|g| g.refined());
        if let Some(top) = segment(&first, face.as_ref()).head_top_y {
            let (_, y, _, _) = source_box(&rgb, &m, s);
            let eye_to_top = m.eye_line_y() - (y + top as f32 / s);
            if eye_to_top > 0.0 {
                s = s.min(EYE_TO_TOP_MAX / eye_to_top).max(floor);
            }
        }
        let area = source_box(&rgb, &m, s);
        let stem = Path::new(&path)
            .file_stem()
            .map_or_else(|| "photo".into(), |n| n.to_string_lossy().into_owned());
        let file = std::fs::File::create(Path::new(&out_dir).join(format!("{stem}.jpg")))?;
        image::codecs::jpeg::JpegEncoder::new_with_quality(file, 92)
            .encode_image(&cut(&rgb, area))?;
        println!(
            "{stem} scale {s:.3} box {:.0},{:.0} {:.0}x{:.0}",
            area.0, area.1, area.2, area.3
        );
    }
    Ok(())
}
