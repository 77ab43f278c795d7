//! Detection and false-alarm rates of the automatic checks over labelled photos: compliant
//! photos and faulty variants, each variant labelled with the reasons a correct checker should
//! suggest ([`Variant::expected_reasons`]).
//!
//! For each check id: *detection* = of the faulty photos whose expected reasons include one
//! this check can suggest, how many it flagged (warn or fail) with such a reason; *false
//! alarm* = of the compliant photos, how many it flagged (warn or fail).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::checks::result::{CHECK_IDS, Report, Verdict};

use super::Variant;

/// The reason codes each check can suggest (domain.md, "Automatic checks").
pub fn check_reasons(id: &str) -> &'static [&'static str] {
    match id {
        "file.decode" | "file.format" => &["WRONG_FORMAT"],
        "file.dimensions" => &["WRONG_SIZE"],
        "file.colour" => &["NOT_COLOUR"],
        "file.size" | "file.jpeg_quality" => &["LOW_QUALITY_FILE"],
        "file.edited" | "retouch.smoothing" => &["OVER_RETOUCHED"],
        "face.count" => &["FACE_NOT_FOUND", "BACKGROUND_OBJECTS"],
        "face.size" => &["HEAD_SIZE"],
        "face.position" => &["HEAD_POSITION"],
        "face.roll" => &["HEAD_TILTED"],
        "face.yaw" => &["EARS_ASYMMETRIC"],
        "face.eyes_open" => &["EYES_NOT_OPEN"],
        "face.mouth_closed" => &["MOUTH_OPEN"],
        "face.gaze" => &["GAZE_NOT_FORWARD"],
        "background.colour" => &["BACKGROUND_COLOUR"],
        "background.uniformity" => &["BACKGROUND_UNEVEN"],
        "background.shadow" => &["BACKGROUND_SHADOW"],
        "background.objects" => &["BACKGROUND_OBJECTS"],
        "exposure.brightness" => &["FACE_TOO_BRIGHT", "FACE_TOO_DARK"],
        "exposure.colour_cast" => &["COLOUR_CAST"],
        "exposure.uneven" => &["UNEVEN_LIGHTING"],
        "sharpness.face" => &["BLURRY"],
        "clothing.contrast" => &["CLOTHES_LIKE_BACKGROUND"],
        "clothing.blue" => &["CLOTHES_BLUE"],
        "clothing.pattern" => &["CLOTHES_PATTERN"],
        "pose.shoulders" => &["SHOULDERS_UNEVEN"],
        "accessory.glasses" => &["GLASSES"],
        "hair.covering" => &["HAIR_COVERS_FACE"],
        _ => &[],
    }
}

/// Counts for one check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    /// Faulty photos of this check's kind, and how many it flagged.
    pub faulty: usize,
    pub detected: usize,
    /// Compliant photos, and how many it flagged.
    pub compliant: usize,
    pub false_alarms: usize,
}

/// Tallies `(variant, report)` pairs into a rate per check id, in catalogue order.
pub fn tally<'a>(
    results: impl IntoIterator<Item = (Variant, &'a Report)>,
) -> BTreeMap<usize, (&'static str, Rate)> {
    let mut table: BTreeMap<usize, (&'static str, Rate)> = CHECK_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| (i, (*id, Rate::default())))
        .collect();
    for (variant, report) in results {
        for (id, rate) in table.values_mut() {
            let kinds = check_reasons(id);
            let flagged = report
                .get(id)
                .filter(|c| matches!(c.verdict, Verdict::Warn | Verdict::Fail));
            if variant.is_compliant() {
                rate.compliant += 1;
                rate.false_alarms += usize::from(flagged.is_some());
            } else if variant.expected_reasons().iter().any(|r| kinds.contains(r)) {
                rate.faulty += 1;
                let caught =
                    flagged.is_some_and(|c| c.reasons.iter().any(|r| kinds.contains(&r.code())));
                rate.detected += usize::from(caught);
            }
        }
    }
    table
}

/// The table as Markdown: check, detection, false alarms.
pub fn markdown(table: &BTreeMap<usize, (&'static str, Rate)>) -> String {
    let mut out = String::from(
        "| check | detected / faulty of its kind | false alarms / compliant |\n|---|---|---|\n",
    );
    for (id, r) in table.values() {
        let det = if r.faulty == 0 {
            "— (no variant)".to_owned()
        } else {
            format!("{} / {}", r.detected, r.faulty)
        };
        let _ = writeln!(
            out,
            "| `{id}` | {det} | {} / {} |",
            r.false_alarms, r.compliant
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::result::CheckResult;
    use crate::domain::reasons::ReasonCode;

    fn report(id: &'static str, verdict: Verdict, reason: ReasonCode) -> Report {
        Report {
            width: Some(480),
            height: Some(640),
            checks: vec![CheckResult::new(id, verdict, "", "", "").with_reasons(&[reason])],
        }
    }

    #[test]
    fn detections_and_false_alarms_are_counted_per_check() {
        let hit = report("sharpness.face", Verdict::Fail, ReasonCode::Blurry);
        let miss = report("sharpness.face", Verdict::Pass, ReasonCode::Blurry);
        let alarm = report("sharpness.face", Verdict::Warn, ReasonCode::Blurry);
        let t = tally([
            (Variant::Blurry, &hit),
            (Variant::Blurry, &miss),
            (Variant::Compliant, &alarm),
            (Variant::WhiteBackground, &miss),
            (Variant::Glasses, &hit),
        ]);
        let (_, r) = t.values().find(|(id, _)| *id == "sharpness.face").unwrap();
        assert_eq!(
            *r,
            Rate {
                faulty: 2,
                detected: 1,
                compliant: 2,
                false_alarms: 1
            }
        );
        assert!(markdown(&t).contains("| `sharpness.face` | 1 / 2 | 1 / 2 |"));
        assert!(check_reasons("accessory.glasses").contains(&"GLASSES"));
    }
}
