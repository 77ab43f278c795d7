//! `face.eyes_open` and `face.gaze`: pure functions of the face geometry and the spec.
//!
//! Both read the `MediaPipe` Iris landmarks ([`super::eyes`]). Without them `face.eyes_open`
//! falls back to the Face Mesh's eyelid points (coarser: its lids never meet), and
//! `face.gaze` is not assessed (the mesh has no iris). No face: neither is assessed.

use crate::checks::geometry::FaceGeometry;
use crate::checks::result::{CheckResult, Overlay, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

use super::checks::line;
use super::eyes::{EyeMeasure, measure_both};
use super::measure::MeshMeasures;
use super::mesh::{LEFT_EYE, RIGHT_EYE};

fn no_face() -> Msg {
    Msg::new("check-why-no-face")
}

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
        return CheckResult::not_assessed(ID, threshold, no_face());
    }
    let Some(eyes) = geom.eyes.as_ref().and_then(measure_both) else {
        return eyes_open_on_mesh(geom, spec);
    };
    let [right, left] = eyes.map(|m| f64::from(m.opening));
    // Fail on either eye; warn only when both are narrow: lids that close (a blink, a squint,
    // sleepy lids) narrow both eyes together, and one eye alone under `warn` while the other is
    // open is the measure's own spread between the eyes (up to 0.1 on open-eyed studio faces,
    // more in a turned head).
    let verdict = if right.min(left) < fail {
        Verdict::Fail
    } else {
        at_least(right.max(left), warn, fail)
    };
    let mut r = CheckResult::new(
        ID,
        verdict,
        threshold,
        Msg::new("check-eyes-open")
            .arg("right", format!("{right:.2}"))
            .arg("left", format!("{left:.2}"))
            .arg("fail", format!("{fail:.2}"))
            .arg("warn", format!("{warn:.2}")),
    )
    .with_value(right.min(left))
    .with_reasons(&[ReasonCode::EyesNotOpen]);
    for m in &eyes {
        let v = at_least(f64::from(m.opening), warn, fail).min(verdict);
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
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-no-mesh"));
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
        threshold,
        Msg::new("check-eyes-open-mesh")
            .arg("right", format!("{right:.2}"))
            .arg("left", format!("{left:.2}"))
            .arg("min", format!("{min:.2}")),
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

/// How far the midpoint of the eye corners sits in front of the eyeball's centre, per eye
/// width (≈ 5 mm of ≈ 30 mm: the inner corner lies ~7 mm and the outer ~2 mm in front of it).
/// In a head turned by ψ the corners' midpoint moves across the image by this · sin ψ eye
/// widths more than the eyeball's centre does, so an iris looking straight at the camera sits
/// that far off the opening's middle, against the turn.
pub const CORNERS_FORWARD_PER_EYE_WIDTH: f32 = 5.0 / 30.0;

/// The horizontal iris offset (per eye width, toward the image right positive) as it would be
/// in a frontal head, for the gaze off the camera: `u` measured in a head turned `yaw_deg`
/// (nose toward the image right positive). With the eyeball's radius `r`, the corners' offset
/// `d` and eye width `W`, an iris at gaze angle φ off the camera measures
/// `u = (r·sin φ − d·sin ψ) / W`, so `r·sin φ / W = u + (d / W)·sin ψ`: the offset a frontal
/// head would show for the same gaze, comparable with the frontal limits.
pub fn gaze_toward_camera(u: f32, yaw_deg: f32) -> f32 {
    u + CORNERS_FORWARD_PER_EYE_WIDTH * yaw_deg.to_radians().sin()
}

/// `face.gaze`: the iris centre within the eye opening, both eyes. Horizontal: the mean iris
/// offset from the middle between the corners ([`gaze_offsets`]), corrected for the head's
/// turn ([`gaze_toward_camera`]: a head turned away with the eyes following it looks off the
/// camera even though its irises sit mid-eye), against both limits; vertical: from the middle
/// of the lid gap, only against the fail limit (the lids follow a vertical gaze).
pub fn check_gaze(geom: &FaceGeometry, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "face.gaze";
    let limits = &spec.gaze_offset;
    let threshold = format!("≤ {:.2} eye width (warn > {:.2})", limits.fail, limits.warn);
    if geom.primary().is_none() {
        return CheckResult::not_assessed(ID, threshold, no_face());
    }
    let Some(eyes) = geom.eyes.as_ref().and_then(measure_both) else {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-no-iris"));
    };
    if eyes
        .iter()
        .any(|m| f64::from(m.opening) < spec.eye_iris_opening_fail)
    {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-eyes-shut"));
    }
    let (u, v) = gaze_offsets(&eyes);
    let yaw = MeshMeasures::of(geom).map_or(0.0, |mm| mm.yaw_deg());
    let toward = gaze_toward_camera(u, yaw);
    let (u, v) = (f64::from(toward), f64::from(v));
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
    let side = if u > 0.0 {
        Msg::new("check-gaze-right")
    } else {
        Msg::new("check-gaze-left")
    };
    // A turn under a degree changes the offset by under 0.003: not worth a word.
    let turned = yaw.abs() >= 1.0;
    let mut message = Msg::new(if turned {
        "check-gaze-turned"
    } else {
        "check-gaze"
    })
    .arg("horizontal", format!("{:.2}", u.abs()))
    .arg("side", side)
    .arg("vertical", format!("{v:.2}"))
    .arg("warn", format!("{:.2}", limits.warn))
    .arg("fail", format!("{:.2}", limits.fail));
    if turned {
        message = message.arg("yaw", format!("{:.0}", yaw.abs()));
    }
    let mut r = CheckResult::new(ID, verdict, threshold, message)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gaze_at_the_camera_from_a_turned_head_corrects_to_zero() {
        for yaw in [-40.0f32, -15.0, 0.0, 11.0, 30.0] {
            // The iris looking at the camera sits off the corners' middle, against the turn.
            let u = -CORNERS_FORWARD_PER_EYE_WIDTH * yaw.to_radians().sin();
            assert!(gaze_toward_camera(u, yaw).abs() < 1e-6, "{yaw}");
        }
        // Eyes centred in a head turned 40°: looking away by the head's turn, to its side.
        assert!(gaze_toward_camera(0.0, 40.0) > 0.1);
        assert!(gaze_toward_camera(0.0, -40.0) < -0.1);
    }
}
