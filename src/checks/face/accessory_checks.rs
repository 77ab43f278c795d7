//! `accessory.glasses` and `hair.covering`: warn-only checks on the regions around the eyes
//! ([`super::accessory`]). Without a face or its landmarks they are not assessed, never a pass.

use image::RgbImage;

use crate::checks::geometry::FaceGeometry;
use crate::checks::result::{CheckResult, Overlay, Verdict};
use crate::checks::segment::Segmentation;
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

use super::accessory::{LENS_ABOVE, LENS_BELOW, SkinTolerance, glasses, hair};
use super::ears::{EarsUnjudged, ears};
use super::frame::{FaceFrame, Region};

fn outside() -> Msg {
    Msg::new("check-why-eye-region-outside")
}

/// The face frame and mesh of the primary face, or why there is none.
fn frame_of(geom: &FaceGeometry) -> Result<(FaceFrame, &[[f32; 3]]), Msg> {
    if geom.primary().is_none() {
        return Err(Msg::new("check-why-no-face"));
    }
    let no_mesh = || Msg::new("check-why-no-mesh");
    let mesh = geom.mesh.as_deref().ok_or_else(no_mesh)?;
    let frame = FaceFrame::of(mesh).ok_or_else(no_mesh)?;
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
    let (min, pair) = (
        spec.glasses_line_ratio_min,
        spec.glasses_line_ratio_pair_min,
    );
    let threshold = format!(
        "frame < {min:.0}× skin texture (or {pair:.0}× at two sites), lens area ≥ {:.2} of the cheeks' luminance, reflections < {:.0} %",
        spec.glasses_lens_luminance_min,
        spec.glasses_glare_share_max * 100.0
    );
    let (frame, _) = match frame_of(geom) {
        Ok(f) => f,
        Err(why) => return CheckResult::not_assessed(ID, threshold, why),
    };
    let Some(ev) = glasses(rgb, &frame, spec.glasses_texture_floor_l as f32) else {
        return CheckResult::not_assessed(ID, threshold, outside());
    };
    let score = f64::from(ev.score(min as f32, pair as f32));
    let (lens, glare) = (f64::from(ev.lens_luminance), f64::from(ev.glare));
    let frame_found = score >= min;
    let tinted = lens < spec.glasses_lens_luminance_min;
    let reflecting = glare >= spec.glasses_glare_share_max;
    let verdict = if (frame_found && !spec.glasses_allowed) || tinted || reflecting {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    let measured = Msg::new("check-glasses-measured")
        .arg("score", format!("{score:.1}"))
        .arg("min", format!("{min:.0}"))
        .arg("pair", format!("{pair:.0}"))
        .arg(
            "sites",
            format!("{:.1} / {:.1} / {:.1}", ev.bridge, ev.lower, ev.outer),
        )
        .arg("lens", format!("{lens:.2}"))
        .arg("glare", format!("{:.1}", glare * 100.0));
    let message = if verdict == Verdict::Pass && !frame_found {
        Msg::new("check-glasses-none").arg("measured", measured)
    } else if verdict == Verdict::Pass {
        Msg::new("check-glasses-allowed").arg("measured", measured)
    } else {
        let what = match (tinted, reflecting) {
            (true, true) => Msg::new("check-glasses-tinted-reflecting"),
            (true, false) => Msg::new("check-glasses-tinted"),
            (false, true) => Msg::new("check-glasses-reflecting"),
            (false, false) => Msg::new("check-glasses-not-allowed"),
        };
        Msg::new("check-glasses-likely")
            .arg("what", what)
            .arg("measured", measured)
    };
    let mut r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(score)
        .with_reasons(&[ReasonCode::Glasses]);
    for (region, s) in &ev.regions {
        let v = if frame_found && f64::from(*s) >= pair {
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

/// `hair.covering`: hair in the band just above each eyebrow and beside each ear, the worst
/// band ([`hair`], [`ears`]). The ears need the person's outline (`seg`); when it is missing,
/// or the hair is the skin's colour, only the brows are judged and the finding says so.
pub fn check_hair(
    rgb: &RgbImage,
    geom: &FaceGeometry,
    seg: &Segmentation,
    spec: &PhotoSpec,
) -> CheckResult {
    const ID: &str = "hair.covering";
    let (max, ear_max) = (spec.hair_cover_share_max, spec.hair_ear_share_max);
    // Brows, then ears.
    let threshold = format!("≤ {:.0} % / ≤ {:.0} %", max * 100.0, ear_max * 100.0);
    let (frame, mesh) = match frame_of(geom) {
        Ok(f) => f,
        Err(why) => return CheckResult::not_assessed(ID, threshold, why),
    };
    let tol = SkinTolerance {
        darker_l: spec.hair_darker_l as f32,
        chroma_delta: spec.hair_chroma_delta as f32,
    };
    let Some(brows) = hair(rgb, &frame, mesh, tol) else {
        return CheckResult::not_assessed(ID, threshold, outside());
    };
    let ears = ears(
        rgb,
        &frame,
        mesh,
        seg,
        brows.skin,
        spec.hair_ear_contrast_min as f32,
    );
    let brow_share = f64::from(brows.share());
    let ear_share = ears.as_ref().ok().map(|e| f64::from(e.share()));
    let (brows_covered, ears_covered) = (brow_share > max, ear_share.is_some_and(|s| s > ear_max));
    let verdict = if brows_covered || ears_covered {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    let percent = |s: f64| format!("{:.0}", s * 100.0);
    let ears_text = match &ears {
        Ok(e) => Msg::new("check-hair-ears-measured").arg("percent", percent(f64::from(e.share()))),
        Err(EarsUnjudged::HairLikeSkin) => Msg::new("check-hair-ears-like-skin"),
        Err(_) => Msg::new("check-hair-ears-unjudged"),
    };
    let id = match (brows_covered, ears_covered) {
        (false, false) => "check-hair-clear",
        (true, false) => "check-hair-covers",
        (false, true) => "check-hair-covers-ears",
        (true, true) => "check-hair-covers-both",
    };
    let message = Msg::new(id)
        .arg("percent", percent(brow_share))
        .arg("ears", ears_text)
        .arg("brow_max", percent(max))
        .arg("ear_max", percent(ear_max));
    let mut r = CheckResult::new(ID, verdict, threshold, message)
        .with_value(brow_share.max(ear_share.unwrap_or(0.0)))
        .with_reasons(&[ReasonCode::HairCoversFace]);
    let brow_bands = brows
        .bands
        .iter()
        .copied()
        .zip(brows.shares)
        .map(|b| (b, max));
    let ear_bands = ears
        .iter()
        .flat_map(|e| e.bands.iter().copied().zip(e.shares))
        .map(|b| (b, ear_max));
    for ((band, s), limit) in brow_bands.chain(ear_bands) {
        let v = if f64::from(s) > limit {
            verdict
        } else {
            Verdict::Pass
        };
        r = r.with_overlay(region_overlay(&frame, band, v));
    }
    r
}
