//! Face geometry from two small ONNX models run in pure Rust (`tract-onnx`), and the `face.*`
//! checks built on it.
//!
//! - [`yunet`]: `YuNet`-n face detector (libfacedetection.train): every face, box + 5 landmarks.
//! - [`mesh`]: `MediaPipe` Face Mesh on the best face: 468 landmarks (eyelids, lips, cheeks).
//! - [`iris`]: `MediaPipe` Iris on both eyes of that face: eyelid contours and the iris.
//! - [`checks`]: the pure `face.*` checks over [`FaceGeometry`].
//!
//! The models are embedded in the binary (`assets/models/`, Apache-2.0, see the `NOTICE`) and
//! loaded once per process: [`FaceModels::shared`].

pub mod accessory;
pub mod accessory_checks;
pub mod checks;
pub mod ears;
pub mod eye_checks;
pub mod eyes;
pub mod frame;
pub mod iris;
mod lines;
pub mod measure;
pub mod mesh;
pub mod mouth;
pub mod yunet;

use std::sync::OnceLock;

use image::RgbImage;

use crate::checks::geometry::{Detection, EyeLandmarks, FaceGeometry};
use crate::checks::onnx::{self, Ops, Outputs, Plan};
use crate::i18n::{Localized, Msg};

pub use accessory_checks::{check_glasses, check_hair};
pub use checks::{
    check_count, check_mouth_closed, check_position, check_roll, check_size, check_yaw, face_checks,
};
pub use eye_checks::{check_eyes_open, check_gaze};

/// `YuNet`-n with dynamic input, stale shape annotations removed (`assets/models/NOTICE`).
const YUNET_ONNX: &[u8] = include_bytes!("../../../assets/models/yunet_n_dynamic_fixedsyms.onnx");
/// `MediaPipe` Face Mesh (`assets/models/NOTICE`).
const MESH_ONNX: &[u8] = include_bytes!("../../../assets/models/face_landmark.onnx");
/// `MediaPipe` Iris (`assets/models/NOTICE`).
const IRIS_ONNX: &[u8] = include_bytes!("../../../assets/models/iris_landmark.onnx");

/// Why the face models could not load or run. `message` is the model runtime's own words;
/// the rest is rendered from the catalogue (`model-…` in `checks.ftl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaceError {
    Load {
        model: &'static str,
        message: String,
    },
    Inference {
        model: &'static str,
        message: String,
    },
    EmptyImage {
        width: u32,
        height: u32,
    },
}

impl Localized for FaceError {
    fn msg(&self) -> Msg {
        match self {
            Self::Load { model, message } => Msg::new("model-face-load")
                .arg("model", *model)
                .arg("error", message),
            Self::Inference { model, message } => Msg::new("model-face-failed")
                .arg("model", *model)
                .arg("error", message),
            Self::EmptyImage { width, height } => Msg::new("model-empty-image")
                .arg("width", width.to_string())
                .arg("height", height.to_string()),
        }
    }
}

crate::english_display!(FaceError);

/// The face models, optimised for fixed input shapes and ready to run. Immutable after
/// loading and `Send + Sync`: one instance serves every thread (rayon batches included).
pub struct FaceModels {
    yunet: Plan,
    /// Indices into `YuNet`'s outputs of `[cls, obj, bbox, kps]` for strides 8, 16, 32.
    yunet_outputs: [[usize; 4]; 3],
    mesh: Plan,
    /// Indices into Face Mesh's outputs of the landmarks and the face-presence logit.
    mesh_outputs: [usize; 2],
    /// The iris model and the indices of its contour and iris outputs, or why it did not
    /// load: the eye checks then fall back to the mesh, and the other checks still run.
    iris: Result<(Plan, [usize; 2]), FaceError>,
}

impl std::fmt::Debug for FaceModels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaceModels").finish_non_exhaustive()
    }
}

fn load_plan(
    model: &'static str,
    bytes: &[u8],
    shape: [usize; 4],
) -> Result<(Plan, Outputs), FaceError> {
    onnx::load(bytes, shape, Ops::FastPrelu).map_err(|message| FaceError::Load { model, message })
}

/// Finds the output whose name is `name` (exactly, or as its last `/`-separated part).
fn find_output(
    model: &'static str,
    names: &[(String, usize)],
    name: &str,
) -> Result<usize, FaceError> {
    names
        .iter()
        .position(|(n, _)| n == name || n.rsplit('/').next() == Some(name))
        .ok_or_else(|| FaceError::Load {
            model,
            message: format!("no output {name:?} among {names:?}"),
        })
}

