//! `face.eyes_open` and `face.gaze` on real photos: the compliant demo photos (dark and fair
//! skin) pass both; the same photos with the lids painted shut or half shut (real pixels:
//! the skin just below the eye, copied over it) fail `face.eyes_open`; the measured iris
//! moved within the eye fails `face.gaze`. `EYES_DEBUG_DIR=/some/dir` saves the painted photos
//! there, to look at them (`cargo run --example draw_eyes` draws the landmarks on one).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use idphoto_review::checks::Verdict;
use idphoto_review::checks::face::eye_checks::{gaze_offsets, gaze_toward_camera};
use idphoto_review::checks::face::eyes::measure_both;
use idphoto_review::checks::face::iris::{INNER_CORNER, LOWER_LID, OUTER_CORNER, UPPER_LID};
use idphoto_review::checks::face::measure::MeshMeasures;
use idphoto_review::checks::face::{FaceModels, analyse, check_eyes_open, check_gaze};
use idphoto_review::checks::geometry::{EyeLandmarks, FaceGeometry, Point};
use idphoto_review::demo::photos::BASE_PHOTOS;
use idphoto_review::domain::reasons::ReasonCode;
use idphoto_review::domain::spec::PhotoSpec;
use image::RgbImage;

fn models() -> &'static FaceModels {
    FaceModels::shared().expect("the embedded models load")
}

fn photo(name: &str) -> RgbImage {
    let p = BASE_PHOTOS.iter().find(|p| p.name == name).unwrap();
    image::load_from_memory(p.jpeg).unwrap().to_rgb8()
}

fn geometry(rgb: &RgbImage) -> FaceGeometry {
    analyse(models(), rgb).unwrap()
}

/// The darker-skinned and the fair fixtures, real studio photos and rendered ones.
const FACES: [&str; 4] = [
    "fr__obama",
    "fr__biden",
    "hivision__test1",
    "skimage__astronaut_eileen_collins",
];

/// The eye's lid outline (lower lid from the outer corner, then the upper lid back), image
/// pixels.
fn outline(eye: &EyeLandmarks) -> Vec<Point> {
    let mut pts = vec![eye.contour[OUTER_CORNER]];
    pts.extend(LOWER_LID.iter().map(|&i| eye.contour[i]));
    pts.push(eye.contour[INNER_CORNER]);
    pts.extend(UPPER_LID.iter().rev().map(|&i| eye.contour[i]));
    pts
}

fn inside(poly: &[Point], x: f32, y: f32) -> bool {
    let mut odd = false;
    for (i, a) in poly.iter().enumerate() {
        let b = poly[(i + 1) % poly.len()];
        if (a.y > y) != (b.y > y) && x < a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x) {
            odd = !odd;
        }
    }
    odd
}

/// Paints the eye opening down to `keep_below` (a share of the lid gap from the upper lid:
/// 1 = all of it) with the lid skin around it, column by column: a blend of the skin just above the
/// upper lid and just below the lower one, with a darker lash line at the lid's margin (where
/// the lids meet, two thirds down, when shut). How a shut or drooping lid looks, made from the
/// photo's own skin.
fn paint_lid(rgb: &mut RgbImage, eye: &EyeLandmarks, keep_below: f32) {
    let poly = outline(eye);
    let (x0, x1) = poly
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
    let (y0, y1) = poly
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.y), b.max(p.y)));
    for x in (x0 - 2.0) as u32..=(x1 + 2.0) as u32 {
        // The column's opening, grown by 2 px so no lid edge is left.
        let rows: Vec<u32> = ((y0 - 4.0) as u32..=(y1 + 4.0) as u32)
            .filter(|&y| {
                [(-2.0, 0.0), (2.0, 0.0), (0.0, -2.0), (0.0, 2.0), (0.0, 0.0)]
                    .iter()
                    .any(|(dx, dy)| inside(&poly, x as f32 + dx, y as f32 + dy))
            })
            .collect();
        let (Some(&top), Some(&bottom)) = (rows.first(), rows.last()) else {
            continue;
        };
        // The upper lashes lie above the lid landmarks: start a tenth of the eye width higher.
        let stop = top as f32 + (bottom - top) as f32 * keep_below;
        let top = top.saturating_sub(((x1 - x0) * 0.1) as u32);
        let above = *rgb.get_pixel(x, top.saturating_sub(2));
        let below = *rgb.get_pixel(x, (bottom + 2).min(rgb.height() - 1));
        let span = (bottom - top).max(1) as f32;
        // The lid's margin carries the lashes: where the lids meet, two thirds down, when
        // shut; at the lowered lid's edge otherwise.
        let lash = if keep_below >= 1.0 {
            top + ((bottom - top) * 2) / 3
        } else {
            (stop as u32).saturating_sub(1)
        };
        for y in top..=bottom {
            if y as f32 > stop {
                break;
            }
            let t = (y - top) as f32 / span;
            let mut px = above;
            for c in 0..3 {
                let v = f32::from(above.0[c]) * (1.0 - t) + f32::from(below.0[c]) * t;
                let dark = (lash..=lash + 1).contains(&y);
                px.0[c] = (if dark { v * 0.55 } else { v }) as u8;
            }
            rgb.put_pixel(x, y, px);
        }
    }
}

