//! Person / background separation for the pixel checks.
//!
//! The person comes from the person-segmentation model ([`person`](super::person)): hair,
//! face, body and clothes by what they are, so clothes the colour of the backdrop stay person.
//! The backdrop's light is fitted to what the model calls background
//! ([`backdrop`](super::backdrop)), following the real fall-off. Then every pixel of the 2×
//! downsampled grid is one of three things:
//!
//! - **person**: the subject, the model's person component at the face (near the hair's
//!   outline, where the model is unsure, colour decides: backdrop-coloured is backdrop);
//! - **backdrop**: not person and backdrop-coloured (a shadow of the backdrop's own colour
//!   included), which the background statistics measure;
//! - **object**: neither. A second person, a chair back, a leftover at the frame edge or
//!   something touching the subject: [`background::check_objects`](super::background).

use image::RgbImage;

use super::backdrop::{Backdrop, Tolerance};
use super::geometry::Detection;
use super::lab::{Lab, half_resolution_linear, linear_to_lab, mean_lab, median_lab};
use super::person::PersonModel;
use super::result::{CheckResult, MASK_CELL, Overlay, Verdict};
use super::{background, clothing, exposure, pose, sharpness};
use crate::domain::spec::PhotoSpec;
use crate::i18n::{Localized, Msg};

/// Person probability at or above which the model's pixel is person.
const PERSON: f32 = 0.5;
/// Below this probability a pixel is surely not person: the backdrop's light is fitted there.
const SURE_BACKGROUND: f32 = 0.15;
/// Below this probability a pixel that is not backdrop-coloured is an object (above it, and
/// below [`PERSON`], it is the subject's own soft outline: a white shirt's edge on grey).
const SURE_OBJECT: f32 = 0.25;
/// Between these probabilities, in the rows of the head, colour decides (hair outline).
const UNSURE: (f32, f32) = (0.2, 0.85);
/// Pixels (half resolution, Chebyshev) next to the subject that are neither backdrop nor
/// object: the anti-aliased fringe of the outline and stray hairs.
const FRINGE: u16 = 2;
/// The fringe around the head (rows above the chin): flyaway hair and the model's coarse
/// outline around it reach about 12 image pixels out.
const HAIR_FRINGE: u16 = 6;
/// Reach (half-resolution pixels, Chebyshev) of a cast shadow from the subject's outline.
const SHADOW_REACH: u16 = 25;
/// Largest angle (degrees, linear RGB) of a cast shadow's colour from the backdrop's: wider
/// than [`backdrop::MAX_ANGLE_DEG`], since the ambient light filling a shadow tints it.
const SHADOW_ANGLE_DEG: f32 = 12.0;
/// Darkest gain of the backdrop's colour that still counts as a cast shadow near the subject.
const SHADOW_GAIN: f32 = 0.12;
/// Central share of the width searched for the head top.
const HEAD_TOP_CENTRAL_SHARE: f32 = 0.6;

/// The downsampled working copy: colour of every 2×2 block and what it is.
#[derive(Debug, Clone, Default)]
pub struct HalfRes {
    pub width: u32,
    pub height: u32,
    /// Row-major Lab of 2×2 block means.
    pub lab: Vec<Lab>,
    /// Row-major linear RGB of the same blocks.
    pub linear: Vec<[f32; 3]>,
    /// Row-major: backdrop (not person, backdrop-coloured).
    pub background: Vec<bool>,
    /// Row-major: the subject.
    pub person: Vec<bool>,
    /// Row-major: neither person nor backdrop-coloured, clear of the subject's fringe.
    pub objects: Vec<bool>,
}

impl HalfRes {
    pub fn index(&self, x: u32, y: u32) -> usize {
        y as usize * self.width as usize + x as usize
    }

    /// A grid overlay of [`MASK_CELL`]-pixel cells: a cell is set when at least `min_share`
    /// of its half-resolution pixels satisfy `set` (index into the half-resolution arrays).
    pub fn grid(
        &self,
        min_share: f32,
        verdict: Verdict,
        set: impl Fn(usize) -> bool,
    ) -> Option<Overlay> {
        let k = (MASK_CELL / 2).max(1);
        let (cols, rows) = (self.width.div_ceil(k), self.height.div_ceil(k));
        let mut cells = vec![false; (cols * rows) as usize];
        for (ci, cell) in cells.iter_mut().enumerate() {
            let (cx, cy) = (ci as u32 % cols, ci as u32 / cols);
            let (mut hit, mut n) = (0u32, 0u32);
            for y in cy * k..((cy + 1) * k).min(self.height) {
                for x in cx * k..((cx + 1) * k).min(self.width) {
                    n += 1;
                    hit += u32::from(set(self.index(x, y)));
                }
            }
            *cell = n > 0 && hit as f32 >= min_share * n as f32;
        }
        Overlay::grid(cols, rows, MASK_CELL, &cells, verdict)
    }
}

