//! Faulty variants of a compliant base photo, each meant to trip one automatic check.
//!
//! Pure and deterministic: the same base and variant give the same bytes. The base is expected
//! to be one of the demo photos (480×640, flat background RGB(100, 197, 255), eye line near
//! y = 250); other images work but the edits assume that layout.

pub mod accessories;
mod clothes;
pub mod edits;
pub mod mask;
pub mod rates;

use std::io::Cursor;

use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageEncoder, ImageError, RgbImage};

use self::mask::BackgroundMask;
use crate::checks::face::frame::FaceFrame;
use crate::checks::face::{self, FaceModels};
use crate::i18n::{Localized, Msg};

/// JPEG quality of every variant except [`Variant::LowJpegQuality`].
pub const JPEG_QUALITY: u8 = 90;
/// Size of [`Variant::WrongSize`]: the common "2-inch" 35×45 mm print at 300 dpi.
pub const WRONG_SIZE: (u32, u32) = (413, 531);
/// Where the base photos have their eye line, in pixels from the top.
const EYE_LINE_Y: f32 = 250.0;

/// One way of spoiling a compliant photo (or two ways of keeping it compliant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    Compliant,
    TooBright,
    TooDarkReddish,
    Blurry,
    /// Enlarged 2× from a copy half the size: the pixels are there, their detail is not (a
    /// small phone or web photo blown up to 480×640).
    Enlarged,
    WrongSize,
    /// White background: allowed by the CHSI standard, a compliant alternative.
    WhiteBackground,
    WrongBackground,
    GradientBackground,
    BackgroundShadow,
    BlueClothes,
    OffCentre,
    Tilted,
    HeadTooSmall,
    Greyscale,
    LowJpegQuality,
    Png,
    /// Dark full-rim glasses drawn on the face (the seed campaign forbids glasses).
    Glasses,
    /// A fringe of the person's hair colour drawn over the forehead, down over the eyebrows.
    HairOverBrows,
    /// Light from one side: the other half of the face 1.8 stops darker.
    SideLit,
}

impl Variant {
    pub const ALL: [Variant; 20] = [
        Self::Compliant,
        Self::TooBright,
        Self::TooDarkReddish,
        Self::Blurry,
        Self::Enlarged,
        Self::WrongSize,
        Self::WhiteBackground,
        Self::WrongBackground,
        Self::GradientBackground,
        Self::BackgroundShadow,
        Self::BlueClothes,
        Self::OffCentre,
        Self::Tilted,
        Self::HeadTooSmall,
        Self::Greyscale,
        Self::LowJpegQuality,
        Self::Png,
        Self::Glasses,
        Self::HairOverBrows,
        Self::SideLit,
    ];