#[test]
fn compliant_photos_have_open_eyes_looking_at_the_camera() {
    let spec = PhotoSpec::default();
    for p in &BASE_PHOTOS {
        let g = geometry(&image::load_from_memory(p.jpeg).unwrap().to_rgb8());
        let eyes = measure_both(g.eyes.as_ref().expect("the iris model ran")).unwrap();
        let open = check_eyes_open(&g, &spec);
        assert_eq!(
            open.verdict,
            Verdict::Pass,
            "{}: {}",
            p.name,
            open.message_en()
        );
        assert!(open.message_en().contains("iris"), "{}", open.message_en());
        // Every eye above the warning line, not just the smaller one.
        for m in &eyes {
            assert!(
                f64::from(m.opening) > spec.eye_iris_opening_warn,
                "{}",
                p.name
            );
        }
        let gaze = check_gaze(&g, &spec);
        assert_eq!(
            gaze.verdict,
            Verdict::Pass,
            "{}: {}",
            p.name,
            gaze.message_en()
        );
        assert!(
            gaze.value.unwrap() < spec.gaze_offset.warn / 2.0,
            "{gaze:?}"
        );
        assert_eq!(
            gaze.overlays.len(),
            4,
            "an eye box and an iris centre per eye"
        );
    }
}

#[test]
fn lids_painted_shut_fail_on_dark_and_fair_skin() {
    let spec = PhotoSpec::default();
    for name in FACES {
        let mut rgb = photo(name);
        let eyes = geometry(&rgb).eyes.unwrap();
        // One eye shut is enough to fail: the image-right eye (the subject's left).
        paint_lid(&mut rgb, &eyes[1], 1.0);
        if let Ok(dir) = std::env::var("EYES_DEBUG_DIR") {
            rgb.save(format!("{dir}/{name}_shut.png")).unwrap();
        }
        let g = geometry(&rgb);
        let open = check_eyes_open(&g, &spec);
        assert_eq!(open.verdict, Verdict::Fail, "{name}: {}", open.message_en());
        assert_eq!(open.reasons, vec![ReasonCode::EyesNotOpen]);
        assert!(
            open.value.unwrap() < spec.eye_iris_opening_fail,
            "{name}: {open:?}"
        );
        // No gaze is read from a shut eye.
        assert_eq!(check_gaze(&g, &spec).verdict, Verdict::Error, "{name}");
        // Both eyes shut.
        paint_lid(&mut rgb, &eyes[0], 1.0);
        let both = check_eyes_open(&geometry(&rgb), &spec);
        assert_eq!(both.verdict, Verdict::Fail, "{name}: {}", both.message_en());
    }
}

#[test]
fn lids_lowered_over_the_pupil_are_flagged() {
    let spec = PhotoSpec::default();
    for name in FACES {
        let mut rgb = photo(name);
        let eyes = geometry(&rgb).eyes.unwrap();
        for eye in &eyes {
            // The upper lid down over most of the pupil: a quarter of the gap past the iris
            // centre. (A lid just touching the pupil measures like a smile's narrowed eyes,
            // which pass: the reviewer sees that one.)
            let m = measure_both(&[eye.clone(), eye.clone()]).unwrap()[0];
            let share = ((eye.iris[0].y - m.lids.0.y) / (m.lids.1.y - m.lids.0.y) + 0.25).min(0.9);
            paint_lid(&mut rgb, eye, share);
        }
        if let Ok(dir) = std::env::var("EYES_DEBUG_DIR") {
            rgb.save(format!("{dir}/{name}_half.png")).unwrap();
        }
        let open = check_eyes_open(&geometry(&rgb), &spec);
        assert_ne!(open.verdict, Verdict::Pass, "{name}: {}", open.message_en());
        assert_eq!(open.reasons, vec![ReasonCode::EyesNotOpen]);
    }
}

