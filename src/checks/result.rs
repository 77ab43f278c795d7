//! The result model every automatic check returns: a verdict, the measured value, the
//! threshold, a finding (a catalogue message with its arguments, rendered in the reviewer's
//! language when shown), the reasons it suggests and overlay geometry.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::lang::Lang;
use crate::domain::reasons::ReasonCode;
use crate::i18n::Msg;

/// The outcome of one check. Ordered from best to worst, so the worst of several is the `max`;
/// `Error` ("could not decide") sorts last, but the UI shows it as "not assessed", never as a
/// pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    /// The check could not decide (input missing or unreadable): not assessed.
    Error,
}

impl Verdict {
    /// The stable lower-case code, as serialised: `"pass"`, `"warn"`, `"fail"`, `"error"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Warn => "warn",
            Self::Fail => "fail",
            Self::Error => "error",
        }
    }

    /// Pass up to `limits.warn`, warn up to `limits.fail`, else fail.
    pub fn from_limits(value: f64, limits: &crate::domain::spec::Limits) -> Self {
        if value > limits.fail {
            Self::Fail
        } else if value > limits.warn {
            Self::Warn
        } else {
            Self::Pass
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    /// Every verdict, best first.
    pub const ALL: [Self; 4] = [Self::Pass, Self::Warn, Self::Fail, Self::Error];

    /// A short label for the reviewer (catalogue message `verdict-<code>`).
    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::label(lang, &format!("verdict-{}", self.code()))
    }
}

/// Every check id of the catalogue (domain.md, "Automatic checks"), in catalogue order.
pub const CHECK_IDS: [&str; 30] = [
    "file.decode",
    "file.format",
    "file.dimensions",
    "file.colour",
    "file.size",
    "file.jpeg_quality",
    "file.edited",
    "face.count",
    "face.size",
    "face.position",
    "face.roll",
    "face.yaw",
    "face.eyes_open",
    "face.mouth_closed",
    "face.gaze",
    "background.colour",
    "background.uniformity",
    "background.shadow",
    "background.objects",
    "exposure.brightness",
    "exposure.colour_cast",
    "exposure.uneven",
    "sharpness.face",
    "retouch.smoothing",
    "clothing.contrast",
    "clothing.blue",
    "clothing.pattern",
    "pose.shoulders",
    "accessory.glasses",
    "hair.covering",
];

/// Finds the catalogue's `'static` spelling of a check id.
pub fn known_check_id(id: &str) -> Option<&'static str> {
    CHECK_IDS.iter().copied().find(|known| *known == id)
}

/// Deserialises a check id into the catalogue's `'static` string, so stored reports load back.
fn de_check_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let id = String::deserialize(d)?;
    known_check_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown check id: {id:?}")))
}

/// What a guide overlay marks. Stored and serialised as its catalogue message id
/// (`"overlay-head-top"`, `checks.ftl`), so the window draws the label in the reviewer's
/// language; results stored before the catalogue, whose labels were bilingual prose
/// (`"头顶 / head top"`), still read back as the guide they named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guide {
    /// The allowed range of the head top, or the measured head top.
    HeadTop,
    /// The head top estimated from the face, when the person's outline gave none.
    HeadTopEstimated,
    /// The allowed range of the eye line.
    EyeLine,
    /// The photo's vertical centre line.
    Centre,
}

impl Guide {
    pub const ALL: [Self; 4] = [
        Self::HeadTop,
        Self::HeadTopEstimated,
        Self::EyeLine,
        Self::Centre,
    ];

