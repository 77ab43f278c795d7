//! `MediaPipe` Face Mesh on the best `YuNet` face: crop, run, map the 468 landmarks back.
//!
//! The crop is a square around the `YuNet` box, enlarged 1.5× and rotated by the eye-line angle
//! (as `MediaPipe`'s own pipeline does), so a tilted head still gives an upright face to the
//! model. Landmarks come back in crop pixels and are mapped through the same transform.

use image::RgbImage;

use crate::checks::geometry::Detection;

/// Model input side, pixels.
pub const INPUT_SIDE: u32 = 192;
/// Number of landmarks.
pub const LANDMARKS: usize = 468;
/// Crop side relative to the detector box (`MediaPipe`'s enlargement).
const CROP_ENLARGE: f32 = 1.5;
/// Minimum face-presence probability (sigmoid of the model's logit) to trust the mesh.
const PRESENCE_MIN: f32 = 0.5;

// Landmark indices of the canonical Face Mesh topology. "Right"/"left" are the subject's: the
// subject's right side is on the image's left in a frontal photo.
/// Top of the forehead (upper end of the mesh), on the midline.
pub const FOREHEAD_TOP: usize = 10;
/// Chin bottom, on the midline.
pub const CHIN: usize = 152;
/// Nose tip.
pub const NOSE_TIP: usize = 1;
/// Cheek outline at the ear (subject's right, image left).
pub const CHEEK_RIGHT: usize = 234;
/// Cheek outline at the ear (subject's left, image right).
pub const CHEEK_LEFT: usize = 454;
/// Right eye: outer corner, inner corner, upper lid, lower lid.
pub const RIGHT_EYE: [usize; 4] = [33, 133, 159, 145];
/// Left eye: inner corner, outer corner, upper lid, lower lid.
pub const LEFT_EYE: [usize; 4] = [362, 263, 386, 374];
/// Facial midline, forehead to chin: their mean x is the face's horizontal centre.
pub const MIDLINE: [usize; 12] = [10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 2];
/// Left–right symmetric pairs (image-left point first) whose directions give the head roll:
/// eye corners, eyelids, brows, the face outline and the mouth corners.
pub const SYMMETRIC_PAIRS: [(usize, usize); 12] = [
    (33, 263),
    (133, 362),
    (159, 386),
    (145, 374),
    (70, 300),
    (105, 334),
    (234, 454),
    (93, 323),
    (132, 361),
    (58, 288),
    (172, 397),
    (61, 291),
];
/// Inner lips: upper, lower.
pub const INNER_LIPS: [usize; 2] = [13, 14];
/// Inner mouth corners: right, left.
pub const MOUTH_CORNERS: [usize; 2] = [78, 308];

/// Picks the landmark and presence outputs by their element counts (1404 and 1).
pub fn output_indices(outputs: &[(String, usize)]) -> Option<[usize; 2]> {
    let landmarks = outputs.iter().position(|(_, n)| *n == 3 * LANDMARKS)?;
    let presence = outputs.iter().position(|(_, n)| *n == 1)?;
    Some([landmarks, presence])
}

/// A square, rotated crop of the photo: centre, side and angle in photo pixels / radians.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    pub cx: f32,
    pub cy: f32,
    pub side: f32,
    pub angle: f32,
}

impl Crop {
    /// The crop for a detection: its box centre, 1.5× its longer side, its eye-line angle.
    pub fn around(d: &Detection) -> Self {
        let f = d.face;
        let (dx, dy) = (
            d.eye_image_right.x - d.eye_image_left.x,
            d.eye_image_right.y - d.eye_image_left.y,
        );
        Self {
            cx: f.x + f.w / 2.0,
            cy: f.y + f.h / 2.0,
            side: (f.w.max(f.h) * CROP_ENLARGE).max(1.0),
            angle: dy.atan2(dx),
        }
    }

    /// Maps a crop pixel position (`0..INPUT_SIDE`) to photo pixels.
    pub fn to_photo(&self, u: f32, v: f32) -> (f32, f32) {
        let k = self.side / INPUT_SIDE as f32;
        let (lx, ly) = (
            (u - INPUT_SIDE as f32 / 2.0) * k,
            (v - INPUT_SIDE as f32 / 2.0) * k,
        );
        let (sin, cos) = self.angle.sin_cos();
        (self.cx + lx * cos - ly * sin, self.cy + lx * sin + ly * cos)
    }

