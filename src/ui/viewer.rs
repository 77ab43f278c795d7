//! The photo viewer: fit or 100 %, zoom to the cursor with the wheel, pan by dragging,
//! double-click to switch fit/100 %, the checks' overlays and guide bands, a histogram and a
//! loupe. Zoom and pan are kept from photo to photo, and shared by the compare view.

use egui::{Rect, Sense, Vec2, pos2, vec2};

use super::histogram::Histogram;
use super::overlay_paint::{self, ImageTransform};
use super::theme;
use crate::checks::result::Report;
use crate::domain::lang::Lang;

const MIN_SCALE: f32 = 0.1;
const MAX_SCALE: f32 = 16.0;

/// How the photo is scaled.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Zoom {
    Fit,
    /// Screen points per image pixel.
    Scale(f32),
}

/// Viewer settings the reviewer controls; remembered between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[allow(clippy::struct_excessive_bools)] // Independent view toggles, each with its own key.
pub struct ViewerState {
    pub zoom: Zoom,
    /// Offset of the image centre from the view centre, in screen points.
    pub pan: Vec2,
    pub overlays: bool,
    pub histogram: bool,
    pub loupe: bool,
    pub compare: bool,
    /// The check whose overlays are shown alone (clicked in the check list).
    #[serde(skip)]
    pub highlight: Option<&'static str>,
}

impl Default for ViewerState {
    fn default() -> Self {
        Self {
            zoom: Zoom::Fit,
            pan: Vec2::ZERO,
            overlays: true,
            histogram: false,
            loupe: false,
            compare: true,
            highlight: None,
        }
    }
}

impl ViewerState {
    /// Fit ↔ 100 %.
    pub fn toggle_zoom(&mut self) {
        self.zoom = match self.zoom {
            Zoom::Fit => Zoom::Scale(1.0),
            Zoom::Scale(_) => Zoom::Fit,
        };
        self.pan = Vec2::ZERO;
    }

    /// Where the image of `size` pixels lands in `view`.
    pub fn transform(&self, view: Rect, size: Vec2) -> ImageTransform {
        let fit = (view.width() / size.x)
            .min(view.height() / size.y)
            .max(MIN_SCALE);
        let (scale, pan) = match self.zoom {
            Zoom::Fit => (fit, Vec2::ZERO),
            Zoom::Scale(s) => (s, self.pan),
        };
        let rect = Rect::from_center_size(view.center() + pan, size * scale);
        ImageTransform { rect, scale }
    }

    /// Zooms by `factor` keeping the image point under `cursor` where it is.
    pub fn zoom_at(&mut self, view: Rect, size: Vec2, cursor: egui::Pos2, factor: f32) {
        let t = self.transform(view, size);
        let scale = (t.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let under = t.to_image(cursor);
        let min = cursor - under.to_vec2() * scale;
        let centre = min + size * scale / 2.0;
        self.zoom = Zoom::Scale(scale);
        self.pan = centre - view.center();
    }

    fn drag(&mut self, view: Rect, size: Vec2, delta: Vec2) {
        if let Zoom::Fit = self.zoom {
            self.zoom = Zoom::Scale(self.transform(view, size).scale);
            self.pan = Vec2::ZERO;
        }
        self.pan += delta;
    }
}

/// One photo to draw.
pub struct PhotoView<'a> {
    pub texture: &'a egui::TextureHandle,
    pub report: Option<&'a Report>,
    pub histogram: Option<&'a Histogram>,
    /// The language of the guides' labels.
    pub lang: Lang,
}

