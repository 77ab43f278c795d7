//! `exposure.*` checks: face brightness and clipping, skin colour cast, uneven lighting.
//!
//! They measure a skin region of the face taken from the detection: the face box between
//! just above the eyes and the mouth, inner 70 % of its width, without the eyes and the mouth.
//! Without a detection they are not assessed (never a pass).

use image::RgbImage;

use super::geometry::{BoxPx, Detection};
use super::lab::{Lab, srgb_to_lab, srgb_to_linear};
use super::result::{CheckResult, Overlay, Verdict, warn_fail_text};
use super::segment::Segmentation;
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

/// A channel value at or above this (or at or below 255 − this) is clipped.
const CLIP_HIGH: u8 = 250;
const CLIP_LOW: u8 = 5;

/// The skin pixels of the face.
#[derive(Debug, Clone, Default)]
pub struct FaceSkin {
    /// `(x, y, Lab)` of every skin-region pixel.
    pub pixels: Vec<(u32, u32, Lab)>,
    /// Pixels with at least two channels at or above [`CLIP_HIGH`] (one saturated channel is
    /// normal in bright, fair skin).
    pub clipped_high: usize,
    /// Pixels with any channel at or above [`CLIP_HIGH`].
    pub clipped_any: usize,
    /// Pixels with every channel at or below [`CLIP_LOW`].
    pub clipped_low: usize,
    /// The region searched, `(x0, y0, x1, y1)` in image pixels.
    pub bounds: (u32, u32, u32, u32),
    /// The face box measured.
    pub face: BoxPx,
    /// Histogram of the pixels' luma (Rec. 601 Y′, 0–255).
    pub luma_hist: Vec<u32>,
    /// Median L*, a*, b* of the pixels (each channel's own median), measured once.
    median: Option<Lab>,
}

impl FaceSkin {
    pub fn mean_lightness(&self) -> Option<f64> {
        if self.pixels.is_empty() {
            return None;
        }
        let sum: f64 = self.pixels.iter().map(|p| f64::from(p.2.l)).sum();
        Some(sum / self.pixels.len() as f64)
    }

    /// Median of a channel of the skin pixels.
    pub fn median(&self, channel: impl Fn(Lab) -> f32) -> Option<f64> {
        self.percentile(channel, 0.5)
    }

    /// Percentile `q` (0–1) of a channel of the skin pixels.
    pub fn percentile(&self, channel: impl Fn(Lab) -> f32, q: f64) -> Option<f64> {
        let mut v: Vec<f32> = self.pixels.iter().map(|p| channel(p.2)).collect();
        if v.is_empty() {
            return None;
        }
        let k = ((v.len() as f64 * q) as usize).min(v.len() - 1);
        let (_, m, _) = v.select_nth_unstable_by(k, f32::total_cmp);
        Some(f64::from(*m))
    }

    /// Median Lab of the skin (each channel's own median).
    pub fn median_lab(&self) -> Option<Lab> {
        self.median
    }

    fn measure_median(&self) -> Option<Lab> {
        Some(Lab::new(
            self.median(|p| p.l)? as f32,
            self.median(|p| p.a)? as f32,
            self.median(|p| p.b)? as f32,
        ))
    }

    fn rect_overlay(&self, verdict: Verdict) -> Overlay {
        let (x0, y0, x1, y1) = self.bounds;
        Overlay::Rect {
            x: x0 as f32,
            y: y0 as f32,
            w: (x1 - x0) as f32,
            h: (y1 - y0) as f32,
            verdict,
        }
    }
}

/// Rec. 601 luma Y′ (0–255) of an sRGB pixel, as ISO/IEC 29794-5's exposure measures use.
pub fn luma([r, g, b]: [u8; 3]) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000) as u8
}