    /// The catalogue message of the label, as stored.
    pub fn id(self) -> &'static str {
        match self {
            Self::HeadTop => "overlay-head-top",
            Self::HeadTopEstimated => "overlay-head-top-estimated",
            Self::EyeLine => "overlay-eye-line",
            Self::Centre => "overlay-centre",
        }
    }

    /// The label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::label(lang, self.id())
    }

    /// The guide a stored label names: its message id, or the bilingual prose that versions
    /// before the catalogue stored.
    pub fn from_stored(label: &str) -> Option<Self> {
        const PROSE: [(&str, Guide); 4] = [
            ("头顶 / head top", Guide::HeadTop),
            (
                "头顶（估计）/ head top (estimated)",
                Guide::HeadTopEstimated,
            ),
            ("眼线 / eye line", Guide::EyeLine),
            ("中线 / centre", Guide::Centre),
        ];
        Self::ALL
            .into_iter()
            .find(|g| g.id() == label)
            .or_else(|| PROSE.iter().find(|(p, _)| *p == label).map(|(_, g)| *g))
    }
}

impl Serialize for Guide {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Guide {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let label = String::deserialize(d)?;
        Self::from_stored(&label)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown guide label: {label:?}")))
    }
}

/// Geometry drawn over the photo, in image pixel coordinates (origin top left, y down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Overlay {
    /// A box, e.g. the detected face.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        verdict: Verdict,
    },
    /// A segment, e.g. the eye line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        verdict: Verdict,
    },
    /// A point, e.g. a landmark.
    Point { x: f32, y: f32, verdict: Verdict },
    /// A closed outline, e.g. the person's silhouette or a region.
    Polygon {
        points: Vec<[f32; 2]>,
        verdict: Verdict,
    },
    /// A horizontal band across the photo, e.g. the allowed head-top range `y0..y1`.
    HBand { y0: f32, y1: f32, label: Guide },
    /// A horizontal guide line across the photo.
    HLine { y: f32, label: Guide },
    /// A vertical guide line, e.g. the centre line.
    VLine { x: f32, label: Guide },
    /// A mask of `width × height` cells, each `cell × cell` image pixels, whose top-left cell
    /// starts at pixel `x, y`; run-length encoded row by row: `runs` alternate lengths of unset
    /// and set cells, starting with unset (possibly 0). The checks store coarse grids
    /// ([`MASK_CELL`] px) to keep results small; `cell` is 1 (a pixel mask) when absent.
    Mask {
        x: u32,
        y: u32,
        width: u32,
        height: u32,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        cell: u32,
        runs: Vec<u32>,
        verdict: Verdict,
    },
}

/// Cell size, in image pixels, of the grid masks the checks store (480×640 → 30×40 cells).
pub const MASK_CELL: u32 = 16;

