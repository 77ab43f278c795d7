//! Draws the checks' overlays over the photo, in image coordinates mapped to the screen.

use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::theme;
use crate::checks::result::{Overlay, Report, Verdict};
use crate::domain::lang::Lang;

/// Image-to-screen mapping of the photo on screen.
#[derive(Debug, Clone, Copy)]
pub struct ImageTransform {
    /// Screen rectangle of the whole image.
    pub rect: Rect,
    /// Screen points per image pixel.
    pub scale: f32,
}

impl ImageTransform {
    pub fn to_screen(self, x: f32, y: f32) -> Pos2 {
        self.rect.min + vec2(x, y) * self.scale
    }

    /// The image pixel under a screen point.
    pub fn to_image(self, p: Pos2) -> Pos2 {
        ((p - self.rect.min) / self.scale).to_pos2()
    }
}

/// Draws the overlays of every check, or only of `highlight` when one is picked; guide labels
/// in `lang`.
pub fn paint(
    painter: &egui::Painter,
    t: ImageTransform,
    report: &Report,
    highlight: Option<&str>,
    lang: Lang,
) {
    for check in &report.checks {
        if highlight.is_some_and(|h| h != check.id) {
            continue;
        }
        // Passing checks stay quiet unless picked: the eye goes to what failed.
        let quiet = highlight.is_none() && check.verdict == Verdict::Pass;
        for overlay in &check.overlays {
            // A passing mask (e.g. the whole background) would only hide the photo.
            if quiet && matches!(overlay, Overlay::Mask { .. }) {
                continue;
            }
            paint_one(painter, t, overlay, quiet, lang);
        }
    }
}

fn stroke(v: Verdict, quiet: bool) -> Stroke {
    let c = theme::verdict(v);
    Stroke::new(
        if quiet { 1.0 } else { 2.0 },
        if quiet { c.gamma_multiply(0.5) } else { c },
    )
}

fn paint_one(
    painter: &egui::Painter,
    t: ImageTransform,
    overlay: &Overlay,
    quiet: bool,
    lang: Lang,
) {
    match overlay {
        Overlay::Rect {
            x,
            y,
            w,
            h,
            verdict,
        } => {
            let r = Rect::from_min_max(t.to_screen(*x, *y), t.to_screen(x + w, y + h));
            painter.rect_stroke(r, 0.0, stroke(*verdict, quiet), egui::StrokeKind::Middle);
        }
        Overlay::Line {
            x1,
            y1,
            x2,
            y2,
            verdict,
        } => {
            painter.line_segment(
                [t.to_screen(*x1, *y1), t.to_screen(*x2, *y2)],
                stroke(*verdict, quiet),
            );
        }
        Overlay::Point { x, y, verdict } => {
            painter.circle_filled(t.to_screen(*x, *y), 2.5, theme::verdict(*verdict));
        }
        Overlay::Polygon { points, verdict } => {
            let pts: Vec<Pos2> = points.iter().map(|[x, y]| t.to_screen(*x, *y)).collect();
            painter.add(Shape::closed_line(pts, stroke(*verdict, quiet)));
        }
        Overlay::HBand { y0, y1, label } => {
            let r = Rect::from_x_y_ranges(
                t.rect.x_range(),
                t.to_screen(0.0, *y0).y..=t.to_screen(0.0, *y1).y,
            );
            painter.rect_filled(r, 0.0, theme::GUIDE_BAND);
            dashed(painter, r.left_top(), r.right_top());
            dashed(painter, r.left_bottom(), r.right_bottom());
            guide_label(painter, r.left_top(), label.label(lang));
        }
        Overlay::HLine { y, label } => {
            let y = t.to_screen(0.0, *y).y;
            dashed(painter, pos2(t.rect.left(), y), pos2(t.rect.right(), y));
            guide_label(painter, pos2(t.rect.left(), y), label.label(lang));
        }
        Overlay::VLine { x, label } => {
            let x = t.to_screen(*x, 0.0).x;
            dashed(painter, pos2(x, t.rect.top()), pos2(x, t.rect.bottom()));
            guide_label(painter, pos2(x, t.rect.top()), label.label(lang));
        }
        Overlay::Mask {
            x,
            y,
            width,
            cell,
            runs,
            verdict,
            ..
        } => {
            // Runs count cells of `cell` × `cell` image pixels (1 for a pixel mask).
            let colour = theme::verdict(*verdict).gamma_multiply(0.35);
            let size = (*cell).max(1) as f32;
            for (row, x0, x1) in mask_segments(*width, runs) {
                let top = *y as f32 + row as f32 * size;
                let left = *x as f32 + x0 as f32 * size;
                let right = *x as f32 + x1 as f32 * size;
                // Rows overlap by a hair so a magnified mask has no stripes between them.
                let r = Rect::from_min_max(
                    t.to_screen(left, top),
                    t.to_screen(right, top + size) + vec2(0.0, 0.6),
                );
                painter.rect_filled(r, 0.0, colour);
            }
        }
    }
}

