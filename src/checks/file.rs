//! The `file.*` checks of the catalogue: decoding, format, dimensions, colour, size, JPEG
//! quality and editing software. Each is a pure function of the upload and the campaign's
//! [`PhotoSpec`]; [`check_file`] runs them all on one decode.

use super::decode::{DecodeError, DecodedPhoto, PhotoFormat, decode};
use super::result::{CheckResult, Report, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::{Arg, Localized, Msg};

/// `file.colour`: a colour file whose chroma spread (max − min channel of a pixel, at the
/// 99.9th percentile over the photo) is at most this is a black-and-white photo. Not a
/// campaign setting: it only absorbs rounding and compression noise of grey pixels.
pub const GREY_SPREAD_MAX: f64 = 8.0;
/// `file.colour`: a pixel whose channel spread exceeds this shows a visible tint (about
/// C* 5 or more), beyond JPEG chroma noise on grey.
pub const TINT_SPREAD: u8 = 12;
/// `file.colour`: a colour ID photo shows its colour at least on the face. At the smallest
/// legal face (180 px wide, [`crate::domain::spec::PhotoSpec::face_width_px`]) the face is
/// about 13 % of a 480×640 frame, and skin of every tone, very dark or very fair, is tinted
/// (the real photos: 23 % or more of the pixels, the darkest face included). A photo with
/// fewer tinted pixels than this share is a black-and-white photo with a faint tone or a few
/// coloured specks (a scan, a toned print), not a colour photo.
pub const MIN_TINTED_SHARE: f64 = 0.03;

fn not_decoded() -> Msg {
    Msg::new("check-why-not-decoded")
}

fn threshold_format() -> String {
    "JPEG 8-bit".to_owned()
}

fn threshold_dimensions(spec: &PhotoSpec) -> String {
    format!("{}×{}", spec.width_px, spec.height_px)
}

fn threshold_colour() -> String {
    format!(
        "RGB, spread > {GREY_SPREAD_MAX}, ≥ {:.0} % tinted",
        MIN_TINTED_SHARE * 100.0
    )
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

fn channels_text(channels: u8) -> Msg {
    match channels {
        1 => Msg::new("check-channels-grey"),
        3 => Msg::new("check-channels-colour"),
        4 => Msg::new("check-channels-cmyk"),
        n => Msg::new("check-channels-other").arg("n", n.to_string()),
    }
}

/// How viewers that honour EXIF show a photo with this orientation; `None` when normal.
fn orientation_text(orientation: u16) -> Option<Msg> {
    Some(match orientation {
        1 => return None,
        2 => Msg::new("check-orientation-2"),
        3 => Msg::new("check-orientation-3"),
        4 => Msg::new("check-orientation-4"),
        5 => Msg::new("check-orientation-5"),
        6 => Msg::new("check-orientation-6"),
        7 => Msg::new("check-orientation-7"),
        8 => Msg::new("check-orientation-8"),
        other => Msg::new("check-orientation-invalid").arg("value", other.to_string()),
    })
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
                Msg::new("check-decode-failed").arg("error", e.msg()),
            )
            .with_reasons(&[ReasonCode::WrongFormat]);
        }
    };
    let what = Msg::new("check-decode-what")
        .arg("format", photo.format.to_string())
        .arg("width", photo.width().to_string())
        .arg("height", photo.height().to_string())
        .arg("channels", channels_text(photo.channels_in_file))
        .arg("depth", photo.bit_depth.to_string());
    match photo
        .exif_orientation
        .and_then(|o| Some((o, orientation_text(o)?)))
    {
        Some((o, turn)) => CheckResult::new(
            ID,
            Verdict::Warn,
            "decodes",
            Msg::new("check-decode-turned")
                .arg("what", what)
                .arg("orientation", o.to_string())
                .arg("turn", turn),
        )
        .with_value(f64::from(o)),
        None => CheckResult::new(
            ID,
            Verdict::Pass,
            "decodes",
            Msg::new("check-decode-ok").arg("what", what),
        ),
    }
}