/// Where the person and the background are.
#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    pub width: u32,
    pub height: u32,
    /// First row where the person starts, within the central 60 % of the width.
    pub head_top_y: Option<u32>,
    /// Per row: leftmost pixel of the person's main component.
    pub outline_left: Vec<Option<u32>>,
    /// Per row: rightmost pixel of the person's main component.
    pub outline_right: Vec<Option<u32>>,
    /// Height of the shoulder on the image's left (top of the silhouette there).
    pub shoulder_left_y: Option<f32>,
    /// Height of the shoulder on the image's right.
    pub shoulder_right_y: Option<f32>,
    /// Columns where the shoulder heights were measured (image left, image right).
    pub shoulder_x: Option<(f32, f32)>,
    /// Rows `y0..y1` below the chin holding the clothes.
    pub clothing_band: Option<(u32, u32)>,
    /// The 2× downsampled working copy.
    pub half: HalfRes,
    /// The face's skin pixels, when a face was given (shared by the exposure and clothing
    /// checks; see [`exposure::face_skin`]).
    pub face_skin: Option<exposure::FaceSkin>,
    /// The backdrop's fitted light, when the background is mostly backdrop-coloured.
    pub backdrop: Option<Backdrop>,
    /// The hair's colour ([`hair_colour`]), when a face and a head top give one.
    pub hair: Option<Lab>,
    /// Why there is no segmentation (the person model could not run): the background,
    /// clothing and pose checks are then not assessed with this reason.
    pub model_error: Option<Msg>,
}

impl Segmentation {
    /// Whether the full-resolution pixel is background (looked up in the half-resolution
    /// mask: no full-size copy is made).
    pub fn is_background(&self, x: u32, y: u32) -> bool {
        x < self.width
            && y < self.height
            && self
                .half
                .background
                .get(self.half.index(x / 2, y / 2))
                .copied()
                .unwrap_or(false)
    }

    /// Number of background pixels (full resolution; each half-resolution pixel stands for
    /// 2×2, so this is exact for even sizes).
    pub fn background_count(&self) -> usize {
        4 * self.half.background.iter().filter(|b| **b).count()
    }
}

/// Connected components (4-connectivity) of the `true` pixels of `mask`; returns the label
/// per pixel (0 = not in the mask) and the pixel count per label (index 0 unused).
pub fn components(width: u32, height: u32, mask: &[bool]) -> (Vec<u32>, Vec<usize>) {
    let (w, h) = (width as usize, height as usize);
    let mut labels = vec![0u32; w * h];
    let mut sizes = vec![0usize];
    let mut stack = Vec::new();
    for start in 0..(w * h).min(mask.len()) {
        if !mask[start] || labels[start] != 0 {
            continue;
        }
        let label = sizes.len() as u32;
        let mut size = 0usize;
        labels[start] = label;
        stack.push(start);
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            let mut push = |j: usize| {
                if mask[j] && labels[j] == 0 {
                    labels[j] = label;
                    stack.push(j);
                }
            };
            if x > 0 {
                push(i - 1);
            }
            if x + 1 < w {
                push(i + 1);
            }
            if y > 0 {
                push(i - w);
            }
            if y + 1 < h {
                push(i + w);
            }
        }
        sizes.push(size);
    }
    (labels, sizes)
}

/// Chebyshev distance (capped at `cap`, then `u16::MAX`) of every pixel to the nearest pixel
/// of `mask`; 0 on the mask. Two raster passes of the exact chessboard distance transform
/// (Rosenfeld & Pfaltz), so the cost does not grow with the cap.
pub fn distance_to(width: u32, height: u32, mask: &[bool], cap: u16) -> Vec<u16> {
    let (w, h) = (width as usize, height as usize);
    let mut dist: Vec<u16> = mask.iter().map(|m| if *m { 0 } else { u16::MAX }).collect();
    let step = |d: u16| d.saturating_add(1);
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let mut d = dist[i];
            if x > 0 {
                d = d.min(step(dist[i - 1]));
            }
            if y > 0 {
                let up = i - w;
                d = d.min(step(dist[up]));
                if x > 0 {
                    d = d.min(step(dist[up - 1]));
                }
                if x + 1 < w {
                    d = d.min(step(dist[up + 1]));
                }
            }
            dist[i] = d;
        }
    }
    for y in (0..h).rev() {
        for x in (0..w).rev() {
            let i = y * w + x;
            let mut d = dist[i];
            if x + 1 < w {
                d = d.min(step(dist[i + 1]));
            }
            if y + 1 < h {
                let down = i + w;
                d = d.min(step(dist[down]));
                if x + 1 < w {
                    d = d.min(step(dist[down + 1]));
                }
                if x > 0 {
                    d = d.min(step(dist[down - 1]));
                }
            }
            dist[i] = d;
        }
    }
    for d in &mut dist {
        if *d > cap {
            *d = u16::MAX;
        }
    }
    dist
}

