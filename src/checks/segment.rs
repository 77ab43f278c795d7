//! Person / background separation for the pixel checks.
//!
//! Works on a 2× downsampled copy (2×2 block means, which also averages out JPEG noise) in
//! CIELAB. The background is grown from the top edge and the upper parts of the side edges:
//! a pixel joins when it is close to the pixel it was reached from (a small step, so smooth
//! gradients and soft shadows are followed) and not too far from the colour of its seed (so a
//! long chain of small steps cannot walk into hair or blue clothes). The step distance weighs
//! lightness less than chroma, because shading (shadows, gradients) changes mostly L*, while
//! hair, skin and clothes differ in a* and b* too.

use std::collections::VecDeque;

use image::RgbImage;

use super::geometry::Detection;
use super::lab::{Lab, half_resolution_lab};
use super::result::{CheckResult, MASK_CELL, Overlay, Verdict};
use super::{background, clothing, exposure, pose, sharpness};
use crate::domain::spec::PhotoSpec;

/// Largest step (weighted ΔE, see [`step_distance_sq`]) between neighbouring background pixels.
const STEP_TOLERANCE: f32 = 5.5;
/// Weight of ΔL* in the step distance.
const LIGHTNESS_WEIGHT: f32 = 0.45;
/// Largest ΔE76 of a background pixel from its seed's colour.
const SEED_TOLERANCE: f32 = 55.0;
/// Below this chroma a background colour counts as neutral (white, grey).
const NEUTRAL_CHROMA: f32 = 8.0;
/// Largest hue difference (degrees) of coloured background from its seed.
const HUE_TOLERANCE_DEG: f32 = 30.0;
/// Smallest chroma of coloured background, as a share of its seed's chroma.
const CHROMA_SHARE: f32 = 0.4;
/// A top-edge pixel seeds the fill when this close (ΔE76) to a top-corner colour.
const SEED_MATCH: f32 = 12.0;
/// Side-edge pixels seed the fill in the upper share of the height only (lower down the
/// shoulders usually reach the edges).
const SIDE_SEED_SHARE: f32 = 0.45;
/// Size (half-resolution pixels) of the square corner patches giving the reference colours.
const CORNER_PATCH: u32 = 8;
/// Central share of the width searched for the head top.
const HEAD_TOP_CENTRAL_SHARE: f32 = 0.6;

