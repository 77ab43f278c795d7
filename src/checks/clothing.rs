//! `clothing.*` checks: contrast with the background, blue clothes, busy patterns.
//!
//! The clothes are the person's pixels in the segmentation's clothing band (below the chin),
//! on the 2× downsampled copy, without skin-coloured pixels (the neck) when a face gives the
//! skin colour.

use image::RgbImage;

use super::background::background_mean;
use super::exposure::{SkinHue, skin_of};
use super::geometry::Detection;
use super::lab::{Lab, delta_e2000, mean_lab};
use super::result::{CheckResult, Overlay, Verdict, warn_fail_text};
use super::segment::Segmentation;
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

/// A pixel this close (ΔE76) to the face's median skin colour is skin, not clothes.
const SKIN_DISTANCE: f32 = 14.0;
/// Fewest clothing pixels (half resolution) to judge the clothes.
const MIN_CLOTHING: usize = 200;

/// The clothing pixels (half-resolution indices).
#[derive(Debug, Clone, Default)]
pub struct Clothing {
    pub mask: Vec<bool>,
    pub count: usize,
    /// Rows `y0..y1` in image pixels.
    pub band: (u32, u32),
    /// The face's skin hue ([`SkinHue`]), when a face gives the skin's median.
    pub skin_hue: Option<SkinHue>,
    /// The hair's colour under the head top ([`Segmentation::hair`]).
    pub hair: Option<Lab>,
}

/// A cell this close (ΔE76) to the hair reference is hair, not clothes, at the outline.
const HAIR_DISTANCE: f32 = 14.0;

/// Finds the clothes (see the module docs).
pub fn clothing(rgb: &RgbImage, seg: &Segmentation, face: Option<&Detection>) -> Option<Clothing> {
    let (y0, y1) = seg.clothing_band?;
    let half = &seg.half;
    let skin: Option<Lab> = face.and_then(|f| skin_of(rgb, seg, f).median_lab());
    let mut mask = vec![false; half.lab.len()];
    let mut count = 0;
    let w = half.width as usize;
    for hy in (y0 / 2) as usize..(y1.div_ceil(2) as usize).min(half.height as usize) {
        for hx in 0..w {
            let i = hy * w + hx;
            if !half.person[i] || skin.is_some_and(|s| half.lab[i].delta_e76(s) < SKIN_DISTANCE) {
                continue;
            }
            mask[i] = true;
            count += 1;
        }
    }
    Some(Clothing {
        mask,
        count,
        band: (y0, y1),
        skin_hue: skin.map(SkinHue::of),
        hair: seg.hair,
    })
}

fn band_overlay(seg: &Segmentation, c: &Clothing, verdict: Verdict) -> Option<Overlay> {
    seg.half.grid(0.5, verdict, |i| c.mask[i])
}

fn not_found(id: &'static str, threshold: String) -> CheckResult {
    CheckResult::not_assessed(id, threshold, Msg::new("check-why-no-clothing"))
}

/// `clothing.contrast`, `clothing.blue` and `clothing.pattern`, in that order, from one
/// clothing region.
pub fn check_clothing(
    rgb: &RgbImage,
    seg: &Segmentation,
    face: Option<&Detection>,
    spec: &PhotoSpec,
) -> [CheckResult; 3] {
    let found = clothing(rgb, seg, face).filter(|c| c.count >= MIN_CLOTHING);
    let c = found.as_ref();
    [
        check_contrast(seg, c, spec),
        check_blue(rgb, seg, c, spec),
        check_pattern(seg, c, spec),
    ]
}

/// Adds the clothing mask when the check flags something (the mask costs a full-size pass).
fn with_band(r: CheckResult, seg: &Segmentation, c: &Clothing) -> CheckResult {
    if r.verdict == Verdict::Pass {
        return r;
    }
    match band_overlay(seg, c, r.verdict) {
        Some(m) => r.with_overlay(m),
        None => r,
    }
}

/// Band (half-resolution pixels) either side of the clothing's outline sampled by
/// `clothing.contrast`: clear of the anti-aliased edge, near enough for the same light.
const OUTLINE_BAND: (usize, usize) = (3, 10);
/// Fewest outline rows (either side) for the local contrast; below it the global means.
const MIN_OUTLINE_ROWS: usize = 10;

