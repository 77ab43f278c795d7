//! The `face.*` checks: pure functions of the face geometry, the image (its size, and the
//! pixels between the lips for `face.mouth_closed`) and the spec.
//! With no face found, every check but `face.count` is "not assessed", never a pass.

use image::RgbImage;

use crate::checks::geometry::{FaceGeometry, Point};
use crate::checks::result::{CheckResult, Guide, Overlay, Verdict, warn_fail_text};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::{Limits, PhotoSpec, Range};
use crate::i18n::{Arg, Msg};

use super::eye_checks::{check_eyes_open, check_gaze};
use super::measure::{Measures, MeshMeasures, Source};
use super::mesh::{CHEEK_LEFT, CHEEK_RIGHT, INNER_LIPS, MOUTH_CORNERS, NOSE_TIP};
use super::mouth::{MouthEvidence, mouth_evidence};

fn no_face() -> Msg {
    Msg::new("check-why-no-face")
}

fn no_mesh() -> Msg {
    Msg::new("check-why-no-mesh")
}

fn not_assessed(id: &'static str, threshold: String, why: Msg) -> CheckResult {
    CheckResult::not_assessed(id, threshold, why)
}

fn range_text(r: &Range) -> String {
    format!("{:.0}–{:.0} px", r.min, r.max)
}

fn pass_or_fail(ok: bool) -> Verdict {
    if ok { Verdict::Pass } else { Verdict::Fail }
}

/// A segment overlay from `a` to `b` (shared with the eye checks).
pub(super) fn line(a: Point, b: Point, verdict: Verdict) -> Overlay {
    Overlay::Line {
        x1: a.x,
        y1: a.y,
        x2: b.x,
        y2: b.y,
        verdict,
    }
}

/// `face.count`: exactly one face. None → `FACE_NOT_FOUND`; several → `BACKGROUND_OBJECTS`.
pub fn check_count(geom: &FaceGeometry) -> CheckResult {
    let n = geom.detections.len();
    let (verdict, reasons, message) = match n {
        0 => (
            Verdict::Fail,
            [ReasonCode::FaceNotFound],
            Msg::new("check-face-count-none"),
        ),
        1 => (
            Verdict::Pass,
            [ReasonCode::FaceNotFound],
            Msg::new("check-face-count-one"),
        ),
        _ => (
            Verdict::Fail,
            [ReasonCode::BackgroundObjects],
            Msg::new("check-face-count-many").arg("count", n),
        ),
    };
    let mut result = CheckResult::new("face.count", verdict, "= 1", message)
        .with_value(n as f64)
        .with_reasons(&reasons);
    for d in &geom.detections {
        result = result.with_overlay(Overlay::Rect {
            x: d.face.x,
            y: d.face.y,
            w: d.face.w,
            h: d.face.h,
            verdict,
        });
    }
    result
}

/// `face.size`: face width, cheek to cheek at the ears (Face Mesh 234–454).
///
/// Why this width: the CHSI rule measures the face, not the hair or the detector's box. The
/// mesh's outline points at the ears are the widest face points and stable under expression;
/// the demo photos, made with a face width of about 235 px, measure 214–260 px this way
/// (mean 237), well inside the default 180–300 px. The
/// `YuNet` box (scaled by [`super::measure::BOX_TO_CHEEK_WIDTH`]) stands in when the mesh did
/// not run.
pub fn check_size(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    let threshold = range_text(&spec.face_width_px);
    let Some(m) = Measures::of(geom) else {
        return not_assessed("face.size", threshold, no_face());
    };
    let width = f64::from(m.face_width());
    let verdict = pass_or_fail(spec.face_width_px.contains(width));
    let how: Arg = match m.source {
        Source::Mesh => "".into(),
        Source::Detector => Msg::new("check-face-size-estimated").into(),
    };
    CheckResult::new(
        "face.size",
        verdict,
        threshold.clone(),
        Msg::new("check-face-size")
            .arg("width", format!("{width:.0}"))
            .arg("how", how)
            .arg("threshold", threshold),
    )
    .with_value(width)
    .with_reasons(&[ReasonCode::HeadSize])
    .with_overlay(line(m.cheeks.0, m.cheeks.1, verdict))
}

