//! The `file.*` checks of the catalogue: decoding, format, dimensions, colour, size, JPEG
//! quality and editing software. Each is a pure function of the upload and the campaign's
//! [`PhotoSpec`]; [`check_file`] runs them all on one decode.

use super::decode::{DecodeError, DecodedPhoto, PhotoFormat, decode};
use super::result::{CheckResult, Report, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;

/// `file.colour`: a colour file whose chroma spread (max − min channel of a pixel, at the
/// 99.9th percentile over the photo) is at most this is a black-and-white photo. Not a
/// campaign setting: it only absorbs rounding and compression noise of grey pixels.
pub const GREY_SPREAD_MAX: f64 = 8.0;

const NOT_DECODED_ZH: &str = "照片无法解码";
const NOT_DECODED_EN: &str = "the photo could not be decoded";

fn threshold_format() -> String {
    "JPEG 8-bit".to_owned()
}

fn threshold_dimensions(spec: &PhotoSpec) -> String {
    format!("{}×{}", spec.width_px, spec.height_px)
}

fn threshold_colour() -> String {
    format!("RGB, spread > {GREY_SPREAD_MAX}")
}

fn threshold_size(spec: &PhotoSpec) -> String {
    format!("{}–{} KB", spec.file_size_kb.min, spec.file_size_kb.max)
}

fn threshold_quality(spec: &PhotoSpec) -> String {
    format!("≥ {}", spec.jpeg_quality_min)
}

fn threshold_edited() -> String {
    "EXIF Software ∉ retouch apps".to_owned()
}

fn channels_text(channels: u8) -> (String, String) {
    match channels {
        1 => ("灰度".to_owned(), "greyscale".to_owned()),
        3 => ("彩色".to_owned(), "colour".to_owned()),
        4 => ("CMYK".to_owned(), "CMYK".to_owned()),
        n => (format!("{n} 个通道"), format!("{n} channels")),
    }
}

/// How viewers that honour EXIF show a photo with this orientation; `None` when normal.
fn orientation_text(orientation: u16) -> Option<(String, String)> {
    let (zh, en) = match orientation {
        1 => return None,
        2 => ("左右镜像", "mirrored left–right"),
        3 => ("旋转 180°", "rotated 180°"),
        4 => ("上下镜像", "mirrored top–bottom"),
        5 => (
            "镜像并旋转 90°（转置）",
            "mirrored and turned 90° (transposed)",
        ),
        6 => ("顺时针旋转 90°", "rotated 90° clockwise"),
        7 => (
            "镜像并旋转 90°（反转置）",
            "mirrored and turned 90° (transversed)",
        ),
        8 => ("逆时针旋转 90°", "rotated 90° counter-clockwise"),
        other => {
            return Some((
                format!("无效的方向值 {other}"),
                format!("an invalid orientation value {other}"),
            ));
        }
    };
    Some((zh.to_owned(), en.to_owned()))
}

/// `file.decode`: the photo decodes at all. A rotation or mirroring recorded in EXIF is a
/// warning: phones show the photo turned, while CHSI and the workstation use the stored pixels.
pub fn check_decode(decoded: Result<&DecodedPhoto, &DecodeError>) -> CheckResult {
    const ID: &str = "file.decode";
    let photo = match decoded {
        Ok(photo) => photo,
        Err(e) => {
            return CheckResult::new(
                ID,
                Verdict::Fail,
                "decodes",
                format!("无法解码：{}", e.message_zh()),
                format!("Cannot decode: {e}"),
            )
            .with_reasons(&[ReasonCode::WrongFormat]);
        }
    };
    let (ch_zh, ch_en) = channels_text(photo.channels_in_file);
    let what_zh = format!(
        "{} {}×{}，{ch_zh}，{} 位",
        photo.format,
        photo.width(),
        photo.height(),
        photo.bit_depth
    );
    let what_en = format!(
        "{} {}×{}, {ch_en}, {}-bit",
        photo.format,
        photo.width(),
        photo.height(),
        photo.bit_depth
    );
    match photo.exif_orientation.and_then(|o| Some((o, orientation_text(o)?))) {
        Some((o, (turn_zh, turn_en))) => CheckResult::new(
            ID,
            Verdict::Warn,
            "decodes",
            format!(
                "已解码 {what_zh}，但 EXIF 方向标记为 {o}（查看器会{turn_zh}显示）：学生手机上看到的是变换后的照片，学信网与本界面使用原始像素"
            ),
            format!(
                "Decoded {what_en}, but its EXIF orientation is {o} (viewers show it {turn_en}): the student's phone shows it turned, while CHSI and this screen use the stored pixels"
            ),
        )
        .with_value(f64::from(o)),
        None => CheckResult::new(
            ID,
            Verdict::Pass,
            "decodes",
            format!("解码成功：{what_zh}"),
            format!("Decoded: {what_en}"),
        ),
    }
}

/// `file.format`: a JPEG with 8-bit samples and three colour channels (24-bit colour).
pub fn check_format(photo: &DecodedPhoto) -> CheckResult {
    const ID: &str = "file.format";
    let depth = photo.bit_depth;
    let fail = |zh: String, en: String| {
        CheckResult::new(ID, Verdict::Fail, threshold_format(), zh, en)
            .with_value(f64::from(depth))
            .with_reasons(&[ReasonCode::WrongFormat])
    };
    if photo.format != PhotoFormat::Jpeg {
        let f = photo.format;
        return fail(
            format!("文件实际为 {f} 格式（{depth} 位），不是 JPEG（按文件内容识别，与文件名无关）"),
            format!(
                "The file is a {f} ({depth}-bit), not a JPEG (detected from its content, whatever its name)"
            ),
        );
    }
    if photo.channels_in_file == 4 {
        return fail(
            "CMYK 格式的 JPEG（4 个颜色通道，印刷色彩空间），不是 24 位 RGB 彩色".to_owned(),
            "CMYK JPEG (4 colour channels, a print colour space), not 24-bit RGB colour".to_owned(),
        );
    }
    if depth != 8 {
        return fail(
            format!("{depth} 位 JPEG，须为 8 位"),
            format!("{depth}-bit JPEG; it must be 8-bit"),
        );
    }
    CheckResult::new(
        ID,
        Verdict::Pass,
        threshold_format(),
        "JPEG，8 位",
        "JPEG, 8-bit",
    )
    .with_value(f64::from(depth))
}

/// `file.format` when decoding failed: a certain non-JPEG (or CMYK) still fails by name;
/// anything else is not assessed.
pub fn check_format_undecoded(error: &DecodeError) -> CheckResult {
    const ID: &str = "file.format";
    let fail = |zh: String, en: String| {
        CheckResult::new(ID, Verdict::Fail, threshold_format(), zh, en)
            .with_reasons(&[ReasonCode::WrongFormat])
    };
    match (error, error.format()) {
        (DecodeError::Cmyk { .. }, _) => fail(
            "CMYK 格式的 JPEG（4 个颜色通道，印刷色彩空间），不是 24 位 RGB 彩色".to_owned(),
            "CMYK JPEG (4 colour channels, a print colour space), not 24-bit RGB colour".to_owned(),
        ),
        (DecodeError::UnknownFormat, _) => fail(
            "文件不是图片格式，不是 JPEG".to_owned(),
            "The file is not in any image format, so not a JPEG".to_owned(),
        ),
        (_, Some(f)) if f != PhotoFormat::Jpeg => fail(
            format!("文件实际为 {f} 格式，不是 JPEG（按文件内容识别，与文件名无关）"),
            format!("The file is a {f}, not a JPEG (detected from its content, whatever its name)"),
        ),
        _ => CheckResult::not_assessed(ID, threshold_format(), NOT_DECODED_ZH, NOT_DECODED_EN),
    }
}

/// `file.dimensions`: exactly the spec's width × height, in stored pixels.
pub fn check_dimensions(photo: &DecodedPhoto, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "file.dimensions";
    let (w, h) = (photo.width(), photo.height());
    let (sw, sh) = (spec.width_px, spec.height_px);
    // A quarter turn in EXIF swaps what phones show.
    let note = match photo.exif_orientation {
        Some(o @ 5..=8) => (
            format!("（EXIF 方向 {o}：手机上显示为 {h}×{w}）"),
            format!(" (EXIF orientation {o}: phones show it as {h}×{w})"),
        ),
        _ => (String::new(), String::new()),
    };
    if (w, h) == (sw, sh) {
        CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_dimensions(spec),
            format!("{w}×{h} 像素{}", note.0),
            format!("{w}×{h} px{}", note.1),
        )
    } else {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_dimensions(spec),
            format!("尺寸为 {w}×{h} 像素，须为 {sw}×{sh}{}", note.0),
            format!("{w}×{h} px; it must be exactly {sw}×{sh}{}", note.1),
        )
        .with_reasons(&[ReasonCode::WrongSize])
    }
}