/// The clothes' contrast with the backdrop where they meet: per row of the clothing band and
/// side of the person, CIEDE2000 between the clothes just inside the outline and the backdrop
/// just outside it ([`OUTLINE_BAND`]), so the backdrop's fall-off toward the lower corners is
/// compared with the clothes it frames. The median over those rows; `None` when too few.
/// Inside, only cloth counts: cells with the skin's hue (the neck, the chest where the model
/// left a white shirt to the backdrop) and cells of the hair's colour (locks beside the neck)
/// are left out, or a white T-shirt on white reads as the neck against the backdrop.
fn outline_contrast(seg: &Segmentation, c: &Clothing) -> Option<f64> {
    let half = &seg.half;
    let w = half.width as usize;
    let cloth_cell = |i: usize| {
        let p = half.lab[i];
        c.mask[i]
            && !c.skin_hue.is_some_and(|s| s.holds(&p))
            && !c.hair.is_some_and(|h| p.delta_e76(h) < HAIR_DISTANCE)
    };
    let mut values = Vec::new();
    for hy in (c.band.0 / 2) as usize..(c.band.1.div_ceil(2) as usize).min(half.height as usize) {
        let row = hy * w..(hy + 1) * w;
        let person = &half.person[row.clone()];
        let (Some(left), Some(right)) = (
            person.iter().position(|p| *p),
            person.iter().rposition(|p| *p),
        ) else {
            continue;
        };
        for (edge, right_side) in [(left, false), (right, true)] {
            // The pixel `d` from the edge, into the backdrop or into the clothes.
            let at = |d: usize, into_backdrop: bool| {
                let x = if right_side == into_backdrop {
                    edge.checked_add(d).filter(|x| *x < w)
                } else {
                    edge.checked_sub(d)
                }?;
                Some(hy * w + x)
            };
            let (d0, d1) = OUTLINE_BAND;
            let inside: Vec<usize> = (d0..=d1)
                .filter_map(|d| at(d, false))
                .filter(|i| cloth_cell(*i))
                .collect();
            let outside: Vec<usize> = (d0..=d1)
                .filter_map(|d| at(d, true))
                .filter(|i| half.background[*i])
                .collect();
            if inside.len() >= 3 && outside.len() >= 3 {
                let cloth = mean_lab(&half.lab, inside.into_iter())?;
                let backdrop = mean_lab(&half.lab, outside.into_iter())?;
                values.push(delta_e2000(cloth, backdrop));
            }
        }
    }
    if values.len() < MIN_OUTLINE_ROWS {
        return None;
    }
    let k = values.len() / 2;
    let (_, m, _) = values.select_nth_unstable_by(k, f64::total_cmp);
    Some(*m)
}

/// `clothing.contrast`: the clothes against the backdrop where they meet
/// ([`outline_contrast`]), else mean clothing colour vs mean background colour, CIEDE2000.
fn check_contrast(seg: &Segmentation, found: Option<&Clothing>, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "clothing.contrast";
    let min = spec.clothing_contrast_delta_e_min;
    let threshold = format!("ΔE00 ≥ {min:.0}");
    let Some(c) = found else {
        return not_found(ID, threshold);
    };
    let Some(bg) = background_mean(&seg.half) else {
        return CheckResult::not_assessed(
            ID,
            threshold,
            Msg::new("check-why-too-little-background"),
        );
    };
    let de = if let Some(de) = outline_contrast(seg, c) {
        de
    } else {
        let Some(cloth) = mean_lab(&seg.half.lab, (0..c.mask.len()).filter(|i| c.mask[*i])) else {
            return not_found(ID, threshold);
        };
        delta_e2000(cloth, bg)
    };
    // Warn only: a reviewer judges whether the outline still stands out.
    let verdict = if de >= min {
        Verdict::Pass
    } else {
        Verdict::Warn
    };
    let message = if verdict == Verdict::Pass {
        Msg::new("check-contrast-ok")
    } else {
        Msg::new("check-contrast-low")
    }
    .arg("de", format!("{de:.1}"))
    .arg("threshold", &threshold);
    let r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(de)
        .with_reasons(&[ReasonCode::ClothesLikeBackground]);
    with_band(r, seg, c)
}

