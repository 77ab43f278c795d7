//! The face's fine detail at the delivered resolution, the second half of `sharpness.face`.
//!
//! The notice asks for a clear photo of 480×640 pixels. A photo enlarged from a smaller one
//! has that many pixels but not that much detail: interpolation leaves the finest octave
//! (periods of 2–4 pixels) nearly empty, and so does a blur of about a pixel. The focus
//! measure of [`super::sharpness`] cannot see this: it resamples the face to 128 cells
//! wide, coarser than the photo's own pixels for any face of the required 180–300 px.
//!
//! **The measure.** The inner face (the focus measure's 15–85 % of the face box's width,
//! 20–90 % of its height) in grey, at the spec's resolution (a larger photo is area-averaged
//! down to it first, so a phone's full-size upload is judged at the size it will be
//! delivered), split into two octaves by an *à trous* B3-spline pyramid: `smooth₁` is the
//! grey under the 1-4-6-4-1 / 16 kernel along both axes, `smooth₂` is `smooth₁` under the
//! same kernel with its taps two cells apart. The detail is
//! `Σ (grey − smooth₁)² / Σ (smooth₁ − smooth₂)²`: the energy of the finest octave over the
//! next one. A photograph's spectrum falls off about as 1/f, which puts roughly equal
//! energy in every octave, so a face with detail down to its pixels reads about 1 (the 40
//! London studio photos read 0.82–1.77, every skin tone); the same photos enlarged 1.5× from
//! a smaller copy read 0.31–0.50 and blurred by a Gaussian of σ = 1 px 0.23–0.34 (the
//! limits are in [`PhotoSpec`](crate::domain::spec::PhotoSpec)). Both octaves scale with
//! the face's contrast, so the ratio does not depend on exposure or on how dark the skin is;
//! noise only adds energy to the finest octave, so it can hide an enlargement but never
//! make a sharp photo read soft.

use image::RgbImage;

use super::geometry::Detection;
use super::sharpness::FaceGrid;

/// Cells left out at each edge of the grid: the reach of the two kernels (2 + 4 cells).
const MARGIN: usize = 6;

/// Fewest inner cells that make the two energies meaningful (a 20×20 patch).
const MIN_CELLS: usize = 400;

/// One pass of the 1-4-6-4-1 / 16 kernel along both axes with its taps `step` cells apart;
/// the edges repeat their last cell.
fn smooth(values: &[f32], width: usize, height: usize, step: usize) -> Vec<f32> {
    const TAPS: [f32; 5] = [1.0 / 16.0, 4.0 / 16.0, 6.0 / 16.0, 4.0 / 16.0, 1.0 / 16.0];
    let clamped =
        |i: usize, k: usize, len: usize| (i + k * step).saturating_sub(2 * step).min(len - 1);
    // Rows: each row padded with its edge cells, then the five taps as plain offsets.
    let mut rows = vec![0.0; values.len()];
    let mut padded = vec![0.0; width + 4 * step];
    for (src, dst) in values.chunks_exact(width).zip(rows.chunks_exact_mut(width)) {
        for (i, p) in padded.iter_mut().enumerate() {
            *p = src[clamped(i, 0, width)];
        }
        for (x, out) in dst.iter_mut().enumerate() {
            *out = TAPS[0] * padded[x]
                + TAPS[1] * padded[x + step]
                + TAPS[2] * padded[x + 2 * step]
                + TAPS[3] * padded[x + 3 * step]
                + TAPS[4] * padded[x + 4 * step];
        }
    }
    // Columns: five whole rows at a time.
    let mut out = vec![0.0; values.len()];
    for (y, dst) in out.chunks_exact_mut(width).enumerate() {
        let row = |k: usize| {
            let r = clamped(y, k, height) * width;
            &rows[r..r + width]
        };
        let (r0, r1, r2, r3, r4) = (row(0), row(1), row(2), row(3), row(4));
        for (x, o) in dst.iter_mut().enumerate() {
            *o = TAPS[0] * r0[x]
                + TAPS[1] * r1[x]
                + TAPS[2] * r2[x]
                + TAPS[3] * r3[x]
                + TAPS[4] * r4[x];
        }
    }
    out
}

/// The finest octave's energy over the next one (see the module docs) on `grid`, over the
/// cells at least [`MARGIN`] from its edges; `None` on a patch too small or flat to tell.
pub fn octave_ratio(grid: &FaceGrid) -> Option<f64> {
    let (w, h) = (grid.width, grid.height);
    if w <= 2 * MARGIN || h <= 2 * MARGIN || (w - 2 * MARGIN) * (h - 2 * MARGIN) < MIN_CELLS {
        return None;
    }
    let smooth1 = smooth(&grid.grey, w, h, 1);
    let smooth2 = smooth(&smooth1, w, h, 2);
    let (mut fine, mut next) = (0.0f64, 0.0f64);
    for y in MARGIN..h - MARGIN {
        for x in MARGIN..w - MARGIN {
            let i = y * w + x;
            fine += f64::from(grid.grey[i] - smooth1[i]).powi(2);
            next += f64::from(smooth1[i] - smooth2[i]).powi(2);
        }
    }
    let cells = ((w - 2 * MARGIN) * (h - 2 * MARGIN)) as f64;
    // A face with less than a tenth of a grey level of structure at the second octave is flat.
    (next / cells > 0.01).then(|| fine / next)
}

