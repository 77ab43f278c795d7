//! The rejection-reason catalogue: stable codes and their groups. The reviewer labels and the
//! sentences sent to the student, worded after the studio's notice, are in the text catalogue
//! (`assets/i18n/<lang>/reasons.ftl`), named by code.
//!
//! Numbers in the texts (480×640 px) are the seed campaign's defaults.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::lang::Lang;
use crate::i18n::{self, Localized, Msg};

/// A rejection reason; (de)serialised as its stable code, e.g. `"WRONG_SIZE"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReasonCode {
    WrongSize,
    WrongFormat,
    NotColour,
    LowQualityFile,
    BackgroundColour,
    BackgroundUneven,
    BackgroundShadow,
    BackgroundObjects,
    FaceNotFound,
    HeadSize,
    HeadPosition,
    HeadTilted,
    ShouldersUneven,
    EarsAsymmetric,
    EyesNotOpen,
    GazeNotForward,
    MouthOpen,
    Expression,
    FaceTooBright,
    FaceTooDark,
    ColourCast,
    UnevenLighting,
    Blurry,
    OverRetouched,
    Glasses,
    HeadCovering,
    Jewellery,
    HairAccessory,
    HairCoversFace,
    HairMessy,
    HeavyMakeup,
    ColouredContacts,
    ClothesBlue,
    ClothesLikeBackground,
    ClothesPattern,
    ClothesNotAllowed,
    NotStudioPhoto,
    WrongPerson,
    Other,
}

/// Groups of reasons, for laying out the reviewer's reason picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonCategory {
    File,
    Background,
    Framing,
    Pose,
    Light,
    Sharpness,
    Retouch,
    Accessories,
    Clothing,
    Other,
}

/// A reason code that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownReason(pub String);

impl Localized for UnknownReason {
    fn msg(&self) -> Msg {
        Msg::new("reason-unknown").arg("code", &self.0)
    }
}

crate::english_display!(UnknownReason);

impl ReasonCategory {
    pub const ALL: [ReasonCategory; 10] = [
        Self::File,
        Self::Background,
        Self::Framing,
        Self::Pose,
        Self::Light,
        Self::Sharpness,
        Self::Retouch,
        Self::Accessories,
        Self::Clothing,
        Self::Other,
    ];

    /// The group's name in the reason picker (`reason-category-…` in the catalogue).
    pub fn label(self, lang: Lang) -> &'static str {
        let key = match self {
            Self::File => "file",
            Self::Background => "background",
            Self::Framing => "framing",
            Self::Pose => "pose",
            Self::Light => "light",
            Self::Sharpness => "sharpness",
            Self::Retouch => "retouch",
            Self::Accessories => "accessories",
            Self::Clothing => "clothing",
            Self::Other => "other",
        };
        i18n::label(lang, &format!("reason-category-{key}"))
    }
}

impl ReasonCode {
    /// Every reason, in the order of the domain reference.
    pub const ALL: [ReasonCode; 39] = [
        Self::WrongSize,
        Self::WrongFormat,
        Self::NotColour,
        Self::LowQualityFile,
        Self::BackgroundColour,
        Self::BackgroundUneven,
        Self::BackgroundShadow,
        Self::BackgroundObjects,
        Self::FaceNotFound,
        Self::HeadSize,
        Self::HeadPosition,
        Self::HeadTilted,
        Self::ShouldersUneven,
        Self::EarsAsymmetric,
        Self::EyesNotOpen,
        Self::GazeNotForward,
        Self::MouthOpen,
        Self::Expression,
        Self::FaceTooBright,
        Self::FaceTooDark,
        Self::ColourCast,
        Self::UnevenLighting,
        Self::Blurry,
        Self::OverRetouched,
        Self::Glasses,
        Self::HeadCovering,
        Self::Jewellery,
        Self::HairAccessory,
        Self::HairCoversFace,
        Self::HairMessy,
        Self::HeavyMakeup,
        Self::ColouredContacts,
        Self::ClothesBlue,
        Self::ClothesLikeBackground,
        Self::ClothesPattern,
        Self::ClothesNotAllowed,
        Self::NotStudioPhoto,
        Self::WrongPerson,
        Self::Other,
    ];