/// The skin of `face`: the segmentation's copy when it was made for the same face, else
/// measured now.
pub fn skin_of<'a>(
    rgb: &RgbImage,
    seg: &'a Segmentation,
    face: &Detection,
) -> std::borrow::Cow<'a, FaceSkin> {
    match &seg.face_skin {
        Some(skin) if skin.face == face.face => std::borrow::Cow::Borrowed(skin),
        _ => std::borrow::Cow::Owned(face_skin(rgb, seg, face)),
    }
}

/// The face's skin region (see the module docs); background pixels are left out.
pub fn face_skin(rgb: &RgbImage, seg: &Segmentation, face: &Detection) -> FaceSkin {
    let (w, h) = rgb.dimensions();
    let f = face.face;
    let eye_y = f32::midpoint(face.eye_image_left.y, face.eye_image_right.y);
    let mouth_y = f32::midpoint(face.mouth_image_left.y, face.mouth_image_right.y);
    let mouth_x = f32::midpoint(face.mouth_image_left.x, face.mouth_image_right.x);
    let mouth_half = ((face.mouth_image_right.x - face.mouth_image_left.x).abs() / 2.0)
        .max(0.12 * f.w)
        + 0.04 * f.w;
    let eye_r = 0.13 * f.w;
    let clamp_x = |v: f32| v.clamp(0.0, w as f32) as u32;
    let clamp_y = |v: f32| v.clamp(0.0, h as f32) as u32;
    let x0 = clamp_x(f.x + 0.15 * f.w);
    let x1 = clamp_x(f.x + 0.85 * f.w);
    let y0 = clamp_y(eye_y - 0.1 * f.h);
    let y1 = clamp_y(mouth_y + 0.04 * f.h);
    let mut skin = FaceSkin {
        bounds: (x0, y0, x1, y1),
        face: face.face,
        luma_hist: vec![0; 256],
        ..FaceSkin::default()
    };
    for y in y0..y1 {
        for x in x0..x1 {
            let (fx, fy) = (x as f32, y as f32);
            let near_eye = [face.eye_image_left, face.eye_image_right]
                .iter()
                .any(|e| (fx - e.x).powi(2) + (fy - e.y).powi(2) < eye_r * eye_r);
            let near_mouth = (fx - mouth_x).abs() < mouth_half && (fy - mouth_y).abs() < 0.07 * f.h;
            if near_eye || near_mouth || seg.is_background(x, y) {
                continue;
            }
            let p = rgb.get_pixel(x, y).0;
            let saturated = p.iter().filter(|c| **c >= CLIP_HIGH).count();
            if saturated >= 2 {
                skin.clipped_high += 1;
            }
            if saturated >= 1 {
                skin.clipped_any += 1;
            }
            if p.iter().all(|c| *c <= CLIP_LOW) {
                skin.clipped_low += 1;
            }
            skin.luma_hist[usize::from(luma(p))] += 1;
            skin.pixels.push((x, y, srgb_to_lab(p)));
        }
    }
    skin.median = skin.measure_median();
    skin
}

/// Largest hue difference (degrees) from the median skin for a pixel to count as skin
/// ([`SkinHue`]).
const SKIN_HUE_TOLERANCE_DEG: f32 = 20.0;

/// The skin's hue test: a colour is skin-hued when its (a*, b*) hue lies within
/// [`SKIN_HUE_TOLERANCE_DEG`] of the median skin's and it keeps at least half its chroma. Hair
/// and eyebrows have little chroma or another hue, and white, grey and black cloth almost no
/// chroma; shaded or brightly lit skin moves in lightness and keeps both. Used by
/// `exposure.uneven` (skin pixels of the halves) and `clothing.contrast` (no skin at the
/// outline).
#[derive(Debug, Clone, Copy)]
pub struct SkinHue {
    median: Lab,
    median_chroma_sq: f32,
    cos_tol_sq: f32,
}

