//! `YuNet`-n face detection: input preparation and output decoding
//! as in the reference decoder (`OpenCV` `FaceDetectorYN`).
//!
//! The photo is scaled to fit a fixed 192×192 input and padded with black, so the plan is
//! optimised once for one shape. A 480×640 ID photo becomes 144×192 (scale 0.3): its face is
//! ~70 px wide there, well inside `YuNet`'s accurate range (it finds faces down to ~15 px, i.e.
//! ~50 px in the photo, so other people in the background are still found). The mesh, not
//! `YuNet`, gives the precise measurements.
//!
//! The input is square on purpose: `tract` walks each convolution zone along its longest
//! axis, and on a portrait input that is the height, whose stride is not 1, so its depthwise
//! convolutions fall back to a scalar loop. A square input keeps the vectorised row kernel:
//! 192×192 runs twice as fast as the 192×256 portrait input it replaced (15.6 → 7.5 ms).

use image::RgbImage;

use crate::checks::geometry::{BoxPx, Detection, Point};

/// Model input width, pixels (a multiple of 32; equal to the height, see the module docs).
pub const INPUT_W: u32 = 192;
/// Model input height, pixels (a multiple of 32).
pub const INPUT_H: u32 = 192;
/// The feature-map strides of `YuNet`'s three heads.
pub const STRIDES: [u32; 3] = [8, 16, 32];
/// Minimum detection score √(cls·obj), as in the reference decoder.
const SCORE_MIN: f32 = 0.6;
/// Non-maximum suppression: overlapping boxes above this `IoU` are the same face.
const NMS_IOU: f32 = 0.3;

/// The model input for one photo: planar BGR 0–255 floats, `3 × INPUT_H × INPUT_W`.
pub struct Prepared {
    pub data: Vec<f32>,
    /// Model pixels per photo pixel.
    pub scale: f32,
}

/// Scales `rgb` to fit the model input (aspect kept, top-left aligned) and pads with black.
#[allow(clippy::many_single_char_names, clippy::similar_names)] // pixel maths: x, y, w, h, r, c…
pub fn prepare(rgb: &RgbImage) -> Prepared {
    let (w, h) = rgb.dimensions();
    if w == 0 || h == 0 {
        return Prepared {
            data: vec![0.0; 3 * (INPUT_W * INPUT_H) as usize],
            scale: 1.0,
        };
    }
    let scale = (INPUT_W as f32 / w as f32).min(INPUT_H as f32 / h as f32);
    let nw = ((w as f32 * scale).round() as u32).clamp(1, INPUT_W);
    let nh = ((h as f32 * scale).round() as u32).clamp(1, INPUT_H);
    let plane = (INPUT_W * INPUT_H) as usize;
    let mut data = vec![0.0f32; 3 * plane];
    // Area-average downscale: each input pixel adds to the model pixel its centre falls in
    // (a box filter; several times faster than a separable triangle filter, and as good for
    // a detector). Upscaling degenerates to nearest neighbour.
    let col_of: Vec<usize> = (0..w)
        .map(|x| (((x as f32 + 0.5) * scale) as usize).min(nw as usize - 1))
        .collect();
    let mut col_counts = vec![0u32; nw as usize];
    for &c in &col_of {
        col_counts[c] += 1;
    }
    // `col_of` never decreases, so each model column is one run of photo columns: summed in
    // registers, then added once (adding pixel by pixel into the column's sum stalls on the
    // previous pixel's store).
    let mut spans = Vec::with_capacity(nw as usize);
    let mut start = 0usize;
    for (c, &n) in col_counts.iter().enumerate() {
        let end = start + n as usize;
        if n > 0 {
            spans.push((c, 3 * start, 3 * end));
        }
        start = end;
    }
    // Integer sums of the model row being filled; photo rows map to model rows in order.
    let mut sums = vec![[0u32; 3]; nw as usize];
    let mut flush = |r: usize, rows: u32, sums: &mut [[u32; 3]]| {
        let base = r * INPUT_W as usize;
        for (c, (sum, &cols)) in sums.iter_mut().zip(&col_counts).enumerate() {
            let n = cols * rows;
            if n > 0 {
                let k = 1.0 / n as f32;
                // BGR order.
                data[base + c] = sum[2] as f32 * k;
                data[plane + base + c] = sum[1] as f32 * k;
                data[2 * plane + base + c] = sum[0] as f32 * k;
            }
            *sum = [0; 3];
        }
    };
    let (mut current, mut rows) = (0usize, 0u32);
    for (y, row) in rgb.as_raw().chunks_exact(3 * w as usize).enumerate() {
        let r = (((y as f32 + 0.5) * scale) as usize).min(nh as usize - 1);
        if r != current {
            flush(current, rows, &mut sums);
            (current, rows) = (r, 0);
        }
        rows += 1;
        for &(c, a, b) in &spans {
            let mut acc = [0u32; 3];
            for px in row[a..b].chunks_exact(3) {
                acc[0] += u32::from(px[0]);
                acc[1] += u32::from(px[1]);
                acc[2] += u32::from(px[2]);
            }
            let sum = &mut sums[c];
            sum[0] += acc[0];
            sum[1] += acc[1];
            sum[2] += acc[2];
        }
    }
    flush(current, rows, &mut sums);
    if scale > 1.0 {
        fill_upscaled(rgb, scale, (nw, nh), &mut data);
    }
    Prepared { data, scale }
}