/// The chroma spread (max − min channel) below which 99.9 % of the pixels lie.
pub fn chroma_spread(rgb: &image::RgbImage) -> f64 {
    let mut hist = [0u64; 256];
    for p in rgb.pixels() {
        let [r, g, b] = p.0;
        hist[usize::from(r.max(g).max(b) - r.min(g).min(b))] += 1;
    }
    let total: u64 = hist.iter().sum();
    let keep = total - total / 1000;
    let mut seen = 0;
    for (spread, &n) in hist.iter().enumerate() {
        seen += n;
        if seen >= keep {
            return spread as f64;
        }
    }
    0.0
}

/// `file.colour`: 24-bit colour, and not a black-and-white picture saved as colour.
pub fn check_colour(photo: &DecodedPhoto) -> CheckResult {
    const ID: &str = "file.colour";
    if photo.channels_in_file == 1 {
        return CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_colour(),
            "灰度文件（1 个通道），不是 24 位彩色照片",
            "Greyscale file (1 channel), not a 24-bit colour photo",
        )
        .with_value(0.0)
        .with_reasons(&[ReasonCode::NotColour]);
    }
    let spread = chroma_spread(&photo.rgb);
    if spread <= GREY_SPREAD_MAX {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_colour(),
            format!("彩色文件，但所有像素都是灰色（色差 {spread} ≤ {GREY_SPREAD_MAX}）：是黑白照片"),
            format!(
                "Colour file, but every pixel is grey (channel spread {spread} ≤ {GREY_SPREAD_MAX}): a black-and-white photo"
            ),
        )
        .with_value(spread)
        .with_reasons(&[ReasonCode::NotColour])
    } else {
        CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_colour(),
            format!("彩色（色差 {spread}）"),
            format!("Colour (channel spread {spread})"),
        )
        .with_value(spread)
    }
}