/// The subject: the model's person component holding the face centre (or the one nearest
/// to it), else the largest. `None` when the model saw no person.
fn subject_component(
    half_w: u32,
    person: &[bool],
    labels: &[u32],
    sizes: &[usize],
    face: Option<&Detection>,
) -> Option<u32> {
    let largest = sizes
        .iter()
        .enumerate()
        .skip(1)
        .max_by_key(|(_, s)| **s)
        .map(|(l, _)| l as u32)?;
    let Some(d) = face else {
        return Some(largest);
    };
    let (cx, cy) = (
        d.face.w.mul_add(0.5, d.face.x) / 2.0,
        d.face.h.mul_add(0.5, d.face.y) / 2.0,
    );
    let w = half_w as usize;
    let at = |x: f32, y: f32| {
        let i = (y.max(0.0) as usize) * w + (x.max(0.0) as usize).min(w - 1);
        labels.get(i).copied().filter(|l| *l != 0)
    };
    if let Some(l) = at(cx, cy) {
        return Some(l);
    }
    // The nearest person pixel to the face centre.
    person
        .iter()
        .enumerate()
        .filter(|(_, p)| **p)
        .min_by(|(i, _), (j, _)| {
            let d = |k: usize| ((k % w) as f32 - cx).powi(2) + ((k / w) as f32 - cy).powi(2);
            d(*i).total_cmp(&d(*j))
        })
        .map(|(i, _)| labels[i])
        .or(Some(largest))
}

/// The hair's colour: the person's median over the middle of the head (half a face width)
/// from 3 % to 12 % of a face height under the head top (`head_top_y`, full resolution). On a
/// bald head that is the skin.
pub fn hair_colour(half: &HalfRes, head_top_y: Option<u32>, face: &Detection) -> Option<Lab> {
    let top = head_top_y? as f32;
    let centre = face.face.x + face.face.w / 2.0;
    let to_half = |v: f32| (v / 2.0).max(0.0) as u32;
    let (x0, x1) = (
        to_half(centre - face.face.w / 4.0),
        to_half(centre + face.face.w / 4.0).min(half.width),
    );
    let (y0, y1) = (
        to_half(top + 0.03 * face.face.h),
        to_half(top + 0.12 * face.face.h).min(half.height),
    );
    person_median(half, (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))))
}

/// Fewest person cells for a hair or body reference colour.
const MIN_REFERENCE_SAMPLES: usize = 20;

/// The median Lab of the person's cells among `cells` (half-res `(x, y)`); `None` with fewer
/// than [`MIN_REFERENCE_SAMPLES`].
fn person_median(half: &HalfRes, cells: impl Iterator<Item = (u32, u32)>) -> Option<Lab> {
    let samples: Vec<Lab> = cells
        .map(|(x, y)| half.index(x, y))
        .filter(|&i| half.person[i])
        .map(|i| half.lab[i])
        .collect();
    if samples.len() < MIN_REFERENCE_SAMPLES {
        return None;
    }
    median_lab(&samples)
}

/// The body's colour (half resolution): the person's median over the bottom 8 % of the rows,
/// outside the middle face width (the shoulders and arms, not a V-neck's skin).
fn body_colour(half: &HalfRes, centre_x: f32, face_w: f32) -> Option<Lab> {
    let y0 = half.height - (half.height * 8).div_ceil(100);
    let cells = (y0..half.height)
        .flat_map(|y| (0..half.width).map(move |x| (x, y)))
        .filter(|&(x, _)| (x as f32 - centre_x).abs() > face_w / 2.0);
    person_median(half, cells)
}

/// ΔE76 within which the cells under a shoulder's edge are the hair's colour (a lock hanging
/// onto the shoulder, its top then read as the shoulder's), and twice it: the least difference
/// between hair and clothes for the hair to be told from them at all (black hair on a black
/// jacket is not).
const SHOULDER_HAIR_DISTANCE: f32 = 14.0;

