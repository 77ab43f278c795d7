//! Background mask of a base photo: which pixels show the flat light-blue background.
//!
//! A flood fill from the image border through pixels close to the background colour, so bluish
//! hair or clothes inside the person's outline are never taken for background. Each filled pixel
//! gets a soft weight (1 = pure background, 0 = person) from its colour distance, so the
//! anti-aliased fringe along the outline blends when the background is recoloured.

use image::{Rgb, RgbImage};

/// The background colour of every base photo.
pub const BASE_BACKGROUND: Rgb<u8> = Rgb([100, 197, 255]);

/// Colour distance up to which a pixel is pure background (JPEG noise).
const PURE_DISTANCE: f32 = 24.0;
/// Colour distance beyond which a pixel is person; the flood fill stops there.
const FILL_DISTANCE: f32 = 90.0;

/// Per-pixel background weight in `0.0..=1.0`, row-major.
#[derive(Debug, Clone)]
pub struct BackgroundMask {
    width: u32,
    height: u32,
    weights: Vec<f32>,
}

impl BackgroundMask {
    /// Mask of the region connected to the border whose colour is near [`BASE_BACKGROUND`].
    pub fn of(image: &RgbImage) -> Self {
        let (width, height) = image.dimensions();
        let distances: Vec<f32> = image
            .pixels()
            .map(|p| distance(*p, BASE_BACKGROUND))
            .collect();
        let filled = flood_fill_from_border(width, height, &distances);
        let weights = distances
            .iter()
            .zip(&filled)
            .map(|(&d, &inside)| if inside { weight_for_distance(d) } else { 0.0 })
            .collect();
        Self {
            width,
            height,
            weights,
        }
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Background share of a pixel: 1 = background, 0 = person; 0 outside the image.
    pub fn weight(&self, x: u32, y: u32) -> f32 {
        if x < self.width && y < self.height {
            self.weights[(y * self.width + x) as usize]
        } else {
            0.0
        }
    }

    /// Whether a pixel is mostly background.
    pub fn is_background(&self, x: u32, y: u32) -> bool {
        self.weight(x, y) >= 0.5
    }

    /// Horizontal centre of the person in the rows of the head (from the head top down).
    pub fn head_centre_x(&self) -> f32 {
        let top = self.head_top();
        let rows = top..(top + self.height / 5).min(self.height);
        let (sum, count) = rows
            .flat_map(|y| (0..self.width).map(move |x| (x, y)))
            .filter(|&(x, y)| !self.is_background(x, y))
            .fold((0.0, 0.0), |(sum, count), (x, _)| {
                (sum + x as f32, count + 1.0)
            });
        if count > 0.0 {
            sum / count
        } else {
            self.width as f32 / 2.0
        }
    }

    /// First row holding a noticeable run of person pixels.
    pub fn head_top(&self) -> u32 {
        let min_pixels = (self.width / 40).max(1);
        (0..self.height)
            .find(|&y| {
                (0..self.width)
                    .filter(|&x| !self.is_background(x, y))
                    .count() as u32
                    >= min_pixels
            })
            .unwrap_or(0)
    }
}

/// Euclidean distance of two colours in RGB.
pub fn distance(Rgb(a): Rgb<u8>, Rgb(b): Rgb<u8>) -> f32 {
    let d = |c: usize| f32::from(a[c]) - f32::from(b[c]);
    (d(0) * d(0) + d(1) * d(1) + d(2) * d(2)).sqrt()
}

fn weight_for_distance(d: f32) -> f32 {
    ((FILL_DISTANCE - d) / (FILL_DISTANCE - PURE_DISTANCE)).clamp(0.0, 1.0)
}

/// Marks every pixel reachable from the border through pixels closer than [`FILL_DISTANCE`].
fn flood_fill_from_border(width: u32, height: u32, distances: &[f32]) -> Vec<bool> {
    grow_region(width, height, border(width, height), |_, (x, y)| {
        distances[(y * width + x) as usize] < FILL_DISTANCE
    })
}

/// Row-major flags of the pixels 4-connected to `seeds` through steps `accept(from, to)` allows
/// (a seed is included if `accept(seed, seed)`).
pub fn grow_region(
    width: u32,
    height: u32,
    seeds: impl IntoIterator<Item = (u32, u32)>,
    accept: impl Fn((u32, u32), (u32, u32)) -> bool,
) -> Vec<bool> {
    let index = |(x, y): (u32, u32)| (y * width + x) as usize;
    let mut region = vec![false; (width * height) as usize];
    let mut stack: Vec<_> = seeds.into_iter().map(|seed| (seed, seed)).collect();
    while let Some((from, to)) = stack.pop() {
        if region[index(to)] || !accept(from, to) {
            continue;
        }
        region[index(to)] = true;
        let (x, y) = to;
        if x > 0 {
            stack.push((to, (x - 1, y)));
        }
        if x + 1 < width {
            stack.push((to, (x + 1, y)));
        }
        if y > 0 {
            stack.push((to, (x, y - 1)));
        }
        if y + 1 < height {
            stack.push((to, (x, y + 1)));
        }
    }
    region
}

fn border(width: u32, height: u32) -> impl Iterator<Item = (u32, u32)> {
    let rows = (0..width).flat_map(move |x| [(x, 0), (x, height - 1)]);
    let columns = (0..height).flat_map(move |y| [(0, y), (width - 1, y)]);
    rows.chain(columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::photos::BASE_PHOTOS;

    fn mask_of(jpeg: &[u8]) -> BackgroundMask {
        BackgroundMask::of(&image::load_from_memory(jpeg).unwrap().to_rgb8())
    }

    #[test]
    fn covers_the_top_corners_but_not_the_face_centre() {
        for photo in &BASE_PHOTOS {
            let mask = mask_of(photo.jpeg);
            let w = mask.width();
            for (x, y) in [(2, 2), (w - 3, 2), (20, 20), (w - 21, 20)] {
                assert!(mask.is_background(x, y), "{} ({x},{y})", photo.name);
            }
            // The fixtures put the eye line near y = 250, centred.
            for (x, y) in [(w / 2, 250), (w / 2, 300), (w / 2, 600)] {
                assert!(mask.weight(x, y) < 1e-6, "{} ({x},{y})", photo.name);
            }
        }
    }

    #[test]
    fn finds_the_head_near_the_centre_and_top() {
        for photo in &BASE_PHOTOS {
            let mask = mask_of(photo.jpeg);
            assert!(
                (mask.head_centre_x() - 240.0).abs() < 40.0,
                "{}",
                photo.name
            );
            assert!((20..=130).contains(&mask.head_top()), "{}", photo.name);
        }
    }

    #[test]
    fn bluish_pixels_enclosed_by_the_person_are_not_background() {
        let mut img = RgbImage::from_pixel(9, 9, BASE_BACKGROUND);
        for (x, y, p) in img.enumerate_pixels_mut() {
            if (2..7).contains(&x) && (2..7).contains(&y) {
                *p = Rgb([20, 20, 20]);
            }
        }
        img.put_pixel(4, 4, BASE_BACKGROUND);
        let mask = BackgroundMask::of(&img);
        assert!(mask.is_background(0, 0));
        assert!(!mask.is_background(4, 4));
    }
}
