//! Measurements for `accessory.glasses` and `hair.covering`, taken in the face frame
//! ([`FaceFrame`]: eyes at `u = ±0.5, v = 0`, one unit = the eye distance) from the Face Mesh.
//!
//! - Glasses: thin-line evidence ([`line_evidence`]) of a frame across the nose bridge between
//!   the eyes, along the lower rims below both eyes and along the outer rims beside them,
//!   each relative to the same measure on the cheeks (the face's own skin texture, so a sharp,
//!   textured photo does not look like glasses and a soft one does not hide them).
//! - Hair: the share of samples that are not skin in a band just above each eyebrow, where
//!   a fringe that reaches the brows must pass. Skin is judged against the cheeks' median
//!   colour in CIELAB: hair is much darker, or of another chroma (grey, white, blond).

use image::RgbImage;

use crate::checks::lab::{Lab, median_lab};

use super::frame::{FaceFrame, Patch, Region};
use super::lines::line_evidence;

/// Sampling step of the patches, in eye distances (~2.4 px on an ID photo).
pub const STEP: f32 = 1.0 / 40.0;
/// Sampling step of the frame-line search (~1.3 px): finer, so a thin metal rim of 1–2 px is
/// not averaged away between two samples.
pub const LINE_STEP: f32 = STEP / 2.0;
/// Where a lens lies over the skin, beside the image-right eye (mirrored for the other):
/// between the eye and the brow, and below the lower lid. The light through a tinted lens is
/// darker there than on the cheeks outside it.
pub const LENS_ABOVE: Region = Region::new(0.3, -0.22, 0.7, -0.14);
pub const LENS_BELOW: Region = Region::new(0.3, 0.13, 0.7, 0.27);
/// The nose between the lenses, below a bridge: the skin reference for the lens tint, lit as
/// the eye region is and not behind a lens (the cheeks are often shaded or bearded).
pub const NOSE_BETWEEN: Region = Region::new(-0.07, 0.08, 0.07, 0.3);
/// Around the eye on the lens, where a reflection off the lens shows (the eye opening itself,
/// with its catchlight, is left out: it lies between the two bands).
pub const GLARE_ABOVE: Region = Region::new(0.15, -0.22, 0.9, -0.12);
pub const GLARE_BELOW: Region = Region::new(0.15, 0.15, 0.9, 0.35);
/// Nose bridge between the eyes (glasses bridge), inside the inner eye corners, below the
/// brows' inner ends.
pub const BRIDGE: Region = Region::new(-0.1, -0.32, 0.1, 0.12);
/// Below the image-right eye, where a lower rim runs (mirrored for the other eye). Starts
/// clear of the lower eyelid, ends above the nostrils.
pub const LOWER_RIM: Region = Region::new(0.25, 0.14, 0.75, 0.55);
/// Beside the image-right eye's outer corner, where the outer rim runs (mirrored).
pub const OUTER_RIM: Region = Region::new(0.88, -0.2, 1.05, 0.2);
/// Cheek skin below the image-right lower rim (mirrored): the texture and colour reference.
pub const CHEEK: Region = Region::new(0.35, 0.62, 0.75, 0.86);
/// Height of the band above each eyebrow searched for hair, eye distances: hair within it
/// touches the brow (a fringe ending higher up is allowed).
pub const BROW_BAND_HEIGHT: f32 = 0.1;
/// Gap between the brow's top and the band, eye distances (landmark jitter).
pub const BROW_BAND_GAP: f32 = 0.015;
/// Share of the brow's length, from its inner end, that the band covers: the outer end
/// reaches the temples, where the hairline comes down beside the face in any hairstyle.
pub const BROW_BAND_LENGTH: f32 = 0.6;
/// L* from which a sample is a clipped highlight, whose colour says nothing (not counted).
pub const CLIPPED_L: f32 = 97.0;

/// Upper eyebrow outline, outer end to inner end: subject's right (image left), then left.
pub const BROW_UPPER: [[usize; 5]; 2] = [[70, 63, 105, 66, 107], [300, 293, 334, 296, 336]];

/// What the glasses measure found: scores (line strength / cheek texture) and regions.
#[derive(Debug, Clone, PartialEq)]
pub struct GlassesEvidence {
    /// Bridge score.
    pub bridge: f32,
    /// Lower rims: the weaker side (a frame has both).
    pub lower: f32,
    /// Outer rims: the weaker side.
    pub outer: f32,
    /// Cheek texture, L* (the denominator, floored).
    pub texture: f32,
    /// Regions measured, each with its score.
    pub regions: Vec<(Region, f32)>,
    /// Lens tint: luminance (linear light) of the skin where a lens lies, per the nose's
    /// between the lenses ([`lens_luminance`]); about 1 without glasses, lower behind a
    /// tinted lens.
    pub lens_luminance: f32,
    /// Share of the skin around both eyes that is a reflection ([`glare_share`]).
    pub glare: f32,
}

