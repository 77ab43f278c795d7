//! Safe decoding of uploaded bytes: the format is sniffed from the magic bytes (never from
//! the file name), declared dimensions are checked before any pixel buffer is allocated, and
//! every failure is a [`DecodeError`] with a message the reviewer can act on. Never panics.

use std::fmt;
use std::io::Cursor;

use image::{DynamicImage, ImageError, ImageFormat, ImageReader, RgbImage};
use serde::{Deserialize, Serialize};

use super::jpeg_markers;
use super::jpeg_quality;
use crate::i18n::{Localized, Msg};

/// Largest accepted width or height, in pixels (checked on the header, before decoding).
pub const MAX_SIDE_PX: u32 = 8000;
/// Largest allocation the decoder may make, in bytes.
pub const MAX_ALLOC_BYTES: u64 = 256 * 1024 * 1024;

/// The container format, as sniffed from the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoFormat {
    Jpeg,
    Png,
    WebP,
    Heic,
    Heif,
    Avif,
    Gif,
    Bmp,
    Tiff,
    Unknown,
}

impl PhotoFormat {
    /// Sniffs the format from magic bytes.
    pub fn sniff(bytes: &[u8]) -> Self {
        const PNG_SIG: &[u8] = b"\x89PNG\r\n\x1a\n";
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Self::Jpeg
        } else if bytes.starts_with(PNG_SIG) {
            Self::Png
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Self::Gif
        } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
            Self::Tiff
        } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            Self::WebP
        } else if bytes.get(4..8) == Some(b"ftyp") {
            Self::sniff_ftyp(bytes)
        } else if bytes.starts_with(b"BM") && bytes.len() >= 26 {
            Self::Bmp
        } else {
            Self::Unknown
        }
    }

    /// ISO-BMFF `ftyp` box: the major brand, then the compatible brands.
    fn sniff_ftyp(bytes: &[u8]) -> Self {
        let box_len = bytes
            .get(0..4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u32::from_be_bytes(b) as usize);
        let end = box_len.clamp(12, 256).min(bytes.len());
        let classify = |brand: &[u8]| match brand {
            b"avif" | b"avis" => Some(Self::Avif),
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"hevm" | b"hevs" => {
                Some(Self::Heic)
            }
            b"mif1" | b"msf1" => Some(Self::Heif),
            _ => None,
        };
        let major = bytes.get(8..12).and_then(classify);
        if let Some(specific @ (Self::Avif | Self::Heic)) = major {
            return specific;
        }
        // A generic HEIF major brand (or another one): the compatible brands may say more.
        let compatible: Vec<Self> = bytes
            .get(16..end)
            .unwrap_or_default()
            .chunks_exact(4)
            .filter_map(classify)
            .collect();
        [Self::Avif, Self::Heic, Self::Heif]
            .into_iter()
            .find(|f| major == Some(*f) || compatible.contains(f))
            .unwrap_or(Self::Unknown)
    }

    /// The name shown to people: `"JPEG"`, `"WebP"`, `"HEIC"`, … or `"unknown"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::WebP => "WebP",
            Self::Heic => "HEIC",
            Self::Heif => "HEIF",
            Self::Avif => "AVIF",
            Self::Gif => "GIF",
            Self::Bmp => "BMP",
            Self::Tiff => "TIFF",
            Self::Unknown => "unknown",
        }
    }

    /// Where such files usually come from, to help the reviewer explain it (empty text when
    /// there is nothing to say).
    fn hint(self) -> crate::i18n::Arg {
        match self {
            Self::Heic | Self::Heif => Msg::new("check-format-hint-heic").into(),
            Self::WebP => Msg::new("check-format-hint-webp").into(),
            Self::Avif => Msg::new("check-format-hint-avif").into(),
            _ => "".into(),
        }
    }
}

impl fmt::Display for PhotoFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why bytes could not be decoded into a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// Says nothing of the content: a file that is not a photo may be anything (a private
    /// file linked in, a key), and messages end up in terminals, logs and the database.
    UnknownFormat,
    Unsupported {
        format: PhotoFormat,
    },
    TooLarge {
        format: PhotoFormat,
        width: u32,
        height: u32,
    },
    Truncated {
        format: PhotoFormat,
        byte_len: usize,
    },
    BadHeader {
        format: PhotoFormat,
        detail: String,
    },
    Cmyk {
        detail: String,
    },
    TooMuchMemory {
        format: PhotoFormat,
        detail: String,
    },
    Corrupt {
        format: PhotoFormat,
        detail: String,
    },
}