/// `file.format`: a JPEG with 8-bit samples and three colour channels (24-bit colour).
pub fn check_format(photo: &DecodedPhoto) -> CheckResult {
    const ID: &str = "file.format";
    let depth = photo.bit_depth;
    let fail = |message: Msg| {
        CheckResult::new(ID, Verdict::Fail, threshold_format(), message)
            .with_value(f64::from(depth))
            .with_reasons(&[ReasonCode::WrongFormat])
    };
    if photo.format != PhotoFormat::Jpeg {
        return fail(
            Msg::new("check-format-not-jpeg")
                .arg("format", photo.format.to_string())
                .arg("depth", depth.to_string()),
        );
    }
    if photo.channels_in_file == 4 {
        return fail(Msg::new("check-format-cmyk"));
    }
    if depth != 8 {
        return fail(Msg::new("check-format-depth").arg("depth", depth.to_string()));
    }
    CheckResult::new(
        ID,
        Verdict::Pass,
        threshold_format(),
        Msg::new("check-format-ok"),
    )
    .with_value(f64::from(depth))
}

/// `file.format` when decoding failed: a certain non-JPEG (or CMYK) still fails by name;
/// anything else is not assessed.
pub fn check_format_undecoded(error: &DecodeError) -> CheckResult {
    const ID: &str = "file.format";
    let fail = |message: Msg| {
        CheckResult::new(ID, Verdict::Fail, threshold_format(), message)
            .with_reasons(&[ReasonCode::WrongFormat])
    };
    match (error, error.format()) {
        (DecodeError::Cmyk { .. }, _) => fail(Msg::new("check-format-cmyk")),
        (DecodeError::UnknownFormat, _) => fail(Msg::new("check-format-not-an-image")),
        (_, Some(f)) if f != PhotoFormat::Jpeg => {
            fail(Msg::new("check-format-not-jpeg-undecoded").arg("format", f.to_string()))
        }
        _ => CheckResult::not_assessed(ID, threshold_format(), not_decoded()),
    }
}

/// `file.dimensions`: exactly the spec's width × height, in stored pixels.
pub fn check_dimensions(photo: &DecodedPhoto, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "file.dimensions";
    let (w, h) = (photo.width(), photo.height());
    let (sw, sh) = (spec.width_px, spec.height_px);
    // A quarter turn in EXIF swaps what phones show.
    let note: Arg = match photo.exif_orientation {
        Some(o @ 5..=8) => Msg::new("check-dimensions-turned")
            .arg("orientation", o.to_string())
            .arg("shown", format!("{h}×{w}"))
            .into(),
        _ => "".into(),
    };
    if (w, h) == (sw, sh) {
        CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_dimensions(spec),
            Msg::new("check-dimensions-ok")
                .arg("width", w.to_string())
                .arg("height", h.to_string())
                .arg("note", note),
        )
    } else {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_dimensions(spec),
            Msg::new("check-dimensions-wrong")
                .arg("width", w.to_string())
                .arg("height", h.to_string())
                .arg("required", format!("{sw}×{sh}"))
                .arg("note", note),
        )
        .with_reasons(&[ReasonCode::WrongSize])
    }
}

/// How tinted a photo's pixels are: from the histogram of each pixel's chroma spread (max −
/// min channel).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChromaSpread {
    /// The spread below which 99.9 % of the pixels lie.
    pub p999: f64,
    /// Share of the pixels whose spread exceeds [`TINT_SPREAD`].
    pub tinted_share: f64,
}

/// The photo's [`ChromaSpread`].
pub fn chroma_spread(rgb: &image::RgbImage) -> ChromaSpread {
    let mut hist = [0u64; 256];
    for p in rgb.pixels() {
        let [r, g, b] = p.0;
        hist[usize::from(r.max(g).max(b) - r.min(g).min(b))] += 1;
    }
    let total: u64 = hist.iter().sum();
    let tinted: u64 = hist[usize::from(TINT_SPREAD) + 1..].iter().sum();
    let keep = total - total / 1000;
    let mut seen = 0;
    let mut p999 = 0.0;
    for (spread, &n) in hist.iter().enumerate() {
        seen += n;
        if seen >= keep {
            p999 = spread as f64;
            break;
        }
    }
    ChromaSpread {
        p999,
        tinted_share: tinted as f64 / total.max(1) as f64,
    }
}

