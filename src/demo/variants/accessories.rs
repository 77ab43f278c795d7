//! Glasses and a hair fringe drawn on a compliant photo, placed by the face's own landmarks
//! (Face Mesh, through [`FaceFrame`]: eyes at `u = ±0.5, v = 0`, one unit = the eye distance).
//! Drawn with anti-aliased edges, strand texture and the person's own hair colour, so the
//! checks see something like the real thing rather than a flat stencil.

use image::RgbImage;

use super::edits::{lerp, map_pixels};
use super::mask::BackgroundMask;
use crate::checks::face::frame::FaceFrame;
use crate::checks::face::mesh::FOREHEAD_TOP;

/// Frame colour: near-black acetate.
const FRAME: [f32; 3] = [28.0, 24.0, 24.0];
/// Lens centre offset below the eye centre, half-width and half-height (face units).
const LENS: (f32, f32, f32) = (0.04, 0.40, 0.26);
/// Superellipse exponent of the lens outline (2 = ellipse; higher = squarer).
const LENS_SHAPE: f32 = 3.0;
/// Frame thickness, face units (~5 px on an ID photo).
const FRAME_WIDTH: f32 = 0.045;
/// Height of the bridge and of the temple arms (face units, negative = above the eyes).
const BRIDGE_V: f32 = -0.07;
/// Outer end of the temple arms (face units): past the face outline.
const ARM_END_U: f32 = 1.2;
/// Width of one hair strand of the fringe, face units.
const STRAND: f32 = 0.025;
/// How far the fringe reaches below the lower edge of the brows, face units.
const FRINGE_BELOW_BROWS: f32 = 0.05;
/// Half-width of the fringe, face units (the forehead).
const FRINGE_HALF_WIDTH: f32 = 1.0;
/// Lower eyebrow outline of both brows (Face Mesh).
const BROW_LOWER: [usize; 10] = [46, 53, 52, 65, 55, 276, 283, 282, 295, 285];

/// Coverage (0–1) of a pixel by a stroke whose distance from the pixel is `dist` and whose
/// width is `width`, both in face units, `px` = one pixel in face units.
fn stroke(dist: f32, width: f32, px: f32) -> f32 {
    ((width / 2.0 - dist) / px + 0.5).clamp(0.0, 1.0)
}

/// Approximate distance (face units) from `(u, v)` to the lens outline centred at `cu`.
#[allow(clippy::many_single_char_names)] // geometry
fn lens_distance(u: f32, v: f32, cu: f32) -> f32 {
    let (cv, a, b) = LENS;
    let (du, dv) = ((u - cu).abs() / a, (v - cv).abs() / b);
    let r = (du.powf(LENS_SHAPE) + dv.powf(LENS_SHAPE)).powf(1.0 / LENS_SHAPE);
    (r - 1.0).abs() * a.min(b)
}

/// How a pair of glasses looks: frame colour and width (face units; 0 = rimless: no rims,
/// only the bridge and arms), lens tint (colour and transmittance) and reflection strength.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlassesStyle {
    pub frame: [f32; 3],
    pub frame_width: f32,
    /// Lens colour and the share of the light it lets through (1 = clear).
    pub tint: ([f32; 3], f32),
    /// Strength (0–1) of a diagonal reflection on each lens.
    pub glare: f32,
    /// Strength (0–1) of a reflection blob (a window's or a softbox's image) on the lower
    /// outer part of each lens, over the skin.
    pub blob: f32,
}

impl GlassesStyle {
    /// Dark full-rim acetate frames, clear lenses, a faint reflection (the `Glasses` variant).
    pub const DARK: Self = Self {
        frame: FRAME,
        frame_width: FRAME_WIDTH,
        tint: ([0.0; 3], 1.0),
        glare: 0.18,
        blob: 0.0,
    };
    /// Thin light metal frames (~1.5 px at an ID photo's scale), clear lenses.
    pub const THIN_METAL: Self = Self {
        frame: [175.0, 165.0, 150.0],
        frame_width: 0.014,
        tint: ([0.0; 3], 1.0),
        glare: 0.0,
        blob: 0.0,
    };
    /// Rimless: a thin metal bridge and arms, clear lenses.
    pub const RIMLESS: Self = Self {
        frame: [150.0, 140.0, 125.0],
        frame_width: 0.0,
        tint: ([0.0; 3], 1.0),
        glare: 0.0,
        blob: 0.0,
    };
}