/// Draws `photo` into the whole of `ui`'s available space and handles zoom, pan and loupe.
pub fn photo_ui(ui: &mut egui::Ui, state: &mut ViewerState, photo: &PhotoView<'_>) {
    let view = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(view, Sense::click_and_drag());
    let size = photo.texture.size_vec2();
    if response.double_clicked() {
        state.toggle_zoom();
    }
    if response.dragged() {
        state.drag(view, size, response.drag_delta());
    }
    if let Some(cursor) = response.hover_pos() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            state.zoom_at(view, size, cursor, (scroll * 0.002).exp());
        }
    }
    let t = state.transform(view, size);
    let painter = ui.painter_at(view);
    painter.rect_filled(view, 0.0, theme::PHOTO_BACKDROP);
    let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
    painter.image(photo.texture.id(), t.rect, uv, egui::Color32::WHITE);
    if state.overlays
        && let Some(report) = photo.report
    {
        overlay_paint::paint(&painter, t, report, state.highlight, photo.lang);
    }
    if state.histogram
        && let Some(h) = photo.histogram
    {
        let r = Rect::from_min_size(view.right_bottom() - vec2(228.0, 108.0), vec2(220.0, 100.0));
        h.paint(&painter, r);
    }
    if state.loupe
        && let Some(cursor) = response.hover_pos()
    {
        loupe(&painter, photo.texture, t, cursor);
    }
}

/// A magnified square of the photo around the cursor.
fn loupe(
    painter: &egui::Painter,
    texture: &egui::TextureHandle,
    t: ImageTransform,
    at: egui::Pos2,
) {
    let size = texture.size_vec2();
    let centre = t.to_image(at);
    // LOUPE_ZOOM times the current magnification: this many image pixels either side.
    let half_px = theme::LOUPE_SIZE / (2.0 * theme::LOUPE_ZOOM * t.scale.max(MIN_SCALE));
    let uv = Rect::from_min_max(
        pos2((centre.x - half_px) / size.x, (centre.y - half_px) / size.y),
        pos2((centre.x + half_px) / size.x, (centre.y + half_px) / size.y),
    );
    let screen = Rect::from_center_size(at, Vec2::splat(theme::LOUPE_SIZE));
    painter.rect_filled(screen, 0.0, theme::PHOTO_BACKDROP);
    painter.image(texture.id(), screen, uv, egui::Color32::WHITE);
    painter.rect_stroke(
        screen,
        0.0,
        egui::Stroke::new(1.5, theme::LOUPE_BORDER),
        egui::StrokeKind::Outside,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Rect {
        Rect::from_min_size(pos2(0.0, 0.0), vec2(600.0, 700.0))
    }

    const SIZE: Vec2 = vec2(480.0, 640.0);

    #[test]
    fn fit_uses_the_limiting_side_and_centres() {
        let t = ViewerState::default().transform(view(), SIZE);
        assert!((t.scale - 700.0 / 640.0).abs() < 1e-4);
        assert!((t.rect.center() - view().center()).length() < 1e-3);
    }

    #[test]
    fn wheel_zoom_keeps_the_pixel_under_the_cursor() {
        let mut s = ViewerState::default();
        let cursor = pos2(200.0, 150.0);
        let before = s.transform(view(), SIZE).to_image(cursor);
        s.zoom_at(view(), SIZE, cursor, 2.5);
        let after = s.transform(view(), SIZE).to_image(cursor);
        assert!((before - after).length() < 1e-2, "{before:?} vs {after:?}");
        assert!(matches!(s.zoom, Zoom::Scale(x) if x > 2.0));
    }

    #[test]
    fn dragging_from_fit_pans_without_jumping() {
        let mut s = ViewerState::default();
        let fit = s.transform(view(), SIZE);
        s.drag(view(), SIZE, vec2(30.0, -10.0));
        let moved = s.transform(view(), SIZE);
        assert!((moved.scale - fit.scale).abs() < 1e-6);
        assert_eq!(moved.rect.min - fit.rect.min, vec2(30.0, -10.0));
        s.toggle_zoom(); // → fit
        s.toggle_zoom(); // → 100 %
        assert!((s.transform(view(), SIZE).scale - 1.0).abs() < 1e-6);
    }
}