impl SkinHue {
    pub fn of(median: Lab) -> Self {
        Self {
            median,
            median_chroma_sq: median.a * median.a + median.b * median.b,
            cos_tol_sq: SKIN_HUE_TOLERANCE_DEG.to_radians().cos().powi(2),
        }
    }

    /// Whether `p` has the skin's hue. As a dot product: the (a*, b*) vectors of `p` and the
    /// median are at most the tolerance apart when cos(angle) ≥ cos(tolerance).
    pub fn holds(&self, p: &Lab) -> bool {
        let chroma_sq = p.a * p.a + p.b * p.b;
        let dot = p.a * self.median.a + p.b * self.median.b;
        chroma_sq >= 0.25 * self.median_chroma_sq
            && dot > 0.0
            && dot * dot >= self.cos_tol_sq * chroma_sq * self.median_chroma_sq
    }
}

/// `exposure.uneven` compares the cheeks within this share of the face width either side of
/// the nose (the face border is shaded by hair and the head's curvature in any light).
const UNEVEN_HALF_WIDTH: f32 = 0.28;

/// Fewest skin pixels for a face measure.
const MIN_SKIN_PIXELS: usize = 200;

fn no_face(id: &'static str, threshold: String) -> CheckResult {
    CheckResult::not_assessed(id, threshold, Msg::new("check-why-no-face-detected"))
}

fn too_little_skin(id: &'static str, threshold: String) -> CheckResult {
    CheckResult::not_assessed(id, threshold, Msg::new("check-why-too-little-skin"))
}

/// Luma range of ISO/IEC 29794-5's under-exposure measure (OFIQ `UnderExposurePrevention`).
const CRUSHED_LUMA: u8 = 25;
/// Luma range of ISO/IEC 29794-5's over-exposure measure (OFIQ `OverExposurePrevention`).
const CLIPPED_LUMA: u8 = 247;
/// Largest angle (degrees) between the backdrop's linear RGB and an allowed colour for that
/// colour to be the light reference.
const REFERENCE_ANGLE_DEG: f32 = 8.0;

/// The backdrop as the photo's light reference: its exposure in stops against the allowed
/// colour it shows (negative: darker), and whether it is brighter than that colour can be
/// (more clipped channels than the colour has). `None` without backdrop.
fn backdrop_exposure(seg: &Segmentation, spec: &PhotoSpec) -> Option<(f64, bool)> {
    let half = &seg.half;
    let mut ys: Vec<f32> = Vec::new();
    let mut rgb = [0.0f64; 3];
    let mut clipped = 0usize;
    let mut two_clipped = 0usize;
    for (p, bg) in half.linear.iter().zip(&half.background) {
        if *bg {
            ys.push(0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]);
            for (acc, v) in rgb.iter_mut().zip(p) {
                *acc += f64::from(*v);
            }
            // ≥ 250 in sRGB is ≥ 0.955 in linear light.
            let c = p.iter().filter(|v| **v >= 0.955).count();
            clipped += c;
            two_clipped += usize::from(c == 2);
        }
    }
    if ys.is_empty() {
        return None;
    }
    let n = ys.len();
    let k = n / 2;
    let (_, median_y, _) = ys.select_nth_unstable_by(k, f32::total_cmp);
    let median_y = f64::from(*median_y).max(1e-4);
    let mean = rgb.map(|v| (v / n as f64) as f32);
    let clipped_channels = clipped as f64 / n as f64;
    let allowed: Vec<[f32; 3]> = spec
        .background_colours
        .iter()
        .map(|c| [c.0, c.1, c.2].map(srgb_to_linear))
        .collect();
    let y_of = |c: &[f32; 3]| f64::from(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]);
    // Only a backdrop that shows an allowed colour (within `background.colour`'s failure
    // limit) is a light reference: a grey wall or a room says nothing about the exposure.
    let mean_lab = super::lab::linear_to_lab(mean);
    let plausible = spec.background_colours.iter().any(|c| {
        super::lab::delta_e2000(mean_lab, srgb_to_lab([c.0, c.1, c.2]))
            <= spec.background_delta_e.fail
    });
    // A coloured backdrop with two of its channels blown out (light blue turned cyan-white):
    // brighter than any allowed colour can be, so over-exposed, whatever colour it was.
    if two_clipped * 2 > n {
        return Some((ev_limit_over(spec), true));
    }
    if !plausible {
        return None;
    }
    // The allowed colour of the backdrop's chromaticity (of two alike, white and light grey,
    // the one nearer in light).
    let reference = allowed
        .iter()
        .filter(|c| super::backdrop::compare(mean, **c).0 <= REFERENCE_ANGLE_DEG)
        .min_by(|a, b| {
            let d = |c: &[f32; 3]| (median_y / y_of(c)).log2().abs();
            d(a).total_cmp(&d(b))
        })?;
    let ev = (median_y / y_of(reference).max(1e-4)).log2();
    let reference_clipped = reference.iter().filter(|v| **v >= 0.955).count() as f64;
    Some((ev, clipped_channels >= reference_clipped + 0.75))
}

