//! Person segmentation with `MediaPipe` Selfie Segmentation (general, square; Apache-2.0,
//! `assets/models/NOTICE`), run in pure Rust with `tract-onnx`.
//!
//! The model tells the person (hair, face, body and clothes) from everything else by what
//! things are, not by their colour: a white shirt on a white backdrop stays person, and a
//! second person or an object at the frame edge stays background. The photo is letterboxed
//! into the model's 3:4 input (never stretched; any padding repeats the edge pixels, so it
//! looks like more backdrop), and the probability is read back at the centres of the
//! segmentation's 2× downsampled grid.

use std::sync::OnceLock;

use image::RgbImage;

use super::onnx::{self, Ops, Plan};
use crate::i18n::{Localized, Msg};

/// Selfie Segmentation, converted to ONNX (`assets/models/NOTICE`).
const SELFIE_ONNX: &[u8] = include_bytes!("../../assets/models/selfie_segmentation.onnx");

/// The size the model was exported at: square, as it was trained.
const EXPORT_SIDE: usize = 256;

/// The model input, width × height: the export's 256 rows, and the 192 columns of a 3:4
/// photo at the same scale. The graph is fully convolutional; `onnx::load_retargeted` scales
/// its few size constants (whole-map pools, upsampling sizes, the final transposed
/// convolution) to this input, so a 480×640 photo fills it at 0.4 with no padding: a quarter
/// less work than the square, at the scale the model has always run at. A smaller scale was
/// tried and lost the backdrop shadows' edges; `bench --stages` prints the cost.
pub const INPUT_W: u32 = 192;
pub const INPUT_H: u32 = 256;

/// The input's NCHW shape.
const SHAPE: [usize; 4] = [1, 3, INPUT_H as usize, INPUT_W as usize];

/// Why the person model could not load or run. The `String`s are the model runtime's own
/// words; the rest is rendered from the catalogue (`model-…` in `checks.ftl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonError {
    Load(String),
    Inference(String),
    EmptyImage { width: u32, height: u32 },
}

impl Localized for PersonError {
    fn msg(&self) -> Msg {
        match self {
            Self::Load(error) => Msg::new("model-person-load").arg("error", error),
            Self::Inference(error) => Msg::new("model-person-failed").arg("error", error),
            Self::EmptyImage { width, height } => Msg::new("model-empty-image")
                .arg("width", width.to_string())
                .arg("height", height.to_string()),
        }
    }
}

crate::english_display!(PersonError);

/// The loaded, optimised model; `Send + Sync`, one instance serves every thread.
pub struct PersonModel {
    plan: Plan,
}

impl std::fmt::Debug for PersonModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonModel").finish_non_exhaustive()
    }
}

impl PersonModel {
    /// Loads and optimises the embedded model. Prefer [`PersonModel::shared`].
    pub fn load() -> Result<Self, PersonError> {
        let native = [EXPORT_SIDE, EXPORT_SIDE];
        let (plan, _) = onnx::load_retargeted(SELFIE_ONNX, native, SHAPE, Ops::FastUpsample)
            .map_err(PersonError::Load)?;
        Ok(Self { plan })
    }

    /// The process-wide model, loaded on first use (a load failure is kept too).
    pub fn shared() -> Result<&'static Self, &'static PersonError> {
        static MODEL: OnceLock<Result<PersonModel, PersonError>> = OnceLock::new();
        MODEL.get_or_init(Self::load).as_ref()
    }

    /// The person probability over `rgb`, on a `grid_w × grid_h` grid covering the image
    /// (cell centres), row-major.
    pub fn probability(
        &self,
        rgb: &RgbImage,
        grid_w: u32,
        grid_h: u32,
    ) -> Result<Vec<f32>, PersonError> {
        let (w, h) = rgb.dimensions();
        if w == 0 || h == 0 {
            return Err(PersonError::EmptyImage {
                width: w,
                height: h,
            });
        }
        let letterbox = Letterbox::new(w, h);
        let input = letterbox.sample(rgb);
        let outputs = onnx::run(&self.plan, SHAPE, &input).map_err(PersonError::Inference)?;
        let prob = outputs
            .into_iter()
            .next()
            .ok_or_else(|| PersonError::Inference("no output".to_owned()))?;
        let cells = (INPUT_W * INPUT_H) as usize;
        if prob.len() != cells {
            return Err(PersonError::Inference(format!(
                "output of {} values, expected {cells}",
                prob.len()
            )));
        }
        Ok(letterbox.read_back(&prob, grid_w, grid_h))
    }
}

