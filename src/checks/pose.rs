//! `pose.shoulders`: left vs right shoulder height, from the person's outline (warn at most:
//! long hair over a shoulder or loose clothes move the outline).

use image::RgbImage;

use super::result::{CheckResult, Overlay, Verdict};
use super::segment::Segmentation;
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;

/// `pose.shoulders`: difference of the shoulder heights found by the segmentation.
pub fn check_shoulders(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "pose.shoulders";
    let lim = spec.shoulder_diff_px;
    let threshold = format!("≤ {:.0} px（≤ {:.0} px）", lim.warn, lim.fail);
    let (Some(left), Some(right), Some((xl, xr))) =
        (seg.shoulder_left_y, seg.shoulder_right_y, seg.shoulder_x)
    else {
        return CheckResult::not_assessed(ID, threshold, "未找到双肩轮廓", "shoulders not found");
    };
    let diff = f64::from((left - right).abs());
    // Warn at most: the outline's shoulders are unreliable under long hair or loose clothes,
    // so the reviewer confirms.
    let verdict = Verdict::from_limits(diff, &lim).min(Verdict::Warn);
    let (zh, en) = if verdict == Verdict::Pass {
        (
            format!("双肩水平：高度差 {diff:.0} px（要求 {threshold}）"),
            format!("Shoulders level: {diff:.0} px apart in height (required {threshold})"),
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
            format!("双肩不平：{lower_zh}肩膀较低，高度差 {diff:.0} px（要求 {threshold}）"),
            format!(
                "Shoulders uneven: the {lower_en} shoulder is {diff:.0} px lower (required {threshold})"
            ),
        )
    };
    CheckResult::new(ID, verdict, threshold, zh, en)
        .with_value(diff)
        .with_reasons(&[ReasonCode::ShouldersUneven])
        .with_overlay(Overlay::Line {
            x1: xl,
            y1: left,
            x2: xr,
            y2: right,
            verdict,
        })
}