/// `face.position`: head top, eye line and horizontal centre.
///
/// `head_top_y` is the head top from the person's outline (background mask) when the caller
/// has it. Without it the head top is estimated from the mesh (forehead landmark minus a hair
/// allowance, [`super::measure::HAIR_ALLOWANCE`]); an estimated head top out of range only
/// warns, since hair volume varies.
pub fn check_position(
    geom: &FaceGeometry,
    head_top_y: Option<f32>,
    width: u32,
    _height: u32,
    spec: &PhotoSpec,
) -> CheckResult {
    let threshold = format!(
        "head top {}, eye line {}, centre ±{:.0} px",
        range_text(&spec.head_top_px),
        range_text(&spec.eye_line_px),
        spec.centre_tolerance_px
    );
    let Some(m) = Measures::of(geom) else {
        return not_assessed("face.position", threshold, no_face());
    };
    let image_centre = width as f32 / 2.0;
    let eye_y = f64::from(m.eye_line_y());
    let offset = f64::from(m.centre_x - image_centre);
    let eye_verdict = pass_or_fail(spec.eye_line_px.contains(eye_y));
    let centre_verdict = pass_or_fail(offset.abs() <= spec.centre_tolerance_px);
    // Head top: (highest, lowest) possible y; a measured one is a single value.
    let (top, estimated) = match head_top_y {
        Some(y) => (Some((y, y)), false),
        None => (m.estimated_head_top(), true),
    };
    let allowed = &spec.head_top_px;
    let top_verdict = top.map(|(hi, lo)| {
        let overlaps = f64::from(hi) <= allowed.max && f64::from(lo) >= allowed.min;
        // A measured head top within the outline's resolution of the range cannot be told
        // from one inside it: it passes (the message still gives the reading). An estimated
        // one outside the range warns: the reviewer sees where the hair really ends.
        let near = f64::from(hi) <= allowed.max + HEAD_TOP_RESOLUTION_PX
            && f64::from(lo) >= allowed.min - HEAD_TOP_RESOLUTION_PX;
        match (overlaps || (near && !estimated), estimated) {
            (true, _) => Verdict::Pass,
            (false, true) => Verdict::Warn,
            (false, false) => Verdict::Fail,
        }
    });
    let verdict = eye_verdict
        .max(centre_verdict)
        .max(top_verdict.unwrap_or(Verdict::Pass));
    let top_text = match (top, estimated) {
        (Some((y, _)), false) => Msg::new("check-face-head-top").arg("y", format!("{y:.0}")),
        (Some((hi, lo)), true) => Msg::new("check-face-head-top-estimated")
            .arg("high", format!("{hi:.0}"))
            .arg("low", format!("{lo:.0}")),
        (None, _) => Msg::new("check-face-head-top-unknown"),
    };
    let mut result = CheckResult::new(
        "face.position",
        verdict,
        threshold,
        Msg::new("check-face-position")
            .arg("top", top_text)
            .arg("eye", format!("{eye_y:.0}"))
            .arg("offset", format!("{offset:+.0}"))
            .arg("top_range", range_text(&spec.head_top_px))
            .arg("eye_range", range_text(&spec.eye_line_px))
            .arg("tolerance", format!("{:.0}", spec.centre_tolerance_px)),
    )
    .with_value(eye_y)
    .with_reasons(&[ReasonCode::HeadPosition])
    .with_overlay(Overlay::HBand {
        y0: spec.head_top_px.min as f32,
        y1: spec.head_top_px.max as f32,
        label: Guide::HeadTop,
    })
    .with_overlay(Overlay::HBand {
        y0: spec.eye_line_px.min as f32,
        y1: spec.eye_line_px.max as f32,
        label: Guide::EyeLine,
    })
    .with_overlay(Overlay::VLine {
        x: image_centre,
        label: Guide::Centre,
    })
    .with_overlay(line(m.eyes.0, m.eyes.1, eye_verdict))
    .with_overlay(Overlay::Point {
        x: m.centre_x,
        y: m.eye_line_y(),
        verdict: centre_verdict,
    });
    if let Some((hi, lo)) = top {
        let label = if estimated {
            Guide::HeadTopEstimated
        } else {
            Guide::HeadTop
        };
        result = result.with_overlay(Overlay::HLine {
            y: f32::midpoint(hi, lo),
            label,
        });
    }
    result
}

/// `face.roll`: eye-line tilt.
pub fn check_roll(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    let threshold = format!(
        "≤ {:.0}° (warn > {:.0}°)",
        spec.roll_deg.fail, spec.roll_deg.warn
    );
    let Some(m) = Measures::of(geom) else {
        return not_assessed("face.roll", threshold, no_face());
    };
    let roll = f64::from(m.roll_deg.abs());
    let verdict = Verdict::from_limits(roll, &spec.roll_deg);
    CheckResult::new(
        "face.roll",
        verdict,
        threshold,
        Msg::new("check-face-roll")
            .arg("roll", format!("{roll:.1}"))
            .arg("warn", format!("{:.0}", spec.roll_deg.warn))
            .arg("fail", format!("{:.0}", spec.roll_deg.fail)),
    )
    .with_value(roll)
    .with_reasons(&[ReasonCode::HeadTilted])
    .with_overlay(line(m.eyes.0, m.eyes.1, verdict))
}

/// `face.yaw`: head turned left or right, from the nose tip between the cheek points
/// ([`MeshMeasures::yaw_deg`]). Needs the mesh.
pub fn check_yaw(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    let threshold = format!(
        "≤ {:.0}° (warn > {:.0}°)",
        spec.yaw_deg.fail, spec.yaw_deg.warn
    );
    if geom.primary().is_none() {
        return not_assessed("face.yaw", threshold, no_face());
    }
    let Some(mm) = MeshMeasures::of(geom) else {
        return not_assessed("face.yaw", threshold, no_mesh());
    };
    let yaw = f64::from(mm.yaw_deg().abs());
    let verdict = Verdict::from_limits(yaw, &spec.yaw_deg);
    let nose = mm.point(NOSE_TIP);
    CheckResult::new(
        "face.yaw",
        verdict,
        threshold,
        Msg::new("check-face-yaw")
            .arg("yaw", format!("{yaw:.1}"))
            .arg("warn", format!("{:.0}", spec.yaw_deg.warn))
            .arg("fail", format!("{:.0}", spec.yaw_deg.fail)),
    )
    .with_value(yaw)
    .with_reasons(&[ReasonCode::EarsAsymmetric])
    .with_overlay(line(mm.point(CHEEK_RIGHT), mm.point(CHEEK_LEFT), verdict))
    .with_overlay(Overlay::Point {
        x: nose.x,
        y: nose.y,
        verdict,
    })
}