impl GlassesEvidence {
    /// The frame evidence on the scale of `single`, the ratio one site needs on its own: the
    /// stronger of the bridge and the lower rims, or the second-strongest of all three sites
    /// scaled by `single / pair` (two sites each at `pair` agree on one frame). A frame is
    /// found when this reaches `single`. The outer rims never count alone (see
    /// `PhotoSpec::glasses_line_ratio_min`).
    pub fn score(&self, single: f32, pair: f32) -> f32 {
        let mut sites = [self.bridge, self.lower, self.outer];
        sites.sort_unstable_by(|a, b| b.total_cmp(a));
        let second = sites[1] * single / pair.max(1e-3);
        self.bridge.max(self.lower).max(second)
    }
}

/// Measures glasses evidence; `texture_floor` (L*) keeps a very smooth face from turning
/// faint lines into evidence. `None` when the regions leave the photo.
pub fn glasses(rgb: &RgbImage, frame: &FaceFrame, texture_floor: f32) -> Option<GlassesEvidence> {
    let sample = |r: Region| Patch::sample(rgb, frame, r, STEP);
    let cheeks = [sample(CHEEK), sample(CHEEK.mirrored())];
    if cheeks.iter().any(|p| p.inside_share() < 0.9) {
        return None;
    }
    let texture = cheeks
        .iter()
        .map(texture_noise)
        .fold(0.0f32, f32::max)
        .max(texture_floor);
    let mut regions = Vec::new();
    let lines = |r: Region| Patch::sample(rgb, frame, r, LINE_STEP);
    let mut score = |r: Region, horizontal: bool| {
        let s = line_evidence(&lines(r), horizontal).0 / texture;
        regions.push((r, s));
        s
    };
    let bridge = score(BRIDGE, true);
    let lower = score(LOWER_RIM, true).min(score(LOWER_RIM.mirrored(), true));
    let outer = score(OUTER_RIM, false).min(score(OUTER_RIM.mirrored(), false));
    let nose = Patch::sample(rgb, frame, NOSE_BETWEEN, STEP);
    let lens_luminance = lens_luminance(rgb, frame, median_lab(&nose.lab)?)?;
    let glare = [GLARE_ABOVE, GLARE_BELOW]
        .into_iter()
        .flat_map(|r| [r, r.mirrored()])
        .map(|r| glare_share(&sample(r)))
        .sum::<f32>()
        / 4.0;
    Some(GlassesEvidence {
        bridge,
        lower,
        outer,
        texture,
        regions,
        lens_luminance,
        glare,
    })
}

/// Relative luminance (linear light, 0–1) of a CIELAB lightness.
fn luminance(l: f32) -> f32 {
    if l > 8.0 {
        ((l + 16.0) / 116.0).powi(3)
    } else {
        l / 903.3
    }
}

/// Lens tint: for each eye, the lighter of the skin between eye and brow and below the lower
/// lid ([`LENS_ABOVE`], [`LENS_BELOW`]; their median luminance per the nose's between the
/// lenses, [`NOSE_BETWEEN`]), and of the two eyes the lighter again. The lighter, because the
/// skin there is often darker on its own (deep-set eyes shade the upper band, dark circles the
/// lower one), while a tinted lens darkens both bands of both eyes. In linear light, so a lens
/// passing 60 % of the light reads the same on dark and fair skin.
pub fn lens_luminance(rgb: &RgbImage, frame: &FaceFrame, skin: Lab) -> Option<f32> {
    let reference = luminance(skin.l).max(1e-4);
    let band = |r: Region| {
        let p = Patch::sample(rgb, frame, r, STEP);
        (p.inside_share() >= 0.9).then(|| median_lab(&p.lab).map(|m| luminance(m.l) / reference))?
    };
    let eye = |above: Region, below: Region| Some(band(above)?.max(band(below)?));
    let right = eye(LENS_ABOVE, LENS_BELOW)?;
    let left = eye(LENS_ABOVE.mirrored(), LENS_BELOW.mirrored())?;
    Some(right.max(left))
}

/// Reflection: the share of a patch that is a highlight no skin shows there: near white
/// (L* ≥ [`GLARE_MIN_L`], chroma under 10) and at least [`GLARE_OVER_SKIN`] times the patch's
/// own median luminance (or L* 95 on skin too light for that). A reflection off a lens is the light source's image, near white
/// whatever the skin behind it; skin's own sheen stays skin-coloured and within about two
/// thirds of a stop of the skin around it. The pupil's catchlight lies outside these bands.
pub fn glare_share(p: &Patch) -> f32 {
    let Some(skin) = median_lab(&p.lab) else {
        return 0.0;
    };
    // On very light skin 1.8× would be past white: L* 95 (near white) is enough there.
    let bright = (GLARE_OVER_SKIN * luminance(skin.l))
        .min(luminance(95.0))
        .max(luminance(GLARE_MIN_L));
    let n = p
        .lab
        .iter()
        .filter(|q| luminance(q.l) >= bright && q.chroma() < 10.0)
        .count();
    n as f32 / p.lab.len().max(1) as f32
}

