//! Eye measures from the `MediaPipe` Iris landmarks ([`EyeLandmarks`]): how far the lids are
//! open over the iris (`face.eyes_open`) and where the iris sits in the eye opening
//! (`face.gaze`). Pure functions of the landmarks.
//!
//! Each eye is measured in its own frame: `u` along the corner line (image left to image
//! right), `v` perpendicular to it (down), so a head rolled within the allowed tilt measures
//! as an upright one.

use image::RgbImage;

use crate::checks::geometry::{EyeLandmarks, Point};

use super::iris::{INNER_CORNER, LOWER_LID, OUTER_CORNER, UPPER_LID};

/// What one eye measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EyeMeasure {
    /// Eye width: corner to corner, pixels.
    pub width: f32,
    /// Iris diameter: twice the mean distance of the four iris edge points from the centre.
    pub iris_diameter: f32,
    /// Lid gap (upper to lower lid) at the iris centre, per iris diameter: 0 closed, about 1
    /// when the lids just touch the iris top and bottom. The smaller of the model's gap and
    /// the iris the pixels show ([`EyeLandmarks::iris_visible_px`]), when measured.
    pub opening: f32,
    /// Iris centre from the middle between the corners, along the corner line, per eye width:
    /// positive toward the image right. Both eyes move together when the gaze does.
    pub gaze_u: f32,
    /// Iris centre from the middle of the lid gap at the iris, perpendicular to the corner
    /// line, per eye width: positive down.
    pub gaze_v: f32,
    /// Upper and lower lid at the iris centre, image pixels (overlay).
    pub lids: (Point, Point),
    /// The eye's box in its own frame: the corners and the highest and lowest lid points, as
    /// a polygon in image pixels (overlay).
    pub outline: [[f32; 2]; 4],
}

/// The eye's frame: origin at the corners' midpoint, unit vectors along and across.
struct Frame {
    origin: Point,
    along: (f32, f32),
}

#[allow(clippy::many_single_char_names)] // 2-D geometry
impl Frame {
    fn of(a: Point, b: Point) -> Self {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = dx.hypot(dy).max(1e-3);
        Self {
            origin: Point {
                x: f32::midpoint(a.x, b.x),
                y: f32::midpoint(a.y, b.y),
            },
            along: (dx / len, dy / len),
        }
    }

    fn to_eye(&self, p: Point) -> (f32, f32) {
        let (x, y) = (p.x - self.origin.x, p.y - self.origin.y);
        let (c, s) = self.along;
        (x * c + y * s, -x * s + y * c)
    }

    fn to_image(&self, u: f32, v: f32) -> Point {
        let (c, s) = self.along;
        Point {
            x: self.origin.x + u * c - v * s,
            y: self.origin.y + u * s + v * c,
        }
    }
}

/// `v` of a lid polyline (corner, lid points, corner; in eye coordinates) at `u`: linear
/// between its neighbours, the nearest end outside it.
fn lid_at(points: &[(f32, f32)], u: f32) -> f32 {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (first, last) = (sorted[0], sorted[sorted.len() - 1]);
    if u <= first.0 {
        return first.1;
    }
    if u >= last.0 {
        return last.1;
    }
    for w in sorted.windows(2) {
        let (a, b) = (w[0], w[1]);
        if u <= b.0 {
            let t = if b.0 - a.0 > 1e-6 {
                (u - a.0) / (b.0 - a.0)
            } else {
                0.0
            };
            return a.1 + (b.1 - a.1) * t;
        }
    }
    last.1
}

/// An eye's corners and lids in its own frame (`u` along the corner line toward the image
/// right, `v` down it).
struct Outline {
    frame: Frame,
    /// Corner to corner, photo pixels.
    width: f32,
    /// Each lid's points in the eye frame, corners first.
    upper: Vec<(f32, f32)>,
    lower: Vec<(f32, f32)>,
}

impl Outline {
    /// `None` when a contour point is missing.
    fn of(eye: &EyeLandmarks) -> Option<Self> {
        let at = |i: usize| eye.contour.get(i).copied();
        let (outer, inner) = (at(OUTER_CORNER)?, at(INNER_CORNER)?);
        // Image-left corner first, so `u` runs toward the image right for both eyes.
        let (a, b) = if outer.x <= inner.x {
            (outer, inner)
        } else {
            (inner, outer)
        };
        let frame = Frame::of(a, b);
        let lid = |ids: &[usize]| -> Option<Vec<(f32, f32)>> {
            let mut pts = vec![frame.to_eye(outer), frame.to_eye(inner)];
            for &i in ids {
                pts.push(frame.to_eye(at(i)?));
            }
            Some(pts)
        };
        Some(Self {
            width: (b.x - a.x).hypot(b.y - a.y),
            upper: lid(&UPPER_LID)?,
            lower: lid(&LOWER_LID)?,
            frame,
        })
    }
}

