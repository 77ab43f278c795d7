//! Hair over the ears, the second half of `hair.covering` (the notice, §4: 头发不得遮挡眉毛、
//! 眼睛和耳朵, hair must not cover the eyebrows, the eyes or the ears).
//!
//! Measured in the face frame ([`FaceFrame`]) beside the face outline, where a frontal face's
//! ears stand out from the head: a band just outside the Face Mesh oval from the eye line down
//! to above the nose tip, on each side. Each sample of the person there (the segmentation's
//! backdrop left out) is called hair or skin by which of the two references it is nearer in
//! CIELAB: the cheeks' median (the face's own skin) and the hair's own colour, sampled under
//! the head top. Both references come from the same photo, so a dark face with black hair and
//! a fair face with blond hair are judged by the same rule; when the two colours are too close
//! to tell apart (a shaved head, hair of the skin's colour) the ears are not judged.

use image::RgbImage;

use crate::checks::lab::{Lab, median_lab, srgb_to_lab};
use crate::checks::segment::Segmentation;

use super::accessory::{CLIPPED_L, STEP};
use super::frame::{FaceFrame, Region};

/// Face Mesh oval points beside the eyes and cheeks, image left first (the person's right):
/// the outermost of them is where the head's outline meets the ear in a frontal view.
pub const OVAL_SIDES: [[usize; 3]; 2] = [[127, 234, 93], [356, 454, 323]];
/// The ear band's height, in eye distances below the eye line: an adult ear spans from about
/// the brows to the nose base (~0.35 above to ~0.75 below the eye line); its broad middle,
/// where hair worn over the ear lies, is taken.
pub const EAR_V: (f32, f32) = (0.05, 0.5);
/// Gap between the face outline and the band (the mesh's oval sits a little inside the skin's
/// edge), and the band's width: a frontal ear shows ~0.15–0.35 eye distances beyond the cheek.
pub const EAR_GAP: f32 = 0.03;
pub const EAR_WIDTH: f32 = 0.2;
/// The hair reference: a band under the head top, over the middle of the head.
pub const HAIR_REF_U: f32 = 0.5;
pub const HAIR_REF_V: (f32, f32) = (0.05, 0.25);

/// What the ear measure found.
#[derive(Debug, Clone, PartialEq)]
pub struct EarEvidence {
    /// Share of each band's samples (image left first) that are hair.
    pub shares: [f32; 2],
    pub bands: [Region; 2],
    /// The hair reference colour.
    pub hair: Lab,
}

impl EarEvidence {
    /// The larger share: one covered ear is already a covered ear.
    pub fn share(&self) -> f32 {
        self.shares[0].max(self.shares[1])
    }
}

/// Why the ears could not be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EarsUnjudged {
    /// No segmentation, or no head top in it.
    NoOutline,
    /// A band or the hair reference leaves the photo, or holds too little of the person.
    Outside,
    /// The hair is too close in colour to the skin to tell the two apart (shaved head, hair
    /// the skin's colour).
    HairLikeSkin,
}

/// Samples of `region` (every [`STEP`]) as `(Lab, is_person)`; `None` when fewer than 90 %
/// fall inside the photo.
fn sample(
    rgb: &RgbImage,
    frame: &FaceFrame,
    seg: &Segmentation,
    region: Region,
) -> Option<Vec<(Lab, bool)>> {
    let (cols, rows, points) = frame.grid(region, STEP);
    let (w, h) = rgb.dimensions();
    let mut out = Vec::with_capacity(cols * rows);
    for (x, y) in points {
        if x < 0.0 || y < 0.0 || x >= w as f32 || y >= h as f32 {
            continue;
        }
        let (px, py) = (x as u32, y as u32);
        let lab = srgb_to_lab(rgb.get_pixel(px, py).0);
        out.push((lab, !seg.is_background(px, py)));
    }
    (out.len() * 10 >= cols * rows * 9).then_some(out)
}

