//! Pixel edits that turn a compliant base photo into a faulty one. Pure functions on `RgbImage`.

use image::{DynamicImage, GrayImage, Luma, RgbImage, imageops::FilterType};

use super::mask::{BASE_BACKGROUND, BackgroundMask};

/// Multiplies every channel by `gain`, then adds `offset` per channel, clipping to 0–255.
pub fn expose(image: &RgbImage, gain: f32, offset: [f32; 3]) -> RgbImage {
    map_pixels(image, |_, _, [r, g, b]| {
        [
            r.mul_add(gain, offset[0]),
            g.mul_add(gain, offset[1]),
            b.mul_add(gain, offset[2]),
        ]
    })
}

/// Replaces the background by `colour_at(x, y)`, blending the outline fringe by its mask weight.
pub fn recolour_background(
    image: &RgbImage,
    mask: &BackgroundMask,
    colour_at: impl Fn(u32, u32) -> [f32; 3],
) -> RgbImage {
    let old = BASE_BACKGROUND.0.map(f32::from);
    map_pixels(image, |x, y, p| {
        let w = mask.weight(x, y);
        if w == 0.0 {
            return p;
        }
        // p = w·old + (1 − w)·person, so swapping the background adds w·(new − old).
        let new = colour_at(x, y);
        [
            w.mul_add(new[0] - old[0], p[0]),
            w.mul_add(new[1] - old[1], p[1]),
            w.mul_add(new[2] - old[2], p[2]),
        ]
    })
}

/// A colour that runs linearly from `top` (row 0) to `bottom` (last row).
pub fn vertical_gradient(
    top: [f32; 3],
    bottom: [f32; 3],
    height: u32,
) -> impl Fn(u32, u32) -> [f32; 3] {
    let span = height.saturating_sub(1).max(1) as f32;
    move |_, y| lerp(top, bottom, y as f32 / span)
}

/// Darkens the background where the person's silhouette, shifted by `(dx, dy)` and softened by
/// a Gaussian of `softness`, falls: a shadow band along the outline on one side.
pub fn cast_shadow(
    image: &RgbImage,
    mask: &BackgroundMask,
    (dx, dy): (i32, i32),
    strength: f32,
    softness: f32,
) -> RgbImage {
    let silhouette = GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let (sx, sy) = (i64::from(x) - i64::from(dx), i64::from(y) - i64::from(dy));
        let inside = u32::try_from(sx).ok().zip(u32::try_from(sy).ok());
        let person = inside.map_or(0.0, |(sx, sy)| person_share(mask, sx, sy));
        Luma([to_channel(person * 255.0)])
    });
    let shadow = blur_grey(silhouette, softness);
    map_pixels(image, |x, y, p| {
        let darkening =
            strength * f32::from(shadow.get_pixel(x, y).0[0]) / 255.0 * mask.weight(x, y);
        scale(p, 1.0 - darkening)
    })
}

/// Light from one side: the person darkens towards the image's right (`shadow_right`) or
/// left by up to `ev` stops (in linear light), in a soft edge `2·soft` pixels wide centred on
/// `centre_x` (the nose), as a studio light set to one side leaves one half of the face in
/// shadow. The background keeps its own light.
pub fn side_light(
    image: &RgbImage,
    mask: &BackgroundMask,
    (centre_x, shadow_right): (f32, bool),
    soft: f32,
    ev: f32,
) -> RgbImage {
    let sign = if shadow_right { 1.0 } else { -1.0 };
    let to_linear = |c: f32| (c / 255.0).powf(2.2);
    let to_srgb = |l: f32| 255.0 * l.max(0.0).powf(1.0 / 2.2);
    map_pixels(image, |x, y, p| {
        let person = person_share(mask, x, y);
        if person == 0.0 {
            return p;
        }
        // 0 on the lit side, 1 on the shadowed side, smooth in between.
        let t = (sign * (x as f32 - centre_x) / soft).clamp(-1.0, 1.0);
        let shade = 0.5 + 0.5 * (t * std::f32::consts::FRAC_PI_2).sin();
        let gain = (-ev * shade * person).exp2();
        p.map(|c| to_srgb(to_linear(c) * gain))
    })
}

/// Gaussian blur. Through `DynamicImage`, whose code is compiled (optimised) inside `image`;
/// the generic `imageops` functions would be compiled with this crate, unoptimised in tests.
pub fn blur(image: &RgbImage, sigma: f32) -> RgbImage {
    DynamicImage::ImageRgb8(image.clone())
        .blur(sigma)
        .into_rgb8()
}

/// Gaussian blur of a grey image (see [`blur`]).
pub fn blur_grey(image: GrayImage, sigma: f32) -> GrayImage {
    DynamicImage::ImageLuma8(image).blur(sigma).into_luma8()
}