/// The hair reference for the shoulders: the hair's colour when the clothes differ from it
/// by at least twice [`SHOULDER_HAIR_DISTANCE`], else `None` (hair and clothes alike).
fn hair_unlike_body(hair: Option<Lab>, body: Option<Lab>) -> Option<Lab> {
    let (hair, body) = (hair?, body?);
    (hair.delta_e76(body) >= 2.0 * SHOULDER_HAIR_DISTANCE).then_some(hair)
}

/// The top of the body in column `x` (half-res row) at or below row `from`: the top edge of
/// the person run that reaches the bottom of the photo, across gaps of at most `max_gap` cells
/// (a hole the model leaves in a shirt). A clump of hair hanging beside the neck, with backdrop
/// between it and the shoulder, is thus not the shoulder. `None` when the column's bottom is
/// not the person, or when the person runs on unbroken from above `from` (hair down over the
/// shoulder).
fn column_top(half: &HalfRes, x: u32, from: u32, max_gap: u32) -> Option<u32> {
    let mut top = None;
    let mut gap = 0;
    for y in (from..half.height).rev() {
        if half.person[half.index(x, y)] {
            top = Some(y);
            gap = 0;
        } else {
            gap += 1;
            if gap > max_gap {
                break;
            }
        }
    }
    top.filter(|&y| y == 0 || !half.person[half.index(x, y - 1)])
}

/// Least CIE76 difference between the photo just above a shoulder's edge and just below it for
/// the edge to be the shoulder's: clothes the backdrop's colour (a white shirt on white) leave
/// the model unsure of them, and the edge it draws then runs through the cloth, not along it.
/// 5 is the difference seen at a glance, as in `clothing.contrast` (there ΔE00, from the
/// ISO 12647-2 print tolerances); below it a reviewer cannot see the shoulder's line either.
const SHOULDER_EDGE_CONTRAST: f32 = 5.0;

/// The mean Lab of the three cells above a top edge at half-res `(x, y)` and of the three
/// below it, over three columns. `None` near the photo's border.
fn edge_sides(half: &HalfRes, x: u32, y: u32) -> Option<(Lab, Lab)> {
    if x < 1 || x + 1 >= half.width || y < 3 || y + 3 >= half.height {
        return None;
    }
    let mean = |rows: std::ops::Range<u32>| {
        mean_lab(
            &half.lab,
            rows.flat_map(|yy| (x - 1..=x + 1).map(move |xx| half.index(xx, yy))),
        )
    };
    Some((mean(y - 3..y)?, mean(y + 1..y + 4)?))
}

/// Shoulder heights (half resolution): `(left, right, dx)` where `dx` is the distance of the
/// measured columns from `centre_x`. Takes the outermost offset (up to 1.1 face widths, at
/// least 0.7, clear of the image border) where both columns show the top of the body
/// ([`column_top`]) below `mouth_y`, and the median over a few offsets just inside it. Above
/// the mouth the silhouette is hair or the head (a bun, hair flaring out beside the face), not
/// a shoulder: even high shoulders beside a short neck stay below the mouth line. So a
/// shoulder is a top edge below it, and a column covered from above down to there (hair on the
/// shoulder) is not measured, nor one whose edge the photo does not show
/// ([`SHOULDER_EDGE_CONTRAST`]), nor one whose edge tops a run of the hair's colour (`hair`,
/// given only when the clothes differ from it: [`hair_unlike_body`]).
fn shoulder_heights(
    half: &HalfRes,
    centre_x: f32,
    face_w: f32,
    mouth_y: f32,
    hair: Option<Lab>,
) -> Option<(f32, f32, f32)> {
    const BORDER: f32 = 3.0;
    let max_dx = (1.1 * face_w)
        .min(centre_x - BORDER)
        .min(half.width as f32 - 1.0 - BORDER - centre_x);
    // The jaw ends half a face width from the axis and the neck well inside it; hair hanging
    // beside the face falls there too, and where the clothes are the backdrop's colour the
    // neck's skin is the only edge left. 0.7 face widths out is the slope of the shoulder.
    let min_dx = 0.7 * face_w;
    let step = (face_w / 40.0).max(1.0);
    let span = 0.12 * face_w;
    // Gaps in a column up to 4 % of a face width (~9 px in a 480-px photo) are holes, not
    // backdrop between a lock of hair and the shoulder.
    let max_gap = (0.04 * face_w).ceil() as u32;
    let mut dx = max_dx;
    while dx >= min_dx {
        let pair = |d: f32| {
            let from = mouth_y.max(0.0) as u32;
            let (xl, xr) = ((centre_x - d) as u32, (centre_x + d) as u32);
            let l = column_top(half, xl, from, max_gap)?;
            let r = column_top(half, xr, from, max_gap)?;
            let seen = |x: u32, y: u32| {
                edge_sides(half, x, y).is_some_and(|(above, below)| {
                    above.delta_e76(below) >= SHOULDER_EDGE_CONTRAST
                        && !hair.is_some_and(|h| below.delta_e76(h) < SHOULDER_HAIR_DISTANCE)
                })
            };
            (seen(xl, l) && seen(xr, r)).then_some((l as f32, r as f32))
        };
        if pair(dx).is_some() {
            let mut ls = Vec::new();
            let mut rs = Vec::new();
            let mut d = dx;
            while d >= (dx - span).max(min_dx) {
                if let Some((l, r)) = pair(d) {
                    ls.push(l);
                    rs.push(r);
                }
                d -= step;
            }
            ls.sort_unstable_by(f32::total_cmp);
            rs.sort_unstable_by(f32::total_cmp);
            return Some((ls[ls.len() / 2], rs[rs.len() / 2], dx - span / 2.0));
        }
        dx -= step;
    }
    None
}