/// How much brighter than the skin around it (linear light) a reflection is at least.
pub const GLARE_OVER_SKIN: f32 = 1.8;
/// The least L* of a reflection: near white.
pub const GLARE_MIN_L: f32 = 88.0;

/// Skin texture of a patch: the median absolute difference, in L*, between each sample and
/// the mean of its four neighbours. A median, so a smile fold or a mole does not count.
pub fn texture_noise(p: &Patch) -> f32 {
    let mut d = Vec::with_capacity(p.lab.len());
    for r in 1..p.rows.saturating_sub(1) {
        for c in 1..p.cols.saturating_sub(1) {
            let around = p.at(c - 1, r).l + p.at(c + 1, r).l + p.at(c, r - 1).l + p.at(c, r + 1).l;
            d.push((p.at(c, r).l - around / 4.0).abs());
        }
    }
    if d.is_empty() {
        return 0.0;
    }
    let k = d.len() / 2;
    *d.select_nth_unstable_by(k, f32::total_cmp).1
}

/// What the hair measure found, per brow (image left first).
#[derive(Debug, Clone, PartialEq)]
pub struct HairEvidence {
    /// Share of non-skin samples in the band above each brow.
    pub shares: [f32; 2],
    pub bands: [Region; 2],
    /// The cheeks' median colour, the skin reference.
    pub skin: Lab,
}

impl HairEvidence {
    /// The larger share: hair over one brow is already hair over the face.
    pub fn share(&self) -> f32 {
        self.shares[0].max(self.shares[1])
    }
}

/// Thresholds of what counts as not skin.
#[derive(Debug, Clone, Copy)]
pub struct SkinTolerance {
    /// L* below the skin's median.
    pub darker_l: f32,
    /// Distance in the a*b* plane from the skin's median.
    pub chroma_delta: f32,
}

/// Measures hair over the brows. `None` when the regions leave the photo.
pub fn hair(
    rgb: &RgbImage,
    frame: &FaceFrame,
    mesh: &[[f32; 3]],
    tol: SkinTolerance,
) -> Option<HairEvidence> {
    let cheeks: Vec<Lab> = [CHEEK, CHEEK.mirrored()]
        .into_iter()
        .flat_map(|r| Patch::sample(rgb, frame, r, STEP).lab)
        .collect();
    let skin = median_lab(&cheeks)?;
    let mut shares = [0.0f32; 2];
    let mut bands = [Region::new(0.0, 0.0, 0.0, 0.0); 2];
    for (side, brow) in BROW_UPPER.iter().enumerate() {
        let pts: Vec<(f32, f32)> = brow
            .iter()
            .map(|&i| mesh.get(i).map(|p| frame.to_face(p[0], p[1])))
            .collect::<Option<_>>()?;
        // Outer end first (`BROW_UPPER` order).
        let (outer, inner) = (pts[0].0, pts[pts.len() - 1].0);
        let cut = inner + (outer - inner) * BROW_BAND_LENGTH;
        let (u0, u1) = (inner.min(cut), inner.max(cut));
        let top = pts.iter().map(|p| p.1).fold(f32::MAX, f32::min) - BROW_BAND_GAP;
        let band = Region::new(u0, top - BROW_BAND_HEIGHT, u1, top);
        let patch = Patch::sample(rgb, frame, band, STEP);
        if patch.inside_share() < 0.9 {
            return None;
        }
        let not_skin = patch
            .lab
            .iter()
            .filter(|q| {
                q.l < CLIPPED_L
                    && (q.l < skin.l - tol.darker_l
                        || (q.a - skin.a).hypot(q.b - skin.b) > tol.chroma_delta)
            })
            .count();
        shares[side] = not_skin as f32 / patch.lab.len().max(1) as f32;
        bands[side] = band;
    }
    Some(HairEvidence {
        shares,
        bands,
        skin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(bridge: f32, lower: f32, outer: f32) -> GlassesEvidence {
        GlassesEvidence {
            bridge,
            lower,
            outer,
            texture: 1.0,
            regions: Vec::new(),
            lens_luminance: 1.0,
            glare: 0.0,
        }
    }

    #[test]
    fn a_frame_needs_one_strong_inner_site_or_two_sites_that_agree() {
        let found = |e: GlassesEvidence| e.score(12.0, 8.0) >= 12.0;
        // One site on its own: the bridge or the lower rims, never the outer rims.
        assert!(found(evidence(12.5, 1.0, 1.0)));
        assert!(found(evidence(1.0, 12.5, 1.0)));
        assert!(!found(evidence(6.4, 3.3, 15.7)));
        // Two sites at 8× each, in any pair, outer rims included.
        assert!(found(evidence(8.7, 10.2, 0.8)));
        assert!(found(evidence(1.0, 8.1, 9.0)));
        assert!(!found(evidence(9.9, 4.8, 2.5)));
        assert!(!found(evidence(7.9, 7.9, 7.9)));
        // On the single site's scale: two sites at 8× read as 12×.
        assert!((evidence(8.0, 8.0, 0.0).score(12.0, 8.0) - 12.0).abs() < 1e-4);
    }
}