/// `file.size`: the file size in KB (1 KB = 1024 bytes) is in the spec's range; warn outside.
pub fn check_size(byte_len: usize, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "file.size";
    let kb = byte_len as f64 / 1024.0;
    let range = spec.file_size_kb;
    let (verdict, zh, en) = if range.contains(kb) {
        (
            Verdict::Pass,
            format!("文件大小 {kb:.1} KB"),
            format!("File size {kb:.1} KB"),
        )
    } else if kb < range.min {
        (
            Verdict::Warn,
            format!(
                "文件只有 {kb:.1} KB（应为 {} KB 以上）：可能压缩过度",
                range.min
            ),
            format!(
                "File is only {kb:.1} KB (expected at least {} KB): probably compressed too hard",
                range.min
            ),
        )
    } else {
        (
            Verdict::Warn,
            format!(
                "文件有 {kb:.1} KB（应不超过 {} KB）：未按要求压缩",
                range.max
            ),
            format!(
                "File is {kb:.1} KB (expected at most {} KB): not compressed as required",
                range.max
            ),
        )
    };
    CheckResult::new(ID, verdict, threshold_size(spec), zh, en)
        .with_value(kb)
        .with_reasons(&[ReasonCode::LowQualityFile])
}

/// `file.jpeg_quality`: the quality factor estimated from the quantisation tables.
pub fn check_jpeg_quality(photo: &DecodedPhoto, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "file.jpeg_quality";
    if photo.format != PhotoFormat::Jpeg {
        return CheckResult::not_assessed(
            ID,
            threshold_quality(spec),
            &format!("文件是 {}，不是 JPEG", photo.format),
            &format!("the file is a {}, not a JPEG", photo.format),
        );
    }
    let Some(q) = photo.jpeg_quality else {
        return CheckResult::not_assessed(
            ID,
            threshold_quality(spec),
            "JPEG 中没有量化表",
            "the JPEG has no quantisation tables",
        );
    };
    let min = f64::from(spec.jpeg_quality_min);
    if q < min {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_quality(spec),
            format!("JPEG 质量约为 {q:.0}，低于 {min}：压缩过度"),
            format!("Estimated JPEG quality {q:.0}, below {min}: compressed too hard"),
        )
        .with_value(q)
        .with_reasons(&[ReasonCode::LowQualityFile])
    } else {
        CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_quality(spec),
            format!("JPEG 质量约为 {q:.0}"),
            format!("Estimated JPEG quality {q:.0}"),
        )
        .with_value(q)
    }
}