/// Where the photo sits in the model input.
#[derive(Debug, Clone, Copy)]
struct Letterbox {
    /// Model pixels per image pixel.
    scale: f32,
    /// Model-input offset of the image's top-left corner.
    off_x: f32,
    off_y: f32,
    width: u32,
    height: u32,
    /// The model input's width and height.
    input: (usize, usize),
}

impl Letterbox {
    /// A `width × height` photo in the model's input.
    fn new(width: u32, height: u32) -> Self {
        Self::fit(width, height, (INPUT_W as usize, INPUT_H as usize))
    }

    /// A `width × height` photo in an `input` (width, height) of any size.
    fn fit(width: u32, height: u32, input: (usize, usize)) -> Self {
        let (iw, ih) = (input.0 as f32, input.1 as f32);
        let scale = (iw / width.max(1) as f32).min(ih / height.max(1) as f32);
        Self {
            scale,
            off_x: (iw - width as f32 * scale) / 2.0,
            off_y: (ih - height as f32 * scale) / 2.0,
            width,
            height,
            input,
        }
    }

    /// Image pixel span `[a, b)` of model column/row `i` along an axis of `len` pixels whose
    /// image starts at model offset `off`, clamped into the image (never empty).
    fn span(&self, i: usize, off: f32, len: u32) -> (usize, usize) {
        let inv = 1.0 / self.scale;
        let len = i64::from(len);
        let a = ((i as f32 - off) * inv).floor() as i64;
        let b = (((i + 1) as f32 - off) * inv).ceil() as i64;
        let a = a.clamp(0, len - 1);
        let b = b.clamp(a + 1, len);
        (a as usize, b as usize)
    }

    /// The model input: RGB in [0, 1], planar (NCHW). Each model pixel is the mean of the
    /// image pixels it covers (a box filter, so JPEG noise and fine texture average out);
    /// outside the image the edge pixels repeat. Separable: each image row's prefix sums give
    /// every model column's sum along the row, and those are summed over each model row's
    /// image rows (integer sums, so the same values as summing every covered pixel).
    fn sample(&self, rgb: &RgbImage) -> Vec<f32> {
        let (side, tall) = self.input;
        let plane = side * tall;
        let (w, h) = (self.width as usize, self.height as usize);
        let cols: Vec<(usize, usize)> = (0..side)
            .map(|i| self.span(i, self.off_x, self.width))
            .collect();
        let rows: Vec<(usize, usize)> = (0..tall)
            .map(|i| self.span(i, self.off_y, self.height))
            .collect();
        // Per image row, each model column's channel sums.
        let mut across = vec![[0u32; 3]; h * side];
        let mut prefix = vec![[0u32; 3]; w + 1];
        for (row, out) in rgb
            .as_raw()
            .chunks_exact(w * 3)
            .zip(across.chunks_exact_mut(side))
        {
            let mut acc = [0u32; 3];
            for (p, slot) in row.chunks_exact(3).zip(&mut prefix[1..]) {
                acc[0] += u32::from(p[0]);
                acc[1] += u32::from(p[1]);
                acc[2] += u32::from(p[2]);
                *slot = acc;
            }
            for (o, &(x0, x1)) in out.iter_mut().zip(&cols) {
                let (a, b) = (prefix[x0], prefix[x1]);
                *o = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
            }
        }
        let mut data = vec![0.0f32; 3 * plane];
        let mut sums = vec![[0u32; 3]; side];
        for (v, &(y0, y1)) in rows.iter().enumerate() {
            sums.fill([0; 3]);
            for line in across[y0 * side..y1 * side].chunks_exact(side) {
                for (s, a) in sums.iter_mut().zip(line) {
                    s[0] += a[0];
                    s[1] += a[1];
                    s[2] += a[2];
                }
            }
            for (u, (s, &(x0, x1))) in sums.iter().zip(&cols).enumerate() {
                let n = ((y1 - y0) * (x1 - x0)) as f32 * 255.0;
                let i = v * side + u;
                data[i] = s[0] as f32 / n;
                data[plane + i] = s[1] as f32 / n;
                data[2 * plane + i] = s[2] as f32 / n;
            }
        }
        data
    }

