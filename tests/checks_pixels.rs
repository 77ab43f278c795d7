//! Calibration of the pixel checks on the demo photos and their faulty variants.
//!
//! Run with `cargo test --test checks_pixels -- --nocapture` to see the measured values.
//! Until the face detector is wired in, the face comes from a TEST-ONLY stand-in derived from
//! the demo photos' layout (eye line at y = 250, face about 235 px wide, centred on the head).

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use idphoto_review::checks::exposure::face_skin;
use idphoto_review::checks::face::{FaceModels, analyse};
use idphoto_review::checks::geometry::{BoxPx, Detection, Point};
use idphoto_review::checks::result::{CheckResult, Verdict};
use idphoto_review::checks::segment::{pixel_checks, segment};
use idphoto_review::demo::photos::BASE_PHOTOS;
use idphoto_review::demo::variants::mask::BackgroundMask;
use idphoto_review::demo::variants::{Variant, render};
use idphoto_review::domain::spec::PhotoSpec;
use image::RgbImage;

/// Reason codes the pixel checks can suggest.
const OWN_CODES: [&str; 14] = [
    "BACKGROUND_COLOUR",
    "BACKGROUND_UNEVEN",
    "BACKGROUND_SHADOW",
    "BACKGROUND_OBJECTS",
    "FACE_TOO_BRIGHT",
    "FACE_TOO_DARK",
    "COLOUR_CAST",
    "UNEVEN_LIGHTING",
    "BLURRY",
    "OVER_RETOUCHED",
    "CLOTHES_LIKE_BACKGROUND",
    "CLOTHES_BLUE",
    "CLOTHES_PATTERN",
    "SHOULDERS_UNEVEN",
];

/// TEST ONLY: a face box laid out like the demo photos' faces (the production code takes the
/// detector's output and never invents one).
fn stand_in_face(img: &RgbImage) -> Detection {
    const EYE_Y: f32 = 250.0;
    const FACE_W: f32 = 235.0;
    const FACE_H: f32 = 280.0;
    let cx = BackgroundMask::of(img).head_centre_x();
    Detection {
        face: BoxPx {
            x: cx - FACE_W / 2.0,
            y: EYE_Y - 0.42 * FACE_H,
            w: FACE_W,
            h: FACE_H,
        },
        score: 0.9,
        eye_image_left: Point {
            x: cx - 47.0,
            y: EYE_Y,
        },
        eye_image_right: Point {
            x: cx + 47.0,
            y: EYE_Y,
        },
        nose: Point {
            x: cx,
            y: EYE_Y + 0.2 * FACE_H,
        },
        mouth_image_left: Point {
            x: cx - 40.0,
            y: EYE_Y + 0.37 * FACE_H,
        },
        mouth_image_right: Point {
            x: cx + 40.0,
            y: EYE_Y + 0.37 * FACE_H,
        },
    }
}

/// The real detector's primary face when the models load, else the stand-in.
fn face_of(img: &RgbImage) -> Detection {
    FaceModels::shared()
        .ok()
        .and_then(|m| analyse(m, img).ok())
        .and_then(|g| g.refined())
        .unwrap_or_else(|| stand_in_face(img))
}

fn decode(bytes: &[u8]) -> RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

/// Every photo × every pixel-changing variant, with its results.
fn run_all() -> Vec<(String, Variant, Vec<CheckResult>)> {
    let spec = PhotoSpec::default();
    let mut out = Vec::new();
    for photo in &BASE_PHOTOS {
        for variant in Variant::ALL {
            if matches!(variant, Variant::Png | Variant::WrongSize) {
                continue;
            }
            let img = decode(&render(photo.jpeg, variant).unwrap());
            let face = face_of(&img);
            let (seg, checks) = pixel_checks(&img, Some(&face), &spec);
            let skin = face_skin(&img, &seg, &face);
            let mut ls: Vec<f32> = skin.pixels.iter().map(|p| p.2.l).collect();
            ls.sort_unstable_by(f32::total_cmp);
            let p90 = ls.get(ls.len() * 9 / 10).copied().unwrap_or(0.0);
            let lab = skin.median_lab().unwrap_or_default();
            println!(
                "skin {:<34} {:<20} a* {:5.1} b* {:5.1} hue {:5.1} C {:5.1} p90L {:5.1} clip {:.3}",
                photo.name,
                variant.slug(),
                lab.a,
                lab.b,
                lab.hue_deg(),
                lab.chroma(),
                p90,
                skin.clipped_high as f64 / skin.pixels.len().max(1) as f64
            );
            out.push((photo.name.to_string(), variant, checks));
        }
    }
    out
}

fn codes(checks: &[CheckResult], verdicts: &[Verdict]) -> Vec<String> {
    let mut out: Vec<String> = checks
        .iter()
        .filter(|c| verdicts.contains(&c.verdict))
        .flat_map(|c| c.reasons.iter().map(|r| format!("{r:?}")))
        .collect();
    out.dedup();
    out
}

