//! sRGB (D65) → CIELAB and the CIEDE2000 colour difference.
//!
//! CIEDE2000 follows G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000 color-difference formula:
//! implementation notes, supplementary test data, and mathematical observations", Color
//! Research & Application 30(1), 2005; the tests below run its 34 published test pairs.
//! `k_L = k_C = k_H = 1`.

use std::sync::LazyLock;

/// A CIELAB colour (D65 white, 2° observer).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lab {
    pub l: f32,
    pub a: f32,
    pub b: f32,
}

impl Lab {
    pub const fn new(l: f32, a: f32, b: f32) -> Self {
        Self { l, a, b }
    }

    /// Chroma `C*ab`.
    pub fn chroma(self) -> f32 {
        self.a.hypot(self.b)
    }

    /// Hue angle `h_ab` in degrees, `0..360`.
    pub fn hue_deg(self) -> f32 {
        let h = self.b.atan2(self.a).to_degrees();
        if h < 0.0 { h + 360.0 } else { h }
    }

    /// Euclidean distance (CIE76), cheap; used inside pixel loops.
    pub fn delta_e76(self, other: Self) -> f32 {
        let (dl, da, db) = (self.l - other.l, self.a - other.a, self.b - other.b);
        (dl * dl + da * da + db * db).sqrt()
    }
}

/// D65 reference white (XYZ, Y = 1).
const WHITE: [f32; 3] = [0.950_47, 1.0, 1.088_83];

/// Entries of the tabulated [`lab_f`] over `0..=LAB_F_MAX`.
const LAB_F_STEPS: usize = 8192;
const LAB_F_MAX: f32 = 1.2;

/// The lookup tables of the conversion, built once: the pixel loops of the checks convert
/// hundreds of thousands of pixels a photo, and the sRGB curve and the cube root dominate.
struct Tables {
    /// sRGB channel (0–255) → linear light.
    linear: [f32; 256],
    /// [`lab_f`] over `0..=LAB_F_MAX` for linear interpolation (error below 1e-5 in L*); an
    /// array, so the lookups need no bounds checks.
    lab_f: Box<[f32; LAB_F_STEPS + 2]>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut linear = [0.0f32; 256];
    for (i, v) in linear.iter_mut().enumerate() {
        let c = i as f64 / 255.0;
        let lin = if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        };
        *v = lin as f32;
    }
    let mut table = Box::new([0.0f32; LAB_F_STEPS + 2]);
    for (i, v) in table.iter_mut().enumerate() {
        *v = lab_f(i as f32 * LAB_F_MAX / LAB_F_STEPS as f32);
    }
    Tables {
        linear,
        lab_f: table,
    }
});

impl Tables {
    #[inline]
    fn lab_f(&self, t: f32) -> f32 {
        let pos = t.clamp(0.0, LAB_F_MAX) * (LAB_F_STEPS as f32 / LAB_F_MAX);
        // `pos` is in 0..=LAB_F_STEPS: the signed conversion is one instruction, the unsigned
        // one a branchy sequence.
        let i = ((pos as i32) as usize).min(LAB_F_STEPS);
        let frac = pos - i as f32;
        let (lo, hi) = (self.lab_f[i], self.lab_f[i + 1]);
        lo + (hi - lo) * frac
    }

    #[inline]
    #[allow(clippy::many_single_char_names)] // colour maths: conventional names
    fn linear_to_lab(&self, r: f32, g: f32, b: f32) -> Lab {
        let x = 0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b;
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
        let z = 0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b;
        let (fx, fy, fz) = (
            self.lab_f(x / WHITE[0]),
            self.lab_f(y / WHITE[1]),
            self.lab_f(z / WHITE[2]),
        );
        Lab {
            l: 116.0 * fy - 16.0,
            a: 500.0 * (fx - fy),
            b: 200.0 * (fy - fz),
        }
    }
}

fn lab_f(t: f32) -> f32 {
    const EPS: f32 = 216.0 / 24389.0;
    const KAPPA: f32 = 24389.0 / 27.0;
    if t > EPS {
        t.cbrt()
    } else {
        (KAPPA * t + 16.0) / 116.0
    }
}

