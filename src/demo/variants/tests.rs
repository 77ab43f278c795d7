//! Tests of the variant generator, on the Obama base (dark suit touching both bottom corners).

use image::{Rgb, RgbImage};

use super::mask::{BASE_BACKGROUND, BackgroundMask};
use super::{Variant, WRONG_SIZE, render};
use crate::demo::photos::BASE_PHOTOS;

fn base() -> &'static [u8] {
    BASE_PHOTOS[0].jpeg
}

fn decode(bytes: &[u8]) -> RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

fn rendered(variant: Variant) -> RgbImage {
    decode(&render(base(), variant).unwrap())
}

fn luma(p: Rgb<u8>) -> f64 {
    let [r, g, b] = p.0.map(f64::from);
    0.299 * r + 0.587 * g + 0.114 * b
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0.0), |(s, n), v| (s + v, n + 1.0));
    sum / n
}

fn mean_luma(img: &RgbImage) -> f64 {
    mean(img.pixels().map(|p| luma(*p)))
}

/// Mean colour of the pixels the base photo's mask calls background, in rows `rows`.
fn background_mean(img: &RgbImage, rows: std::ops::Range<u32>) -> [f64; 3] {
    let mask = BackgroundMask::of(&decode(base()));
    let pixels: Vec<[f64; 3]> = img
        .enumerate_pixels()
        .filter(|&(x, y, _)| rows.contains(&y) && mask.weight(x, y) >= 1.0)
        .map(|(_, _, p)| p.0.map(f64::from))
        .collect();
    std::array::from_fn(|c| mean(pixels.iter().map(|p| p[c])))
}

fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// Share of strongly blue pixels (hue 200°–250°, saturated) in the bottom 28 % of the image.
fn blue_share_in_bottom_band(img: &RgbImage) -> f64 {
    let top = img.height() * 72 / 100;
    mean(
        img.enumerate_pixels()
            .filter(|&(_, y, _)| y >= top)
            .map(|(_, _, p)| {
                let [r, g, b] = p.0.map(i32::from);
                f64::from(u8::from(b > 80 && b - r > 60 && b - g > 30))
            }),
    )
}

#[test]
fn every_variant_decodes_at_480_by_640_except_wrong_size() {
    for variant in Variant::ALL {
        let img = rendered(variant);
        let expected = if variant == Variant::WrongSize {
            WRONG_SIZE
        } else {
            (480, 640)
        };
        assert_eq!(img.dimensions(), expected, "{variant:?}");
    }
}

#[test]
fn png_is_png_and_everything_else_is_jpeg() {
    for variant in Variant::ALL {
        let bytes = render(base(), variant).unwrap();
        let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        let jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
        assert_eq!(
            (png, jpeg),
            (variant == Variant::Png, variant != Variant::Png),
            "{variant:?}"
        );
        assert_eq!(variant.extension(), if png { "png" } else { "jpg" });
    }
}

#[test]
fn compliant_is_the_base_file_unchanged() {
    assert_eq!(render(base(), Variant::Compliant).unwrap(), base());
}

#[test]
fn rendering_is_deterministic() {
    for variant in Variant::ALL {
        assert_eq!(
            render(base(), variant).unwrap(),
            render(base(), variant).unwrap(),
            "{variant:?}"
        );
    }
}

#[test]
fn greyscale_has_equal_channels() {
    let img = rendered(Variant::Greyscale);
    assert!(img.pixels().all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2]));
}

#[test]
fn too_bright_raises_mean_luminance() {
    assert!(mean_luma(&rendered(Variant::TooBright)) > mean_luma(&decode(base())) + 30.0);
}

#[test]
fn too_dark_reddish_is_darker_and_redder() {
    let red_blue = |img: &RgbImage| {
        mean(
            img.pixels()
                .map(|p| (f64::from(p.0[0]) + 1.0) / (f64::from(p.0[2]) + 1.0)),
        )
    };
    let (base, dark) = (decode(base()), rendered(Variant::TooDarkReddish));
    assert!(mean_luma(&dark) < mean_luma(&base) * 0.7);
    assert!(red_blue(&dark) > red_blue(&base) * 1.3);
}

#[test]
fn blurry_loses_fine_detail() {
    let detail = |img: &RgbImage| {
        mean(
            (1..img.width())
                .flat_map(|x| (0..img.height()).map(move |y| (x, y)))
                .map(|(x, y)| (luma(*img.get_pixel(x, y)) - luma(*img.get_pixel(x - 1, y))).abs()),
        )
    };
    assert!(detail(&rendered(Variant::Blurry)) < detail(&decode(base())) * 0.6);
}

