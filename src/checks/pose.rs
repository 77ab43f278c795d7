//! `pose.shoulders`: tilt of the shoulder line, from the person's outline (the person
//! segmentation model's mask; warn at most: long hair over a shoulder or loose clothes move
//! the outline).

use image::RgbImage;

use super::result::{CheckResult, Overlay, Verdict};
use super::segment::Segmentation;
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

/// `pose.shoulders`: difference of the shoulder heights found by the segmentation.
pub fn check_shoulders(_rgb: &RgbImage, seg: &Segmentation, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "pose.shoulders";
    let lim = spec.shoulder_tilt_deg;
    let threshold = format!("≤ {:.0}°", lim.warn);
    let (Some(left), Some(right), Some((xl, xr))) =
        (seg.shoulder_left_y, seg.shoulder_right_y, seg.shoulder_x)
    else {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-no-shoulders"));
    };
    if let Some(e) = &seg.model_error {
        return CheckResult::not_assessed(
            ID,
            threshold,
            Msg::new("check-why-segmentation-failed").arg("error", e.clone()),
        );
    }
    let diff = f64::from((left - right).abs());
    let tilt = diff.atan2(f64::from((xr - xl).abs().max(1.0))).to_degrees();
    // Warn at most: long hair over a shoulder or loose clothes move the outline, so the
    // reviewer confirms.
    let verdict = Verdict::from_limits(tilt, &lim).min(Verdict::Warn);
    let message = if verdict == Verdict::Pass {
        Msg::new("check-shoulders-level")
    } else {
        let lower = if left > right {
            Msg::new("check-shoulders-image-left")
        } else {
            Msg::new("check-shoulders-image-right")
        };
        Msg::new("check-shoulders-uneven").arg("lower", lower)
    }
    .arg("tilt", format!("{tilt:.1}"))
    .arg("diff", format!("{diff:.0}"))
    .arg("threshold", &threshold);
    CheckResult::new(ID, verdict, threshold, message)
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