/// `file.colour`: 24-bit colour, and not a black-and-white picture saved as colour.
pub fn check_colour(photo: &DecodedPhoto) -> CheckResult {
    const ID: &str = "file.colour";
    if photo.channels_in_file == 1 {
        return CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_colour(),
            Msg::new("check-colour-greyscale-file"),
        )
        .with_value(0.0)
        .with_reasons(&[ReasonCode::NotColour]);
    }
    let ChromaSpread {
        p999: spread,
        tinted_share,
    } = chroma_spread(&photo.rgb);
    if spread <= GREY_SPREAD_MAX {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_colour(),
            Msg::new("check-colour-all-grey")
                .arg("spread", spread.to_string())
                .arg("max", GREY_SPREAD_MAX.to_string()),
        )
        .with_value(spread)
        .with_reasons(&[ReasonCode::NotColour])
    } else if tinted_share < MIN_TINTED_SHARE {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_colour(),
            Msg::new("check-colour-mostly-grey")
                .arg("share", format!("{:.1}", tinted_share * 100.0))
                .arg("min", format!("{:.0}", MIN_TINTED_SHARE * 100.0)),
        )
        .with_value(spread)
        .with_reasons(&[ReasonCode::NotColour])
    } else {
        CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_colour(),
            Msg::new("check-colour-ok")
                .arg("spread", spread.to_string())
                .arg("share", format!("{:.0}", tinted_share * 100.0)),
        )
        .with_value(spread)
    }
}