impl Localized for DecodeError {
    fn msg(&self) -> Msg {
        let with_format =
            |id: &'static str, format: &PhotoFormat| Msg::new(id).arg("format", format.name());
        match self {
            Self::Empty => Msg::new("check-decode-error-empty"),
            Self::UnknownFormat => Msg::new("check-decode-error-unknown-format"),
            Self::Unsupported { format } => {
                with_format("check-decode-error-unsupported", format).arg("hint", format.hint())
            }
            Self::TooLarge {
                format,
                width,
                height,
            } => with_format("check-decode-error-too-large", format)
                .arg("width", width.to_string())
                .arg("height", height.to_string())
                .arg("max", MAX_SIDE_PX.to_string()),
            Self::Truncated { format, byte_len } => {
                with_format("check-decode-error-truncated", format)
                    .arg("bytes", byte_len.to_string())
            }
            Self::BadHeader { format, detail } => {
                with_format("check-decode-error-bad-header", format).arg("detail", detail)
            }
            Self::Cmyk { detail } => Msg::new("check-decode-error-cmyk").arg("detail", detail),
            Self::TooMuchMemory { format, detail } => {
                with_format("check-decode-error-too-much-memory", format)
                    .arg("mb", (MAX_ALLOC_BYTES / (1024 * 1024)).to_string())
                    .arg("detail", detail)
            }
            Self::Corrupt { format, detail } => {
                with_format("check-decode-error-corrupt", format).arg("detail", detail)
            }
        }
    }
}

crate::english_display!(DecodeError);

impl DecodeError {
    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        self.render(crate::domain::lang::Lang::Zh)
    }

    /// The sniffed format, when the error concerns a recognised one.
    pub fn format(&self) -> Option<PhotoFormat> {
        match self {
            Self::Empty | Self::UnknownFormat => None,
            Self::Cmyk { .. } => Some(PhotoFormat::Jpeg),
            Self::Unsupported { format }
            | Self::TooLarge { format, .. }
            | Self::Truncated { format, .. }
            | Self::BadHeader { format, .. }
            | Self::TooMuchMemory { format, .. }
            | Self::Corrupt { format, .. } => Some(*format),
        }
    }
}

/// A decoded upload and what its file says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedPhoto {
    pub format: PhotoFormat,
    /// The stored pixels as 8-bit RGB (EXIF orientation is *not* applied: this is what CHSI
    /// receives).
    pub rgb: RgbImage,
    /// Bits per sample in the file (8 for baseline JPEG; 1–16 for PNG).
    pub bit_depth: u8,
    /// Colour channels in the file, alpha not counted: 1 grey, 3 colour, 4 CMYK.
    pub channels_in_file: u8,
    /// EXIF orientation tag (1 = normal; 6 = display rotated 90° clockwise; …).
    pub exif_orientation: Option<u16>,
    /// EXIF `Software` tag, trimmed.
    pub exif_software: Option<String>,
    /// Estimated JPEG quality factor (IJG 1–100); `None` when not a JPEG.
    pub jpeg_quality: Option<f64>,
    pub byte_len: usize,
}

impl DecodedPhoto {
    pub fn width(&self) -> u32 {
        self.rgb.width()
    }

    pub fn height(&self) -> u32 {
        self.rgb.height()
    }
}

/// Decodes upload bytes. One pass over the header, one decode; never panics.
pub fn decode(bytes: &[u8]) -> Result<DecodedPhoto, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    match PhotoFormat::sniff(bytes) {
        PhotoFormat::Jpeg => decode_jpeg(bytes),
        PhotoFormat::Png => decode_png(bytes),
        PhotoFormat::Unknown => Err(DecodeError::UnknownFormat),
        format => Err(DecodeError::Unsupported { format }),
    }
}

