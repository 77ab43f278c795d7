//! `accessory.glasses` and `hair.covering`: warn-only checks on the regions around the eyes
//! ([`super::accessory`]). Without a face or its landmarks they are not assessed, never a pass.

use image::RgbImage;

use crate::checks::geometry::FaceGeometry;
use crate::checks::result::{CheckResult, Overlay, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;

use super::accessory::{LENS_ABOVE, LENS_BELOW, SkinTolerance, glasses, hair};
use super::frame::{FaceFrame, Region};

const NO_FACE: (&str, &str) = ("未检测到人脸", "no face found");
const NO_MESH: (&str, &str) = ("面部关键点不可用", "face landmarks unavailable");
const OUTSIDE: (&str, &str) = ("眼周区域超出照片", "the eye region is outside the photo");

/// Why a check could not decide, in Chinese and English.
type Why = (&'static str, &'static str);

/// The face frame and mesh of the primary face, or why there is none.
fn frame_of(geom: &FaceGeometry) -> Result<(FaceFrame, &[[f32; 3]]), Why> {
    if geom.primary().is_none() {
        return Err(NO_FACE);
    }
    let mesh = geom.mesh.as_deref().ok_or(NO_MESH)?;
    let frame = FaceFrame::of(mesh).ok_or(NO_MESH)?;
    Ok((frame, mesh))
}

fn region_overlay(frame: &FaceFrame, region: Region, verdict: Verdict) -> Overlay {
    Overlay::Polygon {
        points: frame
            .polygon(region)
            .into_iter()
            .map(|[x, y]| [x.round(), y.round()])
            .collect(),
        verdict,
    }
}

/// `accessory.glasses`: frame lines around the eyes, a tinted lens (the skin behind it darker
/// than the cheeks) or a reflection off a lens. Warns when any is found and the campaign
/// forbids glasses (`spec.glasses_allowed` false); when allowed, frames found pass with a note
/// (the reviewer still checks tint and reflections), while a tint or a reflection still warns:
/// CHSI lets habitual wearers keep only untinted, reflection-free glasses.
pub fn check_glasses(rgb: &RgbImage, geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "accessory.glasses";
    let min = spec.glasses_line_ratio_min;
    let threshold = format!(
        "frame < {min:.0}× skin texture, lens area ≥ {:.2} of the cheeks' luminance, reflections < {:.0} %",
        spec.glasses_lens_luminance_min,
        spec.glasses_glare_share_max * 100.0
    );
    let (frame, _) = match frame_of(geom) {
        Ok(f) => f,
        Err(why) => return CheckResult::not_assessed(ID, threshold, why.0, why.1),
    };
    let Some(ev) = glasses(rgb, &frame, spec.glasses_texture_floor_l as f32) else {
        return CheckResult::not_assessed(ID, threshold, OUTSIDE.0, OUTSIDE.1);
    };
    let score = f64::from(ev.score());
    let (lens, glare) = (f64::from(ev.lens_luminance), f64::from(ev.glare));
    let frame_found = score >= min;
    let tinted = lens < spec.glasses_lens_luminance_min;
    let reflecting = glare >= spec.glasses_glare_share_max;
    let verdict = if (frame_found && !spec.glasses_allowed) || tinted || reflecting {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    let measured_zh = format!(
        "镜框线索 {score:.1}× 皮肤纹理（阈值 {min:.0}×），镜片区亮度 {lens:.2}× 脸颊，反光 {:.1} %",
        glare * 100.0
    );
    let measured_en = format!(
        "frame evidence {score:.1}× skin texture (threshold {min:.0}×), lens area {lens:.2}× the cheeks' luminance, reflections {:.1} %",
        glare * 100.0
    );
    let (zh, en) = if verdict == Verdict::Pass && !frame_found {
        (
            format!("未见眼镜：{measured_zh}"),
            format!("No glasses seen: {measured_en}"),
        )
    } else if verdict == Verdict::Pass {
        (
            format!("可能佩戴眼镜（本次采集允许，未见染色或反光，请确认）：{measured_zh}"),
            format!(
                "Glasses likely (allowed here; no tint or reflection seen, please confirm): {measured_en}"
            ),
        )
    } else {
        let what_zh = match (tinted, reflecting) {
            (true, true) => "镜片染色且反光",
            (true, false) => "镜片染色",
            (false, true) => "镜片反光",
            (false, false) => "本次采集不允许",
        };
        let what_en = match (tinted, reflecting) {
            (true, true) => "tinted and reflecting lenses",
            (true, false) => "tinted lenses",
            (false, true) => "lens reflections",
            (false, false) => "not allowed in this campaign",
        };
        (
            format!("可能佩戴眼镜（{what_zh}）：{measured_zh}"),
            format!("Glasses likely ({what_en}): {measured_en}"),
        )
    };
    let mut r = CheckResult::new(ID, verdict, threshold, zh, en)
        .with_value(score)
        .with_reasons(&[ReasonCode::Glasses]);
    for (region, s) in &ev.regions {
        let v = if f64::from(*s) >= min {
            verdict
        } else {
            Verdict::Pass
        };
        r = r.with_overlay(region_overlay(&frame, *region, v));
    }
    if tinted || reflecting {
        for region in [LENS_ABOVE, LENS_BELOW] {
            for region in [region, region.mirrored()] {
                r = r.with_overlay(region_overlay(&frame, region, verdict));
            }
        }
    }
    r
}

/// `hair.covering`: hair in the band just above the eyebrows, the worse side.
pub fn check_hair(rgb: &RgbImage, geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "hair.covering";
    let max = spec.hair_cover_share_max;
    let threshold = format!("≤ {:.0} %", max * 100.0);
    let (frame, mesh) = match frame_of(geom) {
        Ok(f) => f,
        Err(why) => return CheckResult::not_assessed(ID, threshold, why.0, why.1),
    };
    let tol = SkinTolerance {
        darker_l: spec.hair_darker_l as f32,
        chroma_delta: spec.hair_chroma_delta as f32,
    };
    let Some(ev) = hair(rgb, &frame, mesh, tol) else {
        return CheckResult::not_assessed(ID, threshold, OUTSIDE.0, OUTSIDE.1);
    };
    let share = f64::from(ev.share());
    let verdict = if share > max {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    let pct = share * 100.0;
    let (zh, en) = if verdict == Verdict::Pass {
        (
            format!("眉毛上方未见头发遮挡：非皮肤占 {pct:.0} %（要求 {threshold}）"),
            format!(
                "No hair over the eyebrows: {pct:.0} % not skin above them (required {threshold})"
            ),
        )
    } else {
        (
            format!("头发可能遮挡眉毛：眉毛上方 {pct:.0} % 为头发（要求 {threshold}）"),
            format!(
                "Hair may cover the eyebrows: {pct:.0} % hair just above them (required {threshold})"
            ),
        )
    };
    let mut r = CheckResult::new(ID, verdict, threshold, zh, en)
        .with_value(share)
        .with_reasons(&[ReasonCode::HairCoversFace]);
    for (band, s) in ev.bands.iter().zip(ev.shares) {
        let v = if f64::from(s) > max {
            verdict
        } else {
            Verdict::Pass
        };
        r = r.with_overlay(region_overlay(&frame, *band, v));
    }
    r
}
