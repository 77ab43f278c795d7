//! `MediaPipe` Iris on both eyes of the Face Mesh: crop, run, map the 71 eye-contour and 5 iris
//! points back to the photo.
//!
//! The crop follows `MediaPipe`'s `iris_landmark_landmarks_to_roi.pbtxt`: a square 2.3× the
//! eye-corner distance around the corners' midpoint (Face Mesh 33–133 for the image-left eye,
//! 362–263 for the image-right one), rotated so the corner line is horizontal. The image-right
//! eye (the subject's left) is mirrored, so both look like the image-left one
//! (`iris_landmark_left_and_right_cpu.pbtxt` flips the eye it calls "right"); the landmarks go
//! back through the same mirror.
//!
//! Contour order, from the list that maps the 71 points onto the Face Mesh
//! (`mediapipe/graphs/iris_tracking/calculators/update_face_landmarks_calculator.cc`,
//! image-left eye): 0–8 the lower lid from the outer corner (33) to the inner corner (133),
//! 9–15 the upper lid from outer to inner (246, 161, 160, 159, 158, 157, 173), then the halos.

use image::RgbImage;

use crate::checks::geometry::{EyeLandmarks, Point};

use super::mesh::{LEFT_EYE, RIGHT_EYE, sample_crop};

/// Model input side, pixels.
pub const INPUT_SIDE: u32 = 64;
/// Eye-contour points.
pub const CONTOUR_POINTS: usize = 71;
/// Iris points: the centre, then four on its edge.
pub const IRIS_POINTS: usize = 5;
/// Crop side per eye-corner distance (`MediaPipe`'s `scale_x/scale_y: 2.3`).
const CROP_ENLARGE: f32 = 2.3;

/// Contour index of the outer eye corner (Face Mesh 33 / 263).
pub const OUTER_CORNER: usize = 0;
/// Contour index of the inner eye corner (Face Mesh 133 / 362).
pub const INNER_CORNER: usize = 8;
/// Lower-lid contour, outer to inner, corners excluded (7, 163, 144, 145, 153, 154, 155).
pub const LOWER_LID: [usize; 7] = [1, 2, 3, 4, 5, 6, 7];
/// Upper-lid contour, outer to inner, corners excluded (246, 161, 160, 159, 158, 157, 173).
pub const UPPER_LID: [usize; 7] = [9, 10, 11, 12, 13, 14, 15];

/// Picks the contour and iris outputs by their element counts (213 and 15).
pub fn output_indices(outputs: &[(String, usize)]) -> Option<[usize; 2]> {
    let contour = outputs.iter().position(|(_, n)| *n == 3 * CONTOUR_POINTS)?;
    let iris = outputs.iter().position(|(_, n)| *n == 3 * IRIS_POINTS)?;
    Some([contour, iris])
}

/// A square, rotated and possibly mirrored crop around one eye, in photo pixels / radians.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EyeCrop {
    pub cx: f32,
    pub cy: f32,
    pub side: f32,
    pub angle: f32,
    /// Mirrored left–right (the image-right eye).
    pub mirror: bool,
}

impl EyeCrop {
    /// The crop for an eye whose corners are `a` (image left) and `b` (image right).
    pub fn around(a: Point, b: Point, mirror: bool) -> Self {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        Self {
            cx: f32::midpoint(a.x, b.x),
            cy: f32::midpoint(a.y, b.y),
            side: (dx.hypot(dy) * CROP_ENLARGE).max(1.0),
            angle: dy.atan2(dx),
            mirror,
        }
    }

    /// The crops of both eyes from the Face Mesh, image-left eye (subject's right) first.
    pub fn both(mesh: &[[f32; 3]]) -> Option<[Self; 2]> {
        let at = |i: usize| mesh.get(i).map(|p| Point { x: p[0], y: p[1] });
        // RIGHT_EYE = [outer, inner, ..] is on the image left; LEFT_EYE = [inner, outer, ..].
        let left = Self::around(at(RIGHT_EYE[0])?, at(RIGHT_EYE[1])?, false);
        let right = Self::around(at(LEFT_EYE[0])?, at(LEFT_EYE[1])?, true);
        Some([left, right])
    }