#[test]
fn blue_clothes_raises_the_blue_share_in_the_bottom_band() {
    let before = blue_share_in_bottom_band(&decode(base()));
    let after = blue_share_in_bottom_band(&rendered(Variant::BlueClothes));
    assert!(after > before + 0.3, "{before} -> {after}");
}

#[test]
fn blue_clothes_leave_face_and_background_alone() {
    let (base, blue) = (decode(base()), rendered(Variant::BlueClothes));
    for (x, y) in [(240, 250), (240, 330), (10, 300), (470, 100)] {
        assert!(
            distance(
                base.get_pixel(x, y).0.map(f64::from),
                blue.get_pixel(x, y).0.map(f64::from)
            ) < 12.0
        );
    }
}

#[test]
fn background_recolours_hit_the_background_only() {
    let white = background_mean(&rendered(Variant::WhiteBackground), 0..640);
    let red = background_mean(&rendered(Variant::WrongBackground), 0..640);
    assert!(distance(white, [255.0; 3]) < 6.0, "{white:?}");
    assert!(distance(red, [219.0, 0.0, 0.0]) < 10.0, "{red:?}");
    let face = |v| rendered(v).get_pixel(240, 280).0.map(f64::from);
    assert!(distance(face(Variant::WrongBackground), face(Variant::Compliant)) < 10.0);
}

#[test]
fn gradient_background_differs_from_top_to_bottom() {
    let img = rendered(Variant::GradientBackground);
    let (top, bottom) = (
        background_mean(&img, 0..120),
        background_mean(&img, 400..640),
    );
    assert!(distance(top, bottom) > 60.0, "{top:?} vs {bottom:?}");
}

#[test]
fn background_shadow_darkens_one_side_of_the_person() {
    let shaded = rendered(Variant::BackgroundShadow);
    let mask = BackgroundMask::of(&decode(base()));
    let side_luma = |right: bool| {
        let near_person = |x: u32, y: u32| {
            let step = |d: i64| (i64::from(x) + if right { -d } else { d }) as u32;
            !mask.is_background(step(25), y) && mask.weight(x, y) >= 1.0
        };
        mean(
            (150..450)
                .flat_map(|y| (30..450).map(move |x| (x, y)))
                .filter(|&(x, y)| near_person(x, y))
                .map(|(x, y)| luma(*shaded.get_pixel(x, y))),
        )
    };
    assert!(side_luma(true) < side_luma(false) - 25.0);
}

#[test]
fn off_centre_moves_the_head_sideways() {
    let before = BackgroundMask::of(&decode(base())).head_centre_x();
    let after = BackgroundMask::of(&rendered(Variant::OffCentre)).head_centre_x();
    assert!((after - before - 60.0).abs() < 8.0, "{before} -> {after}");
}

#[test]
fn tilted_and_small_heads_refill_the_background() {
    let is_bg =
        |img: &RgbImage, x, y| super::mask::distance(*img.get_pixel(x, y), BASE_BACKGROUND) < 30.0;
    let base = decode(base());
    assert!(!is_bg(&base, 3, 636) && !is_bg(&base, 476, 636));
    let tilted = rendered(Variant::Tilted);
    assert!(is_bg(&tilted, 3, 636) || is_bg(&tilted, 476, 636));
    let small = rendered(Variant::HeadTooSmall);
    assert!(is_bg(&small, 3, 636) && is_bg(&small, 476, 636));
    let person = |img: &RgbImage| {
        let mask = BackgroundMask::of(img);
        img.enumerate_pixels()
            .filter(|&(x, y, _)| !mask.is_background(x, y))
            .count() as f64
    };
    assert!(person(&small) < person(&base) * 0.5);
}

#[test]
fn low_jpeg_quality_is_much_smaller() {
    let low = render(base(), Variant::LowJpegQuality).unwrap();
    assert!(low.len() * 2 < base().len(), "{} bytes", low.len());
}

#[test]
fn slugs_are_unique_and_round_trip() {
    for variant in Variant::ALL {
        assert_eq!(Variant::from_slug(variant.slug()), Some(variant));
    }
    let mut slugs: Vec<_> = Variant::ALL.iter().map(|v| v.slug()).collect();
    slugs.dedup();
    assert_eq!(slugs.len(), Variant::ALL.len());
}

#[test]
fn reasons_are_catalogue_codes_and_only_compliant_variants_have_none() {
    for variant in Variant::ALL {
        for code in variant
            .expected_reasons()
            .iter()
            .chain(variant.incidental_reasons())
        {
            assert!(
                crate::domain::reasons::ReasonCode::parse(code).is_some(),
                "{variant:?}: {code}"
            );
        }
        let compliant = matches!(variant, Variant::Compliant | Variant::WhiteBackground);
        assert_eq!(variant.is_compliant(), compliant, "{variant:?}");
    }
}
