//! The whole check pipeline for one upload: decode once, find the face once, segment once,
//! then every check family. Every catalogue id gets a result: a check that cannot decide says
//! "not assessed", never pass.

use image::RgbImage;

use super::face::{self, FaceModels};
use super::file::check_file;
use super::geometry::FaceGeometry;
use super::result::{CHECK_IDS, CheckResult, Report, Verdict};
use super::segment::{Segmentation, pixel_checks};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::{Localized, Msg};

/// Bump whenever a check is added or its measurement changes, so cached results are redone.
pub const PIPELINE_VERSION: u32 = 14;

/// The key under which results are cached: the campaign's spec version and this pipeline's.
pub fn cache_version(spec: &PhotoSpec) -> u32 {
    spec.version
        .saturating_mul(1000)
        .saturating_add(PIPELINE_VERSION)
}

/// Runs every automatic check on the upload bytes. Never panics on user data: an unreadable
/// file gives a failing `file.decode` and "not assessed" results, not an error.
pub fn run(bytes: &[u8], spec: &PhotoSpec) -> Report {
    let (mut report, decoded) = check_file(bytes, spec);
    match decoded {
        Some(photo) => report.checks.extend(image_checks(&photo.rgb, spec)),
        None => complete(&mut report, &Msg::new("check-why-not-decoded")),
    }
    // Every id is produced above; this only guards the order and a forgotten id.
    complete(&mut report, &Msg::new("check-why-no-check-yet"));
    report
}

/// The face, background, exposure, sharpness, clothing and pose checks of decoded pixels.
pub fn image_checks(rgb: &RgbImage, spec: &PhotoSpec) -> Vec<CheckResult> {
    let geometry: Result<FaceGeometry, Msg> = match FaceModels::shared() {
        Ok(models) => face::analyse(models, rgb).map_err(|e| e.msg()),
        Err(e) => Err(e.msg()),
    };
    let primary = geometry.as_ref().ok().and_then(FaceGeometry::refined);
    let (segmentation, pixel) = pixel_checks(rgb, primary.as_ref(), spec);
    #[allow(clippy::cast_precision_loss)] // Pixel rows fit f32 exactly.
    let head_top = segmentation.head_top_y.map(|y| y as f32);
    let mut checks = match &geometry {
        Ok(g) => face::face_checks(g, rgb, head_top, spec),
        // The face checks are the catalogue's `face.*` ids.
        Err(e) => CHECK_IDS
            .iter()
            .filter(|id| id.starts_with("face."))
            .map(|id| {
                CheckResult::not_assessed(
                    id,
                    "",
                    Msg::new("check-why-face-models-failed").arg("error", e.clone()),
                )
            })
            .collect(),
    };
    checks.extend(pixel);
    checks.extend(accessory_checks(rgb, &geometry, &segmentation, spec));
    checks
}

/// `accessory.glasses` and `hair.covering`; "not assessed" when the face models cannot run.
fn accessory_checks(
    rgb: &RgbImage,
    geometry: &Result<FaceGeometry, Msg>,
    segmentation: &Segmentation,
    spec: &PhotoSpec,
) -> [CheckResult; 2] {
    match geometry {
        Ok(g) => [
            face::check_glasses(rgb, g, spec),
            face::check_hair(rgb, g, segmentation, spec),
        ],
        Err(e) => ["accessory.glasses", "hair.covering"].map(|id| {
            CheckResult::not_assessed(
                id,
                "",
                Msg::new("check-why-face-models-failed").arg("error", e.clone()),
            )
        }),
    }
}

/// Adds a "not assessed" result for every catalogue check the report lacks, in catalogue order.
fn complete(report: &mut Report, why: &Msg) {
    for id in CHECK_IDS {
        if report.get(id).is_none() {
            report
                .checks
                .push(CheckResult::not_assessed(id, "", why.clone()));
        }
    }
    let order = |id: &str| {
        CHECK_IDS
            .iter()
            .position(|c| *c == id)
            .unwrap_or(usize::MAX)
    };
    report.checks.sort_by_key(|c| order(c.id));
}

/// The report of a file that could not even be read from disk.
pub fn unreadable(why: &str) -> Report {
    let decode = CheckResult::new(
        "file.decode",
        Verdict::Fail,
        "readable image",
        Msg::new("check-decode-read-failed").arg("why", why),
    )
    .with_reasons(&[ReasonCode::WrongFormat]);
    let mut report = Report {
        width: None,
        height: None,
        checks: vec![decode],
    };
    complete(&mut report, &Msg::new("check-why-unreadable"));
    report
}

#[cfg(all(test, not(feature = "models")))]
mod tests {
    use super::*;

    /// Without the model runtime no check that needs a model may pass: the face checks are
    /// not assessed, and nothing past the file checks passes (a blank white "photo" has no
    /// face, and no segmentation to tell a backdrop from a person).
    #[test]
    fn without_the_models_nothing_past_the_file_checks_passes() {
        let photo = image::RgbImage::from_pixel(480, 640, image::Rgb([250, 250, 250]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(photo)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let report = run(&png, &PhotoSpec::default());
        assert_eq!(report.get("file.decode").unwrap().verdict, Verdict::Pass);
        for check in &report.checks {
            if check.id.starts_with("face.") || check.id.starts_with("background.") {
                assert_eq!(check.verdict, Verdict::Error, "{}", check.id);
            } else if !check.id.starts_with("file.") {
                assert_ne!(check.verdict, Verdict::Pass, "{}", check.id);
            }
        }
    }
}