/// Nearest-neighbour fill of every model pixel when the photo is smaller than the input.
#[allow(clippy::many_single_char_names, clippy::similar_names)] // pixel maths: x, y, w, h, r, c…
fn fill_upscaled(rgb: &RgbImage, scale: f32, (nw, nh): (u32, u32), data: &mut [f32]) {
    let plane = (INPUT_W * INPUT_H) as usize;
    let (w, h) = rgb.dimensions();
    for r in 0..nh {
        let y = ((r as f32 / scale) as u32).min(h - 1);
        for c in 0..nw {
            let x = ((c as f32 / scale) as u32).min(w - 1);
            let px = rgb.get_pixel(x, y);
            let i = (r * INPUT_W + c) as usize;
            data[i] = f32::from(px[2]);
            data[plane + i] = f32::from(px[1]);
            data[2 * plane + i] = f32::from(px[0]);
        }
    }
}

/// Decodes `YuNet`'s outputs (`indices[k]` = positions of `cls, obj, bbox, kps` for
/// `STRIDES[k]`) into detections in photo pixels, best first, after NMS.
#[allow(clippy::many_single_char_names, clippy::similar_names)] // pixel maths: x, y, w, h, r, c…
pub fn decode(outputs: &[Vec<f32>], indices: &[[usize; 4]; 3], scale: f32) -> Vec<Detection> {
    let mut found = Vec::new();
    for (&stride, idx) in STRIDES.iter().zip(indices) {
        let [Some(cls), Some(obj), Some(bbox), Some(kps)] = idx.map(|i| outputs.get(i)) else {
            continue;
        };
        let cols = (INPUT_W / stride) as usize;
        let cells = cols * (INPUT_H / stride) as usize;
        if cls.len() < cells || obj.len() < cells || bbox.len() < 4 * cells {
            continue;
        }
        if kps.len() < 10 * cells {
            continue;
        }
        let s = stride as f32;
        for i in 0..cells {
            let score = (cls[i].clamp(0.0, 1.0) * obj[i].clamp(0.0, 1.0)).sqrt();
            if score <= SCORE_MIN {
                continue;
            }
            let (r, c) = ((i / cols) as f32, (i % cols) as f32);
            let b = &bbox[4 * i..4 * i + 4];
            let (cx, cy) = ((c + b[0]) * s, (r + b[1]) * s);
            let (bw, bh) = (b[2].exp() * s, b[3].exp() * s);
            let k = &kps[10 * i..10 * i + 10];
            let point = |j: usize| Point {
                x: (k[2 * j] + c) * s / scale,
                y: (k[2 * j + 1] + r) * s / scale,
            };
            found.push(Detection {
                face: BoxPx {
                    x: (cx - bw / 2.0) / scale,
                    y: (cy - bh / 2.0) / scale,
                    w: bw / scale,
                    h: bh / scale,
                },
                score,
                eye_image_left: point(0),
                eye_image_right: point(1),
                nose: point(2),
                mouth_image_left: point(3),
                mouth_image_right: point(4),
            });
        }
    }
    nms(found)
}

/// Intersection over union of two boxes.
pub fn iou(a: &BoxPx, b: &BoxPx) -> f32 {
    let ix = ((a.x + a.w).min(b.x + b.w) - a.x.max(b.x)).max(0.0);
    let iy = ((a.y + a.h).min(b.y + b.h) - a.y.max(b.y)).max(0.0);
    let inter = ix * iy;
    let union = a.w * a.h + b.w * b.h - inter;
    if union > 0.0 { inter / union } else { 0.0 }
}

