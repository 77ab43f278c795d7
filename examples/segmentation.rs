//! Writes what the segmentation sees in a photo: `cargo run --release --example segmentation
//! -- PHOTO OUT.png`. Person is shown as is, backdrop dimmed, objects in red, and the checks'
//! verdicts of the pixel checks are printed.

use idphoto_review::checks::face::{FaceModels, analyse};
use idphoto_review::checks::result::Overlay;
use idphoto_review::checks::segment::pixel_checks;
use idphoto_review::domain::lang::Lang;
use idphoto_review::domain::spec::PhotoSpec;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: segmentation PHOTO OUT.png");
    };
    let rgb = image::open(&input)?.to_rgb8();
    let face = FaceModels::shared()
        .ok()
        .and_then(|m| analyse(m, &rgb).ok())
        .and_then(|g| g.refined());
    let (seg, checks) = pixel_checks(&rgb, face.as_ref(), &PhotoSpec::default());
    let mut out = rgb.clone();
    for (x, y, p) in out.enumerate_pixels_mut() {
        let i = seg.half.index(x / 2, y / 2);
        if seg.half.objects.get(i).copied().unwrap_or(false) {
            *p = image::Rgb([255, 0, 0]);
        } else if seg.half.background.get(i).copied().unwrap_or(false) {
            p.0 = p.0.map(|c| c / 3);
        } else if !seg.half.person.get(i).copied().unwrap_or(false) {
            *p = image::Rgb([255, 255, 0]);
        }
    }
    out.save(&output)?;
    for c in checks {
        println!("{:24} {:5} {}", c.id, c.verdict.code(), c.message(Lang::En));
        for o in &c.overlays {
            if let Overlay::Line { x1, y1, x2, y2, .. } = o {
                println!(
                    "{:24}       line ({x1:.0}, {y1:.0}) – ({x2:.0}, {y2:.0})",
                    ""
                );
            }
        }
    }
    Ok(())
}