/// The shoulders in full-resolution pixels: `(left y, right y, (left x, right x))`. Silhouette
/// tops in the outermost pair of columns the same distance either side of the neck's centre
/// (the body's axis, which a turned or tilted head leaves) that both show the body
/// ([`shoulder_heights`]; long hair may hang over the inner shoulder, the outer one is usually
/// clear of it).
fn shoulders(
    half: &HalfRes,
    width: u32,
    outline_left: &[Option<u32>],
    outline_right: &[Option<u32>],
    face: Option<&Detection>,
    hair: Option<Lab>,
) -> Option<(f32, f32, (f32, f32))> {
    let width = width as f32;
    let (centre_x, face_w, mouth_y) = match face {
        Some(d) => (
            neck_centre_x(outline_left, outline_right, d),
            d.face.w,
            d.mouth_image_left.y.max(d.mouth_image_right.y),
        ),
        None => (
            head_centre_x(half).map_or(width / 2.0, |x| x * 2.0),
            width * 0.45,
            0.0,
        ),
    };
    let body = body_colour(half, centre_x / 2.0, face_w / 2.0);
    let (l, r, dx) = shoulder_heights(
        half,
        centre_x / 2.0,
        face_w / 2.0,
        mouth_y / 2.0,
        hair_unlike_body(hair, body),
    )?;
    Some((l * 2.0, r * 2.0, (centre_x - dx * 2.0, centre_x + dx * 2.0)))
}

/// The body's axis: the median midpoint of the outline over the neck's rows (just below the
/// chin), where the outline is the neck's two sides; the face centre when those rows do not
/// show a neck (hair down to the shoulders, or the outline reaching the frame).
fn neck_centre_x(left: &[Option<u32>], right: &[Option<u32>], d: &Detection) -> f32 {
    let face_centre = d.face.x + d.face.w / 2.0;
    let y0 = (d.face.y + d.face.h * 1.02).max(0.0) as usize;
    let y1 = (d.face.y + d.face.h * 1.15).max(0.0) as usize;
    let mut mids: Vec<f32> = (y0..y1.min(left.len()))
        .filter_map(|y| {
            let (l, r) = (left[y]? as f32, right[y]? as f32);
            // A neck, not shoulders or hair: narrower than the face.
            (r - l < d.face.w * 0.9).then_some(f32::midpoint(l, r))
        })
        .collect();
    if mids.len() < 4 {
        return face_centre;
    }
    let k = mids.len() / 2;
    let (_, m, _) = mids.select_nth_unstable_by(k, f32::total_cmp);
    *m
}

/// Mean column of the person in the rows of the head (a fifth of the height from its top).
fn head_centre_x(half: &HalfRes) -> Option<f32> {
    let top = (0..half.height).find(|&y| (0..half.width).any(|x| half.person[half.index(x, y)]))?;
    let (mut sum, mut n) = (0.0f32, 0.0f32);
    for y in top..(top + half.height / 5).min(half.height) {
        for x in 0..half.width {
            if half.person[half.index(x, y)] {
                sum += x as f32;
                n += 1.0;
            }
        }
    }
    (n > 0.0).then(|| sum / n)
}

