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
    /// Compliant photos, and how many it flagged (warn or fail).
    pub compliant: usize,
    pub false_alarms: usize,
    /// Of those false alarms, how many were failures (the rest are warnings).
    pub false_fails: usize,
    /// Photos the check failed with a reason the photo does not have (compliant or not).
    pub wrong_fails: usize,
    /// Photos the check could not assess.
    pub not_assessed: usize,
}

/// Photo-level figures over a labelled set (the acceptance measures).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Faults (photo × labelled code that some check can suggest) and how many were flagged
    /// by a check with that code.
    pub faults: usize,
    pub faults_flagged: usize,
    /// Compliant photos; with a failure; with any warning or failure.
    pub compliant: usize,
    pub compliant_failed: usize,
    pub compliant_flagged: usize,
    /// Photos with a failure on a code they are not labelled with.
    pub photos: usize,
    pub wrong_failed: usize,
}

/// Tallies `(variant, report)` pairs into a rate per check id, in catalogue order.
pub fn tally<'a>(
    results: impl IntoIterator<Item = (Variant, &'a Report)>,
) -> BTreeMap<usize, (&'static str, Rate)> {
    tally_labels(results.into_iter().map(|(v, r)| {
        let allowed: Vec<&str> = v
            .expected_reasons()
            .iter()
            .chain(v.incidental_reasons())
            .copied()
            .collect();
        (v.expected_reasons().to_vec(), allowed, r)
    }))
}

/// Tallies photos labelled with the codes they should get (`expected`; empty = compliant) and
/// the codes a check may also raise without being wrong (`allowed`, a superset of
/// `expected`), into a rate per check id in catalogue order.
pub fn tally_labels<'a, S: AsRef<str>>(
    results: impl IntoIterator<Item = (Vec<S>, Vec<S>, &'a Report)>,
) -> BTreeMap<usize, (&'static str, Rate)> {
    let mut table: BTreeMap<usize, (&'static str, Rate)> = CHECK_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| (i, (*id, Rate::default())))
        .collect();
    for (expected, allowed, report) in results {
        let has = |codes: &[S], code: &str| codes.iter().any(|c| c.as_ref() == code);
        for (id, rate) in table.values_mut() {
            let kinds = check_reasons(id);
            let result = report.get(id);
            rate.not_assessed += usize::from(result.is_some_and(|c| c.verdict == Verdict::Error));
            let flagged = result.filter(|c| matches!(c.verdict, Verdict::Warn | Verdict::Fail));
            if let Some(c) = flagged.filter(|c| c.verdict == Verdict::Fail)
                && !c.reasons.iter().any(|r| has(&allowed, r.code()))
            {
                rate.wrong_fails += 1;
            }
            if expected.is_empty() {
                rate.compliant += 1;
                rate.false_alarms += usize::from(flagged.is_some());
                rate.false_fails +=
                    usize::from(flagged.is_some_and(|c| c.verdict == Verdict::Fail));
            } else if kinds.iter().any(|k| has(&expected, k)) {
                rate.faulty += 1;
                let caught =
                    flagged.is_some_and(|c| c.reasons.iter().any(|r| kinds.contains(&r.code())));
                rate.detected += usize::from(caught);
            }
        }
    }
    table
}

/// The photo-level [`Summary`] of labelled photos (as for [`tally_labels`]).
pub fn summarise<'a, S: AsRef<str>>(
    results: impl IntoIterator<Item = (Vec<S>, Vec<S>, &'a Report)>,
) -> Summary {
    let mut s = Summary::default();
    let checkable: Vec<&str> = CHECK_IDS
        .iter()
        .flat_map(|id| check_reasons(id).iter().copied())
        .collect();
    for (expected, allowed, report) in results {
        let has = |codes: &[S], code: &str| codes.iter().any(|c| c.as_ref() == code);
        let raised = |verdicts: &[Verdict]| {
            report
                .checks
                .iter()
                .filter(|c| verdicts.contains(&c.verdict))
                .flat_map(|c| c.reasons.iter().map(|r| r.code()))
                .collect::<Vec<_>>()
        };
        let flagged = raised(&[Verdict::Warn, Verdict::Fail]);
        let failed = raised(&[Verdict::Fail]);
        s.photos += 1;
        s.wrong_failed += usize::from(failed.iter().any(|c| !has(&allowed, c)));
        if expected.is_empty() {
            s.compliant += 1;
            s.compliant_failed += usize::from(!failed.is_empty());
            s.compliant_flagged += usize::from(!flagged.is_empty());
        }
        for code in expected.iter().map(AsRef::as_ref) {
            if checkable.contains(&code) {
                s.faults += 1;
                s.faults_flagged += usize::from(flagged.contains(&code));
            }
        }
    }
    s
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".to_owned()
    } else {
        format!("{:.0} %", part as f64 * 100.0 / whole as f64)
    }
}

/// The summary as Markdown lines.
pub fn summary_markdown(s: &Summary) -> String {
    format!(
        "- faults flagged with their reason: {} / {} ({})\n\
         - compliant photos with a failure: {} / {} ({})\n\
         - compliant photos with any warning or failure: {} / {} ({})\n\
         - photos failed on a reason they are not labelled with: {} / {} ({})\n",
        s.faults_flagged,
        s.faults,
        percent(s.faults_flagged, s.faults),
        s.compliant_failed,
        s.compliant,
        percent(s.compliant_failed, s.compliant),
        s.compliant_flagged,
        s.compliant,
        percent(s.compliant_flagged, s.compliant),
        s.wrong_failed,
        s.photos,
        percent(s.wrong_failed, s.photos),
    )
}

/// The table as Markdown: check, detection, warnings and failures on compliant photos, wrong
/// failures and not-assessed counts.
pub fn markdown(table: &BTreeMap<usize, (&'static str, Rate)>) -> String {
    let mut out = String::from(
        "| check | detected / faulty of its kind | flags / compliant (fails) | wrong-reason fails | not assessed |\n|---|---|---|---|---|\n",
    );
    for (id, r) in table.values() {
        let det = if r.faulty == 0 {
            "— (none labelled)".to_owned()
        } else {
            format!("{} / {}", r.detected, r.faulty)
        };
        let _ = writeln!(
            out,
            "| `{id}` | {det} | {} / {} ({}) | {} | {} |",
            r.false_alarms, r.compliant, r.false_fails, r.wrong_fails, r.not_assessed
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
            checks: vec![
                CheckResult::new(id, verdict, "", crate::i18n::Msg::plain(""))
                    .with_reasons(&[reason]),
            ],
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
                false_alarms: 1,
                false_fails: 0,
                // The glasses photo failed on blur, which it is not labelled with.
                wrong_fails: 1,
                not_assessed: 0,
            }
        );
        assert!(markdown(&t).contains("| `sharpness.face` | 1 / 2 | 1 / 2 (0) | 1 | 0 |"));
        assert!(check_reasons("accessory.glasses").contains(&"GLASSES"));
    }
}