fn check_declared_size(format: PhotoFormat, width: u32, height: u32) -> Result<(), DecodeError> {
    if width > MAX_SIDE_PX || height > MAX_SIDE_PX {
        return Err(DecodeError::TooLarge {
            format,
            width,
            height,
        });
    }
    if width == 0 || height == 0 {
        return Err(DecodeError::BadHeader {
            format,
            detail: format!("it declares {width}×{height} pixels"),
        });
    }
    Ok(())
}

fn decode_with_limits(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, ImageError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_ALLOC_BYTES);
    reader.limits(limits);
    reader.decode()
}

fn image_error(format: PhotoFormat, e: &ImageError) -> DecodeError {
    match e {
        ImageError::Limits(_) => DecodeError::TooMuchMemory {
            format,
            detail: e.to_string(),
        },
        _ => DecodeError::Corrupt {
            format,
            detail: e.to_string(),
        },
    }
}

fn decode_jpeg(bytes: &[u8]) -> Result<DecodedPhoto, DecodeError> {
    const FORMAT: PhotoFormat = PhotoFormat::Jpeg;
    let truncated = DecodeError::Truncated {
        format: FORMAT,
        byte_len: bytes.len(),
    };
    let Some(markers) = jpeg_markers::parse(bytes) else {
        return Err(DecodeError::BadHeader {
            format: FORMAT,
            detail: "no start-of-image marker".to_owned(),
        });
    };
    let Some(sof) = markers.sof else {
        return Err(if markers.ended_early {
            truncated
        } else {
            DecodeError::BadHeader {
                format: FORMAT,
                detail: "no frame header (SOF): the image size is unknown".to_owned(),
            }
        });
    };
    check_declared_size(FORMAT, u32::from(sof.width), u32::from(sof.height))?;
    if markers.ended_early || !markers.has_eoi {
        return Err(truncated);
    }
    let img = decode_with_limits(bytes, ImageFormat::Jpeg).map_err(|e| {
        if sof.components == 4 {
            DecodeError::Cmyk {
                detail: e.to_string(),
            }
        } else {
            image_error(FORMAT, &e)
        }
    })?;
    let (exif_orientation, exif_software) = markers.exif.map(read_exif).unwrap_or_default();
    Ok(DecodedPhoto {
        format: FORMAT,
        rgb: img.into_rgb8(),
        bit_depth: sof.precision,
        channels_in_file: sof.components,
        exif_orientation,
        exif_software,
        jpeg_quality: jpeg_quality::quality_from_markers(&markers),
        byte_len: bytes.len(),
    })
}

fn decode_png(bytes: &[u8]) -> Result<DecodedPhoto, DecodeError> {
    const FORMAT: PhotoFormat = PhotoFormat::Png;
    let be32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_be_bytes)
    };
    if bytes.get(12..16) != Some(b"IHDR") {
        return Err(if bytes.len() < 16 {
            DecodeError::Truncated {
                format: FORMAT,
                byte_len: bytes.len(),
            }
        } else {
            DecodeError::BadHeader {
                format: FORMAT,
                detail: "the first chunk is not IHDR".to_owned(),
            }
        });
    }
    let (Some(width), Some(height), Some(&bit_depth), Some(&colour_type)) =
        (be32(16), be32(20), bytes.get(24), bytes.get(25))
    else {
        return Err(DecodeError::Truncated {
            format: FORMAT,
            byte_len: bytes.len(),
        });
    };
    check_declared_size(FORMAT, width, height)?;
    let channels_in_file = match colour_type {
        0 | 4 => 1,     // grey, grey + alpha
        2 | 3 | 6 => 3, // RGB, palette, RGBA
        other => {
            return Err(DecodeError::BadHeader {
                format: FORMAT,
                detail: format!("unknown colour type {other}"),
            });
        }
    };
    if !bytes.windows(4).rev().any(|w| w == b"IEND") {
        return Err(DecodeError::Truncated {
            format: FORMAT,
            byte_len: bytes.len(),
        });
    }
    let img = decode_with_limits(bytes, ImageFormat::Png).map_err(|e| image_error(FORMAT, &e))?;
    let exif = exif::Reader::new()
        .continue_on_error(true)
        .read_from_container(&mut Cursor::new(bytes))
        .or_else(|e| e.distill_partial_result(|_| {}))
        .ok();
    let (exif_orientation, exif_software) = exif.as_ref().map(exif_fields).unwrap_or_default();
    Ok(DecodedPhoto {
        format: FORMAT,
        rgb: img.into_rgb8(),
        bit_depth,
        channels_in_file,
        exif_orientation,
        exif_software,
        jpeg_quality: None,
        byte_len: bytes.len(),
    })
}