/// The three masks (person, backdrop, objects) from the model's probability and the colours,
/// and the backdrop's fitted light.
fn classify(
    hw: u32,
    hh: u32,
    linear: &[[f32; 3]],
    prob: &[f32],
    face: Option<&Detection>,
) -> (Vec<bool>, Vec<bool>, Vec<bool>, Option<Backdrop>) {
    let w = hw as usize;
    let n = linear.len();
    // The backdrop's light, from what is surely not person (every other pixel both ways).
    let samples: Vec<(f32, f32, [f32; 3])> = (0..n)
        .filter(|i| {
            (i % w).is_multiple_of(2) && (i / w).is_multiple_of(2) && prob[*i] < SURE_BACKGROUND
        })
        .map(|i| ((i % w) as f32, (i / w) as f32, linear[i]))
        .collect();
    let backdrop = Backdrop::fit(&samples, hw, hh);
    let like = |i: usize| {
        backdrop
            .as_ref()
            .is_some_and(|b| b.is_like((i % w) as f32, (i / w) as f32, linear[i]))
    };
    // Rows of the head (down to the chin), where hair makes the model's outline soft.
    let head_rows = face.map_or(hh as usize / 2, |d| ((d.face.y + d.face.h) * 0.5) as usize);
    let shadow = Tolerance::new(SHADOW_ANGLE_DEG, (SHADOW_GAIN, 1.0));
    let shadow_like = |i: usize| {
        backdrop.as_ref().is_some_and(|b| {
            let (x, y) = ((i % w) as f32, (i / w) as f32);
            b.within(x, y, linear[i], shadow)
        })
    };
    let model_person: Vec<bool> = (0..n)
        .map(|i| {
            let p = prob[i];
            if i / w < head_rows && (UNSURE.0..UNSURE.1).contains(&p) {
                !like(i)
            } else {
                p >= PERSON
            }
        })
        .collect();
    let (labels, sizes) = components(hw, hh, &model_person);
    let subject = subject_component(hw, &model_person, &labels, &sizes, face);
    let person: Vec<bool> = labels
        .iter()
        .map(|l| *l != 0 && Some(*l) == subject)
        .collect();
    // Distance to the subject (one map, read against each reach).
    let near = distance_to(hw, hh, &person, FRINGE.max(SHADOW_REACH).max(HAIR_FRINGE));
    let near_subject = |i: usize| near[i] <= FRINGE;
    // Next to the subject, backdrop in a deep cast shadow: the backdrop's own colour, darker
    // than [`backdrop::GAIN_RANGE`] allows elsewhere (the shadow check measures it).
    let near_shadow = |i: usize| near[i] <= SHADOW_REACH;
    let near_hair = |i: usize| near[i] <= HAIR_FRINGE;
    let mut background = vec![false; n];
    let mut objects = vec![false; n];
    for i in 0..n {
        if person[i] {
            continue;
        }
        let clear = !near_subject(i) && (i / w >= head_rows || !near_hair(i));
        if model_person[i] {
            // Another person (a white shirt of someone else on a white backdrop is still
            // someone else).
            objects[i] = clear;
        } else if like(i) || (near_shadow(i) && shadow_like(i)) {
            background[i] = true;
        } else {
            // Not backdrop-coloured: an object where the model is sure it is not the
            // subject; where it is unsure (the subject's own outline), neither.
            objects[i] = clear && prob[i] < SURE_OBJECT;
        }
    }
    // A backdrop that is mostly not backdrop-coloured (foliage, a room, a patterned wall) has
    // no backdrop colour to speak of: all of it is measured as background, so its colour and
    // unevenness are judged, and the objects in it still count.
    let like_count = background.iter().filter(|b| **b).count();
    let object_count = objects.iter().filter(|o| **o).count();
    let backdrop_coloured = object_count <= like_count;
    if !backdrop_coloured {
        for (b, o) in background.iter_mut().zip(&objects) {
            *b |= *o;
        }
    }
    (
        person,
        background,
        objects,
        backdrop.filter(|_| backdrop_coloured),
    )
}

