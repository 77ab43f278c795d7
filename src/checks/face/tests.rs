//! Unit tests of the `face.*` checks on synthetic geometry.

use super::checks::*;
use super::eye_checks::check_eyes_open;
use super::eyes::tests::eye;
use super::mesh::{
    CHEEK_LEFT, CHEEK_RIGHT, CHIN, FOREHEAD_TOP, INNER_LIPS, LANDMARKS, LEFT_EYE, MOUTH_CORNERS,
    NOSE_TIP, RIGHT_EYE,
};
use image::RgbImage;

use crate::checks::geometry::{BoxPx, Detection, FaceGeometry, Point};
use crate::checks::result::{Guide, Overlay, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;

fn detection(cx: f32, eye_y: f32, width: f32, roll_dy: f32) -> Detection {
    let p = |x: f32, y: f32| Point { x, y };
    Detection {
        face: BoxPx {
            x: cx - width / 2.0,
            y: eye_y - width * 0.4,
            w: width,
            h: width * 1.2,
        },
        score: 0.9,
        eye_image_left: p(cx - width * 0.2, eye_y - roll_dy / 2.0),
        eye_image_right: p(cx + width * 0.2, eye_y + roll_dy / 2.0),
        nose: p(cx, eye_y + width * 0.2),
        mouth_image_left: p(cx - width * 0.15, eye_y + width * 0.45),
        mouth_image_right: p(cx + width * 0.15, eye_y + width * 0.45),
    }
}

/// A frontal mesh with only the landmarks the checks use: face 240 px wide centred on x = 240,
/// eye line at 250, eyes 0.3 open, mouth gap `mouth` × width, nose shifted by `nose_dx`.
fn mesh(mouth: f32, nose_dx: f32) -> Vec<[f32; 3]> {
    let mut m = vec![[240.0, 300.0, 0.0]; LANDMARKS];
    m[CHEEK_RIGHT] = [120.0, 260.0, 0.0];
    m[CHEEK_LEFT] = [360.0, 260.0, 0.0];
    m[NOSE_TIP] = [240.0 + nose_dx, 300.0, -50.0];
    m[FOREHEAD_TOP] = [240.0, 160.0, 0.0];
    m[CHIN] = [240.0, 400.0, 0.0];
    for (e, cx) in [(RIGHT_EYE, 190.0), (LEFT_EYE, 290.0)] {
        m[e[0]] = [cx - 25.0, 250.0, 0.0];
        m[e[1]] = [cx + 25.0, 250.0, 0.0];
        m[e[2]] = [cx, 242.5, 0.0];
        m[e[3]] = [cx, 257.5, 0.0];
    }
    m[MOUTH_CORNERS[0]] = [210.0, 340.0, 0.0];
    m[MOUTH_CORNERS[1]] = [270.0, 340.0, 0.0];
    m[INNER_LIPS[0]] = [240.0, 340.0 - 30.0 * mouth, 0.0];
    m[INNER_LIPS[1]] = [240.0, 340.0 + 30.0 * mouth, 0.0];
    m
}

fn geom(detections: Vec<Detection>, mesh: Option<Vec<[f32; 3]>>) -> FaceGeometry {
    FaceGeometry {
        detections,
        mesh,
        eyes: None,
    }
}

/// The frontal face of [`mesh`] with iris landmarks: eyes 50 px wide, lids 15 px apart over
/// an iris of 21 px, looking straight ahead.
fn compliant() -> FaceGeometry {
    let mut g = geom(
        vec![detection(240.0, 250.0, 230.0, 0.0)],
        Some(mesh(0.0, 0.0)),
    );
    g.eyes = Some([
        eye((190.0, 250.0), 50.0, 15.0, 21.0, 0.0, 0.0, false),
        eye((290.0, 250.0), 50.0, 15.0, 21.0, 0.0, 0.0, true),
    ]);
    g
}

#[test]
fn a_compliant_face_passes_everything_without_reasons() {
    let spec = PhotoSpec::default();
    for c in face_checks(&compliant(), &RgbImage::new(480, 640), Some(80.0), &spec) {
        assert_eq!(c.verdict, Verdict::Pass, "{}: {}", c.id, c.message_en());
        assert!(c.reasons.is_empty());
    }
}

#[test]
fn no_face_fails_the_count_and_assesses_nothing_else() {
    let spec = PhotoSpec::default();
    let checks = face_checks(
        &geom(vec![], None),
        &RgbImage::new(480, 640),
        Some(80.0),
        &spec,
    );
    assert_eq!(checks[0].verdict, Verdict::Fail);
    assert_eq!(checks[0].reasons, vec![ReasonCode::FaceNotFound]);
    for c in &checks[1..] {
        assert_eq!(c.verdict, Verdict::Error, "{}", c.id);
        assert!(c.message_en().starts_with("Not assessed"));
    }
}

#[test]
fn several_faces_suggest_background_objects_with_a_box_each() {
    let d = detection(240.0, 250.0, 230.0, 0.0);
    let c = check_count(&geom(vec![d, d], None));
    assert_eq!(c.verdict, Verdict::Fail);
    assert_eq!(c.reasons, vec![ReasonCode::BackgroundObjects]);
    assert_eq!(c.overlays.len(), 2);
    assert!(matches!(c.overlays[0], Overlay::Rect { .. }));
}

#[test]
fn without_mesh_the_detector_stands_in_and_mesh_checks_are_not_assessed() {
    let spec = PhotoSpec::default();
    let g = geom(vec![detection(240.0, 250.0, 100.0, 0.0)], None);
    let size = check_size(&g, &spec);
    assert_eq!(size.verdict, Verdict::Fail);
    assert_eq!(size.reasons, vec![ReasonCode::HeadSize]);
    assert!(size.message_en().contains("detector box"));
    for c in [
        check_yaw(&g, &spec),
        check_eyes_open(&g, &spec),
        check_mouth_closed(&g, None, &spec),
    ] {
        assert_eq!(c.verdict, Verdict::Error, "{}", c.id);
    }
    // Head top neither given nor estimable: the rest of the position is still judged.
    let pos = check_position(&g, None, 480, 640, &spec);
    assert_eq!(pos.verdict, Verdict::Pass);
    assert!(pos.message_en().contains("head top not assessed"));
}

#[test]
fn roll_warns_then_fails() {
    let spec = PhotoSpec::default();
    // Eyes 92 px apart on the detector; tan(θ) = dy / 92.
    let roll = |deg: f32| {
        let dy = 92.0 * deg.to_radians().tan();
        check_roll(&geom(vec![detection(240.0, 250.0, 230.0, dy)], None), &spec)
    };
    // ISO/IEC 19794-5 allows ±8°: a 4° lean is fine, 6° is shown, 9° fails.
    assert_eq!(roll(1.0).verdict, Verdict::Pass);
    assert_eq!(roll(4.0).verdict, Verdict::Pass);
    assert_eq!(roll(6.0).verdict, Verdict::Warn);
    let fail = roll(-9.0);
    assert_eq!(fail.verdict, Verdict::Fail);
    assert_eq!(fail.reasons, vec![ReasonCode::HeadTilted]);
    assert!((fail.value.unwrap() - 9.0).abs() < 0.1);
    assert!(matches!(fail.overlays[0], Overlay::Line { .. }));
}

#[test]
fn a_head_top_within_the_outlines_resolution_of_the_range_passes_and_beyond_it_fails() {
    let spec = PhotoSpec::default();
    let g = compliant();
    for (top, verdict) in [
        (50.0, Verdict::Pass),
        (47.0, Verdict::Pass),
        (45.0, Verdict::Fail),
        (113.0, Verdict::Pass),
        (115.0, Verdict::Fail),
    ] {
        let pos = check_position(&g, Some(top), 480, 640, &spec);
        assert_eq!(pos.verdict, verdict, "head top {top}");
        assert!(pos.message_en().contains(&format!("head top {top:.0} px")));
    }
}

#[test]
fn position_uses_the_given_head_top_and_only_warns_on_an_estimate() {
    let spec = PhotoSpec::default();
    let g = compliant();
    let given = check_position(&g, Some(20.0), 480, 640, &spec);
    assert_eq!(given.verdict, Verdict::Fail);
    assert_eq!(given.reasons, vec![ReasonCode::HeadPosition]);
    // Estimate: forehead 160 − 0.37 × 240 ≈ 71, inside 50–110.
    let estimated = check_position(&g, None, 480, 640, &spec);
    assert_eq!(estimated.verdict, Verdict::Pass);
    assert!(estimated.message_en().contains("estimated"));
    let kinds: Vec<&str> = estimated
        .overlays
        .iter()
        .map(|o| match o {
            Overlay::HBand { .. } => "hband",
            Overlay::VLine { .. } => "vline",
            Overlay::Line { .. } => "line",
            Overlay::HLine { .. } => "hline",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "hband").count(), 2);
    assert!(kinds.contains(&"vline") && kinds.contains(&"line") && kinds.contains(&"hline"));
    // The guides name what they mark as catalogue labels; the measured head top says when it
    // is an estimate.
    let guides = |c: &crate::checks::result::CheckResult| -> Vec<Guide> {
        c.overlays.iter().filter_map(Overlay::guide).collect()
    };
    let ranges = [Guide::HeadTop, Guide::EyeLine, Guide::Centre];
    assert_eq!(guides(&estimated)[..3], ranges);
    assert_eq!(guides(&estimated)[3..], [Guide::HeadTopEstimated]);
    assert_eq!(guides(&given)[3..], [Guide::HeadTop]);
    // The face 40 px right of the centre line fails.
    let mut shifted = mesh(0.0, 0.0);
    for p in &mut shifted {
        p[0] += 40.0;
    }
    let off = check_position(
        &geom(g.detections.clone(), Some(shifted)),
        Some(80.0),
        480,
        640,
        &spec,
    );
    assert_eq!(off.verdict, Verdict::Fail);
    assert!(off.message_en().contains("+40 px"), "{}", off.message_en());
}

#[test]
fn yaw_follows_the_nose_between_the_cheeks() {
    let spec = PhotoSpec::default();
    let d = vec![detection(240.0, 250.0, 230.0, 0.0)];
    let yaw = |dx: f32| check_yaw(&geom(d.clone(), Some(mesh(0.0, dx))), &spec);
    assert_eq!(yaw(0.0).verdict, Verdict::Pass);
    // 40 px of 240: asymmetry 1/3, atan(0.333 / 1.29) ≈ 14.5°.
    let turned = yaw(40.0);
    assert_eq!(turned.verdict, Verdict::Warn, "{}", turned.message_en());
    assert_eq!(turned.reasons, vec![ReasonCode::EarsAsymmetric]);
    assert_eq!(yaw(-60.0).verdict, Verdict::Fail);
}

#[test]
fn closed_eyes_and_an_open_mouth_fail() {
    let spec = PhotoSpec::default();
    let d = vec![detection(240.0, 250.0, 230.0, 0.0)];
    let mut closed = mesh(0.0, 0.0);
    closed[LEFT_EYE[2]][1] = 249.0;
    closed[LEFT_EYE[3]][1] = 251.0;
    let eyes = check_eyes_open(&geom(d.clone(), Some(closed)), &spec);
    assert_eq!(eyes.verdict, Verdict::Fail);
    assert_eq!(eyes.reasons, vec![ReasonCode::EyesNotOpen]);
    assert!((eyes.value.unwrap() - 0.04).abs() < 1e-3);
    let mouth = check_mouth_closed(&geom(d, Some(mesh(0.3, 0.0))), None, &spec);
    assert_eq!(mouth.verdict, Verdict::Fail);
    assert_eq!(mouth.reasons, vec![ReasonCode::MouthOpen]);
    assert!(mouth.message_zh().contains("0.30") && mouth.message_en().contains("0.085"));
}

#[test]
fn a_talking_mouth_is_flagged_an_open_one_fails_and_closed_lips_pass() {
    let spec = PhotoSpec::default();
    let d = vec![detection(240.0, 250.0, 230.0, 0.0)];
    let mouth = |gap: f32| check_mouth_closed(&geom(d.clone(), Some(mesh(gap, 0.0))), None, &spec);
    // Teeth plainly apart.
    assert_eq!(mouth(0.15).verdict, Verdict::Fail);
    // Teeth showing between parted lips, about a tenth of the mouth width: flagged, and the
    // reviewer confirms (full closed lips can read up to ~0.11 on the mesh).
    assert_eq!(mouth(0.1).verdict, Verdict::Warn);
    assert_eq!(mouth(0.09).verdict, Verdict::Warn);
    // Lips that touch, as the mesh reads them (closed-lip smiles 0.005–0.069).
    assert_eq!(mouth(0.07).verdict, Verdict::Pass);
    assert_eq!(mouth(0.0).verdict, Verdict::Pass);
}

#[test]
fn model_errors_read_in_the_users_language_with_the_runtimes_own_words() {
    use crate::domain::lang::Lang;
    use crate::i18n::{Localized, Msg};
    let load = super::FaceError::Load {
        model: "YuNet",
        message: "bad graph".into(),
    };
    assert_eq!(load.render(Lang::Zh), "无法加载 YuNet 模型：bad graph");
    assert_eq!(load.to_string(), "cannot load the YuNet model: bad graph");
    let why = Msg::new("check-why-face-models-failed").arg("error", load.msg());
    assert_eq!(
        why.render(Lang::Zh),
        "人脸模型无法运行：无法加载 YuNet 模型：bad graph"
    );
    let failed = super::FaceError::Inference {
        model: "Face Mesh",
        message: "shape".into(),
    };
    assert_eq!(failed.render(Lang::Zh), "Face Mesh 模型运行失败：shape");
    let empty = super::FaceError::EmptyImage {
        width: 0,
        height: 10,
    };
    assert_eq!(empty.render(Lang::Zh), "图像为空（0×10）");
    assert_eq!(empty.to_string(), "the image is empty (0×10)");
}
