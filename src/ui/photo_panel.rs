//! The centre: the photo in the viewer, or side by side with the earlier upload when the
//! student is on a later attempt and comparison is on.

use super::text::texts;
use super::viewer::{self, PhotoView};
use super::{Command, ReviewApp, compare_panel, theme};

pub fn ui(ui: &mut egui::Ui, app: &mut ReviewApp, out: &mut Vec<Command>) {
    let t = texts(app.lang);
    let Some(shown) = &app.review.shown else {
        ui.centered_and_justified(|ui| {
            ui.label(if app.review.queue.loaded {
                t.no_selection
            } else {
                t.loading
            });
        });
        return;
    };
    if app.view.viewer.compare && !shown.earlier.is_empty() {
        compare_panel::ui(ui, app, out);
        return;
    }
    match &shown.texture {
        Some(tex) => {
            let photo = PhotoView {
                texture: tex,
                report: shown.report.as_ref(),
                histogram: shown.histogram.as_ref(),
                lang: app.lang,
            };
            viewer::photo_ui(ui, &mut app.view.viewer, &photo);
        }
        None => {
            ui.centered_and_justified(|ui| {
                ui.colored_label(
                    theme::ERROR_TEXT,
                    format!(
                        "{}: {}",
                        t.photo_unreadable,
                        shown
                            .photo_error
                            .as_ref()
                            .map(|m| m.render(app.lang))
                            .unwrap_or_default()
                    ),
                );
            });
        }
    }
}
