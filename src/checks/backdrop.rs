//! The backdrop's light: a smooth surface fitted to the backdrop's colour, so that what is
//! "backdrop-coloured" follows the studio's real fall-off toward the corners.
//!
//! The fit is a quadratic surface in the image coordinates, per channel of linear-light RGB:
//! light falls off smoothly and multiplicatively, so in linear light a vignette or a one-sided
//! light is a smooth surface, while an object or a second person is not. A pixel is
//! backdrop-coloured when its colour has the surface's chromaticity (the angle between the two
//! RGB vectors) and a brightness between a shadow's and a highlight's of it: shading scales
//! all three channels alike, a different material does not.

/// Largest angle (degrees) between a pixel's linear RGB and the backdrop's for the pixel to be
/// backdrop-coloured. JPEG chroma noise on a 2×2 mean stays below about 2°; skin, hair, wood
/// or a beige wall on white are 8° and more away.
pub const MAX_ANGLE_DEG: f32 = 5.0;
/// Brightness range of backdrop-coloured pixels relative to the surface: down to a soft
/// shadow at 40 % of the light, up to a hot spot at 130 %.
pub const GAIN_RANGE: (f32, f32) = (0.4, 1.3);
/// Fewest samples for a quadratic fit; below it a plane, below a tenth of it the mean.
const MIN_QUADRATIC: usize = 400;

/// Terms of the surface: 1, x, y, x², xy, y² (coordinates scaled to about −1…1).
const TERMS: usize = 6;

/// How near a colour must be to the surface's: the largest angle, kept as its cosine
/// (computed once, while the test runs on every pixel), and the gain range (inclusive).
#[derive(Debug, Clone, Copy)]
pub struct Tolerance {
    min_cos: f32,
    gain: (f32, f32),
}

impl Tolerance {
    pub fn new(max_angle_deg: f32, gain: (f32, f32)) -> Self {
        Self {
            min_cos: max_angle_deg.to_radians().cos(),
            gain,
        }
    }
}

/// A fitted backdrop surface over a `width × height` grid.
#[derive(Debug, Clone)]
pub struct Backdrop {
    coeffs: [[f32; TERMS]; 3],
    width: f32,
    height: f32,
    /// [`MAX_ANGLE_DEG`] and [`GAIN_RANGE`]: what [`Self::is_like`] accepts.
    like: Tolerance,
}

impl Backdrop {
    fn basis(&self, x: f32, y: f32) -> [f32; TERMS] {
        let u = 2.0 * x / self.width.max(1.0) - 1.0;
        let v = 2.0 * y / self.height.max(1.0) - 1.0;
        [1.0, u, v, u * u, u * v, v * v]
    }

    /// The backdrop's linear RGB at grid position `(x, y)`.
    pub fn at(&self, x: f32, y: f32) -> [f32; 3] {
        let b = self.basis(x, y);
        self.coeffs
            .map(|c| c.iter().zip(&b).map(|(k, t)| k * t).sum::<f32>().max(1e-4))
    }

    /// Whether `rgb` at `(x, y)` is backdrop-coloured (see the module docs).
    pub fn is_like(&self, x: f32, y: f32, rgb: [f32; 3]) -> bool {
        self.within(x, y, rgb, self.like)
    }

    /// Whether `rgb` at `(x, y)` is within `tolerance` of the surface's colour: [`compare`]'s
    /// test, without its arc cosine.
    pub fn within(&self, x: f32, y: f32, rgb: [f32; 3], tolerance: Tolerance) -> bool {
        let (cos, g) = cos_and_gain(rgb, self.at(x, y));
        cos >= tolerance.min_cos && (tolerance.gain.0..=tolerance.gain.1).contains(&g)
    }

    /// Fits the surface to `samples` (`(x, y, linear RGB)` on a `width × height` grid), then
    /// twice refits without the samples that are not backdrop-coloured against the last fit,
    /// so an object or a shadow does not bend it. `None` without samples.
    pub fn fit(samples: &[(f32, f32, [f32; 3])], width: u32, height: u32) -> Option<Self> {
        let mut fit = Self::least_squares(samples.iter(), width, height)?;
        let refit = Tolerance::new(MAX_ANGLE_DEG, (0.8, 1.25));
        for _ in 0..2 {
            let kept = samples
                .iter()
                .filter(|(x, y, rgb)| fit.within(*x, *y, *rgb, refit));
            match Self::least_squares(kept, width, height) {
                Some(f) => fit = f,
                None => break,
            }
        }
        Some(fit)
    }

    /// One pass over `samples`: the normal equations of all [`TERMS`] are summed (the leading
    /// block of a smaller fit is the same sums), then the count picks how many are solved.
    #[allow(clippy::needless_range_loop)] // matrix maths: row and column indices
    fn least_squares<'a>(
        samples: impl Iterator<Item = &'a (f32, f32, [f32; 3])>,
        width: u32,
        height: u32,
    ) -> Option<Self> {
        let mut fit = Self {
            coeffs: [[0.0; TERMS]; 3],
            like: Tolerance::new(MAX_ANGLE_DEG, GAIN_RANGE),
            width: width as f32,
            height: height as f32,
        };
        let mut ata = [[0.0f64; TERMS]; TERMS];
        let mut atb = [[0.0f64; TERMS]; 3];
        let mut n = 0usize;
        for (x, y, rgb) in samples {
            let b = fit.basis(*x, *y);
            for r in 0..TERMS {
                // The matrix is symmetric: the upper triangle now, mirrored below.
                for c in r..TERMS {
                    ata[r][c] += f64::from(b[r] * b[c]);
                }
                for ch in 0..3 {
                    atb[ch][r] += f64::from(b[r] * rgb[ch]);
                }
            }
            n += 1;
        }
        if n == 0 {
            return None;
        }
        for r in 1..TERMS {
            for c in 0..r {
                ata[r][c] = ata[c][r];
            }
        }
        let terms = if n >= MIN_QUADRATIC {
            TERMS
        } else if n >= MIN_QUADRATIC / 10 {
            3
        } else {
            1
        };
        for (coeffs, rhs) in fit.coeffs.iter_mut().zip(&atb) {
            let solved = solve(&ata, rhs, terms)?;
            for (k, v) in coeffs.iter_mut().zip(solved) {
                *k = v as f32;
            }
        }
        Some(fit)
    }
}

