//! Pixel edits that turn a compliant base photo into a faulty one. Pure functions on `RgbImage`.

use image::{GrayImage, Luma, Rgb, RgbImage, imageops};

use super::mask::{BASE_BACKGROUND, BackgroundMask};

/// Multiplies every channel by `gain`, then adds `offset` per channel, clipping to 0–255.
pub fn expose(image: &RgbImage, gain: f32, offset: [f32; 3]) -> RgbImage {
    map_pixels(image, |_, _, p| {
        Rgb(std::array::from_fn(|c| {
            f32::from(p.0[c]).mul_add(gain, offset[c])
        }))
    })
}

/// Replaces the background by `colour_at(x, y)`, blending the outline fringe by its mask weight.
pub fn recolour_background(
    image: &RgbImage,
    mask: &BackgroundMask,
    colour_at: impl Fn(u32, u32) -> [f32; 3],
) -> RgbImage {
    map_pixels(image, |x, y, p| {
        let w = mask.weight(x, y);
        let new = colour_at(x, y);
        Rgb(std::array::from_fn(|c| {
            f32::from(p.0[c]) + w * (new[c] - f32::from(BASE_BACKGROUND.0[c]))
        }))
    })
}

/// A colour that runs linearly from `top` (row 0) to `bottom` (last row).
pub fn vertical_gradient(
    top: [f32; 3],
    bottom: [f32; 3],
    height: u32,
) -> impl Fn(u32, u32) -> [f32; 3] {
    let span = height.saturating_sub(1).max(1) as f32;
    move |_, y| {
        let t = y as f32 / span;
        std::array::from_fn(|c| top[c] + t * (bottom[c] - top[c]))
    }
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
    let shadow = imageops::blur(&silhouette, softness);
    map_pixels(image, |x, y, p| {
        let darkening =
            strength * f32::from(shadow.get_pixel(x, y).0[0]) / 255.0 * mask.weight(x, y);
        Rgb(std::array::from_fn(|c| {
            f32::from(p.0[c]) * (1.0 - darkening)
        }))
    })
}

/// Recolours the clothes in the rows from about `band_top` down to a saturated mid blue,
/// keeping their light and dark texture. Skin (neck) and hanging hair stay as they are; the
/// selection is feathered so there is no hard edge.
pub fn recolour_clothes_blue(image: &RgbImage, mask: &BackgroundMask, band_top: u32) -> RgbImage {
    const BLUE: [f32; 3] = [35.0, 85.0, 205.0];
    const FEATHER: f32 = 20.0;
    let blue_luma = luma(BLUE);
    let selection = GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let rgb = image.get_pixel(x, y).0.map(f32::from);
        let in_band = ((y as f32 - band_top as f32 + FEATHER) / (2.0 * FEATHER)).clamp(0.0, 1.0);
        let clothes = !is_skin(rgb) && !is_dark_hair(rgb);
        Luma([to_channel(
            255.0 * in_band * f32::from(u8::from(clothes)) * person_share(mask, x, y),
        )])
    });
    let selection = imageops::blur(&selection, 1.5);
    map_pixels(image, |x, y, p| {
        let rgb = p.0.map(f32::from);
        let level = (45.0 + 0.45 * luma(rgb)) / blue_luma;
        let share = f32::from(selection.get_pixel(x, y).0[0]) / 255.0;
        Rgb(std::array::from_fn(|c| {
            rgb[c] + share * (BLUE[c] * level - rgb[c])
        }))
    })
}

/// The image with every output pixel taken from `source_of(x, y)` (bilinear); where that falls
/// outside the image, the base background colour.
pub fn warp(image: &RgbImage, source_of: impl Fn(f32, f32) -> (f32, f32)) -> RgbImage {
    map_pixels(image, |x, y, _| {
        let (sx, sy) = source_of(x as f32, y as f32);
        Rgb(sample_bilinear(image, sx, sy).unwrap_or(BASE_BACKGROUND.0.map(f32::from)))
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

fn person_share(mask: &BackgroundMask, x: u32, y: u32) -> f32 {
    1.0 - mask.weight(x, y)
}

/// (Cb, Cr) chroma of a colour, BT.601 full range.
fn chroma([r, g, b]: [f32; 3]) -> (f32, f32) {
    let cb = 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b;
    let cr = 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b;
    (cb, cr)
}

/// Skin: a tight YCbCr box (measured on the demo faces; warm beige cloth stays outside).
fn is_skin(rgb: [f32; 3]) -> bool {
    let (cb, cr) = chroma(rgb);
    (77.0..=120.0).contains(&cb) && (138.0..=175.0).contains(&cr)
}

/// Dark, warm (brownish) pixels: hanging hair rather than a black or navy garment.
fn is_dark_hair(rgb: [f32; 3]) -> bool {
    let (cb, cr) = chroma(rgb);
    luma(rgb) < 120.0 && cr - cb >= 6.0
}

fn luma([r, g, b]: [f32; 3]) -> f32 {
    0.299 * r + 0.587 * g + 0.114 * b
}

/// Bilinear sample at `(x, y)`; `None` outside the image (half a pixel of slack at the edges).
fn sample_bilinear(image: &RgbImage, x: f32, y: f32) -> Option<[f32; 3]> {
    let max_x = (image.width() - 1) as f32;
    let max_y = (image.height() - 1) as f32;
    if !(-0.5..=max_x + 0.5).contains(&x) || !(-0.5..=max_y + 0.5).contains(&y) {
        return None;
    }
    let (x, y) = (x.clamp(0.0, max_x), y.clamp(0.0, max_y));
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (x0, y0) = (x0 as u32, y0 as u32);
    let (x1, y1) = ((x0 + 1).min(max_x as u32), (y0 + 1).min(max_y as u32));
    let at = |px: u32, py: u32| image.get_pixel(px, py).0.map(f32::from);
    let (a, b, c, d) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    Some(std::array::from_fn(|i| {
        let top = a[i] + fx * (b[i] - a[i]);
        let bottom = c[i] + fx * (d[i] - c[i]);
        top + fy * (bottom - top)
    }))
}

/// Builds a new image from a per-pixel function of position and old pixel, clipping to 0–255.
fn map_pixels(image: &RgbImage, f: impl Fn(u32, u32, &Rgb<u8>) -> Rgb<f32>) -> RgbImage {
    RgbImage::from_fn(image.width(), image.height(), |x, y| {
        Rgb(f(x, y, image.get_pixel(x, y)).0.map(to_channel))
    })
}

fn to_channel(value: f32) -> u8 {
    value.round().clamp(0.0, 255.0) as u8
}