/// `file.edited`: EXIF `Software` names a beauty or retouch app of the spec (case-insensitive
/// substring): warn.
pub fn check_edited(photo: &DecodedPhoto, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "file.edited";
    let Some(software) = photo.exif_software.as_deref() else {
        return CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_edited(),
            "EXIF 中未记录修图软件",
            "No editing software recorded in EXIF",
        );
    };
    let lower = software.to_lowercase();
    let app = spec
        .retouch_apps
        .iter()
        .map(|a| a.trim().to_lowercase())
        .find(|a| !a.is_empty() && lower.contains(a.as_str()));
    match app {
        Some(app) => CheckResult::new(
            ID,
            Verdict::Warn,
            threshold_edited(),
            format!("EXIF 软件字段为“{software}”，是美颜/修图软件（{app}）"),
            format!("EXIF Software is \"{software}\", a beauty/retouch app ({app})"),
        )
        .with_reasons(&[ReasonCode::OverRetouched]),
        None => CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_edited(),
            format!("EXIF 软件字段为“{software}”，不是已知的修图软件"),
            format!("EXIF Software is \"{software}\", not a known retouch app"),
        ),
    }
}

/// Decodes the upload once and runs every `file.*` check. When decoding fails, the checks
/// that need pixels come back as `error` (not assessed), never as a pass.
pub fn check_file(bytes: &[u8], spec: &PhotoSpec) -> (Report, Option<DecodedPhoto>) {
    let decoded = decode(bytes);
    let mut checks = vec![check_decode(decoded.as_ref())];
    match &decoded {
        Ok(photo) => checks.extend([
            check_format(photo),
            check_dimensions(photo, spec),
            check_colour(photo),
            check_size(photo.byte_len, spec),
            check_jpeg_quality(photo, spec),
            check_edited(photo, spec),
        ]),
        Err(e) => {
            checks.push(check_format_undecoded(e));
            let na = |id, threshold| {
                CheckResult::not_assessed(id, threshold, NOT_DECODED_ZH, NOT_DECODED_EN)
            };
            checks.extend([
                na("file.dimensions", threshold_dimensions(spec)),
                na("file.colour", threshold_colour()),
                na("file.size", threshold_size(spec)),
                na("file.jpeg_quality", threshold_quality(spec)),
                na("file.edited", threshold_edited()),
            ]);
        }
    }
    let report = Report {
        width: decoded.as_ref().ok().map(DecodedPhoto::width),
        height: decoded.as_ref().ok().map(DecodedPhoto::height),
        checks,
    };
    (report, decoded.ok())
}

#[cfg(test)]
mod tests {
    use image::RgbImage;

    use super::*;
    use crate::domain::lang::Lang;

    const DEMO: &[u8] = include_bytes!("../../assets/demo/hivision__test1.jpg");

    fn photo(rgb: RgbImage) -> DecodedPhoto {
        DecodedPhoto {
            format: PhotoFormat::Jpeg,
            rgb,
            bit_depth: 8,
            channels_in_file: 3,
            exif_orientation: None,
            exif_software: None,
            jpeg_quality: Some(85.0),
            byte_len: 40 * 1024,
        }
    }

    fn blue(w: u32, h: u32) -> DecodedPhoto {
        photo(RgbImage::from_pixel(w, h, image::Rgb([100, 197, 255])))
    }

