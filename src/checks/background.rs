//! `background.*` checks: colour, uniformity, shadow next to the person, foreign objects.
//!
//! All measure the background found by [`segment`](super::segment), on its 2× downsampled
//! Lab copy; overlays are in image pixels. When too little background is visible
//! (`spec.background_min_share` of the image) they are not assessed.

use image::RgbImage;

use super::lab::{Lab, delta_e2000, delta_e2000_kl, linear_to_lab, srgb_to_lab};
use super::result::{CheckResult, Overlay, Verdict, warn_fail_text};
use super::segment::{HalfRes, Segmentation, components, distance_to};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

/// Distance band (half-resolution pixels, Chebyshev) of the shadow check: 3–20 image pixels
/// outside the outline.
const SHADOW_BAND: (u16, u16) = (2, 10);
/// Fewest reference pixels in a row for the shadow comparison.
const SHADOW_MIN_REF: usize = 4;
/// Object blobs smaller than this (half-resolution pixels, about 10×10 image pixels) are
/// JPEG specks, dust or a stray hair, not something a reviewer would reject.
const MIN_BLOB: usize = 25;
/// Every `SPREAD_STEP`-th background pixel (both axes) is used for the residual spread: a
/// 12-pixel grid in the photo, ~1,200 samples on a typical backdrop, so its 95th percentile
/// still sees any blotch larger than 5 % of the backdrop, at a quarter of the ΔE00 evaluations
/// of every third pixel.
const SPREAD_STEP: usize = 6;

fn too_little_background(id: &'static str, threshold: String) -> CheckResult {
    CheckResult::not_assessed(id, threshold, Msg::new("check-why-too-little-background"))
}

/// "Not assessed" because the segmentation could not run, when that is why.
fn no_segmentation(id: &'static str, threshold: &str, seg: &Segmentation) -> Option<CheckResult> {
    seg.model_error.as_ref().map(|e| {
        CheckResult::not_assessed(
            id,
            threshold,
            Msg::new("check-why-segmentation-failed").arg("error", e.clone()),
        )
    })
}

/// Whether enough background is visible to judge it.
fn enough_background(seg: &Segmentation, spec: &PhotoSpec) -> bool {
    let h = &seg.half;
    let n = h.background.iter().filter(|b| **b).count();
    !h.background.is_empty() && n as f64 >= spec.background_min_share * h.background.len() as f64
}

/// Mean Lab of the background pixels.
pub fn background_mean(half: &HalfRes) -> Option<Lab> {
    let mut acc = [0.0f64; 3];
    let mut n = 0.0f64;
    for (p, bg) in half.lab.iter().zip(&half.background) {
        if *bg {
            acc[0] += f64::from(p.l);
            acc[1] += f64::from(p.a);
            acc[2] += f64::from(p.b);
            n += 1.0;
        }
    }
    (n > 0.0).then(|| {
        Lab::new(
            (acc[0] / n) as f32,
            (acc[1] / n) as f32,
            (acc[2] / n) as f32,
        )
    })
}

/// The background cells (grid overlay), for a colour that is off everywhere.
fn background_mask(seg: &Segmentation, verdict: Verdict) -> Option<Overlay> {
    seg.half.grid(0.5, verdict, |i| seg.half.background[i])
}

/// The background cells whose colour is off the mean by more than `limit` (ΔE00).
fn uneven_cells(seg: &Segmentation, mean: Lab, limit: f64, verdict: Verdict) -> Option<Overlay> {
    let half = &seg.half;
    let k = (super::result::MASK_CELL / 2) as usize;
    let w = half.width as usize;
    // Mean Lab per cell over its background pixels, then one ΔE00 per cell.
    let cols = w.div_ceil(k);
    let rows = (half.height as usize).div_ceil(k);
    let mut acc = vec![([0.0f32; 3], 0u32); cols * rows];
    for (i, (p, bg)) in half.lab.iter().zip(&half.background).enumerate() {
        if *bg {
            let c = &mut acc[(i / w / k) * cols + (i % w) / k];
            c.0[0] += p.l;
            c.0[1] += p.a;
            c.0[2] += p.b;
            c.1 += 1;
        }
    }
    let off: Vec<bool> = acc
        .iter()
        .map(|(s, n)| {
            let n = *n as f32;
            n >= (k * k / 2) as f32
                && delta_e2000(Lab::new(s[0] / n, s[1] / n, s[2] / n), mean) > limit
        })
        .collect();
    Overlay::grid(
        cols as u32,
        rows as u32,
        super::result::MASK_CELL,
        &off,
        verdict,
    )
}