    /// The model input: planar RGB in [0, 1], bilinear samples, edges replicated.
    pub fn sample(&self, rgb: &RgbImage) -> Vec<f32> {
        sample_crop(rgb, INPUT_SIDE as usize, |u, v| self.to_photo(u, v))
    }

    /// The landmarks in photo pixels (z scaled like x), or `None` when the model says there
    /// is no face in the crop or the outputs are not the expected ones.
    pub fn landmarks(&self, outputs: &[Vec<f32>], indices: [usize; 2]) -> Option<Vec<[f32; 3]>> {
        let points = outputs.get(indices[0])?;
        let logit = *outputs.get(indices[1])?.first()?;
        let presence = 1.0 / (1.0 + (-logit).exp());
        if presence < PRESENCE_MIN || points.len() != 3 * LANDMARKS {
            return None;
        }
        let k = self.side / INPUT_SIDE as f32;
        Some(
            points
                .chunks_exact(3)
                .map(|p| {
                    let (x, y) = self.to_photo(p[0], p[1]);
                    [x, y, p[2] * k]
                })
                .collect(),
        )
    }
}

/// Samples a `side × side` model input whose pixel `(u, v)` (centres at `+0.5`) lies at
/// `to_photo(u, v)` in the photo: the grid's origin and two step vectors come from three
/// mapped points, then [`sample_grid`] walks it.
pub(super) fn sample_crop(
    rgb: &RgbImage,
    side: usize,
    to_photo: impl Fn(f32, f32) -> (f32, f32),
) -> Vec<f32> {
    let (x0, y0) = to_photo(0.5, 0.5);
    let (xu, yu) = to_photo(1.5, 0.5);
    let (xv, yv) = to_photo(0.5, 1.5);
    sample_grid(rgb, side, (x0, y0), (xu - x0, yu - y0), (xv - x0, yv - y0))
}