fn one() -> u32 {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(v: &u32) -> bool {
    *v == 1
}

impl Overlay {
    /// The guide a line or band marks; `None` for the other shapes.
    pub fn guide(&self) -> Option<Guide> {
        match self {
            Self::HBand { label, .. } | Self::HLine { label, .. } | Self::VLine { label, .. } => {
                Some(*label)
            }
            _ => None,
        }
    }

    /// Builds a [`Overlay::Mask`] from row-major booleans of a `width × height` rectangle.
    /// Returns `None` when `set` does not hold `width × height` values.
    pub fn mask(
        x: u32,
        y: u32,
        width: u32,
        height: u32,
        set: &[bool],
        verdict: Verdict,
    ) -> Option<Self> {
        if set.len() as u64 != u64::from(width) * u64::from(height) {
            return None;
        }
        let mut runs = Vec::new();
        let mut current = false;
        let mut len = 0u32;
        for &s in set {
            if s == current {
                len += 1;
            } else {
                runs.push(len);
                current = s;
                len = 1;
            }
        }
        runs.push(len);
        Some(Self::Mask {
            x,
            y,
            width,
            height,
            cell: 1,
            runs,
            verdict,
        })
    }

    /// A [`Overlay::mask`] of `cols × rows` cells of `cell` pixels each, from `(0, 0)`.
    pub fn grid(cols: u32, rows: u32, cell: u32, set: &[bool], verdict: Verdict) -> Option<Self> {
        let mut m = Self::mask(0, 0, cols, rows, set, verdict)?;
        if let Self::Mask { cell: c, .. } = &mut m {
            *c = cell.max(1);
        }
        Some(m)
    }

    /// Expands a [`Overlay::Mask`] back to row-major booleans; `None` for other overlays.
    pub fn mask_pixels(&self) -> Option<Vec<bool>> {
        let Self::Mask { runs, .. } = self else {
            return None;
        };
        let mut out = Vec::new();
        let mut set = false;
        for &len in runs {
            out.extend(std::iter::repeat_n(set, len as usize));
            set = !set;
        }
        Some(out)
    }
}

/// A check id from [`CHECK_IDS`]. (An alias, so that serde's derive does not treat the field
/// as borrowed from the input: ids deserialise through [`known_check_id`].)
pub type CheckId = &'static str;

/// The [`CheckResult::threshold`] of a check with a warning and a failure limit, e.g.
/// `≤ 6 (≤ 12)`: language-neutral, so its brackets read right inside a sentence of either
/// language. Callers put the quantity before it and the units inside (`ΔE00 ≤ 6 (≤ 12)`,
/// `≤ 0.5 EV (≤ 1.0 EV)`).
pub fn warn_fail_text(warn: impl std::fmt::Display, fail: impl std::fmt::Display) -> String {
    format!("≤ {warn} (≤ {fail})")
}

/// The result of one automatic check.
///
/// Serialises with the finding as `message` (id and arguments) and, for tools that read the
/// text, rendered as `message_zh` and `message_en`; those two are ignored when reading back.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CheckResult {
    /// Stable id from the catalogue, e.g. `"file.decode"`.
    #[serde(deserialize_with = "de_check_id")]
    pub id: CheckId,
    pub verdict: Verdict,
    /// The measured value, when there is one number to show.
    pub value: Option<f64>,
    /// The threshold, human readable: `"480×640"`, `"≥ 60"`.
    pub threshold: String,
    /// What the check found, as a catalogue message (`checks.ftl`).
    pub message: Msg,
    /// Reasons suggested to the reviewer; only on warn or fail.
    pub reasons: Vec<ReasonCode>,
    pub overlays: Vec<Overlay>,
}

impl Serialize for CheckResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CheckResult", 9)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("verdict", &self.verdict)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("threshold", &self.threshold)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("message_zh", &self.message(Lang::Zh))?;
        st.serialize_field("message_en", &self.message(Lang::En))?;
        st.serialize_field("reasons", &self.reasons)?;
        st.serialize_field("overlays", &self.overlays)?;
        st.end()
    }
}

impl CheckResult {
    /// A result without value, reasons or overlays.
    pub fn new(
        id: &'static str,
        verdict: Verdict,
        threshold: impl Into<String>,
        message: Msg,
    ) -> Self {
        Self {
            id,
            verdict,
            value: None,
            threshold: threshold.into(),
            message,
            reasons: Vec::new(),
            overlays: Vec::new(),
        }
    }

    /// An `Error` result: the check could not decide, and says why (a `check-why-…` message).
    pub fn not_assessed(id: &'static str, threshold: impl Into<String>, why: Msg) -> Self {
        Self::new(
            id,
            Verdict::Error,
            threshold,
            Msg::new("check-not-assessed").arg("why", why),
        )
    }

