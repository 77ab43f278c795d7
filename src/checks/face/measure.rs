//! Measurements the `face.*` checks compare with the spec, taken from the Face Mesh when it
//! ran and from the `YuNet` landmarks otherwise.

use crate::checks::geometry::{Detection, FaceGeometry, Point};

use super::mesh::{
    CHEEK_LEFT, CHEEK_RIGHT, CHIN, FOREHEAD_TOP, INNER_LIPS, LEFT_EYE, MIDLINE, MOUTH_CORNERS,
    NOSE_TIP, RIGHT_EYE, SYMMETRIC_PAIRS,
};

/// Face width (cheek to cheek at the ears, Face Mesh 234–454) per `YuNet` box width, for when
/// the mesh is missing. Measured on the seven demo photos: 1.00–1.09.
pub const BOX_TO_CHEEK_WIDTH: f32 = 1.06;
/// Hair above the top forehead landmark (10), as a share of the landmark-10-to-chin height:
/// the range measured on the seven demo photos against their background-outline head top
/// (0.30–0.58; short hair 0.3, full hair with bangs 0.57). Hair varies too much for more: the
/// estimate is this range, and only a fallback for when the person outline is not known.
pub const HAIR_ALLOWANCE: (f32, f32) = (0.28, 0.60);
/// Depth of the nose tip in front of the cheek points (234/454) per half face width, in
/// `MediaPipe`'s canonical face model: (7.48 + 2.44) / 7.66.
pub const NOSE_DEPTH_PER_HALF_WIDTH: f32 = 1.29;

/// How a measurement was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Mesh,
    Detector,
}

/// The primary face's measurements, in image pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    pub detection: Detection,
    pub source: Source,
    /// The face outline points at the ears (image left, image right).
    pub cheeks: (Point, Point),
    /// Eye centres (image left, image right).
    pub eyes: (Point, Point),
    /// Top forehead landmark and chin, from the mesh.
    pub forehead_chin: Option<(Point, Point)>,
    /// The face's horizontal centre: the facial midline (mesh) or the box centre.
    pub centre_x: f32,
    /// Signed head roll in degrees (positive: the image-right side is lower).
    pub roll_deg: f32,
}

fn pt(mesh: &[[f32; 3]], i: usize) -> Point {
    mesh.get(i)
        .map_or(Point::default(), |p| Point { x: p[0], y: p[1] })
}

fn mid(a: Point, b: Point) -> Point {
    Point {
        x: f32::midpoint(a.x, b.x),
        y: f32::midpoint(a.y, b.y),
    }
}

/// Euclidean distance between two points.
pub fn dist(a: Point, b: Point) -> f32 {
    (a.x - b.x).hypot(a.y - b.y)
}

impl Measures {
    /// The measurements of the primary face; `None` when no face was found.
    pub fn of(geom: &FaceGeometry) -> Option<Self> {
        let detection = *geom.primary()?;
        if let Some(mesh) = geom.mesh.as_deref() {
            let eye = |e: [usize; 4]| mid(pt(mesh, e[0]), pt(mesh, e[1]));
            // Roll: the summed direction of all symmetric pairs, i.e. their length-weighted
            // mean angle. Steadier than the eye line alone (eye corners move ±1.5° with the
            // crop), and the same as the eye line on a face that is not distorted.
            let (sx, sy) = SYMMETRIC_PAIRS
                .iter()
                .fold((0.0, 0.0), |(sx, sy), &(a, b)| {
                    let (a, b) = (pt(mesh, a), pt(mesh, b));
                    (sx + b.x - a.x, sy + b.y - a.y)
                });
            let centre_x =
                MIDLINE.iter().map(|&i| pt(mesh, i).x).sum::<f32>() / MIDLINE.len() as f32;
            return Some(Self {
                detection,
                source: Source::Mesh,
                cheeks: (pt(mesh, CHEEK_RIGHT), pt(mesh, CHEEK_LEFT)),
                eyes: (eye(RIGHT_EYE), eye(LEFT_EYE)),
                forehead_chin: Some((pt(mesh, FOREHEAD_TOP), pt(mesh, CHIN))),
                centre_x,
                roll_deg: sy.atan2(sx).to_degrees(),
            });
        }
        let f = detection.face;
        let half = f.w * BOX_TO_CHEEK_WIDTH / 2.0;
        let (l, r) = (detection.eye_image_left, detection.eye_image_right);
        let (cx, cy) = (f.x + f.w / 2.0, f32::midpoint(l.y, r.y));
        Some(Self {
            detection,
            source: Source::Detector,
            cheeks: (
                Point {
                    x: cx - half,
                    y: cy,
                },
                Point {
                    x: cx + half,
                    y: cy,
                },
            ),
            eyes: (l, r),
            forehead_chin: None,
            centre_x: cx,
            roll_deg: (r.y - l.y).atan2(r.x - l.x).to_degrees(),
        })
    }