/// The iris radius: the mean distance of the model's four edge points from its centre.
fn iris_radius(eye: &EyeLandmarks) -> f32 {
    let centre = eye.iris[0];
    eye.iris[1..]
        .iter()
        .map(|p| (p.x - centre.x).hypot(p.y - centre.y))
        .sum::<f32>()
        / 4.0
}

/// Measures one eye; `None` when the landmarks are incomplete or degenerate.
pub fn measure(eye: &EyeLandmarks) -> Option<EyeMeasure> {
    let Outline {
        frame,
        width,
        upper,
        lower,
    } = Outline::of(eye)?;
    let centre = eye.iris[0];
    let iris_diameter = 2.0 * iris_radius(eye);
    if width < 1.0 || iris_diameter < 1.0 {
        return None;
    }
    let (cu, cv) = frame.to_eye(centre);
    let (top, bottom) = (lid_at(&upper, cu), lid_at(&lower, cu));
    let gap = (bottom - top)
        .max(0.0)
        .min(eye.iris_visible_px.unwrap_or(f32::MAX));
    let highest = upper.iter().map(|p| p.1).fold(f32::MAX, f32::min);
    let lowest = lower.iter().map(|p| p.1).fold(f32::MIN, f32::max);
    let half = width / 2.0;
    let corner = |u: f32, v: f32| {
        let p = frame.to_image(u, v);
        [p.x, p.y]
    };
    Some(EyeMeasure {
        width,
        iris_diameter,
        opening: gap / iris_diameter,
        gaze_u: cu / width,
        gaze_v: (cv - f32::midpoint(top, bottom)) / width,
        lids: (frame.to_image(cu, top), frame.to_image(cu, bottom)),
        outline: [
            corner(-half, highest),
            corner(half, highest),
            corner(half, lowest),
            corner(-half, lowest),
        ],
    })
}

/// A sample darker than this share of the skin's luma is iris or pupil (or lashes): brown,
/// green and blue irises are all at least a quarter darker than the skin around the eye, on
/// dark and fair skin alike, while a shut lid is skin with a thin lash line.
pub const IRIS_DARKER_THAN_SKIN: f32 = 0.75;

/// Luma (Rec. 601, gamma-encoded) at a photo position, bilinear; `None` outside.
#[allow(clippy::many_single_char_names)] // pixel maths
fn luma_at(rgb: &RgbImage, p: Point) -> Option<f32> {
    let (w, h) = rgb.dimensions();
    let (x, y) = (p.x - 0.5, p.y - 0.5);
    if x < 0.0 || y < 0.0 || x >= (w - 1) as f32 || y >= (h - 1) as f32 {
        return None;
    }
    let (xi, yi) = (x as u32, y as u32);
    let (fx, fy) = (x - xi as f32, y - yi as f32);
    let l = |x: u32, y: u32| {
        let [r, g, b] = rgb.get_pixel(x, y).0.map(f32::from);
        0.299 * r + 0.587 * g + 0.114 * b
    };
    let top = l(xi, yi) + (l(xi + 1, yi) - l(xi, yi)) * fx;
    let bottom = l(xi, yi + 1) + (l(xi + 1, yi + 1) - l(xi, yi + 1)) * fx;
    Some(top + (bottom - top) * fy)
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    let k = v.len() / 2;
    Some(*v.select_nth_unstable_by(k, f32::total_cmp).1)
}

/// How much iris the photo shows at the iris centre, in pixels: along five lines across the
/// eye (through the iris centre and up to half an iris radius beside it), the length of the
/// samples between the model's lids that are darker than [`IRIS_DARKER_THAN_SKIN`] × the skin's median luma (a band below the lower lid); the
/// median of the five. Counted, not the longest run, so a catchlight in the pupil does not
/// cut the iris in two. Relative to the person's own skin, so it reads dark and fair skin
/// alike. `None` when the eye is too small or its surroundings leave the photo.
#[allow(clippy::many_single_char_names)] // eye-frame maths
pub fn visible_iris_px(rgb: &RgbImage, eye: &EyeLandmarks) -> Option<f32> {
    let Outline {
        frame,
        width,
        upper,
        lower,
    } = Outline::of(eye)?;
    if width < 8.0 {
        return None;
    }
    let lowest = lower.iter().map(|p| p.1).fold(f32::MIN, f32::max);
    let (cu, _) = frame.to_eye(eye.iris[0]);
    let radius = iris_radius(eye);
    // Skin: below the lower lid, clear of the lashes, across the middle of the eye.
    let mut skin = Vec::new();
    let mut v = lowest + 0.12 * width;
    while v <= lowest + 0.22 * width {
        let mut u = cu - 0.3 * width;
        while u <= cu + 0.3 * width {
            skin.push(luma_at(rgb, frame.to_image(u, v))?);
            u += 1.0;
        }
        v += 1.0;
    }
    let dark_below = median(skin)? * IRIS_DARKER_THAN_SKIN;
    let step = 0.5;
    let mut counts = Vec::with_capacity(5);
    for k in [-0.5f32, -0.25, 0.0, 0.25, 0.5] {
        let u = cu + k * radius;
        let (top, bottom) = (lid_at(&upper, u), lid_at(&lower, u));
        let mut n = 0usize;
        let mut v = top;
        while v <= bottom {
            if luma_at(rgb, frame.to_image(u, v))? < dark_below {
                n += 1;
            }
            v += step;
        }
        counts.push(n as f32 * step);
    }
    median(counts)
}