/// Luma of a photo's brightest hundredth against [`HIGHLIGHT_LUMA`], in stops (every 4th
/// pixel both ways).
fn highlight_ev(rgb: &RgbImage) -> f64 {
    let mut hist = [0u32; 256];
    let (w, h) = rgb.dimensions();
    for y in (0..h).step_by(4) {
        for x in (0..w).step_by(4) {
            hist[usize::from(luma(rgb.get_pixel(x, y).0))] += 1;
        }
    }
    let n: u32 = hist.iter().sum();
    let mut above = 0u32;
    let p99 = (0..256usize)
        .rev()
        .find(|v| {
            above += hist[*v];
            above * 100 >= n
        })
        .unwrap_or(0);
    f64::from(srgb_to_linear(p99 as u8).max(1e-4) / srgb_to_linear(HIGHLIGHT_LUMA)).log2()
}

/// Luma of the brightest hundredth of a correctly exposed photo (a light backdrop or white
/// clothes): 235, the top of Rec. 601's nominal range.
const HIGHLIGHT_LUMA: u8 = 235;

/// The exposure reported for a blown-out backdrop: at the failure limit (its true level is
/// lost to the clipping).
fn ev_limit_over(spec: &PhotoSpec) -> f64 {
    spec.backdrop_exposure_ev.fail
}

