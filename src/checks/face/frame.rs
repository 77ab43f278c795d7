//! A face-aligned coordinate frame and small resampled patches of the photo in it, for the
//! checks that look at regions around the eyes (`accessory.glasses`, `hair.covering`).
//!
//! Coordinates `(u, v)`: origin midway between the eye centres, `u` along the eye line towards
//! the image right, `v` perpendicular to it, downwards; one unit is the distance between the eye
//! centres (inter-ocular distance, IOD). So the eyes sit at `u = ±0.5, v = 0` on every face,
//! whatever its size and roll, and region bounds can be written once in face units.

use image::RgbImage;

use crate::checks::geometry::Point;
use crate::checks::lab::{Lab, srgb_to_lab};

use super::mesh::{LEFT_EYE, RIGHT_EYE};

/// The face frame (see the module docs), in image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceFrame {
    pub origin: Point,
    /// Image-pixel vector of one `u` unit (along the eye line).
    pub ex: (f32, f32),
    /// Image-pixel vector of one `v` unit (perpendicular, downwards).
    pub ey: (f32, f32),
}

impl FaceFrame {
    /// The frame of a Face Mesh: eye centres are the midpoints of the eye corners. `None` when
    /// the mesh is too short or the eyes coincide.
    pub fn of(mesh: &[[f32; 3]]) -> Option<Self> {
        let p = |i: usize| mesh.get(i).map(|q| (q[0], q[1]));
        let centre = |e: [usize; 4]| {
            let (a, b) = (p(e[0])?, p(e[1])?);
            Some((f32::midpoint(a.0, b.0), f32::midpoint(a.1, b.1)))
        };
        let (r, l) = (centre(RIGHT_EYE)?, centre(LEFT_EYE)?);
        let (dx, dy) = (l.0 - r.0, l.1 - r.1);
        if dx.hypot(dy) < 4.0 {
            return None;
        }
        Some(Self {
            origin: Point {
                x: f32::midpoint(r.0, l.0),
                y: f32::midpoint(r.1, l.1),
            },
            ex: (dx, dy),
            ey: (-dy, dx),
        })
    }

    /// Inter-ocular distance in image pixels.
    pub fn iod(&self) -> f32 {
        self.ex.0.hypot(self.ex.1)
    }

    /// Image pixel position of face coordinates `(u, v)`.
    pub fn to_image(&self, u: f32, v: f32) -> (f32, f32) {
        (
            self.origin.x + u * self.ex.0 + v * self.ey.0,
            self.origin.y + u * self.ex.1 + v * self.ey.1,
        )
    }

    /// Face coordinates of image pixel `(x, y)`.
    pub fn to_face(&self, x: f32, y: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.origin.x, y - self.origin.y);
        let n = self.iod().powi(2).max(1e-6);
        (
            (dx * self.ex.0 + dy * self.ex.1) / n,
            (dx * self.ey.0 + dy * self.ey.1) / n,
        )
    }

    /// The sampling grid of `region` every `step` face units: its columns, its rows and, row by
    /// row, the image position of each cell's centre.
    pub fn grid(
        &self,
        region: Region,
        step: f32,
    ) -> (usize, usize, impl Iterator<Item = (f32, f32)> + '_) {
        let cols = (((region.u1 - region.u0) / step).round() as usize).max(1);
        let rows = (((region.v1 - region.v0) / step).round() as usize).max(1);
        let points = (0..rows).flat_map(move |r| {
            let v = region.v0 + (r as f32 + 0.5) * step;
            (0..cols).map(move |c| self.to_image(region.u0 + (c as f32 + 0.5) * step, v))
        });
        (cols, rows, points)
    }

    /// The four image-pixel corners of the face-frame rectangle `u0..u1 × v0..v1` (a rotated
    /// box for the overlay), clockwise from the top left.
    pub fn polygon(&self, r: Region) -> Vec<[f32; 2]> {
        [(r.u0, r.v0), (r.u1, r.v0), (r.u1, r.v1), (r.u0, r.v1)]
            .into_iter()
            .map(|(u, v)| {
                let (x, y) = self.to_image(u, v);
                [x, y]
            })
            .collect()
    }
}

/// A rectangle in face coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub u0: f32,
    pub v0: f32,
    pub u1: f32,
    pub v1: f32,
}

impl Region {
    pub const fn new(u0: f32, v0: f32, u1: f32, v1: f32) -> Self {
        Self { u0, v0, u1, v1 }
    }