/// Median Lab of a set of samples (per channel).
pub fn median_lab(samples: &[Lab]) -> Option<Lab> {
    if samples.is_empty() {
        return None;
    }
    let mid = |f: fn(&Lab) -> f32| {
        let mut v: Vec<f32> = samples.iter().map(f).collect();
        let k = v.len() / 2;
        *v.select_nth_unstable_by(k, f32::total_cmp).1
    };
    Some(Lab::new(mid(|p| p.l), mid(|p| p.a), mid(|p| p.b)))
}

/// Mean Lab of `pixels` (indices into `lab`); `None` when there are none.
pub fn mean_lab(lab: &[Lab], pixels: impl Iterator<Item = usize>) -> Option<Lab> {
    let (mut acc, mut n) = ([0.0f32; 3], 0.0f32);
    for i in pixels {
        let p = lab[i];
        acc[0] += p.l;
        acc[1] += p.a;
        acc[2] += p.b;
        n += 1.0;
    }
    (n > 0.0).then(|| Lab::new(acc[0] / n, acc[1] / n, acc[2] / n))
}

/// sRGB (8 bit per channel) → Lab.
pub fn srgb_to_lab(rgb: [u8; 3]) -> Lab {
    let t = &*TABLES;
    t.linear_to_lab(
        t.linear[usize::from(rgb[0])],
        t.linear[usize::from(rgb[1])],
        t.linear[usize::from(rgb[2])],
    )
}

/// sRGB channel (0–255) → linear light (0–1), from the conversion's table.
pub fn srgb_to_linear(v: u8) -> f32 {
    TABLES.linear[usize::from(v)]
}

/// Linear-light RGB → Lab (D65).
pub fn linear_to_lab([r, g, b]: [f32; 3]) -> Lab {
    TABLES.linear_to_lab(r, g, b)
}

/// 2×2 block means of an sRGB image in linear light (`[R, G, B]`, 0–1), row-major over the
/// `width.div_ceil(2) × height.div_ceil(2)` grid; odd last rows and columns repeat their edge.
pub fn half_resolution_linear(raw: &[u8], width: u32, height: u32) -> Vec<[f32; 3]> {
    let t = &*TABLES;
    let (w, h) = (width as usize, height as usize);
    let (hw, hh) = (w.div_ceil(2), h.div_ceil(2));
    let stride = w * 3;
    let mut out = Vec::with_capacity(hw * hh);
    if raw.len() < stride * h {
        return out;
    }
    for hy in 0..hh {
        let top = &raw[hy * 2 * stride..][..stride];
        let bottom = &raw[(hy * 2 + 1).min(h - 1) * stride..][..stride];
        for hx in 0..hw {
            let x0 = hx * 2 * 3;
            let x1 = (hx * 2 + 1).min(w - 1) * 3;
            let mut acc = [0.0f32; 3];
            for (c, v) in acc.iter_mut().enumerate() {
                *v = (t.linear[usize::from(top[x0 + c])]
                    + t.linear[usize::from(top[x1 + c])]
                    + t.linear[usize::from(bottom[x0 + c])]
                    + t.linear[usize::from(bottom[x1 + c])])
                    / 4.0;
            }
            out.push(acc);
        }
    }
    out
}

/// 2×2 block means of an sRGB image (8 bit, `width × height`, rows of `3 × width` bytes), in
/// linear light, converted to Lab: the working copy of the background and clothing checks.
/// Odd last rows and columns repeat their edge.
pub fn half_resolution_lab(raw: &[u8], width: u32, height: u32) -> Vec<Lab> {
    half_resolution_linear(raw, width, height)
        .into_iter()
        .map(linear_to_lab)
        .collect()
}

/// CIEDE2000 colour difference `ΔE00` (Sharma et al. 2005, equations 1–22).
pub fn delta_e2000(lab1: Lab, lab2: Lab) -> f64 {
    let (l1, a1, b1) = (f64::from(lab1.l), f64::from(lab1.a), f64::from(lab1.b));
    let (l2, a2, b2) = (f64::from(lab2.l), f64::from(lab2.a), f64::from(lab2.b));
    delta_e2000_f64([l1, a1, b1], [l2, a2, b2])
}

/// [`delta_e2000`] on `f64` triples `[L, a, b]`.
pub fn delta_e2000_f64(lab1: [f64; 3], lab2: [f64; 3]) -> f64 {
    delta_e2000_kl(lab1, lab2, 1.0)
}