    #[must_use]
    pub fn with_value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }

    /// Adds suggested reasons; ignored unless the verdict is warn or fail.
    #[must_use]
    pub fn with_reasons(mut self, reasons: &[ReasonCode]) -> Self {
        if matches!(self.verdict, Verdict::Warn | Verdict::Fail) {
            for r in reasons {
                if !self.reasons.contains(r) {
                    self.reasons.push(*r);
                }
            }
        }
        self
    }

    #[must_use]
    pub fn with_overlay(mut self, overlay: Overlay) -> Self {
        self.overlays.push(overlay);
        self
    }

    /// The finding in the reviewer's language.
    pub fn message(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// The finding in Chinese.
    pub fn message_zh(&self) -> String {
        self.message(Lang::Zh)
    }

    /// The finding in English.
    pub fn message_en(&self) -> String {
        self.message(Lang::En)
    }

    /// The generic finding of a result whose own message is lost (stored as sentences by an
    /// earlier version, or naming a message this version does not know): its verdict, value
    /// and threshold. Schema migration V12 writes the same message into old rows.
    pub fn stored_finding(verdict: Verdict, value: Option<f64>, threshold: &str) -> Msg {
        match value {
            Some(v) => Msg::new("check-stored-finding")
                .arg("verdict", verdict.code())
                .arg("value", v),
            None => Msg::new("check-stored-finding-no-value").arg("verdict", verdict.code()),
        }
        .arg("threshold", threshold)
    }
}

/// The results of all checks run on one photo.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    /// Pixel size of the decoded photo; `None` when it could not be decoded.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub checks: Vec<CheckResult>,
}

impl Report {
    /// The worst verdict (`max`); `Error` when there are no checks at all (nothing was
    /// assessed, which is never a pass).
    pub fn verdict(&self) -> Verdict {
        self.checks
            .iter()
            .map(|c| c.verdict)
            .max()
            .unwrap_or(Verdict::Error)
    }

    /// The worst verdict among the checks that could decide; `None` when none could.
    pub fn assessed_verdict(&self) -> Option<Verdict> {
        self.checks
            .iter()
            .map(|c| c.verdict)
            .filter(|v| *v != Verdict::Error)
            .max()
    }

    /// Reasons of the checks that failed, in check order, without duplicates.
    pub fn suggested_reasons(&self) -> Vec<ReasonCode> {
        let mut out = Vec::new();
        for check in self.checks.iter().filter(|c| c.verdict == Verdict::Fail) {
            for r in &check.reasons {
                if !out.contains(r) {
                    out.push(*r);
                }
            }
        }
        out
    }