/// `background.colour`: mean background colour vs the nearest allowed colour, CIEDE2000.
pub fn check_colour(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "background.colour";
    let lim = spec.background_delta_e;
    let threshold = format!(
        "ΔE00 {}",
        warn_fail_text(
            format_args!("{:.0}", lim.warn),
            format_args!("{:.0}", lim.fail)
        )
    );
    if let Some(r) = no_segmentation(ID, &threshold, seg) {
        return r;
    }
    if !enough_background(seg, spec) {
        return too_little_background(ID, threshold);
    }
    let Some(mean) = background_mean(&seg.half) else {
        return too_little_background(ID, threshold);
    };
    let Some((allowed, de)) = spec
        .background_colours
        .iter()
        .map(|c| (c, delta_e2000(mean, srgb_to_lab([c.0, c.1, c.2]))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
    else {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-no-allowed-colours"));
    };
    let verdict = Verdict::from_limits(de, &lim);
    let target = format!("RGB({}, {}, {})", allowed.0, allowed.1, allowed.2);
    let lab = format!("L* {:.0} a* {:.0} b* {:.0}", mean.l, mean.a, mean.b);
    let message = if verdict == Verdict::Pass {
        Msg::new("check-background-colour-ok")
    } else {
        Msg::new("check-background-colour-off")
    }
    .arg("target", target)
    .arg("de", format!("{de:.1}"))
    .arg("lab", lab)
    .arg("threshold", &threshold);
    let mut r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(de)
        .with_reasons(&[ReasonCode::BackgroundColour]);
    // The failing region only: a passing background needs no tint (and no storage).
    if verdict != Verdict::Pass
        && let Some(m) = background_mask(seg, verdict)
    {
        r = r.with_overlay(m);
    }
    r
}

/// Least-squares plane `c0 + c1·x + c2·y` per Lab channel over the background pixels.
fn fit_plane(half: &HalfRes) -> Option<[[f64; 3]; 3]> {
    // Normal equations: A = Σ [1 x y]ᵀ[1 x y], rhs per channel.
    let mut a = [[0.0f64; 3]; 3];
    let mut rhs = [[0.0f64; 3]; 3];
    let w = half.width as usize;
    for (i, (p, bg)) in half.lab.iter().zip(&half.background).enumerate() {
        if !*bg {
            continue;
        }
        let v = [1.0, (i % w) as f64, (i / w) as f64];
        let c = [f64::from(p.l), f64::from(p.a), f64::from(p.b)];
        for r in 0..3 {
            for k in 0..3 {
                a[r][k] += v[r] * v[k];
            }
            for ch in 0..3 {
                rhs[ch][r] += v[r] * c[ch];
            }
        }
    }
    let det = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(&a);
    if d.abs() < 1e-9 {
        return None;
    }
    let mut out = [[0.0f64; 3]; 3];
    for ch in 0..3 {
        for col in 0..3 {
            let mut m = a;
            for row in 0..3 {
                m[row][col] = rhs[ch][row];
            }
            out[ch][col] = det(&m) / d;
        }
    }
    Some(out)
}

fn plane_at(plane: &[[f64; 3]; 3], x: f64, y: f64) -> Lab {
    let v = |c: &[f64; 3]| (c[0] + c[1] * x + c[2] * y) as f32;
    Lab::new(v(&plane[0]), v(&plane[1]), v(&plane[2]))
}

/// Lightness weight `k_L` of the uniformity measures: CIEDE2000's parametric factor for
/// viewing where lightness differences count half ([`delta_e2000_kl`]). A studio backdrop's
/// light falls off toward the corners; the eye takes that for light, not for a two-tone
/// backdrop, while a change of hue or a blotch is seen at full weight.
const UNIFORMITY_K_L: f64 = 2.0;

fn de_uniformity(a: Lab, b: Lab) -> f64 {
    let v = |c: Lab| [f64::from(c.l), f64::from(c.a), f64::from(c.b)];
    delta_e2000_kl(v(a), v(b), UNIFORMITY_K_L)
}

/// Gradient (largest ΔE00, `k_L` 2, between the fitted plane's corners over the background's
/// extent) and spread (95th percentile ΔE00, `k_L` 2, of pixels from the backdrop's smooth
/// light surface, [`Backdrop`](super::backdrop::Backdrop), when the segmentation fitted one,
/// else from the plane).
pub fn uniformity(half: &HalfRes) -> Option<(f64, f64)> {
    uniformity_with(half, None)
}

fn uniformity_with(
    half: &HalfRes,
    surface: Option<&super::backdrop::Backdrop>,
) -> Option<(f64, f64)> {
    let plane = fit_plane(half)?;
    let w = half.width as usize;
    let (mut x0, mut x1, mut y0, mut y1) = (usize::MAX, 0, usize::MAX, 0);
    for (i, bg) in half.background.iter().enumerate() {
        if *bg {
            let (x, y) = (i % w, i / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
    }
    let corners =
        [(x0, y0), (x1, y0), (x0, y1), (x1, y1)].map(|(x, y)| plane_at(&plane, x as f64, y as f64));
    let mut gradient = 0.0f64;
    for i in 0..4 {
        for j in i + 1..4 {
            gradient = gradient.max(de_uniformity(corners[i], corners[j]));
        }
    }
    let mut residuals: Vec<f64> = Vec::new();
    for y in (0..half.height as usize).step_by(SPREAD_STEP) {
        for x in (0..w).step_by(SPREAD_STEP) {
            let i = y * w + x;
            if half.background[i] {
                let expected = match surface {
                    Some(s) => linear_to_lab(s.at(x as f32, y as f32)),
                    None => plane_at(&plane, x as f64, y as f64),
                };
                residuals.push(de_uniformity(half.lab[i], expected));
            }
        }
    }
    if residuals.is_empty() {
        return None;
    }
    let k = (residuals.len() * 95 / 100).min(residuals.len() - 1);
    let (_, p95, _) = residuals.select_nth_unstable_by(k, f64::total_cmp);
    Some((gradient, *p95))
}

/// `background.uniformity`: gradient across the background and spread around it.
pub fn check_uniformity(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "background.uniformity";
    let lim = spec.background_gradient_delta_e;
    let threshold = format!(
        "ΔE00 {}",
        warn_fail_text(
            format_args!("{:.0}", lim.warn),
            format_args!("{:.0}", lim.fail)
        )
    );
    if let Some(r) = no_segmentation(ID, &threshold, seg) {
        return r;
    }
    if !enough_background(seg, spec) {
        return too_little_background(ID, threshold);
    }
    let Some((gradient, spread)) = uniformity_with(&seg.half, seg.backdrop.as_ref()) else {
        return too_little_background(ID, threshold);
    };
    let value = gradient.max(spread);
    let verdict = Verdict::from_limits(value, &lim);
    let message = if verdict == Verdict::Pass {
        Msg::new("check-background-even")
    } else {
        Msg::new("check-background-uneven")
    }
    .arg("gradient", format!("{gradient:.1}"))
    .arg("spread", format!("{spread:.1}"))
    .arg("threshold", &threshold);
    let mut r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(value)
        .with_reasons(&[ReasonCode::BackgroundUneven]);
    // The cells off the background's mean by more than half the warning limit.
    if verdict != Verdict::Pass
        && let Some(mean) = background_mean(&seg.half)
        && let Some(m) = uneven_cells(seg, mean, lim.warn / 2.0, verdict)
    {
        r = r.with_overlay(m);
    }
    r
}

/// Chebyshev distance (half-resolution pixels, capped at `cap`) of every pixel to the nearest
/// non-background pixel; 0 off the background.
fn distance_to_person(half: &HalfRes, cap: u16) -> Vec<u16> {
    let not_background: Vec<bool> = half.background.iter().map(|b| !b).collect();
    distance_to(half.width, half.height, &not_background, cap)
}

/// Shadow measure: the larger L* drop (left or right of the person) of the band next to the
/// outline against far background in the same rows; and the band (half resolution).
pub fn shadow_drop(seg: &Segmentation) -> Option<(f64, Vec<bool>)> {
    let half = &seg.half;
    let (w, h) = (half.width as usize, half.height as usize);
    let dist = distance_to_person(half, SHADOW_BAND.1 + 1);
    let mut band = vec![false; w * h];
    let mut sums = [(0.0f64, 0usize); 2];
    for y in 0..h {
        let row = y * w..(y + 1) * w;
        let (mut ref_sum, mut ref_n) = (0.0f64, 0usize);
        for i in row.clone() {
            if half.background[i] && dist[i] > SHADOW_BAND.1 {
                ref_sum += f64::from(half.lab[i].l);
                ref_n += 1;
            }
        }
        if ref_n < SHADOW_MIN_REF {
            continue;
        }
        let reference = ref_sum / ref_n as f64;
        let fy = (y * 2).min(seg.height as usize - 1);
        let centre = match (seg.outline_left[fy], seg.outline_right[fy]) {
            (Some(l), Some(r)) => (l + r) as usize / 4,
            _ => w / 2,
        };
        for i in row {
            if half.background[i] && (SHADOW_BAND.0..=SHADOW_BAND.1).contains(&dist[i]) {
                band[i] = true;
                let side = usize::from(i % w >= centre);
                sums[side].0 += reference - f64::from(half.lab[i].l);
                sums[side].1 += 1;
            }
        }
    }
    let drops: Vec<f64> = sums
        .iter()
        .filter(|(_, n)| *n >= 20)
        .map(|(s, n)| s / *n as f64)
        .collect();
    let drop = drops.into_iter().reduce(f64::max)?;
    Some((drop, band))
}

/// `background.shadow`: L* drop of the background band next to the person's outline.
pub fn check_shadow(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "background.shadow";
    let lim = spec.shadow_lightness_drop;
    let threshold = format!(
        "ΔL* {}",
        warn_fail_text(
            format_args!("{:.0}", lim.warn),
            format_args!("{:.0}", lim.fail)
        )
    );
    if let Some(r) = no_segmentation(ID, &threshold, seg) {
        return r;
    }
    if !enough_background(seg, spec) {
        return too_little_background(ID, threshold);
    }
    // A person of a head and shoulders covers a good part of the frame; a few blocks the model
    // took for a person (in noise, in a scene) have no outline to measure beside.
    // Nor does a background with no backdrop colour (a room, foliage, noise): a shadow is the
    // backdrop's colour, darker.
    let person = seg.half.person.iter().filter(|p| **p).count();
    if person * 20 < seg.half.person.len() {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-no-person"));
    }
    if seg.backdrop.is_none() {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-no-backdrop"));
    }
    let Some((drop, band)) = shadow_drop(seg) else {
        return too_little_background(ID, threshold);
    };
    let verdict = Verdict::from_limits(drop, &lim);
    let message = if verdict == Verdict::Pass {
        Msg::new("check-shadow-none")
    } else {
        Msg::new("check-shadow-found")
    }
    .arg("drop", format!("{drop:.1}"))
    .arg("threshold", &threshold);
    let mut r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(drop)
        .with_reasons(&[ReasonCode::BackgroundShadow]);
    if verdict != Verdict::Pass
        && let Some(m) = seg.half.grid(0.25, verdict, |i| band[i])
    {
        r = r.with_overlay(m);
    }
    r
}

/// A foreign blob: half-resolution bounding box `(x0, y0, x1, y1)` and its pixel count.
pub type Blob = (u32, u32, u32, u32, usize);

/// Foreign blobs: components of the segmentation's object pixels (neither person nor
/// backdrop-coloured, see [`segment`](super::segment)), as half-resolution bounding boxes
/// `(x0, y0, x1, y1, pixels)`; and their share of the background region (objects and
/// backdrop).
#[allow(clippy::many_single_char_names)] // image maths: conventional short names
pub fn foreign_objects(half: &HalfRes) -> (Vec<Blob>, f64) {
    let (labels, sizes) = components(half.width, half.height, &half.objects);
    let mut boxes: Vec<Option<Blob>> = vec![None; sizes.len()];
    let w = half.width as usize;
    for (i, l) in labels.iter().enumerate() {
        let l = *l as usize;
        if l == 0 || sizes[l] < MIN_BLOB {
            continue;
        }
        let (x, y) = ((i % w) as u32, (i / w) as u32);
        let b = boxes[l].get_or_insert((x, y, x, y, sizes[l]));
        b.0 = b.0.min(x);
        b.1 = b.1.min(y);
        b.2 = b.2.max(x);
        b.3 = b.3.max(y);
    }
    let found: Vec<_> = boxes.into_iter().flatten().collect();
    let foreign: usize = found.iter().map(|b| b.4).sum();
    // Objects and backdrop (the background may hold the objects already, see `segment`).
    let region = half
        .background
        .iter()
        .zip(&half.objects)
        .filter(|(b, o)| **b || **o)
        .count();
    let share = if region == 0 {
        0.0
    } else {
        foreign as f64 / region as f64
    };
    (found, share)
}

/// `background.objects`: blobs in the background that are not connected to the person.
pub fn check_objects(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "background.objects";
    let lim = spec.background_objects_share;
    let threshold = warn_fail_text(
        format_args!("{:.1} %", lim.warn * 100.0),
        format_args!("{:.1} %", lim.fail * 100.0),
    );
    if let Some(r) = no_segmentation(ID, &threshold, seg) {
        return r;
    }
    if !enough_background(seg, spec) {
        return too_little_background(ID, threshold);
    }
    let (blobs, share) = foreign_objects(&seg.half);
    let verdict = Verdict::from_limits(share, &lim);
    let pct = share * 100.0;
    let count = blobs.len();
    let message = if verdict == Verdict::Pass {
        Msg::new("check-objects-none")
    } else {
        Msg::new("check-objects-found").arg("count", count)
    }
    .arg("percent", format!("{pct:.2}"))
    .arg("threshold", &threshold);
    let mut r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(share)
        .with_reasons(&[ReasonCode::BackgroundObjects]);
    if verdict != Verdict::Pass {
        for (x0, y0, x1, y1, _) in blobs {
            r = r.with_overlay(Overlay::Rect {
                x: (x0 * 2) as f32,
                y: (y0 * 2) as f32,
                w: ((x1 - x0 + 1) * 2) as f32,
                h: ((y1 - y0 + 1) * 2) as f32,
                verdict,
            });
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The brute-force Chebyshev distance to the nearest non-background pixel.
    #[allow(clippy::many_single_char_names)] // image maths: conventional short names
    fn brute(w: usize, h: usize, bg: &[bool], cap: u16) -> Vec<u16> {
        (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let d = (0..w * h)
                    .filter(|j| !bg[*j])
                    .map(|j| (j % w).abs_diff(x).max((j / w).abs_diff(y)))
                    .min();
                match d {
                    Some(d) if d <= usize::from(cap) => d as u16,
                    _ => u16::MAX,
                }
            })
            .collect()
    }

    #[test]
    fn distance_transform_matches_brute_force() {
        let (w, h) = (23usize, 17usize);
        // A few masks: scattered person pixels, a blob, none at all.
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 16
        };
        let scattered: Vec<bool> = (0..w * h).map(|_| next() % 37 != 0).collect();
        let blob: Vec<bool> = (0..w * h)
            .map(|i| !((8..14).contains(&(i % w)) && (5..16).contains(&(i / w))))
            .collect();
        let empty = vec![true; w * h];
        for background in [scattered, blob, empty] {
            for cap in [1, 3, 11] {
                let half = HalfRes {
                    width: w as u32,
                    height: h as u32,
                    background: background.clone(),
                    ..HalfRes::default()
                };
                assert_eq!(
                    distance_to_person(&half, cap),
                    brute(w, h, &background, cap),
                    "cap {cap}"
                );
            }
        }
    }
}