    /// Bilinear read-back of the model's output at the centres of a `grid_w × grid_h` grid
    /// over the image.
    fn read_back(&self, prob: &[f32], grid_w: u32, grid_h: u32) -> Vec<f32> {
        let (side, tall) = self.input;
        let (last_u, last_v) = ((side - 1) as f32, (tall - 1) as f32);
        let (cell_w, cell_h) = (
            self.width as f32 / grid_w.max(1) as f32,
            self.height as f32 / grid_h.max(1) as f32,
        );
        // Each column's two model columns and weight, worked out once for every row.
        let columns: Vec<(usize, usize, f32)> = (0..grid_w)
            .map(|gx| {
                let u =
                    (self.off_x + (gx as f32 + 0.5) * cell_w * self.scale - 0.5).clamp(0.0, last_u);
                let (u0, fu) = (u.floor() as usize, u.fract());
                (u0, (u0 + 1).min(side - 1), fu)
            })
            .collect();
        let mut out = Vec::with_capacity(grid_w as usize * grid_h as usize);
        for gy in 0..grid_h {
            let v = (self.off_y + (gy as f32 + 0.5) * cell_h * self.scale - 0.5).clamp(0.0, last_v);
            let (v0, fv) = (v.floor() as usize, v.fract());
            let v1 = (v0 + 1).min(tall - 1);
            let (upper, lower) = (&prob[v0 * side..][..side], &prob[v1 * side..][..side]);
            out.extend(columns.iter().map(|&(u0, u1, fu)| {
                let top = upper[u0] * (1.0 - fu) + upper[u1] * fu;
                let bottom = lower[u0] * (1.0 - fu) + lower[u1] * fu;
                top * (1.0 - fv) + bottom * fv
            }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    #[test]
    fn model_errors_read_in_the_users_language_with_the_runtimes_own_words() {
        let e = PersonError::Load("truncated".into());
        assert_eq!(e.render(Lang::Zh), "无法加载人像分割模型：truncated");
        assert_eq!(
            e.to_string(),
            "cannot load the person segmentation model: truncated"
        );
        let e = PersonError::Inference("no output".into());
        assert_eq!(e.render(Lang::Zh), "人像分割模型运行失败：no output");
        let e = PersonError::EmptyImage {
            width: 3,
            height: 0,
        };
        assert_eq!(e.render(Lang::Zh), "图像为空（3×0）");
    }
    #[cfg(feature = "models")]
    use crate::demo::photos::BASE_PHOTOS;

    #[cfg(feature = "models")]
    fn photo(i: usize) -> RgbImage {
        image::load_from_memory(BASE_PHOTOS[i].jpeg)
            .unwrap()
            .to_rgb8()
    }

    #[test]
    #[cfg(feature = "models")]
    fn a_portrait_is_person_in_the_middle_and_backdrop_at_the_top_corners() {
        let model = PersonModel::shared().unwrap();
        for i in 0..BASE_PHOTOS.len() {
            let rgb = photo(i);
            let (gw, gh) = (rgb.width() / 2, rgb.height() / 2);
            let p = model.probability(&rgb, gw, gh).unwrap();
            assert_eq!(p.len(), (gw * gh) as usize);
            let at = |x: u32, y: u32| p[(y * gw + x) as usize];
            // The face (centre, eye height) is person; the top corners are backdrop.
            assert!(
                at(gw / 2, gh * 2 / 5) > 0.9,
                "photo {i}: centre {}",
                at(gw / 2, gh * 2 / 5)
            );
            assert!(at(4, 4) < 0.1 && at(gw - 5, 4) < 0.1, "photo {i}: corners");
            // Every probability is a probability.
            assert!(p.iter().all(|v| (0.0..=1.0).contains(v)));
        }
    }

    #[test]
    #[cfg(feature = "models")]
    fn a_flat_backdrop_holds_no_person_and_an_empty_image_is_an_error() {
        let model = PersonModel::shared().unwrap();
        let flat = RgbImage::from_pixel(480, 640, image::Rgb([255, 255, 255]));
        let p = model.probability(&flat, 240, 320).unwrap();
        let person = p.iter().filter(|v| **v >= 0.5).count();
        assert!(
            person * 100 < p.len(),
            "{person} person cells on a flat image"
        );
        assert!(matches!(
            model.probability(&RgbImage::new(0, 4), 1, 1),
            Err(PersonError::EmptyImage { .. })
        ));
    }

    #[cfg(feature = "models")]
    #[test]
    fn the_upsampling_rewrite_keeps_the_probabilities_of_tracts_own_graph() {
        let native = [EXPORT_SIDE, EXPORT_SIDE];
        let (plain, _) = onnx::load_retargeted(SELFIE_ONNX, native, SHAPE, Ops::Stock).unwrap();
        let (rewritten, _) =
            onnx::load_retargeted(SELFIE_ONNX, native, SHAPE, Ops::FastUpsample).unwrap();
        for i in 0..BASE_PHOTOS.len() {
            let rgb = photo(i);
            let input = Letterbox::new(rgb.width(), rgb.height()).sample(&rgb);
            let want = onnx::run(&plain, SHAPE, &input).unwrap().remove(0);
            let got = onnx::run(&rewritten, SHAPE, &input).unwrap().remove(0);
            assert_eq!(want.len(), (INPUT_W * INPUT_H) as usize);
            assert!(max_difference(&want, &got) < 1e-6, "photo {i}");
        }
    }

    #[cfg(feature = "models")]
    fn max_difference(a: &[f32], b: &[f32]) -> f32 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0f32, f32::max)
    }

    /// The exported square graph's input shape.
    #[cfg(feature = "models")]
    const SQUARE: [usize; 4] = [1, 3, EXPORT_SIDE, EXPORT_SIDE];

    /// The exported square graph, loaded once per test.
    #[cfg(feature = "models")]
    fn square_plan() -> Plan {
        onnx::load(SELFIE_ONNX, SQUARE, Ops::Stock).unwrap().0
    }

    /// `plan`'s output on the photo letterboxed into the square, and that letterbox.
    #[cfg(feature = "models")]
    fn square(plan: &Plan, rgb: &RgbImage) -> (Vec<f32>, Letterbox) {
        let lb = Letterbox::fit(rgb.width(), rgb.height(), (EXPORT_SIDE, EXPORT_SIDE));
        (
            onnx::run(plan, SQUARE, &lb.sample(rgb)).unwrap().remove(0),
            lb,
        )
    }

    #[cfg(feature = "models")]
    #[test]
    fn retargeting_to_the_export_size_changes_nothing() {
        let side = [EXPORT_SIDE, EXPORT_SIDE];
        let (same, _) = onnx::load_retargeted(SELFIE_ONNX, side, SQUARE, Ops::Stock).unwrap();
        let rgb = photo(0);
        let (want, lb) = square(&square_plan(), &rgb);
        let got = onnx::run(&same, SQUARE, &lb.sample(&rgb))
            .unwrap()
            .remove(0);
        // Whole-map average pools, and the sizes scaled by one.
        let worst = max_difference(&want, &got);
        // (The pools' sums run in another order: 6e-5 here, on probabilities 0–1.)
        assert!(worst < 1e-4, "max difference {worst}");
        // A size that does not scale is refused, not rounded.
        let odd = [1, 3, 250, 190];
        assert!(onnx::load_retargeted(SELFIE_ONNX, side, odd, Ops::Stock).is_err());
    }

    /// Away from the photo's side edges, the 3:4 input finds the person the square export did,
    /// on the demo portraits and the real studio photos (plain backdrops, where the answer is
    /// not in doubt). At the side edges the square's padding repeated the edge pixels, and the
    /// model was unsure of clothes running off the frame (a white T-shirt at the bottom corner
    /// of `londonset__006` read 0.3–0.6 there; 1.0 now), so those columns are left out.
    #[cfg(feature = "models")]
    #[test]
    fn the_three_four_input_finds_the_person_the_square_did() {
        let model = PersonModel::shared().unwrap();
        let plan = square_plan();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");
        let mut studio: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("londonset__")
            })
            .collect();
        studio.sort();
        assert!(studio.len() >= 30);
        let photos = (0..BASE_PHOTOS.len())
            .map(photo)
            .chain(studio.iter().map(|p| image::open(p).unwrap().to_rgb8()));
        for (i, rgb) in photos.enumerate() {
            let (gw, gh) = (rgb.width() / 2, rgb.height() / 2);
            let (prob, lb) = square(&plan, &rgb);
            let want = lb.read_back(&prob, gw, gh);
            let got = model.probability(&rgb, gw, gh).unwrap();
            let inner = (0..gh).flat_map(|y| (EDGE..gw - EDGE).map(move |x| (y * gw + x) as usize));
            let (mut cells, mut flipped, mut sum) = (0usize, 0usize, 0.0f32);
            for c in inner {
                cells += 1;
                flipped += usize::from((want[c] >= 0.5) != (got[c] >= 0.5));
                sum += (want[c] - got[c]).abs();
            }
            let mean = sum / cells as f32;
            // At most 0.44 % of the cells change side (a strip of the outline), and the mean
            // moves by at most 0.005: a broken rewrite is far off both.
            assert!(
                flipped * 100 < cells,
                "photo {i}: {flipped} of {cells} cells changed side"
            );
            assert!(mean < 0.01, "photo {i}: mean difference {mean}");
        }
    }