/// The image as a copy `factor` times smaller (area-weighted), enlarged back to its size
/// (bicubic): what a phone or a web page does to a small photo blown up to 480×640 (see
/// [`blur`] for why through `DynamicImage`).
pub fn enlarge(image: &RgbImage, factor: f32) -> RgbImage {
    let (w, h) = image.dimensions();
    let small_w = ((w as f32 / factor).round() as u32).max(1);
    let small_h = ((h as f32 / factor).round() as u32).max(1);
    DynamicImage::ImageRgb8(image.clone())
        .resize_exact(small_w, small_h, FilterType::Triangle)
        .resize_exact(w, h, FilterType::CatmullRom)
        .into_rgb8()
}

/// Resizes to exactly `width`×`height` (Lanczos3), ignoring the aspect ratio (see [`blur`]).
pub fn resize(image: &RgbImage, width: u32, height: u32) -> RgbImage {
    DynamicImage::ImageRgb8(image.clone())
        .resize_exact(width, height, FilterType::Lanczos3)
        .into_rgb8()
}

/// The image with every output pixel taken from `source_of(x, y)` (bilinear); where that falls
/// outside the image, the base background colour.
pub fn warp(image: &RgbImage, source_of: impl Fn(f32, f32) -> (f32, f32)) -> RgbImage {
    map_pixels(image, |x, y, _| {
        let (sx, sy) = source_of(x as f32, y as f32);
        sample_bilinear(image, sx, sy).unwrap_or(BASE_BACKGROUND.0.map(f32::from))
    })
}

/// Moves the picture content `dx` pixels to the right (negative: left).
pub fn shift_sideways(image: &RgbImage, dx: f32) -> RgbImage {
    warp(image, |x, y| (x - dx, y))
}

/// Rotates the content by `degrees` (positive: clockwise on screen) about `(cx, cy)`.
pub fn rotate_about(image: &RgbImage, degrees: f32, (cx, cy): (f32, f32)) -> RgbImage {
    let (sin, cos) = degrees.to_radians().sin_cos();
    warp(image, |x, y| {
        let (ux, uy) = (x - cx, y - cy);
        (cx + cos * ux + sin * uy, cy - sin * ux + cos * uy)
    })
}

/// Shrinks (factor < 1) the content about the fixed point `(cx, cy)`.
pub fn scale_about(image: &RgbImage, factor: f32, (cx, cy): (f32, f32)) -> RgbImage {
    warp(image, |x, y| {
        (cx + (x - cx) / factor, cy + (y - cy) / factor)
    })
}

pub(super) fn person_share(mask: &BackgroundMask, x: u32, y: u32) -> f32 {
    1.0 - mask.weight(x, y)
}

pub(super) fn luma([r, g, b]: [f32; 3]) -> f32 {
    0.299 * r + 0.587 * g + 0.114 * b
}

/// Bilinear sample at `(x, y)`; `None` outside the image (half a pixel of slack at the edges).
fn sample_bilinear(image: &RgbImage, x: f32, y: f32) -> Option<[f32; 3]> {
    let (width, height) = image.dimensions();
    let (max_x, max_y) = ((width - 1) as f32, (height - 1) as f32);
    if !(-0.5..=max_x + 0.5).contains(&x) || !(-0.5..=max_y + 0.5).contains(&y) {
        return None;
    }
    let (x, y) = (x.clamp(0.0, max_x), y.clamp(0.0, max_y));
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let (x1, y1) = ((x0 + 1).min(width - 1), (y0 + 1).min(height - 1));
    let raw = image.as_raw();
    let at = |px: u32, py: u32| {
        let i = 3 * (py * width + px) as usize;
        [
            f32::from(raw[i]),
            f32::from(raw[i + 1]),
            f32::from(raw[i + 2]),
        ]
    };
    let top = lerp(at(x0, y0), at(x1, y0), fx);
    let bottom = lerp(at(x0, y1), at(x1, y1), fx);
    Some(lerp(top, bottom, fy))
}

/// `a + t·(b − a)`, per channel.
pub(super) fn lerp(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        t.mul_add(b[0] - a[0], a[0]),
        t.mul_add(b[1] - a[1], a[1]),
        t.mul_add(b[2] - a[2], a[2]),
    ]
}

fn scale([r, g, b]: [f32; 3], factor: f32) -> [f32; 3] {
    [r * factor, g * factor, b * factor]
}

/// Builds a new image from a per-pixel function of position and old colour, clipping to 0–255.
/// (A plain loop over the buffer: tests run unoptimised, and this is the hot path.)
pub(super) fn map_pixels(
    image: &RgbImage,
    new_colour: impl Fn(u32, u32, [f32; 3]) -> [f32; 3],
) -> RgbImage {
    let width = image.width();
    let mut out = image.clone();
    for (i, px) in out.chunks_exact_mut(3).enumerate() {
        let (x, y) = (i as u32 % width, i as u32 / width);
        let rgb = new_colour(x, y, [f32::from(px[0]), f32::from(px[1]), f32::from(px[2])]);
        px.copy_from_slice(&[to_channel(rgb[0]), to_channel(rgb[1]), to_channel(rgb[2])]);
    }
    out
}

pub(super) fn to_channel(value: f32) -> u8 {
    value.round().clamp(0.0, 255.0) as u8
}