/// How far (image pixels) a head top measured on the person outline may be off: the
/// segmentation works on 2×2 blocks and the model's own outline is about 2 image pixels
/// coarse, so the line is known to about 4 pixels.
const HEAD_TOP_RESOLUTION_PX: f64 = 4.0;

/// `face.mouth_closed`: inner-lip gap per inner mouth width; between the two limits it warns.
/// The gap is weighed against the pixels between the lips (`pixels`, see [`super::mouth`]):
/// past the first limit, only lip there passes (full closed lips read apart on the mesh) and
/// teeth filling the mouth fail; under it, teeth in sight still warn (the mesh can close the
/// lips of a talking mouth). Without pixel evidence the gap alone decides.
pub fn check_mouth_closed(
    geom: &FaceGeometry,
    pixels: Option<&MouthEvidence>,
    spec: &PhotoSpec,
) -> CheckResult {
    let max = spec.mouth_gap_ratio_max;
    let fail = spec.mouth_gap_ratio_fail.max(max);
    let threshold = warn_fail_text(format_args!("{max:.3}"), format_args!("{fail:.2}"));
    if geom.primary().is_none() {
        return not_assessed("face.mouth_closed", threshold, no_face());
    }
    let Some(mm) = MeshMeasures::of(geom) else {
        return not_assessed("face.mouth_closed", threshold, no_mesh());
    };
    let ratio = f64::from(mm.mouth_gap_ratio());
    let by_gap = Verdict::from_limits(ratio, &Limits { warn: max, fail });
    let gap_msg = || {
        Msg::new("check-face-mouth")
            .arg("ratio", format!("{ratio:.2}"))
            .arg("threshold", threshold.clone())
    };
    let mut contour = None;
    let (verdict, message) = match pixels {
        Some(e) => {
            let pixel_msg = |id: &'static str| {
                Msg::new(id)
                    .arg("ratio", format!("{ratio:.2}"))
                    .arg("teeth", format!("{:.0}", f64::from(e.teeth) * 100.0))
                    .arg("dark", format!("{:.0}", f64::from(e.dark) * 100.0))
            };
            let only_lips = e.only_lips(spec.mouth_lips_only_share as f32);
            let teeth = f64::from(e.teeth) >= spec.mouth_teeth_share_fail;
            let decided = match by_gap {
                Verdict::Pass if teeth => Some((Verdict::Warn, "check-face-mouth-teeth")),
                Verdict::Warn | Verdict::Fail if only_lips => {
                    Some((Verdict::Pass, "check-face-mouth-lips-closed"))
                }
                Verdict::Warn | Verdict::Fail if teeth => {
                    Some((Verdict::Fail, "check-face-mouth-teeth"))
                }
                _ => None,
            };
            match decided {
                // The pixels decided: the reviewer sees the region they came from.
                Some((v, id)) => {
                    contour = Some(e.contour.clone());
                    (v, pixel_msg(id))
                }
                None => (by_gap, gap_msg()),
            }
        }
        None => (by_gap, gap_msg()),
    };
    let result = CheckResult::new("face.mouth_closed", verdict, threshold.clone(), message)
        .with_value(ratio)
        .with_reasons(&[ReasonCode::MouthOpen])
        .with_overlay(line(
            mm.point(INNER_LIPS[0]),
            mm.point(INNER_LIPS[1]),
            verdict,
        ))
        .with_overlay(line(
            mm.point(MOUTH_CORNERS[0]),
            mm.point(MOUTH_CORNERS[1]),
            verdict,
        ));
    match contour {
        Some(points) => result.with_overlay(Overlay::Polygon { points, verdict }),
        None => result,
    }
}

/// Every `face.*` check, in catalogue order. `head_top_y`: see [`check_position`].
pub fn face_checks(
    geom: &FaceGeometry,
    rgb: &RgbImage,
    head_top_y: Option<f32>,
    spec: &PhotoSpec,
) -> Vec<CheckResult> {
    let (width, height) = rgb.dimensions();
    let mouth = geom
        .mesh
        .as_deref()
        .and_then(|mesh| mouth_evidence(rgb, mesh));
    vec![
        check_count(geom),
        check_size(geom, spec),
        check_position(geom, head_top_y, width, height, spec),
        check_roll(geom, spec),
        check_yaw(geom, spec),
        check_eyes_open(geom, spec),
        check_mouth_closed(geom, mouth.as_ref(), spec),
        check_gaze(geom, spec),
    ]
}