/// The inner face of `face` in grey at `spec_width` pixels across the photo (never finer
/// than the photo's own pixels), with a margin for the kernels; `None` when it is empty.
pub fn inner_face_grid(rgb: &RgbImage, face: &Detection, spec_width: u32) -> Option<FaceGrid> {
    let scale = (rgb.width() as f32 / spec_width.max(1) as f32).max(1.0);
    let f = face.face;
    let margin = MARGIN as f32 * scale;
    FaceGrid::area(
        rgb,
        [
            f.x + 0.15 * f.w - margin,
            f.y + 0.2 * f.h - margin,
            f.x + 0.85 * f.w + margin,
            f.y + 0.9 * f.h + margin,
        ],
        scale,
    )
}

/// The detail measure of `face` in `rgb` for a spec `spec_width` pixels wide.
pub fn fine_detail(rgb: &RgbImage, face: &Detection, spec_width: u32) -> Option<f64> {
    octave_ratio(&inner_face_grid(rgb, face, spec_width)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::geometry::{BoxPx, Point};
    use crate::demo::variants::edits::enlarge;

    fn face_at(x: f32, y: f32, width: f32, height: f32) -> Detection {
        let p = Point { x, y };
        Detection {
            face: BoxPx {
                x,
                y,
                w: width,
                h: height,
            },
            score: 1.0,
            eye_image_left: p,
            eye_image_right: p,
            nose: p,
            mouth_image_left: p,
            mouth_image_right: p,
        }
    }

    /// A deterministic texture with structure at every scale, as in a photograph: lattice
    /// noise interpolated bilinearly at spacings of 2, 4, … 64 pixels, every octave with the
    /// same amplitude (about equal energy per octave, a 1/f spectrum).
    fn textured(width: u32, height: u32) -> RgbImage {
        let hash = |x: u32, y: u32, o: u32| {
            let mut v = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ (o << 24);
            v ^= v >> 15;
            v = v.wrapping_mul(0x2C1B_3C6D);
            v ^= v >> 12;
            (v & 0xFF) as f32 / 255.0 - 0.5
        };
        let octave = |x: u32, y: u32, o: u32| {
            let s = 1u32 << o;
            let (fx, fy) = ((x % s) as f32 / s as f32, (y % s) as f32 / s as f32);
            let (i, j) = (x / s, y / s);
            let top = hash(i, j, o) * (1.0 - fx) + hash(i + 1, j, o) * fx;
            let bottom = hash(i, j + 1, o) * (1.0 - fx) + hash(i + 1, j + 1, o) * fx;
            top * (1.0 - fy) + bottom * fy
        };
        RgbImage::from_fn(width, height, |x, y| {
            let g: f32 = (1..7).map(|o| octave(x, y, o) * 40.0).sum();
            let g = (128.0 + g).clamp(0.0, 255.0) as u8;
            image::Rgb([g, g, g])
        })
    }

    #[test]
    fn detail_at_every_scale_reads_near_one_and_an_enlargement_far_below() {
        let rgb = textured(480, 640);
        let face = face_at(120.0, 150.0, 240.0, 300.0);
        let sharp = fine_detail(&rgb, &face, 480).unwrap();
        let soft = fine_detail(&enlarge(&rgb, 2.0), &face, 480).unwrap();
        let blurred = fine_detail(&image::imageops::blur(&rgb, 1.0), &face, 480).unwrap();
        assert!(sharp > 0.8, "{sharp}");
        assert!(soft < 0.4, "{soft}");
        assert!(blurred < 0.4, "{blurred}");
    }

    #[test]
    fn the_ratio_does_not_depend_on_contrast_or_brightness() {
        let rgb = textured(480, 640);
        let dim = RgbImage::from_fn(480, 640, |x, y| {
            let g = rgb.get_pixel(x, y)[0] / 3 + 10;
            image::Rgb([g, g, g])
        });
        let face = face_at(120.0, 150.0, 240.0, 300.0);
        let a = fine_detail(&rgb, &face, 480).unwrap();
        let b = fine_detail(&dim, &face, 480).unwrap();
        assert!((a - b).abs() < 0.1 * a, "{a} {b}");
    }

    #[test]
    fn a_larger_photo_is_judged_at_the_spec_resolution() {
        // The enlarged photo 2× the spec's size: at its own pixels it has no fine octave, at
        // the spec's 480 px it is the sharp original again.
        let rgb = textured(480, 640);
        let big = image::imageops::resize(&rgb, 960, 1280, image::imageops::FilterType::CatmullRom);
        let face = face_at(240.0, 300.0, 480.0, 600.0);
        let at_spec = fine_detail(&big, &face, 480).unwrap();
        let at_pixels = fine_detail(&big, &face, 960).unwrap();
        assert!(at_spec > 0.8, "{at_spec}");
        assert!(at_pixels < 0.4, "{at_pixels}");
    }

    #[test]
    fn a_flat_or_tiny_face_is_not_measured() {
        let flat = RgbImage::from_pixel(480, 640, image::Rgb([150, 120, 100]));
        assert_eq!(
            fine_detail(&flat, &face_at(120.0, 150.0, 240.0, 300.0), 480),
            None
        );
        let rgb = textured(480, 640);
        assert_eq!(
            fine_detail(&rgb, &face_at(200.0, 200.0, 20.0, 24.0), 480),
            None
        );
        assert_eq!(
            fine_detail(&rgb, &face_at(-900.0, 0.0, 100.0, 100.0), 480),
            None
        );
    }
}
