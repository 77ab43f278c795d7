//! `pose.shoulders`: tilt of the shoulder line, from the person's outline (the person
//! segmentation model's mask; warn at most: long hair over a shoulder or loose clothes move
//! the outline).

use image::RgbImage;

use super::result::{CheckResult, Overlay, Verdict};
use super::segment::Segmentation;
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;

/// `pose.shoulders`: difference of the shoulder heights found by the segmentation.
pub fn check_shoulders(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "pose.shoulders";
    let lim = spec.shoulder_tilt_deg;
    let threshold = format!("≤ {:.0}°", lim.warn);
    let (Some(left), Some(right), Some((xl, xr))) =
        (seg.shoulder_left_y, seg.shoulder_right_y, seg.shoulder_x)
    else {
        return CheckResult::not_assessed(ID, threshold, "未找到双肩轮廓", "shoulders not found");
    };
    if let Some(e) = &seg.model_error {
        return CheckResult::not_assessed(
            ID,
            threshold,
            &format!("人像分割模型无法运行：{e}"),
            &format!("the person segmentation model cannot run: {e}"),
        );
    }
    let diff = f64::from((left - right).abs());
    let tilt = diff.atan2(f64::from((xr - xl).abs().max(1.0))).to_degrees();
    // Warn at most: long hair over a shoulder or loose clothes move the outline, so the
    // reviewer confirms.
    let verdict = Verdict::from_limits(tilt, &lim).min(Verdict::Warn);
    let (zh, en) = if verdict == Verdict::Pass {
        (
            format!("双肩水平：倾斜 {tilt:.1}°，高度差 {diff:.0} px（要求 {threshold}）"),
            format!(
                "Shoulders level: tilted {tilt:.1}°, {diff:.0} px apart in height (required {threshold})"
            ),
        )
    } else {
        let lower_zh = if left > right {
            "图像左侧"
        } else {
            "图像右侧"
        };
        let lower_en = if left > right {
            "image-left"
        } else {
            "image-right"
        };
        (
            format!(
                "双肩不平：{lower_zh}肩膀较低，倾斜 {tilt:.1}°，高度差 {diff:.0} px（要求 {threshold}）"
            ),
            format!(
                "Shoulders uneven: the {lower_en} shoulder is lower, tilted {tilt:.1}°, {diff:.0} px (required {threshold})"
            ),
        )
    };
    CheckResult::new(ID, verdict, threshold, zh, en)
        .with_value(tilt)
        .with_reasons(&[ReasonCode::ShouldersUneven])
        .with_overlay(Overlay::Line {
            x1: xl,
            y1: left,
            x2: xr,
            y2: right,
            verdict,
        })
}