/// Separates person, backdrop and objects; `face` (when given) picks the subject and places
/// the shoulders and the clothes. When the person model cannot run, the result says why
/// ([`Segmentation::model_error`]) and holds no backdrop, so the checks reading it are not
/// assessed.
pub fn segment(rgb: &RgbImage, face: Option<&Detection>) -> Segmentation {
    let (width, height) = rgb.dimensions();
    let empty = |why: Option<Msg>| Segmentation {
        width,
        height,
        outline_left: vec![None; height as usize],
        outline_right: vec![None; height as usize],
        model_error: why,
        ..Segmentation::default()
    };
    if width < 4 || height < 4 {
        return empty(None);
    }
    let (hw, hh) = (width.div_ceil(2), height.div_ceil(2));
    let prob = match PersonModel::shared()
        .map_err(Localized::msg)
        .and_then(|m| m.probability(rgb, hw, hh).map_err(|e| e.msg()))
    {
        Ok(p) => p,
        Err(e) => return empty(Some(e)),
    };
    let linear = half_resolution_linear(rgb.as_raw(), width, height);
    let lab: Vec<Lab> = linear.iter().copied().map(linear_to_lab).collect();
    let (person, background_half, objects, backdrop) = classify(hw, hh, &linear, &prob, face);
    let half = HalfRes {
        width: hw,
        height: hh,
        lab,
        linear,
        background: background_half,
        person,
        objects,
    };

    // The outline per full-resolution row, from the half-resolution rows.
    let h = height as usize;
    let mut outline_left = vec![None; h];
    let mut outline_right = vec![None; h];
    for (hy, row) in half.person.chunks_exact(hw as usize).enumerate() {
        let left = row.iter().position(|p| *p).map(|x| x as u32 * 2);
        let right = row
            .iter()
            .rposition(|p| *p)
            .map(|x| (x as u32 * 2 + 1).min(width - 1));
        for y in [2 * hy, 2 * hy + 1].into_iter().filter(|y| *y < h) {
            outline_left[y] = left;
            outline_right[y] = right;
        }
    }

    let central0 = (hw as f32 * (1.0 - HEAD_TOP_CENTRAL_SHARE) / 2.0) as u32;
    let central1 = hw - central0;
    let head_top_y = (0..hh)
        .find(|&y| (central0..central1).any(|x| half.person[half.index(x, y)]))
        .map(|y| y * 2);

    let hair = face.and_then(|d| hair_colour(&half, head_top_y, d));
    let shoulders = shoulders(&half, width, &outline_left, &outline_right, face, hair);

    let clothing_band = match face {
        Some(d) => {
            let y0 = (d.face.y + d.face.h * 1.1).max(0.0) as u32;
            (y0 + 8 < height).then_some((y0, height))
        }
        None => Some((height - height / 4, height)),
    };

    let mut seg = Segmentation {
        width,
        height,
        head_top_y,
        outline_left,
        outline_right,
        shoulder_left_y: shoulders.map(|s| s.0),
        shoulder_right_y: shoulders.map(|s| s.1),
        shoulder_x: shoulders.map(|s| s.2),
        clothing_band,
        half,
        face_skin: None,
        backdrop,
        hair,
        model_error: None,
    };
    if let Some(d) = face {
        seg.face_skin = Some(exposure::face_skin(rgb, &seg, d));
    }
    seg
}

