//! `sharpness.face` and `retouch.smoothing`: focus and skin texture on the face.
//!
//! Both work on a *canonical face grid*: the face box resampled by area averaging so that the
//! face is [`CANONICAL_FACE_WIDTH`] cells wide, in grey (Rec. 601 luma, 0–255). This makes the
//! measures independent of the photo's resolution and the face size.
//!
//! **Focus measure** (`sharpness.face`): the RMS of the 4-neighbour Laplacian over the inner
//! face (eyes, nose, mouth) divided by the standard deviation of the grey values there — the
//! share of the face's contrast that sits at the finest scale. Dividing by the contrast makes
//! it independent of exposure and skin tone; a defocused or blurred face loses fine detail
//! while keeping its coarse contrast, so the measure drops.
//!
//! **Skin texture** (`retouch.smoothing`): mean |Laplacian| in two cheek patches divided by
//! the mean of the strongest 20 % of Laplacian magnitudes around the eyes. Smoothing filters
//! ("beauty" apps) flatten the skin while eyes and mouth stay crisp; a plain blur flattens
//! both, so a face that fails the focus measure is not assessed for smoothing.

use image::RgbImage;

use super::geometry::{Detection, Point};
use super::pixel_detail;
use super::result::{CheckResult, Overlay, Verdict};
use crate::domain::reasons::ReasonCode;
use crate::domain::spec::PhotoSpec;
use crate::i18n::Msg;

/// Width of the canonical face grid, cells.
pub const CANONICAL_FACE_WIDTH: f32 = 128.0;

/// The face box resampled to the canonical grid.
#[derive(Debug, Clone)]
pub struct FaceGrid {
    pub width: usize,
    pub height: usize,
    /// Row-major grey values.
    pub grey: Vec<f32>,
    /// Image position of the grid's origin.
    pub x0: f32,
    pub y0: f32,
    /// Image pixels per grid cell.
    pub scale: f32,
}

impl FaceGrid {
    /// Resamples the face box of `face` (clipped to the image); `None` when it is smaller
    /// than 16 cells either way.
    pub fn new(rgb: &RgbImage, face: &Detection) -> Option<Self> {
        let f = face.face;
        let scale = (f.w / CANONICAL_FACE_WIDTH).max(1.0);
        Self::area(rgb, [f.x, f.y, f.x + f.w, f.y + f.h], scale)
            .filter(|g| g.width >= 16 && g.height >= 16)
    }

    /// The box `[x0, y0, x1, y1]` (image pixels, clipped to the image) area-averaged into
    /// cells of `scale` pixels (≥ 1); `None` when not one whole cell fits.
    #[allow(clippy::many_single_char_names)] // image maths: conventional short names
    pub fn area(rgb: &RgbImage, [x0, y0, x1, y1]: [f32; 4], scale: f32) -> Option<Self> {
        let (w, h) = rgb.dimensions();
        let x0 = x0.clamp(0.0, w as f32);
        let y0 = y0.clamp(0.0, h as f32);
        let x1 = x1.clamp(0.0, w as f32);
        let y1 = y1.clamp(0.0, h as f32);
        let scale = scale.max(1.0);
        let gw = ((x1 - x0) / scale).floor() as usize;
        let gh = ((y1 - y0) / scale).floor() as usize;
        if gw == 0 || gh == 0 {
            return None;
        }
        let grey = if scale <= 1.0 {
            // One pixel a cell: the same sums as `area_sums`, without the bounds of every cell.
            let (raw, stride) = (rgb.as_raw(), w as usize * 3);
            let (xa, ya) = (x0 as usize, y0 as usize);
            (ya..ya + gh)
                .flat_map(|y| raw[y * stride + xa * 3..y * stride + (xa + gw) * 3].chunks_exact(3))
                .map(|p| luma_1000(p) as f32 / 1000.0)
                .collect()
        } else {
            area_sums(rgb, [x0, y0], [gw, gh], scale)
        };
        Some(Self {
            width: gw,
            height: gh,
            grey,
            x0,
            y0,
            scale,
        })
    }

    fn at(&self, u: usize, v: usize) -> f32 {
        self.grey[v * self.width + u]
    }

