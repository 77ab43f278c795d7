//! `face.eyes_open` and `face.gaze`: pure functions of the face geometry and the spec.
//!
//! Both read the `MediaPipe` Iris landmarks ([`super::eyes`]). Without them `face.eyes_open`
//! falls back to the Face Mesh's eyelid points (coarser: its lids never meet), and
//! `face.gaze` is not assessed (the mesh has no iris). No face: neither is assessed.

use crate::checks::geometry::FaceGeometry;
use crate::checks::result::{CheckResult, Overlay, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;

use super::checks::line;
use super::eyes::{EyeMeasure, measure_both};
use super::measure::MeshMeasures;
use super::mesh::{LEFT_EYE, RIGHT_EYE};

const NO_FACE: (&str, &str) = ("未检测到人脸", "no face found");
const NO_MESH: (&str, &str) = ("面部关键点不可用", "face landmarks unavailable");
const NO_IRIS: (&str, &str) = ("虹膜关键点不可用", "iris landmarks unavailable");
const EYES_SHUT: (&str, &str) = ("眼睛未睁开，无法判断视线", "the eyes are not open");

/// Fail below `fail`, warn below `warn`, else pass.
fn at_least(value: f64, warn: f64, fail: f64) -> Verdict {
    if value < fail {
        Verdict::Fail
    } else if value < warn {
        Verdict::Warn
    } else {
        Verdict::Pass
    }
}

fn eye_box(m: &EyeMeasure, verdict: Verdict) -> Overlay {
    Overlay::Polygon {
        points: m.outline.to_vec(),
        verdict,
    }
}

/// `face.eyes_open`: the lid gap at the iris centre per iris diameter, the smaller eye
/// ([`EyeMeasure::opening`]); the Face Mesh's lid gap per eye width when the iris model did
/// not run.
pub fn check_eyes_open(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "face.eyes_open";
    let (warn, fail) = (spec.eye_iris_opening_warn, spec.eye_iris_opening_fail);
    let threshold = format!("≥ {fail:.2} iris (warn < {warn:.2})");
    if geom.primary().is_none() {
        return CheckResult::not_assessed(ID, threshold, NO_FACE.0, NO_FACE.1);
    }
    let Some(eyes) = geom.eyes.as_ref().and_then(measure_both) else {
        return eyes_open_on_mesh(geom, spec);
    };
    let [right, left] = eyes.map(|m| f64::from(m.opening));
    let verdict = at_least(right.min(left), warn, fail);
    let mut r = CheckResult::new(
        ID,
        verdict,
        threshold.clone(),
        format!(
            "睁眼程度（虹膜处眼睑间距/虹膜直径）：右眼 {right:.2}，左眼 {left:.2}；要求 ≥ {fail:.2}，低于 {warn:.2} 提示"
        ),
        format!(
            "Eye opening (lid gap over the iris / iris diameter): right {right:.2}, left {left:.2}; required {threshold}"
        ),
    )
    .with_value(right.min(left))
    .with_reasons(&[ReasonCode::EyesNotOpen]);
    for m in &eyes {
        let v = at_least(f64::from(m.opening), warn, fail);
        r = r.with_overlay(line(m.lids.0, m.lids.1, v));
    }
    r
}

/// The fallback of [`check_eyes_open`]: Face Mesh lid gap per eye width.
fn eyes_open_on_mesh(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "face.eyes_open";
    let min = spec.eye_open_ratio_min;
    let threshold = format!("≥ {min:.2} (mesh)");
    let Some(mm) = MeshMeasures::of(geom) else {
        return CheckResult::not_assessed(ID, threshold, NO_MESH.0, NO_MESH.1);
    };
    let (right, left) = mm.eye_open_ratios();
    let (right, left) = (f64::from(right), f64::from(left));
    let verdict = if right >= min && left >= min {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    let mut result = CheckResult::new(
        ID,
        verdict,
        threshold.clone(),
        format!(
            "睁眼程度（面部网格，虹膜模型不可用；眼睑开度/眼宽）：右眼 {right:.2}，左眼 {left:.2}，要求 ≥ {min:.2}"
        ),
        format!(
            "Eye opening (face mesh, iris model unavailable; lid gap / eye width): right {right:.2}, left {left:.2}; required {threshold}"
        ),
    )
    .with_value(right.min(left))
    .with_reasons(&[ReasonCode::EyesNotOpen]);
    for (eye, ratio) in [(RIGHT_EYE, right), (LEFT_EYE, left)] {
        let v = if ratio >= min {
            Verdict::Pass
        } else {
            Verdict::Fail
        };
        result = result.with_overlay(line(mm.point(eye[2]), mm.point(eye[3]), v));
    }
    result
}

/// The gaze offset of both eyes, per eye width: the mean of their iris offsets along the
/// corner line (the eyes move together, so noise and a squint average out, and the opposite
/// nasal/temporal lean of the two eyes cancels), and the larger vertical offset.
pub fn gaze_offsets(eyes: &[EyeMeasure; 2]) -> (f32, f32) {
    let u = f32::midpoint(eyes[0].gaze_u, eyes[1].gaze_u);
    let v = eyes[0].gaze_v.abs().max(eyes[1].gaze_v.abs());
    (u, v)
}

/// `face.gaze`: the iris centre within the eye opening, both eyes. Horizontal: the mean iris
/// offset from the middle between the corners ([`gaze_offsets`]), against both limits;
/// vertical: from the middle of the lid gap, only against the fail limit (the lids follow a
/// vertical gaze). Not corrected for yaw: the eye corners foreshorten with the iris, and a
/// head turned 11° (`fr__biden`) moves the mean offset by under 0.03.
pub fn check_gaze(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "face.gaze";
    let limits = &spec.gaze_offset;
    let threshold = format!("≤ {:.2} eye width (warn > {:.2})", limits.fail, limits.warn);
    if geom.primary().is_none() {
        return CheckResult::not_assessed(ID, threshold, NO_FACE.0, NO_FACE.1);
    }
    let Some(eyes) = geom.eyes.as_ref().and_then(measure_both) else {
        return CheckResult::not_assessed(ID, threshold, NO_IRIS.0, NO_IRIS.1);
    };
    if eyes
        .iter()
        .any(|m| f64::from(m.opening) < spec.eye_iris_opening_fail)
    {
        return CheckResult::not_assessed(ID, threshold, EYES_SHUT.0, EYES_SHUT.1);
    }
    let (u, v) = gaze_offsets(&eyes);
    let (u, v) = (f64::from(u), f64::from(v));
    let vertical = if v > limits.fail {
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    let verdict = Verdict::from_limits(u.abs(), limits).max(vertical);
    let value = if vertical == Verdict::Fail {
        v
    } else {
        u.abs()
    };
    let side = |zh: bool| match (u > 0.0, zh) {
        (true, true) => "偏向画面右侧",
        (false, true) => "偏向画面左侧",
        (true, false) => "toward the image right",
        (false, false) => "toward the image left",
    };
    let mut r = CheckResult::new(
        ID,
        verdict,
        threshold.clone(),
        format!(
            "虹膜偏离眼裂中心：水平 {:.2}（{}），垂直 {v:.2} 眼宽；注意 > {:.2}，不合格 > {:.2}",
            u.abs(),
            side(true),
            limits.warn,
            limits.fail
        ),
        format!(
            "Iris off the eye-opening centre: {:.2} horizontally ({}), {v:.2} vertically, in eye widths; required {threshold}",
            u.abs(),
            side(false)
        ),
    )
    .with_value(value)
    .with_reasons(&[ReasonCode::GazeNotForward]);
    for (m, eye) in eyes.iter().zip(geom.eyes.iter().flatten()) {
        let c = eye.iris[0];
        r = r
            .with_overlay(eye_box(m, verdict))
            .with_overlay(Overlay::Point {
                x: c.x,
                y: c.y,
                verdict,
            });
    }
    r
}