    /// Stable snake-case name, e.g. `"too_bright"`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Compliant => "compliant",
            Self::TooBright => "too_bright",
            Self::TooDarkReddish => "too_dark_reddish",
            Self::Blurry => "blurry",
            Self::Enlarged => "enlarged",
            Self::WrongSize => "wrong_size",
            Self::WhiteBackground => "white_background",
            Self::WrongBackground => "wrong_background",
            Self::GradientBackground => "gradient_background",
            Self::BackgroundShadow => "background_shadow",
            Self::BlueClothes => "blue_clothes",
            Self::OffCentre => "off_centre",
            Self::Tilted => "tilted",
            Self::HeadTooSmall => "head_too_small",
            Self::Greyscale => "greyscale",
            Self::LowJpegQuality => "low_jpeg_quality",
            Self::Png => "png",
            Self::Glasses => "glasses",
            Self::HairOverBrows => "hair_over_brows",
            Self::SideLit => "side_lit",
        }
    }

    /// The variant with this slug.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == slug)
    }

    /// Reason codes a correct checker should suggest for this variant; empty = compliant.
    pub fn expected_reasons(self) -> &'static [&'static str] {
        match self {
            Self::Compliant | Self::WhiteBackground => &[],
            Self::TooBright => &["FACE_TOO_BRIGHT"],
            Self::TooDarkReddish => &["FACE_TOO_DARK", "COLOUR_CAST"],
            Self::Blurry | Self::Enlarged => &["BLURRY"],
            Self::WrongSize => &["WRONG_SIZE"],
            Self::WrongBackground => &["BACKGROUND_COLOUR"],
            Self::GradientBackground => &["BACKGROUND_UNEVEN"],
            Self::BackgroundShadow => &["BACKGROUND_SHADOW"],
            Self::BlueClothes => &["CLOTHES_BLUE"],
            Self::OffCentre => &["HEAD_POSITION"],
            Self::Tilted => &["HEAD_TILTED"],
            Self::HeadTooSmall => &["HEAD_SIZE"],
            Self::Greyscale => &["NOT_COLOUR"],
            Self::LowJpegQuality => &["LOW_QUALITY_FILE"],
            Self::Png => &["WRONG_FORMAT"],
            Self::Glasses => &["GLASSES"],
            Self::HairOverBrows => &["HAIR_COVERS_FACE"],
            Self::SideLit => &["UNEVEN_LIGHTING"],
        }
    }

    /// Further codes a correct checker may also suggest, as side effects of the edit (a whole-
    /// image exposure change also moves the background colour; a rotated person also has
    /// uneven shoulders; …). Neither required nor wrong.
    pub fn incidental_reasons(self) -> &'static [&'static str] {
        match self {
            // A gain on every channel moves a* and b* with it (CIELAB's cube root: a uniform
            // gain k scales them by about k^(1/3)), so an over-exposed face also reads redder.
            Self::TooBright => &["BACKGROUND_COLOUR", "COLOUR_CAST"],
            Self::TooDarkReddish => &["BACKGROUND_COLOUR"],
            Self::GradientBackground => &["BACKGROUND_COLOUR", "BACKGROUND_SHADOW"],
            Self::BackgroundShadow => &["BACKGROUND_UNEVEN"],
            Self::Tilted => &["SHOULDERS_UNEVEN", "HEAD_POSITION"],
            Self::HeadTooSmall => &["HEAD_POSITION"],
            Self::Blurry | Self::Enlarged => &["LOW_QUALITY_FILE"],
            // The shadowed half darkens the face and the clothes as a whole.
            Self::SideLit => &["FACE_TOO_DARK", "COLOUR_CAST", "CLOTHES_LIKE_BACKGROUND"],
            _ => &[],
        }
    }

    /// Whether a correct checker should find nothing wrong.
    pub fn is_compliant(self) -> bool {
        self.expected_reasons().is_empty()
    }

    /// File extension of the rendered bytes: `"png"` for [`Variant::Png`], else `"jpg"`.
    pub fn extension(self) -> &'static str {
        if self == Self::Png { "png" } else { "jpg" }
    }
}

/// Why a demo photo could not be made; rendered from the catalogue (`demo-variant-…` in
/// `errors.ftl`), the image library's own words as they are.
#[derive(Debug)]
pub enum VariantError {
    Decode(ImageError),
    Encode(ImageError),
    /// The face, or the part of it the edit goes on, was not found: why, as a message.
    Face(Msg),
}

impl Localized for VariantError {
    fn msg(&self) -> Msg {
        match self {
            Self::Decode(e) => Msg::new("demo-variant-decode").arg("error", e.to_string()),
            Self::Encode(e) => Msg::new("demo-variant-encode").arg("error", e.to_string()),
            Self::Face(why) => Msg::new("demo-variant-face").arg("why", why.clone()),
        }
    }
}

crate::english_display!(VariantError);

/// The file bytes of `variant` derived from `base_jpeg`: JPEG quality 90 at 300 dpi, except
/// [`Variant::LowJpegQuality`] (quality 15) and [`Variant::Png`] (PNG). [`Variant::Compliant`]
/// is the base file itself, unchanged.
pub fn render(base_jpeg: &[u8], variant: Variant) -> Result<Vec<u8>, VariantError> {
    let base = image::load_from_memory(base_jpeg)
        .map_err(VariantError::Decode)?
        .to_rgb8();
    match variant {
        Variant::Compliant => Ok(base_jpeg.to_vec()),
        Variant::Greyscale => encode_jpeg(
            &DynamicImage::ImageRgb8(base).into_luma8().into(),
            JPEG_QUALITY,
        ),
        Variant::LowJpegQuality => encode_jpeg(&base.into(), 15),
        Variant::Png => encode_png(&base),
        Variant::Glasses | Variant::HairOverBrows => {
            let (frame, mesh) = face_frame(&base)?;
            let edited = if variant == Variant::Glasses {
                accessories::draw_glasses(&base, &frame)
            } else {
                accessories::draw_fringe(&base, &frame, &mesh, &BackgroundMask::of(&base))
            };
            encode_jpeg(&edited.into(), JPEG_QUALITY)
        }
        Variant::SideLit => {
            let (_, mesh) = face_frame(&base)?;
            let split = shadow_split(&base, &mesh)
                .ok_or_else(|| VariantError::Face(Msg::new("demo-variant-no-cheeks")))?;
            let lit = edits::side_light(&base, &BackgroundMask::of(&base), split, 40.0, 1.8);
            encode_jpeg(&lit.into(), JPEG_QUALITY)
        }
        _ => encode_jpeg(&edit(&base, variant).into(), JPEG_QUALITY),
    }
}