    /// 4-neighbour Laplacian at an inner cell.
    fn laplacian(&self, u: usize, v: usize) -> f32 {
        self.at(u - 1, v) + self.at(u + 1, v) + self.at(u, v - 1) + self.at(u, v + 1)
            - 4.0 * self.at(u, v)
    }

    /// Grid cell of an image point, clamped to the inner cells.
    fn cell(&self, p: Point) -> (usize, usize) {
        let u = ((p.x - self.x0) / self.scale).clamp(1.0, (self.width - 2) as f32);
        let v = ((p.y - self.y0) / self.scale).clamp(1.0, (self.height - 2) as f32);
        (u as usize, v as usize)
    }

    /// Inner cells of a box centred on `c` with half sizes `rx`, `ry` (cells).
    fn cells_around(
        &self,
        c: (usize, usize),
        rx: usize,
        ry: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        let u0 = c.0.saturating_sub(rx).max(1);
        let u1 = (c.0 + rx).min(self.width - 2);
        let v0 = c.1.saturating_sub(ry).max(1);
        let v1 = (c.1 + ry).min(self.height - 2);
        (v0..=v1).flat_map(move |v| (u0..=u1).map(move |u| (u, v)))
    }
}

/// Rec. 601 luma of one RGB pixel, times 1000 (integer).
fn luma_1000(p: &[u8]) -> u32 {
    299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])
}

/// The mean luma of every cell of a `gw`×`gh` grid of `scale`-pixel cells from (`x0`, `y0`).
fn area_sums(rgb: &RgbImage, [x0, y0]: [f32; 2], [gw, gh]: [usize; 2], scale: f32) -> Vec<f32> {
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    let (raw, stride) = (rgb.as_raw(), w * 3);
    let bounds = |origin: f32, i: usize| {
        let a = (origin + i as f32 * scale) as usize;
        let b = ((origin + (i + 1) as f32 * scale) as usize).max(a + 1);
        (a, b)
    };
    let cols: Vec<(usize, usize)> = (0..gw)
        .map(|i| {
            let (a, b) = bounds(x0, i);
            (a, b.min(w))
        })
        .collect();
    let mut grey = Vec::with_capacity(gw * gh);
    for j in 0..gh {
        let (ya, yb) = bounds(y0, j);
        let yb = yb.min(h);
        for &(xa, xb) in &cols {
            let mut sum = 0u32;
            let mut n = 0u32;
            for y in ya..yb {
                let row = &raw[y * stride..];
                for x in xa..xb {
                    sum += luma_1000(&row[x * 3..x * 3 + 3]);
                    n += 1;
                }
            }
            grey.push(sum as f32 / (1000.0 * n.max(1) as f32));
        }
    }
    grey
}

/// The focus measure (see the module docs); `None` when the face is too small or flat.
pub fn focus_measure(grid: &FaceGrid) -> Option<f64> {
    // Inner face: 15–85 % of the width, 20–90 % of the height.
    let u0 = (grid.width as f32 * 0.15) as usize;
    let u1 = (grid.width as f32 * 0.85) as usize;
    let v0 = (grid.height as f32 * 0.2) as usize;
    let v1 = (grid.height as f32 * 0.9) as usize;
    let (mut s, mut s2, mut lap2, mut n) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for v in v0.max(1)..v1.min(grid.height - 1) {
        for u in u0.max(1)..u1.min(grid.width - 1) {
            let g = f64::from(grid.at(u, v));
            s += g;
            s2 += g * g;
            lap2 += f64::from(grid.laplacian(u, v)).powi(2);
            n += 1.0;
        }
    }
    if n < 100.0 {
        return None;
    }
    let var = (s2 / n - (s / n).powi(2)).max(0.0);
    (var > 1.0).then(|| (lap2 / n).sqrt() / var.sqrt())
}