/// CIEDE2000 with the lightness parametric factor `k_L` (Sharma et al. 2005, eq. 22; CIE
/// 142-2001): `k_L = 2` is the weighting CIE and the textile industry use where lightness
/// differences matter half as much as hue and chroma, e.g. the gentle light fall-off across a
/// studio backdrop, which the eye discounts as illumination.
pub fn delta_e2000_kl([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3], k_l: f64) -> f64 {
    const POW25_7: f64 = 6_103_515_625.0; // 25^7
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let c_mean = f64::midpoint(c1, c2);
    let c7 = c_mean.powi(7);
    let g = 0.5 * (1.0 - (c7 / (c7 + POW25_7)).sqrt());
    let a1p = (1.0 + g) * a1;
    let a2p = (1.0 + g) * a2;
    let c1p = a1p.hypot(b1);
    let c2p = a2p.hypot(b2);
    let hue = |b: f64, ap: f64| {
        if b == 0.0 && ap == 0.0 {
            0.0
        } else {
            let h = b.atan2(ap).to_degrees();
            if h < 0.0 { h + 360.0 } else { h }
        }
    };
    let h1p = hue(b1, a1p);
    let h2p = hue(b2, a2p);

    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh_angle = if c1p * c2p == 0.0 {
        0.0
    } else {
        let d = h2p - h1p;
        if d > 180.0 {
            d - 360.0
        } else if d < -180.0 {
            d + 360.0
        } else {
            d
        }
    };
    let dh = 2.0 * (c1p * c2p).sqrt() * (dh_angle.to_radians() / 2.0).sin();

    let l_mean = f64::midpoint(l1, l2);
    let chroma_mean_p = f64::midpoint(c1p, c2p);
    let h_mean = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        f64::midpoint(h1p, h2p)
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (h_mean - 30.0).to_radians().cos()
        + 0.24 * (2.0 * h_mean).to_radians().cos()
        + 0.32 * (3.0 * h_mean + 6.0).to_radians().cos()
        - 0.20 * (4.0 * h_mean - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
    let cp7 = chroma_mean_p.powi(7);
    let rc = 2.0 * (cp7 / (cp7 + POW25_7)).sqrt();
    let l50 = (l_mean - 50.0).powi(2);
    let sl = 1.0 + 0.015 * l50 / (20.0 + l50).sqrt();
    let sc = 1.0 + 0.045 * chroma_mean_p;
    let sh = 1.0 + 0.015 * chroma_mean_p * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    let (tl, tc, th) = (dl / (k_l * sl), dc / sc, dh / sh);
    (tl * tl + tc * tc + th * th + rt * tc * th).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sharma, Wu & Dalal (2005), Table 1: `[L1, a1, b1], [L2, a2, b2], ΔE00`.
    const SHARMA: [([f64; 3], [f64; 3], f64); 34] = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615),
        ([50.0, 2.8361, -74.0200], [50.0, 0.0, -82.7485], 3.4412),
        ([50.0, -1.3802, -84.2814], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, -1.1848, -84.8006], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, -0.9009, -85.5211], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, -1.0, 2.0], [50.0, 0.0, 0.0], 2.3669),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0009], 7.1792),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0010], 7.1792),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0011], 7.2195),
        ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0012], 7.2195),
        ([50.0, -0.001, 2.49], [50.0, 0.0009, -2.49], 4.8045),
        ([50.0, -0.001, 2.49], [50.0, 0.0010, -2.49], 4.8045),
        ([50.0, -0.001, 2.49], [50.0, 0.0011, -2.49], 4.7461),
        ([50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977),
        ([50.0, 2.5, 0.0], [56.0, -27.0, -3.0], 31.9030),
        ([50.0, 2.5, 0.0], [58.0, 24.0, 15.0], 19.4535),
        ([50.0, 2.5, 0.0], [50.0, 3.1736, 0.5854], 1.0000),
        ([50.0, 2.5, 0.0], [50.0, 3.2972, 0.0], 1.0000),
        ([50.0, 2.5, 0.0], [50.0, 1.8634, 0.5757], 1.0000),
        ([50.0, 2.5, 0.0], [50.0, 3.2592, 0.3350], 1.0000),
        (
            [60.2574, -34.0099, 36.2677],
            [60.4626, -34.1751, 39.4387],
            1.2644,
        ),
        (
            [63.0109, -31.0961, -5.8663],
            [62.8187, -29.7946, -4.0864],
            1.2630,
        ),
        (
            [61.2901, 3.7196, -5.3901],
            [61.4292, 2.2480, -4.9620],
            1.8731,
        ),
        (
            [35.0831, -44.1164, 3.7933],
            [35.0232, -40.0716, 1.5901],
            1.8645,
        ),
        (
            [22.7233, 20.0904, -46.6940],
            [23.0331, 14.9730, -42.5619],
            2.0373,
        ),
        (
            [36.4612, 47.8580, 18.3852],
            [36.2715, 50.5065, 21.2231],
            1.4146,
        ),
        (
            [90.8027, -2.0831, 1.4410],
            [91.1528, -1.6435, 0.0447],
            1.4441,
        ),
        (
            [90.9257, -0.5406, -0.9208],
            [88.6381, -0.8985, -0.7239],
            1.5381,
        ),
        (
            [6.7747, -0.2908, -2.4247],
            [5.8714, -0.0985, -2.2286],
            0.6377,
        ),
        (
            [2.0776, 0.0795, -1.1350],
            [0.9033, -0.0636, -0.5514],
            0.9082,
        ),
    ];

    #[test]
    fn ciede2000_matches_sharma_test_data() {
        for (i, (p, q, want)) in SHARMA.iter().enumerate() {
            let got = delta_e2000_f64(*p, *q);
            assert!((got - want).abs() < 1e-4, "pair {}: {got} vs {want}", i + 1);
            let back = delta_e2000_f64(*q, *p);
            assert!((got - back).abs() < 1e-9, "pair {} asymmetric", i + 1);
        }
        assert!(delta_e2000(Lab::new(50.0, 10.0, -20.0), Lab::new(50.0, 10.0, -20.0)) == 0.0);
    }

    #[test]
    fn half_resolution_averages_blocks_in_linear_light() {
        // 3×3: the odd last row and column repeat the edge. Top-left block: two black, two
        // white pixels, i.e. linear 0.5 grey (L* 76.07), not sRGB 128 (L* 53.6).
        let mut raw = vec![0u8; 3 * 3 * 3];
        for (i, px) in raw.chunks_exact_mut(3).enumerate() {
            let (x, y) = (i % 3, i / 3);
            let v = if (x + y) % 2 == 0 { 255 } else { 0 };
            px.copy_from_slice(&[v, v, v]);
        }
        let lab = half_resolution_lab(&raw, 3, 3);
        assert_eq!(lab.len(), 4);
        assert!((lab[0].l - 76.07).abs() < 0.05, "{:?}", lab[0]);
        assert!(lab[0].a.abs() < 0.05 && lab[0].b.abs() < 0.05);
        // Bottom-right: pixel (2, 2) alone, white.
        assert!((lab[3].l - 100.0).abs() < 0.05, "{:?}", lab[3]);
        // A buffer too short for its size gives nothing rather than a panic.
        assert!(half_resolution_lab(&raw[..10], 3, 3).is_empty());
    }

    #[test]
    fn srgb_to_lab_matches_reference_values() {
        let close = |rgb: [u8; 3], want: [f32; 3]| {
            let lab = srgb_to_lab(rgb);
            let got = [lab.l, lab.a, lab.b];
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 0.05, "{rgb:?}: {got:?} vs {want:?}");
            }
        };
        close([0, 0, 0], [0.0, 0.0, 0.0]);
        close([255, 255, 255], [100.0, 0.0, 0.0]);
        close([255, 0, 0], [53.24, 80.09, 67.20]);
        close([0, 255, 0], [87.73, -86.18, 83.18]);
        close([0, 0, 255], [32.30, 79.19, -107.86]);
        for v in [0x40, 0x80, 0xc0] {
            let g = srgb_to_lab([v, v, v]);
            assert!(g.a.abs() < 0.01 && g.b.abs() < 0.01, "{g:?}");
        }
        let blue = srgb_to_lab([100, 197, 255]);
        assert!((blue.hue_deg() - 250.0).abs() < 15.0, "{blue:?}");
    }
}
