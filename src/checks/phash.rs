//! Perceptual hash (DCT pHash, 64 bits) to recognise a re-upload of the same or nearly the
//! same photo: a resubmission after a rejection should be a new photo, and a student who sends
//! the rejected one again (perhaps re-compressed or slightly cropped) is told so.

use image::RgbImage;
use image::imageops::FilterType;

/// Hamming distance at or below which two photos count as nearly identical. Re-encoding or
/// mild resizing moves a photo by a few bits; a new shot of the same person by far more.
pub const NEAR_IDENTICAL_BITS: u32 = 8;

/// The 64-bit pHash of a photo: the signs of the lowest 8×8 DCT frequencies (without DC) of a
/// 32×32 grey version, against their median.
pub fn phash(rgb: &RgbImage) -> u64 {
    let grey = image::imageops::grayscale(rgb);
    let small = image::imageops::resize(&grey, 32, 32, FilterType::Triangle);
    let pixels: Vec<f32> = small.pixels().map(|p| f32::from(p.0[0])).collect();
    let dct = dct_low(&pixels);
    // Skip the DC term: it only measures overall brightness.
    let coeffs = &dct[1..];
    let mut sorted = coeffs.to_vec();
    sorted.sort_by(f32::total_cmp);
    let median = sorted[sorted.len() / 2];
    coeffs
        .iter()
        .enumerate()
        .fold(0u64, |h, (i, &c)| if c > median { h | (1 << i) } else { h })
}

/// Bits that differ between two hashes (0 = same picture to the eye).
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The top-left 8×8 block of the 2-D DCT-II of a 32×32 image, row-major (64 values).
fn dct_low(pixels: &[f32]) -> [f32; 64] {
    const N: usize = 32;
    const K: usize = 8;
    let basis: Vec<[f32; N]> = (0..K)
        .map(|k| {
            let mut row = [0f32; N];
            for (x, v) in row.iter_mut().enumerate() {
                let angle = std::f32::consts::PI * (2 * x + 1) as f32 * k as f32 / (2 * N) as f32;
                *v = angle.cos();
            }
            row
        })
        .collect();
    // Rows first (32 rows × 8 frequencies), then columns.
    let mut rows = [[0f32; K]; N];
    for (y, out) in rows.iter_mut().enumerate() {
        let line = &pixels[y * N..(y + 1) * N];
        for (k, b) in basis.iter().enumerate() {
            out[k] = line.iter().zip(b).map(|(p, c)| p * c).sum();
        }
    }
    let mut out = [0f32; 64];
    for ky in 0..K {
        for kx in 0..K {
            out[ky * K + kx] = (0..N).map(|y| rows[y][kx] * basis[ky][y]).sum();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(name: &str) -> RgbImage {
        let path = format!("{}/assets/demo/{name}", env!("CARGO_MANIFEST_DIR"));
        image::open(path).unwrap().to_rgb8()
    }

    #[test]
    fn a_recompressed_and_resized_copy_is_near_identical() {
        let original = photo("fr__obama.jpg");
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 40)
            .encode_image(&original)
            .unwrap();
        let recompressed = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        let resized = image::imageops::resize(&original, 360, 480, FilterType::Triangle);
        let h = phash(&original);
        assert_eq!(distance(h, phash(&original)), 0);
        assert!(distance(h, phash(&recompressed)) <= NEAR_IDENTICAL_BITS);
        assert!(distance(h, phash(&resized)) <= NEAR_IDENTICAL_BITS);
    }

    #[test]
    fn different_photos_are_far_apart() {
        let names = [
            "fr__obama.jpg",
            "fr__biden.jpg",
            "fr__biden2.jpg",
            "hivision__test1.jpg",
        ];
        let hashes: Vec<u64> = names.iter().map(|n| phash(&photo(n))).collect();
        for i in 0..hashes.len() {
            for j in i + 1..hashes.len() {
                let d = distance(hashes[i], hashes[j]);
                assert!(d > NEAR_IDENTICAL_BITS, "{} vs {}: {d}", names[i], names[j]);
            }
        }
    }
}