/// Both eyes measured (subject's right, i.e. image left, first), or `None`.
pub fn measure_both(eyes: &[EyeLandmarks; 2]) -> Option<[EyeMeasure; 2]> {
    Some([measure(&eyes[0])?, measure(&eyes[1])?])
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A synthetic eye: corners `width` apart at `(cx, cy)`, lids `gap` apart (an ellipse),
    /// iris of `diameter` at `(cx + iris_dx, cy)`, rolled by `roll` radians; `mirrored` puts
    /// the outer corner on the image right (the subject's left eye).
    #[allow(clippy::many_single_char_names)] // eye-frame maths
    pub fn eye(
        (cx, cy): (f32, f32),
        width: f32,
        gap: f32,
        diameter: f32,
        iris_dx: f32,
        roll: f32,
        mirrored: bool,
    ) -> EyeLandmarks {
        let (s, c) = roll.sin_cos();
        let p = |u: f32, v: f32| Point {
            x: cx + u * c - v * s,
            y: cy + u * s + v * c,
        };
        let sign = if mirrored { 1.0 } else { -1.0 };
        let mut contour = vec![Point::default(); 71];
        let half = width / 2.0;
        // Lower lid 0..=8 from the outer corner (u = sign·half) to the inner one.
        for (k, point) in contour.iter_mut().take(9).enumerate() {
            let t = k as f32 / 8.0;
            let u = sign * half * (1.0 - 2.0 * t);
            let v = gap / 2.0 * (1.0 - (u / half).powi(2)).max(0.0).sqrt();
            *point = p(u, v);
        }
        for (j, k) in (9..=15).enumerate() {
            let t = (j + 1) as f32 / 8.0;
            let u = sign * half * (1.0 - 2.0 * t);
            let v = gap / 2.0 * (1.0 - (u / half).powi(2)).max(0.0).sqrt();
            contour[k] = p(u, -v);
        }
        let r = diameter / 2.0;
        let iris = [
            p(iris_dx, 0.0),
            p(iris_dx, -r),
            p(iris_dx, r),
            p(iris_dx - r, 0.0),
            p(iris_dx + r, 0.0),
        ];
        EyeLandmarks {
            contour,
            iris,
            iris_visible_px: None,
        }
    }

    #[test]
    fn an_open_eye_measures_its_gap_over_the_iris() {
        let m = measure(&eye((100.0, 200.0), 40.0, 12.0, 16.0, 0.0, 0.0, false)).unwrap();
        assert!((m.width - 40.0).abs() < 1e-3);
        assert!((m.iris_diameter - 16.0).abs() < 1e-3);
        assert!((m.opening - 0.75).abs() < 1e-3, "{}", m.opening);
        assert!(m.gaze_u.abs() < 1e-4 && m.gaze_v.abs() < 1e-4);
    }

    #[test]
    fn roll_and_mirroring_do_not_change_the_measures() {
        for (roll, mirrored) in [(0.1f32, false), (-0.1, true), (0.0, true)] {
            let e = eye((300.0, 200.0), 40.0, 12.0, 16.0, 4.0, roll, mirrored);
            let m = measure(&e).unwrap();
            assert!((m.opening - 0.75).abs() < 0.02, "{roll}: {}", m.opening);
            assert!((m.gaze_u - 0.1).abs() < 1e-3, "{roll}: {}", m.gaze_u);
        }
    }

    #[test]
    fn an_iris_off_centre_lowers_the_gap_and_moves_the_gaze() {
        // Iris 12 px toward the image left of a 40 px eye: the lids are closer there.
        let m = measure(&eye((100.0, 200.0), 40.0, 12.0, 16.0, -12.0, 0.0, false)).unwrap();
        assert!((m.gaze_u + 0.3).abs() < 1e-3);
        assert!(m.opening < 0.75 && m.opening > 0.4, "{}", m.opening);
        let closed = measure(&eye((100.0, 200.0), 40.0, 0.5, 16.0, 0.0, 0.0, false)).unwrap();
        assert!(closed.opening < 0.05);
    }
}