#[allow(clippy::too_many_lines)] // one measure, its verdict and its two-language message
/// `exposure.brightness`: over- and under-exposure, judged by what exposure changes and not
/// by how light the skin is: the share of the face skin crushed into the darkest luma range
/// or clipped into the brightest (ISO/IEC 29794-5), and the backdrop's exposure against its
/// known colour, darkness confirmed by the photo's highlights. A correctly lit dark face and a
/// correctly lit fair face both pass.
pub fn check_brightness(
    rgb: &RgbImage,
    seg: &Segmentation,
    face: Option<&Detection>,
    spec: &PhotoSpec,
) -> CheckResult {
    const ID: &str = "exposure.brightness";
    let (crush, clip, ev_lim) = (
        spec.face_crushed_share,
        spec.face_clipped_share,
        spec.backdrop_exposure_ev,
    );
    // Language-neutral (stored, shown on hover); the message names the backdrop in words.
    let threshold = format!(
        "Y′ ≤ {CRUSHED_LUMA}: ≤ {:.0} %, Y′ ≥ {CLIPPED_LUMA}: ≤ {:.0} %, ±{:.1} EV",
        crush.warn * 100.0,
        clip.warn * 100.0,
        ev_lim.warn
    );
    let threshold_words = Msg::new("check-brightness-threshold")
        .arg("crushed_luma", CRUSHED_LUMA.to_string())
        .arg("crushed", format!("{:.0}", crush.warn * 100.0))
        .arg("clipped_luma", CLIPPED_LUMA.to_string())
        .arg("clipped", format!("{:.0}", clip.warn * 100.0))
        .arg("ev", format!("{:.1}", ev_lim.warn));
    let Some(face) = face else {
        return no_face(ID, threshold);
    };
    let skin = skin_of(rgb, seg, face);
    let n: u32 = skin.luma_hist.iter().sum();
    if (n as usize) < MIN_SKIN_PIXELS {
        return too_little_skin(ID, threshold);
    }
    let share = |range: std::ops::RangeInclusive<usize>| {
        f64::from(skin.luma_hist[range].iter().sum::<u32>()) / f64::from(n)
    };
    let crushed = share(0..=usize::from(CRUSHED_LUMA));
    let clipped = share(usize::from(CLIPPED_LUMA)..=255);
    let median_luma = {
        let mut acc = 0u32;
        skin.luma_hist
            .iter()
            .position(|c| {
                acc += c;
                2 * acc >= n
            })
            .unwrap_or(0)
    };
    // The backdrop's exposure; without a backdrop of an allowed colour, the photo's own
    // highlights stand in, but only for darkness: a correctly exposed photo has its brightest
    // hundredth near the top of the range, whatever the skin (shirt collars, catchlights,
    // the backdrop itself), so highlights more than a stop short mean under-exposure.
    let backdrop = backdrop_exposure(seg, spec);
    // Without the backdrop the highlights only fail: a photo without a light backdrop may have
    // no near-white at all, so a small shortfall says nothing.
    let highlights = highlight_ev(rgb);
    let (ev, backdrop_clipped) = backdrop.unwrap_or_else(|| {
        let h = highlights.min(0.0);
        (if h < -ev_lim.fail { h } else { 0.0 }, false)
    });
    // A backdrop darker than its allowed colour is under-exposure only when the highlights
    // agree. A grey backdrop's own lightness varies as much as `background.colour` tolerates
    // (ΔE00 10 from light grey is about 0.6 EV darker), so a darker grey with the photo's
    // brightest hundredth at the top of the range (a white collar, catchlights) is a darker
    // backdrop, which `background.colour` judges, in a correctly exposed photo. Under-exposure
    // darkens both: the lesser darkness of the two counts.
    let dark_ev = if backdrop.is_some() && ev < 0.0 {
        ev.max(highlights.min(0.0))
    } else {
        ev
    };
    let dark = Verdict::from_limits(crushed, &crush).max(Verdict::from_limits(-dark_ev, &ev_lim));
    let bright = Verdict::from_limits(clipped, &clip)
        .max(Verdict::from_limits(ev, &ev_lim))
        .max(if backdrop_clipped {
            Verdict::Fail
        } else {
            Verdict::Pass
        });
    let verdict = dark.max(bright);
    let ev_text = backdrop.map_or_else(
        || Msg::new("check-brightness-highlights").arg("ev", format!("{ev:+.2}")),
        |(ev, c)| {
            let clipped: crate::i18n::Arg = if c {
                Msg::new("check-brightness-backdrop-clipped").into()
            } else {
                "".into()
            };
            Msg::new("check-brightness-backdrop")
                .arg("ev", format!("{ev:+.2}"))
                .arg("clipped", clipped)
                .arg("highlights", format!("{highlights:+.2}"))
        },
    );
    let facts = Msg::new("check-brightness-facts")
        .arg("median", median_luma.to_string())
        .arg("crushed", format!("{:.1}", crushed * 100.0))
        .arg("clipped", format!("{:.1}", clipped * 100.0))
        .arg("backdrop", ev_text);
    let message = if bright > Verdict::Pass && bright >= dark {
        Msg::new("check-brightness-too-bright")
    } else if dark > Verdict::Pass {
        Msg::new("check-brightness-too-dark")
    } else {
        Msg::new("check-brightness-ok")
    }
    .arg("facts", facts)
    .arg("threshold", threshold_words);
    let mut reasons = Vec::new();
    if bright > Verdict::Pass {
        reasons.push(ReasonCode::FaceTooBright);
    }
    if dark > Verdict::Pass {
        reasons.push(ReasonCode::FaceTooDark);
    }
    if reasons.is_empty() {
        reasons = vec![ReasonCode::FaceTooBright, ReasonCode::FaceTooDark];
    }
    CheckResult::new(ID, verdict, threshold, message)
        .with_value(if bright >= dark {
            clipped.max(ev)
        } else {
            crushed.max(-dark_ev)
        })
        .with_reasons(&reasons)
        .with_overlay(skin.rect_overlay(verdict))
}