    /// The result of check `id`, if it ran.
    pub fn get(&self, id: &str) -> Option<&CheckResult> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Counts of checks per verdict: `[pass, warn, fail, error]`.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for c in &self.checks {
            counts[c.verdict as usize] += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn check(id: &'static str, verdict: Verdict, reasons: &[ReasonCode]) -> CheckResult {
        CheckResult::new(id, verdict, "t", Msg::plain("message")).with_reasons(reasons)
    }

    #[test]
    fn warn_and_fail_limits_read_with_ascii_brackets() {
        assert_eq!(warn_fail_text(6, 12), "≤ 6 (≤ 12)");
        assert_eq!(
            warn_fail_text(format_args!("{:.1} EV", 0.5), format_args!("{:.1} EV", 1.0)),
            "≤ 0.5 EV (≤ 1.0 EV)"
        );
    }

    #[test]
    fn verdicts_order_from_best_to_worst_and_serialise_lowercase() {
        assert!(Verdict::Pass < Verdict::Warn);
        assert!(Verdict::Warn < Verdict::Fail);
        assert!(Verdict::Fail < Verdict::Error);
        for v in [Verdict::Pass, Verdict::Warn, Verdict::Fail, Verdict::Error] {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.code()));
            assert_eq!(serde_json::from_str::<Verdict>(&json).unwrap(), v);
            assert_ne!(v.label(Lang::Zh), v.label(Lang::En));
        }
    }

    #[test]
    fn check_ids_are_unique_and_follow_the_catalogue() {
        let ids: HashSet<_> = CHECK_IDS.iter().collect();
        assert_eq!(ids.len(), CHECK_IDS.len());
        assert_eq!(known_check_id("file.decode"), Some("file.decode"));
        assert_eq!(known_check_id("file.nope"), None);
    }

    #[test]
    fn report_verdict_is_the_worst_and_empty_is_not_a_pass() {
        let mut r = Report::default();
        assert_eq!(r.verdict(), Verdict::Error);
        assert_eq!(r.assessed_verdict(), None);
        r.checks.push(check("file.size", Verdict::Pass, &[]));
        assert_eq!(r.verdict(), Verdict::Pass);
        r.checks.push(check("file.edited", Verdict::Warn, &[]));
        assert_eq!(r.verdict(), Verdict::Warn);
        r.checks.push(check("file.decode", Verdict::Fail, &[]));
        r.checks.push(check("file.colour", Verdict::Error, &[]));
        assert_eq!(r.verdict(), Verdict::Error);
        assert_eq!(r.assessed_verdict(), Some(Verdict::Fail));
        assert_eq!(r.counts(), [1, 1, 1, 1]);
        assert_eq!(r.get("file.edited").unwrap().verdict, Verdict::Warn);
        assert!(r.get("face.count").is_none());
    }

    #[test]
    fn suggested_reasons_come_from_failed_checks_only_in_order_without_duplicates() {
        let r = Report {
            width: Some(480),
            height: Some(640),
            checks: vec![
                check("file.format", Verdict::Fail, &[ReasonCode::WrongFormat]),
                check("file.size", Verdict::Warn, &[ReasonCode::LowQualityFile]),
                check("file.dimensions", Verdict::Fail, &[ReasonCode::WrongSize]),
                check(
                    "file.decode",
                    Verdict::Fail,
                    &[ReasonCode::WrongFormat, ReasonCode::NotColour],
                ),
            ],
        };
        assert_eq!(
            r.suggested_reasons(),
            vec![
                ReasonCode::WrongFormat,
                ReasonCode::WrongSize,
                ReasonCode::NotColour
            ]
        );
    }

    #[test]
    fn reasons_are_kept_on_warn_and_fail_only() {
        for (v, kept) in [
            (Verdict::Pass, false),
            (Verdict::Warn, true),
            (Verdict::Fail, true),
            (Verdict::Error, false),
        ] {
            let c = check("file.size", v, &[ReasonCode::LowQualityFile]);
            assert_eq!(!c.reasons.is_empty(), kept, "{v:?}");
        }
    }

    #[test]
    fn not_assessed_says_so_in_both_languages() {
        let c = CheckResult::not_assessed("file.colour", "彩色", Msg::new("check-why-not-decoded"));
        assert_eq!(c.verdict, Verdict::Error);
        assert_eq!(c.message(Lang::Zh), "未评估：照片无法解码");
        assert_eq!(
            c.message(Lang::En),
            "Not assessed: the photo could not be decoded"
        );
    }

    #[test]
    fn the_stored_finding_names_verdict_value_and_threshold_in_both_languages() {
        let m = CheckResult::stored_finding(Verdict::Fail, Some(12.5), "≥ 60");
        assert_eq!(
            m.render(Lang::Zh),
            "不合格：测得 12.5，要求 ≥ 60（旧版本保存的结果，重新检查可见详情）"
        );
        assert_eq!(
            m.render(Lang::En),
            "Fail: measured 12.5; required ≥ 60 (stored by an earlier version; recheck for details)"
        );
        let m = CheckResult::stored_finding(Verdict::Pass, None, "decodes");
        assert_eq!(
            m.render(Lang::Zh),
            "通过：要求 decodes（旧版本保存的结果，重新检查可见详情）"
        );
        assert_eq!(
            m.render(Lang::En),
            "Pass: required decodes (stored by an earlier version; recheck for details)"
        );
    }

    #[test]
    fn report_round_trips_through_json() {
        let r = Report {
            width: Some(480),
            height: Some(640),
            checks: vec![
                check("file.format", Verdict::Fail, &[ReasonCode::WrongFormat])
                    .with_value(1.5)
                    .with_overlay(Overlay::Rect {
                        x: 1.0,
                        y: 2.0,
                        w: 3.0,
                        h: 4.0,
                        verdict: Verdict::Fail,
                    })
                    .with_overlay(Overlay::HBand {
                        y0: 50.0,
                        y1: 110.0,
                        label: Guide::HeadTop,
                    })
                    .with_overlay(Overlay::VLine {
                        x: 240.0,
                        label: Guide::Centre,
                    }),
            ],
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""kind":"rect""#), "{json}");
        assert!(json.contains(r#""kind":"h_band""#), "{json}");
        assert!(json.contains(r#""label":"overlay-head-top""#), "{json}");
        assert!(json.contains(r#""reasons":["WRONG_FORMAT"]"#), "{json}");
        assert!(json.contains(r#""message_zh":"message""#), "{json}");
        assert!(json.contains(r#""message_en":"message""#), "{json}");
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let bad = json.replace("file.format", "file.bogus");
        assert!(serde_json::from_str::<Report>(&bad).is_err());
    }

    /// Results stored before the catalogue hold the guide labels as bilingual prose; they load
    /// as the guides they named, and a label neither form knows is refused, not guessed.
    #[test]
    fn guide_labels_load_from_ids_and_from_the_prose_stored_before() {
        let old = r#"[{"kind":"h_band","y0":50.0,"y1":110.0,"label":"头顶 / head top"},
            {"kind":"h_band","y0":300.0,"y1":330.0,"label":"眼线 / eye line"},
            {"kind":"v_line","x":240.0,"label":"中线 / centre"},
            {"kind":"h_line","y":80.0,"label":"头顶（估计）/ head top (estimated)"}]"#;
        let overlays: Vec<Overlay> = serde_json::from_str(old).unwrap();
        let labels: Vec<Guide> = overlays.iter().filter_map(Overlay::guide).collect();
        assert_eq!(
            labels,
            [
                Guide::HeadTop,
                Guide::EyeLine,
                Guide::Centre,
                Guide::HeadTopEstimated
            ]
        );
        for g in Guide::ALL {
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(json, format!("\"{}\"", g.id()));
            assert_eq!(serde_json::from_str::<Guide>(&json).unwrap(), g);
        }
        assert!(serde_json::from_str::<Guide>(r#""top of head""#).is_err());
    }

    #[test]
    fn guide_and_verdict_labels_come_from_the_catalogue_in_each_language() {
        assert_eq!(Guide::HeadTop.label(Lang::Zh), "头顶");
        assert_eq!(Guide::HeadTop.label(Lang::En), "head top");
        assert_eq!(Verdict::Error.label(Lang::Zh), "未评估");
        assert_eq!(Verdict::Error.label(Lang::En), "Not assessed");
        for lang in [Lang::Zh, Lang::En] {
            let guides = Guide::ALL.map(|g| g.label(lang));
            let verdicts = Verdict::ALL.map(|v| v.label(lang));
            // A missing message would render as its id.
            for label in guides.iter().chain(&verdicts) {
                assert!(
                    !label.starts_with("overlay-") && !label.starts_with("verdict-"),
                    "{label:?} in {lang:?}"
                );
            }
            let distinct: HashSet<_> = guides.iter().collect();
            assert_eq!(distinct.len(), guides.len(), "{lang:?}");
        }
    }

    #[test]
    fn masks_run_length_encode_and_expand() {
        let set = [
            true, true, false, false, false, true, false, false, false, false, true, true,
        ];
        let m = Overlay::mask(10, 20, 4, 3, &set, Verdict::Warn).unwrap();
        let Overlay::Mask { runs, .. } = &m else {
            panic!("not a mask")
        };
        assert_eq!(runs, &vec![0, 2, 3, 1, 4, 2]);
        assert_eq!(m.mask_pixels().unwrap(), set.to_vec());
        assert!(Overlay::mask(0, 0, 5, 3, &set, Verdict::Warn).is_none());
        assert_eq!(
            Overlay::mask(0, 0, 0, 0, &[], Verdict::Pass)
                .unwrap()
                .mask_pixels()
                .unwrap(),
            Vec::<bool>::new()
        );
    }
}
