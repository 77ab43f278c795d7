//! What shows between the lips, the pixel half of `face.mouth_closed`.
//!
//! The mesh's inner-lip gap ([`super::measure::MeshMeasures::mouth_gap_ratio`]) reads full
//! closed lips as apart: on very dark and dark-brown faces with full lips it measures 0.11–0.18,
//! in the range of a talking mouth (0.10–0.29). What tells the two apart is what lies inside the
//! inner-lip contour: a parted mouth shows teeth (lighter than the lips and nearly colourless)
//! or the dark of the mouth; closed lips show only lip. Both are judged against the lips' own
//! median colour (the ring between the outer and inner contours), so the rule is the same for
//! pale lips on a fair face and dark lips on a very dark one.

use image::RgbImage;

use crate::checks::lab::{Lab, median_lab, srgb_to_lab};

/// Face Mesh inner-lip contour: the upper lip from the right mouth corner, then the lower lip
/// back.
pub const INNER_LIP_CONTOUR: [usize; 20] = [
    78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95,
];
/// Face Mesh outer-lip contour, same order.
pub const OUTER_LIP_CONTOUR: [usize; 20] = [
    61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146,
];

/// A tooth pixel is at least this much lighter (L*) than the lips' median: enamel against lip
/// tissue, in every skin tone (the difference measured 25–45 on the real open mouths, the lips'
/// own highlights stay pink).
pub const TEETH_LIGHTER_L: f32 = 15.0;
/// ... and at most this share of the lips' chroma (enamel is near-neutral, lips are red), with
/// a floor for black-and-white and desaturated photos, where the lips have no chroma to compare.
pub const TEETH_CHROMA_SHARE: f32 = 0.6;
pub const TEETH_CHROMA_FLOOR: f32 = 6.0;
/// A pixel of the mouth's opening is at least this much darker (L*) than the lips' median...
pub const DARK_OPENING_L: f32 = 20.0;
/// ... or, on lips too dark for that (L* under 40), under this share of their L*: the dark of
/// an open mouth is near black on every face.
pub const DARK_OPENING_SHARE: f32 = 0.5;
/// An opening is dark this far (in outer mouth widths) above and below the pixel too, so the
/// thin dark crease where closed lips meet (a few pixels, ~0.03 of the mouth's width) is not
/// an opening, on dark lips and fair ones alike; an open mouth's dark is thicker.
pub const OPENING_MIN_HALF_HEIGHT: f32 = 0.025;
/// Fewer pixels than this inside the inner contour: too small a region to say anything.
pub const MIN_INSIDE_PX: usize = 30;

/// What the pixels inside the inner-lip contour show.
#[derive(Debug, Clone, PartialEq)]
pub struct MouthEvidence {
    /// Pixels inside the inner-lip contour.
    pub inside: usize,
    /// Share of them that are teeth ([`TEETH_LIGHTER_L`], [`TEETH_CHROMA_SHARE`]).
    pub teeth: f32,
    /// Share of them that are the dark of an open mouth ([`DARK_OPENING_L`],
    /// [`DARK_OPENING_SHARE`], [`OPENING_MIN_HALF_HEIGHT`]).
    pub dark: f32,
    /// The lips' median colour.
    pub lips: Lab,
    /// The inner-lip contour judged, image pixels.
    pub contour: Vec<[f32; 2]>,
}

impl MouthEvidence {
    /// Only lip shows between the lips: under `max_share` teeth and under `max_share` opening.
    pub fn only_lips(&self, max_share: f32) -> bool {
        self.teeth < max_share && self.dark < max_share
    }
}

fn polygon(mesh: &[[f32; 3]], idx: &[usize]) -> Option<Vec<[f32; 2]>> {
    idx.iter()
        .map(|&i| mesh.get(i).map(|p| [p[0], p[1]]))
        .collect()
}