/// HSV hue in degrees of an sRGB pixel (0 for greys).
#[allow(clippy::many_single_char_names)] // image maths: conventional short names
fn hsv_hue(p: [u8; 3]) -> f32 {
    let [r, g, b] = p.map(f32::from);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let d = max - min;
    if d <= 0.0 {
        return 0.0;
    }
    let h = if (max - r).abs() < f32::EPSILON {
        60.0 * ((g - b) / d)
    } else if (max - g).abs() < f32::EPSILON {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    if h < 0.0 { h + 360.0 } else { h }
}

/// Share of clothing pixels that are blue: HSV hue in `spec.clothing_blue_hue_deg` and Lab
/// chroma at least `spec.clothing_blue_chroma_min`.
pub fn blue_share(rgb: &RgbImage, seg: &Segmentation, c: &Clothing, spec: &PhotoSpec) -> f64 {
    let w = seg.half.width as usize;
    let mut blue = 0usize;
    for (i, p) in seg.half.lab.iter().enumerate() {
        if !c.mask[i] || f64::from(p.chroma()) < spec.clothing_blue_chroma_min {
            continue;
        }
        let (x, y) = ((i % w * 2) as u32, (i / w * 2) as u32);
        if x < rgb.width()
            && y < rgb.height()
            && spec
                .clothing_blue_hue_deg
                .contains(f64::from(hsv_hue(rgb.get_pixel(x, y).0)))
        {
            blue += 1;
        }
    }
    blue as f64 / c.count.max(1) as f64
}

/// `clothing.blue`: share of blue clothing pixels.
fn check_blue(
    rgb: &RgbImage,
    seg: &Segmentation,
    found: Option<&Clothing>,
    spec: &PhotoSpec,
) -> CheckResult {
    const ID: &str = "clothing.blue";
    let lim = spec.clothing_blue_share;
    let threshold = warn_fail_text(
        format_args!("{:.0} %", lim.warn * 100.0),
        format_args!("{:.0} %", lim.fail * 100.0),
    );
    let Some(c) = found else {
        return not_found(ID, threshold);
    };
    let share = blue_share(rgb, seg, c, spec);
    let verdict = Verdict::from_limits(share, &lim);
    let pct = share * 100.0;
    let message = if verdict == Verdict::Pass {
        Msg::new("check-blue-no")
    } else {
        Msg::new("check-blue-yes")
    }
    .arg("percent", format!("{pct:.0}"))
    .arg("threshold", &threshold);
    let r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(share)
        .with_reasons(&[ReasonCode::ClothesBlue]);
    with_band(r, seg, c)
}

/// Share of inner clothing pixels whose L* differs from their 3×3 mean by more than
/// `spec.clothing_pattern_detail_l` (stripes, checks, prints).
#[allow(clippy::many_single_char_names)] // image maths: conventional short names
pub fn pattern_energy(seg: &Segmentation, c: &Clothing, spec: &PhotoSpec) -> f64 {
    let half = &seg.half;
    let (w, h) = (half.width as usize, half.height as usize);
    let (mut busy, mut n) = (0usize, 0usize);
    for y in 1..h.saturating_sub(1) {
        for x in 1..w - 1 {
            let i = y * w + x;
            if !c.mask[i] {
                continue;
            }
            let mut sum = 0.0f32;
            let mut inner = true;
            for j in [
                i - w - 1,
                i - w,
                i - w + 1,
                i - 1,
                i,
                i + 1,
                i + w - 1,
                i + w,
                i + w + 1,
            ] {
                inner &= c.mask[j];
                sum += half.lab[j].l;
            }
            if !inner {
                continue;
            }
            n += 1;
            if f64::from((half.lab[i].l - sum / 9.0).abs()) > spec.clothing_pattern_detail_l {
                busy += 1;
            }
        }
    }
    busy as f64 / n.max(1) as f64
}

/// `clothing.pattern`: warns on busy patterns (stripes, checks).
fn check_pattern(seg: &Segmentation, found: Option<&Clothing>, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "clothing.pattern";
    let max = spec.clothing_pattern_energy_max;
    let threshold = format!("≤ {max:.2}");
    let Some(c) = found else {
        return not_found(ID, threshold);
    };
    let e = pattern_energy(seg, c, spec);
    let verdict = if e <= max {
        Verdict::Pass
    } else {
        Verdict::Warn
    };
    let message = if verdict == Verdict::Pass {
        Msg::new("check-pattern-plain")
    } else {
        Msg::new("check-pattern-found")
    }
    .arg("energy", format!("{e:.2}"))
    .arg("threshold", &threshold);
    let r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(e)
        .with_reasons(&[ReasonCode::ClothesPattern]);
    with_band(r, seg, c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::segment::HalfRes;

    const BACKDROP: Lab = Lab::new(98.0, 0.0, 0.0);
    const SKIN: Lab = Lab::new(60.0, 14.0, 18.0);
    /// The neck in the chin's shade: the skin's hue, 15 ΔE76 darker than its median.
    const NECK: Lab = Lab::new(45.0, 12.0, 15.0);
    const HAIR: Lab = Lab::new(25.0, 3.0, 5.0);
    const WHITE_SHIRT: Lab = Lab::new(93.0, 0.0, 2.0);

    /// A half-resolution person (100 × 140) on a white backdrop: a head, a shaded neck with
    /// locks of hair either side of it from row 60 to 110, and a white T-shirt from row 110.
    fn white_on_white() -> (Segmentation, Clothing) {
        let (width, height) = (100u32, 140u32);
        let n = (width * height) as usize;
        let colour = |x: u32, y: u32| -> Option<Lab> {
            match y {
                10..60 if (35..65).contains(&x) => Some(SKIN),
                60..110 if (42..58).contains(&x) => Some(NECK),
                60..110 if (36..64).contains(&x) => Some(HAIR),
                110.. if (5..95).contains(&x) => Some(WHITE_SHIRT),
                _ => None,
            }
        };
        let cells: Vec<Option<Lab>> = (0..n as u32)
            .map(|i| colour(i % width, i / width))
            .collect();
        let half = HalfRes {
            width,
            height,
            lab: cells.iter().map(|c| c.unwrap_or(BACKDROP)).collect(),
            linear: vec![[0.0; 3]; n],
            background: cells.iter().map(Option::is_none).collect(),
            person: cells.iter().map(Option::is_some).collect(),
            objects: vec![false; n],
        };
        let band = (120, 2 * height);
        let mask: Vec<bool> = (0..n)
            .map(|i| {
                cells[i].is_some_and(|p| p.delta_e76(SKIN) >= SKIN_DISTANCE)
                    && i / width as usize >= (band.0 / 2) as usize
            })
            .collect();
        let count = mask.iter().filter(|m| **m).count();
        let seg = Segmentation {
            width: 2 * width,
            height: 2 * height,
            half,
            ..Segmentation::default()
        };
        let c = Clothing {
            mask,
            count,
            band,
            skin_hue: Some(SkinHue::of(SKIN)),
            hair: Some(HAIR),
        };
        (seg, c)
    }

    #[test]
    fn the_outline_compares_cloth_not_the_neck_or_hair_with_the_backdrop() {
        let (seg, c) = white_on_white();
        let de = outline_contrast(&seg, &c).unwrap();
        assert!(de < 5.0, "{de}");
        // Counting the shaded neck and the locks as clothes, the T-shirt passes as distinct.
        let blind = Clothing {
            skin_hue: None,
            hair: None,
            ..c
        };
        let de = outline_contrast(&seg, &blind).unwrap();
        assert!(de > 20.0, "{de}");
    }

    #[test]
    fn the_skin_hue_holds_in_shade_and_not_on_grey_cloth() {
        let skin = SkinHue::of(SKIN);
        assert!(skin.holds(&NECK));
        assert!(skin.holds(&Lab::new(80.0, 10.0, 14.0)));
        assert!(!skin.holds(&WHITE_SHIRT));
        assert!(!skin.holds(&Lab::new(40.0, -5.0, -20.0)));
    }
}
