//! The face models and `face.*` checks on the demo photos, their faulty variants and images
//! with no face, two faces or a wrong orientation.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use idphoto_review::checks::face::{FaceModels, analyse, face_checks};
use idphoto_review::checks::geometry::FaceGeometry;
use idphoto_review::checks::{CheckResult, Verdict};
use idphoto_review::demo::photos::BASE_PHOTOS;
use idphoto_review::demo::variants::{Variant, render};
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::spec::{Limits, PhotoSpec};
use image::imageops::{FilterType, overlay, resize};
use image::{Rgb, RgbImage};

fn models() -> &'static FaceModels {
    FaceModels::shared().expect("the embedded models load")
}

fn checks_of(rgb: &RgbImage) -> (FaceGeometry, Vec<CheckResult>) {
    let geom = analyse(models(), rgb).unwrap();
    let checks = face_checks(&geom, rgb, None, &PhotoSpec::default());
    (geom, checks)
}

fn get<'a>(checks: &'a [CheckResult], id: &str) -> &'a CheckResult {
    checks.iter().find(|c| c.id == id).unwrap()
}

fn decode(bytes: &[u8]) -> RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

/// What the default spec finds in the "compliant" demo photos besides passes. Real and
/// measured (Face Mesh): three toothy smiles (inner-lip gap / mouth width 0.28, 0.17, 0.18
/// against a maximum of 0.085: the lips are parted) and one head turned 11° (warn above 8°).
/// Listed so any change is noticed. (`fr__biden`'s 3.6° lean and `hivision__test1`'s 2.9–3.9°
/// are well inside the ±8° of ISO/IEC 19794-5 and the 5° warning now.)
const DEMO_DEVIATIONS: [(&str, &str, Verdict); 4] = [
    ("fr__obama", "face.mouth_closed", Verdict::Fail),
    ("fr__biden", "face.yaw", Verdict::Warn),
    ("fr__biden2", "face.mouth_closed", Verdict::Fail),
    (
        "skimage__astronaut_eileen_collins",
        "face.mouth_closed",
        Verdict::Fail,
    ),
];

/// Measures on the line between two verdicts, where either is right (none at present).
const BORDERLINE: [(&str, &str, [Verdict; 2]); 0] = [];

#[test]
fn every_compliant_demo_photo_has_one_face_and_passes_the_face_checks() {
    for photo in &BASE_PHOTOS {
        let (geom, checks) = checks_of(&decode(photo.jpeg));
        assert_eq!(geom.detections.len(), 1, "{}", photo.name);
        assert!(geom.mesh.is_some(), "{}", photo.name);
        assert_eq!(checks.len(), 8);
        for c in &checks {
            if let Some((.., allowed)) = BORDERLINE
                .iter()
                .find(|(name, id, _)| *name == photo.name && *id == c.id)
            {
                assert!(
                    allowed.contains(&c.verdict),
                    "{}: {}",
                    photo.name,
                    c.message_en()
                );
                continue;
            }
            let expected = DEMO_DEVIATIONS
                .iter()
                .find(|(name, id, _)| *name == photo.name && *id == c.id)
                .map_or(Verdict::Pass, |d| d.2);
            assert_eq!(
                c.verdict,
                expected,
                "{}: {} {}",
                photo.name,
                c.id,
                c.message_en()
            );
            assert_eq!(c.reasons.is_empty(), expected == Verdict::Pass);
            assert!(!c.message_zh().is_empty() && !c.message_en().is_empty());
            assert_eq!(c.message.problems(), Vec::<String>::new(), "{}", c.id);
        }
    }
}

#[test]
fn the_demo_photos_pass_with_thresholds_that_tolerate_smiles_and_small_tilts() {
    let spec = PhotoSpec {
        mouth_gap_ratio_max: 0.35,
        mouth_gap_ratio_fail: 0.35,
        // Teeth in sight never count: these thresholds tolerate the smiles.
        mouth_teeth_share_fail: 1.1,
        roll_deg: Limits {
            warn: 5.0,
            fail: 8.0,
        },
        yaw_deg: Limits {
            warn: 16.0,
            fail: 25.0,
        },
        ..PhotoSpec::default()
    };
    for photo in &BASE_PHOTOS {
        let rgb = decode(photo.jpeg);
        let geom = analyse(models(), &rgb).unwrap();
        for c in face_checks(&geom, &rgb, None, &spec) {
            assert_eq!(
                c.verdict,
                Verdict::Pass,
                "{}: {} {}",
                photo.name,
                c.id,
                c.message_en()
            );
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
            // hivision__test1 leans 3.9° the other way before the 9° turn: 5.8°, a warning.
            let least = if variant == Variant::Tilted && photo.name == "hivision__test1" {
                Verdict::Warn
            } else {
                Verdict::Fail
            };
            assert_eq!(
                c.verdict,
                least,
                "{} {variant:?}: {}",
                photo.name,
                c.message_en()
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
    assert_eq!(checks.len(), 8);
    // Whatever it finds, the face is not upright.
    assert_ne!(get(&checks, "face.roll").verdict, Verdict::Pass);
}

#[test]
fn two_people_side_by_side_are_background_objects() {
    let mut canvas = RgbImage::from_pixel(480, 640, Rgb([100, 197, 255]));
    for (i, photo) in BASE_PHOTOS[..2].iter().enumerate() {
        let small = resize(&decode(photo.jpeg), 240, 320, FilterType::Triangle);
        overlay(&mut canvas, &small, if i == 0 { 0 } else { 240 }, 160);
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