    /// Columns at each side edge that [`the_three_four_input_finds_the_person_the_square_did`]
    /// leaves out (grid cells, 2 photo pixels each).
    #[cfg(feature = "models")]
    const EDGE: u32 = 12;

    #[test]
    fn the_letterbox_keeps_the_aspect_and_centres_the_photo() {
        // A 3:4 photo fills the input; a square one is centred in it.
        let lb = Letterbox::new(480, 640);
        assert!((lb.scale - 0.4).abs() < 1e-6);
        assert!(lb.off_x.abs() < 1e-4 && lb.off_y.abs() < 1e-4);
        let lb = Letterbox::new(480, 480);
        assert!((lb.off_x).abs() < 1e-4 && (lb.off_y - 32.0).abs() < 1e-4);
        // In the export's square, a grid cell centre maps back inside the image's part.
        let side = EXPORT_SIDE;
        let lb = Letterbox::fit(480, 640, (side, side));
        assert!((lb.off_x - 32.0).abs() < 1e-4 && lb.off_y.abs() < 1e-4);
        let prob: Vec<f32> = (0..side * side)
            .map(|i| if (i % side) < 32 { 1.0 } else { 0.0 })
            .collect();
        // The left padding (columns < 32) is 1: no image cell reads it but the first column's
        // interpolation edge.
        let back = lb.read_back(&prob, 240, 320);
        assert!(back.iter().skip(2).step_by(240).all(|v| *v == 0.0));
    }