    /// The same region on the other side of the face (`u` mirrored).
    #[must_use]
    pub fn mirrored(self) -> Self {
        Self::new(-self.u1, self.v0, -self.u0, self.v1)
    }
}

/// A region of the photo resampled on a regular face-frame grid, in CIELAB.
#[derive(Debug, Clone)]
pub struct Patch {
    pub cols: usize,
    pub rows: usize,
    /// Row-major, `rows × cols`.
    pub lab: Vec<Lab>,
    /// Whether the sample fell inside the photo.
    pub inside: Vec<bool>,
}

impl Patch {
    /// Samples `region` every `step` face units (bilinear in sRGB, then Lab).
    pub fn sample(rgb: &RgbImage, frame: &FaceFrame, region: Region, step: f32) -> Self {
        let (cols, rows, points) = frame.grid(region, step);
        let mut lab = Vec::with_capacity(cols * rows);
        let mut inside = Vec::with_capacity(cols * rows);
        for (x, y) in points {
            let p = bilinear(rgb, x, y);
            lab.push(p.map_or(Lab::default(), srgb_to_lab));
            inside.push(p.is_some());
        }
        Self {
            cols,
            rows,
            lab,
            inside,
        }
    }

    pub fn at(&self, col: usize, row: usize) -> Lab {
        self.lab[row * self.cols + col]
    }

    /// Share of samples inside the photo.
    pub fn inside_share(&self) -> f32 {
        self.inside.iter().filter(|i| **i).count() as f32 / self.inside.len().max(1) as f32
    }
}

/// Bilinear sRGB sample at pixel-centre coordinates; `None` outside the image.
#[allow(clippy::many_single_char_names)] // pixel maths
fn bilinear(rgb: &RgbImage, x: f32, y: f32) -> Option<[u8; 3]> {
    let (w, h) = rgb.dimensions();
    let (x, y) = (x - 0.5, y - 0.5);
    if w == 0 || h == 0 || x < -0.5 || y < -0.5 || x > w as f32 - 0.5 || y > h as f32 - 0.5 {
        return None;
    }
    let (x, y) = (x.clamp(0.0, (w - 1) as f32), y.clamp(0.0, (h - 1) as f32));
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (p00, p10) = (rgb.get_pixel(x0, y0).0, rgb.get_pixel(x1, y0).0);
    let (p01, p11) = (rgb.get_pixel(x0, y1).0, rgb.get_pixel(x1, y1).0);
    Some(std::array::from_fn(|c| {
        let top = f32::from(p00[c]) * (1.0 - fx) + f32::from(p10[c]) * fx;
        let bottom = f32::from(p01[c]) * (1.0 - fx) + f32::from(p11[c]) * fx;
        (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> FaceFrame {
        FaceFrame {
            origin: Point { x: 240.0, y: 250.0 },
            ex: (100.0, 0.0),
            ey: (0.0, 100.0),
        }
    }

    #[test]
    #[allow(clippy::many_single_char_names)]
    fn frame_maps_both_ways() {
        let f = FaceFrame {
            origin: Point { x: 10.0, y: 20.0 },
            ex: (80.0, 60.0),
            ey: (-60.0, 80.0),
        };
        assert!((f.iod() - 100.0).abs() < 1e-4);
        let (x, y) = f.to_image(0.5, -0.25);
        let (u, v) = f.to_face(x, y);
        assert!((u - 0.5).abs() < 1e-5 && (v + 0.25).abs() < 1e-5);
        assert_eq!(f.polygon(Region::new(0.0, 0.0, 1.0, 1.0)).len(), 4);
        let m = Region::new(0.2, 0.1, 0.8, 0.3).mirrored();
        assert_eq!((m.u0, m.u1), (-0.8, -0.2));
    }

    #[test]
    fn patches_sample_the_photo_and_mark_the_outside() {
        let mut img = RgbImage::from_pixel(480, 640, image::Rgb([200, 150, 120]));
        for x in 0..480 {
            for y in 259..=262 {
                img.put_pixel(x, y, image::Rgb([0, 0, 0]));
            }
        }
        let p = Patch::sample(&img, &frame(), Region::new(-0.2, 0.0, 0.2, 0.2), 0.025);
        assert_eq!((p.cols, p.rows), (16, 8));
        // Row 4 is v = 0.1125, y = 261.25: on the black line.
        assert!(p.at(3, 4).l < p.at(3, 0).l - 20.0);
        let out = Patch::sample(&img, &frame(), Region::new(2.0, 0.0, 3.0, 0.1), 0.1);
        assert!(out.inside_share() < 0.5);
    }
}