/// Where to put the side shadow: the nose tip's column, and whether the image-right cheek
/// is the darker one already (a face lit from one side gets darker on that side, not evened
/// out).
fn shadow_split(base: &RgbImage, mesh: &[[f32; 3]]) -> Option<(f32, bool)> {
    const NOSE_TIP: usize = 1;
    const CHEEKS: [usize; 2] = [234, 454];
    let nose = mesh.get(NOSE_TIP)?;
    let luma_around = |x: f32, y: f32| {
        let (mut sum, mut n) = (0.0f32, 0.0f32);
        for py in (y - 12.0).max(0.0) as u32..((y + 12.0) as u32).min(base.height()) {
            for px in (x - 12.0).max(0.0) as u32..((x + 12.0) as u32).min(base.width()) {
                sum += edits::luma(base.get_pixel(px, py).0.map(f32::from));
                n += 1.0;
            }
        }
        (n > 0.0).then(|| sum / n)
    };
    let [left, right] = CHEEKS.map(|i| {
        let c = mesh.get(i)?;
        luma_around(f32::midpoint(c[0], nose[0]), nose[1])
    });
    Some((nose[0], right? < left?))
}

/// The edited pixels of a variant that changes pixels (identity for file-level variants).
fn edit(base: &RgbImage, variant: Variant) -> RgbImage {
    let mask = || BackgroundMask::of(base);
    let head_x = || mask().head_centre_x();
    match variant {
        Variant::TooBright => edits::expose(base, 1.6, [0.0; 3]),
        Variant::TooDarkReddish => edits::expose(base, 0.45, [35.0, 0.0, -20.0]),
        Variant::Blurry => edits::blur(base, 4.0),
        Variant::Enlarged => edits::enlarge(base, 2.0),
        Variant::WrongSize => edits::resize(base, WRONG_SIZE.0, WRONG_SIZE.1),
        Variant::WhiteBackground => edits::recolour_background(base, &mask(), |_, _| [255.0; 3]),
        Variant::WrongBackground => {
            edits::recolour_background(base, &mask(), |_, _| [219.0, 0.0, 0.0])
        }
        Variant::GradientBackground => {
            let gradient = edits::vertical_gradient(
                [165.0, 225.0, 255.0],
                [35.0, 140.0, 215.0],
                base.height(),
            );
            edits::recolour_background(base, &mask(), gradient)
        }
        Variant::BackgroundShadow => edits::cast_shadow(base, &mask(), (22, 12), 0.5, 5.0),
        Variant::BlueClothes => {
            clothes::recolour_clothes_blue(base, &mask(), base.height() * 72 / 100)
        }
        Variant::OffCentre => edits::shift_sideways(base, 60.0),
        Variant::Tilted => edits::rotate_about(base, 9.0, (head_x(), EYE_LINE_Y + 10.0)),
        Variant::HeadTooSmall => edits::scale_about(base, 0.6, (head_x(), base.height() as f32)),
        Variant::Compliant
        | Variant::Greyscale
        | Variant::LowJpegQuality
        | Variant::Png
        | Variant::Glasses
        | Variant::HairOverBrows
        | Variant::SideLit => base.clone(),
    }
}

/// The face frame and landmarks of the base photo, from the checks' own face models.
fn face_frame(base: &RgbImage) -> Result<(FaceFrame, Vec<[f32; 3]>), VariantError> {
    let models = FaceModels::shared().map_err(|e| VariantError::Face(e.msg()))?;
    let geom = face::analyse(models, base).map_err(|e| VariantError::Face(e.msg()))?;
    let mesh = geom
        .mesh
        .ok_or_else(|| VariantError::Face(Msg::new("check-why-no-mesh")))?;
    let frame =
        FaceFrame::of(&mesh).ok_or_else(|| VariantError::Face(Msg::new("demo-variant-no-eyes")))?;
    Ok((frame, mesh))
}

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, VariantError> {
    let mut bytes = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut bytes, quality);
    encoder.set_pixel_density(PixelDensity::dpi(300));
    encoder.encode_image(image).map_err(VariantError::Encode)?;
    Ok(bytes)
}

fn encode_png(image: &RgbImage) -> Result<Vec<u8>, VariantError> {
    let mut bytes = Cursor::new(Vec::new());
    PngEncoder::new(&mut bytes)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(VariantError::Encode)?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests;