/// `exposure.colour_cast`: median skin a* and b* against the natural ranges.
pub fn check_colour_cast(
    rgb: &RgbImage,
    seg: &Segmentation,
    face: Option<&Detection>,
    spec: &PhotoSpec,
) -> CheckResult {
    const ID: &str = "exposure.colour_cast";
    let (ra, rb) = (spec.skin_a, spec.skin_b);
    let threshold = format!(
        "a* {:.0}–{:.0}, b* {:.0}–{:.0}",
        ra.min, ra.max, rb.min, rb.max
    );
    let Some(face) = face else {
        return no_face(ID, threshold);
    };
    let skin = skin_of(rgb, seg, face);
    if skin.pixels.len() < MIN_SKIN_PIXELS {
        return too_little_skin(ID, threshold);
    }
    if skin.clipped_high as f64 > spec.face_clipped_share.warn * skin.pixels.len() as f64 {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-face-clipped"));
    }
    let Some(median) = skin.median_lab() else {
        return too_little_skin(ID, threshold);
    };
    let (l, a, b) = (
        f64::from(median.l),
        f64::from(median.a),
        f64::from(median.b),
    );
    let chroma_per_l = a.hypot(b) / l.max(1.0);
    let in_range = ra.contains(a) && rb.contains(b);
    let rich = chroma_per_l > spec.skin_chroma_per_lightness_max;
    let verdict = if !in_range {
        Verdict::Fail
    } else if rich {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    let threshold = format!(
        "{threshold}, C*/L* ≤ {:.2}",
        spec.skin_chroma_per_lightness_max
    );
    let what = if a > ra.max {
        Msg::new("check-cast-reddish")
    } else if a < ra.min {
        Msg::new("check-cast-greenish")
    } else if b > rb.max {
        Msg::new("check-cast-yellowish")
    } else if b < rb.min {
        Msg::new("check-cast-bluish")
    } else if rich {
        Msg::new("check-cast-rich")
    } else {
        Msg::new("check-cast-natural")
    };
    // The value shown is the distance outside the natural a*/b* box (0 inside).
    let outside = (ra.min - a)
        .max(a - ra.max)
        .max(0.0)
        .hypot((rb.min - b).max(b - rb.max).max(0.0));
    CheckResult::new(
        ID,
        verdict,
        threshold.clone(),
        Msg::new("check-cast")
            .arg("what", what)
            .arg("a", format!("{a:.1}"))
            .arg("b", format!("{b:.1}"))
            .arg("chroma", format!("{chroma_per_l:.2}"))
            .arg("threshold", threshold),
    )
    .with_value(outside)
    .with_reasons(&[ReasonCode::ColourCast])
    .with_overlay(skin.rect_overlay(verdict))
}

/// Relative luminance Y (0–1) of a CIE L* value.
fn luminance_of(l: f64) -> f64 {
    const KAPPA: f64 = 24389.0 / 27.0;
    if l > 8.0 {
        ((l + 16.0) / 116.0).powi(3)
    } else {
        l / KAPPA
    }
}

/// `exposure.uneven`: the exposure difference in stops (EV) between the left and the right
/// half of the face skin, from the mean L* of each half.
pub fn check_uneven(
    rgb: &RgbImage,
    seg: &Segmentation,
    face: Option<&Detection>,
    spec: &PhotoSpec,
) -> CheckResult {
    const ID: &str = "exposure.uneven";
    let lim = spec.face_halves_ev;
    let threshold = warn_fail_text(
        format_args!("{:.1} EV", lim.warn),
        format_args!("{:.1} EV", lim.fail),
    );
    let Some(face) = face else {
        return no_face(ID, threshold);
    };
    let skin = skin_of(rgb, seg, face);
    let Some(median) = skin.median_lab() else {
        return too_little_skin(ID, threshold);
    };
    // Skin only ([`SkinHue`]): hair and eyebrows at the sides are left out.
    let skin_hue = SkinHue::of(median);
    // The halves split along the face's own vertical axis through the nose, so a tilted head
    // is halved as an upright one (an image column would give each half some of the other).
    let (ux, uy) = eye_line_direction(face);
    let across = |x: u32, y: u32| (x as f32 - face.nose.x) * ux + (y as f32 - face.nose.y) * uy;
    let (mut sl, mut nl, mut sr, mut nr) = (0.0f64, 0usize, 0.0f64, 0usize);
    let inner = UNEVEN_HALF_WIDTH * face.face.w;
    for (d, lab) in skin
        .pixels
        .iter()
        .map(|&(x, y, lab)| (across(x, y), lab))
        .filter(|(d, lab)| skin_hue.holds(lab) && d.abs() < inner)
    {
        if d < 0.0 {
            sl += f64::from(lab.l);
            nl += 1;
        } else {
            sr += f64::from(lab.l);
            nr += 1;
        }
    }
    if nl < MIN_SKIN_PIXELS / 2 || nr < MIN_SKIN_PIXELS / 2 {
        return too_little_skin(ID, threshold);
    }
    let (left, right) = (sl / nl as f64, sr / nr as f64);
    let (y_left, y_right) = (luminance_of(left), luminance_of(right));
    if y_left <= 0.0 || y_right <= 0.0 {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-half-face-black"));
    }
    let ev = (y_left / y_right).log2().abs();
    let dl = (left - right).abs();
    let verdict = Verdict::from_limits(ev, &lim);
    let message = if verdict == Verdict::Pass {
        Msg::new("check-uneven-even")
    } else {
        let darker = if left < right {
            Msg::new("check-uneven-left")
        } else {
            Msg::new("check-uneven-right")
        };
        Msg::new("check-uneven-uneven").arg("darker", darker)
    }
    .arg("ev", format!("{ev:.2}"))
    .arg("dl", format!("{dl:.1}"))
    .arg("threshold", &threshold);
    // The split drawn over the skin region's height, along the face's vertical axis.
    let (_, y0, _, y1) = skin.bounds;
    let at = |y: f32| face.nose.x - (y - face.nose.y) * uy / ux.max(0.1);
    CheckResult::new(ID, verdict, threshold, message)
        .with_value(ev)
        .with_reasons(&[ReasonCode::UnevenLighting])
        .with_overlay(skin.rect_overlay(verdict))
        .with_overlay(Overlay::Line {
            x1: at(y0 as f32),
            y1: y0 as f32,
            x2: at(y1 as f32),
            y2: y1 as f32,
            verdict,
        })
}

/// Unit vector along the eye line, from the image-left eye to the image-right one; the image
/// x axis when the eyes coincide.
fn eye_line_direction(face: &Detection) -> (f32, f32) {
    let (dx, dy) = (
        face.eye_image_right.x - face.eye_image_left.x,
        face.eye_image_right.y - face.eye_image_left.y,
    );
    let len = dx.hypot(dy);
    if len < 1.0 {
        (1.0, 0.0)
    } else {
        (dx / len, dy / len)
    }
}
