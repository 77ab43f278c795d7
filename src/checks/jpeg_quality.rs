//! Estimates the JPEG quality factor (IJG scale 1–100) from the quantisation tables: the
//! luminance table is compared with the standard IJG table (JPEG Annex K) scaled for every
//! quality, and the best-fitting quality is returned.

use super::jpeg_markers::{self, JpegMarkers};

/// The Annex K luminance table, natural (row-major) order.
const STD_LUMA: [u16; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, //
    12, 12, 14, 19, 26, 58, 60, 55, //
    14, 13, 16, 24, 40, 57, 69, 56, //
    14, 17, 22, 29, 51, 87, 80, 62, //
    18, 22, 37, 56, 68, 109, 103, 77, //
    24, 35, 55, 64, 81, 104, 113, 92, //
    49, 64, 78, 87, 103, 121, 120, 101, //
    72, 92, 95, 98, 112, 100, 103, 99,
];

/// Natural index of the k-th coefficient in zig-zag order (the order DQT stores them in).
const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// The IJG luminance table for quality `q` (1–100), natural order, entries clamped to
/// `1..=max` (255 for baseline 8-bit tables).
fn ijg_luma(q: u32, max: u32) -> [u32; 64] {
    let q = q.clamp(1, 100);
    let scale = if q < 50 { 5000 / q } else { 200 - 2 * q };
    STD_LUMA.map(|base| ((u32::from(base) * scale + 50) / 100).clamp(1, max))
}

/// The best-fitting IJG quality (1–100) of a luminance table given in zig-zag order.
pub fn quality_from_table(zigzag: &[u16; 64]) -> f64 {
    let mut natural = [0u32; 64];
    for (k, &v) in zigzag.iter().enumerate() {
        natural[ZIGZAG[k]] = u32::from(v);
    }
    // 16-bit tables may hold the unclamped values of very low qualities.
    let max = if natural.iter().any(|&v| v > 255) {
        32_767
    } else {
        255
    };
    let mut best = (u64::MAX, 0);
    for q in 1..=100 {
        let expected = ijg_luma(q, max);
        let err: u64 = expected
            .iter()
            .zip(&natural)
            .map(|(&e, &a)| u64::from(e.abs_diff(a)).pow(2))
            .sum();
        if err < best.0 {
            best = (err, q);
        }
    }
    f64::from(best.1)
}

/// Quality of an already-walked JPEG; `None` without quantisation tables.
pub(crate) fn quality_from_markers(markers: &JpegMarkers<'_>) -> Option<f64> {
    markers.luma_qtable().map(quality_from_table)
}

/// Estimates the quality factor of JPEG bytes; `None` when they are not a JPEG or hold no
/// quantisation table.
pub fn estimate_quality(bytes: &[u8]) -> Option<f64> {
    quality_from_markers(&jpeg_markers::parse(bytes)?)
}

#[cfg(test)]
mod tests {
    use image::codecs::jpeg::JpegEncoder;

    use super::*;

    const DEMO: &[u8] = include_bytes!("../../assets/demo/skimage__astronaut_eileen_collins.jpg");

    fn encode(img: &image::RgbImage, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(img)
            .unwrap();
        out
    }

    #[test]
    fn estimates_the_quality_the_encoder_used() {
        let img = image::load_from_memory(DEMO).unwrap().into_rgb8();
        for q in [15u8, 50, 75, 90] {
            let est = estimate_quality(&encode(&img, q)).unwrap();
            assert!((est - f64::from(q)).abs() <= 3.0, "q {q}: estimated {est}");
        }
    }

    #[test]
    fn demo_photos_were_saved_at_quality_90() {
        let est = estimate_quality(DEMO).unwrap();
        assert!((est - 90.0).abs() <= 3.0, "{est}");
    }

    #[test]
    fn exact_ijg_tables_give_their_quality_back() {
        for q in 1..=100 {
            let natural = ijg_luma(q, 255);
            let mut zigzag = [0u16; 64];
            for (k, z) in zigzag.iter_mut().enumerate() {
                *z = u16::try_from(natural[ZIGZAG[k]]).unwrap();
            }
            let est = quality_from_table(&zigzag);
            // Very low qualities clamp to the same tables; from 3 up each table is unique.
            if q >= 3 {
                assert!((est - f64::from(q)).abs() < 0.5, "q {q}: {est}");
            }
        }
    }

    #[test]
    fn none_without_jpeg_or_tables() {
        assert_eq!(estimate_quality(b""), None);
        assert_eq!(estimate_quality(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
        assert_eq!(estimate_quality(b"\xFF\xD8\xFF\xD9"), None);
    }
}