/// The geometry with both irises moved by `du` eye widths along the eye line (`dv` across).
fn gaze_moved(g: &FaceGeometry, du: f32, dv: f32) -> FaceGeometry {
    let mut g = g.clone();
    for eye in g.eyes.iter_mut().flatten() {
        let (a, b) = (eye.contour[OUTER_CORNER], eye.contour[INNER_CORNER]);
        let (dx, dy) = ((b.x - a.x).abs(), b.y - a.y);
        let w = dx.hypot(dy);
        for p in &mut eye.iris {
            p.x += du * w;
            p.y += dv * w;
        }
    }
    g
}

#[test]
fn irises_moved_in_the_eye_warn_then_fail() {
    let spec = PhotoSpec::default();
    for name in FACES {
        let g = geometry(&photo(name));
        // The photo's own offset as the check sees it (corrected for the head's turn), so the
        // moved irises land at `du` after the correction.
        let raw = gaze_offsets(&measure_both(g.eyes.as_ref().unwrap()).unwrap()).0;
        let base = gaze_toward_camera(raw, MeshMeasures::of(&g).unwrap().yaw_deg());
        for (du, want) in [
            (0.0, Verdict::Pass),
            (0.14, Verdict::Warn),
            (-0.14, Verdict::Warn),
            (0.25, Verdict::Fail),
            (-0.25, Verdict::Fail),
        ] {
            let c = check_gaze(&gaze_moved(&g, du - base, 0.0), &spec);
            assert_eq!(c.verdict, want, "{name} {du}: {}", c.message_en());
            if want != Verdict::Pass {
                assert_eq!(c.reasons, vec![ReasonCode::GazeNotForward]);
            }
        }
        // Looking up: only a large vertical offset counts.
        let up = check_gaze(&gaze_moved(&g, -base, -0.25), &spec);
        assert_eq!(up.verdict, Verdict::Fail, "{name}: {}", up.message_en());
    }
}

#[test]
fn without_the_iris_model_eyes_fall_back_to_the_mesh_and_gaze_is_not_assessed() {
    let spec = PhotoSpec::default();
    let mut g = geometry(&photo("fr__obama"));
    g.eyes = None;
    let open = check_eyes_open(&g, &spec);
    assert_eq!(open.verdict, Verdict::Pass, "{}", open.message_en());
    assert!(open.message_en().contains("mesh"), "{}", open.message_en());
    assert_eq!(check_gaze(&g, &spec).verdict, Verdict::Error);
    g.mesh = None;
    assert_eq!(check_eyes_open(&g, &spec).verdict, Verdict::Error);
}

fn real(name: &str) -> RgbImage {
    let path = format!(
        "{}/tests/fixtures/real/{name}.jpg",
        env!("CARGO_MANIFEST_DIR")
    );
    image::open(path).unwrap().to_rgb8()
}

/// Real photos with the head turned: where the eyes follow the head, the gaze is off the
/// camera although the irises sit mid-eye (warned); where the eyes turn back to the camera,
/// the turn does not count against them (pass). Fair and dark-brown skin.
#[test]
fn a_turned_head_counts_toward_the_gaze_unless_the_eyes_turn_back() {
    let spec = PhotoSpec::default();
    for (name, want) in [
        // Fair skin, head turned away, eyes following it (looking off-camera).
        ("18f__brouilette_alan", Verdict::Warn),
        // Fair skin, head turned ~19°, eyes following it.
        ("18f__strenio_erin", Verdict::Warn),
        // Fair skin, head turned ~20°, looking back at the camera.
        ("18f__matt_jadud", Verdict::Pass),
        // Dark-brown skin, head turned ~18°, looking back at the camera.
        ("18f__carpenter_malaika", Verdict::Pass),
    ] {
        let g = check_gaze(&geometry(&real(name)), &spec);
        assert_eq!(g.verdict, want, "{name}: {}", g.message_en());
        assert_eq!(g.message.id(), "check-gaze-turned", "{name}");
    }
    // The frontal demo photo turned 11°, looking at the camera, stays well inside.
    let g = check_gaze(&geometry(&photo("fr__biden")), &spec);
    assert!(g.value.unwrap() < 0.03, "{}", g.message_en());
}