    /// Maps a crop pixel position (`0..INPUT_SIDE`) to photo pixels.
    #[allow(clippy::similar_names)] // sin, sign
    pub fn to_photo(&self, u: f32, v: f32) -> (f32, f32) {
        let k = self.side / INPUT_SIDE as f32;
        let half = INPUT_SIDE as f32 / 2.0;
        let sign = if self.mirror { -1.0 } else { 1.0 };
        let (lx, ly) = ((u - half) * k * sign, (v - half) * k);
        let (sin, cos) = self.angle.sin_cos();
        (self.cx + lx * cos - ly * sin, self.cy + lx * sin + ly * cos)
    }

    /// The model input: planar RGB in [0, 1], bilinear samples, edges replicated.
    pub fn sample(&self, rgb: &RgbImage) -> Vec<f32> {
        sample_crop(rgb, INPUT_SIDE as usize, |u, v| self.to_photo(u, v))
    }

    /// The landmarks in photo pixels, or `None` when the outputs are not the expected ones
    /// or not finite.
    pub fn landmarks(&self, outputs: &[Vec<f32>], indices: [usize; 2]) -> Option<EyeLandmarks> {
        let contour = outputs.get(indices[0])?;
        let iris = outputs.get(indices[1])?;
        if contour.len() != 3 * CONTOUR_POINTS
            || iris.len() != 3 * IRIS_POINTS
            || contour.iter().chain(iris).any(|v| !v.is_finite())
        {
            return None;
        }
        let map = |p: &[f32]| {
            let (x, y) = self.to_photo(p[0], p[1]);
            Point { x, y }
        };
        let contour: Vec<Point> = contour.chunks_exact(3).map(map).collect();
        let mut points = iris.chunks_exact(3).map(map);
        let mut next = || points.next().unwrap_or_default();
        let iris = [next(), next(), next(), next(), next()];
        Some(EyeLandmarks {
            contour,
            iris,
            iris_visible_px: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mirrored_crop_maps_crop_left_to_photo_right() {
        let p = |x: f32, y: f32| Point { x, y };
        let crop = EyeCrop::around(p(100.0, 200.0), p(140.0, 200.0), true);
        assert!((crop.side - 92.0).abs() < 1e-3);
        let (x, y) = crop.to_photo(32.0, 32.0);
        assert!((x - 120.0).abs() < 1e-3 && (y - 200.0).abs() < 1e-3);
        // Crop column 0 is the photo's right edge of the crop when mirrored.
        let (x, _) = crop.to_photo(0.0, 32.0);
        assert!((x - 166.0).abs() < 1e-3, "{x}");
        let plain = EyeCrop::around(p(100.0, 200.0), p(140.0, 200.0), false);
        assert!((plain.to_photo(0.0, 32.0).0 - 74.0).abs() < 1e-3);
    }

    #[test]
    fn wrong_outputs_give_no_landmarks() {
        let crop = EyeCrop::around(Point::default(), Point { x: 10.0, y: 0.0 }, false);
        assert_eq!(
            output_indices(&[("c".into(), 213), ("i".into(), 15)]),
            Some([0, 1])
        );
        assert!(
            crop.landmarks(&[vec![0.0; 3], vec![0.0; 15]], [0, 1])
                .is_none()
        );
        let mut bad = vec![vec![0.0; 213], vec![0.0; 15]];
        bad[1][0] = f32::NAN;
        assert!(crop.landmarks(&bad, [0, 1]).is_none());
        let ok = crop
            .landmarks(&[vec![32.0; 213], vec![32.0; 15]], [0, 1])
            .unwrap();
        assert_eq!(ok.contour.len(), CONTOUR_POINTS);
        assert!((ok.iris[0].x - 5.0).abs() < 1e-3);
    }
}