/// Draws a pair of dark full-rim glasses: two lenses, a bridge over the nose, temple arms,
/// and a faint reflection on each lens.
pub fn draw_glasses(image: &RgbImage, frame: &FaceFrame) -> RgbImage {
    draw_glasses_styled(image, frame, &GlassesStyle::DARK)
}

/// Draws glasses of `style`: lenses (tinted: the light through them scaled by the
/// transmittance and coloured), rims, a bridge over the nose, temple arms and reflections.
pub fn draw_glasses_styled(image: &RgbImage, frame: &FaceFrame, style: &GlassesStyle) -> RgbImage {
    let px = 1.0 / frame.iod().max(1.0);
    let (_, a, _) = LENS;
    // Metal is drawn at least 1.2 px wide, so a thin frame is a visible line.
    let metal = FRAME_WIDTH.min(style.frame_width.max(1.2 * px));
    let (tint, transmit) = style.tint;
    map_pixels(image, |x, y, rgb| {
        let (u, v) = frame.to_face(x as f32 + 0.5, y as f32 + 0.5);
        if u.abs() > ARM_END_U + 0.1 || !(-0.5..0.5).contains(&v) {
            return rgb;
        }
        let lens = lens_distance(u, v, -0.5).min(lens_distance(u, v, 0.5));
        let (cv, la, lb) = LENS;
        let in_lens = [-0.5f32, 0.5].iter().any(|cu| {
            let (du, dv) = ((u - cu).abs() / la, (v - cv).abs() / lb);
            du.powf(LENS_SHAPE) + dv.powf(LENS_SHAPE) < 1.0
        });
        let inner = 0.5 - a;
        let bridge = if u.abs() <= inner {
            (v - BRIDGE_V).abs()
        } else {
            f32::MAX
        };
        let arm = if (0.5 + a..=ARM_END_U).contains(&u.abs()) {
            (v - BRIDGE_V).abs()
        } else {
            f32::MAX
        };
        let rim = if style.frame_width > 0.0 {
            stroke(lens, style.frame_width, px)
        } else {
            0.0
        };
        let cover = rim
            .max(stroke(bridge, metal * 0.8, px))
            .max(stroke(arm, metal * 0.7, px));
        let seen = if in_lens && transmit < 1.0 {
            let k = transmit;
            std::array::from_fn(|c| rgb[c] * k + tint[c] * (1.0 - k) * 0.35)
        } else {
            rgb
        };
        // A soft diagonal reflection on the upper outer part of each lens.
        let (lu, lv) = (u.abs() - 0.62, v + 0.1);
        let glare = (style.glare - (lu + lv).abs() * 6.0).max(0.0) * f32::from(lu.abs() < 0.12);
        let (bu, bv) = ((u.abs() - 0.66) / 0.14, (v - 0.2) / 0.07);
        let blob = style.blob * (1.0 - (bu * bu + bv * bv)).clamp(0.0, 0.25) * 4.0;
        let lit = lerp(seen, [255.0; 3], glare.max(blob));
        lerp(lit, style.frame, 0.95 * cover)
    })
}

/// A deterministic pseudo-random number in `0..1` for strand `k` (a small integer hash).
fn hash01(k: i32, salt: u32) -> f32 {
    let mut h = (k as u32).wrapping_mul(0x9E37_79B9) ^ salt.wrapping_mul(0x85EB_CA6B);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xFFFF) as f32 / 65535.0
}