/// Skin texture relative to the eye edges (see the module docs).
pub fn skin_texture(grid: &FaceGrid, face: &Detection) -> Option<f64> {
    let cells_per_face = face.face.w / grid.scale;
    let r = (0.07 * cells_per_face).max(2.0) as usize;
    let eye_r = (0.09 * cells_per_face).max(2.0) as usize;
    let mut texture = 0.0f64;
    let mut n = 0.0f64;
    for eye in [face.eye_image_left, face.eye_image_right] {
        // The cheek: below the eye, level with the nose.
        let cheek = Point {
            x: eye.x,
            y: f32::midpoint(eye.y, face.nose.y) + 0.08 * face.face.h,
        };
        for (u, v) in grid.cells_around(grid.cell(cheek), r, r) {
            texture += f64::from(grid.laplacian(u, v).abs());
            n += 1.0;
        }
    }
    let mut edges: Vec<f32> = [face.eye_image_left, face.eye_image_right]
        .iter()
        .flat_map(|e| grid.cells_around(grid.cell(*e), eye_r, eye_r / 2 + 1))
        .map(|(u, v)| grid.laplacian(u, v).abs())
        .collect();
    if n < 8.0 || edges.len() < 10 {
        return None;
    }
    edges.sort_unstable_by(|a, b| b.total_cmp(a));
    let top = &edges[..edges.len().div_ceil(5)];
    let edge = top.iter().map(|e| f64::from(*e)).sum::<f64>() / top.len() as f64;
    (edge > 1.0).then(|| texture / n / edge)
}

fn face_overlay(face: &Detection, verdict: Verdict) -> Overlay {
    Overlay::Rect {
        x: face.face.x,
        y: face.face.y,
        w: face.face.w,
        h: face.face.h,
        verdict,
    }
}

/// The face grid and its focus measure, measured once for both checks.
struct Focus<'a> {
    face: &'a Detection,
    grid: FaceGrid,
    measure: Option<f64>,
    /// The fine detail at the delivered resolution ([`pixel_detail`]).
    detail: Option<f64>,
}

/// What the two checks have to work on.
enum FaceFocus<'a> {
    NoFace,
    TooSmall,
    Measured(Focus<'a>),
}

impl<'a> FaceFocus<'a> {
    fn of(rgb: &RgbImage, face: Option<&'a Detection>, spec: &PhotoSpec) -> Self {
        let Some(face) = face else {
            return Self::NoFace;
        };
        match FaceGrid::new(rgb, face) {
            None => Self::TooSmall,
            Some(grid) => {
                let measure = focus_measure(&grid);
                let detail = pixel_detail::fine_detail(rgb, face, spec.width_px);
                Self::Measured(Focus {
                    face,
                    grid,
                    measure,
                    detail,
                })
            }
        }
    }

    /// The "not assessed" result for a face that is missing or too small (or unmeasurable).
    fn unmeasured(&self, id: &'static str, threshold: String) -> CheckResult {
        match self {
            Self::NoFace => {
                CheckResult::not_assessed(id, threshold, Msg::new("check-why-no-face-detected"))
            }
            Self::TooSmall | Self::Measured(_) => {
                CheckResult::not_assessed(id, threshold, Msg::new("check-why-face-too-small"))
            }
        }
    }
}

/// `sharpness.face` and `retouch.smoothing`, in that order, from one face grid.
pub fn check_focus_and_smoothing(
    rgb: &RgbImage,
    face: Option<&Detection>,
    spec: &PhotoSpec,
) -> [CheckResult; 2] {
    let focus = FaceFocus::of(rgb, face, spec);
    [sharpness(&focus, spec), smoothing(&focus, spec)]
}