    /// The stable code, e.g. `"WRONG_SIZE"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::WrongSize => "WRONG_SIZE",
            Self::WrongFormat => "WRONG_FORMAT",
            Self::NotColour => "NOT_COLOUR",
            Self::LowQualityFile => "LOW_QUALITY_FILE",
            Self::BackgroundColour => "BACKGROUND_COLOUR",
            Self::BackgroundUneven => "BACKGROUND_UNEVEN",
            Self::BackgroundShadow => "BACKGROUND_SHADOW",
            Self::BackgroundObjects => "BACKGROUND_OBJECTS",
            Self::FaceNotFound => "FACE_NOT_FOUND",
            Self::HeadSize => "HEAD_SIZE",
            Self::HeadPosition => "HEAD_POSITION",
            Self::HeadTilted => "HEAD_TILTED",
            Self::ShouldersUneven => "SHOULDERS_UNEVEN",
            Self::EarsAsymmetric => "EARS_ASYMMETRIC",
            Self::EyesNotOpen => "EYES_NOT_OPEN",
            Self::GazeNotForward => "GAZE_NOT_FORWARD",
            Self::MouthOpen => "MOUTH_OPEN",
            Self::Expression => "EXPRESSION",
            Self::FaceTooBright => "FACE_TOO_BRIGHT",
            Self::FaceTooDark => "FACE_TOO_DARK",
            Self::ColourCast => "COLOUR_CAST",
            Self::UnevenLighting => "UNEVEN_LIGHTING",
            Self::Blurry => "BLURRY",
            Self::OverRetouched => "OVER_RETOUCHED",
            Self::Glasses => "GLASSES",
            Self::HeadCovering => "HEAD_COVERING",
            Self::Jewellery => "JEWELLERY",
            Self::HairAccessory => "HAIR_ACCESSORY",
            Self::HairCoversFace => "HAIR_COVERS_FACE",
            Self::HairMessy => "HAIR_MESSY",
            Self::HeavyMakeup => "HEAVY_MAKEUP",
            Self::ColouredContacts => "COLOURED_CONTACTS",
            Self::ClothesBlue => "CLOTHES_BLUE",
            Self::ClothesLikeBackground => "CLOTHES_LIKE_BACKGROUND",
            Self::ClothesPattern => "CLOTHES_PATTERN",
            Self::ClothesNotAllowed => "CLOTHES_NOT_ALLOWED",
            Self::NotStudioPhoto => "NOT_STUDIO_PHOTO",
            Self::WrongPerson => "WRONG_PERSON",
            Self::Other => "OTHER",
        }
    }

    /// Parses a code; surrounding spaces and lower case are accepted.
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code))
    }

    pub fn category(self) -> ReasonCategory {
        match self {
            Self::WrongSize | Self::WrongFormat | Self::NotColour | Self::LowQualityFile => {
                ReasonCategory::File
            }
            Self::BackgroundColour
            | Self::BackgroundUneven
            | Self::BackgroundShadow
            | Self::BackgroundObjects => ReasonCategory::Background,
            Self::FaceNotFound | Self::HeadSize | Self::HeadPosition | Self::HeadTilted => {
                ReasonCategory::Framing
            }
            Self::ShouldersUneven
            | Self::EarsAsymmetric
            | Self::EyesNotOpen
            | Self::GazeNotForward
            | Self::MouthOpen
            | Self::Expression => ReasonCategory::Pose,
            Self::FaceTooBright | Self::FaceTooDark | Self::ColourCast | Self::UnevenLighting => {
                ReasonCategory::Light
            }
            Self::Blurry => ReasonCategory::Sharpness,
            Self::OverRetouched => ReasonCategory::Retouch,
            Self::Glasses
            | Self::HeadCovering
            | Self::Jewellery
            | Self::HairAccessory
            | Self::HairCoversFace
            | Self::HairMessy
            | Self::HeavyMakeup
            | Self::ColouredContacts => ReasonCategory::Accessories,
            Self::ClothesBlue
            | Self::ClothesLikeBackground
            | Self::ClothesPattern
            | Self::ClothesNotAllowed => ReasonCategory::Clothing,
            Self::NotStudioPhoto | Self::WrongPerson | Self::Other => ReasonCategory::Other,
        }
    }

    /// The catalogue id of the reason's label: `reason-` and the code in kebab case
    /// (`reason-wrong-size`); its student sentence is that id plus `-student`.
    fn msg_id(self) -> String {
        format!(
            "reason-{}",
            self.code().to_ascii_lowercase().replace('_', "-")
        )
    }

    /// Short label for reviewers.
    pub fn label(self, lang: Lang) -> &'static str {
        i18n::label(lang, &self.msg_id())
    }

    /// The sentence sent to the student: what is wrong and what to do, worded after the
    /// studio's notice.
    pub fn student_text(self, lang: Lang) -> &'static str {
        i18n::label(lang, &format!("{}-student", self.msg_id()))
    }

    /// Whether the reviewer must add a free-text note (only `OTHER`).
    pub fn requires_note(self) -> bool {
        matches!(self, Self::Other)
    }

    /// Whether no automatic check suggests this reason; only a reviewer can raise it.
    pub fn reviewer_only(self) -> bool {
        matches!(
            self,
            Self::GazeNotForward
                | Self::Expression
                | Self::HeadCovering
                | Self::Jewellery
                | Self::HairAccessory
                | Self::HairMessy
                | Self::HeavyMakeup
                | Self::ColouredContacts
                | Self::ClothesNotAllowed
                | Self::NotStudioPhoto
                | Self::WrongPerson
                | Self::Other
        )
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for ReasonCode {
    type Err = UnknownReason;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| UnknownReason(s.trim().to_owned()))
    }
}

