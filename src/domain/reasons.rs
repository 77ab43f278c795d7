//! The rejection-reason catalogue: stable codes, reviewer labels (zh + en) and the
//! sentences sent to the student, worded after the studio's notice.
//!
//! Numbers in the texts (480×640 px) are the seed campaign's defaults.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::lang::Lang;

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
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown rejection reason code: {0:?}")]
pub struct UnknownReason(pub String);

/// Reviewer labels and student sentences of one reason.
struct Texts {
    label_zh: &'static str,
    label_en: &'static str,
    student_zh: &'static str,
    student_en: &'static str,
}

const fn t(
    label_zh: &'static str,
    label_en: &'static str,
    student_zh: &'static str,
    student_en: &'static str,
) -> Texts {
    Texts {
        label_zh,
        label_en,
        student_zh,
        student_en,
    }
}

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

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::File => lang.pick("文件", "File"),
            Self::Background => lang.pick("背景", "Background"),
            Self::Framing => lang.pick("构图", "Framing"),
            Self::Pose => lang.pick("姿态与表情", "Pose and expression"),
            Self::Light => lang.pick("光线", "Lighting"),
            Self::Sharpness => lang.pick("清晰度", "Sharpness"),
            Self::Retouch => lang.pick("修图", "Retouching"),
            Self::Accessories => lang.pick("佩饰及遮挡物", "Accessories and coverings"),
            Self::Clothing => lang.pick("衣着", "Clothing"),
            Self::Other => lang.pick("其他", "Other"),
        }
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

    /// Short label for reviewers.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = self.texts();
        lang.pick(t.label_zh, t.label_en)
    }

    /// The sentence sent to the student: what is wrong and what to do (Chinese).
    pub fn student_text_zh(self) -> &'static str {
        self.texts().student_zh
    }

    /// English rendering of [`Self::student_text_zh`].
    pub fn student_text_en(self) -> &'static str {
        self.texts().student_en
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

    #[allow(clippy::too_many_lines)] // One arm per reason: the catalogue itself.
    fn texts(self) -> Texts {
        match self {
            Self::WrongSize => t(
                "尺寸不是480×640",
                "Not 480×640 px",
                "照片尺寸不符合要求，请上传宽480像素、高640像素的照片。",
                "The photo does not have the required size; please upload a photo 480 pixels wide and 640 pixels high.",
            ),
            Self::WrongFormat => t(
                "格式不是JPEG",
                "Not a JPEG file",
                "照片文件格式不符合要求，请上传JPG（JPEG）格式的照片。",
                "The photo file is not in the required format; please upload the photo as a JPG (JPEG) file.",
            ),
            Self::NotColour => t(
                "不是彩色照片",
                "Not a colour photo",
                "照片不是彩色照片，请上传彩色证件照，不要使用黑白照片。",
                "The photo is not in colour; please upload a colour ID photo, not a black-and-white one.",
            ),
            Self::LowQualityFile => t(
                "文件质量差（压缩过度）",
                "Poor file quality (over-compressed)",
                "照片文件压缩过度、画质较差，请上传照相馆提供的原始电子相片，不要截图或反复压缩。",
                "The photo file is heavily compressed and of poor quality; please upload the original electronic photo from the studio, without screenshots or repeated compression.",
            ),
            Self::BackgroundColour => t(
                "背景颜色不符",
                "Wrong background colour",
                "照片背景颜色不符合要求，请使用规定颜色的纯色背景（如浅蓝色）重新拍摄后上传。",
                "The background colour does not meet the requirements; please retake the photo against a plain background of an accepted colour (such as light blue) and upload it again.",
            ),
            Self::BackgroundUneven => t(
                "背景不均匀/有渐变",
                "Background uneven / gradient",
                "照片背景不均匀或有渐变，请使用均匀无渐变的纯色背景重新拍摄后上传。",
                "The background is uneven or has a gradient; please retake the photo against an even, plain background without any gradient and upload it again.",
            ),
            Self::BackgroundShadow => t(
                "背景有阴影",
                "Shadow on background",
                "照片背景有阴影，请调整灯光、使背景不出现阴影后重新拍摄上传。",
                "There is a shadow on the background; please adjust the lighting so that the background has no shadow, retake the photo and upload it again.",
            ),
            Self::BackgroundObjects => t(
                "背景有其他人或物体",
                "Other people or objects in background",
                "照片背景中有其他人或物体，请在干净的纯色背景前单独拍摄后重新上传。",
                "There are other people or objects in the background; please retake the photo alone in front of a clean, plain background and upload it again.",
            ),
            Self::FaceNotFound => t(
                "未检测到人脸",
                "No face found",
                "照片中无法识别人脸，请上传本人正面、面部完整清晰的证件照。",
                "No face can be recognised in the photo; please upload a front-facing ID photo of yourself in which your whole face is clearly visible.",
            ),
            Self::HeadSize => t(
                "头部大小不合适",
                "Head too large or too small",
                "照片中头部大小比例不符合要求，请按规定的人物比例重新拍摄（头部不要过大或过小）后上传。",
                "The size of the head does not match the required proportions; please retake the photo with the required proportions (head neither too large nor too small) and upload it again.",
            ),
            Self::HeadPosition => t(
                "头部位置不合适",
                "Head badly placed",
                "照片中头部位置不符合要求，请使头部居中、头顶上方留出适当空间后重新拍摄上传。",
                "The head is not positioned correctly; please retake the photo with your head centred and a suitable space above it, and upload it again.",
            ),
            Self::HeadTilted => t(
                "头部倾斜",
                "Head tilted",
                "照片中头部倾斜，请坐姿端正、头部摆正后重新拍摄上传。",
                "Your head is tilted in the photo; please sit upright with your head straight, retake the photo and upload it again.",
            ),
            Self::ShouldersUneven => t(
                "双肩不水平",
                "Shoulders not level",
                "照片中双肩不水平，请坐姿端正、左右肩膀保持平衡后重新拍摄上传。",
                "Your shoulders are not level in the photo; please sit upright with both shoulders level, retake the photo and upload it again.",
            ),
            Self::EarsAsymmetric => t(
                "耳朵不对称（头部偏转）",
                "Ears not symmetric (head turned)",
                "照片中头部向一侧偏转、双耳不对称，请正对镜头、保持耳朵对称后重新拍摄上传。",
                "Your head is turned to one side and your ears are not symmetric; please face the camera squarely so that both ears look symmetric, retake the photo and upload it again.",
            ),
            Self::EyesNotOpen => t(
                "双眼未自然睁开",
                "Eyes not open",
                "照片中双眼未自然睁开，请双眼自然睁开后重新拍摄上传。",
                "Your eyes are not naturally open in the photo; please retake the photo with both eyes naturally open and upload it again.",
            ),
            Self::GazeNotForward => t(
                "未平视前方",
                "Not looking straight ahead",
                "照片中双眼未平视前方，请目视前方、平视镜头后重新拍摄上传。",
                "You are not looking straight ahead in the photo; please look straight into the camera, retake the photo and upload it again.",
            ),
            Self::MouthOpen => t(
                "嘴唇未自然闭合",
                "Lips not closed",
                "照片中嘴唇未自然闭合，请嘴唇自然闭合后重新拍摄上传。",
                "Your lips are not naturally closed in the photo; please retake the photo with your lips naturally closed and upload it again.",
            ),
            Self::Expression => t(
                "表情不自然",
                "Unnatural expression",
                "照片中表情不自然，请保持自然表情后重新拍摄上传。",
                "Your expression in the photo is not natural; please retake the photo with a natural expression and upload it again.",
            ),
            Self::FaceTooBright => t(
                "面部过亮",
                "Face too bright",
                "照片面部过亮，请在光线适中的条件下重新拍摄后上传。",
                "The face is too bright in the photo; please retake it under moderate lighting and upload it again.",
            ),
            Self::FaceTooDark => t(
                "面部偏暗",
                "Face too dark",
                "照片面部偏暗，请在光线充足的条件下重新拍摄后上传。",
                "The face is too dark in the photo; please retake it in sufficient light and upload it again.",
            ),
            Self::ColourCast => t(
                "面部偏色（如偏红）",
                "Colour cast (e.g. reddish)",
                "照片面部偏色（如偏红），请在正常光线下重新拍摄，上传肤色自然的照片。",
                "The face has a colour cast (for example reddish); please retake the photo under normal lighting and upload one with natural skin tones.",
            ),
            Self::UnevenLighting => t(
                "面部光线不均匀",
                "Uneven lighting on face",
                "照片面部光线不均匀（一侧明显偏暗），请在光线均匀的条件下重新拍摄后上传。",
                "The lighting on the face is uneven (one side clearly darker); please retake the photo under even lighting and upload it again.",
            ),
            Self::Blurry => t(
                "面部模糊",
                "Face blurry",
                "照片面部模糊，请使用对焦清晰的照片重新上传。",
                "The face in the photo is blurry; please upload a sharply focused photo.",
            ),
            Self::OverRetouched => t(
                "过度美颜/修图",
                "Over-retouched",
                "照片修图或美颜过度，会导致学信网图像信息比对不通过、无法注册学历信息，请上传未经过度修图的原始照片。",
                "The photo is over-retouched or beautified, which makes it fail the face comparison at CHSI (学信网) so that the degree cannot be registered; please upload an original photo without heavy retouching.",
            ),
            Self::Glasses => t(
                "佩戴眼镜",
                "Wearing glasses",
                "照片中佩戴了眼镜，本次采集不得佩戴眼镜，请摘下眼镜后重新拍摄上传。",
                "You are wearing glasses in the photo; glasses are not allowed in this collection, so please take them off, retake the photo and upload it again.",
            ),
            Self::HeadCovering => t(
                "头部有覆盖物",
                "Head covering",
                "照片中使用了头部覆盖物，请摘下帽子等覆盖物后重新拍摄上传（宗教、医疗和文化需要时，不得遮挡脸部或造成阴影）。",
                "You are wearing a head covering in the photo; please remove hats and other coverings, retake the photo and upload it again (where one is needed for religious, medical or cultural reasons, it must not cover the face or cast shadows).",
            ),
            Self::Jewellery => t(
                "佩戴饰品（耳环、项链等）",
                "Jewellery (earrings, necklace…)",
                "照片中佩戴了耳环、项链等饰品，请摘下饰品后重新拍摄上传。",
                "You are wearing earrings, a necklace or other jewellery in the photo; please take it off, retake the photo and upload it again.",
            ),
            Self::HairAccessory => t(
                "佩戴发饰",
                "Hair ornament",
                "照片中佩戴了发饰，请摘下发饰、整理好发型后重新拍摄上传。",
                "You are wearing a hair ornament in the photo; please remove it, tidy your hair, retake the photo and upload it again.",
            ),
            Self::HairCoversFace => t(
                "头发遮挡眉毛/眼睛/耳朵",
                "Hair covers eyebrows, eyes or ears",
                "照片中头发遮挡了眉毛、眼睛或耳朵，请整理头发，露出眉毛、眼睛和耳朵后重新拍摄上传。",
                "Your hair covers your eyebrows, eyes or ears in the photo; please arrange your hair so that they are visible, retake the photo and upload it again.",
            ),
            Self::HairMessy => t(
                "头发凌乱遮挡/披在前面",
                "Hair messy / hanging in front",
                "照片中头发凌乱或披在前面，请将头发整理整齐后重新拍摄上传。",
                "Your hair is messy or hangs in front of you in the photo; please tidy your hair, retake the photo and upload it again.",
            ),
            Self::HeavyMakeup => t(
                "化浓妆",
                "Heavy make-up",
                "照片中妆容过浓，不得化浓妆，请以自然妆容重新拍摄后上传。",
                "Your make-up is too heavy in the photo; heavy make-up is not allowed, so please retake the photo with natural make-up and upload it again.",
            ),
            Self::ColouredContacts => t(
                "佩戴有色隐形眼镜",
                "Coloured contact lenses",
                "照片中佩戴了有色隐形眼镜，请摘下后重新拍摄上传。",
                "You are wearing coloured contact lenses in the photo; please take them out, retake the photo and upload it again.",
            ),
            Self::ClothesBlue => t(
                "穿蓝色衣服",
                "Blue clothes",
                "照片中穿着蓝色衣服，本次采集不得穿蓝色衣服，请更换其他颜色的衣服后重新拍摄上传。",
                "You are wearing blue clothes in the photo; blue clothes are not allowed in this collection, so please change into clothes of another colour, retake the photo and upload it again.",
            ),
            Self::ClothesLikeBackground => t(
                "衣着与背景色区分不明显",
                "Clothes too close to background colour",
                "照片中衣着与背景色区分不明显，请更换与背景颜色明显不同的衣服后重新拍摄上传。",
                "Your clothes are not clearly distinct from the background colour; please change into clothes of a clearly different colour, retake the photo and upload it again.",
            ),
            Self::ClothesPattern => t(
                "衣着有复杂图案或条纹",
                "Clothes with busy pattern or stripes",
                "照片中衣服有复杂图案或条纹，请更换无复杂图案、无条纹的衣服后重新拍摄上传。",
                "Your clothes have a busy pattern or stripes; please change into clothes without complex patterns or stripes, retake the photo and upload it again.",
            ),
            Self::ClothesNotAllowed => t(
                "衣着不符（毛领大衣、臃肿外套、吊带衫）",
                "Clothing not allowed (fur collar, bulky coat, camisole)",
                "照片中的衣着不符合要求，请勿穿着毛领大衣、臃肿外套或吊带衫，更换得体的衣服后重新拍摄上传。",
                "Your clothing is not allowed; please do not wear a fur-collared coat, a bulky outer garment or a camisole, change into suitable clothes, retake the photo and upload it again.",
            ),
            Self::NotStudioPhoto => t(
                "非照相馆拍摄（自拍/即时拍照）",
                "Not a studio photo (selfie / instant camera)",
                "照片须在正规照相馆拍摄，不得自拍或使用小程序即时拍照，请在照相馆拍摄证件照后从手机相册上传。",
                "The photo must be taken at a proper photo studio, not as a selfie or with the mini-program's instant camera; please have an ID photo taken at a studio and upload it from your phone's album.",
            ),
            Self::WrongPerson => t(
                "不是本人",
                "Not the student",
                "照片中的人物与本人不符，请上传本人的证件照。",
                "The person in the photo is not you; please upload an ID photo of yourself.",
            ),
            Self::Other => t(
                "其他（须填写说明）",
                "Other (note required)",
                "照片不符合采集要求，具体原因见审核说明，请按说明修改后重新上传。",
                "The photo does not meet the collection requirements; please see the reviewer's note for details, correct the problem and upload it again.",
            ),
        }
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
            let szh = r.student_text_zh();
            let sen = r.student_text_en();
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
            ReasonCode::Blurry.student_text_zh(),
            "照片面部模糊，请使用对焦清晰的照片重新上传。"
        );
        assert_eq!(ReasonCode::WrongSize.label(Lang::Zh), "尺寸不是480×640");
        assert_eq!(ReasonCode::WrongSize.label(Lang::En), "Not 480×640 px");
        assert!(
            ReasonCode::OverRetouched
                .student_text_zh()
                .contains("学信网")
        );
        assert!(ReasonCode::OverRetouched.student_text_en().contains("CHSI"));
        assert!(
            ReasonCode::NotStudioPhoto
                .student_text_zh()
                .contains("小程序即时拍照")
        );
        assert!(
            ReasonCode::ClothesBlue
                .student_text_zh()
                .contains("不得穿蓝色衣服")
        );
        assert!(
            ReasonCode::Glasses
                .student_text_zh()
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