/// Measures hair over the ears. `skin` is the cheeks' median; `min_contrast` the smallest
/// ΔE76 between skin and hair references at which the two can be told apart.
pub fn ears(
    rgb: &RgbImage,
    frame: &FaceFrame,
    mesh: &[[f32; 3]],
    seg: &Segmentation,
    skin: Lab,
    min_contrast: f32,
) -> Result<EarEvidence, EarsUnjudged> {
    if seg.model_error.is_some() {
        return Err(EarsUnjudged::NoOutline);
    }
    let top = seg.head_top_y.ok_or(EarsUnjudged::NoOutline)?;
    // The head top in face units above the eye line (along the face's own vertical).
    let (_, v_top) = frame.to_face(frame.origin.x, top as f32);
    let reference = Region::new(
        -HAIR_REF_U,
        v_top + HAIR_REF_V.0,
        HAIR_REF_U,
        v_top + HAIR_REF_V.1,
    );
    let hair_samples: Vec<Lab> = sample(rgb, frame, seg, reference)
        .ok_or(EarsUnjudged::Outside)?
        .into_iter()
        .filter(|(q, person)| *person && q.l < CLIPPED_L)
        .map(|(q, _)| q)
        .collect();
    let hair = median_lab(&hair_samples).ok_or(EarsUnjudged::Outside)?;
    if hair.delta_e76(skin) < min_contrast {
        return Err(EarsUnjudged::HairLikeSkin);
    }
    let mut shares = [0.0f32; 2];
    let mut bands = [Region::new(0.0, 0.0, 0.0, 0.0); 2];
    for (side, points) in OVAL_SIDES.iter().enumerate() {
        let us: Vec<f32> = points
            .iter()
            .map(|&i| mesh.get(i).map(|p| frame.to_face(p[0], p[1]).0))
            .collect::<Option<_>>()
            .ok_or(EarsUnjudged::Outside)?;
        let band = if side == 0 {
            let edge = us.iter().copied().fold(f32::MAX, f32::min);
            Region::new(edge - EAR_GAP - EAR_WIDTH, EAR_V.0, edge - EAR_GAP, EAR_V.1)
        } else {
            let edge = us.iter().copied().fold(f32::MIN, f32::max);
            Region::new(edge + EAR_GAP, EAR_V.0, edge + EAR_GAP + EAR_WIDTH, EAR_V.1)
        };
        let samples = sample(rgb, frame, seg, band).ok_or(EarsUnjudged::Outside)?;
        let is_hair = |q: &Lab| q.l < CLIPPED_L && q.delta_e76(hair) < q.delta_e76(skin);
        let hairs = samples.iter().filter(|(q, p)| *p && is_hair(q)).count();
        shares[side] = hairs as f32 / samples.len().max(1) as f32;
        bands[side] = band;
    }
    Ok(EarEvidence {
        shares,
        bands,
        hair,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::geometry::Point;

    fn frame() -> FaceFrame {
        FaceFrame {
            origin: Point { x: 240.0, y: 300.0 },
            ex: (100.0, 0.0),
            ey: (0.0, 100.0),
        }
    }

    /// A face-frame mesh whose oval points sit at `u = ±1` on the eye line.
    fn mesh() -> Vec<[f32; 3]> {
        let mut m = vec![[240.0, 300.0, 0.0]; 468];
        for (side, x) in [(0, 140.0), (1, 340.0)] {
            for &i in &OVAL_SIDES[side] {
                m[i] = [x, 300.0, 0.0];
            }
        }
        m
    }

    const SKIN: Lab = Lab {
        l: 60.0,
        a: 15.0,
        b: 15.0,
    };

    /// A photo of skin-coloured pixels with a dark "hair" block over the head top and, when
    /// `covered`, over both ear bands; the whole photo is the person (an empty backdrop mask).
    fn photo(covered: bool) -> (RgbImage, Segmentation) {
        let (w, h) = (480, 640);
        let img = RgbImage::from_fn(w, h, |x, y| {
            let beside_ears = !(140..=340).contains(&x) && (300..360).contains(&y);
            if y < 130 || (covered && beside_ears) {
                image::Rgb([40, 30, 25])
            } else {
                image::Rgb([200, 150, 130])
            }
        });
        let seg = Segmentation {
            width: w,
            height: h,
            head_top_y: Some(100),
            ..Segmentation::default()
        };
        (img, seg)
    }

    #[test]
    fn hair_beside_the_ears_is_measured_against_the_photos_own_colours() {
        let skin = srgb_to_lab([200, 150, 130]);
        let (open, seg) = photo(false);
        let e = ears(&open, &frame(), &mesh(), &seg, skin, 12.0).unwrap();
        assert!(e.share() < 0.05, "{e:?}");
        let (covered, seg) = photo(true);
        let e = ears(&covered, &frame(), &mesh(), &seg, skin, 12.0).unwrap();
        assert!(e.shares.iter().all(|s| *s > 0.9), "{e:?}");
    }

    #[test]
    fn without_an_outline_or_with_hair_of_the_skins_colour_the_ears_are_not_judged() {
        let (img, seg) = photo(true);
        let no_top = Segmentation {
            head_top_y: None,
            ..seg.clone()
        };
        let failed = Segmentation {
            model_error: Some(crate::i18n::Msg::plain("model")),
            ..seg.clone()
        };
        for s in [&no_top, &failed] {
            assert_eq!(
                ears(&img, &frame(), &mesh(), s, SKIN, 12.0),
                Err(EarsUnjudged::NoOutline)
            );
        }
        let hair = srgb_to_lab([40, 30, 25]);
        assert_eq!(
            ears(&img, &frame(), &mesh(), &seg, hair, 12.0),
            Err(EarsUnjudged::HairLikeSkin)
        );
    }
}