    #[test]
    fn demo_photo_passes_every_file_check() {
        let spec = PhotoSpec::default();
        let (report, photo) = check_file(DEMO, &spec);
        assert!(photo.is_some());
        assert_eq!((report.width, report.height), (Some(480), Some(640)));
        let ids: Vec<_> = report.checks.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [
                "file.decode",
                "file.format",
                "file.dimensions",
                "file.colour",
                "file.size",
                "file.jpeg_quality",
                "file.edited"
            ]
        );
        for c in &report.checks {
            assert_eq!(c.verdict, Verdict::Pass, "{}: {}", c.id, c.message_en);
            assert!(c.reasons.is_empty());
            assert!(!c.message_zh.is_empty() && !c.message_en.is_empty());
        }
        assert_eq!(report.verdict(), Verdict::Pass);
    }

    #[test]
    fn undecodable_gives_fail_then_not_assessed() {
        let spec = PhotoSpec::default();
        let (report, photo) = check_file(b"", &spec);
        assert!(photo.is_none());
        assert_eq!(report.width, None);
        let decode = report.get("file.decode").unwrap();
        assert_eq!(decode.verdict, Verdict::Fail);
        assert!(decode.message_en.contains("empty"), "{}", decode.message_en);
        assert!(
            decode.message_zh.contains("文件为空"),
            "{}",
            decode.message_zh
        );
        assert_eq!(report.checks.len(), 7);
        for c in &report.checks[1..] {
            assert_eq!(c.verdict, Verdict::Error, "{}", c.id);
            assert!(c.message(Lang::En).starts_with("Not assessed"));
        }
        assert_eq!(report.suggested_reasons(), vec![ReasonCode::WrongFormat]);
        assert_eq!(report.assessed_verdict(), Some(Verdict::Fail));
    }

    #[test]
    fn dimensions_follow_the_spec() {
        let spec = PhotoSpec::default();
        assert_eq!(
            check_dimensions(&blue(480, 640), &spec).verdict,
            Verdict::Pass
        );
        let c = check_dimensions(&blue(481, 640), &spec);
        assert_eq!(c.verdict, Verdict::Fail);
        assert_eq!(c.reasons, vec![ReasonCode::WrongSize]);
        assert!(c.message_en.contains("481×640"), "{}", c.message_en);
        assert_eq!(c.threshold, "480×640");
        let custom = PhotoSpec {
            width_px: 481,
            ..PhotoSpec::default()
        };
        assert_eq!(
            check_dimensions(&blue(481, 640), &custom).verdict,
            Verdict::Pass
        );
        let mut rotated = blue(640, 480);
        rotated.exif_orientation = Some(6);
        let c = check_dimensions(&rotated, &spec);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(
            c.message_en.contains("phones show it as 480×640"),
            "{}",
            c.message_en
        );
    }

    #[test]
    fn colour_fails_for_grey_files_and_grey_pixels() {
        assert_eq!(check_colour(&blue(8, 8)).verdict, Verdict::Pass);
        let mut grey = blue(8, 8);
        grey.channels_in_file = 1;
        let c = check_colour(&grey);
        assert_eq!(
            (c.verdict, c.reasons.clone()),
            (Verdict::Fail, vec![ReasonCode::NotColour])
        );
        assert!(c.message_en.contains("Greyscale"));
        let grey_pixels = photo(RgbImage::from_fn(50, 50, |x, y| {
            let v = (x * 5) as u8;
            image::Rgb([v, v.saturating_add((y % 3) as u8), v])
        }));
        let c = check_colour(&grey_pixels);
        assert_eq!(c.verdict, Verdict::Fail, "{}", c.message_en);
        assert_eq!(c.value, Some(2.0));
        // A few stray coloured pixels (0.04 %) do not make a colour photo.
        let mut speckled = grey_pixels.clone();
        speckled.rgb.put_pixel(3, 3, image::Rgb([255, 0, 0]));
        assert_eq!(check_colour(&speckled).verdict, Verdict::Fail);
    }

    #[test]
    fn size_warns_outside_the_range() {
        let spec = PhotoSpec::default();
        let c = check_size(30 * 1024, &spec);
        assert_eq!((c.verdict, c.value), (Verdict::Pass, Some(30.0)));
        assert!(c.reasons.is_empty());
        let c = check_size(10 * 1024, &spec);
        assert_eq!(c.verdict, Verdict::Warn);
        assert_eq!(c.reasons, vec![ReasonCode::LowQualityFile]);
        assert!(c.message_en.contains("10.0 KB"), "{}", c.message_en);
        let c = check_size(600 * 1024, &spec);
        assert_eq!(c.verdict, Verdict::Warn);
        assert!(c.message_en.contains("at most 500 KB"), "{}", c.message_en);
        assert_eq!(c.threshold, "20–500 KB");
    }

    #[test]
    fn jpeg_quality_fails_below_the_minimum_and_is_not_assessed_for_png() {
        let spec = PhotoSpec::default();
        let mut p = blue(4, 4);
        assert_eq!(check_jpeg_quality(&p, &spec).verdict, Verdict::Pass);
        p.jpeg_quality = Some(59.0);
        let c = check_jpeg_quality(&p, &spec);
        assert_eq!((c.verdict, c.value), (Verdict::Fail, Some(59.0)));
        assert_eq!(c.reasons, vec![ReasonCode::LowQualityFile]);
        assert_eq!(c.threshold, "≥ 60");
        p.jpeg_quality = None;
        assert_eq!(check_jpeg_quality(&p, &spec).verdict, Verdict::Error);
        p.format = PhotoFormat::Png;
        let c = check_jpeg_quality(&p, &spec);
        assert_eq!(c.verdict, Verdict::Error);
        assert!(c.message_en.contains("PNG"), "{}", c.message_en);
    }

    #[test]
    fn edited_warns_for_retouch_apps_case_insensitively() {
        let spec = PhotoSpec::default();
        let mut p = blue(4, 4);
        let c = check_edited(&p, &spec);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(c.message_en.contains("No editing software recorded"));
        p.exif_software = Some("MeiTu XiuXiu 9.1".into());
        let c = check_edited(&p, &spec);
        assert_eq!(
            (c.verdict, c.reasons.clone()),
            (Verdict::Warn, vec![ReasonCode::OverRetouched])
        );
        assert!(c.message_en.contains("MeiTu XiuXiu 9.1"));
        p.exif_software = Some("美图秀秀".into());
        assert_eq!(check_edited(&p, &spec).verdict, Verdict::Warn);
        p.exif_software = Some("Adobe Photoshop Lightroom".into());
        assert_eq!(check_edited(&p, &spec).verdict, Verdict::Pass);
        let odd = PhotoSpec {
            retouch_apps: vec![String::new(), "  ".into()],
            ..PhotoSpec::default()
        };
        assert_eq!(check_edited(&p, &odd).verdict, Verdict::Pass);
    }

    #[test]
    fn format_names_non_jpegs_cmyk_and_depth() {
        let mut p = blue(4, 4);
        assert_eq!(check_format(&p).verdict, Verdict::Pass);
        p.format = PhotoFormat::Png;
        p.bit_depth = 16;
        let c = check_format(&p);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c.message_en.contains("PNG (16-bit)"), "{}", c.message_en);
        let mut cmyk = blue(4, 4);
        cmyk.channels_in_file = 4;
        assert!(check_format(&cmyk).message_en.contains("CMYK"));
        let c = check_format_undecoded(&DecodeError::Unsupported {
            format: PhotoFormat::WebP,
        });
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c.message_en.contains("WebP"));
        let c = check_format_undecoded(&DecodeError::Truncated {
            format: PhotoFormat::Jpeg,
            byte_len: 3,
        });
        assert_eq!(c.verdict, Verdict::Error);
    }

    #[test]
    fn decode_warns_about_exif_rotation() {
        let mut p = blue(4, 4);
        p.exif_orientation = Some(1);
        assert_eq!(check_decode(Ok(&p)).verdict, Verdict::Pass);
        p.exif_orientation = Some(6);
        let c = check_decode(Ok(&p));
        assert_eq!(c.verdict, Verdict::Warn);
        assert!(
            c.message_en.contains("rotated 90° clockwise"),
            "{}",
            c.message_en
        );
        assert!(c.message_zh.contains("顺时针旋转 90°"), "{}", c.message_zh);
        p.exif_orientation = Some(42);
        assert!(
            check_decode(Ok(&p))
                .message_en
                .contains("invalid orientation value 42")
        );
    }
}