    /// Face width: cheek to cheek at the ears.
    pub fn face_width(&self) -> f32 {
        dist(self.cheeks.0, self.cheeks.1)
    }

    /// The eye line's height: mean of the eye centres.
    pub fn eye_line_y(&self) -> f32 {
        mid(self.eyes.0, self.eyes.1).y
    }

    /// Head top estimated from the mesh, as a range `(highest, lowest)`: forehead landmark
    /// minus the hair allowance range [`HAIR_ALLOWANCE`].
    pub fn estimated_head_top(&self) -> Option<(f32, f32)> {
        let (top, chin) = self.forehead_chin?;
        let height = dist(top, chin);
        Some((
            top.y - HAIR_ALLOWANCE.1 * height,
            top.y - HAIR_ALLOWANCE.0 * height,
        ))
    }
}

/// Mesh-only measures: yaw, eye opening, mouth gap.
pub struct MeshMeasures<'a> {
    mesh: &'a [[f32; 3]],
}

impl<'a> MeshMeasures<'a> {
    pub fn of(geom: &'a FaceGeometry) -> Option<Self> {
        geom.primary()?;
        let mesh = geom.mesh.as_deref()?;
        (mesh.len() > 467).then_some(Self { mesh })
    }

    pub fn point(&self, i: usize) -> Point {
        pt(self.mesh, i)
    }

    /// Signed yaw in degrees from the nose tip's position between the cheek points along the
    /// eye-line direction (so roll does not count). For a head turned by θ, with the nose tip
    /// `D` in front of the cheek points and half face width `W/2`, the asymmetry
    /// `(a − b)/(a + b)` of the two nose-to-cheek spans is `(2D/W)·tan θ`; `2D/W` comes from
    /// `MediaPipe`'s canonical face ([`NOSE_DEPTH_PER_HALF_WIDTH`]). Positive: nose towards
    /// the image right.
    pub fn yaw_deg(&self) -> f32 {
        let (r, l, nose) = (
            self.point(CHEEK_RIGHT),
            self.point(CHEEK_LEFT),
            self.point(NOSE_TIP),
        );
        let (ex, ey) = (l.x - r.x, l.y - r.y);
        let len = ex.hypot(ey).max(1e-3);
        let (ux, uy) = (ex / len, ey / len);
        let a = (nose.x - r.x) * ux + (nose.y - r.y) * uy;
        let b = (l.x - nose.x) * ux + (l.y - nose.y) * uy;
        let asym = (a - b) / (a + b).max(1e-3);
        (asym / NOSE_DEPTH_PER_HALF_WIDTH).atan().to_degrees()
    }

    /// Eyelid opening per eye width, (right eye, left eye) of the subject.
    pub fn eye_open_ratios(&self) -> (f32, f32) {
        let ratio = |e: [usize; 4]| {
            let width = dist(self.point(e[0]), self.point(e[1])).max(1e-3);
            dist(self.point(e[2]), self.point(e[3])) / width
        };
        (ratio(RIGHT_EYE), ratio(LEFT_EYE))
    }

    /// Inner-lip gap per inner mouth width.
    pub fn mouth_gap_ratio(&self) -> f32 {
        let width = dist(self.point(MOUTH_CORNERS[0]), self.point(MOUTH_CORNERS[1])).max(1e-3);
        dist(self.point(INNER_LIPS[0]), self.point(INNER_LIPS[1])) / width
    }
}