fn code_of(checks: &[CheckResult], verdicts: &[Verdict]) -> Vec<String> {
    checks
        .iter()
        .filter(|c| verdicts.contains(&c.verdict))
        .flat_map(|c| {
            c.reasons.iter().map(|r| {
                serde_json::to_string(r)
                    .unwrap()
                    .trim_matches('"')
                    .to_string()
            })
        })
        .collect()
}

fn print_table(rows: &[(String, Variant, Vec<CheckResult>)]) {
    let short = [
        ("background.colour", "bgΔE"),
        ("background.uniformity", "unif"),
        ("background.shadow", "shad"),
        ("background.objects", "obj%"),
        ("exposure.brightness", "L*"),
        ("exposure.colour_cast", "cast"),
        ("exposure.uneven", "ΔLr"),
        ("sharpness.face", "sharp"),
        ("retouch.smoothing", "tex"),
        ("clothing.contrast", "clΔE"),
        ("clothing.blue", "blue"),
        ("clothing.pattern", "patt"),
        ("pose.shoulders", "shld"),
    ];
    let mut header = format!("{:<34} {:<20}", "photo", "variant");
    for (_, s) in short {
        let _ = write!(header, " {s:>6}");
    }
    println!("{header}  warn/fail reasons");
    for (name, variant, checks) in rows {
        let mut line = format!("{name:<34} {:<20}", variant.slug());
        for (id, _) in short {
            let c = checks.iter().find(|c| c.id == id).unwrap();
            let mark = match c.verdict {
                Verdict::Pass => ' ',
                Verdict::Warn => '~',
                Verdict::Fail => '!',
                Verdict::Error => '?',
            };
            let v = c.value.map_or("-".to_string(), |v| {
                if id == "background.objects" {
                    format!("{:.2}", v * 100.0)
                } else if v.abs() < 10.0 {
                    format!("{v:.2}")
                } else {
                    format!("{v:.1}")
                }
            });
            let _ = write!(line, " {v:>5}{mark}");
        }
        let warn_fail = codes(checks, &[Verdict::Warn, Verdict::Fail]);
        println!("{line}  {}", warn_fail.join(","));
    }
}

/// Misses the checks are known to make, each with its cause. The person segmentation model
/// draws a soft shadow cast right behind white hair into the person (probability 1.0 there),
/// so the shadow band next to Biden's outline is too narrow to measure; a reviewer sees it.
const KNOWN_MISSES: [(&str, Variant, &str); 2] = [
    ("fr__biden", Variant::BackgroundShadow, "BACKGROUND_SHADOW"),
    ("fr__biden2", Variant::BackgroundShadow, "BACKGROUND_SHADOW"),
];

/// Base photos whose source is smaller than the demo's 480×640, and so soft by
/// `sharpness.face`'s fine-detail rule: the astronaut is scikit-image's 512×512 scan of the
/// NASA portrait, her face enlarged about 2× to the demo's 235 px (fine detail 0.25, where
/// sharp photos read 0.8 and up). Her photo's `sharpness.face` failure, and the
/// `retouch.smoothing` that cannot be assessed on a blurred face, are her own.
const SOFT_SOURCES: [&str; 1] = ["skimage__astronaut_eileen_collins"];

/// Whether `c` on a compliant variant of `name` is the base photo's own softness.
fn own_softness(name: &str, c: &CheckResult) -> bool {
    SOFT_SOURCES.contains(&name)
        && matches!(
            (c.id, c.verdict),
            ("sharpness.face", Verdict::Fail) | ("retouch.smoothing", Verdict::Error)
        )
}