impl FaceModels {
    /// Loads and optimises both embedded models (a few hundred milliseconds). Prefer
    /// [`FaceModels::shared`], which does it once per process.
    pub fn load() -> Result<FaceModels, FaceError> {
        let (yunet, names) = load_plan(
            "YuNet",
            YUNET_ONNX,
            [1, 3, yunet::INPUT_H as usize, yunet::INPUT_W as usize],
        )?;
        let mut yunet_outputs = [[0; 4]; 3];
        for (slot, stride) in yunet_outputs.iter_mut().zip(yunet::STRIDES) {
            for (i, kind) in ["cls", "obj", "bbox", "kps"].into_iter().enumerate() {
                slot[i] = find_output("YuNet", &names, &format!("{kind}_{stride}"))?;
            }
        }
        let side = mesh::INPUT_SIDE as usize;
        let (mesh, names) = load_plan("Face Mesh", MESH_ONNX, [1, 3, side, side])?;
        let mesh_outputs = mesh::output_indices(&names).ok_or_else(|| FaceError::Load {
            model: "Face Mesh",
            message: format!("unexpected outputs {names:?}"),
        })?;
        Ok(FaceModels {
            yunet,
            yunet_outputs,
            mesh,
            mesh_outputs,
            iris: load_iris(),
        })
    }

    /// Why the iris model is unavailable, if it is.
    pub fn iris_error(&self) -> Option<&FaceError> {
        self.iris.as_ref().err()
    }

    /// The process-wide models, loaded on first use. A load failure is kept too, so every
    /// caller sees the same error without retrying.
    pub fn shared() -> Result<&'static FaceModels, &'static FaceError> {
        static MODELS: OnceLock<Result<FaceModels, FaceError>> = OnceLock::new();
        MODELS.get_or_init(FaceModels::load).as_ref()
    }

    /// Runs `plan` on one `1×3×h×w` input; returns every output flattened.
    fn run(
        plan: &Plan,
        model: &'static str,
        shape: [usize; 4],
        data: &[f32],
    ) -> Result<Vec<Vec<f32>>, FaceError> {
        onnx::run(plan, shape, data).map_err(|message| FaceError::Inference { model, message })
    }
}

fn load_iris() -> Result<(Plan, [usize; 2]), FaceError> {
    let side = iris::INPUT_SIDE as usize;
    let (plan, names) = load_plan("Iris", IRIS_ONNX, [1, 3, side, side])?;
    let outputs = iris::output_indices(&names).ok_or_else(|| FaceError::Load {
        model: "Iris",
        message: format!("unexpected outputs {names:?}"),
    })?;
    Ok((plan, outputs))
}

/// Finds every face in `rgb` (`YuNet`), the Face Mesh landmarks of the best one and the Iris
/// landmarks of its eyes, all in `rgb`'s pixel coordinates. No face is not an error:
/// `detections` is empty. The iris model failing leaves `eyes` empty (the eye checks fall
/// back to the mesh) rather than failing every face check.
pub fn analyse(models: &FaceModels, rgb: &RgbImage) -> Result<FaceGeometry, FaceError> {
    let detections = detect(models, rgb)?;
    let Some(best) = detections.first() else {
        return Ok(FaceGeometry {
            detections,
            mesh: None,
            eyes: None,
        });
    };
    let mesh = run_mesh(models, rgb, mesh::Crop::around(best))?;
    let eyes = mesh
        .as_deref()
        .and_then(|m| eye_landmarks(models, rgb, m).ok().flatten());
    Ok(FaceGeometry {
        detections,
        mesh,
        eyes,
    })
}

/// The Iris landmarks of both eyes of a Face Mesh (`None` when the mesh lacks the corners).
pub fn eye_landmarks(
    models: &FaceModels,
    rgb: &RgbImage,
    mesh: &[[f32; 3]],
) -> Result<Option<[EyeLandmarks; 2]>, FaceError> {
    let (plan, outputs) = models.iris.as_ref().map_err(Clone::clone)?;
    let Some(crops) = iris::EyeCrop::both(mesh) else {
        return Ok(None);
    };
    let side = iris::INPUT_SIDE as usize;
    let run = |crop: &iris::EyeCrop| -> Result<Option<EyeLandmarks>, FaceError> {
        let out = FaceModels::run(plan, "Iris", [1, 3, side, side], &crop.sample(rgb))?;
        Ok(crop.landmarks(&out, *outputs).map(|mut eye| {
            eye.iris_visible_px = eyes::visible_iris_px(rgb, &eye);
            eye
        }))
    };
    let (Some(a), Some(b)) = (run(&crops[0])?, run(&crops[1])?) else {
        return Ok(None);
    };
    Ok(Some([a, b]))
}