/// Greedy non-maximum suppression, best score first.
fn nms(mut found: Vec<Detection>) -> Vec<Detection> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Detection> = Vec::new();
    for d in found {
        if kept.iter().all(|k| iou(&k.face, &d.face) <= NMS_IOU) {
            kept.push(d);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(x: f32, score: f32) -> Detection {
        let p = Point::default();
        Detection {
            face: BoxPx {
                x,
                y: 0.0,
                w: 10.0,
                h: 10.0,
            },
            score,
            eye_image_left: p,
            eye_image_right: p,
            nose: p,
            mouth_image_left: p,
            mouth_image_right: p,
        }
    }

    #[test]
    fn nms_keeps_the_best_of_overlapping_boxes() {
        let kept = nms(vec![det(0.0, 0.7), det(1.0, 0.9), det(30.0, 0.8)]);
        let xs: Vec<f32> = kept.iter().map(|d| d.face.x).collect();
        assert_eq!(xs, vec![1.0, 30.0]);
        assert!((iou(&det(0.0, 1.0).face, &det(5.0, 1.0).face) - 50.0 / 150.0).abs() < 1e-6);
    }

    #[test]
    fn photos_fit_the_input_in_bgr_and_the_rest_is_black() {
        let plane = (INPUT_W * INPUT_H) as usize;
        let near = |v: f32, want: f32| (v - want).abs() < 1e-3;
        let p = prepare(&RgbImage::from_pixel(480, 640, image::Rgb([10, 20, 30])));
        assert!(near(p.scale, 0.3));
        assert_eq!(p.data.len(), 3 * plane);
        assert!(near(p.data[0], 30.0) && near(p.data[plane], 20.0));
        assert!(near(p.data[2 * plane], 10.0));
        // A portrait photo fills 144 of the 192 columns; the rest is black.
        let row =
            |p: &Prepared, r: usize| p.data[r * INPUT_W as usize..][..INPUT_W as usize].to_vec();
        for r in [0, 100, 191] {
            let row = row(&p, r);
            assert!(row[..144].iter().all(|v| near(*v, 30.0)), "row {r}");
            assert!(row[144..].iter().all(|v| near(*v, 0.0)), "row {r}");
        }
        // A landscape photo leaves black rows below; a tiny one is upscaled.
        let p = prepare(&RgbImage::from_pixel(640, 480, image::Rgb([10, 20, 30])));
        assert!(near(p.scale, 0.3));
        assert!(near(p.data[(150 * INPUT_W) as usize], 0.0));
        assert!(near(p.data[(100 * INPUT_W) as usize], 30.0));
        let p = prepare(&RgbImage::from_pixel(12, 16, image::Rgb([10, 20, 30])));
        assert!(near(p.scale, 12.0));
        assert!(row(&p, 50)[..144].iter().all(|v| near(*v, 30.0)));
        assert!(prepare(&RgbImage::new(0, 5)).data.iter().all(|v| *v == 0.0));
    }

    #[test]
    fn each_model_pixel_is_the_mean_of_the_photo_pixels_whose_centres_fall_in_it() {
        // Portrait, landscape and odd sizes, on a pattern with no two neighbours alike.
        for (w, h) in [(480u32, 640u32), (641, 479), (331, 517)] {
            let rgb = RgbImage::from_fn(w, h, |x, y| {
                let v = x.wrapping_mul(31) ^ y.wrapping_mul(17);
                image::Rgb([(v % 251) as u8, (v % 127) as u8 * 2, (x + y) as u8])
            });
            let p = prepare(&rgb);
            let plane = (INPUT_W * INPUT_H) as usize;
            // The photo's size in the input, and the cell of a photo column or row in it.
            let fit =
                |v: u32, max: u32| ((v as f32 * p.scale).round() as usize).clamp(1, max as usize);
            let (nw, nh) = (fit(w, INPUT_W), fit(h, INPUT_H));
            let cell = |v: u32, n: usize| (((v as f32 + 0.5) * p.scale) as usize).min(n - 1);
            let mut sums = vec![[0u64; 4]; nw * nh];
            for (x, y, px) in rgb.enumerate_pixels() {
                let s = &mut sums[cell(y, nh) * nw + cell(x, nw)];
                for c in 0..3 {
                    s[c] += u64::from(px[c]);
                }
                s[3] += 1;
            }
            for (i, s) in sums.iter().enumerate() {
                let at = (i / nw) * INPUT_W as usize + i % nw;
                for c in 0..3 {
                    let want = s[c] as f32 * (1.0 / s[3] as f32);
                    // BGR: the photo's red is the model's last plane.
                    let got = p.data[(2 - c) * plane + at];
                    assert_eq!(
                        got.to_bits(),
                        want.to_bits(),
                        "{w}×{h} cell {i} channel {c}"
                    );
                }
            }
        }
    }

    #[test]
    fn decoding_maps_cells_back_to_photo_pixels() {
        let cells = |s: u32| ((INPUT_W / s) * (INPUT_H / s)) as usize;
        let mut outputs = Vec::new();
        for s in STRIDES {
            let n = cells(s);
            outputs.push(vec![0.0; n]);
            outputs.push(vec![0.0; n]);
            outputs.push(vec![0.0; 4 * n]);
            outputs.push(vec![0.0; 10 * n]);
        }
        // Stride 32 (outputs 8..12): cell row 2, col 3 (6 columns), box 64×64 at offset 0.5.
        let i = 2 * 6 + 3;
        outputs[8][i] = 0.9;
        outputs[9][i] = 0.9;
        outputs[10][4 * i..4 * i + 4].copy_from_slice(&[0.5, 0.5, 2f32.ln(), 2f32.ln()]);
        let idx = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]];
        let d = decode(&outputs, &idx, 0.5);
        assert_eq!(d.len(), 1);
        let f = d[0].face;
        // Centre (3.5·32, 2.5·32) = (112, 80) model px = (224, 160) photo px; size 128.
        assert!(
            (f.x - 160.0).abs() < 1e-3 && (f.y - 96.0).abs() < 1e-3,
            "{f:?}"
        );
        assert!((f.w - 128.0).abs() < 1e-3 && (d[0].score - 0.9).abs() < 1e-6);
        assert!((d[0].nose.x - 192.0).abs() < 1e-3);
    }
}
