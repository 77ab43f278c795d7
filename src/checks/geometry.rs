//! Face geometry shared by the face, exposure, background and clothing checks.
//! Produced by the face models (`checks::face`), consumed by pure check functions.

use serde::{Deserialize, Serialize};

/// A point in image pixel coordinates (x right, y down).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned box in image pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct BoxPx {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// One detected face (YuNet): box, score and five landmarks as seen in the image.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub face: BoxPx,
    pub score: f32,
    /// The eye on the image's left (the subject's right eye).
    pub eye_image_left: Point,
    /// The eye on the image's right (the subject's left eye).
    pub eye_image_right: Point,
    pub nose: Point,
    pub mouth_image_left: Point,
    pub mouth_image_right: Point,
}

/// Everything the checks know about the face in one photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaceGeometry {
    /// Every face the detector kept after non-maximum suppression, best first.
    pub detections: Vec<Detection>,
    /// The 468 Face Mesh landmarks of the best face, in image pixels (z in the same scale),
    /// when the mesh model ran and found a face.
    pub mesh: Option<Vec<[f32; 3]>>,
    /// The `MediaPipe` Iris landmarks of the best face's eyes, subject's right eye (image
    /// left) first, when the mesh ran and the iris model could run on its eye crops. Older
    /// stored geometry has none (`serde(default)`): the eye checks then use the mesh.
    #[serde(default)]
    pub eyes: Option<[EyeLandmarks; 2]>,
}

/// One eye as the `MediaPipe` Iris model sees it, in image pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EyeLandmarks {
    /// The model's 71 eye-contour points in its own order (`checks::face::iris`): 0 the outer
    /// corner, 1–7 the lower lid and 8 the inner corner, 9–15 the upper lid (outer to inner),
    /// then four halos around the eye and the brow.
    pub contour: Vec<Point>,
    /// Iris centre, then four points on the iris edge.
    pub iris: [Point; 5],
    /// How much iris the photo really shows at the iris centre: the height, in pixels, of the
    /// samples across the lid gap that are clearly darker than the skin below the eye
    /// (`checks::face::eyes::visible_iris_px`). The model's lids do not meet over a shut eye,
    /// the pixels do. `None` when not measured.
    #[serde(default)]
    pub iris_visible_px: Option<f32>,
}

/// Face Mesh landmark indices of the detector's five points: the eye corners (image-left
/// eye, image-right eye), the nose tip and the outer mouth corners (image left, image right).
const MESH_EYE_IMAGE_LEFT: [usize; 2] = [33, 133];
const MESH_EYE_IMAGE_RIGHT: [usize; 2] = [362, 263];
const MESH_NOSE_TIP: usize = 1;
const MESH_MOUTH: [usize; 2] = [61, 291];

impl FaceGeometry {
    /// The face the checks are about: the highest-scoring detection.
    pub fn primary(&self) -> Option<&Detection> {
        self.detections.first()
    }

    /// The primary detection with its five landmarks re-measured on the Face Mesh when it
    /// ran: the pixel checks place their regions (skin, cheeks, the split between the face
    /// halves) on these points, and the mesh's are finer than the detector's, which runs on a
    /// reduced copy of the photo. The box stays the detector's.
    pub fn refined(&self) -> Option<Detection> {
        let mut d = *self.primary()?;
        let Some(mesh) = self.mesh.as_deref() else {
            return Some(d);
        };
        let at = |i: usize| mesh.get(i).map(|p| Point { x: p[0], y: p[1] });
        let mid = |[a, b]: [usize; 2]| {
            let (a, b) = (at(a)?, at(b)?);
            Some(Point {
                x: f32::midpoint(a.x, b.x),
                y: f32::midpoint(a.y, b.y),
            })
        };
        if let (Some(el), Some(er), Some(nose), Some(ml), Some(mr)) = (
            mid(MESH_EYE_IMAGE_LEFT),
            mid(MESH_EYE_IMAGE_RIGHT),
            at(MESH_NOSE_TIP),
            at(MESH_MOUTH[0]),
            at(MESH_MOUTH[1]),
        ) {
            d.eye_image_left = el;
            d.eye_image_right = er;
            d.nose = nose;
            d.mouth_image_left = ml;
            d.mouth_image_right = mr;
        }
        Some(d)
    }
}