/// Parses a comma-separated list like `"BLURRY, FACE_TOO_DARK"` (a full-width `，` also
/// separates); empty items are ignored and duplicates dropped, keeping the first order.
pub fn parse_list(list: &str) -> Result<Vec<ReasonCode>, UnknownReason> {
    let mut out = Vec::new();
    for item in list.split([',', '，']) {
        if item.trim().is_empty() {
            continue;
        }
        let reason: ReasonCode = item.parse()?;
        if !out.contains(&reason) {
            out.push(reason);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::expect_used)] // Tests may panic.
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn all_has_39_unique_reasons_and_codes() {
        let reasons: HashSet<_> = ReasonCode::ALL.iter().collect();
        assert_eq!(reasons.len(), 39);
        let codes: HashSet<_> = ReasonCode::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), 39);
        // ALL follows the declaration order, which is the domain.md order.
        assert!(ReasonCode::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ReasonCode::ALL[0], ReasonCode::WrongSize);
        assert_eq!(ReasonCode::ALL[38], ReasonCode::Other);
    }

    #[test]
    fn codes_are_screaming_snake_case() {
        for r in ReasonCode::ALL {
            let code = r.code();
            assert!(
                code.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
                "{code}"
            );
            assert!(!code.starts_with('_') && !code.ends_with('_'), "{code}");
        }
    }

    #[test]
    fn every_code_round_trips_through_parse_display_and_from_str() {
        for r in ReasonCode::ALL {
            assert_eq!(ReasonCode::parse(r.code()), Some(r));
            assert_eq!(ReasonCode::parse(&r.code().to_lowercase()), Some(r));
            assert_eq!(ReasonCode::parse(&format!("  {}\t", r.code())), Some(r));
            assert_eq!(r.to_string(), r.code());
            assert_eq!(r.code().parse::<ReasonCode>(), Ok(r));
        }
    }

    #[test]
    fn every_code_round_trips_through_serde_json() {
        for r in ReasonCode::ALL {
            let json = serde_json::to_string(&r).expect("serialise");
            assert_eq!(json, format!("\"{}\"", r.code()));
            let back: ReasonCode = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, r);
        }
        assert!(serde_json::from_str::<ReasonCode>("\"NOT_A_REASON\"").is_err());
    }

    #[test]
    fn parse_rejects_unknown_codes() {
        assert_eq!(ReasonCode::parse(""), None);
        assert_eq!(ReasonCode::parse("WRONG SIZE"), None);
        assert_eq!(ReasonCode::parse("WrongSize"), None);
        let err = "NOPE".parse::<ReasonCode>().expect_err("unknown");
        assert_eq!(err, UnknownReason("NOPE".to_owned()));
        assert!(err.to_string().contains("unknown"));
        assert!(err.to_string().contains("NOPE"));
    }

    #[test]
    fn labels_and_student_texts_are_filled_in_both_languages() {
        for r in ReasonCode::ALL {
            let zh = r.label(Lang::Zh);
            let en = r.label(Lang::En);
            assert!(has_cjk(zh), "{r}: {zh}");
            assert!(!en.trim().is_empty() && !has_cjk(en), "{r}: {en}");
            assert_ne!(zh, en);
            let szh = r.student_text(Lang::Zh);
            let sen = r.student_text(Lang::En);
            assert!(has_cjk(szh) && szh.ends_with('。'), "{r}: {szh}");
            assert!(!sen.trim().is_empty() && sen.ends_with('.'), "{r}: {sen}");
            assert!(sen.contains("please"), "{r}: {sen}");
        }
        for c in ReasonCategory::ALL {
            assert!(has_cjk(c.label(Lang::Zh)));
            assert!(!c.label(Lang::En).is_empty());
        }
    }

    #[test]
    fn labels_are_unique_per_language() {
        for lang in [Lang::Zh, Lang::En] {
            let labels: HashSet<_> = ReasonCode::ALL.iter().map(|r| r.label(lang)).collect();
            assert_eq!(labels.len(), 39, "{lang:?}");
        }
    }

    #[test]
    fn texts_follow_the_notice() {
        assert_eq!(
            ReasonCode::Blurry.student_text(Lang::Zh),
            "照片面部模糊，请使用对焦清晰的照片重新上传。"
        );
        assert_eq!(ReasonCode::WrongSize.label(Lang::Zh), "尺寸不是480×640");
        assert_eq!(ReasonCode::WrongSize.label(Lang::En), "Not 480×640 px");
        assert!(
            ReasonCode::OverRetouched
                .student_text(Lang::Zh)
                .contains("学信网")
        );
        assert!(
            ReasonCode::OverRetouched
                .student_text(Lang::En)
                .contains("CHSI")
        );
        assert!(
            ReasonCode::NotStudioPhoto
                .student_text(Lang::Zh)
                .contains("小程序即时拍照")
        );
        assert!(
            ReasonCode::ClothesBlue
                .student_text(Lang::Zh)
                .contains("不得穿蓝色衣服")
        );
        assert!(
            ReasonCode::Glasses
                .student_text(Lang::Zh)
                .contains("不得佩戴眼镜")
        );
    }

    #[test]
    fn every_category_is_used_and_ordered_like_all() {
        let used: Vec<ReasonCategory> = ReasonCode::ALL.iter().fold(Vec::new(), |mut v, r| {
            if v.last() != Some(&r.category()) {
                v.push(r.category());
            }
            v
        });
        // Each category forms one contiguous run, in ReasonCategory::ALL order.
        assert_eq!(used, ReasonCategory::ALL.to_vec());
    }

    #[test]
    fn only_other_requires_a_note() {
        let with_note: Vec<_> = ReasonCode::ALL
            .into_iter()
            .filter(|r| r.requires_note())
            .collect();
        assert_eq!(with_note, vec![ReasonCode::Other]);
    }

    #[test]
    fn reviewer_only_matches_the_check_catalogue() {
        // Reasons suggested by some automatic check in domain.md.
        let checked = [
            ReasonCode::WrongFormat,
            ReasonCode::WrongSize,
            ReasonCode::NotColour,
            ReasonCode::LowQualityFile,
            ReasonCode::OverRetouched,
            ReasonCode::FaceNotFound,
            ReasonCode::BackgroundObjects,
            ReasonCode::HeadSize,
            ReasonCode::HeadPosition,
            ReasonCode::HeadTilted,
            ReasonCode::EarsAsymmetric,
            ReasonCode::EyesNotOpen,
            ReasonCode::MouthOpen,
            ReasonCode::BackgroundColour,
            ReasonCode::BackgroundUneven,
            ReasonCode::BackgroundShadow,
            ReasonCode::FaceTooBright,
            ReasonCode::FaceTooDark,
            ReasonCode::ColourCast,
            ReasonCode::UnevenLighting,
            ReasonCode::Blurry,
            ReasonCode::ClothesLikeBackground,
            ReasonCode::ClothesBlue,
            ReasonCode::ClothesPattern,
            ReasonCode::ShouldersUneven,
            ReasonCode::Glasses,
            ReasonCode::HairCoversFace,
        ];
        for r in ReasonCode::ALL {
            assert_eq!(r.reviewer_only(), !checked.contains(&r), "{r}");
        }
        assert_eq!(
            ReasonCode::ALL.iter().filter(|r| r.reviewer_only()).count(),
            12
        );
    }

    #[test]
    fn parse_list_handles_spaces_duplicates_and_empties() {
        assert_eq!(parse_list(""), Ok(vec![]));
        assert_eq!(parse_list(" , ,"), Ok(vec![]));
        assert_eq!(
            parse_list("BLURRY, FACE_TOO_DARK"),
            Ok(vec![ReasonCode::Blurry, ReasonCode::FaceTooDark])
        );
        assert_eq!(
            parse_list(" face_too_dark ,,BLURRY, FACE_TOO_DARK ,blurry,"),
            Ok(vec![ReasonCode::FaceTooDark, ReasonCode::Blurry])
        );
        assert_eq!(
            parse_list("GLASSES，OTHER"),
            Ok(vec![ReasonCode::Glasses, ReasonCode::Other])
        );
    }

    #[test]
    fn parse_list_reports_the_first_unknown_code() {
        assert_eq!(
            parse_list("BLURRY, FOO , BAR"),
            Err(UnknownReason("FOO".to_owned()))
        );
    }
}