/// Orientation and Software from raw EXIF (TIFF) data; broken fields are skipped.
fn read_exif(tiff: &[u8]) -> (Option<u16>, Option<String>) {
    exif::Reader::new()
        .continue_on_error(true)
        .read_raw(tiff.to_vec())
        .or_else(|e| e.distill_partial_result(|_| {}))
        .map(|exif| exif_fields(&exif))
        .unwrap_or_default()
}

fn exif_fields(exif: &exif::Exif) -> (Option<u16>, Option<String>) {
    let orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u16::try_from(v).ok());
    let software = exif
        .get_field(exif::Tag::Software, exif::In::PRIMARY)
        .and_then(|f| text_value(&f.value));
    (orientation, software)
}

fn text_value(value: &exif::Value) -> Option<String> {
    let text = match value {
        exif::Value::Ascii(parts) => parts
            .iter()
            .map(|p| String::from_utf8_lossy(p))
            .collect::<Vec<_>>()
            .join(" "),
        exif::Value::Byte(b) | exif::Value::Undefined(b, _) => {
            String::from_utf8_lossy(b).into_owned()
        }
        _ => return None,
    };
    let text = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &[u8] = include_bytes!("../../assets/demo/fr__obama.jpg");

    fn encode_png(img: &DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn sniffs_formats_by_magic_bytes() {
        assert_eq!(PhotoFormat::sniff(DEMO), PhotoFormat::Jpeg);
        assert_eq!(
            PhotoFormat::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            PhotoFormat::Png
        );
        assert_eq!(
            PhotoFormat::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            PhotoFormat::WebP
        );
        assert_eq!(
            PhotoFormat::sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            PhotoFormat::Heic
        );
        assert_eq!(
            PhotoFormat::sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1heic"),
            PhotoFormat::Heic
        );
        assert_eq!(
            PhotoFormat::sniff(b"\0\0\0\x14ftypmif1\0\0\0\0mif1"),
            PhotoFormat::Heif
        );
        assert_eq!(
            PhotoFormat::sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"),
            PhotoFormat::Avif
        );
        assert_eq!(
            PhotoFormat::sniff(b"\0\0\0\x14ftypisom\0\0\0\0isom"),
            PhotoFormat::Unknown
        );
        assert_eq!(PhotoFormat::sniff(b"GIF89a\x01\0"), PhotoFormat::Gif);
        assert_eq!(PhotoFormat::sniff(b"II*\0\x08\0\0\0"), PhotoFormat::Tiff);
        assert_eq!(
            PhotoFormat::sniff(&[
                b'B', b'M', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            ]),
            PhotoFormat::Bmp
        );
        assert_eq!(PhotoFormat::sniff(b"BM"), PhotoFormat::Unknown);
        assert_eq!(PhotoFormat::sniff(b""), PhotoFormat::Unknown);
        assert_eq!(PhotoFormat::sniff(b"\xFF\xD8"), PhotoFormat::Unknown);
    }

    #[test]
    fn decodes_a_demo_photo_once_with_its_facts() {
        let p = decode(DEMO).unwrap();
        assert_eq!((p.width(), p.height()), (480, 640));
        assert_eq!(
            (p.format, p.bit_depth, p.channels_in_file),
            (PhotoFormat::Jpeg, 8, 3)
        );
        assert_eq!(p.byte_len, DEMO.len());
        assert!((p.jpeg_quality.unwrap() - 90.0).abs() <= 3.0);
        assert_eq!(p.exif_orientation, None);
    }

    #[test]
    fn empty_unknown_and_unsupported_are_named() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        let e = decode(b"hello world").unwrap_err();
        assert!(matches!(e, DecodeError::UnknownFormat));
        // Never the content: an upload that is no photo may be a private file linked in.
        for text in [e.to_string(), e.message_zh()] {
            assert!(!text.contains("68 65") && !text.contains("hello"), "{text}");
        }
        let e = decode(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap_err();
        assert_eq!(
            e,
            DecodeError::Unsupported {
                format: PhotoFormat::Heic
            }
        );
        assert!(e.to_string().contains("HEIC"), "{e}");
        assert!(e.to_string().contains("iPhone"), "{e}");
        assert!(e.message_zh().contains("HEIC"));
        let e = decode(b"RIFF\x10\0\0\0WEBPVP8 ").unwrap_err();
        assert!(
            e.to_string().starts_with("WebP files are not supported"),
            "{e}"
        );
    }

    #[test]
    fn truncated_jpegs_are_reported_at_every_cut() {
        for cut in [1, 2, 3, 4, 100, 600, 3000, DEMO.len() / 2, DEMO.len() - 2] {
            let e = decode(&DEMO[..cut]).unwrap_err();
            let ok = matches!(e, DecodeError::Truncated { .. })
                || (cut < 3 && matches!(e, DecodeError::UnknownFormat));
            assert!(ok, "cut {cut}: {e}");
        }
    }

    #[test]
    fn oversized_headers_are_refused_before_decoding() {
        let mut bomb = DEMO.to_vec();
        let m = jpeg_markers::parse(&bomb).unwrap();
        let sof = m.sof.unwrap();
        // Find the SOF segment and patch its height and width.
        let at = bomb
            .windows(2)
            .position(|w| w == [0xFF, sof.marker])
            .unwrap();
        bomb[at + 5..at + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
        let e = decode(&bomb).unwrap_err();
        assert_eq!(
            e,
            DecodeError::TooLarge {
                format: PhotoFormat::Jpeg,
                width: 60000,
                height: 60000
            }
        );
        assert!(e.to_string().contains("60000×60000"), "{e}");

        let mut png = encode_png(&DynamicImage::new_rgb8(4, 4));
        png[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        let e = decode(&png).unwrap_err();
        assert!(
            matches!(e, DecodeError::TooLarge { width: 100_000, .. }),
            "{e}"
        );
    }

    #[test]
    fn pngs_decode_with_depth_and_channels() {
        let grey16 = DynamicImage::ImageLuma16(image::ImageBuffer::from_pixel(
            3,
            2,
            image::Luma([40_000u16]),
        ));
        let p = decode(&encode_png(&grey16)).unwrap();
        assert_eq!(
            (p.format, p.bit_depth, p.channels_in_file),
            (PhotoFormat::Png, 16, 1)
        );
        assert_eq!(p.rgb.get_pixel(0, 0).0, [156, 156, 156]); // 40000 / 257, rounded
        let rgba = DynamicImage::new_rgba8(5, 7);
        let p = decode(&encode_png(&rgba)).unwrap();
        assert_eq!((p.width(), p.height(), p.channels_in_file), (5, 7, 3));
        assert_eq!(p.jpeg_quality, None);

        let png = encode_png(&rgba);
        let e = decode(&png[..png.len() - 20]).unwrap_err();
        assert!(matches!(e, DecodeError::Truncated { .. }), "{e}");
        let e = decode(&png[..20]).unwrap_err();
        assert!(matches!(e, DecodeError::Truncated { .. }), "{e}");
    }

    #[test]
    fn exif_text_values_are_trimmed() {
        assert_eq!(
            text_value(&exif::Value::Ascii(vec![b"Meitu \0".to_vec()])),
            Some("Meitu".to_owned())
        );
        assert_eq!(text_value(&exif::Value::Ascii(vec![b"\0".to_vec()])), None);
        assert_eq!(
            text_value(&exif::Value::Undefined("美图秀秀".as_bytes().to_vec(), 0)),
            Some("美图秀秀".to_owned())
        );
        assert_eq!(text_value(&exif::Value::Short(vec![1])), None);
    }

    #[test]
    fn never_panics_on_mangled_demo_bytes() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..60 {
            let mut bytes = DEMO.to_vec();
            for _ in 0..rng.usize(1..20) {
                let i = rng.usize(..bytes.len());
                bytes[i] = rng.u8(..);
            }
            let cut = rng.usize(1..=bytes.len());
            let _ = decode(&bytes[..cut]);
        }
        for len in 0..64 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
            let _ = decode(&bytes);
            let mut jpeg = vec![0xFF, 0xD8, 0xFF];
            jpeg.extend(&bytes);
            let _ = decode(&jpeg);
        }
    }
}
