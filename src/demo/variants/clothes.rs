//! Blue clothes: recolour the garment below the chin, leaving the neck and hanging hair alone.

use image::{GrayImage, Luma, RgbImage};

use super::edits::{blur, blur_grey, lerp, luma, map_pixels, person_share, to_channel};
use super::mask::{BackgroundMask, grow_region};

/// The target garment colour before the texture is put back.
const BLUE: [f32; 3] = [35.0, 85.0, 205.0];
/// Rows over which the recolouring fades in around the band top.
const FEATHER: u32 = 20;

/// Recolours the clothes in the rows from about `band_top` down to a saturated mid blue,
/// keeping their light and dark texture. The neck (skin connected to the chin, in a central
/// column) and dark warm hair stay as they are; the selection is smoothed so there are no
/// hard edges or specks.
pub fn recolour_clothes_blue(image: &RgbImage, mask: &BackgroundMask, band_top: u32) -> RgbImage {
    let neck = neck_region(image, mask, band_top.saturating_sub(FEATHER));
    let selection = clothes_selection(image, mask, band_top, &neck);
    let blue_luma = luma(BLUE);
    map_pixels(image, |x, y, rgb| {
        let share = f32::from(selection.get_pixel(x, y).0[0]) / 255.0;
        if share == 0.0 {
            return rgb;
        }
        // Compress the garment's light range into mid tones, then paint it blue at that level.
        let level = 0.45f32.mul_add(luma(rgb), 45.0) / blue_luma;
        lerp(rgb, BLUE.map(|c| c * level), share)
    })
}

/// Skin-coloured pixels near the head's centre line, reached from row `start` in small colour
/// steps (so the flood stops at a collar even when the cloth is skin-coloured).
fn neck_region(image: &RgbImage, mask: &BackgroundMask, start: u32) -> Vec<bool> {
    const MAX_STEP: f32 = 10.0;
    let centre = mask.head_centre_x();
    let half_width = 0.16 * image.width() as f32;
    let rgb = |x: u32, y: u32| image.get_pixel(x, y).0.map(f32::from);
    let neck_step = |from: (u32, u32), (x, y): (u32, u32)| {
        let step = distance(rgb(from.0, from.1), rgb(x, y));
        y >= start
            && (x as f32 - centre).abs() < half_width
            && is_skin(rgb(x, y))
            && step < MAX_STEP
    };
    let seeds = (0..image.width()).map(|x| (x, start));
    grow_region(image.width(), image.height(), seeds, neck_step)
}

fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(p, q)| (p - q).powi(2))
        .sum::<f32>()
        .sqrt()
}

/// 0–255 share of each pixel to recolour: person, in the band, not neck, not hair; smoothed.
fn clothes_selection(
    image: &RgbImage,
    mask: &BackgroundMask,
    band_top: u32,
    neck: &[bool],
) -> GrayImage {
    let width = image.width();
    // Hair is told from cloth on local averages: single dark pixels carry only JPEG noise.
    let smoothed = blur(image, 2.5);
    let raw = GrayImage::from_fn(width, image.height(), |x, y| {
        let in_band = (y as f32 - band_top as f32 + FEATHER as f32) / (2.0 * FEATHER as f32);
        let is_neck = neck[(y * width + x) as usize];
        let garment = !is_neck && !is_hair(smoothed.get_pixel(x, y).0.map(f32::from));
        let share = in_band.clamp(0.0, 1.0) * f32::from(u8::from(garment));
        Luma([to_channel(255.0 * share * person_share(mask, x, y))])
    });
    // Blur, then stretch: isolated specks vanish, small holes close, edges stay soft.
    let mut smooth = blur_grey(raw, 2.5);
    for p in smooth.pixels_mut() {
        p.0[0] = to_channel((f32::from(p.0[0]) - 64.0) * 2.0);
    }
    smooth
}

/// (Cb, Cr) chroma of a colour, BT.601 full range.
fn chroma([r, g, b]: [f32; 3]) -> (f32, f32) {
    let cb = 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b;
    let cr = 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b;
    (cb, cr)
}

/// Skin: clearly warmer than neutral. Measured on the demo photos: faces and necks have
/// Cr − Cb ≥ 26 (shaded neck somewhat less), cream cloth and brown hair 8–14.
fn is_skin(rgb: [f32; 3]) -> bool {
    let (cb, cr) = chroma(rgb);
    cr - cb >= 18.0 && (130.0..=180.0).contains(&cr)
}

/// Mid-dark, slightly warm pixels: hanging hair rather than a black or navy garment (those are
/// neutral or cool). Near-black pixels count as cloth: a black garment can be as warm as
/// the darkest hair there (measured), and recolouring the garment matters more.
fn is_hair(rgb: [f32; 3]) -> bool {
    let (cb, cr) = chroma(rgb);
    (20.0..150.0).contains(&luma(rgb)) && cr - cb >= 5.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skin_hair_and_cloth_colours_are_told_apart() {
        let skin = [235.0, 190.0, 170.0];
        let brown_hair = [75.0, 62.0, 55.0];
        let navy_suit = [25.0, 30.0, 50.0];
        let white_shirt = [235.0, 235.0, 235.0];
        assert!(is_skin(skin));
        assert!(!is_skin(white_shirt) && !is_skin(navy_suit) && !is_skin(brown_hair));
        assert!(is_hair(brown_hair));
        assert!(!is_hair(navy_suit) && !is_hair(white_shirt));
    }
}