/// Every face `YuNet` finds in `rgb`, best first, in `rgb`'s pixel coordinates.
pub fn detect(models: &FaceModels, rgb: &RgbImage) -> Result<Vec<Detection>, FaceError> {
    let (width, height) = rgb.dimensions();
    if width == 0 || height == 0 {
        return Err(FaceError::EmptyImage { width, height });
    }
    let input = yunet::prepare(rgb);
    let outputs = FaceModels::run(
        &models.yunet,
        "YuNet",
        [1, 3, yunet::INPUT_H as usize, yunet::INPUT_W as usize],
        &input.data,
    )?;
    Ok(yunet::decode(&outputs, &models.yunet_outputs, input.scale))
}

/// The Face Mesh landmarks of one detected face (`None` when the model sees no face there).
pub fn landmarks(
    models: &FaceModels,
    rgb: &RgbImage,
    face: &Detection,
) -> Result<Option<Vec<[f32; 3]>>, FaceError> {
    run_mesh(models, rgb, mesh::Crop::around(face))
}

/// Runs Face Mesh on one crop.
fn run_mesh(
    models: &FaceModels,
    rgb: &RgbImage,
    crop: mesh::Crop,
) -> Result<Option<Vec<[f32; 3]>>, FaceError> {
    let side = mesh::INPUT_SIDE as usize;
    let data = crop.sample(rgb);
    let outputs = FaceModels::run(&models.mesh, "Face Mesh", [1, 3, side, side], &data)?;
    Ok(crop.landmarks(&outputs, models.mesh_outputs))
}

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "models"))]
mod load_tests {
    use super::*;

    #[test]
    fn models_are_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<FaceModels>();
    }

    /// Our `PRelu` (`onnx::prelu`: one-sided slopes as `max`/`min`, mixed ones as two clamps)
    /// against `tract`'s own, on the same input: the same function up to rounding.
    fn assert_same_outputs(ours: &[Vec<f32>], theirs: &[Vec<f32>], what: &str) {
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(theirs) {
            assert_eq!(a.len(), b.len());
            let worst = a
                .iter()
                .zip(b)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0f32, f32::max);
            // Crop pixels (0–192 or 0–64) and logits.
            assert!(worst < 1e-3, "{what}: outputs differ by {worst}");
        }
    }

    #[test]
    fn the_prelu_rewrite_gives_the_reference_landmarks() {
        let side = mesh::INPUT_SIDE as usize;
        let shape = [1, 3, side, side];
        let (reference, _) = onnx::load(MESH_ONNX, shape, Ops::Stock).unwrap();
        let models = FaceModels::shared().unwrap();
        let photo = image::load_from_memory(crate::demo::photos::BASE_PHOTOS[0].jpeg)
            .unwrap()
            .to_rgb8();
        let face = detect(models, &photo).unwrap()[0];
        let input = mesh::Crop::around(&face).sample(&photo);
        let ours = FaceModels::run(&models.mesh, "Face Mesh", shape, &input).unwrap();
        let theirs = FaceModels::run(&reference, "Face Mesh", shape, &input).unwrap();
        assert_same_outputs(&ours, &theirs, "Face Mesh");

        let side = iris::INPUT_SIDE as usize;
        let shape = [1, 3, side, side];
        let (reference, _) = onnx::load(IRIS_ONNX, shape, Ops::Stock).unwrap();
        let (plan, _) = models.iris.as_ref().unwrap();
        let landmarks = run_mesh(models, &photo, mesh::Crop::around(&face))
            .unwrap()
            .unwrap();
        for crop in iris::EyeCrop::both(&landmarks).unwrap() {
            let input = crop.sample(&photo);
            let ours = FaceModels::run(plan, "Iris", shape, &input).unwrap();
            let theirs = FaceModels::run(&reference, "Iris", shape, &input).unwrap();
            assert_same_outputs(&ours, &theirs, "Iris");
        }
    }

    #[test]
    fn models_load_once_and_find_nothing_in_a_flat_image() {
        let models = FaceModels::shared().unwrap();
        assert!(std::ptr::eq(models, FaceModels::shared().unwrap()));
        let flat = RgbImage::from_pixel(480, 640, image::Rgb([100, 197, 255]));
        let geom = analyse(models, &flat).unwrap();
        assert!(geom.detections.is_empty());
        assert!(geom.mesh.is_none());
        assert!(matches!(
            analyse(models, &RgbImage::new(0, 10)),
            Err(FaceError::EmptyImage { .. })
        ));
    }
}