/// Samples an `n × n` grid of `rgb` as planar RGB in [0, 1] (a model input): sample `(u, v)`
/// is at `origin + u·du + v·dv` (photo pixel centres at `x + 0.5`), bilinear, edges replicated.
/// The grid is any rotation, scale or mirror of the photo, so stepping by fixed vectors
/// replaces a transform per sample, and the buffer is read directly.
#[allow(clippy::many_single_char_names, clippy::similar_names)] // pixel maths
pub(super) fn sample_grid(
    rgb: &RgbImage,
    n: usize,
    origin: (f32, f32),
    du: (f32, f32),
    dv: (f32, f32),
) -> Vec<f32> {
    let plane = n * n;
    let mut data = vec![0.0f32; 3 * plane];
    let (w, h) = rgb.dimensions();
    if w == 0 || h == 0 {
        return data;
    }
    let (maxx, maxy) = ((w - 1) as f32, (h - 1) as f32);
    let raw = rgb.as_raw();
    let stride = w as usize * 3;
    let (x0, y0) = origin;
    let k = 1.0 / 255.0;
    let (wi, hi) = (w as usize - 1, h as usize - 1);
    let pixel = |y: usize, x: usize| {
        let o = y * stride + x * 3;
        [raw[o], raw[o + 1], raw[o + 2]].map(f32::from)
    };
    // One row of each plane at a time, zipped, so the writes need no index arithmetic.
    let (reds, rest) = data.split_at_mut(plane);
    let (greens, blues) = rest.split_at_mut(plane);
    let rows = reds
        .chunks_exact_mut(n)
        .zip(greens.chunks_exact_mut(n))
        .zip(blues.chunks_exact_mut(n));
    for (v, ((rs, gs), bs)) in rows.enumerate() {
        let vf = v as f32;
        let cells = rs.iter_mut().zip(gs.iter_mut()).zip(bs.iter_mut());
        for (u, ((r, g), b)) in cells.enumerate() {
            let uf = u as f32;
            let x = (x0 + uf * du.0 + vf * dv.0 - 0.5).clamp(0.0, maxx);
            let y = (y0 + uf * du.1 + vf * dv.1 - 0.5).clamp(0.0, maxy);
            // Both are clamped to ≥ 0, so truncation is the floor (and no libm call).
            let (xi, yi) = (x as usize, y as usize);
            let (fx, fy) = (x - xi as f32, y - yi as f32);
            let (xj, yj) = ((xi + 1).min(wi), (yi + 1).min(hi));
            let (tl, tr) = (pixel(yi, xi), pixel(yi, xj));
            let (bl, br) = (pixel(yj, xi), pixel(yj, xj));
            let value = |ch: usize| {
                let top = tl[ch] + (tr[ch] - tl[ch]) * fx;
                let bottom = bl[ch] + (br[ch] - bl[ch]) * fx;
                (top + (bottom - top) * fy) * k
            };
            (*r, *g, *b) = (value(0), value(1), value(2));
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain per-sample bilinear read, one transform per sample and channel.
    #[allow(clippy::many_single_char_names)] // pixel maths
    fn reference_grid(
        rgb: &RgbImage,
        n: usize,
        origin: (f32, f32),
        du: (f32, f32),
        dv: (f32, f32),
    ) -> Vec<f32> {
        let (w, h) = rgb.dimensions();
        let mut data = vec![0.0f32; 3 * n * n];
        for v in 0..n {
            for u in 0..n {
                let (uf, vf) = (u as f32, v as f32);
                let x = (origin.0 + uf * du.0 + vf * dv.0 - 0.5).clamp(0.0, (w - 1) as f32);
                let y = (origin.1 + uf * du.1 + vf * dv.1 - 0.5).clamp(0.0, (h - 1) as f32);
                let (xi, yi) = (x.floor() as u32, y.floor() as u32);
                let (fx, fy) = (x - xi as f32, y - yi as f32);
                let (xj, yj) = ((xi + 1).min(w - 1), (yi + 1).min(h - 1));
                for ch in 0..3 {
                    let p = |x: u32, y: u32| f32::from(rgb.get_pixel(x, y).0[ch]);
                    let top = p(xi, yi) + (p(xj, yi) - p(xi, yi)) * fx;
                    let bottom = p(xi, yj) + (p(xj, yj) - p(xi, yj)) * fx;
                    data[ch * n * n + v * n + u] = (top + (bottom - top) * fy) * (1.0 / 255.0);
                }
            }
        }
        data
    }

    #[test]
    fn the_grid_sampler_matches_the_plain_bilinear_read_bit_for_bit() {
        let rgb = RgbImage::from_fn(97, 131, |x, y| {
            image::Rgb([(x * 7 + y * 3) as u8, (x * y) as u8, (x ^ y) as u8])
        });
        // Rotated, scaled and mirrored grids, some running off the photo's edges.
        for (origin, du, dv) in [
            ((10.0, 20.0), (0.7, 0.2), (-0.2, 0.7)),
            ((-15.0, 100.0), (1.3, -0.4), (0.4, 1.3)),
            ((90.0, 5.0), (-0.5, 0.0), (0.0, 0.5)),
        ] {
            let ours = sample_grid(&rgb, 64, origin, du, dv);
            let plain = reference_grid(&rgb, 64, origin, du, dv);
            assert!(
                ours.iter()
                    .zip(&plain)
                    .all(|(a, b)| a.to_bits() == b.to_bits())
            );
        }
    }

    #[test]
    fn crop_maps_its_centre_and_rotates_its_axes() {
        let crop = Crop {
            cx: 100.0,
            cy: 200.0,
            side: 384.0,
            angle: std::f32::consts::FRAC_PI_2,
        };
        let (x, y) = crop.to_photo(96.0, 96.0);
        assert!((x - 100.0).abs() < 1e-3 && (y - 200.0).abs() < 1e-3);
        // One crop pixel right = two photo pixels down when rotated by 90°.
        let (x, y) = crop.to_photo(97.0, 96.0);
        assert!((x - 100.0).abs() < 1e-3 && (y - 202.0).abs() < 1e-3);
    }

    #[test]
    fn low_presence_gives_no_mesh() {
        let crop = Crop {
            cx: 0.0,
            cy: 0.0,
            side: 192.0,
            angle: 0.0,
        };
        let outputs = vec![vec![0.0; 3 * LANDMARKS], vec![-3.0]];
        assert_eq!(
            output_indices(&[("a".into(), 1404), ("b".into(), 1)]),
            Some([0, 1])
        );
        assert!(crop.landmarks(&outputs, [0, 1]).is_none());
        let outputs = vec![vec![96.0; 3 * LANDMARKS], vec![3.0]];
        let mesh = crop.landmarks(&outputs, [0, 1]).unwrap();
        assert_eq!(mesh.len(), LANDMARKS);
        assert!(mesh[0][0].abs() < 1e-3);
    }
}
