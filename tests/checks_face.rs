//! The face models and `face.*` checks on the demo photos, their faulty variants and images
//! with no face, two faces or a wrong orientation.

use idphoto_review::checks::face::{FaceModels, analyse, face_checks};
use idphoto_review::checks::geometry::FaceGeometry;
use idphoto_review::checks::{CheckResult, Verdict};
use idphoto_review::demo::photos::BASE_PHOTOS;
use idphoto_review::demo::variants::{Variant, render};
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::spec::PhotoSpec;
use image::imageops::{FilterType, overlay, resize};
use image::{Rgb, RgbImage};

fn models() -> &'static FaceModels {
    FaceModels::shared().expect("the embedded models load")
}

fn checks_of(rgb: &RgbImage) -> (FaceGeometry, Vec<CheckResult>) {
    let geom = analyse(models(), rgb).unwrap();
    let checks = face_checks(
        &geom,
        rgb.width(),
        rgb.height(),
        None,
        &PhotoSpec::default(),
    );
    (geom, checks)
}

fn get<'a>(checks: &'a [CheckResult], id: &str) -> &'a CheckResult {
    checks.iter().find(|c| c.id == id).unwrap()
}

fn decode(bytes: &[u8]) -> RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

#[test]
fn every_compliant_demo_photo_has_one_face_and_passes_every_face_check() {
    for photo in &BASE_PHOTOS {
        let (geom, checks) = checks_of(&decode(photo.jpeg));
        assert_eq!(geom.detections.len(), 1, "{}", photo.name);
        assert!(geom.mesh.is_some(), "{}", photo.name);
        assert_eq!(checks.len(), 7);
        for c in &checks {
            assert_eq!(
                c.verdict,
                Verdict::Pass,
                "{}: {} {}",
                photo.name,
                c.id,
                c.message_en
            );
            assert!(c.reasons.is_empty(), "{}: {}", photo.name, c.id);
            assert!(!c.message_zh.is_empty() && !c.message_en.is_empty());
        }
    }
}

#[test]
fn faulty_variants_get_their_reason() {
    let cases = [
        (Variant::Tilted, "face.roll", ReasonCode::HeadTilted),
        (
            Variant::OffCentre,
            "face.position",
            ReasonCode::HeadPosition,
        ),
        (Variant::HeadTooSmall, "face.size", ReasonCode::HeadSize),
    ];
    for photo in &BASE_PHOTOS {
        for (variant, id, reason) in cases {
            let rgb = decode(&render(photo.jpeg, variant).unwrap());
            let (geom, checks) = checks_of(&rgb);
            assert_eq!(geom.detections.len(), 1, "{} {variant:?}", photo.name);
            let c = get(&checks, id);
            assert_eq!(
                c.verdict,
                Verdict::Fail,
                "{} {variant:?}: {}",
                photo.name,
                c.message_en
            );
            assert!(c.reasons.contains(&reason), "{} {variant:?}", photo.name);
        }
    }
}

#[test]
fn a_flat_background_has_no_face_and_nothing_else_is_assessed() {
    let flat = RgbImage::from_pixel(480, 640, Rgb([100, 197, 255]));
    let (geom, checks) = checks_of(&flat);
    assert!(geom.detections.is_empty());
    let count = get(&checks, "face.count");
    assert_eq!(count.verdict, Verdict::Fail);
    assert_eq!(count.reasons, vec![ReasonCode::FaceNotFound]);
    for c in checks.iter().filter(|c| c.id != "face.count") {
        assert_eq!(c.verdict, Verdict::Error, "{}", c.id);
        assert!(c.reasons.is_empty());
    }
}

#[test]
fn a_photo_rotated_by_90_degrees_does_not_panic() {
    let rgb = image::imageops::rotate90(&decode(BASE_PHOTOS[0].jpeg));
    let (_, checks) = checks_of(&rgb);
    assert_eq!(checks.len(), 7);
    // Whatever it finds, the face is not upright.
    assert_ne!(get(&checks, "face.roll").verdict, Verdict::Pass);
}

#[test]
fn two_people_side_by_side_are_background_objects() {
    let mut canvas = RgbImage::from_pixel(480, 640, Rgb([100, 197, 255]));
    for (i, photo) in BASE_PHOTOS[..2].iter().enumerate() {
        let small = resize(&decode(photo.jpeg), 240, 320, FilterType::Triangle);
        overlay(&mut canvas, &small, i as i64 * 240, 160);
    }
    let (geom, checks) = checks_of(&canvas);
    assert_eq!(geom.detections.len(), 2);
    let count = get(&checks, "face.count");
    assert_eq!(count.verdict, Verdict::Fail);
    assert_eq!(count.reasons, vec![ReasonCode::BackgroundObjects]);
    assert_eq!(count.overlays.len(), 2);
}

#[test]
fn the_shared_models_serve_several_threads() {
    let rgb = decode(BASE_PHOTOS[1].jpeg);
    let widths: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| analyse(models(), &rgb).unwrap().detections.len()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(widths, vec![1, 1]);
}