/// `sharpness.face`: the focus measure against `spec.sharpness_min` (fail below), and the
/// fine detail at the delivered resolution against `spec.detail_fail` / `detail_warn`.
fn sharpness(focus: &FaceFocus, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "sharpness.face";
    // Language-neutral, as `warn_fail_text` for a minimum: focus; detail to pass (to warn).
    let threshold = format!(
        "≥ {:.2}; ≥ {:.2} (≥ {:.2})",
        spec.sharpness_min, spec.detail_warn, spec.detail_fail
    );
    let FaceFocus::Measured(Focus {
        face,
        measure: Some(m),
        detail: Some(d),
        ..
    }) = focus
    else {
        return focus.unmeasured(ID, threshold);
    };
    let (face, m, d) = (*face, *m, *d);
    let detail = if d < spec.detail_fail {
        Verdict::Fail
    } else if d < spec.detail_warn {
        Verdict::Warn
    } else {
        Verdict::Pass
    };
    let (verdict, key) = if m < spec.sharpness_min {
        (Verdict::Fail, "check-sharpness-blurry")
    } else if detail == Verdict::Pass {
        (Verdict::Pass, "check-sharpness-ok")
    } else {
        (detail, "check-sharpness-soft")
    };
    let message = Msg::new(key)
        .arg("sharpness", format!("{m:.2}"))
        .arg("detail", format!("{d:.2}"))
        .arg("min", format!("{:.2}", spec.sharpness_min))
        .arg("fail", format!("{:.2}", spec.detail_fail))
        .arg("warn", format!("{:.2}", spec.detail_warn));
    CheckResult::new(ID, verdict, threshold, message)
        .with_value(m)
        .with_reasons(&[ReasonCode::Blurry])
        .with_overlay(face_overlay(face, verdict))
}

/// Whether the face is blurred for `retouch.smoothing`: no focus measure, or the focus or
/// the fine detail under its failure limit (a detail too small to measure does not count).
fn blurred(focus: &Focus, spec: &PhotoSpec) -> bool {
    focus.measure.is_none_or(|m| m < spec.sharpness_min)
        || focus.detail.is_some_and(|d| d < spec.detail_fail)
}

/// `retouch.smoothing`: warns when the skin texture is below `spec.skin_texture_min` while
/// the face is in focus.
fn smoothing(focus: &FaceFocus, spec: &PhotoSpec) -> CheckResult {
    const ID: &str = "retouch.smoothing";
    let threshold = format!("≥ {:.2}", spec.skin_texture_min);
    let FaceFocus::Measured(f) = focus else {
        return focus.unmeasured(ID, threshold);
    };
    if blurred(f, spec) {
        return CheckResult::not_assessed(ID, threshold, Msg::new("check-why-face-blurred"));
    }
    let Some(t) = skin_texture(&f.grid, f.face) else {
        return focus.unmeasured(ID, threshold);
    };
    let verdict = if t >= spec.skin_texture_min {
        Verdict::Pass
    } else {
        Verdict::Warn
    };
    let message = if verdict == Verdict::Pass {
        Msg::new("check-smoothing-natural")
    } else {
        Msg::new("check-smoothing-smoothed")
    }
    .arg("texture", format!("{t:.2}"))
    .arg("threshold", &threshold);
    CheckResult::new(ID, verdict, threshold, message)
        .with_value(t)
        .with_reasons(&[ReasonCode::OverRetouched])
        .with_overlay(face_overlay(f.face, verdict))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient() -> RgbImage {
        RgbImage::from_fn(40, 30, |x, y| {
            image::Rgb([(x * 6) as u8, (y * 8) as u8, ((x + y) * 3) as u8])
        })
    }

    fn luma(p: image::Rgb<u8>) -> f32 {
        (299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) as f32 / 1000.0
    }

    #[test]
    fn one_pixel_cells_are_the_pixels_luma() {
        let rgb = gradient();
        let g = FaceGrid::area(&rgb, [3.6, 2.2, 20.9, 17.0], 1.0).unwrap();
        assert_eq!((g.width, g.height), (17, 14));
        for v in 0..g.height {
            for u in 0..g.width {
                let p = rgb.get_pixel(3 + u as u32, 2 + v as u32);
                assert!((g.at(u, v) - luma(*p)).abs() < 1e-4, "{u},{v}");
            }
        }
    }

    #[test]
    fn larger_cells_average_their_pixels() {
        let rgb = gradient();
        let g = FaceGrid::area(&rgb, [4.0, 2.0, 24.0, 22.0], 2.0).unwrap();
        assert_eq!((g.width, g.height), (10, 10));
        let block: f32 = [(6, 4), (7, 4), (6, 5), (7, 5)]
            .iter()
            .map(|&(x, y)| luma(*rgb.get_pixel(x, y)))
            .sum::<f32>()
            / 4.0;
        assert!((g.at(1, 1) - block).abs() < 1e-3);
        assert!(FaceGrid::area(&rgb, [50.0, 0.0, 60.0, 10.0], 1.0).is_none());
    }
}