/// `(angle in degrees, gain)` of `rgb` against `reference`: the angle between the two linear
/// RGB vectors, and the length of `rgb`'s projection on `reference` relative to it.
pub fn compare(rgb: [f32; 3], reference: [f32; 3]) -> (f32, f32) {
    let (cos, gain) = cos_and_gain(rgb, reference);
    (cos.acos().to_degrees(), gain)
}

/// The cosine of [`compare`]'s angle, and its gain.
fn cos_and_gain(rgb: [f32; 3], reference: [f32; 3]) -> (f32, f32) {
    let dot: f32 = rgb.iter().zip(&reference).map(|(a, b)| a * b).sum();
    let rr: f32 = reference.iter().map(|v| v * v).sum::<f32>().max(1e-8);
    let pp: f32 = rgb.iter().map(|v| v * v).sum::<f32>().max(1e-8);
    ((dot / (rr * pp).sqrt()).clamp(-1.0, 1.0), dot / rr)
}

/// Solves the leading `n × n` block of `a · x = b` by Gaussian elimination with partial
/// pivoting; `None` when it is singular.
#[allow(clippy::many_single_char_names, clippy::needless_range_loop)] // matrix maths: conventional names and row/column indices
fn solve(a: &[[f64; TERMS]; TERMS], b: &[f64; TERMS], n: usize) -> Option<[f64; TERMS]> {
    let mut m = [[0.0f64; TERMS + 1]; TERMS];
    for r in 0..n {
        m[r][..n].copy_from_slice(&a[r][..n]);
        m[r][TERMS] = b[r];
    }
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        for r in 0..n {
            if r != col {
                let f = m[r][col] / m[col][col];
                for c in col..=TERMS {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
    }
    let mut x = [0.0f64; TERMS];
    for r in 0..n {
        x[r] = m[r][TERMS] / m[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white backdrop lit from the upper left, falling off to 55 % in the far corner.
    fn falloff(x: f32, y: f32) -> [f32; 3] {
        let g = 1.0 - 0.45 * ((x / 240.0).powi(2) + (y / 320.0).powi(2)) / 2.0;
        [0.9 * g, 0.88 * g, 0.85 * g]
    }

    fn grid(f: impl Fn(f32, f32) -> [f32; 3]) -> Vec<(f32, f32, [f32; 3])> {
        let mut v = Vec::new();
        for y in (0..320).step_by(4) {
            for x in (0..240).step_by(4) {
                v.push((x as f32, y as f32, f(x as f32, y as f32)));
            }
        }
        v
    }

    #[test]
    fn a_smooth_fall_off_is_all_backdrop_coloured() {
        let samples = grid(falloff);
        let fit = Backdrop::fit(&samples, 240, 320).unwrap();
        for (x, y, rgb) in &samples {
            let (angle, gain) = compare(*rgb, fit.at(*x, *y));
            assert!(
                angle < 0.5 && (gain - 1.0).abs() < 0.02,
                "({x},{y}) {angle} {gain}"
            );
        }
    }

    #[test]
    fn an_object_does_not_bend_the_fit_and_is_not_backdrop_coloured() {
        // A brown object covering the lower right eighth of the backdrop.
        let brown = [0.25, 0.12, 0.05];
        let object = |x: f32, y: f32| x > 180.0 && y > 200.0;
        let samples = grid(|x, y| if object(x, y) { brown } else { falloff(x, y) });
        let fit = Backdrop::fit(&samples, 240, 320).unwrap();
        for (x, y, rgb) in &samples {
            assert_eq!(fit.is_like(*x, *y, *rgb), !object(*x, *y), "({x},{y})");
        }
        // A shadow of the backdrop's own colour stays backdrop-coloured; black does not.
        let lit = fit.at(100.0, 100.0);
        assert!(fit.is_like(100.0, 100.0, lit.map(|c| c * 0.5)));
        assert!(!fit.is_like(100.0, 100.0, lit.map(|c| c * 0.1)));
    }

    #[test]
    fn skin_on_light_blue_is_far_from_the_backdrop() {
        let blue = [0.127, 0.558, 1.0];
        let skin = [0.58, 0.30, 0.22];
        let dark_skin = [0.10, 0.05, 0.035];
        assert!(compare(skin, blue).0 > 30.0);
        assert!(compare(dark_skin, blue).0 > 30.0);
        // Few samples fall back to a plane, then to the mean, never to nothing.
        let few: Vec<_> = grid(falloff).into_iter().step_by(200).collect();
        assert!(Backdrop::fit(&few, 240, 320).is_some());
        assert!(Backdrop::fit(&[], 240, 320).is_none());
    }
}
