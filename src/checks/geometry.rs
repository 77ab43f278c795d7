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
}

impl FaceGeometry {
    /// The face the checks are about: the highest-scoring detection.
    pub fn primary(&self) -> Option<&Detection> {
        self.detections.first()
    }
}