/// Runs every pixel check (background, exposure, sharpness, retouch, clothing, pose) in
/// catalogue order. `face` is the detector's primary face; face-region checks are not
/// assessed without it.
pub fn pixel_checks(
    rgb: &RgbImage,
    face: Option<&Detection>,
    spec: &PhotoSpec,
) -> (Segmentation, Vec<CheckResult>) {
    let seg = segment(rgb, face);
    let [focus, smoothing] = sharpness::check_focus_and_smoothing(rgb, face, spec);
    let [contrast, blue, pattern] = clothing::check_clothing(rgb, &seg, face, spec);
    let checks = vec![
        background::check_colour(rgb, &seg, spec),
        background::check_uniformity(rgb, &seg, spec),
        background::check_shadow(rgb, &seg, spec),
        background::check_objects(rgb, &seg, spec),
        exposure::check_brightness(rgb, &seg, face, spec),
        exposure::check_colour_cast(rgb, &seg, face, spec),
        exposure::check_uneven(rgb, &seg, face, spec),
        focus,
        smoothing,
        contrast,
        blue,
        pattern,
        pose::check_shoulders(rgb, &seg, spec),
    ];
    (seg, checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The light grey backdrop and the dark jacket and hair of [`silhouette`].
    const BACKDROP: Lab = Lab::new(92.0, 0.0, 0.0);
    const DARK: Lab = Lab::new(30.0, 2.0, -4.0);

    /// A half-resolution silhouette (240 × 320) in dark clothes and hair on a light backdrop:
    /// a head of half width 40 centred at x 120 down to row 190, shoulders from row 230 down,
    /// and on the image right a bun of hair beside the head, rows 110–200, reaching 60 columns
    /// out.
    fn silhouette() -> HalfRes {
        let (width, height) = (240u32, 320u32);
        let person: Vec<bool> = (0..width * height)
            .map(|i| {
                let (x, y) = (i % width, i / width);
                let dx = x.abs_diff(120);
                ((60..=190).contains(&y) && dx <= 40)
                    || y >= 230
                    || (x > 120 && dx <= 60 && (110..=200).contains(&y))
            })
            .collect();
        let n = (width * height) as usize;
        HalfRes {
            width,
            height,
            lab: person
                .iter()
                .map(|&p| if p { DARK } else { BACKDROP })
                .collect(),
            linear: vec![[0.0; 3]; n],
            background: vec![false; n],
            person,
            objects: vec![false; n],
        }
    }

    #[test]
    fn hair_beside_the_face_is_not_a_shoulder() {
        let mut half = silhouette();
        // Mouth at row 170: below it both columns show the shoulders' own top edge.
        let (l, r, _) = shoulder_heights(&half, 120.0, 50.0, 170.0, None).unwrap();
        assert_eq!((l, r), (230.0, 230.0));
        // With the bun joined to the shoulder and searched from the top, its top reads as a
        // shoulder 120 rows higher.
        for y in 200..230 {
            for x in 121..=180 {
                let i = half.index(x, y);
                half.person[i] = true;
            }
        }
        let (l, r, _) = shoulder_heights(&half, 120.0, 50.0, 0.0, None).unwrap();
        assert!(l - r > 100.0, "{l} {r}");
    }

    #[test]
    fn a_lock_of_hair_beside_the_neck_is_not_a_shoulder() {
        let mut half = silhouette();
        // A lock hanging from below the mouth to row 215, backdrop between it and the
        // shoulder; and a hole in the jacket a few cells high.
        for y in (180..=215).chain(240..=241) {
            for x in 140..=180 {
                let i = half.index(x, y);
                half.person[i] = y < 240;
                half.lab[i] = if y < 240 { DARK } else { BACKDROP };
            }
        }
        let (l, r, _) = shoulder_heights(&half, 120.0, 50.0, 170.0, None).unwrap();
        assert_eq!((l, r), (230.0, 230.0));
    }

    #[test]
    fn hair_down_over_the_shoulders_leaves_them_unmeasured() {
        let mut half = silhouette();
        // Hair from the bun down to the shoulder on the image right: no edge there.
        for y in 200..230 {
            for x in 121..=180 {
                let i = half.index(x, y);
                half.person[i] = true;
            }
        }
        assert_eq!(shoulder_heights(&half, 120.0, 50.0, 170.0, None), None);
    }

    #[test]
    fn a_shoulder_edge_the_photo_does_not_show_is_not_measured() {
        let mut half = silhouette();
        // A white shirt on the white backdrop: the model's edge at row 230 on the image right
        // runs through cloth and backdrop of one colour, so it says nothing about the shoulder.
        for y in 200..320 {
            for x in 141..240 {
                let i = half.index(x, y);
                half.lab[i] = BACKDROP;
            }
        }
        assert_eq!(shoulder_heights(&half, 120.0, 50.0, 170.0, None), None);
        // The same cloth a few units off the backdrop still shows its edge.
        for y in 230..320 {
            for x in 141..240 {
                let i = half.index(x, y);
                half.lab[i] = Lab::new(85.0, 0.0, 0.0);
            }
        }
        let (l, r, _) = shoulder_heights(&half, 120.0, 50.0, 170.0, None).unwrap();
        assert_eq!((l, r), (230.0, 230.0));
    }

    #[test]
    fn a_lock_of_hair_hanging_onto_a_light_shirt_is_not_a_shoulder() {
        let mut half = silhouette();
        let shirt = Lab::new(80.0, 0.0, 2.0);
        for y in 0..half.height {
            for x in 0..half.width {
                let i = half.index(x, y);
                // No bun; a light shirt from row 230; a dark lock on the image right from
                // below the mouth down onto the shoulder.
                let bun = (161..=180).contains(&x) && (110..=200).contains(&y);
                let lock = (162..=178).contains(&x) && (180..230).contains(&y);
                if bun {
                    half.person[i] = false;
                    half.lab[i] = BACKDROP;
                }
                if lock {
                    half.person[i] = true;
                    half.lab[i] = DARK;
                } else if y >= 230 {
                    half.lab[i] = shirt;
                }
            }
        }
        // Blind to the hair, the lock's top reads as a shoulder 50 rows high.
        let (l, r, _) = shoulder_heights(&half, 120.0, 50.0, 170.0, None).unwrap();
        assert_eq!((l, r), (230.0, 180.0));
        // Knowing the hair's colour, the shoulder is measured clear of the lock.
        let hair = hair_unlike_body(Some(DARK), Some(shirt));
        assert_eq!(hair, Some(DARK));
        let (l, r, _) = shoulder_heights(&half, 120.0, 50.0, 170.0, hair).unwrap();
        assert_eq!((l, r), (230.0, 230.0));
        // Hair the clothes' colour is not told from them.
        assert_eq!(hair_unlike_body(Some(DARK), Some(DARK)), None);
    }
}