/// The person's hair colour: the 35th percentile (by brightness) of the pure person pixels (no
/// background blended in) in the top 0.3 eye distances of the head, which is hair on nearly
/// every head, white or dark; below the median, so light halos do not count.
fn hair_colour(image: &RgbImage, frame: &FaceFrame, mask: &BackgroundMask) -> [f32; 3] {
    let top = mask.head_top();
    let rows = (0.3 * frame.iod()) as u32;
    let mut px: Vec<[f32; 3]> = Vec::new();
    for y in top..(top + rows).min(image.height()) {
        for x in 0..image.width() {
            let p = image.get_pixel(x, y).0.map(f32::from);
            // Bluish pixels are the cut-out's halo against the blue background, not hair.
            if mask.weight(x, y) == 0.0 && p[2] < p[0] + 25.0 {
                px.push(p);
            }
        }
    }
    if px.is_empty() {
        return [45.0, 35.0, 30.0];
    }
    px.sort_by(|a, b| (a[0] + a[1] + a[2]).total_cmp(&(b[0] + b[1] + b[2])));
    px[px.len() * 35 / 100]
}

/// Draws a straight fringe of the person's hair colour over the forehead, reaching just below
/// the eyebrows, with strands of varying length and shade.
pub fn draw_fringe(
    image: &RgbImage,
    frame: &FaceFrame,
    mesh: &[[f32; 3]],
    mask: &BackgroundMask,
) -> RgbImage {
    let px = 1.0 / frame.iod().max(1.0);
    let brow_bottom = BROW_LOWER
        .iter()
        .filter_map(|&i| mesh.get(i).map(|p| frame.to_face(p[0], p[1]).1))
        .fold(f32::MIN, f32::max);
    let edge = brow_bottom + FRINGE_BELOW_BROWS;
    let colour = hair_colour(image, frame, mask);
    let top = mesh
        .get(FOREHEAD_TOP)
        .map_or(-1.0, |p| frame.to_face(p[0], p[1]).1 - 0.2);
    map_pixels(image, |x, y, rgb| {
        let (u, v) = frame.to_face(x as f32 + 0.5, y as f32 + 0.5);
        if u.abs() > FRINGE_HALF_WIDTH || v > edge + 0.1 || v < top {
            return rgb;
        }
        let k = (u / STRAND).floor() as i32;
        // Strand ends vary by ±0.04, and the fringe thins out at the sides.
        let end = edge - 0.04 + 0.08 * hash01(k, 1) - 0.1 * (u.abs() - 0.7).max(0.0);
        let shade = 0.85 + 0.3 * hash01(k, 2);
        let cover = ((end - v) / px + 0.5).clamp(0.0, 1.0);
        let side = ((FRINGE_HALF_WIDTH - u.abs()) / (8.0 * px)).clamp(0.0, 1.0);
        // Over the person only: the fringe lies on the forehead, not on the background.
        let person = 1.0 - mask.weight(x, y);
        lerp(rgb, colour.map(|c| c * shade), 0.97 * cover * side * person)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::geometry::Point;

    #[test]
    fn glasses_darken_the_rims_and_leave_the_eyes_and_far_pixels() {
        let img = RgbImage::from_pixel(480, 640, image::Rgb([200, 160, 140]));
        let frame = FaceFrame {
            origin: Point { x: 240.0, y: 250.0 },
            ex: (100.0, 0.0),
            ey: (0.0, 100.0),
        };
        let out = draw_glasses(&img, &frame);
        // Lens outline below the image-right eye: u = 0.5, v = 0.04 + 0.26 → y = 280.
        assert!(out.get_pixel(290, 280).0[0] < 60);
        // Bridge at v = −0.07 → y = 243, over the nose.
        assert!(out.get_pixel(240, 243).0[0] < 60);
        // The eye centre and the chin are untouched.
        assert_eq!(out.get_pixel(290, 254), img.get_pixel(290, 254));
        assert_eq!(out.get_pixel(240, 500), img.get_pixel(240, 500));
    }

    #[test]
    fn strand_hashes_are_spread_and_repeatable() {
        let v: Vec<f32> = (0..100).map(|k| hash01(k, 1)).collect();
        assert!(v.iter().all(|x| (0.0..=1.0).contains(x)));
        assert!(v.iter().any(|x| *x < 0.2) && v.iter().any(|x| *x > 0.8));
        assert!((hash01(7, 1) - hash01(7, 1)).abs() < f32::EPSILON);
    }
}