#[test]
fn pixel_checks_on_demo_photos_and_variants() {
    let rows = run_all();
    print_table(&rows);
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    // What each base photo already flags as delivered: a variant's edit may push that over the
    // fail limit (fr__biden2 is lit from one side), which is the photo's own fault, not a
    // wrong reason.
    let base_flags: Vec<(&String, Vec<String>)> = rows
        .iter()
        .filter(|(_, v, _)| *v == Variant::Compliant)
        .map(|(name, _, checks)| (name, code_of(checks, &[Verdict::Warn, Verdict::Fail])))
        .collect();
    for (name, variant, checks) in &rows {
        let own = base_flags
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[][..], |(_, f)| f.as_slice());
        let failed = code_of(checks, &[Verdict::Fail]);
        let flagged = code_of(checks, &[Verdict::Warn, Verdict::Fail]);
        // Every finding names catalogue messages and fills all their placeholders.
        for c in checks {
            for p in c.message.problems() {
                problems.push(format!("{name} {}: {}: {p}", variant.slug(), c.id));
            }
        }
        if matches!(variant, Variant::Compliant | Variant::WhiteBackground) {
            for c in checks
                .iter()
                .filter(|c| c.verdict == Verdict::Fail && !own_softness(name, c))
            {
                problems.push(format!(
                    "{name} {}: {} failed: {}",
                    variant.slug(),
                    c.id,
                    c.message_en()
                ));
            }
            for c in checks
                .iter()
                .filter(|c| c.verdict == Verdict::Error && !own_softness(name, c))
            {
                problems.push(format!(
                    "{name} {}: {} not assessed: {}",
                    variant.slug(),
                    c.id,
                    c.message_en()
                ));
            }
        }
        for expected in variant
            .expected_reasons()
            .iter()
            .filter(|e| OWN_CODES.contains(e))
        {
            let known_miss = KNOWN_MISSES
                .iter()
                .any(|(n, v, code)| n == name && v == variant && code == expected);
            if !flagged.iter().any(|f| f == expected) && !known_miss {
                problems.push(format!(
                    "{name} {}: expected {expected}, got {flagged:?}",
                    variant.slug()
                ));
            }
        }
        // Failures on a faulty variant must be among its expected or incidental reasons.
        if !variant.is_compliant() && *variant != Variant::Greyscale {
            for f in &failed {
                let allowed = variant.expected_reasons().contains(&f.as_str())
                    || variant.incidental_reasons().contains(&f.as_str())
                    || own.contains(f);
                if !allowed && !matches!(variant, Variant::HeadTooSmall | Variant::OffCentre) {
                    notes.push(format!("{name} {}: unexpected failure {f}", variant.slug()));
                }
            }
        }
    }
    // Failures a faulty variant should not cause are problems too: a check that fails for the
    // wrong reason would put the wrong reason in front of the reviewer.
    problems.extend(notes);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn without_a_face_face_checks_are_not_assessed() {
    let spec = PhotoSpec::default();
    let img = decode(BASE_PHOTOS[0].jpeg);
    let (seg, checks) = pixel_checks(&img, None, &spec);
    assert!(seg.head_top_y.is_some());
    for id in [
        "exposure.brightness",
        "exposure.colour_cast",
        "exposure.uneven",
        "sharpness.face",
        "retouch.smoothing",
    ] {
        let c = checks.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.verdict, Verdict::Error, "{id}");
        assert!(c.reasons.is_empty());
    }
    let bg = checks.iter().find(|c| c.id == "background.colour").unwrap();
    assert_eq!(bg.verdict, Verdict::Pass, "{}", bg.message_en());
}

#[test]
fn a_photo_of_noise_never_passes_the_background_checks() {
    let spec = PhotoSpec::default();
    // Coarse noise: no person, and nothing that looks like a backdrop of one colour.
    let img = RgbImage::from_fn(480, 640, |x, y| {
        let h = ((x / 2).wrapping_mul(2_654_435_761) ^ (y / 2).wrapping_mul(40_503))
            .wrapping_mul(2_246_822_519);
        image::Rgb([(h >> 8) as u8, (h >> 16) as u8, (h >> 24) as u8])
    });
    let (_, checks) = pixel_checks(&img, None, &spec);
    for c in checks.iter().filter(|c| c.id.starts_with("background.")) {
        assert_ne!(c.verdict, Verdict::Pass, "{}: {}", c.id, c.message_en());
    }
}

#[test]
fn segmentation_finds_the_person_in_every_demo_photo() {
    for photo in &BASE_PHOTOS {
        let img = decode(photo.jpeg);
        let face = face_of(&img);
        println!("{:<34} face {:?}", photo.name, face.face);
        let seg = segment(&img, Some(&face));
        let share = seg.background_count() as f64 / (480.0 * 640.0);
        let top = seg.head_top_y.unwrap();
        println!(
            "{:<34} background {:.0} %, head top {top}, shoulders {:?}/{:?}, band {:?}",
            photo.name,
            share * 100.0,
            seg.shoulder_left_y,
            seg.shoulder_right_y,
            seg.clothing_band
        );
        assert!((0.15..0.8).contains(&share), "{}: {share}", photo.name);
        assert!((20..160).contains(&top), "{}: head top {top}", photo.name);
        // The face centre is person, the top corners background.
        assert!(!seg.is_background(240, 300), "{}", photo.name);
        assert!(
            seg.is_background(5, 5) && seg.is_background(474, 5),
            "{}",
            photo.name
        );
        if let Ok(dir) = std::env::var("PIXEL_DEBUG_DIR") {
            let mut out = img.clone();
            for (x, y, p) in out.enumerate_pixels_mut() {
                if seg.is_background(x, y) {
                    p.0 = [p.0[0] / 4, p.0[1] / 4 + 150, p.0[2] / 4];
                }
            }
            out.save(format!("{dir}/{}.png", photo.name)).unwrap();
        }
    }
}