/// The downsampled working copy: Lab pixels, background and the person's main component.
#[derive(Debug, Clone, Default)]
pub struct HalfRes {
    pub width: u32,
    pub height: u32,
    /// Row-major Lab of 2×2 block means.
    pub lab: Vec<Lab>,
    /// Row-major: grown from the edges as background.
    pub background: Vec<bool>,
    /// Row-major: the largest non-background component (the person).
    pub person: Vec<bool>,
    /// Row-major component label of every non-background pixel (0 = background), and the
    /// pixel count per label ([`components`]), kept so the objects check need not redo them.
    pub labels: Vec<u32>,
    pub sizes: Vec<usize>,
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

/// Squared weighted step distance: lightness counts less than chroma (see the module docs),
/// except on a neutral background, where hair and shading differ in lightness only. Squared,
/// so the fill's inner loop needs no square root.
fn step_distance_sq(p: Lab, q: Lab, neutral: bool) -> f32 {
    let weight = if neutral { 1.0 } else { LIGHTNESS_WEIGHT };
    let dl = (p.l - q.l) * weight;
    let (da, db) = (p.a - q.a, p.b - q.b);
    dl * dl + da * da + db * db
}

/// A seed colour with what [`like_seed`] needs of it, computed once.
#[derive(Debug, Clone, Copy)]
struct Seed {
    lab: Lab,
    chroma_sq: f32,
    neutral: bool,
}

impl Seed {
    fn new(lab: Lab) -> Self {
        let chroma = lab.chroma();
        Self {
            lab,
            chroma_sq: chroma * chroma,
            neutral: chroma < NEUTRAL_CHROMA,
        }
    }
}

/// Whether `q` can be background grown from `seed`: within [`SEED_TOLERANCE`], and for a
/// coloured background also of the seed's hue (within [`HUE_TOLERANCE_DEG`]) and at least
/// [`CHROMA_SHARE`] of its chroma — shading and gradients keep the hue, while hair, skin and
/// most clothes do not. For a neutral (white or grey) background the pixel must stay
/// neutral. Written with squares and a dot product (no `atan2`, no square roots): the hue
/// angle between `q` and the seed is within the tolerance when the cosine of the angle
/// between their (a*, b*) vectors is at least its cosine.
fn like_seed(q: Lab, seed: &Seed) -> bool {
    let (dl, da, db) = (q.l - seed.lab.l, q.a - seed.lab.a, q.b - seed.lab.b);
    if dl * dl + da * da + db * db >= SEED_TOLERANCE * SEED_TOLERANCE {
        return false;
    }
    let q_chroma_sq = q.a * q.a + q.b * q.b;
    if seed.neutral {
        return q_chroma_sq < (NEUTRAL_CHROMA * 1.5).powi(2);
    }
    if q_chroma_sq < CHROMA_SHARE * CHROMA_SHARE * seed.chroma_sq {
        return false;
    }
    let dot = q.a * seed.lab.a + q.b * seed.lab.b;
    let cos = HUE_TOLERANCE_DEG.to_radians().cos();
    dot > 0.0 && dot * dot >= cos * cos * q_chroma_sq * seed.chroma_sq
}

/// Mean Lab of a square patch.
fn patch_mean(lab: &[Lab], width: u32, x0: u32, y0: u32, size: u32) -> Lab {
    let mut acc = [0.0f32; 3];
    let mut n = 0.0f32;
    for y in y0..y0 + size {
        for x in x0..x0 + size {
            let p = lab[y as usize * width as usize + x as usize];
            acc[0] += p.l;
            acc[1] += p.a;
            acc[2] += p.b;
            n += 1.0;
        }
    }
    Lab::new(acc[0] / n, acc[1] / n, acc[2] / n)
}

/// Grows the background over the half-resolution Lab image.
#[allow(clippy::many_single_char_names)] // image maths: conventional short names
fn grow_background(width: u32, height: u32, lab: &[Lab]) -> Vec<bool> {
    let n = width as usize * height as usize;
    let mut background = vec![false; n];
    if width < 2 * CORNER_PATCH || height < 2 * CORNER_PATCH {
        return background;
    }
    let refs = [
        patch_mean(lab, width, 0, 0, CORNER_PATCH),
        patch_mean(lab, width, width - CORNER_PATCH, 0, CORNER_PATCH),
    ];
    let seeds = refs.map(Seed::new);
    // Seed colour per pixel (index into `refs`), so a chain is limited by its own seed.
    let mut seed_of = vec![0u8; n];
    let mut queue = VecDeque::with_capacity(n / 4);
    let mut try_seed = |x: u32, y: u32, bg: &mut Vec<bool>, q: &mut VecDeque<u32>| {
        let i = y as usize * width as usize + x as usize;
        if bg[i] {
            return;
        }
        let p = lab[i];
        let (best, d) = refs
            .iter()
            .enumerate()
            .map(|(k, r)| (k, p.delta_e76(*r)))
            .fold((0, f32::MAX), |acc, c| if c.1 < acc.1 { c } else { acc });
        if d < SEED_MATCH {
            bg[i] = true;
            seed_of[i] = best as u8;
            q.push_back(i as u32);
        }
    };
    for x in 0..width {
        try_seed(x, 0, &mut background, &mut queue);
    }
    let side_rows = (height as f32 * SIDE_SEED_SHARE) as u32;
    for y in 0..side_rows {
        try_seed(0, y, &mut background, &mut queue);
        try_seed(width - 1, y, &mut background, &mut queue);
    }
    let w = width as usize;
    while let Some(i) = queue.pop_front() {
        let i = i as usize;
        let (x, y) = (i % w, i / w);
        let p = lab[i];
        let s = seed_of[i];
        let seed = &seeds[usize::from(s)];
        let mut visit = |j: usize| {
            if !background[j] {
                let q = lab[j];
                if step_distance_sq(p, q, seed.neutral) < STEP_TOLERANCE * STEP_TOLERANCE
                    && like_seed(q, seed)
                {
                    background[j] = true;
                    seed_of[j] = s;
                    queue.push_back(j as u32);
                }
            }
        };
        if x > 0 {
            visit(i - 1);
        }
        if x + 1 < w {
            visit(i + 1);
        }
        if y > 0 {
            visit(i - w);
        }
        if y + 1 < height as usize {
            visit(i + w);
        }
    }
    background
}

/// Connected components (4-connectivity) of the `false` pixels of `background`; returns the
/// label per pixel (0 = background) and the pixel count per label (index 0 unused).
pub fn components(width: u32, height: u32, background: &[bool]) -> (Vec<u32>, Vec<usize>) {
    let (w, h) = (width as usize, height as usize);
    let mut labels = vec![0u32; w * h];
    let mut sizes = vec![0usize];
    let mut stack = Vec::new();
    for start in 0..w * h {
        if background[start] || labels[start] != 0 {
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
                if !background[j] && labels[j] == 0 {
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

/// Top of the silhouette (half-res row) in column `x`, if the column holds the person.
fn column_top(half: &HalfRes, x: u32) -> Option<u32> {
    (0..half.height).find(|&y| half.person[half.index(x, y)])
}

/// Shoulder heights (half resolution): `(left, right, dx)` where `dx` is the distance of the
/// measured columns from `centre_x`. Takes the outermost offset (up to 1.1 face widths, at
/// least 0.6, clear of the image border) where both columns hold the person, and the median
/// over a few offsets just inside it.
fn shoulder_heights(half: &HalfRes, centre_x: f32, face_w: f32) -> Option<(f32, f32, f32)> {
    const BORDER: f32 = 3.0;
    let max_dx = (1.1 * face_w)
        .min(centre_x - BORDER)
        .min(half.width as f32 - 1.0 - BORDER - centre_x);
    let min_dx = 0.6 * face_w;
    let step = (face_w / 40.0).max(1.0);
    let span = 0.12 * face_w;
    let mut dx = max_dx;
    while dx >= min_dx {
        let pair = |d: f32| {
            let l = column_top(half, (centre_x - d) as u32)?;
            let r = column_top(half, (centre_x + d) as u32)?;
            Some((l as f32, r as f32))
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

/// Separates person and background; `face` (when given) places the shoulders and the clothes.
pub fn segment(rgb: &RgbImage, face: Option<&Detection>) -> Segmentation {
    let (width, height) = rgb.dimensions();
    if width < 4 || height < 4 {
        return Segmentation {
            width,
            height,
            outline_left: vec![None; height as usize],
            outline_right: vec![None; height as usize],
            ..Segmentation::default()
        };
    }
    let (hw, hh) = (width.div_ceil(2), height.div_ceil(2));
    let lab = half_resolution_lab(rgb.as_raw(), width, height);
    let background_half = grow_background(hw, hh, &lab);
    let (labels, sizes) = components(hw, hh, &background_half);
    let main = sizes
        .iter()
        .enumerate()
        .skip(1)
        .max_by_key(|(_, s)| **s)
        .map(|(l, _)| l as u32);
    let person: Vec<bool> = labels.iter().map(|l| Some(*l) == main).collect();
    let half = HalfRes {
        width: hw,
        height: hh,
        lab,
        background: background_half,
        person,
        labels,
        sizes,
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

    // Shoulders: silhouette tops in the outermost pair of columns, the same distance either
    // side of the face centre, that both hold the person (long hair may hang over the inner
    // shoulder; the outer shoulder is usually clear of it).
    let (centre_x, face_w) = match face {
        Some(d) => (d.face.x + d.face.w / 2.0, d.face.w),
        None => (
            head_centre_x(&half).map_or(width as f32 / 2.0, |x| x * 2.0),
            width as f32 * 0.45,
        ),
    };
    let shoulders = shoulder_heights(&half, centre_x / 2.0, face_w / 2.0);
    let (left, right, shoulder_x) = match shoulders {
        Some((l, r, dx)) => (
            Some(l * 2.0),
            Some(r * 2.0),
            Some((centre_x - dx * 2.0, centre_x + dx * 2.0)),
        ),
        None => (None, None, None),
    };

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
        shoulder_left_y: left,
        shoulder_right_y: right,
        shoulder_x,
        clothing_band,
        half,
        face_skin: None,
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