/// Even-odd rule.
fn contains(poly: &[[f32; 2]], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = poly.len() - 1;
    for (i, &a) in poly.iter().enumerate() {
        let b = poly[j];
        if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0] {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// The evidence of the pixels between the lips; `None` when the mouth leaves the photo, the
/// mesh lacks the lip points, or the inner contour holds fewer than [`MIN_INSIDE_PX`] pixels.
pub fn mouth_evidence(rgb: &RgbImage, mesh: &[[f32; 3]]) -> Option<MouthEvidence> {
    let inner = polygon(mesh, &INNER_LIP_CONTOUR)?;
    let outer = polygon(mesh, &OUTER_LIP_CONTOUR)?;
    let (w, h) = rgb.dimensions();
    let (x0, y0, x1, y1) = outer.iter().fold(
        (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
        |(x0, y0, x1, y1), p| (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1])),
    );
    if !(x0 >= 0.0 && y0 >= 0.0 && x1 < w as f32 && y1 < h as f32) {
        return None;
    }
    let (bx, by) = (x0 as u32, y0 as u32);
    let (bw, bh) = (x1 as u32 - bx + 1, y1 as u32 - by + 1);
    // L* of the whole box, row-major, for the thickness test of the dark.
    let mut l_box = Vec::with_capacity((bw * bh) as usize);
    let (mut lips, mut gap) = (Vec::new(), Vec::new());
    for y in by..by + bh {
        for x in bx..bx + bw {
            let lab = srgb_to_lab(rgb.get_pixel(x, y).0);
            l_box.push(lab.l);
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            if !contains(&outer, fx, fy) {
                continue;
            }
            if contains(&inner, fx, fy) {
                gap.push((x - bx, y - by, lab));
            } else {
                lips.push(lab);
            }
        }
    }
    if gap.len() < MIN_INSIDE_PX {
        return None;
    }
    let lip = median_lab(&lips)?;
    let chroma_max = (TEETH_CHROMA_SHARE * lip.chroma()).max(TEETH_CHROMA_FLOOR);
    let dark_max = (lip.l - DARK_OPENING_L).max(DARK_OPENING_SHARE * lip.l);
    let reach = ((OPENING_MIN_HALF_HEIGHT * (x1 - x0)).round() as u32).max(1);
    let dark_at = |x: u32, y: Option<u32>| {
        y.filter(|&y| y < bh)
            .is_some_and(|y| l_box[(y * bw + x) as usize] <= dark_max)
    };
    let teeth = gap
        .iter()
        .filter(|(_, _, p)| p.l >= lip.l + TEETH_LIGHTER_L && p.chroma() <= chroma_max)
        .count();
    let dark = gap
        .iter()
        .filter(|&&(x, y, _)| {
            dark_at(x, Some(y)) && dark_at(x, y.checked_sub(reach)) && dark_at(x, Some(y + reach))
        })
        .count();
    let n = gap.len() as f32;
    Some(MouthEvidence {
        inside: gap.len(),
        teeth: teeth as f32 / n,
        dark: dark as f32 / n,
        lips: lip,
        contour: inner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// A mesh whose outer lips span x 200–280, y 380–420, and whose inner contour spans
    /// x 210–270, y 392–408; every other point at the origin.
    fn mesh() -> Vec<[f32; 3]> {
        let mut m = vec![[0.0; 3]; 468];
        let ring =
            |idx: &[usize; 20], (x0, x1, y0, y1): (f32, f32, f32, f32), m: &mut Vec<[f32; 3]>| {
                // Upper half left to right at y0, lower half right to left at y1, corners mid-way.
                for (k, &i) in idx.iter().enumerate() {
                    let (x, y) = if k <= 10 {
                        (
                            x0 + (x1 - x0) * k as f32 / 10.0,
                            if k == 0 || k == 10 {
                                f32::midpoint(y0, y1)
                            } else {
                                y0
                            },
                        )
                    } else {
                        (x1 - (x1 - x0) * (k - 10) as f32 / 10.0, y1)
                    };
                    m[i] = [x, y, 0.0];
                }
            };
        ring(&OUTER_LIP_CONTOUR, (200.0, 280.0, 380.0, 420.0), &mut m);
        ring(&INNER_LIP_CONTOUR, (210.0, 270.0, 392.0, 408.0), &mut m);
        m
    }

    /// Lips of `lip` colour with `inside` filling the inner contour's middle rows.
    fn photo(lip: [u8; 3], inside: [u8; 3]) -> RgbImage {
        let mut img = RgbImage::from_pixel(480, 640, Rgb([120, 90, 70]));
        for y in 380..420 {
            for x in 200..280 {
                let gap = (215..265).contains(&x) && (395..405).contains(&y);
                img.put_pixel(x, y, Rgb(if gap { inside } else { lip }));
            }
        }
        img
    }

    #[test]
    fn teeth_and_an_opening_show_against_lips_of_any_tone() {
        for (lip, who) in [([70, 40, 42], "very dark"), ([200, 120, 120], "fair")] {
            let closed = mouth_evidence(&photo(lip, lip), &mesh()).unwrap();
            assert!(closed.only_lips(0.03), "{who}: {closed:?}");
            let teeth = mouth_evidence(&photo(lip, [235, 230, 220]), &mesh()).unwrap();
            assert!(
                teeth.teeth > 0.3 && !teeth.only_lips(0.03),
                "{who}: {teeth:?}"
            );
            let open = mouth_evidence(&photo(lip, [8, 4, 4]), &mesh()).unwrap();
            assert!(open.dark > 0.3 && open.teeth == 0.0, "{who}: {open:?}");
        }
    }

    #[test]
    fn the_thin_crease_of_closed_lips_is_not_an_opening_on_dark_or_fair_lips() {
        for (lip, who) in [([70, 40, 42], "very dark"), ([200, 120, 120], "fair")] {
            // A 2-pixel black line where the lips meet (the mouth is 80 px wide, the line
            // must be dark 2 px above and below to count).
            let mut img = photo(lip, lip);
            for y in 399..401 {
                for x in 215..265 {
                    img.put_pixel(x, y, Rgb([5, 3, 3]));
                }
            }
            let crease = mouth_evidence(&img, &mesh()).unwrap();
            assert!(crease.only_lips(0.03), "{who}: {crease:?}");
        }
    }

    #[test]
    fn a_mouth_outside_the_photo_or_a_missing_mesh_gives_no_evidence() {
        let mut m = mesh();
        for p in &mut m {
            p[1] += 300.0;
        }
        assert!(mouth_evidence(&photo([200, 120, 120], [200, 120, 120]), &m).is_none());
        assert!(mouth_evidence(&photo([200, 120, 120], [200, 120, 120]), &m[..100]).is_none());
    }
}