fn dashed(painter: &egui::Painter, a: Pos2, b: Pos2) {
    painter.extend(Shape::dashed_line(
        &[a, b],
        Stroke::new(1.0, theme::GUIDE_LINE),
        6.0,
        4.0,
    ));
}

fn guide_label(painter: &egui::Painter, at: Pos2, label: &str) {
    if label.is_empty() {
        return;
    }
    painter.text(
        at + vec2(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        label,
        egui::FontId::proportional(11.0),
        Color32::WHITE,
    );
}

/// Set pixels of a run-length encoded mask as `(row, x_start, x_end)` segments, each within
/// one row (runs alternate unset/set and may wrap across rows).
pub fn mask_segments(width: u32, runs: &[u32]) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    let mut pos: u64 = 0;
    for (i, &len) in runs.iter().enumerate() {
        let (start, end) = (pos, pos + u64::from(len));
        pos = end;
        if i % 2 == 0 || len == 0 {
            continue;
        }
        let mut p = start;
        while p < end {
            let row = p / u64::from(width);
            let row_end = ((row + 1) * u64::from(width)).min(end);
            let x0 = p % u64::from(width);
            let x1 = x0 + (row_end - p);
            if let (Ok(r), Ok(a), Ok(b)) =
                (u32::try_from(row), u32::try_from(x0), u32::try_from(x1))
            {
                out.push((r, a, b));
            }
            p = row_end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_runs_split_at_row_ends() {
        // 4 wide: row 0 = ..## , row 1 = #...  → one run of 3 set pixels wrapping a row end.
        let set = [false, false, true, true, true, false, false, false];
        let Some(Overlay::Mask { runs, .. }) = Overlay::mask(0, 0, 4, 2, &set, Verdict::Fail)
        else {
            panic!("mask")
        };
        assert_eq!(mask_segments(4, &runs), vec![(0, 2, 4), (1, 0, 1)]);
    }

    /// The labels of the guide lines and bands a check stores as ids, in the shapes drawn.
    fn guide_labels_drawn(lang: Lang) -> Vec<String> {
        use crate::checks::result::{CheckResult, Guide};
        use crate::i18n::Msg;
        let check = CheckResult::new("face.position", Verdict::Warn, "", Msg::plain("x"))
            .with_overlay(Overlay::HBand {
                y0: 50.0,
                y1: 110.0,
                label: Guide::HeadTop,
            })
            .with_overlay(Overlay::HLine {
                y: 80.0,
                label: Guide::HeadTopEstimated,
            })
            .with_overlay(Overlay::VLine {
                x: 240.0,
                label: Guide::Centre,
            });
        let report = Report {
            width: Some(480),
            height: Some(640),
            checks: vec![check],
        };
        let t = ImageTransform {
            rect: Rect::from_min_size(pos2(0.0, 0.0), vec2(480.0, 640.0)),
            scale: 1.0,
        };
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            paint(ui.painter(), t, &report, None, lang);
        });
        // The font atlas upload a renderer would apply.
        output.textures_delta.clear();
        output
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                Shape::Text(text) => Some(text.galley.text().to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn guide_labels_are_drawn_in_the_reviewers_language() {
        assert_eq!(
            guide_labels_drawn(Lang::Zh),
            ["头顶", "头顶（估计）", "中线"]
        );
        assert_eq!(
            guide_labels_drawn(Lang::En),
            ["head top", "head top (estimated)", "centre"]
        );
    }

    #[test]
    fn transform_round_trips() {
        let t = ImageTransform {
            rect: Rect::from_min_size(pos2(10.0, 20.0), vec2(240.0, 320.0)),
            scale: 0.5,
        };
        let p = t.to_screen(100.0, 200.0);
        assert_eq!(p, pos2(60.0, 120.0));
        assert_eq!(t.to_image(p), pos2(100.0, 200.0));
    }
}