/// `file.size`: the file size in KB (1 KB = 1024 bytes) is in the spec's range; warn outside.
pub fn check_size(byte_len: usize, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "file.size";
    let kb = byte_len as f64 / 1024.0;
    let range = spec.file_size_kb;
    let size = format!("{kb:.1}");
    let (verdict, message) = if range.contains(kb) {
        (Verdict::Pass, Msg::new("check-size-ok").arg("kb", size))
    } else if kb < range.min {
        (
            Verdict::Warn,
            Msg::new("check-size-small")
                .arg("kb", size)
                .arg("min", range.min.to_string()),
        )
    } else {
        (
            Verdict::Warn,
            Msg::new("check-size-large")
                .arg("kb", size)
                .arg("max", range.max.to_string()),
        )
    };
    CheckResult::new(ID, verdict, threshold_size(spec), message)
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
            Msg::new("check-why-not-jpeg").arg("format", photo.format.to_string()),
        );
    }
    let Some(q) = photo.jpeg_quality else {
        return CheckResult::not_assessed(
            ID,
            threshold_quality(spec),
            Msg::new("check-why-no-quantisation-tables"),
        );
    };
    let min = f64::from(spec.jpeg_quality_min);
    if q < min {
        CheckResult::new(
            ID,
            Verdict::Fail,
            threshold_quality(spec),
            Msg::new("check-quality-low")
                .arg("quality", format!("{q:.0}"))
                .arg("min", min.to_string()),
        )
        .with_value(q)
        .with_reasons(&[ReasonCode::LowQualityFile])
    } else {
        CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_quality(spec),
            Msg::new("check-quality-ok").arg("quality", format!("{q:.0}")),
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
            Msg::new("check-edited-none"),
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
            Msg::new("check-edited-retouch")
                .arg("software", software)
                .arg("app", app),
        )
        .with_reasons(&[ReasonCode::OverRetouched]),
        None => CheckResult::new(
            ID,
            Verdict::Pass,
            threshold_edited(),
            Msg::new("check-edited-other").arg("software", software),
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
            let na = |id, threshold| CheckResult::not_assessed(id, threshold, not_decoded());
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
            assert_eq!(c.verdict, Verdict::Pass, "{}: {}", c.id, c.message_en());
            assert!(c.reasons.is_empty());
            assert!(!c.message_zh().is_empty() && !c.message_en().is_empty());
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
        assert!(
            decode.message_en().contains("empty"),
            "{}",
            decode.message_en()
        );
        assert!(
            decode.message_zh().contains("文件为空"),
            "{}",
            decode.message_zh()
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
        assert!(c.message_en().contains("481×640"), "{}", c.message_en());
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
            c.message_en().contains("phones show it as 480×640"),
            "{}",
            c.message_en()
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
        assert!(c.message_en().contains("Greyscale"));
        let grey_pixels = photo(RgbImage::from_fn(50, 50, |x, y| {
            let v = (x * 5) as u8;
            image::Rgb([v, v.saturating_add((y % 3) as u8), v])
        }));
        let c = check_colour(&grey_pixels);
        assert_eq!(c.verdict, Verdict::Fail, "{}", c.message_en());
        assert_eq!(c.value, Some(2.0));
        // A few stray coloured pixels (0.04 %) do not make a colour photo.
        let mut speckled = grey_pixels.clone();
        speckled.rgb.put_pixel(3, 3, image::Rgb([255, 0, 0]));
        assert_eq!(check_colour(&speckled).verdict, Verdict::Fail);
        // A faint tone on most of a grey photo, and a few strongly coloured pixels: more than
        // 0.1 % beyond the grey spread, but under 3 % of the photo tinted.
        let faint = photo(RgbImage::from_fn(100, 100, |x, y| {
            let v = (x * 2) as u8;
            if y < 2 {
                image::Rgb([v.saturating_add(60), v, v])
            } else {
                image::Rgb([v.saturating_add(6), v.saturating_add(3), v])
            }
        }));
        let c = check_colour(&faint);
        assert_eq!(c.verdict, Verdict::Fail, "{}", c.message_en());
        assert!(c.message_en().contains("2.0 %"), "{}", c.message_en());
    }

    #[test]
    fn colour_tells_a_faintly_toned_photo_from_every_skin_tone() {
        let real = |name: &str| {
            let path = format!("{}/tests/fixtures/real/{name}", env!("CARGO_MANIFEST_DIR"));
            check_colour(&decode(&std::fs::read(path).unwrap()).unwrap())
        };
        // A scanned black-and-white portrait with a faint warm tone.
        let c = real("18f__tranovich_james.jpg");
        assert_eq!(
            (c.verdict, c.reasons.clone()),
            (Verdict::Fail, vec![ReasonCode::NotColour]),
            "{}",
            c.message_en()
        );
        // Colour photos of very dark, dark-brown, very fair and fair skin on light backdrops
        // and in white shirts, where little besides the face is tinted.
        for name in [
            "londonset__137_neutral.jpg",
            "londonset__042_neutral.jpg",
            "londonset__083_neutral.jpg",
            "18f__ponce_laura.jpg",
        ] {
            let c = real(name);
            assert_eq!(c.verdict, Verdict::Pass, "{name}: {}", c.message_en());
        }
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
        assert!(c.message_en().contains("10.0 KB"), "{}", c.message_en());
        let c = check_size(600 * 1024, &spec);
        assert_eq!(c.verdict, Verdict::Warn);
        assert!(
            c.message_en().contains("at most 500 KB"),
            "{}",
            c.message_en()
        );
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
        assert!(c.message_en().contains("PNG"), "{}", c.message_en());
    }

    #[test]
    fn edited_warns_for_retouch_apps_case_insensitively() {
        let spec = PhotoSpec::default();
        let mut p = blue(4, 4);
        let c = check_edited(&p, &spec);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(c.message_en().contains("No editing software recorded"));
        p.exif_software = Some("MeiTu XiuXiu 9.1".into());
        let c = check_edited(&p, &spec);
        assert_eq!(
            (c.verdict, c.reasons.clone()),
            (Verdict::Warn, vec![ReasonCode::OverRetouched])
        );
        assert!(c.message_en().contains("MeiTu XiuXiu 9.1"));
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
        assert!(
            c.message_en().contains("PNG (16-bit)"),
            "{}",
            c.message_en()
        );
        let mut cmyk = blue(4, 4);
        cmyk.channels_in_file = 4;
        assert!(check_format(&cmyk).message_en().contains("CMYK"));
        let c = check_format_undecoded(&DecodeError::Unsupported {
            format: PhotoFormat::WebP,
        });
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c.message_en().contains("WebP"));
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
            c.message_en().contains("rotated 90° clockwise"),
            "{}",
            c.message_en()
        );
        assert!(
            c.message_zh().contains("顺时针旋转 90°"),
            "{}",
            c.message_zh()
        );
        p.exif_orientation = Some(42);
        assert!(
            check_decode(Ok(&p))
                .message_en()
                .contains("invalid orientation value 42")
        );
    }
}