    #[test]
    fn the_separable_box_filter_gives_the_mean_of_every_covered_pixel() {
        // Portrait, landscape and odd sizes, on a pattern with no two neighbours alike.
        for (w, h) in [(480, 640), (641, 479), (97, 131), (3, 5)] {
            let rgb = RgbImage::from_fn(w, h, |x, y| {
                let v = x.wrapping_mul(31) ^ y.wrapping_mul(17);
                image::Rgb([(v % 251) as u8, (v % 127) as u8 * 2, (x + y) as u8])
            });
            let lb = Letterbox::new(w, h);
            let fast = lb.sample(&rgb);
            let (side, tall) = lb.input;
            let plane = side * tall;
            for v in 0..tall {
                let (y0, y1) = lb.span(v, lb.off_y, h);
                for u in 0..side {
                    let (x0, x1) = lb.span(u, lb.off_x, w);
                    let mut acc = [0u32; 3];
                    for y in y0..y1 {
                        for x in x0..x1 {
                            let p = rgb.get_pixel(x as u32, y as u32).0;
                            for c in 0..3 {
                                acc[c] += u32::from(p[c]);
                            }
                        }
                    }
                    let n = ((y1 - y0) * (x1 - x0)) as f32 * 255.0;
                    for c in 0..3 {
                        let got = fast[c * plane + v * side + u];
                        let want = acc[c] as f32 / n;
                        assert_eq!(
                            got.to_bits(),
                            want.to_bits(),
                            "{w}×{h} at {u},{v} channel {c}"
                        );
                    }
                }
            }
        }
    }
}
